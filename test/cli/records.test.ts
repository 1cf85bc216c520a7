// `steward records export` and `steward records import` as a user runs them: a real child
// process on a demo workspace, files written whole, progress on stderr, one-line errors, and an
// export re-imported into another workspace.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readWorkspace } from '../../electron/core/ledger';
import { profileCreateArgs, runSteward } from '../support/cli';
import { stewardWorkspace } from '../../electron/core/events';
import { changePassphrase, fileOnlyProtector } from '../../electron/core/profiles/keystore';

const CONTENT = path.resolve(import.meta.dirname, '../../content');
let tmp: string;
let ws: string;
let keys: string;
let content: string;
let manager: string;

const steward = (...args: string[]) => runSteward(tmp, args, { timeout: 120_000 });
/** `steward ...args` as the manager, with this machine's keys and the spec's copy of the content. */
const asManager = (...args: string[]) =>
  steward(...args, '--profile', manager, '--keys', keys, '--content', content);
/** The words of `steward records export` of the demo workspace as FORMAT into OUT. */
const exportAs = (format: string, out: string) => [
  'records',
  'export',
  '--workspace',
  ws,
  '--format',
  format,
  '--out',
  out,
];
/** `steward records import FILE` into the workspace WS with the keys in KEYS and the content copy. */
const importInto = (workspace: string, file: string, keysDir: string) =>
  steward('records', 'import', '--workspace', workspace, file, '--keys', keysDir, '--content', content);

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'steward-cli-records-'));
  ws = path.join(tmp, 'ws');
  keys = path.join(tmp, 'keys');
  content = path.join(tmp, 'content');
  fs.cpSync(CONTENT, content, { recursive: true });
  const seeded = steward(
    'demo',
    'seed',
    '--workspace',
    ws,
    '--people',
    '6',
    '--keys',
    keys,
    '--content',
    content,
    '--now',
    '2026-11-01T09:00:00Z',
    '--reviews',
    '3',
    '--reviewers',
    '1',
  );
  expect(seeded.code, seeded.err).toBe(0);
  // A manager of every team, created as the person running the export.
  const created = steward(
    ...profileCreateArgs({
      workspace: ws,
      name: 'Mona Manager',
      email: 'mona@example.com',
      team: 'Compliance',
      keys,
    }),
  );
  expect(created.code, created.err).toBe(0);
  manager = created.out.trim();
  const { ledgers } = readLedgerGenesis();
  const fingerprint = ledgers.get(manager)!;
  const policyFile = path.join(content, 'policy.yaml');
  const policy = YAML.parse(fs.readFileSync(policyFile, 'utf8')) as { roles: { managers: unknown[] } };
  policy.roles.managers = [{ email: 'mona@example.com', fingerprint, all: true }];
  fs.writeFileSync(policyFile, YAML.stringify(policy));
}, 180_000);
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function readLedgerGenesis(): { ledgers: Map<string, string> } {
  const out = new Map<string, string>();
  for (const file of fs.readdirSync(path.join(ws, 'ledgers'))) {
    if (!file.endsWith('.jsonl')) continue;
    const first = JSON.parse(fs.readFileSync(path.join(ws, 'ledgers', file), 'utf8').split('\n')[0]!) as {
      data: { fingerprint: string };
    };
    out.set(file.replace('.jsonl', ''), first.data.fingerprint);
  }
  return { ledgers: out };
}

describe('steward records export', () => {
  it('needs to know who is exporting when several keys are on this machine', () => {
    const r = steward(...exportAs('csv', path.join(tmp, 'a.csv')), '--keys', keys, '--content', content);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/several profiles have keys .* --profile ID/);
    expect(fs.existsSync(path.join(tmp, 'a.csv'))).toBe(false);
  });

  it('refuses an unknown format and a missing folder in one line each', () => {
    const bad = steward(...exportAs('xlsx', path.join(tmp, 'a.x')), '--profile', manager, '--keys', keys);
    expect(bad.code).toBe(2);
    expect(bad.err.trim().split('\n')).toHaveLength(1);
    expect(bad.err).toMatch(/--format must be one of csv, csv-matrix, csv-reviews, json, xapi, pdf/);
    const missing = steward(
      ...exportAs('csv', path.join(tmp, 'nowhere', 'a.csv')),
      '--profile',
      manager,
      '--keys',
      keys,
    );
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/does not exist/);
  });

  it('exports the matrix as CSV with progress on stderr, and records the export in the ledger', () => {
    const out = path.join(tmp, 'matrix.csv');
    const r = asManager(...exportAs('csv', out));
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain(`wrote ${out}`);
    expect(r.err).toMatch(/Exporting the completion matrix as CSV/);
    const text = fs.readFileSync(out, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const rows = parseCsv(text.slice(1), { relax_column_count: true, skip_empty_lines: true }) as string[][];
    const people = new Set(
      rows
        .slice(1)
        .filter((row) => row.length > 5)
        .map((row) => row[0]),
    );
    expect(people.size).toBe(7);
    const mine = fs
      .readFileSync(path.join(ws, 'ledgers', `${manager}.jsonl`), 'utf8')
      .trim()
      .split('\n');
    expect(JSON.parse(mine[mine.length - 1]!)).toMatchObject({
      type: 'records.exported',
      data: { format: 'csv-matrix', fileName: 'matrix.csv' },
    });
  });

  it('exports pseudonymised JSON with no names, and full JSON that re-imports into another workspace', async () => {
    const pseudo = path.join(tmp, 'pseudo.json');
    const p = asManager(...exportAs('json', pseudo), '--pseudonymize');
    expect(p.code, p.err).toBe(0);
    expect(fs.readFileSync(pseudo, 'utf8')).not.toContain('Mona Manager');

    const full = path.join(tmp, 'full.json');
    const f = asManager(...exportAs('json', full));
    expect(f.code, f.err).toBe(0);

    // Another machine: its own auditor profile imports the export.
    const ws2 = path.join(tmp, 'ws2');
    const keys2 = path.join(tmp, 'keys2');
    const auditor = steward(
      ...profileCreateArgs({
        workspace: ws2,
        name: 'Ana Auditor',
        email: 'ana@example.com',
        team: 'Audit',
        keys: keys2,
      }),
    );
    expect(auditor.code, auditor.err).toBe(0);
    const refused = importInto(ws2, pseudo, keys2);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/Nothing was imported/);

    const imported = importInto(ws2, full, keys2);
    expect(imported.code, imported.err).toBe(0);
    expect(imported.out).toMatch(/imported full\.json \(json\)/);
    expect(imported.out.match(/^added/gm)).toHaveLength(7);
    const again = importInto(ws2, full, keys2);
    expect(again.code, again.err).toBe(0);
    expect(again.out.match(/^unchanged/gm)).toHaveLength(7);

    const source = await readWorkspace(stewardWorkspace(ws), { depth: 'quick' });
    const copy = await readWorkspace(stewardWorkspace(ws2), { depth: 'full' });
    expect(copy.report.ok).toBe(true);
    const exported = JSON.parse(fs.readFileSync(full, 'utf8')) as {
      heads: { profileId: string; headHash: string }[];
    };
    for (const head of exported.heads) {
      expect(copy.ledgers.find((l) => l.profileId === head.profileId)?.headHash).toBe(head.headHash);
      expect(source.ledgers.some((l) => l.profileId === head.profileId)).toBe(true);
    }
  }, 120_000);

  it('prints a PDF report with Chromium', () => {
    const out = path.join(tmp, 'report.pdf');
    const r = asManager(...exportAs('pdf', out));
    expect(r.code, r.err).toBe(0);
    expect(fs.readFileSync(out).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  }, 120_000);
});

