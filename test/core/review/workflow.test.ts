// The review workflow: every legal transition, every illegal one with its refusal, the
// projection from ledger-shaped events (including rule-breaking events written into someone's own
// ledger), re-review due, and the reviewer's queue.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { assessReview } from '../../../electron/core/review/assess';
import type {
  ReviewChangesRequestedData,
  ReviewDecidedData,
  ReviewSubmittedData,
} from '../../../electron/core/review/events';
import type { Answers, MitigationResponse, ReviewAssessment } from '../../../electron/core/review/model';
import {
  allowedActions,
  applyReviewEvent,
  checkTransition,
  REVIEW_ACTION_KINDS,
  conditionOverdue,
  projectReviews,
  reviewDisplayStatus,
  reviewQueue,
  reviewReReviewDue,
} from '../../../electron/core/review/workflow';
import type {
  ReviewAction,
  ReviewActionKind,
  ReviewEventInput,
  ReviewRole,
  ReviewState,
  TransitionContext,
} from '../../../electron/core/review/workflow';
import { cleanupTempDirs, lowRiskAnswers, realQuestionnaire } from './fixtures';
import { formatReason } from '../../../electron/core/contract/reasons';

afterEach(cleanupTempDirs);

const ALICE = 'alice'; // submitter
const BOB = 'bob'; // reviewer
const CAROL = 'carol'; // manager only
const DAVE = 'dave'; // no role

function ctx(
  actorId: string,
  roles: ReviewRole[] = [],
  overrides: Partial<TransitionContext> = {},
): TransitionContext {
  return {
    actorId,
    samePerson: (a: string, b: string) => a === b,
    enrolmentRefusal: null,
    actorRoles: new Set(roles),
    reviewerRefusal: null,
    missingReviewerTraining: [],
    missingSubmitterTraining: [],
    ...overrides,
  };
}
const alice = ctx(ALICE);
const bob = ctx(BOB, ['reviewer']);
const carol = ctx(CAROL, ['manager']);
const dave = ctx(DAVE);

const TS = (day: number, hour = 9): string =>
  `2027-01-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00.000Z`;

let answersV1: Answers;
let ready: ReviewAssessment;
let blocked: ReviewAssessment;
let blockedResponses: MitigationResponse[];

beforeAll(() => {
  const q = realQuestionnaire();
  answersV1 = lowRiskAnswers();
  ready = assessReview(q, answersV1, []);
  blockedResponses = [
    { mitigationId: 'establishArt9Condition', status: 'declined', reason: 'We think it is fine.' },
  ];
  blocked = assessReview(
    q,
    { ...answersV1, specialCategories: ['health'], art9Condition: 'noCondition' },
    blockedResponses,
  );
  expect(ready.readyToSubmit).toBe(true);
  expect(blocked.readyToSubmit).toBe(true);
  expect(blocked.openBlockingFlags).toEqual(['specialWithoutCondition']);
});

function submit(version = 1, overrides: Partial<ReviewSubmittedData> = {}, ts = TS(1)): ReviewAction {
  return {
    type: 'review.submitted',
    ts,
    data: {
      reviewId: 'r1',
      version,
      title: 'Delivery-time dashboard',
      answers: version === 1 ? answersV1 : { ...answersV1, volume: `under1k` },
      assessment: ready,
      mitigationResponses: [],
      ...overrides,
    },
  };
}

function requestChanges(
  version = 1,
  overrides: Partial<ReviewChangesRequestedData> = {},
  ts = TS(2),
): ReviewAction {
  return {
    type: 'review.changesRequested',
    ts,
    data: {
      reviewId: 'r1',
      version,
      rationale: 'The volume looks overstated.',
      requestedChanges: ['Check the volume.'],
      ...overrides,
    },
  };
}

function decide(overrides: Partial<ReviewDecidedData> = {}, ts = TS(3)): ReviewAction {
  return {
    type: 'review.decided',
    ts,
    data: {
      reviewId: 'r1',
      version: 1,
      decision: 'approved',
      rationale: 'Low risk, pseudonymised, proportionate.',
      conditions: [],
      reReviewDate: '2028-01-03',
      dpoAdvice: { followed: true },
      ...overrides,
    },
  };
}

const condition = { id: 'c1', text: 'Delete raw logs after 30 days.', owner: 'Ada', dueDate: '2027-02-01' };

function comment(text = 'Looks fine to me.', version = 1, ts = TS(2, 12)): ReviewAction {
  return { type: 'review.commented', ts, data: { reviewId: 'r1', version, text } };
}

