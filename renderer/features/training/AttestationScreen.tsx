// Attestation: the module's statement, which the learner confirms explicitly and signs with
// their key. Core binds the signature to the content version that was passed; if the module
// changed since, it refuses and the learner retakes the knowledge check.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { Banner } from '../../components/Banner';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { Button } from '../../components/Button';
import { ButtonLink } from '../../components/ButtonLink';
import { CheckboxField } from '../../components/CheckboxField';
import { Panel } from '../../components/Panel';
import { ScreenHeader } from '../../components/ScreenHeader';
import { Spinner } from '../../components/Spinner';
import { shortHash } from '../../format';
import { hrefFor } from '../../routes';
import { useStewardStore } from '../../state/store';
import { useModuleCard } from './useModuleCard';
import { requestOf } from '../../state/requests';
import { ErrorMessage } from '../../i18n/reasons';

export function AttestationScreen() {
  const { t } = useTranslation('training');
  const {
    moduleId,
    openModule,
    openRequest,
    attestRequest,
    quiz,
    profile,
    openTrainingModule,
    attestModule,
    navigate,
    clearRequest,
  } = useStewardStore(
    useShallow((s) => ({
      moduleId: s.routeParams.moduleId,
      openModule: s.openModule,
      openRequest: requestOf(s.requests, 'startTrainingModule'),
      attestRequest: requestOf(s.requests, 'attestTrainingModule'),
      quiz: s.quiz,
      profile: s.profile,
      openTrainingModule: s.openTrainingModule,
      attestModule: s.attestModule,
      navigate: s.navigate,
      clearRequest: s.clearRequest,
    })),
  );
  // Fresh from the catalogue: whether a passed attempt is waiting to be signed.
  const { card, fresh } = useModuleCard(moduleId, { refresh: true });
  const catalogueError = useStewardStore((s) => requestOf(s.requests, 'listTrainingModules').error);
  const [confirmed, setConfirmed] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const checkboxRef = useRef<HTMLInputElement>(null);

  const content = openModule !== null && openModule.card.id === moduleId ? openModule : null;

  useEffect(() => {
    clearRequest('attestTrainingModule');
  }, [clearRequest]);

  // The statement is part of the module's content; open it if the reader has not (a reload) —
  // only when there is something to sign, since opening a module is recorded.
  const needsContent = moduleId !== null && content === null && fresh && card?.readyToAttest === true;
  useEffect(() => {
    if (needsContent && moduleId !== null) void openTrainingModule(moduleId);
  }, [needsContent, moduleId, openTrainingModule]);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (moduleId === null || card === null || attestRequest.status === 'pending') return;
    if (!confirmed) {
      setError(t('attest.confirmMissing'));
      checkboxRef.current?.focus();
      return;
    }
    // Sign for the version that was passed: the quiz's if it is still loaded, else the card's.
    const contentHash = quiz !== null && quiz.moduleId === moduleId ? quiz.contentHash : card.contentHash;
    const certificate = await attestModule(moduleId, contentHash);
    if (certificate !== null) navigate({ route: 'certificate', entryHash: certificate.entryHash });
  };

  const title = card?.title ?? content?.card.title ?? t('moduleFallback');
  const ready = card?.readyToAttest ?? false;
  const loading = card === null || !fresh || (ready && content === null);
  const changed = attestRequest.error?.code === 'CONTENT_CHANGED';

  return (
    <>
      <Breadcrumbs
        items={[
          { label: t('breadcrumb.training'), href: hrefFor('training') },
          { label: title, href: moduleId ? hrefFor({ route: 'training-module', moduleId }) : undefined },
          { label: t('attest.breadcrumb') },
        ]}
      />
      <ScreenHeader title={t('attest.title')}>
        <p>{t('attest.lead', { module: title })}</p>
      </ScreenHeader>
      {(openRequest.error && content === null) || (catalogueError && card === null) ? (
        <Banner level="error" title={t('attest.loadFailed')}>
          {(openRequest.error ?? catalogueError) ? (
            <ErrorMessage error={(openRequest.error ?? catalogueError)!} />
          ) : null}
        </Banner>
      ) : loading ? (
        <Spinner label={t('attest.loading')} />
      ) : null}
      {!loading && !ready ? (
        <Banner
          level="warning"
          title={t('attest.notReadyTitle')}
          actions={
            moduleId ? (
              <ButtonLink size="sm" href={hrefFor({ route: 'training-quiz', moduleId })}>
                {t('takeCheck')}
              </ButtonLink>
            ) : null
          }
        >
          <p>{t('attest.notReadyText')}</p>
        </Banner>
      ) : null}
      {!loading && ready && content && card ? (
        <form className="stack" noValidate onSubmit={(event) => void submit(event)}>
          <Panel title={t('attest.statement')}>
            <blockquote className="attestation">
              <p>{content.attestation}</p>
            </blockquote>
            <dl className="details details--compact attestation__who">
              <div className="details__row">
                <dt>{t('attest.signedBy')}</dt>
                <dd>{t('attest.signer', { name: profile?.name ?? '', email: profile?.email ?? '' })}</dd>
              </div>
              <div className="details__row">
                <dt>{t('attest.fingerprint')}</dt>
                <dd>
                  <code className="fingerprint">{profile?.fingerprint}</code>
                </dd>
              </div>
              <div className="details__row">
                <dt>{t('attest.moduleVersion')}</dt>
                <dd>
                  {card.version}{' '}
                  <code className="mono-text" title={card.contentHash}>
                    ({shortHash(card.contentHash)})
                  </code>
                </dd>
              </div>
            </dl>
          </Panel>
          <CheckboxField
            ref={checkboxRef}
            label={t('attest.confirm')}
            checked={confirmed}
            onChange={(checked) => {
              setConfirmed(checked);
              if (checked) setError(null);
            }}
            required
            error={error}
          />
          {attestRequest.error ? (
            <Banner
              level="error"
              title={changed ? t('attest.changedTitle') : t('attest.notSigned')}
              actions={
                changed ? (
                  <ButtonLink size="sm" href={hrefFor({ route: 'training-quiz', moduleId: card.id })}>
                    {t('attest.retake')}
                  </ButtonLink>
                ) : null
              }
            >
              <ErrorMessage error={attestRequest.error} />
            </Banner>
          ) : null}
          <div className="button-row">
            <Button
              type="submit"
              variant="primary"
              icon="signature"
              busy={attestRequest.status === 'pending'}
              busyLabel={t('attest.signing')}
            >
              {t('attest.sign')}
            </Button>
          </div>
        </form>
      ) : null}
    </>
  );
}
