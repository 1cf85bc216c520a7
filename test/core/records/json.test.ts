import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { format, resolveConfig } from 'prettier';
import { afterEach, describe, expect, it } from 'vitest';
import { StewardError } from '../../../electron/core/errors';
import { decodeLine, verifyEntrySignature } from '../../../electron/core/ledger';
import type { LedgerRead } from '../../../electron/core/ledger';
import {
  ledgersForHeads,
  parseRecordsExport,
  rawLedgerLine,
  recordsExportJsonSchema,
  writeRecordsJson,
} from '../../../electron/core/records/json';
import type { RecordsJsonInput } from '../../../electron/core/records/json';
import { cleanupTempDirs, growMatrix, makeView, makeWorkspaceView } from './fixtures/recordsView';
import { STEWARD_EVENTS } from '../../../electron/core/events';

const SCHEMA_FILE = resolve(import.meta.dirname, '../../../schemas/records-export.schema.json');

afterEach(cleanupTempDirs);

async function jsonText(
  input: RecordsJsonInput,
  onProgress?: (d: number, t: number) => void,
): Promise<string> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await writeRecordsJson(out, input, { onProgress });
  out.end();
  return Buffer.concat(chunks).toString('utf8');
}

const fileLines = (dir: string, l: LedgerRead): string[] =>
  readFileSync(join(dir, l.file), 'utf8').split('\n').slice(0, -1);

const BY = { profileId: 'p00000000000000000001', name: 'Mira Manager' };

describe('rawLedgerLine', () => {
  it('rebuilds every line of real ledgers byte for byte from the decoded entries', async () => {
    const { dir, ledgers } = await makeWorkspaceView();
    expect(ledgers.length).toBe(4);
    for (const l of ledgers) {
      const lines = fileLines(dir, l);
      expect(lines.length).toBe(l.entries.length);
      expect(l.entries.map((e) => rawLedgerLine(e, l.profileId))).toEqual(lines);
    }
  });

  it('refuses an entry whose fields no longer match its hash', async () => {
    const { ledgers } = await makeWorkspaceView();
    const entry = { ...ledgers[0]!.entries[0]!, ts: '2020-01-01T00:00:00.000Z' };
    expect(() => rawLedgerLine(entry, 'pX')).toThrow(/entry 1 of ledger pX cannot be rebuilt/i);
  });
});

describe('writeRecordsJson', () => {
  it('writes the view, the heads and every raw signed line, which still verify after parsing', async () => {
    const { dir, view, ledgers } = await makeWorkspaceView();
    const text = await jsonText({
      view,
      ledgers,
      pseudonymised: false,
      exportedAt: view.asOf,
      exportedBy: BY,
    });
    const doc = parseRecordsExport(text, 'records.json');
    expect(doc.format).toBe('steward-records');
    expect(doc.version).toBe(1);
    expect(doc.exportedBy).toEqual(BY);
    expect(doc.pseudonymised).toBe(false);
    expect(doc.ledgersOmitted).toBeNull();
    expect(doc.view).toEqual(view);
    expect(doc.heads).toEqual(view.heads);
    expect(doc.ledgers.map((l) => l.profileId)).toEqual(view.heads.map((h) => h.profileId));
    for (const l of doc.ledgers) {
      const read = ledgers.find((r) => r.profileId === l.profileId)!;
      expect(l.publicKey).toBe(read.publicKey);
      expect(l.lines).toEqual(fileLines(dir, read));
      for (const line of l.lines) {
        const res = decodeLine(line, STEWARD_EVENTS);
        expect(res.ok).toBe(true);
        if (res.ok) expect(verifyEntrySignature(res.entry, l.publicKey!)).toBe(true);
      }
    }
  });

  it('takes only the entries the view saw from a ledger that has grown since', async () => {
    const { view, ledgers } = await makeWorkspaceView();
    const head = view.heads[1]!;
    const shorter = {
      ...head,
      entries: head.entries - 1,
      headHash: ledgers.find((l) => l.profileId === head.profileId)!.entries.at(-2)!.hash,
    };
    const v = { ...view, heads: view.heads.map((h) => (h === head ? shorter : h)) };
    const doc = parseRecordsExport(
      await jsonText({ view: v, ledgers, pseudonymised: false, exportedAt: v.asOf, exportedBy: null }),
      'x.json',
    );
    expect(doc.ledgers[1]!.lines).toHaveLength(shorter.entries);
  });

  it('refuses when a ledger is missing or no longer matches its head', async () => {
    const { view, ledgers } = await makeWorkspaceView();
    expect(() => ledgersForHeads(view.heads, ledgers.slice(1))).toThrow(/was not passed to the JSON export/);
    const changed = view.heads.map((h, i) => (i === 0 ? { ...h, headHash: 'f'.repeat(64) } : h));
    expect(() => ledgersForHeads(changed, ledgers)).toThrow(/no longer matches the view/);
  });

  it('omits the ledgers of a pseudonymised export and says why', async () => {
    const view = makeView();
    const text = await jsonText({
      view,
      ledgers: [],
      pseudonymised: true,
      exportedAt: view.asOf,
      exportedBy: null,
    });
    const doc = parseRecordsExport(text, 'p.json');
    expect(doc.ledgers).toEqual([]);
    expect(doc.ledgersOmitted).toBe('pseudonymised');
    expect(doc.heads).toEqual(view.heads);
  });

  it('writes large views in chunks with progress and no line longer than one item', async () => {
    const view = growMatrix(makeView(), 10_000);
    const progress: number[][] = [];
    const text = await jsonText(
      { view, ledgers: [], pseudonymised: true, exportedAt: view.asOf, exportedBy: null },
      (d, t) => progress.push([d, t]),
    );
    expect(JSON.parse(text).view.matrix).toHaveLength(10_000);
    const total = progress[0]![1]!;
    expect(total).toBeGreaterThanOrEqual(10_000);
    expect(progress.at(-1)).toEqual([total, total]);
    for (let i = 1; i < progress.length; i++)
      expect(progress[i]![0]! - progress[i - 1]![0]!).toBeLessThanOrEqual(1000);
    const longest = Math.max(...text.split('\n').map((l) => l.length));
    expect(longest).toBeLessThan(2000);
  });
});

