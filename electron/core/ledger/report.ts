// What a read or a verification of the workspace's ledgers reports. Defined by the ledger itself
// (the base layer imports nothing above it); the IPC contract re-exports these types.
import { formatReason, reason, type Reason } from '../contract/reasons';

export interface VerifyProblem {
  file: string;
  /** The seq of the entry at fault, or null when the problem is the file as a whole. */
  seq: number | null;
  /** What is wrong, as data: the screens word it in the reader's language. */
  why: Reason;
  /** Complete lines after the broken entry that were not read (not trusted). */
  laterLinesNotRead: number;
  /** What is wrong, in English (the CLI, logs, JSON reports). */
  reason: string;
  severity: 'error' | 'warning';
}

/** A problem with its English sentence made from its reason. */
export function verifyProblem(
  file: string,
  seq: number | null,
  why: Reason,
  severity: VerifyProblem['severity'] = 'error',
  laterLinesNotRead = 0,
): VerifyProblem {
  const later =
    laterLinesNotRead > 0
      ? ` (${formatReason(reason('ledger.laterLinesNotRead', { count: laterLinesNotRead }))})`
      : '';
  return { file, seq, why, laterLinesNotRead, reason: formatReason(why) + later, severity };
}

export interface LedgerSummary {
  file: string;
  profileId: string;
  entries: number;
  headHash: string | null;
  ok: boolean;
}

export type VerifyDepth = 'quick' | 'full';

export interface VerifyReport {
  ok: boolean;
  depth: VerifyDepth;
  checkedAt: string;
  ledgers: LedgerSummary[];
  problems: VerifyProblem[];
}

/** A ledger's head as an export records it. */
export interface LedgerHeadRef {
  profileId: string;
  entries: number;
  headHash: string | null;
}