function withdraw(reason = 'Project cancelled.', version = 1, ts = TS(4)): ReviewAction {
  return { type: 'review.withdrawn', ts, data: { reviewId: 'r1', version, reason } };
}

let hashes = 0;
/** Checks and applies, as the services will: fails the spec if the transition is refused. */
function run(state: ReviewState | null, action: ReviewAction, who: TransitionContext): ReviewState {
  expect(checkTransition(state, action, who)).toEqual({ ok: true });
  hashes++;
  return applyReviewEvent(state, { ...action, actor: who.actorId, hash: `h${hashes}` });
}

function refused(state: ReviewState | null, action: ReviewAction, who: TransitionContext): string {
  const check = checkTransition(state, action, who);
  if (check.ok) throw new Error(`expected ${action.type} by ${who.actorId} to be refused`);
  return check.reasons.map(formatReason).join(' ');
}

const submittedState = (): ReviewState => run(null, submit(), alice);
const changesRequestedState = (): ReviewState => run(submittedState(), requestChanges(), bob);
const approvedState = (): ReviewState => run(submittedState(), decide(), bob);
const withdrawnState = (): ReviewState => run(submittedState(), withdraw(), alice);
const blockedState = (): ReviewState =>
  run(null, submit(1, { assessment: blocked, mitigationResponses: blockedResponses }), alice);

describe('legal transitions', () => {
  it('draft -> submitted (version 1)', () => {
    const s = submittedState();
    expect(s).toMatchObject({
      reviewId: 'r1',
      status: 'submitted',
      version: 1,
      submitter: ALICE,
      submittedAt: TS(1),
    });
    expect(s.versions.map((v) => [v.version, v.actor, v.ts])).toEqual([[1, ALICE, TS(1)]]);
  });

  it('submitted -> changesRequested -> submitted v2 -> approved', () => {
    let s = changesRequestedState();
    expect(s.status).toBe('changesRequested');
    expect(s.changeRequests).toEqual([
      expect.objectContaining({ version: 1, actor: BOB, requestedChanges: ['Check the volume.'] }),
    ]);
    s = run(s, submit(2, {}, TS(3)), alice);
    expect(s).toMatchObject({ status: 'submitted', version: 2 });
    expect(s.versions.map((v) => v.version)).toEqual([1, 2]);
    s = run(s, decide({ version: 2 }, TS(4)), bob);
    expect(s.status).toBe('approved');
    expect(s.decision).toMatchObject({
      version: 2,
      actor: BOB,
      decision: 'approved',
      reReviewDate: '2028-01-03',
    });
  });

  it('changes can be requested again on the new version', () => {
    let s = run(changesRequestedState(), submit(2, {}, TS(3)), alice);
    s = run(s, requestChanges(2, {}, TS(4)), bob);
    expect(s.changeRequests.map((c) => c.version)).toEqual([1, 2]);
  });

  it('submitted -> approvedWithConditions', () => {
    const s = run(
      submittedState(),
      decide({ decision: 'approvedWithConditions', conditions: [condition] }),
      bob,
    );
    expect(s.status).toBe('approvedWithConditions');
    expect(s.decision?.conditions).toEqual([condition]);
  });

  it('submitted -> rejected (also with open blocking flags)', () => {
    const s = run(blockedState(), decide({ decision: 'rejected', reReviewDate: null }), bob);
    expect(s.status).toBe('rejected');
    expect(s.decision?.reReviewDate).toBeNull();
  });

  it('submitted -> withdrawn and changesRequested -> withdrawn, by the submitter', () => {
    expect(withdrawnState().status).toBe('withdrawn');
    const s = run(changesRequestedState(), withdraw('No longer needed.', 1, TS(5)), alice);
    expect(s.withdrawal).toMatchObject({ actor: ALICE, reason: 'No longer needed.', version: 1 });
  });

  it('comments by the submitter, a reviewer and a manager, until the review is withdrawn', () => {
    let s = run(submittedState(), comment('Question on retention.'), bob);
    s = run(s, comment('It is 13 months.'), alice);
    s = run(s, comment('Noted.'), carol);
    expect(s.comments.map((c) => [c.actor, c.text])).toEqual([
      [BOB, 'Question on retention.'],
      [ALICE, 'It is 13 months.'],
      [CAROL, 'Noted.'],
    ]);
    expect(s.status).toBe('submitted');
    run(approvedState(), comment('Condition met.', 1, TS(5)), alice);
    // A withdrawn review is final: the allowed actions and the write path agree (one rule).
    expect(refused(withdrawnState(), comment('Why?', 1, TS(5)), carol)).toMatch(
      /was withdrawn; nothing more/,
    );
  });

  it('DPO advice followed, or overruled with a reason', () => {
    run(submittedState(), decide({ dpoAdvice: { followed: true } }), bob);
    run(
      submittedState(),
      decide({ dpoAdvice: { followed: false, reason: 'The DPO assumed raw data; it is aggregated.' } }),
      bob,
    );
  });

  it('no DPO advice on record: the decision need not mention it', () => {
    const noDpo = { ...ready, summary: { ...ready.summary, dpoConsulted: 'no' as const, dpoAdvice: null } };
    run(run(null, submit(1, { assessment: noDpo }), alice), decide({ dpoAdvice: undefined }), bob);
  });

  it('an approval whose clearing mitigation was accepted', () => {
    const q = realQuestionnaire();
    const responses: MitigationResponse[] = [
      { mitigationId: 'establishArt9Condition', status: 'accepted', owner: 'Ada', dueDate: '2027-02-01' },
    ];
    const assessment = assessReview(
      q,
      { ...answersV1, specialCategories: ['health'], art9Condition: 'noCondition' },
      responses,
    );
    const s = run(null, submit(1, { assessment, mitigationResponses: responses }), alice);
    expect(run(s, decide(), bob).status).toBe('approved');
  });
});

