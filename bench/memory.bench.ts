// Peak RSS of opening the largest workspace, measured in a fresh child process
// (process.resourceUsage().maxRSS), against a child that only reads the files and keeps their
// bytes: opening should cost the raw lines once plus an offset per line, not twice; and once the
// entries are made (projections make them), the lines once plus small per-entry objects.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { cachedWorkspace } from './fixture';
import { result } from './harness';
import type { Reported } from './harness';
import { tempRoot } from './ledger.bench';
import type { BenchOptions } from './ledger.bench';
import { label } from './scaling.bench';

function child(
  mode: 'open' | 'made' | 'bytes',
  dir: string,
  cacheFile?: string,
): { rss: number; entries: number; heap: number } {
  const outText = execFileSync(
    process.execPath,
    [
      '--import',
      'tsx',
      join(import.meta.dirname, 'memory-child.ts'),
      mode,
      dir,
      ...(cacheFile ? [cacheFile] : []),
    ],
    { encoding: 'utf8', maxBuffer: 1 << 20 },
  );
  return JSON.parse(outText) as { rss: number; entries: number; heap: number };
}

export async function runMemoryBenchmark(opts: BenchOptions): Promise<Reported[]> {
  const n = opts.quick ? 100_000 : 1_000_000;
  opts.log(`memory: peak RSS of opening ${label(n)} entries ...`);
  const fx = await cachedWorkspace(10, n / 10, opts.log);
  const runs = opts.quick ? 1 : 3;
  const root = tempRoot();
  // As the app opens: its first open checks every signature and remembers the verified heads in
  // its data folder (here a file in a temp folder); every later open starts from them.
  const cache = join(root, 'verified-ledgers.log');
  const open: number[] = [];
  const made: number[] = [];
  const bytes: number[] = [];
  let heap = 0;
  let madeHeap = 0;
  let cold: { rss: number; heap: number };
  try {
    const c = child('open', fx.dir, cache);
    if (c.entries !== n) throw new Error(`memory child read ${c.entries} entries cold`);
    cold = c;
    for (let r = 0; r < runs; r++) {
      const o = child('open', fx.dir, cache);
      if (o.entries !== n) throw new Error(`memory child read ${o.entries} entries`);
      open.push(o.rss);
      heap = o.heap;
      const m = child('made', fx.dir, cache);
      if (m.entries !== n) throw new Error(`memory child made ${m.entries} entries`);
      made.push(m.rss);
      madeHeap = m.heap;
      bytes.push(child('bytes', fx.dir).rss);
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  const mb = (b: number) => b / 1024 / 1024;
  const med = (xs: number[]) => mb(xs.sort((a, b) => a - b)[xs.length >> 1]!);
  const baseline = med(bytes);
  return [
    result({
      name: `memory: peak RSS opening ${label(n)} entries`,
      value: med(open),
      unit: 'MB',
      baseline,
      goal: 'report; raw lines held once',
      met: null,
      note: `fresh child process opening as the app does (its memory of verified heads, filled by a first open), readWorkspace quick, what it returns kept (entries not made); JS heap after ${mb(heap).toFixed(0)} MB; baseline = a child that reads the files and keeps their bytes`,
    }),
    result({
      name: `memory: peak RSS opening ${label(n)} entries and making every entry`,
      value: med(made),
      unit: 'MB',
      baseline,
      goal: 'report',
      met: null,
      note: `the same, then read.entries of every ledger kept (data still unparsed); JS heap after ${mb(madeHeap).toFixed(0)} MB`,
    }),
    result({
      name: `memory: peak RSS of the first open of ${label(n)} entries (cold: every signature)`,
      value: mb(cold.rss),
      unit: 'MB',
      baseline,
      goal: 'report; raw lines held once',
      met: null,
      note: `one fresh child with nothing remembered: every line checked in full and every signature verified (worker threads); JS heap after ${mb(cold.heap).toFixed(0)} MB`,
    }),
  ];
}
