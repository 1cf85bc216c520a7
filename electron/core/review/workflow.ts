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
        head: event.hash,
        conflict: null,
      };
    }
    return {
      ...state,
      title: d.title,
      status: 'submitted',
      version: d.version,
      updatedAt: event.ts,
      versions: [...state.versions, version],
      head: event.hash,
    };
  }
  if (state === null) throw new Error(`${event.type} for a review that does not exist`);
  const next = { ...state, updatedAt: event.ts, head: event.hash };
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
    samePerson: (a, b) => a === b,
    enrolmentRefusal: null,
    actorRoles: new Set<ReviewRole>(['reviewer', 'manager']),
    reviewerRefusal: null,
    missingReviewerTraining: [],
    missingSubmitterTraining: [],
  };
}

export interface ProjectionOptions {
  /**
   * The actor's roles and training as they stood for this event, at `at`: the event's effective
   * time (see projectReviews). Without it, roles and training are assumed and only the other
   * rules (separation of duties, order, versions, content) apply.
   */
  contextFor?: (event: ReviewEventInput, state: ReviewState | null, at: Date) => TransitionContext;
  /**
   * The earliest time an entry can have been written, whatever its own `ts` says: the time of the
   * entry before it in its author's ledger, or of a witness that saw that ledger without it.
   */
  notBefore?: (event: ReviewEventInput) => string | null;
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

/** Events that move a review from one status to another; comments and conditions met do not. */
const STATE_CHANGING: ReadonlySet<ReviewEventType> = new Set([
  'review.submitted',
  'review.changesRequested',
  'review.decided',
  'review.withdrawn',
]);

interface Node {
  e: ReviewEventInput;
  action: ReviewAction;
  /** Input order, for a stable order among equal times. */
  i: number;
  /** The event this one follows: its `after`, or for an older entry without one, the one before it in time. */
  parent: string | null;
  causal: boolean;
}

type CausalData = { after?: string | null; submission?: string; overrides?: string[] };

const ROOT = '';

/**
 * Builds every review's state from ledger entries (of all writers, any types).
 *
 * Causal order, not each writer's clock: every event names the latest event on the review its
 * author saw (`after`), and is applied after it. Events that change the review's status and
 * follow the same point without seeing each other — an approval and a rejection of one version,
 * a withdrawal written beside a decision — are a conflict: none of them is applied and the review
 * stays as it was, with the conflict shown, until a reviewer's decision that saw them settles it
 * (`overrides`). Timestamps never settle anything; they only order what is shown side by side.
 * Entries written before events carried `after` follow the one before them in time, as then.
 *
 * Each event is judged at its effective time: its own time, or later when it follows an event
 * written later (it cannot have been written before what it acts on) or when its ledger says it
 * was written later (`notBefore`). So a former reviewer cannot date a decision inside their role
 * when it acts on a version submitted after the role ended.
 *
 * Each event is checked by checkTransition first: one that breaks a rule is listed in `ignored`
 * with the reason, never applied.
 */
export function projectReviews(
  events: readonly ReviewEventInput[],
  options: ProjectionOptions = {},
): ReviewProjection {
  const time = (ts: string): number => {
    const t = Date.parse(ts);
    return Number.isNaN(t) ? 0 : t;
  };
  const ignored: IgnoredReviewEvent[] = [];
  const ignore = (e: ReviewEventInput, why: Reason) =>
    ignored.push({ hash: e.hash, type: e.type, actor: e.actor, reason: why });

  // Parse, and group by review.
  const byReview = new Map<string, Node[]>();
  events.forEach((e, i) => {
    if (!isReviewEventType(e.type)) return;
    const type = e.type;
    const parsed = reviewEventDataSchemas[type].safeParse(e.data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      ignore(
        e,
        reason('review.malformedEvent', {
          type,
          field: issue && issue.path.length > 0 ? issue.path.map(String).join('.') : 'data',
        }),
      );
      return;
    }
    const action = { type, ts: e.ts, data: parsed.data } as ReviewAction;
    const list = byReview.get(action.data.reviewId) ?? [];
    list.push({ e, action, i, parent: null, causal: (parsed.data as CausalData).after !== undefined });
    byReview.set(action.data.reviewId, list);
  });

  const byTime = (a: Node, b: Node) => time(a.e.ts) - time(b.e.ts) || a.i - b.i;
  const kept = [...(options.questionnaire ? [options.questionnaire] : []), ...(options.questionnaires ?? [])];
  const states: ReviewState[] = [];
  for (const nodes of byReview.values()) {
    nodes.sort(byTime);
    const known = new Map(nodes.map((n) => [n.e.hash, n]));
    let previous: Node | null = null;
    for (const n of nodes) {
      n.parent = n.causal ? ((n.action.data as CausalData).after ?? ROOT) : (previous?.e.hash ?? ROOT);
      previous = n;
    }
    // Once a review's events say what they follow, an entry that does not is trusted only as the
    // history they were written on (an ancestor of one of them): one written beside them, dated
    // by its writer's clock alone, could otherwise be slipped in before any of them.
    if (nodes.some((n) => n.causal)) {
      const history = new Set<string>();
      for (const n of nodes) {
        if (!n.causal) continue;
        let p = n.parent;
        while (p && p !== ROOT && !history.has(p)) {
          history.add(p);
          p = known.get(p)?.parent ?? null;
        }
      }
      for (const n of nodes) {
        if (!n.causal && !history.has(n.e.hash)) {
          ignore(n.e, reason('review.noAfter'));
          known.delete(n.e.hash);
        }
      }
    }
    const children = new Map<string, Node[]>();
    for (const n of nodes) {
      if (!known.has(n.e.hash)) continue;
      if (n.parent !== ROOT && !known.has(n.parent as string)) {
        ignore(n.e, reason('review.unknownAfter'));
        continue;
      }
      const list = children.get(n.parent as string) ?? [];
      list.push(n);
      children.set(n.parent as string, list);
    }
    const childrenOf = (hash: string) => children.get(hash) ?? [];

    // Effective times: never before the event followed, the version acted on, or the ledger's word.
    const effective = new Map<string, number>();
    const effectiveOf = (n: Node): number => {
      const hit = effective.get(n.e.hash);
      if (hit !== undefined) return hit;
      let t = time(n.e.ts);
      const bound = options.notBefore?.(n.e);
      if (bound) t = Math.max(t, time(bound));
      const parent = n.parent ? known.get(n.parent) : undefined;
      if (parent) t = Math.max(t, effectiveOf(parent));
      const submission = (n.action.data as CausalData).submission;
      const sub = submission ? known.get(submission) : undefined;
      if (sub) t = Math.max(t, effectiveOf(sub));
      effective.set(n.e.hash, t);
      return t;
    };

    /** Checks one event against the state; applies nothing. */
    const check = (n: Node, state: ReviewState | null): Reason | null => {
      const data = n.action.data as CausalData & { version: number };
      if (state && data.submission !== undefined) {
        const acted =
          n.action.type === 'review.submitted'
            ? state.versions.find((v) => v.version === data.version - 1)
            : state.versions.find((v) => v.version === data.version);
        if (acted && acted.hash !== data.submission) return reason('review.wrongSubmission');
      }
      const at = new Date(effectiveOf(n));
      const ctx = options.contextFor ? options.contextFor(n.e, state, at) : permissive(n.e.actor);
      const verdict = checkTransition(state, n.action, { ...ctx, actorId: n.e.actor });
      if (!verdict.ok) return verdict.reasons[0] as Reason;
      if (n.action.type === 'review.submitted' && kept.length > 0) {
        return assessmentMismatch(kept, n.action.data);
      }
      return null;
    };

    /** Every event after `hash`, transitively. */
    const descendants = (hash: string): Node[] => {
      const out: Node[] = [];
      const queue = [...childrenOf(hash)];
      while (queue.length > 0) {
        const n = queue.shift() as Node;
        out.push(n);
        queue.push(...childrenOf(n.e.hash));
      }
      return out;
    };

    let state: ReviewState | null = null;
    let anchor = ROOT;
    for (;;) {
      // Everything after the anchor up to the next status change: comments apply as they come
      // (they change no status); status changes are the candidates for what happened next.
      const queue = [...childrenOf(anchor)].sort(byTime);
      const candidates: Node[] = [];
      while (queue.length > 0) {
        const n = queue.shift() as Node;
        const why = check(n, state);
        if (!STATE_CHANGING.has(n.action.type)) {
          if (why) ignore(n.e, why);
          else state = applyReviewEvent(state, { ...n.action, actor: n.e.actor, hash: n.e.hash });
          queue.push(...childrenOf(n.e.hash));
          queue.sort(byTime);
        } else if (why) {
          // Not applied: what follows it is judged as if it followed what came before it.
          ignore(n.e, why);
          queue.push(...childrenOf(n.e.hash));
          queue.sort(byTime);
        } else {
          candidates.push(n);
        }
      }
      if (candidates.length === 0) break;
      // A reviewer's decision that saw the conflicting events settles them.
      const hashes = new Set(candidates.map((c) => c.e.hash));
      const overridden = new Map<string, Node>();
      for (const c of candidates) {
        const list = ((c.action.data as CausalData).overrides ?? []).filter(
          (h) => hashes.has(h) && h !== c.e.hash,
        );
        const settles = c.action.type === 'review.decided' || c.action.type === 'review.changesRequested';
        // Only a conflict can be settled: the decision must name at least two of the events in it
        // (naming one alone would be overruling a decision its author saw, which is no conflict).
        if (settles && list.length >= 2) for (const h of list) overridden.set(h, c);
      }
      const winners = candidates.filter((c) => !overridden.has(c.e.hash));
      if (winners.length === 1) {
        const w = winners[0] as Node;
        state = applyReviewEvent(state, { ...w.action, actor: w.e.actor, hash: w.e.hash });
        for (const c of candidates) {
          if (c === w) continue;
          ignore(c.e, reason('review.overridden', { by: (overridden.get(c.e.hash) as Node).e.actor }));
          for (const d of descendants(c.e.hash)) ignore(d.e, reason('review.afterOverridden'));
        }
        anchor = w.e.hash;
        continue;
      }
      // Two or more: a conflict, shown with every side; nothing after them is applied.
      const conflictWith = winners.length > 0 ? winners : candidates;
      for (const c of candidates) {
        if (!conflictWith.includes(c)) {
          ignore(c.e, reason('review.overridden', { by: (overridden.get(c.e.hash) as Node).e.actor }));
        }
        for (const d of descendants(c.e.hash)) ignore(d.e, reason('review.inConflict'));
      }
      if (state) {
        state = {
          ...state,
          conflict: {
            after: anchor,
            events: conflictWith.map((c) => ({
              hash: c.e.hash,
              type: c.action.type,
              actor: c.e.actor,
              ts: c.e.ts,
              decision: c.action.type === 'review.decided' ? c.action.data.decision : null,
            })),
          },
        };
      } else {
        // Two first submissions with one review id: neither is taken.
        for (const c of conflictWith) ignore(c.e, reason('review.duplicateStart'));
      }
      break;
    }
    if (state) states.push(state);
  }
  const reviews = states.sort(
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
/** Submitted reviews awaiting a decision that `reviewerId` may take: none of their own person's. */
export function reviewQueue(
  reviews: readonly ReviewState[],
  reviewerId: string,
  samePerson: (a: string, b: string) => boolean = (a, b) => a === b,
): ReviewState[] {
  return reviews.filter((r) => r.status === 'submitted' && !samePerson(r.submitter, reviewerId));
}
