// Records for renderer tests: an in-memory dashboard view (small and hand-written, or generated
// deterministically at any size with makeRecordsView), export and verify jobs that advance one
// step per poll and end as planned (done, failed), bundles, imports and the LRS settings with
// the endpoint rule the contract enforces.
import type { LocaleChoice, ThemeChoice, VerifyReport } from '../../electron/core/contract/views/app';
import type {
  AttentionItem,
  BundleResult,
  ImportResult,
  JobView,
  LedgerHeadRef,
  LrsView,
  MatrixRow,
  RateRow,
  RecordsPerson,
  RecordsScope,
  RecordsView,
  ReviewOutcomeMonth,
  ReviewRegisterRow,
} from '../../electron/core/contract/views/records';
import type { TrainingStatus } from '../../electron/core/contract/views/training';
import type { ErrorPayload } from '../../electron/core/errors';

/** How the next jobs run: how many polls until they end, and how they end. */
export interface JobPlan {
  /** Polls until the job ends (1: the first poll finds it finished). */
  steps: number;
  total: number;
  outcome: 'done' | 'failed';
  /** Failed: the message core would give. */
  error: string;
  file: string;
  /** Verify jobs: the report they end with. */
  report: VerifyReport | null;
}

export interface FakeRecordsState {
  view: RecordsView;
  jobs: Record<string, JobView>;
  jobPlan: JobPlan;
  lrs: LrsView;
  theme: ThemeChoice;
  locale: LocaleChoice;
  bundle: BundleResult;
  /** What importRecords returns, or the error it fails with (a refused bundle). */
  importResult: ImportResult | ErrorPayload;
}

export function emptyRecordsView(): RecordsView {
  return {
    asOf: '2026-11-29T09:00:00.000Z',
    scope: { kind: 'self', teams: [] },
    people: [],
    modules: [],
    teams: [],
    matrix: [],
    overdue: [],
    dueSoon: [],
    byTeam: [],
    byModule: [],
    reviews: [],
    reviewOutcomes: [],
    heads: [],
    ignored: [],
  };
}

export function defaultRecordsState(): FakeRecordsState {
  return {
    view: emptyRecordsView(),
    jobs: {},
    jobPlan: {
      steps: 1,
      total: 100,
      outcome: 'done',
      error: 'The disk is full. Free some space and export again.',
      file: '/home/ada/Steward exports/records.csv',
      report: null,
    },
    lrs: {
      endpoint: '',
      key: '',
      hasSecret: false,
      enabled: false,
      secretProtection: 'os',
      outbox: { pending: 0, sent: 0, failed: 0 },
      lastAttemptAt: null,
      lastSentAt: null,
      nextAttemptAt: null,
      lastError: null,
      refused: [],
    },
    theme: 'system',
    locale: 'en',
    bundle: { file: '/home/ada/ada.stewardbundle', entries: 12, headHash: 'a'.repeat(64) },
    importResult: { file: null, kind: 'bundle', profiles: [], skipped: [], warnings: [] },
  };
}

// ---- a generated view -------------------------------------------------------------------

