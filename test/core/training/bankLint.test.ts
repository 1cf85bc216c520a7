// The bank lint (what `steward content check` measures) and the learner it is there to stop: on
// the shipped content, a learner who always picks the longest option fails every module in
// every draw, graded by the real draw and grading; the near-duplicate threshold catches the four
// repeats the issue named (kept as a fixture from the modules on main before content-all) and nothing shipped.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  BANK_THRESHOLDS,
  bankFigures,
  jaccard,
  lintBanks,
  questionText,
  rightIsLongest,
  shinglesOf,
} from '../../../electron/core/training/bankLint';
import { loadContent, type TrainingModule } from '../../../electron/core/training/content';
import { gradeAttempt } from '../../../electron/core/training/grading';
import { canonicalContentHash, drawQuiz } from '../../../electron/core/training/shuffle';
import { CONTENT_DIR } from '../../support/moduleKey';
import { bankModules, cleanupTempDirs, goodModules, writeContent } from './fixtures';

afterEach(cleanupTempDirs);

const option = (text: string, correct = false) => ({ id: text.slice(0, 8), text, correct, feedback: null });

describe('the measures', () => {
  it('counts the right option as longest only when strictly longer than every other', () => {
    expect(rightIsLongest({ options: [option('short'), option('the right one', true)] })).toBe(true);
    expect(rightIsLongest({ options: [option('equal length!'), option('the right one', true)] })).toBe(false);
    // Whitespace runs count once: line-wrapped YAML does not make an option longer.
    expect(rightIsLongest({ options: [option('a  b   c  d  e'), option('abcdefg', true)] })).toBe(false);
  });

  it('compares questions by the word 3-shingles of prompt and options, in any script', () => {
    expect([...shinglesOf('Le RGPD, art. 7(3) : retirer')]).toEqual([
      'le rgpd art',
      'rgpd art 7',
      'art 7 3',
      '7 3 retirer',
    ]);
    const a = shinglesOf('one two three four');
    expect(jaccard(a, a)).toBe(1);
    expect(jaccard(a, shinglesOf('five six seven'))).toBe(0);
    expect(jaccard(a, shinglesOf('one two three five'))).toBeCloseTo(1 / 3);
    expect(questionText({ prompt: 'P?', options: [option('x'), option('y')] })).toBe('P?\nx\ny');
  });
});

describe('lintBanks', () => {
  it('reports thin topics, a length cue and a position cue in a module of one-question topics', () => {
    const content = loadContent(writeContent(goodModules()));
    const alpha = content.modules[0] as TrainingModule;
    expect(bankFigures(alpha)).toMatchObject({
      questions: 6,
      asked: 6,
      singleAnswer: 5,
      longestCorrect: 5,
      longestShare: 1,
      positions: [0, 5],
      maxPositionShare: 1,
    });
    const problems = lintBanks([alpha]).problems.map((p) => p.reason);
    expect(problems).toEqual([
      expect.stringMatching(
        /^the bank has 6 questions for 6 asked per attempt; every topic needs at least 2/,
      ),
      expect.stringMatching(/^in 5 of 5 single-answer questions \(100%\) the right option is the longest/),
      expect.stringMatching(/^in 5 of 5 single-answer questions \(100%\) the right option is option 2/),
    ]);
  });

  it('passes a bank of topics of two with balanced options', () => {
    const content = loadContent(writeContent(bankModules()));
    expect(lintBanks(content.modules).problems).toEqual([]);
  });

  it('catches the four repeats the issue named, and the closest shipped pair is below the threshold', () => {
    type Q = { module: string; question: string; prompt: string; options: string[] };
    const pairs = JSON.parse(
      fs.readFileSync(path.join(import.meta.dirname, 'fixtures', 'issue16-repeats.json'), 'utf8'),
    ) as [Q, Q][];
    const similarity = ([a, b]: [Q, Q]) =>
      jaccard(
        shinglesOf([a.prompt, ...a.options].join('\n')),
        shinglesOf([b.prompt, ...b.options].join('\n')),
      );
    const named = pairs.map((p) => `${p[0].module} ${p[0].question} / ${p[1].module} ${p[1].question}`);
    expect(named).toEqual([
      'modules/02-peoples-rights.md q1 / modules/06-transparency-and-control.md q7',
      'modules/01-law-in-practice.md q7 / modules/07-governance-and-accountability.md q4',
      'modules/03-minimisation-and-purpose.md q4 / modules/05-privacy-by-design.md q1',
      'modules/02-peoples-rights.md q5 / modules/06-transparency-and-control.md q5',
    ]);
    for (const pair of pairs) expect(similarity(pair)).toBeGreaterThan(BANK_THRESHOLDS.maxQuestionSimilarity);
    const shipped = lintBanks(loadContent(CONTENT_DIR).modules);
    expect(shipped.duplicates).toEqual([]);
    expect(shipped.closest?.similarity).toBeLessThanOrEqual(BANK_THRESHOLDS.maxQuestionSimilarity);
  });

  it('finds nothing to report in the shipped content, English and French', () => {
    const content = loadContent(CONTENT_DIR);
    const lint = lintBanks(content.modules, content.translations);
    expect(lint.problems).toEqual([]);
    expect(lint.modules).toHaveLength(18);
    for (const f of lint.modules) {
      expect(f.questions, f.file).toBeGreaterThanOrEqual(2 * f.asked);
      expect(f.asked, f.file).toBe(8);
    }
  });
});

// ---- the test-wise learner ---------------------------------------------------------------------

/** Always the longest option (the first of equals in the order shown); one option on multiple-answer questions too. */
function longestLearner(m: TrainingModule, draw: ReturnType<typeof drawQuiz>): Record<string, string[]> {
  const answers: Record<string, string[]> = {};
  for (const qid of draw.questions) {
    const q = m.quiz.find((x) => x.id === qid) as TrainingModule['quiz'][number];
    let best = '';
    let length = -1;
    for (const oid of draw.options.get(qid) ?? []) {
      const text = q.options.find((o) => o.id === oid)?.text ?? '';
      const len = text.replace(/\s+/g, ' ').trim().length;
      if (len > length) [best, length] = [oid, len];
    }
    answers[qid] = [best];
  }
  return answers;
}

/** How often the longest-option learner passes `m` over `learners` people and their first two attempts. */
function longestLearnerPasses(m: TrainingModule, learners: number): { passes: number; attempts: number } {
  let passes = 0;
  let attempts = 0;
  for (let p = 0; p < learners; p++) {
    for (let attempt = 1; attempt <= 2; attempt++) {
      const key = {
        profileId: `learner-${p}`,
        moduleId: m.id,
        contentHash: canonicalContentHash(m),
        attempt,
      };
      const draw = drawQuiz(m, key);
      const grade = gradeAttempt(m, longestLearner(m, draw), draw.questions);
      attempts++;
      if (grade.passed) passes++;
    }
  }
  return { passes, attempts };
}

describe('a learner who always picks the longest option', () => {
  it('fails every shipped module, English and French, in every one of 400 draws', () => {
    const content = loadContent(CONTENT_DIR);
    const editions = [...content.modules, ...content.translations];
    expect(editions).toHaveLength(18);
    for (const m of editions)
      expect(longestLearnerPasses(m, 200), m.file).toEqual({ passes: 0, attempts: 400 });
  });

  it('passes a module whose right option is always the longest (so the check above can fail)', () => {
    const alpha = loadContent(writeContent(goodModules())).modules[0] as TrainingModule;
    expect(longestLearnerPasses(alpha, 50)).toEqual({ passes: 100, attempts: 100 });
  });
});
