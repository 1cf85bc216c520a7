// The admin CLI as a user runs it: a real child process, real folders, exit codes and output.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const ENTRY = path.resolve(import.meta.dirname, '../../electron/cli/steward.ts');
let tmp: string;
let ws: string;
let keys: string;

function steward(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', ENTRY, ...args], {
    encoding: 'utf8',
    env: { ...process.env, HOME: tmp },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'steward-cli-'));
  ws = path.join(tmp, 'ws');
  keys = path.join(tmp, 'keys');
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('steward CLI', () => {
  it('prints help for the whole tool and for every command', () => {
    const top = steward('--help');
    expect(top.code).toBe(0);
    for (const c of ['profile create', 'records verify', 'demo seed']) {
      expect(top.out).toContain(c);
      const h = steward(...c.split(' '), '--help');
      expect(h.code).toBe(0);
      expect(h.out).toContain(`steward ${c}`);
    }
  });

  it('creates a profile, prints its id, and verifies the workspace', () => {
    const r = steward(
      'profile',
      'create',
      '--workspace',
      ws,
      '--name',
      'Hiro Tanaka',
      '--email',
      'hiro@example.com',
      '--team',
      'Engineering',
      '--keys',
      keys,
    );
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const id = r.out.trim();
    expect(id).toMatch(/^p[0-9a-f]{20}$/);
    expect(fs.existsSync(path.join(ws, 'ledgers', `${id}.jsonl`))).toBe(true);
    expect(fs.existsSync(path.join(keys, `${id}.key`))).toBe(true);

    const v = steward('records', 'verify', '--workspace', ws);
    expect(v.code).toBe(0);
    expect(v.out).toContain('ok');
    const j = steward('records', 'verify', '--workspace', ws, '--json');
    expect(JSON.parse(j.out)).toMatchObject({
      ok: true,
      depth: 'full',
      ledgers: [{ profileId: id, entries: 1 }],
    });
  });

  it('fails verification naming file and seq when a byte changes; warns on an incomplete last line', () => {
    steward('demo', 'seed', '--workspace', ws, '--people', '2', '--keys', keys);
    const file = fs.readdirSync(path.join(ws, 'ledgers')).find((f) => f.endsWith('.jsonl'))!;
    const full = path.join(ws, 'ledgers', file);
    const original = fs.readFileSync(full, 'utf8');

    fs.appendFileSync(full, '{"actor":"half a li');
    const warn = steward('records', 'verify', '--workspace', ws);
    expect(warn.code).toBe(0);
    expect(warn.out).toMatch(/warning: ledgers\/p[0-9a-f]{20}\.jsonl/);

    fs.writeFileSync(full, original.replace('"team":"', '"team":"X'));
    const bad = steward('records', 'verify', '--workspace', ws);
    expect(bad.code).toBe(1);
    expect(bad.out).toContain(`ledgers/${file} seq 1`);
  });

  it('seeds the same demo people for the same seed', () => {
    const names = (dir: string) =>
      fs
        .readdirSync(path.join(dir, 'ledgers'))
        .filter((f) => f.endsWith('.jsonl'))
        .map(
          (f) =>
            (
              JSON.parse(fs.readFileSync(path.join(dir, 'ledgers', f), 'utf8').split('\n')[0]!) as {
                data: { name: string };
              }
            ).data.name,
        )
        .sort();
    expect(
      steward('demo', 'seed', '--workspace', ws, '--people', '6', '--seed', '7', '--keys', keys).code,
    ).toBe(0);
    const ws2 = path.join(tmp, 'ws2');
    expect(
      steward('demo', 'seed', '--workspace', ws2, '--people', '6', '--seed', '7', '--keys', keys).code,
    ).toBe(0);
    expect(names(ws)).toHaveLength(6);
    expect(names(ws)).toEqual(names(ws2));
    expect(steward('records', 'verify', '--workspace', ws).code).toBe(0);
  });

  it('reports usage errors as one line on stderr with a non-zero exit', () => {
    for (const args of [
      ['profile', 'create', '--name', 'x'],
      ['records', 'verify', '--workspace', ws, '--bogus'],
      ['demo', 'seed', '--workspace', ws, '--people', 'many'],
      [
        'profile',
        'create',
        '--workspace',
        ws,
        '--name',
        'A',
        '--email',
        'not-an-email',
        '--team',
        'T',
        '--keys',
        keys,
      ],
      ['frobnicate'],
    ]) {
      const r = steward(...args);
      expect(r.code, args.join(' ')).not.toBe(0);
      expect(r.err.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.out).toBe('');
    }
    const file = path.join(tmp, 'plain-file');
    fs.writeFileSync(file, '');
    const r = steward(
      'profile',
      'create',
      '--workspace',
      file,
      '--name',
      'A',
      '--email',
      'a@example.com',
      '--team',
      'T',
      '--keys',
      keys,
    );
    expect(r.code).toBe(1);
    expect(r.err).toContain('cannot write');
  });
});