/** A small deterministic PRNG (mulberry32): the same options always give the same view. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = [
  'Ada',
  'Grace',
  'Zoë',
  'Alan',
  'Katherine',
  'José',
  'Émile',
  'Margaret',
  'Linus',
  'Hedy',
  'Søren',
  'Noor',
];
const LAST = [
  'Lovelace',
  'Hopper',
  'Ødegaard',
  'Turing',
  'Johnson',
  'Núñez',
  'Borel',
  'Hamilton',
  'Pauling',
  'Lamarr',
  'Kierkegaard',
  'Rahman',
];
const TEAMS = ['Analytics', 'Marketing', 'Sales', 'Support', 'Engineering', 'Finance'];
const MODULE_TITLES = [
  'Data ethics foundations',
  'Consent and lawful basis',
  'Special-category data',
  'Automated decisions',
  'Data minimisation',
  'Retention and deletion',
  'Sharing with third parties',
  'Children and vulnerable people',
  'Security basics',
  'Incident response',
  'Profiling and marketing',
  'Reviewer practice',
];
const STATUSES: TrainingStatus[] = [
  'passed',
  'passed',
  'passed',
  'dueSoon',
  'overdue',
  'notStarted',
  'inProgress',
  'expired',
  'updated',
];

export function moduleIdAt(index: number): string {
  return `m${String(index + 1).padStart(2, '0')}-${MODULE_TITLES[index % MODULE_TITLES.length]!.toLowerCase().replace(/[^a-z]+/g, '-')}`;
}

export function personIdAt(index: number): string {
  return `p${(index + 1).toString(16).padStart(20, '0')}`;
}

function day(offsetDays: number): string {
  return new Date(Date.UTC(2026, 10, 29) + offsetDays * 86_400_000).toISOString();
}

function rate(key: string, label: string, rows: MatrixRow[]): RateRow {
  const required = rows.filter((r) => r.required);
  return {
    key,
    label,
    required: required.length,
    current: required.filter((r) => r.status === 'passed' || r.status === 'dueSoon').length,
    overdue: required.filter((r) => r.status === 'overdue').length,
  };
}

function attention(rows: MatrixRow[], wanted: TrainingStatus[]): AttentionItem[] {
  const byPerson = new Map<string, AttentionItem>();
  for (const row of rows) {
    if (!row.required || !wanted.includes(row.status)) continue;
    let item = byPerson.get(row.personId);
    if (!item) {
      item = { personId: row.personId, name: row.name, team: row.team, modules: [] };
      byPerson.set(row.personId, item);
    }
    item.modules.push({
      moduleId: row.moduleId,
      title: row.moduleTitle,
      status: row.status,
      dueAt: row.dueAt,
    });
  }
  return [...byPerson.values()];
}

export interface RecordsViewOptions {
  people?: number;
  modules?: number;
  reviews?: number;
  scope?: RecordsScope;
  seed?: number;
  /** Every nth person came from an imported bundle (0: none). */
  importedEvery?: number;
}

/**
 * A deterministic dashboard view: `people` people across six teams, each with one matrix row per
 * module (so 10,000 people and 12 modules make 120,000 rows), rates, attention lists, reviews,
 * monthly outcomes and one ledger head per person.
 */