describe('steward records import', () => {
  it('needs a FILE, one at a time, that exists', () => {
    expect(steward('records', 'import', '--workspace', ws, '--keys', keys).err).toMatch(/missing FILE/);
    expect(
      steward('records', 'import', '--workspace', ws, 'a', 'b', '--profile', manager, '--keys', keys).err,
    ).toMatch(/one FILE at a time/);
    const gone = steward(
      'records',
      'import',
      '--workspace',
      ws,
      path.join(tmp, 'gone.json'),
      '--profile',
      manager,
      '--keys',
      keys,
    );
    expect(gone.code).toBe(1);
    expect(gone.err).toMatch(/does not exist/);
  });
});

describe('a profile with a passphrase, on the command line', () => {
  /** A copy of this machine's keys in which the manager's key is sealed with a passphrase. */
  function sealedKeys(passphrase: string): string {
    const dir = fs.mkdtempSync(path.join(tmp, 'sealed-keys-'));
    fs.cpSync(keys, dir, { recursive: true });
    changePassphrase(dir, fileOnlyProtector, manager, { next: passphrase });
    return dir;
  }
  const exportWith = (keysDir: string, out: string, env: Record<string, string> = {}) =>
    runSteward(
      tmp,
      [...exportAs('csv', out), '--profile', manager, '--keys', keysDir, '--content', content],
      {
        timeout: 120_000,
        env,
      },
    );

  it('is refused without its passphrase, saying how to give it, and nothing is written', () => {
    const dir = sealedKeys('correct horse battery');
    const out = path.join(tmp, 'sealed-none.csv');
    const r = exportWith(dir, out);
    expect(r.code).toBe(1);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(/has a passphrase.*STEWARD_PASSPHRASE_FILE/);
    expect(fs.existsSync(out)).toBe(false);
  });

  it('exports with the passphrase from STEWARD_PASSPHRASE_FILE or STEWARD_PASSPHRASE; a wrong one is refused', () => {
    const dir = sealedKeys('correct horse battery');
    const file = path.join(tmp, 'passphrase.txt');
    fs.writeFileSync(file, 'correct horse battery\n', { mode: 0o600 });
    const fromFile = exportWith(dir, path.join(tmp, 'sealed-file.csv'), { STEWARD_PASSPHRASE_FILE: file });
    expect(fromFile.code, fromFile.err).toBe(0);
    expect(fs.existsSync(path.join(tmp, 'sealed-file.csv'))).toBe(true);
    const fromEnv = exportWith(dir, path.join(tmp, 'sealed-env.csv'), {
      STEWARD_PASSPHRASE: 'correct horse battery',
    });
    expect(fromEnv.code, fromEnv.err).toBe(0);
    const wrong = exportWith(dir, path.join(tmp, 'sealed-wrong.csv'), {
      STEWARD_PASSPHRASE: 'wrong horse battery',
    });
    expect(wrong.code).toBe(1);
    expect(wrong.err).toMatch(/not the passphrase/);
    expect(fs.existsSync(path.join(tmp, 'sealed-wrong.csv'))).toBe(false);
    const unreadable = exportWith(dir, path.join(tmp, 'sealed-gone.csv'), {
      STEWARD_PASSPHRASE_FILE: path.join(tmp, 'no-such-file'),
    });
    expect(unreadable.code).toBe(2);
    expect(unreadable.err).toMatch(/STEWARD_PASSPHRASE_FILE: cannot read .*no-such-file \(ENOENT\)/);
  });
});
