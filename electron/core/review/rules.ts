// The declarative rule language used by `showIf`, flags' and mitigations' `when` and `clearedBy`.
// Rules are data, never strings to evaluate:
//
//   { question: id, equals: value }     { question: id, in: [values] }     { question: id, includes: optionId }
//   { question: id, gte: n, lte: n }    { all: [rules] }  { any: [rules] }  { not: rule }
//   { dpiaRequired: true|false }        (format 1: two or more screening criteria met)
//
// Format 2 adds forms over the screening and the risk (where each may be used is checked on load):
//   { criterion: evaluationOrScoring }  (the criterion is met: answered yes, or implied by the data)
//   { criteriaMet: 2 }                  (at least this many criteria are met)
//   { dpiaVerdict: [required, likely] } (the DPIA verdict is one of these)
//   { dpiaNeeded: true|false }          (a DPIA is needed: by law, or by the organisation's rule)
//   { inherentRisk: high }              (flags only: the inherent risk is at least this level)
//   { residualRisk: high }              (flags only: the residual risk is at least this level)
//
// A leaf rule on a question that is unanswered, hidden or answered with a malformed value is
// false, so `not` of it is true: write `{ question: q, in: [no, unsure] }` rather than
// `{ not: { question: q, equals: yes } }` when "not answered" must not count.
import { z } from 'zod';
import { RISK_LEVELS, SCREENING_CRITERIA } from './common';
import type { Answers, RiskLevel, ScreeningCriterion } from './common';

const VERDICTS = ['required', 'likely', 'consider', 'notIndicated'] as const;

export type RuleValue = string | number;

/** One rule. Exactly one form is present; the schema enforces it. */
export interface Rule {
  question?: string;
  equals?: RuleValue;
  in?: RuleValue[];
  includes?: string;
  gte?: number;
  lte?: number;
  dpiaRequired?: boolean;
  criterion?: ScreeningCriterion;
  criteriaMet?: number;
  dpiaVerdict?: (typeof VERDICTS)[number][];
  dpiaNeeded?: boolean;
  inherentRisk?: RiskLevel;
  residualRisk?: RiskLevel;
  all?: Rule[];
  any?: Rule[];
  not?: Rule;
}

const ruleValue = z.union([z.string(), z.number()]);
const LEAF_OPERATORS = ['equals', 'in', 'includes', 'gte', 'lte'] as const;
/** Forms that stand alone (no `question`). */
export const STANDALONE_FORMS = [
  'all',
  'any',
  'not',
  'dpiaRequired',
  'criterion',
  'criteriaMet',
  'dpiaVerdict',
  'dpiaNeeded',
  'inherentRisk',
  'residualRisk',
] as const;
export type StandaloneForm = (typeof STANDALONE_FORMS)[number];
const COMPOUND_FORMS = STANDALONE_FORMS;
const FORMS_HINT =
  'a rule is { question, equals | in | includes | gte/lte } or one of { all }, { any }, { not }, { dpiaRequired }, { criterion }, { criteriaMet }, { dpiaVerdict }, { dpiaNeeded }, { inherentRisk }, { residualRisk }';

export const ruleSchema: z.ZodType<Rule> = z
  .object({
    question: z.string().optional(),
    equals: ruleValue.optional(),
    in: z.array(ruleValue).min(1).optional(),
    includes: z.string().optional(),
    gte: z.number().optional(),
    lte: z.number().optional(),
    dpiaRequired: z.boolean().optional(),
    criterion: z.enum(SCREENING_CRITERIA).optional(),
    criteriaMet: z.int().min(1).max(9).optional(),
    dpiaVerdict: z.array(z.enum(VERDICTS)).min(1).optional(),
    dpiaNeeded: z.boolean().optional(),
    inherentRisk: z.enum(RISK_LEVELS).optional(),
    residualRisk: z.enum(RISK_LEVELS).optional(),
    all: z.lazy(() => z.array(ruleSchema).min(1)).optional(),
    any: z.lazy(() => z.array(ruleSchema).min(1)).optional(),
    not: z.lazy(() => ruleSchema).optional(),
  })
  .strict()
  .superRefine((rule, ctx) => {
    const present = (keys: readonly string[]): string[] =>
      keys.filter((k) => (rule as Record<string, unknown>)[k] !== undefined);
    const leafOps = present(LEAF_OPERATORS);
    const compound = present(COMPOUND_FORMS);
    if (rule.question !== undefined) {
      const comparison = leafOps.filter((k) => k === 'gte' || k === 'lte');
      const others = leafOps.filter((k) => k !== 'gte' && k !== 'lte');
      const ok =
        compound.length === 0 &&
        ((others.length === 1 && comparison.length === 0) || (others.length === 0 && comparison.length > 0));
      if (!ok) {
        ctx.addIssue({
          code: 'custom',
          message: `a question rule needs exactly one of equals, in, includes, or gte/lte (found ${
            [...leafOps, ...compound].join(', ') || 'none'
          })`,
        });
      }
    } else if (compound.length !== 1 || leafOps.length > 0) {
      ctx.addIssue({
        code: 'custom',
        message: `${FORMS_HINT} (found ${[...leafOps, ...compound].join(', ') || 'an empty rule'})`,
      });
    }
  });

