// app:// must serve the built renderer and nothing else: hostile paths, however encoded, and
// symlinks that lead out of the root are refused with a 404 and never reach net.fetch.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  APP_CSP,
  confineToRoot,
  createAppProtocolHandler,
  resolveAppPath,
} from '../../electron/main/protocol';
import { net, resetElectronMock } from './electron-mock';

const ROOT = path.resolve('/srv/steward/out/renderer');

describe('resolveAppPath', () => {
  it.each([
    ['app://steward/', 'index.html'],
    ['app://steward', 'index.html'],
    ['app://steward/index.html', 'index.html'],
    ['app://STEWARD/index.html', 'index.html'],
    ['app://steward/assets/index-abc123.js', 'assets/index-abc123.js'],
    ['app://steward/assets/index.js?v=1#top', 'assets/index.js'],
    ['app://steward/fonts/Inter%20Var.woff2', 'fonts/Inter Var.woff2'],
  ])('maps %s to a file inside the root', (url, relative) => {
    expect(resolveAppPath(url, ROOT)).toBe(path.join(ROOT, relative));
  });

  it.each([
    ['another host', 'app://x/%2e%2e/secret'],
    ['another host, plain', 'app://evil/index.html'],
    ['credentials in the authority', 'app://user@steward/index.html'],
    ['a port', 'app://steward:8080/index.html'],
    ['encoded dot-dot', 'app://steward/%2e%2e/%2e%2e/etc/passwd'],
    ['upper-case encoded dot-dot and slash', 'app://steward/%2E%2E%2F%2E%2E%2Fpackage.json'],
    ['encoded slashes', 'app://steward/..%2f..%2fpackage.json'],
    ['plain dot-dot', 'app://steward/../package.json'],
    ['dot-dot in the middle', 'app://steward/assets/../../package.json'],
    ['dot-dot that stays inside', 'app://steward/assets/../index.html'],
    ['a dot segment', 'app://steward/./index.html'],
    ['double-encoded dot-dot', 'app://steward/%252e%252e/%252e%252e/etc/passwd'],
    ['double-encoded slash', 'app://steward/assets%252findex.js'],
    ['backslash', 'app://steward/..\\..\\package.json'],
    ['encoded backslash', 'app://steward/..%5c..%5cpackage.json'],
    ['NUL byte', 'app://steward/index.html%00.png'],
    ['raw NUL byte', 'app://steward/index.html\u0000.png'],
    ['control character', 'app://steward/index%0a.html'],
    ['malformed percent-encoding', 'app://steward/%E0%A4%A'],
    ['lone percent', 'app://steward/100%.html'],
    ['absolute path via empty segment', 'app://steward//etc/passwd'],
    ['encoded absolute path', 'app://steward/%2fetc%2fpasswd'],
    ['drive letter', 'app://steward/C:/Windows/win.ini'],
    ['encoded drive letter', 'app://steward/C%3a%5cWindows%5cwin.ini'],
    ['another scheme', 'file:///etc/passwd'],
    ['https', 'https://steward/index.html'],
    ['not a URL', 'index.html'],
    ['empty', ''],
    ['a very long URL', `app://steward/${'a/'.repeat(2000)}index.html`],
  ])('refuses %s', (_why, url) => {
    expect(resolveAppPath(url, ROOT)).toBeNull();
  });

  it('never returns a path outside the root, whatever the input', () => {
    const pieces = [
      '..',
      '%2e%2e',
      '%2E%2e',
      '.%2e',
      '%2e.',
      '%252e%252e',
      '%2f',
      '%5c',
      '\\',
      '/',
      'a',
      '%00',
      '.',
      '%2e',
    ];
    for (const a of pieces) {
      for (const b of pieces) {
        for (const c of pieces) {
          const resolved = resolveAppPath(`app://steward/${a}${b}${c}/x`, ROOT);
          if (resolved !== null) {
            expect(path.relative(ROOT, resolved).startsWith('..')).toBe(false);
            expect(resolved.startsWith(ROOT + path.sep)).toBe(true);
          }
        }
      }
    }
  });
});

