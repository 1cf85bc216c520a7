// Importing other people's ledgers: a signed bundle ("Export my records") or the full JSON
// records export. Everything is verified before anything is written — the bundle's manifest
// signature, each ledger line by line (hash, link, seq, owner, signature, canonical form,
// schema), the key it claims, and how it fits what the workspace already holds — and a refusal
// says which check failed, where, and that nothing was imported. Then each ledger is written
// whole and atomically: added when new, replaced when it extends what is here, left alone when
// it is the same or shorter. The caller appends the records.imported entry to its own ledger
// (recordsImportedData builds it): this module never writes the importer's ledger.
import { isUtf8 } from 'node:buffer';
import { closeSync, fstatSync, mkdirSync, openSync, readFileSync, renameSync } from 'node:fs';
import { basename, join } from 'node:path';
import { z } from 'zod';
import type { ErrorCode } from '../errors';
import { StewardError } from '../errors';
import type { LedgerEntryOf } from '../ledger/entry';
import { decodeLine, sha256Hex } from '../ledger/entry';
import { PROFILE_ID_PATTERN, profileIdFor, publicKeyObject } from '../ledger/keys';
import { acquireLock } from '../ledger/lock';
import type { LockHandle } from '../ledger/lock';
import { scanLedger } from '../ledger/scan';
import { finishScans } from '../ledger/signatures';
import type { EventRegistry } from '../ledger/events';
import type { Workspace } from '../ledger/workspace';
import {
  errnoCode,
  fsyncDir,
  keyPath,
  ledgerPath,
  ledgerRelPath,
  plainReason,
  removeQuietly,
  writeTempFile,
} from '../ledger/workspace';
import { BUNDLE_FORMAT, BUNDLE_VERSION, bundleFileSchema, manifestSignatureValid } from './bundle';
import type { RecordsImportedData } from './events';
import { appendImportIndex, findStoredImport, storedImportName } from './imports';
import type { ImportIndexRecord } from './imports';
import { formatReason } from '../contract/reasons';

// As records/json.ts writes them; kept here so an import reads only what it needs of that module's format.
const RECORDS_EXPORT_FORMAT = 'steward-records';
const RECORDS_EXPORT_VERSION = 1;
/** Larger files are refused unread (a JSON text this size is near what V8 can hold as a string). */
export const MAX_IMPORT_BYTES = 256 * 1024 * 1024;

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

export interface ImportedProfile {
  profileId: string;
  /** From the profile.created entry (signed), not from any unsigned field of the file. */
  name: string;
  /** Entries this import added to the workspace (0 when unchanged). */
  added: number;
  /** Entries and head of the ledger as the file holds it. */
  entries: number;
  headHash: string | null;
  status: 'added' | 'extended' | 'unchanged';
}

export interface ImportRecordsResult {
  kind: 'bundle' | 'json';
  /** The received file's base name. */
  fileName: string;
  /** SHA-256 of the received file. */
  sha256: string;
  profiles: ImportedProfile[];
  /** Ledgers in the file not imported: the importer's own (verified, kept as is here) and empty ones. */
  skipped: { profileId: string; name: string; reason: string }[];
  /** Where the received file is kept ('imports/<name>'); null when nothing was written. */
  storedAs: string | null;
  /** Things that went wrong after the ledgers were safely written (e.g. the imports index). */
  warnings: string[];
}

export interface ImportOptions {
  /** Profiles whose ledgers this machine writes: never replaced by an import. */
  localProfileIds: readonly string[];
  now: () => Date;
  /** Test seam; default MAX_IMPORT_BYTES. */
  maxBytes?: number;
}

/** The records.imported data the caller appends to its own ledger. */
export function recordsImportedData(result: ImportRecordsResult): RecordsImportedData {
  return {
    kind: result.kind,
    fileName: result.fileName,
    sha256: result.sha256,
    profiles: result.profiles.map(({ profileId, entries, headHash, status }) => ({
      profileId,
      entries,
      headHash,
      status,
    })),
  };
}