export interface RuleContext {
  /** Visible, well-formed answers. */
  answers: Answers;
  /** Format 1: two or more criteria answered yes; only called for `dpiaRequired` rules. */
  dpiaRequired: () => boolean;
  /** Format 2, each computed only when a rule asks: the criteria met, the verdict, the risk. */
  criteriaMet?: () => ReadonlySet<ScreeningCriterion>;
  dpiaVerdict?: () => (typeof VERDICTS)[number];
  dpiaNeeded?: () => boolean;
  inherentRisk?: () => RiskLevel;
  residualRisk?: () => RiskLevel;
}

const atLeast = (level: RiskLevel, floor: RiskLevel): boolean =>
  RISK_LEVELS.indexOf(level) >= RISK_LEVELS.indexOf(floor);

export function evaluateRule(rule: Rule, ctx: RuleContext): boolean {
  if (rule.all) return rule.all.every((r) => evaluateRule(r, ctx));
  if (rule.any) return rule.any.some((r) => evaluateRule(r, ctx));
  if (rule.not) return !evaluateRule(rule.not, ctx);
  if (rule.dpiaRequired !== undefined) return ctx.dpiaRequired() === rule.dpiaRequired;
  // Format-2 forms are only accepted in format-2 files, whose context provides them.
  if (rule.criterion !== undefined) return ctx.criteriaMet?.().has(rule.criterion) ?? false;
  if (rule.criteriaMet !== undefined) return (ctx.criteriaMet?.().size ?? 0) >= rule.criteriaMet;
  if (rule.dpiaVerdict !== undefined) {
    const verdict = ctx.dpiaVerdict?.();
    return verdict !== undefined && rule.dpiaVerdict.includes(verdict);
  }
  if (rule.dpiaNeeded !== undefined) return (ctx.dpiaNeeded?.() ?? false) === rule.dpiaNeeded;
  if (rule.inherentRisk !== undefined) {
    const level = ctx.inherentRisk?.();
    return level !== undefined && atLeast(level, rule.inherentRisk);
  }
  if (rule.residualRisk !== undefined) {
    const level = ctx.residualRisk?.();
    return level !== undefined && atLeast(level, rule.residualRisk);
  }
  if (rule.question === undefined) return false;
  const value = ctx.answers[rule.question];
  if (value === undefined) return false;
  if (rule.includes !== undefined) return Array.isArray(value) && value.includes(rule.includes);
  if (Array.isArray(value)) return false;
  if (rule.equals !== undefined) return value === rule.equals;
  if (rule.in !== undefined) return rule.in.includes(value);
  if (typeof value !== 'number') return false;
  return (rule.gte === undefined || value >= rule.gte) && (rule.lte === undefined || value <= rule.lte);
}

/** Every leaf of a rule with its path in the file (base + e.g. all[1].not), for cross-checking references. */
export function ruleLeaves(rule: Rule, base: readonly PropertyKey[]): { rule: Rule; path: PropertyKey[] }[] {
  if (rule.all) return rule.all.flatMap((r, i) => ruleLeaves(r, [...base, 'all', i]));
  if (rule.any) return rule.any.flatMap((r, i) => ruleLeaves(r, [...base, 'any', i]));
  if (rule.not) return ruleLeaves(rule.not, [...base, 'not']);
  return [{ rule, path: [...base] }];
}

/**
 * The question ids whose answers make `rule` hold under `ctx` (empty when it does not hold): the
 * evidence a screen links to. `not` contributes nothing, since an absence cannot be pointed at.
 */
export function supportingQuestions(
  rule: Rule,
  ctx: RuleContext,
  /** The questions behind a met criterion, for `criterion` leaves. */
  criterionQuestions: (c: ScreeningCriterion) => string[] = () => [],
): string[] {
  if (!evaluateRule(rule, ctx)) return [];
  const sub = (r: Rule): string[] => supportingQuestions(r, ctx, criterionQuestions);
  if (rule.all) return [...new Set(rule.all.flatMap(sub))];
  if (rule.any) return [...new Set(rule.any.flatMap(sub))];
  if (rule.question !== undefined) return [rule.question];
  if (rule.criterion !== undefined) return criterionQuestions(rule.criterion);
  return [];
}
