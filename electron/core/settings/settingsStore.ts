// Preferences and the current profile id live in a small JSON store (electron-store in the
// app, its engine `conf` elsewhere). It is NOT a record: records go to the ledger. A corrupt or
// schema-violating file is moved aside as `<file>.corrupt-<timestamp>` and defaults are used —
// never silently cleared — and the caller is told so it can show the user.
import fs from 'node:fs';
import path from 'node:path';
import Conf from 'conf';
import { z } from 'zod';

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

const settingsShape = z.object({
  currentProfileId: z
    .string()
    .regex(/^p[0-9a-f]{20}$/)
    .nullable(),
  workspaceDir: z.string().min(1).nullable(),
});
export type SettingsData = z.infer<typeof settingsShape>;

const DEFAULTS: SettingsData = { currentProfileId: null, workspaceDir: null };

/** JSON Schema handed to electron-store/conf, so a hand-edited file is checked on load. */
export const SETTINGS_JSON_SCHEMA: Record<string, unknown> = {
  currentProfileId: { type: ['string', 'null'], pattern: '^p[0-9a-f]{20}$' },
  workspaceDir: { type: ['string', 'null'], minLength: 1 },
};

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
    settingsShape.parse({
      currentProfileId: store.get('currentProfileId'),
      workspaceDir: store.get('workspaceDir'),
    });
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
  const read = (): SettingsData =>
    settingsShape.parse({
      currentProfileId: store.get('currentProfileId'),
      workspaceDir: store.get('workspaceDir'),
    });
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
