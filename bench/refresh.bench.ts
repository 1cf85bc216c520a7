// The refresh a network share pays for: the app's workspace reader (createWorkspaceReader, the
// one the services share) over a workspace of 5k and 50k people (19 entries each, as a manager
// sees it), read cold, then unchanged, then after one ledger grew by one entry. File operations
// are counted with strace in a child process (refresh-child.ts), only those on the workspace's
// files, phase by phase; times come from a second run of the child without strace. On a shared
// folder each operation is a round trip (about a millisecond over SMB), so the operation count
// is what a refresh costs there.
import { execFile, execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { cachedWorkspace } from './fixture';
import { result } from './harness';
import type { Reported } from './harness';
import { pending, tempRoot } from './ledger.bench';
import type { BenchOptions } from './ledger.bench';
import type { RefreshChildArgs, RefreshTimes } from './refresh-child';

/** What one phase asked of the file system, counting only the workspace's files. */
export interface FileOps {
  /** Folders opened to be listed (each read with one or more getdents). */
  listings: number;
  getdents: number;
  /** stat by path (statx, newfstatat, ...). */
  stats: number;
  /** fstat of an open file. */
  fstats: number;
  opens: number;
  reads: number;
  closes: number;
  bytesRead: number;
}

const PHASES = ['cold', 'unchanged', 'append', 'grown', 'end'] as const;
type Phase = (typeof PHASES)[number];

const zero = (): FileOps => ({
  listings: 0,
  getdents: 0,
  stats: 0,
  fstats: 0,
  opens: 0,
  reads: 0,
  closes: 0,
  bytesRead: 0,
});

/** Round trips on a network share: every call counted, getdents as the listing it is part of. */
export const roundTrips = (o: FileOps) => o.listings + o.stats + o.fstats + o.opens + o.reads + o.closes;

const STRACE_LINE = /^(\d+)\s+(\w+)\((.*)\)\s+=\s+(-?\d+)/;

/**
 * Counts, phase by phase, the calls of an `strace -f -s 4096` output that touch files under
 * `root`; a stat of <root>/.bench-mark-<phase> starts a phase. Lines split by another thread's
 * call (<unfinished ...> / <... resumed>) are joined first.
 */
export function countStrace(text: string, root: string): Record<Phase, FileOps> {
  const out = Object.fromEntries(PHASES.map((p) => [p, zero()])) as Record<Phase, FileOps>;
  const under = `${root}/`;
  const fds = new Map<number, 'file' | 'dir'>();
  const unfinished = new Map<string, string>();
  let phase: Phase | null = null;
  for (let line of text.split('\n')) {
    const pid = /^(\d+)\s/.exec(line)?.[1];
    if (pid === undefined) continue;
    if (line.endsWith('<unfinished ...>')) {
      unfinished.set(pid, line.slice(0, -'<unfinished ...>'.length).trimEnd());
      continue;
    }
    const resumed = /^\d+\s+<\.\.\. \w+ resumed>(.*)$/.exec(line);
    if (resumed) {
      const start = unfinished.get(pid);
      unfinished.delete(pid);
      if (start === undefined) continue;
      line = `${start}${resumed[1] as string}`;
    }
    const m = STRACE_LINE.exec(line);
    if (!m) continue;
    const [, , call, argText, retText] = m as unknown as [string, string, string, string, string];
    const ret = Number(retText);
    const path = /"((?:[^"\\]|\\.)*)"/.exec(argText)?.[1];
    const fd = Number(/^(-?\d+)/.exec(argText)?.[1] ?? NaN);
    const mark = path?.startsWith(`${under}.bench-mark-`) ? path.slice(`${under}.bench-mark-`.length) : null;
    if (mark !== null) {
      phase = (PHASES as readonly string[]).includes(mark) ? (mark as Phase) : null;
      continue;
    }
    const ops = phase === null ? null : out[phase];
    const ours = path !== undefined && path.startsWith(under);
    switch (call) {
      case 'open':
      case 'openat':
        if (ret >= 0) {
          if (ours) fds.set(ret, argText.includes('O_DIRECTORY') ? 'dir' : 'file');
          else fds.delete(ret);
        }
        if (ours && ops) {
          if (argText.includes('O_DIRECTORY')) ops.listings++;
          else ops.opens++;
        }
        break;
      case 'read':
      case 'pread64':
      case 'readv':
      case 'preadv':
      case 'preadv2':
        if (fds.get(fd) === 'file' && ops) {
          ops.reads++;
          if (ret > 0) ops.bytesRead += ret;
        }
        break;
      case 'getdents64':
      case 'getdents':
        if (fds.has(fd) && ops) ops.getdents++;
        break;
      case 'close':
        if (fds.has(fd)) {
          if (ops && fds.get(fd) === 'file') ops.closes++;
          fds.delete(fd);
        }
        break;
      case 'fstat':
      case 'newfstatat':
      case 'statx':
      case 'stat':
      case 'lstat':
        if (ours && ops) ops.stats++;
        else if (path === '' && fds.has(fd) && ops) ops.fstats++;
        else if (call === 'fstat' && fds.has(fd) && ops) ops.fstats++;
        break;
      default:
        break;
    }
  }
  return out;
}

