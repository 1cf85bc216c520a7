// Taking the records out: an export in one of six formats (optionally with people replaced by
// stable pseudonyms, optionally only the rows the matrix filter shows) that runs as a job with
// progress and Cancel; and bundles, the signed copy of one person's ledger that moves records
// between workspaces without a shared folder.
import { useEffect, useMemo } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { EXPORT_FORMATS } from '../../../electron/core/contract/enums';
import type { RecordsView } from '../../../electron/core/contract/views/records';
import { filterMatrix, isEmptyFilter } from '../../../electron/core/records/filter';
import { Banner } from '../../components/Banner';
import { Button } from '../../components/Button';
import { CheckboxField } from '../../components/CheckboxField';
import { ChoiceGroup } from '../../components/ChoiceGroup';
import { DataTable } from '../../components/DataTable';
import { Panel } from '../../components/Panel';
import { shortHash } from '../../format';
import { toRecordsFilter } from '../../state/recordsSlice';
import { useStewardStore } from '../../state/store';
import { JobLiveRegion, JobProgress } from './JobProgress';
import { formatCount, formatLabel } from './recordsWords';
import { requestOf } from '../../state/requests';
import { ErrorMessage, wordReason } from '../../i18n/reasons';
import { Downloads } from './DownloadLink';

function PathLine({ label, path }: { label: string; path: string }) {
  return (
    <div className="path-display">
      <span className="path-display__label">{label}</span>
      <code className="path-display__value">{path}</code>
    </div>
  );
}

function ExportPanel({ view }: { view: RecordsView }) {
  const { t } = useTranslation('records');
  const s = useStewardStore(
    useShallow((state) => ({
      options: state.exportOptions,
      filter: state.matrixFilter,
      job: state.jobs.export,
      startRequest: requestOf(state.requests, 'startExport'),
      pollRequest: requestOf(state.requests, 'getJob'),
      cancelRequest: requestOf(state.requests, 'cancelJob'),
      setExportOptions: state.setExportOptions,
      startExport: state.startExport,
      watchJob: state.watchJob,
      cancelJob: state.cancelJob,
      clearJob: state.clearJob,
      checkJobAgain: state.checkJobAgain,
      setRecordsTab: state.setRecordsTab,
    })),
  );
  const { options, job } = s;
  const watchJob = s.watchJob;
  useEffect(() => watchJob('export'), [watchJob]);

  const contractFilter = useMemo(() => toRecordsFilter(s.filter), [s.filter]);
  const hasFilter = !isEmptyFilter(contractFilter);
  const filteredRows = useMemo(
    () => (hasFilter ? filterMatrix(view.matrix, contractFilter, view.people).length : view.matrix.length),
    [hasFilter, view.matrix, view.people, contractFilter],
  );
  const usesMatrix = options.format !== 'csv-reviews';
  const running = job?.state === 'running';

  return (
    <Panel title={t('export.title')} description={t('export.description')}>
      <JobLiveRegion job={job} what={t('export.jobName')} />
      {job === null || running ? (
        <form
          className="stack stack--tight"
          onSubmit={(event) => {
            event.preventDefault();
            if (!running) void s.startExport();
          }}
        >
          <ChoiceGroup
            name="export-format"
            legend={t('export.format')}
            type="single"
            options={EXPORT_FORMATS.map((format) => ({
              id: format,
              text: formatLabel(t, format).label,
              hint: formatLabel(t, format).hint,
              disabled: running,
            }))}
            selected={[options.format]}
            onChange={([format]) => {
              const chosen = EXPORT_FORMATS.find((f) => f === format);
              if (chosen) s.setExportOptions({ format: chosen });
            }}
          />
          <CheckboxField
            label={t('export.pseudonymise')}
            hint={t('export.pseudonymiseHint')}
            checked={options.pseudonymise}
            onChange={(pseudonymise) => s.setExportOptions({ pseudonymise })}
          />
          {usesMatrix ? (
            <CheckboxField
              label={t('export.applyFilter')}
              hint={
                hasFilter
                  ? t('export.applyFilterHint', { count: filteredRows, total: view.matrix.length })
                  : t('export.noFilterHint')
              }
              checked={options.applyFilter}
              onChange={(applyFilter) => s.setExportOptions({ applyFilter })}
            />
          ) : null}
          {s.startRequest.error ? (
            <Banner level="error" title={t('export.startFailed')}>
              <ErrorMessage error={s.startRequest.error} />
            </Banner>
          ) : null}
          {running && job ? (
            <JobProgress
              job={job}
              onCancel={() => void s.cancelJob('export')}
              cancelling={s.cancelRequest.status === 'pending'}
              cancelError={s.cancelRequest.error}
              pollError={s.pollRequest.error}
              onCheckAgain={() => s.checkJobAgain('export')}
            />
          ) : (
            <div className="button-row">
              <Button
                type="submit"
                variant="primary"
                icon="arrowRight"
                busy={s.startRequest.status === 'pending'}
                busyLabel={t('export.starting')}
              >
                {t('export.start')}
              </Button>
              {hasFilter && options.applyFilter && usesMatrix ? (
                <button type="button" className="link-button" onClick={() => s.setRecordsTab('matrix')}>
                  {t('export.reviewFilter')}
                </button>
              ) : null}
            </div>
          )}
        </form>
      ) : null}
      {job?.state === 'done' ? (
        <Banner
          level="success"
          title={t('export.finished')}
          actions={
            <Button size="sm" onClick={() => s.clearJob('export')}>
              {t('export.again')}
            </Button>
          }
        >
          {job.file ? <PathLine label={t('export.savedTo')} path={job.file} /> : <p>{t('export.written')}</p>}
          {job.companion ? <PathLine label={t('export.companion')} path={job.companion} /> : null}
          <Downloads files={[job.file, job.companion]} />
        </Banner>
      ) : null}
      {job?.state === 'cancelled' ? (
        <Banner
          level="info"
          title={t('export.cancelled')}
          actions={
            <Button size="sm" onClick={() => s.clearJob('export')}>
              {t('export.backToOptions')}
            </Button>
          }
        >
          <p>{t('export.nothingLeft')}</p>
        </Banner>
      ) : null}
      {job?.state === 'failed' ? (
        <Banner
          level="error"
          title={t('export.failed')}
          actions={
            <Button size="sm" variant="primary" onClick={() => s.clearJob('export')}>
              {t('export.backToOptions')}
            </Button>
          }
        >
          <p>{job.error ?? t('export.failedDefault')}</p>
          <p>{t('export.failedBody')}</p>
        </Banner>
      ) : null}
    </Panel>
  );
}

