// The one entry point for writing a records export, used by the app's export jobs and the CLI.
//
// Every format goes through atomicExport: the bytes go to a temp file in the destination folder
// (so the final rename stays on one file system), are hashed as they are written, fsynced, and
// only then renamed over outFile. A cancel or a failure removes the temp file: the folder holds
// either the complete new file or whatever was there before, never a partial export.
import { randomBytes, createHash } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Transform } from 'node:stream';
import type { Writable } from 'node:stream';
import type { ExportFormat, RecordsView } from '../contract/views/records';
import { StewardError } from '../errors';
import type { ErrorCode } from '../errors';
import type { IntegrityNote } from './report';
import type { LedgerRead } from '../ledger/scan';
import { plainReason } from '../ledger/workspace';
import { csvMatrix, csvReviews, writeCsv } from './csv';
import { writeRecordsJson } from './json';
import { pseudonymFor, pseudonymIdFor, pseudonymiseView } from './pseudonym';

// errors.ts has no code for these yet (proposed: 'CANCELLED' and 'FILE_NOT_WRITABLE').
const CANCELLED_CODE: ErrorCode = 'CANCELLED';
const NOT_WRITABLE_CODE: ErrorCode = 'FILE_NOT_WRITABLE';

export interface WriteExportInput {
  format: ExportFormat;
  /** Already scoped to the viewer and filtered. */
  view: RecordsView;
  ledgers: LedgerRead[];
  pseudonymise: boolean;
  pseudonymKey: Buffer;
  outFile: string;
  exportedAt: string;
  exportedBy: { profileId: string; name: string } | null;
  /** Ledgers found cut back, deleted or rewritten against what witnesses saw (JSON states them). */
  integrity?: readonly IntegrityNote[];
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

export interface WriteExportResult {
  /** Data rows (CSV) or people (JSON), as recorded in `records.exported`. */
  rows: number;
  /** SHA-256 of the file as written, hex. */
  sha256: string;
  /** outFile's base name (what `records.exported` records: never a full path). */
  fileName: string;
}

/** The error a cancelled export ends with. */
export function cancelledError(): StewardError {
  return new StewardError(CANCELLED_CODE, 'The export was cancelled; no file was written.');
}

function fileError(what: 'create' | 'write' | 'replace', path: string, err: unknown): StewardError {
  const next =
    what === 'replace'
      ? 'Close the file if another program has it open, or choose another name, then export again.'
      : 'Choose another folder (or free some space), then export again.';
  const doing = what === 'create' ? 'write to the folder of' : what;
  return new StewardError(
    NOT_WRITABLE_CODE,
    `Steward could not ${doing} ${path}: ${plainReason(err)}. ${next}`,
    {
      cause: err,
    },
  );
}

/**
 * Runs `write` against a stream into a temp file next to outFile and renames the file into
 * place once everything is written and fsynced. `write` must not end the stream. Resolves with
 * the SHA-256 and size of the bytes written.
 */
export async function atomicExport(
  outFile: string,
  signal: AbortSignal | undefined,
  write: (out: Writable) => Promise<void>,
): Promise<{ sha256: string; bytes: number }> {
  if (signal?.aborted) throw cancelledError();
  const tmp = join(dirname(outFile), `.${basename(outFile)}.${randomBytes(6).toString('hex')}.tmp`);
  let handle: FileHandle;
  try {
    handle = await open(tmp, 'wx');
  } catch (err) {
    throw fileError('create', outFile, err);
  }

  const hash = createHash('sha256');
  let bytes = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      hash.update(chunk);
      bytes += chunk.length;
      cb(null, chunk);
    },
  });
  // The stream owns the handle from here: it fsyncs (flush) and closes it when it ends or fails.
  const file = handle.createWriteStream({ flush: true });
  const closed = new Promise<void>((resolve, reject) => {
    file.once('close', resolve);
    file.once('error', reject);
  });
  closed.catch(() => undefined); // awaited below; a failure is reported by whoever awaits it
  tap.pipe(file);
  tap.on('error', (err) => file.destroy(err));
  file.on('error', (err) => tap.destroy(err));
  // A writer may be waiting for a 'drain' that a destroyed stream never emits: the export does
  // not wait for it to notice a cancel or a disk error.
  let onBroken = (): void => undefined;
  const broken = new Promise<never>((_, reject) => {
    onBroken = () =>
      reject(
        tap.errored ??
          new StewardError('INTERNAL', 'The export stream was ended before the export finished.'),
      );
    tap.once('close', onBroken);
  });
  broken.catch(() => undefined);
  const onAbort = (): void => {
    tap.destroy(cancelledError());
  };
  signal?.addEventListener('abort', onAbort, { once: true });

  let renamed = false;
  try {
    try {
      const writing = write(tap);
      writing.catch(() => undefined);
      await Promise.race([writing, broken]);
      tap.off('close', onBroken);
      signal?.throwIfAborted();
      tap.end();
      await closed;
    } catch (err) {
      tap.destroy();
      file.destroy();
      await new Promise<void>((resolve) => (file.closed ? resolve() : file.once('close', () => resolve())));
      if (signal?.aborted) throw cancelledError();
      if (err instanceof StewardError) throw err;
      if (typeof (err as NodeJS.ErrnoException).code === 'string') throw fileError('write', outFile, err);
      throw new StewardError('INTERNAL', `The export to ${outFile} failed: ${(err as Error).message}`, {
        cause: err,
      });
    }
    if (signal?.aborted) throw cancelledError();
    try {
      await rename(tmp, outFile);
    } catch (err) {
      throw fileError('replace', outFile, err);
    }
    renamed = true;
    await syncFolder(dirname(outFile));
    return { sha256: hash.digest('hex'), bytes };
  } finally {
    signal?.removeEventListener('abort', onAbort);
    if (!renamed) await unlink(tmp).catch(() => undefined);
  }
}

