// Jobs: progress while running, the outcome once settled, cancel, and failures told plainly.
import { describe, expect, it } from 'vitest';
import { StewardError } from '../../../electron/core/errors';
import { createJobRegistry } from '../../../electron/core/records/jobs';

const now = () => new Date('2026-11-29T09:00:00Z');

function deferred() {
  let release!: () => void;
  const promise = new Promise<void>((resolve) => (release = resolve));
  return { promise, release };
}

describe('job registry', () => {
  it('reports progress while running and the file once done', async () => {
    const jobs = createJobRegistry({ now });
    const gate = deferred();
    const job = jobs.start('export', 'Exporting', async (ctx) => {
      ctx.progress(5, 10);
      await gate.promise;
      ctx.progress(10, 10);
      return { file: '/tmp/out.csv' };
    });
    expect(job).toMatchObject({ state: 'running', kind: 'export', label: 'Exporting' });
    expect(job.id).toMatch(/^j[0-9a-f]{12}$/);
    await Promise.resolve();
    await Promise.resolve();
    expect(jobs.get(job.id)).toMatchObject({ state: 'running', done: 5, total: 10 });
    gate.release();
    const settled = await jobs.settled(job.id);
    expect(settled).toMatchObject({ state: 'done', done: 10, total: 10, file: '/tmp/out.csv', error: null });
    expect(settled.finishedAt).toBe('2026-11-29T09:00:00.000Z');
  });

  it('cancels: the work sees an aborted signal and the job ends cancelled', async () => {
    const jobs = createJobRegistry({ now });
    let sawAbort = false;
    const job = jobs.start(
      'verify',
      'Verifying',
      (ctx) =>
        new Promise((_, reject) => {
          ctx.signal.addEventListener('abort', () => {
            sawAbort = true;
            reject(Object.assign(new Error('stopped'), { name: 'AbortError' }));
          });
        }),
    );
    jobs.cancel(job.id);
    expect(await jobs.settled(job.id)).toMatchObject({ state: 'cancelled', file: null });
    expect(sawAbort).toBe(true);
    // Cancelling a finished job changes nothing.
    expect(jobs.cancel(job.id).state).toBe('cancelled');
  });

  it('fails with the StewardError message, or a sentence for anything else', async () => {
    const logged: unknown[] = [];
    const jobs = createJobRegistry({ now, logError: (_, e) => logged.push(e) });
    const a = jobs.start('export', 'Exporting', async () => {
      throw new StewardError('WORKSPACE_NOT_WRITABLE', 'The folder /x cannot be written.');
    });
    const b = jobs.start('export', 'Exporting the matrix', async () => {
      throw new Error('disk full');
    });
    expect(await jobs.settled(a.id)).toMatchObject({
      state: 'failed',
      error: 'The folder /x cannot be written.',
    });
    const failed = await jobs.settled(b.id);
    expect(failed.state).toBe('failed');
    expect(failed.error).toMatch(/^Exporting the matrix failed: disk full\. Nothing was written/);
    expect(logged).toHaveLength(1);
  });

  it('says plainly when a job id is unknown', () => {
    const jobs = createJobRegistry({ now });
    expect(() => jobs.get('j000000000000')).toThrow(/There is no job j000000000000/);
  });

  it('close() cancels what is running and waits for it', async () => {
    const jobs = createJobRegistry({ now });
    const job = jobs.start(
      'export',
      'Exporting',
      (ctx) =>
        new Promise((_, reject) => ctx.signal.addEventListener('abort', () => reject(new Error('aborted')))),
    );
    await jobs.close();
    expect(jobs.get(job.id).state).toBe('cancelled');
  });
});
