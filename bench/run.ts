// Runs the benchmarks: `node --import tsx bench/run.ts [--quick]` (npm run bench).
// Prints a table and writes bench-results.json at the repo root.
import { availableParallelism, cpus } from 'node:os';
import { printTable, writeResults } from './harness';
import { runLedgerBenchmarks } from './ledger.bench';

const quick = process.argv.includes('--quick');
const log = (line: string) => console.log(line);

log(
  `Steward benchmarks${quick ? ' (quick)' : ''}: Node ${process.version}, ${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown CPU'})`,
);
const started = Date.now();
const results = await runLedgerBenchmarks({ quick, log });
log('');
printTable(results);
log(`\nwrote ${writeResults(results)} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
