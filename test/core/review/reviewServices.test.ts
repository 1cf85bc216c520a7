// The review workflow through the real services on a temp workspace shared by two profiles:
// drafts, submission gated by training, the reviewer's role bound to email + key fingerprint,
// separation of duties, change requests with a diff, decisions, and the ledger on disk.
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Services } from '../../../electron/core/contract/methods';
import type { ProfileSummary } from '../../../electron/core/contract/views/app';
import { readWorkspace, verifyWorkspace } from '../../../electron/core/ledger';
import { ALL_MODULES, completeModules, SUBMITTER_MODULES } from '../../support/moduleKey';
import { autofillDraft } from '../../support/reviewAutofill';
import { tempServices, type TempServices } from '../../support/services';
import { stewardWorkspace } from '../../../electron/core/events';
import { formatReason, reason } from '../../../electron/core/contract/reasons';
import { grantInPolicy } from '../../support/policy';

let dir: string;
let contentDir: string;
let env: TempServices;
let s: Services;

const grantReviewer = (p: ProfileSummary) => grantInPolicy(contentDir, p, 'reviewers');

/** Added to the real time the services see; a test may move it forward. */
let clockOffsetMs = 0;

beforeEach(async () => {
  clockOffsetMs = 0;
  env = await tempServices({ prefix: 'steward-reviews-', now: () => new Date(Date.now() + clockOffsetMs) });
  ({ dir, contentDir, services: s } = env);
});
afterEach(() => env.close());

async function twoPeople(): Promise<{ a: ProfileSummary; b: ProfileSummary }> {
  const b = await s.createProfile({ name: 'Ben Schmidt', email: 'ben@example.com', team: 'Legal & Privacy' });
  grantReviewer(b);
  await completeModules(s, ALL_MODULES, contentDir);
  const a = await s.createProfile({ name: 'Amara Okafor', email: 'amara@example.com', team: 'Data Science' });
  await completeModules(s, SUBMITTER_MODULES, contentDir);
  return { a, b };
}

