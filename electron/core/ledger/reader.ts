// An incremental reader of a workspace, for services that read it on every call, built for a
// shared folder where every file operation is a network round trip.
//
// What is read when:
// - Every read: one listing of ledgers/ and one lstat per ledger (size, mtime, ctime, inode,
//   and whether it is a regular file: a symlink, FIFO, device or folder named like a ledger is
//   never opened, and is named in the report); when stats turn out to be round trips, several
//   are in flight at once. A ledger whose stat is the one recorded at its last read is not
//   opened: its last read is returned as it was, the very same object.
// - A new ledger, or one whose stat says anything but pure growth (it shrank; it changed at the
//   same size; its mtime or ctime went back; it is another file, replaced by a rename or a sync
//   client), or one that changed after a read that had an error: read whole and replayed from
//   genesis, as readWorkspace does at quick depth: what this app verified in full before
//   (ws.verified) is taken by hash and link, every other line is verified in full, signature
//   included. A read with an error is kept like any other while its file is unchanged (the
//   same bytes give the same errors); a file that could not be opened is tried again every time.
// - A ledger that only grew (same inode, larger, times not earlier): read from the start of its
//   last verified line to the size just stat'ed. That line must be byte for byte the one verified
//   (same length and SHA-256, so the same head hash and signature) and the new lines must chain
//   on it and verify in full, every signature included. A file cut back and grown again, or
//   whose last line changed, fails that and is read from genesis, which names the broken entry.
//   A ledger that grows many times keeps its reads as pieces, made into one list of entries when
//   first asked for.
// - Signatures are checked in batches across ledgers, on worker threads when there are many (a
//   first read of a large workspace), while the next ledgers are being scanned.
// - The key file keys/<id>.pub is read with the ledger's first read and again only when the
//   ledger changes (or its last read found the key file missing or different, so a fix shows);
//   the text is kept with its SHA-256, and a key file that differs from the one kept sends the
//   ledger back to genesis. That is safe because the key file decides nothing here: signatures
//   are checked against the key in the genesis entry, whose profile id is derived from that key.
//   The key file is only compared with it, so a key file swapped while its ledger is unchanged
//   changes no entry the app shows; it is reported by a full verification ("Verify now",
//   `steward records verify`, which read every key file) and by this reader once that ledger
//   changes.
//
// The trade-off. Reading a grown ledger from its head does not see the bytes before its last
// verified line, so an earlier line edited in place (same inode) and then followed by a genuine
// append before the next read looks like pure growth. Such an edit cannot pass for history: the
// unchanged last line's hash commits to every earlier entry (each entry's hash covers the one
// before), so the file no longer verifies from genesis, and meanwhile this reader shows only the entries it verified, kept in memory (never
// the edited bytes), and exports carry their head hash. What is delayed is the report: a ledger
// read by its tail is read again from genesis `recheckAfterMs` (default 10 minutes) after its
// first tail read, at the next read whether or not it changed again (or at the next read after
// recheck()), and that re-read names the edited entry. So an in-place edit is reported within
// that time of the append that hid it, for the cost of one more whole read of each ledger that
// grew in that time, never of the unchanged ones; a full verification reports it at once. An
// edit hidden behind an unchanged size, mtime, ctime and inode (ctime cannot be set back
// without setting the clock back) is likewise what a full verification is for.
import { hash } from 'node:crypto';
import { closeSync, lstatSync, readSync, type Stats } from 'node:fs';
import { lstat, readdir } from 'node:fs/promises';
import type { VerifyReport } from './report';
import type { LedgerEntry } from './entry';
import type { LedgerRead, LedgerScan } from './scan';
import type { ReadOptions } from './signatures';
import { entriesMade, entryCount, lazyEntries, scanLedger } from './scan';
import { finishScans } from './signatures';
import { FILE_CAPS, fileKind, openRegularForRead, tooLarge, UnsafeFileError, type FileKind } from './safeFs';
import { buildReport, checkFolder, readWorkspace, rememberVerified, unreadableScan } from './verify';
import type { Workspace } from './workspace';
import { reason, type Reason } from '../contract/reasons';
import { errnoCode, fsReason, keyPath, LEDGER_FILE_PATTERN, ledgerPath } from './workspace';

