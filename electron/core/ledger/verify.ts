// Reading and verifying ledgers. Replays every file from genesis: each line's bytes against its
// hash, seq order, prev links, the owner, the genesis key (which the file name is derived from)
// and signatures: the first and last entry at 'quick' depth, every entry at 'full' depth (plus
// canonical form, UTF-8 and data schemas). A file is read only up to its last '\n' — another
// writer's unfinished line is not read yet — and reading stops at the first broken entry: what
// follows it is not trusted. Large full verifications check signatures on worker threads. At
// quick depth a line in the writer's own layout is read straight from its bytes (stored.ts) and
// kept as its offset: the entries are made when first read, and their data parsed on its first read.
import { isUtf8 } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { basename } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { LedgerSummary, VerifyDepth, VerifyProblem, VerifyReport } from './report';
import { StewardError } from '../errors';
import { canonicalJson } from './canonical';
import { decodeLineAt, GENESIS_PREV, SUFFIX_LENGTH } from './entry';
import type { LedgerEntry } from './entry';
import { profileCreatedSchema, type EventRegistry } from './events';
import { fingerprintOf, profileIdFor, publicKeyObject, verifyDigest } from './keys';
import { checkStoredLine, StoredEntries, storedLineContext } from './stored';
import type { Workspace } from './workspace';
import { errnoCode, keyPath, LEDGER_FILE_PATTERN, ledgerPath, ledgerRelPath, plainReason } from './workspace';

export interface LedgerRead {
  profileId: string;
  /** Relative to the workspace: 'ledgers/<id>.jsonl'. */
  file: string;
  /**
   * The trusted entries, in seq order (up to the first broken one). A quick read makes them on
   * first access (see lazyEntries); use entryCount and headHash when only those are needed.
   */
  entries: LedgerEntry[];
  /** Hash of the last trusted entry; null when there is none. */
  headHash: string | null;
  /** The file ends in an unfinished line, which was not read. */
  incompleteTail: boolean;
  problems: VerifyProblem[];
  /** The public key from the genesis entry, when it could be read. */
  publicKey: string | null;
}

export interface ReadOptions {
  /**
   * Signature checking threads: undefined = automatic (worker threads, one per core, once there
   * are more than a few thousand signatures to check); 0 = always on this thread.
   */
  workers?: number;
}

export const INCOMPLETE_TAIL_REASON = 'incomplete last line (an append in progress or a crash); not read';

/** Above this many signatures, a full verification fans out to worker threads. */
const PARALLEL_THRESHOLD = 4_000;

/** The outcome of replaying one file, before signatures are checked. */
export interface LedgerScan {
  read: LedgerRead;
  /** The first broken entry: the seq that should have been there and why it is not. */
  broken: { seq: number; reason: string } | null;
  /** Complete lines after the broken one (not read). */
  skippedLines: number;
  /** Bytes up to and including the last '\n'. */
  completeLength: number;
  /** Lines up to the last '\n'. */
  completeLines: number;
  /** Indices into read.entries whose signature must be checked. */
  sigIndices: number[];
  /** The trusted entries, made when asked for (read.entries makes them all). */
  list: StoredEntries;
  depth: VerifyDepth;
  keyFileText: string | null;
}

function genesisProblem(entry: LedgerEntry, profileId: string): { reason: string; publicKey: string | null } {
  if (entry.type !== 'profile.created') {
    return { reason: `the first entry is "${entry.type}", not "profile.created"`, publicKey: null };
  }
  const parsed = profileCreatedSchema.safeParse(entry.data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : 'data';
    return {
      reason: `the profile.created entry is invalid: ${where}: ${issue?.message ?? ''}`,
      publicKey: null,
    };
  }
  const { publicKey, fingerprint } = parsed.data;
  try {
    publicKeyObject(publicKey);
  } catch {
    return { reason: 'the profile.created entry does not hold a valid Ed25519 public key', publicKey: null };
  }
  const id = profileIdFor(publicKey);
  if (id !== profileId) {
    return {
      reason: `the public key in profile.created belongs to profile ${id}, not ${profileId} (key swapped)`,
      publicKey: null,
    };
  }
  if (fingerprint !== fingerprintOf(publicKey)) {
    return { reason: 'the fingerprint in profile.created does not match its public key', publicKey: null };
  }
  return { reason: '', publicKey };
}

