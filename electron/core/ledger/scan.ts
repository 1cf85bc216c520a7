// Replaying one ledger file's bytes from genesis: each line's bytes against its hash, seq order,
// prev links, the owner, the genesis key (which the file name is derived from), UTF-8, canonical
// form, timestamps and data schemas; signatures are listed for signatures.ts to check, and
// finishScan applies the results. Quick and full depth accept exactly the same lines: the only
// difference is that a quick read takes the lines this app verified in full before (a trusted
// prefix, see verifiedHeads.ts) without checking them again, when the file still starts with
// those very bytes (one SHA-256 over them: signatures included, which the hash chain does not
// cover). A file is read only up to its last '\n' (another writer's unfinished line is not read
// yet) and reading stops at the first broken entry: what follows it is not trusted. Line length
// and nesting are capped on the bytes, before anything parses them. A trusted line in the
// writer's own layout is read straight from its bytes (stored.ts) and kept as its offset: the
// entries are made when first read, and their data parsed on its first read.
import { isUtf8 } from 'node:buffer';
import { canonicalJson } from './canonical';
import { decodeLineAt, GENESIS_PREV, sha256Hex, SUFFIX_LENGTH } from './entry';
import type { LedgerEntry } from './entry';
import { profileCreatedSchema, type EventRegistry } from './events';
import { fingerprintOf, profileIdFor, publicKeyObject } from './keys';
import { formatReason, reason, type Reason } from '../contract/reasons';
import { verifyProblem, type VerifyDepth, type VerifyProblem } from './report';
import { StoredEntries, storedLineContext, storedLineSeq } from './stored';
import { ledgerRelPath } from './workspace';
import { MAX_JSON_DEPTH, MAX_LINE_BYTES, nestedDeeperThan } from './limits';
import type { VerifiedHead } from './verifiedHeads';

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

export interface ScanOptions {
  profileId: string;
  /** The text of keys/<id>.pub, when there is one (a mismatch is a warning). */
  keyFileText: string | null;
  depth: VerifyDepth;
  /** The event types the ledger may hold. */
  events: EventRegistry;
  /** Where `buf` starts in the ledger when it is an appended tail (see createWorkspaceReader). */
  resume?: { seq: number; prevHash: string; publicKey: string };
  /**
   * Quick depth, from genesis only: where this app verified this ledger in full before. The
   * lines up to it are taken without being checked again when the file's first `bytes` bytes
   * still have the SHA-256 `sha`; otherwise (the file was changed, cut or replaced) none is.
   */
  trusted?: VerifiedHead | null;
}

/** The outcome of replaying one file, before signatures are checked. */
export interface LedgerScan {
  read: LedgerRead;
  /**
   * The first broken entry: the seq that should have been there (null when the problem is the
   * file as a whole) and why it is not.
   */
  broken: { seq: number | null; reason: Reason } | null;
  /** Complete lines after the broken one (not read). */
  skippedLines: number;
  /** Bytes up to and including the last '\n'. */
  completeLength: number;
  /** Lines up to the last '\n'. */
  completeLines: number;
  /** The seq of the first line of `buf` (1, or where an appended tail starts). */
  firstSeq: number;
  /** Lines taken as verified before (see ScanOptions.trusted), 0 when none. */
  trustedSeq: number;
  /** Indices into read.entries whose signature must be checked. */
  sigIndices: number[];
  /** The trusted entries, made when asked for (read.entries makes them all). */
  list: StoredEntries;
  depth: VerifyDepth;
  keyFileText: string | null;
  /** Why the key file could not be read, when it is there but is not a file Steward reads. */
  keyFileError?: Reason;
}

/** `trusted` when `buf` starts with the very bytes it describes; else null. */
function trustedPrefix(buf: Buffer, trusted: VerifiedHead | null | undefined): VerifiedHead | null {
  if (!trusted || trusted.bytes > buf.length || buf[trusted.bytes - 1] !== 0x0a) return null;
  return sha256Hex(buf.subarray(0, trusted.bytes)) === trusted.sha ? trusted : null;
}

/**
 * Replays the complete lines of one ledger file held in `buf` (which it may modify while
 * hashing, restoring it before returning). Signatures are not checked here: see sigIndices.
 */
