// Checking the signatures the scans ask for: on this thread for a few, on worker threads (one per
// core) for a large full verification. A failing signature cuts the ledger's trusted entries there.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { verifyDigest } from './keys';
import { finishScan, type LedgerRead, type LedgerScan } from './scan';

export interface ReadOptions {
  /**
   * Signature checking threads: undefined = automatic (worker threads, one per core, once there
   * are more than a few thousand signatures to check); 0 = always on this thread.
   */
  workers?: number;
}

/** Above this many signatures, a full verification fans out to worker threads. */
const PARALLEL_THRESHOLD = 4_000;

interface SigJobs {
  keys: string[];
  keyIdx: number[];
  hashes: string[];
  sigs: string[];
}

/** Counters for tests and diagnostics: signatures checked, and how they were spread over threads. */
export const signatureStats = { checked: 0, workerBatches: 0, workerFailures: 0 };

/** Plain JS, evaluated as a worker script: works from TS sources (tsx, vitest) and from bundles alike. */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createPublicKey, verify } = require('node:crypto');
parentPort.once('message', (msg) => {
  const keys = msg.keys.map((k) => {
    try { return createPublicKey({ key: Buffer.from(k, 'base64'), format: 'der', type: 'spki' }); } catch { return null; }
  });
  const data = Buffer.from(msg.data.buffer, msg.data.byteOffset, msg.data.byteLength);
  const idx = msg.keyIdx;
  const out = new Uint8Array(idx.length);
  for (let i = 0; i < idx.length; i++) {
    const key = keys[idx[i]];
    if (!key) continue;
    const o = i * 96;
    try { out[i] = verify(null, data.subarray(o, o + 32), key, data.subarray(o + 32, o + 96)) ? 1 : 0; } catch { out[i] = 0; }
  }
  parentPort.postMessage(out, [out.buffer]);
});
`;

function verifyOnThisThread(jobs: SigJobs, from: number, to: number, out: Uint8Array): void {
  for (let i = from; i < to; i++) {
    const ok = verifyDigest(
      Buffer.from(jobs.hashes[i] as string, 'hex'),
      jobs.sigs[i] as string,
      jobs.keys[jobs.keyIdx[i] as number] as string,
    );
    out[i] = ok ? 1 : 0;
  }
}

function verifyInWorker(jobs: SigJobs, from: number, to: number): Promise<Uint8Array> {
  const n = to - from;
  const data = new Uint8Array(n * 96);
  const view = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const keyIdx = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    view.write(jobs.hashes[from + i] as string, i * 96, 32, 'hex');
    view.write(jobs.sigs[from + i] as string, i * 96 + 32, 64, 'base64');
    keyIdx[i] = jobs.keyIdx[from + i] as number;
  }
  return new Promise<Uint8Array>((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true });
    let done = false;
    worker.once('message', (out: Uint8Array) => {
      done = true;
      resolve(out);
      void worker.terminate();
    });
    worker.once('error', (err) => {
      if (!done) reject(err);
    });
    worker.once('exit', (codeNum) => {
      if (!done) reject(new Error(`signature worker exited with code ${codeNum}`));
    });
    worker.postMessage({ keys: jobs.keys, keyIdx, data }, [data.buffer, keyIdx.buffer]);
  });
}

/** How many threads a verification of `count` signatures will use. */
export function signatureThreads(count: number, workers?: number): number {
  if (workers === 0 || count <= PARALLEL_THRESHOLD) return 0;
  const max = workers ?? Math.min(availableParallelism(), 8);
  return Math.max(1, Math.min(max, Math.ceil(count / 1_000)));
}

/** Verifies every job; result[i] = 1 when signature i is valid. */
async function verifyJobs(jobs: SigJobs, workers?: number): Promise<Uint8Array> {
  const n = jobs.hashes.length;
  signatureStats.checked += n;
  const out = new Uint8Array(n);
  const threads = signatureThreads(n, workers);
  if (threads === 0) {
    verifyOnThisThread(jobs, 0, n, out);
    return out;
  }
  const size = Math.ceil(n / threads);
  await Promise.all(
    Array.from({ length: threads }, async (_, t) => {
      const from = t * size;
      const to = Math.min(n, from + size);
      if (from >= to) return;
      try {
        out.set(await verifyInWorker(jobs, from, to), from);
        signatureStats.workerBatches++;
      } catch {
        signatureStats.workerFailures++;
        verifyOnThisThread(jobs, from, to, out); // no worker threads here: do it ourselves
      }
    }),
  );
  return out;
}

/** Checks the signatures every scan asks for and finishes each scan. */
export async function finishScans(scans: LedgerScan[], opts: ReadOptions = {}): Promise<LedgerRead[]> {
  const jobs: SigJobs = { keys: [], keyIdx: [], hashes: [], sigs: [] };
  const owners: { scan: number; index: number }[] = [];
  scans.forEach((scan, s) => {
    if (scan.read.publicKey === null || scan.sigIndices.length === 0) return;
    const k = jobs.keys.push(scan.read.publicKey) - 1;
    for (const i of scan.sigIndices) {
      const e = scan.list.at(i);
      jobs.keyIdx.push(k);
      jobs.hashes.push(e.hash);
      jobs.sigs.push(e.sig);
      owners.push({ scan: s, index: i });
    }
  });
  const results = await verifyJobs(jobs, opts.workers);
  const firstBad: (number | null)[] = scans.map(() => null);
  owners.forEach((o, j) => {
    if (results[j] === 1) return;
    const cur = firstBad[o.scan];
    if (cur === null || cur === undefined || o.index < cur) firstBad[o.scan] = o.index;
  });
  return scans.map((scan, s) => finishScan(scan, firstBad[s] ?? null));
}
