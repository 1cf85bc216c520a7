// Every call the UI waits on has one entry here, keyed by the contract method's own name (plus
// 'bootstrap', the start-up sequence): whether it is running and how it last failed. Screens read
// the entry for their own call (a busy button, an error next to a field) instead of each keeping
// private loading flags. A method added to the contract needs no edit here.
import type { MethodName } from '../../electron/core/contract/methods';
import type { ErrorPayload } from '../../electron/core/errors';
import { toApiError } from '../api';

export type RequestKey = MethodName | 'bootstrap';

export interface RequestState {
  status: 'idle' | 'pending' | 'succeeded' | 'failed';
  error: ErrorPayload | null;
}

export const IDLE: RequestState = { status: 'idle', error: null };

/** The entries of the calls made so far; a call never made is IDLE. */
export type Requests = Partial<Record<RequestKey, RequestState>>;

/** The entry for one call (IDLE when it was never made). */
export function requestOf(requests: Requests, key: RequestKey): RequestState {
  return requests[key] ?? IDLE;
}

type RequestsSetter = (update: (state: { requests: Requests }) => { requests: Requests }) => void;

/** Sets one call's entry. */
export function setRequest(set: RequestsSetter, key: RequestKey, request: RequestState): void {
  set((state) => ({ requests: { ...state.requests, [key]: request } }));
}

export type Track = <T>(key: RequestKey, work: () => Promise<T>) => Promise<T | null>;

/**
 * Runs one call under its request entry: pending while it runs, then succeeded, or failed with the
 * error as a payload — resolving to null on failure, so actions never throw at the UI.
 */
export function createTracker(set: RequestsSetter): Track {
  return async (key, work) => {
    setRequest(set, key, { status: 'pending', error: null });
    try {
      const value = await work();
      setRequest(set, key, { status: 'succeeded', error: null });
      return value;
    } catch (error) {
      setRequest(set, key, { status: 'failed', error: toApiError(error, key).toPayload() });
      return null;
    }
  };
}
