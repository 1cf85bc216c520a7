// Comparing every ledger with what witnesses saw of it. A witness is anyone whose own ledger says
// "I saw ledger X with n entries, the last one hashed h": a witness.checkpoint entry (which also
// carries X's signature of h), or the heads a records.exported entry lists (no signature). Only
// claims in a witness's trusted entries count (the prefix its reader verified: hash chain, and
// the signatures the read checks), so a claim is as much its author's word as any entry of theirs.
//
// Against X's file now, a claim is:
//   consistent   X's entry n has hash h;
//   a rollback   X has fewer than n entries;
//   a fork       X's entry n has another hash;
//   a deletion   X's ledger is not there at all.
// A claim that disagrees with the file is weighed before it is believed. With X's signature of h
// valid and h nowhere in X's chain, X's own key signed an entry the file no longer holds: the
// rollback or fork is proven ('signed'). A signature that does not verify, or an h that X's chain
// holds at another seq, makes the claim false: its author is named for it (witness.falseClaim) and
// X's ledger is not accused. Without a signature (an export's heads, or X's key unknown) the claim
// stands on its author's word ('unconfirmed'), and when another witness saw X's entry n as it is
// now, the two disagree and the problem says so (witness.disputed). An insider's fake heads for
// someone else's ledger therefore show as theirs, never as that ledger's fault with no way to tell.
//
// With a roster, every key ever enrolled must have its ledger: one that does not is a deletion
// whatever the witnesses say.
//
// Only claims that disagree are checked against signatures, so comparing costs a lookup per
// claim and a signature check per disagreement, not per claim.
import { z } from 'zod';
import { PROFILE_ID_PATTERN, SHA256_PATTERN } from '../contract/ids';
import { reason, type Reason } from '../contract/reasons';
import type { LedgerEntry } from '../ledger/entry';
import { verifyEntrySignature } from '../ledger/entry';
import { profileIdFor } from '../ledger/keys';
import { verifyProblem, type VerifyProblem } from '../ledger/report';
import { entryCount, type LedgerRead } from '../ledger/scan';
import { ledgerRelPath } from '../ledger/workspace';
import { witnessCheckpointSchema } from './events';

/** One witness's word about one ledger's head. */
export interface HeadClaim {
  /** The witness: whose ledger says it, in which entry, at what time (that entry's ts). */
  witness: string;
  witnessSeq: number;
  at: string;
  source: 'checkpoint' | 'export';
  /** The ledger seen, how many entries it had, and its last entry's hash and signature. */
  profileId: string;
  seq: number;
  hash: string;
  sig: string | null;
  /** The owner's public key, when the witness gave it. */
  publicKey: string | null;
}

/** What the comparison needs of one ledger in the workspace. */
export interface WitnessedLedger {
  profileId: string;
  /** Trusted entries (the verified prefix). */
  entries: number;
  headHash: string | null;
  /** From the genesis entry; null when it could not be read. */
  publicKey: string | null;
  /** The hash of trusted entry `seq` (from 1), or null when there is none. */
  hashAt(seq: number): string | null;
  /** The seq of the trusted entry with this hash, or null. */
  seqOf(hash: string): number | null;
  /** The name in its profile.created entry, or null. */
  name(): string | null;
  /**
   * Complete lines in the file: `entries`, or more when the read stopped at a broken entry (its
   * own problem names it). A witnessed entry among those lines is left to that problem: it may be
   * in the file, just not trusted; only one beyond them was cut off.
   */
  lines: number;
}

export interface WitnessInput {
  ledgers: readonly WitnessedLedger[];
  claims: readonly HeadClaim[];
  /** The text of keys/<id>.pub, or null when there is none (asked only for ledgers missing or keyless). */
  keyFile(profileId: string): string | null;
  /** Every key the roster ever enrolled, with its person's name; null without an organisation. */
  enrolled: readonly { profileId: string; name: string }[] | null;
  /** false: people are named by profile id only (a pseudonymised export); default true. */
  names?: boolean;
}

