// Flags and mitigations, both raised by rules over the effective answers.
// - A flag is raised when its `when` holds. A blocking flag blocks approval until it is cleared:
//   by its `clearedBy.when` rule holding, or by the submitter accepting its `clearedBy.mitigation`.
//   A flag without clearedBy is cleared only by changing the answers that raised it.
// - A mitigation is proposed when its `when` holds, and also whenever it would clear a raised
//   flag: the way out of a blocking flag is always on offer.
// - Format 2: a flag may also be raised by the risk level ({ residualRisk: high }); the caller
//   passes a context that knows it (assess.ts), and such a flag's mitigation lowers no risk, so
//   accepting it cannot undo what raised the flag (checked on load).
import { effectiveAnswers, ruleContextFor } from './answers';
import type { Answers, FlagResult, MitigationProposal } from './common';
import type { Questionnaire } from './questionnaire';
import { evaluateRule } from './rules';
import type { RuleContext } from './rules';

type Content = Pick<Questionnaire, 'sections' | 'flags' | 'mitigations'> &
  Partial<Pick<Questionnaire, 'format' | 'screening' | 'dpiaLists'>>;

function contextFor(q: Content, answers: Answers): RuleContext {
  return ruleContextFor(q, effectiveAnswers(q, answers));
}

function raisedFlags(q: Content, ctx: RuleContext): Content['flags'] {
  return q.flags.filter((f) => evaluateRule(f.when, ctx));
}

/**
 * The flags these answers raise, in file order. `acceptedMitigations` are the ids of mitigations
 * the submitter accepted (with an owner and a due date).
 */
export function evaluateFlags(
  q: Content,
  answers: Answers,
  acceptedMitigations: Iterable<string> = [],
): FlagResult[] {
  return evaluateFlagsIn(q, contextFor(q, answers), acceptedMitigations);
}

/** evaluateFlags over a context the caller built (format 2: one that knows the risk). */
export function evaluateFlagsIn(
  q: Content,
  ctx: RuleContext,
  acceptedMitigations: Iterable<string> = [],
): FlagResult[] {
  const accepted = new Set(acceptedMitigations);
  return raisedFlags(q, ctx).map((flag) => {
    const by = flag.clearedBy;
    // A clearing mitigation is always proposed while its flag is raised (see proposals), so
    // acceptance alone decides.
    const cleared = by?.when
      ? evaluateRule(by.when, ctx)
      : by?.mitigation !== undefined && accepted.has(by.mitigation);
    return {
      id: flag.id,
      label: flag.label,
      severity: flag.severity,
      blocking: flag.severity === 'blocking',
      reason: flag.reason,
      reference: flag.reference,
      cleared,
      clearedBy:
        by?.mitigation !== undefined ? { mitigation: by.mitigation } : by?.when ? { rule: true } : null,
    };
  });
}

/** The mitigations a context calls for (see proposeMitigations). */
export function proposals(q: Content, ctx: RuleContext): MitigationProposal[] {
  const clearsByMitigation = new Map<string, string[]>();
  for (const flag of raisedFlags(q, ctx)) {
    const id = flag.clearedBy?.mitigation;
    if (id !== undefined) clearsByMitigation.set(id, [...(clearsByMitigation.get(id) ?? []), flag.id]);
  }
  return q.mitigations
    .filter((m) => clearsByMitigation.has(m.id) || evaluateRule(m.when, ctx))
    .map((m) => ({
      id: m.id,
      title: m.title,
      reason: m.reason,
      reference: m.reference,
      clears: clearsByMitigation.get(m.id) ?? [],
    }));
}

/** The mitigations these answers call for, in file order, each with its reason and reference. */
export function proposeMitigations(q: Content, answers: Answers): MitigationProposal[] {
  return proposals(q, contextFor(q, answers));
}
