// The vocabulary of the review engine and the shapes of what it computes. The computed shapes are
// zod schemas because an assessment is recorded in `review.submitted` and read back from other
// people's ledgers: the schema that validates the record and the type the engine returns are one.
import { z } from 'zod';
import { isCalendarDay } from '../contract/dates';
import type { Reason } from '../contract/reasons';

export const DIMENSIONS = ['privacy', 'fairness', 'security', 'legal', 'reputation'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export const DIMENSION_LABELS: Record<Dimension, string> = {
  privacy: 'Privacy',
  fairness: 'Fairness and ethics',
  security: 'Security',
  legal: 'Legal',
  reputation: 'Reputation',
};

export const RISK_LEVELS = ['low', 'medium', 'high'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export const YES_NO_UNSURE = ['yes', 'no', 'unsure'] as const;
export type YesNoUnsure = (typeof YES_NO_UNSURE)[number];

/** The nine criteria of WP29 WP248 rev.01 (endorsed by the EDPB), in the guideline's order. */
export const SCREENING_CRITERIA = [
  'evaluationOrScoring',
  'automatedDecisionSignificantEffect',
  'systematicMonitoring',
  'sensitiveOrHighlyPersonal',
  'largeScale',
  'matchingOrCombining',
  'vulnerableSubjects',
  'innovativeTechnology',
  'preventsRightOrService',
] as const;
export type ScreeningCriterion = (typeof SCREENING_CRITERIA)[number];

/** The criteria's names as WP248 gives them; the explanation quotes these. */
export const SCREENING_CRITERION_NAMES: Record<ScreeningCriterion, string> = {
  evaluationOrScoring: 'evaluation or scoring',
  automatedDecisionSignificantEffect: 'automated decision-making with legal or similar significant effect',
  systematicMonitoring: 'systematic monitoring',
  sensitiveOrHighlyPersonal: 'sensitive data or data of a highly personal nature',
  largeScale: 'data processed on a large scale',
  matchingOrCombining: 'matching or combining datasets',
  vulnerableSubjects: 'data concerning vulnerable data subjects',
  innovativeTechnology: 'innovative use or new technological or organisational solutions',
  preventsRightOrService:
    'processing that prevents people from exercising a right or using a service or contract',
};

/** WP248: "in most cases" two criteria mean a DPIA is required. */
export const DPIA_CRITERIA_THRESHOLD = 2;

export const isoDateSchema = z
  .string()
  .refine(isCalendarDay, { error: 'must be a calendar date written YYYY-MM-DD' });

const nonBlank = z.string().refine((s) => s.trim().length > 0, { error: 'must not be empty' });

// ---- answers ---------------------------------------------------------------------------------

/** text, single, date and yes/no/unsure answers are strings; scale and number are numbers; multi is a list of option ids. */
export const answerValueSchema = z.union([z.string(), z.number(), z.array(z.string())]);
export type AnswerValue = z.output<typeof answerValueSchema>;

export const answersSchema = z.record(z.string(), answerValueSchema);
/** Answers keyed by question id. A missing key is an unanswered question. */
export type Answers = Record<string, AnswerValue>;

/** A reason as the contract words it ({ code, params }); recorded assessments never hold one (see readyToSubmit). */
const reasonSchema = z
  .object({ code: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])) })
  .strict() as unknown as z.ZodType<Reason>;

export const answerProblemSchema = z.object({ questionId: z.string(), reason: reasonSchema }).strict();
export type AnswerProblem = z.output<typeof answerProblemSchema>;

// ---- mitigation responses (the submitter's answer to each proposed mitigation) ---------------

export const mitigationResponseSchema = z.discriminatedUnion('status', [
  z
    .object({
      mitigationId: z.string(),
      status: z.literal('accepted'),
      owner: nonBlank,
      dueDate: isoDateSchema,
    })
    .strict(),
  z.object({ mitigationId: z.string(), status: z.literal('declined'), reason: nonBlank }).strict(),
]);
export type MitigationResponse = z.output<typeof mitigationResponseSchema>;
export const mitigationResponsesSchema = z.array(mitigationResponseSchema);

// ---- screening -------------------------------------------------------------------------------

const criterionSchema = z.enum(SCREENING_CRITERIA);

