// The review workflow as a pure state machine over ledger-shaped events.
//
//   (draft, in electron-store) --submitted v1--> submitted --changesRequested--> changesRequested
//   changesRequested --submitted v n+1 (by the submitter)--> submitted
//   submitted --decided--> approved | approvedWithConditions | rejected      (final)
//   submitted | changesRequested --withdrawn (by the submitter)--> withdrawn  (final)
//   comments may be added at any time by the submitter, reviewers and managers.
//   "re-review due" is not a state: it is an approval seen at a time on or after its re-review date.
//
// checkTransition is the one place these rules live: services call it before appending, and
// projectReviews calls it again on every event it reads, because anyone can write anything into
// their own ledger — an event that breaks a rule is ignored and reported, never applied.
import { reason, type Reason } from '../contract/reasons';
import { canonicalJson } from '../ledger/canonical';
import { assessReview } from './assess';
import type { MitigationResponse, ReviewAssessment } from './model';
import type { Questionnaire } from './questionnaire';
import { reviewEventDataSchemas } from './events';
import type {
  Decision,
  ReviewCondition,
  ReviewEventDataMap,
  ReviewEventType,
  ReviewSubmittedData,
} from './events';

export type ReviewRole = 'reviewer' | 'manager';
export type ReviewStatus =
  'submitted' | 'changesRequested' | 'approved' | 'approvedWithConditions' | 'rejected' | 'withdrawn';
/** What a list shows: the status, or reReviewDue for an approval whose re-review date has come. */
export type ReviewDisplayStatus = ReviewStatus | 'reReviewDue';

/** What someone wants to do, in the shape of the event that would record it. */
export type ReviewAction = {
  [T in ReviewEventType]: { type: T; ts: string; data: ReviewEventDataMap[T] };
}[ReviewEventType];

/** A ledger entry as the projection reads it (any type; non-review entries are skipped). */
export interface ReviewEventInput {
  type: string;
  actor: string;
  ts: string;
  hash: string;
  data: unknown;
}

export interface TransitionContext {
  actorId: string;
  /** Roles the actor holds under the policy (email and key fingerprint both matching). */
  actorRoles: ReadonlySet<ReviewRole>;
  /** Why the actor does not hold the reviewer role (ended, not yet started), when there is more to say. */
  reviewerRefusal: Reason | null;
  /** Titles of the reviewer training modules not current: checked for requesting changes and deciding. */
  missingReviewerTraining: readonly string[];
  /** Titles of the modules required of submitters not current: checked for submitting a version. */
  missingSubmitterTraining: readonly string[];
}

export type TransitionCheck = { ok: true } | { ok: false; reasons: Reason[] };

interface EntryRef {
  actor: string;
  ts: string;
  hash: string;
}

export interface ReviewVersion extends EntryRef {
  version: number;
  title: string;
  answers: ReviewSubmittedData['answers'];
  assessment: ReviewAssessment;
  mitigationResponses: MitigationResponse[];
}

export interface ReviewChangeRequest extends EntryRef {
  version: number;
  rationale: string;
  requestedChanges: string[];
}

export interface ReviewComment extends EntryRef {
  version: number;
  text: string;
}

export interface ReviewDecision extends EntryRef {
  version: number;
  decision: Decision;
  rationale: string;
  conditions: ReviewCondition[];
  reReviewDate: string | null;
  dpoAdvice: { followed: boolean; reason?: string } | null;
}

export interface ReviewConditionMet extends EntryRef {
  conditionId: string;
  note: string;
}

export interface ReviewWithdrawal extends EntryRef {
  version: number;
  reason: string;
}

export interface ReviewState {
  reviewId: string;
  /** Title of the latest version. */
  title: string;
  /** Profile id of whoever submitted version 1; only they may submit later versions or withdraw. */
  submitter: string;
  status: ReviewStatus;
  /** The latest submitted version. */
  version: number;
  submittedAt: string;
  updatedAt: string;
  versions: ReviewVersion[];
  changeRequests: ReviewChangeRequest[];
  comments: ReviewComment[];
  decision: ReviewDecision | null;
  withdrawal: ReviewWithdrawal | null;
  /** Conditions of an approval marked met, in the order they were. */
  conditionsMet: ReviewConditionMet[];
}

