// One review: where it stands, what changed since the version the reviewer last saw, core's
// assessment, the answers by section, the timeline of everything recorded about it, and a
// comment box. The actions offered are exactly those core allows this profile now (allowed):
// the submitter revises or withdraws; a reviewer decides; after an approval with conditions,
// the submitter or a reviewer marks each condition met (ConditionsPanel). When deciding is not
// allowed, the reasons core gives are shown where the decision would be.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { ReviewDetail } from '../../../electron/core/contract/views/reviews';
import { Banner } from '../../components/Banner';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { Button } from '../../components/Button';
import { ButtonLink } from '../../components/ButtonLink';
import { ScreenHeader } from '../../components/ScreenHeader';
import { Spinner } from '../../components/Spinner';
import { formatDateTime } from '../../format';
import { hrefFor } from '../../routes';
import { useStewardStore } from '../../state/store';
import { FlagsPanel, MitigationsReadOnly, RiskPanel, ScreeningPanel } from './AssessmentView';
import type { QuestionLinks } from './AssessmentV2';
import { ConditionsPanel } from './ConditionsPanel';
import { DpiaPanel, RecordPanel } from './DpiaPanel';
import { DecisionPanel, DECISION_FORM_ID } from './DecisionPanel';
import { RiskBadge, StatusBadge } from './reviewWords';
import { requestOf } from '../../state/requests';
import { ErrorMessage } from '../../i18n/reasons';

import { answerAnchor, AnswersPanel, ChangesPanel, SummaryPanel } from './ReviewPanels';
import { Timeline } from './ReviewTimeline';
import { CannotDecide, SubmitterActions } from './ReviewActions';
import { ConflictBanner } from './ConflictBanner';

/** The screening's links lead to the answers below (questions not asked on this version have none). */
function answerLinks(detail: ReviewDetail): QuestionLinks {
  const labels = new Map(detail.answers.map((a) => [a.questionId, a.label]));
  return {
    label: (id) => labels.get(id) ?? null,
    go: (id) => {
      const row = document.getElementById(answerAnchor(id));
      row?.scrollIntoView?.({ block: 'center' });
      row?.focus();
    },
  };
}

function Detail({ detail }: { detail: ReviewDetail }) {
  const [notice, setNotice] = useState<string | null>(null);
  const noticeRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (notice !== null) noticeRef.current?.focus();
  }, [notice]);

  return (
    <div className="stack">
      {notice ? (
        <div ref={noticeRef} tabIndex={-1} className="focus-target">
          <Banner level="success" title={notice} onDismiss={() => setNotice(null)} />
        </div>
      ) : null}
      <ConflictBanner detail={detail} />
      <CannotDecide detail={detail} />
      <SubmitterActions detail={detail} />
      <SummaryPanel detail={detail} />
      <ChangesPanel detail={detail} />
      <ConditionsPanel detail={detail} />
      <DpiaPanel detail={detail} />
      <ScreeningPanel assessment={detail.assessment} links={answerLinks(detail)} />
      <RiskPanel assessment={detail.assessment} />
      <FlagsPanel assessment={detail.assessment} />
      <MitigationsReadOnly assessment={detail.assessment} />
      <AnswersPanel detail={detail} />
      <Timeline detail={detail} />
      <RecordPanel detail={detail} />
      {detail.allowed.decide ? <DecisionPanel detail={detail} onDone={setNotice} /> : null}
    </div>
  );
}

/** A new draft that starts from this review's latest answers (a similar use, or a fresh start). */
function CopyToDraft({ reviewId }: { reviewId: string }) {
  const { t } = useTranslation('review');
  const { createReviewDraft, navigate, request } = useStewardStore(
    useShallow((s) => ({
      createReviewDraft: s.createReviewDraft,
      navigate: s.navigate,
      request: requestOf(s.requests, 'createReviewDraft'),
    })),
  );
  const copy = async () => {
    const draft = await createReviewDraft(reviewId);
    if (draft !== null) navigate({ route: 'review-draft', draftId: draft.draftId });
  };
  return (
    <>
      <Button
        variant="ghost"
        size="sm"
        busy={request.status === 'pending'}
        busyLabel={t('detail.copy.busy')}
        onClick={() => void copy()}
      >
        {t('detail.copy.button')}
      </Button>
      {request.error ? (
        <Banner level="error" title={t('detail.copy.error')}>
          <ErrorMessage error={request.error} />
        </Banner>
      ) : null}
    </>
  );
}

export function ReviewDetailScreen() {
  const { t } = useTranslation('review');
  const { reviewId, detail, request, openReview, profileId } = useStewardStore(
    useShallow((s) => ({
      reviewId: s.routeParams.reviewId,
      detail: s.reviewDetail,
      request: requestOf(s.requests, 'getReview'),
      openReview: s.openReview,
      profileId: s.profile?.id ?? null,
    })),
  );
  const [loaded, setLoaded] = useState<string | null>(null);

  useEffect(() => {
    if (reviewId === null) return;
    let live = true;
    void openReview(reviewId).then((result) => {
      if (live && result !== null) setLoaded(result.summary.reviewId);
    });
    return () => {
      live = false;
    };
  }, [reviewId, openReview]);

  const ready = detail !== null && detail.summary.reviewId === reviewId && loaded === reviewId;
  const title = ready ? detail.summary.title : t('detail.fallbackTitle');

  return (
    <>
      <Breadcrumbs items={[{ label: t('home.title'), href: hrefFor('reviews') }, { label: title }]} />
      <ScreenHeader title={title}>
        {ready ? (
          <>
            <ul className="meta-list">
              <li>
                <StatusBadge status={detail.summary.status} />
              </li>
              <li>{t('detail.version', { version: detail.summary.version })}</li>
              <li>
                {t('detail.by', { name: detail.summary.submitter.name, team: detail.summary.submitter.team })}
              </li>
              <li>{t('detail.updated', { date: formatDateTime(detail.summary.updatedAt) })}</li>
              <li>
                <RiskBadge level={detail.summary.overallRisk} />
              </li>
            </ul>
            {detail.summary.submitter.id === profileId ? (
              <div className="button-row screen-header__actions">
                <CopyToDraft reviewId={detail.summary.reviewId} />
              </div>
            ) : null}
            {detail.allowed.decide ? (
              <div className="button-row screen-header__actions">
                <ButtonLink
                  href={`#${DECISION_FORM_ID}`}
                  variant="primary"
                  onClick={(event) => {
                    // In-page: the hash belongs to the router.
                    event.preventDefault();
                    const panel = document.getElementById(DECISION_FORM_ID);
                    panel?.scrollIntoView?.({ block: 'start' });
                    panel?.querySelector<HTMLInputElement>('input')?.focus();
                  }}
                >
                  {t('detail.goToDecision')}
                </ButtonLink>
                <span className="text-muted text-small">
                  {detail.assessment.openBlockingFlags.length === 0
                    ? t('detail.noBlocking')
                    : t('detail.blocking', { count: detail.assessment.openBlockingFlags.length })}
                </span>
              </div>
            ) : null}
          </>
        ) : null}
      </ScreenHeader>
      {request.error && !ready ? (
        <Banner
          level="error"
          title={t('detail.openError')}
          actions={<ButtonLink href={hrefFor('reviews')}>{t('words.backToReviews')}</ButtonLink>}
        >
          <ErrorMessage error={request.error} />
        </Banner>
      ) : null}
      {!ready && !request.error ? <Spinner label={t('detail.opening')} /> : null}
      {ready ? <Detail detail={detail} /> : null}
    </>
  );
}
