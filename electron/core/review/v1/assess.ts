// FROZEN (format 1): reviews submitted on format-1 questionnaires are re-checked by this code and
// must come out exactly as recorded (test/core/review/v1/golden.test.ts). Do not change behaviour.
// One call that computes everything a submission records: answer problems, DPIA screening, risk,
// flags (with clearing from accepted mitigations), the proposed mitigations with the submitter's
// response to each, and whether the review is ready to submit. Pure and deterministic: the same
// questionnaire, answers and responses always give the same assessment.
import { effectiveAnswers, validateAnswers } from '../answers';
import { evaluateFlags, proposeMitigations } from '../flags';
import { isCalendarDay } from '../../contract/dates';
import { reason, type Reason } from '../../contract/reasons';
import type { Answers, MitigationResponse, YesNoUnsure } from '../common';
import type { AssessmentV1 } from './model';
import { indexQuestionnaire } from '../questionnaire';
import type { Binding, Questionnaire } from '../questionnaire';
import { screenForDpia } from './screening';
import { scoreRisk } from './scoring';

type ReviewAssessment = AssessmentV1;

/** The bound answers (title, owner, DPO advice...) of the effective answers; null when unanswered. */
function summaryOf(q: Questionnaire, effective: Answers): ReviewAssessment['summary'] {
  const bindings = indexQuestionnaire(q).bindings;
  const get = (binding: Binding): string | null => {
    const question = bindings.get(binding);
    const value = question ? effective[question.id] : undefined;
    return typeof value === 'string' ? value : null;
  };
  return {
    title: get('title'),
    summary: get('summary'),
    owner: get('owner'),
    team: get('team'),
    launchDate: get('launchDate'),
    dpoConsulted: get('dpoConsulted') as YesNoUnsure | null,
    dpoAdvice: get('dpoAdvice'),
  };
}

/** Why a response cannot stand, or null. Responses usually arrive through a schema; this also covers direct callers. */
function responseProblem(r: MitigationResponse): Reason | null {
  if (r.status === 'accepted') {
    if (r.owner.trim() === '') return reason('response.ownerNeeded');
    if (!isCalendarDay(r.dueDate)) return reason('response.dueDateNeeded');
    return null;
  }
  return r.reason.trim() === '' ? reason('response.reasonNeeded') : null;
}

export function assessReviewV1(
  q: Questionnaire,
  answers: Answers,
  mitigationResponses: readonly MitigationResponse[],
): ReviewAssessment {
  const effective = effectiveAnswers(q, answers);
  const proposed = proposeMitigations(q, effective);
  const proposedIds = new Set(proposed.map((m) => m.id));

  const responses = new Map<string, MitigationResponse>();
  const responseProblems: ReviewAssessment['responseProblems'] = [];
  for (const r of mitigationResponses) {
    const problem = !proposedIds.has(r.mitigationId)
      ? reason('response.notProposed')
      : responses.has(r.mitigationId)
        ? reason('response.answeredTwice')
        : responseProblem(r);
    if (problem !== null) responseProblems.push({ mitigationId: r.mitigationId, reason: problem });
    else responses.set(r.mitigationId, r);
  }

  const accepted = [...responses.values()].filter((r) => r.status === 'accepted').map((r) => r.mitigationId);
  const flags = evaluateFlags(q, effective, accepted);
  const mitigations = proposed.map((m) => ({ ...m, response: responses.get(m.id) ?? null }));
  const unansweredMitigations = mitigations.filter((m) => m.response === null).map((m) => m.id);
  const answerProblems = validateAnswers(q, answers);

  return {
    questionnaire: { version: q.version, contentHash: q.contentHash },
    summary: summaryOf(q, effective),
    answerProblems,
    screening: screenForDpia(q, effective),
    risk: scoreRisk(q, effective),
    flags,
    mitigations,
    responseProblems,
    openBlockingFlags: flags.filter((f) => f.blocking && !f.cleared).map((f) => f.id),
    unansweredMitigations,
    readyToSubmit:
      answerProblems.length === 0 && responseProblems.length === 0 && unansweredMitigations.length === 0,
  };
}
