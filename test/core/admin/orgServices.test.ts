// The organisation through the real services, on temp workspaces shared by several apps (each its
// own user-data folder, as on several computers): setting it up, joining by its code, enrolling,
// roles per person, content releases, roster files — and what an insider with write access to the
// shared folder tries.
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Services } from '../../../electron/core/contract/methods';
import type { ProfileSummary } from '../../../electron/core/contract/views/app';
import { formatReason } from '../../../electron/core/contract/reasons';
import { openLedger, readWorkspace } from '../../../electron/core/ledger';
import { loadKey, fileOnlyProtector } from '../../../electron/core/profiles/keystore';
import { openStewardWorkspace, stewardWorkspace } from '../../../electron/core/events';
import type { ServiceHandle } from '../../../electron/core/services';
import { ALL_MODULES, completeModules, SUBMITTER_MODULES } from '../../support/moduleKey';
import { autofillDraft } from '../../support/reviewAutofill';
import { tempServices, testServices, type TempServices } from '../../support/services';

let env: TempServices;
let s: Services;
let wsDir: string;
const others: ServiceHandle[] = [];
let clock: Date;

beforeEach(async () => {
  clock = new Date('2026-03-02T09:00:00Z');
  env = await tempServices({ prefix: 'steward-org-', now: () => clock });
  s = env.services;
  wsDir = path.join(env.userDataDir, 'workspace');
});
afterEach(async () => {
  for (const h of others.splice(0)) await h.close();
  await env.close();
});

/** Another computer: its own user data, the same workspace and bundled content. */
async function otherApp(name: string, now: () => Date = () => clock): Promise<Services> {
  const handle = await testServices({
    userDataDir: path.join(env.dir, name),
    contentDir: env.contentDir,
    now,
  });
  others.push(handle);
  await handle.services.setWorkspace({ dir: wsDir });
  return handle.services;
}

const TEAMS = ['Legal & Privacy', 'Data Science', 'Product'];

/** Dana sets up the organisation on the first app; returns her profile. */
async function setUp(): Promise<ProfileSummary> {
  const dana = await s.createProfile({
    name: 'Dana Scully',
    email: 'dana@example.com',
    team: 'Legal & Privacy',
  });
  const created = await s.createOrganisation({
    name: 'Acme',
    teams: TEAMS,
    team: 'Legal & Privacy',
    fromPolicy: false,
  });
  expect(created.seedProblem).toBeNull();
  return dana;
}

function ledgerLines(profileId: string): number {
  return fs
    .readFileSync(path.join(wsDir, 'ledgers', `${profileId}.jsonl`), 'utf8')
    .split('\n')
    .filter(Boolean).length;
}

