// The workspace's integrity at a glance: each ledger with its entry count, head hash and state,
// the problems found (file, entry, reason), and a full check of every signature on request. The
// full check runs as a job in the main process: a progress bar while it replays the ledgers, a
// Cancel button, and its report in place of the quick check's once it is done.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { VerifyReport } from '../../../electron/core/contract/views/app';
import { Banner } from '../../components/Banner';
import { Button } from '../../components/Button';
import { Icon } from '../../components/Icon';
import { Panel } from '../../components/Panel';
import { Spinner } from '../../components/Spinner';
import { formatDateTime, shortHash } from '../../format';
import { useStewardStore } from '../../state/store';
import { JobLiveRegion, JobProgress } from './JobProgress';
import { formatCount, type RecordsT } from './recordsWords';
import { requestOf } from '../../state/requests';
import { useWordReason, ErrorMessage } from '../../i18n/reasons';

/** The newer of the opening quick check and the last full check. */
function latestReport(quick: VerifyReport | null, full: VerifyReport | null): VerifyReport | null {
  if (quick === null || full === null) return full ?? quick;
  return Date.parse(full.checkedAt) >= Date.parse(quick.checkedAt) ? full : quick;
}

function describeDepth(t: RecordsT, report: VerifyReport): string {
  return report.depth === 'full' ? t('integrity.depthFull') : t('integrity.depthQuick');
}

function Summary({ report }: { report: VerifyReport }) {
  const { t } = useTranslation('records');
  const entries = report.ledgers.reduce((sum, ledger) => sum + ledger.entries, 0);
  const errors = report.problems.filter((p) => p.severity === 'error').length;
  const warnings = report.problems.length - errors;
  const state = errors > 0 ? 'error' : warnings > 0 ? 'warning' : 'success';
  const title =
    errors > 0
      ? t('integrity.problemsFound', { count: errors })
      : warnings > 0
        ? t('integrity.intactWithWarnings', { count: warnings })
        : report.ledgers.length === 0
          ? t('integrity.noLedgers')
          : t('integrity.allIntact', { count: report.ledgers.length });
  return (
    <div className={`integrity-summary integrity-summary--${state}`}>
      <Icon name={state} className="integrity-summary__icon" />
      <div>
        <p className="integrity-summary__title">{title}</p>
        <p className="integrity-summary__meta">
          {describeDepth(t, report)} · {t('integrity.entries', { count: entries })} ·{' '}
          <time dateTime={report.checkedAt}>{formatDateTime(report.checkedAt)}</time>
        </p>
      </div>
    </div>
  );
}

