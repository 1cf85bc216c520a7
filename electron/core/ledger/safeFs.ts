// Opening files in a folder other people can write to. A workspace is shared, so whatever sits
// at a path there may be planted: a symlink to /dev/zero or to a file outside the workspace, a
// FIFO whose open blocks until someone writes to it, a device, a socket, a directory, or a
// regular file of many gigabytes. Every read and write of a workspace file goes through here:
//
// - lstat first: only a regular file is opened (a symlink is never followed);
// - the open itself adds O_NOFOLLOW (a symlink swapped in after the lstat fails with ELOOP) and
//   O_NONBLOCK (a FIFO swapped in does not block the open);
// - fstat after the open: still a regular file, and the very one the lstat saw (same device and
//   inode);
// - sizes are capped before a byte is read.
//
// A refusal is an UnsafeFileError whose reason says what was found (fsReason words it), so the
// caller names the file and goes on with the others.
import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  mkdirSync,
  openSync,
  readSync,
  type Stats,
} from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import { formatReason, reason, type Reason } from '../contract/reasons';

/** Absent on Windows, where symlinks in a workspace are rare and FIFOs cannot be made: 0 there. */
const O_NOFOLLOW = constants.O_NOFOLLOW ?? 0;
const O_NONBLOCK = constants.O_NONBLOCK ?? 0;

/** What a path turned out to be. */
export type FileKind = 'file' | 'directory' | 'symlink' | 'fifo' | 'socket' | 'device' | 'other';

export function fileKind(st: Stats): FileKind {
  if (st.isFile()) return 'file';
  if (st.isDirectory()) return 'directory';
  if (st.isSymbolicLink()) return 'symlink';
  if (st.isFIFO()) return 'fifo';
  if (st.isSocket()) return 'socket';
  if (st.isBlockDevice() || st.isCharacterDevice()) return 'device';
  return 'other';
}

/** A file the workspace holds that Steward will not open, and why. */
export class UnsafeFileError extends Error {
  readonly code = 'EUNSAFE';
  constructor(
    readonly path: string,
    readonly why: Reason,
  ) {
    super(`${path}: ${formatReason(why)}`);
    this.name = 'UnsafeFileError';
  }
}

function notRegular(path: string, kind: FileKind): UnsafeFileError {
  return new UnsafeFileError(
    path,
    kind === 'symlink' ? reason('fs.symlink') : reason('fs.notRegular', { context: kind }),
  );
}

/** Caps on what is read from a workspace, before it is read. */
export const FILE_CAPS = {
  /** A ledger file: ~1.5 million entries of a typical size. */
  ledgerBytes: 1024 * 1024 * 1024,
  /** A public key file holds one base64 SPKI key (60 bytes) and a newline. */
  keyBytes: 4 * 1024,
  /** A lock file holds { pid, host, startedAt }. */
  lockBytes: 4 * 1024,
  /** The imports index: one short line per imported ledger. */
  importIndexBytes: 64 * 1024 * 1024,
  /** A small secret such as the workspace's pseudonym key. */
  secretBytes: 4 * 1024,
} as const;

/** An open regular file: its descriptor and what fstat said after the open. */
export interface OpenFile {
  fd: number;
  stat: Stats;
}

/**
 * Opens `path` for reading if it is a regular file (lstat, then O_NOFOLLOW | O_NONBLOCK, then
 * fstat: the same regular file). `seen` is a stat made just before (its device and inode must
 * match), to spare the lstat when the caller has one. Throws UnsafeFileError, or the open's own
 * error (ENOENT…).
 */
export function openRegularForRead(path: string, seen?: { dev: number; ino: number }): OpenFile {
  let expect = seen;
  if (expect === undefined) {
    const st = lstatSync(path);
    const kind = fileKind(st);
    if (kind !== 'file') throw notRegular(path, kind);
    expect = st;
  }
  const fd = openSync(path, constants.O_RDONLY | O_NOFOLLOW | O_NONBLOCK);
  return checkOpened(path, fd, expect);
}