// ---- reading the file ----------------------------------------------------------------------

/**
 * The part of the JSON records export (records/json.ts) an import reads; everything else in it
 * is ignored. `heads` is not signed: it only catches an export whose ledgers were cut short.
 */
const recordsExportSchema = z.object({
  format: z.literal(RECORDS_EXPORT_FORMAT),
  version: z.literal(RECORDS_EXPORT_VERSION),
  pseudonymised: z.literal(false),
  heads: z
    .array(
      z.object({
        profileId: z.string(),
        entries: z.number().int().min(0),
        headHash: z.string().nullable(),
      }),
    )
    .optional(),
  ledgers: z
    .array(
      z.object({
        profileId: z.string().regex(PROFILE_ID_PATTERN, { error: 'must be a profile id' }),
        publicKey: z.string().max(64).nullable(),
        lines: z.array(z.string()),
      }),
    )
    .min(1, { error: 'the export holds no ledgers' }),
});

/** One ledger as the file presents it, not yet trusted. */
interface Incoming {
  profileId: string;
  publicKey: string;
  lines: string[];
  /** How messages name it, e.g. 'the bundle' or 'ledger 2 of the export'. */
  where: string;
  /** What the file says about it elsewhere: the signed manifest (bundle) or the heads (export). */
  expect: { entries: number; headHash: string | null; linesSha256: string | null; by: string } | null;
}

interface Parsed {
  kind: 'bundle' | 'json';
  incoming: Incoming[];
  /** Ledgers with no entries (a person whose genesis could not be read where the export was made). */
  empty: { profileId: string; where: string }[];
}

function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'its structure is not valid';
  const where = issue.path.length > 0 ? issue.path.map(String).join('.') : 'the file';
  return `${where}: ${issue.message}`;
}

function readReceivedFile(file: string, fileName: string, maxBytes: number): Buffer {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (err) {
    throw new StewardError(
      'NOT_FOUND',
      `Steward cannot open ${file}: ${plainReason(err)}. Nothing was imported.`,
      {
        cause: err,
      },
    );
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) {
      throw new ImportRefusedError(
        'not-steward',
        `Cannot import ${fileName}: it is not a file. Nothing was imported.`,
      );
    }
    if (stat.size > maxBytes) {
      throw new ImportRefusedError(
        'too-large',
        `Cannot import ${fileName}: it is ${stat.size} bytes, more than the ${maxBytes} a bundle or records ` +
          'export can be. It is not a Steward file, or it must be split into smaller exports. Nothing was imported.',
      );
    }
    return readFileSync(fd);
  } catch (err) {
    if (err instanceof StewardError) throw err;
    throw new StewardError(
      'NOT_FOUND',
      `Steward cannot read ${file}: ${plainReason(err)}. Nothing was imported.`,
      {
        cause: err,
      },
    );
  } finally {
    closeSync(fd);
  }
}

const notSteward = (fileName: string, why: string) =>
  new ImportRefusedError(
    'not-steward',
    `Cannot import ${fileName}: ${why}. Choose a .stewardbundle file or a Steward JSON records export. Nothing was imported.`,
  );

