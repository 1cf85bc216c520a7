// Shared by the IPC specs: a services table of spies that would append to a real ledger file if
// ever reached, valid arguments for every contract method, and the sender events Electron would
// hand a handler (the app's own top frame, and the frames that must be refused).
import fs from 'node:fs';
import path from 'node:path';
import { vi } from 'vitest';
import type { IpcMainInvokeEvent } from 'electron';
import {
  METHOD_NAMES,
  type ArgsOf,
  type MethodName,
  type Services,
} from '../../electron/core/contract/methods';
import { createIpcRegistry, registerContract, type IpcRegistry } from '../../electron/main/ipc';

import { APP_ENTRY_URL, trustedOrigins } from '../../electron/main/origin';
import { MockWebContents, MockWebFrameMain } from './electron-mock';

/** One valid argument per method; typed so a new contract method will not compile until added. */
export const VALID_ARGS: { [M in MethodName]: ArgsOf<M> } = {
  getAppInfo: {},
  listProfiles: {},
  getCurrentProfile: {},
  createProfile: { name: 'Ada Lovelace', email: 'ada@example.org', team: 'Analytics' },
  switchProfile: { profileId: 'p0123456789abcdef0123' },
  setProfilePassphrase: { current: 'old passphrase', next: 'a new passphrase' },
  getSettings: {},
  setWorkspace: { dir: '/tmp/steward-workspace' },
  pickWorkspaceFolder: {},
  getWorkspaceStatus: {},
  verifyWorkspace: { depth: 'quick' },
  listTrainingModules: {},
  startTrainingModule: { moduleId: 'consent-done-right' },
  saveReadingProgress: { moduleId: 'consent-done-right', section: 2 },
  getQuiz: { moduleId: 'consent-done-right' },
  submitQuizAttempt: {
    moduleId: 'consent-done-right',
    contentHash: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
    answers: { q1: ['a'] },
  },
  attestTrainingModule: {
    moduleId: 'consent-done-right',
    contentHash: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
    confirmed: true,
  },
  getCertificate: { entryHash: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' },
  getReviewQuestionnaire: {},
  listReviews: {},
  createReviewDraft: { copyFromReviewId: 'r-2026-0001' },
  getReviewDraft: { draftId: 'd0123456789abcdef' },
  saveReviewDraft: {
    draftId: 'd0123456789abcdef',
    answers: { title: 'Churn model' },
    mitigationResponses: [],
  },
  deleteReviewDraft: { draftId: 'd0123456789abcdef' },
  submitReview: { draftId: 'd0123456789abcdef' },
  startReviewRevision: { reviewId: 'r-2026-0001' },
  getReview: { reviewId: 'r-2026-0001' },
  commentOnReview: { reviewId: 'r-2026-0001', text: 'Looks fine' },
  requestReviewChanges: {
    reviewId: 'r-2026-0001',
    version: 1,
    rationale: 'Unclear retention',
    requestedChanges: ['Set a retention period'],
  },
  decideReview: {
    reviewId: 'r-2026-0001',
    version: 1,
    decision: 'approved',
    rationale: 'Low risk',
    conditions: [],
    reReviewDate: '2027-06-01',
    dpoAdvice: null,
  },
  withdrawReview: { reviewId: 'r-2026-0001', reason: 'Project cancelled' },
  markConditionMet: { reviewId: 'r-2026-0001', conditionId: 'c1', note: 'Notice updated on the website' },
  recordDpiaExemption: {
    reviewId: 'r-2026-0001',
    version: 1,
    basis: 'nationalNoDpiaList',
    reason: 'HR processing by an employer of 120 people, without profiling.',
    reference: 'CNIL deliberation 2019-118, item 1',
    dpoView: 'Agreed: the exemption applies.',
  },
  exportReviewRecord: { reviewId: 'r-2026-0001', format: 'pdf' },
  getRecords: {},
  startExport: { format: 'csv-matrix', pseudonymise: false },
  startVerify: {},
  getJob: { jobId: 'j0123456789ab' },
  cancelJob: { jobId: 'j0123456789ab' },
  exportMyRecords: {},
  importRecords: {},
  getLrs: {},
  setLrs: { endpoint: 'https://lrs.example.org/xAPI/', key: 'steward', enabled: true },
  sendLrsNow: {},
  listNotifications: {},
  raiseNotifications: {
    notifications: [
      { id: 'trainingOverdue:law-in-practice:2026-01-01', title: 'Overdue', body: 'Law in practice' },
    ],
  },
  getReminderSettings: {},
  setReminderSettings: { optOut: ['reReviewDue'], quietHours: { from: '22:00', to: '07:00' } },
  saveDueDatesCalendar: {},
  getOrganisation: {},
  createOrganisation: { name: 'Acme', teams: ['Product'], team: 'Product', fromPolicy: false },
  confirmOrganisation: { orgId: 'a'.repeat(64), code: 'ABCD-EFGH-JKLM-NPQR' },
  enrolPerson: { name: 'Ada', email: 'ada@example.com', team: 'Product', profileIds: [] },
  addPersonKey: { personId: `u${'1'.repeat(20)}`, profileId: `p${'1'.repeat(20)}` },
  revokePersonKey: { personId: `u${'1'.repeat(20)}`, profileId: `p${'1'.repeat(20)}` },
  updatePerson: { personId: `u${'1'.repeat(20)}`, team: 'Product' },
  recordPersonLeft: { personId: `u${'1'.repeat(20)}`, on: '2026-12-01' },
  grantRole: { personId: `u${'1'.repeat(20)}`, role: 'reviewer', teams: null, from: null, until: null },
  revokeRole: { grantId: `g${'1'.repeat(16)}`, until: '2026-12-01' },
  setTeams: { teams: ['Product'] },
  requestProfileChange: { team: 'Product' },
  previewRelease: { dir: '/tmp/content' },
  publishRelease: { dir: '/tmp/content' },
  previewRosterImport: { csv: 'email,name,team\n' },
  importRoster: { csv: 'email,name,team\n' },
  getTheme: {},
  setTheme: { theme: 'dark' },
  getLocale: {},
  setLocale: { locale: 'fr' },
  openExternalLink: { url: 'https://gdpr-info.eu/art-5-gdpr/' },
};

export type SpyServices = { [M in MethodName]: ReturnType<typeof vi.fn> } & Services;

/** Spies that append a line to <dir>/ledgers/spy.jsonl when called, like a real recording service. */
export function ledgerWritingSpies(dir: string): SpyServices {
  const table = {} as Record<MethodName, ReturnType<typeof vi.fn>>;
  for (const method of METHOD_NAMES) {
    table[method] = vi.fn(async (args: unknown) => {
      const ledgers = path.join(dir, 'ledgers');
      fs.mkdirSync(ledgers, { recursive: true });
      fs.appendFileSync(path.join(ledgers, 'spy.jsonl'), `${JSON.stringify({ method, args })}\n`);
      return { method };
    });
  }
  return table as unknown as SpyServices;
}

export function ledgerExists(dir: string): boolean {
  return fs.existsSync(path.join(dir, 'ledgers'));
}

export function registerAll(services: Services): IpcRegistry {
  const registry = createIpcRegistry({ origins: trustedOrigins() });
  registerContract(registry, services);
  return registry;
}

type SenderEvent = IpcMainInvokeEvent;

/** The app's own top-level frame, as Electron reports it. */
export function trustedEvent(url = APP_ENTRY_URL): SenderEvent {
  const sender = new MockWebContents(url);
  return {
    sender,
    senderFrame: sender.mainFrame,
    frameId: 1,
    processId: 1,
    type: 'frame',
  } as unknown as SenderEvent;
}

/** Frames that must never be served, each with a name for the test title. */
export function foreignEvents(): Array<[string, SenderEvent]> {
  const withFrame = (sender: MockWebContents, senderFrame: MockWebFrameMain | null): SenderEvent =>
    ({ sender, senderFrame, frameId: 2, processId: 1, type: 'frame' }) as unknown as SenderEvent;

  const app = new MockWebContents();
  const appIframe = new MockWebFrameMain(APP_ENTRY_URL, app.mainFrame);
  const evilIframe = new MockWebFrameMain('https://evil.example/', app.mainFrame);
  const other = new MockWebContents();

  return [
    ['a null senderFrame (frame gone)', withFrame(new MockWebContents(), null)],
    ['an iframe of the app at the app origin', withFrame(app, appIframe)],
    ['an iframe of another origin', withFrame(app, evilIframe)],
    ['a top frame at another https origin', trustedEvent('https://evil.example/index.html')],
    ['a top frame at app://x', trustedEvent('app://x/index.html')],
    ['a top frame at app://steward.evil', trustedEvent('app://steward.evil/index.html')],
    ['a top frame on file://', trustedEvent('file:///tmp/index.html')],
    ['a top frame on about:blank', trustedEvent('about:blank')],
    ['a top frame on a data: URL', trustedEvent('data:text/html,hi')],
    ['the dev server origin when none is configured', trustedEvent('http://localhost:5173/')],
    ["another web contents' main frame", withFrame(new MockWebContents(), other.mainFrame)],
  ];
}
