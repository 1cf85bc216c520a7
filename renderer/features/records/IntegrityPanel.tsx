// The workspace's integrity at a glance: each ledger with its entry count, head hash and state,
// the problems found (file, entry, reason), and a full check of every signature on request. The
// full check runs as a job in the main process: a progress bar while it replays the ledgers, a
// Cancel button, and its report in place of the quick check's once it is done.
import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { VerifyReport } from '../../../electron/core/contract';
import { Banner } from '../../components/Banner';
import { Button } from '../../components/Button';
import { Icon } from '../../components/Icon';
import { Panel } from '../../components/Panel';
import { Spinner } from '../../components/Spinner';
import { formatDateTime, plural, shortHash } from '../../format';
import { useStewardStore } from '../../state/store';
import { JobLiveRegion, JobProgress } from './JobProgress';

/** The newer of the opening quick check and the last full check. */
function latestReport(quick: VerifyReport | null, full: VerifyReport | null): VerifyReport | null {
  if (quick === null || full === null) return full ?? quick;
  return Date.parse(full.checkedAt) >= Date.parse(quick.checkedAt) ? full : quick;
}

function describeDepth(report: VerifyReport): string {
  return report.depth === 'full'
    ? 'Full check: order, links, hashes and every signature'
    : 'Quick check: order, links and hashes';
}

function Summary({ report }: { report: VerifyReport }) {
  const entries = report.ledgers.reduce((sum, ledger) => sum + ledger.entries, 0);
  const errors = report.problems.filter((p) => p.severity === 'error').length;
  const warnings = report.problems.length - errors;
  const state = errors > 0 ? 'error' : warnings > 0 ? 'warning' : 'success';
  const title =
    errors > 0
      ? `${plural(errors, 'problem')} found`
      : warnings > 0
        ? `Intact, with ${plural(warnings, 'warning')}`
        : report.ledgers.length === 0
          ? 'No ledgers yet'
          : `All ${plural(report.ledgers.length, 'ledger')} intact`;
  return (
    <div className={`integrity-summary integrity-summary--${state}`}>
      <Icon name={state} className="integrity-summary__icon" />
      <div>
        <p className="integrity-summary__title">{title}</p>
        <p className="integrity-summary__meta">
          {describeDepth(report)} · {plural(entries, 'entry', 'entries')} ·{' '}
          <time dateTime={report.checkedAt}>{formatDateTime(report.checkedAt)}</time>
        </p>
      </div>
    </div>
  );
}

function LedgerTable({ report, ownProfileId }: { report: VerifyReport; ownProfileId: string | null }) {
  if (report.ledgers.length === 0) {
    return <p className="text-muted">This workspace has no ledgers yet.</p>;
  }
  return (
    <div className="table-scroll">
      <table className="data-table">
        <caption className="visually-hidden">Ledgers in this workspace</caption>
        <thead>
          <tr>
            <th scope="col">Ledger file</th>
            <th scope="col" className="data-table__number">
              Entries
            </th>
            <th scope="col">Head hash</th>
            <th scope="col">State</th>
          </tr>
        </thead>
        <tbody>
          {report.ledgers.map((ledger) => (
            <tr key={ledger.file}>
              <td>
                <code className="mono-text">{ledger.file}</code>
                {ledger.profileId === ownProfileId ? <span className="tag">Yours</span> : null}
              </td>
              <td className="data-table__number">{ledger.entries.toLocaleString()}</td>
              <td>
                {ledger.headHash ? (
                  <code className="mono-text" title={ledger.headHash}>
                    {shortHash(ledger.headHash)}
                  </code>
                ) : (
                  <span className="text-muted">Empty</span>
                )}
              </td>
              <td>
                {ledger.ok ? (
                  <span className="badge badge--success">
                    <Icon name="check" /> Intact
                  </span>
                ) : (
                  <span className="badge badge--error">
                    <Icon name="error" /> Problem
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

function ProblemList({ report }: { report: VerifyReport }) {
  if (report.problems.length === 0) return null;
  return (
    <div className="problems">
      <h3 className="problems__title">Problems</h3>
      <ul className="problems__list">
        {report.problems.map((problem, index) => (
          <li key={`${problem.file}-${problem.seq ?? 'file'}-${index}`} className="problems__item">
            <span className={`badge badge--${problem.severity === 'error' ? 'error' : 'warning'}`}>
              {problem.severity === 'error' ? 'Error' : 'Warning'}
            </span>
            <div>
              <p className="problems__where">
                <code className="mono-text">{problem.file}</code>
                {problem.seq === null ? ' · whole file' : ` · entry ${problem.seq}`}
              </p>
              <p className="problems__reason">{problem.reason}</p>
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}

function fullCheckResult(report: VerifyReport): string {
  return report.ok
    ? `Full check finished: every signature in ${plural(report.ledgers.length, 'ledger')} is valid.`
    : `Full check finished: ${plural(report.problems.length, 'problem')} found.`;
}

export function IntegrityPanel() {
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
      statusRequest: s.requests.workspaceStatus,
      loadWorkspaceStatus: s.loadWorkspaceStatus,
      profileId: s.profile?.id ?? null,
      job: s.jobs.verify,
      startRequest: s.recordsRequests.startVerify,
      pollRequest: s.recordsRequests.pollJob,
      cancelRequest: s.recordsRequests.cancelJob,
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
      title="Integrity"
      description={
        <p>
          Each ledger is replayed from its first entry: the order, the link to the previous entry and each
          hash are checked. A full check also verifies every signature against its author&apos;s public key.
        </p>
      }
      actions={
        <Button
          variant="primary"
          icon="signature"
          busy={running || startRequest.status === 'pending'}
          busyLabel="Verifying…"
          onClick={() => void startVerify()}
        >
          Verify now
        </Button>
      }
    >
      <JobLiveRegion job={job} what="Full check" />
      <div className="stack stack--tight">
        {startRequest.error ? (
          <Banner level="error" title="The full check could not start">
            <p>{startRequest.error.message}</p>
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
          <Banner level={job.report.ok ? 'success' : 'error'} title={fullCheckResult(job.report)} />
        ) : null}
        {job?.state === 'cancelled' ? (
          <Banner level="info" title="Full check cancelled">
            <p>Nothing was changed. The result below is from the last check that finished.</p>
          </Banner>
        ) : null}
        {job?.state === 'failed' ? (
          <Banner level="error" title="The full check could not finish">
            <p>{job.error ?? 'Steward stopped before it had checked every ledger.'}</p>
          </Banner>
        ) : null}
        {statusRequest.error && status === null ? (
          <Banner
            level="error"
            title="Steward could not read the workspace"
            actions={
              <Button size="sm" onClick={() => void loadWorkspaceStatus()}>
                Try again
              </Button>
            }
          >
            <p>{statusRequest.error.message}</p>
          </Banner>
        ) : null}
        {report === null && statusRequest.status !== 'failed' ? (
          <Spinner label="Checking your workspace…" />
        ) : null}
        {report ? (
          <div className="stack stack--tight">
            <Summary report={report} />
            <LedgerTable report={report} ownProfileId={profileId} />
            <ProblemList report={report} />
          </div>
        ) : null}
      </div>
    </Panel>
  );
}