describe('setting up and joining an organisation', () => {
  it('makes the founder an admin, seeds release 1 from the bundled content and pins this app', async () => {
    const dana = await setUp();
    const org = await s.getOrganisation({});
    expect(org.state).toBe('member');
    expect(org.pinnedBy).toBe('person');
    expect(org.org?.code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    // The teams given, and those the policy names required training for.
    expect(org.org?.teams).toEqual([...TEAMS, 'Engineering', 'Marketing', 'Customer Support']);
    expect(org.me).toMatchObject({ profileId: dana.id, isAdmin: true, roles: ['admin'] });
    expect(org.org?.releases.map((r) => r.release)).toEqual([1]);
    expect(org.content.release?.release).toBe(1);
    // The release is stored content-addressed in the workspace.
    const stored = fs.readdirSync(path.join(wsDir, 'org', 'content'));
    expect(stored).toEqual([org.org!.releases[0]!.manifestHash]);
    // One organisation per workspace: a second set-up is refused.
    await expect(
      s.createOrganisation({ name: 'Acme 2', teams: TEAMS, team: 'Product', fromPolicy: false }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('asks a joining app to compare the code; a wrong code is refused, the right one pins it and asks to join', async () => {
    const dana = await setUp();
    const { org } = await s.getOrganisation({});
    const other = await otherApp('amara-laptop');
    const amara = await other.createProfile({
      name: 'Amara Okafor',
      email: 'amara@example.com',
      team: 'Data Science',
    });
    const seen = await other.getOrganisation({});
    expect(seen.state).toBe('confirm');
    expect(seen.candidates).toEqual([
      expect.objectContaining({ orgId: org!.orgId, name: 'Acme', code: org!.code, founder: 'Dana Scully' }),
    ]);
    await expect(
      other.confirmOrganisation({ orgId: org!.orgId, code: 'AAAA-BBBB-CCCC-DDDD' }),
    ).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      reasons: [expect.objectContaining({ code: 'org.codeMismatch' })],
    });
    // Typed in lower case without dashes: still the code.
    const joined = await other.confirmOrganisation({
      orgId: org!.orgId,
      code: org!.code.toLowerCase().replace(/-/g, ' '),
    });
    expect(joined.state).toBe('member');
    expect(joined.me).toMatchObject({ profileId: amara.id, personId: null, joinRequested: true, roles: [] });
    // Dana's app sees the request with the fingerprint to compare, and enrols her.
    const requests = (await s.getOrganisation({})).org!.joinRequests;
    expect(requests).toEqual([
      expect.objectContaining({ profileId: amara.id, fingerprint: amara.fingerprint }),
    ]);
    const after = await s.enrolPerson({
      name: 'Amara Okafor',
      email: 'amara@example.com',
      team: 'Data Science',
      profileIds: [amara.id],
    });
    expect(after.org!.joinRequests).toEqual([]);
    expect(after.org!.people.map((p) => p.name)).toEqual(['Amara Okafor', 'Dana Scully']);
    expect((await other.getOrganisation({})).me).toMatchObject({ personId: expect.stringMatching(/^u/) });
    void dana;
  });

  it('a pinned app refuses a workspace that holds another organisation, and writes nothing there', async () => {
    await setUp();
    const { org } = await s.getOrganisation({});
    const amaraApp = await otherApp('amara-laptop');
    const amara = await amaraApp.createProfile({
      name: 'Amara Okafor',
      email: 'amara@example.com',
      team: 'Data Science',
    });
    await amaraApp.confirmOrganisation({ orgId: org!.orgId, code: org!.code });
    // Another folder with another organisation of the same name (an insider's copy, or the wrong share).
    const elsewhere = path.join(env.dir, 'other-workspace');
    const rogue = await otherApp('rogue');
    await rogue.setWorkspace({ dir: elsewhere });
    await rogue.createProfile({ name: 'Mallory', email: 'mallory@example.com', team: 'Product' });
    await rogue.createOrganisation({ name: 'Acme', teams: TEAMS, team: 'Product', fromPolicy: false });
    await amaraApp.setWorkspace({ dir: elsewhere });
    const seen = await amaraApp.getOrganisation({});
    expect(seen.state).toBe('refused');
    expect(seen.refusal).toMatchObject({ code: 'org.pinnedMissing', params: { context: 'other' } });
    expect((await amaraApp.getAppInfo({})).notices.map((n) => n.id)).toContain('org-refused');
    const lines = fs.readFileSync(path.join(elsewhere, 'ledgers', `${amara.id}.jsonl`), 'utf8');
    await expect(amaraApp.startTrainingModule({ moduleId: 'law-in-practice' })).rejects.toMatchObject({
      code: 'WORKSPACE_REFUSED',
    });
    expect(fs.readFileSync(path.join(elsewhere, 'ledgers', `${amara.id}.jsonl`), 'utf8')).toBe(lines);
  });

  it('a deployment pin refuses a workspace without that organisation, before anyone is asked', async () => {
    await setUp();
    const handle = await testServices({
      userDataDir: path.join(env.dir, 'managed'),
      contentDir: env.contentDir,
      now: () => clock,
      deploymentPin: { code: 'ZZZZ-ZZZZ-ZZZZ-ZZZZ', by: 'deployment' },
    });
    others.push(handle);
    await handle.services.setWorkspace({ dir: wsDir });
    await handle.services
      .createProfile({ name: 'Ed', email: 'ed@example.com', team: 'Product' })
      .catch(() => undefined);
    const seen = await handle.services.getOrganisation({});
    expect(seen.state).toBe('refused');
    expect(seen.refusal).toMatchObject({
      code: 'org.deploymentMissing',
      params: { code: 'ZZZZ-ZZZZ-ZZZZ-ZZZZ' },
    });
    await expect(
      handle.services.confirmOrganisation({
        orgId: seen.candidates[0]!.orgId,
        code: seen.candidates[0]!.code,
      }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    // The right code pins it with no question asked.
    const right = await testServices({
      userDataDir: path.join(env.dir, 'managed-right'),
      contentDir: env.contentDir,
      now: () => clock,
      deploymentPin: { code: seen.candidates[0]!.code, by: 'deployment' },
    });
    others.push(right);
    await right.services.setWorkspace({ dir: wsDir });
    expect((await right.services.getOrganisation({})).state).toBe('member');
    // A profile of the managed app still asks to join (comparing the code), and the admin sees it.
    const fay = await right.services.createProfile({
      name: 'Fay',
      email: 'fay@example.com',
      team: 'Product',
    });
    expect((await right.services.getOrganisation({})).me).toMatchObject({
      personId: null,
      joinRequested: false,
    });
    const asked = await right.services.confirmOrganisation({
      orgId: seen.candidates[0]!.orgId,
      code: seen.candidates[0]!.code,
    });
    expect(asked.me).toMatchObject({ joinRequested: true });
    expect(asked.pinnedBy).toBe('deployment');
    expect((await s.getOrganisation({})).org!.joinRequests.map((j) => j.profileId)).toContain(fay.id);
  });

  it('offers the teams the bundled policy names before an organisation is set up, and none after', async () => {
    await s.createProfile({ name: 'Dana', email: 'dana@example.com', team: 'Legal & Privacy' });
    const before = await s.getOrganisation({});
    expect(before.state).toBe('none');
    expect(before.suggestedTeams).toEqual(expect.arrayContaining(['Product', 'Engineering']));
    await s.createOrganisation({
      name: 'Acme',
      teams: ['Legal & Privacy'],
      team: 'Legal & Privacy',
      fromPolicy: false,
    });
    expect((await s.getOrganisation({})).suggestedTeams).toEqual([]);
  });

  it('judges a workspace when the app moves to it, before its first write: no stale refusal, no stale welcome', async () => {
    await setUp();
    const { org } = await s.getOrganisation({});
    // A managed app starts on its own empty folder (refused: no organisation there), makes a
    // profile, then is pointed at its organisation's workspace: it may write there at once.
    const managed = await testServices({
      userDataDir: path.join(env.dir, 'managed'),
      contentDir: env.contentDir,
      now: () => clock,
      deploymentPin: { code: org!.code, by: 'deployment' },
    });
    others.push(managed);
    const ed = await managed.services.createProfile({ name: 'Ed', email: 'ed@example.com', team: 'Product' });
    const noticeIds = async () => (await managed.services.getAppInfo({})).notices.map((n) => n.id);
    expect(await noticeIds()).toContain('org-refused');
    await managed.services.setWorkspace({ dir: wsDir });
    expect(await noticeIds()).not.toContain('org-refused');
    // Setting up another organisation is refused because of the deployment, and says so.
    await expect(
      managed.services.createOrganisation({
        name: 'Other',
        teams: TEAMS,
        team: 'Product',
        fromPolicy: false,
      }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
      reasons: [expect.objectContaining({ code: 'org.deploymentPinned' })],
    });
    await expect(managed.services.startTrainingModule({ moduleId: 'law-in-practice' })).resolves.toBeTruthy();
    // Pointed at a folder holding another organisation, it writes nothing there, read or not.
    const elsewhere = path.join(env.dir, 'rogue-workspace');
    const rogue = await otherApp('rogue');
    await rogue.setWorkspace({ dir: elsewhere });
    await rogue.createProfile({ name: 'Mallory', email: 'mallory@example.com', team: 'Product' });
    await rogue.createOrganisation({ name: 'Acme', teams: TEAMS, team: 'Product', fromPolicy: false });
    await managed.services.setWorkspace({ dir: elsewhere });
    expect(await noticeIds()).toContain('org-refused');
    const lines = fs.readFileSync(path.join(elsewhere, 'ledgers', `${ed.id}.jsonl`), 'utf8');
    await expect(
      managed.services.startTrainingModule({ moduleId: 'minimisation-and-purpose' }),
    ).rejects.toMatchObject({ code: 'WORKSPACE_REFUSED' });
    expect(fs.readFileSync(path.join(elsewhere, 'ledgers', `${ed.id}.jsonl`), 'utf8')).toBe(lines);
  });
});

describe('roles belong to people, not keys', () => {
  /** Dana (admin) enrols Ben as a reviewer and Amara as a submitter; all trained. */
  async function staffed() {
    const dana = await setUp();
    const ben = await s.createProfile({
      name: 'Ben Schmidt',
      email: 'ben@example.com',
      team: 'Legal & Privacy',
    });
    await completeModules(s, ALL_MODULES, env.contentDir);
    const amara = await s.createProfile({
      name: 'Amara Okafor',
      email: 'amara@example.com',
      team: 'Data Science',
    });
    await completeModules(s, SUBMITTER_MODULES, env.contentDir);
    await s.switchProfile({ profileId: dana.id });
    const view = await s.enrolPerson({
      name: 'Ben Schmidt',
      email: 'ben@example.com',
      team: 'Legal & Privacy',
      profileIds: [ben.id],
    });
    const benPerson = view.org!.people.find((p) => p.name === 'Ben Schmidt')!;
    await s.grantRole({
      personId: benPerson.personId,
      role: 'reviewer',
      teams: null,
      from: null,
      until: null,
    });
    await s.enrolPerson({
      name: 'Amara Okafor',
      email: 'amara@example.com',
      team: 'Data Science',
      profileIds: [amara.id],
    });
    return { dana, ben, amara, benPerson };
  }

  async function submitAs(profile: ProfileSummary, title: string): Promise<string> {
    await s.switchProfile({ profileId: profile.id });
    const draft = await s.createReviewDraft({});
    await autofillDraft(s, draft.draftId, { proposalTitle: title });
    return (await s.submitReview({ draftId: draft.draftId })).summary.reviewId;
  }

  it("a second profile with the reviewer's own name and email is nobody: it cannot submit, and cannot decide", async () => {
    const { ben, amara } = await staffed();
    // Ben makes a look-alike profile to submit his own proposal.
    const twin = await s.createProfile({
      name: 'Ben Schmidt',
      email: 'ben@example.com',
      team: 'Legal & Privacy',
    });
    await completeModules(s, SUBMITTER_MODULES, env.contentDir);
    const draft = await s.createReviewDraft({});
    await autofillDraft(s, draft.draftId, { proposalTitle: "Ben's own idea" });
    await expect(s.submitReview({ draftId: draft.draftId })).rejects.toMatchObject({
      code: 'NOT_ALLOWED',
      reasons: expect.arrayContaining([expect.objectContaining({ code: 'org.notEnrolled' })]),
    });
    // And the look-alike cannot decide Amara's review either: it holds no role.
    const reviewId = await submitAs(amara, 'Churn model');
    await s.switchProfile({ profileId: twin.id });
    await expect(
      s.decideReview({
        reviewId,
        version: 1,
        decision: 'approved',
        rationale: 'ok',
        conditions: [],
        reReviewDate: null,
        dpoAdvice: null,
      }),
    ).rejects.toMatchObject({ code: expect.stringMatching(/^(NOT_ALLOWED|NOT_FOUND)$/) });
    await s.switchProfile({ profileId: ben.id });
    expect((await s.getReview({ reviewId })).summary.status).toBe('submitted');
  });

  it('a review submitted before the organisation existed is still there once it does, and a reviewer decides it', async () => {
    const amara = await s.createProfile({
      name: 'Amara Okafor',
      email: 'amara@example.com',
      team: 'Data Science',
    });
    await completeModules(s, SUBMITTER_MODULES, env.contentDir);
    const reviewId = await submitAs(amara, 'Churn model, from before');
    clock = new Date('2026-03-04T09:00:00Z');
    const { ben } = await staffed();
    await s.switchProfile({ profileId: ben.id });
    expect((await s.listReviews({})).queue.map((r) => r.reviewId)).toContain(reviewId);
    const decided = await s.decideReview({
      reviewId,
      version: 1,
      decision: 'approved',
      rationale: 'Proportionate.',
      conditions: [],
      reReviewDate: '2027-03-01',
      dpoAdvice: null,
    });
    expect(decided.summary.status).toBe('approved');
    await s.switchProfile({ profileId: amara.id });
    expect((await s.listReviews({})).mine.map((r) => r.reviewId)).toContain(reviewId);
  });

  it('a look-alike profile made before the organisation is its twin once the twin is enrolled: no self-approval', async () => {
    // Before any organisation, Ben makes a second profile with his own name and email and submits from it.
    const twin = await s.createProfile({
      name: 'Ben Schmidt',
      email: 'ben@example.com',
      team: 'Legal & Privacy',
    });
    await completeModules(s, SUBMITTER_MODULES, env.contentDir);
    const reviewId = await submitAs(twin, "Ben's own idea, from before");
    clock = new Date('2026-03-04T09:00:00Z');
    const { ben } = await staffed();
    await s.switchProfile({ profileId: ben.id });
    expect((await s.listReviews({})).queue.map((r) => r.reviewId)).not.toContain(reviewId);
    await expect(
      s.decideReview({
        reviewId,
        version: 1,
        decision: 'approved',
        rationale: 'Fine by me.',
        conditions: [],
        reReviewDate: '2027-03-01',
        dpoAdvice: null,
      }),
    ).rejects.toMatchObject({ code: 'NOT_ALLOWED' });
  });

  it('a second key of the same person is that person: submitting from one and approving with the other is refused', async () => {
    const { dana, ben, benPerson } = await staffed();
    const laptop = await s.createProfile({
      name: 'Ben Schmidt',
      email: 'ben@example.com',
      team: 'Legal & Privacy',
    });
    await completeModules(s, SUBMITTER_MODULES, env.contentDir);
    await s.switchProfile({ profileId: dana.id });
    await s.addPersonKey({ personId: benPerson.personId, profileId: laptop.id });
    const reviewId = await submitAs(laptop, 'Ben on his laptop');
    await s.switchProfile({ profileId: ben.id });
    await expect(
      s.decideReview({
        reviewId,
        version: 1,
        decision: 'approved',
        rationale: 'fine by me',
        conditions: [],
        reReviewDate: null,
        dpoAdvice: null,
      }),
    ).rejects.toMatchObject({ code: 'NOT_ALLOWED' });
    const detail = await s.getReview({ reviewId });
    expect(detail.summary.status).toBe('submitted');
  });

  it('a role written into the local policy file grants nothing once there is an organisation', async () => {
    const { dana, amara } = await staffed();
    const ola = await s.createProfile({ name: 'Ola Nordmann', email: 'ola@example.com', team: 'Product' });
    await completeModules(s, ALL_MODULES, env.contentDir);
    await s.switchProfile({ profileId: dana.id });
    await s.enrolPerson({
      name: 'Ola Nordmann',
      email: 'ola@example.com',
      team: 'Product',
      profileIds: [ola.id],
    });
    const file = path.join(env.contentDir, 'policy.yaml');
    const policy = YAML.parse(fs.readFileSync(file, 'utf8')) as { roles: { reviewers: unknown[] } };
    policy.roles.reviewers = [{ email: ola.email, fingerprint: ola.fingerprint }];
    fs.writeFileSync(file, YAML.stringify(policy));
    const reviewId = await submitAs(amara, 'Churn model');
    await s.switchProfile({ profileId: ola.id });
    const lists = await s.listReviews({});
    expect(lists.canReview).toBe(false);
    expect(lists.reviewerBlockers).toContainEqual(expect.objectContaining({ code: 'org.noRole' }));
    await expect(
      s.decideReview({
        reviewId,
        version: 1,
        decision: 'approved',
        rationale: 'ok',
        conditions: [],
        reReviewDate: null,
        dpoAdvice: null,
      }),
    ).rejects.toMatchObject({ code: expect.stringMatching(/^(NOT_ALLOWED|NOT_FOUND)$/) });
    expect((await s.getOrganisation({})).me?.roles).toEqual([]);
  });

  it('two admins both administer; an admin removed: entries before stand, entries after are void', async () => {
    const dana = await setUp();
    const ben = await s.createProfile({
      name: 'Ben Schmidt',
      email: 'ben@example.com',
      team: 'Legal & Privacy',
    });
    await s.switchProfile({ profileId: dana.id });
    let view = await s.enrolPerson({
      name: 'Ben Schmidt',
      email: 'ben@example.com',
      team: 'Legal & Privacy',
      profileIds: [ben.id],
    });
    const benPerson = view.org!.people.find((p) => p.name === 'Ben Schmidt')!;
    view = await s.grantRole({
      personId: benPerson.personId,
      role: 'admin',
      teams: null,
      from: null,
      until: null,
    });
    const benAdmin = view
      .org!.people.find((p) => p.personId === benPerson.personId)!
      .grants.find((g) => g.role === 'admin')!;
    // Ben, now an admin, enrols Carl.
    await s.switchProfile({ profileId: ben.id });
    clock = new Date('2026-03-03T09:00:00Z');
    view = await s.enrolPerson({
      name: 'Carl Sagan',
      email: 'carl@example.com',
      team: 'Product',
      profileIds: [],
    });
    expect(view.org!.people.map((p) => p.name)).toContain('Carl Sagan');
    // Dana ends Ben's admin role on the 4th.
    await s.switchProfile({ profileId: dana.id });
    clock = new Date('2026-03-05T09:00:00Z');
    await s.revokeRole({ grantId: benAdmin.grantId, until: '2026-03-04' });
    // Ben's app now refuses him...
    await s.switchProfile({ profileId: ben.id });
    await expect(
      s.enrolPerson({ name: 'Eve', email: 'eve@example.com', team: 'Product', profileIds: [] }),
    ).rejects.toMatchObject({
      code: 'NOT_ALLOWED',
      reasons: [expect.objectContaining({ code: 'org.youAreNotAdmin' })],
    });
    // ...and when he writes the entry himself, with his own key, the roster ignores it.
    const head = (await s.getOrganisation({})).org!;
    const key = loadKey(path.join(env.userDataDir, 'keys'), fileOnlyProtector, ben.id);
    await s.switchProfile({ profileId: dana.id }); // release Ben's ledger lock
    const ws = await openStewardWorkspace(wsDir);
    const ledger = await openLedger(ws, ben.id, key.privateKeyPem, { now: () => clock });
    const lastOrg = (await readWorkspace(stewardWorkspace(wsDir), { depth: 'quick' })).ledgers
      .flatMap((l) => l.entries)
      .filter((e) => e.type.startsWith('org.'))
      .sort((a, b) => (a.ts < b.ts ? -1 : 1))
      .at(-1)!;
    await ledger.append('org.personEnrolled', {
      orgId: head.orgId,
      after: lastOrg.hash,
      personId: 'u0123456789abcdef0123',
      name: 'Eve',
      email: 'eve@example.com',
      team: 'Product',
      profileIds: [],
    });
    await ledger.close();
    const final = await s.getOrganisation({});
    expect(final.org!.people.map((p) => p.name)).toEqual(['Ben Schmidt', 'Carl Sagan', 'Dana Scully']);
    expect(final.org!.ignored).toEqual([
      expect.objectContaining({
        type: 'org.personEnrolled',
        by: 'Ben Schmidt',
        reason: expect.objectContaining({ code: 'org.notAdmin' }),
      }),
    ]);
  });

  it('a grant is shown in force exactly while it gives the role: through the day a person leaves, recorded ahead', async () => {
    const dana = await setUp();
    const ben = await s.createProfile({
      name: 'Ben Schmidt',
      email: 'ben@example.com',
      team: 'Legal & Privacy',
    });
    await s.switchProfile({ profileId: dana.id });
    const enrolled = await s.enrolPerson({
      name: 'Ben Schmidt',
      email: 'ben@example.com',
      team: 'Legal & Privacy',
      profileIds: [ben.id],
    });
    const benPerson = enrolled.org!.people.find((p) => p.name === 'Ben Schmidt')!;
    await s.grantRole({
      personId: benPerson.personId,
      role: 'reviewer',
      teams: null,
      from: null,
      until: null,
    });
    // Ben gave notice: his last day is the 31st, recorded on the 2nd.
    await s.recordPersonLeft({ personId: benPerson.personId, on: '2026-03-31' });
    const seen = async (at: string) => {
      clock = new Date(at);
      await s.switchProfile({ profileId: ben.id });
      const view = await s.getOrganisation({});
      const grant = view.org!.people.find((p) => p.personId === benPerson.personId)!.grants[0]!;
      return { inForce: grant.inForce, roles: view.me!.roles };
    };
    expect(await seen('2026-03-02T10:00:00Z')).toEqual({ inForce: true, roles: ['reviewer'] });
    expect(await seen('2026-03-31T18:00:00Z')).toEqual({ inForce: true, roles: ['reviewer'] });
    expect(await seen('2026-04-01T09:00:00Z')).toEqual({ inForce: false, roles: [] });
  });
});

describe('content releases', () => {
  function editedCopy(): string {
    const dir = path.join(env.dir, 'content-next');
    fs.cpSync(env.contentDir, dir, { recursive: true });
    const policy = path.join(dir, 'policy.yaml');
    fs.writeFileSync(policy, fs.readFileSync(policy, 'utf8').replace(/passMark: \d+/, 'passMark: 90'));
    return dir;
  }

  it('previews what a release changes, refuses an invalid folder, and publishes a valid one', async () => {
    await setUp();
    const next = editedCopy();
    const preview = await s.previewRelease({ dir: next });
    expect(preview.problems).toEqual([]);
    expect(preview.release).toBe(2);
    expect(preview.policy).toContainEqual({ field: 'passMark', from: '80', to: '90' });
    expect(preview.fileChanges).toEqual({ added: [], changed: ['policy.yaml'], removed: [] });
    // A broken module is named and nothing is published.
    const broken = path.join(env.dir, 'content-broken');
    fs.cpSync(next, broken, { recursive: true });
    const mod = path.join(broken, 'modules', fs.readdirSync(path.join(broken, 'modules'))[0]!);
    fs.writeFileSync(mod, 'not a module');
    const bad = await s.previewRelease({ dir: broken });
    expect(bad.problems.length).toBeGreaterThan(0);
    await expect(s.publishRelease({ dir: broken })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    const published = await s.publishRelease({ dir: next });
    expect(published.org!.releases.map((r) => r.release)).toEqual([2, 1]);
    expect(published.content.release?.release).toBe(2);
  });

  it('refuses a release whose files were edited after signing, and uses the release before it', async () => {
    await setUp();
    const published = await s.publishRelease({ dir: editedCopy() });
    const hash = published.org!.releases[0]!.manifestHash;
    // An insider edits the stored policy in the workspace: pass mark 10.
    const stored = path.join(wsDir, 'org', 'content', hash, 'policy.yaml');
    fs.writeFileSync(stored, fs.readFileSync(stored, 'utf8').replace(/passMark: \d+/, 'passMark: 10'));
    const other = await otherApp('fresh-laptop');
    await other.createProfile({ name: 'Zoe', email: 'zoe@example.com', team: 'Product' });
    const { org } = await other.getOrganisation({});
    void org;
    const candidates = (await other.getOrganisation({})).candidates;
    const view = await other.confirmOrganisation({ orgId: candidates[0]!.orgId, code: candidates[0]!.code });
    expect(view.content.release?.release).toBe(1);
    expect(view.content.problems.map((p) => p.code)).toEqual(['release.refused', 'release.fileChanged']);
    expect(formatReason(view.content.problems[1]!)).toContain('policy.yaml');
    // Dana's app, which checked release 2 before the edit, keeps its own copy.
    expect((await s.getOrganisation({})).content).toMatchObject({ release: { release: 2 }, problems: [] });
  });

  it('never goes back to an older release after seeing a newer one', async () => {
    const dana = await setUp();
    const other = await otherApp('amara-laptop');
    await other.createProfile({ name: 'Amara Okafor', email: 'amara@example.com', team: 'Data Science' });
    const c = (await other.getOrganisation({})).candidates[0]!;
    await other.confirmOrganisation({ orgId: c.orgId, code: c.code });
    const before = fs.readFileSync(path.join(wsDir, 'ledgers', `${dana.id}.jsonl`));
    await s.publishRelease({ dir: editedCopy() });
    expect((await other.getOrganisation({})).content.release?.release).toBe(2);
    // The org chain is rolled back to before release 2 (Dana's ledger restored from an old copy).
    await s.switchProfile({
      profileId: (await s.createProfile({ name: 'X', email: 'x@example.com', team: 'Product' })).id,
    });
    fs.writeFileSync(path.join(wsDir, 'ledgers', `${dana.id}.jsonl`), before);
    const view = await other.getOrganisation({});
    expect(view.org!.releases.map((r) => r.release)).toEqual([1]);
    expect(view.content.release?.release).toBe(2);
    expect(view.content.problems.map((p) => p.code)).toEqual(['release.rolledBack', 'release.keptSeen']);
  });
});

describe('roster files', () => {
  it('refuses a file with bad rows row by row and writes nothing; a good file is previewed then applied', async () => {
    const dana = await setUp();
    const lines = ledgerLines(dana.id);
    const bad = [
      'displayName,mail,department,accountEnabled',
      'Grace Hopper,grace@example.com,Product,true',
      'No Email,,Product,true',
      'Alan Turing,not-an-email,Product,true',
      'Ada Lovelace,ada@example.com,Sales,true',
      'Grace Twin,GRACE@example.com,Product,true',
      'Linus,linus@example.com,Product,maybe',
    ].join('\n');
    const plan = await s.previewRosterImport({ csv: bad });
    expect(plan.rowProblems.map((p) => [p.row, p.reason.code])).toEqual([
      [3, 'roster.noEmail'],
      [4, 'roster.badEmail'],
      [5, 'roster.unknownTeam'],
      [6, 'roster.duplicateEmail'],
      [7, 'roster.badStatus'],
    ]);
    await expect(s.importRoster({ csv: bad })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(ledgerLines(dana.id)).toBe(lines);

    const good = [
      'First name,Last name,Primary email,Department,Status,Roles',
      'Grace,Hopper,grace@example.com,Product,ACTIVE,reviewer',
      'Ada,Lovelace,ada@example.com,Sales,ACTIVE,manager:Sales',
      'Dana,Scully,dana@example.com,Legal & Privacy,ACTIVE,',
    ].join('\n');
    const dry = await s.previewRosterImport({ csv: good, addTeams: true });
    expect(dry.rowProblems).toEqual([]);
    expect(dry.add.map((a) => a.email)).toEqual(['grace@example.com', 'ada@example.com']);
    expect(dry.newTeams).toEqual(['Sales']);
    expect(dry.grants.map((g) => [g.email, g.role, g.teams])).toEqual([
      ['grace@example.com', 'reviewer', null],
      ['ada@example.com', 'manager', ['Sales']],
    ]);
    expect(dry.unchanged).toBe(1);
    expect(ledgerLines(dana.id)).toBe(lines);
    const applied = await s.importRoster({ csv: good, addTeams: true });
    expect(applied.applied).toBe(true);
    const org = (await s.getOrganisation({})).org!;
    expect(org.teams).toContain('Sales');
    expect(org.people.find((p) => p.email === 'ada@example.com')?.grants).toEqual([
      expect.objectContaining({ role: 'manager', teams: ['Sales'], inForce: true }),
    ]);
    expect(org.ignored).toEqual([]);
  });
});

describe('migration from policy.yaml', () => {
  it('a workspace made before organisations keeps its roles; --from-policy makes them grants with their dates', async () => {
    const ben = await s.createProfile({
      name: 'Ben Schmidt',
      email: 'ben@example.com',
      team: 'Legal & Privacy',
    });
    const file = path.join(env.contentDir, 'policy.yaml');
    const policy = YAML.parse(fs.readFileSync(file, 'utf8')) as {
      roles: { reviewers: unknown[]; managers: unknown[] };
    };
    policy.roles.reviewers = [
      { email: ben.email, fingerprint: ben.fingerprint, from: '2026-01-01', until: '2026-12-31' },
      { email: 'gone@example.com', fingerprint: '0'.repeat(32) },
    ];
    fs.writeFileSync(file, YAML.stringify(policy));
    expect((await s.getOrganisation({})).state).toBe('none');
    expect((await s.getOrganisation({})).me?.roles).toEqual(['reviewer']);
    const dana = await s.createProfile({
      name: 'Dana Scully',
      email: 'dana@example.com',
      team: 'Legal & Privacy',
    });
    const created = await s.createOrganisation({
      name: 'Acme',
      teams: ['Legal & Privacy'],
      team: 'Legal & Privacy',
      fromPolicy: true,
    });
    expect(created.migrated?.granted).toEqual([
      { name: 'Ben Schmidt', role: 'reviewer', from: '2026-01-01', until: '2026-12-31' },
    ]);
    expect(created.migrated?.skipped).toEqual([
      expect.objectContaining({ email: 'gone@example.com', role: 'reviewer' }),
    ]);
    const benView = created.organisation.org!.people.find((p) => p.name === 'Ben Schmidt')!;
    expect(benView.keys.map((k) => k.profileId)).toEqual([ben.id]);
    expect(benView.grants).toEqual([
      expect.objectContaining({ role: 'reviewer', from: '2026-01-01', until: '2026-12-31' }),
    ]);
    void dana;
  });
});
