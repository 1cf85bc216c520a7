// Format-2 risk: severity x likelihood per dimension, as the CNIL's PIA method and the ICO's DPIA
// guidance estimate a risk to people, inherent and residual. The method, so that a reviewer can
// check it by hand (content/review/README.md has it with the reasons):
//
//   an answer's weight    = a severity (how bad it would be for a person) and/or a likelihood
//                           (how likely it is to happen, given how the use is set up), 1-4:
//                           negligible, limited, significant, maximum
//   dimension severity    = the highest severity among its drivers (1 when none)
//   dimension likelihood  = the highest likelihood among its drivers (1 when none)
//   caps                  = an answer may cap a dimension (aggregated data: harm to a person negligible)
//   level                 = outcome.matrix[severity][likelihood]: low, medium or high
//   inherent              = the use as answered, with the measures already in place
//   residual              = after the mitigations the submitter accepted: each lowers the drivers of
//                           the questions it `reduces` to at most the given severity/likelihood
//   overall               = the highest dimension level, inherent and residual each
//
// Highest, never a sum: the same fact asked twice (health data ticked, "sensitive: yes") cannot
// count twice, many small facts cannot add up to a severe one, and a single severe one is never
// diluted. Unanswered, hidden and not-applicable answers carry nothing.
import { formatAnswer } from './answers';
import { DIMENSIONS, RISK_LEVELS } from './common';
import type { Answers, Dimension, RiskLevel } from './common';
import type { DimensionRiskV2, RiskCap, RiskDriverV2, RiskPoint, RiskV2 } from './model';
import { indexQuestionnaire } from './questionnaire';
import type { Question, Questionnaire, Weight } from './questionnaire';

type Content = Pick<Questionnaire, 'sections' | 'outcome' | 'mitigations'>;

/** The weighted answers of a question: option, yes/no/unsure answer or band, with its weights and caps. */
function contributions(
  question: Question,
  value: Answers[string],
): { answer: string | number; weights: Weight[]; caps: Weight[] }[] {
  switch (question.type) {
    case 'single': {
      const option = question.options.find((o) => o.id === value);
      return option && (option.weights || option.caps)
        ? [{ answer: option.id, weights: option.weights ?? [], caps: option.caps ?? [] }]
        : [];
    }
    case 'multi':
      return question.options
        .filter((o) => Array.isArray(value) && value.includes(o.id) && (o.weights || o.caps))
        .map((o) => ({ answer: o.id, weights: o.weights ?? [], caps: o.caps ?? [] }));
    case 'yesNoUnsure': {
      const weights = question.weights?.[value as 'yes' | 'no' | 'unsure'];
      return weights ? [{ answer: value as string, weights, caps: [] }] : [];
    }
    case 'scale':
    case 'number':
      return (question.weightBands ?? [])
        .filter(
          (b) =>
            typeof value === 'number' &&
            (b.gte === undefined || value >= b.gte) &&
            (b.lte === undefined || value <= b.lte),
        )
        .map((b) => ({ answer: value as number, weights: b.weights, caps: [] }));
    default:
      return [];
  }
}

const rank = (l: RiskLevel): number => RISK_LEVELS.indexOf(l);

function levelAt(q: Content, severity: number, likelihood: number): RiskLevel {
  return q.outcome.matrix?.[severity - 1]?.[likelihood - 1] ?? 'low';
}

function capped(value: number, cap: number | null): number {
  return cap === null ? value : Math.min(value, cap);
}

/**
 * The risk of these effective answers, inherent and after the accepted mitigations.
 * `accepted` holds the ids of mitigations accepted with an owner and a due date.
 */