function runChild(args: RefreshChildArgs, strace: string | null): Promise<RefreshTimes> {
  const child = join(import.meta.dirname, 'refresh-child.ts');
  const node = [process.execPath, '--import', 'tsx', child, JSON.stringify(args)];
  const [cmd, ...argv] = strace
    ? [
        'strace',
        '-f',
        '-qq',
        '-s',
        '4096',
        '-o',
        strace,
        '-e',
        'trace=%file,read,pread64,readv,preadv,preadv2,fstat,getdents64,close',
        ...node,
      ]
    : node;
  return new Promise((resolve, reject) => {
    execFile(cmd as string, argv, { maxBuffer: 16 << 20 }, (err, stdout) =>
      err ? reject(err) : resolve(JSON.parse(stdout) as RefreshTimes),
    );
  });
}

function hasStrace(): boolean {
  try {
    execFileSync('strace', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const describeOps = (o: FileOps) =>
  `${o.listings} listing (${o.getdents} getdents), ${o.stats} stats, ${o.fstats} fstats, ${o.opens} opens, ${o.reads} reads (${o.bytesRead} B), ${o.closes} closes`;

async function benchSize(people: number, opts: BenchOptions, strace: boolean): Promise<Reported[]> {
  const label = `${people / 1000}k`;
  const fx = await cachedWorkspace(people + 1, 19, opts.log);
  const grow = fx.ledgers[Math.floor(fx.ledgers.length / 2)]!;
  const base = { dir: fx.dir, grow: { ...grow.keys, profileId: grow.profileId, file: grow.file } };
  const times = await runChild({ ...base, rounds: opts.quick ? 3 : 5 }, null);
  const n = times.ledgers;
  let phases: Record<Phase, FileOps> | null = null;
  if (strace) {
    const root = tempRoot();
    try {
      const trace = join(root, 'strace.txt');
      await runChild({ ...base, rounds: 1 }, trace);
      phases = countStrace(readFileSync(trace, 'utf8'), fx.dir);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }
  const name = (what: string) => `refresh, ${label} people (${n} ledgers), ${what}`;
  const rows: Reported[] = [
    result({
      name: name('unchanged: time'),
      value: times.unchangedMs,
      unit: 'ms',
      baseline: times.coldMs,
      goal: 'report',
      met: null,
      note: 'createWorkspaceReader().read() again with nothing changed; baseline = its first (cold) read',
    }),
    result({
      name: name('one ledger grown by one entry: time'),
      value: times.grownMs,
      unit: 'ms',
      baseline: times.coldMs,
      goal: 'report',
      met: null,
    }),
  ];
  if (phases === null) {
    rows.push(pending(name('file operations'), 'ops', 'report', 'strace (apt-get install strace)'));
    return rows;
  }
  const { cold, unchanged, grown } = phases;
  // Less than one person's ledger and key file on average: a tail, not a whole file.
  const tailOnly = grown.bytesRead < cold.bytesRead / n;
  rows.push(
    result({
      name: name('unchanged: file operations'),
      value: roundTrips(unchanged),
      unit: 'ops',
      baseline: roundTrips(cold),
      // (+1: the ledgers folder itself is lstat'ed, so a folder replaced by a link is refused.)
      goal: '1 listing + N stats (+1 for the folder), no open',
      met:
        unchanged.listings === 1 &&
        unchanged.stats <= n + 1 &&
        unchanged.opens === 0 &&
        unchanged.reads === 0,
      note: `unchanged: ${describeOps(unchanged)}; baseline = the cold read: ${describeOps(cold)}`,
    }),
    result({
      name: name('one ledger grown: file operations'),
      value: roundTrips(grown),
      unit: 'ops',
      baseline: roundTrips(cold),
      goal: 'N stats (+ the folder, + the grown file again) + its tail and key file',
      met: grown.listings === 1 && grown.stats <= n + 2 && grown.opens <= 2 && tailOnly,
      note: `${describeOps(grown)}`,
    }),
  );
  return rows;
}

export async function runRefreshBenchmarks(opts: BenchOptions): Promise<Reported[]> {
  const strace = hasStrace();
  if (!strace) opts.log('refresh: strace not found; file operations are not counted');
  const rows: Reported[] = [];
  for (const people of opts.quick ? [5_000] : [5_000, 50_000]) {
    opts.log(`refresh: ${people.toLocaleString('en')} people ...`);
    rows.push(...(await benchSize(people, opts, strace)));
  }
  return rows;
}
