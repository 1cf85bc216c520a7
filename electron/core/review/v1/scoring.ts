// FROZEN (format 1): reviews submitted on format-1 questionnaires are re-checked by this code and
// must come out exactly as recorded (test/core/review/v1/golden.test.ts). Do not change behaviour.
// Risk scoring. Each answer may carry weights: per dimension, a likelihood (0-3) and a severity
// (0-3). The formula, chosen so that a reviewer can check it by hand:
//
//   driver score    = likelihood x severity                       (0..9)
//   dimension score = the highest driver score in the dimension   (its likelihood and severity are reported)
//   level           = high if score >= outcome.levels.high, medium if >= outcome.levels.medium, else low
//                     (outcome.dimensions.<d> may override the thresholds for one dimension)
//   accumulation    = if outcome.accumulation.drivers or more drivers in a dimension each score at
//                     least that dimension's medium threshold, the level rises one step
//   overall level   = the highest dimension level; overall score = the highest dimension score
//
// The maximum (not a sum) keeps one severe answer from being diluted and many trivial ones from
// adding up to "high"; the accumulation step is there so that several medium risks together are
// not reported as a single medium one. Ties between drivers go to the higher severity, then to
// file order, so the result is deterministic.
import { effectiveAnswers, formatAnswer } from '../answers';
import { DIMENSION_LABELS, DIMENSIONS, RISK_LEVELS } from '../common';
import type { Answers, RiskLevel } from '../common';
import type { DimensionRisk, RiskDriver, RiskResult } from './model';
import { indexQuestionnaire } from '../questionnaire';
import type { LevelThresholds, Question, Questionnaire, Weight } from '../questionnaire';

function contributions(
  question: Question,
  value: Answers[string],
): { answer: string | number; weights: Weight[] }[] {
  switch (question.type) {
    case 'single': {
      const option = question.options.find((o) => o.id === value);
      return option?.weights ? [{ answer: option.id, weights: option.weights }] : [];
    }
    case 'multi':
      return question.options
        .filter((o) => Array.isArray(value) && value.includes(o.id) && o.weights)
        .map((o) => ({ answer: o.id, weights: o.weights ?? [] }));
    case 'yesNoUnsure': {
      const weights = question.weights?.[value as 'yes' | 'no' | 'unsure'];
      return weights ? [{ answer: value as string, weights }] : [];
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
        .map((b) => ({ answer: value as number, weights: b.weights }));
    default:
      return [];
  }
}

function levelFor(score: number, t: LevelThresholds): RiskLevel {
  return score >= t.high ? 'high' : score >= t.medium ? 'medium' : 'low';
}

function stepUp(level: RiskLevel): RiskLevel {
  return RISK_LEVELS[Math.min(RISK_LEVELS.indexOf(level) + 1, RISK_LEVELS.length - 1)] ?? level;
}

export function scoreRisk(q: Pick<Questionnaire, 'sections' | 'outcome'>, answers: Answers): RiskResult {
  const effective = effectiveAnswers(q, answers);
  const drivers = new Map<string, RiskDriver[]>(DIMENSIONS.map((d) => [d, []]));
  for (const { question } of indexQuestionnaire(q).questions) {
    const value = effective[question.id];
    if (value === undefined) continue;
    for (const { answer, weights } of contributions(question, value)) {
      for (const w of weights) {
        // Format 1 gives both, 0-3 (checked on load).
        const likelihood = w.likelihood ?? 0;
        const severity = w.severity ?? 0;
        const score = likelihood * severity;
        if (score === 0) continue;
        drivers.get(w.dimension)?.push({
          questionId: question.id,
          questionLabel: question.label,
          answer,
          answerLabel: formatAnswer(question, answer),
          likelihood,
          severity,
          score,
        });
      }
    }
  }

  const dimensions: DimensionRisk[] = DIMENSIONS.map((dimension) => {
    // Array.prototype.sort is stable: equal drivers keep file order.
    const list = [...(drivers.get(dimension) ?? [])].sort(
      (a, b) => b.score - a.score || b.severity - a.severity,
    );
    const thresholds = q.outcome.dimensions?.[dimension] ?? (q.outcome.levels as LevelThresholds);
    const top = list[0];
    const score = top?.score ?? 0;
    let level = levelFor(score, thresholds);
    let escalated = false;
    const needed = q.outcome.accumulation?.drivers;
    if (needed !== undefined && level !== 'high') {
      const atMedium = list.filter((d) => d.score >= thresholds.medium).length;
      if (atMedium >= needed) {
        level = stepUp(level);
        escalated = true;
      }
    }
    return {
      dimension,
      label: DIMENSION_LABELS[dimension],
      likelihood: top?.likelihood ?? 0,
      severity: top?.severity ?? 0,
      score,
      level,
      escalated,
      drivers: list,
    };
  });

  const rank = (l: RiskLevel): number => RISK_LEVELS.indexOf(l);
  const overallLevel = dimensions.reduce<RiskLevel>(
    (acc, d) => (rank(d.level) > rank(acc) ? d.level : acc),
    'low',
  );
  return {
    dimensions,
    overall: {
      level: overallLevel,
      score: Math.max(0, ...dimensions.map((d) => d.score)),
      dimensions: dimensions.filter((d) => d.level === overallLevel && d.score > 0).map((d) => d.dimension),
    },
  };
}
