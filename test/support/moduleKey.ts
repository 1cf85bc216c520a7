// What the knowledge check of a real module expects, read straight from its file in content/modules:
// specs answer by option id (the page shows options in a shuffled order, with each input's value
// set to its option id), so they can choose right or wrong on purpose, or complete modules
// through the services without the UI.
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { Services } from '../../electron/core/contract/methods';

/** What content/policy.yaml requires of submitters, and of reviewers (every module). */
export const SUBMITTER_MODULES = ['minimisation-and-purpose', 'privacy-by-design'];
export const ALL_MODULES = [
  'law-in-practice',
  'peoples-rights',
  'minimisation-and-purpose',
  'consent-done-right',
  'privacy-by-design',
  'transparency-and-control',
  'governance-and-accountability',
  'beyond-compliance',
  'ai-and-automated-decisions',
];

export const CONTENT_DIR = path.resolve(import.meta.dirname, '../../content');

export interface ModuleQuestionKey {
  id: string;
  type: 'single' | 'multiple';
  correct: string[];
  wrong: string[];
}

export interface ModuleKey {
  id: string;
  title: string;
  file: string;
  questions: ModuleQuestionKey[];
}

interface Frontmatter {
  id: string;
  title: string;
  quiz: { id: string; type: 'single' | 'multiple'; options: { id: string; correct?: boolean }[] }[];
}

export function readModuleKey(moduleId: string, contentDir: string = CONTENT_DIR): ModuleKey {
  const dir = path.join(contentDir, 'modules');
  for (const name of fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort()) {
    const text = fs.readFileSync(path.join(dir, name), 'utf8');
    const match = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text);
    if (!match) continue;
    const front = parse(match[1]!) as Frontmatter;
    if (front.id !== moduleId) continue;
    return {
      id: front.id,
      title: front.title,
      file: name,
      questions: front.quiz.map((q) => ({
        id: q.id,
        type: q.type,
        correct: q.options.filter((o) => o.correct === true).map((o) => o.id),
        wrong: q.options.filter((o) => o.correct !== true).map((o) => o.id),
      })),
    };
  }
  throw new Error(`No module with id "${moduleId}" in ${dir}`);
}

/**
 * The answers that pass (every question right) or fail (every question wrong) the check. An
 * attempt asks one question per topic and refuses answers to the others: pass `asked` (the
 * question ids getQuiz returned) to answer only those.
 */
export function answersFor(
  key: ModuleKey,
  kind: 'right' | 'wrong',
  asked?: readonly string[],
): Record<string, string[]> {
  const questions = asked ? key.questions.filter((q) => asked.includes(q.id)) : key.questions;
  return Object.fromEntries(questions.map((q) => [q.id, kind === 'right' ? q.correct : [q.wrong[0]!]]));
}

/** Completes modules for the current profile through the services, as a learner who knows the answers. */
export async function completeModules(
  services: Services,
  moduleIds: readonly string[],
  contentDir = CONTENT_DIR,
): Promise<void> {
  for (const moduleId of moduleIds) {
    const content = await services.startTrainingModule({ moduleId });
    const quiz = await services.getQuiz({ moduleId });
    const answers = answersFor(
      readModuleKey(moduleId, contentDir),
      'right',
      quiz.questions.map((q) => q.id),
    );
    const result = await services.submitQuizAttempt({ moduleId, contentHash: quiz.contentHash, answers });
    if (!result.passed) throw new Error(`completeModules: ${moduleId} did not pass (${result.score}%)`);
    await services.attestTrainingModule({ moduleId, contentHash: content.card.contentHash, confirmed: true });
  }
}
