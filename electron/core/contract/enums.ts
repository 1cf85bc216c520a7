// The closed lists the app and its pages share, as plain `as const` arrays with their types: no
// zod here, so the renderer may import these values (its bundle stays free of the schemas), and
// core builds its zod enums from the same arrays. One list per choice, written once.

/** The display theme: follow the system, or a chosen one. */
export const THEME_CHOICES = ['system', 'light', 'dark', 'highContrast'] as const;
export type ThemeChoice = (typeof THEME_CHOICES)[number];

/** The interface language: follow the system, or a chosen one. */
export const LOCALE_CHOICES = ['system', 'en', 'fr'] as const;
export type LocaleChoice = (typeof LOCALE_CHOICES)[number];

/** How this machine protects private keys: the OS keychain (safeStorage) or a file only the user can read. */
export const KEY_PROTECTIONS = ['os', 'file'] as const;
export type KeyProtection = (typeof KEY_PROTECTIONS)[number];

/**
 * Where a learner stands on a module, derived from the ledger (never stored as a flag):
 * - notStarted / inProgress: no completion yet (and not overdue)
 * - passed: completed, current, not expiring within the due-soon window
 * - dueSoon: completed, expires within the window
 * - expired: completion expired (module not required of this person)
 * - overdue: required, and never completed by its due date or its completion expired
 * - updated: completed on an earlier version that policy says must be retaken
 */
export const TRAINING_STATUSES = [
  'notStarted',
  'inProgress',
  'passed',
  'dueSoon',
  'expired',
  'overdue',
  'updated',
] as const;
export type TrainingStatus = (typeof TRAINING_STATUSES)[number];

/** What a reviewer may decide. */
export const REVIEW_DECISIONS = ['approved', 'approvedWithConditions', 'rejected'] as const;
export type ReviewDecisionKind = (typeof REVIEW_DECISIONS)[number];

/** A review's state, or reReviewDue for an approval whose re-review date has come. */
export const REVIEW_DISPLAY_STATUSES = [
  'submitted',
  'changesRequested',
  'approved',
  'approvedWithConditions',
  'rejected',
  'withdrawn',
  'reReviewDue',
] as const;
export type ReviewDisplayStatus = (typeof REVIEW_DISPLAY_STATUSES)[number];

/** What a review's timeline can show. */
export const TIMELINE_KINDS = [
  'submitted',
  'commented',
  'changesRequested',
  'decided',
  'withdrawn',
  'conditionMet',
  'dpiaExempted',
] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

/** The files a manager can export from Records. */
export const EXPORT_FORMATS = [
  'csv-matrix',
  'csv-reviews',
  'json',
  'xapi',
  'pdf-report',
  'pdf-certificates',
] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Where a person's records came from: this workspace's ledgers, or a bundle imported here. */
export const RECORD_SOURCES = ['workspace', 'imported'] as const;
export type RecordSource = (typeof RECORD_SOURCES)[number];

/** The completion matrix's sortable columns. */
export const MATRIX_SORT_KEYS = [
  'name',
  'team',
  'module',
  'status',
  'completedAt',
  'score',
  'expiresAt',
  'dueAt',
] as const;
export type MatrixSortKey = (typeof MATRIX_SORT_KEYS)[number];

export const JOB_KINDS = ['export', 'verify'] as const;
export type JobKind = (typeof JOB_KINDS)[number];
export const JOB_STATES = ['running', 'done', 'cancelled', 'failed'] as const;
export type JobState = (typeof JOB_STATES)[number];

/**
 * What the reminders inbox lists (and may raise as OS notifications): required training due soon
 * or overdue, a review awaiting the viewer's decision, changes requested on the viewer's review, a
 * condition of the viewer's approval due soon or overdue, a re-review date coming or come.
 */
export const NOTIFICATION_KINDS = [
  'trainingDueSoon',
  'trainingOverdue',
  'reviewAwaitingDecision',
  'changesRequested',
  'conditionDue',
  'reReviewDue',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/**
 * The DPIA verdict, as the law and WP248 have it: required (an Art. 35(3) case or an item of the
 * national Art. 35(4) list in force), likely (two or more WP248 criteria), consider (one),
 * notIndicated (none).
 */
export const DPIA_VERDICTS = ['required', 'likely', 'consider', 'notIndicated'] as const;
export type DpiaVerdict = (typeof DPIA_VERDICTS)[number];

/**
 * Why no DPIA is carried out although one is called for, as a reviewer or the DPO records it:
 * nationalNoDpiaList — the processing is on the authority's Art. 35(5) list; lawWithAssessment —
 * Art. 35(10): a legal basis in EU or Member State law under which a DPIA was already made;
 * individualProfessional — Recital 91: an individual physician, health professional or lawyer's
 * own patients or clients (not large scale); similarProcessing — Art. 35(1): a DPIA of similar
 * processing with similar risks covers it; notLikelyHighRisk — WP248: the criteria are met but the
 * processing is judged not likely to result in a high risk (not open when the law requires a DPIA).
 */
export const EXEMPTION_BASES = [
  'nationalNoDpiaList',
  'lawWithAssessment',
  'individualProfessional',
  'similarProcessing',
  'notLikelyHighRisk',
] as const;
export type ExemptionBasis = (typeof EXEMPTION_BASES)[number];
