// Long operations (exports, full verification) run as jobs: started by one call, watched by
// polling getJob, cancelled by cancelJob. A job's work gets an AbortSignal and a progress
// callback; cancelling aborts the signal and the work is expected to leave nothing behind.
import crypto from 'node:crypto';
import type { VerifyReport } from '../contract/views/app';
import type { JobKind, JobView } from '../contract/views/records';
import { StewardError } from '../errors';

export interface JobContext {
  signal: AbortSignal;
  progress(done: number, total: number): void;
}

export interface JobOutcome {
  file?: string | null;
  companion?: string | null;
  report?: VerifyReport | null;
}

export interface JobRegistry {
  start(kind: JobKind, label: string, work: (ctx: JobContext) => Promise<JobOutcome>): JobView;
  get(id: string): JobView;
  cancel(id: string): JobView;
  /** Resolves when the job has settled (tests, the CLI and shutdown use it). */
  settled(id: string): Promise<JobView>;
  /** Cancels every running job and waits for them to settle. */
  close(): Promise<void>;
}

interface Entry {
  view: JobView;
  controller: AbortController;
  done: Promise<JobView>;
}

/** Finished jobs are kept this long so a page that polls late still sees the outcome. */
const KEEP_FINISHED = 50;

export function isCancel(error: unknown, signal: AbortSignal): boolean {
  return (
    signal.aborted ||
    (error instanceof StewardError && error.code === 'CANCELLED') ||
    (error instanceof Error &&
      (error.name === 'AbortError' || (error as { code?: string }).code === 'ABORT_ERR'))
  );
}

export function createJobRegistry(opts: {
  now: () => Date;
  logError?: (where: string, error: unknown) => void;
}): JobRegistry {
  const jobs = new Map<string, Entry>();

  function prune(): void {
    const finished = [...jobs.values()].filter((j) => j.view.state !== 'running');
    for (const j of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) jobs.delete(j.view.id);
  }

  function find(id: string): Entry {
    const entry = jobs.get(id);
    if (!entry) {
      throw new StewardError(
        'NOT_FOUND',
        `There is no job ${id}: it finished long ago or Steward was restarted. Start it again.`,
      );
    }
    return entry;
  }

  return {
    start(kind, label, work) {
      const id = `j${crypto.randomBytes(6).toString('hex')}`;
      const controller = new AbortController();
      const view: JobView = {
        id,
        kind,
        label,
        state: 'running',
        done: 0,
        total: 0,
        file: null,
        companion: null,
        error: null,
        report: null,
        startedAt: opts.now().toISOString(),
        finishedAt: null,
      };
      const entry: Entry = { view, controller, done: Promise.resolve(view) };
      const ctx: JobContext = {
        signal: controller.signal,
        progress(done, total) {
          if (entry.view.state !== 'running') return;
          entry.view = { ...entry.view, done, total };
        },
      };
      const finish = (patch: Partial<JobView>): JobView => {
        entry.view = { ...entry.view, ...patch, finishedAt: opts.now().toISOString() };
        prune();
        return entry.view;
      };
      // The work starts now (not on a later tick), so a cancel that follows start() reaches it.
      entry.done = new Promise<JobOutcome>((resolve) => resolve(work(ctx))).then(
        (outcome) =>
          controller.signal.aborted
            ? finish({ state: 'cancelled' })
            : finish({
                state: 'done',
                done: entry.view.total || entry.view.done,
                file: outcome.file ?? null,
                companion: outcome.companion ?? null,
                report: outcome.report ?? null,
              }),
        (error: unknown) => {
          if (isCancel(error, controller.signal)) return finish({ state: 'cancelled' });
          if (!(error instanceof StewardError)) opts.logError?.(`job ${kind}`, error);
          const message =
            error instanceof StewardError
              ? error.message
              : `${label} failed: ${error instanceof Error ? error.message : String(error)}. Nothing was written; try again, and if it fails again, check the folder and free disk space.`;
          return finish({ state: 'failed', error: message });
        },
      );
      jobs.set(id, entry);
      return entry.view;
    },
    get(id) {
      return find(id).view;
    },
    cancel(id) {
      const entry = find(id);
      if (entry.view.state === 'running') entry.controller.abort();
      return entry.view;
    },
    settled(id) {
      return find(id).done;
    },
    async close() {
      const running = [...jobs.values()].filter((j) => j.view.state === 'running');
      for (const j of running) j.controller.abort();
      await Promise.all(running.map((j) => j.done));
    },
  };
}
