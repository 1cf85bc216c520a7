// The order a learner sees a knowledge check in: deterministic for (profile, module, content
// version, attempt), so reopening the quiz shows the same order and the result can be shown in
// it, but different on a retry: any question whose options came out in the previous attempt's
// order is rotated by one, so a learner cannot pass by remembering positions.
import { createHash } from 'node:crypto';
import type { QuizQuestionView } from '../contract/views/training';
import type { TrainingModule } from './content';

export interface QuizOrderKey {
  profileId: string;
  moduleId: string;
  contentHash: string;
  /** 1-based attempt number on this content version. */
  attempt: number;
}

export interface QuizOrder {
  /** Question ids in display order. */
  questions: string[];
  /** Option ids in display order, per question id. */
  options: Map<string, string[]>;
}

/** sfc32 seeded from SHA-256: small, fast, well distributed; not for secrets. */
function seededPrng(seedText: string): () => number {
  const d = createHash('sha256').update(seedText).digest();
  let a = d.readUInt32LE(0);
  let b = d.readUInt32LE(4);
  let c = d.readUInt32LE(8);
  let n = d.readUInt32LE(12);
  const next = (): number => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    n >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    n = (n + 1) | 0;
    t = (t + n) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next(); // warm up
  return next;
}

function shuffled<T>(items: readonly T[], rand: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

function rawOrder(module: Pick<TrainingModule, 'quiz'>, key: QuizOrderKey, attempt: number): QuizOrder {
  const rand = seededPrng(
    ['steward-quiz-order', key.profileId, key.moduleId, key.contentHash, String(attempt)].join('\0'),
  );
  const questions = shuffled(
    module.quiz.map((q) => q.id),
    rand,
  );
  const options = new Map<string, string[]>();
  for (const q of module.quiz)
    options.set(
      q.id,
      shuffled(
        q.options.map((o) => o.id),
        rand,
      ),
    );
  return { questions, options };
}

const sameOrder = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

/** The display order for one attempt (attempt 1, 2, … on this content version). */
export function quizOrder(module: Pick<TrainingModule, 'quiz'>, key: QuizOrderKey): QuizOrder {
  const last = Math.max(1, Math.floor(key.attempt));
  let order = rawOrder(module, key, 1);
  for (let attempt = 2; attempt <= last; attempt++) {
    const next = rawOrder(module, key, attempt);
    for (const [qid, ids] of next.options) {
      const before = order.options.get(qid);
      if (before && ids.length > 1 && sameOrder(before, ids))
        next.options.set(qid, [...ids.slice(1), ids[0] as string]);
    }
    order = next;
  }
  return order;
}

/** The questions as the page may see them: in this attempt's order, without which are correct. */
export function quizQuestionViews(
  module: Pick<TrainingModule, 'quiz'>,
  order: QuizOrder,
): QuizQuestionView[] {
  const byId = new Map(module.quiz.map((q) => [q.id, q]));
  return order.questions.map((qid) => {
    const q = byId.get(qid);
    if (!q) throw new Error(`quiz order names unknown question ${qid}`);
    const optionText = new Map(q.options.map((o) => [o.id, o.text]));
    return {
      id: q.id,
      type: q.type,
      prompt: q.prompt,
      options: (order.options.get(q.id) ?? []).map((id) => ({ id, text: optionText.get(id) ?? '' })),
    };
  });
}
