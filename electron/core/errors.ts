// Errors that cross a transport (IPC, preview WebSocket, e2e bridge) travel as { code, message,
// reasons? }: a stable code the UI can branch on, a sentence in English (logs, the CLI), and,
// where core knows them, the reasons as data, which the UI words in the reader's language. Never
// a stack trace.
import type { Reason } from './contract/reasons';

export const ERROR_CODES = [
  'INVALID_ARGUMENT',
  'UNKNOWN_METHOD',
  'FORBIDDEN_SENDER',
  'NO_PROFILE',
  'PROFILE_NOT_FOUND',
  'PROFILE_EXISTS',
  'WORKSPACE_NOT_WRITABLE',
  'WORKSPACE_INVALID',
  'LEDGER_READ_ONLY',
  'LEDGER_LOCKED',
  'LEDGER_CORRUPT',
  'KEY_UNAVAILABLE',
  'LINK_REFUSED',
  'CONTENT_UNAVAILABLE',
  'CONTENT_CHANGED',
  'NOT_ALLOWED',
  'CONFLICT',
  'WORKSPACE_REFUSED',
  'NOT_FOUND',
  'UNSUPPORTED',
  'CANCELLED',
  'FILE_NOT_WRITABLE',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorPayload {
  code: ErrorCode;
  message: string;
  /** Why, as data ({ code, params }), for the UI to word; absent when core has only the sentence. */
  reasons?: Reason[];
}

export type CallResult<T> = { ok: true; value: T } | { ok: false; error: ErrorPayload };

export class StewardError extends Error {
  readonly code: ErrorCode;
  readonly reasons: Reason[] | undefined;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown; reasons?: Reason[] }) {
    super(message, options);
    this.name = 'StewardError';
    this.code = code;
    this.reasons = options?.reasons;
  }

  toPayload(): ErrorPayload {
    return this.reasons
      ? { code: this.code, message: this.message, reasons: this.reasons }
      : { code: this.code, message: this.message };
  }
}

export function isErrorPayload(value: unknown): value is ErrorPayload {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.code === 'string' &&
    (ERROR_CODES as readonly string[]).includes(v.code) &&
    typeof v.message === 'string'
  );
}
