// Preferences and the current profile id live in a small JSON store (electron-store in the
// app, its engine `conf` elsewhere). It is NOT a record: records go to the ledger. A corrupt or
// schema-violating file is moved aside as `<file>.corrupt-<timestamp>` and defaults are used —
// never silently cleared — and the caller is told so it can show the user.
import fs from 'node:fs';
import path from 'node:path';
import Conf from 'conf';
import { z } from 'zod';
import { LOCALE_CHOICES, NOTIFICATION_KINDS, THEME_CHOICES } from '../contract/enums';
import { DRAFT_ID_PATTERN, MODULE_ID_PATTERN, PROFILE_ID_PATTERN, SHA256_PATTERN } from '../contract/ids';

export interface KeyValueStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  readonly path: string;
}

export interface StoreOptions {
  cwd: string;
  name: string;
  schema: Record<string, unknown>;
  defaults: Record<string, unknown>;
}

/** Builds the underlying store; must throw (not clear) when the file is corrupt. */
export type SettingsStoreFactory = (opts: StoreOptions) => KeyValueStore;

/** `${profileId}:${moduleId}`: whose reading position, in which module. */
const inner = (pattern: RegExp): string => pattern.source.replace(/^\^|\$$/g, '');
const READING_KEY = new RegExp(`^${inner(PROFILE_ID_PATTERN)}:${inner(MODULE_ID_PATTERN)}$`);

/** A local time of day, HH:MM (24-hour). */
export const TIME_OF_DAY = /^([01]\d|2[0-3]):[0-5]\d$/;

const settingsShape = z.object({
  /** Display theme: follow the OS, or a chosen light, dark or high-contrast theme. */
  theme: z.enum(THEME_CHOICES),
  /** Interface language: follow the system, or a chosen one. */
  locale: z.enum(LOCALE_CHOICES),
  currentProfileId: z.string().regex(PROFILE_ID_PATTERN).nullable(),
  workspaceDir: z.string().min(1).nullable(),
  /**
   * Where each learner left off reading each module, for the content version they read. A
   * preference (resume where you were), not a record: the ledger holds what was completed.
   */
  readingProgress: z.record(
    z.string().regex(READING_KEY),
    z.object({ contentHash: z.string().regex(SHA256_PATTERN), section: z.number().int().min(0) }).strict(),
  ),
  /**
   * Review drafts not yet submitted, autosaved as the submitter types. Not records: a draft
   * becomes a record only when it is submitted (review.submitted in the ledger).
   */
  reviewDrafts: z.record(
    z.string().regex(DRAFT_ID_PATTERN),
    z
      .object({
        profileId: z.string().regex(PROFILE_ID_PATTERN),
        reviewId: z.string().nullable(),
        basedOnVersion: z.number().int().min(1).nullable(),
        answers: z.record(z.string(), z.union([z.string(), z.number(), z.array(z.string())])),
        mitigationResponses: z.array(z.record(z.string(), z.unknown())),
        updatedAt: z.string(),
        /** The questionnaire version the draft was started on (absent: before versions were noted, 1.0.0). */
        questionnaireVersion: z.string().max(32).optional(),
      })
      .strict(),
  ),
  /**
   * Reminders on this computer: kinds that raise no OS notification, quiet hours (local time),
   * and which reminders were raised on which day (`${profileId}|${itemId}` -> YYYY-MM-DD), so
   * each is raised at most once a day. Preferences, not records.
   */
  reminders: z
    .object({
      optOut: z.array(z.enum(NOTIFICATION_KINDS)),
      quietHours: z
        .object({ from: z.string().regex(TIME_OF_DAY), to: z.string().regex(TIME_OF_DAY) })
        .strict()
        .nullable(),
      notified: z.record(z.string().max(400), z.string().regex(/^\d{4}-\d{2}-\d{2}$/)),
    })
    .strict(),
  /**
   * The organisation this app joined: its org id (the genesis entry's hash), pinned once the
   * person confirmed its code. A workspace that does not hold it is refused.
   */
  org: z
    .object({
      orgId: z.string().regex(SHA256_PATTERN),
      name: z.string().max(120),
      code: z.string().max(40),
      pinnedAt: z.string(),
    })
    .strict()
    .nullable(),
  /** The newest content release of that organisation this app has used: it never takes an older one. */
  seenRelease: z
    .object({
      orgId: z.string().regex(SHA256_PATTERN),
      release: z.number().int().min(1),
      manifestHash: z.string().regex(SHA256_PATTERN),
    })
    .strict()
    .nullable(),
});
export type SettingsData = z.infer<typeof settingsShape>;
export type ReadingProgress = SettingsData['readingProgress'][string];

const DEFAULTS: SettingsData = {
  theme: 'system',
  locale: 'system',
  currentProfileId: null,
  workspaceDir: null,
  readingProgress: {},
  reviewDrafts: {},
  reminders: { optOut: [], quietHours: null, notified: {} },
  org: null,
  seenRelease: null,
};

/**
 * JSON Schema handed to electron-store/conf, so a hand-edited file is checked on load: generated
 * from the zod shape above, so the two cannot disagree.
 */
export const SETTINGS_JSON_SCHEMA: Record<string, unknown> = (
  z.toJSONSchema(settingsShape, { target: 'draft-7' }) as { properties: Record<string, unknown> }
).properties;

