// Runs the benchmarks: `node --import tsx bench/run.ts [--quick] [--only=ledger,naive,...]`
// (npm run bench). Prints a table and writes bench-results.json at the repo root.
import { availableParallelism, cpus } from 'node:os';
import { printTable, writeResults } from './harness';
import type { Reported } from './harness';
import { runLedgerBenchmarks } from './ledger.bench';
import { runMemoryBenchmark } from './memory.bench';
import { runNaiveBenchmarks } from './naive.bench';
import { loadProjection, runRecordsBenchmarks } from './records.bench';
import { runRendererBenchmarks } from './renderer.bench';
import { runScalingBenchmarks } from './scaling.bench';

const quick = process.argv.includes('--quick');
const only = process.argv
  .find((a) => a.startsWith('--only='))
  ?.slice(7)
  .split(',');
const log = (line: string) => console.log(line);
const opts = { quick, log };
const want = (suite: string) => !only || only.includes(suite);

log(
  `Steward benchmarks${quick ? ' (quick)' : ''}: Node ${process.version}, ${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown CPU'})`,
);
const started = Date.now();
const results: Reported[] = [];
if (want('ledger')) results.push(...(await runLedgerBenchmarks(opts, await loadProjection())));
if (want('records')) results.push(...(await runRecordsBenchmarks(opts)));
if (want('naive')) results.push(...(await runNaiveBenchmarks(opts)));
if (want('scaling')) results.push(...(await runScalingBenchmarks(opts)));
if (want('memory')) results.push(...(await runMemoryBenchmark(opts)));
if (want('renderer')) results.push(...(await runRendererBenchmarks(opts)));
log('');
printTable(results);
log(`\nwrote ${writeResults(results)} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