describe('conditions of an approval, marked met', () => {
  const second = {
    id: 'c2',
    text: 'Tell customers in the privacy notice.',
    owner: 'Grace',
    dueDate: '2027-03-01',
  };
  const conditionalState = (): ReviewState =>
    run(
      submittedState(),
      decide({ decision: 'approvedWithConditions', conditions: [condition, second] }),
      bob,
    );
  const meet = (
    conditionId = 'c1',
    note = 'Retention job deployed; logs older than 30 days are gone.',
    version = 1,
    ts = TS(10),
  ): ReviewAction => ({
    type: 'review.conditionMet',
    ts,
    data: { reviewId: 'r1', version, conditionId, note },
  });

  it('by the submitter or a reviewer, one condition at a time, with what was done', () => {
    let s = run(conditionalState(), meet(), alice);
    expect(s.status).toBe('approvedWithConditions');
    expect(s.conditionsMet).toEqual([
      {
        actor: ALICE,
        ts: TS(10),
        hash: expect.any(String),
        conditionId: 'c1',
        note: 'Retention job deployed; logs older than 30 days are gone.',
      },
    ]);
    s = run(s, meet('c2', 'Notice updated, section 4.', 1, TS(11)), bob);
    expect(s.conditionsMet.map((m) => [m.conditionId, m.actor])).toEqual([
      ['c1', ALICE],
      ['c2', BOB],
    ]);
  });

  it('refused with a reason: no such condition, twice, blank note, wrong version, nobody in particular', () => {
    const s = run(conditionalState(), meet(), alice);
    expect(refused(s, meet('c9'), alice)).toBe('"Delivery-time dashboard" has no condition "c9".');
    expect(refused(s, meet('c1', 'Again.'), bob)).toBe(
      'The condition "Delete raw logs after 30 days." was already marked met on 2027-01-10.',
    );
    expect(refused(s, meet('c2', '   '), alice)).toBe('Say what was done to meet the condition.');
    expect(refused(s, meet('c2', 'Done.', 2), alice)).toBe(
      'The conditions of "Delivery-time dashboard" belong to version 1, not 2.',
    );
    for (const who of [carol, dave]) {
      expect(refused(s, meet('c2'), who)).toBe(
        'Only the submitter of "Delivery-time dashboard" or a reviewer can mark its conditions met.',
      );
    }
  });

  it('an open condition is overdue from the day after its due day (UTC); a met one never is', () => {
    expect(conditionOverdue('2027-02-01', false, new Date('2027-02-01T23:59:59.999Z'))).toBe(false);
    expect(conditionOverdue('2027-02-01', false, new Date('2027-02-02T00:00:00.000Z'))).toBe(true);
    expect(conditionOverdue('2027-02-01', true, new Date('2030-01-01T00:00:00.000Z'))).toBe(false);
  });

  it('refused on a review that was not approved with conditions', () => {
    for (const state of [submittedState(), approvedState(), withdrawnState(), changesRequestedState()]) {
      expect(refused(state, meet(), alice)).toBe(
        '"Delivery-time dashboard" was not approved with conditions: there is no condition to mark met.',
      );
    }
    expect(refused(null, meet(), alice)).toBe('There is no review "r1".');
  });
});