export const SETTINGS_FILE_NAME = 'settings';

export interface Settings {
  get(): SettingsData;
  update(patch: Partial<SettingsData>): SettingsData;
  readonly path: string;
}

export interface OpenedSettings {
  settings: Settings;
  /** Set when a corrupt file was moved aside: where it went and why. */
  movedAside: { from: string; to: string; reason: string } | null;
}

/** The Node (non-Electron) store: conf, the engine electron-store itself is built on. */
export const confStoreFactory: SettingsStoreFactory = (opts) => {
  const conf = new Conf<Record<string, unknown>>({
    cwd: opts.cwd,
    configName: opts.name,
    projectName: 'steward',
    schema: opts.schema as never,
    defaults: opts.defaults,
    clearInvalidConfig: false,
  });
  return {
    get: (key) => conf.get(key),
    set: (key, value) => conf.set(key, value),
    path: conf.path,
  };
};

function timestampForFileName(date: Date): string {
  return date.toISOString().replace(/[:.]/g, '-');
}

function readFrom(store: KeyValueStore): SettingsData {
  return settingsShape.parse({
    theme: store.get('theme') ?? 'system',
    locale: store.get('locale') ?? 'system',
    currentProfileId: store.get('currentProfileId'),
    workspaceDir: store.get('workspaceDir'),
    // Files written before reading progress existed have no such key.
    readingProgress: store.get('readingProgress') ?? {},
    reviewDrafts: store.get('reviewDrafts') ?? {},
    reminders: store.get('reminders') ?? DEFAULTS.reminders,
    // Files written before organisations existed have neither.
    org: store.get('org') ?? null,
    seenRelease: store.get('seenRelease') ?? null,
  });
}

export function openSettings(
  factory: SettingsStoreFactory,
  cwd: string,
  now: () => Date = () => new Date(),
): OpenedSettings {
  fs.mkdirSync(cwd, { recursive: true });
  const opts: StoreOptions = {
    cwd,
    name: SETTINGS_FILE_NAME,
    schema: SETTINGS_JSON_SCHEMA,
    defaults: { ...DEFAULTS },
  };
  const file = path.join(cwd, `${SETTINGS_FILE_NAME}.json`);
  let movedAside: OpenedSettings['movedAside'] = null;
  let store: KeyValueStore;
  try {
    store = factory(opts);
    // The library's schema check is the first line; ours guards the types we rely on.
    readFrom(store);
  } catch (error) {
    if (!fs.existsSync(file)) throw error;
    const to = `${file}.corrupt-${timestampForFileName(now())}`;
    fs.renameSync(file, to);
    movedAside = {
      from: file,
      to,
      reason: error instanceof Error ? error.message.split('\n')[0]! : String(error),
    };
    store = factory(opts);
  }
  const read = (): SettingsData => readFrom(store);
  return {
    movedAside,
    settings: {
      path: store.path,
      get: read,
      update(patch) {
        const next = settingsShape.parse({ ...read(), ...patch });
        for (const [key, value] of Object.entries(patch)) store.set(key, value);
        return next;
      },
    },
  };
}

/** Reading positions, one per (profile, module). */
export interface ReadingProgressStore {
  get(profileId: string, moduleId: string): ReadingProgress | null;
  set(profileId: string, moduleId: string, value: ReadingProgress): void;
}

/** Reading progress kept in the settings file. */
export function settingsReadingProgress(settings: Settings): ReadingProgressStore {
  const key = (profileId: string, moduleId: string) => `${profileId}:${moduleId}`;
  return {
    get: (profileId, moduleId) => settings.get().readingProgress[key(profileId, moduleId)] ?? null,
    set(profileId, moduleId, value) {
      const all = settings.get().readingProgress;
      settings.update({ readingProgress: { ...all, [key(profileId, moduleId)]: value } });
    },
  };
}

/** Reading progress held in memory only (the demo seeder, tests). */
export function memoryReadingProgress(): ReadingProgressStore {
  const map = new Map<string, ReadingProgress>();
  return {
    get: (profileId, moduleId) => map.get(`${profileId}:${moduleId}`) ?? null,
    set: (profileId, moduleId, value) => void map.set(`${profileId}:${moduleId}`, { ...value }),
  };
}

export type StoredReviewDraft = SettingsData['reviewDrafts'][string];

/** Review drafts (autosaved, not records), keyed by draft id. */
export interface ReviewDraftStore {
  get(draftId: string): StoredReviewDraft | null;
  list(): Array<StoredReviewDraft & { draftId: string }>;
  put(draftId: string, draft: StoredReviewDraft): void;
  remove(draftId: string): boolean;
}

export function settingsReviewDrafts(settings: Settings): ReviewDraftStore {
  const all = () => settings.get().reviewDrafts;
  return {
    get: (draftId) => all()[draftId] ?? null,
    list: () => Object.entries(all()).map(([draftId, d]) => ({ draftId, ...d })),
    put(draftId, draft) {
      settings.update({ reviewDrafts: { ...all(), [draftId]: draft } });
    },
    remove(draftId) {
      const drafts = { ...all() };
      if (!(draftId in drafts)) return false;
      delete drafts[draftId];
      settings.update({ reviewDrafts: drafts });
      return true;
    },
  };
}
