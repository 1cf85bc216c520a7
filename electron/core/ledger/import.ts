// Taking in ledgers written elsewhere (a bundle, an export): the ledger's own part of an import.
// Each foreign ledger is verified as a whole (every line, hash, link, seq, owner, signature,
// canonical form and schema, and the key it claims), planned against what the workspace holds
// (added, extended, unchanged; a different key, a fork or a damaged local copy is refused), and
// then every file is written atomically under the ledgers' own locks. Nothing here knows what
// file format the ledgers came in: the caller (records/importRecords.ts) parses that, words the
// refusals for the person, and keeps its own index.
import { renameSync } from 'node:fs';
import { join } from 'node:path';
import type { ErrorCode } from '../errors';
import { StewardError } from '../errors';
import { formatReason } from '../contract/reasons';
import type { LedgerEntryOf } from './entry';
import { decodeLine, sha256Hex } from './entry';
import type { EventRegistry } from './events';
import { profileIdFor, publicKeyObject } from './keys';
import { acquireLock } from './lock';
import type { LockHandle } from './lock';
import { ensureRealDir, FILE_CAPS, readRegularFileIfPresent } from './safeFs';
import { scanLedger } from './scan';
import { finishScans } from './signatures';
import type { Workspace } from './workspace';
import {
  fsyncDir,
  keyPath,
  ledgerPath,
  ledgerRelPath,
  plainReason,
  removeQuietly,
  writeTempFile,
} from './workspace';

/** Why a foreign ledger cannot be taken in. */
export type LedgerImportRefusal =
  'malformed' | 'tampered' | 'truncated' | 'foreign-key' | 'fork' | 'local-damaged' | 'in-use';

const CODE_OF: Record<LedgerImportRefusal, ErrorCode> = {
  malformed: 'INVALID_ARGUMENT',
  tampered: 'LEDGER_CORRUPT',
  truncated: 'LEDGER_CORRUPT',
  'foreign-key': 'NOT_ALLOWED',
  fork: 'NOT_ALLOWED',
  'local-damaged': 'LEDGER_CORRUPT',
  'in-use': 'LEDGER_LOCKED',
};

/**
 * A foreign ledger refused before anything was written. `detail` says what was found, in
 * English, for the caller to put in its own sentence ("Cannot import <file>: …").
 */
export class LedgerImportError extends StewardError {
  readonly kind: LedgerImportRefusal;
  readonly profileId: string;
  readonly seq: number | null;
  readonly detail: string;
  constructor(
    kind: LedgerImportRefusal,
    detail: string,
    where: { profileId: string; seq?: number | null },
    options?: { cause?: unknown },
  ) {
    super(CODE_OF[kind], detail, options);
    this.name = 'LedgerImportError';
    this.kind = kind;
    this.profileId = where.profileId;
    this.seq = where.seq ?? null;
    this.detail = detail;
  }
}

/** A ledger as another file presents it, not yet trusted. */
export interface ForeignLedger {
  profileId: string;
  publicKey: string;
  lines: string[];
  /** What the file says about it elsewhere: a signed manifest, or an export's heads. */
  expect: { entries: number; headHash: string | null; linesSha256: string | null; by: string } | null;
}

/** A foreign ledger that verified: its exact bytes and what they hold. */
export interface VerifiedLedger {
  profileId: string;
  publicKey: string;
  /** From its signed profile.created entry. */
  name: string;
  /** The ledger file's exact bytes: every line plus '\n'. */
  bytes: Buffer;
  lines: string[];
  entries: number;
  headHash: string;
}

const COMPLETE_SUFFIX = /","sig":"[A-Za-z0-9+/]{86}=="\}$/;

