// Fixture content for the training specs: small, valid modules and a policy written into real
// temp folders (never the organisation's content/ folder), plus ways to break them.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const dirs: string[] = [];

export function tempDir(prefix = 'steward-training-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

export function cleanupTempDirs(): void {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
}

export interface FixtureModule {
  id: string;
  title?: string;
  version?: string;
  passMark?: number;
  recertifyMonths?: number;
  /** Extra frontmatter lines, appended as written. */
  extra?: string;
  questions?: number;
  /**
   * A bank as `steward content check` wants it: questions in topics of two (q1+q2, q3+q4, …),
   * the right option never the longest and at varying positions in the file. Default: every
   * question its own topic, as the older specs expect.
   */
  bank?: boolean;
}

/**
 * Made-up five-letter words, the same for the same seed: bank fixtures need text that differs
 * from module to module and question to question, or the lint finds them near-duplicates.
 */
function madeUpWords(seed: string, count: number): string {
  const syllables = ['ba', 'ke', 'lo', 'mi', 'nu', 'ra', 'se', 'to', 'vi', 'zu'];
  const digest = createHash('sha256').update(seed).digest();
  const words: string[] = [];
  for (let w = 0; w < count; w++) {
    const x = digest[w % 32]! + 7 * w;
    words.push(`${syllables[x % 10]}${syllables[Math.floor(x / 10) % 10]}${'nrst'[(x + w) % 4]}`);
  }
  return words.join(' ');
}

/**
 * The single-answer options of a bank fixture: `b` right and of middle length (4 words, between
 * 3 and 6), in a file order that varies with `i`.
 */
function bankOptions(id: string, i: number): string[] {
  const words = (k: string, n: number) => `${madeUpWords(`${id}-${i}-${k}`, n)}.`;
  const options: Record<string, string[]> = {
    a: ['      - id: a', `        text: ${words('a', 3)}`],
    b: ['      - id: b', `        text: ${words('b', 4)}`, '        correct: true'],
    c: ['      - id: c', `        text: ${words('c', 6)}`],
  };
  const orders = [
    ['a', 'b', 'c'],
    ['b', 'c', 'a'],
    ['c', 'a', 'b'],
  ];
  return (orders[i % 3] as string[]).flatMap((k) => options[k] as string[]);
}

/**
 * A valid module: q1 is multiple-answer (a and c correct); every other question is single with
 * `b` correct. Six questions by default.
 */
export function moduleText(m: FixtureModule): string {
  const n = m.questions ?? (m.bank ? 12 : 6);
  const quiz: string[] = [];
  for (let i = 1; i <= n; i++) {
    if (i === 1 && m.bank) {
      const words = (k: string, n: number) => madeUpWords(`${m.id}-1-${k}`, n);
      quiz.push(
        '  - id: q1',
        '    type: multiple',
        `    prompt: Which two? ${words('prompt', 10)}?`,
        '    options:',
        '      - id: a',
        `        text: ${words('a', 4)}.`,
        '        correct: true',
        '      - id: b',
        `        text: ${words('b', 4)}.`,
        '      - id: c',
        `        text: ${words('c', 4)}.`,
        '        correct: true',
        '    explanation: Both identify a person, directly or indirectly.',
        '    reference: GDPR Art. 4(1)',
      );
    } else if (i === 1) {
      quiz.push(
        '  - id: q1',
        '    type: multiple',
        '    prompt: Which two of these are personal data?',
        '    options:',
        '      - id: a',
        '        text: An email address.',
        '        correct: true',
        '      - id: b',
        '        text: A company registration number.',
        '      - id: c',
        '        text: A device identifier.',
        '        correct: true',
        '    explanation: Both identify a person, directly or indirectly.',
        '    reference: GDPR Art. 4(1)',
      );
    } else if (m.bank) {
      quiz.push(
        `  - id: q${i}`,
        '    type: single',
        `    prompt: Scenario ${i}. ${madeUpWords(`${m.id}-${i}`, 10)}?`,
        '    options:',
        ...bankOptions(m.id, i),
        `    explanation: Explanation ${i}.`,
      );
    } else {
      quiz.push(
        `  - id: q${i}`,
        '    type: single',
        `    prompt: Scenario ${i}. What should you do?`,
        '    options:',
        '      - id: a',
        '        text: Ship it.',
        '      - id: b',
        '        text: Ask for a review.',
        '        correct: true',
        '      - id: c',
        '        text: Ignore it.',
        `    explanation: Explanation ${i}.`,
      );
    }
  }
  if (m.bank) {
    // Topics of two: q1 and q2 share topic-1, q3 and q4 topic-2, …
    let q = 0;
    for (let k = 0; k < quiz.length; k++) {
      if (/^ {2}- id: q\d+$/.test(quiz[k] as string)) {
        q++;
        quiz.splice(k + 1, 0, `    topic: topic-${Math.ceil(q / 2)}`);
      }
    }
  }
  const lines = [
    '---',
    `id: ${m.id}`,
    `title: ${m.title ?? `Module ${m.id}`}`,
    `version: ${m.version ?? '1.0.0'}`,
    'minutes: 10',
    'audience: [everyone]',
    `summary: What ${m.id} is about.`,
    ...(m.passMark === undefined ? [] : [`passMark: ${m.passMark}`]),
    ...(m.recertifyMonths === undefined ? [] : [`recertifyMonths: ${m.recertifyMonths}`]),
    `attestation: I have read ${m.id} and will apply it.`,
    ...(m.extra ? [m.extra] : []),
    'quiz:',
    ...quiz,
    '---',
    'Some words before the first heading.',
    '',
    '## Why it matters',
    '',
    'Because people trust us.',
    '',
    '```md',
    '## not a heading inside a fence',
    '```',
    '',
    '## Key takeaways',
    '',
    '- Ask first.',
    '',
  ];
  return lines.join('\n');
}

export const POLICY = `passMark: 80
recertifyMonths: 12
dueSoonDays: 30
newStarterDays: 30
retakeOn: major
required:
  everyone: [alpha]
  teams:
    Marketing: [beta]
  roles:
    submitter: [alpha]
    reviewer: [gamma]
    manager: []
roles:
  reviewers: []
  managers: []
`;

/** A content folder with a policy and the given modules (file name -> text). */
export function writeContent(
  files: Record<string, string>,
  policy: string | null = POLICY,
  dir = tempDir('steward-content-'),
): string {
  fs.mkdirSync(path.join(dir, 'modules'), { recursive: true });
  if (policy !== null) fs.writeFileSync(path.join(dir, 'policy.yaml'), policy);
  for (const [name, body] of Object.entries(files)) fs.writeFileSync(path.join(dir, 'modules', name), body);
  return dir;
}

/** Three good modules: alpha (required of everyone), beta (Marketing), gamma (reviewers). */
export function goodModules(): Record<string, string> {
  return {
    '01-alpha.md': moduleText({ id: 'alpha', title: 'Alpha basics' }),
    '02-beta.md': moduleText({ id: 'beta', title: 'Beta practice', passMark: 50 }),
    '03-gamma.md': moduleText({ id: 'gamma', title: 'Gamma review', recertifyMonths: 6 }),
  };
}

/** Three good modules, each a bank that passes `steward content check`'s bank lint. */
export function bankModules(): Record<string, string> {
  return {
    '01-alpha.md': moduleText({ id: 'alpha', title: 'Alpha basics', bank: true }),
    '02-beta.md': moduleText({ id: 'beta', title: 'Beta practice', passMark: 50, bank: true }),
    '03-gamma.md': moduleText({ id: 'gamma', title: 'Gamma review', recertifyMonths: 6, bank: true }),
  };
}

/** Right answers for moduleText questions; `wrong` lists question ids to answer wrongly. */
export function answersFor(questions: number, wrong: string[] = []): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (let i = 1; i <= questions; i++) {
    const id = `q${i}`;
    const right = i === 1 ? ['a', 'c'] : ['b'];
    out[id] = wrong.includes(id) ? ['a'] : right;
  }
  return out;
}

