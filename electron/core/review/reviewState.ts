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
  /**
   * Whether two profiles are one person (two keys of one enrolled person; without an
   * organisation, one email): separation of duties and "only the submitter" ask this, not ids.
   */
  samePerson(a: string, b: string): boolean;
  /** Why the actor may not submit a review at all (not enrolled in the organisation), or null. */
  enrolmentRefusal: Reason | null;
  /** Roles the actor holds then (the roster's grants; without an organisation, the policy file's). */
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
  /** The hash of the latest event applied: what the next event on this review names as `after`. */
  head: string;
  /**
   * Events that acted on the same state without seeing each other (an approval and a rejection of
   * the same version, a withdrawal beside a decision): none is applied, the review stays as it was
   * before them, until a reviewer's decision that saw them settles it (`overrides`).
   */
  conflict: ReviewConflict | null;
}

export interface ReviewConflict {
  /** The event both sides followed. */
  after: string;
  events: { hash: string; type: ReviewEventType; actor: string; ts: string; decision: Decision | null }[];
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
