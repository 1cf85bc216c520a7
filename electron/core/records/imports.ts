// What imports leave in the workspace besides ledgers: every received file, kept byte for byte
// as `imports/<sha256 prefix>-<safe name>` (one copy per distinct content), and an index saying
// which import each person's ledger came from, so the dashboard can mark people by source.
//
// The index is an append-only JSONL file (`imports/index.jsonl`), last line per person wins.
// Append-only, like the ledgers: it keeps the history of every import that wrote something,
// two importers on a shared folder append without a read-modify-write race that would lose
// one of them, and a crash can only tear the last line, which the reader skips (the next
// append starts on a fresh line). It is not signed and only says where a file came from: the
// ledgers themselves, and the importer's records.imported entry, are the record.
import { closeSync, fsyncSync, readdirSync, readSync } from 'node:fs';
import { extname, join } from 'node:path';
import { z } from 'zod';
import type { Workspace } from '../ledger/workspace';
import { errnoCode, fsyncDir, writeAll } from '../ledger/workspace';
import { nestedDeeperThan } from '../ledger/limits';
import {
  ensureRealDir,
  FILE_CAPS,
  openRegularForReadAppend,
  readRegularFile,
  UnsafeFileError,
} from '../ledger/safeFs';
import { profileIdSchema } from '../contract/schemas';

export const IMPORT_INDEX_FILE = 'index.jsonl';
/** Hex characters of the file's SHA-256 that start a stored file's name. */
const PREFIX_LENGTH = 16;

/** Where a person's ledger came from: the stored file (relative to the workspace) and when. */
export interface ImportSource {
  file: string;
  at: string;
}

export const importIndexRecordSchema = z.object({
  at: z.string().min(1),
  profileId: profileIdSchema,
  /** The stored copy, relative to the workspace: 'imports/<name>'. */
  file: z.string().min(1),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  kind: z.enum(['bundle', 'json']),
  status: z.enum(['added', 'extended']),
  entries: z.number().int().min(1),
  headHash: z.string().regex(/^[0-9a-f]{64}$/),
});
export type ImportIndexRecord = z.output<typeof importIndexRecordSchema>;

/** A received file's name reduced to letters, digits, '.', '_' and '-' (never a path or a dot file). */
export function safeFileName(name: string): string {
  const cleaned = name
    .normalize('NFC')
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/^[._-]+/, '');
  const ext = extname(cleaned).slice(0, 24);
  const stem = cleaned.slice(0, cleaned.length - ext.length).slice(0, 80);
  return `${stem === '' ? 'import' : stem}${ext}`;
}

/** The name a received file is kept under in imports/. */
export function storedImportName(sha256: string, fileName: string): string {
  return `${sha256.slice(0, PREFIX_LENGTH)}-${safeFileName(fileName)}`;
}

/** The name under which a file with this content is already kept in imports/, if any. */
export function findStoredImport(ws: Workspace, sha256: string): string | null {
  let names: string[];
  try {
    checkImportsFolder(ws);
    names = readdirSync(ws.importsDir);
  } catch (err) {
    if (errnoCode(err) === 'ENOENT' || err instanceof UnsafeFileError) return null; // writing says why
    throw err;
  }
  const prefix = `${sha256.slice(0, PREFIX_LENGTH)}-`;
  return names.filter((n) => n.startsWith(prefix) && !n.endsWith('.tmp')).sort()[0] ?? null;
}

function indexPath(ws: Workspace): string {
  return join(ws.importsDir, IMPORT_INDEX_FILE);
}

/**
 * Every well-formed record of the index, oldest first; torn or foreign lines are skipped. An
 * index that is not a regular file of a sane size (a planted symlink, FIFO or device) is not
 * read: it says nothing, and the ledgers themselves are the record.
 */
export function readImportRecords(ws: Workspace): ImportIndexRecord[] {
  let text: string;
  try {
    checkImportsFolder(ws);
    text = readRegularFile(indexPath(ws), FILE_CAPS.importIndexBytes).toString('utf8');
  } catch (err) {
    if (errnoCode(err) === 'ENOENT' || err instanceof UnsafeFileError) return [];
    throw err;
  }
  const lines = text.split('\n');
  lines.pop(); // an unfinished last line (or '' after the final '\n') is not read
  const out: ImportIndexRecord[] = [];
  for (const line of lines) {
    // Records are flat: anything nested is not one (and is not parsed).
    const bytes = Buffer.from(line, 'utf8');
    if (bytes.length > 4096 || nestedDeeperThan(bytes, 0, bytes.length, 2)) continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      continue;
    }
    const parsed = importIndexRecordSchema.safeParse(value);
    if (parsed.success) out.push(parsed.data);
  }
  return out;
}

/** Throws unless imports/ is a real folder of the workspace (not a symlink to elsewhere). */
function checkImportsFolder(ws: Workspace): void {
  ensureRealDir(ws.dir, ws.importsDir, false);
}

/** Per profile id, the import its ledger last came from. */
export function readImportIndex(ws: Workspace): Map<string, ImportSource> {
  const map = new Map<string, ImportSource>();
  for (const r of readImportRecords(ws)) map.set(r.profileId, { file: r.file, at: r.at });
  return map;
}

/**
 * Appends records to the index and fsyncs it. A torn last line left by a crash is closed off
 * first. Only ever into the workspace's own imports/ folder and its regular index file: a
 * symlink planted there (to a file outside the workspace) is refused, not followed.
 */
export function appendImportIndex(ws: Workspace, records: readonly ImportIndexRecord[]): void {
  if (records.length === 0) return;
  const text = records.map((r) => `${JSON.stringify(importIndexRecordSchema.parse(r))}\n`).join('');
  ensureRealDir(ws.dir, ws.importsDir);
  const { fd, stat } = openRegularForReadAppend(indexPath(ws));
  let created: boolean;
  try {
    const size = stat.size;
    created = size === 0;
    let lead = '';
    if (size > 0) {
      const last = Buffer.alloc(1);
      readSync(fd, last, 0, 1, size - 1);
      if (last[0] !== 0x0a) lead = '\n';
    }
    writeAll(fd, Buffer.from(lead + text, 'utf8'));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  if (created) fsyncDir(ws.importsDir);
}
