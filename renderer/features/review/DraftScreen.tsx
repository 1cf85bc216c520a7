// The questionnaire for one draft: a section at a time with a stepper, then the risk summary
// and Submit. Every change is autosaved (debounced) and the screen re-renders from core's reply:
// which questions are visible (branching), what is wrong with the answers, the screening, risk,
// flags and proposed mitigations. Nothing here decides any of that.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { ReviewDraftView } from '../../../electron/core/contract/views/reviews';
import { Banner } from '../../components/Banner';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { ButtonLink } from '../../components/ButtonLink';
import { ConfirmButton } from '../../components/ConfirmButton';
import { ScreenHeader } from '../../components/ScreenHeader';
import { Spinner } from '../../components/Spinner';
import { hrefFor } from '../../routes';
import { useStewardStore } from '../../state/store';
import { titleOrPlaceholder } from './reviewWords';
import { requestOf } from '../../state/requests';
import { ErrorMessage } from '../../i18n/reasons';

import { DraftEditor } from './DraftEditor';
import { RequestedChanges } from './DraftStatus';

export function DraftScreen() {
  const { t } = useTranslation('review');
  const {
    draftId,
    questionnaire,
    draft,
    draftRequest,
    questionnaireRequest,
    loadQuestionnaire,
    openReviewDraft,
    deleteReviewDraft,
    deleting,
    navigate,
  } = useStewardStore(
    useShallow((s) => ({
      draftId: s.routeParams.draftId,
      questionnaire: s.questionnaire,
      draft: s.reviewDraft,
      draftRequest: requestOf(s.requests, 'getReviewDraft'),
      questionnaireRequest: requestOf(s.requests, 'getReviewQuestionnaire'),
      loadQuestionnaire: s.loadQuestionnaire,
      openReviewDraft: s.openReviewDraft,
      deleteReviewDraft: s.deleteReviewDraft,
      deleting: requestOf(s.requests, 'deleteReviewDraft').status === 'pending',
      navigate: s.navigate,
    })),
  );
  // The draft as it was when opened: the editor starts from it, the heading names it.
  const [opened, setOpened] = useState<ReviewDraftView | null>(null);

  useEffect(() => {
    void loadQuestionnaire();
  }, [loadQuestionnaire]);

  useEffect(() => {
    if (draftId === null) return;
    let live = true;
    void openReviewDraft(draftId).then((loaded) => {
      if (live && loaded !== null) setOpened(loaded);
    });
    return () => {
      live = false;
    };
  }, [draftId, openReviewDraft]);

  const ready = questionnaire !== null && opened !== null && opened.draftId === draftId && draft !== null;
  const openedTitle = opened?.assessment.summary.title ?? null;
  const title = opened?.reviewId
    ? t('draft.revise', { title: titleOrPlaceholder(openedTitle, t) })
    : openedTitle
      ? t('draft.draftTitle', { title: openedTitle })
      : t('draft.newReview');
  const error = (!ready && (draftRequest.error ?? questionnaireRequest.error)) || null;

  const remove = async () => {
    if (draftId === null) return;
    if (await deleteReviewDraft(draftId)) navigate('reviews', { replace: true });
  };

  return (
    <>
      <Breadcrumbs items={[{ label: t('home.title'), href: hrefFor('reviews') }, { label: title }]} />
      <ScreenHeader title={title}>
        {ready ? (
          <>
            <p>{t('draft.intro', { title: questionnaire.title })}</p>
            <div className="button-row screen-header__actions">
              <ConfirmButton
                question={t('draft.deleteQuestion')}
                confirmLabel={t('draft.delete')}
                busy={deleting}
                onConfirm={() => void remove()}
              >
                {t('draft.delete')}
              </ConfirmButton>
            </div>
          </>
        ) : null}
      </ScreenHeader>
      {error ? (
        <Banner
          level="error"
          title={t('draft.openError')}
          actions={<ButtonLink href={hrefFor('reviews')}>{t('words.backToReviews')}</ButtonLink>}
        >
          <ErrorMessage error={error} />
        </Banner>
      ) : null}
      {!ready && !error ? <Spinner label={t('draft.opening')} /> : null}
      {ready && opened.reviewId ? <RequestedChanges reviewId={opened.reviewId} /> : null}
      {ready ? <DraftEditor key={opened.draftId} questionnaire={questionnaire} initial={opened} /> : null}
    </>
  );
}
