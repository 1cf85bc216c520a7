// What the submitter may do on their review (revise after changes were requested, withdraw), and
// why a reviewer cannot decide when core says so.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { ReviewDetail } from '../../../electron/core/contract/views/reviews';
import { Banner } from '../../components/Banner';
import { Button } from '../../components/Button';
import { Panel } from '../../components/Panel';
import { TextAreaField } from '../../components/TextAreaField';
import { useStewardStore } from '../../state/store';
import { requestOf } from '../../state/requests';
import { ReasonList, ErrorMessage } from '../../i18n/reasons';

export function SubmitterActions({ detail }: { detail: ReviewDetail }) {
  const { t } = useTranslation('review');
  const { startReviewRevision, withdrawReview, navigate, reviseRequest, withdrawRequest } = useStewardStore(
    useShallow((s) => ({
      startReviewRevision: s.startReviewRevision,
      withdrawReview: s.withdrawReview,
      navigate: s.navigate,
      reviseRequest: requestOf(s.requests, 'startReviewRevision'),
      withdrawRequest: requestOf(s.requests, 'withdrawReview'),
    })),
  );
  const [withdrawing, setWithdrawing] = useState(false);
  const [reason, setReason] = useState('');
  const [noReason, setNoReason] = useState(false);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const withdrawButton = useRef<HTMLButtonElement>(null);
  const { allowed, summary } = detail;

  useEffect(() => {
    if (withdrawing) reasonRef.current?.focus();
  }, [withdrawing]);

  if (!allowed.revise && !allowed.withdraw) return null;

  const revise = async () => {
    const draft = await startReviewRevision(summary.reviewId);
    if (draft !== null) navigate({ route: 'review-draft', draftId: draft.draftId });
  };

  const withdraw = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (reason.trim() === '') {
      setNoReason(true);
      reasonRef.current?.focus();
      return;
    }
    setNoReason(false);
    const result = await withdrawReview(summary.reviewId, reason.trim());
    if (result !== null) setWithdrawing(false);
  };

  return (
    <Panel
      title={t('detail.submitter.title')}
      description={
        allowed.revise ? t('detail.submitter.reviseDescription') : t('detail.submitter.withdrawDescription')
      }
    >
      <div className="stack stack--tight">
        <div className="button-row">
          {allowed.revise ? (
            <Button
              variant="primary"
              icon="arrowRight"
              busy={reviseRequest.status === 'pending'}
              busyLabel={t('detail.submitter.reviseBusy')}
              onClick={() => void revise()}
            >
              {t('detail.submitter.revise')}
            </Button>
          ) : null}
          {allowed.withdraw && !withdrawing ? (
            <Button ref={withdrawButton} variant="secondary" onClick={() => setWithdrawing(true)}>
              {t('detail.submitter.withdraw')}
            </Button>
          ) : null}
        </div>
        {reviseRequest.error ? (
          <Banner level="error" title={t('detail.submitter.reviseError')}>
            <ErrorMessage error={reviseRequest.error} />
          </Banner>
        ) : null}
        {withdrawing ? (
          <form
            className="form withdraw-form"
            noValidate
            onSubmit={(event) => void withdraw(event)}
            aria-label={t('detail.submitter.withdrawForm')}
          >
            <TextAreaField
              ref={reasonRef}
              label={t('detail.submitter.reasonLabel')}
              hint={t('detail.submitter.reasonHint')}
              required
              rows={3}
              maxLength={4000}
              value={reason}
              onChange={setReason}
              error={noReason ? t('detail.submitter.reasonEmpty') : null}
            />
            {withdrawRequest.error ? (
              <Banner level="error" title={t('detail.submitter.withdrawError')}>
                <ErrorMessage error={withdrawRequest.error} />
              </Banner>
            ) : null}
            <div className="button-row">
              <Button
                type="submit"
                variant="danger"
                busy={withdrawRequest.status === 'pending'}
                busyLabel={t('detail.submitter.withdrawBusy')}
              >
                {t('detail.submitter.withdraw')}
              </Button>
              <Button
                onClick={() => {
                  setWithdrawing(false);
                  setNoReason(false);
                  requestAnimationFrame(() => withdrawButton.current?.focus());
                }}
              >
                {t('detail.submitter.cancel')}
              </Button>
            </div>
          </form>
        ) : null}
      </div>
    </Panel>
  );
}

export function CannotDecide({ detail }: { detail: ReviewDetail }) {
  const { t } = useTranslation('review');
  const { allowed, summary } = detail;
  if (allowed.decide || summary.status !== 'submitted' || allowed.decideBlockers.length === 0) return null;
  return (
    <Banner level="info" title={t('detail.cannotDecide')}>
      <ReasonList className="plain-list" reasons={allowed.decideBlockers} />
    </Banner>
  );
}
