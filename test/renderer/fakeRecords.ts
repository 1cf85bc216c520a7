// Records for renderer tests: an in-memory dashboard view, export and verify jobs that finish
// when polled, bundles and the LRS settings. Extended as the records screens grow.
import type { JobView, LrsView, RecordsView, ThemeChoice } from '../../electron/core/contract';

export interface FakeRecordsState {
  view: RecordsView;
  jobs: Record<string, JobView>;
  lrs: LrsView;
  theme: ThemeChoice;
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
  };
}

let jobCounter = 0;

export function createFakeRecords(state: FakeRecordsState) {
  function newJob(kind: JobView['kind'], label: string): JobView {
    jobCounter += 1;
    const job: JobView = {
      id: `j${jobCounter.toString(16).padStart(12, '0')}`,
      kind,
      label,
      state: 'running',
      done: 0,
      total: 100,
      file: null,
      error: null,
      report: null,
      startedAt: state.view.asOf,
      finishedAt: null,
    };
    state.jobs[job.id] = job;
    return job;
  }
  function job(id: string): JobView {
    const found = state.jobs[id];
    if (!found) throw { code: 'NOT_FOUND', message: `There is no job ${id}.` };
    return found;
  }
  return {
    getRecords: () => state.view,
    startExport: (args: { format: string }) => newJob('export', `Exporting ${args.format}`),
    startVerify: () => newJob('verify', 'Verifying every signature'),
    getJob: (args: { jobId: string }) => {
      const found = job(args.jobId);
      if (found.state === 'running') {
        const done: JobView = {
          ...found,
          state: 'done',
          done: found.total,
          file: found.kind === 'export' ? '/home/ada/Steward exports/records.csv' : null,
          finishedAt: state.view.asOf,
        };
        state.jobs[found.id] = done;
      }
      return state.jobs[found.id]!;
    },
    cancelJob: (args: { jobId: string }) => {
      const found = job(args.jobId);
      state.jobs[found.id] = { ...found, state: 'cancelled', finishedAt: state.view.asOf };
      return state.jobs[found.id]!;
    },
    exportMyRecords: () => ({ file: '/home/ada/ada.stewardbundle', entries: 12, headHash: 'a'.repeat(64) }),
    importRecords: () => ({ file: null, kind: 'bundle' as const, profiles: [] }),
    getLrs: () => state.lrs,
    setLrs: (args: { endpoint: string; key: string; secret?: string; enabled: boolean }) => {
      state.lrs = {
        ...state.lrs,
        endpoint: args.endpoint,
        key: args.key,
        enabled: args.enabled,
        hasSecret: args.secret === undefined ? state.lrs.hasSecret : args.secret !== '',
      };
      return state.lrs;
    },
    sendLrsNow: () => state.lrs,
    getTheme: () => state.theme,
    setTheme: (args: { theme: ThemeChoice }) => {
      state.theme = args.theme;
      return state.theme;
    },
  };
}
