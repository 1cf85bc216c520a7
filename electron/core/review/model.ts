// What the review engine computes, per assessment format. A submission records its assessment in
// `review.submitted`; the format it was made with decides its shape for good:
//
//   format 1 (no `format` field): questionnaire files without `format: 2`, e.g. versions/1.0.0.
//     WP248 screening counted from nine self-assessed answers, risk as likelihood x severity 0-3
//     with an accumulation step. Frozen in ./v1.
//   format 2: screening checked against the data (inferred criteria, conflicts), the DPIA verdict
//     (required / likely / consider / not indicated) with its grounds, the DPIA route, and risk as
//     severity x likelihood 1-4 per dimension, inherent and residual.
//
// Both formats share the common parts (summary, answer problems, flags, mitigations, readiness),
// so the workflow and the screens read those without asking which format they have.
import { z } from 'zod';
import {
  answerProblemSchema,
  DIMENSIONS,
  flagResultSchema,
  mitigationProposalSchema,
  mitigationResponseSchema,
  NOT_APPLICABLE,
  reasonSchema,
  RISK_LEVELS,
  SCREENING_CRITERIA,
  YES_NO_UNSURE,
} from './common';
import type { RiskLevel } from './common';
import { DPIA_VERDICTS, EXEMPTION_BASES } from '../contract/enums';
import type { DpiaVerdict, ExemptionBasis } from '../contract/enums';
import { assessmentV1Schema } from './v1/model';
import type { AssessmentV1 } from './v1/model';

export * from './common';
export type { AssessmentV1 } from './v1/model';

/** Severity and likelihood run from 1 to 4, as in the CNIL's method: negligible, limited, significant, maximum. */
export const RISK_SCALE = [1, 2, 3, 4] as const;
export const SCALE_WORDS = ['negligible', 'limited', 'significant', 'maximum'] as const;

export { DPIA_VERDICTS, EXEMPTION_BASES };
export type { DpiaVerdict, ExemptionBasis };

/** The three cases Art. 35(3) names. */
export const ART35_3_ITEMS = ['a', 'b', 'c'] as const;
export type Art35_3Item = (typeof ART35_3_ITEMS)[number];

/** How the submitter goes on when a DPIA is needed: carry it out in the review, or claim an exemption. */
export const DPIA_ROUTES = ['carryOut', 'exemption'] as const;
export type DpiaRoute = (typeof DPIA_ROUTES)[number];

const levelSchema = z.enum(RISK_LEVELS);
const dimensionSchema = z.enum(DIMENSIONS);
const criterionSchema = z.enum(SCREENING_CRITERIA);
const point = z.int().min(1).max(4);

// ---- screening (format 2) --------------------------------------------------------------------

export const criterionResultSchema = z
  .object({
    criterion: criterionSchema,
    /** The screening question asking it, and what the submitter answered (null: unanswered). */
    questionId: z.string().nullable(),
    answer: z.enum(YES_NO_UNSURE).nullable(),
    /** Facts elsewhere in the answers that imply the criterion, each with the questions it rests on. */
    inferred: z.array(z.object({ because: z.string(), questionIds: z.array(z.string()) }).strict()),
    /** Answered yes, or implied by the facts. */
    met: z.boolean(),
    /** Answered no although the facts imply it. */
    conflict: z.boolean(),
  })
  .strict();
export type CriterionResult = z.output<typeof criterionResultSchema>;

export const screeningV2Schema = z
  .object({
    criteria: z.array(criterionResultSchema),
    met: z.array(criterionSchema),
    /** Answered unsure and not implied by the facts: not counted. */
    unsure: z.array(criterionSchema),
    unanswered: z.array(criterionSchema),
    conflicts: z.array(criterionSchema),
  })
  .strict();
export type ScreeningV2 = z.output<typeof screeningV2Schema>;

const groundSchema = z.discriminatedUnion('kind', [
  z
    .object({ kind: z.literal('article35_3'), item: z.enum(ART35_3_ITEMS), questionIds: z.array(z.string()) })
    .strict(),
  z
    .object({
      kind: z.literal('list'),
      list: z.string(),
      authority: z.string(),
      itemId: z.string(),
      title: z.string(),
      source: z.string(),
      questionIds: z.array(z.string()),
    })
    .strict(),
]);
export type DpiaGround = z.output<typeof groundSchema>;

export const dpiaSchema = z
  .object({
    verdict: z.enum(DPIA_VERDICTS),
    /** For required: the Art. 35(3) cases and list items that apply. */
    grounds: z.array(groundSchema),
    /** Required by law, or likely and the organisation's own rule makes it needed. */
    needed: z.boolean(),
    neededBy: z.enum(['law', 'organisationRule']).nullable(),
    /** The organisation's rule in its own words, when it is what makes the DPIA needed. */
    organisationRule: z.string().nullable(),
    /** How the submitter goes on when it is needed (null: not needed, or not answered yet). */
    route: z.enum(DPIA_ROUTES).nullable(),
    /** The exemption the submitter claims; a reviewer or the DPO records whether it stands. */
    claim: z
      .object({ basis: z.enum(EXEMPTION_BASES), reason: z.string(), reference: z.string() })
      .strict()
      .nullable(),
    /** Needed, carried out in this review, and every DPIA question answered. */
    done: z.boolean(),
  })
  .strict();
