// Content releases: the organisation's policy, modules, translations and questionnaire, published
// by an admin into the workspace and used by every app that reads it.
//
// A release is a folder of files stored content-addressed under the workspace,
// `org/content/<manifestHash>/…`, and a signed `org.released` entry (the manifest) that lists every
// file's SHA-256 and gives the release its number. The folder in the workspace is only a carrier:
// anyone who can write the shared folder can edit it. So an app never reads content from it: it
// checks every file named by the manifest against its hash and copies exactly those files into its
// own data folder (`<userData>/releases/<manifestHash>/`), and reads the release from there. A
// file edited after signing, a missing file or an extra file planted in the folder changes nothing
// the app shows; the edit is reported.
import fs from 'node:fs';
import path from 'node:path';
import { canonicalJson } from '../ledger/canonical';
import { sha256Hex } from '../ledger/entry';
import { reason, type Reason } from '../contract/reasons';
import { fsReason, removeQuietly, tempName } from '../ledger/workspace';
import { ensureRealDir } from '../ledger/safeFs';

/** Where releases live inside a workspace. */
export const RELEASES_DIR = path.join('org', 'content');
/** Caps on what one release may hold: a content folder is a few hundred small text files. */
export const RELEASE_LIMITS = {
  files: 2000,
  fileBytes: 2 * 1024 * 1024,
  totalBytes: 32 * 1024 * 1024,
  depth: 8,
};
/** Marks a complete local copy (written last). */
const COMPLETE = '.steward-release-complete';

const RELATIVE_PATH = /^(?!.*(?:^|\/)\.\.?(?:\/|$))[A-Za-z0-9._-]+(?:\/[A-Za-z0-9._-]+)*$/;

/** Whether a manifest path is one a release may hold: relative, forward slashes, no dot segments. */
export function isReleasePath(p: string): boolean {
  return p.length <= 300 && RELATIVE_PATH.test(p) && !p.split('/').some((s) => s.startsWith('.'));
}

/** The manifest hash: the SHA-256 of the canonical JSON of the files map. */
export function manifestHashOf(files: Record<string, string>): string {
  return sha256Hex(canonicalJson(files));
}

export class ReleaseError extends Error {
  readonly reasons: Reason[];
  constructor(message: string, reasons: Reason[]) {
    super(message);
    this.name = 'ReleaseError';
    this.reasons = reasons;
  }
}

/** Reads a regular file without following a symlink, refusing anything larger than `cap` bytes. */
export function readRegularFile(file: string, cap: number): Buffer {
  const st = fs.lstatSync(file);
  if (!st.isFile())
    throw new ReleaseError(`${file} is not a regular file`, [reason('release.notAFile', { file })]);
  if (st.size > cap) {
    throw new ReleaseError(`${file} is larger than ${cap} bytes`, [
      reason('release.fileTooLarge', { file, max: cap }),
    ]);
  }
  const fd = fs.openSync(
    file,
    fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0) | (fs.constants.O_NONBLOCK ?? 0),
  );
  try {
    const again = fs.fstatSync(fd);
    if (!again.isFile() || again.ino !== st.ino || again.size > cap) {
      throw new ReleaseError(`${file} changed while it was read`, [reason('release.notAFile', { file })]);
    }
    const buf = Buffer.alloc(again.size);
    let off = 0;
    while (off < buf.length) {
      const n = fs.readSync(fd, buf, off, buf.length - off, off);
      if (n === 0) break;
      off += n;
    }
    return buf.subarray(0, off);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Every file of a content folder a release would hold: regular files only (no symlink followed,
 * hidden files and folders skipped), with their SHA-256. Throws a ReleaseError naming what is wrong.
 */
export function manifestOfFolder(dir: string): { files: Record<string, string>; bytes: number } {
  const files: Record<string, string> = {};
  let count = 0;
  let bytes = 0;
  const problems: Reason[] = [];
  const walk = (abs: string, rel: string, depth: number) => {
    if (depth > RELEASE_LIMITS.depth) {
      problems.push(reason('release.tooDeep', { file: rel, max: RELEASE_LIMITS.depth }));
      return;
    }
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(abs, { withFileTypes: true });
    } catch (err) {
      problems.push(reason('release.unreadable', { file: rel || '.', why: fsReason(err) }));
      return;
    }
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (e.name.startsWith('.')) continue;
      const relPath = rel ? `${rel}/${e.name}` : e.name;
      const absPath = path.join(abs, e.name);
      if (e.isDirectory()) {
        walk(absPath, relPath, depth + 1);
        continue;
      }
      if (!e.isFile()) {
        problems.push(reason('release.notAFile', { file: relPath }));
        continue;
      }
      if (!isReleasePath(relPath)) {
        problems.push(reason('release.badPath', { file: relPath }));
        continue;
      }
      if (++count > RELEASE_LIMITS.files) {
        problems.push(reason('release.tooManyFiles', { max: RELEASE_LIMITS.files }));
        return;
      }
      try {
        const buf = readRegularFile(absPath, RELEASE_LIMITS.fileBytes);
        bytes += buf.length;
        files[relPath] = sha256Hex(buf);
      } catch (err) {
        problems.push(
          ...(err instanceof ReleaseError
            ? err.reasons
            : [reason('release.unreadable', { file: relPath, why: fsReason(err) })]),
        );
      }
    }
  };
  let st: fs.Stats;
  try {
    st = fs.lstatSync(dir);
  } catch (err) {
    throw new ReleaseError(`the folder ${dir} cannot be read`, [
      reason('release.unreadable', { file: dir, why: fsReason(err) }),
    ]);
  }
  if (!st.isDirectory())
    throw new ReleaseError(`${dir} is not a folder`, [reason('release.notAFolder', { file: dir })]);
  walk(dir, '', 0);
  if (bytes > RELEASE_LIMITS.totalBytes)
    problems.push(reason('release.tooLarge', { max: RELEASE_LIMITS.totalBytes }));
  if (problems.length > 0) throw new ReleaseError(`the folder ${dir} cannot be published as it is`, problems);
  if (count === 0)
    throw new ReleaseError(`the folder ${dir} is empty`, [reason('release.empty', { file: dir })]);
  return { files, bytes };
}