function LedgerTable({ report, ownProfileId }: { report: VerifyReport; ownProfileId: string | null }) {
  const { t } = useTranslation('records');
  if (report.ledgers.length === 0) {
    return <p className="text-muted">{t('integrity.noLedgersBody')}</p>;
  }
  return (
    <div className="table-scroll">
      <table className="data-table">
        <caption className="visually-hidden">{t('integrity.table.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('integrity.table.file')}</th>
            <th scope="col" className="data-table__number">
              {t('integrity.table.entries')}
            </th>
            <th scope="col">{t('integrity.table.headHash')}</th>
            <th scope="col">{t('integrity.table.state')}</th>
          </tr>
        </thead>
        <tbody>
          {report.ledgers.map((ledger) => (
            <tr key={ledger.file}>
              <td>
                <code className="mono-text">{ledger.file}</code>
                {ledger.profileId === ownProfileId ? (
                  <span className="tag">{t('integrity.table.yours')}</span>
                ) : null}
              </td>
              <td className="data-table__number">{formatCount(ledger.entries)}</td>
              <td>
                {ledger.headHash ? (
                  <code className="mono-text" title={ledger.headHash}>
                    {shortHash(ledger.headHash)}
                  </code>
                ) : (
                  <span className="text-muted">{t('integrity.table.empty')}</span>
                )}
              </td>
              <td>
                {ledger.ok ? (
                  <span className="badge badge--success">
                    <Icon name="check" /> {t('integrity.table.intact')}
                  </span>
                ) : (
                  <span className="badge badge--error">
                    <Icon name="error" /> {t('integrity.table.problem')}
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** What witnesses show of a ledger (witness/compare.ts), in a manager's word; null for other problems. */
function witnessKind(t: RecordsT, code: string): string | null {
  switch (code) {
    case 'witness.rollback':
      return t('integrity.witness.kind.rollback');
    case 'witness.deleted':
      return t('integrity.witness.kind.deleted');
    case 'witness.fork':
      return t('integrity.witness.kind.fork');
    case 'witness.disputed':
      return t('integrity.witness.kind.disputed');
    case 'witness.falseClaim':
      return t('integrity.witness.kind.falseClaim');
    default:
      return null;
  }
}

/** Said once above the problems when some ledger no longer matches what colleagues' apps saw of it. */
function WitnessBanner({ report }: { report: VerifyReport }) {
  const { t } = useTranslation('records');
  if (!report.problems.some((p) => p.severity === 'error' && witnessKind(t, p.why.code) !== null))
    return null;
  return (
    <Banner level="error" title={t('integrity.witness.title')}>
      <p>{t('integrity.witness.body')}</p>
    </Banner>
  );
}

function ProblemList({ report }: { report: VerifyReport }) {
  const { t } = useTranslation('records');
  const word = useWordReason();
  if (report.problems.length === 0) return null;
  return (
    <div className="problems">
      <h3 className="problems__title">{t('integrity.problems.title')}</h3>
      <ul className="problems__list">
        {report.problems.map((problem, index) => (
          <li key={`${problem.file}-${problem.seq ?? 'file'}-${index}`} className="problems__item">
            <span className={`badge badge--${problem.severity === 'error' ? 'error' : 'warning'}`}>
              {witnessKind(t, problem.why.code) ??
                t(problem.severity === 'error' ? 'integrity.problems.error' : 'integrity.problems.warning')}
            </span>
            <div>
              <p className="problems__where">
                <code className="mono-text">{problem.file}</code>
                {' · '}
                {problem.seq === null
                  ? t('integrity.problems.wholeFile')
                  : t('integrity.problems.entry', { seq: problem.seq })}
              </p>
              <p className="problems__reason">
                {word(problem.why)}
                {problem.laterLinesNotRead > 0
                  ? ` ${t('integrity.problems.laterLines', { count: problem.laterLinesNotRead })}`
                  : ''}
              </p>
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}

function fullCheckResult(t: RecordsT, report: VerifyReport): string {
  return report.ok
    ? t('integrity.fullValid', { count: report.ledgers.length })
    : t('integrity.fullProblems', { count: report.problems.length });
}

export function IntegrityPanel() {
  const { t } = useTranslation('records');
  const {
    status,
    statusRequest,
    loadWorkspaceStatus,
    profileId,
    job,
    startRequest,
    pollRequest,
    cancelRequest,
    startVerify,
    watchJob,
    cancelJob,
    checkJobAgain,
  } = useStewardStore(
    useShallow((s) => ({
      status: s.workspaceStatus,
      statusRequest: requestOf(s.requests, 'getWorkspaceStatus'),
      loadWorkspaceStatus: s.loadWorkspaceStatus,
      profileId: s.profile?.id ?? null,
      job: s.jobs.verify,
      startRequest: requestOf(s.requests, 'startVerify'),
      pollRequest: requestOf(s.requests, 'getJob'),
      cancelRequest: requestOf(s.requests, 'cancelJob'),
      startVerify: s.startVerify,
      watchJob: s.watchJob,
      cancelJob: s.cancelJob,
      checkJobAgain: s.checkJobAgain,
    })),
  );

  useEffect(() => {
    void loadWorkspaceStatus();
  }, [loadWorkspaceStatus]);

  useEffect(() => watchJob('verify'), [watchJob]);

  const running = job?.state === 'running';
  const fullReport = job?.state === 'done' ? job.report : null;
  const report = latestReport(status?.report ?? null, fullReport);

  return (
    <Panel
      title={t('integrity.title')}
      description={<p>{t('integrity.description')}</p>}
      actions={
        <Button
          variant="primary"
          icon="signature"
          busy={running || startRequest.status === 'pending'}
          busyLabel={t('integrity.verifying')}
          onClick={() => void startVerify()}
        >
          {t('integrity.verify')}
        </Button>
      }
    >
      <JobLiveRegion job={job} what={t('integrity.jobName')} />
      <div className="stack stack--tight">
        {startRequest.error ? (
          <Banner level="error" title={t('integrity.startFailed')}>
            <ErrorMessage error={startRequest.error} />
          </Banner>
        ) : null}
        {job && running ? (
          <JobProgress
            job={job}
            onCancel={() => void cancelJob('verify')}
            cancelling={cancelRequest.status === 'pending'}
            cancelError={cancelRequest.error}
            pollError={pollRequest.error}
            onCheckAgain={() => checkJobAgain('verify')}
          />
        ) : null}
        {job?.state === 'done' && job.report ? (
          <Banner level={job.report.ok ? 'success' : 'error'} title={fullCheckResult(t, job.report)} />
        ) : null}
        {job?.state === 'cancelled' ? (
          <Banner level="info" title={t('integrity.cancelled')}>
            <p>{t('integrity.cancelledBody')}</p>
          </Banner>
        ) : null}
        {job?.state === 'failed' ? (
          <Banner level="error" title={t('integrity.failed')}>
            <p>{job.error ?? t('integrity.failedBody')}</p>
          </Banner>
        ) : null}
        {statusRequest.error && status === null ? (
          <Banner
            level="error"
            title={t('integrity.unreadable')}
            actions={
              <Button size="sm" onClick={() => void loadWorkspaceStatus()}>
                {t('integrity.tryAgain')}
              </Button>
            }
          >
            <ErrorMessage error={statusRequest.error} />
          </Banner>
        ) : null}
        {report === null && statusRequest.status !== 'failed' ? (
          <Spinner label={t('integrity.checking')} />
        ) : null}
        {report ? (
          <div className="stack stack--tight">
            <Summary report={report} />
            <WitnessBanner report={report} />
            <LedgerTable report={report} ownProfileId={profileId} />
            <ProblemList report={report} />
          </div>
        ) : null}
      </div>
    </Panel>
  );
}
