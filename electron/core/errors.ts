// Errors that cross a transport (IPC, preview WebSocket, e2e bridge) travel as { code, message }:
// a stable code the UI can branch on and a sentence a person can act on. Never a stack trace.

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
}

export type CallResult<T> = { ok: true; value: T } | { ok: false; error: ErrorPayload };

export class StewardError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StewardError';
    this.code = code;
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
