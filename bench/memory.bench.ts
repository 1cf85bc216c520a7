// Peak RSS of opening the largest workspace, measured in a fresh child process
// (process.resourceUsage().maxRSS), against a child that only reads the files and keeps their
// bytes: opening should cost the raw lines once plus small per-entry objects, not twice.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { cachedWorkspace } from './fixture';
import { result } from './harness';
import type { Reported } from './harness';
import type { BenchOptions } from './ledger.bench';
import { label } from './scaling.bench';

function child(mode: 'open' | 'bytes', dir: string): { rss: number; entries: number; heap: number } {
  const outText = execFileSync(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'memory-child.ts'), mode, dir],
    { encoding: 'utf8', maxBuffer: 1 << 20 },
  );
  return JSON.parse(outText) as { rss: number; entries: number; heap: number };
}

export async function runMemoryBenchmark(opts: BenchOptions): Promise<Reported[]> {
  const n = opts.quick ? 100_000 : 1_000_000;
  opts.log(`memory: peak RSS of opening ${label(n)} entries ...`);
  const fx = await cachedWorkspace(10, n / 10, opts.log);
  const runs = opts.quick ? 1 : 3;
  const open: number[] = [];
  const bytes: number[] = [];
  let heap = 0;
  for (let r = 0; r < runs; r++) {
    const o = child('open', fx.dir);
    if (o.entries !== n) throw new Error(`memory child read ${o.entries} entries`);
    open.push(o.rss);
    heap = o.heap;
    bytes.push(child('bytes', fx.dir).rss);
  }
  const mb = (b: number) => b / 1024 / 1024;
  const value = mb(open.sort((a, b) => a - b)[open.length >> 1]!);
  const baseline = mb(bytes.sort((a, b) => a - b)[bytes.length >> 1]!);
  return [
    result({
      name: `memory: peak RSS opening ${label(n)} entries`,
      value,
      unit: 'MB',
      baseline,
      goal: 'report; raw lines held once',
      met: null,
      note: `fresh child process, readWorkspace quick, entries kept; JS heap after ${mb(heap).toFixed(0)} MB; baseline = a child that reads the files and keeps their bytes`,
    }),
  ];
}
