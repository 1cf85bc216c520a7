// FROZEN (format 1): reviews submitted on format-1 questionnaires are re-checked by this code and
// must come out exactly as recorded (test/core/review/v1/golden.test.ts). Do not change behaviour.
// DPIA screening against the nine criteria of WP29 WP248 rev.01. Two or more criteria met means
// a full DPIA is required (the guideline's "in most cases" rule, which the app applies strictly);
// one criterion, or "unsure" answers that could make two, mean a DPIA is advised and the decision
// must be reasoned. The explanation is written for the submitter, not for a lawyer.
import { effectiveAnswers } from '../answers';
import { DPIA_CRITERIA_THRESHOLD, SCREENING_CRITERIA, SCREENING_CRITERION_NAMES } from '../common';
import type { Answers, ScreeningCriterion } from '../common';
import type { ScreeningResult } from './model';
import { indexQuestionnaire } from '../questionnaire';
import type { Questionnaire } from '../questionnaire';

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function listOf(keys: ScreeningCriterion[]): string {
  return keys.map((k) => SCREENING_CRITERION_NAMES[k]).join('; ');
}

function criteria(n: number): string {
  return n === 1 ? '1 criterion' : `${n} criteria`;
}

export function screenForDpia(q: Pick<Questionnaire, 'sections'>, answers: Answers): ScreeningResult {
  const effective = effectiveAnswers(q, answers);
  const byCriterion = indexQuestionnaire(q).screening;
  const criteriaMet: ScreeningCriterion[] = [];
  const unsure: ScreeningCriterion[] = [];
  const unanswered: ScreeningCriterion[] = [];
  for (const key of SCREENING_CRITERIA) {
    const question = byCriterion.get(key);
    const value = question ? effective[question.id] : undefined;
    if (value === 'yes') criteriaMet.push(key);
    else if (value === 'unsure') unsure.push(key);
    else if (value === undefined) unanswered.push(key);
  }

  const met = criteriaMet.length;
  const dpiaRequired = met >= DPIA_CRITERIA_THRESHOLD;
  const recommendation = dpiaRequired
    ? 'required'
    : met === 1 || met + unsure.length >= DPIA_CRITERIA_THRESHOLD
      ? 'advised'
      : 'notIndicated';

  const explanation: string[] = [];
  if (dpiaRequired) {
    explanation.push(
      `A full data protection impact assessment (DPIA) is needed: ${met} of the nine EDPB/WP29 criteria are met. ` +
        'WP248 says processing that meets two criteria will in most cases require a DPIA, and the more criteria ' +
        'are met, the more likely it is to be high risk (GDPR Art. 35(1)).',
    );
  } else if (met === 1) {
    explanation.push(
      'One of the nine EDPB/WP29 criteria is met. One criterion alone does not usually make a DPIA necessary, ' +
        'but WP248 notes that sometimes a single criterion is enough: ask whether this use is still likely to ' +
        "result in a high risk. If you decide against a DPIA, record why, with the DPO's view.",
    );
  } else {
    explanation.push(
      'None of the nine EDPB/WP29 criteria is met on these answers, so the screening does not call for a DPIA. ' +
        'Screen again if the use changes: WP248 calls a DPIA a continual process, not a one-time exercise.',
    );
  }
  for (const key of criteriaMet) {
    const question = byCriterion.get(key);
    explanation.push(
      `${capitalise(SCREENING_CRITERION_NAMES[key])}: met, because you answered yes to "${question?.label ?? key}".`,
    );
  }
  if (unsure.length > 0) {
    const total = met + unsure.length;
    const wouldRequire = !dpiaRequired && total >= DPIA_CRITERIA_THRESHOLD;
    explanation.push(
      `${capitalise(criteria(unsure.length))} answered "unsure" (${listOf(unsure)}) ` +
        `${unsure.length === 1 ? 'is' : 'are'} not counted as met. If ${unsure.length === 1 ? 'it turned' : 'they turned'} ` +
        `out to be met, ${criteria(total)} would be met${wouldRequire ? ', enough to require a DPIA' : ''}. ` +
        'Where it is unclear whether a DPIA is needed, WP248 advises carrying one out anyway.',
    );
  }
  if (unanswered.length > 0) {
    explanation.push(
      `${capitalise(criteria(unanswered.length))} not answered yet (${listOf(unanswered)}): the screening is incomplete.`,
    );
  }
  return { criteriaMet, unsure, unanswered, dpiaRequired, recommendation, explanation };
}
