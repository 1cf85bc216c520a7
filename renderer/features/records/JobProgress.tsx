// A running job (an export, a full verification): its progress bar and a Cancel button, and one
// polite live region that says when it starts and roughly how far it is (every quarter, so a
// screen reader is not read every percent). The caller shows the outcome in a banner, which
// announces itself, so the live region falls silent when the job ends instead of saying it twice.
import { useTranslation } from 'react-i18next';
import type { ErrorPayload } from '../../../electron/core/errors';
import type { JobView } from '../../../electron/core/contract/views/records';
import { Banner } from '../../components/Banner';
import { Button } from '../../components/Button';
import { ProgressBar } from '../../components/ProgressBar';
import { formatPercent, type RecordsT } from './recordsWords';
import { ErrorMessage, wordError } from '../../i18n/reasons';

function announcement(t: RecordsT, job: JobView | null, what: string): string {
  if (job === null) return '';
  switch (job.state) {
    case 'running': {
      if (job.total <= 0) return t('job.started', { what });
      const quarter = Math.floor((job.done / job.total) * 4) * 25;
      return quarter === 0
        ? t('job.started', { what })
        : t('job.progress', { what, percent: formatPercent(quarter) });
    }
    case 'done':
    case 'cancelled':
    case 'failed':
      return '';
  }
}

/** `what` names the job in a sentence: "Export", "Full check". */
export function JobLiveRegion({ job, what }: { job: JobView | null; what: string }) {
  const { t } = useTranslation('records');
  return (
    <p className="visually-hidden" role="status">
      {announcement(t, job, what)}
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
  const { t } = useTranslation('records');
  const known = job.total > 0;
  const percentDone = known ? Math.floor((Math.min(job.done, job.total) / job.total) * 100) : 0;
  return (
    <div className="job">
      <ProgressBar
        label={job.label}
        value={known ? job.done : 0}
        max={known ? job.total : 1}
        valueText={
          known
            ? t('job.value', { percent: formatPercent(percentDone), done: job.done, total: job.total })
            : t('job.starting')
        }
      />
      <div className="button-row">
        <Button size="sm" icon="close" busy={cancelling} busyLabel={t('job.cancelling')} onClick={onCancel}>
          {t('job.cancel')}
        </Button>
      </div>
      {cancelError ? (
        <Banner level="error" title={t('job.cancelFailed')}>
          <ErrorMessage error={cancelError} />
        </Banner>
      ) : null}
      {pollError ? (
        <Banner
          level="error"
          title={t('job.lost')}
          actions={
            <Button size="sm" onClick={onCheckAgain}>
              {t('job.checkAgain')}
            </Button>
          }
        >
          <p>{t('job.lostBody', { message: wordError(pollError) })}</p>
        </Banner>
      ) : null}
    </div>
  );
}
