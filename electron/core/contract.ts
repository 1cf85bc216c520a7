// The IPC contract: one entry per method the renderer may call, with the zod schema of its
// argument and (as a type) its result. Main, preload, the preview server, the e2e bridge and
// the renderer are all typed from this file; the renderer imports it with `import type` only.
import { z } from 'zod';
import type { CallResult } from './errors';

// ---- shared shapes -------------------------------------------------------------------------

const text = (label: string, max: number) =>
  z
    .string({ error: `${label} must be text` })
    .trim()
    .min(1, { error: `${label} is required` })
    .max(max, { error: `${label} must be at most ${max} characters` });

export const profileInputSchema = z
  .object({
    name: text('Name', 120),
    email: z
      .string({ error: 'Email must be text' })
      .trim()
      .max(254, { error: 'Email must be at most 254 characters' })
      .pipe(z.email({ error: 'Email must look like name@example.com' })),
    team: text('Team', 80),
  })
  .strict();
export type ProfileInput = z.infer<typeof profileInputSchema>;

export interface ProfileSummary {
  id: string;
  name: string;
  email: string;
  team: string;
  /** SHA-256 fingerprint of the public key, grouped for reading aloud (used in policy role entries). */
  fingerprint: string;
  createdAt: string;
}

/** How this machine protects private keys: the OS keychain (safeStorage) or a file only the user can read. */
export type KeyProtection = 'os' | 'file';

export interface Notice {
  id: string;
  level: 'info' | 'warning' | 'error';
  message: string;
}

export interface AppInfo {
  name: string;
  version: string;
  /** Which host carries the calls: the desktop app, the browser preview, or a test bridge. */
  host: 'electron' | 'preview' | 'test';
  keyProtection: KeyProtection;
  keyProtectionNote: string;
  notices: Notice[];
}

export interface SettingsView {
  workspaceDir: string;
  defaultWorkspaceDir: string;
  canPickFolder: boolean;
}

export interface VerifyProblem {
  file: string;
  /** The seq of the entry at fault, or null when the problem is the file as a whole. */
  seq: number | null;
  reason: string;
  severity: 'error' | 'warning';
}

export interface LedgerSummary {
  file: string;
  profileId: string;
  entries: number;
  headHash: string | null;
  ok: boolean;
}

export interface VerifyReport {
  ok: boolean;
  depth: 'quick' | 'full';
  checkedAt: string;
  ledgers: LedgerSummary[];
  problems: VerifyProblem[];
}

export interface WorkspaceStatus {
  workspaceDir: string;
  /** Set when the current profile's own ledger could not be opened for writing. */
  readOnly: { file: string; seq: number | null; reason: string } | null;
  report: VerifyReport;
}

// ---- training -------------------------------------------------------------------------------

/**
 * Where a learner stands on a module, derived from the ledger (never stored as a flag):
 * - notStarted / inProgress: no completion yet (and not overdue)
 * - passed: completed, current, not expiring within the due-soon window
 * - dueSoon: completed, expires within the window
 * - expired: completion expired (module not required of this person)
 * - overdue: required, and never completed by its due date or its completion expired
 * - updated: completed on an earlier version that policy says must be retaken
 */
export type TrainingStatus =
  'notStarted' | 'inProgress' | 'passed' | 'dueSoon' | 'expired' | 'overdue' | 'updated';

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

