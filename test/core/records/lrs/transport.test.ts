// One POST and what its answer means, against a real local HTTP server that misbehaves on
// purpose: outages, timeouts, bad credentials and redirects are "retry later"; 400/409/413 are
// about the statements; our own abort is neither.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { lrsReason, postStatements } from '../../../../electron/core/records/lrs/transport';
import type { XapiStatement } from '../../../../electron/core/records/xapi';
import { freePort } from '../../../support/lrsServer';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void;
const servers: http.Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

async function serve(handler: Handler): Promise<string> {
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => handler(req, res, body));
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/xAPI`;
}

const statements = [{ id: '00000000-0000-5000-8000-000000000000' }] as unknown as XapiStatement[];
const post = (endpoint: string, extra: { timeoutMs?: number; signal?: AbortSignal } = {}) =>
  postStatements({ fetch, endpoint, key: 'k', secret: 's', statements, timeoutMs: 2_000, ...extra });

function reply(status: number, body = '', headers: Record<string, string> = {}): Handler {
  return (_req, res) => {
    res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
    res.end(body);
  };
}

describe('postStatements', () => {
  it('posts the JSON array with the xAPI version and basic auth', async () => {
    let seen: { url?: string; method?: string; headers?: http.IncomingHttpHeaders; body?: string } = {};
    const endpoint = await serve((req, res, body) => {
      seen = { url: req.url, method: req.method, headers: req.headers, body };
      reply(200, '["x"]')(req, res, body);
    });
    expect(await post(endpoint)).toEqual({ kind: 'accepted' });
    expect(seen.method).toBe('POST');
    expect(seen.url).toBe('/xAPI/statements');
    expect(seen.headers?.['x-experience-api-version']).toBe('1.0.3');
    expect(seen.headers?.['content-type']).toBe('application/json');
    expect(seen.headers?.authorization).toBe(`Basic ${Buffer.from('k:s').toString('base64')}`);
    expect(JSON.parse(seen.body!)).toEqual(statements);
  });

  it('reports 400, 409 and 413 as refused, with the LRS reason', async () => {
    const e400 = await serve(
      reply(400, JSON.stringify({ warnings: ['Problem in statements.0.actor', 'Missing verb'] })),
    );
    expect(await post(e400)).toEqual({
      kind: 'refused',
      status: 400,
      reason: 'Problem in statements.0.actor; Missing verb',
    });
    const e409 = await serve(reply(409, JSON.stringify({ message: 'x is conflicting' })));
    expect(await post(e409)).toEqual({ kind: 'refused', status: 409, reason: 'x is conflicting' });
    const e413 = await serve(reply(413, ''));
    expect(await post(e413)).toEqual({ kind: 'refused', status: 413, reason: 'HTTP 413' });
  });

  it('treats outages, bad credentials, wrong addresses and redirects as "retry later"', async () => {
    const cases: [Handler, RegExp][] = [
      [
        reply(503, 'maintenance', { 'Content-Type': 'text/plain' }),
        /had a problem \(HTTP 503: maintenance\)/,
      ],
      [reply(401), /refused the key and secret \(HTTP 401\)/],
      [reply(404), /HTTP 404.*ends in \/xAPI/],
      [
        reply(302, '', { Location: 'https://elsewhere.example/xAPI/statements' }),
        /redirects elsewhere \(HTTP 302 to https:\/\/elsewhere/,
      ],
      [reply(418, 'teapot', { 'Content-Type': 'text/plain' }), /answered HTTP 418: teapot/],
    ];
    for (const [handler, message] of cases) {
      const outcome = await post(await serve(handler));
      expect(outcome.kind).toBe('unavailable');
      expect(outcome.kind === 'unavailable' && outcome.reason).toMatch(message);
    }
  });

  it('reports a refused connection by its code', async () => {
    const endpoint = `http://127.0.0.1:${await freePort()}/xAPI`;
    const outcome = await post(endpoint);
    expect(outcome).toEqual({
      kind: 'unavailable',
      reason: `Could not reach the LRS at ${endpoint} (ECONNREFUSED).`,
    });
  });

  it('gives up on an LRS that does not answer in time', async () => {
    const endpoint = await serve(() => undefined); // never answers
    const started = Date.now();
    const outcome = await post(endpoint, { timeoutMs: 300 });
    expect(outcome).toEqual({
      kind: 'unavailable',
      reason: `The LRS at ${endpoint} did not answer within 0.3 s.`,
    });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('returns "aborted" when our own signal stops the request', async () => {
    const endpoint = await serve(() => undefined);
    const controller = new AbortController();
    const pending = post(endpoint, { signal: controller.signal, timeoutMs: 10_000 });
    setTimeout(() => controller.abort(), 50);
    expect(await pending).toEqual({ kind: 'aborted' });
  });
});

describe('lrsReason', () => {
  it('prefers warnings, then message, then the text, clipped', () => {
    expect(lrsReason('{"warnings":["a","b"],"message":"m"}')).toBe('a; b');
    expect(lrsReason('{"message":"m"}')).toBe('m');
    expect(lrsReason('  plain\n text ')).toBe('plain text');
    expect(lrsReason('')).toBe('');
    expect(lrsReason('x'.repeat(800))).toHaveLength(500);
  });
});