function checkOpened(path: string, fd: number, expect?: { dev: number; ino: number }): OpenFile {
  let stat: Stats;
  try {
    stat = fstatSync(fd);
  } catch (err) {
    closeSync(fd);
    throw err;
  }
  const kind = fileKind(stat);
  if (kind !== 'file' || (expect !== undefined && (stat.ino !== expect.ino || stat.dev !== expect.dev))) {
    closeSync(fd);
    throw kind !== 'file' ? notRegular(path, kind) : new UnsafeFileError(path, reason('fs.replaced'));
  }
  return { fd, stat };
}

/** Reads up to `length` bytes at `position`, looping over short reads; fewer at the end of the file. */
export function readAt(fd: number, length: number, position: number): Buffer {
  const buf = Buffer.allocUnsafe(Math.max(0, length));
  let off = 0;
  while (off < buf.length) {
    const n = readSync(fd, buf, off, buf.length - off, position + off);
    if (n === 0) break;
    off += n;
  }
  return off === buf.length ? buf : buf.subarray(0, off);
}

/** The size cap's refusal. */
export function tooLarge(path: string, size: number, max: number): UnsafeFileError {
  return new UnsafeFileError(path, reason('fs.fileTooLarge', { size, max }));
}

/**
 * The bytes of the regular file at `path`, refused unread when it is not a regular file or is
 * larger than `maxBytes`. Reads what the file held when it was opened (a file growing meanwhile
 * is read up to that size).
 */
export function readRegularFile(path: string, maxBytes: number): Buffer {
  const { fd, stat } = openRegularForRead(path);
  try {
    if (stat.size > maxBytes) throw tooLarge(path, stat.size, maxBytes);
    return readAt(fd, stat.size, 0);
  } finally {
    closeSync(fd);
  }
}

/** readRegularFile, or null when nothing is at `path`. */
export function readRegularFileIfPresent(path: string, maxBytes: number): Buffer | null {
  try {
    return readRegularFile(path, maxBytes);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/**
 * Opens a workspace file to write at its end (created if missing, 0644), never through a
 * symlink, and only if it is a regular file.
 */
export function openRegularForAppend(path: string): OpenFile {
  const flags = constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | O_NOFOLLOW | O_NONBLOCK;
  return checkOpened(path, openSync(path, flags, 0o644));
}

/** Opens an existing regular workspace file for reading and writing (e.g. to cut it back). */
export function openRegularForUpdate(path: string): OpenFile {
  const st = lstatSync(path);
  const kind = fileKind(st);
  if (kind !== 'file') throw notRegular(path, kind);
  return checkOpened(path, openSync(path, constants.O_RDWR | O_NOFOLLOW | O_NONBLOCK), st);
}

/** Opens a workspace file for reading and appending (created if missing), never through a symlink. */
export function openRegularForReadAppend(path: string): OpenFile {
  const flags = constants.O_RDWR | constants.O_APPEND | constants.O_CREAT | O_NOFOLLOW | O_NONBLOCK;
  return checkOpened(path, openSync(path, flags, 0o644));
}

/**
 * Checks that every folder from `root` (exclusive) down to `dir` (inclusive) is a real folder,
 * not a symlink: a write into `dir` then lands inside `root`. `root` itself is the folder the
 * person chose, and may be a symlink. Folders that do not exist yet are created (0755).
 */
export function ensureRealDir(root: string, dir: string, create = true): void {
  const rel = relative(root, dir);
  if (rel === '') return;
  if (rel.startsWith('..') || isAbsolute(rel)) {
    throw new UnsafeFileError(dir, reason('fs.outsideWorkspace'));
  }
  let at = root;
  for (const part of rel.split(sep)) {
    at = join(at, part);
    let st: Stats;
    try {
      st = lstatSync(at);
    } catch (err) {
      if (!create || (err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      try {
        mkdirSync(at);
      } catch (mkErr) {
        if ((mkErr as NodeJS.ErrnoException).code !== 'EEXIST') throw mkErr;
      }
      st = lstatSync(at);
    }
    const kind = fileKind(st);
    if (kind !== 'directory') {
      throw new UnsafeFileError(at, kind === 'symlink' ? reason('fs.symlink') : reason('fs.notAFolder'));
    }
  }
}

/** What lstat says is at `path` (null when nothing is), without following a symlink. */
export function kindAt(path: string): FileKind | null {
  try {
    return fileKind(lstatSync(path));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}
