// The lock across processes: stale locks are taken over (one winner), live ones refused.
import { spawn } from 'node:child_process';
import { readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireLock, openLedger, readLock } from '../../../electron/core/ledger';
import { cleanupTempDirs, keyFileFor, makeLedger, runFixture, startedData, tempDir } from './helpers';
import type { Child } from './helpers';

afterEach(cleanupTempDirs);

/** The pid of a process that has exited (and been reaped). */
async function deadPid(): Promise<number> {
  const p = spawn(process.execPath, ['-e', '0']);
  await new Promise((r) => p.on('exit', r));
  return p.pid as number;
}

function lockFile(dir: string, id: string): string {
  return join(dir, `${id}.lock`);
}

describe('ledger lock', () => {
  it('takes over a stale lock left by a dead process on this host', async () => {
    const f = await makeLedger(2);
    const pid = await deadPid();
    const path = lockFile(f.ws.ledgersDir, f.profileId);
    writeFileSync(path, JSON.stringify({ pid, host: hostname(), startedAt: '2026-01-01T00:00:00.000Z' }));
    const ledger = await openLedger(f.ws, f.profileId, f.keys.privateKeyPem);
    expect(readLock(path)).toMatchObject({ pid: process.pid, host: hostname() });
    expect((await ledger.append('training.started', startedData('takeover'))).seq).toBe(3);
    await ledger.close();
    expect(readLock(path)).toBeNull();
  });

  it('takes over a lock naming this very pid that this process does not hold (pid reused)', async () => {
    const f = await makeLedger(1);
    const path = lockFile(f.ws.ledgersDir, f.profileId);
    writeFileSync(
      path,
      JSON.stringify({ pid: process.pid, host: hostname(), startedAt: 'before a restart' }),
    );
    const ledger = await openLedger(f.ws, f.profileId, f.keys.privateKeyPem);
    expect(readLock(path)?.startedAt).not.toBe('before a restart');
    await expect(openLedger(f.ws, f.profileId, f.keys.privateKeyPem)).rejects.toMatchObject({
      code: 'LEDGER_LOCKED',
    });
    await ledger.close();
  });

  it('refuses a lock held by a live process, naming host, pid and since when', async () => {
    const f = await makeLedger(1);
    const sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    try {
      const path = lockFile(f.ws.ledgersDir, f.profileId);
      writeFileSync(
        path,
        JSON.stringify({ pid: sleeper.pid, host: hostname(), startedAt: '2026-01-01T08:00:00.000Z' }),
      );
      await expect(openLedger(f.ws, f.profileId, f.keys.privateKeyPem)).rejects.toMatchObject({
        code: 'LEDGER_LOCKED',
        message: expect.stringContaining(
          `${f.rel} is in use by Steward (process ${sleeper.pid} on ${hostname()} since 2026-01-01T08:00:00.000Z)`,
        ),
      });
      expect(readLock(path)).toMatchObject({ pid: sleeper.pid });
    } finally {
      sleeper.kill('SIGKILL');
      await new Promise((r) => sleeper.on('exit', r));
    }
    // Now the holder is dead: the same lock is stale.
    const ledger = await openLedger(f.ws, f.profileId, f.keys.privateKeyPem);
    await ledger.close();
  });

  it('refuses a lock from another host even if that pid does not exist here', async () => {
    const f = await makeLedger(1);
    const path = lockFile(f.ws.ledgersDir, f.profileId);
    writeFileSync(
      path,
      JSON.stringify({ pid: await deadPid(), host: 'laptop-of-someone-else', startedAt: 'x' }),
    );
    await expect(openLedger(f.ws, f.profileId, f.keys.privateKeyPem)).rejects.toMatchObject({
      code: 'LEDGER_LOCKED',
      message: expect.stringMatching(/on laptop-of-someone-else.*Close Steward on laptop-of-someone-else/),
    });
  });

  it('a child process holding the ledger keeps others out until it dies', async () => {
    const f = await makeLedger(3);
    const child = runFixture('append-loop.ts', [f.ws.dir, f.profileId, keyFileFor(f.keys), 'hold']);
    try {
      expect(await child.waitFor(/^open /)).toBe('open 3');
      await expect(openLedger(f.ws, f.profileId, f.keys.privateKeyPem)).rejects.toMatchObject({
        code: 'LEDGER_LOCKED',
        message: expect.stringContaining(`process ${child.proc.pid} on ${hostname()}`),
      });
    } finally {
      child.proc.kill('SIGKILL');
      await child.exited;
    }
    const ledger = await openLedger(f.ws, f.profileId, f.keys.privateKeyPem);
    expect(ledger.head().seq).toBe(3);
    await ledger.close();
  });

  it('of several processes taking over the same stale lock, exactly one wins', async () => {
    const f = await makeLedger(1);
    const keyFile = keyFileFor(f.keys);
    const path = lockFile(f.ws.ledgersDir, f.profileId);
    const children = Array.from({ length: 4 }, () =>
      runFixture('append-loop.ts', [f.ws.dir, f.profileId, keyFile, 'race'], { stdin: true }),
    );
    try {
      // Each round starts only once every child has loaded, however slow this machine is.
      await Promise.all(children.map((c) => c.waitFor(/^ready$/)));
      for (let round = 1; round <= 10; round++) {
        writeFileSync(path, JSON.stringify({ pid: await deadPid(), host: hostname(), startedAt: 'then' }));
        for (const c of children) c.send(`go ${round}`);
        // All have judged the same lock stale before any takes it over.
        await Promise.all(children.map((c) => c.waitFor(new RegExp(`^${round} stale$`))));
        for (const c of children) c.send(`takeover ${round}`);
        // The winner holds the lock until told, so a child that is slow to try cannot find it
        // released and win a second time: every answer here is to the same stale lock.
        const answers = await Promise.all(children.map((c) => c.waitFor(new RegExp(`^${round} (OK|ERR)`))));
        expect(
          answers.filter((a) => a === `${round} OK`),
          answers.join(','),
        ).toHaveLength(1);
        expect(answers.filter((a) => a === `${round} ERR LEDGER_LOCKED`)).toHaveLength(3);
        const winner = children[answers.indexOf(`${round} OK`)] as Child;
        expect(readLock(path)).toMatchObject({ pid: winner.proc.pid });
        winner.send(`release ${round}`);
        await winner.waitFor(new RegExp(`^${round} released$`));
        expect(readLock(path)).toBeNull();
      }
    } finally {
      for (const c of children) c.proc.stdin?.end();
      await Promise.all(children.map((c) => c.exited));
    }
  });

  it('two takers that both judged the same lock stale: the later one does not steal the new lock', async () => {
    const dir = tempDir();
    const path = join(dir, 'z.lock');
    writeFileSync(path, JSON.stringify({ pid: await deadPid(), host: hostname(), startedAt: 'then' }));
    let releaseA!: () => void;
    const aPaused = new Promise<void>((r) => {
      releaseA = r;
    });
    let aJudged!: () => void;
    const aHasJudged = new Promise<void>((r) => {
      aJudged = r;
    });
    let first = true;
    const a = acquireLock(path, 'z', {
      onStale: async () => {
        if (!first) return;
        first = false;
        aJudged();
        await aPaused;
      },
    });
    await aHasJudged;
    // B judges the same lock stale and takes it over while A is paused.
    const b = await acquireLock(path, 'z');
    expect(readLock(path)).toEqual(b.info);
    releaseA();
    // A resumes: the lock it judged stale is gone; the new one is alive (this process).
    await expect(a).rejects.toMatchObject({ code: 'LEDGER_LOCKED' });
    expect(readFileSync(path, 'utf8')).toBe(JSON.stringify(b.info));
    b.release();
    expect(readLock(path)).toBeNull();
  });

  it('takes over a lock file that was never written (crash between create and write) once it is old', async () => {
    const f = await makeLedger(1);
    const path = lockFile(f.ws.ledgersDir, f.profileId);
    writeFileSync(path, '');
    const old = new Date(Date.now() - 60_000);
    utimesSync(path, old, old);
    const ledger = await openLedger(f.ws, f.profileId, f.keys.privateKeyPem);
    expect(readLock(path)).toMatchObject({ pid: process.pid });
    await ledger.close();
  });

  it('a fresh unreadable lock is waited for, not stolen', async () => {
    const dir = tempDir();
    const path = join(dir, 'x.lock');
    writeFileSync(path, '');
    const started = Date.now();
    setTimeout(
      () => writeFileSync(path, JSON.stringify({ pid: process.ppid, host: hostname(), startedAt: 'now' })),
      150,
    );
    await expect(acquireLock(path, 'x')).rejects.toMatchObject({ code: 'LEDGER_LOCKED' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({ startedAt: 'now' });
  });

  it('release removes only its own lock', async () => {
    const dir = tempDir();
    const path = join(dir, 'y.lock');
    const handle = await acquireLock(path, 'y');
    writeFileSync(path, JSON.stringify({ pid: 1, host: 'elsewhere', startedAt: 'later' }));
    handle.release();
    expect(readLock(path)).toMatchObject({ host: 'elsewhere' });
  });
});
