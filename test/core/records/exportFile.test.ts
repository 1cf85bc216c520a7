import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, describe, expect, it } from 'vitest';
import type { ExportFormat, RecordsView } from '../../../electron/core/contract/views/records';
import { StewardError } from '../../../electron/core/errors';
import { MATRIX_COLUMNS, readCsvTable, readHeadsCsv } from '../../../electron/core/records/csv';
import { atomicExport, writeExport } from '../../../electron/core/records/exportFile';
import type { WriteExportInput } from '../../../electron/core/records/exportFile';
import { parseRecordsExport } from '../../../electron/core/records/json';
import { pseudonymFor } from '../../../electron/core/records/pseudonym';
import {
  cleanupTempDirs,
  growMatrix,
  makeView,
  makeWorkspaceView,
  PEOPLE,
  tempDir,
} from './fixtures/recordsView';

afterEach(cleanupTempDirs);

const KEY = Buffer.from('00112233445566778899aabbccddeeff', 'hex');
const BY = { profileId: 'p00000000000000000001', name: 'Mira Manager' };

function input(view: RecordsView, outFile: string, extra: Partial<WriteExportInput> = {}): WriteExportInput {
  return {
    format: 'csv-matrix',
    view,
    ledgers: [],
    pseudonymise: false,
    pseudonymKey: KEY,
    outFile,
    exportedAt: '2026-05-01T08:30:00.000Z',
    exportedBy: BY,
    ...extra,
  };
}

async function failure(p: Promise<unknown>): Promise<StewardError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(StewardError);
    return err as StewardError;
  }
  throw new Error('expected the export to fail');
}

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

