// What a read or a verification of the workspace's ledgers reports. Defined by the ledger itself
// (the base layer imports nothing above it); the IPC contract re-exports these types.

export interface VerifyProblem {
  file: string;
  /** The seq of the entry at fault, or null when the problem is the file as a whole. */
  seq: number | null;
  reason: string;
  severity: 'error' | 'warning';
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