/** Copies exactly the manifest's files from `src` into a new folder `dest` (atomically: temp + rename). */
function copyChecked(src: string, dest: string, files: Record<string, string>): Reason[] {
  const problems: Reason[] = [];
  const tmp = path.join(path.dirname(dest), tempName(path.basename(dest)));
  fs.mkdirSync(tmp, { recursive: true });
  try {
    for (const [rel, hash] of Object.entries(files)) {
      if (!isReleasePath(rel)) {
        problems.push(reason('release.badPath', { file: rel }));
        continue;
      }
      let buf: Buffer;
      try {
        const file = path.join(src, ...rel.split('/'));
        ensureRealDir(src, path.dirname(file), false); // no folder of the release is a symlink
        buf = readRegularFile(file, RELEASE_LIMITS.fileBytes);
      } catch (err) {
        problems.push(
          ...(err instanceof ReleaseError
            ? err.reasons
            : (err as NodeJS.ErrnoException).code === 'ENOENT'
              ? [reason('release.fileMissing', { file: rel })]
              : [reason('release.unreadable', { file: rel, why: fsReason(err) })]),
        );
        continue;
      }
      if (sha256Hex(buf) !== hash) {
        problems.push(reason('release.fileChanged', { file: rel }));
        continue;
      }
      const out = path.join(tmp, ...rel.split('/'));
      fs.mkdirSync(path.dirname(out), { recursive: true });
      fs.writeFileSync(out, buf, { flag: 'wx' });
    }
    if (problems.length > 0) return problems;
    fs.writeFileSync(path.join(tmp, COMPLETE), `${manifestHashOf(files)}\n`);
    try {
      fs.renameSync(tmp, dest);
    } catch (err) {
      // Another process copied it first: theirs is as good (it was checked the same way).
      if (!fs.existsSync(path.join(dest, COMPLETE))) throw err;
    }
    return [];
  } finally {
    if (fs.existsSync(tmp)) fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** Stores a validated folder as a release in the workspace; returns its manifest. */
export function storeRelease(
  workspaceDir: string,
  srcDir: string,
): { files: Record<string, string>; manifestHash: string; dir: string } {
  const { files } = manifestOfFolder(srcDir);
  const manifestHash = manifestHashOf(files);
  const root = path.join(workspaceDir, RELEASES_DIR);
  try {
    ensureRealDir(workspaceDir, root); // org/ or org/content/ planted as a symlink is not written through
  } catch (err) {
    throw new ReleaseError(`${root} cannot be written`, [
      reason('release.unreadable', { file: RELEASES_DIR.split(path.sep).join('/'), why: fsReason(err) }),
    ]);
  }
  const dest = path.join(root, manifestHash);
  if (fs.existsSync(path.join(dest, COMPLETE))) {
    // Already stored (the same files published before, or a retry): its files are checked when used.
    return { files, manifestHash, dir: dest };
  }
  if (fs.existsSync(dest)) fs.rmSync(dest, { recursive: true, force: true }); // a half-written copy
  const problems = copyChecked(srcDir, dest, files);
  if (problems.length > 0) {
    removeQuietly(dest);
    throw new ReleaseError(`the folder ${srcDir} changed while it was published`, problems);
  }
  return { files, manifestHash, dir: dest };
}

/**
 * The local copy of a release, made from the workspace's folder after checking every file of the
 * manifest against its hash. A copy made before is used as it is (it is this app's own).
 * Throws a ReleaseError naming each file that is missing or was changed after signing.
 */
export function materialiseRelease(
  workspaceDir: string,
  cacheDir: string,
  release: { release: number; manifestHash: string; files: Record<string, string> },
): string {
  const local = path.join(cacheDir, release.manifestHash);
  if (fs.existsSync(path.join(local, COMPLETE))) return local;
  if (manifestHashOf(release.files) !== release.manifestHash) {
    throw new ReleaseError(`release ${release.release}: the manifest does not match its hash`, [
      reason('release.manifestMismatch', { release: release.release }),
    ]);
  }
  fs.mkdirSync(cacheDir, { recursive: true });
  if (fs.existsSync(local)) fs.rmSync(local, { recursive: true, force: true });
  const src = path.join(workspaceDir, RELEASES_DIR, release.manifestHash);
  let st: fs.Stats | null;
  try {
    ensureRealDir(workspaceDir, path.dirname(src), false); // not read through a symlinked org/ or org/content/
    st = fs.lstatSync(src);
  } catch {
    st = null;
  }
  if (!st?.isDirectory()) {
    throw new ReleaseError(`release ${release.release}: its folder is missing from the workspace`, [
      reason('release.folderMissing', {
        release: release.release,
        file: `org/content/${release.manifestHash}`,
      }),
    ]);
  }
  const problems = copyChecked(src, local, release.files);
  if (problems.length > 0) {
    throw new ReleaseError(`release ${release.release} does not match its signed manifest`, [
      reason('release.refused', { release: release.release }),
      ...problems,
    ]);
  }
  return local;
}