describe('illegal transitions: submitting', () => {
  it('a first version other than 1', () => {
    expect(refused(null, submit(2), alice)).toBe(
      'Review "r1" does not exist yet: its first version is 1, not 2.',
    );
  });

  it("without the submitter's current training", () => {
    const untrained = ctx(ALICE, [], { missingSubmitterTraining: ['Privacy by design'] });
    expect(refused(null, submit(), untrained)).toMatch(
      /Before you submit a review, complete this training: Privacy by design/,
    );
    expect(refused(changesRequestedState(), submit(2, {}, TS(3)), untrained)).toMatch(
      /Before you submit a review, complete this training/,
    );
  });

  it('an incomplete questionnaire', () => {
    const q = realQuestionnaire();
    const { proposalOwner: _, ...answers } = answersV1;
    const assessment = assessReview(q, answers, []);
    expect(refused(null, submit(1, { answers, assessment }), alice)).toBe(
      'The questionnaire is not complete: 1 answer needs attention.',
    );
  });

  it('a proposed mitigation without a response', () => {
    const assessment = assessReview(realQuestionnaire(), { ...answersV1, dpoConsulted: 'no' }, []);
    expect(refused(null, submit(1, { assessment }), alice)).toMatch(
      /Accept each proposed mitigation .* 1 has no response yet\./,
    );
  });

  it('a mitigation response that cannot stand', () => {
    const responses: MitigationResponse[] = [
      { mitigationId: 'consultDpo', status: 'declined', reason: 'n/a' },
    ];
    const assessment = assessReview(realQuestionnaire(), answersV1, responses);
    expect(refused(null, submit(1, { assessment, mitigationResponses: responses }), alice)).toBe(
      'The response to the proposed mitigation "consultDpo" is not complete or not valid.',
    );
  });

  it('a new version by someone other than the submitter', () => {
    expect(refused(changesRequestedState(), submit(2, {}, TS(3)), bob)).toBe(
      'Only the person who submitted "Delivery-time dashboard" can submit a new version of it.',
    );
  });

  it('resubmitting when no changes were requested', () => {
    expect(refused(submittedState(), submit(2), alice)).toBe(
      'No changes were requested on version 1 of "Delivery-time dashboard": a new version can be submitted only after a reviewer asks for changes.',
    );
  });

  it('resubmitting a decided review', () => {
    expect(refused(approvedState(), submit(2, {}, TS(5)), alice)).toMatch(
      /has been approved and cannot be resubmitted/,
    );
  });

  it('resubmitting a withdrawn review', () => {
    expect(refused(withdrawnState(), submit(2, {}, TS(5)), alice)).toMatch(
      /was withdrawn; nothing more can be done on it/,
    );
  });

  it('skipping or repeating a version number', () => {
    expect(refused(changesRequestedState(), submit(3, {}, TS(3)), alice)).toBe(
      'The next version of "Delivery-time dashboard" is 2, not 3.',
    );
    expect(refused(changesRequestedState(), submit(1, {}, TS(3)), alice)).toMatch(/is 2, not 1/);
  });

  it('a new version that changes nothing', () => {
    const same = { answers: answersV1, mitigationResponses: [] };
    expect(refused(changesRequestedState(), submit(2, same, TS(3)), alice)).toBe(
      'Version 2 changes nothing: its answers and mitigation responses are those of version 1.',
    );
  });
});

