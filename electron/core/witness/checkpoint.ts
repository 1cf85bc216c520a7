// What an app witnesses, and when. A checkpoint lists the heads of other people's ledgers that
// changed since this profile last witnessed them (a delta: its earlier checkpoints still say the
// rest), split into entries of at most MAX_HEADS_PER_CHECKPOINT heads.
//
// Two occasions:
// - A records export witnesses every ledger the export was made from (it is what a manager will
//   later hold the files to).
// - At most once a day while the app is in use, a sample of the ledgers that changed since this
//   profile last witnessed them: enough that, if every app in the workspace does the same, each
//   changed ledger is witnessed by about WITNESSES_PER_CHANGE apps (changed × 8 ÷ ledgers), and at
//   least DAILY_SAMPLE_MIN (so in a small team every app witnesses nearly everyone). Each app picks
//   its sample by a hash of (day, itself, the ledger), so apps pick different ledgers and a ledger
//   is picked by others on other days. Every app witnessing every ledger every day would write
//   ledgers × ledgers heads a day: 25 million (6 GB) at 5,000 people; this writes at most
//   max(4, 8 × changed ÷ ledgers) heads per app per day (4 at 5,000 people: about 1.5 KB).
import { hash } from 'node:crypto';
import { entryCount, type LedgerRead } from '../ledger/scan';
import type { LedgerEntry } from '../ledger/entry';
import { claimsOf } from './compare';
import { MAX_HEADS_PER_CHECKPOINT, type WitnessCheckpointData, type WitnessedHead } from './events';

export const DAY_MS = 24 * 60 * 60 * 1000;
/** A daily checkpoint witnesses at least this many changed ledgers (nearly all of them in a small team). */
export const DAILY_SAMPLE_MIN = 4;
/** About how many apps a day witness each ledger that changed, in a large workspace. */
export const WITNESSES_PER_CHANGE = 8;

/** What a profile last said, in its own checkpoints, about each other ledger's head. */
export function lastWitnessed(own: LedgerRead): Map<string, { seq: number; hash: string }> {
  const out = new Map<string, { seq: number; hash: string }>();
  for (const c of claimsOf(own)) {
    if (c.source === 'checkpoint') out.set(c.profileId, { seq: c.seq, hash: c.hash });
  }
  return out;
}

/** When this profile last wrote a checkpoint (its entry's ts), or null. */
export function lastCheckpointAt(own: LedgerRead): string | null {
  const entries = own.entries;
  for (let i = entries.length - 1; i >= 0; i--) {
    const e = entries[i] as LedgerEntry;
    if (e.type === 'witness.checkpoint') return e.ts;
  }
  return null;
}

/** The ledgers (not `witness`'s own) whose trusted head differs from what `witness` last said. */
export function changedSince(
  witness: string,
  said: ReadonlyMap<string, { seq: number; hash: string }>,
  ledgers: readonly LedgerRead[],
): LedgerRead[] {
  return ledgers.filter((l) => {
    if (l.profileId === witness || l.headHash === null || entryCount(l) === 0) return false;
    const last = said.get(l.profileId);
    return last === undefined || last.hash !== l.headHash || last.seq !== entryCount(l);
  });
}

/**
 * A ledger's head as a checkpoint lists it, with its owner's signature of the last entry, and the
 * owner's public key when `witness` has never listed this ledger before.
 */
export function headOf(read: LedgerRead, said: ReadonlyMap<string, unknown>): WitnessedHead {
  const count = entryCount(read);
  const last = read.entries[count - 1] as LedgerEntry;
  const head: WitnessedHead = [read.profileId, count, last.hash, last.sig];
  return said.has(read.profileId) || read.publicKey === null ? head : [...head, read.publicKey];
}

/** How many of `changed` ledgers a daily checkpoint witnesses in a workspace of `total`. */
export function dailySampleSize(changed: number, total: number): number {
  const spread = Math.ceil((WITNESSES_PER_CHANGE * changed) / Math.max(1, total));
  return Math.min(changed, Math.max(DAILY_SAMPLE_MIN, spread));
}

/** The daily sample: the `size` ledgers ranked first by sha256(day, witness, ledger). */
export function dailySample(
  witness: string,
  day: string,
  changed: readonly LedgerRead[],
  size: number,
): LedgerRead[] {
  if (changed.length <= size) return [...changed];
  return changed
    .map((l) => ({ l, rank: hash('sha256', `${day}\0${witness}\0${l.profileId}`, 'hex') }))
    .sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : 0))
    .slice(0, size)
    .map((x) => x.l);
}

/** Heads split into checkpoint entries of at most MAX_HEADS_PER_CHECKPOINT, sorted by profile id. */
export function checkpointEntries(
  heads: readonly WitnessedHead[],
  occasion: WitnessCheckpointData['occasion'],
): WitnessCheckpointData[] {
  const sorted = [...heads].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const out: WitnessCheckpointData[] = [];
  for (let i = 0; i < sorted.length; i += MAX_HEADS_PER_CHECKPOINT) {
    out.push({ occasion, heads: sorted.slice(i, i + MAX_HEADS_PER_CHECKPOINT) });
  }
  return out;
}

/** The checkpoints an export writes: every ledger it was made from that changed since last witnessed. */
export function exportCheckpoints(
  own: LedgerRead,
  ledgers: readonly LedgerRead[],
  exported: ReadonlySet<string>,
): WitnessCheckpointData[] {
  const said = lastWitnessed(own);
  const changed = changedSince(
    own.profileId,
    said,
    ledgers.filter((l) => exported.has(l.profileId)),
  );
  return checkpointEntries(
    changed.map((l) => headOf(l, said)),
    'export',
  );
}

/**
 * The daily checkpoints, or none when the last one is less than a day old or nothing changed
 * since. `own` is the witness's own ledger as read, `ledgers` the whole workspace.
 */
export function dailyCheckpoints(
  own: LedgerRead,
  ledgers: readonly LedgerRead[],
  now: Date,
): WitnessCheckpointData[] {
  const last = lastCheckpointAt(own);
  if (last !== null && now.getTime() - Date.parse(last) < DAY_MS) return [];
  const said = lastWitnessed(own);
  const changed = changedSince(own.profileId, said, ledgers);
  if (changed.length === 0) return [];
  const size = dailySampleSize(changed.length, ledgers.length);
  const sample = dailySample(own.profileId, now.toISOString().slice(0, 10), changed, size);
  return checkpointEntries(
    sample.map((l) => headOf(l, said)),
    'daily',
  );
}
