// The services share one incremental reader of the workspace (services.ts): records, reviews
// and the workspace status do not read the whole workspace again on every call. Counted here by
// the bytes actually read from each ledger file, through a pass-through node:fs.
import type * as FsModule from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ProfileSummary } from '../../electron/core/contract/views/app';
import { openLedger } from '../../electron/core/ledger';
import type { ServiceHandle } from '../../electron/core/services';
import { makeLedger, readLines, startedData, testClock, writeLines, type Fixture } from './ledger/helpers';
import { tempServices, type TempServices } from '../support/services';
import { openStewardWorkspace } from '../../electron/core/events';
import { grantInPolicy } from '../support/policy';

/** Bytes read from each ledger file (by path), whichever node:fs call read them. */
const reads = vi.hoisted(() => ({ bytes: new Map<string, number>(), fds: new Map<number, string>() }));

vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof FsModule>();
  const isLedger = (p: unknown): p is string => typeof p === 'string' && p.endsWith('.jsonl');
  const add = (p: string, n: number) => reads.bytes.set(p, (reads.bytes.get(p) ?? 0) + n);
  const wrapped = {
    ...real,
    openSync: ((p: string, ...rest: never[]) => {
      const fd = (real.openSync as (...a: unknown[]) => number)(p, ...rest);
      if (isLedger(p)) reads.fds.set(fd, p);
      return fd;
    }) as typeof real.openSync,
    closeSync: ((fd: number) => {
      reads.fds.delete(fd);
      real.closeSync(fd);
    }) as typeof real.closeSync,
    readSync: ((fd: number, ...rest: never[]) => {
      const n = (real.readSync as (...a: unknown[]) => number)(fd, ...rest);
      const p = reads.fds.get(fd);
      if (p) add(p, n);
      return n;
    }) as typeof real.readSync,
    readFileSync: ((p: unknown, ...rest: never[]) => {
      const out = (real.readFileSync as (...a: unknown[]) => Buffer | string)(p, ...rest);
      if (isLedger(p)) add(p, out.length);
      return out;
    }) as typeof real.readFileSync,
  };
  return { ...wrapped, default: wrapped };
});

// Imported after the mock is declared (vi.mock is hoisted anyway); the real module for setup.
const fs = await vi.importActual<typeof FsModule>('node:fs');

let dir: string;
let handle: ServiceHandle;
let env: TempServices;

beforeEach(async () => {
  env = await tempServices({ prefix: 'steward-shared-reader-' });
  ({ dir, handle } = env);
});
afterEach(() => env.close());

const grantManager = (contentDir: string, p: ProfileSummary) => grantInPolicy(contentDir, p, 'managers');

/** A manager's services over a workspace of 4 other people x 250 entries (1k entries). */
async function setup(): Promise<{ others: Fixture[]; me: ProfileSummary }> {
  const { contentDir } = env;
  const me = await handle.services.createProfile({
    name: 'Amara Okafor',
    email: 'amara@example.com',
    team: 'Data Science',
  });
  grantManager(contentDir, me);
  const ws = await openStewardWorkspace(path.join(dir, 'user', 'workspace'));
  const others: Fixture[] = [];
  for (let i = 0; i < 4; i++) others.push(await makeLedger(250, ws));
  return { others, me };
}

/** Bytes read from the other people's ledgers while `fn` ran. */
async function bytesReadDuring(files: string[], fn: () => Promise<unknown>): Promise<number> {
  reads.bytes.clear();
  await fn();
  return files.reduce((sum, f) => sum + (reads.bytes.get(f) ?? 0), 0);
}

