// The one table of services. Every transport (Electron IPC, the preview WebSocket, the e2e
// bridge) carries calls to the object built here; no method body exists anywhere else.
// Arguments arrive already validated by core/dispatch.ts.
import { witnessBounds } from './witness/compare';
import fs from 'node:fs';
import path from 'node:path';
import type { Services } from './contract/methods';
import type { AppInfo, Notice, ProfileSummary, SettingsView, WorkspaceStatus } from './contract/views/app';
import { StewardError, type ErrorPayload } from './errors';
import { checkOutgoingLink } from './links';
import {
  createWorkspaceReader,
  openLedger,
  openVerifiedHeads,
  verificationRules,
  type Ledger,
  type LedgerRead,
  type Workspace,
  type WorkspaceReader,
} from './ledger';
import type { VerifyReport } from './contract/views/app';
import { createProfile } from './profiles/createProfile';
import {
  changePassphrase,
  keyHasPassphrase,
  listLocalKeyIds,
  loadKey,
  type SecretProtector,
} from './profiles/keystore';
import { localHeadPath, localHeadStore, readLocalHead } from './profiles/localHead';
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
import { openStewardWorkspace, STEWARD_EVENTS } from './events';
import { workspaceOrgOf, type OrgPin, type WorkspaceOrg } from './org/workspaceOrg';
import { loadPolicy, type Policy } from './policy/policy';
import { resolveContentInForce, type ContentInForce } from './org/contentInForce';
import { createOrgServices } from './admin/orgServices';
import { formatReason, reason, type Reason } from './contract/reasons';
import { dailyCheckpoints } from './witness/checkpoint';
import {
  enrolledKeysOf,
  verifyWitnessedWorkspace,
  withWitnessProblems,
  witnessProblems,
} from './witness/verify';

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
  /**
   * The content bundled with the app: modules/, review/, policy.yaml. Used without an
   * organisation; with one, it only seeds the first release (the newest release is used).
   */
  contentDir: string;
  /** Overrides the private-key folder (`--keys DIR` in the CLI). */
  keysDir?: string;
  now?: () => Date;
  logError?: (where: string, error: unknown) => void;
  /** The OS's preferred language tag (e.g. fr-FR), for the 'system' language setting; English when absent. */
  systemLocale?: () => string;
  /**
   * The organisation a managed install is pinned to in advance (a deployment file or the
   * STEWARD_ORG variable; see deploymentPin in org/deployment.ts), or null.
   */
  deploymentPin?: OrgPin | null;
  /** Why a deployment setting that exists could not be used (shown as a notice). */
  deploymentProblem?: Reason | null;
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
  /**
   * The current profile's private key once unlocked with its passphrase, kept for this run only
   * (a workspace change reopens the ledger with it); never written anywhere.
   */
  unlocked: { profileId: string; privateKeyPem: string } | null;
  /** The current profile when it has a passphrase not given since the app started: nobody is in use. */
  locked: string | null;
}

/** Wrong passphrases allowed in a row before each further try must wait. */
const FREE_PASSPHRASE_TRIES = 3;
/** The wait after the free tries: 5 s, doubling with each further wrong try, at most 5 minutes. */
function passphraseWaitMs(failures: number): number {
  return failures < FREE_PASSPHRASE_TRIES
    ? 0
    : Math.min(300_000, 5_000 * 2 ** (failures - FREE_PASSPHRASE_TRIES));
}

