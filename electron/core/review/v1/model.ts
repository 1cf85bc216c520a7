// FROZEN. The shapes of a format-1 assessment (questionnaire files without `format: 2`, such as
// content/review/versions/1.0.0): reviews submitted with it are in people's ledgers and must keep
// parsing, displaying and re-checking exactly as they were written. Change nothing here; a new
// assessment shape is a new format (see ../model.ts).
import { z } from 'zod';
import {
  answerProblemSchema,
  DIMENSIONS,
  flagResultSchema,
  mitigationProposalSchema,
  mitigationResponseSchema,
  reasonSchema,
  RISK_LEVELS,
  SCREENING_CRITERIA,
  YES_NO_UNSURE,
} from '../common';

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

export const assessmentV1Schema = z
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
export type AssessmentV1 = z.output<typeof assessmentV1Schema> & { format?: undefined };
