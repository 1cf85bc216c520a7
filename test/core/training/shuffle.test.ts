// Option order: the same for the same (profile, module, version, attempt), reshuffled on a retry.
import { describe, expect, it } from 'vitest';
import type { QuizQuestion } from '../../../electron/core/training/content';
import { quizOrder, quizQuestionViews } from '../../../electron/core/training/shuffle';

const quiz: QuizQuestion[] = Array.from({ length: 8 }, (_, i) => ({
  id: `q${i + 1}`,
  type: 'single' as const,
  prompt: `Question ${i + 1}`,
  explanation: 'x',
  reference: null,
  topic: `q${i + 1}`,
  hint: null,
  options: Array.from({ length: i % 2 === 0 ? 2 : 4 }, (_, k) => ({
    id: String.fromCharCode(97 + k),
    text: `Option ${k}`,
    correct: k === 0,
    feedback: null,
  })),
}));
const module = { quiz };
const key = {
  profileId: 'p0123456789abcdef0123',
  moduleId: 'alpha',
  contentHash: 'a'.repeat(64),
  attempt: 1,
};
const flat = (o: ReturnType<typeof quizOrder>) => JSON.stringify([o.questions, [...o.options]]);

describe('quizOrder', () => {
  it('is deterministic for the same key and a permutation of the module', () => {
    const a = quizOrder(module, key);
    expect(flat(quizOrder(module, key))).toBe(flat(a));
    expect([...a.questions].sort()).toEqual(quiz.map((q) => q.id).sort());
    for (const q of quiz) expect([...(a.options.get(q.id) ?? [])].sort()).toEqual(q.options.map((o) => o.id));
  });

  it('differs for another learner or another content version', () => {
    const a = flat(quizOrder(module, key));
    expect(flat(quizOrder(module, { ...key, profileId: 'p9999999999999999999a' }))).not.toBe(a);
    expect(flat(quizOrder(module, { ...key, contentHash: 'b'.repeat(64) }))).not.toBe(a);
  });

  it('reshuffles every question on a retry: no option order repeats the previous attempt', () => {
    for (let attempt = 2; attempt <= 30; attempt++) {
      const before = quizOrder(module, { ...key, attempt: attempt - 1 });
      const after = quizOrder(module, { ...key, attempt });
      for (const q of quiz)
        expect(after.options.get(q.id), `${q.id} attempt ${attempt}`).not.toEqual(before.options.get(q.id));
    }
  });

  it('never sends which options are correct', () => {
    const views = quizQuestionViews(module, quizOrder(module, key));
    expect(views).toHaveLength(8);
    expect(JSON.stringify(views)).not.toContain('correct');
    for (const v of views) for (const o of v.options) expect(Object.keys(o).sort()).toEqual(['id', 'text']);
  });
});
