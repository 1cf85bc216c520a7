// The workspace folder and the small file-system helpers every ledger write goes through:
// atomic replace (temp file + fsync + rename + directory fsync) and plain-words error reasons.
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { StewardError } from '../errors';
import { PROFILE_ID_PATTERN } from '../contract/ids';
import { formatReason, reason, type Reason } from '../contract/reasons';
import type { EventRegistry } from './events';
import { ensureRealDir, UnsafeFileError } from './safeFs';
import type { VerifiedHeads } from './verifiedHeads';

export interface Workspace {
  /** Absolute path of the workspace folder. */
  dir: string;
  ledgersDir: string;
  keysDir: string;
  importsDir: string;
  /** The event types its ledgers may hold, given by the app (the ledger knows no feature). */
  events: EventRegistry;
  /**
   * What this app verified in full before (kept in its own data folder, see verifiedHeads.ts):
   * a quick read checks each signature once per app with it, and every signature on every read
   * without it.
   */
  verified?: VerifiedHeads;
}

export const LEDGER_FILE_PATTERN = new RegExp(`^(${PROFILE_ID_PATTERN.source.slice(1, -1)})\\.jsonl$`);

/** The paths of a workspace, without touching the disk. */
export function workspacePaths(dir: string, events: EventRegistry, verified?: VerifiedHeads): Workspace {
  const abs = resolve(dir);
  return {
    dir: abs,
    ledgersDir: join(abs, 'ledgers'),
    keysDir: join(abs, 'keys'),
    importsDir: join(abs, 'imports'),
    events,
    ...(verified ? { verified } : {}),
  };
}

export function ledgerPath(ws: Workspace, profileId: string): string {
  return join(ws.ledgersDir, `${profileId}.jsonl`);
}

/** How problems name a ledger file: relative to the workspace, with forward slashes. */
export function ledgerRelPath(profileId: string): string {
  return `ledgers/${profileId}.jsonl`;
}

export function keyPath(ws: Workspace, profileId: string): string {
  return join(ws.keysDir, `${profileId}.pub`);
}

export function errnoCode(err: unknown): string | undefined {
  return (err as NodeJS.ErrnoException | undefined)?.code;
}

/** A file-system error as a reason a person can act on. */
export function fsReason(err: unknown): Reason {
  if (err instanceof UnsafeFileError) return err.why;
  switch (errnoCode(err)) {
    case 'ELOOP':
      return reason('fs.symlink'); // O_NOFOLLOW met a symlink
    case 'EACCES':
    case 'EPERM':
      return reason('fs.permission');
    case 'ENOTDIR':
    case 'EEXIST':
      return reason('fs.notAFolder');
    case 'EROFS':
      return reason('fs.readOnly');
    case 'ENOSPC':
      return reason('fs.diskFull');
    case 'EDQUOT':
      return reason('fs.quota');
    case 'EFBIG':
      return reason('fs.tooLarge');
    case 'ENOENT':
      return reason('fs.missing');
    case 'ENAMETOOLONG':
      return reason('fs.pathTooLong');
    case 'EIO':
      return reason('fs.io');
    case 'EBUSY':
      return reason('fs.busy');
    default:
      return reason('fs.other', { detail: err instanceof Error ? err.message : String(err) });
  }
}

/** A file-system error in English words (logs, the CLI, English messages). */
export function plainReason(err: unknown): string {
  return formatReason(fsReason(err));
}

export function tempName(forName: string): string {
  return `.${forName}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
}

/** fsync a directory so a rename in it is durable. Not supported everywhere (Windows): ignored there. */
export function fsyncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch (err) {
    const c = errnoCode(err);
    if (c !== 'EISDIR' && c !== 'EPERM' && c !== 'EINVAL' && c !== 'EBADF' && c !== 'EACCES') throw err;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Writes all of `data` at the fd's position (or the end, for 'a'), looping over short writes. */
export function writeAll(fd: number, data: Uint8Array): void {
  let off = 0;
  while (off < data.length) off += writeSync(fd, data, off, data.length - off);
}

/** Writes `data` to a new temp file next to `target`, fsyncs it and returns its path. */
export function writeTempFile(target: string, data: string | Uint8Array): string {
  const tmp = join(dirname(target), tempName(basename(target)));
  const fd = openSync(tmp, 'wx');
  try {
    writeAll(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
    fsyncSync(fd);
  } catch (err) {
    closeSync(fd);
    removeQuietly(tmp);
    throw err;
  }
  closeSync(fd);
  return tmp;
}

/** Replaces `target` atomically: temp file + fsync + rename + directory fsync. */
export function writeFileAtomic(target: string, data: string | Uint8Array): void {
  const tmp = writeTempFile(target, data);
  try {
    renameSync(tmp, target);
  } catch (err) {
    removeQuietly(tmp);
    throw err;
  }
  fsyncDir(dirname(target));
}

export function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone, or not ours to remove
  }
}

function notWritable(dir: string, err: unknown): StewardError {
  return new StewardError('WORKSPACE_NOT_WRITABLE', `Steward cannot write to ${dir}: ${plainReason(err)}.`, {
    cause: err,
    reasons: [reason('workspace.notWritable', { dir, why: fsReason(err) })],
  });
}

/**
 * Creates the workspace folders if needed and proves they can be written (a probe file is
 * written, fsynced and deleted in each folder Steward writes to).
 */
export async function openWorkspace(
  dir: string,
  events: EventRegistry,
  verified?: VerifiedHeads,
): Promise<Workspace> {
  const ws = workspacePaths(dir, events, verified);
  try {
    mkdirSync(ws.dir, { recursive: true });
    // Its folders are real folders, not symlinks planted to send our writes elsewhere.
    for (const d of [ws.ledgersDir, ws.keysDir, ws.importsDir]) ensureRealDir(ws.dir, d);
  } catch (err) {
    throw notWritable(ws.dir, err);
  }
  for (const d of [ws.ledgersDir, ws.keysDir]) {
    const probe = join(d, tempName('steward-probe'));
    try {
      const fd = openSync(probe, 'wx');
      try {
        writeSync(fd, 'probe');
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      unlinkSync(probe);
    } catch (err) {
      removeQuietly(probe);
      throw notWritable(ws.dir, err);
    }
  }
  return ws;
}