describe('illegal transitions: requesting changes', () => {
  it('on a review that does not exist', () => {
    expect(refused(null, requestChanges(), bob)).toBe('There is no review "r1".');
  });

  it('on a withdrawn review', () => {
    expect(refused(withdrawnState(), requestChanges(1, {}, TS(5)), bob)).toMatch(
      /was withdrawn; nothing more can be done on it/,
    );
  });

  it('on your own submission, even as a reviewer', () => {
    expect(refused(submittedState(), requestChanges(), ctx(ALICE, ['reviewer']))).toMatch(
      /separation of duties/,
    );
  });

  it('without the reviewer role', () => {
    expect(refused(submittedState(), requestChanges(), carol)).toMatch(/You are not a reviewer/);
  });

  it('with reviewer training not current', () => {
    expect(
      refused(
        submittedState(),
        requestChanges(),
        ctx(BOB, ['reviewer'], { missingReviewerTraining: ['Consent done right'] }),
      ),
    ).toMatch(/reviewer training is not current/);
  });

  it('after a decision', () => {
    expect(refused(approvedState(), requestChanges(1, {}, TS(5)), bob)).toMatch(
      /already approved on version 1; a review is decided once/,
    );
  });

  it('twice on the same version', () => {
    expect(refused(changesRequestedState(), requestChanges(1, {}, TS(3)), bob)).toMatch(
      /Changes were requested on version 1 .* wait for the submitter's version 2/,
    );
  });

  it('on a version that is not the current one', () => {
    const s = run(changesRequestedState(), submit(2, {}, TS(3)), alice);
    expect(refused(s, requestChanges(1, {}, TS(4)), bob)).toMatch(
      /Version 1 is not the current version .*now 2/,
    );
  });

  it('without a rationale, or without saying what must change', () => {
    expect(refused(submittedState(), requestChanges(1, { rationale: ' ' }), bob)).toBe(
      'Requesting changes needs a rationale.',
    );
    expect(refused(submittedState(), requestChanges(1, { requestedChanges: [] }), bob)).toMatch(
      /Say what must change/,
    );
    expect(refused(submittedState(), requestChanges(1, { requestedChanges: ['Fix X', ''] }), bob)).toMatch(
      /none empty/,
    );
  });
});

describe('illegal transitions: deciding', () => {
  it('on a review that does not exist', () => {
    expect(refused(null, decide(), bob)).toBe('There is no review "r1".');
  });

  it('on a withdrawn review', () => {
    expect(refused(withdrawnState(), decide({}, TS(5)), bob)).toMatch(
      /was withdrawn; nothing more can be done on it/,
    );
  });

  it('on your own submission (separation of duties)', () => {
    expect(refused(submittedState(), decide(), ctx(ALICE, ['reviewer', 'manager']))).toBe(
      'You submitted "Delivery-time dashboard", so someone else must review it (separation of duties).',
    );
  });

  it('without the reviewer role (a manager, or nobody)', () => {
    expect(refused(submittedState(), decide(), carol)).toMatch(/You are not a reviewer/);
    expect(refused(submittedState(), decide(), dave)).toMatch(/You are not a reviewer/);
  });

  it('with reviewer training not current', () => {
    expect(
      refused(
        submittedState(),
        decide(),
        ctx(BOB, ['reviewer'], { missingReviewerTraining: ['Consent done right'] }),
      ),
    ).toMatch(/reviewer training is not current/);
  });

  it('twice on the same version (also by another reviewer)', () => {
    expect(
      refused(approvedState(), decide({ decision: 'rejected', reReviewDate: null }, TS(4)), bob),
    ).toMatch(/already approved on version 1; a review is decided once/);
    expect(refused(approvedState(), decide({}, TS(4)), ctx('erin', ['reviewer']))).toMatch(/decided once/);
  });

  it('while changes are requested', () => {
    expect(refused(changesRequestedState(), decide({}, TS(3)), bob)).toMatch(
      /wait for the submitter's version 2/,
    );
  });

  it('on a stale version', () => {
    const s = run(changesRequestedState(), submit(2, {}, TS(3)), alice);
    expect(refused(s, decide({ version: 1 }, TS(4)), bob)).toMatch(/Version 1 is not the current version/);
  });

  it('without a rationale', () => {
    expect(refused(submittedState(), decide({ rationale: '  ' }), bob)).toBe(
      'A decision needs a written rationale.',
    );
  });

  it('approving, with or without conditions, while a blocking flag is open', () => {
    expect(refused(blockedState(), decide(), bob)).toBe(
      '"Delivery-time dashboard" cannot be approved while 1 blocking flag is open: Special-category data without an Art. 9(2) condition. Request changes or reject.',
    );
    expect(
      refused(blockedState(), decide({ decision: 'approvedWithConditions', conditions: [condition] }), bob),
    ).toMatch(/cannot be approved while 1 blocking flag is open/);
  });

  it('approve listing conditions, or approve-with-conditions without any', () => {
    expect(refused(submittedState(), decide({ conditions: [condition] }), bob)).toMatch(
      /approve with conditions instead/,
    );
    expect(refused(submittedState(), decide({ decision: 'approvedWithConditions' }), bob)).toBe(
      'Approving with conditions needs at least one condition.',
    );
  });

  it('conditions without text or owner, due before the decision, or with a repeated id', () => {
    const withConditions = (conditions: (typeof condition)[]) =>
      decide({ decision: 'approvedWithConditions', conditions });
    expect(refused(submittedState(), withConditions([{ ...condition, owner: ' ' }]), bob)).toBe(
      'Condition 1 needs a text and an owner.',
    );
    expect(
      refused(submittedState(), withConditions([condition, { ...condition, id: 'c2', text: '' }]), bob),
    ).toBe('Condition 2 needs a text and an owner.');
    expect(refused(submittedState(), withConditions([{ ...condition, dueDate: '2027-01-02' }]), bob)).toBe(
      'Condition 1 is due 2027-01-02, before the decision date.',
    );
    expect(refused(submittedState(), withConditions([condition, condition]), bob)).toBe(
      'Condition id "c1" is used twice.',
    );
  });

  it('an approval without a re-review date, or with one not after the decision date', () => {
    expect(refused(submittedState(), decide({ reReviewDate: null }), bob)).toBe(
      'An approval needs a re-review date.',
    );
    expect(refused(submittedState(), decide({ reReviewDate: '2027-01-03' }), bob)).toBe(
      'The re-review date (2027-01-03) must be after the decision date (2027-01-03).',
    );
  });

  it('a rejection with conditions or a re-review date', () => {
    expect(
      refused(
        submittedState(),
        decide({ decision: 'rejected', conditions: [condition], reReviewDate: null }),
        bob,
      ),
    ).toBe('A rejection carries no conditions.');
    expect(refused(submittedState(), decide({ decision: 'rejected' }), bob)).toBe(
      'A rejection carries no re-review date.',
    );
  });

  it("not saying whether the DPO's advice on record is followed", () => {
    expect(refused(submittedState(), decide({ dpoAdvice: undefined }), bob)).toMatch(
      /The DPO's advice is on record/,
    );
  });

  it("overruling the DPO's advice without a reason", () => {
    expect(refused(submittedState(), decide({ dpoAdvice: { followed: false } }), bob)).toMatch(
      /departs from the DPO's advice: record the reason/,
    );
    expect(refused(submittedState(), decide({ dpoAdvice: { followed: false, reason: ' ' } }), bob)).toMatch(
      /record the reason/,
    );
  });
});

