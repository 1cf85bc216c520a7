// Replaying one ledger file's bytes from genesis: each line's bytes against its hash, seq order,
// prev links, the owner, and the genesis key (which the file name is derived from); at 'full'
// depth also UTF-8, canonical form, timestamps and data schemas. Signatures are not checked
// here: the scan lists which ones must be (signatures.ts) and finishScan applies the results.
// A file is read only up to its last '\n' (another writer's unfinished line is not read yet)
// and reading stops at the first broken entry: what follows it is not trusted. At quick depth a
// line in the writer's own layout is read straight from its bytes (stored.ts) and kept as its
// offset: the entries are made when first read, and their data parsed on its first read.
import { isUtf8 } from 'node:buffer';
import { canonicalJson } from './canonical';
import { decodeLineAt, GENESIS_PREV, SUFFIX_LENGTH } from './entry';
import type { LedgerEntry } from './entry';
import { profileCreatedSchema, type EventRegistry } from './events';
import { fingerprintOf, profileIdFor, publicKeyObject } from './keys';
import { formatReason, reason, type Reason } from '../contract/reasons';
import { verifyProblem, type VerifyDepth, type VerifyProblem } from './report';
import { checkStoredLine, StoredEntries, storedLineContext } from './stored';
import { ledgerRelPath } from './workspace';

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

/** The English sentence for an unfinished last line (tests and the CLI match it). */
export const INCOMPLETE_TAIL_REASON = formatReason(reason('ledger.incompleteTail'));

/** The outcome of replaying one file, before signatures are checked. */
export interface LedgerScan {
  read: LedgerRead;
  /** The first broken entry: the seq that should have been there and why it is not. */
  broken: { seq: number; reason: Reason } | null;
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

function genesisProblem(
  entry: LedgerEntry,
  profileId: string,
): { reason: Reason | null; publicKey: string | null } {
  if (entry.type !== 'profile.created') {
    return { reason: reason('ledger.genesisNotFirst', { type: entry.type }), publicKey: null };
  }
  const parsed = profileCreatedSchema.safeParse(entry.data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : 'data';
    return { reason: reason('ledger.genesisInvalid', { field: where }), publicKey: null };
  }
  const { publicKey, fingerprint } = parsed.data;
  try {
    publicKeyObject(publicKey);
  } catch {
    return { reason: reason('ledger.genesisBadKey'), publicKey: null };
  }
  const id = profileIdFor(publicKey);
  if (id !== profileId) {
    return { reason: reason('ledger.genesisKeyOfOther', { owner: id, profileId }), publicKey: null };
  }
  if (fingerprint !== fingerprintOf(publicKey)) {
    return { reason: reason('ledger.genesisFingerprint'), publicKey: null };
  }
  return { reason: null, publicKey };
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
      broken = {
        seq: expected,
        reason:
          e.seq < expected
            ? reason('ledger.seqRepeated', { found: e.seq, expected })
            : reason('ledger.seqMissing', { found: e.seq, expected, count: e.seq - expected }),
      };
      break;
    }
    if (e.prev !== prevHash) {
      broken = {
        seq: expected,
        reason:
          expected === 1
            ? reason('ledger.firstNotChained')
            : reason('ledger.brokenLink', { previous: expected - 1 }),
      };
      break;
    }
    if (e.actor !== profileId) {
      broken = {
        seq: expected,
        reason: reason('ledger.actorNotOwner', { actor: e.actor, owner: profileId }),
      };
      break;
    }
    if (expected === 1) {
      const g = genesisProblem(e, profileId);
      if (g.publicKey === null) {
        broken = { seq: 1, reason: g.reason as Reason };
        break;
      }
      publicKey = g.publicKey;
    } else if (e.type === 'profile.created') {
      broken = { seq: expected, reason: reason('ledger.genesisRepeated') };
      break;
    }
    if (full) {
      if (!isUtf8(buf.subarray(lineStart, nl))) {
        broken = { seq: expected, reason: reason('ledger.notUtf8') };
        break;
      }
      const { actor, data, prev, seq, ts, type } = e;
      if (res.body === null || canonicalJson({ actor, data, prev, seq, ts, type }) !== res.body) {
        broken = { seq: expected, reason: reason('ledger.notCanonical') };
        break;
      }
      if (Number.isNaN(Date.parse(ts))) {
        broken = { seq: expected, reason: reason('ledger.badTimestamp', { ts: String(ts) }) };
        break;
      }
      const dataProblem = events.problemOf(type, data);
      if (dataProblem !== null) {
        broken = { seq: expected, reason: reason('ledger.badData', { type, field: dataProblem.field }) };
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
    broken = { seq: 1, reason: reason('ledger.noEntries') };
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
      reason: reason('ledger.badSignature'),
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
  if (broken) problems.push(verifyProblem(read.file, broken.seq, broken.reason, 'error', skippedLines));
  const keyFile = `keys/${read.profileId}.pub`;
  if (scan.keyFileText === null) {
    problems.push(verifyProblem(read.file, null, reason('ledger.keyFileMissing', { file: keyFile })));
  } else if (read.publicKey !== null && scan.keyFileText.trim() !== read.publicKey) {
    problems.push(verifyProblem(read.file, 1, reason('ledger.keyFileSwapped', { file: keyFile })));
  }
  if (read.incompleteTail) {
    problems.push(
      verifyProblem(read.file, scan.completeLines + 1, reason('ledger.incompleteTail'), 'warning'),
    );
  }
  read.problems = problems;
  return read;
}
