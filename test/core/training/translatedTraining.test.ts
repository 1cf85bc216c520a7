// The learner flow with a translated module, through the real service table: the language
// setting picks the translation, what was read is recorded with that file's hash, and a
// completion in one language is a completion (and a verified certificate) in every language.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Services } from '../../../electron/core/contract/methods';
import type { ProfileSummary } from '../../../electron/core/contract/views/app';
import { readLedgerFile } from '../../../electron/core/ledger';
import type { ServiceHandle } from '../../../electron/core/services';
import { preferredContentLocale } from '../../../electron/core/training/trainingServices';
import { testServices } from '../../support/services';
import {
  answersFor,
  cleanupTempDirs,
  frenchModuleText,
  goodModules,
  moduleText,
  tempDir,
  writeContent,
  writeFiles,
} from './fixtures';
import { stewardWorkspace } from '../../../electron/core/events';

const START = Date.parse('2026-01-10T09:00:00.000Z');
const sha = (text: string) => createHash('sha256').update(text).digest('hex');
const FR_ALPHA = 'locales/fr/modules/01-alpha.md';
const EN_HASH = sha(goodModules()['01-alpha.md']!);
const FR_HASH = sha(frenchModuleText({ id: 'alpha' }));

let userDataDir: string;
let contentDir: string;
let nowMs: number;
let systemLocale: string;
const handles: ServiceHandle[] = [];

async function start(): Promise<Services> {
  const h = await testServices({
    userDataDir,
    contentDir,
    now: () => new Date(nowMs),
    appVersion: '1.2.3',
    systemLocale: () => systemLocale,
  });
  handles.push(h);
  return h.services;
}

const amara = { name: 'Amara Okafor', email: 'amara@example.com', team: 'Marketing' };
const entriesOf = async (p: ProfileSummary) =>
  (
    await readLedgerFile(stewardWorkspace(path.join(userDataDir, 'workspace')), `${p.id}.jsonl`, {
      depth: 'full',
    })
  ).entries;

/** Reads, passes and attests alpha in the current language; returns the certificate. */
async function complete(s: Services) {
  const opened = await s.startTrainingModule({ moduleId: 'alpha' });
  const quiz = await s.getQuiz({ moduleId: 'alpha' });
  nowMs += 60_000;
  await s.submitQuizAttempt({ moduleId: 'alpha', contentHash: quiz.contentHash, answers: answersFor(6) });
  nowMs += 60_000;
  const cert = await s.attestTrainingModule({
    moduleId: 'alpha',
    contentHash: opened.card.contentHash,
    confirmed: true,
  });
  return { opened, cert };
}

const alphaCard = async (s: Services) =>
  (await s.listTrainingModules({})).modules.find((m) => m.id === 'alpha')!;

beforeEach(() => {
  userDataDir = tempDir('steward-translated-training-');
  contentDir = writeContent(goodModules());
  writeFiles(contentDir, { [FR_ALPHA]: frenchModuleText({ id: 'alpha' }) });
  nowMs = START;
  systemLocale = 'en-US';
});
afterEach(async () => {
  for (const h of handles.splice(0)) await h.close();
  cleanupTempDirs();
});

describe('the language setting', () => {
  it("'system' follows the OS language, an explicit choice wins, English otherwise", () => {
    expect(preferredContentLocale('system', () => 'fr-FR')).toBe('fr-FR');
    expect(preferredContentLocale('system')).toBe('en');
    expect(preferredContentLocale('system', () => '')).toBe('en');
    expect(
      preferredContentLocale('system', () => {
        throw new Error('no OS');
      }),
    ).toBe('en');
    expect(preferredContentLocale('en', () => 'fr-FR')).toBe('en');
    expect(preferredContentLocale('fr')).toBe('fr');
    expect(preferredContentLocale(undefined)).toBe('en');
  });

  it('shows translated modules in French and the rest in English', async () => {
    const s = await start();
    await s.createProfile(amara);
    expect((await alphaCard(s)).title).toBe('Alpha basics');
    systemLocale = 'fr-CA'; // the default setting is 'system'
    const catalogue = await s.listTrainingModules({});
    expect(catalogue.modules.map((m) => [m.id, m.title])).toEqual([
      ['alpha', 'Module alpha (fr)'],
      ['beta', 'Beta practice'],
      ['gamma', 'Gamma review'],
    ]);
    expect(catalogue.modules[0]?.contentHash).toBe(FR_HASH);
    await s.setLocale({ locale: 'en' });
    expect((await alphaCard(s)).contentHash).toBe(EN_HASH);
    await s.setLocale({ locale: 'fr' });
    systemLocale = 'en';
    const opened = await s.startTrainingModule({ moduleId: 'alpha' });
    expect(opened.sections.map((x) => x.title)).toEqual([
      'Introduction',
      "Pourquoi c'est important",
      "L'essentiel",
    ]);
    expect(opened.attestation).toBe("J'ai lu alpha et je l'appliquerai.");
    expect((await s.getQuiz({ moduleId: 'alpha' })).questions.find((q) => q.id === 'q2')?.prompt).toBe(
      'Situation 2. Que faites-vous ?',
    );
  });

  it("lists a translation's problems to readers of that language only", async () => {
    writeFiles(contentDir, {
      [FR_ALPHA]: frenchModuleText({ id: 'alpha', version: '0.9.0' }),
      'locales/de/modules/01-alpha.md': frenchModuleText({ id: 'alpha', version: '0.8.0' }),
    });
    const s = await start();
    await s.createProfile(amara);
    await s.setLocale({ locale: 'fr' });
    const fr = await s.listTrainingModules({});
    expect(fr.modules[0]).toMatchObject({ id: 'alpha', title: 'Alpha basics', contentHash: EN_HASH });
    expect(fr.unavailable.map((p) => [p.file, p.field])).toEqual([[FR_ALPHA, 'version']]);
    await s.setLocale({ locale: 'en' });
    expect((await s.listTrainingModules({})).unavailable).toEqual([]);
  });
});

