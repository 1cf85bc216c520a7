// Importing other people's ledgers: a signed bundle ("Export my records") or the full JSON
// records export. The file is read and parsed (importFormats.ts); each ledger it holds is
// verified, planned against the workspace and written by the ledger layer (ledger/import.ts),
// which refuses anything that does not verify or fit. Everything is checked before anything is
// written, and a refusal says which check failed, where, and that nothing was imported. Importing
// the same file twice changes nothing the second time. The caller appends the records.imported
// entry to its own ledger (recordsImportedData builds it): this module never writes it.
import { join } from 'node:path';
import { formatReason, reason, type Reason } from '../contract/reasons';
import { StewardError } from '../errors';
import { sha256Hex } from '../ledger/entry';
import {
  LedgerImportError,
  LedgerImportWriteError,
  planLedgerImport,
  verifyForeignLedger,
  writeLedgerImports,
  type LedgerImportPlan,
  type VerifiedLedger,
} from '../ledger/import';
import type { Workspace } from '../ledger/workspace';
import { fsReason } from '../ledger/workspace';
import type { RecordsImportedData } from './events';
import { ImportRefusedError } from './importErrors';
import { MAX_IMPORT_BYTES, parseRecordsFile, readReceivedFile, type Incoming } from './importFormats';
import { appendImportIndex, findStoredImport, storedImportName } from './imports';
import type { ImportIndexRecord } from './imports';

export { ImportRefusedError, type ImportRefusalReason } from './importErrors';
export { MAX_IMPORT_BYTES } from './importFormats';

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
  skipped: { profileId: string; name: string; reason: Reason }[];
  /** Where the received file is kept ('imports/<name>'); null when nothing was written. */
  storedAs: string | null;
  /** Things that went wrong after the ledgers were safely written (e.g. the imports index). */
  warnings: Reason[];
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

/** A refusal from the ledger layer, worded for the file and ledger it came from. */
function refusal(err: unknown, fileName: string, inc?: Incoming): unknown {
  if (!(err instanceof LedgerImportError)) return err;
  const message =
    err.kind === 'in-use'
      ? `Cannot import ${fileName}: ${err.detail} Nothing was imported.`
      : inc !== undefined
        ? `Cannot import ${fileName}: in ${inc.where} (profile ${err.profileId}), ${err.detail}. ` +
          'Ask the person to export their records again. Nothing was imported.'
        : `Cannot import ${fileName}: profile ${err.profileId}: ${err.detail} Nothing was imported.`;
  return new ImportRefusedError(
    err.kind,
    message,
    { profileId: err.profileId, seq: err.seq },
    { cause: err },
  );
}

function notWritten(fileName: string, ws: Workspace, err: LedgerImportWriteError): StewardError {
  const done =
    err.committed === 0
      ? 'Nothing was imported.'
      : `${err.committed} of ${err.total} files were written; import the file again to finish.`;
  return new StewardError(
    'WORKSPACE_NOT_WRITABLE',
    `Steward could not import ${fileName} into ${ws.dir}: ${err.message}. ${done}`,
    { cause: err },
  );
}

/**
 * Imports a bundle or a full JSON records export into the workspace. Verifies everything first
 * and writes nothing unless every check passes; throws ImportRefusedError saying why not.
 */
export async function importRecordsFile(
  ws: Workspace,
  file: string,
  opts: ImportOptions,
): Promise<ImportRecordsResult> {
  const fileName = file.split(/[\\/]/).pop() ?? file;
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
  const verified: VerifiedLedger[] = [];
  for (const inc of incoming) {
    try {
      verified.push(await verifyForeignLedger(ws.events, inc));
    } catch (err) {
      throw refusal(err, fileName, inc);
    }
  }

  const skipped: ImportRecordsResult['skipped'] = empty.map((e) => ({
    profileId: e.profileId,
    name: '',
    reason: reason('import.noEntries', { where: e.where }),
  }));
  const plans: LedgerImportPlan[] = [];
  for (const v of verified) {
    if (local.has(v.profileId)) {
      skipped.push({ profileId: v.profileId, name: v.name, reason: reason('import.ownLedger') });
      continue;
    }
    try {
      plans.push(await planLedgerImport(ws, v));
    } catch (err) {
      throw refusal(err, fileName);
    }
  }

  const toWrite = plans.filter((p) => p.status !== 'unchanged');
  const already = findStoredImport(ws, sha256);
  let storedAs = already === null ? null : `imports/${already}`;
  const warnings: Reason[] = [];
  if (toWrite.length > 0) {
    const storedName = already ?? storedImportName(sha256, fileName);
    try {
      await writeLedgerImports(
        ws,
        toWrite,
        already === null ? [{ target: join(ws.importsDir, storedName), bytes }] : [],
      );
    } catch (err) {
      if (err instanceof LedgerImportWriteError) throw notWritten(fileName, ws, err);
      throw refusal(err, fileName);
    }
    storedAs = `imports/${storedName}`;
    const at = opts.now().toISOString();
    const records: ImportIndexRecord[] = toWrite.map((p) => ({
      at,
      profileId: p.ledger.profileId,
      file: storedAs as string,
      sha256,
      kind,
      status: p.status as 'added' | 'extended',
      entries: p.ledger.entries,
      headHash: p.ledger.headHash,
    }));
    try {
      appendImportIndex(ws, records);
    } catch (err) {
      warnings.push(reason('import.indexNotUpdated', { why: fsReason(err) }));
    }
  }
  return {
    kind,
    fileName,
    sha256,
    profiles: plans.map((p) => ({
      profileId: p.ledger.profileId,
      name: p.ledger.name,
      added: p.added,
      entries: p.ledger.entries,
      headHash: p.ledger.headHash,
      status: p.status,
    })),
    skipped,
    storedAs,
    warnings,
  };
}

/** A skipped ledger or a warning in English, for logs and the CLI. */
export const describeImportNote = formatReason;
