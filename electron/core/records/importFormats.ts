// Reading a received records file: a signed bundle ("Export my records") or the full JSON
// records export. Cheap checks first (size, UTF-8, JSON, format and version), so a large or
// foreign file is refused before it is parsed; then each ledger the file holds, as the ledger
// layer will verify it (ledger/import.ts). A refusal says why, and that nothing was imported.
import { isUtf8 } from 'node:buffer';
import { closeSync, constants, fstatSync, openSync, readFileSync, statSync } from 'node:fs';
import { z } from 'zod';
import { PROFILE_ID_PATTERN } from '../contract/ids';
import { StewardError } from '../errors';
import type { ForeignLedger } from '../ledger/import';
import { publicKeyObject } from '../ledger/keys';
import { MAX_JSON_DEPTH, nestedDeeperThan } from '../ledger/limits';
import { plainReason } from '../ledger/workspace';
import { BUNDLE_FORMAT, BUNDLE_VERSION, bundleFileSchema, manifestSignatureValid } from './bundle';
import { ImportRefusedError } from './importErrors';

// As records/json.ts writes them; kept here so an import reads only what it needs of that module's format.
const RECORDS_EXPORT_FORMAT = 'steward-records';
const RECORDS_EXPORT_VERSION = 1;
/** Larger files are refused unread (a JSON text this size is near what V8 can hold as a string). */
export const MAX_IMPORT_BYTES = 256 * 1024 * 1024;
/**
 * Deepest nesting of arrays and objects in a received file, checked on its bytes before it is
 * parsed (ledger lines are strings in it, and do not count): a bundle is 3 deep, an export a few
 * more. A file nested 50 million deep costs seconds and gigabytes to parse; it is refused at once.
 */
export const MAX_FILE_DEPTH = MAX_JSON_DEPTH;
/** Most ledger lines a received file may hold (a ledger file is capped at 1 GB, a line at 4 MB). */
export const MAX_IMPORT_LINES = 2_000_000;

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
        lines: z.array(z.string()).max(MAX_IMPORT_LINES),
      }),
    )
    .min(1, { error: 'the export holds no ledgers' })
    .max(MAX_IMPORT_LINES),
});

/** One ledger as the file presents it, not yet trusted, and how messages name it. */
export interface Incoming extends ForeignLedger {
  /** E.g. 'the bundle' or 'ledger 2 of the export'. */
  where: string;
}

export interface Parsed {
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

/**
 * The bytes of a file someone chose to import. It may be anywhere (a symlink to it is fine), but
 * only a regular file is opened: a FIFO would block the open, a device would never end. stat
 * first, then O_NONBLOCK (a FIFO swapped in does not block), then fstat below.
 */
export function readReceivedFile(file: string, fileName: string, maxBytes: number): Buffer {
  let fd: number;
  try {
    if (!statSync(file).isFile()) {
      throw new ImportRefusedError(
        'not-steward',
        `Cannot import ${fileName}: it is not a file. Nothing was imported.`,
      );
    }
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (err) {
    if (err instanceof StewardError) throw err;
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

export function parseRecordsFile(bytes: Buffer, fileName: string): Parsed {
  if (bytes.length === 0) throw notSteward(fileName, 'the file is empty');
  let start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (start < bytes.length && [0x20, 0x09, 0x0a, 0x0d].includes(bytes[start] as number)) start++;
  // Cheap checks first: a large binary file is refused without being decoded or parsed.
  if (bytes[start] !== 0x7b /* { */) throw notSteward(fileName, 'it is not a JSON file');
  if (!isUtf8(bytes)) throw notSteward(fileName, 'it is not UTF-8 text');
  if (nestedDeeperThan(bytes, start, bytes.length, MAX_FILE_DEPTH)) {
    throw new ImportRefusedError(
      'malformed',
      `Cannot import ${fileName}: it nests more than ${MAX_FILE_DEPTH} levels deep, which no Steward file does. ` +
        'It was not read. Nothing was imported.',
    );
  }
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
