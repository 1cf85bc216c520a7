// A module's `changes:` list: validated with the module, kept in step by its translations, and
// shown (through the real services) to a learner whose completion a MAJOR update no longer
// counts, with the date to retake it by, in the learner's language.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadContent } from '../../../electron/core/training/content';
import type { ServiceHandle } from '../../../electron/core/services';
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

afterEach(async () => {
  for (const h of handles.splice(0)) await h.close();
  cleanupTempDirs();
});
const handles: ServiceHandle[] = [];

const CHANGES = [
  'changes:',
  '  - version: 1.1.0',
  '    summary: Wording only.',
  '  - version: 2.0.0',
  '    summary: The breach rules changed, and so did the questions about them.',
].join('\n');

describe('the changes list', () => {
  it('is read newest first', () => {
    const dir = writeContent({
      ...goodModules(),
      '04-delta.md': moduleText({ id: 'delta', version: '2.0.0', extra: CHANGES }),
    });
    const content = loadContent(dir);
    expect(content.problems).toEqual([]);
    expect(content.modules.find((m) => m.id === 'delta')?.changes).toEqual([
      { version: '2.0.0', summary: 'The breach rules changed, and so did the questions about them.' },
      { version: '1.1.0', summary: 'Wording only.' },
    ]);
    expect(content.modules.find((m) => m.id === 'alpha')?.changes).toEqual([]);
  });

  it('refuses a version after the module’s own, a repeated version, and a missing summary', () => {
    const extra = [
      'changes:',
      '  - version: 3.0.0',
      '    summary: Not yet.',
      '  - version: 1.1.0',
      '    summary: Once.',
      '  - version: 1.1.0',
      '    summary: Twice.',
    ].join('\n');
    const dir = writeContent({
      ...goodModules(),
      '04-delta.md': moduleText({ id: 'delta', version: '2.0.0', extra }),
    });
    const problems = loadContent(dir).problems.filter((p) => p.file === 'modules/04-delta.md');
    expect(problems.map((p) => [p.field, p.reason.replace(/ \(line \d+\)$/, '')])).toEqual([
      ['changes[0].version', "is 3.0.0, after the module's own version 2.0.0"],
      ['changes[2].version', 'repeats version 1.1.0; say what changed in each version once'],
    ]);
    const missing = writeContent({
      ...goodModules(),
      '04-delta.md': moduleText({ id: 'delta', version: '2.0.0', extra: 'changes:\n  - version: 2.0.0' }),
    });
    expect(loadContent(missing).problems).toEqual([
      { file: 'modules/04-delta.md', field: 'changes[0].summary', reason: expect.stringMatching(/missing/) },
    ]);
  });

  it('must list the same versions in a translation', () => {
    const dir = writeContent({
      ...goodModules(),
      '04-delta.md': moduleText({ id: 'delta', version: '2.0.0', extra: CHANGES }),
    });
    writeFiles(dir, {
      'locales/fr/modules/04-delta.md': frenchModuleText({
        id: 'delta',
        version: '2.0.0',
        extra: ['changes:', '  - version: 2.0.0', '    summary: Les règles ont changé.'].join('\n'),
      }),
    });
    const problems = loadContent(dir, { locale: 'fr' }).problems;
    expect(problems).toEqual([
      {
        file: 'locales/fr/modules/04-delta.md',
        field: 'changes',
        reason: expect.stringMatching(
          /^says what changed in version\(s\) 2\.0\.0, but the English module modules\/04-delta\.md in 2\.0\.0, 1\.1\.0; a translation translates the same list/,
        ),
      },
    ]);
  });
});

describe('a completion a MAJOR update no longer counts', () => {
  it('shows what changed since the completed version, and the date to retake by, in the learner’s language', async () => {
    let nowMs = Date.parse('2026-01-10T09:00:00.000Z');
    const contentDir = writeContent(goodModules());
    const userDataDir = tempDir('steward-changes-');
    const start = async () => {
      const h = await testServices({ userDataDir, contentDir, now: () => new Date(nowMs) });
      handles.push(h);
      return h.services;
    };
    let s = await start();
    await s.createProfile({ name: 'Amara Okafor', email: 'amara@example.com', team: 'Marketing' });
    await s.startTrainingModule({ moduleId: 'alpha' });
    const quiz = await s.getQuiz({ moduleId: 'alpha' });
    await s.submitQuizAttempt({ moduleId: 'alpha', contentHash: quiz.contentHash, answers: answersFor(6) });
    await s.attestTrainingModule({ moduleId: 'alpha', contentHash: quiz.contentHash, confirmed: true });
    expect((await s.listTrainingModules({})).modules[0]).toMatchObject({ status: 'passed', update: null });

    // The module moves to 2.0.0, saying what changed in 1.1.0 and 2.0.0; French follows.
    const extra = CHANGES;
    fs.writeFileSync(
      path.join(contentDir, 'modules', '01-alpha.md'),
      moduleText({ id: 'alpha', title: 'Alpha basics', version: '2.0.0', extra }),
    );
    writeFiles(contentDir, {
      'locales/fr/modules/01-alpha.md': frenchModuleText({
        id: 'alpha',
        version: '2.0.0',
        extra: [
          'changes:',
          '  - version: 2.0.0',
          '    summary: Les règles sur les violations ont changé.',
          '  - version: 1.1.0',
          '    summary: Rédaction seulement.',
        ].join('\n'),
      }),
    });
    nowMs += 86_400_000;
    const alpha = (await s.listTrainingModules({})).modules.find((m) => m.id === 'alpha');
    expect(alpha).toMatchObject({
      status: 'updated',
      update: {
        completedVersion: '1.0.0',
        changes: [
          { version: '2.0.0', summary: 'The breach rules changed, and so did the questions about them.' },
          { version: '1.1.0', summary: 'Wording only.' },
        ],
        retakeBy: '2027-01-10T09:00:00.000Z',
        late: false,
      },
    });
    // The reader says the same.
    expect((await s.startTrainingModule({ moduleId: 'alpha' })).card.update).toEqual(alpha?.update);

    // In French, the French summaries; a year on, late.
    await s.setLocale({ locale: 'fr' });
    nowMs += 366 * 86_400_000;
    s = await start();
    const fr = (await s.listTrainingModules({})).modules.find((m) => m.id === 'alpha');
    expect(fr?.update).toEqual({
      completedVersion: '1.0.0',
      changes: [
        { version: '2.0.0', summary: 'Les règles sur les violations ont changé.' },
        { version: '1.1.0', summary: 'Rédaction seulement.' },
      ],
      retakeBy: '2027-01-10T09:00:00.000Z',
      late: true,
    });
  });
});
