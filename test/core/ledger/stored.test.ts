// Opening a ledger checks every line and makes no entry object until someone reads `entries`;
// the lines this app verified before are checked straight from their bytes (the fast path). The
// entries made are exactly the lines on disk, whether a line was read by the fast path or by
// the general decoder.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { entryCount, readWorkspace, verifyWorkspace } from '../../../electron/core/ledger';
import type { LedgerRead, Workspace } from '../../../electron/core/ledger';
import { memoryVerifiedHeads } from '../../../electron/core/ledger/verifiedHeads';
import { StoredEntry } from '../../../electron/core/ledger/stored';
import { scanLedger } from '../../../electron/core/ledger/scan';
import { cleanupTempDirs, decoded, makeLedger, readLines, rewriteFrom, writeLines } from './helpers';

afterEach(cleanupTempDirs);

const plain = (x: unknown) => JSON.parse(JSON.stringify(x)) as unknown;
const entriesAreMade = (read: LedgerRead) =>
  Object.getOwnPropertyDescriptor(read, 'entries')?.get === undefined;
/** `ws` with a memory of what it verified, filled by a first read: the next reads take the fast path. */
async function warmed(ws: Workspace): Promise<Workspace> {
  const withCache = { ...ws, verified: memoryVerifiedHeads() };
  await readWorkspace(withCache, { depth: 'quick' });
  return withCache;
}

