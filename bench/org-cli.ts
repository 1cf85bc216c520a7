// What it takes a DPO to appoint a reviewer with the CLI on a 5,000-person workspace (issue 13,
// "Measure"): the commands typed, and the wall time of each as a person runs it (a fresh process).
//
//   node --import tsx bench/org-cli.ts [--cli out/cli/steward.js] [--rounds 3] [--keep]
//
// Over a copy of the cached refresh fixture (5,001 ledgers of 19 signed entries, bench/fixture.ts):
// the DPO creates a profile and sets up the organisation, imports a roster CSV of the 5,001
// people with their key fingerprints (dry run, then --apply), then appoints reviewers: someone on
// the roster (one command: org grant), and a newcomer who is not (they join with the code and
// read out their fingerprint; the DPO enrols them by it and grants). Without --cli the source
// entry point runs through tsx, which adds its own start-up to every command; `steward --help`
// is timed as the floor either way. Prints a table (median of --rounds runs of each step).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fingerprintOf } from '../electron/core/ledger/keys';
import { fileOnlyProtector, saveKey } from '../electron/core/profiles/keystore';
import { cachedWorkspace } from './fixture';
import { median } from './harness';

const { values } = parseArgs({
  options: {
    cli: { type: 'string' },
    rounds: { type: 'string', default: '3' },
    keep: { type: 'boolean' },
  },
});
const rounds = Number(values.rounds);
const repo = resolve(import.meta.dirname, '..');
const entry = values.cli ? [resolve(values.cli)] : ['--import', 'tsx', join(repo, 'electron/cli/steward.ts')];

const tmp = mkdtempSync(join(tmpdir(), 'steward-orgcli-bench-'));
const home = join(tmp, 'home');

interface Run {
  out: string;
  ms: number;
  /** User + system CPU time of the process, from /usr/bin/time when there is one. */
  cpuMs: number | null;
}

const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
const cpuFile = join(tmp, 'cpu.txt');

function steward(args: string[]): Run {
  const command = [process.execPath, ...entry, ...args];
  const t0 = performance.now();
  const r = timeBin
    ? spawnSync(timeBin, ['-f', '%U %S', '-o', cpuFile, ...command], {
        encoding: 'utf8',
        env: { ...process.env, HOME: home, STEWARD_ORG: '' },
        maxBuffer: 256 << 20,
      })
    : spawnSync(command[0]!, command.slice(1), {
        encoding: 'utf8',
        env: { ...process.env, HOME: home, STEWARD_ORG: '' },
        maxBuffer: 256 << 20,
      });
  const ms = performance.now() - t0;
  if (r.status !== 0) {
    throw new Error(`steward ${args.join(' ')} exited ${r.status}: ${r.stderr.trim()}`);
  }
  let cpuMs: number | null = null;
  if (timeBin) {
    const [user, system] = readFileSync(cpuFile, 'utf8').trim().split(/\s+/).map(Number);
    cpuMs = ((user ?? 0) + (system ?? 0)) * 1000;
  }
  return { out: r.stdout, ms, cpuMs };
}

const rows: { step: string; typed: string; ms: number[]; cpuMs: (number | null)[] }[] = [];
function timed(step: string, typed: string, run: (round: number) => Run): Run {
  const ms: number[] = [];
  const cpuMs: (number | null)[] = [];
  let last: Run | null = null;
  for (let i = 0; i < rounds; i++) {
    last = run(i);
    ms.push(last.ms);
    cpuMs.push(last.cpuMs);
  }
  rows.push({ step, typed, ms, cpuMs });
  return last!;
}
const once = (step: string, typed: string, run: () => Run): Run => {
  const r = run();
  rows.push({ step, typed, ms: [r.ms], cpuMs: [r.cpuMs] });
  return r;
};

