import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import type { RecordsView } from '../../../electron/core/contract/views/records';
import {
  csvMatrix,
  csvReviews,
  formatConditions,
  HEADS_COLUMNS,
  headsFileName,
  MATRIX_COLUMNS,
  neutraliseCell,
  readCsvTable,
  readHeadsCsv,
  recoverCell,
  REVIEW_COLUMNS,
  writeCsv,
  writeHeadsCsv,
} from '../../../electron/core/records/csv';
import type { CsvTable } from '../../../electron/core/records/csv';
import { makeView } from './fixtures/recordsView';

const PAYLOADS: string[] = readFileSync(
  join(import.meta.dirname, 'fixtures', 'formula-injection.txt'),
  'utf8',
)
  .split('\n')
  .filter((l) => l.trim() !== '' && !l.startsWith('#'))
  .map((l) => JSON.parse(l) as string);

const DANGEROUS = ['=', '+', '-', '@', '\t', '\r', '\n', '＝', '＋', '－', '＠'];
const isSafe = (cell: string): boolean => !DANGEROUS.includes(cell.charAt(0));

async function csvText(table: CsvTable): Promise<{ text: string; rows: number; progress: number[][] }> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const progress: number[][] = [];
  const rows = await writeCsv(out, table, { onProgress: (d, t) => progress.push([d, t]) });
  out.end();
  return { text: Buffer.concat(chunks).toString('utf8'), rows, progress };
}

/**
 * Any line break outside quotes ends a record, as in a spreadsheet (csv-parse would otherwise
 * learn CRLF from the first line and then take a bare LF for data).
 */
const parseCsv = (text: string): string[][] =>
  parse(text, { bom: true, relax_column_count: true, record_delimiter: ['\r\n', '\n', '\r'] });

describe('neutraliseCell / recoverCell', () => {
  it('has a corpus of about 40 payloads', () => {
    expect(PAYLOADS.length).toBeGreaterThanOrEqual(40);
  });

  it.each(PAYLOADS.map((p) => [JSON.stringify(p), p]))('%s comes out safe and comes back intact', (_, p) => {
    const cell = neutraliseCell(p as string);
    expect(isSafe(cell)).toBe(true);
    expect(recoverCell(cell)).toBe(p);
    // Only ever one quote is added.
    expect(cell === p || cell === `'${p}`).toBe(true);
  });

  it('leaves harmless text, dates and numbers alone', () => {
    for (const v of ['Zoë Ångström', '2026-05-01', '87', '', ' =1', "'tis", 'a-b']) {
      expect(neutraliseCell(v)).toBe(v);
      expect(recoverCell(v)).toBe(v);
    }
  });

  it('quotes a cell that already starts with a quote before a formula, so recovery is exact', () => {
    expect(neutraliseCell("'=1")).toBe("''=1");
    expect(recoverCell("''=1")).toBe("'=1");
    expect(recoverCell("'=1")).toBe('=1');
  });
});

