// One profile's own ledger: creating it (all or nothing), opening it for appending (lock,
// torn-tail repair, read-only on corruption) and appending (serialised, fsync'd before it
// resolves, rolled back if a write fails partway).
import { closeSync, fsyncSync, ftruncateSync, readdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { StewardError } from '../errors';
import { encodeEntry, GENESIS_PREV } from './entry';
import type { LedgerEntry, LedgerEntryOf } from './entry';
import type { EventData, EventRegistry, EventType } from './events';
import { fingerprintOf, PROFILE_ID_PATTERN, profileIdFor, publicKeyOf } from './keys';
import type { ProfileKeys } from './keys';
import { acquireLock } from './lock';
import type { LockHandle } from './lock';
import {
  ensureRealDir,
  FILE_CAPS,
  kindAt,
  openRegularForAppend,
  openRegularForRead,
  openRegularForUpdate,
  readAt,
  tooLarge,
  UnsafeFileError,
} from './safeFs';
import { entryCount, scanLedger } from './scan';
import { finishScans } from './signatures';
import { readKeyText, rememberVerified } from './verify';
import type { Workspace } from './workspace';
import { formatReason, reason, type Reason } from '../contract/reasons';
import {
  fsReason,
  fsyncDir,
  keyPath,
  ledgerPath,
  ledgerRelPath,
  plainReason,
  removeQuietly,
  writeAll,
  writeFileAtomic,
  writeTempFile,
} from './workspace';

export interface ReadOnlyState {
  /** Relative to the workspace: 'ledgers/<id>.jsonl'. */
  file: string;
  /** The seq that should have been there; null when the problem is not one entry. */
  seq: number | null;
  /** Why, as data for the screens. */
  why: Reason;
  /** Why, in English. */
  reason: string;
}

export interface LedgerHead {
  seq: number;
  hash: string;
}

export interface Ledger {
  readonly profileId: string;
  /** Absolute path of the ledger file. */
  readonly file: string;
  /** Set when the ledger must not be written (corruption found on open, or a failed rollback). */
  readonly readOnly: ReadOnlyState | null;
  /** The last entry: seq 0 and the all-zero hash when there is none. */
  head(): LedgerHead;
  /** Appends one entry; resolves once it is written and fsync'd. Appends run one at a time. */
  append<T extends EventType>(type: T, data: EventData<T>): Promise<LedgerEntryOf<T>>;
  /** Called after every successful append; returns the unsubscribe function. */
  onAppend(listener: (entry: LedgerEntry) => void): () => void;
  /** Waits for pending appends, closes the file and releases the lock. */
  close(): Promise<void>;
}

/**
 * Where the app keeps, outside the workspace (per user), the head of its own ledger as it last
 * wrote or saw it. On open, a file shorter than that head, or with another entry at its seq, was
 * cut back or replaced behind the app's back: it opens read-only rather than grow a second history.
 */
export interface LocalHeadStore {
  /** The head kept, or null when there is none (a new profile, a new computer). */
  read(): LedgerHead | null;
  /** Keeps `head`; must not throw. */
  write(head: LedgerHead): void;
  close?(): void;
}

export interface LedgerOptions {
  /** The clock for entry timestamps (default: the system clock). */
  now?: () => Date;
  /** The app's own record of this ledger's head (see LocalHeadStore). */
  localHead?: LocalHeadStore;
}

export type CreateStep = 'key-written' | 'ledger-temp-written' | 'ledger-committed';

export interface CreateOptions extends LedgerOptions {
  /** Test seam: called after each durable step of createLedger. */
  onStep?: (step: CreateStep) => void;
}

const lockPathFor = (ws: Workspace, profileId: string) => join(ws.ledgersDir, `${profileId}.lock`);

function checkProfileId(profileId: string): void {
  if (typeof profileId !== 'string' || !PROFILE_ID_PATTERN.test(profileId)) {
    throw new StewardError('INVALID_ARGUMENT', `Not a profile id: ${String(profileId)}`);
  }
}

/** Leftover temp files of an interrupted createLedger for this profile. */
function removeLeftoverTemps(ws: Workspace, profileId: string): void {
  const prefix = `.${profileId}.jsonl.`;
  let names: string[];
  try {
    names = readdirSync(ws.ledgersDir);
  } catch {
    return;
  }
  for (const n of names)
    if (n.startsWith(prefix) && n.endsWith('.tmp')) removeQuietly(join(ws.ledgersDir, n));
}

/**
 * Creates a profile's ledger with its genesis `profile.created` entry, all or nothing: the
 * public key file and the ledger are each written to a temp file, fsync'd and renamed; the
 * ledger's rename is the commit point. A crash leaves either no ledger or a complete one.
 */
export async function createLedger(
  ws: Workspace,
  keys: ProfileKeys,
  profile: { name: string; email: string; team: string },
  opts: CreateOptions = {},
): Promise<{ profileId: string; entry: LedgerEntryOf<'profile.created'> }> {
  const profileId = profileIdFor(keys.publicKey);
  if (publicKeyOf(keys.privateKeyPem) !== keys.publicKey) {
    throw new StewardError('INVALID_ARGUMENT', 'The private key does not belong to the public key.');
  }
  const data = ws.events.parse('profile.created', {
    name: profile.name,
    email: profile.email,
    team: profile.team,
    publicKey: keys.publicKey,
    fingerprint: fingerprintOf(keys.publicKey),
  });
  const file = ledgerPath(ws, profileId);
  const rel = ledgerRelPath(profileId);
  try {
    // Written into real folders of the workspace only, never through a planted symlink.
    for (const d of [ws.ledgersDir, ws.keysDir]) ensureRealDir(ws.dir, d);
  } catch (err) {
    throw new StewardError(
      'WORKSPACE_NOT_WRITABLE',
      `Steward could not create ${rel} in ${ws.dir}: ${plainReason(err)}.`,
      {
        cause: err,
        reasons: [reason('ledger.openFailed', { file: rel, why: fsReason(err) })],
      },
    );
  }
  const lock = await acquireLock(lockPathFor(ws, profileId), rel);
  try {
    if (kindAt(file) !== null) {
      throw new StewardError('PROFILE_EXISTS', `A ledger for profile ${profileId} already exists (${rel}).`);
    }
    removeLeftoverTemps(ws, profileId);
    const now = opts.now ?? (() => new Date());
    const { entry, line } = encodeEntry(
      {
        seq: 1,
        ts: now().toISOString(),
        type: 'profile.created',
        actor: profileId,
        data,
        prev: GENESIS_PREV,
      },
      keys.privateKeyPem,
    );
    let tmp: string | null = null;
    try {
      writeFileAtomic(keyPath(ws, profileId), `${keys.publicKey}\n`);
      opts.onStep?.('key-written');
      tmp = writeTempFile(file, line);
      opts.onStep?.('ledger-temp-written');
      renameSync(tmp, file); // the commit point
      tmp = null;
      opts.onStep?.('ledger-committed');
      fsyncDir(ws.ledgersDir);
    } catch (err) {
      if (tmp !== null) removeQuietly(tmp);
      if (err instanceof StewardError) throw err;
      throw new StewardError(
        'WORKSPACE_NOT_WRITABLE',
        `Steward could not create ${rel} in ${ws.dir}: ${plainReason(err)}.`,
        { cause: err },
      );
    }
    return { profileId, entry: entry as LedgerEntryOf<'profile.created'> };
  } finally {
    lock.release();
  }
}

function tornName(now: Date): string {
  return now.toISOString().replace(/[-:.]/g, '');
}

/** Moves the bytes after the last '\n' to a sidecar file, then cuts the ledger back to it. */
function cutTornTail(file: string, buf: Buffer, completeLength: number, now: Date): void {
  const base = `${file}.torn-${tornName(now)}`;
  let sidecar = base;
  for (let i = 1; kindAt(sidecar) !== null; i++) sidecar = `${base}-${i}`;
  writeFileAtomic(sidecar, buf.subarray(completeLength));
  const { fd } = openRegularForUpdate(file);
  try {
    ftruncateSync(fd, completeLength);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

class OpenLedger implements Ledger {
  readonly profileId: string;
  readonly file: string;
  readOnly: ReadOnlyState | null;
  private readonly rel: string;
  private fd: number | null;
  private size: number;
  private last: LedgerHead;
  private lastTs: string;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;
  private readonly listeners = new Set<(entry: LedgerEntry) => void>();

  constructor(
    private readonly lock: LockHandle,
    private readonly privateKeyPem: string,
    private readonly now: () => Date,
    private readonly events: EventRegistry,
    private readonly localHead: LocalHeadStore | undefined,
    init: {
      profileId: string;
      file: string;
      fd: number | null;
      size: number;
      head: LedgerHead;
      readOnly: ReadOnlyState | null;
      /** The last entry's time: a new entry is never dated before it, whatever this clock says. */
      lastTs?: string;
    },
  ) {
    this.profileId = init.profileId;
    this.file = init.file;
    this.rel = ledgerRelPath(init.profileId);
    this.fd = init.fd;
    this.size = init.size;
    this.last = init.head;
    this.lastTs = init.lastTs ?? '';
    this.readOnly = init.readOnly;
  }

  head(): LedgerHead {
    return { ...this.last };
  }

  onAppend(listener: (entry: LedgerEntry) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  async append<T extends EventType>(type: T, data: EventData<T>): Promise<LedgerEntryOf<T>> {
    const parsed = this.events.parse(type, data);
    if (type === 'profile.created') {
      throw new StewardError('INVALID_ARGUMENT', 'profile.created is written only by createLedger.');
    }
    const run = this.queue.then(() => this.write(type, parsed));
    this.queue = run.catch(() => undefined);
    return (await run) as LedgerEntryOf<T>;
  }

  private readOnlyError(): StewardError {
    const ro = this.readOnly as ReadOnlyState;
    const at = ro.seq === null ? '' : ` at entry ${ro.seq}`;
    return new StewardError(
      'LEDGER_READ_ONLY',
      `${ro.file} is read-only${at}: ${ro.reason}. Nothing was written; the file has been left as it is.`,
      { reasons: [reason('ledger.readOnly', { file: ro.file, why: ro.why })] },
    );
  }

  private rollback(size: number): boolean {
    let fd: number | undefined;
    try {
      fd = openRegularForUpdate(this.file).fd;
      ftruncateSync(fd, size);
      fsyncSync(fd);
      return true;
    } catch {
      return false;
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  }

  private write(type: EventType, data: unknown): LedgerEntry {
    if (this.closed) throw new StewardError('INTERNAL', `${this.rel} is closed.`);
    if (this.readOnly !== null) throw this.readOnlyError();
    const fd = this.fd as number;
    const seq = this.last.seq + 1;
    // A ledger's times never go back: a clock set back (or a machine whose clock is behind the
    // one that wrote last) dates the entry at the last one's time.
    const clock = this.now().toISOString();
    const ts = clock < this.lastTs ? this.lastTs : clock;
    const { entry, line } = encodeEntry(
      { seq, ts, type, actor: this.profileId, data, prev: this.last.hash },
      this.privateKeyPem,
    );
    const bytes = Buffer.from(line, 'utf8');
    const before = this.size;
    try {
      writeAll(fd, bytes);
      fsyncSync(fd);
    } catch (err) {
      const clean = this.rollback(before);
      if (!clean) {
        const why = reason('ledger.writeFailed', { seq, why: fsReason(err) });
        this.readOnly = { file: this.rel, seq, why, reason: formatReason(why) };
      }
      throw new StewardError(
        'WORKSPACE_NOT_WRITABLE',
        `Steward could not save entry ${seq} to ${this.rel}: ${plainReason(err)}.` +
          (clean ? ' Nothing was recorded.' : ' The ledger is now read-only.'),
        {
          cause: err,
          reasons: [
            reason('ledger.saveFailed', {
              seq,
              file: this.rel,
              why: fsReason(err),
              context: clean ? 'clean' : 'readOnly',
            }),
          ],
        },
      );
    }
    this.size = before + bytes.length;
    this.last = { seq, hash: entry.hash };
    this.lastTs = ts;
    this.localHead?.write({ seq, hash: entry.hash });
    for (const listener of this.listeners) {
      try {
        listener(entry);
      } catch {
        // a listener's failure is not the append's failure
      }
    }
    return entry;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.queue;
    this.closed = true;
    if (this.fd !== null) {
      closeSync(this.fd);
      this.fd = null;
    }
    this.localHead?.close?.();
    this.lock.release();
  }
}

/**
 * Whether the file lost what this app last wrote or saw of it (`known`): fewer entries than its
 * seq (cut back), or another entry there (replaced). Null when the file still holds it.
 */
function cutBehindUs(
  rel: string,
  known: LedgerHead | null,
  count: number,
  hashAt: (seq: number) => string,
): ReadOnlyState | null {
  if (known === null || known.seq < 1) return null;
  if (known.seq > count) {
    const why = reason('ledger.cutBack', {
      missing: reason('witness.missing', { count: known.seq - count, from: count + 1, to: known.seq }),
      seq: known.seq,
      entries: count,
      file: rel,
    });
    return { file: rel, seq: count + 1, why, reason: formatReason(why) };
  }
  const theirs = hashAt(known.seq);
  if (theirs === known.hash) return null;
  const why = reason('ledger.replaced', {
    seq: known.seq,
    mine: known.hash.slice(0, 12),
    theirs: theirs.slice(0, 12),
    file: rel,
  });
  return { file: rel, seq: known.seq, why, reason: formatReason(why) };
}

/**
 * Opens a profile's own ledger for appending: takes its lock, repairs a torn last line (its
 * bytes go to a `.torn-<time>` sidecar), checks hash links and the last signature, and checks
 * that `privateKeyPem` is the profile's key. A damaged ledger opens read-only, unchanged.
 */
export async function openLedger(
  ws: Workspace,
  profileId: string,
  privateKeyPem: string,
  opts: LedgerOptions = {},
): Promise<Ledger> {
  checkProfileId(profileId);
  const file = ledgerPath(ws, profileId);
  const rel = ledgerRelPath(profileId);
  if (kindAt(file) === null) {
    const known = opts.localHead?.read() ?? null;
    if (known !== null && known.seq > 0) {
      const why = reason('ledger.ownMissing', { file: rel, seq: known.seq });
      throw new StewardError('LEDGER_CORRUPT', formatReason(why), { reasons: [why] });
    }
    throw new StewardError('PROFILE_NOT_FOUND', `There is no ledger for profile ${profileId} in ${ws.dir}.`);
  }
  const now = opts.now ?? (() => new Date());
  const lock = await acquireLock(lockPathFor(ws, profileId), rel);
  let fd: number | null = null;
  try {
    // Only a regular file in a real ledgers folder, read and then appended to as the same file.
    ensureRealDir(ws.dir, ws.ledgersDir, false);
    const opened = openRegularForRead(file);
    let buf: Buffer;
    try {
      if (opened.stat.size > FILE_CAPS.ledgerBytes)
        throw tooLarge(file, opened.stat.size, FILE_CAPS.ledgerBytes);
      buf = readAt(opened.fd, opened.stat.size, 0);
    } finally {
      closeSync(opened.fd);
    }
    const key = readKeyText(keyPath(ws, profileId));
    const keyText = key.text;
    const scan = scanLedger(buf, {
      profileId,
      keyFileText: keyText,
      depth: 'quick',
      events: ws.events,
      trusted: ws.verified?.get(profileId) ?? null,
    });
    if (key.error) scan.keyFileError = key.error;
    const [read] = await finishScans([scan], { workers: 0 });
    if (!read) throw new StewardError('INTERNAL', 'ledger scan returned nothing');
    rememberVerified(ws, [scan]);
    const ownKey = publicKeyOf(privateKeyPem); // throws KEY_UNAVAILABLE if unreadable
    if (read.publicKey !== null && ownKey !== read.publicKey) {
      throw new StewardError(
        'KEY_UNAVAILABLE',
        `The private key on this computer does not belong to profile ${profileId}: it cannot sign its ledger.`,
        { reasons: [reason('ledger.keyNotOwners', { profileId })] },
      );
    }
    const count = entryCount(read); // entries run from seq 1 without gaps
    const head: LedgerHead =
      count > 0 && read.headHash !== null
        ? { seq: count, hash: read.headHash }
        : { seq: 0, hash: GENESIS_PREV };
    let readOnly: ReadOnlyState | null = null;
    if (scan.broken !== null) {
      readOnly = {
        file: rel,
        seq: scan.broken.seq,
        why: scan.broken.reason,
        reason: formatReason(scan.broken.reason),
      };
    } else {
      readOnly = cutBehindUs(rel, opts.localHead?.read() ?? null, count, (seq) => scan.list.hashAt(seq - 1));
    }
    if (readOnly === null) {
      if (read.incompleteTail) cutTornTail(file, buf, scan.completeLength, now());
      if (keyText === null && key.error === undefined && read.publicKey !== null) {
        ensureRealDir(ws.dir, ws.keysDir);
        writeFileAtomic(keyPath(ws, profileId), `${read.publicKey}\n`); // restore our own public key file
      }
      const append = openRegularForAppend(file);
      fd = append.fd;
      if (append.stat.ino !== opened.stat.ino || append.stat.dev !== opened.stat.dev) {
        throw new UnsafeFileError(file, reason('fs.replaced'));
      }
      if (head.seq > 0) opts.localHead?.write(head);
    }
    return new OpenLedger(lock, privateKeyPem, now, ws.events, opts.localHead, {
      profileId,
      file,
      fd,
      size: scan.completeLength,
      head,
      readOnly,
      ...(count > 0 ? { lastTs: read.entries[count - 1]?.ts ?? '' } : {}),
    });
  } catch (err) {
    if (fd !== null) closeSync(fd);
    lock.release();
    if (err instanceof StewardError) throw err;
    throw new StewardError('WORKSPACE_NOT_WRITABLE', `Steward could not open ${rel}: ${plainReason(err)}.`, {
      cause: err,
      reasons: [reason('ledger.openFailed', { file: rel, why: fsReason(err) })],
    });
  }
}
