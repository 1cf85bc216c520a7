// The renderer's one handle on the app: window.steward returns envelopes ({ ok, value } or
// { ok, error }) so a structured error survives every bridge; this module turns them back into
// resolved values and thrown ApiErrors. Built generically (a Proxy) so a method added to the
// contract needs no code here — and the contract is imported for its types only.
import type { StewardBridge, StewardClient } from '../electron/core/contract/methods';
import type { Reason } from '../electron/core/contract/reasons';
import type { ErrorCode, ErrorPayload } from '../electron/core/errors';

declare global {
  interface Window {
    /** Exposed by the preload (desktop), the preview server's page script, or a test bridge. */
    steward?: StewardBridge;
    /** The browser preview only: where a file the core wrote into the exports folder can be downloaded. */
    stewardPreview?: { downloadUrl(file: string): string };
  }
}

export type { StewardClient };

/** A failed call: `code` is stable (branch on it), `message` is a sentence for a person. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly method: string;
  /** Why, as data, when core gave reasons (the UI words them; see i18n/reasons.tsx). */
  readonly reasons: Reason[] | undefined;
  constructor(code: ErrorCode, message: string, method: string, reasons?: Reason[]) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.method = method;
    this.reasons = reasons;
  }

  toPayload(): ErrorPayload {
    return this.reasons
      ? { code: this.code, message: this.message, reasons: this.reasons }
      : { code: this.code, message: this.message };
  }
}

/** Turns anything caught around a call into an ApiError, so UI code handles one shape. */
export function toApiError(error: unknown, method = 'unknown'): ApiError {
  if (error instanceof ApiError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new ApiError('INTERNAL', message || 'Something went wrong.', method);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function unwrap(method: string, envelope: unknown): unknown {
  if (isRecord(envelope) && envelope.ok === true && 'value' in envelope) return envelope.value;
  if (isRecord(envelope) && envelope.ok === false && isRecord(envelope.error)) {
    const { code, message, reasons } = envelope.error;
    if (typeof code === 'string' && typeof message === 'string') {
      // The code list lives in errors.ts, which the renderer may only import as a type; trust the bridge.
      throw new ApiError(
        code as ErrorCode,
        message,
        method,
        Array.isArray(reasons) ? (reasons as Reason[]) : undefined,
      );
    }
  }
  throw new ApiError('INTERNAL', `Steward got an unreadable reply to ${method}.`, method);
}

type AnyCall = (args?: unknown) => Promise<unknown>;

/** Wraps a bridge into a client: each property is the unwrapped version of the bridge's function. */
export function createClient(bridge: StewardBridge): StewardClient {
  const calls = new Map<string, AnyCall>();
  const target = {} as StewardClient;
  return new Proxy(target, {
    get(_target, property) {
      // Symbols and `then` must stay undefined, or `await client` would treat it as a promise.
      if (typeof property !== 'string' || property === 'then') return undefined;
      let call = calls.get(property);
      if (call === undefined) {
        const method = property;
        call = async (args?: unknown) => {
          const fn = (bridge as unknown as Record<string, unknown>)[method];
          if (typeof fn !== 'function') {
            throw new ApiError('UNKNOWN_METHOD', `This version of Steward has no "${method}" call.`, method);
          }
          let envelope: unknown;
          try {
            envelope = await (args === undefined ? fn.call(bridge) : fn.call(bridge, args));
          } catch (error) {
            // The bridge itself failed (e.g. the preview's connection dropped), not the call.
            const detail = error instanceof Error ? error.message : String(error);
            throw new ApiError('INTERNAL', `Steward could not reach the app (${detail}).`, method);
          }
          return unwrap(method, envelope);
        };
        calls.set(property, call);
      }
      return call;
    },
  });
}

export const MISSING_BRIDGE_MESSAGE = "Steward's renderer needs the desktop app or `npm run preview`.";

/** The bridge the page was given, or null when the renderer is opened in a plain browser. */
export function getBridge(): StewardBridge | null {
  return typeof window !== 'undefined' && window.steward ? window.steward : null;
}

const clients = new WeakMap<StewardBridge, StewardClient>();

/**
 * The client for the current window.steward. Looked up on every use (cheap; cached per bridge)
 * so tests can install a fresh fake bridge between cases.
 */
export function api(): StewardClient {
  const bridge = getBridge();
  if (bridge === null) {
    throw new ApiError('UNSUPPORTED', MISSING_BRIDGE_MESSAGE, 'api');
  }
  let client = clients.get(bridge);
  if (client === undefined) {
    client = createClient(bridge);
    clients.set(bridge, client);
  }
  return client;
}
