// The draw: one question per topic, the same for the same (profile, module, content, round,
// attempt), other variants on a retry, options reshuffled, and never which options are correct.
import { describe, expect, it } from 'vitest';
import type { QuizQuestion } from '../../../electron/core/training/content';
import { drawQuiz, questionsAsked, quizQuestionViews } from '../../../electron/core/training/shuffle';

/** 8 topics; t1–t6 have two variants (q<t>a, q<t>b), t7 three, t8 one. */
function bank(): QuizQuestion[] {
  const out: QuizQuestion[] = [];
  const variants = [2, 2, 2, 2, 2, 2, 3, 1];
  variants.forEach((n, t) => {
    for (let v = 0; v < n; v++) {
      const id = `q${t + 1}${'abc'[v]}`;
      out.push({
        id,
        type: 'single',
        prompt: `Question ${id}`,
        explanation: 'x',
        reference: null,
        topic: `topic-${t + 1}`,
        hint: null,
        options: Array.from({ length: t % 2 === 0 ? 2 : 4 }, (_, k) => ({
          id: String.fromCharCode(97 + k),
          text: `Option ${k}`,
          correct: k === 0,
          feedback: null,
        })),
      });
    }
  });
  return out;
}
const quiz = bank();
const module = { quiz };
const topicOf = new Map(quiz.map((q) => [q.id, q.topic]));
const key = {
  profileId: 'p0123456789abcdef0123',
  moduleId: 'alpha',
  contentHash: 'a'.repeat(64),
  attempt: 1,
};
const flat = (o: ReturnType<typeof drawQuiz>) => JSON.stringify([o.questions, [...o.options]]);

describe('drawQuiz', () => {
  it('asks one question per topic, the same for the same key', () => {
    const a = drawQuiz(module, key);
    expect(flat(drawQuiz(module, key))).toBe(flat(a));
    expect(questionsAsked(module)).toBe(8);
    expect(a.questions).toHaveLength(8);
    expect(new Set(a.questions.map((id) => topicOf.get(id))).size).toBe(8);
    for (const id of a.questions) {
      const q = quiz.find((x) => x.id === id)!;
      expect([...(a.options.get(id) ?? [])].sort()).toEqual(q.options.map((o) => o.id));
    }
  });

  it('differs for another learner, another content version or another round', () => {
    const a = flat(drawQuiz(module, key));
    expect(flat(drawQuiz(module, { ...key, profileId: 'p9999999999999999999a' }))).not.toBe(a);
    expect(flat(drawQuiz(module, { ...key, contentHash: 'b'.repeat(64) }))).not.toBe(a);
    expect(flat(drawQuiz(module, { ...key, round: 'c'.repeat(64) }))).not.toBe(a);
  });

  it('does not depend on the order of the questions in the file (a translation may reorder them)', () => {
    for (let attempt = 1; attempt <= 5; attempt++) {
      const reordered = { quiz: [...quiz].reverse() };
      expect(flat(drawQuiz(reordered, { ...key, attempt }))).toBe(
        flat(drawQuiz(module, { ...key, attempt })),
      );
    }
  });

  it('asks, on every retry, a variant not asked in the previous attempt wherever the topic has one', () => {
    const seenPerTopic = new Map<string, Set<string>>();
    for (let attempt = 2; attempt <= 30; attempt++) {
      const before = drawQuiz(module, { ...key, attempt: attempt - 1 });
      const after = drawQuiz(module, { ...key, attempt });
      for (const id of after.questions) {
        const topic = topicOf.get(id)!;
        seenPerTopic.set(topic, (seenPerTopic.get(topic) ?? new Set()).add(id));
        if (topic === 'topic-8')
          expect(before.questions).toContain(id); // its only variant
        else expect(before.questions, `${id} attempt ${attempt}`).not.toContain(id);
      }
    }
    // The three variants of topic 7 all come up.
    expect(seenPerTopic.get('topic-7')?.size).toBe(3);
  });

  it('reshuffles a question asked again: its options never in the previous attempt’s order', () => {
    for (let attempt = 2; attempt <= 30; attempt++) {
      const before = drawQuiz(module, { ...key, attempt: attempt - 1 });
      const after = drawQuiz(module, { ...key, attempt });
      expect(after.options.get('q8a'), `attempt ${attempt}`).not.toEqual(before.options.get('q8a'));
    }
  });

  it('never sends which options are correct', () => {
    const views = quizQuestionViews(module, drawQuiz(module, key));
    expect(views).toHaveLength(8);
    expect(JSON.stringify(views)).not.toContain('correct');
    for (const v of views) for (const o of v.options) expect(Object.keys(o).sort()).toEqual(['id', 'text']);
  });
});