export type DpiaResult = z.output<typeof dpiaSchema>;

// ---- risk (format 2) -------------------------------------------------------------------------

const riskPointSchema = z.object({ severity: point, likelihood: point, level: levelSchema }).strict();
export type RiskPoint = z.output<typeof riskPointSchema>;

export const riskDriverV2Schema = z
  .object({
    questionId: z.string(),
    questionLabel: z.string(),
    /** The option id, yes/no/unsure, or the number that carried the weight. */
    answer: z.union([z.string(), z.number()]),
    answerLabel: z.string(),
    severity: point.nullable(),
    likelihood: point.nullable(),
    /** Accepted mitigations that lower this driver, and what it comes to after them. */
    treatedBy: z.array(z.string()),
    residualSeverity: point.nullable(),
    residualLikelihood: point.nullable(),
  })
  .strict();
export type RiskDriverV2 = z.output<typeof riskDriverV2Schema>;

/** An answer that limits how high a dimension can go (e.g. aggregated data: harm to one person is negligible). */
export const riskCapSchema = z
  .object({
    questionId: z.string(),
    answer: z.union([z.string(), z.number()]),
    answerLabel: z.string(),
    severity: point.nullable(),
    likelihood: point.nullable(),
  })
  .strict();
export type RiskCap = z.output<typeof riskCapSchema>;

export const dimensionRiskV2Schema = z
  .object({
    dimension: dimensionSchema,
    inherent: riskPointSchema,
    residual: riskPointSchema,
    drivers: z.array(riskDriverV2Schema),
    caps: z.array(riskCapSchema),
  })
  .strict();
export type DimensionRiskV2 = z.output<typeof dimensionRiskV2Schema>;

const overallSchema = z.object({ level: levelSchema, dimensions: z.array(dimensionSchema) }).strict();

export const riskV2Schema = z
  .object({
    dimensions: z.array(dimensionRiskV2Schema),
    /** The use as answered, with the measures already in place. */
    inherent: overallSchema,
    /** After the mitigations the submitter accepted (each with an owner and a due date). */
    residual: overallSchema,
  })
  .strict();
export type RiskV2 = z.output<typeof riskV2Schema>;

// ---- the assessment recorded with review.submitted -------------------------------------------

export const assessmentV2Schema = z
  .object({
    format: z.literal(2),
    questionnaire: z.object({ version: z.string(), contentHash: z.string() }).strict(),
    summary: z
      .object({
        title: z.string().nullable(),
        summary: z.string().nullable(),
        owner: z.string().nullable(),
        team: z.string().nullable(),
        launchDate: z.string().nullable(),
        dpoConsulted: z.enum([...YES_NO_UNSURE, NOT_APPLICABLE]).nullable(),
        dpoAdvice: z.string().nullable(),
      })
      .strict(),
    answerProblems: z.array(answerProblemSchema),
    screening: screeningV2Schema,
    dpia: dpiaSchema,
    risk: riskV2Schema,
    flags: z.array(flagResultSchema),
    mitigations: z.array(
      mitigationProposalSchema.extend({ response: mitigationResponseSchema.nullable() }).strict(),
    ),
    responseProblems: z.array(z.object({ mitigationId: z.string(), reason: reasonSchema }).strict()),
    openBlockingFlags: z.array(z.string()),
    unansweredMitigations: z.array(z.string()),
    readyToSubmit: z.boolean(),
  })
  .strict();
export type AssessmentV2 = z.output<typeof assessmentV2Schema>;

/** Either format; which one is decided by what the entry records (`format: 2`, or none for format 1). */
export const assessmentSchema = z.union([assessmentV2Schema, assessmentV1Schema]);
export type ReviewAssessment = AssessmentV1 | AssessmentV2;
export type AssessedMitigation = ReviewAssessment['mitigations'][number];

export function isFormat2(a: ReviewAssessment): a is AssessmentV2 {
  return a.format === 2;
}

/** The level a list shows: format 1's only level; format 2's residual risk (after accepted mitigations). */
export function overallRiskOf(a: ReviewAssessment): RiskLevel {
  return isFormat2(a) ? a.risk.residual.level : a.risk.overall.level;
}

/** Whether a DPIA is called for: format 1's "two or more criteria"; format 2's needed (by law or our rule). */
export function dpiaNeededOf(a: ReviewAssessment): boolean {
  return isFormat2(a) ? a.dpia.needed : a.screening.dpiaRequired;
}