export function makeRecordsView(options: RecordsViewOptions = {}): RecordsView {
  const peopleCount = options.people ?? 40;
  const moduleCount = Math.min(options.modules ?? 6, MODULE_TITLES.length);
  const next = random(options.seed ?? 7);
  const importedEvery = options.importedEvery ?? 9;
  const modules = Array.from({ length: moduleCount }, (_, i) => ({
    id: moduleIdAt(i),
    title: MODULE_TITLES[i]!,
    version: `1.${i}`,
  }));
  const people: RecordsPerson[] = [];
  const matrix: MatrixRow[] = [];
  for (let p = 0; p < peopleCount; p += 1) {
    const first = FIRST[p % FIRST.length]!;
    const last = LAST[Math.floor(p / FIRST.length) % LAST.length]!;
    const suffix =
      p >= FIRST.length * LAST.length ? ` ${Math.floor(p / (FIRST.length * LAST.length)) + 1}` : '';
    const name = `${first} ${last}${suffix}`;
    const imported = importedEvery > 0 && p % importedEvery === importedEvery - 1;
    const person: RecordsPerson = {
      id: personIdAt(p),
      name,
      email: `${first}.${last}${suffix.trim()}@example.com`
        .toLowerCase()
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '')
        .replace(/ø/g, 'o'),
      team: TEAMS[p % TEAMS.length]!,
      source: imported ? 'imported' : 'workspace',
      importedFrom: imported ? { file: 'field-office.stewardbundle', at: day(-3) } : null,
    };
    people.push(person);
    for (const [m, module] of modules.entries()) {
      const status = STATUSES[Math.floor(next() * STATUSES.length)]!;
      const completed =
        status === 'passed' || status === 'dueSoon' || status === 'expired' || status === 'updated';
      const completedAt = completed ? day(-Math.floor(next() * 400) - 1) : null;
      const required = m < Math.max(1, moduleCount - 2);
      matrix.push({
        personId: person.id,
        name,
        team: person.team,
        moduleId: module.id,
        moduleTitle: module.title,
        required,
        status,
        completedAt,
        completedVersion: completedAt ? '1.2.0' : null,
        score: completedAt ? 60 + Math.floor(next() * 41) : null,
        expiresAt: completedAt ? new Date(Date.parse(completedAt) + 365 * 86_400_000).toISOString() : null,
        dueAt: required ? day(Math.floor(next() * 120) - 60).slice(0, 10) : null,
        attempts: completedAt ? 1 + Math.floor(next() * 3) : 0,
        source: person.source,
        entryHash: completedAt ? (p * 100 + m).toString(16).padStart(64, '0') : null,
      });
    }
  }
  const teams = [...new Set(people.map((p) => p.team))].sort();
  const reviewCount = options.reviews ?? 8;
  const decisions = ['approved', 'approvedWithConditions', 'rejected', null] as const;
  const reviews: ReviewRegisterRow[] = Array.from({ length: reviewCount }, (_, i) => {
    const decision = decisions[i % decisions.length]!;
    const submitter = people[i % Math.max(people.length, 1)] ?? people[0];
    const reviewer = people[(i + 1) % Math.max(people.length, 1)] ?? null;
    const daysToDecision = decision ? 2 + ((i * 5) % 17) : null;
    return {
      reviewId: `r${String(i + 1).padStart(4, '0')}`,
      title: `Data use ${i + 1}: ${['churn model', 'loyalty emails', 'fraud scoring', 'support transcripts'][i % 4]}`,
      status: decision ?? (i % 8 === 3 ? 'submitted' : 'changesRequested'),
      version: 1 + (i % 2),
      submitter: {
        id: submitter?.id ?? 'p0',
        name: submitter?.name ?? 'Someone',
        team: submitter?.team ?? 'Analytics',
      },
      submittedAt: day(-30 - i * 9),
      overallRisk: (['low', 'medium', 'high'] as const)[i % 3]!,
      dpiaRequired: i % 3 === 2,
      decision,
      decidedAt: decision ? day(-30 - i * 9 + (daysToDecision ?? 0)) : null,
      reviewer: decision && reviewer ? { id: reviewer.id, name: reviewer.name, team: reviewer.team } : null,
      conditions:
        decision === 'approvedWithConditions'
          ? [
              {
                text: 'Delete raw transcripts after 30 days',
                owner: 'Support lead',
                dueDate: '2027-01-31',
                metAt: null,
              },
              {
                text: 'Name a retention owner',
                owner: 'Support lead',
                dueDate: '2026-12-15',
                metAt: '2026-12-01T10:00:00.000Z',
              },
            ]
          : [],
      reReviewDate: decision && decision !== 'rejected' ? '2027-06-30' : null,
      daysToDecision,
      source: 'workspace',
    };
  });
  const reviewOutcomes: ReviewOutcomeMonth[] = ['2026-07', '2026-08', '2026-09', '2026-10', '2026-11'].map(
    (month, i) => ({
      month,
      approved: 2 + (i % 3),
      approvedWithConditions: 1 + (i % 2),
      rejected: i % 2,
      changesRequested: (i + 1) % 3,
      medianDaysToDecision: i === 1 ? null : 4 + i * 2,
    }),
  );
  const heads: LedgerHeadRef[] = people.slice(0, 50).map((p, i) => ({
    profileId: p.id,
    entries: 10 + i,
    headHash: (i + 1).toString(16).padStart(64, 'b'),
  }));
  return {
    asOf: '2026-11-29T09:00:00.000Z',
    scope: options.scope ?? { kind: 'all', teams: [] },
    people,
    modules,
    teams,
    matrix,
    overdue: attention(matrix, ['overdue']),
    dueSoon: attention(matrix, ['dueSoon']),
    byTeam: teams.map((team) =>
      rate(
        team,
        team,
        matrix.filter((r) => r.team === team),
      ),
    ),
    byModule: modules.map((m) =>
      rate(
        m.id,
        m.title,
        matrix.filter((r) => r.moduleId === m.id),
      ),
    ),
    reviews,
    reviewOutcomes,
    heads,
    ignored: [],
  };
}

