// Why an import was refused, before anything was written: a stable reason for code and a
// sentence for people that names the file, the ledger and the entry.
import type { ErrorCode } from '../errors';
import { StewardError } from '../errors';

export type ImportRefusalReason =
  | 'not-steward'
  | 'wrong-version'
  | 'malformed'
  | 'too-large'
  | 'nothing-signed'
  | 'tampered'
  | 'truncated'
  | 'foreign-key'
  | 'fork'
  | 'local-damaged'
  | 'own-profile'
  | 'in-use';

const CODE_OF: Record<ImportRefusalReason, ErrorCode> = {
  'not-steward': 'INVALID_ARGUMENT',
  'wrong-version': 'UNSUPPORTED',
  malformed: 'INVALID_ARGUMENT',
  'too-large': 'INVALID_ARGUMENT',
  'nothing-signed': 'UNSUPPORTED',
  tampered: 'LEDGER_CORRUPT',
  truncated: 'LEDGER_CORRUPT',
  'foreign-key': 'NOT_ALLOWED',
  fork: 'NOT_ALLOWED',
  'local-damaged': 'LEDGER_CORRUPT',
  'own-profile': 'NOT_ALLOWED',
  'in-use': 'LEDGER_LOCKED',
};

/** An import refused before anything was written; `reason` is for code, the message for people. */
export class ImportRefusedError extends StewardError {
  readonly reason: ImportRefusalReason;
  readonly profileId: string | null;
  readonly seq: number | null;
  constructor(
    reason: ImportRefusalReason,
    message: string,
    where: { profileId?: string | null; seq?: number | null } = {},
    options?: { cause?: unknown },
  ) {
    super(CODE_OF[reason], message, options);
    this.name = 'ImportRefusedError';
    this.reason = reason;
    this.profileId = where.profileId ?? null;
    this.seq = where.seq ?? null;
  }
}