/**
 * Replays the complete lines of one ledger file held in `buf` (which it may modify while
 * hashing, restoring it before returning). Signatures are not checked here: see sigIndices.
 */
export interface ScanOptions {
  profileId: string;
  /** The text of keys/<id>.pub, when there is one (a mismatch is a warning). */
  keyFileText: string | null;
  depth: VerifyDepth;
  /** The event types the ledger may hold. */
  events: EventRegistry;
  /**
   * false: lines the fast path cannot take keep `data` null (genesis excepted), for callers that
   * only want the report. Lines it takes parse their data on first read either way.
   */
  parseData?: boolean;
  /** Where `buf` starts in the ledger when it is an appended tail (see createWorkspaceReader). */
  resume?: { seq: number; prevHash: string; publicKey: string };
}

export function scanLedger(buf: Buffer, opts: ScanOptions): LedgerScan {
  const { profileId, keyFileText, depth, events, parseData = true, resume } = opts;
  const file = ledgerRelPath(profileId);
  const lastNl = buf.lastIndexOf(0x0a);
  const completeLength = lastNl + 1;
  const full = depth === 'full';
  let broken: LedgerScan['broken'] = null;
  let publicKey: string | null = resume?.publicKey ?? null;
  let prevHash = resume?.prevHash ?? GENESIS_PREV;
  let expected = resume?.seq ?? 1;
  const ctx = storedLineContext(profileId, file, buf, events);
  const list = new StoredEntries(ctx);
  const items = list.items;
  /** prevHash is the hash of the last general-path entry, not of the last line (see below). */
  let prevStale = false;
  let prevAt = -1;
  let pos = 0;
  while (pos < completeLength) {
    const nl = buf.indexOf(0x0a, pos);
    // Own layout, hash and link checked straight from the bytes, and no entry made: the line is
    // kept as its offset. Else (and always for the first line of a buffer and at full depth) the
    // general decoder on the line's text, which also words whatever is wrong.
    if (!full && prevAt >= 0 && checkStoredLine(ctx, pos, nl, prevAt) === expected) {
      items.push(pos);
      prevStale = true;
      prevAt = nl - SUFFIX_LENGTH + 9;
      pos = nl + 1;
      expected++;
      continue;
    }
    if (prevStale) {
      prevHash = list.hashAt(items.length - 1);
      prevStale = false;
    }
    const text = buf.toString('utf8', pos, nl);
    const res = decodeLineAt(
      text,
      0,
      text.length,
      buf,
      pos,
      nl,
      events,
      full,
      parseData || full || expected === 1,
    );
    const lineStart = pos;
    prevAt = nl - SUFFIX_LENGTH + 9;
    pos = nl + 1;
    if (!res.ok) {
      broken = { seq: expected, reason: res.reason };
      break;
    }
    const e = res.entry;
    if (e.seq !== expected) {
      const why =
        e.seq < expected
          ? 'a repeated or reordered line'
          : `entr${e.seq - expected === 1 ? 'y' : 'ies'} missing or reordered`;
      broken = { seq: expected, reason: `found seq ${e.seq} where seq ${expected} should be (${why})` };
      break;
    }
    if (e.prev !== prevHash) {
      broken = {
        seq: expected,
        reason:
          expected === 1
            ? 'the first entry does not start the chain (prev is not all zeros)'
            : `does not link to entry ${expected - 1} (its prev hash differs: an entry was changed, removed or reordered)`,
      };
      break;
    }
    if (e.actor !== profileId) {
      broken = { seq: expected, reason: `the actor is ${e.actor}, not ${profileId}, who owns this ledger` };
      break;
    }
    if (expected === 1) {
      const g = genesisProblem(e, profileId);
      if (g.publicKey === null) {
        broken = { seq: 1, reason: g.reason };
        break;
      }
      publicKey = g.publicKey;
    } else if (e.type === 'profile.created') {
      broken = { seq: expected, reason: 'profile.created may only be the first entry' };
      break;
    }
    if (full) {
      if (!isUtf8(buf.subarray(lineStart, nl))) {
        broken = { seq: expected, reason: 'the line is not valid UTF-8' };
        break;
      }
      const { actor, data, prev, seq, ts, type } = e;
      if (res.body === null || canonicalJson({ actor, data, prev, seq, ts, type }) !== res.body) {
        broken = { seq: expected, reason: 'the entry is not in canonical form (it was re-written)' };
        break;
      }
      if (Number.isNaN(Date.parse(ts))) {
        broken = { seq: expected, reason: `the timestamp ${JSON.stringify(ts)} is not a date` };
        break;
      }
      const dataProblem = events.check(type, data);
      if (dataProblem !== null) {
        broken = { seq: expected, reason: dataProblem };
        break;
      }
    }
    // Share the strings already held rather than keeping a slice per entry.
    e.prev = prevHash;
    e.actor = profileId;
    items.push(e);
    prevHash = e.hash;
    expected++;
  }
  let skippedLines = 0;
  if (broken !== null) {
    while (pos < completeLength) {
      skippedLines++;
      pos = buf.indexOf(0x0a, pos) + 1;
    }
  } else if (completeLength === 0 && resume === undefined) {
    broken = { seq: 1, reason: 'the ledger has no complete entry (the profile.created entry is missing)' };
  }
  const count = items.length;
  let sigIndices: number[] = [];
  if (publicKey !== null && count > 0) {
    if (full) sigIndices = items.map((_, i) => i);
    else sigIndices = count > 1 ? [0, count - 1] : [0];
  }
  const read = { profileId, file } as LedgerRead;
  lazyEntries(read, count, () => list.all(count));
  read.headHash = null;
  read.incompleteTail = completeLength < buf.length;
  read.problems = [];
  read.publicKey = publicKey;
  return {
    read,
    broken,
    skippedLines,
    completeLength,
    completeLines:
      (resume ? resume.seq - 1 : 0) + count + skippedLines + (broken !== null && completeLength > 0 ? 1 : 0),
    sigIndices,
    list,
    depth,
    keyFileText,
  };
}

