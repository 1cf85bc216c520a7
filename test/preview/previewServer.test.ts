// The preview server's own guards, over real sockets on loopback.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { createDispatch } from '../../electron/core/dispatch';
import type { Services } from '../../electron/core/contract/methods';
import { startPreviewServer, type PreviewServer } from '../../electron/preview/previewServer';
import { BRIDGE_SCRIPT_PATH, WS_PATH } from '../../electron/preview/pageBridge';

let dir: string;
let server: PreviewServer;
const listProfiles = vi.fn(async () => []);

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'steward-preview-unit-'));
  fs.mkdirSync(path.join(dir, 'renderer'));
  fs.writeFileSync(
    path.join(dir, 'renderer', 'index.html'),
    '<!doctype html><html><head><script type="module" src="/a.js"></script></head></html>',
  );
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'do not serve');
  listProfiles.mockClear();
  const services = { listProfiles } as unknown as Services;
  server = await startPreviewServer({
    rendererDir: path.join(dir, 'renderer'),
    dispatch: createDispatch(services),
  });
});
afterEach(async () => {
  await server.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function connect(url: string, origin: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { origin });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
}

function call(ws: WebSocket, frame: object): Promise<unknown> {
  return new Promise((resolve) => {
    ws.once('message', (data) => resolve(JSON.parse(data.toString())));
    ws.send(JSON.stringify(frame));
  });
}

describe('preview server', () => {
  it('listens on 127.0.0.1 only and injects the bridge before the app script', async () => {
    expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const html = await (await fetch(`${server.origin}/`)).text();
    expect(html.indexOf(BRIDGE_SCRIPT_PATH)).toBeGreaterThan(-1);
    expect(html.indexOf(BRIDGE_SCRIPT_PATH)).toBeLessThan(html.indexOf('/a.js'));
  });

  it.each([
    '/../secret.txt',
    '/%2e%2e/secret.txt',
    '/%252e%252e/secret.txt',
    '/..%2fsecret.txt',
    '/%2e%2e%5csecret.txt',
  ])('refuses path traversal %s', async (p) => {
    const res = await fetch(`${server.origin}${p}`);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('do not serve');
  });

  it('carries a call with the right token and origin through the contract validation', async () => {
    const ws = await connect(
      `ws://127.0.0.1:${new URL(server.origin).port}${WS_PATH}?token=${server.token}`,
      server.origin,
    );
    expect(await call(ws, { id: 1, method: 'listProfiles', args: {} })).toEqual({
      id: 1,
      result: { ok: true, value: [] },
    });
    expect(await call(ws, { id: 2, method: 'listProfiles', args: { extra: 1 } })).toMatchObject({
      id: 2,
      result: { ok: false, error: { code: 'INVALID_ARGUMENT' } },
    });
    expect(await call(ws, { id: 3, method: 'constructor', args: {} })).toMatchObject({
      result: { ok: false, error: { code: 'UNKNOWN_METHOD' } },
    });
    expect(listProfiles).toHaveBeenCalledTimes(1);
    ws.close();
  });

  it('refuses a wrong token, a missing token and a foreign origin', async () => {
    const port = new URL(server.origin).port;
    await expect(connect(`ws://127.0.0.1:${port}${WS_PATH}?token=wrong`, server.origin)).rejects.toThrow(
      'HTTP 403',
    );
    await expect(connect(`ws://127.0.0.1:${port}${WS_PATH}`, server.origin)).rejects.toThrow('HTTP 403');
    await expect(
      connect(`ws://127.0.0.1:${port}${WS_PATH}?token=${server.token}`, 'https://app.evil.example'),
    ).rejects.toThrow('HTTP 403');
    await expect(
      connect(`ws://127.0.0.1:${port}${WS_PATH}?token=${server.token}`, 'http://localhost:' + port),
    ).rejects.toThrow('HTTP 403');
    expect(listProfiles).not.toHaveBeenCalled();
  });
});
