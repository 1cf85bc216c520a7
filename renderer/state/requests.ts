// Every call the UI waits on has one entry here: whether it is running and how it last failed.
// Screens read the entry for their own call (a busy button, an error next to a field) instead of
// each keeping private loading flags.
import type { ErrorPayload } from '../../electron/core/errors';

export type RequestKey =
  | 'bootstrap'
  | 'createProfile'
  | 'switchProfile'
  | 'setWorkspace'
  | 'pickWorkspaceFolder'
  | 'workspaceStatus'
  | 'verifyWorkspace';

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
  };
}
