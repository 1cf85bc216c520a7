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

const none = z.object({}).strict();

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
