// The IPC contract: one entry per method the renderer may call, with the zod schema of its
// argument and (as a type) its result. Main registers every method by iterating this table; the
// preload, the preview server and the e2e bridge are built from its names; the renderer imports
// it with `import type` only. Where an argument's fields are those of the ledger event the method
// records, its schema is picked from the event's, so the two cannot drift apart.
import { z } from 'zod';
import type { CallResult } from '../errors';
import { trainingAttestedSchema, trainingQuizAttemptedSchema } from '../training/events';
import {
  reviewChangesRequestedSchema,
  reviewConditionMetSchema,
  reviewDecidedSchema,
  reviewDpiaExemptedSchema,
  reviewWithdrawnSchema,
} from '../review/events';
import { EXPORT_FORMATS, LOCALE_CHOICES, NOTIFICATION_KINDS, THEME_CHOICES } from './enums';
import {
  conditionIdSchema,
  daySchema,
  draftIdSchema,
  hashSchema,
  jobIdSchema,
  givenPassphraseSchema,
  moduleIdSchema,
  newPassphraseSchema,
  none,
  profileIdSchema,
  profileInputSchema,
  questionIdSchema,
  recordsFilterSchema,
  reviewIdSchema,
  text,
} from './schemas';
import type {
  AppInfo,
  LocaleChoice,
  ProfileSummary,
  SettingsView,
  ThemeChoice,
  VerifyReport,
  WorkspaceStatus,
} from './views/app';
import type { BundleResult, ImportResult, JobView, LrsView, RecordsView } from './views/records';
import type { QuestionnaireView, ReviewDetail, ReviewDraftView, ReviewLists } from './views/reviews';
import type { OrgCreated, OrganisationView, ReleasePreview, RosterImportPlan } from './views/org';
import { orgFields } from '../org/events';
import type { Certificate, ModuleContent, QuizResult, QuizView, TrainingCatalogue } from './views/training';
import type { NotificationsView, ReminderSettings } from './views/reminders';

/** A local time of day, HH:MM. */
const timeOfDay = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'Write the time as HH:MM (24-hour)' });

interface Method<A extends z.ZodType, R> {
  args: A;
  /** Phantom: carries the result type; never read at run time. */
  result?: R;
}
const method =
  <R>() =>
  <A extends z.ZodType>(args: A): Method<A, R> => ({ args });

const reviewRef = { reviewId: true, version: true } as const;

/** A roster file's text: at most 4 MB, not blank. */
const rosterCsv = z
  .string()
  .max(4 * 1024 * 1024, { error: 'The file is larger than 4 MB' })
  .refine((s) => s.trim() !== '', { error: 'The file is empty' });

