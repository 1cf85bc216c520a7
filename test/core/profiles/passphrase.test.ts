// A colleague at the same computer, under the same account: every profile's key file is readable
// to them, and the switcher is one click away. A profile with a passphrase must not be theirs to
// use: switching to it needs the passphrase, guessing is slowed down, an app that starts with it
// current opens locked, and changing or removing the passphrase needs the passphrase.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Services } from '../../../electron/core/contract/methods';
import { keyFilePath, loadKey, fileOnlyProtector } from '../../../electron/core/profiles/keystore';
import type { ServiceHandle } from '../../../electron/core/services';
import { tempServices, testServices, type TempServices } from '../../support/services';

let env: TempServices;
let s: Services;
let clock: Date;
const extra: ServiceHandle[] = [];

beforeEach(async () => {
  clock = new Date('2026-03-02T09:00:00Z');
  env = await tempServices({ prefix: 'steward-pass-', now: () => clock });
  s = env.services;
});
afterEach(async () => {
  for (const h of extra.splice(0)) await h.close();
  await env.close();
});

const PASS = 'the reviewer knows this';

/** Dana, the organisation's admin, with a passphrase; then Eve adds her own profile on the same app. */
async function danaThenEve() {
  const dana = await s.createProfile({
    name: 'Dana Scully',
    email: 'dana@example.com',
    team: 'Legal & Privacy',
    passphrase: PASS,
  });
  expect(dana.hasPassphrase).toBe(true);
  await s.createOrganisation({
    name: 'Acme',
    teams: ['Legal & Privacy'],
    team: 'Legal & Privacy',
    fromPolicy: false,
  });
  const eve = await s.createProfile({
    name: 'Eve Moneypenny',
    email: 'eve@example.com',
    team: 'Legal & Privacy',
  });
  expect(eve.hasPassphrase).toBeUndefined();
  return { dana, eve };
}

/** The same app started again on the same folders. */
async function restart(): Promise<Services> {
  await env.handle.close();
  const handle = await testServices({
    userDataDir: env.userDataDir,
    contentDir: env.contentDir,
    now: () => clock,
  });
  extra.push(handle);
  return handle.services;
}