describe('one workspace reader shared by the services', () => {
  it('does not read unchanged ledgers again, and sees another profile append on the next call', async () => {
    const { others } = await setup();
    const s = handle.services;
    const files = others.map((o) => o.file);
    const total = files.reduce((sum, f) => sum + fs.statSync(f).size, 0);

    const first = await bytesReadDuring(files, () => s.getRecords({}));
    expect(first).toBe(total);
    const view = await s.getRecords({});
    expect(view.heads.filter((h) => h.entries === 250)).toHaveLength(4);
    expect(await bytesReadDuring(files, () => s.getRecords({}))).toBe(0);
    expect(await bytesReadDuring(files, () => s.listReviews({}))).toBe(0);
    expect(await bytesReadDuring(files, () => s.listReviews({}))).toBe(0);
    expect(await bytesReadDuring(files, () => s.getWorkspaceStatus({}))).toBe(0);

    // Another person appends (their machine, their key): only their file is read again, from
    // the start of its last verified line (re-read to show it is the one verified), and the new
    // entry shows.
    const other = others[1]!;
    const before = fs.statSync(other.file).size;
    const lastLine = Buffer.byteLength(readLines(other.file).at(-1)!) + 1;
    const ledger = await openLedger(other.ws, other.profileId, other.keys.privateKeyPem, { now: testClock });
    await ledger.append('training.started', startedData('new'));
    await ledger.close();
    const grown = fs.statSync(other.file).size;
    expect(grown).toBeGreaterThan(before);
    let after: Awaited<ReturnType<typeof s.getRecords>> | undefined;
    expect(
      await bytesReadDuring(files, async () => {
        after = await s.getRecords({});
      }),
    ).toBe(grown - before + lastLine);
    expect(after?.heads.find((h) => h.profileId === other.profileId)?.entries).toBe(251);
    const status = await s.getWorkspaceStatus({});
    expect(status.report.ok).toBe(true);
    expect(status.report.ledgers.find((l) => l.profileId === other.profileId)?.entries).toBe(251);
    expect(await bytesReadDuring(files, () => s.listReviews({}))).toBe(0);
  });

  it('still shows a tampered ledger as a problem, on every call', async () => {
    const { others } = await setup();
    const s = handle.services;
    expect((await s.getWorkspaceStatus({})).report.ok).toBe(true);
    const victim = others[2]!;
    const lines = readLines(victim.file);
    // Same length, different bytes: an edited module id in entry 10.
    lines[9] = lines[9]!.replace('"m-10"', '"m-99"');
    writeLines(victim.file, lines);
    for (let i = 0; i < 2; i++) {
      const { report } = await s.getWorkspaceStatus({});
      expect(report.ok).toBe(false);
      expect(report.problems[0]).toMatchObject({ file: victim.rel, seq: 10, severity: 'error' });
      await s.getRecords({});
      await s.listReviews({});
    }
  });

  it('after "Verify now", the status shows an earlier line edited in place behind a real append', async () => {
    const { others } = await setup();
    const s = handle.services;
    expect((await s.getWorkspaceStatus({})).report.ok).toBe(true);
    const victim = others[1]!;
    // The owner's app holds the ledger open; someone edits entry 5 in place; the app appends for
    // real. To a stat this is just growth, read from the verified head.
    const ledger = await openLedger(victim.ws, victim.profileId, victim.keys.privateKeyPem, {
      now: testClock,
    });
    const lines = readLines(victim.file);
    lines[4] = lines[4]!.replace('"m-5"', '"m-6"');
    writeLines(victim.file, lines);
    await ledger.append('training.started', startedData('new'));
    await ledger.close();
    const full = await s.verifyWorkspace({ depth: 'full' });
    expect(full.problems.some((p) => p.file === victim.rel && p.seq === 5)).toBe(true);
    // The screens now agree with the full verification instead of waiting for the timed recheck.
    const { report } = await s.getWorkspaceStatus({});
    expect(report.problems).toContainEqual(expect.objectContaining({ file: victim.rel, seq: 5 }));
  });

  it('reads the new folder after setWorkspace', async () => {
    await setup();
    const s = handle.services;
    const before = await s.getWorkspaceStatus({});
    expect(before.report.ledgers).toHaveLength(5);
    const elsewhere = path.join(dir, 'elsewhere');
    await s.setWorkspace({ dir: elsewhere });
    const after = await s.getWorkspaceStatus({});
    expect(after.workspaceDir).toBe(elsewhere);
    // Only this machine's own ledger is carried along.
    expect(after.report.ledgers).toHaveLength(1);
  });
});
