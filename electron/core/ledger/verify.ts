// Reading and verifying the ledgers of a workspace: each file is scanned (scan.ts), the
// signatures the scans ask for are checked (signatures.ts), and the problems are gathered in one
// report. Quick depth checks the first and last signature; full depth checks every one.
import { readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { basename } from 'node:path';
import { StewardError } from '../errors';
import { reason } from '../contract/reasons';
import {
  verifyProblem,
  type LedgerSummary,
  type VerifyDepth,
  type VerifyProblem,
  type VerifyReport,
} from './report';
import { entryCount, scanLedger, type LedgerRead, type LedgerScan } from './scan';
import { finishScans, type ReadOptions } from './signatures';
import type { Workspace } from './workspace';
import { errnoCode, fsReason, keyPath, LEDGER_FILE_PATTERN, ledgerPath } from './workspace';

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
    scan.broken = { seq: 1, reason: reason('ledger.fileUnreadable', { why: fsReason(err) }) };
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
    const problem = verifyProblem(
      'ledgers',
      null,
      reason('ledger.ledgersUnreadable', { why: fsReason(err) }),
    );
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
      [verifyProblem(ws.dir, null, reason('ledger.workspaceUnreadable', { why: fsReason(err) }))],
      opts.now,
    );
  }
  // Only the report is returned, so a quick verification need not parse entries' data.
  return (await readAll(ws, { ...opts, depth }, false)).report;
}