describe('a profile with a passphrase, at a shared computer', () => {
  it("switching to the admin's profile without the passphrase, or with a wrong one, is refused and changes nothing", async () => {
    const { dana, eve } = await danaThenEve();
    expect((await s.listProfiles({})).find((p) => p.id === dana.id)?.hasPassphrase).toBe(true);
    const lines = fs.readFileSync(
      path.join(env.userDataDir, 'workspace', 'ledgers', `${dana.id}.jsonl`),
      'utf8',
    );

    await expect(s.switchProfile({ profileId: dana.id })).rejects.toMatchObject({
      code: 'NOT_ALLOWED',
      reasons: [{ code: 'profile.passphraseNeeded' }],
    });
    await expect(s.switchProfile({ profileId: dana.id, passphrase: 'dana1234' })).rejects.toMatchObject({
      code: 'NOT_ALLOWED',
      reasons: [{ code: 'profile.passphraseWrong' }],
    });
    // Eve is still the one in use, and still no admin: she cannot grant herself anything.
    expect((await s.getCurrentProfile({}))?.id).toBe(eve.id);
    const org = await s.getOrganisation({});
    expect(org.me).toMatchObject({ profileId: eve.id, isAdmin: false });

    // The key file alone, read the way Steward reads it, does not give the key.
    expect(() => loadKey(path.join(env.userDataDir, 'keys'), fileOnlyProtector, dana.id)).toThrow(
      expect.objectContaining({ code: 'NOT_ALLOWED' }),
    );
    expect(fs.readFileSync(keyFilePath(path.join(env.userDataDir, 'keys'), dana.id), 'utf8')).not.toContain(
      'PRIVATE KEY',
    );

    // Nothing was written to Dana's ledger by the refused tries.
    expect(
      fs.readFileSync(path.join(env.userDataDir, 'workspace', 'ledgers', `${dana.id}.jsonl`), 'utf8'),
    ).toBe(lines);

    // Dana herself, with her passphrase (her app may now write its daily checkpoint).
    const back = await s.switchProfile({ profileId: dana.id, passphrase: PASS });
    expect(back.id).toBe(dana.id);
    expect((await s.getOrganisation({})).me).toMatchObject({ profileId: dana.id, isAdmin: true });
  });

  it('after three wrong passphrases each further try waits, longer each time; the right one then clears the count', async () => {
    const { dana } = await danaThenEve();
    for (let i = 0; i < 3; i += 1) {
      await expect(s.switchProfile({ profileId: dana.id, passphrase: `guess ${i}` })).rejects.toMatchObject({
        reasons: [{ code: 'profile.passphraseWrong' }],
      });
    }
    // Even the right passphrase is not tried during the wait.
    await expect(s.switchProfile({ profileId: dana.id, passphrase: PASS })).rejects.toMatchObject({
      code: 'NOT_ALLOWED',
      reasons: [{ code: 'profile.passphraseWait', params: { count: 5 } }],
    });
    clock = new Date(clock.getTime() + 5_000);
    await expect(s.switchProfile({ profileId: dana.id, passphrase: 'guess 3' })).rejects.toMatchObject({
      reasons: [{ code: 'profile.passphraseWrong' }],
    });
    await expect(s.switchProfile({ profileId: dana.id, passphrase: PASS })).rejects.toMatchObject({
      reasons: [{ code: 'profile.passphraseWait', params: { count: 10 } }],
    });
    clock = new Date(clock.getTime() + 10_000);
    expect((await s.switchProfile({ profileId: dana.id, passphrase: PASS })).id).toBe(dana.id);
    // The count starts again from nothing.
    await expect(s.switchProfile({ profileId: dana.id, passphrase: 'guess' })).rejects.toMatchObject({
      reasons: [{ code: 'profile.passphraseWrong' }],
    });
  });

  it('an app that starts with that profile current opens locked: nobody is in use until the passphrase is given', async () => {
    const { dana } = await danaThenEve();
    await s.switchProfile({ profileId: dana.id, passphrase: PASS });
    const again = await restart();
    expect(await again.getCurrentProfile({})).toBeNull();
    expect((await again.getAppInfo({})).lockedProfileId).toBe(dana.id);
    // Nothing runs as Dana: no admin view, no entry in her ledger.
    expect((await again.getOrganisation({})).me).toBeNull();
    await expect(
      again.grantRole({
        personId: 'u00000000000000000000',
        role: 'reviewer',
        teams: null,
        from: null,
        until: null,
      }),
    ).rejects.toMatchObject({ code: 'NO_PROFILE' });
    await expect(again.startTrainingModule({ moduleId: 'law-in-practice' })).rejects.toMatchObject({
      code: 'NO_PROFILE',
    });

    await expect(again.switchProfile({ profileId: dana.id, passphrase: 'nope nope' })).rejects.toMatchObject({
      reasons: [{ code: 'profile.passphraseWrong' }],
    });
    expect((await again.getAppInfo({})).lockedProfileId).toBe(dana.id);
    await again.switchProfile({ profileId: dana.id, passphrase: PASS });
    expect((await again.getCurrentProfile({}))?.id).toBe(dana.id);
    expect((await again.getAppInfo({})).lockedProfileId).toBeNull();
    expect((await again.getOrganisation({})).me?.isAdmin).toBe(true);
    // The unlocked key signs: Dana can work, and her ledger stays valid.
    await again.startTrainingModule({ moduleId: 'law-in-practice' });
    expect((await again.getWorkspaceStatus({})).report.ok).toBe(true);
  });

  it('setting, changing and removing the passphrase of the profile in use needs the one set now', async () => {
    const eve = await s.createProfile({ name: 'Eve Moneypenny', email: 'eve@example.com', team: 'Product' });
    await expect(s.setProfilePassphrase({ next: null })).rejects.toMatchObject({
      reasons: [{ code: 'profile.passphraseNotSet' }],
    });
    expect((await s.setProfilePassphrase({ next: 'eve passphrase' })).hasPassphrase).toBe(true);
    // Whoever finds Eve's app open cannot change or remove it without knowing it.
    await expect(s.setProfilePassphrase({ next: null })).rejects.toMatchObject({
      reasons: [{ code: 'profile.passphraseNeeded' }],
    });
    await expect(
      s.setProfilePassphrase({ current: 'wrong one!', next: 'mine now, mine' }),
    ).rejects.toMatchObject({ reasons: [{ code: 'profile.passphraseWrong' }] });
    await s.setProfilePassphrase({ current: 'eve passphrase', next: 'eve second passphrase' });
    // Still unlocked in this run: Eve keeps working without typing it again.
    await s.startTrainingModule({ moduleId: 'law-in-practice' });
    const again = await restart();
    expect((await again.getAppInfo({})).lockedProfileId).toBe(eve.id);
    await expect(
      again.switchProfile({ profileId: eve.id, passphrase: 'eve passphrase' }),
    ).rejects.toMatchObject({ reasons: [{ code: 'profile.passphraseWrong' }] });
    await again.switchProfile({ profileId: eve.id, passphrase: 'eve second passphrase' });
    const removed = await again.setProfilePassphrase({ current: 'eve second passphrase', next: null });
    expect(removed.hasPassphrase).toBeUndefined();
    await again.startTrainingModule({ moduleId: 'law-in-practice' });
  });

  it('refuses a passphrase shorter than 8 characters at the contract', async () => {
    const { contract } = await import('../../../electron/core/contract/methods');
    expect(
      contract.createProfile.args.safeParse({
        name: 'A',
        email: 'a@example.com',
        team: 'T',
        passphrase: 'short',
      }).success,
    ).toBe(false);
    expect(contract.setProfilePassphrase.args.safeParse({ next: '12345678' }).success).toBe(true);
  });
});
