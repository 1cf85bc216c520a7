// The knowledge checks as a test-wise learner would read them, for `steward content check`: is
// each module's bank big enough for a retry to ask other questions, does the length or position
// of an option give the right one away, and does a question repeat one of another module almost
// word for word? The app still loads content that fails these checks (nothing here is a schema
// rule); the check exits non-zero so it does not ship. Thresholds and the figures the shipped
// content gives are in content/README.md ("What content check measures").
import type { ContentProblem } from '../contract/views/training';
import type { QuizQuestion, TrainingModule } from './content';
import { topicsOf } from './shuffle';

export const BANK_THRESHOLDS = {
  /** Questions per topic: a retry can then always ask a variant not asked last time. */
  minVariantsPerTopic: 2,
  /**
   * Share of a module's single-answer questions whose right option is strictly the longest. With
   * four options of random length it is about 1 in 4; above 40% "pick the longest" pays.
   */
  maxLongestShare: 0.4,
  /**
   * Share of a module's single-answer questions whose right option sits at one position of the
   * file. The app shuffles options, but the file is what reviewers, translators and any printed
   * copy show; with 3–4 options the expected share is 25–33%.
   */
  maxPositionShare: 0.5,
  /**
   * Jaccard similarity of two questions' word 3-shingles (prompt and option texts) above which
   * questions of different modules are near-duplicates. Separates the four repeats the issue
   * named (7.7–12.7%) from the most similar unrelated pair shipped (5.3%): see content/README.md.
   */
  maxQuestionSimilarity: 0.06,
  /** Words per shingle. */
  shingle: 3,
} as const;

export type BankThresholds = { [K in keyof typeof BANK_THRESHOLDS]: number };

export interface BankFigures {
  moduleId: string;
  file: string;
  locale: string;
  /** Questions in the bank. */
  questions: number;
  /** Questions an attempt asks: one per topic. */
  asked: number;
  /** Topics with fewer variants than the threshold. */
  thinTopics: string[];
  singleAnswer: number;
  /** Single-answer questions whose right option is strictly the longest (by characters). */
  longestCorrect: number;
  longestShare: number;
  /**
   * Single-answer questions whose right option is strictly the shortest: not a threshold, but
   * shown, since a bank that avoids the longest by always writing the right option in the
   * middle has a cue of its own ("never the longest nor the shortest").
   */
  shortestCorrect: number;
  /** Single-answer questions whose right option is at each position (0-based) of the file. */
  positions: number[];
  maxPositionShare: number;
}

export interface NearDuplicate {
  a: { file: string; questionId: string; index: number };
  b: { file: string; questionId: string; index: number };
  similarity: number;
}

export interface BankLint {
  modules: BankFigures[];
  /**
   * Pairs of questions from different English modules above the similarity threshold, most
   * similar first (translations follow their English module and are not compared).
   */
  duplicates: NearDuplicate[];
  /** The most similar pair across modules, whether above the threshold or not. */
  closest: NearDuplicate | null;
  problems: ContentProblem[];
}

/** Option length as a reader sees it: characters, whitespace runs counted once. */
const lengthOf = (text: string) => text.replace(/\s+/g, ' ').trim().length;

/** Whether the right option of a single-answer question is strictly longer than every other. */
export function rightIsLongest(q: Pick<QuizQuestion, 'options'>): boolean {
  const right = q.options.find((o) => o.correct);
  if (!right) return false;
  const len = lengthOf(right.text);
  return q.options.every((o) => o === right || lengthOf(o.text) < len);
}

/** Whether the right option of a single-answer question is strictly shorter than every other. */
export function rightIsShortest(q: Pick<QuizQuestion, 'options'>): boolean {
  const right = q.options.find((o) => o.correct);
  if (!right) return false;
  const len = lengthOf(right.text);
  return q.options.every((o) => o === right || lengthOf(o.text) > len);
}

/** The text two questions are compared by: what a learner reads, the prompt and every option. */
export function questionText(q: Pick<QuizQuestion, 'prompt' | 'options'>): string {
  return [q.prompt, ...q.options.map((o) => o.text)].join('\n');
}

/** The lower-case word tokens of a text (letters and digits in any script). */
export function wordsOf(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

export function shinglesOf(text: string, size: number = BANK_THRESHOLDS.shingle): Set<string> {
  const words = wordsOf(text);
  const out = new Set<string>();
  if (words.length < size) {
    if (words.length > 0) out.add(words.join(' '));
    return out;
  }
  for (let i = 0; i + size <= words.length; i++) out.add(words.slice(i, i + size).join(' '));
  return out;
}

export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 0;
  let shared = 0;
  for (const x of a) if (b.has(x)) shared++;
  return shared / (a.size + b.size - shared);
}

