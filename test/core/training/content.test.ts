// Module validation on real files: one spec per kind of bad file, each naming file + field +
// reason, and the good modules still loading beside it.
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { ContentProblem } from '../../../electron/core/contract/views/training';
import { loadContent, splitSections } from '../../../electron/core/training/content';
import { cleanupTempDirs, goodModules, moduleText, POLICY, writeContent } from './fixtures';

afterEach(cleanupTempDirs);

const good = moduleText({ id: 'delta' });

/** Loads the three good modules plus `name` with `text`; returns the problems of that file. */
function problemsOf(name: string, text: string): ContentProblem[] {
  const dir = writeContent({ ...goodModules(), [name]: text });
  const content = loadContent(dir);
  expect(content.modules.map((m) => m.id)).toEqual(['alpha', 'beta', 'gamma']);
  return content.problems.filter((p) => p.file === `modules/${name}`);
}

describe('good content', () => {
  it('loads modules in file order with sections, quiz, policy defaults and the file hash', () => {
    const files = goodModules();
    const dir = writeContent(files);
    const content = loadContent(dir);
    expect(content.problems).toEqual([]);
    expect(content.modules.map((m) => [m.id, m.file, m.order])).toEqual([
      ['alpha', 'modules/01-alpha.md', 0],
      ['beta', 'modules/02-beta.md', 1],
      ['gamma', 'modules/03-gamma.md', 2],
    ]);
    const [alpha, beta, gamma] = content.modules;
    expect(alpha?.contentHash).toBe(
      createHash('sha256')
        .update(files['01-alpha.md'] as string)
        .digest('hex'),
    );
    expect([alpha?.passMark, beta?.passMark, gamma?.passMark]).toEqual([80, 50, 80]);
    expect([alpha?.recertifyMonths, gamma?.recertifyMonths]).toEqual([12, 6]);
    expect(alpha?.sections.map((s) => [s.id, s.title])).toEqual([
      ['introduction', 'Introduction'],
      ['why-it-matters', 'Why it matters'],
      ['key-takeaways', 'Key takeaways'],
    ]);
    expect(alpha?.sections[1]?.markdown).toContain('## not a heading inside a fence');
    expect(alpha?.quiz[0]).toMatchObject({ id: 'q1', type: 'multiple', reference: 'GDPR Art. 4(1)' });
    expect(alpha?.quiz[0]?.options.filter((o) => o.correct).map((o) => o.id)).toEqual(['a', 'c']);
    expect(alpha?.quiz[1]?.reference).toBeNull();
  });

  it('splits sections at ## headings, slugs ids uniquely, and skips an empty introduction', () => {
    const s = splitSections('## Café & crème\ntext\n## Café & Crème\nmore\n### sub\nstill more');
    expect(s.map((x) => x.id)).toEqual(['cafe-creme', 'cafe-creme-2']);
    expect(s[1]?.markdown).toBe('more\n### sub\nstill more');
  });

  it('is cached until a file changes, and picks the change up', () => {
    const dir = writeContent(goodModules());
    const first = loadContent(dir);
    expect(loadContent(dir)).toBe(first);
    const file = path.join(dir, 'modules', '02-beta.md');
    fs.writeFileSync(file, moduleText({ id: 'beta', title: 'Beta, revised edition', version: '2.0.0' }));
    const second = loadContent(dir);
    expect(second).not.toBe(first);
    expect(second.modules[1]).toMatchObject({ title: 'Beta, revised edition', version: '2.0.0' });
    fs.rmSync(file);
    expect(loadContent(dir).modules.map((m) => m.id)).toEqual(['alpha', 'gamma']);
  });
});