describe('illegal transitions: commenting and withdrawing', () => {
  it('commenting on a review that does not exist, with no text, without a role, or on a future version', () => {
    expect(refused(null, comment(), bob)).toBe('There is no review "r1".');
    expect(refused(submittedState(), comment('  '), bob)).toBe('A comment needs some text.');
    expect(refused(submittedState(), comment(), dave)).toMatch(
      /Only the submitter, reviewers and managers can comment/,
    );
    expect(refused(submittedState(), comment('Hi', 2), bob)).toMatch(/has no version 2 yet/);
  });

  it('withdrawing a review that does not exist', () => {
    expect(refused(null, withdraw(), alice)).toBe('There is no review "r1".');
  });

  it("withdrawing someone else's review", () => {
    expect(refused(submittedState(), withdraw(), bob)).toBe(
      'Only the person who submitted "Delivery-time dashboard" can withdraw it.',
    );
  });

  it('withdrawing twice', () => {
    expect(refused(withdrawnState(), withdraw('Again', 1, TS(5)), alice)).toMatch(
      /was withdrawn; nothing more can be done on it/,
    );
  });

  it('withdrawing a decided review', () => {
    expect(refused(approvedState(), withdraw('Too late', 1, TS(5)), alice)).toMatch(
      /has been approved; a decided review cannot be withdrawn/,
    );
    const rejected = run(submittedState(), decide({ decision: 'rejected', reReviewDate: null }), bob);
    expect(refused(rejected, withdraw('Too late', 1, TS(5)), alice)).toMatch(/has been rejected/);
  });

  it('withdrawing a stale version, or without a reason', () => {
    const s = run(changesRequestedState(), submit(2, {}, TS(3)), alice);
    expect(refused(s, withdraw('x', 1, TS(4)), alice)).toMatch(/Version 1 is not the current version/);
    expect(refused(submittedState(), withdraw(' '), alice)).toBe('Withdrawing a review needs a reason.');
  });
});

