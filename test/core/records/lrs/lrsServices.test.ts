// The LRS outbox against a real LRS (xapi-statements in a child process): everything is sent
// once and counted back, an invalid statement is isolated and listed, an LRS that dies mid-send
// loses nothing and receives nothing twice, and the outbox survives a restart of the services.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateProfileKeys, profileIdFor, sha256Hex } from '../../../../electron/core/ledger';
import type { EventType } from '../../../../electron/core/ledger';
import { createLrsServices } from '../../../../electron/core/records/lrs/lrsServices';
import type { LrsDeps, LrsServices } from '../../../../electron/core/records/lrs/lrsServices';
import { lrsStatePath } from '../../../../electron/core/records/lrs/stateFile';
import { statementsForLedger } from '../../../../electron/core/records/xapi';
import type { XapiStatement } from '../../../../electron/core/records/xapi';
import type { SecretProtector } from '../../../../electron/core/profiles/keystore';
import { freePort, startLrs } from '../../../support/lrsServer';
import type { LrsServer } from '../../../support/lrsServer';
import { signedChain } from '../../ledger/helpers';

// ---- fixtures -----------------------------------------------------------------------------

const keys = generateProfileKeys();
const personId = profileIdFor(keys.publicKey);
const person = { id: personId, name: 'Ada Lovelace', email: 'ada@example.com' };
const policy = { homePage: 'https://steward.invalid', actorEmail: false };

/** `modules` modules, each started, attempted (passed) and completed: 3 statements per module. */
function statementsFor(modules: number, firstModule = 0): XapiStatement[] {
  const events: { type: EventType; ts: string; data: unknown }[] = [];
  const titles = new Map<string, { id: string; title: string }>();
  for (let m = firstModule; m < firstModule + modules; m++) {
    const moduleId = `module-${m}`;
    titles.set(moduleId, { id: moduleId, title: `Module ${m}` });
    const file = { moduleId, version: '1.0.0', contentHash: sha256Hex(moduleId) };
    const at = (min: number) => new Date(Date.UTC(2025, 0, 1, 8, m * 10 + min)).toISOString();
    events.push({ type: 'training.started', ts: at(0), data: file });
    events.push({
      type: 'training.quizAttempted',
      ts: at(5),
      data: {
        ...file,
        attempt: 1,
        answers: {},
        score: 90,
        correctCount: 9,
        total: 10,
        passMark: 80,
        passed: true,
      },
    });
    events.push({
      type: 'training.completed',
      ts: at(6),
      data: {
        ...file,
        score: 90,
        passMark: 80,
        completedAt: at(6),
        expiresAt: '2026-01-01T00:00:00.000Z',
        attemptHash: sha256Hex(`a${m}`),
      },
    });
  }
  // The outbox's mechanics, not grading: each entry taken at its word (see xapi.test.ts).
  const atItsWord = {
    attemptPassed: (e: { data: { passed: boolean } }) => e.data.passed,
    completionCounts: () => true,
  };
  return statementsForLedger(
    person,
    signedChain(events, personId, keys.privateKeyPem),
    titles,
    policy,
    atItsWord,
  );
}

/** A statement the LRS must refuse (a scaled score above 1), with an id of its own. */
function invalidStatement(): XapiStatement {
  const [started, attempt] = statementsFor(1, 900);
  return {
    ...attempt!,
    id: started!.id.replace(/^.{8}/, 'badbadba'),
    result: { ...attempt!.result!, score: { scaled: 1.5, raw: 150, min: 0, max: 100 } },
  };
}

/** Reverses and tags the bytes: a stand-in keychain, so the file can be shown not to hold the secret. */
const testProtector: SecretProtector = {
  kind: 'os',
  note: 'test keychain',
  protect: (plain) => Buffer.concat([Buffer.from('P1:'), Buffer.from(plain).reverse()]),
  reveal: (stored) => {
    if (stored.subarray(0, 3).toString() !== 'P1:') throw new Error('not ours');
    return Buffer.from(stored.subarray(3)).reverse();
  },
};

interface PostLog {
  ids: string[];
  auth: string | null;
  /** HTTP status, or the error's name when no answer came. */
  outcome: number | string;
}

