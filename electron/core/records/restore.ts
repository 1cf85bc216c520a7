// Putting one's own ledger back from one's own "Export my records" bundle, after the file in the
// workspace was cut back or deleted behind the app's back (the app then opens it read-only and
// says so: ledger.cutBack / ledger.ownMissing). The bundle is verified exactly as an import
// verifies it (its manifest signature, then every line, link and signature), and written only
// where it continues what the workspace holds, under the ledger's lock: a missing file, or one
// that is a prefix of the bundle, gets the bundle's lines; a file that already holds them is
// left alone; a file with another history at some entry (a fork) is refused and left as it is.
// Nothing is re-signed: the lines are the owner's, as they were written.
//
// An import refuses one's own bundle (the app writes that ledger); this is the one place that
// takes it, for the owner, with the app closed (the ledger's lock is taken to write).
import { StewardError } from '../errors';
import { decodeLine } from '../ledger/entry';
import type { LedgerHead } from '../ledger/ledger';
import {
  LedgerImportError,
  LedgerImportWriteError,
  planLedgerImport,
  verifyForeignLedger,
  writeLedgerImports,
} from '../ledger/import';
import { FILE_CAPS, readRegularFile } from '../ledger/safeFs';
import { ledgerPath, ledgerRelPath, type Workspace } from '../ledger/workspace';
import { listLocalKeyIds } from '../profiles/keystore';
import { readLocalHead, localHeadPath } from '../profiles/localHead';
import { ImportRefusedError } from './importErrors';
import { MAX_IMPORT_BYTES, parseRecordsFile, readReceivedFile } from './importFormats';

export interface RestoreResult {
  profileId: string;
  name: string;
  /** added: the file was missing; extended: the missing tail was put back; unchanged: nothing to do. */
  status: 'added' | 'extended' | 'unchanged';
  /** Entries written back. */
  added: number;
  /** Entries in the bundle. */
  entries: number;
  /** Entries in the ledger file now, and the hash of its last one (null when it holds none). */
  fileEntries: number;
  fileHeadHash: string | null;
  /**
   * The head this computer's app last wrote (beside its key), and whether the file now holds it:
   * true, the app writes again; false, entries after the bundle are still missing (restore them
   * from a backup); null when this computer keeps no head for the profile.
   */
  localHead: LedgerHead | null;
  reachesLocalHead: boolean | null;
}

function countEntries(buf: Buffer): number {
  let n = 0;
  for (let i = buf.indexOf(0x0a); i >= 0; i = buf.indexOf(0x0a, i + 1)) n++;
  return n;
}

/**
 * Restores one's own ledger from the bundle `file` (see above). `keysDir` is this computer's key
 * folder: the bundle must be of a profile whose key is there (a colleague's bundle is imported,
 * which records who took it in), and the app's head kept there says whether the file now reaches it.
 */
export async function restoreOwnLedger(
  ws: Workspace,
  file: string,
  opts: { keysDir: string },
): Promise<RestoreResult> {
  const fileName = file.split(/[\\/]/).pop() ?? file;
  let bytes: Buffer;
  try {
    bytes = readReceivedFile(file, fileName, MAX_IMPORT_BYTES); // a regular file only, size-capped
  } catch (err) {
    if (err instanceof ImportRefusedError) throw err; // not a file, or too large
    throw new StewardError('NOT_FOUND', `Steward cannot read ${file}. Nothing was restored.`, { cause: err });
  }
  const { kind, incoming } = parseRecordsFile(bytes, fileName);
  const inc = incoming[0];
  if (kind !== 'bundle' || inc === undefined) {
    throw new StewardError(
      'INVALID_ARGUMENT',
      `${fileName} is not an "Export my records" bundle: only a bundle restores one person's own ledger. Nothing was restored.`,
    );
  }
  const rel = ledgerRelPath(inc.profileId);
  if (!listLocalKeyIds(opts.keysDir).includes(inc.profileId)) {
    throw new StewardError(
      'NOT_ALLOWED',
      `${fileName} is the bundle of profile ${inc.profileId}, whose key is not in ${opts.keysDir}: only your own ` +
        'ledger is restored this way. To take in a colleague\'s records, use "steward records import". Nothing was restored.',
    );
  }
  try {
    const verified = await verifyForeignLedger(ws.events, inc);
    const plan = await planLedgerImport(ws, verified);
    await writeLedgerImports(ws, [plan]);
    let now: Buffer;
    try {
      now = readRegularFile(ledgerPath(ws, verified.profileId), FILE_CAPS.ledgerBytes);
    } catch {
      now = Buffer.alloc(0);
    }
    const lines = now.toString('utf8').split('\n');
    const hashAt = (seq: number): string | null => {
      const line = seq >= 1 ? lines[seq - 1] : undefined;
      if (line === undefined || line === '') return null;
      const decoded = decodeLine(Buffer.from(line, 'utf8'), ws.events);
      return decoded.ok ? decoded.entry.hash : null;
    };
    const fileEntries = countEntries(now);
    const localHead = readLocalHead(localHeadPath(opts.keysDir, verified.profileId));
    const reaches = localHead === null ? null : hashAt(localHead.seq) === localHead.hash;
    return {
      profileId: verified.profileId,
      name: verified.name,
      status: plan.status,
      added: plan.added,
      entries: verified.entries,
      fileEntries,
      fileHeadHash: hashAt(fileEntries),
      localHead,
      reachesLocalHead: reaches,
    };
  } catch (err) {
    if (err instanceof LedgerImportWriteError) {
      throw new StewardError(
        'WORKSPACE_NOT_WRITABLE',
        `Steward could not write ${rel}: ${err.message}. Nothing was restored.`,
        { cause: err },
      );
    }
    if (err instanceof LedgerImportError) {
      const what =
        err.kind === 'fork'
          ? `${rel} holds another history than your bundle (${err.detail}). Move that file out of the ledgers folder (keep it: it is evidence), then restore again.`
          : err.kind === 'in-use'
            ? `${err.detail} Close Steward, then restore again.`
            : err.detail;
      throw new StewardError(err.code, `Cannot restore from ${fileName}: ${what} Nothing was restored.`, {
        cause: err,
      });
    }
    throw err;
  }
}
