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
  /** The actor's reviewer training is current: checked for requesting changes and deciding. */
  actorTrainingCurrent: boolean;
  /** The actor's training required of submitters is current: checked for submitting a version. */
  submitterTrainingCurrent: boolean;
}

export type TransitionCheck = { ok: true } | { ok: false; reason: string };

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
  reason: string;
}

export interface ReviewProjection {
  /** Ordered by first submission, then id. */
  reviews: ReviewState[];
  /** Review events that broke a rule or had malformed data: not applied. */
  ignored: IgnoredReviewEvent[];
}

const DECISION_WORDS: Record<Decision, string> = {
  approved: 'approved',
  approvedWithConditions: 'approved with conditions',
  rejected: 'rejected',
};

const DECIDED: ReadonlySet<ReviewStatus> = new Set(['approved', 'approvedWithConditions', 'rejected']);

const refuse = (reason: string): TransitionCheck => ({ ok: false, reason });
const OK: TransitionCheck = { ok: true };
const blank = (s: string | undefined): boolean => s === undefined || s.trim() === '';
const dayOf = (ts: string): string => ts.slice(0, 10);

function latest(state: ReviewState): ReviewVersion {
  const v = state.versions[state.versions.length - 1];
  if (!v) throw new Error(`review ${state.reviewId} has no version`);
  return v;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

// ---- checks ----------------------------------------------------------------------------------

function checkReady(assessment: ReviewAssessment): TransitionCheck {
  const first = assessment.answerProblems[0];
  if (first) {
    return refuse(
      `The questionnaire is not complete: ${plural(assessment.answerProblems.length, 'answer needs', 'answers need')} attention (first: ${first.reason}).`,
    );
  }
  const response = assessment.responseProblems[0];
  if (response)
    return refuse(`The response to mitigation "${response.mitigationId}" cannot stand: ${response.reason}.`);
  if (assessment.unansweredMitigations.length > 0) {
    return refuse(
      `Every proposed mitigation needs a response: accept it with an owner and a due date, or say why it is not needed. ` +
        `${plural(assessment.unansweredMitigations.length, 'has', 'have')} none: ${assessment.unansweredMitigations.join(', ')}.`,
    );
  }
  return OK;
}

const SUBMITTER_TRAINING =
  'Submitting a review needs current training in the modules the policy requires of submitters; complete or renew them first.';

function sameContent(a: ReviewVersion, data: ReviewSubmittedData): boolean {
  const byId = (rs: MitigationResponse[]): MitigationResponse[] =>
    [...rs].sort((x, y) => (x.mitigationId < y.mitigationId ? -1 : x.mitigationId > y.mitigationId ? 1 : 0));
  return (
    canonicalJson(a.answers) === canonicalJson(data.answers) &&
    canonicalJson(byId(a.mitigationResponses)) === canonicalJson(byId(data.mitigationResponses))
  );
}

function checkSubmitted(
  state: ReviewState | null,
  data: ReviewSubmittedData,
  ctx: TransitionContext,
): TransitionCheck {
  if (state === null) {
    if (data.version !== 1) {
      return refuse(
        `Review "${data.reviewId}" does not exist yet: its first version is 1, not ${data.version}.`,
      );
    }
    if (!ctx.submitterTrainingCurrent) return refuse(SUBMITTER_TRAINING);
    return checkReady(data.assessment);
  }
  const title = state.title;
  if (ctx.actorId !== state.submitter)
    return refuse(`Only the submitter of "${title}" can submit a new version.`);
  if (state.status === 'withdrawn') {
    return refuse(`"${title}" was withdrawn and cannot be resubmitted; start a new review instead.`);
  }
  if (DECIDED.has(state.status)) {
    return refuse(
      `"${title}" has been ${DECISION_WORDS[state.status as Decision]} and cannot be resubmitted; start a new review to change the use.`,
    );
  }
  if (state.status === 'submitted') {
    return refuse(
      `No changes were requested on version ${state.version} of "${title}": a new version can be submitted only after a reviewer asks for changes.`,
    );
  }
  if (data.version !== state.version + 1) {
    return refuse(`The next version of "${title}" is ${state.version + 1}, not ${data.version}.`);
  }
  if (!ctx.submitterTrainingCurrent) return refuse(SUBMITTER_TRAINING);
  const ready = checkReady(data.assessment);
  if (!ready.ok) return ready;
  if (sameContent(latest(state), data)) {
    return refuse(
      `Version ${data.version} changes nothing: its answers and mitigation responses are those of version ${state.version}.`,
    );
  }
  return OK;
}

/** The checks shared by requesting changes and deciding: a reviewer other than the submitter, trained, on the current version. */
function checkReviewerAct(
  state: ReviewState | null,
  reviewId: string,
  version: number,
  ctx: TransitionContext,
  act: string,
): TransitionCheck {
  if (state === null) return refuse(`There is no review "${reviewId}".`);
  const title = state.title;
  if (state.status === 'withdrawn') return refuse(`"${title}" was withdrawn; it can no longer be ${act}.`);
  if (ctx.actorId === state.submitter) {
    return refuse(
      `You submitted "${title}", so you cannot review it: someone else must (separation of duties).`,
    );
  }
  if (!ctx.actorRoles.has('reviewer')) {
    return refuse(`Only a reviewer named in the policy can do this; you do not hold the reviewer role.`);
  }
  if (!ctx.actorTrainingCurrent) {
    return refuse(
      'Your reviewer training is not current: complete or renew the modules the policy requires of reviewers first.',
    );
  }
  if (state.decision) {
    return refuse(
      `"${title}" was already ${DECISION_WORDS[state.decision.decision]} on version ${state.decision.version}; a review is decided once.`,
    );
  }
  if (state.status === 'changesRequested') {
    return refuse(
      `Changes were requested on version ${state.version} of "${title}"; wait for the submitter's version ${state.version + 1}.`,
    );
  }
  if (version !== state.version) {
    return refuse(
      `Version ${version} is not the current version of "${title}" (now ${state.version}); look at the current one.`,
    );
  }
  return OK;
}

function checkChangesRequested(
  state: ReviewState | null,
  data: ReviewEventDataMap['review.changesRequested'],
  ctx: TransitionContext,
): TransitionCheck {
  const base = checkReviewerAct(state, data.reviewId, data.version, ctx, 'reviewed');
  if (!base.ok) return base;
  if (blank(data.rationale)) return refuse('Requesting changes needs a rationale.');
  if (data.requestedChanges.length === 0 || data.requestedChanges.some((c) => blank(c))) {
    return refuse('Say what must change: at least one requested change, and none empty.');
  }
  return OK;
}

function checkDecided(
  state: ReviewState | null,
  data: ReviewEventDataMap['review.decided'],
  ts: string,
  ctx: TransitionContext,
): TransitionCheck {
  const base = checkReviewerAct(state, data.reviewId, data.version, ctx, 'decided');
  if (!base.ok || state === null) return base;
  if (blank(data.rationale)) return refuse('A decision needs a written rationale.');

  const current = latest(state);
  if (data.decision === 'rejected') {
    if (data.conditions.length > 0) return refuse('A rejection carries no conditions.');
    if (data.reReviewDate !== null) return refuse('A rejection carries no re-review date.');
  } else {
    const open = current.assessment.flags.filter((f) => f.blocking && !f.cleared);
    if (open.length > 0) {
      return refuse(
        `"${state.title}" cannot be approved while ${plural(open.length, 'blocking flag is', 'blocking flags are')} open: ` +
          `${open.map((f) => f.label).join('; ')}. Request changes or reject.`,
      );
    }
    if (data.decision === 'approved' && data.conditions.length > 0) {
      return refuse(
        'An approval without conditions cannot list conditions; approve with conditions instead.',
      );
    }
    if (data.decision === 'approvedWithConditions' && data.conditions.length === 0) {
      return refuse('Approving with conditions needs at least one condition.');
    }
    const seen = new Set<string>();
    for (const [i, c] of data.conditions.entries()) {
      if (blank(c.text) || blank(c.owner)) return refuse(`Condition ${i + 1} needs a text and an owner.`);
      if (c.dueDate < dayOf(ts))
        return refuse(`Condition ${i + 1} is due ${c.dueDate}, before the decision date.`);
      if (seen.has(c.id)) return refuse(`Condition id "${c.id}" is used twice.`);
      seen.add(c.id);
    }
    if (data.reReviewDate === null) return refuse('An approval needs a re-review date.');
    if (data.reReviewDate <= dayOf(ts)) {
      return refuse(
        `The re-review date (${data.reReviewDate}) must be after the decision date (${dayOf(ts)}).`,
      );
    }
  }

  const { dpoConsulted, dpoAdvice } = current.assessment.summary;
  if (dpoConsulted === 'yes' && !blank(dpoAdvice ?? undefined) && !data.dpoAdvice) {
    return refuse("The DPO's advice is on record for this review: say whether the decision follows it.");
  }
  if (data.dpoAdvice && !data.dpoAdvice.followed && blank(data.dpoAdvice.reason)) {
    return refuse("The decision departs from the DPO's advice: record the reason for not following it.");
  }
  return OK;
}

function checkCommented(
  state: ReviewState | null,
  data: ReviewEventDataMap['review.commented'],
  ctx: TransitionContext,
): TransitionCheck {
  if (state === null) return refuse(`There is no review "${data.reviewId}".`);
  if (blank(data.text)) return refuse('A comment needs some text.');
  if (ctx.actorId !== state.submitter && ctx.actorRoles.size === 0) {
    return refuse(`Only the submitter, reviewers and managers can comment on "${state.title}".`);
  }
  if (data.version > state.version) return refuse(`"${state.title}" has no version ${data.version} yet.`);
  return OK;
}

function checkWithdrawn(
  state: ReviewState | null,
  data: ReviewEventDataMap['review.withdrawn'],
  ctx: TransitionContext,
): TransitionCheck {
  if (state === null) return refuse(`There is no review "${data.reviewId}".`);
  const title = state.title;
  if (ctx.actorId !== state.submitter) return refuse(`Only the submitter can withdraw "${title}".`);
  if (state.status === 'withdrawn') return refuse(`"${title}" is already withdrawn.`);
  if (state.decision) {
    return refuse(
      `"${title}" has been ${DECISION_WORDS[state.decision.decision]}; a decided review cannot be withdrawn.`,
    );
  }
  if (data.version !== state.version) {
    return refuse(`Version ${data.version} is not the current version of "${title}" (now ${state.version}).`);
  }
  if (blank(data.reason)) return refuse('Withdrawing a review needs a reason.');
  return OK;
}

function checkConditionMet(
  state: ReviewState | null,
  data: ReviewEventDataMap['review.conditionMet'],
  ctx: TransitionContext,
): TransitionCheck {
  if (state === null) return refuse(`There is no review "${data.reviewId}".`);
  const title = state.title;
  const decision = state.decision;
  if (decision === null || decision.decision !== 'approvedWithConditions') {
    return refuse(`"${title}" was not approved with conditions: there is no condition to mark met.`);
  }
  if (data.version !== decision.version) {
    return refuse(`The conditions of "${title}" belong to version ${decision.version}, not ${data.version}.`);
  }
  const condition = decision.conditions.find((c) => c.id === data.conditionId);
  if (!condition) return refuse(`"${title}" has no condition "${data.conditionId}".`);
  const met = state.conditionsMet.find((m) => m.conditionId === data.conditionId);
  if (met)
    return refuse(`The condition "${condition.text}" was already marked met on ${met.ts.slice(0, 10)}.`);
  if (ctx.actorId !== state.submitter && !ctx.actorRoles.has('reviewer')) {
    return refuse(`Only the submitter of "${title}" or a reviewer can mark its conditions met.`);
  }
  if (blank(data.note)) return refuse('Say what was done to meet the condition.');
  return OK;
}

/**
 * Whether `action` may happen to the review now in `state` (null: the review does not exist yet,
 * i.e. a draft being submitted for the first time). Returns a refusal a person can act on.
 */
export function checkTransition(
  state: ReviewState | null,
  action: ReviewAction,
  ctx: TransitionContext,
): TransitionCheck {
  switch (action.type) {
    case 'review.submitted':
      return checkSubmitted(state, action.data, ctx);
    case 'review.commented':
      return checkCommented(state, action.data, ctx);
    case 'review.changesRequested':
      return checkChangesRequested(state, action.data, ctx);
    case 'review.decided':
      return checkDecided(state, action.data, action.ts, ctx);
    case 'review.withdrawn':
      return checkWithdrawn(state, action.data, ctx);
    case 'review.conditionMet':
      return checkConditionMet(state, action.data, ctx);
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
    actorTrainingCurrent: true,
    submitterTrainingCurrent: true,
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

function assessmentMismatch(q: Questionnaire, data: ReviewSubmittedData): string | null {
  if (data.assessment.questionnaire.contentHash !== q.contentHash) return null;
  const recomputed = assessReview(q, data.answers, data.mitigationResponses);
  return canonicalJson(recomputed) === canonicalJson(data.assessment)
    ? null
    : 'the recorded assessment does not match what the questionnaire computes from the recorded answers';
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
      const where = issue && issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ` : '';
      ignored.push({
        hash: e.hash,
        type,
        actor: e.actor,
        reason: `malformed data (${where}${issue?.message ?? 'invalid'})`,
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
        reason: check.ok ? (mismatch ?? '') : check.reason,
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
