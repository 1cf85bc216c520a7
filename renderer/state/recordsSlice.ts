// Records: the managers' dashboard view (core's projection over every ledger), the filters and
// sort of the completion matrix and the register (kept here so they survive switching tabs and
// screens), the export and verify jobs, bundles, and the LRS settings.
//
// Jobs run in the main process; the page only watches them. A job is polled (getJob every
// JOB_POLLING.intervalMs) while some component watches it: watchJob() returns the function that
// stops watching, so an unmounted screen leaves no timer behind, and a remounted one resumes.
import type { StateCreator } from 'zustand';
import type { ArgsOf } from '../../electron/core/contract/methods';
import type {
  BundleResult,
  ExportFormat,
  ImportResult,
  JobKind,
  JobView,
  LrsView,
  MatrixSort,
  MatrixSortKey,
  RecordsFilter,
  RecordsView,
} from '../../electron/core/contract/views/records';
import type { ReviewDisplayStatus } from '../../electron/core/contract/views/reviews';
import type { TrainingStatus } from '../../electron/core/contract/views/training';
import { api } from '../api';
import { createTracker, IDLE, setRequest, type RequestKey } from './requests';
import type { StewardState } from './store';

export type RecordsTab = 'overview' | 'matrix' | 'reviews' | 'integrity' | 'export';

/** How the completion matrix is shown: people × modules, or one row per person and module. */
export type MatrixLayout = 'grid' | 'list';

/** The matrix filter as the form holds it: every field present, so inputs stay controlled. */
export interface MatrixFilterState {
  teams: string[];
  moduleIds: string[];
  statuses: TrainingStatus[];
  from: string;
  to: string;
  search: string;
}

export interface ExportOptions {
  format: ExportFormat;
  pseudonymise: boolean;
  /** Export only the rows the completion matrix shows now. */
  applyFilter: boolean;
}

export type LrsInput = ArgsOf<'setLrs'>;

/** How often a watched job is polled. A setting only so tests need not wait a quarter second. */
export const JOB_POLLING = { intervalMs: 250 };

export const EMPTY_MATRIX_FILTER: MatrixFilterState = {
  teams: [],
  moduleIds: [],
  statuses: [],
  from: '',
  to: '',
  search: '',
};

export const DEFAULT_MATRIX_SORT: MatrixSort = { key: 'name', direction: 'asc' };

/** The form's filter as the contract takes it: blank fields left out. */
export function toRecordsFilter(filter: MatrixFilterState): RecordsFilter {
  const result: RecordsFilter = {};
  if (filter.teams.length > 0) result.teams = filter.teams;
  if (filter.moduleIds.length > 0) result.moduleIds = filter.moduleIds;
  if (filter.statuses.length > 0) result.statuses = filter.statuses;
  if (filter.from !== '') result.from = filter.from;
  if (filter.to !== '') result.to = filter.to;
  if (filter.search.trim() !== '') result.search = filter.search.trim();
  return result;
}

export interface RecordsSlice {
  recordsView: RecordsView | null;
  /** The profile the view was loaded for: another profile's view is never shown. */
  recordsFor: string | null;
  recordsTab: RecordsTab;
  matrixFilter: MatrixFilterState;
  matrixSort: MatrixSort;
  matrixLayout: MatrixLayout;
  reviewStatusFilter: ReviewDisplayStatus | 'all';
  exportOptions: ExportOptions;
  jobs: Record<JobKind, JobView | null>;
  bundleResult: BundleResult | null;
  importResult: ImportResult | null;
  lrs: LrsView | null;

