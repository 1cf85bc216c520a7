// `npm run preview`: the same built renderer in a browser, with window.steward carried to the same
// core services over a loopback WebSocket. Bound to 127.0.0.1 only; the socket needs the per-run
// token and an Origin equal to the server's own; every call goes through the shared dispatch, so
// the contract's validation applies exactly as over IPC.
import { isUtf8 } from 'node:buffer';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Dispatch } from '../core/dispatch';
import { contentTypeFor, resolveStaticFile } from '../core/staticFiles';
import { BRIDGE_SCRIPT_PATH, pageBridgeSource, WS_PATH } from './pageBridge';

export interface PreviewServerOptions {
  rendererDir: string;
  /** Omit to serve the renderer files only (the e2e harness brings its own bridge). */
  dispatch?: Dispatch;
  port?: number;
  token?: string;
  /** Where a socket's errors go (default console.error). */
  logError?: (error: unknown) => void;
}

export interface PreviewServer {
  url: string;
  origin: string;
  token: string;
  close(): Promise<void>;
}

const MAX_FRAME_BYTES = 1 << 20;

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

export async function startPreviewServer(opts: PreviewServerOptions): Promise<PreviewServer> {
  const token = opts.token ?? crypto.randomBytes(24).toString('base64url');
  const bridgeJs = opts.dispatch ? pageBridgeSource('websocket') : null;
  let origin = '';

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const headers = {
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
      'Referrer-Policy': 'no-referrer',
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, headers).end();
      return;
    }
    if (bridgeJs && url.pathname === BRIDGE_SCRIPT_PATH) {
      res.writeHead(200, { ...headers, 'Content-Type': 'text/javascript; charset=utf-8' }).end(bridgeJs);
      return;
    }
    // The raw path, not url.pathname: WHATWG parsing would fold `..` before we could refuse it.
    const file = resolveStaticFile((req.url ?? '/').split(/[?#]/)[0] ?? '/', opts.rendererDir);
    if (!file) {
      res.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
      return;
    }
    let body: Buffer | string = fs.readFileSync(file);
    if (bridgeJs && file.endsWith('index.html')) {
      // The bridge must define window.steward before the app's module script runs.
      body = body
        .toString('utf8')
        .replace('<script', `<script src="${BRIDGE_SCRIPT_PATH}"></script>\n    <script`);
    }
    res.writeHead(200, { ...headers, 'Content-Type': contentTypeFor(file) }).end(body);
  });

  let wss: WebSocketServer | null = null;
  if (opts.dispatch) {
    const dispatch = opts.dispatch;
    const logError = opts.logError ?? ((error: unknown) => console.error('[preview socket]', error));
    // UTF-8 is checked here (serveSocket), so a bad frame is answered rather than ending the socket.
    const sockets = new WebSocketServer({
      noServer: true,
      maxPayload: MAX_FRAME_BYTES,
      skipUTF8Validation: true,
    });
    wss = sockets;
    server.on('upgrade', (req, socket, head) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const ok =
        url.pathname === WS_PATH &&
        sameToken(url.searchParams.get('token') ?? '', token) &&
        req.headers.origin === origin;
      if (!ok) {
        socket.write('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
        socket.destroy();
        return;
      }
      sockets.handleUpgrade(req, socket, head, (ws) => serveSocket(ws, dispatch, logError));
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    token,
    url: opts.dispatch ? `${origin}/?token=${token}` : `${origin}/`,
    close: () =>
      new Promise<void>((resolve) => {
        // Upgraded sockets are no longer the HTTP server's; end them or close() waits forever.
        for (const client of wss?.clients ?? []) client.terminate();
        wss?.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** What the server answers to a frame it cannot take: an error under id null (no call is pending on it). */
function badFrame(ws: WebSocket, message: string): void {
  if (ws.readyState !== ws.OPEN) return;
  ws.send(JSON.stringify({ id: null, result: { ok: false, error: { code: 'INVALID_ARGUMENT', message } } }));
}

/**
 * One page's socket. A frame that is not what the page bridge sends (binary, invalid UTF-8, not
 * JSON, no numeric id) is answered with an error and the socket stays open; a frame over
 * MAX_FRAME_BYTES is refused by ws, which closes that socket with 1009 (Message Too Big). Neither
 * ends the server: a socket's 'error' is logged, never thrown.
 */
function serveSocket(ws: WebSocket, dispatch: Dispatch, logError: (error: unknown) => void): void {
  ws.on('error', (error) => {
    logError(error);
    ws.terminate();
  });
  ws.on('message', (raw, isBinary) => {
    const bytes = Buffer.isBuffer(raw) ? raw : Array.isArray(raw) ? Buffer.concat(raw) : Buffer.from(raw);
    if (isBinary) return badFrame(ws, 'binary frames are not accepted');
    if (!isUtf8(bytes)) return badFrame(ws, 'the frame is not valid UTF-8');
    let frame: { id?: unknown; method?: unknown; args?: unknown };
    try {
      frame = JSON.parse(bytes.toString('utf8')) as typeof frame;
    } catch {
      return badFrame(ws, 'the frame is not JSON');
    }
    if (typeof frame !== 'object' || frame === null || typeof frame.id !== 'number') {
      return badFrame(ws, 'the frame has no numeric id');
    }
    const id = frame.id;
    void dispatch(String(frame.method), frame.args).then((result) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ id, result }));
    });
  });
}
