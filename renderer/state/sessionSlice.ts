// Who is using Steward and where their records live: app info, the current profile and the
// others on this machine, settings, the workspace's integrity status, and notices. Every action
// goes through track(), so the UI reads one RequestState per call for busy and error display.
import type { StateCreator } from 'zustand';
import type { ArgsOf } from '../../electron/core/contract/methods';
import type {
  AppInfo,
  Notice,
  ProfileSummary,
  SettingsView,
  VerifyReport,
  WorkspaceStatus,
} from '../../electron/core/contract/views/app';
import { api } from '../api';
import { createTracker, IDLE, setRequest, type RequestKey, type Requests, requestOf } from './requests';
import type { StewardState } from './store';

export type ProfileInput = ArgsOf<'createProfile'>;

export interface SessionSlice {
  appInfo: AppInfo | null;
  profile: ProfileSummary | null;
  profiles: ProfileSummary[];
  settings: SettingsView | null;
  /** The quick check the app ran on open (or after a workspace change). */
  workspaceStatus: WorkspaceStatus | null;
  /** The last full signature check the user asked for; null until they run one. */
  verifyReport: VerifyReport | null;
  /** Banners still showing; dismissed ones are remembered so a refresh does not bring them back. */
  notices: Notice[];
  dismissedNoticeIds: string[];
  /** Every call's entry, by method name (see requests.ts). */
  requests: Requests;

  bootstrap: () => Promise<void>;
  createProfile: (input: ProfileInput) => Promise<ProfileSummary | null>;
  /** A profile with a passphrase needs it (see ProfileSummary.hasPassphrase). */
  switchProfile: (profileId: string, passphrase?: string) => Promise<ProfileSummary | null>;
  /** Sets, changes or (next null) removes the current profile's passphrase. */
  setProfilePassphrase: (args: ArgsOf<'setProfilePassphrase'>) => Promise<ProfileSummary | null>;
  setWorkspace: (dir: string) => Promise<SettingsView | null>;
  /** Opens the system folder picker and, if a folder was chosen, switches to it. */
  pickWorkspaceFolder: () => Promise<string | null>;
  loadWorkspaceStatus: () => Promise<WorkspaceStatus | null>;
  verifyWorkspace: () => Promise<VerifyReport | null>;
  dismissNotice: (id: string) => void;
  clearRequest: (key: RequestKey) => void;
}

export const createSessionSlice: StateCreator<StewardState, [], [], SessionSlice> = (set, get) => {
  const track = createTracker(set);

  const activeNotices = (notices: Notice[]) =>
    notices.filter((notice) => !get().dismissedNoticeIds.includes(notice.id));

  /** After the profile or workspace changed: the list of profiles and the integrity status follow. */
  async function refreshAfterProfileChange(profile: ProfileSummary) {
    const profiles = await api().listProfiles();
    set({ profile, profiles, verifyReport: null, workspaceStatus: null });
    // Training and review state is one person's: the next screen loads the new profile's own.
    get().resetTraining();
    get().resetReviews();
    get().resetRecords();
    get().resetOrg();
    if (get().route === 'new-profile') get().navigate('training', { replace: true });
    void get().loadWorkspaceStatus();
  }

  return {
    appInfo: null,
    profile: null,
    profiles: [],
    settings: null,
    workspaceStatus: null,
    verifyReport: null,
    notices: [],
    dismissedNoticeIds: [],
    requests: {},

    bootstrap: async () => {
      // React's StrictMode runs effects twice in development; one bootstrap at a time is enough.
      if (requestOf(get().requests, 'bootstrap').status === 'pending') return;
      const loaded = await track('bootstrap', async () => {
        const client = api();
        const [appInfo, profile, profiles, settings] = await Promise.all([
          client.getAppInfo(),
          client.getCurrentProfile(),
          client.listProfiles(),
          client.getSettings(),
        ]);
        return { appInfo, profile, profiles, settings };
      });
      if (loaded === null) return;
      set({ ...loaded, notices: activeNotices(loaded.appInfo.notices) });
      if (loaded.profile !== null) void get().loadWorkspaceStatus();
    },

    createProfile: async (input) =>
      track('createProfile', async () => {
        const client = api();
        const created = await client.createProfile(input);
        // A new profile is the one the person means to use next, also when added beside others.
        const current = await client.getCurrentProfile();
        const profile =
          current?.id === created.id ? current : await client.switchProfile({ profileId: created.id });
        await refreshAfterProfileChange(profile);
        return profile;
      }),

    switchProfile: async (profileId, passphrase) =>
      track('switchProfile', async () => {
        const profile = await api().switchProfile(
          passphrase === undefined ? { profileId } : { profileId, passphrase },
        );
        await refreshAfterProfileChange(profile);
        return profile;
      }),

    setProfilePassphrase: async (args) =>
      track('setProfilePassphrase', async () => {
        const profile = await api().setProfilePassphrase(args);
        const profiles = await api().listProfiles();
        set({ profile, profiles });
        return profile;
      }),

    setWorkspace: async (dir) =>
      track('setWorkspace', async () => {
        const settings = await api().setWorkspace({ dir });
        set({ settings, workspaceStatus: null, verifyReport: null });
        get().resetTraining();
        get().resetReviews();
        get().resetRecords();
        get().resetOrg();
        if (get().profile !== null) void get().loadWorkspaceStatus();
        return settings;
      }),

    pickWorkspaceFolder: async () => {
      const picked = await track('pickWorkspaceFolder', () => api().pickWorkspaceFolder());
      if (picked === null || picked.dir === null) return null;
      await get().setWorkspace(picked.dir);
      return picked.dir;
    },

    loadWorkspaceStatus: async () =>
      track('getWorkspaceStatus', async () => {
        const workspaceStatus = await api().getWorkspaceStatus();
        set({ workspaceStatus });
        return workspaceStatus;
      }),

    verifyWorkspace: async () =>
      track('verifyWorkspace', async () => {
        const verifyReport = await api().verifyWorkspace({ depth: 'full' });
        set({ verifyReport });
        return verifyReport;
      }),

    dismissNotice: (id) =>
      set((state) => ({
        notices: state.notices.filter((notice) => notice.id !== id),
        dismissedNoticeIds: [...state.dismissedNoticeIds, id],
      })),

    clearRequest: (key) => setRequest(set, key, IDLE),
  };
};
