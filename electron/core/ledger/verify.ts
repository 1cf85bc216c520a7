// Reading and verifying the ledgers of a workspace: each file is scanned (scan.ts), the
// signatures the scans ask for are checked (signatures.ts), and the problems are gathered in one
// report. Both depths accept the same lines; a quick read takes what this app verified in full
// before on trust (ws.verified), and records what it verified now. Files are opened only if they
// are regular files (safeFs.ts): anything else is named in the report and the others are read.
import { readdir } from 'node:fs/promises';
import { basename } from 'node:path';
import { StewardError } from '../errors';
import { reason, type Reason } from '../contract/reasons';
import {
  verifyProblem,
  type LedgerSummary,
  type VerifyDepth,
  type VerifyProblem,
  type VerifyReport,
} from './report';
import { FILE_CAPS, kindAt, readRegularFile, UnsafeFileError } from './safeFs';
import { entryCount, scanLedger, verifiedHeadOf, type LedgerRead, type LedgerScan } from './scan';
import { finishScans, type ReadOptions } from './signatures';
import type { Workspace } from './workspace';
import { errnoCode, fsReason, keyPath, LEDGER_FILE_PATTERN, ledgerPath } from './workspace';

/** A key file's text (null when there is none), or why it is there but cannot be read. */
export function readKeyText(path: string): { text: string | null; error?: Reason } {
  try {
    return { text: readRegularFile(path, FILE_CAPS.keyBytes).toString('utf8') };
  } catch (err) {
    return errnoCode(err) === 'ENOENT' ? { text: null } : { text: null, error: fsReason(err) };
  }
}

/** A scan of nothing that says the file itself could not be read, and why. */
export function unreadableScan(
  ws: Workspace,
  profileId: string,
  err: unknown,
  depth: VerifyDepth,
): LedgerScan {
  const scan = scanLedger(Buffer.alloc(0), { profileId, keyFileText: null, depth, events: ws.events });
  scan.broken = { seq: null, reason: reason('ledger.fileUnreadable', { why: fsReason(err) }) };
  return scan;
}

/** Why the keys folder is not read (a symlink, not a folder), or null when it may be. */
function keysFolderProblem(ws: Workspace): Reason | null {
  try {
    checkFolder(ws.keysDir);
    return null;
  } catch (err) {
    return fsReason(err);
  }
}

async function scanFile(
  ws: Workspace,
  profileId: string,
  depth: VerifyDepth,
  keysFolder: Reason | null = keysFolderProblem(ws),
): Promise<LedgerScan> {
  const key = keysFolder === null ? readKeyText(keyPath(ws, profileId)) : { text: null, error: keysFolder };
  let buf: Buffer;
  try {
    buf = readRegularFile(ledgerPath(ws, profileId), FILE_CAPS.ledgerBytes);
  } catch (err) {
    const scan = unreadableScan(ws, profileId, err, depth);
    scan.keyFileText = key.text;
    if (key.error) scan.keyFileError = key.error;
    return scan;
  }
  const scan = scanLedger(buf, {
    profileId,
    keyFileText: key.text,
    depth,
    events: ws.events,
    trusted: ws.verified?.get(profileId) ?? null,
  });
  if (key.error) scan.keyFileError = key.error;
  return scan;
}

/**
 * Records in the app's memory (ws.verified) how far each read from genesis verified its ledger
 * in full, and saves it. (An appended tail is recorded at the next read from genesis.)
 */
export function rememberVerified(ws: Workspace, scans: readonly LedgerScan[]): void {
  const verified = ws.verified;
  if (!verified) return;
  for (const scan of scans) {
    if (scan.trustedSeq > 0 && scan.trustedSeq === entryCount(scan.read)) continue; // as it was
    const head = verifiedHeadOf(scan);
    if (head !== null) verified.set(scan.read.profileId, head);
  }
  verified.flush();
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
 * Reads one ledger file (any writer's), at quick depth (what this app verified before taken on
 * trust, the rest checked in full) or full depth (every line checked again).
 * `file` is 'ledgers/<id>.jsonl', '<id>.jsonl' or a path ending in it.
 */
export async function readLedgerFile(
  ws: Workspace,
  file: string,
  opts: { depth: VerifyDepth } & ReadOptions,
): Promise<LedgerRead> {
  const profileId = profileIdOfFile(file);
  const scan = await scanFile(ws, profileId, opts.depth);
  const [read] = await finishScans([scan], opts);
  rememberVerified(ws, [scan]);
  return read as LedgerRead;
}

/** The profile ids of the ledger files in the workspace, sorted. Other files are ignored. */
export async function listLedgerIds(ws: Workspace): Promise<string[]> {
  let names: string[];
  try {
    checkFolder(ws.ledgersDir);
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

/** Throws unless `dir` is a real folder (or absent): a symlinked folder is not followed. */
export function checkFolder(dir: string): void {
  // Anything else that is not a folder (a file, a FIFO) fails the listing itself with ENOTDIR,
  // without blocking: opendir opens with O_DIRECTORY.
  if (kindAt(dir) === 'symlink') throw new UnsafeFileError(dir, reason('fs.symlink'));
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
): Promise<{ ledgers: LedgerRead[]; report: VerifyReport }> {
  let ids: string[];
  try {
    ids = await listLedgerIds(ws);
  } catch (err) {
    const problem = verifyProblem(
      'ledgers',
      null,
      reason('ledger.ledgersUnreadable', { why: fsReason(err) }),
    );
    return { ledgers: [], report: buildReport(opts.depth, [], [problem], opts.now) };
  }
  const scans: LedgerScan[] = [];
  const keysFolder = keysFolderProblem(ws);
  for (const id of ids) scans.push(await scanFile(ws, id, opts.depth, keysFolder));
  const ledgers = await finishScans(scans, opts);
  rememberVerified(ws, scans);
  return { ledgers, report: buildReport(opts.depth, ledgers, [], opts.now) };
}

/** Reads and verifies every ledger in the workspace. */
export async function readWorkspace(
  ws: Workspace,
  opts: { depth: VerifyDepth; now?: () => Date } & ReadOptions,
): Promise<{ ledgers: LedgerRead[]; report: VerifyReport }> {
  return readAll(ws, opts);
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
      [verifyProblem(ws.dir, null, reason('ledger.workspaceUnreadable', { why: fsReason(err) }))],
      opts.now,
    );
  }
  return (await readAll(ws, { ...opts, depth })).report;
}
