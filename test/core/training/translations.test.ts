// Translations on real files: content/locales/<lang>/modules/NN-slug.md is shown instead of its
// English module when it matches it in everything but the words; any other difference is
// reported (file, field, line) and the English module is shown.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ContentProblem } from '../../../electron/core/contract/views/training';
import { loadContent, resolveContentLocale } from '../../../electron/core/training/content';
import {
  cleanupTempDirs,
  frenchModuleText,
  goodModules,
  moduleText,
  writeContent,
  writeFiles,
} from './fixtures';

afterEach(cleanupTempDirs);

const sha = (text: string) => createHash('sha256').update(text).digest('hex');
const FR_ALPHA = 'locales/fr/modules/01-alpha.md';

/**
 * The three good modules plus the given files; checks the module `id` is still shown in English
 * for a French reader and returns the problems of `file`.
 */
function problemsOf(files: Record<string, string>, file: string, id = 'alpha'): ContentProblem[] {
  const dir = writeContent(goodModules());
  writeFiles(dir, files);
  const content = loadContent(dir, { locale: 'fr' });
  expect(content.modules.map((m) => m.id)).toEqual(['alpha', 'beta', 'gamma']);
  const shown = content.modules.find((m) => m.id === id);
  expect(shown).toMatchObject({ locale: 'en', file: expect.stringMatching(/^modules\//) });
  expect(shown?.contentHashes).toEqual([shown?.contentHash]);
  expect(content.translations.filter((t) => t.id === id)).toEqual([]);
  return content.problems.filter((p) => p.file === file);
}

describe('a valid translation', () => {
  it('is shown to a French reader; untranslated modules fall back to English', () => {
    const fr = frenchModuleText({ id: 'alpha' });
    const dir = writeContent(goodModules());
    writeFiles(dir, { [FR_ALPHA]: fr });
    const content = loadContent(dir, { locale: 'fr' });
    expect(content.problems).toEqual([]);
    expect(content.locale).toBe('fr');
    expect(content.modules.map((m) => [m.id, m.locale, m.file, m.order])).toEqual([
      ['alpha', 'fr', FR_ALPHA, 0],
      ['beta', 'en', 'modules/02-beta.md', 1],
      ['gamma', 'en', 'modules/03-gamma.md', 2],
    ]);
    const alpha = content.modules[0]!;
    expect(alpha.title).toBe('Module alpha (fr)');
    expect(alpha.sections.map((s) => s.title)).toEqual([
      'Introduction',
      "Pourquoi c'est important",
      "L'essentiel",
    ]);
    expect(alpha.quiz[1]?.prompt).toBe('Situation 2. Que faites-vous ?');
    expect(alpha.quiz[0]?.options.filter((o) => o.correct).map((o) => o.id)).toEqual(['a', 'c']);
    const enHash = sha(goodModules()['01-alpha.md']!);
    expect(alpha.contentHash).toBe(sha(fr));
    expect(alpha.contentHashes).toEqual([enHash, sha(fr)]);
    expect(content.translations.map((t) => [t.file, t.locale, t.id, t.version])).toEqual([
      [FR_ALPHA, 'fr', 'alpha', '1.0.0'],
    ]);
    expect(content.editions.get(enHash)).toMatchObject({ id: 'alpha', locale: 'en' });
    expect(content.editions.get(sha(fr))).toBe(alpha);
  });

  it('is known to an English reader too: the English module accepts both hashes', () => {
    const fr = frenchModuleText({ id: 'alpha' });
    const dir = writeContent(goodModules());
    writeFiles(dir, { [FR_ALPHA]: fr });
    const content = loadContent(dir);
    expect(content.locale).toBe('en');
    expect(content.modules[0]).toMatchObject({ locale: 'en', title: 'Alpha basics' });
    expect(content.modules[0]?.contentHashes).toEqual([sha(goodModules()['01-alpha.md']!), sha(fr)]);
    expect(content.translations).toHaveLength(1);
  });

  it('picks the folder by tag, then language, else English', () => {
    expect(resolveContentLocale('fr', ['fr'])).toBe('fr');
    expect(resolveContentLocale('fr-CA', ['fr'])).toBe('fr');
    expect(resolveContentLocale('fr_CA', ['fr', 'fr-ca'])).toBe('fr-ca');
    expect(resolveContentLocale('de-DE', ['fr'])).toBe('en');
    expect(resolveContentLocale('en-GB', ['fr'])).toBe('en');
    expect(resolveContentLocale(undefined, ['fr'])).toBe('en');
    expect(resolveContentLocale('', ['fr'])).toBe('en');
  });

  it('is cached per locale until a file changes', () => {
    const dir = writeContent(goodModules());
    writeFiles(dir, { [FR_ALPHA]: frenchModuleText({ id: 'alpha' }) });
    const fr = loadContent(dir, { locale: 'fr' });
    const en = loadContent(dir, { locale: 'en' });
    expect(loadContent(dir, { locale: 'fr-FR' })).toBe(fr);
    expect(loadContent(dir)).toBe(en);
    writeFiles(dir, { [FR_ALPHA]: frenchModuleText({ id: 'alpha', title: 'Alpha, nouvelle édition' }) });
    const again = loadContent(dir, { locale: 'fr' });
    expect(again).not.toBe(fr);
    expect(again.modules[0]?.title).toBe('Alpha, nouvelle édition');
    fs.rmSync(path.join(dir, FR_ALPHA));
    expect(loadContent(dir, { locale: 'fr' }).modules[0]?.locale).toBe('en');
  });
});

describe('a translation that does not match its English module is reported and not used', () => {
  it('a different version (the English module moved on)', () => {
    expect(problemsOf({ [FR_ALPHA]: frenchModuleText({ id: 'alpha', version: '0.9.0' }) }, FR_ALPHA)).toEqual(
      [
        {
          file: FR_ALPHA,
          field: 'version',
          reason:
            'is 0.9.0, but the English module modules/01-alpha.md is at 1.0.0; bring the translation up to date and set its version to 1.0.0 (until then the English module is shown) (line 4)',
        },
      ],
    );
  });

  it('a different id', () => {
    expect(problemsOf({ [FR_ALPHA]: frenchModuleText({ id: 'alpha-fr' }) }, FR_ALPHA)).toEqual([
      {
        file: FR_ALPHA,
        field: 'id',
        reason: expect.stringMatching(
          /^is "alpha-fr", but .* has the id "alpha"; a translation keeps the id \(line 2\)$/,
        ),
      },
    ]);
  });

  it('different question ids', () => {
    const text = frenchModuleText({ id: 'alpha' }).replace('  - id: q6', '  - id: q9');
    expect(problemsOf({ [FR_ALPHA]: text }, FR_ALPHA)).toEqual([
      {
        file: FR_ALPHA,
        field: 'quiz',
        reason: expect.stringMatching(/^lacks the question\(s\) q6 .*\(line 9\)$/),
      },
      {
        file: FR_ALPHA,
        field: 'quiz[5].id',
        reason: expect.stringMatching(/^is "q9", but .* has no question with that id \(line \d+\)$/),
      },
    ]);
  });

  it('an extra question', () => {
    const text = frenchModuleText({ id: 'alpha', questions: 7 });
    expect(problemsOf({ [FR_ALPHA]: text }, FR_ALPHA)).toEqual([
      { file: FR_ALPHA, field: 'quiz[6].id', reason: expect.stringMatching(/^is "q7", but/) },
    ]);
  });

  it('different option ids', () => {
    const text = frenchModuleText({ id: 'alpha' }).replace(
      'Situation 2. Que faites-vous ?\n    options:\n      - id: a',
      'Situation 2. Que faites-vous ?\n    options:\n      - id: z',
    );
    expect(problemsOf({ [FR_ALPHA]: text }, FR_ALPHA)).toEqual([
      {
        file: FR_ALPHA,
        field: 'quiz[1].options',
        reason: expect.stringMatching(/^lacks the option\(s\) a of question q2/),
      },
      {
        file: FR_ALPHA,
        field: 'quiz[1].options[0].id',
        reason: expect.stringMatching(/^is "z", but question q2/),
      },
    ]);
  });

  it('different correct answers', () => {
    const text = frenchModuleText({ id: 'alpha' }).replace(
      'Situation 3. Que faites-vous ?\n    options:\n      - id: a\n        text: On livre.\n      - id: b\n        text: Demander une revue.\n        correct: true',
      'Situation 3. Que faites-vous ?\n    options:\n      - id: a\n        text: On livre.\n        correct: true\n      - id: b\n        text: Demander une revue.',
    );
    const problems = problemsOf({ [FR_ALPHA]: text }, FR_ALPHA);
    expect(problems.map((p) => p.field)).toEqual([
      'quiz[2].options[0].correct',
      'quiz[2].options[1].correct',
    ]);
    expect(problems[0]?.reason).toMatch(
      /^marks option a of question q3 as correct, but it is not correct in the English module; a translation keeps the answers \(line \d+\)$/,
    );
    expect(problems[1]?.reason).toMatch(/^marks option b of question q3 as not correct, but it is correct/);
  });

  it('a different question type', () => {
    const text = frenchModuleText({ id: 'alpha' }).replace(
      '  - id: q2\n    type: single',
      '  - id: q2\n    type: multiple',
    );
    expect(problemsOf({ [FR_ALPHA]: text }, FR_ALPHA)).toEqual([
      {
        file: FR_ALPHA,
        field: 'quiz[1].type',
        reason: expect.stringMatching(
          /^is multiple, but question q2 is single in the English module \(line \d+\)$/,
        ),
      },
    ]);
  });

  it('a different pass mark (the English module sets its own)', () => {
    const file = 'locales/fr/modules/02-beta.md';
    expect(problemsOf({ [file]: frenchModuleText({ id: 'beta' }) }, file, 'beta')).toEqual([
      {
        file,
        field: 'passMark',
        reason: expect.stringMatching(/^gives a pass mark of 80%, but the English module's is 50%/),
      },
    ]);
  });

  it('a different number of sections', () => {
    const text = frenchModuleText({ id: 'alpha' }).replace("## L'essentiel", "L'essentiel :");
    expect(problemsOf({ [FR_ALPHA]: text }, FR_ALPHA)).toEqual([
      {
        file: FR_ALPHA,
        field: 'body',
        reason: expect.stringMatching(
          /^has 2 sections, but the English module modules\/01-alpha\.md has 3; .*\(the body starts on line \d+\)$/,
        ),
      },
    ]);
  });

  it('bad frontmatter, reported like any module', () => {
    const text = frenchModuleText({ id: 'alpha' }).replace('minutes: 10', 'minutes: 10\nminuts: 12');
    expect(problemsOf({ [FR_ALPHA]: text }, FR_ALPHA)).toEqual([
      { file: FR_ALPHA, field: 'minuts', reason: 'is not a known field (check the spelling) (line 6)' },
    ]);
    const broken = frenchModuleText({ id: 'alpha' }).replace('minutes: 10', 'minutes: [10');
    expect(problemsOf({ [FR_ALPHA]: broken }, FR_ALPHA)).toEqual([
      { file: FR_ALPHA, field: null, reason: expect.stringMatching(/YAML cannot be read.*\(line \d+\)/) },
    ]);
  });

  it('no English original', () => {
    const file = 'locales/fr/modules/09-omega.md';
    expect(problemsOf({ [file]: frenchModuleText({ id: 'omega' }) }, file)).toEqual([
      {
        file,
        field: null,
        reason:
          'has no English original: a translation has the same file name as the module it translates, and there is no modules/09-omega.md',
      },
    ]);
  });

  it('an English original that is itself unavailable', () => {
    const dir = writeContent({
      ...goodModules(),
      '02-beta.md': moduleText({ id: 'beta' }).replace('minutes: 10', 'minutes: 0'),
    });
    writeFiles(dir, { 'locales/fr/modules/02-beta.md': frenchModuleText({ id: 'beta' }) });
    const content = loadContent(dir, { locale: 'fr' });
    expect(content.modules.map((m) => m.id)).toEqual(['alpha', 'gamma']);
    expect(content.problems.filter((p) => p.file.startsWith('locales/'))).toEqual([
      {
        file: 'locales/fr/modules/02-beta.md',
        field: null,
        reason: 'is not used while its English original modules/02-beta.md has problems; fix that file first',
      },
    ]);
  });

  it('badly named locale folders, and locales/en', () => {
    const dir = writeContent(goodModules());
    writeFiles(dir, {
      'locales/French/modules/01-alpha.md': frenchModuleText({ id: 'alpha' }),
      'locales/en/modules/01-alpha.md': moduleText({ id: 'alpha' }),
      'locales/notes.txt': 'x',
    });
    const content = loadContent(dir, { locale: 'French' });
    expect(content.locale).toBe('en');
    expect(content.translations).toEqual([]);
    expect(content.problems.map((p) => [p.file, p.field])).toEqual([
      ['locales/French', null],
      ['locales/en', null],
      ['locales/notes.txt', null],
    ]);
    expect(content.problems[1]?.reason).toMatch(/English is the language of modules\/ itself/);
  });

  it('a problem in one translation leaves the other languages and modules alone', () => {
    const dir = writeContent(goodModules());
    writeFiles(dir, {
      [FR_ALPHA]: frenchModuleText({ id: 'alpha', version: '0.9.0' }),
      'locales/fr/modules/03-gamma.md': frenchModuleText({ id: 'gamma', recertifyMonths: 6 }),
      'locales/de/modules/01-alpha.md': frenchModuleText({ id: 'alpha', title: 'Alpha (de)' }),
    });
    const fr = loadContent(dir, { locale: 'fr' });
    expect(fr.modules.map((m) => [m.id, m.locale])).toEqual([
      ['alpha', 'en'],
      ['beta', 'en'],
      ['gamma', 'fr'],
    ]);
    expect(fr.problems.map((p) => [p.file, p.field])).toEqual([[FR_ALPHA, 'version']]);
    expect(loadContent(dir, { locale: 'de' }).modules[0]).toMatchObject({
      locale: 'de',
      title: 'Alpha (de)',
    });
    // The English alpha accepts its own hash and the German one, not the stale French one.
    expect(fr.modules[0]?.contentHashes).toHaveLength(2);
  });
});
