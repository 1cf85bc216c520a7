// DPIA screening at each threshold: 0, 1, 2 and 9 criteria met, unsure answers counted apart,
// unanswered and hidden criteria; and the real questionnaire's screening section.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SCREENING_CRITERIA } from '../../../../electron/core/review/model';
import type { Questionnaire } from '../../../../electron/core/review/questionnaire';
import { screenForDpia } from '../../../../electron/core/review/v1/screening';
import {
  cleanupTempDirs,
  lowRiskAnswers,
  questionAt,
  realQuestionnaire,
  screeningAnswers,
  small,
} from '../fixtures';

afterEach(cleanupTempDirs);

let q: Questionnaire;
beforeAll(() => {
  q = small();
});

describe('screenForDpia', () => {
  it('0 criteria: no DPIA indicated', () => {
    const r = screenForDpia(q, screeningAnswers(0));
    expect(r).toMatchObject({
      criteriaMet: [],
      unsure: [],
      unanswered: [],
      dpiaRequired: false,
      recommendation: 'notIndicated',
    });
    expect(r.explanation).toHaveLength(1);
    expect(r.explanation[0]).toMatch(/None of the nine EDPB\/WP29 criteria is met/);
    expect(r.explanation[0]).toMatch(/continual process/);
  });

  it('1 criterion: not required, but advised, and the explanation says one can be enough', () => {
    const r = screenForDpia(q, screeningAnswers(1));
    expect(r).toMatchObject({
      criteriaMet: ['evaluationOrScoring'],
      dpiaRequired: false,
      recommendation: 'advised',
    });
    expect(r.explanation[0]).toMatch(/One of the nine EDPB\/WP29 criteria is met/);
    expect(r.explanation[0]).toMatch(/sometimes a single criterion is enough/);
    expect(r.explanation[0]).toMatch(/record why, with the DPO's view/);
    expect(r.explanation[1]).toBe(
      'Evaluation or scoring: met, because you answered yes to "Criterion evaluationOrScoring?".',
    );
  });

  it('2 criteria: a DPIA is required, and each criterion is named with why', () => {
    const r = screenForDpia(q, screeningAnswers(2));
    expect(r).toMatchObject({
      criteriaMet: ['evaluationOrScoring', 'automatedDecisionSignificantEffect'],
      dpiaRequired: true,
      recommendation: 'required',
    });
    expect(r.explanation[0]).toMatch(
      /A full data protection impact assessment \(DPIA\) is needed: 2 of the nine/,
    );
    expect(r.explanation.slice(1)).toEqual([
      'Evaluation or scoring: met, because you answered yes to "Criterion evaluationOrScoring?".',
      'Automated decision-making with legal or similar significant effect: met, because you answered yes to "Criterion automatedDecisionSignificantEffect?".',
    ]);
  });

  it('9 criteria: all listed, in WP248 order', () => {
    const r = screenForDpia(q, screeningAnswers(9));
    expect(r.criteriaMet).toEqual([...SCREENING_CRITERIA]);
    expect(r.dpiaRequired).toBe(true);
    expect(r.explanation[0]).toMatch(/9 of the nine/);
    expect(r.explanation).toHaveLength(10);
  });

  it('unsure answers are not counted as met, and the explanation says what they could add up to', () => {
    const r = screenForDpia(q, screeningAnswers(1, 1));
    expect(r).toMatchObject({
      criteriaMet: ['evaluationOrScoring'],
      unsure: ['automatedDecisionSignificantEffect'],
      dpiaRequired: false,
      recommendation: 'advised',
    });
    const sentence = r.explanation.find((s) => s.includes('unsure'));
    expect(sentence).toBe(
      '1 criterion answered "unsure" (automated decision-making with legal or similar significant effect) is not counted as met. ' +
        'If it turned out to be met, 2 criteria would be met, enough to require a DPIA. ' +
        'Where it is unclear whether a DPIA is needed, WP248 advises carrying one out anyway.',
    );
  });

  it('two unsure answers alone advise a DPIA; with two met they do not change "required"', () => {
    expect(screenForDpia(q, screeningAnswers(0, 2)).recommendation).toBe('advised');
    expect(screenForDpia(q, screeningAnswers(0, 1)).recommendation).toBe('notIndicated');
    const r = screenForDpia(q, screeningAnswers(2, 3));
    expect(r.recommendation).toBe('required');
    expect(r.unsure).toHaveLength(3);
    expect(r.explanation.find((s) => s.includes('unsure'))).toMatch(/5 criteria would be met\. Where/);
  });

  it('unanswered criteria are listed and the screening called incomplete', () => {
    const answers = screeningAnswers(2);
    delete answers.s9;
    const r = screenForDpia(q, answers);
    expect(r.unanswered).toEqual(['preventsRightOrService']);
    expect(r.explanation.at(-1)).toMatch(/^1 criterion not answered yet .*the screening is incomplete\.$/);
  });

  it('a hidden screening question does not count even if answered yes', () => {
    const hidden = small((raw) => {
      questionAt(raw, 1, 1).showIf = { question: 'kind', equals: 'c' };
    });
    const answers = { kind: 'a', ...screeningAnswers(2) };
    expect(screenForDpia(hidden, answers).criteriaMet).toEqual(['evaluationOrScoring']);
    expect(screenForDpia(hidden, { ...answers, kind: 'c' }).criteriaMet).toHaveLength(2);
  });
});

describe('the real screening section', () => {
  it('low-risk answers meet no criterion; sensitive + large scale make a DPIA required', () => {
    const real = realQuestionnaire();
    expect(screenForDpia(real, lowRiskAnswers()).recommendation).toBe('notIndicated');
    const r = screenForDpia(real, { ...lowRiskAnswers(), scrSensitive: 'yes', scrLargeScale: 'yes' });
    expect(r.criteriaMet).toEqual(['sensitiveOrHighlyPersonal', 'largeScale']);
    expect(r.dpiaRequired).toBe(true);
  });
});
