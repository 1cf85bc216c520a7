// What changed between two versions of a review's answers, for the reviewer who asked for
// changes: per question, in questionnaire order, with labels a person reads. Only effective
// answers are compared, so an answer that became hidden counts as removed.
import { effectiveAnswers, formatAnswer } from './answers';
import type { Answers, AnswerValue } from './model';
import { indexQuestionnaire } from './questionnaire';
import type { Questionnaire } from './questionnaire';

export interface AnswerChange {
  questionId: string;
  label: string;
  sectionId: string;
  sectionTitle: string;
  change: 'added' | 'removed' | 'changed';
  before: AnswerValue | null;
  after: AnswerValue | null;
  beforeText: string | null;
  afterText: string | null;
  /** multi only: labels of options newly chosen and no longer chosen. */
  addedOptions?: string[];
  removedOptions?: string[];
}

function same(a: AnswerValue, b: AnswerValue): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => v === b[i]);
  return a === b;
}

export function diffAnswers(
  q: Pick<Questionnaire, 'sections'>,
  before: Answers,
  after: Answers,
): AnswerChange[] {
  const was = effectiveAnswers(q, before);
  const now = effectiveAnswers(q, after);
  const changes: AnswerChange[] = [];
  for (const { question, section } of indexQuestionnaire(q).questions) {
    const a = was[question.id];
    const b = now[question.id];
    if (a === undefined && b === undefined) continue;
    if (a !== undefined && b !== undefined && same(a, b)) continue;
    const change: AnswerChange = {
      questionId: question.id,
      label: question.label,
      sectionId: section.id,
      sectionTitle: section.title,
      change: a === undefined ? 'added' : b === undefined ? 'removed' : 'changed',
      before: a ?? null,
      after: b ?? null,
      beforeText: a === undefined ? null : formatAnswer(question, a),
      afterText: b === undefined ? null : formatAnswer(question, b),
    };
    if (question.type === 'multi') {
      const from = Array.isArray(a) ? a : [];
      const to = Array.isArray(b) ? b : [];
      const label = (id: string): string => question.options.find((o) => o.id === id)?.label ?? id;
      change.addedOptions = to.filter((id) => !from.includes(id)).map(label);
      change.removedOptions = from.filter((id) => !to.includes(id)).map(label);
    }
    changes.push(change);
  }
  return changes;
}