/** What an lstat says about a file, as far as telling growth from any other change goes. */
export interface FileStamp {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
  dev: number;
  /** What is at the path (a symlink is not followed). */
  kind: FileKind;
}

/**
 * The file operations the reader makes, one call each, so that tests and the benchmark can
 * count them (and a test can put a slow or failing file system behind it).
 */
export interface ReaderFs {
  /** The names in a folder: one listing. */
  list(dir: string): Promise<string[]>;
  /** One lstat by path, on this thread. */
  statSync(path: string): FileStamp;
  /** One lstat by path, on the thread pool. */
  stat(path: string): Promise<FileStamp>;
  /**
   * Opens a regular file for reading, never through a symlink and never blocking (a FIFO): the
   * file must be the one `seen` describes (its lstat), or, without it, a regular file. Throws
   * UnsafeFileError otherwise.
   */
  open(path: string, seen?: FileStamp): number;
  /** Reads up to `length` bytes at `position` into buf[offset...]; 0 at the end of the file. */
  read(fd: number, buf: Buffer, offset: number, length: number, position: number): number;
  close(fd: number): void;
}

const stampOf = (s: Stats): FileStamp => ({
  size: s.size,
  mtimeMs: s.mtimeMs,
  ctimeMs: s.ctimeMs,
  ino: s.ino,
  dev: s.dev,
  kind: fileKind(s),
});

export const nodeReaderFs: ReaderFs = {
  list: (dir) => readdir(dir),
  statSync: (path) => stampOf(lstatSync(path)),
  stat: async (path) => stampOf(await lstat(path)),
  open: (path, seen) => openRegularForRead(path, seen?.kind === 'file' ? seen : undefined).fd,
  read: (fd, buf, offset, length, position) => readSync(fd, buf, offset, length, position),
  close: (fd) => closeSync(fd),
};

export interface ReaderOptions {
  fs?: ReaderFs;
  /** The clock rechecks are timed by, in ms (default Date.now). */
  clock?: () => number;
  /** How long after its first tail read a ledger is read again from genesis (default 10 min). */
  recheckAfterMs?: number;
}

export interface WorkspaceReader {
  /** The workspace read at quick depth, re-reading only what changed since the last call. */
  read(opts?: { now?: () => Date } & ReadOptions): Promise<{ ledgers: LedgerRead[]; report: VerifyReport }>;
  /**
   * The next read reads from genesis every ledger read by its tail since its last such read, and
   * every ledger that changed since the last read (none is read by its tail).
   */
  recheck(): void;
  /** Forgets everything read (the next read is a full one). */
  clear(): void;
}

export const DEFAULT_RECHECK_AFTER_MS = 10 * 60_000;

/** A stat slower than this (ms) is a round trip to a server, not a local disk's few µs. */
const SLOW_STAT_MS = 0.5;
/** How many slow stats on this thread before the rest go through the thread pool. */
const SLOW_STATS_BEFORE_POOL = 8;
/** Stats in flight at once through the thread pool. */
const STAT_CONCURRENCY = 16;
/**
 * Signatures gathered before they are sent to be checked: enough to be worth worker threads
 * (signatures.ts), few enough that the workers start while the next ledgers are scanned.
 */
const SIGNATURE_BATCH = 16_384;

interface Known {
  /** The stat the read was made at. */
  stamp: FileStamp;
  keyText: string | null;
  keySha: string | null;
  read: LedgerRead;
  /** Bytes up to and including the last verified line (0 when the read is not ok). */
  verifiedLength: number;
  /** Where the last verified line starts, and the SHA-256 of its bytes with its '\n'. */
  lastLineStart: number;
  lastLineSha: string;
  /** Clock time of the first tail read since the last read from genesis; null if none since. */
  tailSince: number | null;
}

const ok = (read: LedgerRead) => !read.problems.some((p) => p.severity === 'error');
const sha256 = (data: string | Uint8Array) => hash('sha256', data, 'hex');
/** Whether the key file was missing or held another key than the genesis entry (see finishScan). */
const keyProblem = ({ keyText, read }: Known) =>
  keyText === null || (read.publicKey !== null && keyText.trim() !== read.publicKey);