describe('writeCsv', () => {
  it('writes a UTF-8 BOM, CRLF line ends, the header and the rows: one table, nothing after it', async () => {
    const view = makeView();
    const { text, rows } = await csvText(csvMatrix(view));
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(Buffer.from(text, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(text.endsWith('\r\n')).toBe(true);
    expect(/[^\r]\n/.test(text)).toBe(false);
    expect(rows).toBe(view.matrix.length);

    const lines = text.slice(1).split('\r\n');
    expect(lines[0]).toBe(MATRIX_COLUMNS.join(','));
    // One table: every record has the header's width, and the file ends with the last data row.
    expect(lines).toHaveLength(view.matrix.length + 2);
    expect(lines[view.matrix.length + 1]).toBe('');
    const records = parse(text, { bom: true, record_delimiter: ['\r\n'] }) as string[][];
    expect(records.every((r) => r.length === MATRIX_COLUMNS.length)).toBe(true);

    const table = readCsvTable(parseCsv(text));
    expect(table.header).toEqual([...MATRIX_COLUMNS]);
    expect(table.rows).toHaveLength(view.matrix.length);
  });

  it('writes the ledger heads as a table of their own, read back exactly', async () => {
    const view = makeView();
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    expect(await writeHeadsCsv(out, view.heads)).toBe(view.heads.length);
    out.end();
    const text = Buffer.concat(chunks).toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text.slice(1).split('\r\n')[0]).toBe(HEADS_COLUMNS.join(','));
    expect(readHeadsCsv(parseCsv(text))).toEqual(view.heads);
    expect(headsFileName('completion-matrix-2026-01-01.csv')).toBe('completion-matrix-2026-01-01.heads.csv');
    expect(() => readHeadsCsv([['name', 'email']])).toThrow(/not a ledger heads file/);
  });

  it('keeps accents, commas, quotes and line breaks inside cells (RFC 4180 quoting)', async () => {
    const view = makeView();
    const first = view.matrix[0] as RecordsView['matrix'][number];
    first.moduleTitle = 'Ethics, "consent"\nand\r\nmore';
    view.matrix[1]!.moduleTitle = 'line one\nline two\rline three';
    const { text } = await csvText(csvMatrix(view));
    const { rows } = readCsvTable(parseCsv(text));
    expect(rows[0]?.[0]).toBe('Zoë Ångström');
    expect(rows[0]?.[2]).toBe('Données & Analyse');
    expect(rows[0]?.[4]).toBe('Ethics, "consent"\nand\r\nmore');
    expect(rows[1]?.[4]).toBe('line one\nline two\rline three');
    expect(rows).toHaveLength(view.matrix.length);
  });

  it('writes the matrix columns from the view, email from the people list', async () => {
    const view = makeView();
    const { text } = await csvText(csvMatrix(view));
    const { rows } = readCsvTable(parseCsv(text));
    const r = view.matrix[0] as RecordsView['matrix'][number];
    expect(rows[0]).toEqual([
      r.name,
      'zoe.angstrom@example.org',
      r.team,
      r.moduleId,
      r.moduleTitle,
      r.required ? 'yes' : 'no',
      r.status,
      r.completedAt ?? '',
      r.score === null ? '' : String(r.score),
      r.expiresAt ?? '',
      r.dueAt ?? '',
      String(r.attempts),
      r.source,
    ]);
    const never = rows.find((row) => row[6] === 'notStarted');
    expect(never?.[7]).toBe('');
    expect(never?.[8]).toBe('');
  });

  it('writes the reviews register with conditions joined and dates cut to the day', async () => {
    const view = makeView();
    const { text, rows: count } = await csvText(csvReviews(view));
    const { header, rows } = readCsvTable(parseCsv(text));
    expect(header).toEqual([...REVIEW_COLUMNS]);
    expect(count).toBe(3);
    const [decided, , open] = rows;
    expect(decided?.slice(0, 4)).toEqual([
      'r-churn-model',
      view.reviews[0]?.title,
      'approvedWithConditions',
      '2',
    ]);
    expect(decided?.[4]).toBe('Zoë Ångström');
    expect(decided?.[8]).toBe('yes');
    expect(decided?.[11]).toBe('Łukasz Żółć');
    expect(decided?.[12]).toBe(
      'Pseudonymise ticket text before training (Björn Núñez-O’Brien, due 2026-03-01, met 2026-02-25); ' +
        'Delete raw exports after 30 days (Zoë Ångström, due 2026-04-15)',
    );
    expect(decided?.[14]).toBe('10');
    expect(open?.[9]).toBe('');
    expect(open?.[11]).toBe('');
    expect(open?.[14]).toBe('');
  });

  it('reports progress at least every 1000 rows and ends at the total', async () => {
    const rows = Array.from({ length: 4321 }, (_, i) => [`row ${i}`]);
    const { progress } = await csvText({ header: ['x'], total: rows.length, rows, heads: [] });
    expect(progress[0]).toEqual([0, 4321]);
    expect(progress.at(-1)).toEqual([4321, 4321]);
    for (let i = 1; i < progress.length; i++) {
      const step = (progress[i]?.[0] ?? 0) - (progress[i - 1]?.[0] ?? 0);
      expect(step).toBeGreaterThan(0);
      expect(step).toBeLessThanOrEqual(1000);
    }
  });

  it('stops with the abort reason when cancelled', async () => {
    const ac = new AbortController();
    const rows = Array.from({ length: 5000 }, (_, i) => [`row ${i}`]);
    const out = new PassThrough();
    out.resume();
    const done = writeCsv(
      out,
      { header: ['x'], total: 5000, rows, heads: [] },
      {
        signal: ac.signal,
        onProgress: (d) => {
          if (d >= 2000) ac.abort();
        },
      },
    );
    await expect(done).rejects.toThrow(/abort/i);
  });
});

describe('formula injection through every column', () => {
  it('neutralises every payload in every cell of a table, header included, and parses back', async () => {
    const width = Math.max(MATRIX_COLUMNS.length, REVIEW_COLUMNS.length);
    const rows = PAYLOADS.map((p) => Array.from({ length: width }, () => p));
    const { text } = await csvText({ header: PAYLOADS.slice(0, width), total: rows.length, rows, heads: [] });
    const records = parseCsv(text);
    const data = records.slice(0, rows.length + 1);
    for (const record of data) for (const cell of record) expect(isSafe(cell)).toBe(true);
    const split = readCsvTable(records);
    expect(split.header).toEqual(PAYLOADS.slice(0, width));
    expect(split.rows).toEqual(rows);
  });

  /** How to put a payload into the view so that it lands in each matrix column. */
  const matrixInto: Record<(typeof MATRIX_COLUMNS)[number], ((v: RecordsView, p: string) => void) | null> = {
    name: (v, p) => (v.matrix[0]!.name = p),
    email: (v, p) => (v.people[0]!.email = p),
    team: (v, p) => (v.matrix[0]!.team = p),
    'module id': (v, p) => (v.matrix[0]!.moduleId = p),
    'module title': (v, p) => (v.matrix[0]!.moduleTitle = p),
    required: null, // a boolean: always "yes" or "no"
    status: (v, p) => (v.matrix[0]!.status = p as 'passed'),
    'completed at': (v, p) => (v.matrix[0]!.completedAt = p),
    score: (v, p) => (v.matrix[0]!.score = p as unknown as number),
    'expires at': (v, p) => (v.matrix[0]!.expiresAt = p),
    'due at': (v, p) => (v.matrix[0]!.dueAt = p),
    attempts: (v, p) => (v.matrix[0]!.attempts = p as unknown as number),
    source: (v, p) => (v.matrix[0]!.source = p as 'workspace'),
  };
  const reviewInto: Record<(typeof REVIEW_COLUMNS)[number], ((v: RecordsView, p: string) => void) | null> = {
    'review id': (v, p) => (v.reviews[0]!.reviewId = p),
    title: (v, p) => (v.reviews[0]!.title = p),
    status: (v, p) => (v.reviews[0]!.status = p as 'approved'),
    version: (v, p) => (v.reviews[0]!.version = p as unknown as number),
    submitter: (v, p) => (v.reviews[0]!.submitter.name = p),
    team: (v, p) => (v.reviews[0]!.submitter.team = p),
    'submitted at': (v, p) => (v.reviews[0]!.submittedAt = p),
    'overall risk': (v, p) => (v.reviews[0]!.overallRisk = p as 'low'),
    'DPIA required': null, // a boolean
    decision: (v, p) => (v.reviews[0]!.decision = p as 'approved'),
    'decided at': (v, p) => (v.reviews[0]!.decidedAt = p),
    reviewer: (v, p) => (v.reviews[0]!.reviewer!.name = p),
    conditions: (v, p) => (v.reviews[0]!.conditions[0]!.text = p),
    're-review date': (v, p) => (v.reviews[0]!.reReviewDate = p),
    'days to decision': (v, p) => (v.reviews[0]!.daysToDecision = p as unknown as number),
    'in conflict': null, // a boolean
    source: (v, p) => (v.reviews[0]!.source = p as 'workspace'),
  };

  const cases = [
    ...MATRIX_COLUMNS.map((col, i) => ({ table: 'matrix', col, i, into: matrixInto[col], make: csvMatrix })),
    ...REVIEW_COLUMNS.map((col, i) => ({
      table: 'reviews',
      col,
      i,
      into: reviewInto[col],
      make: csvReviews,
    })),
  ];

  it.each(cases)('$table column "$col" is formula-safe for the whole corpus', async ({ i, into, make }) => {
    for (const p of PAYLOADS) {
      const view = makeView();
      into?.(view, p);
      const expected = into === null ? undefined : i === 12 && make === csvReviews ? null : p;
      const { text } = await csvText(make(view));
      const records = parseCsv(text);
      const cell = records[1]?.[i] as string;
      expect(isSafe(cell), `${JSON.stringify(p)} -> ${JSON.stringify(cell)}`).toBe(true);
      if (expected === null) {
        expect(recoverCell(cell)).toBe(formatConditions(view.reviews[0]!.conditions));
      } else if (expected !== undefined) {
        expect(recoverCell(cell)).toBe(expected);
      }
    }
  });

  it('neutralises a condition owner too (it lands inside the joined cell, not at its start)', () => {
    const joined = formatConditions([
      { text: 'Audit', owner: '=HYPERLINK("x")', dueDate: '2026-01-01', metAt: null },
      { text: 'Notice', owner: 'Ada', dueDate: '2026-02-01', metAt: '2026-01-20T10:00:00.000Z' },
    ]);
    expect(joined).toBe(
      'Audit (=HYPERLINK("x"), due 2026-01-01); Notice (Ada, due 2026-02-01, met 2026-01-20)',
    );
    expect(isSafe(neutraliseCell(joined))).toBe(true);
  });
});

describe('hand-written row encoding', () => {
  // writeCsv encodes data rows itself (for speed); they must be what csv-stringify wrote.
  const options = {
    record_delimiter: '\r\n',
    quote_record_delimiter: true,
    cast: { string: neutraliseCell },
  } as const;
  const byLibrary = (table: { header: readonly string[]; rows: string[][] }): string =>
    stringify([[...table.header]], { ...options, bom: true }) + stringify(table.rows, options);

  it('is byte for byte what csv-stringify writes, for the corpus and for random cells', async () => {
    let seed = 42;
    const next = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const alphabet = [
      'a',
      'Z',
      '1',
      ' ',
      ',',
      '"',
      "'",
      '\r',
      '\n',
      '=',
      '+',
      '-',
      '@',
      '\t',
      '＝',
      'é',
      '😀',
      ';',
    ];
    const random = Array.from({ length: 2000 }, () =>
      Array.from({ length: 1 + next(6) }, () =>
        Array.from({ length: next(8) }, () => alphabet[next(alphabet.length)]).join(''),
      ),
    );
    const fixed = [
      ['', '', ''],
      [''],
      ['"', '""', '","', 'a"b', '"a'],
      ['\r\n', '\r', '\n', 'a\r\nb', ' x '],
      ["'", "''", "'=1", "''+2", "'a"],
      ...PAYLOADS.map((p) => [p, `x${p}`, `${p},${p}`]),
    ];
    const rows = [...fixed, ...random];
    const header = ['h1', '=h2', 'h,3'];
    const { text } = await csvText({ header, total: rows.length, rows, heads: [] });
    expect(text).toBe(byLibrary({ header, rows }));
  });

  it('writes a whole matrix and register as csv-stringify did', async () => {
    const view = makeView();
    view.matrix[0]!.moduleTitle = 'Ethics, "consent"\nand\r\nmore';
    view.matrix[1]!.name = '=cmd|"/c calc"!A1';
    for (const table of [csvMatrix(view), csvReviews(view)]) {
      const rows = [...table.rows];
      const { text } = await csvText({ ...table, rows });
      const expected = stringify([[...table.header]], { ...options, bom: true }) + stringify(rows, options);
      expect(text).toBe(expected);
    }
  });
});