describe('projectReviews', () => {
  function entry(action: ReviewAction, actor: string, hash: string): ReviewEventInput {
    return { type: action.type, actor, ts: action.ts, hash, data: action.data };
  }

  it('builds states from ledger entries of several writers, in time order, skipping other event types', () => {
    const events: ReviewEventInput[] = [
      // bob's ledger
      entry(requestChanges(1, {}, TS(2)), BOB, 'b1'),
      entry(decide({ version: 2 }, TS(4)), BOB, 'b2'),
      // alice's ledger
      { type: 'training.completed', actor: ALICE, ts: TS(1, 8), hash: 'a0', data: {} },
      entry(submit(1, {}, TS(1)), ALICE, 'a1'),
      entry(submit(2, {}, TS(3)), ALICE, 'a2'),
      entry({ ...submit(1, { reviewId: 'r2', title: 'Second' }, TS(5)) }, ALICE, 'a3'),
    ];
    const { reviews, ignored } = projectReviews(events);
    expect(ignored).toEqual([]);
    expect(reviews.map((r) => [r.reviewId, r.status, r.version])).toEqual([
      ['r1', 'approved', 2],
      ['r2', 'submitted', 1],
    ]);
    expect(reviews[0]?.decision?.hash).toBe('b2');
    expect(reviews[0]?.updatedAt).toBe(TS(4));
  });

  it('ignores, and reports, a decision the submitter wrote into their own ledger', () => {
    const events = [entry(submit(), ALICE, 'a1'), entry(decide(), ALICE, 'a2')];
    const { reviews, ignored } = projectReviews(events);
    expect(reviews[0]?.status).toBe('submitted');
    expect(ignored).toEqual([
      {
        hash: 'a2',
        type: 'review.decided',
        actor: ALICE,
        reason: { code: 'review.ownSubmission', params: { title: 'Delivery-time dashboard' } },
      },
    ]);
  });

  it('ignores a second decision and events for unknown reviews', () => {
    const events = [
      entry(submit(), ALICE, 'a1'),
      entry(decide(), BOB, 'b1'),
      entry(decide({ decision: 'rejected', reReviewDate: null }, TS(4)), 'erin', 'e1'),
      entry(comment('Hello', 1, TS(5)), BOB, 'b2'),
      entry(
        { type: 'review.withdrawn', ts: TS(4), data: { reviewId: 'zz', version: 1, reason: 'x' } },
        ALICE,
        'a2',
      ),
    ];
    const { reviews, ignored } = projectReviews(events);
    expect(reviews[0]?.status).toBe('approved');
    expect(reviews[0]?.comments).toHaveLength(1);
    expect(ignored.map((i) => i.hash)).toEqual(['e1', 'a2']);
  });

  it('ignores malformed data, naming the field', () => {
    const bad: ReviewEventInput = {
      type: 'review.decided',
      actor: BOB,
      ts: TS(3),
      hash: 'b1',
      data: { reviewId: 'r1' },
    };
    const { ignored } = projectReviews([entry(submit(), ALICE, 'a1'), bad]);
    expect(ignored).toEqual([
      {
        hash: 'b1',
        type: 'review.decided',
        actor: BOB,
        reason: { code: 'review.malformedEvent', params: { type: 'review.decided', field: 'version' } },
      },
    ]);
  });

  it('applies roles and training through contextFor', () => {
    const events = [entry(submit(), ALICE, 'a1'), entry(decide(), BOB, 'b1')];
    const policy: Record<string, ReviewRole[]> = { [BOB]: ['reviewer'] };
    const withRole = projectReviews(events, { contextFor: (e) => ctx(e.actor, policy[e.actor] ?? []) });
    expect(withRole.reviews[0]?.status).toBe('approved');
    const noRole = projectReviews(events, { contextFor: (e) => ctx(e.actor) });
    expect(noRole.reviews[0]?.status).toBe('submitted');
    expect(formatReason(noRole.ignored[0]!.reason)).toMatch(/You are not a reviewer/);
    const untrained = projectReviews(events, {
      contextFor: (e) =>
        ctx(e.actor, policy[e.actor] ?? [], { missingReviewerTraining: ['Consent done right'] }),
    });
    expect(formatReason(untrained.ignored[0]!.reason)).toMatch(/reviewer training is not current/);
  });

  it('with the questionnaire, ignores a submission whose recorded assessment does not match its answers', () => {
    const q = realQuestionnaire();
    const riskyAnswers = { ...answersV1, specialCategories: ['health'], art9Condition: 'noCondition' };
    // the answers raise a blocking flag, but the recorded assessment is the clean one
    const forged = entry(submit(1, { answers: riskyAnswers, assessment: ready }), ALICE, 'a1');
    expect(projectReviews([forged]).reviews).toHaveLength(1);
    const checked = projectReviews([forged], { questionnaire: q });
    expect(checked.reviews).toEqual([]);
    expect(formatReason(checked.ignored[0]!.reason)).toMatch(/recorded assessment does not match/);
    const honest = entry(
      submit(1, { answers: riskyAnswers, assessment: blocked, mitigationResponses: blockedResponses }),
      ALICE,
      'a1',
    );
    expect(projectReviews([honest], { questionnaire: q }).reviews[0]?.status).toBe('submitted');
    // recorded against another version of the file: not re-assessed
    const older = { ...ready, questionnaire: { ...ready.questionnaire, contentHash: 'f'.repeat(64) } };
    const old = entry(submit(1, { answers: riskyAnswers, assessment: older }), ALICE, 'a1');
    expect(projectReviews([old], { questionnaire: q }).reviews).toHaveLength(1);
  });

  it('is deterministic: the same entries in another input order give the same states', () => {
    const events = [
      entry(submit(1, {}, TS(1)), ALICE, 'a1'),
      entry(requestChanges(1, {}, TS(2)), BOB, 'b1'),
      entry(submit(2, {}, TS(3)), ALICE, 'a2'),
      entry(
        decide({ version: 2, decision: 'approvedWithConditions', conditions: [condition] }, TS(4)),
        BOB,
        'b2',
      ),
    ];
    const forward = projectReviews(events);
    expect(projectReviews([...events].reverse())).toEqual(forward);
  });
});

