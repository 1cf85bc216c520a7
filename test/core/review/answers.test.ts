// Branching (one spec per showIf rule kind), hidden answers being ignored everywhere, and answer
// validation (required, type, range, unknown option).
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  effectiveAnswers,
  formatAnswer,
  validateAnswers,
  visibleQuestions,
} from '../../../electron/core/review/answers';
import { evaluateFlags, proposeMitigations } from '../../../electron/core/review/flags';
import type { Answers } from '../../../electron/core/review/model';
import type { Questionnaire } from '../../../electron/core/review/questionnaire';
import { scoreRisk } from '../../../electron/core/review/v1/scoring';
import { cleanupTempDirs, screeningAnswers, small } from './fixtures';
import { formatReason, reason } from '../../../electron/core/contract/reasons';

afterEach(cleanupTempDirs);

let q: Questionnaire;
beforeAll(() => {
  q = small();
});

const base: Answers = { title: 'T', kind: 'a', channels: ['post'], sensitive: 'no', ...screeningAnswers(0) };

function visible(answers: Answers): string[] {
  return visibleQuestions(q, answers).map((x) => x.id);
}

const isShown = (id: string, answers: Answers): boolean => visible(answers).includes(id);

describe('showIf', () => {
  it('equals', () => {
    expect(isShown('ifEquals', { ...base, kind: 'b' })).toBe(true);
    expect(isShown('ifEquals', { ...base, kind: 'a' })).toBe(false);
  });

  it('in', () => {
    expect(isShown('ifIn', { ...base, kind: 'a' })).toBe(true);
    expect(isShown('ifIn', { ...base, kind: 'c' })).toBe(true);
    expect(isShown('ifIn', { ...base, kind: 'b' })).toBe(false);
  });

  it('includes (multi)', () => {
    expect(isShown('ifIncludes', { ...base, channels: ['sms', 'email'] })).toBe(true);
    expect(isShown('ifIncludes', { ...base, channels: ['sms'] })).toBe(false);
  });

  it('gte, lte and a range, at their bounds', () => {
    expect(isShown('ifGte', { ...base, count: 10 })).toBe(true);
    expect(isShown('ifGte', { ...base, count: 9 })).toBe(false);
    expect(isShown('ifLte', { ...base, surprise: 2 })).toBe(true);
    expect(isShown('ifLte', { ...base, surprise: 3 })).toBe(false);
    expect([9, 10, 20, 21].map((count) => isShown('ifRange', { ...base, count }))).toEqual([
      false,
      true,
      true,
      false,
    ]);
  });

  it('all', () => {
    expect(isShown('ifAll', { ...base, kind: 'b', sensitive: 'yes' })).toBe(true);
    expect(isShown('ifAll', { ...base, kind: 'b', sensitive: 'no' })).toBe(false);
    expect(isShown('ifAll', { ...base, kind: 'a', sensitive: 'yes' })).toBe(false);
  });

  it('any', () => {
    expect(isShown('ifAny', { ...base, kind: 'c' })).toBe(true);
    expect(isShown('ifAny', { ...base, channels: ['sms'] })).toBe(true);
    expect(isShown('ifAny', { ...base })).toBe(false);
  });

  it('not', () => {
    expect(isShown('ifNot', { ...base, sensitive: 'no' })).toBe(true);
    expect(isShown('ifNot', { ...base, sensitive: 'yes' })).toBe(false);
  });

  it('dpiaRequired follows the screening (two criteria)', () => {
    expect(isShown('ifDpia', { ...base, ...screeningAnswers(1) })).toBe(false);
    expect(isShown('ifDpia', { ...base, ...screeningAnswers(2) })).toBe(true);
  });

  it('a leaf on an unanswered question is false, so its not is true', () => {
    const { sensitive: _, ...noSensitive } = base;
    expect(isShown('ifAll', { ...noSensitive, kind: 'b' })).toBe(false);
    expect(isShown('ifNot', noSensitive)).toBe(true);
  });

  it('a malformed answer counts as unanswered for branching', () => {
    expect(isShown('ifEquals', { ...base, kind: 'nope' })).toBe(false);
    expect(isShown('ifGte', { ...base, count: '50' as unknown as number })).toBe(false);
  });

  it('a question that depends on a hidden question is hidden, whatever that hidden answer says', () => {
    expect(isShown('chained', { ...base, kind: 'b', ifEquals: 'yes' })).toBe(true);
    expect(isShown('chained', { ...base, kind: 'a', ifEquals: 'yes' })).toBe(false);
  });
});