// ---- the fake's calls -------------------------------------------------------------------

let jobCounter = 0;

const ENDPOINT = /^https?:\/\/[^\s]+$/;

export function createFakeRecords(state: FakeRecordsState) {
  // Polls each running job has had.
  const polls = new Map<string, number>();

  function newJob(kind: JobView['kind'], label: string): JobView {
    jobCounter += 1;
    const job: JobView = {
      id: `j${jobCounter.toString(16).padStart(12, '0')}`,
      kind,
      label,
      state: 'running',
      done: 0,
      total: state.jobPlan.total,
      file: null,
      error: null,
      report: null,
      startedAt: state.view.asOf,
      finishedAt: null,
    };
    state.jobs[job.id] = job;
    polls.set(job.id, 0);
    return job;
  }
  function job(id: string): JobView {
    const found = state.jobs[id];
    if (!found) throw { code: 'NOT_FOUND', message: `There is no job ${id}.` } satisfies ErrorPayload;
    return found;
  }
  return {
    getRecords: () => state.view,
    startExport: (args: { format: string }) => newJob('export', `Exporting ${args.format}`),
    startVerify: () => newJob('verify', 'Verifying every signature'),
    getJob: (args: { jobId: string }) => {
      const found = job(args.jobId);
      if (found.state !== 'running') return found;
      const plan = state.jobPlan;
      const count = (polls.get(found.id) ?? 0) + 1;
      polls.set(found.id, count);
      if (count < plan.steps) {
        state.jobs[found.id] = { ...found, done: Math.floor((found.total * count) / plan.steps) };
      } else if (plan.outcome === 'failed') {
        state.jobs[found.id] = { ...found, state: 'failed', error: plan.error, finishedAt: state.view.asOf };
      } else {
        state.jobs[found.id] = {
          ...found,
          state: 'done',
          done: found.total,
          file: found.kind === 'export' ? plan.file : null,
          report: found.kind === 'verify' ? plan.report : null,
          finishedAt: state.view.asOf,
        };
      }
      return state.jobs[found.id]!;
    },
    cancelJob: (args: { jobId: string }) => {
      const found = job(args.jobId);
      if (found.state === 'running') {
        state.jobs[found.id] = { ...found, state: 'cancelled', finishedAt: state.view.asOf };
      }
      return state.jobs[found.id]!;
    },
    exportMyRecords: () => state.bundle,
    importRecords: () => {
      const result = state.importResult;
      if ('code' in result) throw result;
      return result;
    },
    getLrs: () => state.lrs,
    setLrs: (args: { endpoint: string; key: string; secret?: string; enabled: boolean }) => {
      const endpoint = args.endpoint.trim();
      if (endpoint !== '' && !ENDPOINT.test(endpoint)) {
        throw {
          code: 'INVALID_ARGUMENT',
          message:
            'setLrs: endpoint: The endpoint must start with https:// (or http:// for a server on this computer)',
        } satisfies ErrorPayload;
      }
      state.lrs = {
        ...state.lrs,
        endpoint,
        key: args.key.trim(),
        enabled: args.enabled,
        hasSecret: args.secret === undefined ? state.lrs.hasSecret : args.secret !== '',
      };
      return state.lrs;
    },
    sendLrsNow: () => {
      const { pending, sent, failed } = state.lrs.outbox;
      state.lrs = {
        ...state.lrs,
        outbox: { pending: 0, sent: sent + pending, failed },
        lastAttemptAt: state.view.asOf,
        lastSentAt: pending > 0 ? state.view.asOf : state.lrs.lastSentAt,
      };
      return state.lrs;
    },
    getLocale: () => state.locale,
    setLocale: (args: { locale: LocaleChoice }) => {
      state.locale = args.locale;
      return state.locale;
    },
    getTheme: () => state.theme,
    setTheme: (args: { theme: ThemeChoice }) => {
      state.theme = args.theme;
      return state.theme;
    },
  };
}
