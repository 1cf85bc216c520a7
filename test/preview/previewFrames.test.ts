// The preview server as `npm run preview` runs it (a real process on electron/preview/server.ts,
// real core services in a temp folder), fed frames a page would never send: one over the 1 MB
// limit, one of invalid UTF-8, one that is not JSON. Each is answered (close 1009, or an error
// frame), and the server keeps serving: the same socket or a new one still carries a call.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WS_PATH } from '../../electron/preview/pageBridge';

const ROOT = path.resolve(import.meta.dirname, '../..');
let dir: string;
let child: ChildProcess;
let exited: Promise<number | null>;
let url: URL;
let stderr = '';

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'steward-preview-frames-'));
  stderr = '';
  child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(ROOT, 'electron/preview/server.ts'),
      '--user-data',
      dir,
      '--content',
      path.join(ROOT, 'content'),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], cwd: ROOT },
  );
  exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  url = await new Promise<URL>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`the server did not start; stderr: ${stderr}`)), 60_000);
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /Open: (\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(new URL(m[1] as string));
      }
    });
    void exited.then((code) => reject(new Error(`the server exited (${code}); stderr: ${stderr}`)));
  });
}, 90_000);

afterEach(async () => {
  if (child.exitCode === null && child.signalCode === null) {
    child.kill('SIGKILL');
    await exited;
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

function connect(): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://${url.host}${WS_PATH}?token=${url.searchParams.get('token')}`, {
      origin: url.origin,
    });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

function nextMessage(
  ws: WebSocket,
): Promise<{ id: unknown; result: { ok: boolean; error?: { message: string } } }> {
  return new Promise((resolve, reject) => {
    ws.once('message', (data) => resolve(JSON.parse(data.toString())));
    ws.once('close', (code) => reject(new Error(`closed with ${code}`)));
  });
}

async function listProfiles(ws: WebSocket, id: number): Promise<unknown> {
  const reply = nextMessage(ws);
  ws.send(JSON.stringify({ id, method: 'listProfiles', args: {} }));
  return reply;
}

const alive = () => child.exitCode === null && child.signalCode === null;

describe('the preview server and bad frames', () => {
  it('closes a socket that sends more than 1 MB with 1009, and keeps serving', async () => {
    const ws = await connect();
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.on('error', () => {});
    ws.send('x'.repeat(2 * 1024 * 1024));
    expect(await closed).toBe(1009);
    await new Promise((r) => setTimeout(r, 300));
    expect(alive(), `the server died: ${stderr}`).toBe(true);
    const again = await connect();
    expect(await listProfiles(again, 1)).toEqual({ id: 1, result: { ok: true, value: [] } });
    again.close();
  });

  it('answers a frame of invalid UTF-8, or of anything but a call, with an error and keeps the socket', async () => {
    const ws = await connect();
    for (const [frame, message] of [
      [Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), /not valid UTF-8/],
      [Buffer.from('{"id":'), /not JSON/],
      [Buffer.from('[1,2]'), /no numeric id/],
    ] as const) {
      const reply = nextMessage(ws);
      ws.send(frame, { binary: false });
      expect(await reply).toMatchObject({
        id: null,
        result: { ok: false, error: { message: expect.stringMatching(message) } },
      });
    }
    expect(await listProfiles(ws, 7)).toEqual({ id: 7, result: { ok: true, value: [] } });
    ws.close();
    expect(alive()).toBe(true);
  });
});