describe('entries made on demand', () => {
  it('opening checks every line but makes the entries only when they are read', async () => {
    const f = await makeLedger(20);
    const { ledgers, report } = await readWorkspace(await warmed(f.ws), { depth: 'quick' });
    expect(report.ok).toBe(true);
    const read = ledgers[0] as LedgerRead;
    expect(entriesAreMade(read)).toBe(false);
    expect(entryCount(read)).toBe(20);
    expect(report.ledgers[0]?.entries).toBe(20);
    expect(read.headHash).toBe(decoded(readLines(f.file)[19] as string).hash);
    expect(entriesAreMade(read)).toBe(false);

    const entries = read.entries;
    expect(entriesAreMade(read)).toBe(true);
    expect(read.entries).toBe(entries); // made once
    expect(plain(entries)).toEqual(readLines(f.file).map((l) => plain(decoded(l))));
    // Each prev is the previous entry's hash string itself, not a copy.
    for (let i = 1; i < entries.length; i++) expect(entries[i]?.prev).toBe(entries[i - 1]?.hash);
    expect(entryCount(read)).toBe(20);
  });

  it('a read spreads, clones and serialises with its entries before they are made', async () => {
    const f = await makeLedger(6);
    const ws = await warmed(f.ws);
    const fresh = async () => (await readWorkspace(ws, { depth: 'quick' })).ledgers[0] as LedgerRead;
    const expected = readLines(f.file).map((l) => plain(decoded(l)));
    expect(plain(structuredClone(await fresh()).entries)).toEqual(expected);
    expect(plain({ ...(await fresh()) }.entries)).toEqual(expected);
    expect((plain(await fresh()) as { entries: unknown }).entries).toEqual(expected);
    const replaced = await fresh();
    replaced.entries = [];
    expect(entryCount(replaced)).toBe(0);
  });

  it('lines the fast path does not take, among lines it does, link and read the same', async () => {
    const f = await makeLedger(12);
    // Entry 6 gets a timestamp with a non-ASCII character that is still a date: the general
    // decoder reads it (the fast path takes plain ASCII only); the lines around it stay fast.
    const ts = 'Thu Jan 01 2026 00:00:00 GMT+0000 (é)';
    const lines = rewriteFrom(readLines(f.file), 5, (e) => ({ ...e, ts }), f.keys.privateKeyPem);
    writeLines(f.file, lines);
    const ws = await warmed(f.ws);
    const { ledgers, report } = await readWorkspace(ws, { depth: 'quick' });
    expect(report).toMatchObject({ ok: true, problems: [] });
    const read = ledgers[0] as LedgerRead;
    expect(read.headHash).toBe(decoded(lines[11] as string).hash);
    expect(plain(read.entries)).toEqual(lines.map((l) => plain(decoded(l))));
    expect(read.entries[5]?.ts).toBe(ts);
    // Made from the bytes (the fast path) except the first line of the file and entry 6.
    expect(read.entries.map((e) => e instanceof StoredEntry)).toEqual(
      lines.map((_, i) => i !== 0 && i !== 5),
    );

    // A changed byte just after the slow line is still caught, at its own seq.
    const tampered = [...lines];
    tampered[6] = (tampered[6] as string).replace('"m-7"', '"m-x"');
    writeLines(f.file, tampered);
    const bad = await verifyWorkspace(ws, { depth: 'quick' });
    expect(bad.ok).toBe(false);
    expect(bad.problems[0]).toMatchObject({ file: f.rel, seq: 7 });
    expect(bad.problems[0]?.reason).toMatch(/does not match its hash/);
  });

  it('a link broken between two fast lines is named at the right seq', async () => {
    const f = await makeLedger(10);
    const ws = await warmed(f.ws);
    const lines = readLines(f.file);
    // Entry 8 re-signed onto a prev that is not entry 7's hash: its own hash is right, the link is not.
    const relinked = rewriteFrom(lines, 7, (e) => ({ ...e, prev: 'a'.repeat(64) }), f.keys.privateKeyPem);
    writeLines(f.file, relinked);
    const { ledgers, report } = await readWorkspace(ws, { depth: 'quick' });
    expect(report.ok).toBe(false);
    expect(report.problems[0]).toMatchObject({ seq: 8 });
    expect(report.problems[0]?.reason).toMatch(/does not link to entry 7/);
    const read = ledgers[0] as LedgerRead;
    expect(entryCount(read)).toBe(7);
    expect(read.entries.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(read.headHash).toBe(decoded(lines[6] as string).hash);
  });
});

describe('a cold open (nothing verified before)', () => {
  it('checks every line in full but keeps each canonical line as its offset, not an entry object', async () => {
    const f = await makeLedger(30);
    const buf = readFileSync(f.file);
    const scan = scanLedger(buf, {
      profileId: f.profileId,
      keyFileText: null,
      depth: 'quick',
      events: f.ws.events,
    });
    expect(scan.broken).toBeNull();
    expect(scan.sigIndices).toHaveLength(30); // every signature still to check
    // The first line is made by the general decoder; every other is held as its byte offset.
    expect(typeof scan.list.items[0]).toBe('object');
    expect(scan.list.items.slice(1).every((x) => typeof x === 'number')).toBe(true);
    // And reads exactly the lines on disk, as the warm open does.
    const cold = (await readWorkspace(f.ws, { depth: 'quick' })).ledgers[0] as LedgerRead;
    const warm = (await readWorkspace(await warmed(f.ws), { depth: 'quick' })).ledgers[0] as LedgerRead;
    const expected = readLines(f.file).map((l) => plain(decoded(l)));
    expect(plain(cold.entries)).toEqual(expected);
    expect(plain(warm.entries)).toEqual(expected);
  });

  it('a signature replaced in a line kept as an offset still cuts the ledger there', async () => {
    const f = await makeLedger(12);
    const lines = readLines(f.file);
    const other = await makeLedger(12);
    // Line 7 gets line 7's signature from another ledger: same layout, valid base64, wrong signer.
    const foreignSig = decoded(readLines(other.file)[6] as string).sig;
    const mine = decoded(lines[6] as string).sig;
    lines[6] = (lines[6] as string).replace(mine, foreignSig);
    writeLines(f.file, lines);
    const { ledgers, report } = await readWorkspace(f.ws, { depth: 'quick' });
    expect(report.ok).toBe(false);
    expect(entryCount(ledgers.find((l) => l.profileId === f.profileId) as LedgerRead)).toBe(6);
  });
});
