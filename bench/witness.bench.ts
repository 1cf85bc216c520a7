// What witnessing costs at 5,000 people (issue 14, item 3): a workspace of 5,001 ledgers of 19
// entries (the refresh suite's fixture, copied), in which, as after a day of use, every app wrote
// its daily checkpoint (a sample of the ledgers that changed, with their owners' signatures and
// keys) and one manager exported everything (an export checkpoint of 5,000 heads). Timed:
// - open: the app's workspace read (the shared reader, cold) plus the witnesses compared with
//   every ledger, as getWorkspaceStatus does; baseline: the same read of the workspace without
//   checkpoints, without the comparison (what the app did before witnessing);
// - verify: `steward records verify` (full depth, then the comparison); baseline: the full
//   verification of the workspace without checkpoints, without the comparison;
// - sizes: the longest checkpoint line, a daily checkpoint's line, and what a day of checkpoints
//   adds to the workspace.
import { appendFileSync, cpSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { encodeEntry, readWorkspace, verifyWorkspace } from '../electron/core/ledger';
import type { LedgerRead, Workspace } from '../electron/core/ledger';
import { stewardWorkspace } from '../electron/core/events';
import { createWorkspaceReader } from '../electron/core/ledger/reader';
import { dailyCheckpoints, exportCheckpoints } from '../electron/core/witness/checkpoint';
import type { WitnessCheckpointData } from '../electron/core/witness/events';
import { verifyWitnessedWorkspace, witnessProblems } from '../electron/core/witness/verify';
import { cachedWorkspace, type GeneratedLedger } from './fixture';
import { compare, median, result } from './harness';
import type { Reported } from './harness';
import { tempRoot, type BenchOptions } from './ledger.bench';

const PEOPLE = 5000;

/** Appends `data` as checkpoint entries to a ledger, after its last line; returns each line's bytes. */
function appendCheckpoints(
  ws: Workspace,
  read: LedgerRead,
  keys: GeneratedLedger['keys'],
  all: WitnessCheckpointData[],
  ts: string,
): number[] {
  const sizes: number[] = [];
  let seq = read.entries.length;
  let prev = read.headHash as string;
  let text = '';
  for (const data of all) {
    seq++;
    const { entry, line } = encodeEntry(
      { seq, ts, type: 'witness.checkpoint', actor: read.profileId, data, prev },
      keys.privateKeyPem,
    );
    prev = entry.hash;
    text += line;
    sizes.push(Buffer.byteLength(line));
  }
  if (text) appendFileSync(join(ws.ledgersDir, `${read.profileId}.jsonl`), text);
  return sizes;
}

export async function runWitnessBenchmarks(opts: BenchOptions): Promise<Reported[]> {
  const { log } = opts;
  log(`\nwitness: ${PEOPLE.toLocaleString('en')} people, checkpoints, open and verify`);
  const fx = await cachedWorkspace(PEOPLE + 1, 19, log);
  const root = tempRoot();
  try {
    const plainDir = join(root, 'plain');
    const witnessedDir = join(root, 'witnessed');
    cpSync(fx.dir, plainDir, { recursive: true });
    cpSync(fx.dir, witnessedDir, { recursive: true });
    const plain = stewardWorkspace(plainDir);
    const ws = stewardWorkspace(witnessedDir);

    // A day of use: a manager exports everything, then every app writes its daily checkpoint.
    const { ledgers } = await readWorkspace(ws, { depth: 'quick' });
    const keys = new Map(fx.ledgers.map((l) => [l.profileId, l.keys]));
    const manager = ledgers[0] as LedgerRead;
    const exportTs = '2026-03-02T09:00:00.000Z';
    const exported = new Set(ledgers.map((l) => l.profileId));
    const exportSizes = appendCheckpoints(
      ws,
      manager,
      keys.get(manager.profileId)!,
      exportCheckpoints(manager, ledgers, exported),
      exportTs,
    );
    const dailySizes: number[] = [];
    const now = new Date('2026-03-03T09:00:00.000Z');
    for (const l of ledgers.slice(1)) {
      const data = dailyCheckpoints(l, ledgers, now);
      dailySizes.push(...appendCheckpoints(ws, l, keys.get(l.profileId)!, data, now.toISOString()));
    }
    const added = [...exportSizes, ...dailySizes].reduce((a, b) => a + b, 0);
    log(
      `  wrote ${exportSizes.length} export checkpoint lines (${PEOPLE} heads) and ${dailySizes.length} daily ones`,
    );

    const openBefore = async () => {
      await createWorkspaceReader(plain).read();
    };
    // The comparison alone, on each fresh read (it makes the entries the claims are read from).
    const compareTimes: number[] = [];
    const openAfter = async () => {
      const { ledgers: read } = await createWorkspaceReader(ws).read();
      const t0 = performance.now();
      const problems = witnessProblems(ws, read, null);
      compareTimes.push(performance.now() - t0);
      if (problems.length > 0) throw new Error(`unexpected witness problems: ${problems[0]?.reason}`);
    };
    const runs = opts.quick ? 3 : 5;
    const [openBase, openWith] = (await compare([openBefore, openAfter], { runs })) as [number, number];
    const verifyBefore = async () => {
      await verifyWorkspace(plain, { depth: 'full' });
    };
    const verifyAfter = async () => {
      const report = await verifyWitnessedWorkspace(ws, { depth: 'full' });
      if (!report.ok) throw new Error(`unexpected problems: ${report.problems[0]?.reason}`);
    };
    const [verifyBase, verifyWith] = (await compare([verifyBefore, verifyAfter], {
      runs: opts.quick ? 1 : 3,
      warmup: 0,
    })) as [number, number];
    const fixtureBytes = fx.ledgers.reduce((n, l) => n + readFileSync(l.file).length, 0);
    return [
      result({
        name: `witness: open ${PEOPLE / 1000}k people (read + compare, vs read before)`,
        value: openWith,
        unit: 'ms',
        baseline: openBase,
        goal: '<= 1.5x',
        met: openWith <= 1.5 * openBase,
      }),
      result({
        name: `witness: of which the comparison (claims + lookups), vs the open before`,
        value: median(compareTimes),
        unit: 'ms',
        baseline: openBase,
        goal: 'report',
        met: null,
      }),
      result({
        name: `witness: verify ${PEOPLE / 1000}k people (full + compare, vs full before)`,
        value: verifyWith,
        unit: 'ms',
        baseline: verifyBase,
        goal: 'report',
        met: null,
      }),
      result({
        name: `witness: longest checkpoint line (export of ${PEOPLE / 1000}k heads)`,
        value: Math.max(...exportSizes),
        unit: 'B',
        baseline: null,
        goal: '<= 52 KB',
        met: Math.max(...exportSizes) <= 52 * 1024,
      }),
      result({
        name: 'witness: a daily checkpoint line (median)',
        value: median(dailySizes),
        unit: 'B',
        baseline: null,
        goal: 'report',
        met: null,
      }),
      result({
        name: `witness: a day of checkpoints, every app + one export (vs the workspace)`,
        value: added,
        unit: 'B',
        baseline: fixtureBytes,
        goal: 'report',
        met: null,
      }),
    ];
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
