// Scaling: append and open at 10k, 100k and 1M entries (workspaces of 10 ledgers, generated once
// into the cache). Append should not depend on how much is already written (the file stays open;
// nothing is re-read); open should grow linearly with the entries.
import { closeSync, copyFileSync, fsyncSync, ftruncateSync, openSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { memoryVerifiedHeads, openLedger } from '../electron/core/ledger';
import { cachedWorkspace } from './fixture';
import type { CachedWorkspace } from './fixture';
import { compare, median, result, timeMs } from './harness';
import type { Reported } from './harness';
import { openWorkspaceRead, pairedAppends, rawReadAndHash, tempRoot } from './ledger.bench';
import type { BenchOptions } from './ledger.bench';
import { rmSync } from 'node:fs';

export const label = (n: number) => (n >= 1e6 ? `${n / 1e6}M` : n >= 1e3 ? `${n / 1e3}k` : String(n));

/**
 * Median ms of `count` appends to the first ledger of a cached workspace (paired with raw
 * appends of the same bytes); the ledger is cut back to its size before, so the cache stays as
 * generated.
 */
export async function appendInto(
  fx: CachedWorkspace,
  count: number,
): Promise<{ steward: number; raw: number }> {
  const { profileId, keys, file } = fx.ledgers[0]!;
  const size = statSync(file).size;
  const root = tempRoot();
  try {
    // The raw appends go to a copy of the ledger (as large as it), so that both pay what the
    // file system charges for appending to a file of this size.
    const rawFile = join(root, 'raw.jsonl');
    copyFileSync(file, rawFile);
    const fd = openSync(rawFile, 'r');
    fsyncSync(fd); // its blocks on disk before anything is timed
    closeSync(fd);
    const ledger = await openLedger(fx.ws, profileId, keys.privateKeyPem);
    try {
      return await pairedAppends(ledger, file, rawFile, count, 10);
    } finally {
      await ledger.close();
    }
  } finally {
    const fd = openSync(file, 'r+');
    ftruncateSync(fd, size);
    closeSync(fd);
    rmSync(root, { recursive: true, force: true });
  }
}

export async function runScalingBenchmarks(opts: BenchOptions): Promise<Reported[]> {
  const sizes = opts.quick ? [10_000, 100_000] : [10_000, 100_000, 1_000_000];
  const out: Reported[] = [];
  let append10k = 0;
  let open10k = 0;
  for (const n of sizes) {
    opts.log(`scaling: ${label(n)} entries ...`);
    const fx = await cachedWorkspace(10, n / 10, opts.log);
    const { steward, raw: rawAppend } = await appendInto(fx, opts.quick ? 60 : 200);
    const files = fx.ledgers.map((l) => l.file);
    const runs = n >= 1_000_000 ? (opts.quick ? 1 : 3) : opts.quick ? 3 : 5;
    // As the app opens: every signature checked once per app, then remembered (the app keeps
    // verified heads in its data folder; in memory here). The app's first open is timed once.
    const app = { ...fx.ws, verified: memoryVerifiedHeads() };
    const cold = await timeMs(() => openWorkspaceRead(app, n));
    const [open, raw] = await compare([() => openWorkspaceRead(app, n), () => rawReadAndHash(files)], {
      runs,
      warmup: n >= 1_000_000 ? 0 : 1,
    });
    if (n === sizes[0]) {
      append10k = steward / rawAppend;
      open10k = open!;
    }
    out.push(
      result({
        name: `scaling: append into a workspace of ${label(n)} entries`,
        value: steward,
        unit: 'ms',
        baseline: rawAppend,
        goal: 'near-constant (ratio <= 1.25x the 10k ratio)',
        met: steward / rawAppend <= 1.25 * append10k,
        note: `baseline = raw append + fsync of the same bytes to a copy of the ledger (a file as large), paired, at this moment (the disk's own cost varies); ratio at 10k ${append10k.toFixed(2)}x`,
      }),
      result({
        name: `scaling: open a workspace of ${label(n)} entries`,
        value: open!,
        unit: 'ms',
        baseline: (open10k * n) / sizes[0]!,
        goal: 'linear (<= 1.5x of 10k scaled)',
        met: open! / ((open10k * n) / sizes[0]!) <= 1.5,
        note: `as the app opens (signatures checked once per app, remembered); baseline = open at 10k x ${n / sizes[0]!}; ${((open! * 1000) / n).toFixed(2)} µs/entry; raw read + SHA-256 = ${raw!.toFixed(0)} ms (${(open! / raw!).toFixed(2)}x)`,
      }),
      result({
        name: `scaling: first open of a workspace of ${label(n)} entries (cold: every signature)`,
        value: cold,
        unit: 'ms',
        baseline: raw!,
        goal: 'report (paid once per app and workspace)',
        met: null,
        note: `one run, nothing remembered yet; ${((cold * 1000) / n).toFixed(2)} µs/entry; baseline = raw read + SHA-256`,
      }),
    );
  }
  void median;
  return out;
}
