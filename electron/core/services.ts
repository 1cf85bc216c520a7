// The one table of services. Every transport (Electron IPC, the preview WebSocket, the e2e
// bridge) carries calls to the object built here; no method body exists anywhere else.
// Arguments arrive already validated by core/dispatch.ts.
import fs from 'node:fs';
import path from 'node:path';
import type { Services } from './contract/methods';
import type { AppInfo, Notice, ProfileSummary, SettingsView, WorkspaceStatus } from './contract/views/app';
import { StewardError, type ErrorPayload } from './errors';
import { checkOutgoingLink } from './links';
import {
  createWorkspaceReader,
  openLedger,
  verifyWorkspace,
  type Ledger,
  type LedgerRead,
  type Workspace,
  type WorkspaceReader,
} from './ledger';
import type { VerifyReport } from './contract/views/app';
import { createProfile } from './profiles/createProfile';
import { listLocalKeyIds, loadKey, type SecretProtector } from './profiles/keystore';
import { readProfileFromLedger } from './profiles/profileDirectory';
import {
  openSettings,
  settingsReadingProgress,
  settingsReviewDrafts,
  type Settings,
  type SettingsStoreFactory,
} from './settings/settingsStore';
import { createTrainingServices } from './training/trainingServices';
import { createReviewServices } from './review/reviewServices';
import { createRecordsServices, type RecordsHost } from './records/recordsServices';
import { createReminderServices, type ReminderHost } from './reminders/reminderServices';
import { openStewardWorkspace } from './events';
import { reason } from './contract/reasons';

export interface HostCapabilities extends RecordsHost, ReminderHost {
  host: AppInfo['host'];
  pickFolder?: () => Promise<string | null>;
  openExternal?: (url: string) => Promise<void>;
}

export interface ServiceContext {
  /** Local, per-user app data: settings and private keys live here, never in the workspace. */
  userDataDir: string;
  settingsStoreFactory: SettingsStoreFactory;
  secretProtector: SecretProtector;
  capabilities: HostCapabilities;
  appVersion: string;
  /** The organisation's content: modules/, review/, policy.yaml. */
  contentDir: string;
  /** Overrides the private-key folder (`--keys DIR` in the CLI). */
  keysDir?: string;
  now?: () => Date;
  logError?: (where: string, error: unknown) => void;
  /** The OS's preferred language tag (e.g. fr-FR), for the 'system' language setting; English when absent. */
  systemLocale?: () => string;
}

export interface ServiceHandle {
  services: Services;
  close(): Promise<void>;
}

interface Session {
  settings: Settings;
  workspace: Workspace | null;
  workspaceError: string | null;
  ledger: Ledger | null;
  ledgerError: ErrorPayload | null;
  notices: Notice[];
}

export function defaultWorkspaceDir(userDataDir: string): string {
  return path.join(userDataDir, 'workspace');
}

