import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveStaticFile } from '../../electron/core/staticFiles';

let base: string;
let root: string;
beforeAll(() => {
  base = fs.mkdtempSync(path.join(os.tmpdir(), 'steward-static-'));
  root = path.join(base, 'renderer');
  fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(root, 'index.html'), '<html>');
  fs.writeFileSync(path.join(root, 'assets', 'app.js'), '');
  fs.writeFileSync(path.join(base, 'secret'), 'secret');
  fs.symlinkSync(path.join(base, 'secret'), path.join(root, 'assets', 'link'));
});
afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

describe('resolveStaticFile', () => {
  it('serves files inside the root, index.html for /', () => {
    expect(resolveStaticFile('/', root)).toBe(fs.realpathSync(path.join(root, 'index.html')));
    expect(resolveStaticFile('/assets/app.js', root)).toBe(
      fs.realpathSync(path.join(root, 'assets', 'app.js')),
    );
  });

  it.each([
    '/../secret',
    '/%2e%2e/secret',
    '/%2E%2E%2Fsecret',
    '/assets/..%2f..%2fsecret',
    '/%252e%252e/secret',
    '/..%5csecret',
    '/assets/link',
    '/index.html%00.js',
    '/%E0%A4%A',
    '/assets',
    '/missing.js',
  ])('refuses %s', (p) => {
    expect(resolveStaticFile(p, root)).toBeNull();
  });
});
