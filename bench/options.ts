// The command line of `npm run bench` (bench/run.ts): its flags, the suite names --only takes,
// and the usage text. Kept apart from the suites so that --help and a mistyped flag answer at
// once, without loading any benchmark.
import { CACHE_ROOT, RESULTS_FILE } from './harness';

export const SUITES = {
  ledger: 'append (validated, signed, fsync), open, projections and full verify',
  records: 'CSV export of completion rows; getRecords, first and second call',
  refresh: 'file operations (strace) and time of a workspace refresh, 5k and 50k people (--quick: 5k)',
  witness: 'witnessing at 5k people: open and verify with checkpoints and the comparison, line sizes',
  naive: 'the naive design: electron-store (conf) writes at 1k, 10k and 100k records',
  scaling: 'append and open in workspaces of 10k, 100k and 1M entries',
  memory: 'peak RSS of child processes opening 1M entries',
  renderer:
    'initial JS, app shell and first screen paint, the records filter (needs npm run build and a Chromium)',
} as const;

export type Suite = keyof typeof SUITES;

export type BenchArgs =
  { kind: 'run'; quick: boolean; suites: Suite[] } | { kind: 'help' } | { kind: 'error'; message: string };

export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  if (argv.some((arg) => arg === '--help' || arg === '-h')) return { kind: 'help' };
  let quick = false;
  let only: Set<string> | null = null;
  for (const arg of argv) {
    if (arg === '--quick') {
      quick = true;
    } else if (arg.startsWith('--only=')) {
      const names = arg.slice('--only='.length).split(',').filter(Boolean);
      if (names.length === 0) return { kind: 'error', message: '--only= needs at least one suite name' };
      const unknown = names.filter((name) => !Object.hasOwn(SUITES, name));
      if (unknown.length > 0) return { kind: 'error', message: `unknown suite: ${unknown.join(', ')}` };
      only = new Set([...(only ?? []), ...names]);
    } else {
      return { kind: 'error', message: `unknown argument: ${arg}` };
    }
  }
  // Always in the table's order, whatever order --only names them in.
  const suites = (Object.keys(SUITES) as Suite[]).filter((suite) => !only || only.has(suite));
  return { kind: 'run', quick, suites };
}

export function benchUsage(): string {
  const width = Math.max(...Object.keys(SUITES).map((name) => name.length));
  return [
    'Usage: npm run bench -- [--quick] [--only=SUITE,...]',
    '       (or: node --import tsx bench/run.ts [--quick] [--only=SUITE,...])',
    '',
    "Runs Steward's benchmarks; each baseline is measured in the same run, on the same data.",
    '',
    'Options:',
    '  --quick           a short run: 10k entries instead of 100k, no 1M (memory: 100k), fewer repetitions',
    '  --only=SUITE,...  run only these suites, comma-separated (names below); without it, all of them',
    '  -h, --help        print this and exit',
    '',
    'Suites, run in this order:',
    ...Object.entries(SUITES).map(([name, what]) => `  ${name.padEnd(width)}  ${what}`),
    '',
    'Writes:',
    '  the results table, on stdout',
    `  ${RESULTS_FILE} (git-ignored): the results as JSON`,
    `  ${CACHE_ROOT}/: fixture workspaces, generated on first use and reused`,
    '',
    'How each figure is measured: bench/README.md.',
  ].join('\n');
}
