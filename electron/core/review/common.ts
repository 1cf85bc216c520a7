// The review engine's vocabulary and the shapes every assessment format shares: answers, the
// submitter's responses to mitigations, flags and mitigation proposals. An assessment is recorded
// in `review.submitted` and read back from other people's ledgers, so these are zod schemas: the
// schema that validates the record and the type the engine returns are one.
import { z } from 'zod';
import { isCalendarDay } from '../contract/dates';
import type { Reason } from '../contract/reasons';

export const DIMENSIONS = ['privacy', 'fairness', 'security', 'legal', 'reputation'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** English names of the dimensions, recorded in format-1 assessments (format 2 leaves wording to the screens). */
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
/** The fourth answer a format-2 yes/no/unsure question may allow: the situation does not arise. */
export const NOT_APPLICABLE = 'notApplicable';

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

/** The criteria's names as WP248 gives them; format-1 explanations quote these. */
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

/** WP248: "in most cases" two criteria mean a DPIA is required (format 1 applied it strictly). */
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

/** A reason as the contract words it ({ code, params }). */
export const reasonSchema = z
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
