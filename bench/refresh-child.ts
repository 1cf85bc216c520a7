// Child process of the refresh benchmark: one workspace reader over a cached fixture, read cold,
// then unchanged, then after one ledger grew by one entry. Each phase starts with a stat of a
// path that does not exist (<workspace>/.bench-mark-<phase>), so that a trace of the process can
// be cut into phases (refresh.bench.ts). Prints the times as JSON; the grown ledger is cut back
// to its first size before exiting.
import { appendFileSync, statSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { createWorkspaceReader, encodeEntry, entryCount } from '../electron/core/ledger';
import type { LedgerRead } from '../electron/core/ledger';
import { stewardWorkspace } from '../electron/core/events';
import { median, timeMs } from './harness';
import { samplePayload } from './fixture';

export interface RefreshChildArgs {
  dir: string;
  /** The ledger that grows, and its owner's key. */
  grow: { profileId: string; privateKeyPem: string; file: string };
  /** Timed rounds of the unchanged and grown refreshes (1 when traced). */
  rounds: number;
}

export interface RefreshTimes {
  ledgers: number;
  coldMs: number;
  unchangedMs: number;
  grownMs: number;
}

const args = JSON.parse(process.argv[2] as string) as RefreshChildArgs;
const mark = (phase: string) => statSync(join(args.dir, `.bench-mark-${phase}`), { throwIfNoEntry: false });

const reader = createWorkspaceReader(stewardWorkspace(args.dir));
const firstSize = statSync(args.grow.file).size;
let clock = Date.parse('2027-01-01T00:00:00.000Z');

/** Appends one entry to the growing ledger, chained on the head `read` holds. */
function appendOne(read: LedgerRead): void {
  const seq = entryCount(read) + 1;
  const { line } = encodeEntry(
    {
      seq,
      ts: new Date((clock += 1000)).toISOString(),
      type: 'training.started',
      actor: args.grow.profileId,
      data: samplePayload(seq, 'training.started'),
      prev: read.headHash as string,
    },
    args.grow.privateKeyPem,
  );
  appendFileSync(args.grow.file, line);
}

async function refresh(): Promise<LedgerRead> {
  const { ledgers, report } = await reader.read();
  if (!report.ok) throw new Error(`the fixture does not verify: ${JSON.stringify(report.problems[0])}`);
  const grown = ledgers.find((l) => l.profileId === args.grow.profileId);
  if (!grown) throw new Error('the growing ledger was not read');
  return grown;
}

try {
  mark('cold');
  let grown: LedgerRead | undefined;
  const coldMs = await timeMs(async () => {
    grown = await refresh();
  });
  const unchanged: number[] = [];
  const grownTimes: number[] = [];
  for (let r = 0; r < args.rounds; r++) {
    mark('unchanged');
    unchanged.push(await timeMs(refresh));
    mark('append');
    appendOne(grown as LedgerRead);
    const before = entryCount(grown as LedgerRead);
    mark('grown');
    grownTimes.push(
      await timeMs(async () => {
        grown = await refresh();
      }),
    );
    if (entryCount(grown as LedgerRead) !== before + 1) throw new Error('the appended entry was not read');
    mark('end');
  }
  const times: RefreshTimes = {
    ledgers: (await reader.read()).ledgers.length,
    coldMs,
    unchangedMs: median(unchanged),
    grownMs: median(grownTimes),
  };
  process.stdout.write(JSON.stringify(times));
} finally {
  truncateSync(args.grow.file, firstSize);
}
