// The questionnaires a workspace's reviews may have been answered on: the current file (with the
// lists it selects) and every earlier version kept in review/versions/. Loaded again only when a
// file under review/ changes (its size or modification time), since the services ask on every call.
import fs from 'node:fs';
import path from 'node:path';
import { loadQuestionnaire, loadQuestionnaireVersions } from './questionnaire';
import type { Questionnaire, QuestionnaireProblem } from './questionnaire';

export interface QuestionnaireSet {
  /** The current questionnaire, or null when it has problems (then `problems` says which). */
  current: Questionnaire | null;
  problems: QuestionnaireProblem[];
  /** Earlier versions that load. */
  earlier: Questionnaire[];
  /** The questionnaire a submission recorded (by content hash), current or earlier. */
  byHash(contentHash: string): Questionnaire | undefined;
}

/** Sizes and times of every file under <contentDir>/review: changes when any of them does. */
function signature(contentDir: string): string {
  const root = path.join(contentDir, 'review');
  const parts: string[] = [];
  const walk = (dir: string): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      parts.push(`${dir}:missing`);
      return;
    }
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.name.endsWith('.yaml')) {
        try {
          const st = fs.statSync(full);
          parts.push(`${full}:${st.size}:${st.mtimeMs}`);
        } catch {
          parts.push(`${full}:gone`);
        }
      }
    }
  };
  walk(root);
  return parts.join('|');
}

/** A loader of the set for one content folder, with its cache. */
export function questionnaireSetLoader(contentDir: string): () => QuestionnaireSet {
  let cached: { key: string; set: QuestionnaireSet } | null = null;
  return () => {
    const key = signature(contentDir);
    if (cached?.key === key) return cached.set;
    const current = loadQuestionnaire(contentDir);
    const versions = loadQuestionnaireVersions(contentDir);
    const all = [...(current.questionnaire ? [current.questionnaire] : []), ...versions.questionnaires];
    const set: QuestionnaireSet = {
      current: current.questionnaire,
      problems: current.problems,
      earlier: versions.questionnaires,
      byHash: (hash) => all.find((q) => q.contentHash === hash),
    };
    cached = { key, set };
    return set;
  };
}
