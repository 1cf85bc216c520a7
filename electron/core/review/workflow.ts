// The review workflow as a pure state machine over ledger-shaped events.
//
//   (draft, in electron-store) --submitted v1--> submitted --changesRequested--> changesRequested
//   changesRequested --submitted v n+1 (by the submitter)--> submitted
//   submitted --decided--> approved | approvedWithConditions | rejected      (final)
//   submitted | changesRequested --withdrawn (by the submitter)--> withdrawn  (final)
//   comments may be added at any time by the submitter, reviewers and managers.
//   "re-review due" is not a state: it is an approval seen at a time on or after its re-review date.
//
// The rules are in transitions.ts, the shapes in reviewState.ts; here the state is built from
// events: each is checked (checkTransition) and applied, or ignored and reported, never applied.
import { reason, type Reason } from '../contract/reasons';
import { canonicalJson } from '../ledger/canonical';
import { assessReview } from './assess';
import type { Questionnaire } from './questionnaire';
import { reviewEventDataSchemas } from './events';
import type { ReviewEventType, ReviewSubmittedData } from './events';

import { checkTransition } from './transitions';
import type {
  IgnoredReviewEvent,
  ReviewAction,
  ReviewDisplayStatus,
  ReviewEventInput,
  ReviewProjection,
  ReviewRole,
  ReviewState,
  ReviewVersion,
  TransitionContext,
} from './reviewState';

export * from './reviewState';
export * from './transitions';

// ---- applying --------------------------------------------------------------------------------

/** The state after an event that checkTransition allowed. Returns a new object; `state` is not changed. */
export function applyReviewEvent(
  state: ReviewState | null,
  event: ReviewAction & { actor: string; hash: string },
): ReviewState {
  const ref = { actor: event.actor, ts: event.ts, hash: event.hash };
  if (event.type === 'review.submitted') {
    const d = event.data;
    const version: ReviewVersion = {
      ...ref,
      version: d.version,
      title: d.title,
      answers: d.answers,
      assessment: d.assessment,
      mitigationResponses: d.mitigationResponses,
    };
    if (state === null) {
      return {
        reviewId: d.reviewId,
        title: d.title,
        submitter: event.actor,
        status: 'submitted',
        version: d.version,
        submittedAt: event.ts,
        updatedAt: event.ts,
        versions: [version],
        changeRequests: [],
        comments: [],
        decision: null,
        withdrawal: null,
        conditionsMet: [],
        exemptions: [],
      };
    }
    return {
      ...state,
      title: d.title,
      status: 'submitted',
      version: d.version,
      updatedAt: event.ts,
      versions: [...state.versions, version],
    };
  }
  if (state === null) throw new Error(`${event.type} for a review that does not exist`);
  const next = { ...state, updatedAt: event.ts };
  switch (event.type) {
    case 'review.commented':
      return {
        ...next,
        comments: [...state.comments, { ...ref, version: event.data.version, text: event.data.text }],
      };
    case 'review.changesRequested':
      return {
        ...next,
        status: 'changesRequested',
        changeRequests: [
          ...state.changeRequests,
          {
            ...ref,
            version: event.data.version,
            rationale: event.data.rationale,
            requestedChanges: event.data.requestedChanges,
          },
        ],
      };
    case 'review.decided': {
      const d = event.data;
      return {
        ...next,
        status: d.decision,
        decision: {
          ...ref,
          version: d.version,
          decision: d.decision,
          rationale: d.rationale,
          conditions: d.conditions,
          reReviewDate: d.reReviewDate,
          dpoAdvice: d.dpoAdvice ?? null,
        },
      };
    }
    case 'review.withdrawn':
      return {
        ...next,
        status: 'withdrawn',
        withdrawal: { ...ref, version: event.data.version, reason: event.data.reason },
      };
    case 'review.conditionMet':
      return {
        ...next,
        conditionsMet: [
          ...state.conditionsMet,
          { ...ref, conditionId: event.data.conditionId, note: event.data.note },
        ],
      };
    case 'review.dpiaExempted': {
      const { version, basis, reason: why, reference, dpoView } = event.data;
      return {
        ...next,
        exemptions: [...state.exemptions, { ...ref, version, basis, reason: why, reference, dpoView }],
      };
    }
  }
}

function isReviewEventType(type: string): type is ReviewEventType {
  return Object.hasOwn(reviewEventDataSchemas, type);
}

/** Used when the caller has no policy at hand: roles and training are assumed, every other rule applies. */
function permissive(actorId: string): TransitionContext {
  return {
    actorId,
    actorRoles: new Set<ReviewRole>(['reviewer', 'manager']),
    reviewerRefusal: null,
    missingReviewerTraining: [],
    missingSubmitterTraining: [],
  };
}

