// The shapes of the review workflow: a review's state as projected from the ledgers, the actions
// (in the shape of the events that record them), and what the checks need to know about the actor.
import type { Reason } from '../contract/reasons';
import type { MitigationResponse, ReviewAssessment } from './model';
import type { ExemptionBasis } from './model';
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

/** A DPIA exemption a reviewer (or the DPO) recorded for one submitted version. */
export interface ReviewDpiaExemption extends EntryRef {
  version: number;
  basis: ExemptionBasis;
  reason: string;
  reference: string;
  dpoView: string;
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
  /** DPIA exemptions recorded, each for the version it names. */
  exemptions: ReviewDpiaExemption[];
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
