// Question banks through the real services: an attempt asks one question per topic, reopening
// shows the same quiz, a retry asks other variants, answers to questions not asked are refused,
// and a failed attempt tells the learner what was wrong without giving away the right option
// (checked by what the page can get, which must not depend on which option is right).
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Services } from '../../../electron/core/contract/methods';
import type { ServiceHandle } from '../../../electron/core/services';
import { answersFor as realAnswers, readModuleKey } from '../../support/moduleKey';
import { tempServices, testServices, type TempServices } from '../../support/services';
import { cleanupTempDirs, POLICY, tempDir, writeContent } from './fixtures';

const amara = { name: 'Amara Okafor', email: 'amara@example.com', team: 'Marketing' };
const open: TempServices[] = [];
const handles: ServiceHandle[] = [];
afterEach(async () => {
  for (const t of open.splice(0)) await t.close();
  for (const h of handles.splice(0)) await h.close();
  cleanupTempDirs();
});

describe('a real module is a bank: one question per topic, other variants on a retry', () => {
  it('asks 8 of 16, the same on reopening, other variants after a fail, and refuses unasked answers', async () => {
    const t = await tempServices({ prefix: 'steward-bank-' });
    open.push(t);
    const s = t.services;
    await s.createProfile(amara);
    const moduleId = 'consent-done-right';
    const key = readModuleKey(moduleId, t.contentDir);
    const topicOf = new Map(
      // The topic of each question, read from the file as the learner cannot.
      key.questions.map((q) => [q.id, topicsFromFile(t.contentDir, key.file).get(q.id)]),
    );
    const opened = await s.startTrainingModule({ moduleId });
    expect(opened.questionCount).toBe(8);

    const quiz1 = await s.getQuiz({ moduleId });
    const asked1 = quiz1.questions.map((q) => q.id);
    expect(asked1).toHaveLength(8);
    expect(new Set(asked1.map((id) => topicOf.get(id))).size).toBe(8);
    expect(await s.getQuiz({ moduleId })).toEqual(quiz1); // reopening shows the same quiz

    // Answering the whole bank is refused: only the questions asked are graded.
    const everything = realAnswers(key, 'right');
    await expect(
      s.submitQuizAttempt({ moduleId, contentHash: quiz1.contentHash, answers: everything }),
    ).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      reasons: [{ code: 'quiz.notAsked', params: { count: 8 } }],
    });

    const fail = await s.submitQuizAttempt({
      moduleId,
      contentHash: quiz1.contentHash,
      answers: realAnswers(key, 'wrong', asked1),
    });
    expect(fail).toMatchObject({ total: 8, correctCount: 0, passed: false, revealed: false });
    expect(fail.questions.map((q) => q.id)).toEqual(asked1);
    for (const q of fail.questions) {
      expect(q.hint, `${q.id} has a hint`).toEqual(expect.any(String));
      expect(q.wrongChoices).toHaveLength(1);
      expect(q.wrongChoices[0]?.feedback, `${q.id} says why`).toEqual(expect.any(String));
      expect(q.answer).toBeNull();
    }

    const quiz2 = await s.getQuiz({ moduleId });
    expect(quiz2.attempt).toBe(2);
    const asked2 = quiz2.questions.map((q) => q.id);
    // Every topic of the shipped modules has two variants: the retry asks none of the first eight.
    expect(asked2.filter((id) => asked1.includes(id))).toEqual([]);
    expect(new Set(asked2.map((id) => topicOf.get(id)))).toEqual(
      new Set(asked1.map((id) => topicOf.get(id))),
    );
    const pass = await s.submitQuizAttempt({
      moduleId,
      contentHash: quiz2.contentHash,
      answers: realAnswers(key, 'right', asked2),
    });
    expect(pass).toMatchObject({ attempt: 2, score: 100, passed: true, revealed: true });
    for (const q of pass.questions) expect(q.answer?.explanation).toEqual(expect.any(String));
  });
});

function topicsFromFile(contentDir: string, file: string): Map<string, string> {
  const text = fs.readFileSync(path.join(contentDir, 'modules', file), 'utf8');
  const out = new Map<string, string>();
  for (const m of text.matchAll(/^ {2}- id: (\S+)\n {4}topic: (\S+)$/gm)) out.set(m[1]!, m[2]!);
  return out;
}

// ---- what a failed attempt gives away -------------------------------------------------------------

/**
 * A module of six single-answer questions (each its own topic) whose q2 has its right option at
 * `right`. Everything that is tied to the key differs with it: the explanation names the right
 * option, and each wrong option's feedback names that option.
 */