try {
  const fixture = await cachedWorkspace(5_001, 19, (line) => console.error(line));
  const ws = join(tmp, 'ws');
  console.error(`copying ${fixture.dir} to ${ws} ...`);
  cpSync(fixture.dir, ws, { recursive: true });
  const content = join(repo, 'content');
  const dpoKeys = join(tmp, 'keys-dpo');

  timed('start-up floor', 'steward --help', () => steward(['--help']));
  once('setup: DPO profile', 'steward profile create --workspace W --name … --email … --team Legal', () =>
    steward([
      ...['profile', 'create', '--workspace', ws, '--name', 'Dana DPO', '--email', 'dpo@example.org'],
      ...['--team', 'Legal', '--keys', dpoKeys],
    ]),
  );
  const init = once(
    'setup: org init',
    'steward org init --workspace W --name Acme --teams … --team Legal',
    () =>
      steward([
        ...['org', 'init', '--workspace', ws, '--name', 'Acme', '--teams', 'Legal,Team 0,Team 1,Team 2'],
        ...['--team', 'Legal', '--keys', dpoKeys, '--content', content],
      ]),
  );
  const code = /code ([0-9A-Z-]{19})/.exec(init.out)![1]!;

  // The HR export: every fixture person but the last, with the fingerprint of their key.
  const people = fixture.ledgers.slice(0, -1);
  const csv = [
    'displayName,mail,department,fingerprint',
    ...people.map(
      (p, i) => `Person ${i},person${i}@example.org,Team ${i % 3},${fingerprintOf(p.keys.publicKey)}`,
    ),
  ].join('\n');
  const roster = join(tmp, 'roster.csv');
  writeFileSync(roster, `${csv}\n`);
  const dry = once(
    'setup: roster dry run (5,000 rows)',
    'steward org import-roster roster.csv --workspace W',
    () => steward(['org', 'import-roster', roster, '--workspace', ws, '--keys', dpoKeys]),
  );
  if (!dry.out.includes('enrol (5000)')) throw new Error(`unexpected plan:\n${dry.out.slice(0, 2000)}`);
  once(
    'setup: roster apply (5,000 enrolled)',
    'steward org import-roster roster.csv --workspace W --apply',
    () => steward(['org', 'import-roster', roster, '--workspace', ws, '--keys', dpoKeys, '--apply']),
  );

  // A: the person is on the roster. The DPO may look them up, then types one command.
  const shown = timed('A1 (optional) look the person up', 'steward org show --workspace W', () =>
    steward(['org', 'show', '--workspace', ws]),
  );
  if (!shown.out.includes('Person 42 <person42@example.org>')) throw new Error('person 42 not on the roster');
  timed('A2 appoint', 'steward org grant --workspace W --person EMAIL --role reviewer', (i) =>
    steward([
      ...['org', 'grant', '--workspace', ws, '--person', `person${42 + i}@example.org`, '--role', 'reviewer'],
      ...['--keys', dpoKeys],
    ]),
  );
  // The reviewer's own machine sees the role at once.
  const reviewerKeys = join(tmp, 'keys-reviewer');
  const reviewer = people[42]!;
  saveKey(reviewerKeys, fileOnlyProtector, { profileId: reviewer.profileId, ...reviewer.keys });
  const seen = timed('A3 (reviewer) check', 'steward profile show --workspace W', () =>
    steward(['profile', 'show', '--workspace', ws, '--keys', reviewerKeys]),
  );
  if (!seen.out.includes('roles now    reviewer')) throw new Error(`reviewer sees no role:\n${seen.out}`);

  // B: a newcomer not on the roster (the fixture's last person).
  const newcomer = fixture.ledgers.at(-1)!;
  const newcomerKeys = join(tmp, 'keys-newcomer');
  saveKey(newcomerKeys, fileOnlyProtector, { profileId: newcomer.profileId, ...newcomer.keys });
  const fp = fingerprintOf(newcomer.keys.publicKey);
  once('B1 (newcomer) join with the code', 'steward org join --workspace W --code CODE', () =>
    steward(['org', 'join', '--workspace', ws, '--code', code, '--keys', newcomerKeys]),
  );
  once('B2 enrol by the fingerprint read out', 'steward org enrol --workspace W --key "FINGERPRINT"', () =>
    steward(['org', 'enrol', '--workspace', ws, '--key', fp, '--keys', dpoKeys]),
  );
  once('B3 appoint', 'steward org grant --workspace W --person EMAIL --role reviewer', () =>
    steward([
      ...['org', 'grant', '--workspace', ws, '--person', 'person5000@example.org', '--role', 'reviewer'],
      ...['--keys', dpoKeys],
    ]),
  );

  const fmt = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  console.log(
    `CLI: ${values.cli ? values.cli : 'electron/cli/steward.ts through tsx'}; 5,001 fixture people + the DPO; load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  console.log('| step | typed | wall time (median) | runs | CPU time (user + system, median) |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const r of rows) {
    const cpu = r.cpuMs.every((x) => x !== null) ? fmt(median(r.cpuMs as number[])) : '-';
    console.log(
      `| ${r.step} | \`${r.typed}\` | ${fmt(median(r.ms))} | ${r.ms.map(fmt).join(', ')} | ${cpu} |`,
    );
  }
} finally {
  if (values.keep) console.error(`kept ${tmp}`);
  else rmSync(tmp, { recursive: true, force: true });
}