export interface QuizResult {
  moduleId: string;
  attempt: number;
  score: number;
  correctCount: number;
  total: number;
  passMark: number;
  passed: boolean;
  questions: {
    id: string;
    prompt: string;
    type: 'single' | 'multiple';
    options: { id: string; text: string }[];
    chosen: string[];
    correct: string[];
    isCorrect: boolean;
    explanation: string;
    reference: string | null;
  }[];
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

// ---- reviews --------------------------------------------------------------------------------

import type { AnswerValue, ReviewAssessment, RiskLevel } from './review/model';
export type { ReviewAssessment, RiskLevel, Dimension, AnswerValue } from './review/model';

/** A question as the page shows it (weights and branching rules stay in core). */
export interface ReviewQuestionView {
  id: string;
  type: 'text' | 'single' | 'multi' | 'yesNoUnsure' | 'scale' | 'number' | 'date';
  label: string;
  help: string | null;
  references: string[];
  required: boolean;
  options: { id: string; label: string; help: string | null; exclusive: boolean }[];
  multiline: boolean;
  maxLength: number | null;
  scale: { min: number; max: number; labels: string[] } | null;
  number: { min: number | null; max: number | null; integer: boolean; unit: string | null } | null;
}

export interface ReviewSectionView {
  id: string;
  title: string;
  intro: string | null;
  questions: ReviewQuestionView[];
}

export interface QuestionnaireView {
  version: string;
  contentHash: string;
  title: string;
  intro: string | null;
  sections: ReviewSectionView[];
}

export interface MitigationResponseInput {
  mitigationId: string;
  status: 'accepted' | 'declined';
  owner?: string;
  dueDate?: string;
  reason?: string;
}

/** A draft as saved (autosaved) on this computer, with core's evaluation of it. */
export interface ReviewDraftView {
  draftId: string;
  /** Set when the draft revises an existing review (after changes were requested). */
  reviewId: string | null;
  basedOnVersion: number | null;
  answers: Record<string, AnswerValue>;
  mitigationResponses: MitigationResponseInput[];
  updatedAt: string;
  /** Ids of the questions the answers so far make relevant (branching). */
  visibleQuestionIds: string[];
  assessment: ReviewAssessment;
  /** Why submitting would be refused right now, in sentences (empty when it would be accepted). */
  submitBlockers: string[];
}

export interface ReviewDraftSummary {
  draftId: string;
  reviewId: string | null;
  title: string | null;
  updatedAt: string;
}

export type ReviewDisplayStatus =
  | 'submitted'
  | 'changesRequested'
  | 'approved'
  | 'approvedWithConditions'
  | 'rejected'
  | 'withdrawn'
  | 'reReviewDue';

export interface ReviewPerson {
  id: string;
  name: string;
  team: string;
}

export interface ReviewSummary {
  reviewId: string;
  title: string;
  status: ReviewDisplayStatus;
  version: number;
  submitter: ReviewPerson;
  submittedAt: string;
  updatedAt: string;
  overallRisk: RiskLevel;
  dpiaRequired: boolean;
  openBlockingFlags: number;
  decision: {
    decision: 'approved' | 'approvedWithConditions' | 'rejected';
    by: ReviewPerson;
    at: string;
    reReviewDate: string | null;
  } | null;
}

export interface ReviewAnswerView {
  questionId: string;
  section: string;
  label: string;
  answer: string;
}

export interface ReviewChangeView {
  questionId: string;
  label: string;
  kind: 'added' | 'removed' | 'changed';
  before: string | null;
  after: string | null;
}

export interface ReviewTimelineItem {
  kind: 'submitted' | 'commented' | 'changesRequested' | 'decided' | 'withdrawn' | 'conditionMet';
  by: ReviewPerson;
  at: string;
  version: number;
  text: string;
  /** For changesRequested: the list of changes; for decided: the conditions; for conditionMet: the condition. */
  items: string[];
  entryHash: string;
}

export interface ReviewCondition {
  id: string;
  text: string;
  owner: string;
  dueDate: string;
  /** When it was marked met, by whom, and what was done; null while it is open. */
  met: { by: ReviewPerson; at: string; note: string; entryHash: string } | null;
  /** Still open after its due day (UTC). */
  overdue: boolean;
}

export interface ReviewDetail {
  summary: ReviewSummary;
  /** The latest version's answers (visible questions only), formatted for reading. */
  answers: ReviewAnswerView[];
  assessment: ReviewAssessment;
  /** Changes from the previous version to the latest (empty for version 1). */
  changes: ReviewChangeView[];
  changesFromVersion: number | null;
  timeline: ReviewTimelineItem[];
  conditions: ReviewCondition[];
  /** What the current profile may do now, and why not for the rest. */
  allowed: {
    comment: boolean;
    revise: boolean;
    withdraw: boolean;
    decide: boolean;
    decideBlockers: string[];
    /** Mark the open conditions of an approval met: the submitter or a reviewer. */
    meetConditions: boolean;
  };
}

export interface ReviewLists {
  mine: ReviewSummary[];
  /** Reviews by others awaiting a decision; empty unless the current profile may review. */
  queue: ReviewSummary[];
  /** Every review the current profile may see. */
  all: ReviewSummary[];
  drafts: ReviewDraftSummary[];
  canReview: boolean;
  /** Why the current profile cannot review (no role, training not current), in sentences. */
  reviewerBlockers: string[];
  /** Why the current profile cannot submit (training not current), in sentences. */
  submitterBlockers: string[];
}

// ---- records (managers' dashboard, exports, bundles, LRS) ------------------------------------

/** Where a person's records came from: this workspace's ledgers, or a bundle imported here. */
export type RecordSource = 'workspace' | 'imported';

export interface RecordsPerson {
  id: string;
  name: string;
  email: string;
  team: string;
  source: RecordSource;
  /** For imported people: the bundle file name it came from and when it was imported. */
  importedFrom: { file: string; at: string } | null;
}

/** One cell of the completion matrix: one person and one module. */
export interface MatrixRow {
  personId: string;
  name: string;
  team: string;
  moduleId: string;
  moduleTitle: string;
  required: boolean;
  status: TrainingStatus;
  /** Latest completion on record (null when never completed). */
  completedAt: string | null;
  /** The module version that completion was on (it may be older than the current one). */
  completedVersion: string | null;
  score: number | null;
  expiresAt: string | null;
  /** When the module is (or was) due for this person; null when not required. */
  dueAt: string | null;
  /** Quiz attempts on record for this module (all versions). */
  attempts: number;
  source: RecordSource;
  /** Hash of the training.completed entry behind completedAt (for certificates). */
  entryHash: string | null;
}

export interface RecordsFilter {
  teams?: string[];
  moduleIds?: string[];
  statuses?: TrainingStatus[];
  /** Inclusive YYYY-MM-DD bounds on completedAt; a row without a completion is outside any range. */
  from?: string | null;
  to?: string | null;
  /** Case- and accent-insensitive match on the person's name (or email). */
  search?: string;
}

export type MatrixSortKey =
  'name' | 'team' | 'module' | 'status' | 'completedAt' | 'score' | 'expiresAt' | 'dueAt';
export interface MatrixSort {
  key: MatrixSortKey;
  direction: 'asc' | 'desc';
}

/** A person with required modules overdue or due soon, and what they still need. */
export interface AttentionItem {
  personId: string;
  name: string;
  team: string;
  modules: { moduleId: string; title: string; status: TrainingStatus; dueAt: string | null }[];
}

/** Completion rate for one team or one module: current completions of required modules. */
export interface RateRow {
  key: string;
  label: string;
  /** Required (person, module) pairs. */
  required: number;
  /** Of those, completed and current (passed or dueSoon). */
  current: number;
  overdue: number;
}

export interface ReviewRegisterRow {
  reviewId: string;
  title: string;
  status: ReviewDisplayStatus;
  version: number;
  submitter: ReviewPerson;
  submittedAt: string;
  overallRisk: RiskLevel;
  dpiaRequired: boolean;
  decision: 'approved' | 'approvedWithConditions' | 'rejected' | null;
  decidedAt: string | null;
  reviewer: ReviewPerson | null;
  /** metAt: when the condition was marked met; null while it is open. */
  conditions: { text: string; owner: string; dueDate: string; metAt: string | null }[];
  reReviewDate: string | null;
  /** Whole days from first submission to the decision; null while undecided. */
  daysToDecision: number | null;
  source: RecordSource;
}

/** Review outcomes decided in one calendar month (UTC). */
export interface ReviewOutcomeMonth {
  month: string;
  approved: number;
  approvedWithConditions: number;
  rejected: number;
  changesRequested: number;
  /** Median whole days from first submission to decision, for decisions in this month. */
  medianDaysToDecision: number | null;
}

export interface LedgerHeadRef {
  profileId: string;
  entries: number;
  headHash: string | null;
}

export interface RecordsScope {
  /** all: every team; teams: a manager's teams; self: an employee's own records. */
  kind: 'all' | 'teams' | 'self';
  teams: string[];
}

export interface RecordsView {
  asOf: string;
  scope: RecordsScope;
  people: RecordsPerson[];
  modules: { id: string; title: string; version: string }[];
  teams: string[];
  matrix: MatrixRow[];
  overdue: AttentionItem[];
  dueSoon: AttentionItem[];
  byTeam: RateRow[];
  byModule: RateRow[];
  reviews: ReviewRegisterRow[];
  reviewOutcomes: ReviewOutcomeMonth[];
  /** The ledgers this view was built from (every export carries them). */
  heads: LedgerHeadRef[];
  /** Events the projection could not use, in sentences (forged, out of order, unknown person). */
  ignored: string[];
}

export type ExportFormat = 'csv-matrix' | 'csv-reviews' | 'json' | 'xapi' | 'pdf-report' | 'pdf-certificates';
export const EXPORT_FORMATS: readonly ExportFormat[] = [
  'csv-matrix',
  'csv-reviews',
  'json',
  'xapi',
  'pdf-report',
  'pdf-certificates',
];

export type JobKind = 'export' | 'verify';
export type JobState = 'running' | 'done' | 'cancelled' | 'failed';

/** A long operation the page can watch (poll getJob) and cancel. */
export interface JobView {
  id: string;
  kind: JobKind;
  /** What is being done, for people: "Exporting the completion matrix as CSV". */
  label: string;
  state: JobState;
  done: number;
  total: number;
  /** Export: the file written (only when state is done). */
  file: string | null;
  /** Failed: what happened and what to do next. */
  error: string | null;
  /** Verify: the report once done. */
  report: VerifyReport | null;
  startedAt: string;
  finishedAt: string | null;
}

export interface BundleResult {
  /** The file written, or null when the person cancelled the save dialog. */
  file: string | null;
  entries: number;
  headHash: string | null;
}

export interface ImportResult {
  /** null when the person cancelled the open dialog. */
  file: string | null;
  kind: 'bundle' | 'json';
  /** Per profile in the file: what happened. */
  profiles: { profileId: string; name: string; added: number; status: 'added' | 'extended' | 'unchanged' }[];
  /** Ledgers in the file that were not imported (your own, empty ones), with why. */
  skipped: { profileId: string; name: string; reason: string }[];
  /** Things worth knowing that did not stop the import, in sentences. */
  warnings: string[];
}

export interface LrsOutboxCounts {
  pending: number;
  sent: number;
  failed: number;
}

export interface LrsView {
  endpoint: string;
  /** The LRS key (basic-auth user name). */
  key: string;
  hasSecret: boolean;
  enabled: boolean;
  /** How the secret is protected on this machine ("os" keychain or a user-only file). */
  secretProtection: KeyProtection;
  outbox: LrsOutboxCounts;
  lastAttemptAt: string | null;
  lastSentAt: string | null;
  nextAttemptAt: string | null;
  /** The latest error talking to the LRS, in a sentence. */
  lastError: string | null;
  /** Statements the LRS refused (400), which retrying will not fix: id and reason. */
  refused: { statementId: string; reason: string }[];
}

export type ThemeChoice = 'system' | 'light' | 'dark' | 'highContrast';

/** The interface language: follow the system, or a chosen one. */
export type LocaleChoice = 'system' | 'en' | 'fr';

const none = z.object({}).strict();
const reviewIdSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, { error: 'Not a review id' });
const draftIdSchema = z.string().regex(/^d[0-9a-f]{16}$/, { error: 'Not a draft id' });
const longText = (label: string, max: number) =>
  z
    .string({ error: `${label} must be text` })
    .trim()
    .min(1, { error: `${label} is required` })
    .max(max, { error: `${label} must be at most ${max} characters` });
const moduleIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{1,63}$/, { error: 'Not a module id' });
const hashSchema = z.string().regex(/^[0-9a-f]{64}$/, { error: 'Not a SHA-256 hash' });

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'Dates must be YYYY-MM-DD' });
const recordsFilterSchema = z
  .object({
    teams: z.array(z.string().max(80)).max(500).optional(),
    moduleIds: z.array(moduleIdSchema).max(200).optional(),
    statuses: z
      .array(z.enum(['notStarted', 'inProgress', 'passed', 'dueSoon', 'expired', 'overdue', 'updated']))
      .max(7)
      .optional(),
    from: isoDay.nullable().optional(),
    to: isoDay.nullable().optional(),
    search: z.string().max(200).optional(),
  })
  .strict();
const jobIdSchema = z.string().regex(/^j[0-9a-f]{12}$/, { error: 'Not a job id' });

// ---- the contract ---------------------------------------------------------------------------

interface Method<A extends z.ZodType, R> {
  args: A;
  /** Phantom: carries the result type; never read at run time. */
  result?: R;
}
const method =
  <R>() =>
  <A extends z.ZodType>(args: A): Method<A, R> => ({ args });

export const contract = {
  getAppInfo: method<AppInfo>()(none),
  listProfiles: method<ProfileSummary[]>()(none),
  getCurrentProfile: method<ProfileSummary | null>()(none),
  createProfile: method<ProfileSummary>()(profileInputSchema),
  switchProfile: method<ProfileSummary>()(
    z.object({ profileId: z.string().regex(/^p[0-9a-f]{20}$/, { error: 'Not a profile id' }) }).strict(),
  ),
  getSettings: method<SettingsView>()(none),
  setWorkspace: method<SettingsView>()(
    z
      .object({
        dir: z.string().trim().min(1, { error: 'Choose a folder' }).max(4096, { error: 'Path too long' }),
      })
      .strict(),
  ),
  pickWorkspaceFolder: method<{ dir: string | null }>()(none),
  getWorkspaceStatus: method<WorkspaceStatus>()(none),
  verifyWorkspace: method<VerifyReport>()(z.object({ depth: z.enum(['quick', 'full']) }).strict()),
  listTrainingModules: method<TrainingCatalogue>()(none),
  startTrainingModule: method<ModuleContent>()(z.object({ moduleId: moduleIdSchema }).strict()),
  saveReadingProgress: method<{ section: number }>()(
    z.object({ moduleId: moduleIdSchema, section: z.number().int().min(0).max(200) }).strict(),
  ),
  getQuiz: method<QuizView>()(z.object({ moduleId: moduleIdSchema }).strict()),
  submitQuizAttempt: method<QuizResult>()(
    z
      .object({
        moduleId: moduleIdSchema,
        contentHash: hashSchema,
        answers: z.record(
          z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, { error: 'Not a question id' }),
          z.array(z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, { error: 'Not an option id' })).max(20),
        ),
      })
      .strict(),
  ),
  attestTrainingModule: method<Certificate>()(
    z
      .object({
        moduleId: moduleIdSchema,
        contentHash: hashSchema,
        confirmed: z.literal(true, { error: 'The attestation must be confirmed' }),
      })
      .strict(),
  ),
  getCertificate: method<Certificate>()(z.object({ entryHash: hashSchema }).strict()),
  getReviewQuestionnaire: method<QuestionnaireView>()(none),
  listReviews: method<ReviewLists>()(none),
  createReviewDraft: method<ReviewDraftView>()(
    z.object({ copyFromReviewId: reviewIdSchema.optional() }).strict(),
  ),
  getReviewDraft: method<ReviewDraftView>()(z.object({ draftId: draftIdSchema }).strict()),
  saveReviewDraft: method<ReviewDraftView>()(
    z
      .object({
        draftId: draftIdSchema,
        answers: z.record(
          z.string().regex(/^[a-z][A-Za-z0-9]{0,63}$/, { error: 'Not a question id' }),
          z.union([
            z.string().max(20_000, { error: 'Answer too long' }),
            z.number().finite(),
            z.array(z.string().max(64)).max(64),
          ]),
        ),
        mitigationResponses: z
          .array(
            z
              .object({
                mitigationId: z.string().regex(/^[a-z][A-Za-z0-9]{0,63}$/),
                status: z.enum(['accepted', 'declined']),
                owner: z.string().max(200).optional(),
                dueDate: z.string().max(10).optional(),
                reason: z.string().max(4000).optional(),
              })
              .strict(),
          )
          .max(200),
      })
      .strict(),
  ),
  deleteReviewDraft: method<{ deleted: boolean }>()(z.object({ draftId: draftIdSchema }).strict()),
  submitReview: method<ReviewDetail>()(z.object({ draftId: draftIdSchema }).strict()),
  startReviewRevision: method<ReviewDraftView>()(z.object({ reviewId: reviewIdSchema }).strict()),
  getReview: method<ReviewDetail>()(z.object({ reviewId: reviewIdSchema }).strict()),
  commentOnReview: method<ReviewDetail>()(
    z.object({ reviewId: reviewIdSchema, text: longText('Comment', 4000) }).strict(),
  ),
  requestReviewChanges: method<ReviewDetail>()(
    z
      .object({
        reviewId: reviewIdSchema,
        version: z.number().int().min(1),
        rationale: longText('Rationale', 4000),
        requestedChanges: z
          .array(longText('Requested change', 1000))
          .min(1, { error: 'Say what to change' })
          .max(50),
      })
      .strict(),
  ),
  decideReview: method<ReviewDetail>()(
    z
      .object({
        reviewId: reviewIdSchema,
        version: z.number().int().min(1),
        decision: z.enum(['approved', 'approvedWithConditions', 'rejected']),
        rationale: longText('Rationale', 4000),
        conditions: z
          .array(
            z
              .object({
                text: longText('Condition', 1000),
                owner: longText('Owner', 200),
                dueDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'Due date must be YYYY-MM-DD' }),
              })
              .strict(),
          )
          .max(50),
        reReviewDate: z
          .string()
          .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'Re-review date must be YYYY-MM-DD' })
          .nullable(),
        dpoAdvice: z
          .object({ followed: z.boolean(), reason: z.string().max(4000).optional() })
          .strict()
          .nullable(),
      })
      .strict(),
  ),
  withdrawReview: method<ReviewDetail>()(
    z.object({ reviewId: reviewIdSchema, reason: longText('Reason', 4000) }).strict(),
  ),
  markConditionMet: method<ReviewDetail>()(
    z
      .object({
        reviewId: reviewIdSchema,
        conditionId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { error: 'Not a condition id' }),
        note: longText('What was done', 4000),
      })
      .strict(),
  ),
  getRecords: method<RecordsView>()(none),
  startExport: method<JobView>()(
    z
      .object({
        format: z.enum(['csv-matrix', 'csv-reviews', 'json', 'xapi', 'pdf-report', 'pdf-certificates']),
        pseudonymise: z.boolean(),
        filter: recordsFilterSchema.optional(),
      })
      .strict(),
  ),
  startVerify: method<JobView>()(none),
  getJob: method<JobView>()(z.object({ jobId: jobIdSchema }).strict()),
  cancelJob: method<JobView>()(z.object({ jobId: jobIdSchema }).strict()),
  exportMyRecords: method<BundleResult>()(none),
  importRecords: method<ImportResult>()(none),
  getLrs: method<LrsView>()(none),
  setLrs: method<LrsView>()(
    z
      .object({
        endpoint: z
          .string()
          .trim()
          .max(2048, { error: 'Endpoint too long' })
          .refine((s) => s === '' || /^https?:\/\/[^\s]+$/.test(s), {
            error: 'The endpoint must start with https:// (or http:// for a server on this computer)',
          }),
        key: z.string().trim().max(512, { error: 'Key too long' }),
        /** Omitted: keep the stored secret. Empty: forget it. */
        secret: z.string().max(1024, { error: 'Secret too long' }).optional(),
        enabled: z.boolean(),
      })
      .strict(),
  ),
  sendLrsNow: method<LrsView>()(none),
  getTheme: method<ThemeChoice>()(none),
  setTheme: method<ThemeChoice>()(
    z.object({ theme: z.enum(['system', 'light', 'dark', 'highContrast']) }).strict(),
  ),
  getLocale: method<LocaleChoice>()(none),
  setLocale: method<LocaleChoice>()(z.object({ locale: z.enum(['system', 'en', 'fr']) }).strict()),
  openExternalLink: method<{ opened: boolean; reason?: string }>()(
    z.object({ url: z.string().max(2048, { error: 'Link too long' }) }).strict(),
  ),
};

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export const METHOD_NAMES = Object.keys(contract) as MethodName[];