export interface IgnoredReviewEvent {
  hash: string;
  type: string;
  actor: string;
  reason: Reason;
}

export interface ReviewProjection {
  /** Ordered by first submission, then id. */
  reviews: ReviewState[];
  /** Review events that broke a rule or had malformed data: not applied. */
  ignored: IgnoredReviewEvent[];
}

// ---- checks ----------------------------------------------------------------------------------
//
// Two kinds of check, both here and nowhere else. permit() says whether someone may take an
// action on a review in its present state (who they are, their role and training, the state):
// it is what the screens ask ("may I decide?") by dry-running it, and what every write runs
// first. validate() then checks what is written (versions, rationale, conditions, dates).

/** Every kind of action on a review, one per event type. */
export const REVIEW_ACTION_KINDS = [
  'submitVersion',
  'comment',
  'requestChanges',
  'decide',
  'withdraw',
  'meetCondition',
] as const;
export type ReviewActionKind = (typeof REVIEW_ACTION_KINDS)[number];

const KIND_OF: Record<ReviewEventType, ReviewActionKind> = {
  'review.submitted': 'submitVersion',
  'review.commented': 'comment',
  'review.changesRequested': 'requestChanges',
  'review.decided': 'decide',
  'review.withdrawn': 'withdraw',
  'review.conditionMet': 'meetCondition',
};

const refuse = (...reasons: Reason[]): TransitionCheck => ({ ok: false, reasons });
const OK: TransitionCheck = { ok: true };
const blank = (s: string | undefined): boolean => s === undefined || s.trim() === '';
const dayOf = (ts: string): string => ts.slice(0, 10);
const first = (...checks: (() => TransitionCheck)[]): TransitionCheck => {
  for (const check of checks) {
    const result = check();
    if (!result.ok) return result;
  }
  return OK;
};

function latest(state: ReviewState): ReviewVersion {
  const v = state.versions[state.versions.length - 1];
  if (!v) throw new Error(`review ${state.reviewId} has no version`);
  return v;
}

/** Why the actor may not submit a version yet for lack of training; null when their training is current. */
export function submitterTrainingRefusal(ctx: TransitionContext): Reason | null {
  return ctx.missingSubmitterTraining.length > 0
    ? reason('review.submitterTrainingMissing', { modules: ctx.missingSubmitterTraining.join(', ') })
    : null;
}

/** Why the actor may not act as a reviewer (role, training), all at once; empty when they may. */
export function reviewerRefusalsOf(ctx: TransitionContext): Reason[] {
  const out: Reason[] = [];
  if (!ctx.actorRoles.has('reviewer')) out.push(ctx.reviewerRefusal ?? reason('review.notReviewer'));
  if (ctx.missingReviewerTraining.length > 0) {
    out.push(reason('review.reviewerTrainingMissing', { modules: ctx.missingReviewerTraining.join(', ') }));
  }
  return out;
}

/** Who may write a (new) version: anyone for a new review, the submitter after changes were requested. */
function permitSubmitVersion(state: ReviewState | null, ctx: TransitionContext): TransitionCheck {
  if (state === null) return OK;
  const title = state.title;
  if (ctx.actorId !== state.submitter) return refuse(reason('review.onlySubmitterSubmits', { title }));
  if (state.status === 'withdrawn') return refuse(reason('review.withdrawnIsFinal', { title }));
  if (state.decision) {
    return refuse(reason('review.decidedCannotResubmit', { title, context: state.decision.decision }));
  }
  if (state.status === 'submitted') {
    return refuse(reason('review.noChangesRequested', { title, version: state.version }));
  }
  return OK;
}

