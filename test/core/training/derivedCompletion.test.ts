// Item 4 of the evidence issue, played as the insider: Cat writes, with her own key, a completion
// of a module she never attempted, declared to expire in 2099, and another dated before her
// profile existed. The manager's records and her own catalogue must not show either as passed.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openLedger } from '../../../electron/core/ledger';
import { stewardWorkspace } from '../../../electron/core/events';
import { fileOnlyProtector, loadKey } from '../../../electron/core/profiles/keystore';
import type { ServiceHandle } from '../../../electron/core/services';
import { ALL_MODULES, completeModules } from '../../support/moduleKey';
import { tempServices, testServices } from '../../support/services';
import { grantInPolicy } from '../../support/policy';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

describe('a declared completion is not a completion', () => {
  it('shows no forged completion as passed, to the manager or in the learner catalogue', async () => {
    let now = new Date('2026-03-02T09:00:00Z');
    const t = await tempServices({ prefix: 'steward-derived-', now: () => now });
    cleanup.push(async () => fs.rmSync(t.dir, { recursive: true, force: true }));
    const cat = await t.services.createProfile({ name: 'Cat', email: 'cat@example.com', team: 'Product' });
    const ben = await t.services.createProfile({ name: 'Ben', email: 'ben@example.com', team: 'Legal' });
    await completeModules(t.services, ALL_MODULES, t.contentDir);
    grantInPolicy(t.contentDir, ben, 'managers');
    const module = (await t.services.listTrainingModules({})).modules.find((m) => m.id === ALL_MODULES[0])!;

    // Cat's app is closed; she appends to her own ledger with her own key.
    await t.handle.close();
    const ws = stewardWorkspace(path.join(t.userDataDir, 'workspace'));
    const key = loadKey(path.join(t.userDataDir, 'keys'), fileOnlyProtector, cat.id);
    const ledger = await openLedger(ws, cat.id, key.privateKeyPem, { now: () => now });
    const ref = { moduleId: module.id, version: module.version, contentHash: module.contentHash };
    const forged = await ledger.append('training.completed', {
      ...ref,
      score: 100,
      passMark: 80,
      completedAt: '2020-01-01T00:00:00.000Z',
      expiresAt: '2099-12-31T00:00:00.000Z',
      attemptHash: 'f'.repeat(64),
    });
    await ledger.close();

    now = new Date('2026-03-03T09:00:00Z');
    const again: ServiceHandle = await testServices({
      userDataDir: t.userDataDir,
      contentDir: t.contentDir,
      now: () => now,
    });
    cleanup.push(() => again.close());
    const records = await again.services.getRecords({});
    const cell = records.matrix.find((r) => r.personId === cat.id && r.moduleId === module.id)!;
    expect(cell.completedAt).toBeNull();
    expect(cell.status).not.toMatch(/passed|dueSoon/);
    // Ben's own completions, made through the app, still count.
    const own = records.matrix.find((r) => r.personId === ben.id && r.moduleId === module.id)!;
    expect(own.status).toBe('passed');

    await again.services.switchProfile({ profileId: cat.id });
    const mine = (await again.services.listTrainingModules({})).modules.find((m) => m.id === module.id)!;
    expect(mine.status).not.toMatch(/passed|dueSoon/);
    // Its certificate, opened by hash, is shown unverified, dated by its entry, not by its claims.
    const cert = await again.services.getCertificate({ entryHash: forged.hash });
    expect(cert.verified).toBe(false);
    expect(cert.completedAt).toBe(forged.ts);
  });
});
