// How many questions a low-risk use is asked, on questionnaire 1.0.0 (before) and 2.0.0 (after):
// the visible questions once the use's answers are in, every one of which must be answered. On
// 1.0.0 each case is answered with its own answers where 1.0.0 has the same question, and with
// the 1.0.0 low-risk baseline elsewhere. The numbers are in content/review/README.md
// ("Questions a low-risk use answers"); this spec keeps them true.
import { describe, expect, it } from 'vitest';
import { visibleQuestions } from '../../../../electron/core/review/answers';
import { loadQuestionnaire } from '../../../../electron/core/review/questionnaire';
import { lowRiskAnswers, REAL_CONTENT, realQuestionnaire } from '../fixtures';
import { CASES } from './cases';

const v2 = loadQuestionnaire(REAL_CONTENT).questionnaire!;
const v1 = realQuestionnaire();
const LOW = CASES.filter((c) => c.group === 'Low-risk use');

/** As in README.md: case, 1.0.0, 2.0.0. */
const TABLE: Record<string, [before: number, after: number]> = {
  'low-staff-directory': [55, 48],
  'low-aggregate-analytics': [54, 47],
  'low-payroll': [54, 46],
  'low-newsletter': [59, 56],
};

describe('questions a low-risk use answers', () => {
  it('has the four low-risk cases', () => {
    expect(LOW.map((c) => c.id).sort()).toEqual(Object.keys(TABLE).sort());
  });

  for (const c of LOW) {
    it(`${c.id}: fewer questions on 2.0.0 than on 1.0.0, as the README says`, () => {
      const before = visibleQuestions(v1, { ...lowRiskAnswers(), ...c.answers });
      const after = visibleQuestions(v2, c.answers);
      // Every visible question is required: the count is what the person answers.
      expect(before.every((q) => q.required)).toBe(true);
      expect(after.every((q) => q.required)).toBe(true);
      expect([before.length, after.length]).toEqual(TABLE[c.id]);
      expect(after.length).toBeLessThan(before.length);
    });
  }
});
