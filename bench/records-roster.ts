// The records view of a manager of 5,000 people, with a roster against today's (issue 13,
// "Measure"): the app's open (a fresh service table's first getRecords) and an unchanged refresh
// (its second), in a workspace without an organisation and in the same workspace with one.
//
//   node --import tsx bench/records-roster.ts [--rounds 3] [--keep]
//
// Over two copies of the cached refresh fixture (5,001 ledgers of 19 signed entries,
// bench/fixture.ts), the viewer being the fixture's first person:
//   A "today": no organisation; the viewer is `managers: all` in the content copy's policy.yaml
//     (as the records suite does).
//   B "roster": a DPO profile sets up an organisation through the services (createOrganisation),
//     imports a roster CSV of all 5,001 people with their key fingerprints (importRoster) and
//     grants the viewer's person the manager role for all teams (grantRole, teams: null); the
//     viewer's app confirms the organisation's code (it is then pinned to it) and its content is
//     the plain copy (no policy role).
// Each viewer's app is set up once (setWorkspace, switchProfile, one untimed getRecords), so its
// memory of verified ledgers (userData/verified-ledgers.log) is warm, as on any start but the
// first. Then, interleaved (A, B, then B, A, ...), --rounds times: a fresh service table over the
// same user-data folder (createServices, timed apart), getRecords({}) cold (the open), then
// getRecords({}) again with nothing changed (a refresh). Prints the medians, B/A, and the load
// average at start and end.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import YAML from 'yaml';
import type { Services } from '../electron/core/contract/methods';
import { fingerprintOf } from '../electron/core/ledger/keys';
import { fileOnlyProtector, saveKey } from '../electron/core/profiles/keystore';
import { createServices, type ServiceHandle } from '../electron/core/services';
import { confStoreFactory } from '../electron/core/settings/settingsStore';
import { cachedWorkspace } from './fixture';
import { median, timeMs } from './harness';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    keep: { type: 'boolean' },
  },
});
const rounds = Number(values.rounds);
if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`--rounds must be a positive integer`);
const repo = resolve(import.meta.dirname, '..');
const log = (line: string) => console.error(line);
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
const loadAtStart = load();

const tmp = mkdtempSync(join(tmpdir(), 'steward-records-roster-'));

const start = (userDataDir: string, contentDir: string): Promise<ServiceHandle> =>
  createServices({
    userDataDir,
    contentDir,
    settingsStoreFactory: confStoreFactory,
    secretProtector: fileOnlyProtector,
    capabilities: { host: 'test' },
    appVersion: '0.0.0-bench',
  });

async function withServices<T>(
  userDataDir: string,
  contentDir: string,
  fn: (s: Services) => Promise<T>,
): Promise<T> {
  const handle = await start(userDataDir, contentDir);
  try {
    return await fn(handle.services);
  } finally {
    await handle.close();
  }
}

interface Variant {
  label: string;
  userDataDir: string;
  contentDir: string;
  people: number;
  startMs: number[];
  openMs: number[];
  refreshMs: number[];
}