// An export's heads: the records.exported shape (records/events.ts), as far as a witness needs it.
// Read loosely here: a full verification checks the whole entry against its schema.
const exportedHeadsSchema = z.object({
  heads: z.array(
    z.object({
      profileId: z.string().regex(PROFILE_ID_PATTERN),
      entries: z.int().min(0),
      headHash: z.string().regex(SHA256_PATTERN).nullable(),
    }),
  ),
});

const claimCache = new WeakMap<object, HeadClaim[]>();

/** The claims a ledger's trusted entries make about other ledgers (cached per read). */
export function claimsOf(read: Pick<LedgerRead, 'profileId' | 'entries'>): HeadClaim[] {
  const hit = claimCache.get(read);
  if (hit) return hit;
  const out: HeadClaim[] = [];
  const witness = read.profileId;
  for (const e of read.entries) {
    if (e.type === 'witness.checkpoint') {
      const parsed = witnessCheckpointSchema.safeParse(e.data);
      if (!parsed.success) continue;
      for (const [profileId, seq, hash, sig, publicKey] of parsed.data.heads) {
        if (profileId === witness) continue;
        out.push({
          witness,
          witnessSeq: e.seq,
          at: e.ts,
          source: 'checkpoint',
          profileId,
          seq,
          hash,
          sig,
          publicKey: publicKey ?? null,
        });
      }
    } else if (e.type === 'records.exported') {
      const parsed = exportedHeadsSchema.safeParse(e.data);
      if (!parsed.success) continue;
      for (const h of parsed.data.heads) {
        if (h.profileId === witness || h.entries === 0 || h.headHash === null) continue;
        out.push({
          witness,
          witnessSeq: e.seq,
          at: e.ts,
          source: 'export',
          profileId: h.profileId,
          seq: h.entries,
          hash: h.headHash,
          sig: null,
          publicKey: null,
        });
      }
    }
  }
  claimCache.set(read, out);
  return out;
}

/** Complete lines in the file: the trusted entries, the broken one and the lines after it. */
function linesOf(read: LedgerRead): number {
  const count = entryCount(read);
  const broken = read.problems.find((p) => p.severity === 'error' && p.seq === count + 1);
  return broken ? count + 1 + broken.laterLinesNotRead : count;
}

/** The comparison's view of a ledger read: hashes from its entries, made only when asked for. */
export function witnessedLedgerOf(read: LedgerRead): WitnessedLedger {
  const count = entryCount(read);
  let bySeq: Map<string, number> | null = null;
  const hashAt = (seq: number): string | null => {
    if (!Number.isInteger(seq) || seq < 1 || seq > count) return null;
    if (seq === count) return read.headHash;
    return (read.entries[seq - 1] as LedgerEntry | undefined)?.hash ?? null;
  };
  return {
    profileId: read.profileId,
    entries: count,
    headHash: read.headHash,
    publicKey: read.publicKey,
    lines: linesOf(read),
    hashAt,
    seqOf(hash) {
      if (hash === read.headHash && count > 0) return count;
      bySeq ??= new Map(read.entries.slice(0, count).map((e) => [e.hash, e.seq]));
      return bySeq.get(hash) ?? null;
    },
    name() {
      if (count === 0) return null;
      const genesis = read.entries[0];
      const name = genesis?.type === 'profile.created' ? genesis.data.name : null;
      return typeof name === 'string' ? name : null;
    },
  };
}

/** A ledger's facts kept without its entries (a verification that reads one ledger at a time). */
export function compactLedgerOf(read: LedgerRead): WitnessedLedger {
  const full = witnessedLedgerOf(read);
  const hashes = read.entries.map((e) => e.hash);
  const name = full.name();
  let bySeq: Map<string, number> | null = null;
  return {
    profileId: full.profileId,
    entries: full.entries,
    headHash: full.headHash,
    publicKey: full.publicKey,
    lines: full.lines,
    hashAt: (seq) => hashes[seq - 1] ?? null,
    seqOf(hash) {
      bySeq ??= new Map(hashes.map((h, i) => [h, i + 1]));
      return bySeq.get(hash) ?? null;
    },
    name: () => name,
  };
}

type Evidence = 'signed' | 'false' | 'unconfirmed';

interface Judged {
  claim: HeadClaim;
  evidence: Evidence;
  /** For a false claim: its signature fails, or its hash is X's entry at another seq. */
  falseBecause?: 'badSignature' | 'misplaced';
  misplacedAt?: number;
}

