// A workspace verification that also holds every ledger to what witnesses saw of it: the ledger
// checks of ledger/verify.ts, then compareWitnesses over the same read, its problems added to the
// report (and the ledgers they concern marked as not ok). Used by `steward records verify`, the
// app's verifyWorkspace and workspace status, and the Verify now job.
import { readdir } from 'node:fs/promises';
import type { LedgerEntry } from '../ledger/entry';
import type { VerifyDepth, VerifyProblem, VerifyReport } from '../ledger/report';
import type { LedgerRead } from '../ledger/scan';
import type { ReadOptions } from '../ledger/signatures';
import { readKeyText, readWorkspace, verifyWorkspace } from '../ledger/verify';
import { keyPath, type Workspace } from '../ledger/workspace';
import { orgCandidates, projectOrg, type OrgState } from '../org/roster';
import { compareWorkspace, type WitnessInput } from './compare';

/** Every key the roster ever enrolled, with its person's name; null without an organisation. */
export function enrolledKeysOf(org: OrgState | null): WitnessInput['enrolled'] {
  if (org === null) return null;
  const out: { profileId: string; name: string }[] = [];
  for (const person of org.people.values()) {
    for (const k of person.keys) out.push({ profileId: k.profileId, name: person.name });
  }
  return out;
}

/**
 * The workspace's organisation as a reader with no pin sees it: the only one created here, or
 * none when there are none or several (the app, which is pinned, passes its own).
 */
export function soleOrgOf(ledgers: readonly { entries: readonly LedgerEntry[] }[]): OrgState | null {
  const entries: LedgerEntry[] = [];
  for (const l of ledgers) for (const e of l.entries) if (e.type.startsWith('org.')) entries.push(e);
  const candidates = orgCandidates(entries);
  const only = candidates.length === 1 ? candidates[0] : undefined;
  return only ? projectOrg(entries, only.orgId) : null;
}

/** keys/<id>.pub as text, read once per id and only when asked for. */
export function keyFileReader(ws: Workspace): (profileId: string) => string | null {
  const cache = new Map<string, string | null>();
  return (profileId) => {
    let text = cache.get(profileId);
    if (text === undefined) {
      text = readKeyText(keyPath(ws, profileId)).text; // a regular file only: never a FIFO or a symlink
      cache.set(profileId, text);
    }
    return text;
  };
}

/** `report` with the witnesses' problems added: not ok when one is an error, nor is the ledger it names. */
export function withWitnessProblems(report: VerifyReport, problems: readonly VerifyProblem[]): VerifyReport {
  if (problems.length === 0) return report;
  const all = [...report.problems, ...problems];
  const failing = new Set(problems.filter((p) => p.severity === 'error').map((p) => p.file));
  return {
    ...report,
    ok: !all.some((p) => p.severity === 'error'),
    ledgers: report.ledgers.map((l) => (failing.has(l.file) && l.ok ? { ...l, ok: false } : l)),
    problems: all,
  };
}

/** The witnesses' problems for a workspace read. `enrolled` defaults to the sole organisation's roster. */
export function witnessProblems(
  ws: Workspace,
  ledgers: readonly LedgerRead[],
  enrolled?: WitnessInput['enrolled'],
  opts: { names?: boolean } = {},
): VerifyProblem[] {
  return compareWorkspace(ledgers, {
    keyFile: keyFileReader(ws),
    enrolled: enrolled === undefined ? enrolledKeysOf(soleOrgOf(ledgers)) : enrolled,
    ...opts,
  });
}

/**
 * verifyWorkspace, then the witnesses compared with every ledger. `enrolled` (from the app's
 * pinned organisation) defaults to the roster of the workspace's sole organisation.
 */
export async function verifyWitnessedWorkspace(
  ws: Workspace,
  opts: {
    depth?: VerifyDepth;
    now?: () => Date;
    enrolled?: (ledgers: readonly LedgerRead[]) => WitnessInput['enrolled'];
  } & ReadOptions = {},
): Promise<VerifyReport> {
  const depth = opts.depth ?? 'full';
  try {
    await readdir(ws.dir);
  } catch {
    return verifyWorkspace(ws, opts); // words why the folder cannot be read
  }
  const { ledgers, report } = await readWorkspace(ws, { ...opts, depth });
  return withWitnessProblems(report, witnessProblems(ws, ledgers, opts.enrolled?.(ledgers)));
}
