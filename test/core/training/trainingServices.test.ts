// The learner's whole flow through the real service table on a temp workspace and fixture
// content: start → fail → pass → attest → certificate, what lands on disk, and every refusal.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Services } from '../../../electron/core/contract/methods';
import type { ProfileSummary } from '../../../electron/core/contract/views/app';
import { createDispatch } from '../../../electron/core/dispatch';
import { readLedgerFile, verifyWorkspace } from '../../../electron/core/ledger';
import type { ServiceHandle } from '../../../electron/core/services';
import { testServices } from '../../support/services';
import { answersFor, cleanupTempDirs, goodModules, moduleText, tempDir, writeContent } from './fixtures';
import { stewardWorkspace } from '../../../electron/core/events';

const START = Date.parse('2026-01-10T09:00:00.000Z');
const DAY = 86_400_000;

let userDataDir: string;
let contentDir: string;
let nowMs: number;
const handles: ServiceHandle[] = [];

async function start(): Promise<Services> {
  const h = await testServices({ userDataDir, contentDir, now: () => new Date(nowMs), appVersion: '1.2.3' });
  handles.push(h);
  return h.services;
}
async function restart(): Promise<Services> {
  for (const h of handles.splice(0)) await h.close();
  return start();
}

const amara = { name: 'Amara Okafor', email: 'amara@example.com', team: 'Marketing' };
const ben = { name: 'Ben Schmidt', email: 'ben@example.com', team: 'Engineering' };
const ledgerFileOf = (p: ProfileSummary) => path.join(userDataDir, 'workspace', 'ledgers', `${p.id}.jsonl`);
const entriesOf = async (p: ProfileSummary) =>
  (
    await readLedgerFile(stewardWorkspace(path.join(userDataDir, 'workspace')), `${p.id}.jsonl`, {
      depth: 'full',
    })
  ).entries;

beforeEach(() => {
  userDataDir = tempDir('steward-training-services-');
  contentDir = writeContent(goodModules());
  nowMs = START;
});
afterEach(async () => {
  for (const h of handles.splice(0)) await h.close();
  cleanupTempDirs();
});