export function scanLedger(buf: Buffer, opts: ScanOptions): LedgerScan {
  const { profileId, keyFileText, depth, events, resume } = opts;
  const firstSeq = resume?.seq ?? 1;
  const trusted = trustedPrefix(buf, depth === 'quick' && resume === undefined ? opts.trusted : null);
  const file = ledgerRelPath(profileId);
  const lastNl = buf.lastIndexOf(0x0a);
  const completeLength = lastNl + 1;
  /** Lines up to this seq are the very bytes verified before (0: none). */
  const trustTo = trusted === null ? 0 : trusted.seq;
  let trustHeld = trustTo === 0;
  let broken: LedgerScan['broken'] = null;
  let publicKey: string | null = resume?.publicKey ?? null;
  let prevHash = resume?.prevHash ?? GENESIS_PREV;
  let expected = firstSeq;
  const ctx = storedLineContext(profileId, file, buf, events);
  const list = new StoredEntries(ctx);
  const items = list.items;
  /** prevHash is the hash of the last general-path entry, not of the last line (see below). */
  let prevStale = false;
  let prevAt = -1;
  let pos = 0;
  while (pos < completeLength) {
    const nl = buf.indexOf(0x0a, pos);
    if (nl - pos > MAX_LINE_BYTES) {
      broken = {
        seq: expected,
        reason: reason('ledger.lineTooLong', { bytes: nl - pos, max: MAX_LINE_BYTES }),
      };
      pos = nl + 1;
      break;
    }
    // A line this app verified in full before, in its writer's layout: read from its bytes as
    // they are (they are the bytes verified), and no entry made (the line is kept as its
    // offset). Else (and always for the first line) the general decoder on the line's text.
    const thorough = expected > trustTo;
    if (!thorough && prevAt >= 0 && storedLineSeq(ctx, pos, nl) === expected) {
      items.push(pos);
      prevStale = true;
      prevAt = nl - SUFFIX_LENGTH + 9;
      pos = nl + 1;
      if (expected === trustTo) {
        const t = trusted as VerifiedHead;
        if (list.hashAt(items.length - 1) !== t.hash || pos !== t.bytes) break;
        trustHeld = true;
      }
      expected++;
      continue;
    }
    if (prevStale) {
      prevHash = list.hashAt(items.length - 1);
      prevStale = false;
    }
    if (thorough && nestedDeeperThan(buf, pos, nl, MAX_JSON_DEPTH)) {
      broken = { seq: expected, reason: reason('ledger.tooDeep', { max: MAX_JSON_DEPTH }) };
      pos = nl + 1;
      break;
    }
    const text = buf.toString('utf8', pos, nl);
    const res = decodeLineAt(text, 0, text.length, buf, pos, nl, events, thorough, true);
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
    if (thorough) {
      const why = lineProblem(buf, lineStart, nl, e, res.body, events);
      if (why !== null) {
        broken = { seq: expected, reason: why };
        break;
      }
    }
    // A line checked in full and laid out as the writer lays it out (every canonical line but
    // the first) is kept as its offset, as a trusted line is: its entry is made again from the
    // same bytes when read, so a cold open holds the lines once, not an object per entry.
    if (items.length > 0 && storedLineSeq(ctx, lineStart, nl) === expected) {
      items.push(lineStart);
    } else {
      // Share the strings already held rather than keeping a slice per entry.
      e.prev = prevHash;
      e.actor = profileId;
      items.push(e);
    }
    prevHash = e.hash;
    if (expected === trustTo) {
      const t = trusted as VerifiedHead;
      if (e.hash !== t.hash || pos !== t.bytes) break;
      trustHeld = true;
    }
    expected++;
  }
  // The same bytes no longer pass (the checks changed without CHECKS_VERSION): trust nothing.
  if (!trustHeld) return scanLedger(buf, { ...opts, trusted: null });
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
  const sigIndices: number[] = [];
  if (publicKey !== null) {
    // Every signature past the trusted prefix.
    for (let i = Math.max(0, trustTo + 1 - firstSeq); i < count; i++) sigIndices.push(i);
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
    completeLines: firstSeq - 1 + count + skippedLines + (broken !== null && completeLength > 0 ? 1 : 0),
    firstSeq,
    trustedSeq: trustTo,
    sigIndices,
    list,
    depth,
    keyFileText,
  };
}

/**
 * What a full verification finds wrong with a line that decoded, linked and is its owner's:
 * UTF-8, canonical form (which also refuses duplicate keys: JSON.parse keeps one of them, so the
 * bytes are not the canonical form of what was read), timestamp and data schema; null when none.
 */
function lineProblem(
  buf: Buffer,
  start: number,
  end: number,
  e: LedgerEntry,
  body: string | null,
  events: EventRegistry,
): Reason | null {
  if (!isUtf8(buf.subarray(start, end))) return reason('ledger.notUtf8');
  const { actor, data, prev, seq, ts, type } = e;
  let canonical: string | null = null;
  try {
    canonical = canonicalJson({ actor, data, prev, seq, ts, type });
  } catch {
    // not representable as canonical JSON: not what a writer writes
  }
  if (body === null || canonical !== body) return reason('ledger.notCanonical');
  if (Number.isNaN(Date.parse(ts))) return reason('ledger.badTimestamp', { ts: String(ts) });
  const dataProblem = events.problemOf(type, data);
  if (dataProblem !== null) return reason('ledger.badData', { type, field: dataProblem.field });
  return null;
}

/**
 * How far the read of a scan from genesis is verified in full, as the app's memory of it keeps
 * it (see verifiedHeads.ts); null for an appended tail, or when no entry is trusted.
 */
export function verifiedHeadOf(scan: LedgerScan): VerifiedHead | null {
  const { read } = scan;
  const count = entryCount(read);
  if (scan.firstSeq !== 1 || count === 0 || read.headHash === null || read.publicKey === null) return null;
  const buf = scan.list.ctx.buf;
  let end = 0;
  for (let i = 0; i < count; i++) end = buf.indexOf(0x0a, end) + 1;
  return { seq: count, hash: read.headHash, bytes: end, sha: sha256Hex(buf.subarray(0, end)) };
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
    const seq = scan.firstSeq + firstBadSig;
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
  if (scan.keyFileError) {
    problems.push(
      verifyProblem(
        read.file,
        null,
        reason('ledger.keyFileUnreadable', { file: keyFile, why: scan.keyFileError }),
      ),
    );
  } else if (scan.keyFileText === null) {
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