/** Makes the rename durable where the OS allows fsync on a folder (not on Windows). */
async function syncFolder(dir: string): Promise<void> {
  try {
    const h = await open(dir, 'r');
    try {
      await h.sync();
    } finally {
      await h.close();
    }
  } catch {
    // Best effort: the file itself is already fsynced.
  }
}

/** Writes one records export atomically; see the top of this file. */
export async function writeExport(input: WriteExportInput): Promise<WriteExportResult> {
  const { format, pseudonymise, pseudonymKey, signal, onProgress } = input;
  if (pseudonymise && pseudonymKey.length < 16) {
    throw new StewardError(
      'INVALID_ARGUMENT',
      `The pseudonym key is ${pseudonymKey.length} bytes; a pseudonymised export needs at least 16 random bytes.`,
    );
  }
  const view = pseudonymise ? pseudonymiseView(input.view, pseudonymKey) : input.view;
  const opts = { signal, onProgress };
  let write: (out: Writable) => Promise<number>;
  switch (format) {
    case 'csv-matrix':
      write = (out) => writeCsv(out, csvMatrix(view), opts);
      break;
    case 'csv-reviews':
      write = (out) => writeCsv(out, csvReviews(view), opts);
      break;
    case 'json': {
      const by = input.exportedBy;
      const exportedBy =
        pseudonymise && by !== null
          ? {
              profileId: pseudonymIdFor(pseudonymKey, by.profileId),
              name: pseudonymFor(pseudonymKey, by.profileId),
            }
          : by;
      const json = {
        view,
        ledgers: input.ledgers,
        pseudonymised: pseudonymise,
        exportedAt: input.exportedAt,
        exportedBy,
        ...(input.integrity ? { integrity: input.integrity } : {}),
      };
      write = (out) => writeRecordsJson(out, json, opts);
      break;
    }
    case 'xapi':
    case 'pdf-report':
    case 'pdf-certificates':
      throw new StewardError('INVALID_ARGUMENT', `The "${format}" export is not handled here yet.`);
    default: {
      const never: never = format;
      throw new StewardError('INVALID_ARGUMENT', `Unknown export format ${JSON.stringify(never)}.`);
    }
  }
  let rows = 0;
  const { sha256 } = await atomicExport(input.outFile, signal, async (out) => {
    rows = await write(out);
  });
  return { rows, sha256, fileName: basename(input.outFile) };
}
