// Shared helpers for the ledger specs: real temp workspaces, ledgers with a few entries, line
// surgery for the tampering specs, and child processes running the fixtures under tsx.
import { spawn } from 'node:child_process';
import { createPrivateKey, sign } from 'node:crypto';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  createLedger,
  decodeLine,
  encodeEntry,
  generateProfileKeys,
  GENESIS_PREV,
  openLedger,
  sha256Hex,
} from '../../../electron/core/ledger';
import type { LedgerEntry, ProfileKeys, UnsignedEntry, Workspace } from '../../../electron/core/ledger';
import { openStewardWorkspace } from '../../../electron/core/events';
import type { TrainingStartedData } from '../../../electron/core/training/events';
import { STEWARD_EVENTS } from '../../../electron/core/events';

export const FIXTURES = resolve(import.meta.dirname, 'fixtures');

const dirs: string[] = [];

export function tempDir(prefix = 'steward-ledger-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

/** For afterEach: removes every temp dir made by tempDir(). */
export function cleanupTempDirs(): void {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
}

/**
 * Valid `training.started` data tagged with `tag` (its moduleId is `m-<tag>`): the ledger specs
 * need some real event to append, and event data is validated on append.
 */
export function startedData(tag: string | number): TrainingStartedData {
  return { moduleId: `m-${tag}`, version: '1.0.0', contentHash: sha256Hex(String(tag)) };
}

export interface Fixture {
  ws: Workspace;
  keys: ProfileKeys;
  profileId: string;
  file: string;
  rel: string;
}

let clockMs = Date.parse('2026-01-01T00:00:00.000Z');
/** A clock that moves 1 ms per reading, so timestamps are distinct and ordered. */
export const testClock = (): Date => new Date(clockMs++);

/** A workspace with one profile and `entries` entries in total (genesis included). */
export async function makeLedger(entries = 1, ws?: Workspace): Promise<Fixture> {
  const workspace = ws ?? (await openStewardWorkspace(tempDir()));
  const keys = generateProfileKeys();
  const { profileId } = await createLedger(
    workspace,
    keys,
    { name: 'Ada Lovelace', email: 'ada@example.org', team: 'Research' },
    { now: testClock },
  );
  if (entries > 1) {
    const ledger = await openLedger(workspace, profileId, keys.privateKeyPem, { now: testClock });
    for (let i = 2; i <= entries; i++) await ledger.append('training.started', startedData(i));
    await ledger.close();
  }
  return {
    ws: workspace,
    keys,
    profileId,
    file: join(workspace.ledgersDir, `${profileId}.jsonl`),
    rel: `ledgers/${profileId}.jsonl`,
  };
}

/** The complete lines of a file, without their '\n'. */
export function readLines(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n');
  lines.pop();
  return lines;
}

export function writeLines(file: string, lines: string[]): void {
  writeFileSync(file, lines.map((l) => `${l}\n`).join(''));
}

export function decoded(line: string): LedgerEntry {
  const res = decodeLine(line, STEWARD_EVENTS);
  if (!res.ok) throw new Error(`fixture line does not decode: ${res.reason}`);
  return res.entry;
}

/** Real entries by `actor`, signed with `privateKeyPem` and chained in order from the genesis. */
export function signedChain(
  events: Pick<UnsignedEntry, 'type' | 'ts' | 'data'>[],
  actor: string,
  privateKeyPem: string,
): LedgerEntry[] {
  let prev = GENESIS_PREV;
  return events.map((e, i) => {
    const { entry } = encodeEntry(
      { seq: i + 1, ts: e.ts, type: e.type, actor, data: e.data, prev },
      privateKeyPem,
    );
    prev = entry.hash;
    return entry;
  });
}

/** A line with valid hash and signature (by `privateKeyPem`) for arbitrary fields. */
export function signedLine(fields: UnsignedEntry, privateKeyPem: string): string {
  return encodeEntry(fields, privateKeyPem).line.slice(0, -1);
}

/**
 * A line whose body is exactly `body` (any text), with a correct hash and a signature by
 * `privateKeyPem`: what a writer holding the key could produce.
 */
export function lineFromBody(body: string, privateKeyPem: string): string {
  const hash = sha256Hex(body);
  const sig = sign(null, Buffer.from(hash, 'hex'), createPrivateKey(privateKeyPem)).toString('base64');
  return `${body.slice(0, -1)},"hash":"${hash}","sig":"${sig}"}`;
}

/**
 * Rewrites entries from index `from` on: `mutate` may change the fields of entry `from`, then
 * it and every later entry are re-hashed, re-linked and re-signed with `privateKeyPem`.
 */
export function rewriteFrom(
  lines: string[],
  from: number,
  mutate: (fields: UnsignedEntry) => UnsignedEntry,
  privateKeyPem: string,
): string[] {
  const out = lines.slice(0, from);
  let prev = from === 0 ? '0'.repeat(64) : decoded(lines[from - 1] as string).hash;
  for (let i = from; i < lines.length; i++) {
    const e = decoded(lines[i] as string);
    let fields: UnsignedEntry = { seq: e.seq, ts: e.ts, type: e.type, actor: e.actor, data: e.data, prev };
    if (i === from) fields = mutate(fields);
    const { entry, line } = encodeEntry(fields, privateKeyPem);
    out.push(line.slice(0, -1));
    prev = entry.hash;
  }
  return out;
}

// ---- child processes ----------------------------------------------------------------------

export interface Child {
  proc: ChildProcess;
  lines: string[];
  /** Resolves with the first stdout line matching `re` (rejects if the child exits first). */
  waitFor(re: RegExp, timeoutMs?: number): Promise<string>;
  /**
   * Resolves once the child has exited AND its stdout and stderr are read to the end, so `lines`
   * is complete: at 'exit' a loaded machine may not have read the pipe yet.
   */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stderr(): string;
  /** Writes `line` to the child's stdin (only with `stdin: true`). */
  send(line: string): void;
}

/**
 * Runs test/core/ledger/fixtures/<script> under tsx with the current Node. With
 * fileSizeLimitKb the child runs under `ulimit -f` (POSIX shells only): writes past the limit
 * come back short and then fail with EFBIG. With stdin the child reads commands sent by `send`.
 */
export function runFixture(
  script: string,
  args: string[],
  opts: { fileSizeLimitKb?: number; stdin?: boolean } = {},
): Child {
  const argv = ['--import', 'tsx', join(FIXTURES, script), ...args];
  const stdio: ['ignore' | 'pipe', 'pipe', 'pipe'] = [opts.stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'];
  const proc =
    opts.fileSizeLimitKb === undefined
      ? spawn(process.execPath, argv, { stdio })
      : spawn(
          'sh',
          ['-c', `ulimit -f ${opts.fileSizeLimitKb} && exec "$0" "$@"`, process.execPath, ...argv],
          { stdio },
        );
  const lines: string[] = [];
  let partial = '';
  let err = '';
  const waiters: { re: RegExp; resolve: (l: string) => void }[] = [];
  proc.stdout?.setEncoding('utf8');
  proc.stdout?.on('data', (chunk: string) => {
    partial += chunk;
    let nl: number;
    while ((nl = partial.indexOf('\n')) >= 0) {
      const line = partial.slice(0, nl);
      partial = partial.slice(nl + 1);
      lines.push(line);
      for (let i = waiters.length - 1; i >= 0; i--) {
        const w = waiters[i] as { re: RegExp; resolve: (l: string) => void };
        if (w.re.test(line)) {
          waiters.splice(i, 1);
          w.resolve(line);
        }
      }
    }
  });
  // A child that died early shows in waitFor; the EPIPE of a later send must not crash the run.
  proc.stdin?.on('error', () => undefined);
  proc.stderr?.setEncoding('utf8');
  proc.stderr?.on('data', (chunk: string) => {
    err += chunk;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((res) => {
    proc.on('close', (code, signal) => res({ code, signal }));
  });
  return {
    proc,
    lines,
    exited,
    stderr: () => err,
    send(line) {
      if (!proc.stdin) throw new Error(`${script} was started without stdin`);
      proc.stdin.write(`${line}\n`);
    },
    waitFor(re, timeoutMs = 20_000) {
      const hit = lines.find((l) => re.test(l));
      if (hit !== undefined) return Promise.resolve(hit);
      return new Promise<string>((res, rej) => {
        const timer = setTimeout(
          () => rej(new Error(`timed out waiting for ${re}; stderr: ${err}`)),
          timeoutMs,
        );
        waiters.push({
          re,
          resolve: (l) => {
            clearTimeout(timer);
            res(l);
          },
        });
        void exited.then(({ code, signal }) => {
          clearTimeout(timer);
          rej(new Error(`child exited (${code ?? signal}) before printing ${re}; stderr: ${err}`));
        });
      });
    },
  };
}

/** Writes a profile's private key to a file a child process can read. */
export function keyFileFor(keys: ProfileKeys): string {
  const file = join(tempDir('steward-key-'), 'key.pem');
  writeFileSync(file, keys.privateKeyPem, { mode: 0o600 });
  return file;
}