function permitReviewerAct(state: ReviewState | null, ctx: TransitionContext): TransitionCheck {
  if (state === null) return refuse(reason('review.notFound', { reviewId: '' }));
  const title = state.title;
  if (state.status === 'withdrawn') return refuse(reason('review.withdrawnIsFinal', { title }));
  // Separation of duties first and alone: nothing else matters for someone's own submission.
  if (ctx.actorId === state.submitter) return refuse(reason('review.ownSubmission', { title }));
  const reasons = reviewerRefusalsOf(ctx);
  if (state.decision) {
    reasons.push(
      reason('review.alreadyDecided', {
        title,
        version: state.decision.version,
        context: state.decision.decision,
      }),
    );
  } else if (state.status === 'changesRequested') {
    reasons.push(
      reason('review.awaitingNewVersion', { title, version: state.version, next: state.version + 1 }),
    );
  }
  return reasons.length > 0 ? refuse(...reasons) : OK;
}

function permitComment(state: ReviewState | null, ctx: TransitionContext): TransitionCheck {
  if (state === null) return refuse(reason('review.notFound', { reviewId: '' }));
  if (state.status === 'withdrawn') return refuse(reason('review.withdrawnIsFinal', { title: state.title }));
  if (ctx.actorId !== state.submitter && ctx.actorRoles.size === 0) {
    return refuse(reason('review.commentNotAllowed', { title: state.title }));
  }
  return OK;
}

function permitWithdraw(state: ReviewState | null, ctx: TransitionContext): TransitionCheck {
  if (state === null) return refuse(reason('review.notFound', { reviewId: '' }));
  const title = state.title;
  if (ctx.actorId !== state.submitter) return refuse(reason('review.onlySubmitterWithdraws', { title }));
  if (state.status === 'withdrawn') return refuse(reason('review.withdrawnIsFinal', { title }));
  if (state.decision) {
    return refuse(reason('review.decidedCannotWithdraw', { title, context: state.decision.decision }));
  }
  return OK;
}

function permitMeetCondition(state: ReviewState | null, ctx: TransitionContext): TransitionCheck {
  if (state === null) return refuse(reason('review.notFound', { reviewId: '' }));
  const title = state.title;
  const decision = state.decision;
  if (decision === null || decision.decision !== 'approvedWithConditions') {
    return refuse(reason('review.noConditionsToMeet', { title }));
  }
  if (ctx.actorId !== state.submitter && !ctx.actorRoles.has('reviewer')) {
    return refuse(reason('review.conditionMetNotAllowed', { title }));
  }
  if (state.conditionsMet.length >= decision.conditions.length) {
    return refuse(reason('review.allConditionsMet', { title }));
  }
  return OK;
}

/**
 * Whether the actor may take this kind of action on the review in its present state (null: the
 * review does not exist yet). Every refusal that applies is listed, in an order a person can act
 * on; it does not look at what the action would write.
 */
export function permit(
  kind: ReviewActionKind,
  state: ReviewState | null,
  ctx: TransitionContext,
): TransitionCheck {
  switch (kind) {
    case 'submitVersion':
      return permitSubmitVersion(state, ctx);
    case 'comment':
      return permitComment(state, ctx);
    case 'requestChanges':
    case 'decide':
      return permitReviewerAct(state, ctx);
    case 'withdraw':
      return permitWithdraw(state, ctx);
    case 'meetCondition':
      return permitMeetCondition(state, ctx);
  }
}

/** What the actor may do on this review now: permit() dry-run for every kind of action. */
export function allowedActions(
  state: ReviewState,
  ctx: TransitionContext,
): Record<ReviewActionKind, TransitionCheck> {
  return Object.fromEntries(REVIEW_ACTION_KINDS.map((kind) => [kind, permit(kind, state, ctx)])) as Record<
    ReviewActionKind,
    TransitionCheck
  >;
}

// ---- what is written

function checkReady(assessment: ReviewAssessment): TransitionCheck {
  if (assessment.answerProblems.length > 0) {
    return refuse(reason('review.answersNeedAttention', { count: assessment.answerProblems.length }));
  }
  const response = assessment.responseProblems[0];
  if (response)
    return refuse(reason('review.mitigationResponseInvalid', { mitigationId: response.mitigationId }));
  if (assessment.unansweredMitigations.length > 0) {
    return refuse(reason('review.mitigationsUnanswered', { count: assessment.unansweredMitigations.length }));
  }
  return OK;
}

