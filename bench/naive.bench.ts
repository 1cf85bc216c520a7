// The naive design Steward avoids: each completion stored in electron-store — here its engine,
// `conf`, exactly as electron-store uses it — which re-reads and rewrites its whole JSON file
// (atomically, fsync'd) on every write. Per-write cost with 1k, 10k and 100k records already
// stored, against Steward's append into a workspace of as many entries.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Conf from 'conf';
import { cachedWorkspace, samplePayload } from './fixture';
import { median, result } from './harness';
import type { Reported } from './harness';
import { tempRoot } from './ledger.bench';
import type { BenchOptions } from './ledger.bench';
import { appendInto, label } from './scaling.bench';
import { rmSync } from 'node:fs';

/** Median ms of `writes` store.set calls into a conf store already holding `records`. */
function naiveWrites(records: number, writes: number): number {
  const root = tempRoot();
  try {
    const completions: Record<string, unknown> = {};
    for (let i = 0; i < records; i++) completions[`c${i}`] = samplePayload(i, 'training.completed');
    // Seed the file as conf writes it (tab-indented JSON), without timing `records` writes.
    writeFileSync(join(root, 'records.json'), JSON.stringify({ completions }, undefined, '\t'));
    const store = new Conf<Record<string, unknown>>({ cwd: root, configName: 'records' });
    const samples: number[] = [];
    for (let w = 0; w < writes; w++) {
      const t0 = process.hrtime.bigint();
      store.set(`completions.n${w}`, samplePayload(records + w, 'training.completed'));
      samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    return median(samples);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

export async function runNaiveBenchmarks(opts: BenchOptions): Promise<Reported[]> {
  const out: Reported[] = [];
  const plan: [number, number][] = opts.quick
    ? [
        [1_000, 20],
        [10_000, 5],
        [100_000, 2],
      ]
    : [
        [1_000, 50],
        [10_000, 15],
        [100_000, 5],
      ];
  for (const [n, writes] of plan) {
    opts.log(`naive: electron-store (conf) with ${label(n)} records, ${writes} writes ...`);
    const naive = naiveWrites(n, writes);
    const fx = await cachedWorkspace(10, n / 10, opts.log);
    const { steward } = await appendInto(fx, opts.quick ? 40 : 100);
    const goal = n === 100_000 ? 'Steward >= 100x faster' : 'report (curve)';
    out.push(
      result({
        name: `naive electron-store write at ${label(n)} records (vs Steward append)`,
        value: naive,
        unit: 'ms',
        baseline: steward,
        goal,
        met: n === 100_000 ? naive / steward >= 100 : null,
        note:
          `median of ${writes} store.set() calls on a store already holding ${label(n)} completions` +
          (n === 100_000 ? ' (a sample of writes at that size, not 100k writes)' : '') +
          `; baseline = Steward's median append into a workspace of ${label(n)} entries`,
      }),
    );
  }
  return out;
}