try {
  const fixture = await cachedWorkspace(5_001, 19, log);
  const viewer = fixture.ledgers[0]!;
  const viewerFingerprint = fingerprintOf(viewer.keys.publicKey);

  // Content: A's copy names the viewer a manager of every team; B's is the bundled content as is.
  const contentA = join(tmp, 'content-a');
  const contentB = join(tmp, 'content-b');
  cpSync(join(repo, 'content'), contentA, { recursive: true });
  cpSync(join(repo, 'content'), contentB, { recursive: true });
  const policyFile = join(contentA, 'policy.yaml');
  const policy = YAML.parse(readFileSync(policyFile, 'utf8')) as { roles: Record<string, unknown[]> };
  policy.roles.managers!.push({ email: 'person0@example.org', fingerprint: viewerFingerprint, all: true });
  writeFileSync(policyFile, YAML.stringify(policy));

  const wsA = join(tmp, 'ws-a');
  const wsB = join(tmp, 'ws-b');
  log(`copying ${fixture.dir} twice ...`);
  cpSync(fixture.dir, wsA, { recursive: true });
  cpSync(fixture.dir, wsB, { recursive: true });

  // B: the DPO sets up the organisation and imports the roster of every fixture person.
  const setupMs = await timeMs(() =>
    withServices(join(tmp, 'user-dpo'), contentB, async (s) => {
      log('B: DPO opens the workspace (every signature checked once) ...');
      await s.setWorkspace({ dir: wsB });
      await s.createProfile({ name: 'Dana DPO', email: 'dpo@example.org', team: 'Legal' });
      log('B: createOrganisation ...');
      await s.createOrganisation({
        name: 'Acme',
        teams: ['Legal', 'Team 0', 'Team 1', 'Team 2'],
        team: 'Legal',
        fromPolicy: false,
      });
      const csv = [
        'displayName,mail,department,fingerprint',
        ...fixture.ledgers.map(
          (p, i) => `Person ${i},person${i}@example.org,Team ${i % 3},${fingerprintOf(p.keys.publicKey)}`,
        ),
      ].join('\n');
      log(`B: importRoster (${fixture.ledgers.length} rows) ...`);
      const plan = await s.importRoster({ csv: `${csv}\n` });
      if (plan.add.length !== fixture.ledgers.length) {
        throw new Error(`the roster enrols ${plan.add.length} people, not ${fixture.ledgers.length}`);
      }
      const org = (await s.getOrganisation({})).org!;
      const person = org.people.find((p) => p.email === 'person0@example.org');
      if (!person?.keys.some((k) => k.profileId === viewer.profileId)) {
        throw new Error('the viewer is not enrolled with their key');
      }
      log('B: grantRole manager, all teams ...');
      await s.grantRole({ personId: person.personId, role: 'manager', teams: null, from: null, until: null });
    }),
  );
  log(`B: organisation set up in ${(setupMs / 1000).toFixed(1)} s`);

  const variants: Variant[] = [];
  for (const [label, ws, contentDir] of [
    ['A today (policy.yaml managers: all)', wsA, contentA],
    ['B roster (org, 5,001 enrolled, manager grant)', wsB, contentB],
  ] as const) {
    const userDataDir = join(tmp, `user-${ws.endsWith('-a') ? 'a' : 'b'}`);
    saveKey(join(userDataDir, 'keys'), fileOnlyProtector, { profileId: viewer.profileId, ...viewer.keys });
    log(`${label}: the viewer's app opens the workspace the first time (untimed) ...`);
    const people = await withServices(userDataDir, contentDir, async (s) => {
      await s.setWorkspace({ dir: ws });
      await s.switchProfile({ profileId: viewer.profileId });
      if (ws === wsB) {
        const candidate = (await s.getOrganisation({})).candidates[0]!;
        const confirmed = await s.confirmOrganisation({ orgId: candidate.orgId, code: candidate.code });
        if (!confirmed.me?.roles.includes('manager')) throw new Error('the viewer is not a manager in B');
      }
      const view = await s.getRecords({});
      if (view.scope.kind !== 'all') throw new Error(`${label}: the viewer's scope is ${view.scope.kind}`);
      return view.people.length;
    });
    variants.push({ label, userDataDir, contentDir, people, startMs: [], openMs: [], refreshMs: [] });
  }

  for (let r = 0; r < rounds; r++) {
    const order = r % 2 === 0 ? variants : [...variants].reverse();
    for (const v of order) {
      const t0 = performance.now();
      const handle = await start(v.userDataDir, v.contentDir);
      const startMs = performance.now() - t0;
      const s = handle.services;
      try {
        let people = 0;
        const openMs = await timeMs(async () => {
          people = (await s.getRecords({})).people.length;
        });
        const refreshMs = await timeMs(() => s.getRecords({}));
        if (people !== v.people) throw new Error(`${v.label}: ${people} people, at set-up ${v.people}`);
        v.startMs.push(startMs);
        v.openMs.push(openMs);
        v.refreshMs.push(refreshMs);
        log(
          `round ${r + 1} ${v.label}: createServices ${startMs.toFixed(0)} ms, open ${openMs.toFixed(0)} ms, refresh ${refreshMs.toFixed(0)} ms`,
        );
      } finally {
        await handle.close();
      }
    }
  }

  const [a, b] = variants as [Variant, Variant];
  const ms = (x: number) => `${Math.round(x).toLocaleString('en')} ms`;
  const runs = (xs: number[]) => xs.map((x) => Math.round(x).toLocaleString('en')).join(' / ');
  const ratio = (pick: (v: Variant) => number[]) => (median(pick(b)) / median(pick(a))).toFixed(2);
  console.log(
    `records view of a manager of all teams, 5,001 fixture ledgers; ${rounds} rounds, interleaved; load average at start ${loadAtStart}, at end ${load()}`,
  );
  console.log(`B's one-off set-up (DPO open, createOrganisation, importRoster, grantRole): ${ms(setupMs)}`);
  console.log('| median (runs, ms) | A today | B roster | B/A |');
  console.log('| --- | --- | --- | --- |');
  console.log(`| people in the view | ${a.people} | ${b.people} | |`);
  for (const [what, pick] of [
    ['createServices (app start)', (v: Variant) => v.startMs],
    ['open: first getRecords', (v: Variant) => v.openMs],
    ['unchanged refresh: second getRecords', (v: Variant) => v.refreshMs],
  ] as const) {
    console.log(
      `| ${what} | ${ms(median(pick(a)))} (${runs(pick(a))}) | ${ms(median(pick(b)))} (${runs(pick(b))}) | ${ratio(pick)} |`,
    );
  }
} finally {
  if (values.keep) console.error(`kept ${tmp}`);
  else rmSync(tmp, { recursive: true, force: true });
}
