// The declarative rule language used by `showIf`, flags' and mitigations' `when` and `clearedBy`.
// Rules are data, never strings to evaluate:
//
//   { question: id, equals: value }     { question: id, in: [values] }     { question: id, includes: optionId }
//   { question: id, gte: n, lte: n }    { all: [rules] }  { any: [rules] }  { not: rule }
//   { dpiaRequired: true|false }        (the screening outcome: two or more criteria met)
//
// A leaf rule on a question that is unanswered, hidden or answered with a malformed value is
// false, so `not` of it is true: write `{ question: q, in: [no, unsure] }` rather than
// `{ not: { question: q, equals: yes } }` when "not answered" must not count.
import { z } from 'zod';
import type { Answers } from './model';

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
  all?: Rule[];
  any?: Rule[];
  not?: Rule;
}

const ruleValue = z.union([z.string(), z.number()]);
const LEAF_OPERATORS = ['equals', 'in', 'includes', 'gte', 'lte'] as const;
const COMPOUND_FORMS = ['all', 'any', 'not', 'dpiaRequired'] as const;
const FORMS_HINT =
  'a rule is { question, equals | in | includes | gte/lte } or one of { all }, { any }, { not }, { dpiaRequired }';

export const ruleSchema: z.ZodType<Rule> = z
  .object({
    question: z.string().optional(),
    equals: ruleValue.optional(),
    in: z.array(ruleValue).min(1).optional(),
    includes: z.string().optional(),
    gte: z.number().optional(),
    lte: z.number().optional(),
    dpiaRequired: z.boolean().optional(),
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
  /** The screening outcome over the same answers; only called for `dpiaRequired` rules. */
  dpiaRequired: () => boolean;
}

export function evaluateRule(rule: Rule, ctx: RuleContext): boolean {
  if (rule.all) return rule.all.every((r) => evaluateRule(r, ctx));
  if (rule.any) return rule.any.some((r) => evaluateRule(r, ctx));
  if (rule.not) return !evaluateRule(rule.not, ctx);
  if (rule.dpiaRequired !== undefined) return ctx.dpiaRequired() === rule.dpiaRequired;
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
