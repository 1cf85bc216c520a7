// The DPIA in the workflow: a needed DPIA blocks approval until it is carried out in the review or
// an exemption is recorded (by a reviewer, for that version, with its basis, reason, reference and
// the DPO's view); format-1 reviews keep their old rules; and the projection re-checks a
// submission with the questionnaire it was recorded with, current or kept, in its own format.
import { describe, expect, it } from 'vitest';
import { assessReview } from '../../../electron/core/review/assess';
import { canonicalJson } from '../../../electron/core/ledger/canonical';
import type { AssessmentV2, ReviewAssessment } from '../../../electron/core/review/model';
import type { ReviewDpiaExemptedData } from '../../../electron/core/review/events';
import { loadQuestionnaire } from '../../../electron/core/review/questionnaire';
import { allowedActions, checkTransition, projectReviews } from '../../../electron/core/review/workflow';
import type {
  ReviewAction,
  ReviewEventInput,
  ReviewRole,
  ReviewState,
  TransitionContext,
} from '../../../electron/core/review/workflow';
import { CASES } from './calibration/cases';
import { lowRiskAnswers, REAL_CONTENT, realQuestionnaire } from './fixtures';

const current = loadQuestionnaire(REAL_CONTENT).questionnaire!;
const v1 = realQuestionnaire();

const ctx = (actorId: string, roles: ReviewRole[] = []): TransitionContext => ({
  actorId,
  samePerson: (a: string, b: string) => a === b,
  enrolmentRefusal: null,
  actorRoles: new Set(roles),
  reviewerRefusal: null,
  missingReviewerTraining: [],
  missingSubmitterTraining: [],
});
const ALICE = 'alice';
const BOB = 'bob';
const bob = ctx(BOB, ['reviewer']);
const TS = (day: number): string => `2027-01-${String(day).padStart(2, '0')}T09:00:00.000Z`;

/** A case's answers, submitted with every proposed mitigation accepted (so no flag is left open). */
function settled(answers: Record<string, unknown>): { assessment: AssessmentV2; responses: never[] } {
  let a = assessReview(current, answers as never, []) as AssessmentV2;
  let responses: never[] = [];
  for (let i = 0; i < 4; i++) {
    responses = a.mitigations.map((m) => ({
      mitigationId: m.id,
      status: 'accepted',
      owner: 'Owner',
      dueDate: '2027-05-01',
    })) as never[];
    a = assessReview(current, answers as never, responses) as AssessmentV2;
    if (a.unansweredMitigations.length === 0) break;
  }
  return { assessment: a, responses };
}

const caseAnswers = (id: string) => ({ ...CASES.find((c) => c.id === id)!.answers });

const exemptedAnswers = {
  ...caseAnswers('cnil-whistleblowing'),
  dpiaRoute: 'exemption',
  exemptionBasis: 'similarProcessing',
};
const exempted = settled(exemptedAnswers);
const carriedOut = settled(caseAnswers('cnil-whistleblowing'));

function submitted(
  assessment: ReviewAssessment,
  answers: Record<string, unknown>,
  responses: unknown[],
  version = 1,
  ts = TS(1),
) {
  return {
    type: 'review.submitted' as const,
    ts,
    data: {
      reviewId: 'r1',
      version,
      title: 'Staff alert scheme',
      answers: answers as never,
      assessment,
      mitigationResponses: responses as never,
    },
  };
}

function approve(version = 1, ts = TS(3)): ReviewAction {
  return {
    type: 'review.decided',
    ts,
    data: {
      reviewId: 'r1',
      version,
      decision: 'approved',
      rationale: 'Proportionate.',
      conditions: [],
      reReviewDate: '2028-01-03',
      dpoAdvice: { followed: true },
    },
  };
}

function exempt(overrides: Partial<ReviewDpiaExemptedData> = {}, ts = TS(2)): ReviewAction {
  return {
    type: 'review.dpiaExempted',
    ts,
    data: {
      reviewId: 'r1',
      version: 1,
      basis: 'similarProcessing',
      reason: 'The group alert scheme was assessed in 2026 and this is the same scheme.',
      reference: 'Review r-20260301-abc123',
      dpoView: 'Agreed: same scheme, same risks.',
      ...overrides,
    },
  };
}

let n = 0;
function run(actions: { action: ReviewAction; actor: string }[]): ReviewState | null {
  const events: ReviewEventInput[] = actions.map(({ action, actor }) => ({
    type: action.type,
    actor,
    ts: action.ts,
    hash: `h${++n}`,
    data: action.data,
  }));
  const { reviews, ignored } = projectReviews(events, { questionnaire: current, questionnaires: [v1] });
  expect(ignored).toEqual([]);
  return reviews[0] ?? null;
}

