// The review workflow's rules, and the one place they live: permit() (who may act, in which
// state) and checkTransition() (permit, then what is written). Services run checkTransition before
// appending; the screens dry-run permit (allowedActions); projectReviews runs checkTransition on
// every event it reads, because anyone can write anything into their own ledger.
import { reason, type Reason } from '../contract/reasons';
import { canonicalJson } from '../ledger/canonical';
import { isFormat2 } from './model';
import type { MitigationResponse, ReviewAssessment } from './model';
import type { ReviewEventDataMap, ReviewEventType, ReviewSubmittedData } from './events';

import type {
  ReviewAction,
  ReviewState,
  ReviewVersion,
  ReviewDecision,
  TransitionCheck,
  TransitionContext,
} from './reviewState';

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
  'recordExemption',
] as const;
export type ReviewActionKind = (typeof REVIEW_ACTION_KINDS)[number];

const KIND_OF: Record<ReviewEventType, ReviewActionKind> = {
  'review.submitted': 'submitVersion',
  'review.commented': 'comment',
  'review.changesRequested': 'requestChanges',
  'review.decided': 'decide',
  'review.withdrawn': 'withdraw',
  'review.conditionMet': 'meetCondition',
  'review.dpiaExempted': 'recordExemption',
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
  // A review is someone's accountability: a profile no admin enrolled submits nothing.
  if (ctx.enrolmentRefusal) return refuse(ctx.enrolmentRefusal);
  if (state === null) return OK;
  const title = state.title;
  if (!ctx.samePerson(ctx.actorId, state.submitter))
    return refuse(reason('review.onlySubmitterSubmits', { title }));
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
  if (ctx.samePerson(ctx.actorId, state.submitter)) return refuse(reason('review.ownSubmission', { title }));
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
  if (!ctx.samePerson(ctx.actorId, state.submitter) && ctx.actorRoles.size === 0) {
    return refuse(reason('review.commentNotAllowed', { title: state.title }));
  }
  return OK;
}

function permitWithdraw(state: ReviewState | null, ctx: TransitionContext): TransitionCheck {
  if (state === null) return refuse(reason('review.notFound', { reviewId: '' }));
  const title = state.title;
  if (!ctx.samePerson(ctx.actorId, state.submitter))
    return refuse(reason('review.onlySubmitterWithdraws', { title }));
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
  if (!ctx.samePerson(ctx.actorId, state.submitter) && !ctx.actorRoles.has('reviewer')) {
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
    case 'recordExemption':
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
    const dpia = dpiaStanding(state, current);
    if (dpia === 'open') return refuse(reason('review.dpiaOpen', { title: state.title }));
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

/**
 * Where the version's DPIA stands for an approval: not needed (format 1 has no gate: its DPIA was a
 * warning, and decisions made under it stay valid), done in the review, exempted by a recorded
 * exemption for this version, or open.
 */
export function dpiaStanding(
  state: ReviewState,
  version: ReviewVersion,
): 'notNeeded' | 'done' | 'exempted' | 'open' {
  const a = version.assessment;
  if (!isFormat2(a) || !a.dpia.needed) return 'notNeeded';
  if (a.dpia.done) return 'done';
  return state.exemptions.some((e) => e.version === version.version) ? 'exempted' : 'open';
}

function validateExempted(
  state: ReviewState,
  data: ReviewEventDataMap['review.dpiaExempted'],
): TransitionCheck {
  const base = currentVersion(state, data.version);
  if (!base.ok) return base;
  const current = latest(state);
  const a = current.assessment;
  const title = state.title;
  if (!isFormat2(a) || !a.dpia.needed) return refuse(reason('review.noDpiaToExempt', { title }));
  if (a.dpia.done) return refuse(reason('review.dpiaAlreadyDone', { title }));
  if (state.exemptions.some((e) => e.version === data.version)) {
    return refuse(reason('review.exemptionAlreadyRecorded', { title, version: data.version }));
  }
  if (data.basis === 'notLikelyHighRisk' && a.dpia.verdict === 'required') {
    return refuse(reason('review.exemptionNotOpen'));
  }
  if (blank(data.reason) || blank(data.reference)) return refuse(reason('review.exemptionNeedsReason'));
  if (blank(data.dpoView)) return refuse(reason('review.exemptionNeedsDpoView'));
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
    case 'review.dpiaExempted':
      return validateExempted(state as ReviewState, action.data);
  }
}