export type ArgsOf<M extends MethodName> = z.input<Contract[M]['args']>;
export type ParsedArgsOf<M extends MethodName> = z.output<Contract[M]['args']>;
export type ResultOf<M extends MethodName> = Contract[M] extends Method<z.ZodType, infer R> ? R : never;

type HasNoArgs<M extends MethodName> =
  Contract[M]['args'] extends z.ZodObject<infer S> ? (keyof S extends never ? true : false) : false;

/**
 * What the page sees as `window.steward`: one function per method, nothing else. Each returns
 * the call's envelope, so a structured error survives every bridge (contextBridge keeps only an
 * Error's message); renderer/api.ts unwraps it.
 */
export type StewardBridge = {
  [M in MethodName]: HasNoArgs<M> extends true
    ? () => Promise<CallResult<ResultOf<M>>>
    : (args: ArgsOf<M>) => Promise<CallResult<ResultOf<M>>>;
};

/** The unwrapped client the renderer uses: resolves with the result or rejects with an ApiError. */
export type StewardClient = {
  [M in MethodName]: HasNoArgs<M> extends true
    ? () => Promise<ResultOf<M>>
    : (args: ArgsOf<M>) => Promise<ResultOf<M>>;
};

/** What core implements: arguments arrive already validated. */
export type Services = {
  [M in MethodName]: (args: ParsedArgsOf<M>) => Promise<ResultOf<M>>;
};

/** IPC channel for a method; defined in channels.ts so the preload can import it without zod. */
export { channelFor } from './channels';