describe('review services', () => {
  it('refuses to submit before the submitter training is current, and says which modules', async () => {
    await s.createProfile({ name: 'Amara Okafor', email: 'amara@example.com', team: 'Data Science' });
    const lists = await s.listReviews({});
    expect(lists.submitterBlockers.map(formatReason).join(' ')).toMatch(/Data minimisation|minimisation/i);
    const draft = await s.createReviewDraft({});
    const filled = await autofillDraft(s, draft.draftId, { proposalTitle: 'Churn prediction' });
    expect(filled.assessment.readyToSubmit).toBe(true);
    expect(filled.submitBlockers.length).toBeGreaterThan(0);
    await expect(s.submitReview({ draftId: draft.draftId })).rejects.toMatchObject({ code: 'NOT_ALLOWED' });
    expect(await s.getReviewDraft({ draftId: draft.draftId })).toMatchObject({ draftId: draft.draftId });
  });

  it('autosaves drafts with branching, and keeps them per profile', async () => {
    const { a } = await twoPeople();
    const draft = await s.createReviewDraft({});
    const visibleBefore = draft.visibleQuestionIds.length;
    const filled = await autofillDraft(s, draft.draftId, { proposalTitle: 'Loyalty offers' });
    expect(filled.visibleQuestionIds.length).toBeGreaterThanOrEqual(visibleBefore);
    expect(filled.answers.proposalTitle).toBe('Loyalty offers');
    expect((await s.listReviews({})).drafts.map((d) => d.title)).toEqual(['Loyalty offers']);
    // Ben sees none of Amara's drafts, and cannot open one.
    const ben = (await s.listProfiles({})).find((p) => p.id !== a.id)!;
    await s.switchProfile({ profileId: ben.id });
    expect((await s.listReviews({})).drafts).toEqual([]);
    await expect(s.getReviewDraft({ draftId: draft.draftId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('keeps a half-filled mitigation response in the draft, and will not submit until it is complete', async () => {
    await twoPeople();
    const { draftId } = await s.createReviewDraft({});
    const filled = await autofillDraft(s, draftId, {
      specialCategories: ['religiousBeliefs'],
      art9Condition: 'noCondition',
    });
    expect(filled.assessment.mitigations.map((m) => m.id)).toContain('establishArt9Condition');
    const half = {
      mitigationId: 'establishArt9Condition',
      status: 'accepted' as const,
      owner: 'Grace Hopper',
    };
    const others = filled.mitigationResponses.filter((r) => r.mitigationId !== half.mitigationId);
    const saved = await s.saveReviewDraft({
      draftId,
      answers: filled.answers,
      mitigationResponses: [...others, half],
    });
    expect(saved.assessment.readyToSubmit).toBe(false);
    expect(saved.assessment.responseProblems).toEqual([
      {
        mitigationId: half.mitigationId,
        reason: reason('response.dueDateNeeded'),
      },
    ]);
    expect(saved.submitBlockers.map(formatReason).join(' ')).toMatch(
      /each proposed mitigation .* 1 has no response yet/,
    );
    // What was typed is kept as typed, for the form to show again.
    expect((await s.getReviewDraft({ draftId })).mitigationResponses).toContainEqual(half);
    await expect(s.submitReview({ draftId })).rejects.toMatchObject({ code: 'NOT_ALLOWED' });
    // Completed, it goes.
    const done = await s.saveReviewDraft({
      draftId,
      answers: filled.answers,
      mitigationResponses: [...others, { ...half, dueDate: '2027-02-01' }],
    });
    expect(done.assessment.readyToSubmit).toBe(true);
    expect((await s.submitReview({ draftId })).summary.status).toBe('submitted');
  });

  it("a reviewer's decisions stay valid after they leave, when the policy ends their role instead of deleting it", async () => {
    const { a, b } = await twoPeople();
    const draft = await s.createReviewDraft({});
    await autofillDraft(s, draft.draftId, { proposalTitle: 'Loyalty offers' });
    const { reviewId } = (await s.submitReview({ draftId: draft.draftId })).summary;
    await s.switchProfile({ profileId: b.id });
    const decidedOn = new Date(Date.now() + clockOffsetMs).toISOString().slice(0, 10);
    await s.decideReview({
      reviewId,
      version: 1,
      decision: 'approved',
      rationale: 'Proportionate, with the safeguards in the answers.',
      conditions: [],
      reReviewDate: '2027-06-01',
      dpoAdvice: null,
    });

    // Ben leaves: his reviewer entry now ends on the day he decided, and a month passes.
    const file = path.join(contentDir, 'policy.yaml');
    const policy = YAML.parse(fs.readFileSync(file, 'utf8')) as {
      roles: { reviewers: { email: string; until?: string }[] };
    };
    const entry = policy.roles.reviewers.find((r) => r.email === b.email)!;
    entry.until = decidedOn;
    fs.writeFileSync(file, YAML.stringify(policy));
    clockOffsetMs = 31 * 24 * 3600 * 1000;

    await s.switchProfile({ profileId: a.id });
    expect((await s.getReview({ reviewId })).summary.status).toBe('approved');
    await s.switchProfile({ profileId: b.id });
    const asBen = await s.listReviews({});
    expect(asBen.canReview).toBe(false);
    expect(asBen.reviewerBlockers.map(formatReason).join(' ')).toContain(
      `Your reviewer role ended on ${decidedOn}; the decisions you made until then stand.`,
    );

    // Deleting the entry instead voids the decision: nothing says Ben was ever a reviewer.
    policy.roles.reviewers = policy.roles.reviewers.filter((r) => r.email !== b.email);
    fs.writeFileSync(file, YAML.stringify(policy));
    await s.switchProfile({ profileId: a.id });
    expect((await s.getReview({ reviewId })).summary.status).toBe('submitted');
  });

  it('runs the whole workflow: submit, request changes, resubmit with a diff, approve with conditions', async () => {
    const { a, b } = await twoPeople();
    const draft = await s.createReviewDraft({});
    await autofillDraft(s, draft.draftId, {
      proposalTitle: 'Personalised offers',
      proposalSummary: 'First version',
    });
    const v1 = await s.submitReview({ draftId: draft.draftId });
    const reviewId = v1.summary.reviewId;
    expect(v1.summary).toMatchObject({ status: 'submitted', version: 1, submitter: { id: a.id } });
    expect(v1.allowed.decide).toBe(false);
    expect(v1.allowed.decideBlockers.map(formatReason).join(' ')).toMatch(/separation of duties/);
    await expect(
      s.decideReview({
        reviewId,
        version: 1,
        decision: 'approved',
        rationale: 'ok',
        conditions: [],
        reReviewDate: '2027-06-01',
        dpoAdvice: null,
      }),
    ).rejects.toMatchObject({ code: 'NOT_ALLOWED' });
    expect((await s.listReviews({})).drafts).toEqual([]);

    await s.switchProfile({ profileId: b.id });
    const queue = (await s.listReviews({})).queue;
    expect(queue.map((r) => r.reviewId)).toEqual([reviewId]);
    const asked = await s.requestReviewChanges({
      reviewId,
      version: 1,
      rationale: 'The summary is too thin.',
      requestedChanges: ['Describe the offers and who receives them'],
    });
    expect(asked.summary.status).toBe('changesRequested');
    await expect(
      s.decideReview({
        reviewId,
        version: 1,
        decision: 'rejected',
        rationale: 'no',
        conditions: [],
        reReviewDate: null,
        dpoAdvice: null,
      }),
    ).rejects.toMatchObject({ code: 'NOT_ALLOWED' });

    await s.switchProfile({ profileId: a.id });
    const revision = await s.startReviewRevision({ reviewId });
    expect(revision).toMatchObject({ reviewId, basedOnVersion: 1 });
    await s.saveReviewDraft({
      draftId: revision.draftId,
      answers: {
        ...revision.answers,
        proposalSummary: 'Offers chosen from purchase history, for loyalty members only',
      },
      mitigationResponses: revision.mitigationResponses,
    });
    const v2 = await s.submitReview({ draftId: revision.draftId });
    expect(v2.summary).toMatchObject({ version: 2, status: 'submitted' });
    expect(v2.changesFromVersion).toBe(1);
    expect(v2.changes).toContainEqual(
      expect.objectContaining({ questionId: 'proposalSummary', kind: 'changed', before: 'First version' }),
    );

    await s.switchProfile({ profileId: b.id });
    const decided = await s.decideReview({
      reviewId,
      version: 2,
      decision: 'approvedWithConditions',
      rationale: 'Acceptable with a retention limit.',
      conditions: [
        { text: 'Delete offer history after 12 months', owner: 'Amara Okafor', dueDate: '2027-01-31' },
      ],
      reReviewDate: '2027-06-01',
      dpoAdvice: null,
    });
    expect(decided.summary).toMatchObject({
      status: 'approvedWithConditions',
      decision: { by: { id: b.id } },
    });
    expect(decided.conditions).toHaveLength(1);
    await expect(
      s.decideReview({
        reviewId,
        version: 2,
        decision: 'rejected',
        rationale: 'twice',
        conditions: [],
        reReviewDate: null,
        dpoAdvice: null,
      }),
    ).rejects.toMatchObject({ code: 'NOT_ALLOWED' });

    // Amara meets the condition and says what she did; it shows as met, in the timeline too.
    expect(decided.conditions[0]!.met).toBeNull();
    await s.switchProfile({ profileId: a.id });
    const before = await s.getReview({ reviewId });
    expect(before.allowed.meetConditions).toBe(true);
    expect(before.conditions[0]!.overdue).toBe(false);
    // The day after it was due, the open condition is overdue.
    clockOffsetMs = Date.parse('2027-02-01T00:00:00.000Z') - Date.now();
    expect((await s.getReview({ reviewId })).conditions[0]!.overdue).toBe(true);
    await expect(s.markConditionMet({ reviewId, conditionId: 'c1', note: '   ' })).rejects.toMatchObject({
      code: 'NOT_ALLOWED',
      message: 'Say what was done to meet the condition.',
    });
    const met = await s.markConditionMet({
      reviewId,
      conditionId: 'c1',
      note: 'Retention job deletes offer history older than 12 months; first run on the 20th.',
    });
    expect(met.conditions[0]!.met).toMatchObject({
      by: { id: a.id },
      note: 'Retention job deletes offer history older than 12 months; first run on the 20th.',
    });
    expect(met.allowed.meetConditions).toBe(false);
    expect(met.conditions[0]!.overdue).toBe(false);
    expect(met.timeline.at(-1)).toMatchObject({
      kind: 'conditionMet',
      by: { id: a.id },
      conditions: [{ text: 'Delete offer history after 12 months' }],
    });
    await expect(s.markConditionMet({ reviewId, conditionId: 'c1', note: 'Again' })).rejects.toMatchObject({
      code: 'NOT_ALLOWED',
      message: expect.stringMatching(/already marked met|Every condition of .* has been marked met/),
    });

    const { ledgers } = await readWorkspace(stewardWorkspace(path.join(dir, 'user', 'workspace')), {
      depth: 'full',
    });
    const types = ledgers.flatMap((l) =>
      l.entries
        .filter((e) => e.type.startsWith('review.'))
        .map((e) => `${e.actor === a.id ? 'A' : 'B'}:${e.type}`),
    );
    expect(types.sort()).toEqual(
      [
        'A:review.submitted',
        'A:review.submitted',
        'B:review.changesRequested',
        'B:review.decided',
        'A:review.conditionMet',
      ].sort(),
    );
    expect(
      (await verifyWorkspace(stewardWorkspace(path.join(dir, 'user', 'workspace')), { depth: 'full' })).ok,
    ).toBe(true);
  });

  it("a profile with the reviewer's email but another key holds no role and sees nothing to decide", async () => {
    const { a } = await twoPeople();
    const draft = await s.createReviewDraft({});
    await autofillDraft(s, draft.draftId, { proposalTitle: 'Churn model' });
    const { summary } = await s.submitReview({ draftId: draft.draftId });
    // Carol has all the training but is not named in the policy.
    await s.createProfile({ name: 'Carol Dubois', email: 'ben@example.com', team: 'Legal & Privacy' });
    await completeModules(s, ALL_MODULES, contentDir);
    const lists = await s.listReviews({});
    expect(lists.canReview).toBe(false);
    expect(lists.reviewerBlockers.map(formatReason).join(' ')).toMatch(/not a reviewer/);
    expect(lists.queue).toEqual([]);
    await expect(s.getReview({ reviewId: summary.reviewId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      s.decideReview({
        reviewId: summary.reviewId,
        version: 1,
        decision: 'approved',
        rationale: 'ok',
        conditions: [],
        reReviewDate: '2027-06-01',
        dpoAdvice: null,
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(a.id).toBeTruthy();
  });

  it('without an organisation, a reviewer cannot approve a review he submitted from a second profile with his own email', async () => {
    const { b } = await twoPeople();
    // Ben makes a second profile with his own name and email, and submits from it.
    const twin = await s.createProfile({
      name: 'Ben Schmidt',
      email: 'Ben@Example.com',
      team: 'Legal & Privacy',
    });
    await completeModules(s, SUBMITTER_MODULES, contentDir);
    const draft = await s.createReviewDraft({});
    await autofillDraft(s, draft.draftId, { proposalTitle: "Ben's own idea" });
    const { summary } = await s.submitReview({ draftId: draft.draftId });
    expect(summary.submitter.id).toBe(twin.id);
    // His real, reviewer profile cannot decide it: the same email is the same person.
    await s.switchProfile({ profileId: b.id });
    expect((await s.listReviews({})).queue.map((r) => r.reviewId)).not.toContain(summary.reviewId);
    await expect(
      s.decideReview({
        reviewId: summary.reviewId,
        version: 1,
        decision: 'approved',
        rationale: 'looks fine to me',
        conditions: [],
        reReviewDate: null,
        dpoAdvice: null,
      }),
    ).rejects.toMatchObject({ code: 'NOT_ALLOWED' });
    expect((await s.getReview({ reviewId: summary.reviewId })).summary.status).toBe('submitted');
  });

  it('withdrawal ends a review; it cannot then be decided or revised', async () => {
    const { b } = await twoPeople();
    const draft = await s.createReviewDraft({});
    await autofillDraft(s, draft.draftId, { proposalTitle: 'Event check-in analytics' });
    const { summary } = await s.submitReview({ draftId: draft.draftId });
    const withdrawn = await s.withdrawReview({ reviewId: summary.reviewId, reason: 'Project cancelled' });
    expect(withdrawn.summary.status).toBe('withdrawn');
    await expect(s.startReviewRevision({ reviewId: summary.reviewId })).rejects.toMatchObject({
      code: 'NOT_ALLOWED',
    });
    await s.switchProfile({ profileId: b.id });
    await expect(
      s.decideReview({
        reviewId: summary.reviewId,
        version: 1,
        decision: 'approved',
        rationale: 'ok',
        conditions: [],
        reReviewDate: '2027-06-01',
        dpoAdvice: null,
      }),
    ).rejects.toMatchObject({ code: 'NOT_ALLOWED' });
  });
});
