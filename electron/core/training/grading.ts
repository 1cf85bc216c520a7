// Grading a knowledge-check attempt against the questions it asked (one per topic, drawn by
// shuffle.ts). A question counts only when the chosen options are exactly the correct ones; the
// pass rule is integer arithmetic so a pass mark exactly met passes and a displayed score never
// rounds up into a pass. Answers to questions the attempt did not ask are refused: otherwise a
// learner could answer the whole bank and be graded on whichever questions were drawn.
import { reason } from '../contract/reasons';
import { StewardError } from '../errors';
import type { TrainingModule } from './content';

export interface GradedQuestion {
  id: string;
  /** The learner's choice, de-duplicated, in the module's option order. */
  chosen: string[];
  /** The correct options, in the module's option order. */
  correct: string[];
  isCorrect: boolean;
}

export interface Grade {
  /** Whole percent, rounded down. */
  score: number;
  correctCount: number;
  total: number;
  passMark: number;
  passed: boolean;
  questions: GradedQuestion[];
}

export function isPass(correctCount: number, total: number, passMark: number): boolean {
  return correctCount * 100 >= passMark * total;
}

/**
 * Grades `answers` (question id -> chosen option ids) on the questions `asked` (every question of
 * the module when omitted), in that order. Unanswered questions are wrong.
 */
export function gradeAttempt(
  module: Pick<TrainingModule, 'quiz' | 'passMark'>,
  answers: Readonly<Record<string, readonly string[]>>,
  asked: readonly string[] = module.quiz.map((q) => q.id),
): Grade {
  const byId = new Map(module.quiz.map((q) => [q.id, q]));
  const askedSet = new Set(asked);
  const unknown: string[] = [];
  const notAsked: string[] = [];
  for (const [qid, chosen] of Object.entries(answers)) {
    const q = byId.get(qid);
    if (!q) {
      unknown.push(`question "${qid}"`);
      continue;
    }
    if (!askedSet.has(qid)) {
      notAsked.push(qid);
      continue;
    }
    const optionIds = new Set(q.options.map((o) => o.id));
    for (const oid of chosen) if (!optionIds.has(oid)) unknown.push(`option "${oid}" of question "${qid}"`);
  }
  if (unknown.length > 0) {
    const list =
      unknown.slice(0, 5).join(', ') + (unknown.length > 5 ? `, and ${unknown.length - 5} more` : '');
    throw new StewardError(
      'INVALID_ARGUMENT',
      `The answers name ${list}, which this module does not have. Reload the module and answer again.`,
    );
  }
  if (notAsked.length > 0) {
    const questions = notAsked.join(', ');
    throw new StewardError(
      'INVALID_ARGUMENT',
      `The answers include question(s) ${questions}, which this attempt did not ask. Reload the knowledge check and answer again.`,
      { reasons: [reason('quiz.notAsked', { questions, count: notAsked.length })] },
    );
  }
  const questions = asked.map((qid): GradedQuestion => {
    const q = byId.get(qid);
    if (!q) throw new StewardError('INTERNAL', `the attempt asked question ${qid}, which the module lacks`);
    // Own keys only: a question may well be called "constructor".
    const picked = new Set(Object.hasOwn(answers, q.id) ? answers[q.id] : []);
    const chosen = q.options.filter((o) => picked.has(o.id)).map((o) => o.id);
    const correct = q.options.filter((o) => o.correct).map((o) => o.id);
    const isCorrect = chosen.length === correct.length && correct.every((id) => picked.has(id));
    return { id: q.id, chosen, correct, isCorrect };
  });
  const total = questions.length;
  const correctCount = questions.filter((q) => q.isCorrect).length;
  return {
    score: total === 0 ? 0 : Math.floor((correctCount * 100) / total),
    correctCount,
    total,
    passMark: module.passMark,
    passed: total > 0 && isPass(correctCount, total, module.passMark),
    questions,
  };
}
