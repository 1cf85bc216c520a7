// Reviews replayed in causal order, against an insider who writes entries with their own key and
// whatever date they like: a submitter's withdrawal dated before a rejection, a former reviewer's
// approval dated inside his old role, an approval dated just before another reviewer's rejection.
// Each entry is written as the attacker would: straight into their own ledger, signed, valid.
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Services } from '../../../electron/core/contract/methods';
import type { ProfileSummary } from '../../../electron/core/contract/views/app';
import { openLedger, readWorkspace, verifyWorkspace } from '../../../electron/core/ledger';
import type { LedgerEntry } from '../../../electron/core/ledger';
import { fileOnlyProtector, loadKey } from '../../../electron/core/profiles/keystore';
import { openStewardWorkspace, stewardWorkspace } from '../../../electron/core/events';
import { ALL_MODULES, completeModules, SUBMITTER_MODULES } from '../../support/moduleKey';
import { autofillDraft } from '../../support/reviewAutofill';
import { tempServices, type TempServices } from '../../support/services';
import { csvReviews } from '../../../electron/core/records/csv';
import { grantInPolicy } from '../../support/policy';

let env: TempServices;
let s: Services;
let clock: Date;
let wsDir: string;

beforeEach(async () => {
  clock = new Date('2026-03-02T09:00:00Z');
  env = await tempServices({ prefix: 'steward-causal-', now: () => clock });
  s = env.services;
  wsDir = path.join(env.userDataDir, 'workspace');
});
afterEach(() => env.close());

const grantReviewer = (p: ProfileSummary, window: { from?: string; until?: string } = {}) =>
  grantInPolicy(env.contentDir, p, 'reviewers', window);
const grantManager = (p: ProfileSummary) => grantInPolicy(env.contentDir, p, 'managers');

const later = (days: number) => {
  clock = new Date(clock.getTime() + days * 86_400_000);
};

async function person(name: string, email: string, team: string, modules: string[]): Promise<ProfileSummary> {
  const p = await s.createProfile({ name, email, team });
  await completeModules(s, modules, env.contentDir);
  return p;
}

async function submit(submitter: ProfileSummary, title: string): Promise<string> {
  await s.switchProfile({ profileId: submitter.id });
  const draft = await s.createReviewDraft({});
  await autofillDraft(s, draft.draftId, { proposalTitle: title });
  return (await s.submitReview({ draftId: draft.draftId })).summary.reviewId;
}

async function entriesOf(reviewId: string): Promise<LedgerEntry[]> {
  const { ledgers } = await readWorkspace(stewardWorkspace(wsDir), { depth: 'quick' });
  return ledgers
    .flatMap((l) => l.entries)
    .filter((e) => e.type.startsWith('review.') && (e.data as { reviewId?: string }).reviewId === reviewId)
    .sort((a, b) => (a.ts < b.ts ? -1 : 1));
}

/**
 * Writes an entry into `who`'s own ledger with their own key, the way an insider with their own
 * computer and its clock set to `ts` would. The services hold a lock on the current profile's
 * ledger, so they are switched to `parkOn` first.
 */
async function forge(
  who: ProfileSummary,
  parkOn: ProfileSummary,
  ts: string,
  type: 'review.decided' | 'review.withdrawn',
  data: Record<string, unknown>,
): Promise<void> {
  await s.switchProfile({ profileId: parkOn.id });
  const key = loadKey(path.join(env.userDataDir, 'keys'), fileOnlyProtector, who.id);
  const ledger = await openLedger(await openStewardWorkspace(wsDir), who.id, key.privateKeyPem, {
    now: () => new Date(ts),
  });
  // The ledger never dates an entry before its last one; an insider's own code would. Fake it
  // only as far as the ledger lets an honest clock go: the entry is dated `ts` or its last time.
  await ledger.append(type, data as never);
  await ledger.close();
}

const decision = (reviewId: string, d: 'approved' | 'rejected') => ({
  reviewId,
  version: 1,
  decision: d,
  rationale: d === 'rejected' ? 'Not proportionate.' : 'Fine.',
  conditions: [],
  reReviewDate: d === 'rejected' ? null : '2027-06-01',
});

