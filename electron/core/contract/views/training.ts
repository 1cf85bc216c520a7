// Training as the pages see it: the catalogue with each module's status, a module's sections, the
// knowledge check before and after grading, certificates. Types only.
export type { TrainingStatus } from '../enums';
import type { TrainingStatus } from '../enums';

export interface ContentProblem {
  /** Path relative to the content folder, e.g. modules/03-consent.md */
  file: string;
  /** Where in the file: a field path such as quiz[2].options, or null for the file as a whole. */
  field: string | null;
  reason: string;
}

export interface CompletionSummary {
  completedAt: string;
  expiresAt: string;
  score: number;
  version: string;
  contentHash: string;
  /** Hash of the training.completed ledger entry: the certificate's id. */
  entryHash: string;
}

export interface ModuleCard {
  id: string;
  title: string;
  summary: string;
  minutes: number;
  version: string;
  contentHash: string;
  audience: string[];
  required: boolean;
  status: TrainingStatus;
  passMark: number;
  recertifyMonths: number;
  /** When a required module must be (re)completed by; null if not required. */
  dueAt: string | null;
  lastCompletion: CompletionSummary | null;
  /** Reading position for the current version, if the learner has started it. */
  progress: { section: number; sections: number } | null;
  /** Quiz attempts on the current version since the last completion. */
  attempts: number;
  /** True when the current version has a passed attempt that is not yet attested. */
  readyToAttest: boolean;
  /** The language this module is shown in: the chosen one when translated, else 'en'. */
  contentLocale: string;
  /** When the status is 'updated' (a completion the policy no longer counts): what that means. */
  update: ModuleUpdate | null;
}

/** A module changed since the learner's completion, enough that the policy asks for a retake. */
export interface ModuleUpdate {
  /** The version the learner completed. */
  completedVersion: string;
  /** What changed in each later version, newest first, in contentLocale (empty when not said). */
  changes: { version: string; summary: string }[];
  /** When to retake it by (the completion's expiry) for a required module; null when optional. */
  retakeBy: string | null;
  /** retakeBy has passed. */
  late: boolean;
}

export interface TrainingCatalogue {
  modules: ModuleCard[];
  unavailable: ContentProblem[];
  dueSoonDays: number;
  /** The time the statuses were computed for (the services' clock). */
  asOf: string;
}

export interface ModuleSection {
  id: string;
  title: string;
  markdown: string;
}

export interface ModuleContent {
  card: ModuleCard;
  sections: ModuleSection[];
  attestation: string;
  /** How many questions the knowledge check asks (one per topic of the module's bank). */
  questionCount: number;
}

export interface QuizQuestionView {
  id: string;
  type: 'single' | 'multiple';
  prompt: string;
  /** Options in this attempt's order; which are correct is never sent before grading. */
  options: { id: string; text: string }[];
}

export interface QuizView {
  moduleId: string;
  contentHash: string;
  /** 1 for the first attempt on this version since the last completion. */
  attempt: number;
  passMark: number;
  questions: QuizQuestionView[];
}

/** A graded question. Which options are right is sent only when the policy reveals answers. */
export interface QuizResultQuestion {
  id: string;
  prompt: string;
  type: 'single' | 'multiple';
  options: { id: string; text: string }[];
  chosen: string[];
  isCorrect: boolean;
  /**
   * For a wrong answer: each option the learner chose that is not right, with why (the module's
   * feedback for it; null where the module gives none). Empty when only a right option was missed.
   */
  wrongChoices: { id: string; feedback: string | null }[];
  /** For a wrong answer: what to reread, without the answer; null for a right one. */
  hint: string | null;
  /** The right options and why: only when revealed (see QuizResult.revealed), else null. */
  answer: { correct: string[]; explanation: string; reference: string | null } | null;
}

export interface QuizResult {
  moduleId: string;
  attempt: number;
  score: number;
  correctCount: number;
  total: number;
  passMark: number;
  passed: boolean;
  /** Whether the right answers are shown: the policy's revealAnswers (never, afterPass, always). */
  revealed: boolean;
  /** The questions this attempt asked, in the order they were shown. */
  questions: QuizResultQuestion[];
  entryHash: string;
}

export interface Certificate {
  name: string;
  email: string;
  team: string;
  moduleId: string;
  moduleTitle: string;
  version: string;
  contentHash: string;
  completedAt: string;
  score: number;
  expiresAt: string;
  entryHash: string;
  seq: number;
  ledgerFile: string;
  signerFingerprint: string;
  /** Result of checking the entry's signature and hash against the ledger right now. */
  verified: boolean;
}
