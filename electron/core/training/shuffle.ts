// What a learner is asked in one attempt, and in which order. A module is a question bank: the
// questions sharing a topic are variants of one learning objective, and an attempt asks one
// question per topic. The draw is deterministic for (profile, module, content, round, attempt),
// so reopening the knowledge check shows the same quiz and grading can tell which questions were
// asked without storing them; a retry asks, for every topic that has another variant, one not
// asked in the previous attempt. Options are reshuffled too: a question asked again never shows
// its options in the previous attempt's order.
//
// The draw is language-independent: it is seeded by the English file's hash and walks topics and
// variants in id order, so a learner who switches language between opening and submitting is
// graded on the questions they saw (a valid translation keeps ids, topics and answers).
import { createHash } from 'node:crypto';
import type { QuizQuestionView } from '../contract/views/training';
import type { QuizQuestion, TrainingModule } from './content';

export interface QuizDrawKey {
  profileId: string;
  moduleId: string;
  /** The module's canonical content hash (its English file's: canonicalContentHash). */
  contentHash: string;
  /**
   * Which round of this module: the entry hash of the completion the round follows ('' before
   * the first), so a recertification does not replay the first round's quizzes.
   */
  round?: string;
  /** 1-based attempt number in this round on this content version. */
  attempt: number;
}

export interface QuizDraw {
  /** The question ids asked, one per topic, in display order. */
  questions: string[];
  /** Option ids in display order, per asked question id. */
  options: Map<string, string[]>;
}

/** The hash every edition of a module (English and translations) shares for the draw. */
export function canonicalContentHash(m: Pick<TrainingModule, 'contentHash' | 'contentHashes'>): string {
  return m.contentHashes[0] ?? m.contentHash;
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

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Each topic's variants, topics and variants in id order (independent of the file's order). */
export function topicsOf(quiz: readonly Pick<QuizQuestion, 'id' | 'topic'>[]): Map<string, string[]> {
  const topics = new Map<string, string[]>();
  for (const q of quiz) topics.set(q.topic, [...(topics.get(q.topic) ?? []), q.id]);
  return new Map(
    [...topics.keys()].sort(byCodeUnits).map((t) => [t, [...(topics.get(t) ?? [])].sort(byCodeUnits)]),
  );
}

/** How many questions an attempt asks: one per topic. */
export function questionsAsked(module: Pick<TrainingModule, 'quiz'>): number {
  return topicsOf(module.quiz).size;
}

function rawDraw(
  module: Pick<TrainingModule, 'quiz'>,
  topics: Map<string, string[]>,
  key: QuizDrawKey,
  attempt: number,
  previous: QuizDraw | null,
): QuizDraw {
  const rand = seededPrng(
    [
      'steward-quiz-draw',
      key.profileId,
      key.moduleId,
      key.contentHash,
      key.round ?? '',
      String(attempt),
    ].join('\0'),
  );
  const askedBefore = new Set(previous?.questions ?? []);
  const picked: string[] = [];
  for (const variants of topics.values()) {
    const fresh = variants.filter((id) => !askedBefore.has(id));
    const pool = fresh.length > 0 ? fresh : variants;
    picked.push(pool[Math.floor(rand() * pool.length)] as string);
  }
  const byId = new Map(module.quiz.map((q) => [q.id, q]));
  const questions = shuffled(picked, rand);
  const options = new Map<string, string[]>();
  for (const qid of [...picked].sort(byCodeUnits)) {
    const ids = (byId.get(qid)?.options ?? []).map((o) => o.id).sort(byCodeUnits);
    const order = shuffled(ids, rand);
    const before = previous?.options.get(qid);
    // Asked again: never in the same option order as last time.
    if (before && order.length > 1 && order.every((id, i) => id === before[i]))
      order.push(order.shift() as string);
    options.set(qid, order);
  }
  return { questions, options };
}

/** The questions and order of one attempt (attempt 1, 2, … of this round on this content). */
export function drawQuiz(module: Pick<TrainingModule, 'quiz'>, key: QuizDrawKey): QuizDraw {
  const topics = topicsOf(module.quiz);
  const last = Math.max(1, Math.floor(key.attempt));
  let draw: QuizDraw | null = null;
  for (let attempt = 1; attempt <= last; attempt++) draw = rawDraw(module, topics, key, attempt, draw);
  return draw as QuizDraw;
}

/** The asked questions as the page may see them: in this attempt's order, without which are correct. */
export function quizQuestionViews(module: Pick<TrainingModule, 'quiz'>, draw: QuizDraw): QuizQuestionView[] {
  const byId = new Map(module.quiz.map((q) => [q.id, q]));
  return draw.questions.map((qid) => {
    const q = byId.get(qid);
    if (!q) throw new Error(`the draw names unknown question ${qid}`);
    const optionText = new Map(q.options.map((o) => [o.id, o.text]));
    return {
      id: q.id,
      type: q.type,
      prompt: q.prompt,
      options: (draw.options.get(q.id) ?? []).map((id) => ({ id, text: optionText.get(id) ?? '' })),
    };
  });
}
