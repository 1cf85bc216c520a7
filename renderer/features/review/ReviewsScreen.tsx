// Reviews home: start a review (or why not yet), the person's drafts and submitted reviews, the
// queue of reviews by others awaiting a decision (reviewers only), and the register of every
// review with its state, risk, decision, reviewer and re-review date. All of it is core's
// projection over the ledgers; the screen only lays it out.
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type {
  ReviewDraftSummary,
  ReviewLists,
  ReviewSummary,
} from '../../../electron/core/contract/views/reviews';
import { Banner } from '../../components/Banner';
import { Button } from '../../components/Button';
import { ButtonLink } from '../../components/ButtonLink';
import { ConfirmButton } from '../../components/ConfirmButton';
import { DataTable, type DataTableColumn } from '../../components/DataTable';
import { Panel } from '../../components/Panel';
import { ScreenHeader } from '../../components/ScreenHeader';
import { Spinner } from '../../components/Spinner';
import { formatDateTime, formatShortDate } from '../../format';
import { hrefFor } from '../../routes';
import { useStewardStore } from '../../state/store';
import { decisionKey, PersonCell, RiskBadge, StateAndRiskCells, titleOrPlaceholder } from './reviewWords';
import { requestOf } from '../../state/requests';
import type { Reason } from '../../../electron/core/contract/reasons';
import { ReasonList, ErrorMessage } from '../../i18n/reasons';

function ReviewLink({ review }: { review: ReviewSummary }) {
  return <a href={hrefFor({ route: 'review', reviewId: review.reviewId })}>{review.title}</a>;
}

/** One of the home's lists: a panel with its title and description, and a table or a line saying it is empty. */
function ListPanel<Item>({
  list,
  items,
  columns,
  notice,
  description,
  empty,
  row,
}: {
  list: 'drafts' | 'mine' | 'queue' | 'register';
  /** Replaces the list's usual description and empty text (e.g. saying whose reviews it holds). */
  description?: string;
  empty?: string;
  items: readonly Item[];
  columns: ReadonlyArray<string | DataTableColumn>;
  /** Shown above the table, e.g. why the last action failed. */
  notice?: ReactNode;
  row: (item: Item) => ReactNode;
}) {
  const { t } = useTranslation('review');
  const title = t(`home.${list}.title`);
  return (
    <Panel title={title} description={description ?? t(`home.${list}.description`)}>
      {notice}
      {items.length === 0 ? (
        <p className="text-muted">{empty ?? t(`home.${list}.empty`)}</p>
      ) : (
        <DataTable label={title} columns={columns}>
          {items.map(row)}
        </DataTable>
      )}
    </Panel>
  );
}

function StartReview({ blockers }: { blockers: Reason[] }) {
  const { t } = useTranslation('review');
  const { createReviewDraft, navigate, request } = useStewardStore(
    useShallow((s) => ({
      createReviewDraft: s.createReviewDraft,
      navigate: s.navigate,
      request: requestOf(s.requests, 'createReviewDraft'),
    })),
  );
  const blocked = blockers.length > 0;
  const start = async () => {
    const draft = await createReviewDraft();
    if (draft !== null) navigate({ route: 'review-draft', draftId: draft.draftId });
  };
  return (
    <div className="stack stack--tight">
      <div className="button-row">
        <Button
          variant="primary"
          icon="reviews"
          disabled={blocked}
          aria-describedby={blocked ? 'start-review-blockers' : undefined}
          busy={request.status === 'pending'}
          busyLabel={t('home.start.busy')}
          onClick={() => void start()}
        >
          {t('home.start.button')}
        </Button>
        {!blocked ? <p className="text-muted text-small">{t('home.start.savedNote')}</p> : null}
      </div>
      {blocked ? (
        <div id="start-review-blockers">
          <Banner
            level="warning"
            title={t('home.start.blocked')}
            actions={<ButtonLink href={hrefFor('training')}>{t('home.start.goToTraining')}</ButtonLink>}
          >
            <ReasonList className="plain-list" reasons={blockers} />
          </Banner>
        </div>
      ) : null}
      {request.error ? (
        <Banner level="error" title={t('home.start.error')}>
          <ErrorMessage error={request.error} />
        </Banner>
      ) : null}
    </div>
  );
}

