// A learning record store on this computer for the LRS settings tests: a plain HTTP server on a
// loopback port that takes statement batches as an LRS would, answering as the test says (down,
// or accepting all but what it refuses). It is the world outside Steward, so the test scripts
// it; core's sender, outbox and backoff are the real ones. Closed when the test finishes.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { onTestFinished } from 'vitest';

interface Statement {
  id: string;
  verb?: { id?: string };
}

export interface TestLrs {
  /** The xAPI base address (statements are POSTed to <endpoint>/statements). */
  endpoint: string;
  /** 'down': every request gets 503. 'up': batches are stored unless `refuses` picks a statement. */
  mode: 'down' | 'up';
  /** A statement the LRS refuses as invalid (400), with the reason it gives. */
  refuses: (statement: Statement) => string | null;
  /** The ids of every statement stored. */
  readonly stored: string[];
}

export async function startTestLrs(): Promise<TestLrs> {
  const lrs: TestLrs = { endpoint: '', mode: 'up', refuses: () => null, stored: [] };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (lrs.mode === 'down') {
        res.writeHead(503, { 'Content-Type': 'text/plain' }).end('Service Unavailable');
        return;
      }
      const batch = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Statement[];
      const refused = batch.map((s) => lrs.refuses(s)).find((why) => why !== null);
      if (refused) {
        res.writeHead(400, { 'Content-Type': 'application/json' }).end(JSON.stringify({ message: refused }));
        return;
      }
      lrs.stored.push(...batch.map((s) => s.id));
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(batch.map((s) => s.id)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  lrs.endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/xAPI`;
  onTestFinished(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return lrs;
}
