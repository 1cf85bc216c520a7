// Branching and answer checking. Visibility is decided in file order: a showIf may only look at
// earlier questions, so one pass settles every question, and a question whose showIf depends on
// a hidden one sees it as unanswered. Everything downstream (screening, scoring, flags, diff)
// works on the "effective" answers: visible questions with well-formed answers only.
//
// Format 2 adds section conditions (a section's showIf holds for all its questions), rules on the
// screening's outcome (usable only after every question the screening depends on, so the outcome
// is settled by the time it is asked), and "not applicable" answers where a question allows them.
import { isCalendarDay } from '../contract/dates';
import { reason, type Reason } from '../contract/reasons';
import { DPIA_CRITERIA_THRESHOLD, NOT_APPLICABLE } from './common';
import type { AnswerProblem, Answers, AnswerValue } from './common';
import { indexQuestionnaire, yesNoValues } from './questionnaire';
import type { Question, Questionnaire, Section } from './questionnaire';
import { evaluateRule } from './rules';
import type { RuleContext } from './rules';
import { judgeScreening, type ScreeningJudgement } from './screening';

type Content = Pick<Questionnaire, 'sections'> &
  Partial<Pick<Questionnaire, 'format' | 'screening' | 'dpiaLists'>>;

const DEFAULT_TEXT_MAX = 10000;

/** Counts screening criteria answered yes among the given (effective) answers. */
export function countCriteriaMet(q: Pick<Questionnaire, 'sections'>, answers: Answers): number {
  let met = 0;
  for (const question of indexQuestionnaire(q).screening.values()) {
    if (answers[question.id] === 'yes') met++;
  }
  return met;
}

/** True when the value is not an answer at all: blank text or an empty selection. */
function isBlank(value: AnswerValue): boolean {
  return (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);
}

/**
 * Why `value` is not a valid answer to `question`, or null when it is. Blank values are reported
 * by the caller as "unanswered", not here.
 */
export function checkAnswerValue(question: Question, value: unknown): Reason | null {
  switch (question.type) {
    case 'text': {
      if (typeof value !== 'string') return reason('answer.notText');
      const max = question.maxLength ?? DEFAULT_TEXT_MAX;
      return value.length > max ? reason('answer.tooLong', { max, length: value.length }) : null;
    }
    case 'date':
      return typeof value === 'string' && isCalendarDay(value) ? null : reason('answer.notADate');
    case 'yesNoUnsure':
      return typeof value === 'string' && yesNoValues(question).includes(value)
        ? null
        : reason('answer.notYesNoUnsure');
    case 'single':
      if (typeof value !== 'string' || !question.options.some((o) => o.id === value))
        return reason('answer.notAnOption');
      return null;
    case 'multi': {
      if (
        !Array.isArray(value) ||
        !value.every((v) => typeof v === 'string' && question.options.some((o) => o.id === v)) ||
        new Set(value).size !== value.length
      )
        return reason('answer.notOptions');
      const exclusive = question.options.find((o) => o.exclusive && value.includes(o.id));
      if (exclusive && value.length > 1)
        return reason('answer.exclusiveWithOthers', { option: exclusive.label });
      return null;
    }
    case 'scale': {
      const { min, max } = question.scale;
      if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
        return reason('answer.notOnScale', { min, max });
      return null;
    }
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return reason('answer.notANumber');
      if (question.integer && !Number.isInteger(value)) return reason('answer.notWhole');
      if (question.min !== undefined && value < question.min)
        return reason('answer.belowMin', { min: question.min });
      if (question.max !== undefined && value > question.max)
        return reason('answer.aboveMax', { max: question.max });
      return null;
    }
  }
}

/** A well-formed value in canonical form: multi selections in the questionnaire's option order. */
function canonical(question: Question, value: AnswerValue): AnswerValue {
  if (question.type === 'multi' && Array.isArray(value)) {
    return question.options.map((o) => o.id).filter((id) => value.includes(id));
  }
  return value;
}

interface Visibility {
  visible: Question[];
  effective: Answers;
}