/** In the app's data folder: what it verified in full before (see ledger/verifiedHeads.ts). */
export const VERIFIED_HEADS_FILE = 'verified-ledgers.log';

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
    unlocked: null,
    locked: null,
  };
  const clock = ctx.now ?? (() => new Date());
  if (ctx.deploymentProblem) {
    session.notices.push({
      id: 'deployment-invalid',
      level: 'error',
      message: formatReason(ctx.deploymentProblem),
      reasons: [ctx.deploymentProblem],
    });
  }
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

  /**
   * Opens the current profile's ledger, recording (not throwing) why it could not be opened. A
   * profile with a passphrase opens with the key unlocked in this run, else it stays locked.
   */
  async function openCurrentLedger(): Promise<void> {
    await closeLedger();
    const id = session.settings.get().currentProfileId;
    if (session.unlocked && session.unlocked.profileId !== id) session.unlocked = null;
    session.locked = null;
    if (!id || !session.workspace) return;
    // A ledger this app wrote to and that is gone is said so (openLedger); one never made is not.
    const missing = !fs.existsSync(path.join(session.workspace.ledgersDir, `${id}.jsonl`));
    if (missing && readLocalHead(localHeadPath(keysDir, id)) === null) return;
    if (!session.unlocked && keyHasPassphrase(keysDir, id)) {
      session.locked = id;
      return;
    }
    try {
      const pem = session.unlocked?.privateKeyPem ?? loadKey(keysDir, ctx.secretProtector, id).privateKeyPem;
      session.ledger = await openLedger(session.workspace, id, pem, {
        now: ctx.now,
        localHead: localHeadStore(keysDir, id),
      });
    } catch (error) {
      session.ledgerError =
        error instanceof StewardError
          ? error.toPayload()
          : { code: 'INTERNAL', message: `Your ledger could not be opened: ${String(error)}` };
      if (!(error instanceof StewardError)) ctx.logError?.('openLedger', error);
    }
  }

  /**
   * What this app verified in full before, kept in its own data folder (never in the workspace,
   * which others can write): each signature is checked once per app, not on every open. A new
   * app version verifies everything again once.
   */
  const verified = openVerifiedHeads(
    path.join(ctx.userDataDir, VERIFIED_HEADS_FILE),
    verificationRules(STEWARD_EVENTS, ctx.appVersion),
    (error) => ctx.logError?.('verifiedHeads', error),
  );

  async function useWorkspace(dir: string): Promise<void> {
    session.workspace = await openStewardWorkspace(dir, verified);
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
    const readAndWitness = async () => {
      let result = await reader.read();
      refreshOrg(result.ledgers);
      // What was just witnessed is read back (only our own ledger grew: a tail read).
      if (await witnessDaily(result.ledgers)) result = await reader.read();
      return result;
    };
    const next = shared.last.then(readAndWitness, readAndWitness);
    shared.last = next.catch(() => undefined);
    return next;
  }

  /**
   * The organisation and content in force as of the last workspace read: which release the
   * services read policy, modules and questionnaire from (see org/contentInForce.ts), and why the
   * workspace is refused, if it is (it does not hold the organisation this app is pinned to).
   */
  let inForce: ContentInForce | null = null;
  let orgRefusal: Reason | null = null;
  const releasesDir = path.join(ctx.userDataDir, 'releases');

  function refreshOrg(ledgers: readonly LedgerRead[]): ContentInForce {
    const bundledPolicy = loadPolicy(ctx.contentDir).policy;
    const wo = workspaceOrgOf(ledgers, bundledPolicy, orgPin(), witnessBounds(ledgers));
    orgRefusal = wo.refusal;
    const seen = session.settings.get().seenRelease;
    const next = resolveContentInForce({
      org: wo.pinned ? wo.org : null,
      workspaceDir: requireWorkspace().dir,
      cacheDir: releasesDir,
      bundledDir: ctx.contentDir,
      seen,
    });
    if (
      next.seen &&
      (!seen ||
        seen.orgId !== next.seen.orgId ||
        seen.release !== next.seen.release ||
        seen.manifestHash !== next.seen.manifestHash)
    ) {
      session.settings.update({ seenRelease: next.seen });
    }
    inForce = next;
    return next;
  }

  /** The folder the services read content from now: the release in force, else the bundled content. */
  const contentDirNow = (): string => inForce?.dir ?? ctx.contentDir;

  /**
   * The daily checkpoint: at most once a day while the app is in use, a sample of the ledgers
   * that changed since this profile last witnessed them (witness/checkpoint.ts). Never fails a read.
   */
  let witnessCheckedAt: { ledger: Ledger; at: number } | null = null;
  async function witnessDaily(ledgers: readonly LedgerRead[]): Promise<boolean> {
    const ledger = session.ledger;
    if (ledger === null || ledger.readOnly !== null || orgRefusal !== null) return false;
    const now = (ctx.now ?? (() => new Date()))();
    // Looked at again an hour after the last look, not on every read.
    if (witnessCheckedAt?.ledger === ledger && now.getTime() - witnessCheckedAt.at < 3_600_000) return false;
    witnessCheckedAt = { ledger, at: now.getTime() };
    const own = ledgers.find((l) => l.profileId === ledger.profileId);
    if (!own || own.headHash !== ledger.head().hash) return false; // not read up to our own head yet
    let wrote = false;
    try {
      for (const data of dailyCheckpoints(own, ledgers, now)) {
        await ledger.append('witness.checkpoint', data);
        wrote = true;
      }
    } catch (error) {
      ctx.logError?.('witnessDaily', error);
    }
    return wrote;
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

  /** A profile as the switcher needs it: with whether switching to it asks for a passphrase. */
  const withPassphrase = (profile: ProfileSummary): ProfileSummary =>
    keyHasPassphrase(keysDir, profile.id) ? { ...profile, hasPassphrase: true } : profile;

  /** Wrong passphrases in a row, per profile, in this run (see passphraseWaitMs). */
  const passphraseFailures = new Map<string, { count: number; at: number }>();

  /** Refuses a try while the wait after too many wrong ones runs. */
  function checkPassphraseWait(profileId: string): void {
    const failed = passphraseFailures.get(profileId);
    if (!failed) return;
    const left = failed.at + passphraseWaitMs(failed.count) - clock().getTime();
    if (left > 0) {
      const seconds = Math.ceil(left / 1000);
      throw new StewardError('NOT_ALLOWED', `Too many wrong passphrases: wait ${seconds} s.`, {
        reasons: [reason('profile.passphraseWait', { count: seconds })],
      });
    }
  }

  /** Runs a step that checks a passphrase, counting wrong ones (and forgetting them once one is right). */
  function tryPassphrase<T>(profileId: string, step: () => T): T {
    checkPassphraseWait(profileId);
    try {
      const result = step();
      passphraseFailures.delete(profileId);
      return result;
    } catch (error) {
      if (error instanceof StewardError && error.reasons?.some((r) => r.code === 'profile.passphraseWrong')) {
        const count = (passphraseFailures.get(profileId)?.count ?? 0) + 1;
        passphraseFailures.set(profileId, { count, at: clock().getTime() });
      }
      throw error;
    }
  }

  function localProfiles(): ProfileSummary[] {
    const ws = session.workspace;
    if (!ws) return [];
    const out: ProfileSummary[] = [];
    for (const id of listLocalKeyIds(keysDir)) {
      const profile = readProfileFromLedger(ws, id);
      if (profile) out.push(withPassphrase(profile));
    }
    return out.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  }

  function currentProfile(): ProfileSummary | null {
    const id = session.settings.get().currentProfileId;
    if (!id || !session.workspace || session.locked === id) return null;
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
    if (orgRefusal) {
      throw new StewardError('WORKSPACE_REFUSED', formatReason(orgRefusal), { reasons: [orgRefusal] });
    }
    if (session.ledger) return session.ledger;
    if (session.ledgerError) {
      throw new StewardError(session.ledgerError.code, session.ledgerError.message, {
        reasons: session.ledgerError.reasons,
      });
    }
    throw new StewardError('NO_PROFILE', 'Create or choose a profile first.');
  }

  /** The organisation this app is pinned to: by its deployment, else as the person confirmed it. */
  function orgPin(): OrgPin | null {
    if (ctx.deploymentPin) return ctx.deploymentPin;
    const pinned = session.settings.get().org;
    return pinned ? { orgId: pinned.orgId, by: 'person' } : null;
  }

  const orgOf = (ledgers: readonly LedgerRead[], policy: Policy): WorkspaceOrg =>
    workspaceOrgOf(ledgers, policy, orgPin(), witnessBounds(ledgers));

  /** The keys the roster of this app's organisation ever enrolled (null without one). */
  const enrolledOf = (ledgers: readonly LedgerRead[]) =>
    enrolledKeysOf(orgOf(ledgers, loadPolicy(contentDirNow()).policy).org);

  /** The learner's team and roles now, from the roster (or the policy file without an organisation). */
  async function standing(
    profile: ProfileSummary,
  ): Promise<{ team: string; roles: Set<'reviewer' | 'manager'> }> {
    const { ledgers } = await readCurrentWorkspace();
    const { authority } = orgOf(ledgers, loadPolicy(contentDirNow()).policy);
    const now = (ctx.now ?? (() => new Date()))();
    const roles = new Set(
      [...authority.rolesAt(profile.id, now)].filter((r): r is 'reviewer' | 'manager' => r !== 'admin'),
    );
    return { team: authority.identityOf(profile.id).team || profile.team, roles };
  }

  const training = createTrainingServices({
    get contentDir() {
      return contentDirNow();
    },
    now: ctx.now ?? (() => new Date()),
    workspace: requireWorkspace,
    currentProfile,
    ledger: requireLedger,
    readingProgress: settingsReadingProgress(session.settings),
    locale: () => session.settings.get().locale,
    systemLocale: ctx.systemLocale,
    standing,
  });

  const reviews = createReviewServices({
    get contentDir() {
      return contentDirNow();
    },
    now: ctx.now ?? (() => new Date()),
    workspace: requireWorkspace,
    currentProfile,
    ledger: requireLedger,
    drafts: settingsReviewDrafts(session.settings),
    readWorkspace: readCurrentWorkspace,
    orgOf,
  });

  const records = createRecordsServices({
    settings: session.settings,
    // Records also ask with org entries alone (verify): read without witnesses' bounds there.
    orgOf: (ledgers, policy) =>
      workspaceOrgOf(
        ledgers,
        policy,
        orgPin(),
        ledgers.every((l): l is LedgerRead => 'publicKey' in l) ? witnessBounds(ledgers) : undefined,
      ),
    get contentDir() {
      return contentDirNow();
    },
    userDataDir: ctx.userDataDir,
    systemLocale: ctx.systemLocale,
    signingKey: (profileId: string) =>
      session.unlocked?.profileId === profileId
        ? session.unlocked.privateKeyPem
        : loadKey(keysDir, ctx.secretProtector, profileId).privateKeyPem,
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
    recheckWorkspace: () => shared?.reader.recheck(),
  });

  const organisation = createOrgServices({
    now: ctx.now ?? (() => new Date()),
    workspace: requireWorkspace,
    currentProfile,
    ledger: requireLedger,
    readWorkspace: readCurrentWorkspace,
    orgOf,
    contentInForce: refreshOrg,
    bundledContentDir: ctx.contentDir,
    pin(org) {
      const before = session.settings.get();
      session.settings.update({
        org: { ...org, pinnedAt: (ctx.now ?? (() => new Date()))().toISOString() },
        ...(before.seenRelease && before.seenRelease.orgId !== org.orgId ? { seenRelease: null } : {}),
      });
    },
    pinnedBy: () => (ctx.deploymentPin ? 'deployment' : session.settings.get().org ? 'person' : null),
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
    ...organisation,

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
      if (orgRefusal) {
        notices.push({
          id: 'org-refused',
          level: 'error',
          message: formatReason(orgRefusal),
          reasons: [orgRefusal],
        });
      }
      for (const [i, problem] of (inForce?.problems ?? []).entries()) {
        notices.push({
          id: `content-${i}`,
          level: 'warning',
          message: formatReason(problem),
          reasons: [problem],
        });
      }
      return {
        name: 'Steward',
        version: ctx.appVersion,
        host: ctx.capabilities.host,
        keyProtection: ctx.secretProtector.kind,
        keyProtectionNote: ctx.secretProtector.note,
        notices,
        lockedProfileId: session.locked,
      };
    },

    async listProfiles() {
      return localProfiles();
    },

    async getCurrentProfile() {
      const profile = currentProfile();
      return profile ? withPassphrase(profile) : null;
    },

    async createProfile({ passphrase, ...input }) {
      const profile = await createProfile(
        requireWorkspace(),
        keysDir,
        ctx.secretProtector,
        input,
        ctx.now,
        passphrase ?? null,
      );
      session.settings.update({ currentProfileId: profile.id });
      session.unlocked = passphrase
        ? {
            profileId: profile.id,
            privateKeyPem: loadKey(keysDir, ctx.secretProtector, profile.id, { passphrase }).privateKeyPem,
          }
        : null;
      await openCurrentLedger();
      return withPassphrase(profile);
    },

    async switchProfile({ profileId, passphrase }) {
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
      // A profile with a passphrase is unlocked before it becomes current: a wrong or missing
      // passphrase leaves whoever was current (or nobody) as it was.
      const unlocked = keyHasPassphrase(keysDir, profileId)
        ? tryPassphrase(profileId, () => ({
            profileId,
            privateKeyPem: loadKey(keysDir, ctx.secretProtector, profileId, {
              passphrase: passphrase ?? null,
            }).privateKeyPem,
          }))
        : null;
      session.unlocked = unlocked;
      session.settings.update({ currentProfileId: profileId });
      await openCurrentLedger();
      if (session.ledgerError) {
        throw new StewardError(session.ledgerError.code, session.ledgerError.message, {
          reasons: session.ledgerError.reasons,
        });
      }
      return withPassphrase(profile);
    },

    async setProfilePassphrase({ current, next }) {
      const profile = currentProfile();
      if (!profile) throw new StewardError('NO_PROFILE', 'Create or choose a profile first.');
      const had = keyHasPassphrase(keysDir, profile.id);
      if (!had && next === null) {
        throw new StewardError('INVALID_ARGUMENT', 'This profile has no passphrase to remove.', {
          reasons: [reason('profile.passphraseNotSet')],
        });
      }
      // The passphrase set now is asked for, even though the key is unlocked in this run: whoever
      // finds the app open must not be able to change or remove it.
      tryPassphrase(profile.id, () =>
        changePassphrase(keysDir, ctx.secretProtector, profile.id, { current: current ?? null, next }),
      );
      session.unlocked =
        next === null
          ? null
          : {
              profileId: profile.id,
              privateKeyPem: loadKey(keysDir, ctx.secretProtector, profile.id, { passphrase: next })
                .privateKeyPem,
            };
      return withPassphrase(profile);
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
      const next = await openStewardWorkspace(target, verified); // throws WORKSPACE_NOT_WRITABLE with the reason
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
      // A pinned app judges the new folder now, as at start-up: whether it holds the organisation
      // must not be the last folder's answer until something happens to read this one.
      if (orgPin()) await readCurrentWorkspace().catch((e: unknown) => ctx.logError?.('read', e));
      return settingsView();
    },

    async pickWorkspaceFolder() {
      if (!ctx.capabilities.pickFolder) return { dir: null };
      return { dir: await ctx.capabilities.pickFolder() };
    },

    async getWorkspaceStatus(): Promise<WorkspaceStatus> {
      const ws = requireWorkspace();
      const { ledgers, report } = await readCurrentWorkspace();
      return {
        workspaceDir: ws.dir,
        readOnly: session.ledger?.readOnly ?? null,
        report: withWitnessProblems(report, witnessProblems(ws, ledgers, enrolledOf(ledgers))),
      };
    },

    async verifyWorkspace({ depth }) {
      // The shared reader re-reads grown ledgers from genesis next time too (an in-place edit
      // behind an append is seen by a full read only): what was just checked, the screens see.
      shared?.reader.recheck();
      return verifyWitnessedWorkspace(requireWorkspace(), { depth, enrolled: enrolledOf });
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

  // Content in force from the start: this app's copy of the newest release it has used, at once;
  // a pinned app that has used none yet reads the workspace first. The read brings it up to date.
  {
    const seen = session.settings.get().seenRelease;
    const pinned = orgPin();
    const local = seen ? path.join(releasesDir, seen.manifestHash) : null;
    if (seen && pinned && local && fs.existsSync(path.join(local, '.steward-release-complete'))) {
      inForce = { dir: local, release: null, problems: [], seen };
      if (session.workspace) void readCurrentWorkspace().catch((e: unknown) => ctx.logError?.('read', e));
    } else if (pinned && session.workspace) {
      await readCurrentWorkspace().catch((e: unknown) => ctx.logError?.('read', e));
    }
  }

  return {
    services,
    async close() {
      await records.close();
      await closeLedger();
    },
  };
}
