// The earliest time an entry can have been written, from what cannot be faked by its own clock:
// the entries before it in its ledger, and witnesses that saw the ledger without it. Used by every
// projection that judges an entry at its time (reviews, the organisation's roster).
import type { LedgerEntry } from './entry';

/**
 * The earliest time each entry can have been written: a ledger's entries are appended in order,
 * so an entry is no earlier than the one before it in its ledger, whatever its own clock said;
 * and no earlier than a witness that saw the ledger without it (`witnessed`, when given: the
 * time of the first checkpoint that saw the ledger shorter than this entry's seq). Keyed by hash.
 */
export function ledgerTimeBounds(
  entriesByActor: ReadonlyMap<string, readonly LedgerEntry[]>,
  witnessed?: (profileId: string, seq: number) => string | null,
): Map<string, string> {
  const out = new Map<string, string>();
  for (const [profileId, entries] of entriesByActor) {
    let floor = '';
    for (const e of entries) {
      const seen = witnessed?.(profileId, e.seq) ?? null;
      if (seen !== null && seen > floor) floor = seen;
      if (floor !== '' && floor > e.ts) out.set(e.hash, floor);
      if (e.ts > floor) floor = e.ts;
    }
  }
  return out;
}