export function assessRisk(q: Content, effective: Answers, accepted: ReadonlySet<string>): RiskV2 {
  const drivers = new Map<Dimension, RiskDriverV2[]>(DIMENSIONS.map((d) => [d, []]));
  const caps = new Map<Dimension, RiskCap[]>(DIMENSIONS.map((d) => [d, []]));
  // What accepted mitigations do: per question (and dimension, when given), the most a driver may be.
  const reductions = q.mitigations
    .filter((m) => accepted.has(m.id) && m.reduces)
    .flatMap((m) => (m.reduces ?? []).map((r) => ({ ...r, mitigation: m.id })));

  for (const { question } of indexQuestionnaire(q).questions) {
    const value = effective[question.id];
    if (value === undefined) continue;
    for (const c of contributions(question, value)) {
      const answerLabel = formatAnswer(question, c.answer);
      for (const w of c.weights) {
        const applying = reductions.filter(
          (r) => r.question === question.id && (r.dimension === undefined || r.dimension === w.dimension),
        );
        const severity = w.severity ?? null;
        const likelihood = w.likelihood ?? null;
        let residualSeverity = severity;
        let residualLikelihood = likelihood;
        for (const r of applying) {
          if (residualSeverity !== null && r.severity !== undefined)
            residualSeverity = Math.min(residualSeverity, r.severity);
          if (residualLikelihood !== null && r.likelihood !== undefined)
            residualLikelihood = Math.min(residualLikelihood, r.likelihood);
        }
        drivers.get(w.dimension)?.push({
          questionId: question.id,
          questionLabel: question.label,
          answer: c.answer,
          answerLabel,
          severity,
          likelihood,
          treatedBy: [...new Set(applying.map((r) => r.mitigation))],
          residualSeverity,
          residualLikelihood,
        });
      }
      for (const cap of c.caps) {
        caps.get(cap.dimension)?.push({
          questionId: question.id,
          answer: c.answer,
          answerLabel,
          severity: cap.severity ?? null,
          likelihood: cap.likelihood ?? null,
        });
      }
    }
  }

  const dimensions: DimensionRiskV2[] = DIMENSIONS.map((dimension) => {
    const list = drivers.get(dimension) ?? [];
    const limits = caps.get(dimension) ?? [];
    const severityCap = Math.min(5, ...limits.map((c) => c.severity ?? 5));
    const likelihoodCap = Math.min(5, ...limits.map((c) => c.likelihood ?? 5));
    const point = (s: number, l: number): RiskPoint => {
      const severity = Math.max(1, capped(s, severityCap < 5 ? severityCap : null));
      const likelihood = Math.max(1, capped(l, likelihoodCap < 5 ? likelihoodCap : null));
      return { severity, likelihood, level: levelAt(q, severity, likelihood) };
    };
    const highest = (values: (number | null)[]): number =>
      Math.max(1, ...values.filter((v): v is number => v !== null));
    // Strongest first (stable: ties keep file order), so the screens read the drivers top down.
    const ordered = [...list].sort(
      (a, b) =>
        (b.severity ?? 0) * (b.likelihood ?? 1) - (a.severity ?? 0) * (a.likelihood ?? 1) ||
        (b.severity ?? 0) - (a.severity ?? 0),
    );
    return {
      dimension,
      inherent: point(highest(list.map((d) => d.severity)), highest(list.map((d) => d.likelihood))),
      residual: point(
        highest(list.map((d) => d.residualSeverity)),
        highest(list.map((d) => d.residualLikelihood)),
      ),
      drivers: ordered,
      caps: limits,
    };
  });

  const overall = (pick: (d: DimensionRiskV2) => RiskPoint): RiskV2['inherent'] => {
    const level = dimensions.reduce<RiskLevel>(
      (acc, d) => (rank(pick(d).level) > rank(acc) ? pick(d).level : acc),
      'low',
    );
    return {
      level,
      dimensions: dimensions
        .filter((d) => pick(d).level === level && d.drivers.length > 0)
        .map((d) => d.dimension),
    };
  };
  return { dimensions, inherent: overall((d) => d.inherent), residual: overall((d) => d.residual) };
}