describe('writeExport', () => {
  it('writes the matrix CSV as one table and its ledger heads beside it, returning both files’ SHA-256', async () => {
    const dir = tempDir();
    const view = makeView();
    const outFile = join(dir, 'matrix.csv');
    const res = await writeExport(input(view, outFile));
    const bytes = readFileSync(outFile);
    const headsBytes = readFileSync(join(dir, 'matrix.heads.csv'));
    expect(res).toEqual({
      rows: view.matrix.length,
      sha256: sha256(bytes),
      fileName: 'matrix.csv',
      companion: { fileName: 'matrix.heads.csv', sha256: sha256(headsBytes) },
    });
    const parsed = (b: Buffer) =>
      parse(b, { bom: true, record_delimiter: ['\r\n', '\n', '\r'] }) as string[][];
    // Strict parsing (every record as wide as the header) reads the table: it is one table.
    const { header, rows } = readCsvTable(parsed(bytes));
    expect(header).toEqual([...MATRIX_COLUMNS]);
    expect(rows).toHaveLength(view.matrix.length);
    expect(readHeadsCsv(parsed(headsBytes))).toEqual(view.heads);
    expect(readdirSync(dir).sort()).toEqual(['matrix.csv', 'matrix.heads.csv']);
  });

  it('removes the table when its heads cannot be written: no export vouches for nothing', async () => {
    const dir = tempDir();
    // A folder where the heads file should go: it cannot be replaced.
    mkdirSync(join(dir, 'matrix.heads.csv', 'inside'), { recursive: true });
    const err = await failure(writeExport(input(makeView(), join(dir, 'matrix.csv'))));
    expect(err.message).toContain('matrix.heads.csv');
    expect(readdirSync(dir)).toEqual(['matrix.heads.csv']);
  });

  it('writes the reviews CSV and the JSON through the same entry point', async () => {
    const { view, ledgers } = await makeWorkspaceView();
    const dir = tempDir();
    const reviews = await writeExport(input(view, join(dir, 'reviews.csv'), { format: 'csv-reviews' }));
    expect(reviews.rows).toBe(view.reviews.length);
    expect(reviews.sha256).toBe(sha256(readFileSync(join(dir, 'reviews.csv'))));

    const json = await writeExport(input(view, join(dir, 'records.json'), { format: 'json', ledgers }));
    const bytes = readFileSync(join(dir, 'records.json'));
    expect(json).toEqual({ rows: view.people.length, sha256: sha256(bytes), fileName: 'records.json' });
    const doc = parseRecordsExport(bytes.toString('utf8'), 'records.json');
    expect(doc.exportedBy).toEqual(BY);
    expect(doc.ledgers.map((l) => l.lines.length)).toEqual(view.heads.map((h) => h.entries));
    expect(readdirSync(dir).sort()).toEqual(['records.json', 'reviews.csv', 'reviews.heads.csv']);
  });

  it('replaces an existing file only on success', async () => {
    const dir = tempDir();
    const outFile = join(dir, 'matrix.csv');
    writeFileSync(outFile, 'old export');
    await writeExport(input(makeView(), outFile));
    expect(readFileSync(outFile, 'utf8')).toContain('zoe.angstrom@example.org');
  });

  it.each<ExportFormat>(['csv-matrix', 'csv-reviews', 'json'])(
    'a pseudonymised %s export holds no real name or email',
    async (format) => {
      const { view, ledgers } = await makeWorkspaceView();
      const dir = tempDir();
      const outFile = join(dir, `out-${format}`);
      const zoe = view.people[0]!;
      const by = { profileId: zoe.id, name: zoe.name };
      await writeExport(input(view, outFile, { format, ledgers, pseudonymise: true, exportedBy: by }));
      const bytes = readFileSync(outFile);
      for (const p of PEOPLE) {
        for (const secret of [p.name, p.email, p.name.split(' ')[0]!, p.email.split('@')[0]!]) {
          expect(bytes.includes(Buffer.from(secret, 'utf8')), `${format} contains ${secret}`).toBe(false);
        }
      }
      if (format !== 'csv-reviews') {
        expect(bytes.includes(Buffer.from(pseudonymFor(KEY, zoe.id), 'utf8'))).toBe(true);
      }
      if (format === 'json') {
        const doc = parseRecordsExport(bytes.toString('utf8'), 'out.json');
        expect(doc.pseudonymised).toBe(true);
        expect(doc.ledgers).toEqual([]);
        expect(doc.exportedBy?.name).toBe(pseudonymFor(KEY, zoe.id));
      }
    },
  );

  it('refuses a short pseudonym key for a pseudonymised export', async () => {
    const dir = tempDir();
    const err = await failure(
      writeExport(
        input(makeView(), join(dir, 'x.csv'), { pseudonymise: true, pseudonymKey: Buffer.alloc(8) }),
      ),
    );
    expect(err.code).toBe('INVALID_ARGUMENT');
    expect(readdirSync(dir)).toEqual([]);
  });

  it.each<ExportFormat>(['xapi', 'pdf-report', 'pdf-certificates'])(
    'leaves %s to the modules that handle it',
    async (format) => {
      const dir = tempDir();
      const err = await failure(writeExport(input(makeView(), join(dir, 'x'), { format })));
      expect(err.code).toBe('INVALID_ARGUMENT');
      expect(err.message).toMatch(/not handled here/);
      expect(readdirSync(dir)).toEqual([]);
    },
  );
});

