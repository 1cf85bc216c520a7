// Reviews home: start a review (or why not yet), the person's drafts and submitted reviews, the
// queue of reviews by others awaiting a decision (reviewers only), and the register of every
// review with its state, risk, decision, reviewer and re-review date. All of it is core's
// projection over the ledgers; the screen only lays it out.
import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ReviewDraftSummary, ReviewLists, ReviewSummary } from '../../../electron/core/contract';
import { Banner } from '../../components/Banner';
import { Button } from '../../components/Button';
import { ButtonLink } from '../../components/ButtonLink';
import { ConfirmButton } from '../../components/ConfirmButton';
import { DataTable } from '../../components/DataTable';
import { Panel } from '../../components/Panel';
import { ScreenHeader } from '../../components/ScreenHeader';
import { Spinner } from '../../components/Spinner';
import { formatDateTime, formatShortDate, plural } from '../../format';
import { hrefFor } from '../../routes';
import { useStewardStore } from '../../state/store';
import { DECISION_WORDS, RiskBadge, StatusBadge, titleOrPlaceholder } from './reviewWords';

function ReviewLink({ review }: { review: ReviewSummary }) {
  return <a href={hrefFor({ route: 'review', reviewId: review.reviewId })}>{review.title}</a>;
}

function Empty({ children }: { children: string }) {
  return <p className="text-muted">{children}</p>;
}

