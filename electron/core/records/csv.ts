// CSV exports of the records: the completion matrix and the reviews register.
//
// RFC 4180 through csv-stringify, CRLF line ends, UTF-8 with a BOM (without it Excel reads the
// file as the local code page and "Zoë Ångström" turns into mojibake). Names, teams, titles and
// conditions are typed by people, so every cell is made formula-safe (see neutraliseCell).
//
// Where the ledger heads go: a second file written beside the table, `<name>.heads.csv`
// (profileId,entries,headHash), so the export itself is one table that Excel, pandas or R read
// as it is. The two are bound by the `records.exported` ledger entry, signed by whoever
// exported: it records the table's file name and SHA-256 and, as its `companion`, the heads
// file's name and SHA-256, so a heads file cannot be swapped or a table cut without the
// mismatch showing. (Until issue 16 the heads trailed the table in the same file, which tripped
// spreadsheets and data frames.)
import type { Writable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import type { LedgerHeadRef, RecordsView, ReviewRegisterRow } from '../contract/views/records';
import { StewardError } from '../errors';

/** First characters a spreadsheet may read as the start of a formula or a command (OWASP). */
const DANGEROUS_FIRST = new Set([
  '=',
  '+',
  '-',
  '@',
  '\t',
  '\r',
  '\n',
  // Full-width forms: Apple Numbers normalises them to the ASCII ones and evaluates the cell.
  '\uFF1D',
  '\uFF0B',
  '\uFF0D',
  '\uFF20',
]);

/** The first character after any leading single quotes is one a spreadsheet may evaluate. */
function needsQuote(value: string): boolean {
  let i = 0;
  while (value.charCodeAt(i) === 0x27) i++; // '
  const c = value.charCodeAt(i);
  // Fast path: a letter, digit or space (most cells) is never dangerous.
  if (Number.isNaN(c) || (c > 0x40 && c < 0x7f) || (c >= 0x30 && c <= 0x39) || c === 0x20) return false;
  return DANGEROUS_FIRST.has(value.charAt(i));
}

/**
 * A cell a spreadsheet shows as text: one `'` is put in front when the cell starts with a
 * dangerous character — or with quotes followed by one, so that recoverCell is exact: a cell the
 * person typed as `'=1` comes back as `'=1`, not `=1`.
 */
export function neutraliseCell(value: string): string {
  return needsQuote(value) ? `'${value}` : value;
}

/** The text that was neutralised: drops the one quote neutraliseCell added, if it added one. */
export function recoverCell(cell: string): string {
  return cell.startsWith("'") && needsQuote(cell) ? cell.slice(1) : cell;
}

// csv-stringify writes the header rows and the heads file; the data rows go through encodeRow
// below, which must give byte for byte what csv-stringify gives with these options (a test
// compares the two).
const CSV_OPTIONS = {
  record_delimiter: '\r\n',
  // With a record delimiter given, csv-stringify stops quoting a lone '\n' or '\r' inside a
  // cell unless told to; an unquoted one would split the row in two.
  quote_record_delimiter: true,
  cast: { string: neutraliseCell },
} as const;

/** A cell csv-stringify would quote with CSV_OPTIONS: it holds a delimiter, a quote or a line break. */
const MUST_QUOTE = /[",\r\n]/;
const QUOTES = /"/g;

/**
 * One data row as CSV_OPTIONS would have csv-stringify write it, CRLF included: each cell
 * neutralised, then quoted (quotes doubled) when it holds `,` `"` CR or LF, and left bare
 * otherwise (an empty cell stays empty).
 *
 * Hand-written because csv-stringify is the whole cost of a large export: it works cell by
 * cell through an options object, a cast callback context, a separator search per option
 * and an array of [value, field] pairs — 5 to 6x a JSON.stringify of the same rows at 100k
 * rows, with or without the cast, whatever the batch size. This is one regex test per cell.
 */
function encodeRow(row: readonly string[]): string {
  let line = '';
  for (let i = 0; i < row.length; i++) {
    let cell = neutraliseCell(row[i] ?? '');
    if (MUST_QUOTE.test(cell)) cell = `"${cell.replace(QUOTES, '""')}"`;
    line += i === 0 ? cell : `,${cell}`;
  }
  return `${line}\r\n`;
}

/** The matrix and register columns, in file order. */
export const MATRIX_COLUMNS = [
  'name',
  'email',
  'team',
  'module id',
  'module title',
  'required',
  'status',
  'completed at',
  'score',
  'expires at',
  'due at',
  'attempts',
  'source',
] as const;

export const REVIEW_COLUMNS = [
  'review id',
  'title',
  'status',
  'version',
  'submitter',
  'team',
  'submitted at',
  'overall risk',
  'DPIA required',
  'decision',
  'decided at',
  'reviewer',
  'conditions',
  're-review date',
  'days to decision',
  'in conflict',
  'source',
] as const;

export const HEADS_COLUMNS = ['profileId', 'entries', 'headHash'] as const;

/** The heads file's name for a table's: matrix.csv -> matrix.heads.csv. */
export function headsFileName(tableFile: string): string {
  return /\.csv$/i.test(tableFile) ? `${tableFile.slice(0, -4)}.heads.csv` : `${tableFile}.heads.csv`;
}

/** The rows of a CSV export: the header, a row count (for progress) and the rows themselves. */
export interface CsvTable {
  header: readonly string[];
  total: number;
  rows: Iterable<string[]>;
  heads: LedgerHeadRef[];
}

const text = (v: string | null): string => v ?? '';
const num = (v: number | null): string => (v === null ? '' : String(v));
const yesNo = (v: boolean): string => (v ? 'yes' : 'no');
const day = (v: string): string => v.slice(0, 10);

function* matrixRows(view: RecordsView): Generator<string[]> {
  const emails = new Map(view.people.map((p) => [p.id, p.email]));
  for (const r of view.matrix) {
    yield [
      r.name,
      emails.get(r.personId) ?? '',
      r.team,
      r.moduleId,
      r.moduleTitle,
      yesNo(r.required),
      r.status,
      text(r.completedAt),
      num(r.score),
      text(r.expiresAt),
      text(r.dueAt),
      String(r.attempts),
      r.source,
    ];
  }
}

/** "text (owner, due YYYY-MM-DD); text (owner, due YYYY-MM-DD)" */
export function formatConditions(conditions: ReviewRegisterRow['conditions']): string {
  return conditions
    .map((c) => `${c.text} (${c.owner}, due ${day(c.dueDate)}${c.metAt ? `, met ${day(c.metAt)}` : ''})`)
    .join('; ');
}

function* reviewRows(view: RecordsView): Generator<string[]> {
  for (const r of view.reviews) {
    yield [
      r.reviewId,
      r.title,
      r.status,
      String(r.version),
      r.submitter.name,
      r.submitter.team,
      r.submittedAt,
      r.overallRisk,
      yesNo(r.dpiaRequired),
      text(r.decision),
      text(r.decidedAt),
      r.reviewer?.name ?? '',
      formatConditions(r.conditions),
      text(r.reReviewDate),
      num(r.daysToDecision),
      yesNo(r.inConflict),
      r.source,
    ];
  }
}

/** The completion matrix as CSV rows, one per (person, module) in the view. */
export function csvMatrix(view: RecordsView): CsvTable {
  return { header: MATRIX_COLUMNS, total: view.matrix.length, rows: matrixRows(view), heads: view.heads };
}

/** The reviews register as CSV rows, one per review in the view. */
export function csvReviews(view: RecordsView): CsvTable {
  return { header: REVIEW_COLUMNS, total: view.reviews.length, rows: reviewRows(view), heads: view.heads };
}

export interface WriteOptions {
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

/** Rows per chunk: progress is reported and the event loop gets a turn after each. */
export const CHUNK_ROWS = 1000;

/** Writes `chunk`, waiting for the stream to drain when its buffer is full. */
export async function writeChunk(out: Writable, chunk: string): Promise<void> {
  // A destroyed stream emits no more events: waiting for one would hang.
  if (out.destroyed)
    throw out.errored ?? new StewardError('INTERNAL', 'The export file was closed while being written.');
  if (out.write(chunk)) return;
  await new Promise<void>((resolve, reject) => {
    const done = (err?: Error): void => {
      out.off('drain', onDrain);
      out.off('error', done);
      out.off('close', onClose);
      if (err) reject(err);
      else resolve();
    };
    const onDrain = (): void => done();
    const onClose = (): void =>
      done(out.errored ?? new StewardError('INTERNAL', 'The export file was closed while being written.'));
    out.once('drain', onDrain);
    out.once('error', done);
    out.once('close', onClose);
  });
}

/** Gives the event loop a turn (so a cancel can land), then stops if the export was cancelled. */
export async function yieldTurn(signal: AbortSignal | undefined): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  signal?.throwIfAborted();
}

/** Streams a table to `out` (which it does not end); returns the number of data rows. */
export async function writeCsv(out: Writable, table: CsvTable, opts: WriteOptions = {}): Promise<number> {
  const { signal, onProgress } = opts;
  signal?.throwIfAborted();
  await writeChunk(out, stringify([[...table.header]], { ...CSV_OPTIONS, bom: true }));
  onProgress?.(0, table.total);
  let done = 0;
  let batch = '';
  let inBatch = 0;
  const flush = async (): Promise<void> => {
    await writeChunk(out, batch);
    done += inBatch;
    batch = '';
    inBatch = 0;
    onProgress?.(done, table.total);
    await yieldTurn(signal);
  };
  for (const row of table.rows) {
    batch += encodeRow(row);
    if (++inBatch >= CHUNK_ROWS) await flush();
  }
  if (inBatch > 0) await flush();
  return done;
}

/** Writes the ledger heads an export was made from as their own CSV table (BOM, CRLF). */
export async function writeHeadsCsv(out: Writable, heads: readonly LedgerHeadRef[]): Promise<number> {
  const rows = heads.map((h) => [h.profileId, String(h.entries), h.headHash ?? '']);
  await writeChunk(out, stringify([[...HEADS_COLUMNS], ...rows], { ...CSV_OPTIONS, bom: true }));
  return rows.length;
}

/**
 * Reads a table Steward exported (records parsed with csv-parse), undoing the formula
 * neutralisation. For tests and importers.
 */
export function readCsvTable(records: string[][]): { header: string[]; rows: string[][] } {
  const [header = [], ...rows] = records.map((r) => r.map(recoverCell));
  return { header, rows };
}

/** Reads a `<name>.heads.csv` file's records (csv-parse), refusing one that is not. */
export function readHeadsCsv(records: string[][]): LedgerHeadRef[] {
  const [header, ...rows] = records;
  if (header?.join(',') !== HEADS_COLUMNS.join(',')) {
    throw new StewardError(
      'INVALID_ARGUMENT',
      `This is not a ledger heads file: its first row is not "${HEADS_COLUMNS.join(',')}".`,
    );
  }
  return rows.map(([profileId = '', entries = '', headHash = '']) => ({
    profileId,
    entries: Number(entries),
    headHash: headHash === '' ? null : headHash,
  }));
}