const counts = new WeakMap<object, number>();

function settle(read: LedgerRead, entries: LedgerEntry[]): void {
  counts.delete(read);
  Object.defineProperty(read, 'entries', {
    value: entries,
    writable: true,
    enumerable: true,
    configurable: true,
  });
}

/**
 * Makes read.entries an own, enumerable property whose array is made on first read by `make`
 * (spreading, JSON and structuredClone see it as usual); entryCount answers before that.
 */
export function lazyEntries(read: LedgerRead, count: number, make: () => LedgerEntry[]): void {
  counts.set(read, count);
  Object.defineProperty(read, 'entries', {
    enumerable: true,
    configurable: true,
    get(): LedgerEntry[] {
      const entries = make();
      settle(read, entries);
      return entries;
    },
    set(entries: LedgerEntry[]) {
      settle(read, entries);
    },
  });
}

/** Whether read.entries is an array already (rather than made on first read). */
export function entriesMade(read: LedgerRead): boolean {
  return !counts.has(read);
}

/** How many trusted entries a read holds, without making them. */
export function entryCount(read: LedgerRead): number {
  return counts.get(read) ?? read.entries.length;
}

/**
 * Applies signature results (a failing index cuts the entries there), builds the problems and
 * leaves the final first-broken entry in scan.broken.
 */
export function finishScan(scan: LedgerScan, firstBadSig: number | null): LedgerRead {
  const { read } = scan;
  let { broken, skippedLines } = scan;
  if (firstBadSig !== null) {
    const seq = firstBadSig + 1;
    skippedLines = read.entries.length - firstBadSig - 1 + (broken ? 1 + scan.skippedLines : 0);
    read.entries = read.entries.slice(0, firstBadSig);
    broken = {
      seq,
      reason: 'the signature is not valid (forged, or made with a key other than the profile key)',
    };
  }
  scan.broken = broken;
  scan.skippedLines = skippedLines;
  const count = entryCount(read);
  read.headHash =
    count === 0
      ? null
      : firstBadSig !== null
        ? (read.entries[count - 1] as LedgerEntry).hash
        : scan.list.hashAt(count - 1);
  const problems: VerifyProblem[] = [];
  if (broken) {
    const after =
      skippedLines > 0 ? ` (${skippedLines} later line${skippedLines === 1 ? '' : 's'} not read)` : '';
    problems.push({ file: read.file, seq: broken.seq, reason: broken.reason + after, severity: 'error' });
  }
  const keyFile = `keys/${read.profileId}.pub`;
  if (scan.keyFileText === null) {
    problems.push({
      file: read.file,
      seq: null,
      reason: `the public key file ${keyFile} is missing`,
      severity: 'error',
    });
  } else if (read.publicKey !== null && scan.keyFileText.trim() !== read.publicKey) {
    problems.push({
      file: read.file,
      seq: 1,
      reason: `${keyFile} holds a different public key than the profile.created entry (key swapped)`,
      severity: 'error',
    });
  }
  if (read.incompleteTail) {
    problems.push({
      file: read.file,
      seq: scan.completeLines + 1,
      reason: INCOMPLETE_TAIL_REASON,
      severity: 'warning',
    });
  }
  read.problems = problems;
  return read;
}