/** Verifies a foreign ledger as a whole; throws LedgerImportError saying what is wrong and where. */
export async function verifyForeignLedger(
  events: EventRegistry,
  foreign: ForeignLedger,
): Promise<VerifiedLedger> {
  const { profileId: id, publicKey, lines } = foreign;
  const refuse = (kind: LedgerImportRefusal, what: string, seq: number | null = null) =>
    new LedgerImportError(kind, what, { profileId: id, seq });

  try {
    publicKeyObject(publicKey);
  } catch {
    throw refuse('malformed', 'the public key is not an Ed25519 public key');
  }
  const keyOwner = profileIdFor(publicKey);
  if (keyOwner !== id) {
    throw refuse('foreign-key', `the public key belongs to profile ${keyOwner}, not to ${id}`);
  }
  const genesis = decodeLine(lines[0] as string, events);
  if (genesis.ok && genesis.entry.type === 'profile.created') {
    const genesisKey = (genesis.entry.data as { publicKey?: unknown }).publicKey;
    if (typeof genesisKey === 'string' && genesisKey !== publicKey) {
      let other = 'another profile';
      try {
        other = `profile ${profileIdFor(genesisKey)}`;
      } catch {
        // not a key at all: the scan below reports it
      }
      throw refuse('foreign-key', `the ledger lines are signed by another key (${other}) than the file's`, 1);
    }
  }
  const broken = lines.findIndex((l) => l.includes('\n') || l.includes('\r'));
  if (broken >= 0) throw refuse('tampered', `entry ${broken + 1} contains a line break`, broken + 1);

  const bytes = Buffer.from(`${lines.join('\n')}\n`, 'utf8');
  const scan = scanLedger(Buffer.from(bytes), { profileId: id, keyFileText: null, depth: 'full', events });
  const [read] = await finishScans([scan]);
  if (!read) throw new StewardError('INTERNAL', 'ledger scan returned nothing');
  const expect = foreign.expect;
  if (scan.broken !== null) {
    const { seq, reason: why } = scan.broken;
    const last = seq === lines.length;
    if (last && !COMPLETE_SUFFIX.test(lines[seq - 1] as string)) {
      throw refuse(
        'truncated',
        `the last entry (${seq}) is cut short: the file was not copied completely`,
        seq,
      );
    }
    throw refuse('tampered', `entry ${seq} is not valid: ${formatReason(why)}`, seq);
  }
  const entries = read.entries.length;
  const headHash = read.headHash as string;
  if (expect !== null) {
    if (entries < expect.entries) {
      throw refuse(
        'truncated',
        `${expect.by} lists ${expect.entries} entries but the file holds only ${entries}: entries were cut off`,
        entries + 1,
      );
    }
    if (entries > expect.entries) {
      throw refuse('tampered', `the file holds ${entries} entries but ${expect.by} lists ${expect.entries}`);
    }
    if (headHash !== expect.headHash) {
      throw refuse('tampered', `the last entry's hash is not the head hash in ${expect.by}`, entries);
    }
    if (expect.linesSha256 !== null && sha256Hex(bytes) !== expect.linesSha256) {
      throw refuse('tampered', 'the lines do not match the SHA-256 in the manifest');
    }
  }
  const data = (read.entries[0] as LedgerEntryOf<'profile.created'>).data;
  return { profileId: id, publicKey, name: data.name, bytes, lines, entries, headHash };
}

/** How a verified ledger fits what the workspace holds. */
export interface LedgerImportPlan {
  ledger: VerifiedLedger;
  status: 'added' | 'extended' | 'unchanged';
  /** Entries the import adds (0 when unchanged). */
  added: number;
  /** The workspace's ledger file as read when planning (null: none). */
  existing: Buffer | null;
  /** The workspace has no key file for it yet. */
  writeKey: boolean;
}

/** A workspace file's bytes (null when there is none), only if it is a regular file of at most `max` bytes. */
function readIfPresent(path: string, max: number): Buffer | null {
  try {
    return readRegularFileIfPresent(path, max);
  } catch (err) {
    throw new StewardError('WORKSPACE_INVALID', `Steward cannot read ${path}: ${plainReason(err)}.`, {
      cause: err,
    });
  }
}

function countLines(buf: Buffer): number {
  let n = 0;
  for (let i = buf.indexOf(0x0a); i >= 0; i = buf.indexOf(0x0a, i + 1)) n++;
  return n;
}

/**
 * Where a verified ledger goes: added when new, extended when it continues what is here,
 * unchanged when it is the same or shorter. A different key, a fork or a damaged local copy is
 * refused (LedgerImportError), and nothing is written.
 */
export async function planLedgerImport(ws: Workspace, v: VerifiedLedger): Promise<LedgerImportPlan> {
  const id = v.profileId;
  const rel = ledgerRelPath(id);
  const keyText = readIfPresent(keyPath(ws, id), FILE_CAPS.keyBytes);
  if (keyText !== null && keyText.toString('utf8').trim() !== v.publicKey) {
    throw new LedgerImportError(
      'foreign-key',
      `keys/${id}.pub in this workspace holds a different public key than the file's ledger. ` +
        'One of them is not genuine: compare the key fingerprint with the person (Settings shows it).',
      { profileId: id },
    );
  }
  const writeKey = keyText === null;
  const existing = readIfPresent(ledgerPath(ws, id), FILE_CAPS.ledgerBytes);
  const plan = (status: LedgerImportPlan['status'], added: number): LedgerImportPlan => ({
    ledger: v,
    status,
    added,
    existing,
    writeKey,
  });
  if (existing === null) return plan('added', v.entries);

  const complete = existing.subarray(0, existing.lastIndexOf(0x0a) + 1);
  const firstNl = complete.indexOf(0x0a);
  if (firstNl > 0) {
    const g = decodeLine(complete.subarray(0, firstNl), ws.events);
    const key = g.ok && g.entry.type === 'profile.created' ? g.entry.data.publicKey : null;
    if (key !== null && key !== v.publicKey) {
      throw new LedgerImportError(
        'foreign-key',
        `${rel} in this workspace starts with a different public key than the file's ledger. ` +
          'One of them is not genuine: compare the key fingerprint with the person.',
        { profileId: id, seq: 1 },
      );
    }
  }
  const have = countLines(complete);
  if (complete.equals(v.bytes)) return plan('unchanged', 0);
  if (v.bytes.length > complete.length && v.bytes.subarray(0, complete.length).equals(complete)) {
    return plan('extended', v.entries - have);
  }
  if (complete.length > v.bytes.length && complete.subarray(0, v.bytes.length).equals(v.bytes)) {
    return plan('unchanged', 0);
  }
  // Neither is a prefix of the other: where do they part, and is ours even intact there?
  const ours = complete.toString('utf8').split('\n');
  ours.pop();
  let k = 0;
  while (k < ours.length && k < v.lines.length && ours[k] === v.lines[k]) k++;
  const scan = scanLedger(Buffer.from(complete), {
    profileId: id,
    keyFileText: keyText?.toString('utf8') ?? null,
    depth: 'full',
    events: ws.events,
  });
  await finishScans([scan]);
  if (scan.broken !== null && (scan.broken.seq ?? 1) <= k + 1) {
    throw new LedgerImportError(
      'local-damaged',
      `${rel} in this workspace is damaged at entry ${scan.broken.seq} (${formatReason(scan.broken.reason)}), so the ` +
        'file cannot be matched against it. Move the damaged file out of the ledgers folder, then import again.',
      { profileId: id, seq: scan.broken.seq },
    );
  }
  throw new LedgerImportError(
    'fork',
    `the workspace holds a different entry ${k + 1} than the file (a fork: two different histories ` +
      `signed by the same key, ${have} entries here and ${v.entries} in the file). Neither was changed. Keep both ` +
      'files and ask the person which is right: their key may be in use on two computers.',
    { profileId: id, seq: k + 1 },
  );
}