export const contract = {
  // ---- app, profiles, workspace
  getAppInfo: method<AppInfo>()(none),
  listProfiles: method<ProfileSummary[]>()(none),
  getCurrentProfile: method<ProfileSummary | null>()(none),
  /** With a passphrase, the new profile's key is sealed under it (see profiles/keystore.ts). */
  createProfile: method<ProfileSummary>()(
    profileInputSchema.extend({ passphrase: newPassphraseSchema.optional() }).strict(),
  ),
  /** A profile with a passphrase needs it, also to unlock the current profile at start. */
  switchProfile: method<ProfileSummary>()(
    z.object({ profileId: profileIdSchema, passphrase: givenPassphraseSchema.optional() }).strict(),
  ),
  /** Sets, changes or (next: null) removes the current profile's passphrase; a set one is needed to change it. */
  setProfilePassphrase: method<ProfileSummary>()(
    z.object({ current: givenPassphraseSchema.optional(), next: newPassphraseSchema.nullable() }).strict(),
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
  getTheme: method<ThemeChoice>()(none),
  setTheme: method<ThemeChoice>()(z.object({ theme: z.enum(THEME_CHOICES) }).strict()),
  getLocale: method<LocaleChoice>()(none),
  setLocale: method<LocaleChoice>()(z.object({ locale: z.enum(LOCALE_CHOICES) }).strict()),
  openExternalLink: method<{ opened: boolean; reason?: string }>()(
    z.object({ url: z.string().max(2048, { error: 'Link too long' }) }).strict(),
  ),

  // ---- training
  listTrainingModules: method<TrainingCatalogue>()(none),
  startTrainingModule: method<ModuleContent>()(z.object({ moduleId: moduleIdSchema }).strict()),
  saveReadingProgress: method<{ section: number }>()(
    z.object({ moduleId: moduleIdSchema, section: z.number().int().min(0).max(200) }).strict(),
  ),
  getQuiz: method<QuizView>()(z.object({ moduleId: moduleIdSchema }).strict()),
  submitQuizAttempt: method<QuizResult>()(
    trainingQuizAttemptedSchema.pick({ moduleId: true, contentHash: true, answers: true }).strict(),
  ),
  attestTrainingModule: method<Certificate>()(
    trainingAttestedSchema
      .pick({ moduleId: true, contentHash: true })
      .extend({ confirmed: z.literal(true, { error: 'The attestation must be confirmed' }) })
      .strict(),
  ),
  getCertificate: method<Certificate>()(z.object({ entryHash: hashSchema }).strict()),

  // ---- reviews
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
          questionIdSchema,
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
                mitigationId: questionIdSchema,
                status: z.enum(['accepted', 'declined']),
                owner: z.string().max(200).optional(),
                // A half-typed date is kept as typed (autosave); core judges it with the rest.
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
    z.object({ reviewId: reviewIdSchema, text: text('Comment', 4000) }).strict(),
  ),
  requestReviewChanges: method<ReviewDetail>()(
    reviewChangesRequestedSchema
      .pick(reviewRef)
      .extend({
        rationale: text('Rationale', 4000),
        requestedChanges: z
          .array(text('Requested change', 1000))
          .min(1, { error: 'Say what to change' })
          .max(50),
      })
      .strict(),
  ),
  decideReview: method<ReviewDetail>()(
    reviewDecidedSchema
      .pick({ ...reviewRef, decision: true })
      .extend({
        rationale: text('Rationale', 4000),
        conditions: z
          .array(
            z
              .object({
                text: text('Condition', 1000),
                owner: text('Owner', 200),
                dueDate: daySchema('Due date'),
              })
              .strict(),
          )
          .max(50),
        reReviewDate: daySchema('Re-review date').nullable(),
        dpoAdvice: z
          .object({ followed: z.boolean(), reason: z.string().max(4000).optional() })
          .strict()
          .nullable(),
      })
      .strict(),
  ),
  withdrawReview: method<ReviewDetail>()(
    reviewWithdrawnSchema
      .pick({ reviewId: true })
      .extend({ reason: text('Reason', 4000) })
      .strict(),
  ),
  markConditionMet: method<ReviewDetail>()(
    reviewConditionMetSchema
      .pick({ reviewId: true })
      .extend({ conditionId: conditionIdSchema, note: text('What was done', 4000) })
      .strict(),
  ),

  recordDpiaExemption: method<ReviewDetail>()(
    reviewDpiaExemptedSchema
      .pick({ ...reviewRef, basis: true })
      .extend({
        reason: text('Reason', 4000),
        reference: text('Reference', 300),
        dpoView: text("The DPO's view", 4000),
      })
      .strict(),
  ),

  exportReviewRecord: method<{ file: string | null; digest: string | null }>()(
    z.object({ reviewId: reviewIdSchema, format: z.enum(['json', 'pdf']) }).strict(),
  ),

  // ---- records
  getRecords: method<RecordsView>()(none),
  startExport: method<JobView>()(
    z
      .object({
        format: z.enum(EXPORT_FORMATS),
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

  // ---- reminders
  listNotifications: method<NotificationsView>()(none),
  /** The page words the reminders; core raises those that may be raised now and says which it raised. */
  raiseNotifications: method<{ raised: string[] }>()(
    z
      .object({
        notifications: z
          .array(
            z
              .object({
                id: z.string().min(1).max(300),
                title: text('Title', 200),
                body: text('Body', 1000),
              })
              .strict(),
          )
          .max(100),
      })
      .strict(),
  ),
  getReminderSettings: method<ReminderSettings>()(none),
  setReminderSettings: method<ReminderSettings>()(
    z
      .object({
        optOut: z.array(z.enum(NOTIFICATION_KINDS)).max(NOTIFICATION_KINDS.length),
        quietHours: z.object({ from: timeOfDay, to: timeOfDay }).strict().nullable(),
      })
      .strict(),
  ),
  saveDueDatesCalendar: method<{ file: string | null; events: number }>()(none),
  // ---- organisation
  getOrganisation: method<OrganisationView>()(none),
  createOrganisation: method<OrgCreated>()(
    z
      .object({
        name: orgFields.name,
        teams: orgFields.teams.min(1, { error: 'Give at least one team' }),
        /** The founder's own team (one of `teams`). */
        team: orgFields.team,
        /** Make today's policy.yaml role entries into roster grants. */
        fromPolicy: z.boolean(),
      })
      .strict(),
  ),
  confirmOrganisation: method<OrganisationView>()(
    z
      .object({
        orgId: hashSchema,
        code: z.string().trim().min(1, { error: 'Type the code' }).max(40, { error: 'Code too long' }),
      })
      .strict(),
  ),
  enrolPerson: method<OrganisationView>()(
    z
      .object({
        name: orgFields.name,
        email: orgFields.email,
        team: orgFields.team,
        profileIds: z.array(profileIdSchema).max(20),
      })
      .strict(),
  ),
  addPersonKey: method<OrganisationView>()(
    z.object({ personId: orgFields.personId, profileId: profileIdSchema }).strict(),
  ),
  revokePersonKey: method<OrganisationView>()(
    z.object({ personId: orgFields.personId, profileId: profileIdSchema }).strict(),
  ),
  updatePerson: method<OrganisationView>()(
    z
      .object({
        personId: orgFields.personId,
        name: orgFields.name.optional(),
        email: orgFields.email.optional(),
        team: orgFields.team.optional(),
      })
      .strict(),
  ),
  recordPersonLeft: method<OrganisationView>()(
    z.object({ personId: orgFields.personId, on: orgFields.day }).strict(),
  ),
  grantRole: method<OrganisationView>()(
    z
      .object({
        personId: orgFields.personId,
        role: orgFields.role,
        teams: orgFields.teams.nullable(),
        from: orgFields.day.nullable(),
        until: orgFields.day.nullable(),
      })
      .strict(),
  ),
  revokeRole: method<OrganisationView>()(
    z.object({ grantId: orgFields.grantId, until: orgFields.day }).strict(),
  ),
  setTeams: method<OrganisationView>()(
    z.object({ teams: orgFields.teams.min(1, { error: 'Keep at least one team' }) }).strict(),
  ),
  requestProfileChange: method<OrganisationView>()(
    z
      .object({
        name: orgFields.name.optional(),
        email: orgFields.email.optional(),
        team: orgFields.team.optional(),
      })
      .strict(),
  ),
  previewRelease: method<ReleasePreview>()(
    z.object({ dir: z.string().trim().min(1, { error: 'Choose a folder' }).max(4096) }).strict(),
  ),
  publishRelease: method<OrganisationView>()(
    z.object({ dir: z.string().trim().min(1, { error: 'Choose a folder' }).max(4096) }).strict(),
  ),
  previewRosterImport: method<RosterImportPlan>()(
    z
      .object({
        csv: rosterCsv,
        addTeams: z.boolean().optional(),
      })
      .strict(),
  ),
  importRoster: method<RosterImportPlan>()(
    z
      .object({
        csv: rosterCsv,
        addTeams: z.boolean().optional(),
      })
      .strict(),
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