describe('the learner flow', () => {
  it('start → fail → pass → attest → verified certificate, with the entries on disk in order', async () => {
    const s = await start();
    const me = await s.createProfile(amara);

    const catalogue = await s.listTrainingModules({});
    expect(catalogue.modules.map((m) => [m.id, m.required, m.status])).toEqual([
      ['alpha', true, 'notStarted'],
      ['beta', true, 'notStarted'],
      ['gamma', false, 'notStarted'],
    ]);
    expect(catalogue).toMatchObject({
      unavailable: [],
      dueSoonDays: 30,
      asOf: new Date(START).toISOString(),
    });
    expect(catalogue.modules[0]?.dueAt).toBe(new Date(Date.parse(me.createdAt) + 30 * DAY).toISOString());

    nowMs += 60_000;
    const opened = await s.startTrainingModule({ moduleId: 'alpha' });
    expect(opened.sections.map((x) => x.id)).toEqual(['introduction', 'why-it-matters', 'key-takeaways']);
    expect(opened).toMatchObject({ attestation: 'I have read alpha and will apply it.', questionCount: 6 });
    expect(opened.card).toMatchObject({ status: 'inProgress', attempts: 0, readyToAttest: false });
    await s.startTrainingModule({ moduleId: 'alpha' }); // reopening records nothing new
    expect((await entriesOf(me)).map((e) => e.type)).toEqual(['profile.created', 'training.started']);

    const quiz1 = await s.getQuiz({ moduleId: 'alpha' });
    expect(quiz1).toMatchObject({
      moduleId: 'alpha',
      attempt: 1,
      passMark: 80,
      contentHash: opened.card.contentHash,
    });
    expect(JSON.stringify(quiz1)).not.toMatch(/correct|explanation/);
    expect(await s.getQuiz({ moduleId: 'alpha' })).toEqual(quiz1);

    nowMs += 60_000;
    const fail = await s.submitQuizAttempt({
      moduleId: 'alpha',
      contentHash: quiz1.contentHash,
      answers: answersFor(6, ['q1', 'q4']),
    });
    expect(fail).toMatchObject({
      attempt: 1,
      score: 66,
      correctCount: 4,
      total: 6,
      passMark: 80,
      passed: false,
    });
    expect(fail.questions.map((q) => q.id)).toEqual(quiz1.questions.map((q) => q.id));
    const q1 = fail.questions.find((q) => q.id === 'q1');
    expect(q1).toMatchObject({
      isCorrect: false,
      chosen: ['a'],
      explanation: expect.any(String),
      reference: 'GDPR Art. 4(1)',
    });
    expect([...(q1?.correct ?? [])].sort()).toEqual(['a', 'c']);

    await expect(
      s.attestTrainingModule({ moduleId: 'alpha', contentHash: quiz1.contentHash, confirmed: true }),
    ).rejects.toMatchObject({
      code: 'NOT_ALLOWED',
      message: expect.stringMatching(/passed its knowledge check/),
    });

    const quiz2 = await s.getQuiz({ moduleId: 'alpha' });
    expect(quiz2.attempt).toBe(2);
    for (const q of quiz2.questions) {
      const before = quiz1.questions.find((x) => x.id === q.id);
      expect(
        q.options.map((o) => o.id),
        q.id,
      ).not.toEqual(before?.options.map((o) => o.id));
    }

    await expect(
      s.submitQuizAttempt({ moduleId: 'alpha', contentHash: 'f'.repeat(64), answers: answersFor(6) }),
    ).rejects.toMatchObject({
      code: 'CONTENT_CHANGED',
      message: expect.stringMatching(/changed since you opened it/),
    });

    nowMs += 60_000;
    const pass = await s.submitQuizAttempt({
      moduleId: 'alpha',
      contentHash: quiz2.contentHash,
      answers: answersFor(6),
    });
    expect(pass).toMatchObject({ attempt: 2, score: 100, passed: true });
    const ready = (await s.listTrainingModules({})).modules[0];
    expect(ready).toMatchObject({ id: 'alpha', status: 'inProgress', attempts: 2, readyToAttest: true });

    nowMs += 60_000;
    const completedAt = new Date(nowMs).toISOString();
    const cert = await s.attestTrainingModule({
      moduleId: 'alpha',
      contentHash: quiz2.contentHash,
      confirmed: true,
    });
    expect(cert).toMatchObject({
      name: 'Amara Okafor',
      email: 'amara@example.com',
      team: 'Marketing',
      moduleId: 'alpha',
      moduleTitle: 'Alpha basics',
      version: '1.0.0',
      contentHash: quiz2.contentHash,
      completedAt,
      expiresAt: '2027-01-10T09:04:00.000Z',
      score: 100,
      seq: 6,
      ledgerFile: `ledgers/${me.id}.jsonl`,
      signerFingerprint: me.fingerprint,
      verified: true,
    });

    const entries = await entriesOf(me);
    expect(entries.map((e) => e.type)).toEqual([
      'profile.created',
      'training.started',
      'training.quizAttempted',
      'training.quizAttempted',
      'training.attested',
      'training.completed',
    ]);
    const [, st, a1, a2, att, done] = entries;
    const ref = { moduleId: 'alpha', version: '1.0.0', contentHash: quiz1.contentHash };
    expect(st?.data).toEqual(ref);
    expect(a1?.data).toEqual({
      ...ref,
      attempt: 1,
      answers: answersFor(6, ['q1', 'q4']),
      score: 66,
      correctCount: 4,
      total: 6,
      passMark: 80,
      passed: false,
    });
    expect(a2?.data).toMatchObject({ attempt: 2, score: 100, passed: true });
    expect(att?.data).toEqual({ ...ref, statement: 'I have read alpha and will apply it.' });
    expect(done?.data).toEqual({
      ...ref,
      score: 100,
      passMark: 80,
      completedAt,
      expiresAt: '2027-01-10T09:04:00.000Z',
      attemptHash: a2?.hash,
    });
    expect(done?.hash).toBe(cert.entryHash);
    expect(
      await verifyWorkspace(stewardWorkspace(path.join(userDataDir, 'workspace')), { depth: 'full' }),
    ).toMatchObject({
      ok: true,
      problems: [],
    });

    const after = (await s.listTrainingModules({})).modules[0];
    expect(after).toMatchObject({
      status: 'passed',
      attempts: 0,
      readyToAttest: false,
      dueAt: '2027-01-10T09:04:00.000Z',
    });
    expect(after?.lastCompletion).toMatchObject({ entryHash: cert.entryHash, score: 100, completedAt });
    expect(await s.getCertificate({ entryHash: cert.entryHash })).toEqual(cert);
  });

  it('moves through passed, dueSoon, overdue and updated as the clock and content move', async () => {
    const s = await start();
    await s.createProfile(amara);
    const status = async () =>
      Object.fromEntries((await s.listTrainingModules({})).modules.map((m) => [m.id, m.status]));
    const complete = async (moduleId: string) => {
      const q = await s.getQuiz({ moduleId });
      await s.submitQuizAttempt({ moduleId, contentHash: q.contentHash, answers: answersFor(6) });
      return s.attestTrainingModule({ moduleId, contentHash: q.contentHash, confirmed: true });
    };
    await s.startTrainingModule({ moduleId: 'gamma' });
    await complete('alpha');
    await complete('gamma'); // recertify every 6 months
    expect(await status()).toEqual({ alpha: 'passed', beta: 'notStarted', gamma: 'passed' });

    nowMs = START + 31 * DAY; // past the new-starter window
    expect(await status()).toEqual({ alpha: 'passed', beta: 'overdue', gamma: 'passed' });

    nowMs = Date.parse('2026-06-15T00:00:00.000Z');
    expect(await status()).toEqual({ alpha: 'passed', beta: 'overdue', gamma: 'dueSoon' });

    nowMs = Date.parse('2026-07-10T09:00:00.000Z'); // gamma expired; it is not required
    expect(await status()).toEqual({ alpha: 'passed', beta: 'overdue', gamma: 'expired' });

    nowMs = Date.parse('2026-12-20T00:00:00.000Z');
    expect(await status()).toEqual({ alpha: 'dueSoon', beta: 'overdue', gamma: 'expired' });

    nowMs = Date.parse('2027-01-10T09:00:00.000Z');
    expect(await status()).toEqual({ alpha: 'overdue', beta: 'overdue', gamma: 'expired' });

    nowMs = Date.parse('2026-03-01T00:00:00.000Z');
    fs.writeFileSync(
      path.join(contentDir, 'modules', '01-alpha.md'),
      moduleText({ id: 'alpha', title: 'Alpha basics', version: '2.0.0' }),
    );
    expect((await status()).alpha).toBe('updated');
  });

  it('refuses a stale contentHash for attestation after the module changed', async () => {
    const s = await start();
    await s.createProfile(amara);
    const q = await s.getQuiz({ moduleId: 'beta' });
    await s.submitQuizAttempt({ moduleId: 'beta', contentHash: q.contentHash, answers: answersFor(6) });
    fs.writeFileSync(
      path.join(contentDir, 'modules', '02-beta.md'),
      moduleText({ id: 'beta', version: '1.0.1' }),
    );
    await expect(
      s.attestTrainingModule({ moduleId: 'beta', contentHash: q.contentHash, confirmed: true }),
    ).rejects.toMatchObject({ code: 'CONTENT_CHANGED' });
    const fresh = await s.getQuiz({ moduleId: 'beta' });
    expect(fresh.attempt).toBe(1); // the pass on the old file does not carry over
    await expect(
      s.attestTrainingModule({ moduleId: 'beta', contentHash: fresh.contentHash, confirmed: true }),
    ).rejects.toMatchObject({ code: 'NOT_ALLOWED' });
  });

  it('keeps reading progress per profile and content version across a restart', async () => {
    let s = await start();
    const me = await s.createProfile(amara);
    await s.startTrainingModule({ moduleId: 'alpha' });
    expect(await s.saveReadingProgress({ moduleId: 'alpha', section: 2 })).toEqual({ section: 2 });
    await expect(s.saveReadingProgress({ moduleId: 'alpha', section: 3 })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
    s = await restart();
    expect((await s.getCurrentProfile({}))?.id).toBe(me.id);
    const card = (await s.listTrainingModules({})).modules.find((m) => m.id === 'alpha');
    expect(card?.progress).toEqual({ section: 2, sections: 3 });
    const settings = JSON.parse(fs.readFileSync(path.join(userDataDir, 'settings.json'), 'utf8')) as {
      readingProgress: Record<string, unknown>;
    };
    expect(settings.readingProgress[`${me.id}:alpha`]).toEqual({
      contentHash: card?.contentHash,
      section: 2,
    });

    await s.createProfile(ben);
    expect((await s.listTrainingModules({})).modules.find((m) => m.id === 'alpha')?.progress).toBeNull();

    fs.writeFileSync(
      path.join(contentDir, 'modules', '01-alpha.md'),
      moduleText({ id: 'alpha', version: '1.1.0' }),
    );
    await s.switchProfile({ profileId: me.id });
    expect((await s.listTrainingModules({})).modules.find((m) => m.id === 'alpha')?.progress).toBeNull();
  });
});

describe('reading a module again', () => {
  it('starts a retake from the first section, not where the last round stopped', async () => {
    const s = await start();
    await s.createProfile(amara);
    const content = await s.startTrainingModule({ moduleId: 'alpha' });
    await s.saveReadingProgress({ moduleId: 'alpha', section: 2 });
    // Re-opening within the same round resumes where the learner was.
    expect((await s.startTrainingModule({ moduleId: 'alpha' })).card.progress).toEqual({
      section: 2,
      sections: 3,
    });
    const q = await s.getQuiz({ moduleId: 'alpha' });
    await s.submitQuizAttempt({ moduleId: 'alpha', contentHash: q.contentHash, answers: answersFor(6) });
    await s.attestTrainingModule({
      moduleId: 'alpha',
      contentHash: content.card.contentHash,
      confirmed: true,
    });
    const retake = await s.startTrainingModule({ moduleId: 'alpha' });
    expect(retake.card.progress).toEqual({ section: 0, sections: 3 });
  });
});

describe('certificates across the workspace', () => {
  it("finds another person's completion, and says when its ledger no longer verifies", async () => {
    const s = await start();
    const me = await s.createProfile(amara);
    const q = await s.getQuiz({ moduleId: 'alpha' });
    await s.submitQuizAttempt({ moduleId: 'alpha', contentHash: q.contentHash, answers: answersFor(6) });
    const cert = await s.attestTrainingModule({
      moduleId: 'alpha',
      contentHash: q.contentHash,
      confirmed: true,
    });

    await s.createProfile(ben);
    expect(await s.getCertificate({ entryHash: cert.entryHash })).toEqual(cert);
    await expect(s.getCertificate({ entryHash: 'e'.repeat(64) })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const attemptHash = (await entriesOf(me))[1]?.hash as string;
    await expect(s.getCertificate({ entryHash: attemptHash })).rejects.toMatchObject({ code: 'NOT_FOUND' });

    // Change one byte of an earlier entry: the chain up to the completion no longer holds.
    const file = ledgerFileOf(me);
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    const attemptLine = lines[1] as string;
    lines[1] = attemptLine.replace('"passMark":80', '"passMark":10');
    expect(lines[1]).not.toBe(attemptLine);
    fs.writeFileSync(file, lines.join('\n'));
    expect(await s.getCertificate({ entryHash: cert.entryHash })).toMatchObject({ ...cert, verified: false });

    // Change the completion itself (a better score): shown as written, and not verified.
    const completedLine = lines[3] as string;
    lines[3] = completedLine.replace('"score":100', '"score":99');
    expect(lines[3]).not.toBe(completedLine);
    lines[1] = attemptLine;
    fs.writeFileSync(file, lines.join('\n'));
    expect(await s.getCertificate({ entryHash: cert.entryHash })).toMatchObject({
      ...cert,
      score: 99,
      verified: false,
    });
  });
});

describe('refusals', () => {
  it('without a profile: NO_PROFILE', async () => {
    const s = await start();
    await expect(s.listTrainingModules({})).rejects.toMatchObject({ code: 'NO_PROFILE' });
    await expect(s.startTrainingModule({ moduleId: 'alpha' })).rejects.toMatchObject({ code: 'NO_PROFILE' });
    await expect(s.getQuiz({ moduleId: 'alpha' })).rejects.toMatchObject({ code: 'NO_PROFILE' });
  });

  it('an unknown module is NOT_FOUND; a broken one is CONTENT_UNAVAILABLE with its problem', async () => {
    fs.writeFileSync(
      path.join(contentDir, 'modules', '04-delta.md'),
      moduleText({ id: 'delta', questions: 3 }),
    );
    const s = await start();
    await s.createProfile(amara);
    await expect(s.startTrainingModule({ moduleId: 'nope' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(s.getQuiz({ moduleId: 'delta' })).rejects.toMatchObject({
      code: 'CONTENT_UNAVAILABLE',
      message: expect.stringMatching(/modules\/04-delta\.md: quiz: needs at least 6 questions/),
    });
    const catalogue = await s.listTrainingModules({});
    expect(catalogue.modules.map((m) => m.id)).toEqual(['alpha', 'beta', 'gamma']);
    expect(catalogue.unavailable).toEqual([
      { file: 'modules/04-delta.md', field: 'quiz', reason: expect.stringMatching(/at least 6/) },
    ]);
  });

  it('a read-only ledger surfaces LEDGER_READ_ONLY and nothing is written', async () => {
    let s = await start();
    const me = await s.createProfile(amara);
    await s.startTrainingModule({ moduleId: 'alpha' });
    await s.startTrainingModule({ moduleId: 'beta' });
    await s.startTrainingModule({ moduleId: 'gamma' });
    await restart().then((x) => x.getAppInfo({})); // release the lock before editing the file
    for (const h of handles.splice(0)) await h.close();
    const file = ledgerFileOf(me);
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    lines[2] = (lines[2] as string).replace('"moduleId":"beta"', '"moduleId":"bbta"');
    fs.writeFileSync(file, lines.join('\n'));
    const before = fs.readFileSync(file);
    s = await start();
    expect((await s.getWorkspaceStatus({})).readOnly).toMatchObject({ seq: 3 });
    // Reading still works from what can be trusted.
    expect((await s.listTrainingModules({})).modules.find((m) => m.id === 'alpha')?.status).toBe(
      'inProgress',
    );
    const q = await s.getQuiz({ moduleId: 'alpha' });
    await expect(
      s.submitQuizAttempt({ moduleId: 'alpha', contentHash: q.contentHash, answers: answersFor(6) }),
    ).rejects.toMatchObject({ code: 'LEDGER_READ_ONLY' });
    await expect(s.startTrainingModule({ moduleId: 'gamma' })).rejects.toMatchObject({
      code: 'LEDGER_READ_ONLY',
    });
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('validates arguments through the dispatch', async () => {
    const s = await start();
    await s.createProfile(amara);
    const dispatch = createDispatch(s);
    expect(
      await dispatch('attestTrainingModule', {
        moduleId: 'alpha',
        contentHash: 'a'.repeat(64),
        confirmed: false,
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT', message: expect.stringMatching(/must be confirmed/) },
    });
    expect(
      await dispatch('submitQuizAttempt', {
        moduleId: 'alpha',
        contentHash: (await s.getQuiz({ moduleId: 'alpha' })).contentHash,
        answers: { q1: ['zz'] },
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT', message: expect.stringMatching(/option "zz"/) },
    });
  });
});