const day = (iso: string) => iso.slice(0, 10);
const short = (hash: string) => hash.slice(0, 12);

/** "entry 41 is missing" / "entries 41 to 43 are missing". */
export function missingReason(from: number, to: number): Reason {
  return reason('witness.missing', { count: to - from + 1, from, to });
}

/** Whether a missing ledger's key file is still there. */
function keyFileReason(profileId: string, keyFile: WitnessInput['keyFile']): Reason {
  const file = `keys/${profileId}.pub`;
  return reason(keyFile(profileId) !== null ? 'witness.keyFilePresent' : 'witness.keyFileMissing', { file });
}

/** "Amara Okafor, Ben Li, +3": the first few witnesses by name, then how many more. */
function witnessList(ids: readonly string[], nameOf: (id: string) => string): string {
  const unique = [...new Set(ids)];
  const shown = unique.slice(0, 3).map(nameOf);
  return unique.length > 3 ? `${shown.join(', ')}, +${unique.length - 3}` : shown.join(', ');
}

/** A public key that is `profileId`'s own: it hashes to that id. */
function ownKey(profileId: string, text: string | null | undefined): string | null {
  const key = text?.trim();
  if (!key) return null;
  try {
    return profileIdFor(key) === profileId ? key : null;
  } catch {
    return null;
  }
}

/** X's public key: from its genesis entry, else its key file, else a witness that gave it. */
function keyFor(
  profileId: string,
  ledger: WitnessedLedger | undefined,
  keyFile: WitnessInput['keyFile'],
  claims: readonly HeadClaim[],
): string | null {
  if (ledger?.publicKey) return ledger.publicKey;
  const fromFile = ownKey(profileId, keyFile(profileId));
  if (fromFile) return fromFile;
  for (const c of claims) {
    const k = ownKey(profileId, c.publicKey);
    if (k) return k;
  }
  return null;
}

/** Weighs a claim that disagrees with X's file (or that X's file is missing). */
function judge(claim: HeadClaim, ledger: WitnessedLedger | undefined, key: string | null): Judged {
  if (ledger !== undefined) {
    const at = ledger.seqOf(claim.hash);
    if (at !== null && at !== claim.seq) {
      return { claim, evidence: 'false', falseBecause: 'misplaced', misplacedAt: at };
    }
  }
  if (claim.sig === null || key === null) return { claim, evidence: 'unconfirmed' };
  return verifyEntrySignature({ hash: claim.hash, sig: claim.sig }, key)
    ? { claim, evidence: 'signed' }
    : { claim, evidence: 'false', falseBecause: 'badSignature' };
}