function sameContent(a: ReviewVersion, data: ReviewSubmittedData): boolean {
  const byId = (rs: MitigationResponse[]): MitigationResponse[] =>
    [...rs].sort((x, y) => (x.mitigationId < y.mitigationId ? -1 : x.mitigationId > y.mitigationId ? 1 : 0));
  return (
    canonicalJson(a.answers) === canonicalJson(data.answers) &&
    canonicalJson(byId(a.mitigationResponses)) === canonicalJson(byId(data.mitigationResponses))
  );
}

function validateSubmitted(
  state: ReviewState | null,
  data: ReviewSubmittedData,
  ctx: TransitionContext,
): TransitionCheck {
  // Writing a draft is free; submitting it needs current training.
  const training = submitterTrainingRefusal(ctx);
  if (training) return refuse(training);
  if (state === null) {
    if (data.version !== 1) {
      return refuse(reason('review.firstVersionIsOne', { reviewId: data.reviewId, version: data.version }));
    }
    return checkReady(data.assessment);
  }
  if (data.version !== state.version + 1) {
    return refuse(
      reason('review.nextVersionIs', { title: state.title, next: state.version + 1, version: data.version }),
    );
  }
  return first(
    () => checkReady(data.assessment),
    () =>
      sameContent(latest(state), data)
        ? refuse(reason('review.versionChangesNothing', { version: data.version, previous: state.version }))
        : OK,
  );
}

function currentVersion(state: ReviewState, version: number): TransitionCheck {
  return version === state.version
    ? OK
    : refuse(reason('review.notCurrentVersion', { title: state.title, version, current: state.version }));
}

function validateChangesRequested(
  state: ReviewState,
  data: ReviewEventDataMap['review.changesRequested'],
): TransitionCheck {
  return first(
    () => currentVersion(state, data.version),
    () => (blank(data.rationale) ? refuse(reason('review.changesNeedRationale')) : OK),
    () =>
      data.requestedChanges.length === 0 || data.requestedChanges.some((c) => blank(c))
        ? refuse(reason('review.changesNeedList'))
        : OK,
  );
}

function validateDecided(
  state: ReviewState,
  data: ReviewEventDataMap['review.decided'],
  ts: string,
): TransitionCheck {
  const base = first(
    () => currentVersion(state, data.version),
    () => (blank(data.rationale) ? refuse(reason('review.decisionNeedsRationale')) : OK),
  );
  if (!base.ok) return base;
  const current = latest(state);
  if (data.decision === 'rejected') {
    if (data.conditions.length > 0) return refuse(reason('review.rejectionHasNoConditions'));
    if (data.reReviewDate !== null) return refuse(reason('review.rejectionHasNoReReview'));
  } else {
    const open = current.assessment.flags.filter((f) => f.blocking && !f.cleared);
    if (open.length > 0) {
      return refuse(
        reason('review.blockingFlagsOpen', {
          title: state.title,
          count: open.length,
          flags: open.map((f) => f.label).join('; '),
        }),
      );
    }
    if (data.decision === 'approved' && data.conditions.length > 0) {
      return refuse(reason('review.approvalListsConditions'));
    }
    if (data.decision === 'approvedWithConditions' && data.conditions.length === 0) {
      return refuse(reason('review.conditionsNeeded'));
    }
    const seen = new Set<string>();
    for (const [i, c] of data.conditions.entries()) {
      if (blank(c.text) || blank(c.owner))
        return refuse(reason('review.conditionIncomplete', { number: i + 1 }));
      if (c.dueDate < dayOf(ts)) {
        return refuse(reason('review.conditionDueBeforeDecision', { number: i + 1, due: c.dueDate }));
      }
      if (seen.has(c.id)) return refuse(reason('review.conditionIdRepeated', { id: c.id }));
      seen.add(c.id);
    }
    if (data.reReviewDate === null) return refuse(reason('review.reReviewDateNeeded'));
    if (data.reReviewDate <= dayOf(ts)) {
      return refuse(reason('review.reReviewDateTooEarly', { date: data.reReviewDate, day: dayOf(ts) }));
    }
  }
  const { dpoConsulted, dpoAdvice } = current.assessment.summary;
  if (dpoConsulted === 'yes' && !blank(dpoAdvice ?? undefined) && !data.dpoAdvice) {
    return refuse(reason('review.dpoAdviceAnswerNeeded'));
  }
  if (data.dpoAdvice && !data.dpoAdvice.followed && blank(data.dpoAdvice.reason)) {
    return refuse(reason('review.dpoAdviceReasonNeeded'));
  }
  return OK;
}