function parseRecordsFile(bytes: Buffer, fileName: string): Parsed {
  if (bytes.length === 0) throw notSteward(fileName, 'the file is empty');
  let start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (start < bytes.length && [0x20, 0x09, 0x0a, 0x0d].includes(bytes[start] as number)) start++;
  // Cheap checks first: a large binary file is refused without being decoded or parsed.
  if (bytes[start] !== 0x7b /* { */) throw notSteward(fileName, 'it is not a JSON file');
  if (!isUtf8(bytes)) throw notSteward(fileName, 'it is not UTF-8 text');
  const text = bytes.toString('utf8', start);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    const looksOurs = /"format"\s*:\s*"steward-(bundle|records)"/.test(text.slice(0, 4096));
    if (!looksOurs) throw notSteward(fileName, 'it is not valid JSON');
    const cut = /end of JSON|Unterminated/i.test(err instanceof Error ? err.message : '');
    throw new ImportRefusedError(
      cut ? 'truncated' : 'malformed',
      `Cannot import ${fileName}: the file is a Steward file but ${cut ? 'is cut short (its JSON ends early)' : 'is not valid JSON'}. ` +
        'Ask for the file again. Nothing was imported.',
    );
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw notSteward(fileName, 'it is not a Steward bundle or records export');
  }
  const rec = value as Record<string, unknown>;
  const format = rec.format;
  if (format !== BUNDLE_FORMAT && format !== RECORDS_EXPORT_FORMAT) {
    throw notSteward(
      fileName,
      typeof format === 'string'
        ? `its format is ${JSON.stringify(format.slice(0, 60))}, not a Steward bundle or records export`
        : 'it is not a Steward bundle or records export (it has no "format")',
    );
  }
  const expected = format === BUNDLE_FORMAT ? BUNDLE_VERSION : RECORDS_EXPORT_VERSION;
  if (rec.version !== expected) {
    const newer = typeof rec.version === 'number' && rec.version > expected;
    throw new ImportRefusedError(
      'wrong-version',
      `Cannot import ${fileName}: it is a ${format} file of version ${JSON.stringify(rec.version)}, and this ` +
        `Steward reads version ${expected}. ` +
        (newer ? 'Update Steward, then import it again.' : 'It was not made by Steward.') +
        ' Nothing was imported.',
    );
  }
  return format === BUNDLE_FORMAT ? parseBundle(rec, fileName) : parseExport(rec, fileName);
}

function parseBundle(value: Record<string, unknown>, fileName: string): Parsed {
  const parsed = bundleFileSchema.safeParse(value);
  if (!parsed.success) {
    throw new ImportRefusedError(
      'malformed',
      `Cannot import ${fileName}: the bundle is damaged (${describeIssue(parsed.error)}). Ask for the file again. ` +
        'Nothing was imported.',
    );
  }
  const { manifest, lines, signature } = parsed.data;
  const id = manifest.profileId;
  try {
    publicKeyObject(manifest.publicKey);
  } catch {
    throw new ImportRefusedError(
      'malformed',
      `Cannot import ${fileName}: manifest.publicKey is not an Ed25519 public key. Nothing was imported.`,
      { profileId: id },
    );
  }
  if (!manifestSignatureValid(manifest, signature)) {
    throw new ImportRefusedError(
      'tampered',
      `Cannot import ${fileName}: the manifest signature is not valid — the manifest was changed after ${id} ` +
        'signed it, or the signature is not theirs. Ask the person to export their records again. Nothing was imported.',
      { profileId: id },
    );
  }
  return {
    kind: 'bundle',
    incoming: [
      {
        profileId: id,
        publicKey: manifest.publicKey,
        lines,
        where: 'the bundle',
        expect: {
          entries: manifest.entries,
          headHash: manifest.headHash,
          linesSha256: manifest.linesSha256,
          by: 'the manifest',
        },
      },
    ],
    empty: [],
  };
}