describe('app:// on disk', () => {
  let dir: string;
  let root: string;

  beforeEach(() => {
    resetElectronMock();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'steward-protocol-'));
    root = path.join(dir, 'renderer');
    fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Steward</title>');
    fs.writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)');
    fs.writeFileSync(path.join(dir, 'secret.txt'), 'do not serve');
    fs.mkdirSync(path.join(dir, 'outside'));
    fs.writeFileSync(path.join(dir, 'outside', 'data.txt'), 'do not serve either');
    fs.symlinkSync(path.join(dir, 'secret.txt'), path.join(root, 'leak.txt'));
    fs.symlinkSync(path.join(dir, 'outside'), path.join(root, 'linked-dir'));
    fs.symlinkSync(path.join(root, 'index.html'), path.join(root, 'alias.html'));
  });

  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  // Chromium canonicalises URLs before the handler sees them (so does `new Request`); a plain
  // object carries the raw string, to prove the handler refuses it even uncanonicalised.
  const raw = (url: string, method = 'GET') => ({ url, method }) as Request;

  it('confineToRoot refuses a symlinked file that points outside the root', () => {
    const lexical = resolveAppPath('app://steward/leak.txt', root);
    expect(lexical).toBe(path.join(root, 'leak.txt'));
    expect(confineToRoot(lexical!, root)).toBeNull();
  });

  it('confineToRoot refuses a file reached through a symlinked folder outside the root', () => {
    const lexical = resolveAppPath('app://steward/linked-dir/data.txt', root);
    expect(lexical).not.toBeNull();
    expect(confineToRoot(lexical!, root)).toBeNull();
  });

  it('confineToRoot accepts a symlink that stays inside, and refuses folders and missing files', () => {
    expect(confineToRoot(path.join(root, 'alias.html'), root)).toBe(
      fs.realpathSync(path.join(root, 'index.html')),
    );
    expect(confineToRoot(path.join(root, 'assets'), root)).toBeNull();
    expect(confineToRoot(path.join(root, 'missing.js'), root)).toBeNull();
  });

  it('serves index.html for / through net.fetch of its file URL', async () => {
    const handler = createAppProtocolHandler(root);
    const response = await handler(new Request('app://steward/'));
    expect(response.status).toBe(200);
    expect(net.fetch).toHaveBeenCalledTimes(1);
    expect(net.fetch).toHaveBeenCalledWith(
      pathToFileURL(fs.realpathSync(path.join(root, 'index.html'))).toString(),
    );
  });

  it('serves an asset', async () => {
    const handler = createAppProtocolHandler(root);
    await handler(new Request('app://steward/assets/app.js'));
    expect(net.fetch).toHaveBeenCalledWith(
      pathToFileURL(fs.realpathSync(path.join(root, 'assets', 'app.js'))).toString(),
    );
  });

  it.each([
    'app://x/%2e%2e/secret',
    'app://steward/%2e%2e/%2e%2e/etc/passwd',
    'app://steward/..%2f..%2fpackage.json',
    'app://steward/%2e%2e/secret.txt',
    'app://steward/%252e%252e/secret.txt',
    'app://steward/leak.txt',
    'app://steward/linked-dir/data.txt',
    'app://steward/assets',
    'app://steward/missing.js',
  ])('answers 404 to %s without touching net.fetch', async (url) => {
    const handler = createAppProtocolHandler(root);
    expect((await handler(raw(url))).status).toBe(404);
    expect((await handler(new Request(url))).status).toBe(404);
    expect(net.fetch).not.toHaveBeenCalled();
  });

  it('sends the Content-Security-Policy header on every response, refusals included', async () => {
    const handler = createAppProtocolHandler(root);
    const responses = [
      await handler(new Request('app://steward/')),
      await handler(new Request('app://steward/assets/app.js')),
      await handler(new Request('app://steward/missing.js')),
      await handler(new Request('app://steward/index.html', { method: 'POST', body: 'x' })),
    ];
    expect(responses.map((r) => r.status)).toEqual([200, 200, 404, 405]);
    for (const r of responses) {
      const csp = r.headers.get('content-security-policy');
      expect(csp).toBe(APP_CSP);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    }
    expect(await responses[0]!.text()).toMatch(/^fetched file:/); // the body is the file's, unchanged
  });

  it('sends at least the policy the page states in its meta element', () => {
    const html = fs.readFileSync(path.resolve(import.meta.dirname, '../../renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBeDefined();
    const directives = (policy: string) =>
      policy
        .split(';')
        .map((d) => d.trim())
        .filter(Boolean);
    expect(directives(APP_CSP)).toEqual([...directives(meta!), "frame-ancestors 'none'"]);
  });

  it('refuses methods other than GET and HEAD', async () => {
    const handler = createAppProtocolHandler(root);
    const response = await handler(new Request('app://steward/index.html', { method: 'POST', body: 'x' }));
    expect(response.status).toBe(405);
    expect((await handler(raw('app://steward/index.html', 'PUT'))).status).toBe(405);
    expect(net.fetch).not.toHaveBeenCalled();
  });
});