// ---- signatures ---------------------------------------------------------------------------

interface SigJobs {
  keys: string[];
  keyIdx: number[];
  hashes: string[];
  sigs: string[];
}

/** Counters for tests and diagnostics: how signature checks were spread over threads. */
export const signatureStats = { workerBatches: 0, workerFailures: 0 };

/** Plain JS, evaluated as a worker script: works from TS sources (tsx, vitest) and from bundles alike. */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createPublicKey, verify } = require('node:crypto');
parentPort.once('message', (msg) => {
  const keys = msg.keys.map((k) => {
    try { return createPublicKey({ key: Buffer.from(k, 'base64'), format: 'der', type: 'spki' }); } catch { return null; }
  });
  const data = Buffer.from(msg.data.buffer, msg.data.byteOffset, msg.data.byteLength);
  const idx = msg.keyIdx;
  const out = new Uint8Array(idx.length);
  for (let i = 0; i < idx.length; i++) {
    const key = keys[idx[i]];
    if (!key) continue;
    const o = i * 96;
    try { out[i] = verify(null, data.subarray(o, o + 32), key, data.subarray(o + 32, o + 96)) ? 1 : 0; } catch { out[i] = 0; }
  }
  parentPort.postMessage(out, [out.buffer]);
});
`;

function verifyOnThisThread(jobs: SigJobs, from: number, to: number, out: Uint8Array): void {
  for (let i = from; i < to; i++) {
    const ok = verifyDigest(
      Buffer.from(jobs.hashes[i] as string, 'hex'),
      jobs.sigs[i] as string,
      jobs.keys[jobs.keyIdx[i] as number] as string,
    );
    out[i] = ok ? 1 : 0;
  }
}

function verifyInWorker(jobs: SigJobs, from: number, to: number): Promise<Uint8Array> {
  const n = to - from;
  const data = new Uint8Array(n * 96);
  const view = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const keyIdx = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    view.write(jobs.hashes[from + i] as string, i * 96, 32, 'hex');
    view.write(jobs.sigs[from + i] as string, i * 96 + 32, 64, 'base64');
    keyIdx[i] = jobs.keyIdx[from + i] as number;
  }
  return new Promise<Uint8Array>((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true });
    let done = false;
    worker.once('message', (out: Uint8Array) => {
      done = true;
      resolve(out);
      void worker.terminate();
    });
    worker.once('error', (err) => {
      if (!done) reject(err);
    });
    worker.once('exit', (codeNum) => {
      if (!done) reject(new Error(`signature worker exited with code ${codeNum}`));
    });
    worker.postMessage({ keys: jobs.keys, keyIdx, data }, [data.buffer, keyIdx.buffer]);
  });
}

/** How many threads a verification of `count` signatures will use. */
export function signatureThreads(count: number, workers?: number): number {
  if (workers === 0 || count <= PARALLEL_THRESHOLD) return 0;
  const max = workers ?? Math.min(availableParallelism(), 8);
  return Math.max(1, Math.min(max, Math.ceil(count / 1_000)));
}

/** Verifies every job; result[i] = 1 when signature i is valid. */
async function verifyJobs(jobs: SigJobs, workers?: number): Promise<Uint8Array> {
  const n = jobs.hashes.length;
  const out = new Uint8Array(n);
  const threads = signatureThreads(n, workers);
  if (threads === 0) {
    verifyOnThisThread(jobs, 0, n, out);
    return out;
  }
  const size = Math.ceil(n / threads);
  await Promise.all(
    Array.from({ length: threads }, async (_, t) => {
      const from = t * size;
      const to = Math.min(n, from + size);
      if (from >= to) return;
      try {
        out.set(await verifyInWorker(jobs, from, to), from);
        signatureStats.workerBatches++;
      } catch {
        signatureStats.workerFailures++;
        verifyOnThisThread(jobs, from, to, out); // no worker threads here: do it ourselves
      }
    }),
  );
  return out;
}

/** Checks the signatures every scan asks for and finishes each scan. */
export async function finishScans(scans: LedgerScan[], opts: ReadOptions = {}): Promise<LedgerRead[]> {
  const jobs: SigJobs = { keys: [], keyIdx: [], hashes: [], sigs: [] };
  const owners: { scan: number; index: number }[] = [];
  scans.forEach((scan, s) => {
    if (scan.read.publicKey === null || scan.sigIndices.length === 0) return;
    const k = jobs.keys.push(scan.read.publicKey) - 1;
    for (const i of scan.sigIndices) {
      const e = scan.list.at(i);
      jobs.keyIdx.push(k);
      jobs.hashes.push(e.hash);
      jobs.sigs.push(e.sig);
      owners.push({ scan: s, index: i });
    }
  });
  const results = await verifyJobs(jobs, opts.workers);
  const firstBad: (number | null)[] = scans.map(() => null);
  owners.forEach((o, j) => {
    if (results[j] === 1) return;
    const cur = firstBad[o.scan];
    if (cur === null || cur === undefined || o.index < cur) firstBad[o.scan] = o.index;
  });
  return scans.map((scan, s) => finishScan(scan, firstBad[s] ?? null));
}

// ---- files and workspaces -----------------------------------------------------------------

function readKeyFile(ws: Workspace, profileId: string): string | null {
  try {
    return readFileSync(keyPath(ws, profileId), 'utf8');
  } catch {
    return null;
  }
}

async function scanFile(
  ws: Workspace,
  profileId: string,
  depth: VerifyDepth,
  parseData = true,
): Promise<LedgerScan> {
  const keyText = readKeyFile(ws, profileId);
  let buf: Buffer;
  try {
    // One synchronous read: fs.promises.readFile reads in small chunks and is much slower.
    buf = readFileSync(ledgerPath(ws, profileId));
  } catch (err) {
    const scan = scanLedger(Buffer.alloc(0), { profileId, keyFileText: keyText, depth, events: ws.events });
    scan.broken = { seq: 1, reason: `the file cannot be read: ${plainReason(err)}` };
    return scan;
  }
  return scanLedger(buf, { profileId, keyFileText: keyText, depth, events: ws.events, parseData });
}

function profileIdOfFile(file: string): string {
  const m = LEDGER_FILE_PATTERN.exec(basename(file));
  if (!m)
    throw new StewardError(
      'INVALID_ARGUMENT',
      `${file} is not a ledger file (expected ledgers/<profileId>.jsonl).`,
    );
  return m[1] as string;
}

/**
 * Reads one ledger file (any writer's). `signatures: 'last'` is the quick depth (hash links,
 * first and last signature); 'all' is the full depth (every signature, canonical form, schemas).
 * `file` is 'ledgers/<id>.jsonl', '<id>.jsonl' or a path ending in it.
 */
export async function readLedgerFile(
  ws: Workspace,
  file: string,
  opts: { signatures: 'last' | 'all' } & ReadOptions,
): Promise<LedgerRead> {
  const profileId = profileIdOfFile(file);
  const scan = await scanFile(ws, profileId, opts.signatures === 'all' ? 'full' : 'quick');
  const [read] = await finishScans([scan], opts);
  return read as LedgerRead;
}

/** The profile ids of the ledger files in the workspace, sorted. Other files are ignored. */
export async function listLedgerIds(ws: Workspace): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(ws.ledgersDir);
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') return [];
    throw err;
  }
  return names
    .map((n) => LEDGER_FILE_PATTERN.exec(n)?.[1])
    .filter((id): id is string => id !== undefined)
    .sort();
}

function summarize(read: LedgerRead): LedgerSummary {
  return {
    file: read.file,
    profileId: read.profileId,
    entries: entryCount(read),
    headHash: read.headHash,
    ok: !read.problems.some((p) => p.severity === 'error'),
  };
}

export function buildReport(
  depth: VerifyDepth,
  ledgers: LedgerRead[],
  extra: VerifyProblem[] = [],
  now: () => Date = () => new Date(),
): VerifyReport {
  const problems = [...extra, ...ledgers.flatMap((l) => l.problems)];
  return {
    ok: !problems.some((p) => p.severity === 'error'),
    depth,
    checkedAt: now().toISOString(),
    ledgers: ledgers.map(summarize),
    problems,
  };
}

async function readAll(
  ws: Workspace,
  opts: { depth: VerifyDepth; now?: () => Date } & ReadOptions,
  parseData: boolean,
): Promise<{ ledgers: LedgerRead[]; report: VerifyReport }> {
  let ids: string[];
  try {
    ids = await listLedgerIds(ws);
  } catch (err) {
    const problem: VerifyProblem = {
      file: 'ledgers',
      seq: null,
      reason: `the ledgers folder cannot be read: ${plainReason(err)}`,
      severity: 'error',
    };
    return { ledgers: [], report: buildReport(opts.depth, [], [problem], opts.now) };
  }
  const scans: LedgerScan[] = [];
  for (const id of ids) scans.push(await scanFile(ws, id, opts.depth, parseData));
  const ledgers = await finishScans(scans, opts);
  return { ledgers, report: buildReport(opts.depth, ledgers, [], opts.now) };
}

/** Reads and verifies every ledger in the workspace. */
export async function readWorkspace(
  ws: Workspace,
  opts: { depth: VerifyDepth; now?: () => Date } & ReadOptions,
): Promise<{ ledgers: LedgerRead[]; report: VerifyReport }> {
  return readAll(ws, opts, true);
}

/** Verifies the workspace `ws` (see workspacePaths) without creating or writing anything. */
export async function verifyWorkspace(
  ws: Workspace,
  opts: { depth?: VerifyDepth; now?: () => Date } & ReadOptions = {},
): Promise<VerifyReport> {
  const depth = opts.depth ?? 'full';
  try {
    await readdir(ws.dir);
  } catch (err) {
    return buildReport(
      depth,
      [],
      [
        {
          file: ws.dir,
          seq: null,
          reason: `the workspace cannot be read: ${plainReason(err)}`,
          severity: 'error',
        },
      ],
      opts.now,
    );
  }
  // Only the report is returned, so a quick verification need not parse entries' data.
  return (await readAll(ws, { ...opts, depth }, false)).report;
}

function before(a: LedgerEntry, b: LedgerEntry): boolean {
  if (a.ts !== b.ts) return a.ts < b.ts;
  if (a.actor !== b.actor) return a.actor < b.actor;
  return a.seq < b.seq;
}

/**
 * Every entry of every ledger merged in (ts, actor, seq) order. Each ledger's own order is kept
 * even if its clock went backwards (a k-way merge, not a sort).
 */
export function allEntriesInOrder(ledgers: readonly { entries: readonly LedgerEntry[] }[]): LedgerEntry[] {
  const out: LedgerEntry[] = [];
  // A binary min-heap of [ledger, position] cursors.
  const heap: [number, number][] = [];
  const at = (c: [number, number]) => (ledgers[c[0]] as { entries: readonly LedgerEntry[] }).entries[c[1]];
  const less = (i: number, j: number) =>
    before(at(heap[i] as [number, number]) as LedgerEntry, at(heap[j] as [number, number]) as LedgerEntry);
  const swap = (i: number, j: number) => {
    const t = heap[i] as [number, number];
    heap[i] = heap[j] as [number, number];
    heap[j] = t;
  };
  const up = (i: number) => {
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!less(i, p)) break;
      swap(i, p);
      i = p;
    }
  };
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && less(l, m)) m = l;
      if (r < heap.length && less(r, m)) m = r;
      if (m === i) return;
      swap(i, m);
      i = m;
    }
  };
  ledgers.forEach((l, i) => {
    if (l.entries.length > 0) {
      heap.push([i, 0]);
      up(heap.length - 1);
    }
  });
  while (heap.length > 0) {
    const top = heap[0] as [number, number];
    out.push(at(top) as LedgerEntry);
    top[1]++;
    if (top[1] >= (ledgers[top[0]] as { entries: readonly LedgerEntry[] }).entries.length) {
      const last = heap.pop() as [number, number];
      if (heap.length > 0) heap[0] = last;
    }
    if (heap.length > 0) down(0);
  }
  return out;
}