function parseExport(value: Record<string, unknown>, fileName: string): Parsed {
  if (value.pseudonymised === true) {
    throw new ImportRefusedError(
      'nothing-signed',
      `Cannot import ${fileName}: it is a pseudonymised export, which holds no signed ledgers, so there is ` +
        'nothing that can be verified and imported. Ask for a full (not pseudonymised) export or a bundle. ' +
        'Nothing was imported.',
    );
  }
  const parsed = recordsExportSchema.safeParse(value);
  if (!parsed.success) {
    const noLedgers = parsed.error.issues.some((i) => i.path.length === 1 && i.path[0] === 'ledgers');
    throw new ImportRefusedError(
      noLedgers ? 'nothing-signed' : 'malformed',
      `Cannot import ${fileName}: ` +
        (noLedgers
          ? 'the export holds no signed ledgers, so there is nothing to verify and import.'
          : `the export is damaged (${describeIssue(parsed.error)}). Ask for the file again.`) +
        ' Nothing was imported.',
    );
  }
  const heads = new Map((parsed.data.heads ?? []).map((h) => [h.profileId, h]));
  const seen = new Set<string>();
  const incoming: Incoming[] = [];
  const empty: Parsed['empty'] = [];
  parsed.data.ledgers.forEach((l, i) => {
    const where = `ledger ${i + 1} of the export`;
    if (seen.has(l.profileId)) {
      throw new ImportRefusedError(
        'malformed',
        `Cannot import ${fileName}: profile ${l.profileId} appears twice in its ledgers. Nothing was imported.`,
        { profileId: l.profileId },
      );
    }
    seen.add(l.profileId);
    if (l.lines.length === 0) {
      empty.push({ profileId: l.profileId, where });
      return;
    }
    if (l.publicKey === null) {
      throw new ImportRefusedError(
        'tampered',
        `Cannot import ${fileName}: ${where} (profile ${l.profileId}) has entries but no public key to check ` +
          'them with. Ask for the export again. Nothing was imported.',
        { profileId: l.profileId },
      );
    }
    const head = heads.get(l.profileId);
    incoming.push({
      profileId: l.profileId,
      publicKey: l.publicKey,
      lines: l.lines,
      where,
      expect:
        head === undefined
          ? null
          : { entries: head.entries, headHash: head.headHash, linesSha256: null, by: "the export's heads" },
    });
  });
  return { kind: 'json', incoming, empty };
}

// ---- verifying each ledger -----------------------------------------------------------------

interface Verified {
  profileId: string;
  publicKey: string;
  name: string;
  /** The ledger file's exact bytes: every line plus '\n'. */
  bytes: Buffer;
  lines: string[];
  entries: number;
  headHash: string;
}

const COMPLETE_SUFFIX = /","sig":"[A-Za-z0-9+/]{86}=="\}$/;