describe('reviews in causal order', () => {
  it("a submitter's withdrawal dated before a rejection does not undo it: it is a conflict, shown, and a reviewer settles it", async () => {
    const ben = await person('Ben Schmidt', 'ben@example.com', 'Legal & Privacy', ALL_MODULES);
    grantReviewer(ben);
    const amara = await person('Amara Okafor', 'amara@example.com', 'Data Science', SUBMITTER_MODULES);
    const reviewId = await submit(amara, 'Churn model');
    const [submitted] = await entriesOf(reviewId);
    later(1);
    await s.switchProfile({ profileId: ben.id });
    await s.decideReview({ ...decision(reviewId, 'rejected'), dpoAdvice: null });
    // Amara writes a withdrawal that claims not to have seen the rejection, dated before it.
    await forge(amara, ben, '2026-03-02T12:00:00.000Z', 'review.withdrawn', {
      reviewId,
      version: 1,
      reason: 'Changed my mind',
      after: submitted!.hash,
      submission: submitted!.hash,
    });
    let detail = await s.getReview({ reviewId });
    expect(detail.summary.status).not.toBe('withdrawn');
    expect(detail.summary.status).toBe('submitted');
    expect(detail.summary.inConflict).toBe(true);
    // The records say so too: the register row and its CSV, for whoever reads them later.
    grantManager(ben);
    const registerRow = async () => (await s.getRecords({})).reviews.find((r) => r.reviewId === reviewId)!;
    expect((await registerRow()).inConflict).toBe(true);
    const csv = csvReviews(await s.getRecords({}));
    const rows = [...csv.rows];
    const conflictAt = csv.header.indexOf('in conflict');
    expect(rows.find((r) => r[0] === reviewId)?.[conflictAt]).toBe('yes');
    expect(detail.conflict?.sides.map((e) => [e.kind, e.decision, e.by.name])).toEqual([
      ['withdrawn', null, 'Amara Okafor'],
      ['decided', 'rejected', 'Ben Schmidt'],
    ]);
    // Ben, seeing the conflict, decides again: his decision settles it.
    later(1);
    await s.decideReview({ ...decision(reviewId, 'rejected'), dpoAdvice: null });
    detail = await s.getReview({ reviewId });
    expect(detail.summary.status).toBe('rejected');
    expect(detail.conflict).toBeNull();
    expect((await registerRow()).inConflict).toBe(false);
    // Amara cannot settle it her way: a withdrawal never settles a conflict.
  });

  it('an entry that says nothing of what it follows cannot be slipped in before the events that do', async () => {
    const ben = await person('Ben Schmidt', 'ben@example.com', 'Legal & Privacy', ALL_MODULES);
    grantReviewer(ben);
    const amara = await person('Amara Okafor', 'amara@example.com', 'Data Science', SUBMITTER_MODULES);
    const reviewId = await submit(amara, 'Churn model');
    later(1);
    await s.switchProfile({ profileId: ben.id });
    await s.decideReview({ ...decision(reviewId, 'rejected'), dpoAdvice: null });
    // The old entry format, dated before the rejection: replayed by time, it would withdraw the review.
    await forge(amara, ben, '2026-03-02T12:00:00.000Z', 'review.withdrawn', {
      reviewId,
      version: 1,
      reason: 'Changed my mind',
    });
    const detail = await s.getReview({ reviewId });
    expect(detail.summary.status).toBe('rejected');
  });

  it('a reviewer whose role ended cannot date an approval inside his role onto a version submitted after it', async () => {
    const ben = await person('Ben Schmidt', 'ben@example.com', 'Legal & Privacy', ALL_MODULES);
    grantReviewer(ben, { until: '2026-03-10' });
    const cleo = await person('Cleo Martin', 'cleo@example.com', 'Legal & Privacy', ALL_MODULES);
    grantReviewer(cleo);
    const amara = await person('Amara Okafor', 'amara@example.com', 'Data Science', SUBMITTER_MODULES);
    clock = new Date('2026-03-15T09:00:00Z');
    const reviewId = await submit(amara, 'Loyalty offers');
    const [submitted] = await entriesOf(reviewId);
    // Ben's ledger (last written on the 2nd) takes an approval dated the 9th, inside his role.
    await forge(ben, cleo, '2026-03-09T10:00:00.000Z', 'review.decided', {
      ...decision(reviewId, 'approved'),
      after: submitted!.hash,
      submission: submitted!.hash,
    });
    const forged = (await entriesOf(reviewId)).find((e) => e.type === 'review.decided')!;
    expect(forged.ts).toBe('2026-03-09T10:00:00.000Z');
    await s.switchProfile({ profileId: cleo.id });
    const detail = await s.getReview({ reviewId });
    expect(detail.summary.status).toBe('submitted');
    expect(detail.conflict).toBeNull();
    // It stays in Cleo's queue: the approval is judged on the 15th, when Ben was no reviewer.
    expect((await s.listReviews({})).queue.map((r) => r.reviewId)).toContain(reviewId);
  });

  it('a witness that saw his ledger without the approval after his role ended dates it no earlier than that', async () => {
    const ben = await person('Ben Schmidt', 'ben@example.com', 'Legal & Privacy', ALL_MODULES);
    grantReviewer(ben, { until: '2026-03-10' });
    const cleo = await person('Cleo Martin', 'cleo@example.com', 'Legal & Privacy', ALL_MODULES);
    grantReviewer(cleo);
    const amara = await person('Amara Okafor', 'amara@example.com', 'Data Science', SUBMITTER_MODULES);
    clock = new Date('2026-03-05T09:00:00Z');
    const reviewId = await submit(amara, 'Loyalty offers');
    const [submitted] = await entriesOf(reviewId);
    // On the 12th Cleo's app witnesses Ben's ledger as it is: no decision in it.
    const ws = await openStewardWorkspace(wsDir);
    const { ledgers } = await readWorkspace(ws, { depth: 'full' });
    const benRead = ledgers.find((l) => l.profileId === ben.id)!;
    const last = benRead.entries[benRead.entries.length - 1]!;
    await s.switchProfile({ profileId: amara.id });
    const cleoKey = loadKey(path.join(env.userDataDir, 'keys'), fileOnlyProtector, cleo.id);
    const cleoLedger = await openLedger(ws, cleo.id, cleoKey.privateKeyPem, {
      now: () => new Date('2026-03-12T09:00:00Z'),
    });
    await cleoLedger.append('witness.checkpoint', {
      occasion: 'daily',
      heads: [[ben.id, benRead.entries.length, last.hash, last.sig]],
    });
    await cleoLedger.close();
    // Later, Ben writes an approval dated the 9th, inside his role and after the submission.
    await forge(ben, amara, '2026-03-09T10:00:00.000Z', 'review.decided', {
      ...decision(reviewId, 'approved'),
      after: submitted!.hash,
      submission: submitted!.hash,
    });
    await s.switchProfile({ profileId: cleo.id });
    const detail = await s.getReview({ reviewId });
    expect(detail.summary.status).toBe('submitted');
    expect((await s.listReviews({})).queue.map((r) => r.reviewId)).toContain(reviewId);
  });

  it("an approval dated just before another reviewer's rejection does not win: a conflict, until a reviewer settles it", async () => {
    const ben = await person('Ben Schmidt', 'ben@example.com', 'Legal & Privacy', ALL_MODULES);
    grantReviewer(ben);
    const cleo = await person('Cleo Martin', 'cleo@example.com', 'Legal & Privacy', ALL_MODULES);
    grantReviewer(cleo);
    const amara = await person('Amara Okafor', 'amara@example.com', 'Data Science', SUBMITTER_MODULES);
    const reviewId = await submit(amara, 'Loyalty offers');
    const [submitted] = await entriesOf(reviewId);
    later(2);
    await s.switchProfile({ profileId: cleo.id });
    await s.decideReview({ ...decision(reviewId, 'rejected'), dpoAdvice: null });
    const rejection = (await entriesOf(reviewId)).find((e) => e.type === 'review.decided')!;
    // Ben writes an approval one second before Cleo's rejection, as if he had not seen it.
    const oneSecondBefore = new Date(Date.parse(rejection.ts) - 1000).toISOString();
    await forge(ben, cleo, oneSecondBefore, 'review.decided', {
      ...decision(reviewId, 'approved'),
      after: submitted!.hash,
      submission: submitted!.hash,
    });
    let detail = await s.getReview({ reviewId });
    expect(detail.summary.status).toBe('submitted');
    expect(detail.conflict?.sides.map((e) => e.decision).sort()).toEqual(['approved', 'rejected']);
    // Ben cannot settle it by naming only Cleo's rejection: that is overruling, not settling.
    const approval = (await entriesOf(reviewId)).find(
      (e) => e.type === 'review.decided' && (e.data as { decision: string }).decision === 'approved',
    )!;
    await forge(ben, cleo, new Date(clock.getTime() + 1000).toISOString(), 'review.decided', {
      ...decision(reviewId, 'approved'),
      after: submitted!.hash,
      submission: submitted!.hash,
      overrides: [rejection.hash],
    });
    detail = await s.getReview({ reviewId });
    expect(detail.summary.status).toBe('submitted');
    expect(detail.conflict?.sides).toHaveLength(3);
    void approval;
    // A third reviewer's decision through the app, which saw the conflict, settles it.
    const dana = await person('Dana Scully', 'dana@example.com', 'Legal & Privacy', ALL_MODULES);
    grantReviewer(dana);
    later(1);
    await s.switchProfile({ profileId: dana.id });
    await s.decideReview({ ...decision(reviewId, 'rejected'), dpoAdvice: null });
    detail = await s.getReview({ reviewId });
    expect(detail.summary.status).toBe('rejected');
    expect(detail.conflict).toBeNull();
    expect((await verifyWorkspace(stewardWorkspace(wsDir), { depth: 'full' })).ok).toBe(true);
  });
});

describe('ledger times', () => {
  it('a ledger never dates an entry before its last one, whatever the clock says', async () => {
    const amara = await s.createProfile({
      name: 'Amara Okafor',
      email: 'amara@example.com',
      team: 'Data Science',
    });
    clock = new Date('2026-03-10T09:00:00Z');
    await s.startTrainingModule({ moduleId: 'law-in-practice' });
    clock = new Date('2026-01-01T09:00:00Z'); // the clock is set back
    await s.startTrainingModule({ moduleId: 'peoples-rights' });
    const { ledgers } = await readWorkspace(stewardWorkspace(wsDir), { depth: 'full' });
    const times = ledgers.find((l) => l.profileId === amara.id)!.entries.map((e) => e.ts);
    expect(times.at(-1)).toBe('2026-03-10T09:00:00.000Z');
    expect([...times].sort()).toEqual(times);
  });
});