const percent = (x: number) => `${Math.round(x * 100)}%`;
const percentOne = (x: number) => `${(Math.round(x * 1000) / 10).toFixed(1)}%`;

/** The figures of one module (English or a translation). */
export function bankFigures(
  m: Pick<TrainingModule, 'id' | 'file' | 'locale' | 'quiz'>,
  thresholds: BankThresholds = BANK_THRESHOLDS,
): BankFigures {
  const topics = topicsOf(m.quiz);
  const single = m.quiz.filter((q) => q.type === 'single');
  const longest = single.filter(rightIsLongest).length;
  const positions: number[] = [];
  for (const q of single) {
    const at = q.options.findIndex((o) => o.correct);
    positions[at] = (positions[at] ?? 0) + 1;
  }
  const filled = Array.from(positions, (n) => n ?? 0);
  return {
    moduleId: m.id,
    file: m.file,
    locale: m.locale,
    questions: m.quiz.length,
    asked: topics.size,
    thinTopics: [...topics].filter(([, ids]) => ids.length < thresholds.minVariantsPerTopic).map(([t]) => t),
    singleAnswer: single.length,
    longestCorrect: longest,
    longestShare: single.length === 0 ? 0 : longest / single.length,
    shortestCorrect: single.filter(rightIsShortest).length,
    positions: filled,
    maxPositionShare: single.length === 0 ? 0 : Math.max(0, ...filled) / single.length,
  };
}

/**
 * Lints the banks: each module and translation for size, length and position cues; the English
 * modules' prompts against each other module's for near-duplicates.
 */
export function lintBanks(
  modules: readonly TrainingModule[],
  translations: readonly TrainingModule[] = [],
  thresholds: BankThresholds = BANK_THRESHOLDS,
): BankLint {
  const problems: ContentProblem[] = [];
  const figures = [...modules, ...translations].map((m) => bankFigures(m, thresholds));
  for (const f of figures) {
    if (f.thinTopics.length > 0) {
      problems.push({
        file: f.file,
        field: 'quiz',
        reason: `the bank has ${f.questions} questions for ${f.asked} asked per attempt; every topic needs at least ${thresholds.minVariantsPerTopic} questions so a retry asks another, but ${f.thinTopics.join(', ')} ${f.thinTopics.length === 1 ? 'has' : 'have'} fewer`,
      });
    }
    if (f.longestShare > thresholds.maxLongestShare) {
      problems.push({
        file: f.file,
        field: 'quiz',
        reason: `in ${f.longestCorrect} of ${f.singleAnswer} single-answer questions (${percent(f.longestShare)}) the right option is the longest; at most ${percent(thresholds.maxLongestShare)}, or "pick the longest" passes`,
      });
    }
    if (f.maxPositionShare > thresholds.maxPositionShare) {
      const at = f.positions.indexOf(Math.max(...f.positions));
      problems.push({
        file: f.file,
        field: 'quiz',
        reason: `in ${f.positions[at]} of ${f.singleAnswer} single-answer questions (${percent(f.maxPositionShare)}) the right option is option ${at + 1}; at most ${percent(thresholds.maxPositionShare)} at any one position`,
      });
    }
  }

  const prompts = modules.flatMap((m) =>
    m.quiz.map((q, index) => ({
      index,
      module: m.id,
      file: m.file,
      questionId: q.id,
      shingles: shinglesOf(questionText(q), thresholds.shingle),
    })),
  );
  const duplicates: NearDuplicate[] = [];
  let closest: NearDuplicate | null = null;
  for (let i = 0; i < prompts.length; i++) {
    const a = prompts[i] as (typeof prompts)[number];
    for (let j = i + 1; j < prompts.length; j++) {
      const b = prompts[j] as (typeof prompts)[number];
      if (a.module === b.module) continue;
      const similarity = jaccard(a.shingles, b.shingles);
      const pair = {
        a: { file: a.file, questionId: a.questionId, index: a.index },
        b: { file: b.file, questionId: b.questionId, index: b.index },
        similarity,
      };
      if (!closest || similarity > closest.similarity) closest = pair;
      if (similarity > thresholds.maxQuestionSimilarity) duplicates.push(pair);
    }
  }
  duplicates.sort((x, y) => y.similarity - x.similarity);
  for (const d of duplicates) {
    problems.push({
      file: d.a.file,
      field: `quiz[${d.a.index}]`,
      reason: `question ${d.a.questionId} is a near-duplicate of ${d.b.file} question ${d.b.questionId} (${percentOne(d.similarity)} of their word ${thresholds.shingle}-shingles shared; at most ${percentOne(thresholds.maxQuestionSimilarity)}): a learner who takes both modules meets the same question twice`,
    });
  }
  return { modules: figures, duplicates, closest, problems };
}
