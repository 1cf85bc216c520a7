// The one place ipcRenderer is used, and all the page ever gets: window.steward, one named
// function per contract method, each returning the call's envelope. No channel names, no
// generic invoke, no ipcRenderer reach the page. Bundled to one CommonJS file (sandboxed).
import { contextBridge, ipcRenderer } from 'electron';
import { channelFor } from '../core/channels';
import type { MethodName, ResultOf, StewardBridge } from '../core/contract';
import type { CallResult } from '../core/errors';

async function invoke<M extends MethodName>(method: M, args?: unknown): Promise<CallResult<ResultOf<M>>> {
  try {
    return (await ipcRenderer.invoke(channelFor(method), args)) as CallResult<ResultOf<M>>;
  } catch (error) {
    // Only reached if main has no handler or the channel broke; the page still gets an envelope.
    const message = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      error: { code: 'INTERNAL', message: `${method} could not reach Steward: ${message}` },
    };
  }
}

const api: StewardBridge = Object.freeze({
  getAppInfo: () => invoke('getAppInfo'),
  listProfiles: () => invoke('listProfiles'),
  getCurrentProfile: () => invoke('getCurrentProfile'),
  createProfile: (args) => invoke('createProfile', args),
  switchProfile: (args) => invoke('switchProfile', args),
  getSettings: () => invoke('getSettings'),
  setWorkspace: (args) => invoke('setWorkspace', args),
  pickWorkspaceFolder: () => invoke('pickWorkspaceFolder'),
  getWorkspaceStatus: () => invoke('getWorkspaceStatus'),
  verifyWorkspace: (args) => invoke('verifyWorkspace', args),
  listTrainingModules: () => invoke('listTrainingModules'),
  startTrainingModule: (args) => invoke('startTrainingModule', args),
  saveReadingProgress: (args) => invoke('saveReadingProgress', args),
  getQuiz: (args) => invoke('getQuiz', args),
  submitQuizAttempt: (args) => invoke('submitQuizAttempt', args),
  attestTrainingModule: (args) => invoke('attestTrainingModule', args),
  getCertificate: (args) => invoke('getCertificate', args),
  getReviewQuestionnaire: () => invoke('getReviewQuestionnaire'),
  listReviews: () => invoke('listReviews'),
  createReviewDraft: (args) => invoke('createReviewDraft', args),
  getReviewDraft: (args) => invoke('getReviewDraft', args),
  saveReviewDraft: (args) => invoke('saveReviewDraft', args),
  deleteReviewDraft: (args) => invoke('deleteReviewDraft', args),
  submitReview: (args) => invoke('submitReview', args),
  startReviewRevision: (args) => invoke('startReviewRevision', args),
  getReview: (args) => invoke('getReview', args),
  commentOnReview: (args) => invoke('commentOnReview', args),
  requestReviewChanges: (args) => invoke('requestReviewChanges', args),
  decideReview: (args) => invoke('decideReview', args),
  withdrawReview: (args) => invoke('withdrawReview', args),
  markConditionMet: (args) => invoke('markConditionMet', args),
  getRecords: () => invoke('getRecords'),
  startExport: (args) => invoke('startExport', args),
  startVerify: () => invoke('startVerify'),
  getJob: (args) => invoke('getJob', args),
  cancelJob: (args) => invoke('cancelJob', args),
  exportMyRecords: () => invoke('exportMyRecords'),
  importRecords: () => invoke('importRecords'),
  getLrs: () => invoke('getLrs'),
  setLrs: (args) => invoke('setLrs', args),
  sendLrsNow: () => invoke('sendLrsNow'),
  getTheme: () => invoke('getTheme'),
  setTheme: (args) => invoke('setTheme', args),
  getLocale: () => invoke('getLocale'),
  setLocale: (args) => invoke('setLocale', args),
  openExternalLink: (args) => invoke('openExternalLink', args),
});

contextBridge.exposeInMainWorld('steward', api);
