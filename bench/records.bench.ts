// Benchmarks of code built on the ledger: the records projection (over what the ledger bench
// opened), the CSV export of 100k completion rows against a raw JSON.stringify of the same
// rows, and getRecords through the app's services, first call against the next one (the
// services share one incremental workspace reader). Loaded lazily: if a module is not there yet
// the row says "pending <file>".
import {
  cpSync,
  createWriteStream,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { resolve } from 'node:path';
import YAML from 'yaml';
import type { MatrixRow, RecordsView } from '../electron/core/contract/views/records';
import { fingerprintOf } from '../electron/core/ledger';
import type { LedgerRead } from '../electron/core/ledger';
import type * as KeystoreNs from '../electron/core/profiles/keystore';
import type * as CsvModuleNs from '../electron/core/records/csv';
import type * as ServicesNs from '../electron/core/services';
import type * as SettingsStoreNs from '../electron/core/settings/settingsStore';
import { cachedWorkspace, MODULE_IDS } from './fixture';
import { compare, median, result, timeMs } from './harness';
import type { Reported } from './harness';
import { pending, tempRoot } from './ledger.bench';
import type { BenchOptions, ProjectFn } from './ledger.bench';

type CsvModule = typeof CsvModuleNs;

const CONTENT_DIR = resolve(import.meta.dirname, '..', 'content');

/** projectRecords for a manager of every team, or why it cannot run yet. */
export async function loadProjection(): Promise<ProjectFn | string> {
  try {
    const { projectRecords } = await import('../electron/core/records/projection');
    const { loadContent } = await import('../electron/core/training/content');
    const { workspaceOrgOf } = await import('../electron/core/org/workspaceOrg');
    const { loadQuestionnaire } = await import('../electron/core/review/questionnaire');
    const content = loadContent(CONTENT_DIR);
    const questionnaire = loadQuestionnaire(CONTENT_DIR).questionnaire ?? undefined;
    return (ledgers: LedgerRead[]) => {
      const genesis = ledgers[0]?.entries[0];
      if (genesis?.type !== 'profile.created') throw new Error('fixture has no profile');
      const viewer = { id: ledgers[0]!.profileId, ...genesis.data };
      const policy = {
        ...content.policy,
        roles: {
          ...content.policy.roles,
          managers: [{ email: viewer.email, fingerprint: viewer.fingerprint, teams: [], all: true }],
        },
      };
      const { view } = projectRecords({
        ledgers,
        authority: workspaceOrgOf(ledgers, policy, null).authority,
        content: { policy, modules: content.modules },
        questionnaire,
        now: new Date('2026-06-01T00:00:00Z'),
        viewer,
      });
      if (view.matrix.length === 0) throw new Error('projection saw nobody');
      return view;
    };
  } catch (err) {
    return `electron/core/records/projection.ts projectRecords (${(err as Error).message})`;
  }
}

/** A view with `rows` completion rows (rows / 8 people x the 8 modules). */
function syntheticView(rows: number): RecordsView {
  const people = Array.from({ length: Math.ceil(rows / MODULE_IDS.length) }, (_, p) => ({
    id: `p${String(p).padStart(20, '0')}`,
    name: `Person ${p}, "Team" ${p % 7}`,
    email: `person${p}@example.org`,
    team: `Team ${p % 7}`,
    enrolled: true,
    source: 'workspace' as const,
    importedFrom: null,
  }));
  const matrix: MatrixRow[] = [];
  for (let i = 0; i < rows; i++) {
    const person = people[Math.floor(i / MODULE_IDS.length)]!;
    const done = i % 3 !== 0;
    matrix.push({
      personId: person.id,
      name: person.name,
      team: person.team,
      moduleId: MODULE_IDS[i % MODULE_IDS.length]!,
      moduleTitle: `Module ${i % MODULE_IDS.length}: =data, ethics`,
      required: i % 2 === 0,
      status: done ? 'passed' : 'notStarted',
      completedAt: done ? '2026-03-02T09:00:00.000Z' : null,
      completedVersion: done ? '1.0.0' : null,
      score: done ? 80 + (i % 21) : null,
      expiresAt: done ? '2027-03-02T09:00:00.000Z' : null,
      dueAt: '2026-04-01T00:00:00.000Z',
      attempts: i % 4,
      source: 'workspace',
      entryHash: done ? 'ab'.repeat(32) : null,
    });
  }
  return {
    asOf: '2026-06-01T00:00:00.000Z',
    scope: { kind: 'all', teams: [] },
    people,
    modules: MODULE_IDS.map((id) => ({ id, title: id, version: '1.0.0' })),
    teams: [],
    matrix,
    overdue: [],
    dueSoon: [],
    byTeam: [],
    byModule: [],
    reviews: [],
    reviewOutcomes: [],
    heads: [{ profileId: people[0]!.id, entries: 100, headHash: 'cd'.repeat(32) }],
    ignored: [],
  } as RecordsView;
}

async function benchCsv(opts: BenchOptions): Promise<Reported> {
  const name = 'export 100k completion rows to CSV';
  let csv: CsvModule;
  try {
    csv = await import('../electron/core/records/csv');
  } catch (err) {
    return pending(name, 'ms', '< 1 s and <= 2x', `electron/core/records/csv.ts (${(err as Error).message})`);
  }
  const view = syntheticView(100_000);
  const root = tempRoot();
  try {
    const file = join(root, 'export.csv');
    const [value, baseline] = await compare(
      [
        async () => {
          const out = createWriteStream(file);
          const n = await csv.writeCsv(out, csv.csvMatrix(view));
          await new Promise<void>((res, rej) => out.end((err?: Error | null) => (err ? rej(err) : res())));
          if (n !== view.matrix.length) throw new Error(`wrote ${n} rows`);
        },
        () => JSON.stringify(view.matrix),
      ],
      { runs: opts.quick ? 3 : 7, warmup: 1 },
    );
    return result({
      name,
      value: value!,
      unit: 'ms',
      baseline: baseline!,
      goal: '< 1 s and <= 2x',
      met: value! < 1000 && value! / baseline! <= 2,
      note: 'writeCsv(csvMatrix(view)) streamed to a file (formula-neutralised cells, ledger heads trailer); baseline = JSON.stringify of the same 100k rows',
    });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/**
 * getRecords through createServices for a manager of every team, over the cached fixture: the
 * first call of a fresh service table (reads and checks every ledger, then projects) against
 * the second (nothing changed on disk: no ledger is read again; the projection still runs).
 */
async function benchGetRecords(opts: BenchOptions): Promise<Reported> {
  const total = opts.quick ? 10_000 : 100_000;
  const label = `${total / 1000}k`;
  const name = `getRecords on an unchanged ${label} workspace (second call)`;
  let services: typeof ServicesNs;
  let keystore: typeof KeystoreNs;
  let settingsStore: typeof SettingsStoreNs;
  try {
    services = await import('../electron/core/services');
    keystore = await import('../electron/core/profiles/keystore');
    settingsStore = await import('../electron/core/settings/settingsStore');
  } catch (err) {
    return pending(name, 'ms', 'report', `electron/core/services.ts (${(err as Error).message})`);
  }
  const fx = await cachedWorkspace(10, total / 10, opts.log);
  const viewer = fx.ledgers[0]!;
  const root = tempRoot();
  // The viewer's app writes its daily witness checkpoint into the viewer's ledger: cut it back
  // afterwards, so the cached fixture stays as generated for the other suites.
  const viewerSize = statSync(viewer.file).size;
  try {
    const contentDir = join(root, 'content');
    cpSync(CONTENT_DIR, contentDir, { recursive: true });
    const policyFile = join(contentDir, 'policy.yaml');
    const policy = YAML.parse(readFileSync(policyFile, 'utf8')) as { roles: Record<string, unknown[]> };
    policy.roles.managers!.push({
      email: 'person0@example.org',
      fingerprint: fingerprintOf(viewer.keys.publicKey),
      all: true,
    });
    writeFileSync(policyFile, YAML.stringify(policy));
    const userDataDir = join(root, 'user');
    keystore.saveKey(join(userDataDir, 'keys'), keystore.fileOnlyProtector, {
      profileId: viewer.profileId,
      ...viewer.keys,
    });
    const start = () =>
      services.createServices({
        userDataDir,
        contentDir,
        settingsStoreFactory: settingsStore.confStoreFactory,
        secretProtector: keystore.fileOnlyProtector,
        capabilities: { host: 'test' },
        appVersion: '0.0.0-bench',
      });
    const setup = await start();
    await setup.services.setWorkspace({ dir: fx.dir });
    await setup.services.switchProfile({ profileId: viewer.profileId });
    await setup.close();

    const firsts: number[] = [];
    const seconds: number[] = [];
    const runs = opts.quick ? 3 : 7;
    for (let r = 0; r <= runs; r++) {
      const handle = await start(); // a fresh service table: nothing read yet
      try {
        let rows = 0;
        const first = await timeMs(async () => {
          rows = (await handle.services.getRecords({})).matrix.length;
        });
        const second = await timeMs(() => handle.services.getRecords({}));
        if (rows === 0) throw new Error('getRecords saw nobody');
        if (r === 0) continue; // warm-up
        firsts.push(first);
        seconds.push(second);
      } finally {
        await handle.close();
      }
    }
    return result({
      name,
      value: median(seconds),
      unit: 'ms',
      baseline: median(firsts),
      goal: 'report',
      met: null,
      note: `services.getRecords for a manager of all teams over ${label} entries, ${runs} fresh service tables; baseline = the first call (reads every ledger at quick depth, then projects); the second re-reads no ledger, so what is left is the projection`,
    });
  } finally {
    truncateSync(viewer.file, viewerSize);
    rmSync(root, { recursive: true, force: true });
  }
}

export async function runRecordsBenchmarks(opts: BenchOptions): Promise<Reported[]> {
  opts.log('records: CSV export ...');
  const csv = await benchCsv(opts);
  opts.log('records: getRecords, first and second call ...');
  return [csv, await benchGetRecords(opts)];
}
