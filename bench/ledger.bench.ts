// Ledger benchmarks: append cost against a raw fsync'd append of the same bytes; opening a
// 100k-entry workspace (hash links + first/last signatures) against reading it and hashing each
// line; full verification (every signature) on worker threads against one thread.
import { hash } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  mkdtempSync,
  openSync,
  appendFileSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  listLedgerIds,
  openLedger,
  readWorkspace,
  signatureThreads,
  verifyWorkspace,
  workspacePaths,
} from '../electron/core/ledger';
import { generateWorkspace, sampleAttempt } from './fixture';
import { compare, median, result, timeMs } from './harness';
import type { Reported } from './harness';

export interface LedgerBenchOptions {
  quick: boolean;
  log: (line: string) => void;
}

function tempRoot(): string {
  // On disk (os.tmpdir() here is ext4), never /dev/shm: fsync must cost what it costs.
  return mkdtempSync(join(tmpdir(), 'steward-bench-'));
}

async function benchAppend(opts: LedgerBenchOptions): Promise<Reported> {
  const root = tempRoot();
  try {
    const { ws, ledgers } = await generateWorkspace(join(root, 'ws'), 1, 1);
    const { profileId, keys, file } = ledgers[0]!;
    const perRun = opts.quick ? 50 : 200;
    const ledger = await openLedger(ws, profileId, keys.privateKeyPem);
    const rawFile = join(root, 'raw.jsonl');
    const rawFd = openSync(rawFile, 'a');
    let i = 0;
    let lines: Buffer[] = [];
    /** Appends perRun entries; returns ms per entry. The bytes written are kept for the baseline. */
    const appendRun = async (): Promise<number> => {
      const before = statSync(file).size;
      const t0 = process.hrtime.bigint();
      for (let n = 0; n < perRun; n++) await ledger.append('training.quizAttempted', sampleAttempt(i++));
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      const written = readFileSync(file).subarray(before);
      lines = [];
      for (let p = 0; p < written.length;) {
        const nl = written.indexOf(0x0a, p);
        lines.push(written.subarray(p, nl + 1));
        p = nl + 1;
      }
      return ms / perRun;
    };
    /** Appends the same bytes with appendFileSync + fsyncSync; returns ms per entry. */
    const rawRun = async (): Promise<number> =>
      (await timeMs(() => {
        for (const bytes of lines) {
          appendFileSync(rawFd, bytes);
          fsyncSync(rawFd);
        }
      })) / lines.length;
    const samplesLedger: number[] = [];
    const samplesRaw: number[] = [];
    const runs = opts.quick ? 3 : 7;
    await appendRun(); // warm-up
    await rawRun();
    for (let r = 0; r < runs; r++) {
      samplesLedger.push(await appendRun());
      samplesRaw.push(await rawRun());
    }
    await ledger.close();
    closeSync(rawFd);
    const value = median(samplesLedger);
    const baseline = median(samplesRaw);
    return result({
      name: 'append one entry (signed, fsync)',
      value,
      unit: 'ms',
      baseline,
      goal: '<= 1.3x',
      met: value / baseline <= 1.3,
      note: `median of ${runs} runs x ${perRun} appends; baseline = appendFileSync + fsyncSync of the same bytes`,
    });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** The plainest read of the same files: read each, SHA-256 each line. */
function rawReadAndHash(files: string[]): number {
  let lines = 0;
  for (const f of files) {
    const buf = readFileSync(f);
    let p = 0;
    while (p < buf.length) {
      let nl = buf.indexOf(0x0a, p);
      if (nl < 0) nl = buf.length;
      hash('sha256', buf.subarray(p, nl), 'hex');
      lines++;
      p = nl + 1;
    }
  }
  return lines;
}

async function benchOpenAndVerify(opts: LedgerBenchOptions): Promise<Reported[]> {
  const root = tempRoot();
  try {
    const ledgerCount = 10;
    const total = opts.quick ? 10_000 : 100_000;
    const per = total / ledgerCount;
    const label = total >= 1000 ? `${total / 1000}k` : String(total);
    opts.log(`generating a workspace of ${ledgerCount} ledgers x ${per} entries ...`);
    const genMs = await timeMs(() => generateWorkspace(join(root, 'ws'), ledgerCount, per));
    const ws = workspacePaths(join(root, 'ws'));
    const files = (await listLedgerIds(ws)).map((id) => join(ws.ledgersDir, `${id}.jsonl`));
    const bytes = files.reduce((n, f) => n + statSync(f).size, 0);
    opts.log(`  generated in ${(genMs / 1000).toFixed(1)} s (${(bytes / 1e6).toFixed(1)} MB)`);

    let entries = 0;
    const [open, verifyOnly, raw] = await compare(
      [
        async () => {
          const { report } = await readWorkspace(ws, { depth: 'quick' });
          if (!report.ok) throw new Error(`fixture does not verify: ${JSON.stringify(report.problems[0])}`);
          entries = report.ledgers.reduce((n, l) => n + l.entries, 0);
        },
        async () => {
          const report = await verifyWorkspace(ws.dir, { depth: 'quick' });
          if (!report.ok) throw new Error('fixture does not verify (quick)');
        },
        () => rawReadAndHash(files),
      ],
      { runs: opts.quick ? 3 : 7, warmup: 1 },
    );
    if (entries !== total) throw new Error(`expected ${total} entries, read ${entries}`);
    const openResult = result({
      name: `open workspace, ${label} entries (readWorkspace quick)`,
      value: open!,
      unit: 'ms',
      baseline: raw!,
      goal: '<= 2x and < 1 s',
      met: open! / raw! <= 2 && open! < 1000,
      note:
        'every hash and link, first+last signature, and every entry parsed (data included) and kept; ' +
        'baseline = readFileSync + SHA-256 of each line',
    });
    const verifyOnlyResult = result({
      name: `verify workspace quick, ${label} entries (no data kept)`,
      value: verifyOnly!,
      unit: 'ms',
      baseline: raw!,
      goal: 'report (row above minus JSON.parse of data)',
      met: null,
      note: "verifyWorkspace quick: the same checks, entries' data not parsed because only the report is returned",
    });

    const threads = signatureThreads(total);
    opts.log(`full verification of ${label} entries (${threads || 1} thread(s) vs 1) ...`);
    const [parallel, single] = await compare(
      [
        async () => {
          const r = await verifyWorkspace(ws.dir, { depth: 'full' });
          if (!r.ok) throw new Error('fixture does not verify (full)');
        },
        async () => {
          const r = await verifyWorkspace(ws.dir, { depth: 'full', workers: 0 });
          if (!r.ok) throw new Error('fixture does not verify (full)');
        },
      ],
      { runs: opts.quick ? 2 : 3, warmup: 0 },
    );
    const fullResult = result({
      name: `full verify, ${label} entries (${threads} worker threads)`,
      value: parallel!,
      unit: 'ms',
      baseline: single!,
      goal: 'report; uses both cores',
      met: null,
      note: `every signature, canonical form, schemas; baseline = the same on one thread; ${availableParallelism()} cores available`,
    });
    return [openResult, verifyOnlyResult, fullResult];
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

export async function runLedgerBenchmarks(opts: LedgerBenchOptions): Promise<Reported[]> {
  opts.log('ledger: append ...');
  const append = await benchAppend(opts);
  const rest = await benchOpenAndVerify(opts);
  return [append, ...rest];
}