export async function createServices(ctx: ServiceContext): Promise<ServiceHandle> {
  const keysDir = ctx.keysDir ?? path.join(ctx.userDataDir, 'keys');
  const defaultDir = defaultWorkspaceDir(ctx.userDataDir);
  const opened = openSettings(ctx.settingsStoreFactory, ctx.userDataDir, ctx.now);
  const session: Session = {
    settings: opened.settings,
    workspace: null,
    workspaceError: null,
    ledger: null,
    ledgerError: null,
    notices: [],
  };
  if (opened.movedAside) {
    session.notices.push({
      id: 'settings-corrupt',
      level: 'warning',
      message: `Your settings file could not be read (${opened.movedAside.reason}). It was moved aside to ${opened.movedAside.to} and default settings are in use.`,
      reasons: [reason('notice.settingsMovedAside', { to: opened.movedAside.to })],
    });
  }

  const workspaceDir = (): string => session.settings.get().workspaceDir ?? defaultDir;

  async function closeLedger(): Promise<void> {
    const ledger = session.ledger;
    session.ledger = null;
    session.ledgerError = null;
    if (ledger) await ledger.close();
  }

  /** Opens the current profile's ledger, recording (not throwing) why it could not be opened. */
  async function openCurrentLedger(): Promise<void> {
    await closeLedger();
    const id = session.settings.get().currentProfileId;
    if (!id || !session.workspace) return;
    if (!fs.existsSync(path.join(session.workspace.ledgersDir, `${id}.jsonl`))) return;
    try {
      const key = loadKey(keysDir, ctx.secretProtector, id);
      session.ledger = await openLedger(session.workspace, id, key.privateKeyPem, { now: ctx.now });
    } catch (error) {
      session.ledgerError =
        error instanceof StewardError
          ? error.toPayload()
          : { code: 'INTERNAL', message: `Your ledger could not be opened: ${String(error)}` };
      if (!(error instanceof StewardError)) ctx.logError?.('openLedger', error);
    }
  }

  async function useWorkspace(dir: string): Promise<void> {
    session.workspace = await openStewardWorkspace(dir);
    session.workspaceError = null;
  }

  try {
    await useWorkspace(workspaceDir());
  } catch (error) {
    session.workspaceError = error instanceof Error ? error.message : String(error);
    session.notices.push({
      id: 'workspace-unavailable',
      level: 'error',
      message: session.workspaceError,
      ...(error instanceof StewardError && error.reasons ? { reasons: error.reasons } : {}),
    });
  }
  await openCurrentLedger();

  /**
   * One incremental reader for the open workspace, shared by the records and review services and
   * getWorkspaceStatus: a call re-reads only the ledgers whose size or mtime changed since the
   * last one, and a ledger that only grew (the current profile's own appends included) is read
   * from where the last read stopped, chained on the head already verified (see
   * createWorkspaceReader). A new reader comes with a new Workspace object (setWorkspace).
   * Reads are run one at a time, so callers arriving together share one pass over the files.
   */
  let shared: { ws: Workspace; reader: WorkspaceReader; last: Promise<unknown> } | null = null;

  function readCurrentWorkspace(): Promise<{ ledgers: LedgerRead[]; report: VerifyReport }> {
    const ws = requireWorkspace();
    if (shared?.ws !== ws) shared = { ws, reader: createWorkspaceReader(ws), last: Promise.resolve() };
    const { reader } = shared;
    const next = shared.last.then(
      () => reader.read(),
      () => reader.read(),
    );
    shared.last = next.catch(() => undefined);
    return next;
  }

  function requireWorkspace(): Workspace {
    if (!session.workspace) {
      throw new StewardError(
        'WORKSPACE_INVALID',
        `The workspace folder cannot be used: ${session.workspaceError ?? 'unknown reason'}. Choose another folder in Settings.`,
      );
    }
    return session.workspace;
  }

  function localProfiles(): ProfileSummary[] {
    const ws = session.workspace;
    if (!ws) return [];
    const out: ProfileSummary[] = [];
    for (const id of listLocalKeyIds(keysDir)) {
      const profile = readProfileFromLedger(ws, id);
      if (profile) out.push(profile);
    }
    return out.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  }

  function currentProfile(): ProfileSummary | null {
    const id = session.settings.get().currentProfileId;
    if (!id || !session.workspace) return null;
    if (!listLocalKeyIds(keysDir).includes(id)) return null;
    return readProfileFromLedger(session.workspace, id);
  }

  function settingsView(): SettingsView {
    return {
      workspaceDir: workspaceDir(),
      defaultWorkspaceDir: defaultDir,
      canPickFolder: Boolean(ctx.capabilities.pickFolder),
    };
  }

  /** Carries this machine's own ledgers along when the user points Steward at another folder. */
  function carryLocalLedgers(from: Workspace, to: Workspace): void {
    for (const id of listLocalKeyIds(keysDir)) {
      const src = path.join(from.ledgersDir, `${id}.jsonl`);
      const dst = path.join(to.ledgersDir, `${id}.jsonl`);
      if (!fs.existsSync(src) || fs.existsSync(dst)) continue;
      for (const [a, b] of [
        [path.join(from.keysDir, `${id}.pub`), path.join(to.keysDir, `${id}.pub`)],
        [src, dst],
      ] as const) {
        if (!fs.existsSync(a) || fs.existsSync(b)) continue;
        const tmp = `${b}.copying-${process.pid}`;
        fs.copyFileSync(a, tmp);
        fs.renameSync(tmp, b);
      }
    }
  }

  /** The current profile's ledger, or the reason it cannot be written. */
  function requireLedger(): Ledger {
    if (session.ledger) return session.ledger;
    if (session.ledgerError) {
      throw new StewardError(session.ledgerError.code, session.ledgerError.message, {
        reasons: session.ledgerError.reasons,
      });
    }
    throw new StewardError('NO_PROFILE', 'Create or choose a profile first.');
  }

  const training = createTrainingServices({
    contentDir: ctx.contentDir,
    now: ctx.now ?? (() => new Date()),
    workspace: requireWorkspace,
    currentProfile,
    ledger: requireLedger,
    readingProgress: settingsReadingProgress(session.settings),
    locale: () => session.settings.get().locale,
    systemLocale: ctx.systemLocale,
  });

  const reviews = createReviewServices({
    contentDir: ctx.contentDir,
    now: ctx.now ?? (() => new Date()),
    workspace: requireWorkspace,
    currentProfile,
    ledger: requireLedger,
    drafts: settingsReviewDrafts(session.settings),
    readWorkspace: readCurrentWorkspace,
  });

  const records = createRecordsServices({
    settings: session.settings,
    contentDir: ctx.contentDir,
    userDataDir: ctx.userDataDir,
    keysDir,
    secretProtector: ctx.secretProtector,
    appVersion: ctx.appVersion,
    now: ctx.now ?? (() => new Date()),
    workspace: requireWorkspace,
    currentProfile,
    ledger: requireLedger,
    localProfileIds: () => listLocalKeyIds(keysDir),
    host: ctx.capabilities,
    logError: ctx.logError,
    readWorkspace: readCurrentWorkspace,
  });

  const reminders = createReminderServices({
    settings: session.settings,
    now: ctx.now ?? (() => new Date()),
    userDataDir: ctx.userDataDir,
    currentProfile,
    ledger: requireLedger,
    host: ctx.capabilities,
    views: {
      listTrainingModules: training.listTrainingModules,
      listReviews: reviews.listReviews,
      getReview: reviews.getReview,
      getRecords: records.services.getRecords,
    },
    logError: ctx.logError,
  });

  const services: Services = {
    ...training,
    ...reviews,
    ...records.services,
    ...reminders,

    async getAppInfo() {
      const notices = [...session.notices];
      if (session.ledgerError) {
        notices.push({
          id: `ledger-${session.ledgerError.code}`,
          level: 'error',
          message: session.ledgerError.message,
          ...(session.ledgerError.reasons ? { reasons: session.ledgerError.reasons } : {}),
        });
      }
      return {
        name: 'Steward',
        version: ctx.appVersion,
        host: ctx.capabilities.host,
        keyProtection: ctx.secretProtector.kind,
        keyProtectionNote: ctx.secretProtector.note,
        notices,
      };
    },

    async listProfiles() {
      return localProfiles();
    },

    async getCurrentProfile() {
      return currentProfile();
    },

    async createProfile(input) {
      const profile = await createProfile(requireWorkspace(), keysDir, ctx.secretProtector, input, ctx.now);
      session.settings.update({ currentProfileId: profile.id });
      await openCurrentLedger();
      return profile;
    },

    async switchProfile({ profileId }) {
      const ws = requireWorkspace();
      const profile = listLocalKeyIds(keysDir).includes(profileId)
        ? readProfileFromLedger(ws, profileId)
        : null;
      if (!profile) {
        throw new StewardError(
          'PROFILE_NOT_FOUND',
          `There is no profile ${profileId} on this computer in this workspace.`,
        );
      }
      session.settings.update({ currentProfileId: profileId });
      await openCurrentLedger();
      if (session.ledgerError) {
        throw new StewardError(session.ledgerError.code, session.ledgerError.message, {
          reasons: session.ledgerError.reasons,
        });
      }
      return profile;
    },

    async getSettings() {
      return settingsView();
    },

    async setWorkspace({ dir }) {
      if (!path.isAbsolute(dir)) {
        throw new StewardError(
          'INVALID_ARGUMENT',
          `Give the folder's full path (for example /home/you/Steward), not "${dir}".`,
        );
      }
      const target = path.resolve(dir);
      const next = await openStewardWorkspace(target); // throws WORKSPACE_NOT_WRITABLE with the reason
      if (session.workspace && session.workspace.dir !== next.dir) {
        await closeLedger();
        carryLocalLedgers(session.workspace, next);
      }
      session.workspace = next;
      session.workspaceError = null;
      shared = null; // read the (new) folder afresh
      session.notices = session.notices.filter((n) => n.id !== 'workspace-unavailable');
      session.settings.update({ workspaceDir: target });
      await openCurrentLedger();
      return settingsView();
    },

    async pickWorkspaceFolder() {
      if (!ctx.capabilities.pickFolder) return { dir: null };
      return { dir: await ctx.capabilities.pickFolder() };
    },

    async getWorkspaceStatus(): Promise<WorkspaceStatus> {
      const ws = requireWorkspace();
      const { report } = await readCurrentWorkspace();
      return {
        workspaceDir: ws.dir,
        readOnly: session.ledger?.readOnly ?? null,
        report,
      };
    },

    async verifyWorkspace({ depth }) {
      return verifyWorkspace(requireWorkspace(), { depth });
    },

    async openExternalLink({ url }) {
      const decision = checkOutgoingLink(url);
      if (!decision.ok) return { opened: false, reason: decision.reason };
      if (!ctx.capabilities.openExternal) {
        return { opened: false, reason: `This window cannot open your browser; the link is ${decision.url}` };
      }
      await ctx.capabilities.openExternal(decision.url);
      return { opened: true };
    },
  };

  return {
    services,
    async close() {
      await records.close();
      await closeLedger();
    },
  };
}