/** The problems the witnesses show: rollbacks, forks, deletions, false and disputed claims. */
export function compareWitnesses(input: WitnessInput): VerifyProblem[] {
  const ledgers = new Map(input.ledgers.map((l) => [l.profileId, l]));
  const nameOf = (id: string): string => {
    if (input.names === false) return id;
    const n = ledgers.get(id)?.name();
    return n ? `${n} (${id})` : id;
  };
  const bySubject = new Map<string, HeadClaim[]>();
  for (const c of input.claims) {
    if (c.profileId === c.witness) continue;
    let list = bySubject.get(c.profileId);
    if (!list) bySubject.set(c.profileId, (list = []));
    list.push(c);
  }

  const problems: VerifyProblem[] = [];
  const falseClaims: Judged[] = [];
  const deleted = new Set<string>();

  for (const [subject, claims] of bySubject) {
    const ledger = ledgers.get(subject);
    const key = keyFor(subject, ledger, input.keyFile, claims);
    const file = ledgerRelPath(subject);
    const consistent: HeadClaim[] = [];
    const against: Judged[] = [];
    for (const c of claims) {
      if (ledger !== undefined && ledger.hashAt(c.seq) === c.hash) consistent.push(c);
      else if (ledger !== undefined && c.seq > ledger.entries && c.seq <= ledger.lines) continue;
      else against.push(judge(c, ledger, key));
    }
    const believed = against.filter((j) => j.evidence !== 'false');
    falseClaims.push(...against.filter((j) => j.evidence === 'false'));
    if (believed.length === 0) continue;

    if (ledger === undefined) {
      deleted.add(subject);
      const top = believed.reduce((a, b) => (b.claim.seq > a.claim.seq ? b : a));
      const signed = believed.some((j) => j.evidence === 'signed');
      problems.push(
        verifyProblem(
          file,
          null,
          reason('witness.deleted', {
            context: signed ? 'signed' : 'unconfirmed',
            owner: nameOf(subject),
            keyFile: keyFileReason(subject, input.keyFile),
            seq: top.claim.seq,
            witnesses: witnessList(
              believed.map((j) => j.claim.witness),
              nameOf,
            ),
            day: day(top.claim.at),
          }),
        ),
      );
      continue;
    }

    const rollbacks = believed.filter((j) => j.claim.seq > ledger.lines);
    if (rollbacks.length > 0) {
      const lines = ledger.lines;
      const top = rollbacks.reduce((a, b) => (b.claim.seq > a.claim.seq ? b : a));
      const signed = rollbacks.some((j) => j.evidence === 'signed');
      // Who saw it shorter after the longest sighting: the cut happened between the two.
      const later = consistent.filter((c) => c.at > top.claim.at).sort((a, b) => a.at.localeCompare(b.at))[0];
      const params = {
        owner: nameOf(subject),
        missing: missingReason(lines + 1, top.claim.seq),
        to: top.claim.seq,
        entries: lines,
        witnesses: witnessList(
          rollbacks.map((j) => j.claim.witness),
          nameOf,
        ),
        day: day(top.claim.at),
      };
      if (!signed && later !== undefined) {
        problems.push(
          verifyProblem(
            file,
            lines + 1,
            reason('witness.disputed', {
              context: 'rollback',
              ...params,
              other: nameOf(later.witness),
              otherSeq: later.seq,
              otherDay: day(later.at),
            }),
          ),
        );
      } else {
        problems.push(
          verifyProblem(
            file,
            lines + 1,
            reason('witness.rollback', { context: signed ? 'signed' : 'unconfirmed', ...params }),
          ),
        );
      }
    }

    const forks = believed.filter((j) => j.claim.seq <= ledger.entries);
    if (forks.length > 0) {
      const first = forks.reduce((a, b) => (b.claim.seq < a.claim.seq ? b : a));
      const seq = first.claim.seq;
      const atSeq = forks.filter((j) => j.claim.seq === seq);
      const signed = atSeq.find((j) => j.evidence === 'signed');
      const shown = signed ?? first;
      const params = {
        owner: nameOf(subject),
        seq,
        witnesses: witnessList(
          atSeq.map((j) => j.claim.witness),
          nameOf,
        ),
        day: day(shown.claim.at),
        saw: short(shown.claim.hash),
        now: short(ledger.hashAt(seq) ?? ''),
      };
      // Another witness saw entry `seq` (or a later one, which commits to it) as it is now.
      const vouch = consistent.find((c) => c.seq >= seq);
      if (!signed && vouch !== undefined) {
        problems.push(
          verifyProblem(
            file,
            seq,
            reason('witness.disputed', {
              context: 'fork',
              ...params,
              other: nameOf(vouch.witness),
              otherSeq: vouch.seq,
              otherDay: day(vouch.at),
            }),
          ),
        );
      } else {
        problems.push(
          verifyProblem(
            file,
            seq,
            reason('witness.fork', { context: signed ? 'signed' : 'unconfirmed', ...params }),
          ),
        );
      }
    }
  }

  if (input.enrolled !== null) {
    const seen = new Set<string>();
    for (const { profileId, name } of input.enrolled) {
      if (ledgers.has(profileId) || deleted.has(profileId) || seen.has(profileId)) continue;
      seen.add(profileId);
      const file = ledgerRelPath(profileId);
      problems.push(
        verifyProblem(
          file,
          null,
          reason('witness.deleted', {
            context: 'roster',
            owner: profileId,
            keyFile: keyFileReason(profileId, input.keyFile),
            name: input.names === false ? profileId : name,
          }),
        ),
      );
    }
  }

  for (const j of falseClaims) {
    const c = j.claim;
    problems.push(
      verifyProblem(
        ledgerRelPath(c.witness),
        c.witnessSeq,
        reason('witness.falseClaim', {
          context: j.falseBecause === 'misplaced' ? 'misplaced' : 'badSignature',
          subject: ledgerRelPath(c.profileId),
          seq: c.seq,
          at: j.misplacedAt ?? 0,
          hash: short(c.hash),
        }),
      ),
    );
  }
  return problems;
}

