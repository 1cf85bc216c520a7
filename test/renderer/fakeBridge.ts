// An in-memory window.steward for renderer tests: implements every bridge method over a small
// state object, records each call, and can be told to fail a method (with a code and message,
// as the real dispatch would) or to hold its reply until the test releases it. Training lives in
// fakeTraining.ts, reviews in fakeReviews.ts.
import type { MethodName, StewardBridge } from '../../electron/core/contract/methods';
import type {
  AppInfo,
  ProfileSummary,
  SettingsView,
  VerifyReport,
  WorkspaceStatus,
} from '../../electron/core/contract/views/app';
import type { CallResult, ErrorPayload } from '../../electron/core/errors';
import { createFakeRecords, defaultRecordsState, type FakeRecordsState } from './fakeRecords';
import { createFakeReviews, defaultReviewsState, type FakeReviewsState } from './fakeReviews';
import { createFakeTraining, type FakeTrainingState } from './fakeTraining';

export interface FakeState {
  appInfo: AppInfo;
  profiles: ProfileSummary[];
  currentProfileId: string | null;
  settings: SettingsView;
  workspaceStatus: WorkspaceStatus;
  fullReport: VerifyReport;
  linkDecision: (url: string) => { opened: boolean; reason?: string };
  training: FakeTrainingState;
  reviews: FakeReviewsState;
  records: FakeRecordsState;
}

export interface FakeBridgeOptions extends Partial<
  Omit<FakeState, 'appInfo' | 'settings' | 'training' | 'reviews' | 'records'>
> {
  appInfo?: Partial<AppInfo>;
  settings?: Partial<SettingsView>;
  training?: Partial<FakeTrainingState>;
  reviews?: Partial<FakeReviewsState>;
  records?: Partial<FakeRecordsState>;
  failures?: Partial<Record<MethodName, ErrorPayload>>;
}

export interface FakeCall {
  method: MethodName;
  args: unknown;
}

export interface FakeBridge extends StewardBridge {
  readonly state: FakeState;
  readonly calls: FakeCall[];
  callsTo: (method: MethodName) => unknown[];
  fail: (method: MethodName, error: ErrorPayload) => void;
  succeed: (method: MethodName) => void;
  /** Holds replies to `method` until the returned function is called. */
  hold: (method: MethodName) => () => void;
}

let counter = 0;
export function makeProfile(overrides: Partial<ProfileSummary> = {}): ProfileSummary {
  counter += 1;
  const hex = counter.toString(16).padStart(20, '0');
  return {
    id: `p${hex}`,
    name: 'Ada Lovelace',
    email: 'ada@example.com',
    team: 'Analytics',
    fingerprint: 'SHA256:3F2A 91C0 7B44 E1D8 0A6C 5B12 9E07 44F1',
    createdAt: '2026-11-01T09:30:00.000Z',
    ...overrides,
  };
}

export function makeReport(overrides: Partial<VerifyReport> = {}): VerifyReport {
  return {
    ok: true,
    depth: 'quick',
    checkedAt: '2026-11-29T08:00:00.000Z',
    ledgers: [],
    problems: [],
    ...overrides,
  };
}