describe('writeExport: cancel and failure leave nothing behind', () => {
  const BIG = 100_000;

  it('reports progress at least every 1000 rows of a 100k-row export', async () => {
    const dir = tempDir();
    const progress: number[] = [];
    const res = await writeExport(
      input(growMatrix(makeView(), BIG), join(dir, 'big.csv'), { onProgress: (d) => progress.push(d) }),
    );
    expect(res.rows).toBe(BIG);
    expect(progress.at(-1)).toBe(BIG);
    for (let i = 1; i < progress.length; i++)
      expect(progress[i]! - progress[i - 1]!).toBeLessThanOrEqual(1000);
  });

  it.each<ExportFormat>(['csv-matrix', 'json'])(
    'a cancel from another task midway through a 100k-row %s export leaves no file and no temp file',
    async (format) => {
      const dir = tempDir();
      const outFile = join(dir, 'big.out');
      writeFileSync(outFile, 'previous export');
      const ac = new AbortController();
      let scheduled = false;
      let last = 0;
      const run = writeExport(
        input(growMatrix(makeView(), BIG), outFile, {
          format,
          signal: ac.signal,
          pseudonymise: format === 'json', // no ledgers needed
          onProgress: (d) => {
            last = d;
            // The abort comes from a separate task: it lands only if the export yields.
            if (d >= 20_000 && !scheduled) {
              scheduled = true;
              setImmediate(() => ac.abort());
            }
          },
        }),
      );
      const err = await failure(run);
      expect(err.message).toMatch(/cancelled/);
      expect(last).toBeLessThan(BIG);
      expect(readdirSync(dir)).toEqual(['big.out']);
      expect(readFileSync(outFile, 'utf8')).toBe('previous export');
    },
  );

  it('a signal aborted before the start writes nothing', async () => {
    const dir = tempDir();
    const err = await failure(
      writeExport(input(makeView(), join(dir, 'x.csv'), { signal: AbortSignal.abort() })),
    );
    expect(err.message).toMatch(/cancelled/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('an out folder that does not exist or is a file: a clear error and nothing written', async () => {
    const dir = tempDir();
    const missing = await failure(writeExport(input(makeView(), join(dir, 'nope', 'x.csv'))));
    expect(missing.code).toBe('FILE_NOT_WRITABLE');
    expect(missing.message).toContain(join(dir, 'nope', 'x.csv'));
    writeFileSync(join(dir, 'afile'), '');
    const notDir = await failure(writeExport(input(makeView(), join(dir, 'afile', 'x.csv'))));
    expect(notDir.message).toMatch(/could not write to the folder of .*Choose another folder/);
    expect(readdirSync(dir)).toEqual(['afile']);
  });

  it('a failure midway through the rows removes the temp file and keeps the previous export', async () => {
    const dir = tempDir();
    const outFile = join(dir, 'matrix.csv');
    writeFileSync(outFile, 'previous export');
    const view = growMatrix(makeView(), 50_000);
    Object.defineProperty(view.matrix[30_000], 'name', {
      get() {
        throw new Error('projection bug');
      },
    });
    const err = await failure(writeExport(input(view, outFile)));
    expect(err.code).toBe('INTERNAL');
    expect(err.message).toMatch(/projection bug/);
    expect(readdirSync(dir)).toEqual(['matrix.csv']);
    expect(readFileSync(outFile, 'utf8')).toBe('previous export');
  });

  it('a destination that cannot be replaced (a folder) removes the temp file', async () => {
    const dir = tempDir();
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(dir, 'taken.csv', 'inner'), { recursive: true });
    const err = await failure(writeExport(input(makeView(), join(dir, 'taken.csv'))));
    expect(err.message).toMatch(/could not replace/);
    expect(readdirSync(dir)).toEqual(['taken.csv']);
  });
});

describe('atomicExport', () => {
  it('hashes exactly the bytes it wrote and renames only at the end', async () => {
    const dir = tempDir();
    const outFile = join(dir, 'a.bin');
    const res = await atomicExport(outFile, undefined, async (out) => {
      out.write('héllo ');
      expect(readdirSync(dir)).toHaveLength(1);
      expect(readdirSync(dir)[0]).not.toBe('a.bin');
      out.write(Buffer.from([0, 1, 2, 255]));
    });
    const bytes = readFileSync(outFile);
    expect(res).toEqual({ sha256: sha256(bytes), bytes: bytes.length });
    expect(bytes.length).toBe(Buffer.byteLength('héllo ') + 4);
  });

  it('a cancel lands even when the writer waits for a drain that never comes', async () => {
    const dir = tempDir();
    const ac = new AbortController();
    const chunk = 'x'.repeat(1 << 20);
    const run = atomicExport(join(dir, 'a.bin'), ac.signal, async (out) => {
      for (;;) {
        // A naive writer: no 'close' or 'error' handling, no signal checks.
        if (!out.write(chunk)) await new Promise((resolve) => out.once('drain', resolve));
      }
    });
    setTimeout(() => ac.abort(), 50);
    const err = await failure(run);
    expect(err.message).toMatch(/cancelled/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('passes on a StewardError thrown by the writer and removes the temp file', async () => {
    const dir = tempDir();
    const err = await failure(
      atomicExport(join(dir, 'a.bin'), undefined, async (out) => {
        out.write('partial');
        throw new StewardError('NOT_FOUND', 'No such review.');
      }),
    );
    expect(err.code).toBe('NOT_FOUND');
    expect(readdirSync(dir)).toEqual([]);
  });
});