export const screeningResultSchema = z
  .object({
    criteriaMet: z.array(criterionSchema),
    unsure: z.array(criterionSchema),
    unanswered: z.array(criterionSchema),
    dpiaRequired: z.boolean(),
    /** required: two or more met; advised: one met, or unsure answers could reach two; notIndicated otherwise. */
    recommendation: z.enum(['required', 'advised', 'notIndicated']),
    explanation: z.array(z.string()),
  })
  .strict();
export type ScreeningResult = z.output<typeof screeningResultSchema>;

// ---- risk ------------------------------------------------------------------------------------

const levelSchema = z.enum(RISK_LEVELS);
const dimensionSchema = z.enum(DIMENSIONS);

export const riskDriverSchema = z
  .object({
    questionId: z.string(),
    questionLabel: z.string(),
    /** The option id (single, multi), yes/no/unsure, or the number that carried the weight. */
    answer: z.union([z.string(), z.number()]),
    answerLabel: z.string(),
    likelihood: z.number(),
    severity: z.number(),
    score: z.number(),
  })
  .strict();
export type RiskDriver = z.output<typeof riskDriverSchema>;

export const dimensionRiskSchema = z
  .object({
    dimension: dimensionSchema,
    label: z.string(),
    likelihood: z.number(),
    severity: z.number(),
    score: z.number(),
    level: levelSchema,
    /** True when the level was raised one step because several drivers reached the medium threshold. */
    escalated: z.boolean(),
    drivers: z.array(riskDriverSchema),
  })
  .strict();
export type DimensionRisk = z.output<typeof dimensionRiskSchema>;

export const riskResultSchema = z
  .object({
    dimensions: z.array(dimensionRiskSchema),
    overall: z
      .object({ level: levelSchema, score: z.number(), dimensions: z.array(dimensionSchema) })
      .strict(),
  })
  .strict();
export type RiskResult = z.output<typeof riskResultSchema>;

// ---- flags and mitigations -------------------------------------------------------------------

export const flagResultSchema = z
  .object({
    id: z.string(),
    label: z.string(),
    severity: z.enum(['blocking', 'warning']),
    blocking: z.boolean(),
    reason: z.string(),
    reference: z.string(),
    cleared: z.boolean(),
    /** How the flag can be cleared: by an accepted mitigation, by answers, or only by changing what raised it. */
    clearedBy: z.union([
      z.object({ mitigation: z.string() }).strict(),
      z.object({ rule: z.literal(true) }).strict(),
      z.null(),
    ]),
  })
  .strict();
export type FlagResult = z.output<typeof flagResultSchema>;

export const mitigationProposalSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    reason: z.string(),
    reference: z.string(),
    /** Flags (raised by these answers) that accepting this mitigation clears. */
    clears: z.array(z.string()),
  })
  .strict();
export type MitigationProposal = z.output<typeof mitigationProposalSchema>;

// ---- the assessment recorded with review.submitted -------------------------------------------

export const assessmentSchema = z
  .object({
    questionnaire: z.object({ version: z.string(), contentHash: z.string() }).strict(),
    summary: z
      .object({
        title: z.string().nullable(),
        summary: z.string().nullable(),
        owner: z.string().nullable(),
        team: z.string().nullable(),
        launchDate: z.string().nullable(),
        dpoConsulted: z.enum(YES_NO_UNSURE).nullable(),
        dpoAdvice: z.string().nullable(),
      })
      .strict(),
    answerProblems: z.array(answerProblemSchema),
    screening: screeningResultSchema,
    risk: riskResultSchema,
    flags: z.array(flagResultSchema),
    mitigations: z.array(
      mitigationProposalSchema.extend({ response: mitigationResponseSchema.nullable() }).strict(),
    ),
    responseProblems: z.array(z.object({ mitigationId: z.string(), reason: reasonSchema }).strict()),
    /** Ids of raised blocking flags that are not cleared: approval is refused while any remain. */
    openBlockingFlags: z.array(z.string()),
    /** Ids of proposed mitigations without a valid response. */
    unansweredMitigations: z.array(z.string()),
    /** No answer problems, no response problems, every proposed mitigation answered. */
    readyToSubmit: z.boolean(),
  })
  .strict();
export type ReviewAssessment = z.output<typeof assessmentSchema>;
export type AssessedMitigation = ReviewAssessment['mitigations'][number];
