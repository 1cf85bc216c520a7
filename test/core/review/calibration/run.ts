// Runs the calibration cases through the real questionnaire: the assessment as answered, and the
// residual risk once every proposed mitigation is accepted (each with an owner and a due date).
import path from 'node:path';
import { assessReview } from '../../../../electron/core/review/assess';
import { visibleQuestions } from '../../../../electron/core/review/answers';
import type { AssessmentV2, MitigationResponse } from '../../../../electron/core/review/model';
import { loadQuestionnaire } from '../../../../electron/core/review/questionnaire';
import type { Questionnaire } from '../../../../electron/core/review/questionnaire';
import { CASES, type CalibrationCase } from './cases';

export const CONTENT = path.resolve(import.meta.dirname, '../../../../content');

export interface CalibrationResult {
  case: CalibrationCase;
  /** As answered, no mitigation accepted. */
  asAnswered: AssessmentV2;
  /** Every proposed mitigation accepted. */
  mitigated: AssessmentV2;
  questionsAsked: number;
}

export function realQuestionnaireV2(): Questionnaire {
  const loaded = loadQuestionnaire(CONTENT);
  if (!loaded.questionnaire)
    throw new Error(loaded.problems.map((p) => `${p.file} ${p.field}: ${p.reason}`).join('\n'));
  return loaded.questionnaire;
}

export function runCase(q: Questionnaire, c: CalibrationCase): CalibrationResult {
  const asAnswered = assessReview(q, c.answers, []) as AssessmentV2;
  let mitigated = asAnswered;
  // Accepting can propose more (a flag cleared by one mitigation may have raised another); settle it.
  for (let i = 0; i < 4; i++) {
    const responses: MitigationResponse[] = mitigated.mitigations.map((m) => ({
      mitigationId: m.id,
      status: 'accepted' as const,
      owner: 'Owner',
      dueDate: '2027-05-01',
    }));
    mitigated = assessReview(q, c.answers, responses) as AssessmentV2;
    if (mitigated.unansweredMitigations.length === 0) break;
  }
  return { case: c, asAnswered, mitigated, questionsAsked: visibleQuestions(q, c.answers).length };
}

export function runAll(): CalibrationResult[] {
  const q = realQuestionnaireV2();
  return CASES.map((c) => runCase(q, c));
}

const SHORT: Record<string, string> = {
  evaluationOrScoring: 'eval',
  automatedDecisionSignificantEffect: 'ADM',
  systematicMonitoring: 'monitor',
  sensitiveOrHighlyPersonal: 'sensitive',
  largeScale: 'large',
  matchingOrCombining: 'combine',
  vulnerableSubjects: 'vulnerable',
  innovativeTechnology: 'innovative',
  preventsRightOrService: 'prevents',
};

/** The calibration table in Markdown (content/review/README.md). */
export function calibrationTable(results: CalibrationResult[]): string {
  const rows = results.map(({ case: c, asAnswered: a, mitigated: m }) => {
    const criteria = a.screening.criteria
      .filter((x) => x.met)
      .map((x) => `${SHORT[x.criterion]}${x.answer === 'yes' ? '' : x.conflict ? '‡' : '†'}`)
      .join(', ');
    const grounds = a.dpia.grounds
      .map((g) => (g.kind === 'article35_3' ? `35(3)(${g.item})` : `${g.list.toUpperCase()} ${g.itemId}`))
      .join('; ');
    const verdict = `${a.dpia.verdict}${grounds ? ` (${grounds})` : ''}`;
    return `| ${c.title} | ${c.group} | ${verdict} | ${criteria || '—'} | ${a.risk.inherent.level} | ${m.risk.residual.level} |`;
  });
  return [
    '| Case | Source | Verdict (grounds) | Criteria met | Inherent | Residual |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

if (process.argv[1] && import.meta.filename === path.resolve(process.argv[1])) {
  const results = runAll();
  console.log(calibrationTable(results));
  for (const r of results) {
    const d = r.asAnswered.risk.dimensions
      .map(
        (x) =>
          `${x.dimension[0]}${x.inherent.severity}${x.inherent.likelihood}${x.inherent.level[0]}/${x.residual.severity}${x.residual.likelihood}`,
      )
      .join(' ');
    console.log(r.case.id.padEnd(28), r.questionsAsked, d, 'flags', r.asAnswered.openBlockingFlags.join(','));
  }
}