function Drafts({ drafts }: { drafts: ReviewDraftSummary[] }) {
  const { t } = useTranslation('review');
  const { deleteReviewDraft, deleting, deleteError } = useStewardStore(
    useShallow((s) => ({
      deleteReviewDraft: s.deleteReviewDraft,
      deleting: requestOf(s.requests, 'deleteReviewDraft').status === 'pending',
      deleteError: requestOf(s.requests, 'deleteReviewDraft').error,
    })),
  );
  return (
    <ListPanel
      list="drafts"
      items={drafts}
      notice={
        deleteError ? (
          <Banner level="error" title={t('home.drafts.deleteError')}>
            <ErrorMessage error={deleteError} />
          </Banner>
        ) : null
      }
      columns={[
        t('columns.draft'),
        t('columns.lastSaved'),
        { label: <span className="visually-hidden">{t('columns.actions')}</span> },
      ]}
      row={(draft) => {
        const title = titleOrPlaceholder(draft.title, t);
        return (
          <tr key={draft.draftId}>
            <td>
              {title}
              {draft.reviewId ? <span className="tag">{t('home.drafts.revision')}</span> : null}
            </td>
            <td>{formatDateTime(draft.updatedAt)}</td>
            <td>
              <div className="button-row button-row--end">
                <ButtonLink
                  size="sm"
                  href={hrefFor({ route: 'review-draft', draftId: draft.draftId })}
                  aria-label={t('home.drafts.resumeLabel', { title })}
                >
                  {t('home.drafts.resume')}
                </ButtonLink>
                <ConfirmButton
                  aria-label={t('home.drafts.deleteLabel', { title })}
                  question={t('home.drafts.deleteQuestion')}
                  confirmLabel={t('home.drafts.deleteConfirm')}
                  busy={deleting}
                  onConfirm={() => void deleteReviewDraft(draft.draftId)}
                >
                  {t('home.drafts.delete')}
                </ConfirmButton>
              </div>
            </td>
          </tr>
        );
      }}
    />
  );
}

function MyReviews({ reviews }: { reviews: ReviewSummary[] }) {
  const { t } = useTranslation('review');
  return (
    <ListPanel
      list="mine"
      items={reviews}
      columns={[
        t('columns.review'),
        t('columns.status'),
        t('columns.risk'),
        { label: t('columns.version'), className: 'data-table__number' },
        t('columns.updated'),
      ]}
      row={(review) => (
        <tr key={review.reviewId}>
          <td>
            <ReviewLink review={review} />
          </td>
          <StateAndRiskCells status={review.status} risk={review.overallRisk} />
          <td className="data-table__number">{review.version}</td>
          <td>{formatDateTime(review.updatedAt)}</td>
        </tr>
      )}
    />
  );
}

function Queue({ reviews }: { reviews: ReviewSummary[] }) {
  const { t } = useTranslation('review');
  return (
    <ListPanel
      list="queue"
      items={reviews}
      columns={[
        t('columns.review'),
        t('columns.submittedBy'),
        t('columns.submitted'),
        t('columns.risk'),
        t('columns.dpia'),
        { label: t('columns.blockingFlags'), className: 'data-table__number' },
      ]}
      row={(review) => (
        <tr key={review.reviewId}>
          <td>
            <ReviewLink review={review} />
            {review.version > 1 ? (
              <span className="tag">{t('home.queue.version', { version: review.version })}</span>
            ) : null}
          </td>
          <PersonCell person={review.submitter} />
          <td>{formatDateTime(review.submittedAt)}</td>
          <td>
            <RiskBadge level={review.overallRisk} />
          </td>
          <td>{review.dpiaRequired ? t('home.queue.dpiaRequired') : t('home.queue.dpiaNotRequired')}</td>
          <td className="data-table__number">{review.openBlockingFlags}</td>
        </tr>
      )}
    />
  );
}

