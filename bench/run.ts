// Runs the benchmarks: `npm run bench -- [--quick] [--only=ledger,naive,...]`, or `--help` for
// the suites and what is written where (bench/options.ts). Prints a table and writes
// bench-results.json at the repo root.
import { availableParallelism, cpus } from 'node:os';
import { printTable, writeResults } from './harness';
import type { Reported } from './harness';
import type { BenchOptions } from './ledger.bench';
import { benchUsage, parseBenchArgs } from './options';
import type { Suite } from './options';

const args = parseBenchArgs(process.argv.slice(2));
if (args.kind === 'help') {
  console.log(benchUsage());
  process.exit(0);
}
if (args.kind === 'error') {
  console.error(`npm run bench: ${args.message}\n`);
  console.error(benchUsage());
  process.exit(2);
}

// Each suite is imported only when it runs, so that the command line is answered first.
const RUNNERS: Record<Suite, (opts: BenchOptions) => Promise<Reported[]>> = {
  ledger: async (opts) => {
    const { runLedgerBenchmarks } = await import('./ledger.bench');
    const { loadProjection } = await import('./records.bench');
    return runLedgerBenchmarks(opts, await loadProjection());
  },
  records: async (opts) => (await import('./records.bench')).runRecordsBenchmarks(opts),
  refresh: async (opts) => (await import('./refresh.bench')).runRefreshBenchmarks(opts),
  witness: async (opts) => (await import('./witness.bench')).runWitnessBenchmarks(opts),
  naive: async (opts) => (await import('./naive.bench')).runNaiveBenchmarks(opts),
  scaling: async (opts) => (await import('./scaling.bench')).runScalingBenchmarks(opts),
  memory: async (opts) => (await import('./memory.bench')).runMemoryBenchmark(opts),
  renderer: async (opts) => (await import('./renderer.bench')).runRendererBenchmarks(opts),
};

const { quick } = args;
const log = (line: string) => console.log(line);
const opts = { quick, log };

log(
  `Steward benchmarks${quick ? ' (quick)' : ''}: Node ${process.version}, ${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown CPU'})`,
);
const started = Date.now();
const results: Reported[] = [];
for (const suite of args.suites) results.push(...(await RUNNERS[suite](opts)));
log('');
printTable(results);
log(`\nwrote ${writeResults(results)} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
