// Content & policy: the release of policy, modules, translations and questionnaire in force (its
// number, when, by whom, how many files), what went wrong with a newer one, the releases before
// it; and for an admin, publishing from a folder: check it (problems as "file: field: reason"),
// see what it changes (module versions and who must retake, policy, questionnaire, files), then
// publish it.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { api, toApiError } from '../../api';
import { Banner } from '../../components/Banner';
import { Button } from '../../components/Button';
import { Panel } from '../../components/Panel';
import { ScreenHeader } from '../../components/ScreenHeader';
import { Spinner } from '../../components/Spinner';
import { TextField } from '../../components/TextField';
import type { ReleasePreview, ReleaseSummary } from '../../../electron/core/contract/views/org';
import { formatDateTime, formatNumber, shortHash } from '../../format';
import { ErrorMessage, ReasonList, wordError } from '../../i18n/reasons';
import { requestOf } from '../../state/requests';
import { useStewardStore } from '../../state/store';
import { useOrganisation } from './useOrganisation';

function ReleaseFacts({ release }: { release: ReleaseSummary }) {
  const { t } = useTranslation(['org', 'common']);
  return (
    <dl className="details">
      <div className="details__row">
        <dt>{t('content.number')}</dt>
        <dd>{formatNumber(release.release)}</dd>
      </div>
      <div className="details__row">
        <dt>{t('content.when')}</dt>
        <dd>
          <time dateTime={release.at}>{formatDateTime(release.at)}</time>
        </dd>
      </div>
      <div className="details__row">
        <dt>{t('content.by')}</dt>
        <dd>{release.by}</dd>
      </div>
      <div className="details__row">
        <dt>{t('content.files')}</dt>
        <dd>{formatNumber(release.files)}</dd>
      </div>
      <div className="details__row">
        <dt>{t('content.manifest')}</dt>
        <dd>
          <code className="hash-text" title={release.manifestHash}>
            {shortHash(release.manifestHash)}
          </code>
        </dd>
      </div>
    </dl>
  );
}

function PreviewView({ preview }: { preview: ReleasePreview }) {
  const { t } = useTranslation(['org', 'common']);
  const { changeOrganisation, publishRequest, clearReleasePreview } = useStewardStore(
    useShallow((s) => ({
      changeOrganisation: s.changeOrganisation,
      publishRequest: requestOf(s.requests, 'publishRelease'),
      clearReleasePreview: s.clearReleasePreview,
    })),
  );
  const { added, changed, removed } = preview.fileChanges;
  const nothing = added.length + changed.length + removed.length === 0;
  return (
    <section className="stack stack--tight" aria-labelledby="release-preview-heading">
      <h3 id="release-preview-heading">{t('publish.previewTitle', { release: preview.release })}</h3>
      <p className="text-small text-muted">
        <code>{preview.dir}</code> ·{' '}
        {t('publish.size', { files: preview.files, kb: formatNumber(Math.ceil(preview.bytes / 1024)) })}
      </p>
      {preview.problems.length > 0 ? (
        <Banner level="error" title={t('publish.problems', { count: preview.problems.length })}>
          <ul className="problems__list">
            {preview.problems.map((p, i) => (
              <li key={i} className="problems__item">
                <code>{p.file}</code>
                {p.field ? `: ${p.field}` : ''}: {p.reason}
              </li>
            ))}
          </ul>
        </Banner>
      ) : null}
      <h4>{t('publish.modules')}</h4>
      {preview.modules.length === 0 ? (
        <p className="text-muted">{t('publish.noModuleChange')}</p>
      ) : (
        <ul className="bullet-list">
          {preview.modules.map((m) => (
            <li key={m.moduleId}>
              {m.from === null
                ? t('publish.moduleAdded', { title: m.title, to: m.to })
                : m.to === null
                  ? t('publish.moduleRemoved', { title: m.title, from: m.from })
                  : t('publish.moduleChanged', { title: m.title, from: m.from, to: m.to })}{' '}
              {m.retake
                ? m.mustRetake.length > 0
                  ? t('publish.retake', {
                      count: m.mustRetake.length,
                      names: m.mustRetake.map((p) => p.name).join(', '),
                    })
                  : t('publish.retakeNobody')
                : m.from !== null && m.to !== null
                  ? t('publish.noRetake')
                  : ''}
            </li>
          ))}
        </ul>
      )}
      <h4>{t('publish.policy')}</h4>
      {preview.policy.length === 0 ? (
        <p className="text-muted">
          {changed.includes('policy.yaml') ? t('publish.policyOther') : t('publish.noPolicyChange')}
        </p>
      ) : (
        <ul className="bullet-list">
          {preview.policy.map((p) => (
            <li key={p.field}>{t('publish.policyItem', { field: p.field, from: p.from, to: p.to })}</li>
          ))}
        </ul>
      )}
      <p>
        {preview.questionnaire.from === preview.questionnaire.to
          ? t('publish.questionnaireSame', { version: preview.questionnaire.to ?? '—' })
          : t('publish.questionnaireChanged', {
              from: preview.questionnaire.from ?? '—',
              to: preview.questionnaire.to ?? '—',
            })}
      </p>
      <h4>{t('publish.fileChanges')}</h4>
      {nothing ? (
        <p className="text-muted">{t('publish.noFileChange')}</p>
      ) : (
        <ul className="bullet-list">
          {added.map((f) => (
            <li key={`a${f}`}>{t('publish.added', { file: f })}</li>
          ))}
          {changed.map((f) => (
            <li key={`c${f}`}>{t('publish.changed', { file: f })}</li>
          ))}
          {removed.map((f) => (
            <li key={`r${f}`}>{t('publish.removed', { file: f })}</li>
          ))}
        </ul>
      )}
      {publishRequest.error ? (
        <Banner level="error">
          <ErrorMessage error={publishRequest.error} />
        </Banner>
      ) : null}
      <div className="button-row">
        {preview.problems.length === 0 && !nothing ? (
          <Button
            variant="primary"
            busy={publishRequest.status === 'pending'}
            busyLabel={t('publish.publishing')}
            onClick={() => void changeOrganisation('publishRelease', { dir: preview.dir })}
          >
            {t('publish.publish', { release: preview.release })}
          </Button>
        ) : null}
        <Button variant="ghost" onClick={clearReleasePreview}>
          {t('common:actions.cancel')}
        </Button>
      </div>
    </section>
  );
}

