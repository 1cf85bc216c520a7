// A running job (an export, a full verification): its progress bar and a Cancel button, and one
// polite live region that says when it starts and roughly how far it is (every quarter, so a
// screen reader is not read every percent). The caller shows the outcome in a banner, which
// announces itself, so the live region falls silent when the job ends instead of saying it twice.
import type { ErrorPayload } from '../../../electron/core/errors';
import type { JobView } from '../../../electron/core/contract';
import { Banner } from '../../components/Banner';
import { Button } from '../../components/Button';
import { ProgressBar } from '../../components/ProgressBar';
import { formatCount } from './recordsWords';

function announcement(job: JobView | null, what: string): string {
  if (job === null) return '';
  switch (job.state) {
    case 'running': {
      if (job.total <= 0) return `${what} started.`;
      const quarter = Math.floor((job.done / job.total) * 4) * 25;
      return quarter === 0 ? `${what} started.` : `${what}: ${quarter}% done.`;
    }
    case 'done':
    case 'cancelled':
    case 'failed':
      return '';
  }
}

export function JobLiveRegion({ job, what }: { job: JobView | null; what: string }) {
  return (
    <p className="visually-hidden" role="status">
      {announcement(job, what)}
    </p>
  );
}

export function JobProgress({
  job,
  onCancel,
  cancelling,
  cancelError,
  pollError,
  onCheckAgain,
}: {
  job: JobView;
  onCancel: () => void;
  cancelling: boolean;
  cancelError: ErrorPayload | null;
  pollError: ErrorPayload | null;
  onCheckAgain: () => void;
}) {
  const known = job.total > 0;
  const percentDone = known ? Math.floor((Math.min(job.done, job.total) / job.total) * 100) : 0;
  return (
    <div className="job">
      <ProgressBar
        label={job.label}
        value={known ? job.done : 0}
        max={known ? job.total : 1}
        valueText={
          known ? `${percentDone}% · ${formatCount(job.done)} of ${formatCount(job.total)}` : 'Starting…'
        }
      />
      <div className="button-row">
        <Button size="sm" icon="close" busy={cancelling} busyLabel="Cancelling…" onClick={onCancel}>
          Cancel
        </Button>
      </div>
      {cancelError ? (
        <Banner level="error" title="The job could not be cancelled">
          <p>{cancelError.message}</p>
        </Banner>
      ) : null}
      {pollError ? (
        <Banner
          level="error"
          title="Steward lost track of this job"
          actions={
            <Button size="sm" onClick={onCheckAgain}>
              Check again
            </Button>
          }
        >
          <p>{pollError.message} The job may still be running.</p>
        </Banner>
      ) : null}
    </div>
  );
}