function StartReview({ blockers }: { blockers: string[] }) {
  const { createReviewDraft, navigate, request } = useStewardStore(
    useShallow((s) => ({
      createReviewDraft: s.createReviewDraft,
      navigate: s.navigate,
      request: s.requests.createReviewDraft,
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
          busyLabel="Starting…"
          onClick={() => void start()}
        >
          Start a review
        </Button>
        {!blocked ? (
          <p className="text-muted text-small">
            Your answers are saved as you go; you can leave and come back to a draft.
          </p>
        ) : null}
      </div>
      {blocked ? (
        <div id="start-review-blockers">
          <Banner
            level="warning"
            title="You cannot submit a review yet"
            actions={<ButtonLink href={hrefFor('training')}>Go to training</ButtonLink>}
          >
            <ul className="plain-list">
              {blockers.map((blocker) => (
                <li key={blocker}>{blocker}</li>
              ))}
            </ul>
          </Banner>
        </div>
      ) : null}
      {request.error ? (
        <Banner level="error" title="The review could not be started">
          <p>{request.error.message}</p>
        </Banner>
      ) : null}
    </div>
  );
}

function Drafts({ drafts }: { drafts: ReviewDraftSummary[] }) {
  const { deleteReviewDraft, deleting, deleteError } = useStewardStore(
    useShallow((s) => ({
      deleteReviewDraft: s.deleteReviewDraft,
      deleting: s.requests.deleteReviewDraft.status === 'pending',
      deleteError: s.requests.deleteReviewDraft.error,
    })),
  );
  return (
    <Panel
      title="Your drafts"
      description="Reviews you have started but not submitted. Only you can see them."
    >
      {deleteError ? (
        <Banner level="error" title="The draft was not deleted">
          <p>{deleteError.message}</p>
        </Banner>
      ) : null}
      {drafts.length === 0 ? (
        <Empty>No drafts.</Empty>
      ) : (
        <DataTable
          label="Your drafts"
          columns={['Draft', 'Last saved', { label: <span className="visually-hidden">Actions</span> }]}
        >
          {drafts.map((draft) => {
            const title = titleOrPlaceholder(draft.title);
            return (
              <tr key={draft.draftId}>
                <td>
                  {title}
                  {draft.reviewId ? <span className="tag">Revision</span> : null}
                </td>
                <td>{formatDateTime(draft.updatedAt)}</td>
                <td>
                  <div className="button-row button-row--end">
                    <ButtonLink
                      size="sm"
                      href={hrefFor({ route: 'review-draft', draftId: draft.draftId })}
                      aria-label={`Resume: ${title}`}
                    >
                      Resume
                    </ButtonLink>
                    <ConfirmButton
                      aria-label={`Delete draft: ${title}`}
                      question="Delete this draft?"
                      confirmLabel="Delete draft"
                      busy={deleting}
                      onConfirm={() => void deleteReviewDraft(draft.draftId)}
                    >
                      Delete
                    </ConfirmButton>
                  </div>
                </td>
              </tr>
            );
          })}
        </DataTable>
      )}
    </Panel>
  );
}

function MyReviews({ reviews }: { reviews: ReviewSummary[] }) {
  return (
    <Panel title="Your reviews" description="Reviews you submitted, newest activity first.">
      {reviews.length === 0 ? (
        <Empty>You have not submitted a review.</Empty>
      ) : (
        <DataTable
          label="Your reviews"
          columns={[
            'Review',
            'Status',
            'Risk',
            { label: 'Version', className: 'data-table__number' },
            'Updated',
          ]}
        >
          {reviews.map((review) => (
            <tr key={review.reviewId}>
              <td>
                <ReviewLink review={review} />
              </td>
              <td>
                <StatusBadge status={review.status} />
              </td>
              <td>
                <RiskBadge level={review.overallRisk} />
              </td>
              <td className="data-table__number">{review.version}</td>
              <td>{formatDateTime(review.updatedAt)}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </Panel>
  );
}

function Queue({ reviews }: { reviews: ReviewSummary[] }) {
  return (
    <Panel
      title="Review queue"
      description="Reviews submitted by others that are waiting for a reviewer's decision. Nobody decides on their own submission."
    >
      {reviews.length === 0 ? (
        <Empty>Nothing is waiting for a decision.</Empty>
      ) : (
        <DataTable
          label="Review queue"
          columns={[
            'Review',
            'Submitted by',
            'Submitted',
            'Risk',
            'DPIA',
            { label: 'Blocking flags', className: 'data-table__number' },
          ]}
        >
          {reviews.map((review) => (
            <tr key={review.reviewId}>
              <td>
                <ReviewLink review={review} />
                {review.version > 1 ? <span className="tag">Version {review.version}</span> : null}
              </td>
              <td>
                {review.submitter.name}
                <span className="table-subtext">{review.submitter.team}</span>
              </td>
              <td>{formatDateTime(review.submittedAt)}</td>
              <td>
                <RiskBadge level={review.overallRisk} />
              </td>
              <td>{review.dpiaRequired ? 'Required' : 'Not required'}</td>
              <td className="data-table__number">{review.openBlockingFlags}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </Panel>
  );
}

function Register({ reviews }: { reviews: ReviewSummary[] }) {
  return (
    <Panel title="Register of reviews" description="Every review you can see, with where it stands.">
      {reviews.length === 0 ? (
        <Empty>No reviews have been submitted in this workspace.</Empty>
      ) : (
        <DataTable
          label="Register of reviews"
          columns={['Review', 'Submitter', 'State', 'Risk', 'Decision', 'Re-review']}
        >
          {reviews.map((review) => (
            <tr key={review.reviewId}>
              <td>
                <ReviewLink review={review} />
              </td>
              <td>{review.submitter.name}</td>
              <td>
                <StatusBadge status={review.status} />
              </td>
              <td>
                <RiskBadge level={review.overallRisk} />
              </td>
              <td>
                {review.decision ? (
                  <>
                    {/* The state already names the decision, except once re-review is due. */}
                    {review.status === 'reReviewDue' ? DECISION_WORDS[review.decision.decision] : 'Decided'}
                    <span className="table-subtext">
                      by {review.decision.by.name}, {formatShortDate(review.decision.at)}
                    </span>
                  </>
                ) : (
                  <span className="text-muted">None yet</span>
                )}
              </td>
              <td>
                {review.decision?.reReviewDate ? (
                  formatShortDate(review.decision.reReviewDate)
                ) : (
                  <span className="text-muted">—</span>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </Panel>
  );
}

/** Why this person cannot decide, said only where it matters: when others' reviews are waiting. */
function ReviewerNote({ lists, profileId }: { lists: ReviewLists; profileId: string }) {
  if (lists.canReview || lists.reviewerBlockers.length === 0) return null;
  const waiting = lists.all.filter(
    (review) => review.status === 'submitted' && review.submitter.id !== profileId,
  ).length;
  if (waiting === 0) return null;
  return (
    <Banner level="info" title={`${plural(waiting, 'review')} by others waiting for a reviewer`}>
      <p>You cannot decide on reviews:</p>
      <ul className="plain-list">
        {lists.reviewerBlockers.map((blocker) => (
          <li key={blocker}>{blocker}</li>
        ))}
      </ul>
    </Banner>
  );
}

export function ReviewsScreen() {
  const { lists, request, loadReviewLists, profileId } = useStewardStore(
    useShallow((s) => ({
      lists: s.reviewLists,
      request: s.requests.reviewLists,
      loadReviewLists: s.loadReviewLists,
      profileId: s.profile?.id ?? '',
    })),
  );

  useEffect(() => {
    void loadReviewLists();
  }, [loadReviewLists]);

  return (
    <>
      <ScreenHeader title="Reviews">
        <p>
          Before customer data is used in a new way, the team behind it answers a guided questionnaire:
          Steward screens it for a DPIA, scores the risk and proposes mitigations, and a reviewer decides.
        </p>
      </ScreenHeader>
      {request.error && lists === null ? (
        <Banner
          level="error"
          title="Reviews could not be loaded"
          actions={<Button onClick={() => void loadReviewLists()}>Try again</Button>}
        >
          <p>{request.error.message}</p>
        </Banner>
      ) : null}
      {lists === null && !request.error ? <Spinner label="Loading reviews…" /> : null}
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
          <Register reviews={lists.all} />
        </div>
      ) : null}
    </>
  );
}