function sameFile(a: FileStamp, b: FileStamp): boolean {
  return a.ino === b.ino && a.dev === b.dev;
}

function unchanged(a: FileStamp, b: FileStamp): boolean {
  return sameFile(a, b) && a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs;
}

/** Whether `now` can be `then` with bytes appended (a writer's append moves no time back). */
function onlyGrew(then: FileStamp, now: FileStamp): boolean {
  return (
    sameFile(then, now) && now.size > then.size && now.mtimeMs >= then.mtimeMs && now.ctimeMs >= then.ctimeMs
  );
}

export function createWorkspaceReader(ws: Workspace, options: ReaderOptions = {}): WorkspaceReader {
  const fs = options.fs ?? nodeReaderFs;
  const clock = options.clock ?? Date.now;
  const recheckAfterMs = options.recheckAfterMs ?? DEFAULT_RECHECK_AFTER_MS;
  const cache = new Map<string, Known>();
  /** The reads a grown file's read is made of, in order. */
  const pieces = new WeakMap<LedgerRead, LedgerRead[]>();
  let recheckAll = false;

  // Scans waiting for their signatures to be checked, all ledgers together (see SIGNATURE_BATCH).
  let waiting: { scan: LedgerScan; done: (read: LedgerRead) => void; failed: (err: unknown) => void }[] = [];
  let waitingSigs = 0;
  let scheduled = false;
  let readOpts: ReadOptions = {};

  function checkWaiting(): void {
    const batch = waiting;
    waiting = [];
    waitingSigs = 0;
    if (batch.length === 0) return;
    const scans = batch.map((w) => w.scan);
    finishScans(scans, readOpts).then(
      (reads) => {
        rememberVerified(ws, scans);
        batch.forEach((w, i) => w.done(reads[i] as LedgerRead));
      },
      (err: unknown) => batch.forEach((w) => w.failed(err)),
    );
  }

  /** The read of `scan` once its signatures are checked, with others' in one batch. */
  function finish(scan: LedgerScan): Promise<LedgerRead> {
    return new Promise<LedgerRead>((done, failed) => {
      waiting.push({ scan, done, failed });
      waitingSigs += scan.sigIndices.length;
      if (waitingSigs >= SIGNATURE_BATCH) checkWaiting();
      else if (!scheduled) {
        // Once every ledger of this pass has been scanned (they are scanned synchronously).
        scheduled = true;
        setImmediate(() => {
          scheduled = false;
          checkWaiting();
        });
      }
    });
  }

  /** The bytes of `file` from `from` up to `to` (fewer if it is shorter now). */
  function readRange(file: string, from: number, to: number, seen: FileStamp): Buffer {
    const fd = fs.open(file, seen);
    try {
      const buf = Buffer.allocUnsafe(Math.max(0, to - from));
      let off = 0;
      while (off < buf.length) {
        const n = fs.read(fd, buf, off, buf.length - off, from + off);
        if (n === 0) break;
        off += n;
      }
      return buf.subarray(0, off);
    } finally {
      fs.close(fd);
    }
  }

  /** The key file's text (null when there is none), or why it is there but cannot be read. */
  function readKey(profileId: string): { text: string | null; error?: Reason } {
    let fd: number;
    try {
      fd = fs.open(keyPath(ws, profileId));
    } catch (err) {
      return errnoCode(err) === 'ENOENT' ? { text: null } : { text: null, error: fsReason(err) };
    }
    try {
      // A key file is some 60 bytes: one read, and never more than a key file can be.
      const buf = Buffer.allocUnsafe(FILE_CAPS.keyBytes + 1);
      let off = 0;
      while (off < buf.length) {
        const n = fs.read(fd, buf, off, buf.length - off, off);
        off += n;
        if (n === 0 || off < buf.length) break; // a short read of a regular file: its end
      }
      if (off > FILE_CAPS.keyBytes) {
        return { text: null, error: tooLarge(keyPath(ws, profileId), off, FILE_CAPS.keyBytes).why };
      }
      return { text: buf.toString('utf8', 0, off) };
    } catch (err) {
      return { text: null, error: fsReason(err) };
    } finally {
      fs.close(fd);
    }
  }

  /** Reads a ledger from genesis and records it (unless it could not be read). */
  async function readFromGenesis(
    profileId: string,
    stamp: FileStamp | Error,
    key = readKey(profileId),
  ): Promise<LedgerRead> {
    let buf: Buffer;
    try {
      if (stamp instanceof Error) throw stamp;
      if (stamp.kind !== 'file') throw new UnsafeFileError(ledgerPath(ws, profileId), notRegular(stamp.kind));
      if (stamp.size > FILE_CAPS.ledgerBytes) {
        throw tooLarge(ledgerPath(ws, profileId), stamp.size, FILE_CAPS.ledgerBytes);
      }
      buf = readRange(ledgerPath(ws, profileId), 0, stamp.size, stamp);
    } catch (err) {
      // Not recorded: an unreadable file is tried again at the next read.
      cache.delete(profileId);
      const scan = unreadableScan(ws, profileId, err, 'quick');
      scan.keyFileText = key.text;
      if (key.error) scan.keyFileError = key.error;
      return finish(scan);
    }
    const scan = scanLedger(buf, {
      profileId,
      keyFileText: key.text,
      depth: 'quick',
      events: ws.events,
      trusted: ws.verified?.get(profileId) ?? null,
    });
    if (key.error) scan.keyFileError = key.error;
    const read = await finish(scan);
    const known: Known = {
      stamp: stamp as FileStamp,
      keyText: key.text,
      keySha: key.text === null ? null : sha256(key.text),
      read,
      verifiedLength: 0,
      lastLineStart: 0,
      lastLineSha: '',
      tailSince: null,
    };
    if (ok(read) && scan.completeLength > 0) setLastLine(known, buf, 0, scan.completeLength);
    cache.set(profileId, known);
    return read;
  }

  /** Records buf[0, end) as verified, buf starting at `at` in the file. */
  function setLastLine(known: Known, buf: Buffer, at: number, end: number): void {
    const start = buf.lastIndexOf(0x0a, end - 2) + 1;
    known.verifiedLength = at + end;
    known.lastLineStart = at + start;
    known.lastLineSha = sha256(buf.subarray(start, end));
  }

  /**
   * Reads what was appended to a ledger from its last verified line on; null when that line is
   * not the one verified or the new lines do not hold (the caller reads from genesis).
   */
  async function readAppended(
    prior: Known,
    stamp: FileStamp,
    keyText: string | null,
  ): Promise<LedgerRead | null> {
    const { read: before } = prior;
    const have = entryCount(before);
    const headHash = before.headHash;
    if (have === 0 || headHash === null || before.publicKey === null) return null;
    if (stamp.size > FILE_CAPS.ledgerBytes) return null;
    let chunk: Buffer;
    try {
      chunk = readRange(ledgerPath(ws, before.profileId), prior.lastLineStart, stamp.size, stamp);
    } catch {
      return null;
    }
    const lastLength = prior.verifiedLength - prior.lastLineStart;
    if (chunk.length < lastLength || sha256(chunk.subarray(0, lastLength)) !== prior.lastLineSha) return null;
    const tail = chunk.subarray(lastLength);
    const scan: LedgerScan = scanLedger(tail, {
      profileId: before.profileId,
      keyFileText: keyText,
      depth: 'quick',
      events: ws.events,
      resume: { seq: have + 1, prevHash: headHash, publicKey: before.publicKey },
      trusted: ws.verified?.get(before.profileId) ?? null,
    });
    if (scan.broken !== null) return null;
    const added = await finish(scan);
    if (!ok(added)) return null;
    // The entries are made when first asked for, from the reads of each piece of the file
    // (kept flat, so many small appends never nest one concat in another).
    const made = entriesMade(before) ? undefined : pieces.get(before);
    const parts = [...(made ?? [before]), added];
    const read = { profileId: added.profileId, file: added.file } as LedgerRead;
    lazyEntries(read, have + entryCount(added), () =>
      ([] as LedgerEntry[]).concat(...parts.map((p) => p.entries)),
    );
    pieces.set(read, parts);
    read.headHash = added.headHash ?? headHash;
    read.incompleteTail = added.incompleteTail;
    read.problems = added.problems;
    read.publicKey = added.publicKey;
    prior.stamp = stamp;
    prior.read = read;
    prior.tailSince ??= clock();
    if (scan.completeLength > 0) setLastLine(prior, tail, prior.verifiedLength, scan.completeLength);
    return read;
  }

  async function readOne(profileId: string, stamp: FileStamp | Error): Promise<LedgerRead> {
    const prior = cache.get(profileId);
    if (!prior || stamp instanceof Error) return readFromGenesis(profileId, stamp);
    const due = prior.tailSince !== null && (recheckAll || clock() - prior.tailSince >= recheckAfterMs);
    if (due) return readFromGenesis(profileId, stamp);
    if (unchanged(prior.stamp, stamp) && stamp.kind === 'file') {
      if (!keyProblem(prior)) return prior.read;
      const key = readKey(profileId);
      if (key.text === prior.keyText) return prior.read;
      return readFromGenesis(profileId, stamp, key);
    }
    const key = readKey(profileId);
    const keySha = key.text === null ? null : sha256(key.text);
    // After a recheck was asked for (a full verification), a grown ledger is read whole too.
    if (
      !recheckAll &&
      stamp.kind === 'file' &&
      onlyGrew(prior.stamp, stamp) &&
      ok(prior.read) &&
      keySha === prior.keySha
    ) {
      const read = await readAppended(prior, stamp, key.text);
      if (read !== null) return read;
    }
    // Anything but a clean append: from genesis.
    return readFromGenesis(profileId, stamp, key);
  }

  /**
   * Each file's stamp, or why it could not be had. On this thread while stats are quick (a local
   * disk answers in microseconds, less than a hop to the thread pool costs); once a few have
   * been slow (a network share: a round trip each), the rest go through the thread pool,
   * several at a time, so that their round trips overlap.
   */
  async function statAll(ids: string[]): Promise<(FileStamp | Error)[]> {
    const out: (FileStamp | Error)[] = new Array<FileStamp | Error>(ids.length);
    const asError = (err: unknown) => (err instanceof Error ? err : new Error(String(err)));
    let next = 0;
    for (let slow = 0; next < ids.length && slow < SLOW_STATS_BEFORE_POOL; next++) {
      const started = performance.now();
      try {
        out[next] = fs.statSync(ledgerPath(ws, ids[next] as string));
      } catch (err) {
        out[next] = asError(err);
      }
      if (performance.now() - started > SLOW_STAT_MS) slow++;
    }
    const worker = async () => {
      while (next < ids.length) {
        const i = next++;
        try {
          out[i] = await fs.stat(ledgerPath(ws, ids[i] as string));
        } catch (err) {
          out[i] = asError(err);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(STAT_CONCURRENCY, ids.length - next) }, worker));
    return out;
  }

  return {
    async read(opts = {}) {
      let names: string[];
      try {
        checkFolder(ws.ledgersDir);
        names = await fs.list(ws.ledgersDir);
      } catch (err) {
        if (errnoCode(err) !== 'ENOENT') return readWorkspace(ws, { depth: 'quick', ...opts }); // words it
        names = [];
      }
      const ids = names
        .map((n) => LEDGER_FILE_PATTERN.exec(n)?.[1])
        .filter((id): id is string => id !== undefined)
        .sort();
      const listed = new Set(ids);
      for (const id of [...cache.keys()]) if (!listed.has(id)) cache.delete(id);
      const stamps = await statAll(ids);
      readOpts = opts;
      // Every ledger is scanned before any is awaited, so that signatures go in batches.
      const ledgers = await Promise.all(ids.map((id, i) => readOne(id, stamps[i] as FileStamp | Error)));
      recheckAll = false;
      return { ledgers, report: buildReport('quick', ledgers, [], opts.now) };
    },
    recheck() {
      recheckAll = true;
    },
    clear() {
      cache.clear();
    },
  };
}

function notRegular(kind: FileKind): Reason {
  return kind === 'symlink' ? reason('fs.symlink') : reason('fs.notRegular', { context: kind });
}