describe('completions count in every language', () => {
  it('completed in French, viewed in English: passed, and the certificate verifies', async () => {
    const s = await start();
    const me = await s.createProfile(amara);
    await s.setLocale({ locale: 'fr' });
    const { opened, cert } = await complete(s);
    expect(opened.card.contentHash).toBe(FR_HASH);
    expect(cert).toMatchObject({ moduleTitle: 'Module alpha (fr)', contentHash: FR_HASH, verified: true });
    const entries = await entriesOf(me);
    expect(
      entries
        .filter((e) => e.type.startsWith('training.'))
        .map((e) => [e.type, (e.data as { contentHash: string }).contentHash]),
    ).toEqual([
      ['training.started', FR_HASH],
      ['training.quizAttempted', FR_HASH],
      ['training.attested', FR_HASH],
      ['training.completed', FR_HASH],
    ]);
    expect(entries.find((e) => e.type === 'training.attested')?.data).toMatchObject({
      statement: "J'ai lu alpha et je l'appliquerai.",
    });

    await s.setLocale({ locale: 'en' });
    const card = await alphaCard(s);
    expect(card).toMatchObject({ status: 'passed', contentHash: EN_HASH });
    expect(card.lastCompletion).toMatchObject({ contentHash: FR_HASH, entryHash: cert.entryHash });
    expect(await s.getCertificate({ entryHash: cert.entryHash })).toMatchObject({
      moduleTitle: 'Alpha basics',
      verified: true,
    });
    // The records view (what managers see) counts the French completion as current too.
    const row = (await s.getRecords({})).matrix.find((r) => r.personId === me.id && r.moduleId === 'alpha');
    expect(row).toMatchObject({ status: 'passed', entryHash: cert.entryHash });
  });

  it('completed in English, viewed in French: passed', async () => {
    const s = await start();
    await s.createProfile(amara);
    const { cert } = await complete(s);
    expect(cert.contentHash).toBe(EN_HASH);
    await s.setLocale({ locale: 'fr' });
    expect(await alphaCard(s)).toMatchObject({
      status: 'passed',
      contentHash: FR_HASH,
      title: 'Module alpha (fr)',
    });
  });

  it('a quiz opened in French can be submitted and attested after switching to English', async () => {
    const s = await start();
    const me = await s.createProfile(amara);
    await s.setLocale({ locale: 'fr' });
    await s.startTrainingModule({ moduleId: 'alpha' });
    const quiz = await s.getQuiz({ moduleId: 'alpha' });
    await s.setLocale({ locale: 'en' });
    const result = await s.submitQuizAttempt({
      moduleId: 'alpha',
      contentHash: quiz.contentHash,
      answers: answersFor(6),
    });
    // Graded on, and shown in, the edition that was answered.
    expect(result).toMatchObject({ passed: true, attempt: 1 });
    expect(result.questions.find((q) => q.id === 'q2')?.prompt).toBe('Situation 2. Que faites-vous ?');
    expect(await alphaCard(s)).toMatchObject({ readyToAttest: true, attempts: 1, contentHash: EN_HASH });
    // The English quiz now counts the French attempt.
    expect((await s.getQuiz({ moduleId: 'alpha' })).attempt).toBe(2);
    const cert = await s.attestTrainingModule({ moduleId: 'alpha', contentHash: EN_HASH, confirmed: true });
    expect(cert).toMatchObject({ contentHash: EN_HASH, verified: true });
    const attempted = (await entriesOf(me)).find((e) => e.type === 'training.quizAttempted');
    expect((attempted?.data as { contentHash: string }).contentHash).toBe(FR_HASH);
  });

  it('a hash that is no edition of the module is refused, and so is a stale translation', async () => {
    const s = await start();
    await s.createProfile(amara);
    await s.setLocale({ locale: 'fr' });
    await s.startTrainingModule({ moduleId: 'alpha' });
    const quiz = await s.getQuiz({ moduleId: 'alpha' });
    const beta = sha(goodModules()['02-beta.md']!);
    await expect(
      s.submitQuizAttempt({ moduleId: 'alpha', contentHash: beta, answers: answersFor(6) }),
    ).rejects.toMatchObject({ code: 'CONTENT_CHANGED' });
    // The English module moves to 2.0.0; the French one is now out of date and not used.
    fs.writeFileSync(
      path.join(contentDir, 'modules', '01-alpha.md'),
      moduleText({ id: 'alpha', version: '2.0.0' }),
    );
    await expect(
      s.submitQuizAttempt({ moduleId: 'alpha', contentHash: quiz.contentHash, answers: answersFor(6) }),
    ).rejects.toMatchObject({ code: 'CONTENT_CHANGED' });
    expect(await alphaCard(s)).toMatchObject({ title: 'Module alpha', version: '2.0.0' });
  });
});