  loadRecords: () => Promise<RecordsView | null>;
  setRecordsTab: (tab: RecordsTab) => void;
  setMatrixFilter: (patch: Partial<MatrixFilterState>) => void;
  clearMatrixFilter: () => void;
  setMatrixLayout: (layout: MatrixLayout) => void;
  /** A click on a column heading: sort by it, or reverse it when it is already the sort. */
  sortMatrixBy: (key: MatrixSortKey) => void;
  setReviewStatusFilter: (status: ReviewDisplayStatus | 'all') => void;
  setExportOptions: (patch: Partial<ExportOptions>) => void;
  startExport: () => Promise<JobView | null>;
  startVerify: () => Promise<JobView | null>;
  /** Polls the job of this kind while it runs; returns the function that stops watching. */
  watchJob: (kind: JobKind) => () => void;
  /** After a failed poll: asks for the job's progress again and resumes watching. */
  checkJobAgain: (kind: JobKind) => void;
  cancelJob: (kind: JobKind) => Promise<JobView | null>;
  /** Forgets a finished job, so the form shows again. */
  clearJob: (kind: JobKind) => void;
  exportMyRecords: () => Promise<BundleResult | null>;
  importRecords: () => Promise<ImportResult | null>;
  loadLrs: () => Promise<LrsView | null>;
  saveLrs: (input: LrsInput) => Promise<LrsView | null>;
  sendLrsNow: () => Promise<LrsView | null>;
  resetRecords: () => void;
}

function emptyRecords() {
  return {
    recordsView: null,
    recordsFor: null,
    recordsTab: 'overview' as RecordsTab,
    matrixFilter: EMPTY_MATRIX_FILTER,
    matrixSort: DEFAULT_MATRIX_SORT,
    matrixLayout: 'grid' as MatrixLayout,
    reviewStatusFilter: 'all' as const,
    exportOptions: { format: 'csv-matrix', pseudonymise: false, applyFilter: false } satisfies ExportOptions,
    jobs: { export: null, verify: null },
    bundleResult: null,
    importResult: null,
    lrs: null,
  } satisfies Partial<RecordsSlice>;
}

// Dates sort best newest first; names and words A to Z.
const FIRST_DIRECTION: Record<MatrixSortKey, MatrixSort['direction']> = {
  name: 'asc',
  team: 'asc',
  module: 'asc',
  status: 'asc',
  completedAt: 'desc',
  score: 'desc',
  expiresAt: 'asc',
  dueAt: 'asc',
};

interface Sleep {
  timer: ReturnType<typeof setTimeout>;
  wake: () => void;
}