/** Real fetch, watched: records each POST of statements and what came back. */
function recordingFetch(
  before?: (n: number) => Promise<'forward' | 'forward-and-kill'>,
  kill?: () => Promise<void>,
) {
  const posts: PostLog[] = [];
  const wrapped: typeof fetch = async (input, init) => {
    if (init?.method !== 'POST') return fetch(input, init);
    const ids = (JSON.parse(String(init.body)) as { id: string }[]).map((s) => s.id);
    const auth = new Headers(init.headers).get('authorization');
    const log: PostLog = { ids, auth, outcome: 'pending' };
    posts.push(log);
    const mode = before ? await before(posts.length) : 'forward';
    const pending = fetch(input, init);
    if (mode === 'forward-and-kill' && kill) void kill();
    try {
      const res = await pending;
      log.outcome = res.status;
      return res;
    } catch (error) {
      log.outcome = (error as Error).name;
      throw error;
    }
  };
  return { fetch: wrapped, posts };
}

const acked = (posts: PostLog[]) => posts.filter((p) => p.outcome === 200).flatMap((p) => p.ids);

const dirs: string[] = [];
const servers: LrsServer[] = [];
const services: LrsServices[] = [];
afterEach(async () => {
  for (const s of services.splice(0)) await s.close();
  for (const l of servers.splice(0)) await l.stop();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function userDataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'steward-lrs-outbox-'));
  dirs.push(dir);
  return dir;
}

async function lrsOn(port?: number): Promise<LrsServer> {
  const lrs = await startLrs(port === undefined ? {} : { port });
  servers.push(lrs);
  return lrs;
}

function outbox(deps: Partial<LrsDeps> & Pick<LrsDeps, 'userDataDir' | 'statements'>): LrsServices {
  const s = createLrsServices({
    secretProtector: testProtector,
    now: () => new Date(),
    batchSize: 5,
    ...deps,
  });
  services.push(s);
  return s;
}

// ---- cases --------------------------------------------------------------------------------

