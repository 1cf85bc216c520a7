// A draft's standing: whether its last autosave held, what still stops it from being submitted
// (core's reasons, and the sections with questions to answer), and the changes a reviewer asked for.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { QuestionnaireView, ReviewDraftView } from '../../../electron/core/contract/views/reviews';
import type { ErrorPayload } from '../../../electron/core/errors';
import { Banner } from '../../components/Banner';
import { Button } from '../../components/Button';
import { Spinner } from '../../components/Spinner';
import { formatDateTime } from '../../format';
import { useStewardStore } from '../../state/store';
import { mitigationAnchor } from './MitigationForm';
import { type SaveStatus } from './useAutosave';
import { wordError, wordReason } from '../../i18n/reasons';

export function SaveIndicator({
  status,
  savedAt,
  error,
  onRetry,
}: {
  status: SaveStatus;
  savedAt: string;
  error: ErrorPayload | null;
  onRetry: () => void;
}) {
  const { t } = useTranslation('review');
  return (
    <div className={`save-status save-status--${status}`}>
      {status === 'pending' || status === 'saving' ? (
        <span className="save-status__busy" aria-hidden="true">
          <Spinner size="sm" /> {t('draft.save.saving')}
        </span>
      ) : null}
      <span role="status" className="save-status__text">
        {status === 'saved' ? t('draft.save.saved', { date: formatDateTime(savedAt) }) : null}
        {status === 'failed'
          ? t('draft.save.failed', { reason: error ? wordError(error) : t('draft.save.failedReason') })
          : null}
      </span>
      {status === 'failed' ? (
        <Button size="sm" onClick={onRetry}>
          {t('words.tryAgain')}
        </Button>
      ) : null}
    </div>
  );
}

export function NotReady({
  draft,
  questionnaire,
  onGoToSection,
}: {
  draft: ReviewDraftView;
  questionnaire: QuestionnaireView;
  onGoToSection: (index: number) => void;
}) {
  const { t } = useTranslation('review');
  const { assessment } = draft;
  const problemIds = new Set(assessment.answerProblems.map((p) => p.questionId));
  const sectionsWithProblems = questionnaire.sections
    .map((section, index) => ({
      section,
      index,
      count: section.questions.filter((q) => problemIds.has(q.id)).length,
    }))
    .filter((entry) => entry.count > 0);
  const mitigationsToAnswer = assessment.mitigations.filter(
    (m) =>
      assessment.unansweredMitigations.includes(m.id) ||
      assessment.responseProblems.some((p) => p.mitigationId === m.id),
  );
  return (
    <Banner level="warning" title={t('draft.notReady.title')}>
      {draft.submitBlockers.length > 0 ? (
        <ul className="plain-list">
          {draft.submitBlockers.map((blocker, i) => (
            <li key={`${blocker.code}-${i}`}>{wordReason(blocker)}</li>
          ))}
        </ul>
      ) : null}
      {sectionsWithProblems.length > 0 ? (
        <>
          <p>{t('draft.notReady.questions')}</p>
          <ul className="bullet-list">
            {sectionsWithProblems.map(({ section, index, count }) => (
              <li key={section.id}>
                <button type="button" className="link-button" onClick={() => onGoToSection(index)}>
                  {t('draft.notReady.section', { section: section.title, count })}
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {mitigationsToAnswer.length > 0 ? (
        <>
          <p>{t('draft.notReady.mitigations')}</p>
          <ul className="bullet-list">
            {mitigationsToAnswer.map((m) => (
              <li key={m.id}>
                <a
                  href={`#${mitigationAnchor(m.id)}`}
                  onClick={(event) => {
                    event.preventDefault();
                    const group = document.getElementById(mitigationAnchor(m.id));
                    group?.scrollIntoView?.({ block: 'center' });
                    group?.querySelector<HTMLInputElement>('input')?.focus();
                  }}
                >
                  {m.title}
                </a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </Banner>
  );
}

export function RequestedChanges({ reviewId }: { reviewId: string }) {
  const { t } = useTranslation('review');
  const { detail, openReview } = useStewardStore(
    useShallow((s) => ({ detail: s.reviewDetail, openReview: s.openReview })),
  );
  useEffect(() => {
    void openReview(reviewId);
  }, [reviewId, openReview]);
  if (detail === null || detail.summary.reviewId !== reviewId) return null;
  const request = [...detail.timeline].reverse().find((item) => item.kind === 'changesRequested');
  if (!request) return null;
  return (
    <Banner
      level="info"
      title={t('draft.requestedChanges', { name: request.by.name, version: request.version })}
    >
      <p>{request.text}</p>
      {request.items.length > 0 ? (
        <ul className="bullet-list">
          {request.items.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
      ) : null}
    </Banner>
  );
}
