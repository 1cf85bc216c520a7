// createLedger is all or nothing: a crash at any step leaves no ledger or a complete one.
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createLedger,
  encodeEntry,
  fingerprintOf,
  generateProfileKeys,
  GENESIS_PREV,
  openLedger,
  profileIdFor,
  readWorkspace,
  verifyWorkspace,
} from '../../../electron/core/ledger';
import { cleanupTempDirs, keyFileFor, runFixture, startedData, tempDir } from './helpers';
import { openStewardWorkspace, stewardWorkspace } from '../../../electron/core/events';

afterEach(cleanupTempDirs);

const profile = { name: 'Crash Test', email: 'crash@example.org', team: 'QA' };

describe('createLedger all-or-nothing', () => {
  it('ignores a leftover temp file from an interrupted create, and creating again works', async () => {
    const ws = await openStewardWorkspace(tempDir());
    const keys = generateProfileKeys();
    const id = profileIdFor(keys.publicKey);
    const { line } = encodeEntry(
      {
        seq: 1,
        ts: '2026-01-01T00:00:00.000Z',
        type: 'profile.created',
        actor: id,
        data: { ...profile, publicKey: keys.publicKey, fingerprint: fingerprintOf(keys.publicKey) },
        prev: GENESIS_PREV,
      },
      keys.privateKeyPem,
    );
    const leftover = join(ws.ledgersDir, `.${id}.jsonl.4242-deadbeef.tmp`);
    writeFileSync(leftover, line);
    expect((await readWorkspace(ws, { depth: 'full' })).ledgers).toEqual([]);
    expect(await verifyWorkspace(stewardWorkspace(ws.dir))).toMatchObject({ ok: true, ledgers: [] });
    await expect(openLedger(ws, id, keys.privateKeyPem)).rejects.toMatchObject({ code: 'PROFILE_NOT_FOUND' });
    await createLedger(ws, keys, profile);
    expect(existsSync(leftover)).toBe(false);
    expect(await verifyWorkspace(stewardWorkspace(ws.dir))).toMatchObject({
      ok: true,
      ledgers: [{ profileId: id, entries: 1 }],
    });
  });

  for (const step of ['key-written', 'ledger-temp-written', 'ledger-committed'] as const) {
    it(`a process killed right after "${step}" leaves ${step === 'ledger-committed' ? 'a complete ledger' : 'no ledger'}`, async () => {
      const ws = await openStewardWorkspace(tempDir());
      const keys = generateProfileKeys();
      const id = profileIdFor(keys.publicKey);
      const child = runFixture('create-crash.ts', [ws.dir, keyFileFor(keys), step]);
      const { signal } = await child.exited;
      expect(signal, child.stderr()).toBe('SIGKILL');
      expect(child.lines).toEqual([]);

      const report = await verifyWorkspace(stewardWorkspace(ws.dir), { depth: 'full' });
      expect(report.ok).toBe(true);
      const ledgerFiles = readdirSync(ws.ledgersDir).filter((n) => n.endsWith('.jsonl'));
      if (step === 'ledger-committed') {
        expect(ledgerFiles).toEqual([`${id}.jsonl`]);
        expect(report.ledgers).toMatchObject([{ profileId: id, entries: 1, ok: true }]);
        await expect(createLedger(ws, keys, profile)).rejects.toMatchObject({ code: 'PROFILE_EXISTS' });
        // The creator's lock was left behind by the dead process: it is stale and taken over.
        const ledger = await openLedger(ws, id, keys.privateKeyPem);
        expect((await ledger.append('training.started', startedData('after'))).seq).toBe(2);
        await ledger.close();
      } else {
        expect(ledgerFiles).toEqual([]);
        expect(report.ledgers).toEqual([]);
        const { entry } = await createLedger(ws, keys, profile);
        expect(entry.seq).toBe(1);
        expect(readdirSync(ws.ledgersDir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
      }
      expect(await verifyWorkspace(stewardWorkspace(ws.dir))).toMatchObject({
        ok: true,
        ledgers: [{ profileId: id, ok: true }],
      });
    });
  }
});