describe('a needed DPIA in the workflow', () => {
  it('the fixtures: one review claims an exemption, the other carries the DPIA out; both are otherwise approvable', () => {
    expect(exempted.assessment.dpia).toMatchObject({ needed: true, route: 'exemption', done: false });
    expect(exempted.assessment.dpia.claim?.basis).toBe('similarProcessing');
    expect(carriedOut.assessment.dpia).toMatchObject({ needed: true, route: 'carryOut', done: true });
    expect(exempted.assessment.openBlockingFlags).toEqual([]);
    expect(carriedOut.assessment.openBlockingFlags).toEqual([]);
    expect(exempted.assessment.readyToSubmit && carriedOut.assessment.readyToSubmit).toBe(true);
  });

  it('blocks approval while the DPIA is neither carried out nor exempted; rejecting and asking for changes stay open', () => {
    const state = run([
      { action: submitted(exempted.assessment, exemptedAnswers, exempted.responses), actor: ALICE },
    ])!;
    const refusal = checkTransition(state, approve(), bob);
    expect(refusal).toEqual({
      ok: false,
      reasons: [{ code: 'review.dpiaOpen', params: { title: 'Staff alert scheme' } }],
    });
    const reject = {
      ...approve(),
      data: { ...approve().data, decision: 'rejected', reReviewDate: null },
    } as ReviewAction;
    expect(checkTransition(state, reject, bob).ok).toBe(true);
    expect(allowedActions(state, bob).recordExemption.ok).toBe(true);
  });

  it('an exemption recorded by a reviewer for the version lets the approval through', () => {
    const state = run([
      { action: submitted(exempted.assessment, exemptedAnswers, exempted.responses), actor: ALICE },
      { action: exempt(), actor: BOB },
    ])!;
    expect(state.exemptions).toHaveLength(1);
    expect(state.exemptions[0]).toMatchObject({ version: 1, basis: 'similarProcessing', actor: BOB });
    expect(checkTransition(state, approve(), bob).ok).toBe(true);
  });

  it('a DPIA carried out in the review needs no exemption', () => {
    const state = run([
      {
        action: submitted(carriedOut.assessment, caseAnswers('cnil-whistleblowing'), carriedOut.responses),
        actor: ALICE,
      },
    ])!;
    expect(checkTransition(state, approve(), bob).ok).toBe(true);
    expect(checkTransition(state, exempt(), bob)).toMatchObject({
      ok: false,
      reasons: [{ code: 'review.dpiaAlreadyDone' }],
    });
  });

  it('who may record an exemption, and what it must say', () => {
    const state = run([
      { action: submitted(exempted.assessment, exemptedAnswers, exempted.responses), actor: ALICE },
    ])!;
    const code = (r: ReturnType<typeof checkTransition>) => (r.ok ? 'ok' : r.reasons[0]?.code);
    expect(code(checkTransition(state, exempt(), ctx(ALICE, ['reviewer'])))).toBe('review.ownSubmission');
    expect(code(checkTransition(state, exempt(), ctx('dave')))).toBe('review.notReviewer');
    expect(code(checkTransition(state, exempt({ dpoView: '  ' }), bob))).toBe('review.exemptionNeedsDpoView');
    expect(code(checkTransition(state, exempt({ reference: '' }), bob))).toBe('review.exemptionNeedsReason');
    expect(code(checkTransition(state, exempt({ version: 2 }), bob))).toBe('review.notCurrentVersion');
    // The law requires this DPIA (the CNIL's list): "not likely to result in a high risk" is not open.
    expect(exempted.assessment.dpia.verdict).toBe('required');
    expect(code(checkTransition(state, exempt({ basis: 'notLikelyHighRisk' }), bob))).toBe(
      'review.exemptionNotOpen',
    );
    const twice = run([
      { action: submitted(exempted.assessment, exemptedAnswers, exempted.responses), actor: ALICE },
      { action: exempt(), actor: BOB },
    ])!;
    expect(code(checkTransition(twice, exempt({}, TS(3)), bob))).toBe('review.exemptionAlreadyRecorded');
  });

  it('an exemption holds for the version it names: a revision needs its own', () => {
    const revised = { ...exemptedAnswers, proposalSummary: 'Now with the works council consulted.' };
    const v2 = settled(revised);
    const state = run([
      { action: submitted(exempted.assessment, exemptedAnswers, exempted.responses), actor: ALICE },
      { action: exempt(), actor: BOB },
      {
        action: {
          type: 'review.changesRequested',
          ts: TS(3),
          data: {
            reviewId: 'r1',
            version: 1,
            rationale: 'Say who was consulted.',
            requestedChanges: ['Consult'],
          },
        },
        actor: BOB,
      },
      { action: submitted(v2.assessment, revised, v2.responses, 2, TS(4)), actor: ALICE },
    ])!;
    expect(checkTransition(state, approve(2, TS(5)), bob)).toMatchObject({
      ok: false,
      reasons: [{ code: 'review.dpiaOpen' }],
    });
    expect(checkTransition(state, exempt({ version: 2 }, TS(5)), bob).ok).toBe(true);
  });

  it("a rule-breaking exemption written into someone's own ledger is not applied", () => {
    const events: ReviewEventInput[] = [
      {
        type: 'review.submitted',
        actor: ALICE,
        ts: TS(1),
        hash: 'a1',
        data: submitted(exempted.assessment, exemptedAnswers, exempted.responses).data,
      },
      // The submitter exempts her own review, then a reviewer approves on the strength of it.
      { type: 'review.dpiaExempted', actor: ALICE, ts: TS(2), hash: 'a2', data: exempt().data },
      { type: 'review.decided', actor: BOB, ts: TS(3), hash: 'b1', data: approve().data },
    ];
    const { reviews, ignored } = projectReviews(events, { questionnaire: current, questionnaires: [v1] });
    expect(ignored.map((i) => [i.hash, i.reason.code])).toEqual([
      ['a2', 'review.ownSubmission'],
      ['b1', 'review.dpiaOpen'],
    ]);
    expect(reviews[0]?.status).toBe('submitted');
  });
});