describe('hidden answers are ignored everywhere', () => {
  // kind a hides ifEquals and therefore chained; their answers would otherwise weigh legal 3x3.
  const stale: Answers = { ...base, kind: 'a', ifIn: 'x', ifEquals: 'yes', chained: 'yes', ghost: 'boo' };

  it('in effective answers', () => {
    const effective = effectiveAnswers(q, stale);
    expect(effective).not.toHaveProperty('ifEquals');
    expect(effective).not.toHaveProperty('chained');
    expect(effective).not.toHaveProperty('ghost');
    expect(effective.kind).toBe('a');
  });

  it('in scoring', () => {
    const legal = scoreRisk(q, stale).dimensions.find((d) => d.dimension === 'legal');
    expect(legal?.drivers).toEqual([]);
    const shown = scoreRisk(q, { ...stale, kind: 'b' }).dimensions.find((d) => d.dimension === 'legal');
    expect(shown?.drivers.map((d) => d.questionId)).toEqual(['chained']);
  });

  it('in validation', () => {
    expect(validateAnswers(q, { ...stale, chained: 42 as unknown as string })).toEqual([]);
  });

  it('in flags and mitigations', () => {
    // sms is chosen but the answer is malformed (not a list), so neither the flag nor the mitigation fires
    const answers = { ...base, channels: 'sms' as unknown as string[] };
    expect(evaluateFlags(q, answers).map((f) => f.id)).toEqual([]);
    expect(proposeMitigations(q, answers).map((m) => m.id)).toEqual([]);
  });

  it('multi answers are put in option order and deduplicated by validation, not silently', () => {
    expect(effectiveAnswers(q, { ...base, channels: ['sms', 'email'] }).channels).toEqual(['email', 'sms']);
    expect(effectiveAnswers(q, { ...base, channels: ['sms', 'sms'] })).not.toHaveProperty('channels');
  });
});

describe('validateAnswers', () => {
  const complete: Answers = { ...base, ifIn: 'because' };

  it('a complete set has no problems', () => {
    expect(validateAnswers(q, complete)).toEqual([]);
  });

  it('required and visible but missing or blank', () => {
    const { title: _, ...noTitle } = complete;
    expect(validateAnswers(q, noTitle)).toEqual([{ questionId: 'title', reason: reason('answer.required') }]);
    expect(validateAnswers(q, { ...complete, title: '   ' }).map((p) => p.questionId)).toEqual(['title']);
    expect(validateAnswers(q, { ...complete, channels: [] }).map((p) => p.questionId)).toEqual(['channels']);
  });

  it('a required question that becomes visible must be answered', () => {
    expect(validateAnswers(q, { ...complete, kind: 'b' }).map((p) => p.questionId)).toEqual(['ifEquals']);
  });

  it('wrong types', () => {
    const problems = validateAnswers(q, {
      ...complete,
      title: 5 as unknown as string,
      kind: ['a'],
      channels: 'email' as unknown as string[],
      sensitive: 'maybe',
      launch: '2027-02-30',
      count: 'ten' as unknown as number,
    });
    expect(problems.map((p) => [p.questionId, p.reason.code])).toEqual([
      ['title', 'answer.notText'],
      ['launch', 'answer.notADate'],
      ['kind', 'answer.notAnOption'],
      ['channels', 'answer.notOptions'],
      ['count', 'answer.notANumber'],
      ['sensitive', 'answer.notYesNoUnsure'],
    ]);
  });

  it('out of range', () => {
    const problems = validateAnswers(q, {
      ...complete,
      title: 'x'.repeat(21),
      count: 1001,
      surprise: 6,
    });
    expect(problems.map((p) => p.reason)).toEqual([
      reason('answer.tooLong', { max: 20, length: 21 }),
      reason('answer.aboveMax', { max: 1000 }),
      reason('answer.notOnScale', { min: 1, max: 5 }),
    ]);
    expect(validateAnswers(q, { ...complete, count: 2.5 })[0]?.reason).toEqual(reason('answer.notWhole'));
    expect(validateAnswers(q, { ...complete, count: -1 })[0]?.reason).toEqual(
      reason('answer.belowMin', { min: 0 }),
    );
    expect(validateAnswers(q, { ...complete, surprise: 2.5 })[0]?.reason).toEqual(
      reason('answer.notOnScale', { min: 1, max: 5 }),
    );
    // The English words are core's catalogue's; the screens word the same codes in French too.
    expect(formatReason(reason('answer.tooLong', { max: 20, length: 21 }))).toBe(
      'The answer is too long: at most 20 characters.',
    );
  });

  it('unknown options, repeated options, and an exclusive option combined', () => {
    expect(validateAnswers(q, { ...complete, kind: 'z' })[0]?.reason).toEqual(reason('answer.notAnOption'));
    expect(validateAnswers(q, { ...complete, channels: ['email', 'fax'] })[0]?.reason).toEqual(
      reason('answer.notOptions'),
    );
    expect(validateAnswers(q, { ...complete, channels: ['sms', 'sms'] })[0]?.reason).toEqual(
      reason('answer.notOptions'),
    );
    expect(validateAnswers(q, { ...complete, channels: ['none', 'sms'] })[0]?.reason).toEqual(
      reason('answer.exclusiveWithOthers', { option: 'None' }),
    );
  });
});

describe('formatAnswer', () => {
  it('uses labels, units and scale labels', () => {
    const byId = (id: string) => visibleQuestions(q, { ...base, kind: 'b' }).find((x) => x.id === id);
    const get = (id: string) => {
      const question = byId(id);
      if (!question) throw new Error(id);
      return question;
    };
    expect(formatAnswer(get('kind'), 'b')).toBe('Kind B');
    expect(formatAnswer(get('channels'), ['email', 'sms'])).toBe('Email; SMS');
    expect(formatAnswer(get('sensitive'), 'unsure')).toBe('Unsure');
    expect(formatAnswer(get('count'), 12)).toBe('12 people');
    expect(formatAnswer(get('surprise'), 4)).toBe('4 (much)');
  });
});
