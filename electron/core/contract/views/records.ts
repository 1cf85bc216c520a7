// Records as the pages see them: the managers' dashboard (matrix, attention lists, rates, the
// reviews register), jobs, bundles, imports and the LRS outbox. Types only.
import type { LedgerHeadRef, VerifyReport } from '../../ledger/report';
import type {
  JobKind,
  JobState,
  MatrixSortKey,
  RecordSource,
  ReviewDecisionKind,
  ReviewDisplayStatus,
  TrainingStatus,
} from '../enums';
import type { KeyProtection } from '../enums';
import type { RiskLevel } from '../../review/model';
import type { ReviewPerson } from './reviews';
import type { Reason } from '../reasons';

export type { LedgerHeadRef } from '../../ledger/report';
export type { ExportFormat, JobKind, JobState, MatrixSortKey, RecordSource } from '../enums';

export interface RecordsPerson {
  id: string;
  name: string;
  email: string;
  team: string;
  /** On the organisation's roster (always true in a workspace without an organisation). */
  enrolled: boolean;
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
  /**
   * Events on the review disagree (two decisions, a decision beside a withdrawal): none of them
   * is applied, and `status` and `decision` are the review as it was, until a reviewer settles
   * it (see ReviewSummary.inConflict).
   */
  inConflict: boolean;
  version: number;
  submitter: ReviewPerson;
  submittedAt: string;
  overallRisk: RiskLevel;
  dpiaRequired: boolean;
  decision: ReviewDecisionKind | null;
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

export interface RecordsScope {
  /** all: every team; teams: a manager's teams; self: an employee's own records. */
  kind: 'all' | 'teams' | 'self';
  teams: string[];
}

/** An entry the records could not use, and why. */
export interface IgnoredEntry {
  type: string;
  personId: string;
  name: string;
  entryHash: string;
  reason: Reason;
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
  /** Entries the projection could not use (a rule broken, malformed data), with why. */
  ignored: IgnoredEntry[];
}

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
  /** Export: a file written beside it (a CSV's ledger heads), or null. */
  companion: string | null;
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
  skipped: { profileId: string; name: string; reason: Reason }[];
  /** Things worth knowing that did not stop the import. */
  warnings: Reason[];
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