export const createRecordsSlice: StateCreator<StewardState, [], [], RecordsSlice> = (set, get) => {
  const track = createTracker(set);
  const idle = (key: RequestKey) => setRequest(set, key, IDLE);

  const watchers: Record<JobKind, number> = { export: 0, verify: 0 };
  const polling: Record<JobKind, boolean> = { export: false, verify: false };
  const sleeping: Record<JobKind, Sleep | null> = { export: null, verify: null };

  const setJob = (kind: JobKind, job: JobView | null) =>
    set((state) => ({ jobs: { ...state.jobs, [kind]: job } }));

  function sleep(kind: JobKind): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        sleeping[kind] = null;
        resolve();
      }, JOB_POLLING.intervalMs);
      sleeping[kind] = { timer, wake: resolve };
    });
  }

  function stopSleeping(kind: JobKind) {
    const current = sleeping[kind];
    if (current === null) return;
    clearTimeout(current.timer);
    sleeping[kind] = null;
    current.wake();
  }

  const isRunning = (kind: JobKind) => get().jobs[kind]?.state === 'running';

  /** One polling loop per kind, while watched and running. */
  async function poll(kind: JobKind) {
    if (polling[kind]) return;
    polling[kind] = true;
    try {
      while (watchers[kind] > 0 && isRunning(kind)) {
        await sleep(kind);
        const job = get().jobs[kind];
        if (watchers[kind] === 0 || job === null || job.state !== 'running') break;
        const next = await track('getJob', () => api().getJob({ jobId: job.id }));
        if (next === null) break; // the error is shown; "Check again" restarts the loop
        // A cancel (or a newer job) may have landed while the poll was out: a finished job stays finished.
        const now = get().jobs[kind];
        if (now !== null && now.id === next.id && now.state === 'running') setJob(kind, next);
      }
    } finally {
      polling[kind] = false;
    }
  }

  async function startJob(kind: JobKind, call: RequestKey, start: () => Promise<JobView>) {
    const job = await track(call, start);
    if (job !== null) {
      idle('getJob');
      setJob(kind, job);
      void poll(kind);
    }
    return job;
  }

  return {
    ...emptyRecords(),

    loadRecords: async () => {
      const profileId = get().profile?.id ?? null;
      if (get().recordsFor !== profileId) {
        // Another person's filters, jobs and results are not this person's.
        set({ ...emptyRecords(), recordsTab: get().recordsTab, recordsFor: profileId });
      }
      return track('getRecords', async () => {
        const view = await api().getRecords();
        if ((get().profile?.id ?? null) === profileId) set({ recordsView: view, recordsFor: profileId });
        return view;
      });
    },

    setRecordsTab: (recordsTab) => set({ recordsTab }),

    setMatrixFilter: (patch) => set((state) => ({ matrixFilter: { ...state.matrixFilter, ...patch } })),

    clearMatrixFilter: () => set({ matrixFilter: EMPTY_MATRIX_FILTER }),
    setMatrixLayout: (matrixLayout) => set({ matrixLayout }),

    sortMatrixBy: (key) =>
      set((state) => ({
        matrixSort:
          state.matrixSort.key === key
            ? { key, direction: state.matrixSort.direction === 'asc' ? 'desc' : 'asc' }
            : { key, direction: FIRST_DIRECTION[key] },
      })),

    setReviewStatusFilter: (reviewStatusFilter) => set({ reviewStatusFilter }),

    setExportOptions: (patch) => set((state) => ({ exportOptions: { ...state.exportOptions, ...patch } })),

    startExport: () => {
      const { exportOptions, matrixFilter } = get();
      const args: ArgsOf<'startExport'> = {
        format: exportOptions.format,
        pseudonymise: exportOptions.pseudonymise,
      };
      // The register is not the matrix: the matrix filter means nothing to it.
      if (exportOptions.applyFilter && exportOptions.format !== 'csv-reviews') {
        args.filter = toRecordsFilter(matrixFilter);
      }
      return startJob('export', 'startExport', () => api().startExport(args));
    },

    startVerify: () => startJob('verify', 'startVerify', () => api().startVerify()),

    watchJob: (kind) => {
      watchers[kind] += 1;
      void poll(kind);
      let stopped = false;
      return () => {
        if (stopped) return;
        stopped = true;
        watchers[kind] -= 1;
        if (watchers[kind] === 0) stopSleeping(kind);
      };
    },

    checkJobAgain: (kind) => {
      idle('getJob');
      void poll(kind);
    },

    cancelJob: async (kind) => {
      const job = get().jobs[kind];
      if (job === null || job.state !== 'running') return job;
      const next = await track('cancelJob', () => api().cancelJob({ jobId: job.id }));
      if (next !== null && get().jobs[kind]?.id === next.id) setJob(kind, next);
      return next;
    },

    clearJob: (kind) => {
      setJob(kind, null);
      idle('getJob');
      idle('cancelJob');
    },

    exportMyRecords: async () => {
      set({ bundleResult: null });
      const result = await track('exportMyRecords', () => api().exportMyRecords());
      if (result !== null) set({ bundleResult: result });
      return result;
    },

    importRecords: async () => {
      set({ importResult: null });
      const result = await track('importRecords', () => api().importRecords());
      if (result !== null) {
        set({ importResult: result });
        // What was imported now counts in every view.
        if (result.file !== null) void get().loadRecords();
      }
      return result;
    },

    loadLrs: () =>
      track('getLrs', async () => {
        const lrs = await api().getLrs();
        set({ lrs });
        return lrs;
      }),

    saveLrs: (input) =>
      track('setLrs', async () => {
        const lrs = await api().setLrs(input);
        set({ lrs });
        return lrs;
      }),

    sendLrsNow: () =>
      track('sendLrsNow', async () => {
        const lrs = await api().sendLrsNow();
        set({ lrs });
        return lrs;
      }),

    resetRecords: () => {
      stopSleeping('export');
      stopSleeping('verify');
      set(emptyRecords());
    },
  };
};
