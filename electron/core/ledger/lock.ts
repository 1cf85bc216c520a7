// One writer per ledger: the owning process holds `ledgers/<id>.lock`, created with O_EXCL and
// holding { pid, host, startedAt }. A lock left by a dead process on this host is stale and is
// taken over; taking over happens under a second O_EXCL file (`.takeover`) and only removes the
// lock if it still holds the very content judged stale, so of two processes taking over at the
// same time exactly one ends up with the lock and the other sees a live owner.
import { closeSync, fsyncSync, lstatSync, openSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { StewardError } from '../errors';
import { reason } from '../contract/reasons';
import { FILE_CAPS, readRegularFile, UnsafeFileError } from './safeFs';

export interface LockInfo {
  pid: number;
  host: string;
  startedAt: string;
}

export interface LockHandle {
  readonly path: string;
  readonly info: LockInfo;
  /** Removes the lock file (if it is still ours). Idempotent. */
  release(): void;
}

/** A lock file that cannot be parsed yet is assumed to be mid-write for this long. */
const UNREADABLE_GRACE_MS = 2_000;
/** A takeover guard older than this was left by a crashed taker. */
const GUARD_STALE_MS = 10_000;
const MAX_ATTEMPTS = 200;

/** Locks this process holds. A lock naming this pid that is not here was left by an earlier
 * process that had the same pid (pids are reused, e.g. pid 1 in a container). */
const heldHere = new Set<string>();

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function code(err: unknown): string | undefined {
  return (err as NodeJS.ErrnoException | undefined)?.code;
}

/** Whether a process with this id exists on this machine. */
export function pidAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return code(err) === 'EPERM';
  }
}

/** Creates `path` exclusively with `content`; false if it already exists. */
function createExclusive(path: string, content: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx');
  } catch (err) {
    if (code(err) === 'EEXIST') return false;
    throw err;
  }
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } catch (err) {
    closeSync(fd);
    try {
      unlinkSync(path);
    } catch {
      // nothing more we can do; the content is unreadable and will be judged stale later
    }
    throw err;
  }
  closeSync(fd);
  return true;
}

/**
 * The lock file's text; null when there is none. Anything but a small regular file (a symlink,
 * a FIFO planted in the shared folder) reads as a text no lock holds, so it is judged stale
 * after the grace period and removed, never opened.
 */
function readRaw(path: string): string | null {
  try {
    return readRegularFile(path, FILE_CAPS.lockBytes).toString('utf8');
  } catch (err) {
    if (code(err) === 'ENOENT') return null;
    if (err instanceof UnsafeFileError) return `(not a lock file: ${err.why.code})`;
    throw err;
  }
}

function parseInfo(raw: string): LockInfo | null {
  try {
    const v = JSON.parse(raw) as Partial<LockInfo>;
    if (
      typeof v.pid === 'number' &&
      Number.isSafeInteger(v.pid) &&
      v.pid > 0 &&
      typeof v.host === 'string' &&
      typeof v.startedAt === 'string'
    ) {
      return { pid: v.pid, host: v.host, startedAt: v.startedAt };
    }
  } catch {
    // fall through
  }
  return null;
}

function ageMs(path: string): number {
  try {
    return Date.now() - lstatSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

function unlinkIfPresent(path: string): void {
  try {
    unlinkSync(path);
  } catch (err) {
    if (code(err) !== 'ENOENT') throw err;
  }
}

/** Describes who holds a lock, for messages. */
export function describeHolder(info: LockInfo): string {
  return `process ${info.pid} on ${info.host} since ${info.startedAt}`;
}

/** Reads the lock at `path` (null if there is none or it cannot be parsed). */
export function readLock(path: string): LockInfo | null {
  const raw = readRaw(path);
  return raw === null ? null : parseInfo(raw);
}

/**
 * Removes the lock at `lockPath` if it still reads `staleRaw`, holding the takeover guard while
 * checking. Returns false when another taker holds the guard (try again later).
 */
function removeStale(lockPath: string, staleRaw: string): boolean {
  const guard = `${lockPath}.takeover`;
  const me: LockInfo = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString() };
  if (!createExclusive(guard, JSON.stringify(me))) {
    const raw = readRaw(guard);
    const holder = raw === null ? null : parseInfo(raw);
    const dead = holder !== null && holder.host === hostname() && !pidAlive(holder.pid);
    if (raw !== null && (dead || ageMs(guard) > GUARD_STALE_MS) && readRaw(guard) === raw) {
      unlinkIfPresent(guard);
    }
    return false;
  }
  try {
    if (readRaw(lockPath) === staleRaw) unlinkIfPresent(lockPath);
  } finally {
    unlinkIfPresent(guard);
  }
  return true;
}

/**
 * Takes the lock at `lockPath`. `label` names what is locked in the LEDGER_LOCKED message
 * (e.g. "ledgers/p123.jsonl").
 */
export async function acquireLock(
  path: string,
  label: string,
  /** Test seam: awaited after a lock has been judged stale, before taking it over. */
  hooks: { onStale?: () => Promise<void> | void } = {},
): Promise<LockHandle> {
  const lockPath = resolve(path);
  const host = hostname();
  const info: LockInfo = { pid: process.pid, host, startedAt: new Date().toISOString() };
  const content = JSON.stringify(info);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    if (createExclusive(lockPath, content)) {
      let released = false;
      heldHere.add(lockPath);
      return {
        path: lockPath,
        info,
        release() {
          if (released) return;
          released = true;
          heldHere.delete(lockPath);
          if (readRaw(lockPath) === content) unlinkIfPresent(lockPath);
        },
      };
    }
    const raw = readRaw(lockPath);
    if (raw === null) continue; // released in between: try again at once
    const holder = parseInfo(raw);
    if (holder === null) {
      // Being written right now, or left half-written by a crash.
      if (ageMs(lockPath) < UNREADABLE_GRACE_MS) {
        await sleep(20);
        continue;
      }
    } else if (
      holder.host !== host ||
      (holder.pid === process.pid ? heldHere.has(lockPath) : pidAlive(holder.pid))
    ) {
      const elsewhere = holder.host !== host;
      throw new StewardError(
        'LEDGER_LOCKED',
        `${label} is in use by Steward (${describeHolder(holder)}). ` +
          (elsewhere
            ? `Close Steward on ${holder.host} and try again. If Steward is no longer running there, delete ${lockPath}.`
            : 'Close the other Steward window or process and try again.'),
        {
          reasons: [
            elsewhere
              ? reason('ledger.lockedElsewhere', { file: label, host: holder.host, lock: lockPath })
              : reason('ledger.lockedHere', { file: label, pid: holder.pid }),
          ],
        },
      );
    }
    // Stale: its process is gone (or its content never got written). Take it over.
    await hooks.onStale?.();
    if (!removeStale(lockPath, raw)) await sleep(5 + Math.floor(Math.random() * 20));
  }
  throw new StewardError(
    'LEDGER_LOCKED',
    `${label} could not be locked: another process keeps taking the lock. Try again in a moment.`,
    { reasons: [reason('ledger.lockContended', { file: label })] },
  );
}
