// The incremental workspace reader: unchanged files are not read again, appends are read from
// where the last read stopped and must chain on the verified head, anything else is re-read from
// genesis; what it returns is what readWorkspace returns. Entries read from disk parse their data
// on first read but behave like plain objects.
import { appendFileSync, truncateSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createWorkspaceReader, entryCount, openLedger, readWorkspace } from '../../../electron/core/ledger';
import type { LedgerRead } from '../../../electron/core/ledger';
import {
  cleanupTempDirs,
  decoded,
  makeLedger,
  readLines,
  startedData,
  testClock,
  writeLines,
} from './helpers';

afterEach(cleanupTempDirs);

const plain = (x: unknown) => JSON.parse(JSON.stringify(x)) as unknown;

describe('createWorkspaceReader', () => {
  it('reads only what was appended and matches readWorkspace', async () => {
    const a = await makeLedger(5);
    const b = await makeLedger(3, a.ws);
    const reader = createWorkspaceReader(a.ws);
    const first = await reader.read();
    expect(first.report.ok).toBe(true);
    const ledger = await openLedger(a.ws, a.profileId, a.keys.privateKeyPem, { now: testClock });
    for (let i = 6; i <= 9; i++) await ledger.append('training.started', startedData(i));
    await ledger.close();
    const second = await reader.read();
    const full = await readWorkspace(a.ws, { depth: 'quick' });
    expect(second.report.ok).toBe(true);
    expect(plain(second.ledgers)).toEqual(plain(full.ledgers));
    const readA = second.ledgers.find((l) => l.profileId === a.profileId);
    expect(readA?.entries.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    // The unchanged ledger is the very same read as before.
    const readB = (r: typeof first) => r.ledgers.find((l) => l.profileId === b.profileId);
    expect(readB(second)).toBe(readB(first));
  });

  it('notices a tampered appended entry, and a rewritten file', async () => {
    const f = await makeLedger(4);
    const reader = createWorkspaceReader(f.ws);
    expect((await reader.read()).report.ok).toBe(true);
    const ledger = await openLedger(f.ws, f.profileId, f.keys.privateKeyPem, { now: testClock });
    await ledger.append('training.started', startedData('x'));
    await ledger.append('training.started', startedData('y'));
    await ledger.close();
    const lines = readLines(f.file);
    lines[4] = (lines[4] as string).replace('"m-x"', '"m-z"');
    writeLines(f.file, lines);
    const tampered = await reader.read();
    expect(tampered.report.ok).toBe(false);
    expect(tampered.report.problems[0]).toMatchObject({ file: f.rel, seq: 5 });
    // Cut back and grown again with a line that does not chain on: caught from genesis.
    truncateSync(f.file, readLines(f.file).slice(0, 3).join('\n').length + 1);
    appendFileSync(f.file, `${lines[4] as string}\n`);
    const rewritten = await reader.read();
    expect(rewritten.report.ok).toBe(false);
    expect(rewritten.report.problems[0]).toMatchObject({ seq: 4 });
  });

  it('notices an earlier line edited in place when a real append follows before the next read', async () => {
    const f = await makeLedger(6);
    const reader = createWorkspaceReader(f.ws);
    expect((await reader.read()).report.ok).toBe(true);
    // The app holds the ledger open; meanwhile entry 3's data is changed in place (same
    // length), and then the app appends as usual.
    const ledger = await openLedger(f.ws, f.profileId, f.keys.privateKeyPem, { now: testClock });
    const lines = readLines(f.file);
    lines[2] = (lines[2] as string).replace('"m-3"', '"m-4"');
    writeLines(f.file, lines);
    await ledger.append('training.started', startedData(7));
    await ledger.close();
    const after = await reader.read();
    expect(after.report.ok).toBe(false);
    expect(after.report.problems[0]).toMatchObject({ file: f.rel, seq: 3 });
    expect(after.report.problems[0]?.reason).toMatch(/does not match its hash/);
  });

  it('reads a torn tail as not yet written, then the completed line', async () => {
    const f = await makeLedger(3);
    const reader = createWorkspaceReader(f.ws);
    await reader.read();
    const ledger = await openLedger(f.ws, f.profileId, f.keys.privateKeyPem, { now: testClock });
    await ledger.append('training.started', startedData(4));
    await ledger.close();
    const line4 = readLines(f.file)[3] as string;
    truncateSync(f.file, readLines(f.file).slice(0, 3).join('\n').length + 1);
    appendFileSync(f.file, line4.slice(0, 50));
    const torn = await reader.read();
    expect(torn.ledgers[0]?.entries).toHaveLength(3);
    expect(torn.report.problems).toMatchObject([{ seq: 4, severity: 'warning' }]);
    appendFileSync(f.file, `${line4.slice(50)}\n`);
    const whole = await reader.read();
    expect(whole.report.ok).toBe(true);
    expect(whole.report.problems).toEqual([]);
    expect(whole.ledgers[0]?.entries).toHaveLength(4);
  });

  it('many appends, each read before the next, make one flat list of entries when asked', async () => {
    const f = await makeLedger(2);
    const reader = createWorkspaceReader(f.ws);
    await reader.read();
    const ledger = await openLedger(f.ws, f.profileId, f.keys.privateKeyPem, { now: testClock });
    let last: LedgerRead | undefined;
    for (let i = 3; i <= 60; i++) {
      await ledger.append('training.started', startedData(i));
      const { ledgers, report } = await reader.read();
      expect(report.ok).toBe(true);
      last = ledgers[0] as LedgerRead;
      expect(entryCount(last)).toBe(i); // counted without making the entries
    }
    await ledger.close();
    const read = last as LedgerRead;
    expect(read.entries.map((e) => e.seq)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    expect(plain(read.entries)).toEqual(readLines(f.file).map((l) => plain(decoded(l))));
    // Growing again after the entries were made starts from the made list.
    const again = await openLedger(f.ws, f.profileId, f.keys.privateKeyPem, { now: testClock });
    await again.append('training.started', startedData(61));
    await again.close();
    const grown = (await reader.read()).ledgers[0] as LedgerRead;
    expect(grown.entries).toHaveLength(61);
    expect(grown.entries[59]).toBe(read.entries[59]);
    expect(grown.headHash).toBe(grown.entries[60]?.hash);
  });

  it('gives entries that spread, serialise and compare like plain objects', async () => {
    const f = await makeLedger(3);
    const { ledgers } = await readWorkspace(f.ws, { depth: 'quick' });
    const e = ledgers[0]?.entries[2];
    if (!e) throw new Error('no entry');
    expect(Object.keys(e).sort()).toEqual(['actor', 'data', 'hash', 'prev', 'seq', 'sig', 'ts', 'type']);
    expect({ ...e }.data).toEqual(startedData(3));
    expect(plain(e)).toEqual({ ...e });
    expect(structuredClone(e)).toEqual({ ...e });
    expect(e).toEqual({ ...e });
  });
});