/**
 * The rule context over effective answers: format 1's dpiaRequired, or format 2's screening
 * outcome, computed once, when a rule first asks for it.
 */
export function ruleContextFor(q: Content, effective: Answers): RuleContext {
  if ((q.format ?? 1) === 1) {
    return {
      answers: effective,
      dpiaRequired: () => countCriteriaMet(q, effective) >= DPIA_CRITERIA_THRESHOLD,
    };
  }
  let judged: ScreeningJudgement | null = null;
  // A copy: during the visibility pass `effective` still grows, but only with questions after
  // everything the screening depends on (checked on load), so the first judgement is the final one.
  const judgement = (): ScreeningJudgement =>
    (judged ??= judgeScreening(
      { sections: q.sections, screening: q.screening, dpiaLists: q.dpiaLists ?? [] },
      { ...effective },
    ));
  return {
    answers: effective,
    dpiaRequired: () => false,
    criteriaMet: () => new Set(judgement().screening.met),
    dpiaVerdict: () => judgement().verdict,
    dpiaNeeded: () => judgement().needed,
  };
}

function computeVisibility(q: Content, answers: Answers): Visibility {
  const visible: Question[] = [];
  const effective: Answers = {};
  const ctx = ruleContextFor(q, effective);
  let section: Section | null = null;
  let sectionShown = true;
  for (const entry of indexQuestionnaire(q).questions) {
    const { question } = entry;
    if (entry.section !== section) {
      section = entry.section;
      sectionShown = !section.showIf || evaluateRule(section.showIf, ctx);
    }
    if (!sectionShown) continue;
    if (question.showIf && !evaluateRule(question.showIf, ctx)) continue;
    visible.push(question);
    if (!Object.hasOwn(answers, question.id)) continue;
    const value = answers[question.id];
    if (value === undefined || isBlank(value) || checkAnswerValue(question, value) !== null) continue;
    effective[question.id] = canonical(question, value);
  }
  return { visible, effective };
}

/** The questions to show for these answers, in file order. */
export function visibleQuestions(q: Content, answers: Answers): Question[] {
  return computeVisibility(q, answers).visible;
}

/**
 * The answers that count: visible questions with well-formed, non-blank answers, multi
 * selections in option order. Answers to hidden or unknown questions are dropped.
 */
export function effectiveAnswers(q: Content, answers: Answers): Answers {
  return computeVisibility(q, answers).effective;
}

/**
 * Problems with the answers, per visible question in file order: required and unanswered, wrong
 * type, out of range, unknown option. Hidden and unknown questions are not checked.
 */
export function validateAnswers(q: Content, answers: Answers): AnswerProblem[] {
  const problems: AnswerProblem[] = [];
  for (const question of visibleQuestions(q, answers)) {
    const value = Object.hasOwn(answers, question.id) ? answers[question.id] : undefined;
    if (value === undefined || isBlank(value)) {
      if (question.required) problems.push({ questionId: question.id, reason: reason('answer.required') });
      continue;
    }
    const problem = checkAnswerValue(question, value);
    if (problem !== null) problems.push({ questionId: question.id, reason: problem });
  }
  return problems;
}

const YES_NO_LABELS: Record<string, string> = {
  yes: 'Yes',
  no: 'No',
  unsure: 'Unsure',
  [NOT_APPLICABLE]: 'Not applicable',
};

/** The answer as a person reads it: option labels, Yes/No/Unsure, numbers with their unit. */
export function formatAnswer(question: Question, value: AnswerValue): string {
  switch (question.type) {
    case 'single':
      return question.options.find((o) => o.id === value)?.label ?? String(value);
    case 'multi':
      return (Array.isArray(value) ? value : [value])
        .map((v) => question.options.find((o) => o.id === v)?.label ?? String(v))
        .join('; ');
    case 'yesNoUnsure':
      return YES_NO_LABELS[String(value)] ?? String(value);
    case 'scale': {
      const label = question.scale.labels?.[Number(value) - question.scale.min];
      return label ? `${String(value)} (${label})` : String(value);
    }
    case 'number':
      return question.unit ? `${String(value)} ${question.unit}` : String(value);
    default:
      return String(value);
  }
}