describe('re-review and queue', () => {
  it('re-review is due from 00:00 UTC on the re-review date, for approvals only', () => {
    const s = approvedState();
    expect(reviewReReviewDue(s, '2028-01-02T23:59:59.999Z')).toBe(false);
    expect(reviewReReviewDue(s, '2028-01-03T00:00:00.000Z')).toBe(true);
    expect(reviewReReviewDue(s, new Date('2029-01-01T00:00:00Z'))).toBe(true);
    expect(reviewDisplayStatus(s, '2027-06-01T00:00:00Z')).toBe('approved');
    expect(reviewDisplayStatus(s, '2028-06-01T00:00:00Z')).toBe('reReviewDue');
    const rejected = run(submittedState(), decide({ decision: 'rejected', reReviewDate: null }), bob);
    expect(reviewDisplayStatus(rejected, '2030-01-01T00:00:00Z')).toBe('rejected');
  });

  it("a reviewer's queue holds submitted reviews by others only", () => {
    const mine = run(null, { ...submit(1, { reviewId: 'mine' }) }, bob);
    const others = submittedState();
    const decided = approvedState();
    expect(reviewQueue([mine, others, decided, changesRequestedState()], BOB).map((r) => r.reviewId)).toEqual(
      ['r1'],
    );
  });
});

describe('one rule: what the screens are told is allowed is what a write is allowed', () => {
  const untrainedBob = ctx(BOB, ['reviewer'], { missingReviewerTraining: ['Consent done right'] });
  const formerBob = ctx(BOB, [], {
    reviewerRefusal: { code: 'review.reviewerRoleEnded', params: { day: '2026-12-31' } },
  });
  const states: [string, () => ReviewState][] = [
    ['submitted', submittedState],
    ['changes requested', changesRequestedState],
    ['approved', approvedState],
    ['withdrawn', withdrawnState],
  ];
  const actors: [string, TransitionContext][] = [
    ['the submitter', alice],
    ['a reviewer', bob],
    ['an untrained reviewer', untrainedBob],
    ['a former reviewer', formerBob],
    ['a manager', carol],
    ['someone with no role', dave],
  ];
  /** An action of each kind that is well formed for the state, so only permission can refuse it. */
  const actionFor = (kind: ReviewActionKind, state: ReviewState): ReviewAction | null => {
    switch (kind) {
      case 'comment':
        return comment('A note.', state.version, TS(6));
      case 'requestChanges':
        return requestChanges(state.version, {}, TS(6));
      case 'decide':
        return { ...decide({ version: state.version }, TS(6)) };
      case 'withdraw':
        return withdraw('Not needed.', state.version, TS(6));
      default:
        return null;
    }
  };
  for (const [stateName, make] of states) {
    for (const [actorName, who] of actors) {
      it(`${stateName}, ${actorName}: allowedActions and checkTransition agree`, () => {
        const state = make();
        const allowed = allowedActions(state, who);
        for (const kind of REVIEW_ACTION_KINDS) {
          const action = actionFor(kind, state);
          if (action === null) continue;
          const check = checkTransition(state, action, who);
          if (!allowed[kind].ok) expect(check, kind).toEqual(allowed[kind]);
          else if (!check.ok)
            expect(
              check.reasons.map((r) => r.code),
              kind,
            ).not.toContain('review.notReviewer');
        }
      });
    }
  }
});