function Publish() {
  const { t } = useTranslation(['org', 'common']);
  const { settings, preview, previewRelease, request, published, clearRequest } = useStewardStore(
    useShallow((s) => ({
      settings: s.settings,
      preview: s.releasePreview,
      previewRelease: s.previewRelease,
      request: requestOf(s.requests, 'previewRelease'),
      published:
        requestOf(s.requests, 'publishRelease').status === 'succeeded'
          ? (s.organisation?.content.release?.release ?? null)
          : null,
      clearRequest: s.clearRequest,
    })),
  );
  const [dir, setDir] = useState('');
  const [error, setError] = useState<string | null>(null);

  const check = async (target: string) => {
    clearRequest('publishRelease');
    if (target.trim() === '') {
      setError(t('publish.folderMissing'));
      return;
    }
    setError(null);
    await previewRelease(target.trim());
  };
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    await check(dir);
  };
  const browse = async () => {
    try {
      const picked = await api().pickWorkspaceFolder();
      if (picked.dir !== null) {
        setDir(picked.dir);
        await check(picked.dir);
      }
    } catch (caught) {
      setError(wordError(toApiError(caught, 'pickWorkspaceFolder').toPayload()));
    }
  };

  return (
    <Panel title={t('publish.title')} description={<p>{t('publish.description')}</p>}>
      {published !== null && !preview ? (
        <Banner level="success">
          <p>{t('publish.done', { release: published })}</p>
        </Banner>
      ) : null}
      {preview ? (
        <PreviewView preview={preview} />
      ) : (
        <form className="form form--inline" noValidate onSubmit={(event) => void submit(event)}>
          <TextField
            label={t('publish.folder')}
            hint={t('publish.folderHint')}
            monospace
            spellCheck={false}
            autoComplete="off"
            value={dir}
            onChange={(value) => {
              setDir(value);
              setError(null);
            }}
            error={error ?? (request.status === 'failed' && request.error ? wordError(request.error) : null)}
          />
          <div className="button-row">
            <Button
              type="submit"
              variant="primary"
              busy={request.status === 'pending'}
              busyLabel={t('publish.checking')}
            >
              {t('publish.check')}
            </Button>
            {settings?.canPickFolder ? (
              <Button icon="folder" onClick={() => void browse()}>
                {t('publish.browse')}
              </Button>
            ) : null}
          </div>
        </form>
      )}
    </Panel>
  );
}

export function ContentScreen() {
  const { t } = useTranslation(['org', 'common']);
  const { organisation, request } = useOrganisation();
  const content = organisation?.content;
  const isAdmin = organisation?.me?.isAdmin ?? false;
  const releases = organisation?.org?.releases ?? [];
  return (
    <>
      <ScreenHeader title={t('content.title')}>
        <p>{t('content.lead')}</p>
      </ScreenHeader>
      {organisation === null || content === undefined ? (
        request.error ? (
          <Banner level="error">
            <ErrorMessage error={request.error} />
          </Banner>
        ) : (
          <Spinner label={t('screen.loading')} />
        )
      ) : (
        <div className="stack">
          <Panel title={t('content.inForce')}>
            {content.release ? (
              <ReleaseFacts release={content.release} />
            ) : (
              <p>{organisation.state === 'member' ? t('content.noRelease') : t('content.bundled')}</p>
            )}
            {content.problems.length > 0 ? (
              <Banner level="warning" title={t('content.problems')}>
                <ReasonList reasons={content.problems} className="bullet-list" />
              </Banner>
            ) : null}
          </Panel>
          {organisation.state === 'member' && isAdmin ? <Publish /> : null}
          {releases.length > 1 ? (
            <Panel title={t('content.history')}>
              <ul className="bullet-list">
                {releases.map((r) => (
                  <li key={r.manifestHash}>
                    {t('content.historyItem', {
                      release: r.release,
                      at: formatDateTime(r.at),
                      by: r.by,
                      files: r.files,
                    })}
                  </li>
                ))}
              </ul>
            </Panel>
          ) : null}
        </div>
      )}
    </>
  );
}
