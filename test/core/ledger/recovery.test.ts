// Torn tails are cut back (bytes kept in a sidecar); corruption opens read-only, untouched.
import { appendFileSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  encodeEntry,
  INCOMPLETE_TAIL_REASON,
  openLedger,
  readLedgerFile,
  readWorkspace,
  verifyWorkspace,
} from '../../../electron/core/ledger';
import {
  cleanupTempDirs,
  decoded,
  keyFileFor,
  makeLedger,
  readLines,
  runFixture,
  startedData,
  writeLines,
} from './helpers';
import { stewardWorkspace } from '../../../electron/core/events';

afterEach(cleanupTempDirs);

/** The bytes of what would have been the next line, cut after `keep` bytes. */
function partialNextLine(file: string, privateKeyPem: string, keep: number): Buffer {
  const lines = readLines(file);
  const last = decoded(lines[lines.length - 1] as string);
  const { line } = encodeEntry(
    {
      seq: last.seq + 1,
      ts: '2026-02-02T00:00:00.000Z',
      type: 'training.started',
      actor: last.actor,
      data: startedData('torn'),
      prev: last.hash,
    },
    privateKeyPem,
  );
  return Buffer.from(line).subarray(0, keep);
}

function sidecars(dir: string, profileId: string): string[] {
  return readdirSync(dir).filter((n) => n.startsWith(`${profileId}.jsonl.torn-`));
}

describe('a torn last line of our own ledger', () => {
  it('is moved to a sidecar and cut back on open; appending continues and verifies', async () => {
    const f = await makeLedger(4);
    const intact = readFileSync(f.file);
    const torn = partialNextLine(f.file, f.keys.privateKeyPem, 137);
    appendFileSync(f.file, torn);

    const ledger = await openLedger(f.ws, f.profileId, f.keys.privateKeyPem);
    expect(ledger.readOnly).toBeNull();
    expect(ledger.head().seq).toBe(4);
    expect(readFileSync(f.file).equals(intact)).toBe(true);
    const side = sidecars(f.ws.ledgersDir, f.profileId);
    expect(side).toHaveLength(1);
    expect(side[0]).toMatch(/\.jsonl\.torn-\d{8}T\d{9}Z$/);
    expect(readFileSync(join(f.ws.ledgersDir, side[0] as string)).equals(torn)).toBe(true);

    const next = await ledger.append('training.started', startedData('after-repair'));
    expect(next.seq).toBe(5);
    await ledger.close();
    const report = await verifyWorkspace(stewardWorkspace(f.ws.dir), { depth: 'full' });
    expect(report).toMatchObject({ ok: true, problems: [] });
    expect(report.ledgers[0]?.entries).toBe(5);
  });

  it('a complete line missing only its newline is also torn (never acknowledged)', async () => {
    const f = await makeLedger(2);
    const full = partialNextLine(f.file, f.keys.privateKeyPem, 10_000);
    appendFileSync(f.file, full.subarray(0, full.length - 1));
    const ledger = await openLedger(f.ws, f.profileId, f.keys.privateKeyPem);
    expect(ledger.head().seq).toBe(2);
    expect((await ledger.append('training.started', startedData('next'))).seq).toBe(3);
    await ledger.close();
    expect((await verifyWorkspace(stewardWorkspace(f.ws.dir))).ok).toBe(true);
  });
});

describe("another writer's unfinished last line", () => {
  it('is not read: a warning, the rest is read, ok stays true, nothing is changed', async () => {
    const f = await makeLedger(5);
    appendFileSync(f.file, partialNextLine(f.file, f.keys.privateKeyPem, 61));
    const before = readFileSync(f.file);
    const read = await readLedgerFile(f.ws, f.rel, { depth: 'full' });
    expect(read.incompleteTail).toBe(true);
    expect(read.entries).toHaveLength(5);
    expect(read.problems).toMatchObject([
      { file: f.rel, seq: 6, reason: INCOMPLETE_TAIL_REASON, severity: 'warning' },
    ]);
    for (const depth of ['quick', 'full'] as const) {
      const { report } = await readWorkspace(f.ws, { depth });
      expect(report.ok).toBe(true);
      expect(report.ledgers[0]).toMatchObject({ ok: true, entries: 5 });
      expect(report.problems).toHaveLength(1);
    }
    expect(readFileSync(f.file).equals(before)).toBe(true);
    expect(sidecars(f.ws.ledgersDir, f.profileId)).toEqual([]);
  });
});

