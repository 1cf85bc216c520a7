// Taking the records out: an export in one of six formats (optionally with people replaced by
// stable pseudonyms, optionally only the rows the matrix filter shows) that runs as a job with
// progress and Cancel; and bundles, the signed copy of one person's ledger that moves records
// between workspaces without a shared folder.
import { useEffect, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { EXPORT_FORMATS, type RecordsView } from '../../../electron/core/contract';
import { filterMatrix, isEmptyFilter } from '../../../electron/core/records/filter';
import { Banner } from '../../components/Banner';
import { Button } from '../../components/Button';
import { CheckboxField } from '../../components/CheckboxField';
import { ChoiceGroup } from '../../components/ChoiceGroup';
import { DataTable } from '../../components/DataTable';
import { Panel } from '../../components/Panel';
import { plural, shortHash } from '../../format';
import { toRecordsFilter } from '../../state/recordsSlice';
import { useStewardStore } from '../../state/store';
import { JobLiveRegion, JobProgress } from './JobProgress';
import { formatCount, FORMAT_WORDS } from './recordsWords';

function PathLine({ label, path }: { label: string; path: string }) {
  return (
    <div className="path-display">
      <span className="path-display__label">{label}</span>
      <code className="path-display__value">{path}</code>
    </div>
  );
}

function ExportPanel({ view }: { view: RecordsView }) {
  const s = useStewardStore(
    useShallow((state) => ({
      options: state.exportOptions,
      filter: state.matrixFilter,
      job: state.jobs.export,
      startRequest: state.recordsRequests.startExport,
      pollRequest: state.recordsRequests.pollJob,
      cancelRequest: state.recordsRequests.cancelJob,
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
    <Panel
      title="Export"
      description="Every export carries the head hash of every ledger it was built from, so a later truncation of any ledger is detectable."
    >
      <JobLiveRegion job={job} what="Export" />
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
            legend="Format"
            type="single"
            options={EXPORT_FORMATS.map((format) => ({
              id: format,
              text: FORMAT_WORDS[format].label,
              hint: FORMAT_WORDS[format].hint,
              disabled: running,
            }))}
            selected={[options.format]}
            onChange={([format]) => {
              const chosen = EXPORT_FORMATS.find((f) => f === format);
              if (chosen) s.setExportOptions({ format: chosen });
            }}
          />
          <CheckboxField
            label="Pseudonymise people"
            hint="People become stable pseudonyms; teams and dates stay."
            checked={options.pseudonymise}
            onChange={(pseudonymise) => s.setExportOptions({ pseudonymise })}
          />
          {usesMatrix ? (
            <CheckboxField
              label="Apply the current matrix filter"
              hint={
                hasFilter
                  ? `Only the ${formatCount(filteredRows)} of ${formatCount(view.matrix.length)} matrix rows the filter shows now.`
                  : 'No filter is set in the completion matrix, so every row is exported either way.'
              }
              checked={options.applyFilter}
              onChange={(applyFilter) => s.setExportOptions({ applyFilter })}
            />
          ) : null}
          {s.startRequest.error ? (
            <Banner level="error" title="The export could not start">
              <p>{s.startRequest.error.message}</p>
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
                busyLabel="Starting…"
              >
                Start export
              </Button>
              {hasFilter && options.applyFilter && usesMatrix ? (
                <button type="button" className="link-button" onClick={() => s.setRecordsTab('matrix')}>
                  Review the filter
                </button>
              ) : null}
            </div>
          )}
        </form>
      ) : null}
      {job?.state === 'done' ? (
        <Banner
          level="success"
          title="Export finished"
          actions={
            <Button size="sm" onClick={() => s.clearJob('export')}>
              Export something else
            </Button>
          }
        >
          {job.file ? <PathLine label="Saved to" path={job.file} /> : <p>The export was written.</p>}
        </Banner>
      ) : null}
      {job?.state === 'cancelled' ? (
        <Banner
          level="info"
          title="Export cancelled"
          actions={
            <Button size="sm" onClick={() => s.clearJob('export')}>
              Back to the export options
            </Button>
          }
        >
          <p>No file was left behind.</p>
        </Banner>
      ) : null}
      {job?.state === 'failed' ? (
        <Banner
          level="error"
          title="The export failed"
          actions={
            <Button size="sm" variant="primary" onClick={() => s.clearJob('export')}>
              Back to the export options
            </Button>
          }
        >
          <p>{job.error ?? 'Steward stopped before the file was complete.'}</p>
          <p>Nothing was recorded as exported. Fix what the message says, then start the export again.</p>
        </Banner>
      ) : null}
    </Panel>
  );
}

const IMPORT_WORDS = {
  added: 'Added: new to this workspace',
  extended: 'Extended: newer entries added',
  unchanged: 'Unchanged: already up to date',
} as const;

function BundlesPanel() {
  const s = useStewardStore(
    useShallow((state) => ({
      bundle: state.bundleResult,
      imported: state.importResult,
      exportRequest: state.recordsRequests.exportMyRecords,
      importRequest: state.recordsRequests.importRecords,
      exportMyRecords: state.exportMyRecords,
      importRecords: state.importRecords,
    })),
  );
  return (
    <Panel
      title="Bundles"
      description="A bundle is your own ledger, signed, in one file: hand it to a manager who does not share your workspace folder, or import someone's bundle here. A bundle that does not verify is refused whole."
    >
      <div className="bundles">
        <section className="bundles__part" aria-labelledby="bundles-export">
          <h3 id="bundles-export" className="bundles__title">
            Export my records
          </h3>
          <p className="text-muted text-small">You choose where the file goes.</p>
          <div className="button-row">
            <Button
              icon="user"
              busy={s.exportRequest.status === 'pending'}
              busyLabel="Exporting…"
              onClick={() => void s.exportMyRecords()}
            >
              Export my records
            </Button>
          </div>
          {s.exportRequest.error ? (
            <Banner level="error" title="Your records were not exported">
              <p>{s.exportRequest.error.message}</p>
            </Banner>
          ) : null}
          {s.bundle?.file ? (
            <Banner level="success" title={`Exported ${plural(s.bundle.entries, 'entry', 'entries')}`}>
              <PathLine label="Saved to" path={s.bundle.file} />
              {s.bundle.headHash ? (
                <p className="text-small">
                  Head hash{' '}
                  <code className="mono-text" title={s.bundle.headHash}>
                    {shortHash(s.bundle.headHash)}
                  </code>
                </p>
              ) : null}
            </Banner>
          ) : null}
        </section>
        <section className="bundles__part" aria-labelledby="bundles-import">
          <h3 id="bundles-import" className="bundles__title">
            Import records
          </h3>
          <p className="text-muted text-small">A bundle or a JSON export from another Steward.</p>
          <div className="button-row">
            <Button
              icon="folder"
              busy={s.importRequest.status === 'pending'}
              busyLabel="Importing…"
              onClick={() => void s.importRecords()}
            >
              Import records…
            </Button>
          </div>
          {s.importRequest.error ? (
            <Banner level="error" title="The file was not imported">
              <p>{s.importRequest.error.message}</p>
              <p>Nothing from it was added. Ask the sender for a fresh export if the file may be damaged.</p>
            </Banner>
          ) : null}
        </section>
      </div>
      {s.imported?.file ? (
        <div className="stack stack--tight bundles__result">
          <Banner level="success" title={`Imported ${s.imported.file}`}>
            <p>
              {s.imported.profiles.length === 0
                ? 'The file held no records.'
                : `${plural(s.imported.profiles.length, 'person', 'people')} in the file. The dashboard now includes them, marked “Imported”.`}
            </p>
          </Banner>
          {s.imported.profiles.length > 0 ? (
            <DataTable
              label="What the import did"
              columns={['Person', { label: 'Entries added', className: 'data-table__number' }, 'Result']}
            >
              {s.imported.profiles.map((profile) => (
                <tr key={profile.profileId}>
                  <th scope="row">{profile.name}</th>
                  <td className="data-table__number">{formatCount(profile.added)}</td>
                  <td>{IMPORT_WORDS[profile.status]}</td>
                </tr>
              ))}
            </DataTable>
          ) : null}
          {s.imported.skipped.length > 0 ? (
            <Banner level="info" title="Not imported">
              <ul>
                {s.imported.skipped.map((skip) => (
                  <li key={skip.profileId}>
                    {skip.name}: {skip.reason}
                  </li>
                ))}
              </ul>
            </Banner>
          ) : null}
          {s.imported.warnings.length > 0 ? (
            <Banner level="warning" title="Worth knowing">
              <ul>
                {s.imported.warnings.map((warning) => (
                  <li key={warning}>{warning}</li>
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