describe('each kind of bad file is unavailable, naming file, field and reason', () => {
  it('bad YAML', () => {
    const text = good.replace('minutes: 10', 'minutes: [10');
    expect(problemsOf('04-delta.md', text)).toEqual([
      {
        file: 'modules/04-delta.md',
        field: null,
        reason: expect.stringMatching(/YAML cannot be read.*\(line \d+\)/),
      },
    ]);
  });

  it('no frontmatter at all', () => {
    expect(problemsOf('04-delta.md', '# Just markdown\n\n## A\n\n## B\n')).toEqual([
      {
        file: 'modules/04-delta.md',
        field: null,
        reason: expect.stringMatching(/must start with frontmatter/),
      },
    ]);
  });

  it('a missing field', () => {
    expect(problemsOf('04-delta.md', good.replace(/^summary: .*\n/m, ''))).toEqual([
      { file: 'modules/04-delta.md', field: 'summary', reason: 'is required but missing' },
    ]);
  });

  it('an unknown field (a typo is not ignored)', () => {
    const text = good.replace('minutes: 10', 'minutes: 10\nminuts: 12');
    expect(problemsOf('04-delta.md', text)).toEqual([
      {
        file: 'modules/04-delta.md',
        field: 'minuts',
        reason: 'is not a known field (check the spelling) (line 6)',
      },
    ]);
  });

  it('an unknown field inside a question', () => {
    const text = good.replace(
      '    explanation: Explanation 3.',
      '    explanation: Explanation 3.\n    hints: no',
    );
    expect(problemsOf('04-delta.md', text)).toEqual([
      {
        file: 'modules/04-delta.md',
        field: 'quiz[2].hints',
        reason: expect.stringMatching(/not a known field/),
      },
    ]);
  });

  it('a question with no correct answer', () => {
    // q2: its only correct option is b.
    const text = good.replace(
      '  - id: q2\n    type: single\n    prompt: Scenario 2. What should you do?\n    options:\n      - id: a\n        text: Ship it.\n      - id: b\n        text: Ask for a review.\n        correct: true',
      '  - id: q2\n    type: single\n    prompt: Scenario 2. What should you do?\n    options:\n      - id: a\n        text: Ship it.\n      - id: b\n        text: Ask for a review.',
    );
    expect(text).not.toBe(good);
    expect(problemsOf('04-delta.md', text)).toEqual([
      {
        file: 'modules/04-delta.md',
        field: 'quiz[1].options',
        reason: expect.stringMatching(
          /^has no correct option; mark the right one with `correct: true` \(line \d+\)$/,
        ),
      },
    ]);
  });

  it('a single-answer question with two correct options', () => {
    const text = good.replace(
      'Scenario 4. What should you do?\n    options:\n      - id: a\n        text: Ship it.',
      'Scenario 4. What should you do?\n    options:\n      - id: a\n        text: Ship it.\n        correct: true',
    );
    expect(text).not.toBe(good);
    expect(problemsOf('04-delta.md', text)).toEqual([
      {
        file: 'modules/04-delta.md',
        field: 'quiz[3].options',
        reason: expect.stringMatching(/exactly one correct option, but 2 are marked correct/),
      },
    ]);
  });

  it('duplicate option ids in a question', () => {
    const text = good.replace(
      'Scenario 5. What should you do?\n    options:\n      - id: a\n        text: Ship it.\n      - id: b',
      'Scenario 5. What should you do?\n    options:\n      - id: a\n        text: Ship it.\n      - id: a',
    );
    expect(text).not.toBe(good);
    const problems = problemsOf('04-delta.md', text);
    expect(problems).toContainEqual({
      file: 'modules/04-delta.md',
      field: 'quiz[4].options[1].id',
      reason: expect.stringMatching(/repeats the option id "a"; option ids must be unique/),
    });
  });

  it('duplicate question ids in a module', () => {
    const text = good.replace('  - id: q6', '  - id: q5');
    expect(problemsOf('04-delta.md', text)).toEqual([
      {
        file: 'modules/04-delta.md',
        field: 'quiz[5].id',
        reason: expect.stringMatching(/repeats the question id "q5"; question ids must be unique/),
      },
    ]);
  });

  it('too few questions', () => {
    expect(problemsOf('04-delta.md', moduleText({ id: 'delta', questions: 5 }))).toEqual([
      {
        file: 'modules/04-delta.md',
        field: 'quiz',
        reason: expect.stringMatching(/^needs at least 6 questions/),
      },
    ]);
  });

  it('too few sections', () => {
    const text = good.slice(0, good.indexOf('---\nSome words')) + '---\nOnly an introduction, no headings.\n';
    expect(problemsOf('04-delta.md', text)).toEqual([
      {
        file: 'modules/04-delta.md',
        field: 'body',
        reason: expect.stringMatching(/at least 2 sections.*found 1/),
      },
    ]);
  });

  it('a bad version', () => {
    for (const [version, reason] of [
      ['1.0', /version like 1\.0\.0/],
      ['"1.0"', /version like 1\.0\.0/],
      ['v1.0.0', /version like 1\.0\.0/],
    ] as const) {
      const problems = problemsOf('04-delta.md', good.replace('version: 1.0.0', `version: ${version}`));
      expect(problems).toEqual([
        { file: 'modules/04-delta.md', field: 'version', reason: expect.stringMatching(reason) },
      ]);
    }
  });

  it('out-of-range numbers and a bad id', () => {
    const text = good
      .replace('minutes: 10', 'minutes: 0')
      .replace('id: delta', 'id: Delta_Module')
      .replace('attestation:', 'passMark: 101\nrecertifyMonths: 61\nattestation:');
    const problems = problemsOf('04-delta.md', text);
    expect(problems.map((p) => p.field).sort()).toEqual(['id', 'minutes', 'passMark', 'recertifyMonths']);
    expect(problems.find((p) => p.field === 'minutes')?.reason).toMatch(/from 1 to 120/);
    expect(problems.find((p) => p.field === 'passMark')?.reason).toMatch(/from 1 to 100/);
    expect(problems.find((p) => p.field === 'recertifyMonths')?.reason).toMatch(/from 1 to 60/);
  });

  it('duplicate module ids across files: the later file is unavailable, naming the other', () => {
    const problems = problemsOf('04-alpha-again.md', moduleText({ id: 'alpha', title: 'Imposter' }));
    expect(problems).toEqual([
      {
        file: 'modules/04-alpha-again.md',
        field: 'id',
        reason: expect.stringMatching(/"alpha" is already used by modules\/01-alpha\.md/),
      },
    ]);
    const content = loadContent(
      writeContent({ ...goodModules(), '00-alpha-first.md': moduleText({ id: 'alpha', title: 'First' }) }),
    );
    // By file name, 00- comes first: that one wins and 01-alpha.md is the duplicate.
    expect(content.modules.find((m) => m.id === 'alpha')?.title).toBe('First');
    expect(content.problems).toContainEqual(
      expect.objectContaining({ file: 'modules/01-alpha.md', field: 'id' }),
    );
  });

  it('a bad file name', () => {
    for (const name of ['delta.md', '4-delta.md', '04_delta.md', '04-Delta.md', '04-delta.markdown']) {
      expect(problemsOf(name, good)).toEqual([
        { file: `modules/${name}`, field: null, reason: expect.stringMatching(/NN-slug\.md/) },
      ]);
    }
  });
});

describe('policy against the modules', () => {
  it('reports a required module id that no file defines, with the field path', () => {
    const policy = POLICY.replace('Marketing: [beta]', 'Marketing: [beta, epsilon]');
    const content = loadContent(writeContent(goodModules(), policy));
    expect(content.problems).toEqual([
      {
        file: 'policy.yaml',
        field: 'required.teams.Marketing[1]',
        reason: expect.stringMatching(
          /names the module "epsilon", but no file in modules\/ has that id \(line 9\)/,
        ),
      },
    ]);
  });

  it('a broken module is unavailable by its id, without being reported as missing from policy', () => {
    const files = { ...goodModules(), '01-alpha.md': moduleText({ id: 'alpha', questions: 2 }) };
    const content = loadContent(writeContent(files));
    expect(content.modules.map((m) => m.id)).toEqual(['beta', 'gamma']);
    expect(content.unavailable.get('alpha')).toEqual([
      { file: 'modules/01-alpha.md', field: 'quiz', reason: expect.stringMatching(/at least 6/) },
    ]);
    expect(content.problems.filter((p) => p.file === 'policy.yaml')).toEqual([]);
  });
});
