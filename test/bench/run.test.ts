// The benchmark's command line, run for real in a child process: --help and a mistyped flag must
// answer at once and run nothing (a real run takes minutes, so a timeout stops one that starts).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBenchArgs, SUITES } from '../../bench/options';

const ROOT = path.resolve(import.meta.dirname, '../..');
const NAMES = Object.keys(SUITES);

function bench(...args: string[]) {
  const started = Date.now();
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'bench/run.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 20_000,
  });
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr, ms: Date.now() - started };
}

describe('npm run bench -- --help', () => {
  it.each(['--help', '-h'])('%s prints the usage and exits 0 without running a benchmark', (flag) => {
    const r = bench(flag, '--quick');
    expect(r.signal).toBeNull();
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^Usage: npm run bench -- \[--quick\] \[--only=SUITE,\.\.\.\]/);
    for (const flagName of ['--quick', '--only=', '--help']) expect(r.stdout).toContain(flagName);
    for (const name of NAMES) expect(r.stdout).toMatch(new RegExp(`^  ${name} `, 'm'));
    expect(r.stdout).toContain(path.join(ROOT, 'bench-results.json'));
    expect(r.stdout).toContain('steward-bench-cache');
    expect(r.stdout).not.toContain('Steward benchmarks');
    expect(r.ms).toBeLessThan(10_000);
  });

  it.each([
    [['--quik'], 'unknown argument: --quik'],
    [['--only=ledger,ledgr'], 'unknown suite: ledgr'],
    [['--only='], '--only= needs at least one suite name'],
    [['ledger'], 'unknown argument: ledger'],
  ])('%j: one line saying what is wrong, the usage, exit 2', (args, message) => {
    const r = bench(...args);
    expect(r.signal).toBeNull();
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    const [first, blank, usage] = r.stderr.split('\n');
    expect(first).toBe(`npm run bench: ${message}`);
    expect(blank).toBe('');
    expect(usage).toMatch(/^Usage: /);
  });
});

describe('parseBenchArgs', () => {
  it('runs every suite, in the table order, unless --only names some', () => {
    expect(parseBenchArgs([])).toStrictEqual({ kind: 'run', quick: false, suites: NAMES });
    expect(parseBenchArgs(['--only=renderer,ledger', '--quick'])).toStrictEqual({
      kind: 'run',
      quick: true,
      suites: ['ledger', 'renderer'],
    });
    expect(parseBenchArgs(['--only=naive', '--only=memory,naive'])).toStrictEqual({
      kind: 'run',
      quick: false,
      suites: ['naive', 'memory'],
    });
  });

  it('--help wins over anything else on the line, even a mistake', () => {
    expect(parseBenchArgs(['--bogus', '-h'])).toStrictEqual({ kind: 'help' });
  });
});