describe('both formats in one workspace', () => {
  const v1Answers = { ...lowRiskAnswers(), scrSensitive: 'yes', scrLargeScale: 'yes', peopleViews: 'no' };
  const v1Assessment = assessReview(v1, v1Answers, [
    { mitigationId: 'conductDpia', status: 'declined', reason: 'Not needed, the DPO agrees.' },
  ]);

  it('a format-1 review whose DPIA was only a warning is approved as before: no exemption needed', () => {
    expect(v1Assessment.format).toBeUndefined();
    expect(v1Assessment.openBlockingFlags).toEqual([]);
    const state = run([
      {
        action: submitted(v1Assessment, v1Answers, [
          { mitigationId: 'conductDpia', status: 'declined', reason: 'Not needed, the DPO agrees.' },
        ]),
        actor: ALICE,
      },
    ])!;
    expect(checkTransition(state, approve(), bob).ok).toBe(true);
    // And an exemption has nothing to attach to in format 1.
    expect(checkTransition(state, exempt(), bob)).toMatchObject({
      ok: false,
      reasons: [{ code: 'review.noDpiaToExempt' }],
    });
  });

  it('re-checks a format-1 submission with the kept 1.0.0 questionnaire, and ignores a doctored one', () => {
    const responses = [
      { mitigationId: 'conductDpia', status: 'declined', reason: 'Not needed, the DPO agrees.' },
    ];
    const honest = submitted(v1Assessment, v1Answers, responses);
    const doctored = submitted(
      { ...v1Assessment, screening: { ...v1Assessment.screening, dpiaRequired: false } } as ReviewAssessment,
      v1Answers,
      responses,
    );
    const project = (data: unknown, questionnaires = [v1]) =>
      projectReviews([{ type: 'review.submitted', actor: ALICE, ts: TS(1), hash: 'x', data }], {
        questionnaire: current,
        questionnaires,
      });
    expect(project(honest.data).ignored).toEqual([]);
    expect(project(doctored.data).ignored.map((i) => i.reason.code)).toEqual(['review.assessmentMismatch']);
    // Without the kept version nothing can re-check it: it is applied as recorded.
    expect(project(doctored.data, []).ignored).toEqual([]);
  });

  it('re-checks a format-2 submission with the current questionnaire, and ignores one that hides its DPIA', () => {
    const honest = submitted(exempted.assessment, exemptedAnswers, exempted.responses);
    const hidden = submitted(
      { ...exempted.assessment, dpia: { ...exempted.assessment.dpia, needed: false, neededBy: null } },
      exemptedAnswers,
      exempted.responses,
    );
    const project = (data: unknown) =>
      projectReviews([{ type: 'review.submitted', actor: ALICE, ts: TS(1), hash: 'x', data }], {
        questionnaire: current,
      });
    expect(project(honest.data).ignored).toEqual([]);
    expect(project(hidden.data).ignored.map((i) => i.reason.code)).toEqual(['review.assessmentMismatch']);
    expect(canonicalJson(assessReview(current, exemptedAnswers as never, exempted.responses))).toBe(
      canonicalJson(exempted.assessment),
    );
  });
});
