// One call that computes everything a submission records, in the format of the questionnaire it
// is made with: format 1 through the frozen engine in ./v1, format 2 here — answer problems, the
// screening checked against the data and the DPIA verdict, the DPIA route, risk inherent and
// residual, flags (some raised by the risk itself), the proposed mitigations with the submitter's
// response to each, and whether the review is ready to submit. Pure and deterministic: the same
// questionnaire, answers and responses always give the same assessment.
import { isCalendarDay } from '../contract/dates';
import { reason, type Reason } from '../contract/reasons';
import { effectiveAnswers, ruleContextFor, validateAnswers } from './answers';
import { NOT_APPLICABLE, YES_NO_UNSURE } from './common';
import type { Answers, MitigationResponse, MitigationProposal } from './common';
import { evaluateFlagsIn, proposals } from './flags';
import { DPIA_ROUTES, EXEMPTION_BASES } from './model';
import type { AssessmentV2, DpiaResult, DpiaRoute, ExemptionBasis, ReviewAssessment } from './model';
import { indexQuestionnaire } from './questionnaire';
import type { Binding, Questionnaire } from './questionnaire';
import { assessRisk } from './risk';
import type { RuleContext } from './rules';
import { judgeScreening } from './screening';
import { assessReviewV1 } from './v1/assess';

/** The assessment of these answers and responses, in the questionnaire's own format. */
export function assessReview(
  q: Questionnaire,
  answers: Answers,
  mitigationResponses: readonly MitigationResponse[],
): ReviewAssessment {
  return q.format === 2
    ? assessReviewV2(q, answers, mitigationResponses)
    : assessReviewV1(q, answers, mitigationResponses);
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

function collate(
  proposed: readonly MitigationProposal[],
  mitigationResponses: readonly MitigationResponse[],
): { responses: Map<string, MitigationResponse>; problems: AssessmentV2['responseProblems'] } {
  const proposedIds = new Set(proposed.map((m) => m.id));
  const responses = new Map<string, MitigationResponse>();
  const problems: AssessmentV2['responseProblems'] = [];
  for (const r of mitigationResponses) {
    const problem = !proposedIds.has(r.mitigationId)
      ? reason('response.notProposed')
      : responses.has(r.mitigationId)
        ? reason('response.answeredTwice')
        : responseProblem(r);
    if (problem !== null) problems.push({ mitigationId: r.mitigationId, reason: problem });
    else responses.set(r.mitigationId, r);
  }
  return { responses, problems };
}

const acceptedIn = (responses: Map<string, MitigationResponse>): Set<string> =>
  new Set([...responses.values()].filter((r) => r.status === 'accepted').map((r) => r.mitigationId));

function assessReviewV2(
  q: Questionnaire,
  answers: Answers,
  mitigationResponses: readonly MitigationResponse[],
): AssessmentV2 {
  const effective = effectiveAnswers(q, answers);
  const judgement = judgeScreening(q, effective);
  const base: RuleContext = {
    ...ruleContextFor(q, effective),
    criteriaMet: () => new Set(judgement.screening.met),
    dpiaVerdict: () => judgement.verdict,
    dpiaNeeded: () => judgement.needed,
  };
  // Risk first from what is proposed without the risk; flags raised by the risk then add their own
  // mitigations, which lower no risk (checked on load), so the risk does not move.
  const early = collate(proposals(q, base), mitigationResponses);
  const risk = assessRisk(q, effective, acceptedIn(early.responses));
  const ctx: RuleContext = {
    ...base,
    inherentRisk: () => risk.inherent.level,
    residualRisk: () => risk.residual.level,
  };
  const proposed = proposals(q, ctx);
  const { responses, problems: responseProblems } = collate(proposed, mitigationResponses);
  const flags = evaluateFlagsIn(q, ctx, acceptedIn(responses));
  const mitigations = proposed.map((m) => ({ ...m, response: responses.get(m.id) ?? null }));
  const unansweredMitigations = mitigations.filter((m) => m.response === null).map((m) => m.id);
  const answerProblems = validateAnswers(q, answers);

  return {
    format: 2,
    questionnaire: { version: q.version, contentHash: q.contentHash },
    summary: summaryOf(q, effective),
    answerProblems,
    screening: judgement.screening,
    dpia: dpiaOf(q, effective, judgement, answerProblems),
    risk,
    flags,
    mitigations,
    responseProblems,
    openBlockingFlags: flags.filter((f) => f.blocking && !f.cleared).map((f) => f.id),
    unansweredMitigations,
    readyToSubmit:
      answerProblems.length === 0 && responseProblems.length === 0 && unansweredMitigations.length === 0,
  };
}

function bound(q: Questionnaire, effective: Answers, binding: Binding): string | null {
  const question = indexQuestionnaire(q).bindings.get(binding);
  const value = question ? effective[question.id] : undefined;
  return typeof value === 'string' ? value : null;
}

/** The bound answers (title, owner, DPO advice...) of the effective answers; null when unanswered. */
function summaryOf(q: Questionnaire, effective: Answers): AssessmentV2['summary'] {
  const get = (binding: Binding): string | null => bound(q, effective, binding);
  const dpo = get('dpoConsulted');
  return {
    title: get('title'),
    summary: get('summary'),
    owner: get('owner'),
    team: get('team'),
    launchDate: get('launchDate'),
    dpoConsulted:
      dpo !== null && [...YES_NO_UNSURE, NOT_APPLICABLE].includes(dpo)
        ? (dpo as AssessmentV2['summary']['dpoConsulted'])
        : null,
    dpoAdvice: get('dpoAdvice'),
  };
}

/** The DPIA's standing: the verdict, whether it is needed, the route taken, and whether it is done. */
function dpiaOf(
  q: Questionnaire,
  effective: Answers,
  judgement: ReturnType<typeof judgeScreening>,
  answerProblems: AssessmentV2['answerProblems'],
): DpiaResult {
  const routeAnswer = bound(q, effective, 'dpiaRoute');
  const route =
    judgement.needed && (DPIA_ROUTES as readonly string[]).includes(routeAnswer ?? '')
      ? (routeAnswer as DpiaRoute)
      : null;
  const basis = bound(q, effective, 'exemptionBasis');
  const claim =
    route === 'exemption' && basis !== null && (EXEMPTION_BASES as readonly string[]).includes(basis)
      ? {
          basis: basis as ExemptionBasis,
          reason: bound(q, effective, 'exemptionReason') ?? '',
          reference: bound(q, effective, 'exemptionReference') ?? '',
        }
      : null;
  // Carried out: every question of the DPIA sections is shown (the route says so) and in order.
  const dpiaQuestions = indexQuestionnaire(q)
    .questions.filter((e) => e.section.part === 'dpia')
    .map((e) => e.question.id);
  const open = answerProblems.some((p) => dpiaQuestions.includes(p.questionId));
  const asked = dpiaQuestions.some((id) => effective[id] !== undefined);
  return {
    verdict: judgement.verdict,
    grounds: judgement.grounds,
    needed: judgement.needed,
    neededBy: judgement.neededBy,
    organisationRule: judgement.organisationRule,
    route,
    claim,
    done: judgement.needed && route === 'carryOut' && asked && !open,
  };
}