export function createFakeBridge(options: FakeBridgeOptions = {}): FakeBridge {
  const profiles = options.profiles ?? [];
  const state: FakeState = {
    appInfo: {
      name: 'Steward',
      version: '0.1.0',
      host: 'test',
      keyProtection: 'os',
      keyProtectionNote: 'Your private key is encrypted with your operating system keychain.',
      notices: [],
      ...options.appInfo,
    },
    profiles,
    currentProfileId:
      options.currentProfileId !== undefined ? options.currentProfileId : (profiles[0]?.id ?? null),
    settings: {
      workspaceDir: '/home/ada/.config/Steward/workspace',
      defaultWorkspaceDir: '/home/ada/.config/Steward/workspace',
      canPickFolder: true,
      ...options.settings,
    },
    workspaceStatus: options.workspaceStatus ?? {
      workspaceDir: '/home/ada/.config/Steward/workspace',
      readOnly: null,
      report: makeReport(),
    },
    fullReport: options.fullReport ?? makeReport({ depth: 'full', checkedAt: '2026-11-29T09:00:00.000Z' }),
    linkDecision: options.linkDecision ?? (() => ({ opened: true })),
    training: {
      modules: [],
      unavailable: [],
      certificates: {},
      asOf: '2026-11-29T09:00:00.000Z',
      learner: {
        name: profiles[0]?.name ?? 'Ada Lovelace',
        email: profiles[0]?.email ?? 'ada@example.com',
        team: profiles[0]?.team ?? 'Analytics',
        fingerprint: profiles[0]?.fingerprint ?? 'SHA256:3F2A 91C0 7B44 E1D8 0A6C 5B12 9E07 44F1',
      },
      ...options.training,
    },
    reviews: { ...defaultReviewsState(), ...options.reviews },
    records: { ...defaultRecordsState(), ...options.records },
  };
  const training = createFakeTraining(state.training);
  const failures: Partial<Record<MethodName, ErrorPayload>> = { ...options.failures };
  const holds = new Map<MethodName, Promise<void>>();
  const calls: FakeCall[] = [];

  const current = () => state.profiles.find((p) => p.id === state.currentProfileId) ?? null;
  const reviews = createFakeReviews(state.reviews, current);
  const records = createFakeRecords(state.records);

  function respond<M extends MethodName, R>(method: M, args: unknown, run: () => R): Promise<CallResult<R>> {
    calls.push({ method, args });
    const reply = async (): Promise<CallResult<R>> => {
      await holds.get(method);
      const failure = failures[method];
      if (failure) return { ok: false, error: failure };
      try {
        return { ok: true, value: run() };
      } catch (error) {
        if (typeof error === 'object' && error !== null && 'code' in error) {
          return { ok: false, error: error as ErrorPayload };
        }
        throw error;
      }
    };
    return reply();
  }

  const bridge: StewardBridge = {
    getAppInfo: () => respond('getAppInfo', undefined, () => state.appInfo),
    listProfiles: () => respond('listProfiles', undefined, () => [...state.profiles]),
    getCurrentProfile: () => respond('getCurrentProfile', undefined, current),
    createProfile: (args) =>
      respond('createProfile', args, () => {
        const profile = makeProfile({ name: args.name, email: args.email, team: args.team });
        state.profiles = [...state.profiles, profile];
        state.currentProfileId = profile.id;
        return profile;
      }),
    switchProfile: (args) =>
      respond('switchProfile', args, () => {
        const profile = state.profiles.find((p) => p.id === args.profileId);
        if (!profile)
          throw { code: 'PROFILE_NOT_FOUND', message: 'There is no such profile.' } as ErrorPayload;
        state.currentProfileId = profile.id;
        return profile;
      }),
    getSettings: () => respond('getSettings', undefined, () => state.settings),
    setWorkspace: (args) =>
      respond('setWorkspace', args, () => {
        state.settings = { ...state.settings, workspaceDir: args.dir };
        return state.settings;
      }),
    pickWorkspaceFolder: () => respond('pickWorkspaceFolder', undefined, () => ({ dir: null })),
    getWorkspaceStatus: () => respond('getWorkspaceStatus', undefined, () => state.workspaceStatus),
    verifyWorkspace: (args) =>
      respond('verifyWorkspace', args, () => ({ ...state.fullReport, depth: args.depth })),
    openExternalLink: (args) => respond('openExternalLink', args, () => state.linkDecision(args.url)),
    listTrainingModules: () => respond('listTrainingModules', undefined, training.listTrainingModules),
    startTrainingModule: (args) =>
      respond('startTrainingModule', args, () => training.startTrainingModule(args)),
    saveReadingProgress: (args) =>
      respond('saveReadingProgress', args, () => training.saveReadingProgress(args)),
    getQuiz: (args) => respond('getQuiz', args, () => training.getQuiz(args)),
    submitQuizAttempt: (args) => respond('submitQuizAttempt', args, () => training.submitQuizAttempt(args)),
    attestTrainingModule: (args) =>
      respond('attestTrainingModule', args, () => training.attestTrainingModule(args)),
    getCertificate: (args) => respond('getCertificate', args, () => training.getCertificate(args)),
    getReviewQuestionnaire: () =>
      respond('getReviewQuestionnaire', undefined, reviews.getReviewQuestionnaire),
    listReviews: () => respond('listReviews', undefined, reviews.listReviews),
    createReviewDraft: (args) => respond('createReviewDraft', args, () => reviews.createReviewDraft(args)),
    getReviewDraft: (args) => respond('getReviewDraft', args, () => reviews.getReviewDraft(args)),
    saveReviewDraft: (args) => respond('saveReviewDraft', args, () => reviews.saveReviewDraft(args)),
    deleteReviewDraft: (args) => respond('deleteReviewDraft', args, () => reviews.deleteReviewDraft(args)),
    submitReview: (args) => respond('submitReview', args, () => reviews.submitReview(args)),
    startReviewRevision: (args) =>
      respond('startReviewRevision', args, () => reviews.startReviewRevision(args)),
    getReview: (args) => respond('getReview', args, () => reviews.getReview(args)),
    commentOnReview: (args) => respond('commentOnReview', args, () => reviews.commentOnReview(args)),
    requestReviewChanges: (args) =>
      respond('requestReviewChanges', args, () => reviews.requestReviewChanges(args)),
    decideReview: (args) => respond('decideReview', args, () => reviews.decideReview(args)),
    withdrawReview: (args) => respond('withdrawReview', args, () => reviews.withdrawReview(args)),
    markConditionMet: (args) => respond('markConditionMet', args, () => reviews.markConditionMet(args)),
    getRecords: () => respond('getRecords', undefined, records.getRecords),
    startExport: (args) => respond('startExport', args, () => records.startExport(args)),
    startVerify: () => respond('startVerify', undefined, records.startVerify),
    getJob: (args) => respond('getJob', args, () => records.getJob(args)),
    cancelJob: (args) => respond('cancelJob', args, () => records.cancelJob(args)),
    exportMyRecords: () => respond('exportMyRecords', undefined, records.exportMyRecords),
    importRecords: () => respond('importRecords', undefined, records.importRecords),
    getLrs: () => respond('getLrs', undefined, records.getLrs),
    setLrs: (args) => respond('setLrs', args, () => records.setLrs(args)),
    sendLrsNow: () => respond('sendLrsNow', undefined, records.sendLrsNow),
    getTheme: () => respond('getTheme', undefined, records.getTheme),
    setTheme: (args) => respond('setTheme', args, () => records.setTheme(args)),
    getLocale: () => respond('getLocale', undefined, records.getLocale),
    setLocale: (args) => respond('setLocale', args, () => records.setLocale(args)),
    // Reminders: an empty inbox (the shell reads it on every screen); specs of reminders use the real core.
    listNotifications: () =>
      respond('listNotifications', undefined, () => ({
        items: [],
        asOf: new Date().toISOString(),
        dueSoonDays: 30,
        unavailable: [],
      })),
    raiseNotifications: (args) => respond('raiseNotifications', args, () => ({ raised: [] })),
    getReminderSettings: () =>
      respond('getReminderSettings', undefined, () => ({ optOut: [], quietHours: null, canNotify: false })),
    setReminderSettings: (args) =>
      respond('setReminderSettings', args, () => ({ ...args, canNotify: false })),
    saveDueDatesCalendar: () => respond('saveDueDatesCalendar', undefined, () => ({ file: null, events: 0 })),
  };

  return Object.assign(bridge, {
    state,
    calls,
    callsTo: (method: MethodName) => calls.filter((c) => c.method === method).map((c) => c.args),
    fail: (method: MethodName, error: ErrorPayload) => {
      failures[method] = error;
    },
    succeed: (method: MethodName) => {
      delete failures[method];
    },
    hold: (method: MethodName) => {
      let release!: () => void;
      holds.set(
        method,
        new Promise<void>((resolve) => {
          release = resolve;
        }),
      );
      return () => {
        holds.delete(method);
        release();
      };
    },
  });
}