describe('corruption', () => {
  it('in the middle: opens read-only naming file and seq, refuses appends, changes no byte', async () => {
    const f = await makeLedger(6);
    const lines = readLines(f.file);
    lines[2] = (lines[2] as string).replace('"moduleId":"m-3"', '"moduleId":"m-x"');
    writeLines(f.file, lines);
    // A torn tail after corruption must not be "repaired" either.
    appendFileSync(f.file, '{"actor":"half');
    const before = readFileSync(f.file);

    const ledger = await openLedger(f.ws, f.profileId, f.keys.privateKeyPem);
    expect(ledger.readOnly).toMatchObject({
      file: f.rel,
      seq: 3,
      reason: expect.stringMatching(/does not match its hash/),
    });
    expect(ledger.head().seq).toBe(2);
    await expect(ledger.append('training.started', startedData('next'))).rejects.toMatchObject({
      code: 'LEDGER_READ_ONLY',
      message: expect.stringMatching(new RegExp(`${f.rel}.*entry 3`)),
    });
    await ledger.close();
    expect(readFileSync(f.file).equals(before)).toBe(true);
    expect(sidecars(f.ws.ledgersDir, f.profileId)).toEqual([]);
  });

  it('an invalid last complete line is corruption too', async () => {
    const f = await makeLedger(3);
    const lines = readLines(f.file);
    lines[2] = (lines[2] as string).slice(0, 80) + (lines[2] as string).slice(81);
    writeLines(f.file, lines);
    const before = readFileSync(f.file);
    const ledger = await openLedger(f.ws, f.profileId, f.keys.privateKeyPem);
    expect(ledger.readOnly).toMatchObject({ file: f.rel, seq: 3 });
    await expect(ledger.append('training.started', startedData('next'))).rejects.toMatchObject({
      code: 'LEDGER_READ_ONLY',
    });
    await ledger.close();
    expect(readFileSync(f.file).equals(before)).toBe(true);
  });

  it('a bad last signature makes it read-only as well', async () => {
    const f = await makeLedger(3);
    const text = readFileSync(f.file, 'utf8');
    const at = text.lastIndexOf('"sig":"') + 12;
    writeFileSync(f.file, text.slice(0, at) + (text[at] === 'Q' ? 'R' : 'Q') + text.slice(at + 1));
    const ledger = await openLedger(f.ws, f.profileId, f.keys.privateKeyPem);
    expect(ledger.readOnly).toMatchObject({
      file: f.rel,
      seq: 3,
      reason: expect.stringMatching(/signature/),
    });
    await ledger.close();
  });
});

describe('a write that fails partway', () => {
  it.skipIf(process.platform === 'win32')(
    'is rolled back so no half entry remains (file size limit hit mid-line)',
    async () => {
      const f = await makeLedger(1);
      const limitKb = 24;
      const child = runFixture(
        'append-loop.ts',
        [f.ws.dir, f.profileId, keyFileFor(f.keys), 'loop', 'forever'],
        {
          fileSizeLimitKb: limitKb,
        },
      );
      const { code } = await child.exited;
      expect(code, child.stderr()).toBe(1);
      const last = child.lines[child.lines.length - 1] as string;
      expect(last).toMatch(
        /^error WORKSPACE_NOT_WRITABLE Steward could not save entry \d+ to ledgers\/p[0-9a-f]{20}\.jsonl: the file is larger than this system allows\. Nothing was recorded\.$/,
      );
      const acked = child.lines.filter((l) => l.startsWith('ack ')).length;
      expect(acked).toBeGreaterThan(10);
      const bytes = readFileSync(f.file);
      expect(bytes.length).toBeLessThanOrEqual(limitKb * 1024);
      expect(bytes[bytes.length - 1]).toBe(0x0a);
      const read = await readLedgerFile(f.ws, f.rel, { depth: 'full' });
      expect(read.problems).toEqual([]);
      expect(read.entries).toHaveLength(acked + 1);
      // Without the limit, appending carries on from there.
      const ledger = await openLedger(f.ws, f.profileId, f.keys.privateKeyPem);
      expect(ledger.readOnly).toBeNull();
      expect((await ledger.append('training.started', startedData('next'))).seq).toBe(acked + 2);
      await ledger.close();
      expect(statSync(f.file).size).toBeGreaterThan(bytes.length);
    },
  );
});
