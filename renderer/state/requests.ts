// Every call the UI waits on has one entry here: whether it is running and how it last failed.
// Screens read the entry for their own call (a busy button, an error next to a field) instead of
// each keeping private loading flags.
import type { ErrorPayload } from '../../electron/core/errors';
import { toApiError } from '../api';

export type RequestKey =
  | 'bootstrap'
  | 'createProfile'
  | 'switchProfile'
  | 'setWorkspace'
  | 'pickWorkspaceFolder'
  | 'workspaceStatus'
  | 'verifyWorkspace'
  | 'trainingCatalogue'
  | 'startModule'
  | 'saveReadingProgress'
  | 'quiz'
  | 'submitQuiz'
  | 'attest'
  | 'certificate'
  | 'reviewLists'
  | 'reviewQuestionnaire'
  | 'createReviewDraft'
  | 'reviewDraft'
  | 'saveReviewDraft'
  | 'deleteReviewDraft'
  | 'submitReview'
  | 'startReviewRevision'
  | 'review'
  | 'commentOnReview'
  | 'requestReviewChanges'
  | 'decideReview'
  | 'withdrawReview'
  | 'markConditionMet';

export interface RequestState {
  status: 'idle' | 'pending' | 'succeeded' | 'failed';
  error: ErrorPayload | null;
}

export const IDLE: RequestState = { status: 'idle', error: null };

export function initialRequests(): Record<RequestKey, RequestState> {
  return {
    bootstrap: IDLE,
    createProfile: IDLE,
    switchProfile: IDLE,
    setWorkspace: IDLE,
    pickWorkspaceFolder: IDLE,
    workspaceStatus: IDLE,
    verifyWorkspace: IDLE,
    trainingCatalogue: IDLE,
    startModule: IDLE,
    saveReadingProgress: IDLE,
    quiz: IDLE,
    submitQuiz: IDLE,
    attest: IDLE,
    certificate: IDLE,
    reviewLists: IDLE,
    reviewQuestionnaire: IDLE,
    createReviewDraft: IDLE,
    reviewDraft: IDLE,
    saveReviewDraft: IDLE,
    deleteReviewDraft: IDLE,
    submitReview: IDLE,
    startReviewRevision: IDLE,
    review: IDLE,
    commentOnReview: IDLE,
    requestReviewChanges: IDLE,
    decideReview: IDLE,
    withdrawReview: IDLE,
    markConditionMet: IDLE,
  };
}

type RequestMap = Record<RequestKey, RequestState>;
type RequestsSetter = (update: (state: { requests: RequestMap }) => { requests: RequestMap }) => void;

export type Track = <T>(key: RequestKey, work: () => Promise<T>) => Promise<T | null>;

/**
 * Runs one call under its request entry: pending while it runs, then succeeded, or failed with the
 * error as a payload — resolving to null on failure, so actions never throw at the UI.
 */
export function createTracker(set: RequestsSetter): Track {
  const setRequest = (key: RequestKey, request: RequestState) =>
    set((state) => ({ requests: { ...state.requests, [key]: request } }));
  return async (key, work) => {
    setRequest(key, { status: 'pending', error: null });
    try {
      const value = await work();
      setRequest(key, { status: 'succeeded', error: null });
      return value;
    } catch (error) {
      setRequest(key, { status: 'failed', error: toApiError(error, key).toPayload() });
      return null;
    }
  };
}
