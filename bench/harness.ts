// A small benchmark harness: repeated runs, medians, a results table on stdout and
// bench-results.json (an array of { name, value, unit, baseline, ratio, goal }) at the repo root.
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  /** The same work done the plainest possible way, in the same unit; null when there is none. */
  baseline: number | null;
  /** value / baseline. */
  ratio: number | null;
  goal: string;
}

export interface Reported extends BenchResult {
  /** Whether the goal was met; null when the goal is only to report. Printed, not saved. */
  met: boolean | null;
  note?: string;
}

export function median(samples: readonly number[]): number {
  if (samples.length === 0) throw new Error('median of nothing');
  const s = [...samples].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** Milliseconds taken by fn. */
export async function timeMs(fn: () => unknown): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/**
 * Runs each candidate `runs` times, interleaved (a, b, a, b, ...) so that a noisy neighbour
 * hurts both alike, after `warmup` untimed rounds. Returns the median time of each, in ms.
 */
export async function compare(
  candidates: readonly (() => unknown)[],
  opts: { runs: number; warmup?: number },
): Promise<number[]> {
  for (let w = 0; w < (opts.warmup ?? 1); w++) for (const c of candidates) await c();
  const samples: number[][] = candidates.map(() => []);
  for (let r = 0; r < opts.runs; r++) {
    for (const [i, c] of candidates.entries()) (samples[i] as number[]).push(await timeMs(c));
  }
  return samples.map(median);
}

export function result(r: Omit<BenchResult, 'ratio'> & { met: boolean | null; note?: string }): Reported {
  const ratio = r.baseline === null || r.baseline === 0 ? null : r.value / r.baseline;
  return { ...r, ratio };
}

const fmt = (n: number | null, digits = 3): string =>
  n === null ? '-' : Number(n.toPrecision(digits)).toString();

export function printTable(results: readonly Reported[]): void {
  const rows = [
    ['benchmark', 'value', 'baseline', 'ratio', 'goal', 'met'],
    ...results.map((r) => [
      r.name,
      Number.isNaN(r.value) ? 'pending' : `${fmt(r.value)} ${r.unit}`,
      r.baseline === null ? '-' : `${fmt(r.baseline)} ${r.unit}`,
      r.ratio === null ? '-' : `${r.ratio.toFixed(2)}x`,
      r.goal,
      Number.isNaN(r.value) ? 'PENDING' : r.met === null ? 'report' : r.met ? 'yes' : 'NO',
    ]),
  ];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => (row[c] as string).length)));
  const line = (row: string[]) => row.map((cell, c) => cell.padEnd(widths[c] as number)).join('  ');
  console.log(line(rows[0] as string[]));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows.slice(1)) console.log(line(row));
  for (const r of results) if (r.note) console.log(`  * ${r.name}: ${r.note}`);
}

export const RESULTS_FILE = resolve(import.meta.dirname, '..', 'bench-results.json');
/** Where the large fixture workspaces are generated once and reused (see fixture.ts). */
export const CACHE_ROOT = join(tmpdir(), 'steward-bench-cache');

/** Writes bench-results.json at the repo root; returns its path. */
export function writeResults(results: readonly Reported[]): string {
  const file = RESULTS_FILE;
  const plain: BenchResult[] = results.map(({ name, value, unit, baseline, ratio, goal }) => ({
    name,
    value,
    unit,
    baseline,
    ratio,
    goal,
  }));
  writeFileSync(file, `${JSON.stringify(plain, null, 2)}\n`);
  return file;
}
