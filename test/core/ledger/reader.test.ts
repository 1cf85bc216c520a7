// The incremental workspace reader: unchanged files are not read again, appends are read from
// where the last read stopped and must chain on the verified head, anything else is re-read from
// genesis; what it returns is what readWorkspace returns. Entries read from disk parse their data
// on first read but behave like plain objects.
import {
  appendFileSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  truncateSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createWorkspaceReader,
  entryCount,
  openLedger,
  readWorkspace,
  verifyWorkspace,
} from '../../../electron/core/ledger';
import type { LedgerRead } from '../../../electron/core/ledger';
import { nodeReaderFs, type ReaderFs } from '../../../electron/core/ledger/reader';
import {
  cleanupTempDirs,
  type Fixture,
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

  it('shows what it verified after an earlier line is edited in place and a real append follows, and reports the edit at the recheck', async () => {
    const f = await makeLedger(6);
    let now = 0;
    const reader = createWorkspaceReader(f.ws, { clock: () => now, recheckAfterMs: 60_000 });
    expect((await reader.read()).report.ok).toBe(true);
    // The app holds the ledger open; meanwhile entry 3's data is changed in place (same
    // length), and then the app appends as usual: to a stat, pure growth.
    const ledger = await openLedger(f.ws, f.profileId, f.keys.privateKeyPem, { now: testClock });
    const lines = readLines(f.file);
    lines[2] = (lines[2] as string).replace('"m-3"', '"m-4"');
    writeLines(f.file, lines);
    await ledger.append('training.started', startedData(7));
    await ledger.close();
    // Read from its head, the ledger chains on: the reader shows the entries it verified (entry 3
    // as it was, never the edited bytes), while a full verification of the disk names entry 3.
    const hidden = await reader.read();
    expect(hidden.report.ok).toBe(true);
    const entries = (hidden.ledgers[0] as LedgerRead).entries;
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(entries[2]?.data).toEqual(startedData(3));
    const verified = await verifyWorkspace(f.ws, { depth: 'quick' });
    expect(verified.problems[0]).toMatchObject({ file: f.rel, seq: 3, severity: 'error' });
    // Before the recheck is due, nothing changes; once it is, the ledger is read from genesis
    // (it did not change again) and the edit is named.
    now = 59_999;
    expect((await reader.read()).report.ok).toBe(true);
    now = 60_000;
    const after = await reader.read();
    expect(after.report.ok).toBe(false);
    expect(after.report.problems[0]).toMatchObject({ file: f.rel, seq: 3 });
    expect(after.report.problems[0]?.reason).toMatch(/does not match its hash/);
    expect((await reader.read()).report.problems[0]).toMatchObject({ file: f.rel, seq: 3 });
  });

  it('reports an in-place edit hidden by an append at once when asked to recheck', async () => {
    const f = await makeLedger(6);
    const reader = createWorkspaceReader(f.ws, { clock: () => 0 });
    await reader.read();
    const ledger = await openLedger(f.ws, f.profileId, f.keys.privateKeyPem, { now: testClock });
    const lines = readLines(f.file);
    lines[1] = (lines[1] as string).replace('"m-2"', '"m-9"');
    writeLines(f.file, lines);
    await ledger.append('training.started', startedData(7));
    await ledger.close();
    expect((await reader.read()).report.ok).toBe(true);
    reader.recheck();
    const after = await reader.read();
    expect(after.report.problems[0]).toMatchObject({ file: f.rel, seq: 2, severity: 'error' });
  });

  it('catches a last verified line cut back and written again before a real append, from genesis', async () => {
    const f = await makeLedger(4);
    const reader = createWorkspaceReader(f.ws, { clock: () => 0 });
    expect((await reader.read()).report.ok).toBe(true);
    const ledger = await openLedger(f.ws, f.profileId, f.keys.privateKeyPem, { now: testClock });
    // Entry 4, the verified head, is cut off and written again with other data (same length);
    // the app, holding its head in memory, appends entry 5 on the real entry 4's hash. Read
    // from the head, entry 5 chains on; only the re-read last line shows the change.
    const lines = readLines(f.file);
    truncateSync(f.file, lines.slice(0, 3).join('\n').length + 1);
    appendFileSync(f.file, `${(lines[3] as string).replace('"m-4"', '"m-8"')}\n`);
    await ledger.append('training.started', startedData(5));
    await ledger.close();
    const after = await reader.read();
    expect(after.report.ok).toBe(false);
    expect(after.report.problems[0]).toMatchObject({ file: f.rel, seq: 4 });
    expect(after.report.problems[0]?.reason).toMatch(/does not match its hash/);
    expect(after.ledgers[0]?.entries.map((e) => e.seq)).toEqual([1, 2, 3]);
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

/** A pass-through ReaderFs that counts what the reader asks of the file system. */
function countingFs() {
  const ops = {
    lists: 0,
    stats: 0,
    /** Every open asked for (failed ones too: over a network each is a round trip). */
    opens: [] as string[],
    reads: [] as { file: string; position: number; bytes: number }[],
  };
  const files = new Map<number, string>();
  const fs: ReaderFs = {
    list: (dir) => {
      ops.lists++;
      return nodeReaderFs.list(dir);
    },
    statSync: (p) => {
      ops.stats++;
      return nodeReaderFs.statSync(p);
    },
    stat: (p) => {
      ops.stats++;
      return nodeReaderFs.stat(p);
    },
    open: (p) => {
      ops.opens.push(p);
      const fd = nodeReaderFs.open(p);
      files.set(fd, p);
      return fd;
    },
    read: (fd, buf, offset, length, position) => {
      const n = nodeReaderFs.read(fd, buf, offset, length, position);
      ops.reads.push({ file: files.get(fd) as string, position, bytes: n });
      return n;
    },
    close: (fd) => {
      files.delete(fd);
      nodeReaderFs.close(fd);
    },
  };
  const reset = () => {
    ops.lists = 0;
    ops.stats = 0;
    ops.opens.length = 0;
    ops.reads.length = 0;
  };
  return { fs, ops, reset };
}

const size = (file: string) => statSync(file).size;
const keyFile = (f: Fixture) => join(f.ws.keysDir, `${f.profileId}.pub`);

describe('createWorkspaceReader: file operations per read', () => {
  it('unchanged: one listing and one stat per ledger, nothing opened; grown: only its tail and last line', async () => {
    const a = await makeLedger(5);
    const b = await makeLedger(3, a.ws);
    const c = await makeLedger(4, a.ws);
    const { fs, ops, reset } = countingFs();
    const reader = createWorkspaceReader(a.ws, { fs, clock: () => 0 });
    await reader.read();
    // The first read: each ledger and its key file, once.
    expect(ops).toMatchObject({ lists: 1, stats: 3 });
    expect(ops.opens).toHaveLength(6);
    for (const f of [a, b, c]) expect(ops.opens).toContain(f.file);

    reset();
    const again = await reader.read();
    expect(again.report.ok).toBe(true);
    expect(ops).toEqual({ lists: 1, stats: 3, opens: [], reads: [] });

    // b grows by two entries: its file is opened once and read from its last verified line;
    // its key file is read again; a and c are not opened.
    const lastLine = readLines(b.file)[2] as string;
    const before = size(b.file);
    const ledger = await openLedger(b.ws, b.profileId, b.keys.privateKeyPem, { now: testClock });
    await ledger.append('training.started', startedData('b4'));
    await ledger.append('training.started', startedData('b5'));
    await ledger.close();
    const grownSize = size(b.file);
    reset();
    const grown = await reader.read();
    expect(grown.report.ok).toBe(true);
    expect(grown.ledgers.find((l) => l.profileId === b.profileId)?.entries.map((e) => e.seq)).toEqual([
      1, 2, 3, 4, 5,
    ]);
    expect(ops.lists).toBe(1);
    expect(ops.stats).toBe(3);
    expect(ops.opens.toSorted()).toEqual([b.file, keyFile(b)].toSorted());
    const ledgerReads = ops.reads.filter((r) => r.file === b.file);
    const tailStart = before - Buffer.byteLength(lastLine) - 1;
    expect(ledgerReads).toEqual([{ file: b.file, position: tailStart, bytes: grownSize - tailStart }]);

    reset();
    await reader.read();
    expect(ops).toEqual({ lists: 1, stats: 3, opens: [], reads: [] });
  });

  it('reads a ledger that grew again when the recheck is due, and only that one', async () => {
    const a = await makeLedger(3);
    const b = await makeLedger(3, a.ws);
    const { fs, ops, reset } = countingFs();
    let now = 0;
    const reader = createWorkspaceReader(a.ws, { fs, clock: () => now, recheckAfterMs: 1000 });
    await reader.read();
    const ledger = await openLedger(b.ws, b.profileId, b.keys.privateKeyPem, { now: testClock });
    await ledger.append('training.started', startedData('b4'));
    await ledger.close();
    now = 10;
    await reader.read(); // b read by its tail at 10: rechecked from 1010 on
    now = 1009;
    reset();
    await reader.read();
    expect(ops.opens).toEqual([]);
    now = 1010;
    reset();
    const rechecked = await reader.read();
    expect(rechecked.report.ok).toBe(true);
    expect(ops.opens.toSorted()).toEqual([b.file, keyFile(b)].toSorted());
    expect(ops.reads.filter((r) => r.file === b.file)).toEqual([
      { file: b.file, position: 0, bytes: size(b.file) },
    ]);
    reset();
    now = 100_000;
    await reader.read();
    expect(ops.opens).toEqual([]);
  });

  it('reads a file replaced by another from genesis, even when it holds the same bytes and more', async () => {
    const f = await makeLedger(4);
    const { fs, ops, reset } = countingFs();
    const reader = createWorkspaceReader(f.ws, { fs, clock: () => 0 });
    await reader.read();
    // What a sync client does: a new file with the grown content, renamed over the old one.
    const ledger = await openLedger(f.ws, f.profileId, f.keys.privateKeyPem, { now: testClock });
    await ledger.append('training.started', startedData(5));
    await ledger.close();
    const tmp = `${f.file}.sync`;
    writeFileSync(tmp, readFileSync(f.file));
    renameSync(tmp, f.file);
    reset();
    const after = await reader.read();
    expect(after.report.ok).toBe(true);
    expect(entryCount(after.ledgers[0] as LedgerRead)).toBe(5);
    expect(ops.reads.filter((r) => r.file === f.file)).toEqual([
      { file: f.file, position: 0, bytes: size(f.file) },
    ]);
  });

  it('reads from genesis a grown file whose mtime was set back', async () => {
    const f = await makeLedger(4);
    const { fs, ops, reset } = countingFs();
    const reader = createWorkspaceReader(f.ws, { fs, clock: () => 0 });
    await reader.read();
    const then = statSync(f.file).mtime;
    const ledger = await openLedger(f.ws, f.profileId, f.keys.privateKeyPem, { now: testClock });
    await ledger.append('training.started', startedData(5));
    await ledger.close();
    utimesSync(f.file, then, new Date(then.getTime() - 60_000));
    reset();
    await reader.read();
    expect(ops.reads.filter((r) => r.file === f.file)).toEqual([
      { file: f.file, position: 0, bytes: size(f.file) },
    ]);
  });
  it('on a slow file system, stats the rest a few at a time through the thread pool, still one per ledger', async () => {
    const first = await makeLedger(1);
    for (let i = 0; i < 11; i++) await makeLedger(1, first.ws);
    const sync: string[] = [];
    const pooled: string[] = [];
    const sleep = new Int32Array(new SharedArrayBuffer(4));
    const slowFs: ReaderFs = {
      ...nodeReaderFs,
      statSync: (p) => {
        sync.push(p);
        Atomics.wait(sleep, 0, 0, 2); // a 2 ms round trip
        return nodeReaderFs.statSync(p);
      },
      stat: (p) => {
        pooled.push(p);
        return nodeReaderFs.stat(p);
      },
    };
    const reader = createWorkspaceReader(first.ws, { fs: slowFs, clock: () => 0 });
    expect((await reader.read()).ledgers).toHaveLength(12);
    expect(sync).toHaveLength(8);
    expect(pooled).toHaveLength(4);
    expect(new Set([...sync, ...pooled]).size).toBe(12);
  });

  it('reads again a file edited in place at the same size with its mtime set back (its ctime moved)', async () => {
    const f = await makeLedger(5);
    const reader = createWorkspaceReader(f.ws, { clock: () => 0 });
    expect((await reader.read()).report.ok).toBe(true);
    const ref = `${f.file}.times`;
    execFileSync('touch', ['-r', f.file, ref]); // keeps the times to the nanosecond
    const before = statSync(f.file);
    await new Promise((r) => setTimeout(r, 20)); // past the file system's clock tick
    const lines = readLines(f.file);
    lines[3] = (lines[3] as string).replace('"m-4"', '"m-6"');
    writeLines(f.file, lines);
    execFileSync('touch', ['-r', ref, f.file]);
    rmSync(ref);
    const edited = statSync(f.file);
    expect([edited.size, edited.mtimeMs, edited.ino]).toEqual([before.size, before.mtimeMs, before.ino]);
    expect(edited.ctimeMs).toBeGreaterThan(before.ctimeMs);
    const after = await reader.read();
    expect(after.report.problems[0]).toMatchObject({ file: f.rel, seq: 4, severity: 'error' });
  });
});

describe('createWorkspaceReader: key files', () => {
  it('does not read a key file again while its ledger is unchanged; a swap shows in a full verification, then when the ledger changes', async () => {
    const f = await makeLedger(3);
    const other = await makeLedger(1, f.ws);
    const { fs, ops, reset } = countingFs();
    const reader = createWorkspaceReader(f.ws, { fs, clock: () => 0 });
    expect((await reader.read()).report.ok).toBe(true);
    // f's key file now holds the other profile's key. The reader, which checks signatures
    // against the genesis key, shows the same verified entries without opening it.
    writeFileSync(keyFile(f), readFileSync(keyFile(other)));
    reset();
    const unchanged = await reader.read();
    expect(unchanged.report.ok).toBe(true);
    expect(ops.opens).toEqual([]);
    const full = await verifyWorkspace(f.ws);
    expect(full.problems).toMatchObject([
      { file: f.rel, seq: 1, reason: expect.stringMatching(/key swapped/) },
    ]);
    // Once the ledger changes, its key file is read again and the swap is reported.
    const ledger = await openLedger(f.ws, f.profileId, f.keys.privateKeyPem, { now: testClock });
    await ledger.append('training.started', startedData(4));
    await ledger.close();
    const changed = await reader.read();
    expect(changed.report.problems).toMatchObject([
      { file: f.rel, seq: 1, severity: 'error', reason: expect.stringMatching(/key swapped/) },
    ]);
    expect(changed.report.ledgers.find((l) => l.profileId === f.profileId)?.entries).toBe(4);
    // Put back: reported fixed at the next read, though the ledger did not change again.
    writeFileSync(keyFile(f), `${f.keys.publicKey}\n`);
    expect((await reader.read()).report.ok).toBe(true);
  });

  it('reads a missing key file again on every read until it arrives (a sync client may bring the ledger first)', async () => {
    const f = await makeLedger(2);
    const text = readFileSync(keyFile(f), 'utf8');
    rmSync(keyFile(f));
    const { fs, ops, reset } = countingFs();
    const reader = createWorkspaceReader(f.ws, { fs, clock: () => 0 });
    expect((await reader.read()).report.problems).toMatchObject([
      { file: f.rel, severity: 'error', reason: expect.stringMatching(/is missing/) },
    ]);
    reset();
    expect((await reader.read()).report.ok).toBe(false);
    expect(ops.opens).toEqual([keyFile(f)]);
    writeFileSync(keyFile(f), text);
    const arrived = await reader.read();
    expect(arrived.report.ok).toBe(true);
    reset();
    await reader.read();
    expect(ops.opens).toEqual([]);
  });
});
