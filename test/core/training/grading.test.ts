// Grading: exact sets, unanswered is wrong, unknown ids refused, and integer pass arithmetic.
import { describe, expect, it } from 'vitest';
import { StewardError } from '../../../electron/core/errors';
import type { QuizQuestion } from '../../../electron/core/training/content';
import { gradeAttempt } from '../../../electron/core/training/grading';

function single(id: string): QuizQuestion {
  return {
    id,
    type: 'single',
    prompt: `${id}?`,
    explanation: 'because',
    reference: null,
    topic: id,
    hint: null,
    options: [
      { id: 'a', text: 'A', correct: false, feedback: null },
      { id: 'b', text: 'B', correct: true, feedback: null },
    ],
  };
}
const multiple: QuizQuestion = {
  id: 'm',
  type: 'multiple',
  prompt: 'Which?',
  explanation: 'because',
  reference: null,
  topic: 'm',
  hint: null,
  options: [
    { id: 'a', text: 'A', correct: true, feedback: null },
    { id: 'b', text: 'B', correct: false, feedback: null },
    { id: 'c', text: 'C', correct: true, feedback: null },
  ],
};

/** A module of `n` single questions q1..qn. */
const moduleOf = (n: number, passMark: number) => ({
  passMark,
  quiz: Array.from({ length: n }, (_, i) => single(`q${i + 1}`)),
});
/** Answers with the first `right` questions right and the rest wrong. */
const answers = (n: number, right: number) =>
  Object.fromEntries(Array.from({ length: n }, (_, i) => [`q${i + 1}`, [i < right ? 'b' : 'a']]));

describe('gradeAttempt', () => {
  it('passes when the pass mark is exactly met (4 of 5 at 80%)', () => {
    const g = gradeAttempt(moduleOf(5, 80), answers(5, 4));
    expect(g).toMatchObject({ score: 80, correctCount: 4, total: 5, passMark: 80, passed: true });
  });

  it('fails one short of the pass mark', () => {
    const g = gradeAttempt(moduleOf(5, 80), answers(5, 3));
    expect(g).toMatchObject({ score: 60, correctCount: 3, passed: false });
  });

  it('never rounds a displayed score up into a pass (2 of 3 = 66% against a 67% mark)', () => {
    const g = gradeAttempt(moduleOf(3, 67), answers(3, 2));
    expect(g.score).toBe(66);
    expect(g.passed).toBe(false);
    expect(gradeAttempt(moduleOf(3, 66), answers(3, 2)).passed).toBe(true);
    // 7 of 9 = 77.7…%: floor to 77, and a 78% mark is not met.
    expect(gradeAttempt(moduleOf(9, 78), answers(9, 7))).toMatchObject({ score: 77, passed: false });
  });

  it('counts a multiple-answer question only for the exact set', () => {
    const m = { passMark: 100, quiz: [multiple] };
    expect(gradeAttempt(m, { m: ['c', 'a'] }).passed).toBe(true);
    expect(gradeAttempt(m, { m: ['a', 'a', 'c'] }).passed).toBe(true);
    expect(gradeAttempt(m, { m: ['a'] }).passed).toBe(false);
    expect(gradeAttempt(m, { m: ['a', 'b', 'c'] }).passed).toBe(false);
    expect(gradeAttempt(m, { m: [] }).passed).toBe(false);
    const g = gradeAttempt(m, { m: ['c', 'b'] });
    expect(g.questions[0]).toEqual({ id: 'm', chosen: ['b', 'c'], correct: ['a', 'c'], isCorrect: false });
  });

  it('treats an unanswered question as wrong', () => {
    const g = gradeAttempt(moduleOf(2, 50), { q1: ['b'] });
    expect(g).toMatchObject({ correctCount: 1, total: 2, score: 50, passed: true });
    expect(g.questions[1]).toMatchObject({ id: 'q2', chosen: [], isCorrect: false });
  });

  it('reads only the answers given, even for a question id that names an Object method', () => {
    const m = { passMark: 50, quiz: [single('constructor'), single('q2')] };
    expect(gradeAttempt(m, { q2: ['b'] })).toMatchObject({ correctCount: 1, passed: true });
    expect(gradeAttempt(m, { constructor: ['b'], q2: ['b'] })).toMatchObject({ correctCount: 2 });
  });

  it('refuses unknown question and option ids, naming them', () => {
    const m = moduleOf(2, 50);
    const err = (() => {
      try {
        gradeAttempt(m, { q1: ['b'], q9: ['a'], q2: ['z'] });
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(err).toBeInstanceOf(StewardError);
    expect((err as StewardError).code).toBe('INVALID_ARGUMENT');
    expect((err as StewardError).message).toContain('question "q9"');
    expect((err as StewardError).message).toContain('option "z" of question "q2"');
  });

  it('grades only the questions asked, in their order, and refuses answers to the others', () => {
    const m = moduleOf(4, 50);
    const g = gradeAttempt(m, { q3: ['b'], q1: ['a'] }, ['q3', 'q1']);
    expect(g).toMatchObject({ total: 2, correctCount: 1, score: 50, passed: true });
    expect(g.questions.map((q) => q.id)).toEqual(['q3', 'q1']);
    let err: unknown = null;
    try {
      gradeAttempt(m, { q3: ['b'], q1: ['b'], q2: ['b'], q4: ['b'] }, ['q3', 'q1']);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(StewardError);
    expect(err).toMatchObject({
      code: 'INVALID_ARGUMENT',
      reasons: [{ code: 'quiz.notAsked', params: { questions: 'q2, q4', count: 2 } }],
    });
  });
});