async function verifyIncoming(inc: Incoming, fileName: string, events: EventRegistry): Promise<Verified> {
  const { profileId: id, publicKey, lines, where } = inc;
  const at = `Cannot import ${fileName}: in ${where} (profile ${id})`;
  const tail = 'Ask the person to export their records again. Nothing was imported.';
  const refuse = (reason: ImportRefusalReason, what: string, seq: number | null = null) =>
    new ImportRefusedError(reason, `${at}, ${what}. ${tail}`, { profileId: id, seq });

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
  const expect = inc.expect;
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

// ---- fitting each ledger into the workspace --------------------------------------------------

interface Plan {
  v: Verified;
  status: 'added' | 'extended' | 'unchanged';
  added: number;
  /** The workspace's ledger file as read when planning (null: none). */
  existing: Buffer | null;
  writeKey: boolean;
}

function readIfPresent(path: string): Buffer | null {
  try {
    return readFileSync(path);
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') return null;
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

async function planLedger(ws: Workspace, v: Verified, fileName: string): Promise<Plan> {
  const id = v.profileId;
  const rel = ledgerRelPath(id);
  const at = `Cannot import ${fileName}: profile ${id}`;
  const keyText = readIfPresent(keyPath(ws, id));
  if (keyText !== null && keyText.toString('utf8').trim() !== v.publicKey) {
    throw new ImportRefusedError(
      'foreign-key',
      `${at}: keys/${id}.pub in this workspace holds a different public key than the file's ledger. ` +
        'One of them is not genuine: compare the key fingerprint with the person (Settings shows it). ' +
        'Nothing was imported.',
      { profileId: id },
    );
  }
  const writeKey = keyText === null;
  const existing = readIfPresent(ledgerPath(ws, id));
  if (existing === null) return { v, status: 'added', added: v.entries, existing, writeKey };

  const complete = existing.subarray(0, existing.lastIndexOf(0x0a) + 1);
  const firstNl = complete.indexOf(0x0a);
  if (firstNl > 0) {
    const g = decodeLine(complete.subarray(0, firstNl), ws.events);
    const key = g.ok && g.entry.type === 'profile.created' ? g.entry.data.publicKey : null;
    if (key !== null && key !== v.publicKey) {
      throw new ImportRefusedError(
        'foreign-key',
        `${at}: ${rel} in this workspace starts with a different public key than the file's ledger. ` +
          'One of them is not genuine: compare the key fingerprint with the person. Nothing was imported.',
        { profileId: id, seq: 1 },
      );
    }
  }
  const have = countLines(complete);
  if (complete.equals(v.bytes)) return { v, status: 'unchanged', added: 0, existing, writeKey };
  if (v.bytes.length > complete.length && v.bytes.subarray(0, complete.length).equals(complete)) {
    return { v, status: 'extended', added: v.entries - have, existing, writeKey };
  }
  if (complete.length > v.bytes.length && complete.subarray(0, v.bytes.length).equals(v.bytes)) {
    return { v, status: 'unchanged', added: 0, existing, writeKey };
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
    parseData: false,
  });
  await finishScans([scan]);
  if (scan.broken !== null && scan.broken.seq <= k + 1) {
    throw new ImportRefusedError(
      'local-damaged',
      `${at}: ${rel} in this workspace is damaged at entry ${scan.broken.seq} (${formatReason(scan.broken.reason)}), so the ` +
        'file cannot be matched against it. Move the damaged file out of the ledgers folder, then import again. ' +
        'Nothing was imported.',
      { profileId: id, seq: scan.broken.seq },
    );
  }
  throw new ImportRefusedError(
    'fork',
    `${at}: the workspace holds a different entry ${k + 1} than the file (a fork: two different histories ` +
      `signed by the same key, ${have} entries here and ${v.entries} in the file). Neither was changed. Keep both ` +
      'files and ask the person which is right: their key may be in use on two computers. Nothing was imported.',
    { profileId: id, seq: k + 1 },
  );
}

// ---- writing -------------------------------------------------------------------------------

async function lockAll(ws: Workspace, plans: Plan[], fileName: string): Promise<LockHandle[]> {
  const locks: LockHandle[] = [];
  try {
    mkdirSync(ws.ledgersDir, { recursive: true });
    for (const p of plans) {
      const id = p.v.profileId;
      try {
        locks.push(await acquireLock(join(ws.ledgersDir, `${id}.lock`), ledgerRelPath(id)));
      } catch (err) {
        if (!(err instanceof StewardError) || err.code !== 'LEDGER_LOCKED') throw err;
        throw new ImportRefusedError(
          'in-use',
          `Cannot import ${fileName}: profile ${id}'s ledger is being written right now. ${err.message} ` +
            'Nothing was imported.',
          { profileId: id },
          { cause: err },
        );
      }
      // What was compared must still be what is there, now that no one else can write it.
      const now = readIfPresent(ledgerPath(ws, id));
      const same = now === null ? p.existing === null : p.existing !== null && now.equals(p.existing);
      if (!same) {
        throw new ImportRefusedError(
          'in-use',
          `Cannot import ${fileName}: ${ledgerRelPath(id)} changed while it was being imported. Try again. ` +
            'Nothing was imported.',
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

function notWritten(
  fileName: string,
  ws: Workspace,
  err: unknown,
  committed: number,
  total: number,
): StewardError {
  const done =
    committed === 0
      ? 'Nothing was imported.'
      : `${committed} of ${total} files were written; import the file again to finish.`;
  return new StewardError(
    'WORKSPACE_NOT_WRITABLE',
    `Steward could not import ${fileName} into ${ws.dir}: ${plainReason(err)}. ${done}`,
    { cause: err },
  );
}

/**
 * Imports a bundle or a full JSON records export into the workspace. Verifies everything first
 * and writes nothing unless every check passes; throws ImportRefusedError saying why not.
 * Importing the same file twice changes nothing the second time.
 */
export async function importRecordsFile(
  ws: Workspace,
  file: string,
  opts: ImportOptions,
): Promise<ImportRecordsResult> {
  const fileName = basename(file);
  const bytes = readReceivedFile(file, fileName, opts.maxBytes ?? MAX_IMPORT_BYTES);
  const sha256 = sha256Hex(bytes);
  const { kind, incoming, empty } = parseRecordsFile(bytes, fileName);
  const local = new Set(opts.localProfileIds);
  if (kind === 'bundle') {
    const id = (incoming[0] as Incoming).profileId;
    if (local.has(id)) {
      throw new ImportRefusedError(
        'own-profile',
        `Cannot import ${fileName}: this is your own ledger (profile ${id}); this computer already writes it. ` +
          'Nothing was imported.',
        { profileId: id },
      );
    }
  }
  const verified: Verified[] = [];
  for (const inc of incoming) verified.push(await verifyIncoming(inc, fileName, ws.events));

  const skipped: ImportRecordsResult['skipped'] = empty.map((e) => ({
    profileId: e.profileId,
    name: '',
    reason: `${e.where} holds no entries`,
  }));
  const plans: Plan[] = [];
  for (const v of verified) {
    if (local.has(v.profileId)) {
      skipped.push({
        profileId: v.profileId,
        name: v.name,
        reason: 'this is your own ledger; the one this computer writes is kept',
      });
      continue;
    }
    plans.push(await planLedger(ws, v, fileName));
  }

  const toWrite = plans.filter((p) => p.status !== 'unchanged');
  const already = findStoredImport(ws, sha256);
  let storedAs = already === null ? null : `imports/${already}`;
  const warnings: string[] = [];
  if (toWrite.length > 0) {
    const locks = await lockAll(ws, toWrite, fileName);
    try {
      const storedName = already ?? storedImportName(sha256, fileName);
      const temps: { tmp: string; target: string }[] = [];
      try {
        for (const d of [ws.keysDir, ws.importsDir]) mkdirSync(d, { recursive: true });
        // Keys first and ledgers last: a ledger is only ever visible with its key beside it.
        for (const p of toWrite) {
          if (p.writeKey) {
            const target = keyPath(ws, p.v.profileId);
            temps.push({ tmp: writeTempFile(target, `${p.v.publicKey}\n`), target });
          }
        }
        if (already === null) {
          const target = join(ws.importsDir, storedName);
          temps.push({ tmp: writeTempFile(target, bytes), target });
        }
        for (const p of toWrite) {
          const target = ledgerPath(ws, p.v.profileId);
          temps.push({ tmp: writeTempFile(target, p.v.bytes), target });
        }
      } catch (err) {
        for (const t of temps) removeQuietly(t.tmp);
        throw notWritten(fileName, ws, err, 0, temps.length);
      }
      let committed = 0;
      try {
        for (const t of temps) {
          renameSync(t.tmp, t.target);
          committed++;
        }
      } catch (err) {
        for (const t of temps.slice(committed)) removeQuietly(t.tmp);
        throw notWritten(fileName, ws, err, committed, temps.length);
      }
      for (const d of [ws.keysDir, ws.importsDir, ws.ledgersDir]) fsyncDir(d);
      storedAs = `imports/${storedName}`;
      const at = opts.now().toISOString();
      const records: ImportIndexRecord[] = toWrite.map((p) => ({
        at,
        profileId: p.v.profileId,
        file: storedAs as string,
        sha256,
        kind,
        status: p.status as 'added' | 'extended',
        entries: p.v.entries,
        headHash: p.v.headHash,
      }));
      try {
        appendImportIndex(ws, records);
      } catch (err) {
        warnings.push(
          `The ledgers were imported, but the imports index could not be updated (${plainReason(err)}): ` +
            'the dashboard may not mark these people as imported.',
        );
      }
    } finally {
      for (const l of locks) l.release();
    }
  }
  return {
    kind,
    fileName,
    sha256,
    profiles: plans.map((p) => ({
      profileId: p.v.profileId,
      name: p.v.name,
      added: p.added,
      entries: p.v.entries,
      headHash: p.v.headHash,
      status: p.status,
    })),
    skipped,
    storedAs,
    warnings,
  };
}