describe('parseRecordsExport', () => {
  async function validText(): Promise<string> {
    const view = makeView();
    return jsonText({ view, ledgers: [], pseudonymised: true, exportedAt: view.asOf, exportedBy: null });
  }

  it('accepts a file with a byte-order mark', async () => {
    expect(parseRecordsExport(`\uFEFF${await validText()}`, 'a.json').format).toBe('steward-records');
  });

  it('reads an export made before reviews said whether they were in conflict as not in conflict', async () => {
    const doc = JSON.parse(await validText()) as { view: { reviews: Record<string, unknown>[] } };
    expect(doc.view.reviews.length).toBeGreaterThan(0);
    for (const r of doc.view.reviews) delete r.inConflict;
    const parsed = parseRecordsExport(JSON.stringify(doc), 'old.json');
    expect(parsed.view.reviews.every((r) => r.inConflict === false)).toBe(true);
  });

  it('names the file when it is not JSON', () => {
    expect(() => parseRecordsExport('{"format": ', 'broken.json')).toThrow(/broken\.json is not valid JSON/);
  });

  it('refuses a JSON file that is not a records export', () => {
    expect(() => parseRecordsExport('{"hello":1}', 'other.json')).toThrow(
      /other\.json is not a Steward records export/,
    );
    expect(() => parseRecordsExport('[]', 'other.json')).toThrow(/"format" is missing/);
  });

  it('refuses another version as UNSUPPORTED', async () => {
    const doc = JSON.parse(await validText());
    doc.version = 2;
    const err = (() => {
      try {
        parseRecordsExport(JSON.stringify(doc), 'future.json');
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(StewardError);
    expect((err as StewardError).code).toBe('UNSUPPORTED');
    expect((err as StewardError).message).toMatch(/future\.json is a records export of version 2/);
  });

  it('names the field that is wrong', async () => {
    const doc = JSON.parse(await validText());
    doc.view.matrix[1].score = 'ninety';
    expect(() => parseRecordsExport(JSON.stringify(doc), 'bad.json')).toThrow(
      /bad\.json is not a valid Steward records export: view\.matrix\[1\]\.score: /,
    );
    delete doc.view.matrix[1].score;
    doc.heads[0].headHash = 'nope';
    doc.extra = true;
    const msg = (() => {
      try {
        parseRecordsExport(JSON.stringify(doc), 'bad.json');
        return '';
      } catch (e) {
        return (e as Error).message;
      }
    })();
    expect(msg).toContain('heads[0].headHash');
    expect(msg).toContain('view.matrix[1].score');
    expect(msg).toMatch(/extra/);
  });

  it('refuses ledger lines that do not match the heads, and ledgers in a pseudonymised export', async () => {
    const { view, ledgers } = await makeWorkspaceView();
    const doc = JSON.parse(
      await jsonText({ view, ledgers, pseudonymised: false, exportedAt: view.asOf, exportedBy: null }),
    );
    doc.ledgers[0].lines.pop();
    expect(() => parseRecordsExport(JSON.stringify(doc), 'cut.json')).toThrow(/ledgers\[0\]\.lines: holds/);
    doc.pseudonymised = true;
    expect(() => parseRecordsExport(JSON.stringify(doc), 'mixed.json')).toThrow(/ledgersOmitted/);
  });
});

describe('the published JSON Schema', () => {
  it('is what recordsExportSchema generates (UPDATE_SCHEMA=1 rewrites it)', async () => {
    const generated = recordsExportJsonSchema();
    if (process.env.UPDATE_SCHEMA === '1') {
      const options = await resolveConfig(SCHEMA_FILE);
      const text = await format(JSON.stringify(generated), { ...options, filepath: SCHEMA_FILE });
      writeFileSync(SCHEMA_FILE, text);
    }
    const committed = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as unknown;
    expect(committed).toEqual(generated);
  });

  it('describes the fields of the export', () => {
    const schema = recordsExportJsonSchema() as { properties: Record<string, unknown>; required: string[] };
    expect(Object.keys(schema.properties)).toEqual([
      'format',
      'version',
      'exportedAt',
      'exportedBy',
      'pseudonymised',
      'heads',
      'integrity',
      'ledgersOmitted',
      'view',
      'ledgers',
    ]);
    expect(schema.required).toContain('ledgers');
    expect(schema.required).not.toContain('integrity'); // exports made before witnessing have none
  });
});
