// Reviews as the pages see them: the questionnaire, drafts with core's evaluation, summaries, a
// review's detail with its timeline, conditions and what the viewer may do. Types only.
import type { AnswerValue, ExemptionBasis, ReviewAssessment, RiskLevel } from '../../review/model';
import type { ReviewDecisionKind, ReviewDisplayStatus, TimelineKind } from '../enums';
import type { Reason } from '../reasons';

export type {
  AnswerValue,
  AssessmentV1,
  AssessmentV2,
  Dimension,
  DpiaVerdict,
  ExemptionBasis,
  ReviewAssessment,
  RiskLevel,
  ScreeningCriterion,
} from '../../review/model';
export type { ReviewDecisionKind, ReviewDisplayStatus, TimelineKind } from '../enums';

/** A question as the page shows it (weights and branching rules stay in core). */
export interface ReviewQuestionView {
  id: string;
  type: 'text' | 'single' | 'multi' | 'yesNoUnsure' | 'scale' | 'number' | 'date';
  label: string;
  help: string | null;
  references: string[];
  required: boolean;
  options: { id: string; label: string; help: string | null; exclusive: boolean }[];
  multiline: boolean;
  maxLength: number | null;
  scale: { min: number; max: number; labels: string[] } | null;
  number: { min: number | null; max: number | null; integer: boolean; unit: string | null } | null;
  /** yesNoUnsure only: "Not applicable" is offered as a fourth answer. */
  notApplicable: boolean;
}

export interface ReviewSectionView {
  id: string;
  title: string;
  intro: string | null;
  /** Part of the DPIA itself (Art. 35(7) content), asked only when it is carried out. */
  dpia: boolean;
  questions: ReviewQuestionView[];
}

export interface QuestionnaireView {
  /** 1: the frozen first format; 2: screening checked against the data, DPIA, severity x likelihood. */
  format: 1 | 2;
  version: string;
  contentHash: string;
  title: string;
  intro: string | null;
  sections: ReviewSectionView[];
}

export interface MitigationResponseInput {
  mitigationId: string;
  status: 'accepted' | 'declined';
  owner?: string;
  dueDate?: string;
  reason?: string;
}

/** A draft as saved (autosaved) on this computer, with core's evaluation of it. */
export interface ReviewDraftView {
  draftId: string;
  /** Set when the draft revises an existing review (after changes were requested). */
  reviewId: string | null;
  basedOnVersion: number | null;
  answers: Record<string, AnswerValue>;
  mitigationResponses: MitigationResponseInput[];
  updatedAt: string;
  /** Ids of the questions the answers so far make relevant (branching). */
  visibleQuestionIds: string[];
  /** The questionnaire version the draft was started on, when it is not the current one (null otherwise). */
  startedOnVersion: string | null;
  assessment: ReviewAssessment;
  /** Why submitting would be refused right now (empty when it would be accepted). */
  submitBlockers: Reason[];
}

export interface ReviewDraftSummary {
  draftId: string;
  reviewId: string | null;
  title: string | null;
  updatedAt: string;
}

export interface ReviewPerson {
  id: string;
  name: string;
  team: string;
}

export interface ReviewSummary {
  reviewId: string;
  title: string;
  status: ReviewDisplayStatus;
  version: number;
  submitter: ReviewPerson;
  submittedAt: string;
  updatedAt: string;
  overallRisk: RiskLevel;
  dpiaRequired: boolean;
  openBlockingFlags: number;
  decision: {
    decision: ReviewDecisionKind;
    by: ReviewPerson;
    at: string;
    reReviewDate: string | null;
  } | null;
  /** Events that acted on the same state without seeing each other are waiting to be settled. */
  inConflict: boolean;
}

/** One side of a conflict: an event that acted on the same state as another without seeing it. */
export interface ReviewConflictSide {
  kind: 'submitted' | 'changesRequested' | 'decided' | 'withdrawn';
  /** For decided: the decision. */
  decision: ReviewDecisionKind | null;
  by: ReviewPerson;
  /** The time its writer's clock gave: it settles nothing. */
  at: string;
  entryHash: string;
}

export interface ReviewAnswerView {
  questionId: string;
  section: string;
  label: string;
  answer: string;
}

export interface ReviewChangeView {
  questionId: string;
  label: string;
  kind: 'added' | 'removed' | 'changed';
  before: string | null;
  after: string | null;
}

export interface ReviewTimelineItem {
  kind: TimelineKind;
  by: ReviewPerson;
  at: string;
  version: number;
  /**
   * What the person wrote: the comment, rationale or reason; for submitted, the version's title;
   * for conditionMet, what was done.
   */
  text: string;
  /** For changesRequested: the requested changes, as written. */
  items: string[];
  /** For decided: the conditions set; for conditionMet: the condition met. */
  conditions: { text: string; owner: string; dueDate: string }[];
  entryHash: string;
}

export interface ReviewCondition {
  id: string;
  text: string;
  owner: string;
  dueDate: string;
  /** When it was marked met, by whom, and what was done; null while it is open. */
  met: { by: ReviewPerson; at: string; note: string; entryHash: string } | null;
  /** Still open after its due day (UTC). */
  overdue: boolean;
}

/** A DPIA exemption recorded by a reviewer (or the DPO) for one version. */
export interface ReviewExemptionView {
  version: number;
  basis: ExemptionBasis;
  reason: string;
  reference: string;
  dpoView: string;
  by: ReviewPerson;
  at: string;
  entryHash: string;
}

export interface ReviewDetail {
  summary: ReviewSummary;
  /** The latest version's answers (visible questions only), formatted for reading. */
  answers: ReviewAnswerView[];
  assessment: ReviewAssessment;
  /**
   * The questionnaire the latest version was answered on: its version, whether content still has
   * it (then the assessment was re-checked with it), and whether it is the current one.
   */
  answeredOn: { version: string; kept: boolean; current: boolean };
  /** Where the DPIA stands for an approval, and the exemptions recorded on any version. */
  dpia: { standing: 'notNeeded' | 'done' | 'exempted' | 'open'; exemptions: ReviewExemptionView[] };
  /** Changes from the previous version to the latest (empty for version 1). */
  changes: ReviewChangeView[];
  changesFromVersion: number | null;
  timeline: ReviewTimelineItem[];
  /**
   * Events in conflict (see ReviewSummary.inConflict), each side shown; none is applied until a
   * reviewer decides again, which settles it. Null when there is none.
   */
  conflict: { sides: ReviewConflictSide[] } | null;
  conditions: ReviewCondition[];
  /** What the current profile may do now, and why not for the rest. */
  allowed: {
    comment: boolean;
    revise: boolean;
    withdraw: boolean;
    decide: boolean;
    decideBlockers: Reason[];
    /** Mark the open conditions of an approval met: the submitter or a reviewer. */
    meetConditions: boolean;
    /** Record a DPIA exemption for the latest version (a reviewer, when a DPIA is needed and open). */
    recordExemption: boolean;
  };
}

export interface ReviewLists {
  mine: ReviewSummary[];
  /** Reviews by others awaiting a decision; empty unless the current profile may review. */
  queue: ReviewSummary[];
  /** Every review the current profile may see. */
  all: ReviewSummary[];
  drafts: ReviewDraftSummary[];
  canReview: boolean;
  /** Why the current profile cannot review (no role, training not current). */
  reviewerBlockers: Reason[];
  /** Why the current profile cannot submit (training not current). */
  submitterBlockers: Reason[];
  /** Whose reviews `all` holds: everyone's (reviewers, managers) or only the viewer's own. */
  scope: 'all' | 'own';
}