export interface ProjectionOptions {
  /**
   * The actor's roles and training as they stood for this event. Without it, roles and training
   * are assumed and only the other rules (separation of duties, order, versions, content) apply.
   */
  contextFor?: (event: ReviewEventInput, state: ReviewState | null) => TransitionContext;
  /**
   * The current questionnaire, and `questionnaires` the earlier versions kept in content. A
   * submission recorded against one of them (same content hash) is re-assessed with it, in its own
   * format, and ignored if its recorded assessment differs: the assessment is written by the
   * submitter's app, and a doctored one could hide a blocking flag from the reviewer. One recorded
   * against a questionnaire that is not kept cannot be re-checked (the detail says so).
   */
  questionnaire?: Questionnaire;
  questionnaires?: readonly Questionnaire[];
}

function assessmentMismatch(qs: readonly Questionnaire[], data: ReviewSubmittedData): Reason | null {
  const q = qs.find((x) => x.contentHash === data.assessment.questionnaire.contentHash);
  if (!q) return null;
  const recomputed = assessReview(q, data.answers, data.mitigationResponses);
  return canonicalJson(recomputed) === canonicalJson(data.assessment)
    ? null
    : reason('review.assessmentMismatch');
}

/**
 * Builds every review's state from ledger entries (of all writers, any types). Entries are
 * applied in timestamp order (ties keep their input order); each is checked by checkTransition
 * first, so a rule-breaking entry in someone's own ledger is listed in `ignored`, not applied.
 */
export function projectReviews(
  events: readonly ReviewEventInput[],
  options: ProjectionOptions = {},
): ReviewProjection {
  const time = (ts: string): number => {
    const t = Date.parse(ts);
    return Number.isNaN(t) ? 0 : t;
  };
  const ordered = events
    .map((e, i) => ({ e, i }))
    .filter(({ e }) => isReviewEventType(e.type))
    .sort((a, b) => time(a.e.ts) - time(b.e.ts) || a.i - b.i)
    .map(({ e }) => e);

  const states = new Map<string, ReviewState>();
  const ignored: IgnoredReviewEvent[] = [];
  for (const e of ordered) {
    const type = e.type as ReviewEventType;
    const parsed = reviewEventDataSchemas[type].safeParse(e.data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      ignored.push({
        hash: e.hash,
        type,
        actor: e.actor,
        reason: reason('review.malformedEvent', {
          type,
          field: issue && issue.path.length > 0 ? issue.path.map(String).join('.') : 'data',
        }),
      });
      continue;
    }
    const action = { type, ts: e.ts, data: parsed.data } as ReviewAction;
    const state = states.get(action.data.reviewId) ?? null;
    const ctx = options.contextFor ? options.contextFor(e, state) : permissive(e.actor);
    const check = checkTransition(state, action, { ...ctx, actorId: e.actor });
    const known = [
      ...(options.questionnaire ? [options.questionnaire] : []),
      ...(options.questionnaires ?? []),
    ];
    const mismatch =
      check.ok && action.type === 'review.submitted' && known.length > 0
        ? assessmentMismatch(known, action.data)
        : null;
    if (!check.ok || mismatch !== null) {
      ignored.push({
        hash: e.hash,
        type,
        actor: e.actor,
        reason: check.ok ? (mismatch as Reason) : (check.reasons[0] as Reason),
      });
      continue;
    }
    states.set(action.data.reviewId, applyReviewEvent(state, { ...action, actor: e.actor, hash: e.hash }));
  }
  const reviews = [...states.values()].sort(
    (a, b) =>
      time(a.submittedAt) - time(b.submittedAt) ||
      (a.reviewId < b.reviewId ? -1 : a.reviewId > b.reviewId ? 1 : 0),
  );
  return { reviews, ignored };
}

// ---- reading ---------------------------------------------------------------------------------

/** True when an approval's re-review date (taken as 00:00 UTC that day) has come at `now`. */
export function reviewReReviewDue(state: ReviewState, now: string | Date): boolean {
  const date = state.decision?.reReviewDate;
  if (!date || (state.status !== 'approved' && state.status !== 'approvedWithConditions')) return false;
  const at = typeof now === 'string' ? Date.parse(now) : now.getTime();
  return at >= Date.parse(`${date}T00:00:00.000Z`);
}

/** An open condition is overdue once its due day (UTC) is over; a met one never is. */
export function conditionOverdue(dueDate: string, met: boolean, now: Date): boolean {
  return !met && now.getTime() >= Date.parse(`${dueDate}T00:00:00.000Z`) + 86_400_000;
}

export function reviewDisplayStatus(state: ReviewState, now: string | Date): ReviewDisplayStatus {
  return reviewReReviewDue(state, now) ? 'reReviewDue' : state.status;
}

/** A reviewer's queue: submitted reviews awaiting a decision, never the reviewer's own. */
export function reviewQueue(reviews: readonly ReviewState[], reviewerId: string): ReviewState[] {
  return reviews.filter((r) => r.status === 'submitted' && r.submitter !== reviewerId);
}