/** Every review the viewer can see; a viewer who sees only their own is told so, never "none exist". */
function Register({ reviews, scope }: { reviews: ReviewSummary[]; scope: ReviewLists['scope'] }) {
  const { t } = useTranslation('review');
  return (
    <ListPanel
      list="register"
      items={reviews}
      description={`${t('home.register.description')} ${
        scope === 'own' ? t('home.register.scopeOwn') : t('home.register.scopeAll')
      }`}
      empty={scope === 'own' ? t('home.register.emptyOwn') : undefined}
      columns={[
        t('columns.review'),
        t('columns.submitter'),
        t('columns.state'),
        t('columns.risk'),
        t('columns.decision'),
        t('columns.reReview'),
      ]}
      row={(review) => (
        <tr key={review.reviewId}>
          <td>
            <ReviewLink review={review} />
          </td>
          <td>{review.submitter.name}</td>
          <StateAndRiskCells status={review.status} risk={review.overallRisk} />
          <td>
            {review.decision ? (
              <>
                {/* The state already names the decision, except once re-review is due. */}
                {review.status === 'reReviewDue'
                  ? t(decisionKey(review.decision.decision))
                  : t('home.register.decided')}
                <span className="table-subtext">
                  {t('home.register.decidedBy', {
                    name: review.decision.by.name,
                    date: formatShortDate(review.decision.at),
                  })}
                </span>
              </>
            ) : (
              <span className="text-muted">{t('home.register.noneYet')}</span>
            )}
          </td>
          <td>
            {review.decision?.reReviewDate ? (
              formatShortDate(review.decision.reReviewDate)
            ) : (
              <span className="text-muted">{t('words.none')}</span>
            )}
          </td>
        </tr>
      )}
    />
  );
}

/** Why this person cannot decide, said only where it matters: when others' reviews are waiting. */
function ReviewerNote({ lists, profileId }: { lists: ReviewLists; profileId: string }) {
  const { t } = useTranslation('review');
  if (lists.canReview || lists.reviewerBlockers.length === 0) return null;
  const waiting = lists.all.filter(
    (review) => review.status === 'submitted' && review.submitter.id !== profileId,
  ).length;
  if (waiting === 0) return null;
  return (
    <Banner level="info" title={t('home.reviewerNote.title', { count: waiting })}>
      <p>{t('home.reviewerNote.intro')}</p>
      <ReasonList className="plain-list" reasons={lists.reviewerBlockers} />
    </Banner>
  );
}

export function ReviewsScreen() {
  const { t } = useTranslation('review');
  const { lists, request, loadReviewLists, profileId } = useStewardStore(
    useShallow((s) => ({
      lists: s.reviewLists,
      request: requestOf(s.requests, 'listReviews'),
      loadReviewLists: s.loadReviewLists,
      profileId: s.profile?.id ?? '',
    })),
  );

  useEffect(() => {
    void loadReviewLists();
  }, [loadReviewLists]);

  return (
    <>
      <ScreenHeader title={t('home.title')}>
        <p>{t('home.intro')}</p>
      </ScreenHeader>
      {request.error && lists === null ? (
        <Banner
          level="error"
          title={t('home.loadError')}
          actions={<Button onClick={() => void loadReviewLists()}>{t('words.tryAgain')}</Button>}
        >
          <ErrorMessage error={request.error} />
        </Banner>
      ) : null}
      {lists === null && !request.error ? <Spinner label={t('home.loading')} /> : null}
      {lists !== null ? (
        <div className="stack">
          <StartReview blockers={lists.submitterBlockers} />
          {lists.canReview ? (
            <Queue reviews={lists.queue} />
          ) : (
            <ReviewerNote lists={lists} profileId={profileId} />
          )}
          {lists.drafts.length > 0 ? <Drafts drafts={lists.drafts} /> : null}
          <MyReviews reviews={lists.mine} />
          <Register reviews={lists.all} scope={lists.scope} />
        </div>
      ) : null}
    </>
  );
}
