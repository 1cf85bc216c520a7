import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createLedger,
  fingerprintOf,
  generateProfileKeys,
  GENESIS_PREV,
  openLedger,
  readLedgerFile,
  readWorkspace,
  verifyWorkspace,
} from '../../../electron/core/ledger';
import type { LedgerEntry } from '../../../electron/core/ledger';
import { cleanupTempDirs, makeLedger, readLines, startedData, tempDir, testClock } from './helpers';
import { STEWARD_EVENTS, openStewardWorkspace, stewardWorkspace } from '../../../electron/core/events';

afterEach(cleanupTempDirs);

describe('openWorkspace', () => {
  it('creates ledgers/, keys/ and imports/ and leaves no probe behind', async () => {
    const dir = join(tempDir(), 'nested', 'workspace');
    const ws = await openStewardWorkspace(dir);
    expect(ws).toEqual({
      dir,
      ledgersDir: join(dir, 'ledgers'),
      keysDir: join(dir, 'keys'),
      importsDir: join(dir, 'imports'),
      events: STEWARD_EVENTS,
    });
    for (const d of [ws.ledgersDir, ws.keysDir, ws.importsDir]) expect(existsSync(d)).toBe(true);
    const { readdirSync } = await import('node:fs');
    expect(readdirSync(ws.ledgersDir)).toEqual([]);
    expect(readdirSync(ws.keysDir)).toEqual([]);
  });

  it('says in plain words when the workspace is not a folder', async () => {
    const file = join(tempDir(), 'a-file');
    writeFileSync(file, 'x');
    await expect(openStewardWorkspace(file)).rejects.toMatchObject({
      code: 'WORKSPACE_NOT_WRITABLE',
      message: `Steward cannot write to ${file}: not a folder.`,
    });
    await expect(openStewardWorkspace(join(file, 'sub'))).rejects.toMatchObject({
      code: 'WORKSPACE_NOT_WRITABLE',
      message: expect.stringMatching(/not a folder/),
    });
  });

  it('fails when ledgers/ is a file rather than a folder', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'ledgers'), 'not a folder');
    await expect(openStewardWorkspace(dir)).rejects.toMatchObject({ code: 'WORKSPACE_NOT_WRITABLE' });
  });
});