/**
 * A French translation of moduleText(m): every word a learner reads is different, while the id,
 * version, question and option ids, answers and sections stay as they are.
 */
export function frenchModuleText(m: FixtureModule): string {
  const words: [RegExp, string][] = [
    [/^title: .*$/m, `title: ${m.title ?? `Module ${m.id} (fr)`}`],
    [/^summary: .*$/m, `summary: De quoi parle ${m.id}.`],
    [/^attestation: .*$/m, `attestation: J'ai lu ${m.id} et je l'appliquerai.`],
    [/Which two of these are personal data\?/, 'Lesquelles de ces deux données sont personnelles ?'],
    [/An email address\./, 'Une adresse électronique.'],
    [/A company registration number\./, "Un numéro d'immatriculation de société."],
    [/A device identifier\./, "L'identifiant d'un appareil."],
    [/Both identify a person, directly or indirectly\./, 'Les deux identifient une personne.'],
    [/GDPR Art\. 4\(1\)/, 'RGPD, art. 4(1)'],
    [/Scenario (\d+)\. What should you do\?/g, 'Situation $1. Que faites-vous ?'],
    [/Ship it\./g, 'On livre.'],
    [/Ask for a review\./g, 'Demander une revue.'],
    [/Ignore it\./g, 'Ne rien faire.'],
    [/explanation: Explanation (\d+)\./g, 'explanation: Explication $1.'],
    [/Some words before the first heading\./, 'Quelques mots avant le premier titre.'],
    [/## Why it matters/, "## Pourquoi c'est important"],
    [/Because people trust us\./, 'Parce que les gens nous font confiance.'],
    [/## Key takeaways/, "## L'essentiel"],
    [/- Ask first\./, "- Demander d'abord."],
  ];
  let text = moduleText(m);
  for (const [from, to] of words) text = text.replace(from, to);
  return text;
}

/** Writes `files` (path under the content folder -> text), creating folders as needed. */
export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
}