function keyedModule(right: 'b' | 'c'): string {
  const quiz: string[] = [];
  for (let i = 1; i <= 6; i++) {
    const correct = i === 2 ? right : 'b';
    quiz.push(
      `  - id: q${i}`,
      '    type: single',
      `    prompt: Scenario ${i}. What should you do?`,
      `    hint: Reread section ${i}.`,
      '    options:',
      ...['a', 'b', 'c'].flatMap((o) => [
        `      - id: ${o}`,
        `        text: Option ${o}.`,
        ...(o === correct ? ['        correct: true'] : [`        feedback: ${o} is not it (${right}).`]),
      ]),
      `    explanation: The answer is ${correct}, because of ${right}.`,
      `    reference: Reference ${right}`,
    );
  }
  // The feedback of the option the learner picks (a) is the same whichever option is right.
  const text = [
    '---',
    'id: alpha',
    'title: Alpha basics',
    'version: 1.0.0',
    'minutes: 10',
    'audience: [everyone]',
    'summary: What alpha is about.',
    'attestation: I have read alpha and will apply it.',
    'quiz:',
    ...quiz,
    '---',
    '## Why it matters',
    '',
    'Because people trust us.',
    '',
    '## Key takeaways',
    '',
    '- Ask first.',
    '',
  ].join('\n');
  return text.replace(/feedback: a is not it \([bc]\)\./g, 'feedback: a is not it.');
}

/** Everything the page can get after a failed attempt, with hashes and ids made comparable. */
async function whatThePageGets(right: 'b' | 'c', revealAnswers: string) {
  const contentDir = writeContent(
    { '01-alpha.md': keyedModule(right) },
    POLICY.replace('retakeOn: major', `retakeOn: major\nrevealAnswers: ${revealAnswers}`),
  );
  const h = await testServices({
    userDataDir: tempDir('steward-bank-leak-'),
    contentDir,
    now: () => new Date('2026-01-10T09:00:00.000Z'),
  });
  handles.push(h);
  const s: Services = h.services;
  const me = await s.createProfile(amara);
  await s.startTrainingModule({ moduleId: 'alpha' });
  const quiz = await s.getQuiz({ moduleId: 'alpha' });
  // q2 wrong (a), the rest right: 5 of 6 = 83%, a pass at 80%; q1 wrong too makes it a fail.
  const answers = Object.fromEntries(
    quiz.questions.map((q) => [q.id, [q.id === 'q1' || q.id === 'q2' ? 'a' : 'b']]),
  );
  const result = await s.submitQuizAttempt({ moduleId: 'alpha', contentHash: quiz.contentHash, answers });
  const after = {
    result,
    quiz: await s.getQuiz({ moduleId: 'alpha' }),
    catalogue: await s.listTrainingModules({}),
    module: await s.startTrainingModule({ moduleId: 'alpha' }),
    records: await s.getRecords({}),
  };
  // The content hash, entry hashes, ids and times differ between the two folders; the order of
  // questions and options is seeded by the content hash. None of that says which option is right.
  const normalised = JSON.parse(
    JSON.stringify(after)
      .replace(/[0-9a-f]{64}/g, 'HASH')
      .replaceAll(me.id, 'PROFILE')
      .replaceAll(me.fingerprint, 'FINGERPRINT'),
    (k, v: unknown) => {
      if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return [...(v as string[])].sort();
      if (Array.isArray(v) && v.every((x) => typeof x === 'object' && x !== null && 'id' in x))
        return [...(v as { id: string }[])].sort((x, y) => x.id.localeCompare(y.id));
      return v;
    },
  ) as unknown;
  return { result, normalised };
}

describe('a failed attempt does not give the right option away', () => {
  it('shows what was wrong, why and what to reread, and nothing that depends on the answer key', async () => {
    const b = await whatThePageGets('b', 'afterPass');
    const c = await whatThePageGets('c', 'afterPass');
    expect(b.result.passed).toBe(false);
    const q2 = b.result.questions.find((q) => q.id === 'q2');
    expect(q2).toMatchObject({
      isCorrect: false,
      chosen: ['a'],
      wrongChoices: [{ id: 'a', feedback: 'a is not it.' }],
      hint: 'Reread section 2.',
      answer: null,
    });
    expect(JSON.stringify(b.result)).not.toMatch(/The answer is|Reference [bc]|is not it \(/);
    // The same page, whichever option is right.
    expect(b.normalised).toEqual(c.normalised);
  });

  it('with revealAnswers: always, the same failed attempt shows the right options (so the check above can fail)', async () => {
    const b = await whatThePageGets('b', 'always');
    const c = await whatThePageGets('c', 'always');
    expect(b.result).toMatchObject({ passed: false, revealed: true });
    expect(b.result.questions.find((q) => q.id === 'q2')?.answer).toEqual({
      correct: ['b'],
      explanation: 'The answer is b, because of b.',
      reference: 'Reference b',
    });
    expect(b.normalised).not.toEqual(c.normalised);
  });

  it('with revealAnswers: never, even a pass shows no right option', async () => {
    const contentDir = writeContent(
      { '01-alpha.md': keyedModule('b') },
      POLICY.replace('retakeOn: major', 'retakeOn: major\nrevealAnswers: never'),
    );
    const h = await testServices({ userDataDir: tempDir('steward-bank-never-'), contentDir });
    handles.push(h);
    const s = h.services;
    await s.createProfile(amara);
    const quiz = await s.getQuiz({ moduleId: 'alpha' });
    const answers = Object.fromEntries(quiz.questions.map((q) => [q.id, [q.id === 'q1' ? 'a' : 'b']]));
    const result = await s.submitQuizAttempt({ moduleId: 'alpha', contentHash: quiz.contentHash, answers });
    expect(result).toMatchObject({ passed: true, revealed: false });
    expect(result.questions.every((q) => q.answer === null)).toBe(true);
  });
});
