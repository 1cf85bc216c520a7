// Checking the signatures the scans ask for: on this thread for a few, on worker threads (one per
// core) for a large full verification. A failing signature cuts the ledger's trusted entries there.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { verify, type KeyObject } from 'node:crypto';
import { publicKeyObject } from './keys';
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

/**
 * The signatures to check, packed: per job 96 bytes (the 32-byte digest, then the 64-byte
 * signature) in one buffer shared with the worker threads (no copy per thread, no string per
 * job: a cold open of a million entries holds these 96 MB, not a million pairs of strings).
 */
interface SigJobs {
  keys: string[];
  keyIdx: Uint32Array;
  data: Uint8Array;
  /** Jobs whose digest or signature did not decode to its length: invalid without a check. */
  malformed: Uint8Array;
  count: number;
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
  const bad = msg.malformed;
  const out = msg.out;
  for (let i = msg.from; i < msg.to; i++) {
    const key = keys[idx[i]];
    if (!key || bad[i]) continue;
    const o = i * 96;
    try { out[i] = verify(null, data.subarray(o, o + 32), key, data.subarray(o + 32, o + 96)) ? 1 : 0; } catch { out[i] = 0; }
  }
  parentPort.postMessage(true);
});
`;

function verifyOnThisThread(jobs: SigJobs, from: number, to: number, out: Uint8Array): void {
  const data = Buffer.from(jobs.data.buffer, jobs.data.byteOffset, jobs.data.byteLength);
  let keyAt = -1;
  let key: KeyObject | null = null;
  for (let i = from; i < to; i++) {
    out[i] = 0;
    if (jobs.malformed[i] === 1) continue;
    if (jobs.keyIdx[i] !== keyAt) {
      keyAt = jobs.keyIdx[i] as number;
      try {
        key = publicKeyObject(jobs.keys[keyAt] as string);
      } catch {
        key = null;
      }
    }
    if (key === null) continue;
    const o = i * 96;
    try {
      out[i] = verify(null, data.subarray(o, o + 32), key, data.subarray(o + 32, o + 96)) ? 1 : 0;
    } catch {
      out[i] = 0;
    }
  }
}

/** Checks jobs [from, to) on a worker thread, writing the results into `out` (shared memory). */
function verifyInWorker(jobs: SigJobs, from: number, to: number, out: Uint8Array): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true });
    let done = false;
    worker.once('message', () => {
      done = true;
      resolve();
      void worker.terminate();
    });
    worker.once('error', (err) => {
      if (!done) reject(err);
    });
    worker.once('exit', (codeNum) => {
      if (!done) reject(new Error(`signature worker exited with code ${codeNum}`));
    });
    const { keys, keyIdx, data, malformed } = jobs;
    worker.postMessage({ keys, keyIdx, data, malformed, out, from, to });
  });
}

/** How many threads a verification of `count` signatures will use. */
export function signatureThreads(count: number, workers?: number): number {
  if (workers === 0 || count <= PARALLEL_THRESHOLD) return 0;
  const max = workers ?? Math.min(availableParallelism(), 8);
  return Math.max(1, Math.min(max, Math.ceil(count / 1_000)));
}

/** Shared memory when the platform has it (workers then read the jobs in place), else plain. */
function sharedBytes(n: number): Uint8Array {
  return typeof SharedArrayBuffer === 'function'
    ? new Uint8Array(new SharedArrayBuffer(n))
    : new Uint8Array(n);
}

/** Verifies every job; result[i] = 1 when signature i is valid. */
async function verifyJobs(jobs: SigJobs, workers?: number): Promise<Uint8Array> {
  const n = jobs.count;
  signatureStats.checked += n;
  const threads = signatureThreads(n, workers);
  const out = threads === 0 ? new Uint8Array(n) : sharedBytes(n);
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
        await verifyInWorker(jobs, from, to, out);
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
  let count = 0;
  for (const scan of scans) if (scan.read.publicKey !== null) count += scan.sigIndices.length;
  const threads = signatureThreads(count, opts.workers);
  const jobs: SigJobs = {
    keys: [],
    keyIdx: threads === 0 ? new Uint32Array(count) : new Uint32Array(new SharedArrayBuffer(count * 4)),
    data: threads === 0 ? new Uint8Array(count * 96) : sharedBytes(count * 96),
    malformed: threads === 0 ? new Uint8Array(count) : sharedBytes(count),
    count,
  };
  const data = Buffer.from(jobs.data.buffer, jobs.data.byteOffset, jobs.data.byteLength);
  /** Where each scan's jobs start (scans without a key have none). */
  const firstJob: number[] = [];
  let j = 0;
  scans.forEach((scan) => {
    firstJob.push(j);
    if (scan.read.publicKey === null || scan.sigIndices.length === 0) return;
    const k = jobs.keys.push(scan.read.publicKey) - 1;
    for (const i of scan.sigIndices) {
      const o = j * 96;
      jobs.keyIdx[j] = k;
      if (!scan.list.digestAndSigInto(i, data, o)) jobs.malformed[j] = 1;
      j++;
    }
  });
  const results = await verifyJobs(jobs, opts.workers);
  return scans.map((scan, s) => {
    let firstBad: number | null = null;
    if (scan.read.publicKey !== null) {
      const from = firstJob[s] as number;
      scan.sigIndices.forEach((index, x) => {
        if (results[from + x] !== 1 && (firstBad === null || index < firstBad)) firstBad = index;
      });
    }
    return finishScan(scan, firstBad);
  });
}