function validateCommented(
  state: ReviewState,
  data: ReviewEventDataMap['review.commented'],
): TransitionCheck {
  if (blank(data.text)) return refuse(reason('review.commentNeedsText'));
  if (data.version > state.version) {
    return refuse(reason('review.noSuchVersion', { title: state.title, version: data.version }));
  }
  return OK;
}

function validateWithdrawn(
  state: ReviewState,
  data: ReviewEventDataMap['review.withdrawn'],
): TransitionCheck {
  return first(
    () => currentVersion(state, data.version),
    () => (blank(data.reason) ? refuse(reason('review.withdrawNeedsReason')) : OK),
  );
}

function validateConditionMet(
  state: ReviewState,
  data: ReviewEventDataMap['review.conditionMet'],
): TransitionCheck {
  const decision = state.decision as ReviewDecision;
  const title = state.title;
  if (data.version !== decision.version) {
    return refuse(
      reason('review.conditionsBelongToVersion', { title, version: decision.version, given: data.version }),
    );
  }
  const condition = decision.conditions.find((c) => c.id === data.conditionId);
  if (!condition) return refuse(reason('review.noSuchCondition', { title, conditionId: data.conditionId }));
  const met = state.conditionsMet.find((m) => m.conditionId === data.conditionId);
  if (met) return refuse(reason('review.conditionAlreadyMet', { text: condition.text, day: dayOf(met.ts) }));
  if (blank(data.note)) return refuse(reason('review.conditionMetNeedsNote'));
  return OK;
}

/**
 * Whether `action` may happen to the review now in `state` (null: the review does not exist yet,
 * i.e. a draft being submitted for the first time): permit() first, then what is written.
 */
export function checkTransition(
  state: ReviewState | null,
  action: ReviewAction,
  ctx: TransitionContext,
): TransitionCheck {
  const allowed = permit(KIND_OF[action.type], state, ctx);
  if (!allowed.ok) {
    if (state === null && action.type !== 'review.submitted') {
      return refuse(reason('review.notFound', { reviewId: action.data.reviewId }));
    }
    return allowed;
  }
  switch (action.type) {
    case 'review.submitted':
      return validateSubmitted(state, action.data, ctx);
    case 'review.commented':
      return validateCommented(state as ReviewState, action.data);
    case 'review.changesRequested':
      return validateChangesRequested(state as ReviewState, action.data);
    case 'review.decided':
      return validateDecided(state as ReviewState, action.data, action.ts);
    case 'review.withdrawn':
      return validateWithdrawn(state as ReviewState, action.data);
    case 'review.conditionMet':
      return validateConditionMet(state as ReviewState, action.data);
  }
}

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
   * The current questionnaire. A submission recorded against this same file (same content hash)
   * is re-assessed, and ignored if its recorded assessment differs: the assessment is written by
   * the submitter's app, and a doctored one could hide a blocking flag from the reviewer.
   */
  questionnaire?: Questionnaire;
}

function assessmentMismatch(q: Questionnaire, data: ReviewSubmittedData): Reason | null {
  if (data.assessment.questionnaire.contentHash !== q.contentHash) return null;
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
    const mismatch =
      check.ok && action.type === 'review.submitted' && options.questionnaire
        ? assessmentMismatch(options.questionnaire, action.data)
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
