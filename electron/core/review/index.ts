// The review engine's public API: the questionnaire (content/review/data-use-review.yaml), pure
// functions over answers (branching, validation, DPIA screening, risk, flags, mitigations, diff),
// the review event data schemas, and the workflow state machine over ledger events.
export { assessReview } from './assess';
export {
  checkAnswerValue,
  effectiveAnswers,
  formatAnswer,
  validateAnswers,
  visibleQuestions,
} from './answers';
export { diffAnswers } from './diff';
export type { AnswerChange } from './diff';
export {
  conditionSchema,
  DECISIONS,
  REVIEW_EVENT_TYPES,
  reviewChangesRequestedSchema,
  reviewCommentedSchema,
  reviewDecidedSchema,
  reviewEventDataSchemas,
  reviewIdSchema,
  reviewSubmittedSchema,
  reviewWithdrawnSchema,
} from './events';
export type {
  Decision,
  ReviewChangesRequestedData,
  ReviewCommentedData,
  ReviewCondition,
  ReviewDecidedData,
  ReviewEventDataMap,
  ReviewEventType,
  ReviewSubmittedData,
  ReviewWithdrawnData,
} from './events';
export { evaluateFlags, proposeMitigations } from './flags';
export {
  answersSchema,
  assessmentSchema,
  DIMENSION_LABELS,
  DIMENSIONS,
  DPIA_CRITERIA_THRESHOLD,
  DPIA_VERDICTS,
  dpiaNeededOf,
  EXEMPTION_BASES,
  isFormat2,
  mitigationResponseSchema,
  mitigationResponsesSchema,
  overallRiskOf,
  RISK_LEVELS,
  SCREENING_CRITERIA,
  SCREENING_CRITERION_NAMES,
} from './model';
export type {
  AnswerProblem,
  Answers,
  AnswerValue,
  AssessedMitigation,
  AssessmentV1,
  AssessmentV2,
  Dimension,
  DpiaVerdict,
  ExemptionBasis,
  FlagResult,
  MitigationProposal,
  MitigationResponse,
  ReviewAssessment,
  RiskLevel,
  ScreeningCriterion,
} from './model';
export {
  BINDINGS,
  indexQuestionnaire,
  loadQuestionnaire,
  loadQuestionnaireVersions,
  parseQuestionnaire,
  QUESTIONNAIRE_FILE,
} from './questionnaire';
export type {
  Binding,
  Flag,
  Mitigation,
  Question,
  QuestionnaireLoad,
  QuestionnaireProblem,
  Questionnaire,
  QuestionOption,
  QuestionType,
  Section,
} from './questionnaire';
export { evaluateRule } from './rules';
export type { Rule } from './rules';
export { judgeScreening } from './screening';
export { assessRisk } from './risk';
export {
  applyReviewEvent,
  checkTransition,
  projectReviews,
  reviewDisplayStatus,
  reviewQueue,
  reviewReReviewDue,
} from './workflow';
export type {
  ReviewAction,
  ReviewDisplayStatus,
  ReviewEventInput,
  ReviewProjection,
  ReviewRole,
  ReviewState,
  ReviewStatus,
  TransitionCheck,
  TransitionContext,
} from './workflow';