async function lockAll(ws: Workspace, plans: LedgerImportPlan[]): Promise<LockHandle[]> {
  const locks: LockHandle[] = [];
  try {
    ensureRealDir(ws.dir, ws.ledgersDir);
    for (const p of plans) {
      const id = p.ledger.profileId;
      try {
        locks.push(await acquireLock(join(ws.ledgersDir, `${id}.lock`), ledgerRelPath(id)));
      } catch (err) {
        if (!(err instanceof StewardError) || err.code !== 'LEDGER_LOCKED') throw err;
        throw new LedgerImportError(
          'in-use',
          `profile ${id}'s ledger is being written right now. ${err.message}`,
          { profileId: id },
          { cause: err },
        );
      }
      // What was compared must still be what is there, now that no one else can write it.
      const now = readIfPresent(ledgerPath(ws, id), FILE_CAPS.ledgerBytes);
      const same = now === null ? p.existing === null : p.existing !== null && now.equals(p.existing);
      if (!same) {
        throw new LedgerImportError(
          'in-use',
          `${ledgerRelPath(id)} changed while it was being imported. Try again.`,
          { profileId: id },
        );
      }
    }
    return locks;
  } catch (err) {
    for (const l of locks) l.release();
    throw err;
  }
}

/** Writing stopped after `committed` of `total` files were in place. */
export class LedgerImportWriteError extends StewardError {
  readonly committed: number;
  readonly total: number;
  constructor(err: unknown, committed: number, total: number) {
    super('WORKSPACE_NOT_WRITABLE', plainReason(err), { cause: err });
    this.name = 'LedgerImportWriteError';
    this.committed = committed;
    this.total = total;
  }
}

/**
 * Writes the planned ledgers (and their keys where the workspace has none), plus the caller's
 * `extra` files, each to a temp file first and then renamed into place, keys before ledgers, all
 * under the ledgers' own locks and after re-checking that nothing changed since planning. Plans
 * marked unchanged are not written.
 */
export async function writeLedgerImports(
  ws: Workspace,
  plans: readonly LedgerImportPlan[],
  extra: readonly { target: string; bytes: Buffer }[] = [],
): Promise<void> {
  const toWrite = plans.filter((p) => p.status !== 'unchanged');
  if (toWrite.length === 0 && extra.length === 0) return;
  const locks = await lockAll(ws, toWrite);
  try {
    const temps: { tmp: string; target: string }[] = [];
    try {
      for (const d of [ws.keysDir, ws.importsDir]) ensureRealDir(ws.dir, d);
      // Keys first and ledgers last: a ledger is only ever visible with its key beside it.
      for (const p of toWrite) {
        if (p.writeKey) {
          const target = keyPath(ws, p.ledger.profileId);
          temps.push({ tmp: writeTempFile(target, `${p.ledger.publicKey}\n`), target });
        }
      }
      for (const e of extra) temps.push({ tmp: writeTempFile(e.target, e.bytes), target: e.target });
      for (const p of toWrite) {
        const target = ledgerPath(ws, p.ledger.profileId);
        temps.push({ tmp: writeTempFile(target, p.ledger.bytes), target });
      }
    } catch (err) {
      for (const t of temps) removeQuietly(t.tmp);
      throw new LedgerImportWriteError(err, 0, temps.length);
    }
    let committed = 0;
    try {
      for (const t of temps) {
        renameSync(t.tmp, t.target);
        committed++;
      }
    } catch (err) {
      for (const t of temps.slice(committed)) removeQuietly(t.tmp);
      throw new LedgerImportWriteError(err, committed, temps.length);
    }
    for (const d of [ws.keysDir, ws.importsDir, ws.ledgersDir]) fsyncDir(d);
  } finally {
    for (const l of locks) l.release();
  }
}