/** compareWitnesses over a workspace read. */
export function compareWorkspace(
  ledgers: readonly LedgerRead[],
  opts: Pick<WitnessInput, 'keyFile' | 'enrolled' | 'names'>,
): VerifyProblem[] {
  return compareWitnesses({
    ledgers: ledgers.map(witnessedLedgerOf),
    claims: ledgers.flatMap(claimsOf),
    keyFile: opts.keyFile,
    enrolled: opts.enrolled,
    ...(opts.names === undefined ? {} : { names: opts.names }),
  });
}

/** When a witness's word bounds an entry's time: who saw the ledger without it, and when. */
export interface WitnessBound {
  /** The earliest time the entry can have been written: a witness saw the ledger without it then. */
  after: string;
  witness: string;
  /** How many entries the witness saw (all before the entry). */
  seen: number;
}

/**
 * The witnessed lower bound of time per ledger entry. If a witness saw ledger X with n entries
 * at time T (its entry's ts), X's entries after n were not in the file then: they were written
 * after T. Only consistent claims count (X's entry n has the hash the witness saw), and a claim
 * that was out of date when made (someone had seen X longer before it: a folder not yet synced,
 * or a witness that lies) is left out, so a late, short sighting cannot push honest entries
 * into the future. The bound is a witness's word about its own clock: a caller shows it as such.
 */
export function witnessBounds(reads: readonly LedgerRead[]): ((
  profileId: string,
  seq: number,
) => string | null) & {
  detail(profileId: string, seq: number): WitnessBound | null;
} {
  const ledgers = new Map(reads.map((r) => [r.profileId, witnessedLedgerOf(r)]));
  const bySubject = new Map<string, HeadClaim[]>();
  for (const r of reads) {
    for (const c of claimsOf(r)) {
      const l = ledgers.get(c.profileId);
      if (!l || l.hashAt(c.seq) !== c.hash) continue;
      let list = bySubject.get(c.profileId);
      if (!list) bySubject.set(c.profileId, (list = []));
      list.push(c);
    }
  }
  // Per ledger: the sightings that were current when made, by seen count, with the latest time so far.
  const tables = new Map<string, { seen: number[]; best: HeadClaim[] }>();
  for (const [subject, claims] of bySubject) {
    const byTime = [...claims].sort((a, b) => a.at.localeCompare(b.at) || b.seq - a.seq);
    const current: HeadClaim[] = [];
    let longest = 0;
    let i = 0;
    while (i < byTime.length) {
      // Claims at the same time do not make each other stale.
      let j = i;
      while (j < byTime.length && (byTime[j] as HeadClaim).at === (byTime[i] as HeadClaim).at) j++;
      const group = byTime.slice(i, j);
      for (const c of group) if (c.seq >= longest) current.push(c);
      for (const c of group) longest = Math.max(longest, c.seq);
      i = j;
    }
    current.sort((a, b) => a.seq - b.seq || a.at.localeCompare(b.at));
    const seen: number[] = [];
    const best: HeadClaim[] = [];
    for (const c of current) {
      const prev = best[best.length - 1];
      seen.push(c.seq);
      best.push(prev !== undefined && prev.at >= c.at ? prev : c);
    }
    tables.set(subject, { seen, best });
  }
  const detail = (profileId: string, seq: number): WitnessBound | null => {
    const t = tables.get(profileId);
    if (!t) return null;
    // The last sighting with fewer than `seq` entries.
    let lo = 0;
    let hi = t.seen.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((t.seen[mid] as number) < seq) lo = mid + 1;
      else hi = mid;
    }
    if (lo === 0) return null;
    const c = t.best[lo - 1] as HeadClaim;
    return { after: c.at, witness: c.witness, seen: c.seq };
  };
  const earliest = (profileId: string, seq: number) => detail(profileId, seq)?.after ?? null;
  return Object.assign(earliest, { detail });
}