describe('LRS outbox against a real LRS', () => {
  it('sends every statement once, in batches, with the xAPI headers, and counts them back', async () => {
    const lrs = await lrsOn();
    const all = statementsFor(8); // 24 statements, 5 per batch
    const rec = recordingFetch();
    const dir = userDataDir();
    const svc = outbox({ userDataDir: dir, statements: async () => all, fetch: rec.fetch });
    const set = await svc.setLrs({
      endpoint: `${lrs.endpoint}/`,
      key: 'steward-key',
      secret: 's3cret:with colon',
      enabled: true,
    });
    expect(set.outbox).toEqual({ pending: 24, sent: 0, failed: 0 });
    expect(set.endpoint).toBe(lrs.endpoint);

    const view = await svc.sendLrsNow();
    expect(view.outbox).toEqual({ pending: 0, sent: 24, failed: 0 });
    expect(view.lastError).toBeNull();
    expect(view.lastSentAt).not.toBeNull();
    expect(view.nextAttemptAt).toBeNull();
    expect(rec.posts.map((p) => p.ids.length)).toEqual([5, 5, 5, 5, 4]);
    expect(Buffer.from(rec.posts[0]!.auth!.replace(/^Basic /, ''), 'base64').toString()).toBe(
      'steward-key:s3cret:with colon',
    );

    const stored = await lrs.statements(7); // small pages: follows `more`
    expect(stored.map((s) => s.id).sort()).toEqual(all.map((s) => s.id).sort());

    // Nothing left: a second round posts nothing.
    await svc.sendLrsNow();
    expect(rec.posts).toHaveLength(5);

    // The file is private to the user and holds the secret only in protected form.
    const file = lrsStatePath(dir);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(file, 'utf8')).not.toContain('s3cret');
  });

  it('refuses an invalid statement with the LRS reason and still sends all the others', async () => {
    const lrs = await lrsOn();
    const good = statementsFor(4); // 12
    const bad = invalidStatement();
    const all = [...good.slice(0, 7), bad, ...good.slice(7)];
    const rec = recordingFetch();
    const svc = outbox({ userDataDir: userDataDir(), statements: async () => all, fetch: rec.fetch });
    await svc.setLrs({ endpoint: lrs.endpoint, key: 'k', secret: 's', enabled: true });

    const view = await svc.sendLrsNow();
    expect(view.outbox).toEqual({ pending: 0, sent: 12, failed: 1 });
    expect(view.refused).toHaveLength(1);
    expect(view.refused[0]!.statementId).toBe(bad.id);
    expect(view.refused[0]!.reason).toMatch(/HTTP 400: .*scaled/);
    expect(view.lastError).toBeNull();
    expect(rec.posts.filter((p) => p.outcome === 400).every((p) => p.ids.includes(bad.id))).toBe(true);

    const stored = (await lrs.statements()).map((s) => s.id).sort();
    expect(stored).toEqual(good.map((s) => s.id).sort());

    // Refused stays refused: retrying cannot fix it, so it is not posted again.
    const before = rec.posts.length;
    await svc.sendLrsNow();
    expect(rec.posts).toHaveLength(before);
  });

  it('loses nothing and sends nothing twice when the LRS dies between batches, across a restart of the services', async () => {
    const lrs1 = await lrsOn();
    const all = statementsFor(10); // 30 statements: 6 batches of 5
    const dir = userDataDir();
    let t = Date.parse('2025-06-01T12:00:00.000Z');
    const now = () => new Date(t);
    const rec1 = recordingFetch(async (n) => {
      if (n === 3) await lrs1.stop(); // the LRS is gone before the third batch leaves
      return 'forward';
    });
    const first = outbox({
      userDataDir: dir,
      statements: async () => all,
      fetch: rec1.fetch,
      now,
      random: () => 0.5,
    });
    await first.setLrs({ endpoint: lrs1.endpoint, key: 'k', secret: 's', enabled: true });

    const down = await first.sendLrsNow();
    expect(acked(rec1.posts)).toEqual(all.slice(0, 10).map((s) => s.id));
    expect(down.outbox).toEqual({ pending: 20, sent: 10, failed: 0 });
    expect(down.lastError).toMatch(
      /Could not reach the LRS at http:\/\/127\.0\.0\.1:\d+\/xAPI \(ECONNREFUSED\)/,
    );
    // First failure: 5 s ceiling, equal jitter at 0.5 -> 3.75 s.
    expect(down.nextAttemptAt).toBe(new Date(t + 3750).toISOString());
    await first.close();

    // A new LRS on the same port (it starts empty) and a new outbox over the same folder.
    const lrs2 = await lrsOn(lrs1.port);
    t += 60_000;
    const rec2 = recordingFetch();
    const second = outbox({ userDataDir: dir, statements: async () => all, fetch: rec2.fetch, now });
    expect((await second.getLrs()).outbox).toEqual({ pending: 20, sent: 10, failed: 0 });
    const up = await second.sendLrsNow();
    expect(up.outbox).toEqual({ pending: 0, sent: 30, failed: 0 });
    expect(up.lastError).toBeNull();

    const receivedBy2 = (await lrs2.statements()).map((s) => s.id);
    const ackedBy1 = acked(rec1.posts);
    // Nothing twice: no statement the first LRS acknowledged was posted again.
    expect(rec2.posts.flatMap((p) => p.ids).filter((id) => ackedBy1.includes(id))).toEqual([]);
    // Nothing lost: between them, the two instances received every statement exactly once.
    expect([...ackedBy1, ...receivedBy2].sort()).toEqual(all.map((s) => s.id).sort());
  });

  it('keeps the invariants when the LRS is killed while a batch is in flight', async () => {
    const lrs1 = await lrsOn();
    const all = statementsFor(8); // 24
    const rec1 = recordingFetch(
      async (n) => (n === 2 ? 'forward-and-kill' : 'forward'),
      () => lrs1.stop(),
    );
    const dir = userDataDir();
    const svc = outbox({
      userDataDir: dir,
      statements: async () => all,
      fetch: rec1.fetch,
      requestTimeoutMs: 5_000,
    });
    await svc.setLrs({ endpoint: lrs1.endpoint, key: 'k', secret: 's', enabled: true });
    const down = await svc.sendLrsNow();
    const ackedBy1 = acked(rec1.posts);
    // Whether batch 2 was answered before the kill is up to the race; batch 3 never is.
    expect([5, 10]).toContain(ackedBy1.length);
    expect(down.outbox).toEqual({ pending: 24 - ackedBy1.length, sent: ackedBy1.length, failed: 0 });
    expect(down.lastError).not.toBeNull();
    expect(down.nextAttemptAt).not.toBeNull();

    const lrs2 = await lrsOn(lrs1.port);
    const rec2 = recordingFetch();
    const again = outbox({ userDataDir: dir, statements: async () => all, fetch: rec2.fetch });
    expect((await again.sendLrsNow()).outbox).toEqual({ pending: 0, sent: 24, failed: 0 });
    const receivedBy2 = (await lrs2.statements()).map((s) => s.id);
    expect(rec2.posts.flatMap((p) => p.ids).filter((id) => ackedBy1.includes(id))).toEqual([]);
    expect([...ackedBy1, ...receivedBy2].sort()).toEqual(all.map((s) => s.id).sort());
  });

  it('does not resend after a restart of the services, and sends what is new', async () => {
    const lrs = await lrsOn();
    let all = statementsFor(3); // 9
    const dir = userDataDir();
    const first = outbox({ userDataDir: dir, statements: async () => all });
    await first.setLrs({ endpoint: lrs.endpoint, key: 'k', secret: 's', enabled: true });
    expect((await first.sendLrsNow()).outbox.sent).toBe(9);
    await first.close();

    all = [...all, ...statementsFor(2, 50)]; // 6 more
    const rec = recordingFetch();
    const second = outbox({ userDataDir: dir, statements: async () => all, fetch: rec.fetch });
    const view = await second.getLrs();
    expect(view).toMatchObject({
      endpoint: lrs.endpoint,
      key: 'k',
      hasSecret: true,
      enabled: true,
      secretProtection: 'os',
    });
    expect(view.outbox).toEqual({ pending: 6, sent: 9, failed: 0 });
    expect((await second.sendLrsNow()).outbox).toEqual({ pending: 0, sent: 15, failed: 0 });
    expect(rec.posts.flatMap((p) => p.ids).sort()).toEqual(
      all
        .slice(9)
        .map((s) => s.id)
        .sort(),
    );
    expect((await lrs.statements()).length).toBe(15);
  });

  it('runs in the background: retries with backoff until the LRS is there, and stops on close', async () => {
    const port = await freePort();
    let all = statementsFor(4); // 12
    const rec = recordingFetch();
    // Real timers, 100x faster, so a 2.5-5 s backoff takes 25-50 ms.
    const fast = {
      setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms / 100),
      clearTimeout: (h: unknown) => clearTimeout(h as ReturnType<typeof setTimeout>),
    };
    const svc = outbox({
      userDataDir: userDataDir(),
      statements: async () => all,
      fetch: rec.fetch,
      timers: fast,
      idlePollMs: 2_000,
    });
    await svc.setLrs({ endpoint: `http://127.0.0.1:${port}/xAPI`, key: 'k', secret: 's', enabled: true });
    svc.start();
    await waitFor(async () => rec.posts.length >= 2); // at least one retry while nobody listens
    const waiting = await svc.getLrs();
    expect(waiting.lastError).toMatch(/ECONNREFUSED/);
    expect(waiting.outbox.pending).toBe(12);

    const lrs = await lrsOn(port);
    await waitFor(async () => (await svc.getLrs()).outbox.sent === 12);
    expect((await lrs.statements()).length).toBe(12);
    expect((await svc.getLrs()).lastError).toBeNull();

    // New statements are picked up by the idle poll.
    all = [...all, ...statementsFor(1, 70)];
    await waitFor(async () => (await svc.getLrs()).outbox.sent === 15);

    await svc.close();
    const posted = rec.posts.length;
    all = [...all, ...statementsFor(1, 80)];
    await new Promise((r) => setTimeout(r, 200));
    expect(rec.posts.length).toBe(posted);
  });
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('LRS settings', () => {
  const svcFor = (dir = userDataDir(), extra: Partial<LrsDeps> = {}) =>
    outbox({ userDataDir: dir, statements: async () => statementsFor(2), ...extra });

  it('starts unconfigured, with every statement pending', async () => {
    const view = await svcFor().getLrs();
    expect(view).toEqual({
      endpoint: '',
      key: '',
      hasSecret: false,
      enabled: false,
      secretProtection: 'os',
      outbox: { pending: 6, sent: 0, failed: 0 },
      lastAttemptAt: null,
      lastSentAt: null,
      nextAttemptAt: null,
      lastError: null,
      refused: [],
    });
  });

  it('keeps the secret when omitted, forgets it on an empty string, and stores it protected', async () => {
    const dir = userDataDir();
    const svc = svcFor(dir);
    await svc.setLrs({
      endpoint: 'https://lrs.example.com/xAPI',
      key: 'k',
      secret: 'hunter2',
      enabled: false,
    });
    const stored = JSON.parse(fs.readFileSync(lrsStatePath(dir), 'utf8')) as {
      secret: { protection: string; value: string };
    };
    expect(stored.secret.protection).toBe('os');
    expect(testProtector.reveal(Buffer.from(stored.secret.value, 'base64')).toString()).toBe('hunter2');
    expect(fs.readFileSync(lrsStatePath(dir), 'utf8')).not.toContain('hunter2');

    expect(
      (await svc.setLrs({ endpoint: 'https://lrs.example.com/xAPI', key: 'k2', enabled: false })).hasSecret,
    ).toBe(true);
    expect(fs.readFileSync(lrsStatePath(dir), 'utf8')).toContain(stored.secret.value);
    expect(
      (await svc.setLrs({ endpoint: 'https://lrs.example.com/xAPI', key: 'k2', secret: '', enabled: false }))
        .hasSecret,
    ).toBe(false);
  });

  it('refuses plain http to another computer, and switching on without endpoint, key or secret', async () => {
    const svc = svcFor();
    await expect(
      svc.setLrs({ endpoint: 'http://lrs.example.com/xAPI', key: 'k', secret: 's', enabled: true }),
    ).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringMatching(/https:\/\//),
    });
    await expect(
      svc.setLrs({ endpoint: 'https://lrs.example.com/xAPI', key: 'k', enabled: true }),
    ).rejects.toThrow(/missing: secret/);
    await expect(svc.setLrs({ endpoint: '', key: '', secret: 's', enabled: true })).rejects.toThrow(
      /missing: endpoint, key/,
    );
    // Nothing was saved by the refused calls.
    expect((await svc.getLrs()).enabled).toBe(false);
  });

  it('will not send while switched off', async () => {
    await expect(svcFor().sendLrsNow()).rejects.toMatchObject({ code: 'NOT_ALLOWED' });
  });

  it('starts a new outbox for a different LRS or key', async () => {
    const lrs = await lrsOn();
    const dir = userDataDir();
    const svc = svcFor(dir);
    await svc.setLrs({ endpoint: lrs.endpoint, key: 'k', secret: 's', enabled: true });
    expect((await svc.sendLrsNow()).outbox).toEqual({ pending: 0, sent: 6, failed: 0 });
    // Same LRS, same key: switching off and on keeps what was sent.
    await svc.setLrs({ endpoint: lrs.endpoint, key: 'k', enabled: false });
    expect((await svc.setLrs({ endpoint: lrs.endpoint, key: 'k', enabled: true })).outbox.sent).toBe(6);
    const other = await svc.setLrs({
      endpoint: `http://localhost:${lrs.port}/xAPI`,
      key: 'k',
      enabled: true,
    });
    expect(other.outbox).toEqual({ pending: 6, sent: 0, failed: 0 });
  });

  it('tells the person when lrs.json was damaged, and keeps the damaged copy', async () => {
    const dir = userDataDir();
    fs.writeFileSync(lrsStatePath(dir), '{"version":1,"endpoint":');
    const view = await svcFor(dir).getLrs();
    expect(view.enabled).toBe(false);
    expect(view.lastError).toMatch(/was damaged .* moved aside to .*lrs\.json\.corrupt-/);
    const aside = fs.readdirSync(dir).filter((n) => n.startsWith('lrs.json.corrupt-'));
    expect(aside).toHaveLength(1);
    expect(fs.readFileSync(path.join(dir, aside[0]!), 'utf8')).toBe('{"version":1,"endpoint":');
  });

  it('says so when the secret sits in a keychain this process cannot use', async () => {
    const lrs = await lrsOn();
    const dir = userDataDir();
    await svcFor(dir).setLrs({ endpoint: lrs.endpoint, key: 'k', secret: 's', enabled: true });
    const fileOnly: SecretProtector = { ...testProtector, kind: 'file' };
    const view = await svcFor(dir, { secretProtector: fileOnly }).sendLrsNow();
    expect(view.lastError).toMatch(/locked in this computer's keychain/);
    expect(view.outbox.sent).toBe(0);
    expect(await lrs.statements()).toEqual([]);
  });
});