describe('create, append, reopen, verify', () => {
  it('round-trips entries through the file and verifies at both depths', async () => {
    const ws = await openStewardWorkspace(tempDir());
    const keys = generateProfileKeys();
    const created = await createLedger(
      ws,
      keys,
      { name: 'Grace Hopper', email: 'grace@example.org', team: 'Compilers' },
      { now: () => new Date('2026-03-01T10:00:00.000Z') },
    );
    const { profileId, entry: genesis } = created;
    expect(genesis).toMatchObject({
      seq: 1,
      type: 'profile.created',
      actor: profileId,
      prev: GENESIS_PREV,
      ts: '2026-03-01T10:00:00.000Z',
      data: {
        name: 'Grace Hopper',
        email: 'grace@example.org',
        team: 'Compilers',
        publicKey: keys.publicKey,
        fingerprint: fingerprintOf(keys.publicKey),
      },
    });
    expect(readFileSync(join(ws.keysDir, `${profileId}.pub`), 'utf8')).toBe(`${keys.publicKey}\n`);

    const ledger = await openLedger(ws, profileId, keys.privateKeyPem, { now: testClock });
    expect(ledger.readOnly).toBeNull();
    expect(ledger.file).toBe(join(ws.ledgersDir, `${profileId}.jsonl`));
    expect(ledger.head()).toEqual({ seq: 1, hash: genesis.hash });
    const started = { moduleId: 'privacy-101', version: '1.0.0', contentHash: 'c'.repeat(64) };
    const a = await ledger.append('training.started', started);
    const b = await ledger.append('training.completed', {
      ...started,
      score: 90,
      passMark: 80,
      completedAt: '2026-01-01T00:00:00.000Z',
      expiresAt: '2027-01-01T00:00:00.000Z',
      attemptHash: 'a'.repeat(64),
    });
    expect(a).toMatchObject({ seq: 2, prev: genesis.hash, actor: profileId, type: 'training.started' });
    expect(b).toMatchObject({ seq: 3, prev: a.hash, data: { moduleId: 'privacy-101', score: 90 } });
    expect(ledger.head()).toEqual({ seq: 3, hash: b.hash });
    await ledger.close();

    for (const depth of ['quick', 'full'] as const) {
      const { ledgers, report } = await readWorkspace(ws, { depth });
      expect(report).toMatchObject({ ok: true, depth, problems: [] });
      expect(report.ledgers).toEqual([
        { file: `ledgers/${profileId}.jsonl`, profileId, entries: 3, headHash: b.hash, ok: true },
      ]);
      expect(ledgers[0]?.entries).toEqual([genesis, a, b]);
    }
    expect(await verifyWorkspace(stewardWorkspace(ws.dir))).toMatchObject({ ok: true, depth: 'full' });

    const again = await openLedger(ws, profileId, keys.privateKeyPem);
    expect(again.head()).toEqual({ seq: 3, hash: b.hash });
    const c = await again.append('review.commented', { reviewId: 'r1', version: 1, text: 'ok' });
    expect(c).toMatchObject({ seq: 4, prev: b.hash });
    await again.close();
    expect(readLines(ledger.file)).toHaveLength(4);
    expect((await readLedgerFile(ws, `ledgers/${profileId}.jsonl`, { depth: 'full' })).problems).toEqual([]);
  });

  it('stamps entries with the injected clock', async () => {
    const f = await makeLedger();
    const ledger = await openLedger(f.ws, f.profileId, f.keys.privateKeyPem, {
      now: () => new Date('2030-05-06T07:08:09.010Z'),
    });
    const e = await ledger.append('training.started', startedData('clock'));
    expect(e.ts).toBe('2030-05-06T07:08:09.010Z');
    await ledger.close();
  });

  it('notifies onAppend listeners until they unsubscribe', async () => {
    const f = await makeLedger();
    const ledger = await openLedger(f.ws, f.profileId, f.keys.privateKeyPem);
    const seen: LedgerEntry[] = [];
    const off = ledger.onAppend((e) => seen.push(e));
    ledger.onAppend(() => {
      throw new Error('a broken listener does not break appends');
    });
    const e2 = await ledger.append('training.started', startedData(2));
    off();
    await ledger.append('training.started', startedData(3));
    expect(seen).toEqual([e2]);
    await ledger.close();
  });

  it('serialises concurrent appends into one chain', async () => {
    const f = await makeLedger();
    const ledger = await openLedger(f.ws, f.profileId, f.keys.privateKeyPem);
    const results = await Promise.all(
      Array.from({ length: 25 }, (_, i) => ledger.append('training.started', startedData(i))),
    );
    expect(results.map((e) => e.seq)).toEqual(Array.from({ length: 25 }, (_, i) => i + 2));
    expect(results.map((e) => e.data.moduleId)).toEqual(Array.from({ length: 25 }, (_, i) => `m-${i}`));
    await ledger.close();
    const report = await verifyWorkspace(stewardWorkspace(f.ws.dir));
    expect(report.ok).toBe(true);
    expect(report.ledgers[0]?.entries).toBe(26);
  });

  it('rejects unknown event types and invalid data, naming type and field', async () => {
    const f = await makeLedger();
    const ledger = await openLedger(f.ws, f.profileId, f.keys.privateKeyPem);
    const append = ledger.append.bind(ledger) as (type: string, data: unknown) => Promise<unknown>;
    await expect(append('training.flew', {})).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringMatching(/training\.flew/),
    });
    await expect(append('review.commented', 'text')).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringMatching(/review\.commented/),
    });
    await expect(
      append('review.commented', { reviewId: 'r1', version: 1, text: 'x', note: undefined }),
    ).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringMatching(/review\.commented.*note/),
    });
    await expect(
      append('review.commented', { reviewId: 'r1', version: NaN, text: 'x' }),
    ).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringMatching(/review\.commented.*version/),
    });
    await expect(
      append('profile.created', { name: 'x', email: 'y', team: 'z', publicKey: 'k', fingerprint: 'f' }),
    ).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringMatching(/profile\.created.*publicKey/),
    });
    // Nothing was written, and the ledger still appends.
    expect(ledger.head().seq).toBe(1);
    expect((await ledger.append('review.commented', { reviewId: 'r1', version: 1, text: 'fine' })).seq).toBe(
      2,
    );
    await ledger.close();
    expect(readLines(f.file)).toHaveLength(2);
  });

  it('refuses a second ledger for the same profile', async () => {
    const f = await makeLedger(3);
    const before = readFileSync(f.file);
    await expect(
      createLedger(f.ws, f.keys, { name: 'Again', email: 'a@example.org', team: 'T' }),
    ).rejects.toMatchObject({ code: 'PROFILE_EXISTS' });
    expect(readFileSync(f.file).equals(before)).toBe(true);
  });

  it('refuses a private key that does not belong to the public key', async () => {
    const ws = await openStewardWorkspace(tempDir());
    const a = generateProfileKeys();
    const b = generateProfileKeys();
    await expect(
      createLedger(
        ws,
        { publicKey: a.publicKey, privateKeyPem: b.privateKeyPem },
        { name: 'N', email: 'e', team: 't' },
      ),
    ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('opening with the wrong private key fails with KEY_UNAVAILABLE and releases the lock', async () => {
    const f = await makeLedger(2);
    const other = generateProfileKeys();
    await expect(openLedger(f.ws, f.profileId, other.privateKeyPem)).rejects.toMatchObject({
      code: 'KEY_UNAVAILABLE',
    });
    const ledger = await openLedger(f.ws, f.profileId, f.keys.privateKeyPem);
    expect(ledger.head().seq).toBe(2);
    await ledger.close();
  });

  it('reports an unknown profile and a malformed id', async () => {
    const ws = await openStewardWorkspace(tempDir());
    const { privateKeyPem } = generateProfileKeys();
    await expect(openLedger(ws, 'p0123456789abcdef0123', privateKeyPem)).rejects.toMatchObject({
      code: 'PROFILE_NOT_FOUND',
    });
    await expect(openLedger(ws, '../etc/passwd', privateKeyPem)).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
  });

  it('restores its own missing public key file on open', async () => {
    const f = await makeLedger(2);
    const pub = join(f.ws.keysDir, `${f.profileId}.pub`);
    rmSync(pub);
    expect((await verifyWorkspace(stewardWorkspace(f.ws.dir))).ok).toBe(false);
    const ledger = await openLedger(f.ws, f.profileId, f.keys.privateKeyPem);
    await ledger.close();
    expect(readFileSync(pub, 'utf8')).toBe(`${f.keys.publicKey}\n`);
    expect((await verifyWorkspace(stewardWorkspace(f.ws.dir))).ok).toBe(true);
  });
});

describe('the lock', () => {
  it('refuses a second open in the same process with LEDGER_LOCKED until the first is closed', async () => {
    const f = await makeLedger();
    const first = await openLedger(f.ws, f.profileId, f.keys.privateKeyPem);
    const lockFile = join(f.ws.ledgersDir, `${f.profileId}.lock`);
    expect(JSON.parse(readFileSync(lockFile, 'utf8'))).toMatchObject({ pid: process.pid });
    const refused = openLedger(f.ws, f.profileId, f.keys.privateKeyPem);
    await expect(refused).rejects.toMatchObject({
      code: 'LEDGER_LOCKED',
      message: expect.stringContaining(`process ${process.pid}`),
    });
    await first.append('training.started', startedData('first'));
    await first.close();
    expect(existsSync(lockFile)).toBe(false);
    await expect(first.append('training.started', startedData('closed'))).rejects.toThrow(/closed/);
    const second = await openLedger(f.ws, f.profileId, f.keys.privateKeyPem);
    expect(second.head().seq).toBe(2);
    await second.close();
    await second.close(); // idempotent
  });

  it('close waits for pending appends', async () => {
    const f = await makeLedger();
    const ledger = await openLedger(f.ws, f.profileId, f.keys.privateKeyPem);
    const pending = [1, 2, 3].map((i) => ledger.append('training.started', startedData(i)));
    await ledger.close();
    await expect(Promise.all(pending)).resolves.toHaveLength(3);
    expect(readLines(f.file)).toHaveLength(4);
  });
});

describe('workspace reading', () => {
  it('ignores files in ledgers/ that are not named like a ledger', async () => {
    const f = await makeLedger(2);
    writeFileSync(join(f.ws.ledgersDir, 'notes.txt'), 'hello');
    writeFileSync(join(f.ws.ledgersDir, 'p123.jsonl'), 'garbage\n');
    writeFileSync(join(f.ws.ledgersDir, `${f.profileId}.jsonl.torn-20260101T000000000Z`), 'partial');
    writeFileSync(join(f.ws.ledgersDir, `.${f.profileId}.jsonl.1-ab.tmp`), 'temp');
    mkdirSync(join(f.ws.ledgersDir, 'sub'));
    const report = await verifyWorkspace(stewardWorkspace(f.ws.dir));
    expect(report.ok).toBe(true);
    expect(report.problems).toEqual([]);
    expect(report.ledgers.map((l) => l.profileId)).toEqual([f.profileId]);
  });

  it('verifies a missing or empty workspace without creating anything', async () => {
    const missing = join(tempDir(), 'nope');
    const report = await verifyWorkspace(stewardWorkspace(missing));
    expect(report.ok).toBe(false);
    expect(report.problems[0]).toMatchObject({ file: missing, seq: null, severity: 'error' });
    expect(existsSync(missing)).toBe(false);
    const empty = tempDir();
    expect(await verifyWorkspace(stewardWorkspace(empty))).toMatchObject({
      ok: true,
      ledgers: [],
      problems: [],
    });
  });
});