function BundlesPanel() {
  const { t } = useTranslation('records');
  const s = useStewardStore(
    useShallow((state) => ({
      bundle: state.bundleResult,
      imported: state.importResult,
      exportRequest: requestOf(state.requests, 'exportMyRecords'),
      importRequest: requestOf(state.requests, 'importRecords'),
      exportMyRecords: state.exportMyRecords,
      importRecords: state.importRecords,
    })),
  );
  return (
    <Panel title={t('bundles.title')} description={t('bundles.description')}>
      <div className="bundles">
        <section className="surface-outline bundles__part" aria-labelledby="bundles-export">
          <h3 id="bundles-export" className="bundles__title">
            {t('bundles.exportTitle')}
          </h3>
          <p className="text-muted text-small">{t('bundles.exportHint')}</p>
          <div className="button-row">
            <Button
              icon="user"
              busy={s.exportRequest.status === 'pending'}
              busyLabel={t('bundles.exporting')}
              onClick={() => void s.exportMyRecords()}
            >
              {t('bundles.exportButton')}
            </Button>
          </div>
          {s.exportRequest.error ? (
            <Banner level="error" title={t('bundles.exportFailed')}>
              <ErrorMessage error={s.exportRequest.error} />
            </Banner>
          ) : null}
          {s.bundle?.file ? (
            <Banner level="success" title={t('bundles.exported', { count: s.bundle.entries })}>
              <PathLine label={t('export.savedTo')} path={s.bundle.file} />
              <Downloads files={[s.bundle.file]} />
              {s.bundle.headHash ? (
                <p className="text-small">
                  <Trans
                    t={t}
                    i18nKey="bundles.headHash"
                    values={{ hash: shortHash(s.bundle.headHash) }}
                    components={{ code: <code className="mono-text" title={s.bundle.headHash} /> }}
                  />
                </p>
              ) : null}
            </Banner>
          ) : null}
        </section>
        <section className="surface-outline bundles__part" aria-labelledby="bundles-import">
          <h3 id="bundles-import" className="bundles__title">
            {t('bundles.importTitle')}
          </h3>
          <p className="text-muted text-small">{t('bundles.importHint')}</p>
          <div className="button-row">
            <Button
              icon="folder"
              busy={s.importRequest.status === 'pending'}
              busyLabel={t('bundles.importing')}
              onClick={() => void s.importRecords()}
            >
              {t('bundles.importButton')}
            </Button>
          </div>
          {s.importRequest.error ? (
            <Banner level="error" title={t('bundles.importFailed')}>
              <ErrorMessage error={s.importRequest.error} />
              <p>{t('bundles.importFailedBody')}</p>
            </Banner>
          ) : null}
        </section>
      </div>
      {s.imported?.file ? (
        <div className="stack stack--tight bundles__result">
          <Banner level="success" title={t('bundles.imported', { file: s.imported.file })}>
            <p>
              {s.imported.profiles.length === 0
                ? t('bundles.importedNothing')
                : t('bundles.importedPeople', { count: s.imported.profiles.length })}
            </p>
          </Banner>
          {s.imported.profiles.length > 0 ? (
            <DataTable
              label={t('bundles.resultLabel')}
              columns={[
                t('bundles.columns.person'),
                { label: t('bundles.columns.added'), className: 'data-table__number' },
                t('bundles.columns.result'),
              ]}
            >
              {s.imported.profiles.map((profile) => (
                <tr key={profile.profileId}>
                  <th scope="row">{profile.name}</th>
                  <td className="data-table__number">{formatCount(profile.added)}</td>
                  <td>{t(`bundles.results.${profile.status}`)}</td>
                </tr>
              ))}
            </DataTable>
          ) : null}
          {s.imported.skipped.length > 0 ? (
            <Banner level="info" title={t('bundles.skipped')}>
              <ul>
                {s.imported.skipped.map((skip) => (
                  <li key={skip.profileId}>
                    {t('bundles.skip', { name: skip.name, reason: wordReason(skip.reason) })}
                  </li>
                ))}
              </ul>
            </Banner>
          ) : null}
          {s.imported.warnings.length > 0 ? (
            <Banner level="warning" title={t('bundles.warnings')}>
              <ul>
                {s.imported.warnings.map((warning, i) => (
                  <li key={`${warning.code}-${i}`}>{wordReason(warning)}</li>
                ))}
              </ul>
            </Banner>
          ) : null}
        </div>
      ) : null}
    </Panel>
  );
}

export function ExportTab({ view }: { view: RecordsView }) {
  return (
    <div className="stack">
      <ExportPanel view={view} />
      <BundlesPanel />
    </div>
  );
}
