// Fast generator of a realistic workspace for the benchmarks: real createLedger for each
// genesis, then entries encoded and signed in-process with entry.ts (exactly what append
// writes), written in big batches with one fsync per file.
import { execFile, execFileSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { createLedger, encodeEntry, generateProfileKeys } from '../electron/core/ledger';
import type { EventData, EventType, ProfileKeys, Workspace } from '../electron/core/ledger';
import { ALL_MODULES } from '../test/support/moduleKey';
import { openStewardWorkspace, stewardWorkspace } from '../electron/core/events';
import { CACHE_ROOT } from './harness';

const TYPES: EventType[] = [
  'training.started',
  'training.quizAttempted',
  'training.attested',
  'training.completed',
];

const HEX = '0123456789abcdef';
const fakeHash = (i: number) => Array.from({ length: 64 }, (_, k) => HEX[(i * 7 + k * 13) % 16]).join('');

/** The module ids of content/modules, so that projections over the fixtures do real work. */
export const MODULE_IDS: readonly string[] = ALL_MODULES;

/** A quiz attempt of a few hundred bytes, shaped like what the app records. */
export function sampleAttempt(i: number): EventData<'training.quizAttempted'> {
  const correctCount = 4 + (i % 5);
  return {
    moduleId: MODULE_IDS[i % MODULE_IDS.length] as string,
    version: '1.0.0',
    contentHash: fakeHash(i),
    attempt: 1 + (i % 3),
    answers: {
      q1: ['a', 'c'],
      q2: ['b'],
      q3: [`${'abcd'[i % 4]}`],
      q4: ['d'],
      q5: ['a'],
      q6: ['b'],
      q7: ['c'],
      q8: ['a'],
    },
    score: Math.floor((correctCount * 100) / 8),
    correctCount,
    total: 8,
    passMark: 80,
    passed: correctCount * 100 >= 80 * 8,
  };
}

/** A payload for `type`, valid against its event schema. */
export function samplePayload(i: number, type: EventType = 'review.submitted'): Record<string, unknown> {
  const attempt = sampleAttempt(i);
  const ref = { moduleId: attempt.moduleId, version: attempt.version, contentHash: attempt.contentHash };
  switch (type) {
    case 'training.started':
      return ref;
    case 'training.quizAttempted':
      return attempt;
    case 'training.attested':
      return {
        ...ref,
        statement: 'I understand this module and will apply it in my work with customer data.',
      };
    case 'training.completed':
      return {
        ...ref,
        score: 87,
        passMark: 80,
        completedAt: new Date(1_767_225_600_000 + i * 1000).toISOString(),
        expiresAt: new Date(1_798_761_600_000 + i * 1000).toISOString(),
        attemptHash: fakeHash(i + 1),
      };
    default:
      return {
        reviewId: `review-${i % 53}`,
        version: 1 + (i % 3),
        answers: { q1: i % 4, q2: [i % 2 === 0, i % 3 === 0], q3: `free text answer number ${i}` },
        note: 'The data set is anonymised before analysis; access is limited to the project team.',
      };
  }
}

export interface GeneratedLedger {
  profileId: string;
  keys: ProfileKeys;
  file: string;
}

/** Creates `ledgers` ledgers of `entriesPerLedger` entries each (genesis included). */
export async function generateWorkspace(
  dir: string,
  ledgers: number,
  entriesPerLedger: number,
): Promise<{ ws: Workspace; ledgers: GeneratedLedger[] }> {
  const ws = await openStewardWorkspace(dir);
  const out: GeneratedLedger[] = [];
  for (let l = 0; l < ledgers; l++)
    out.push(...(await generateWorkspaceFrom(ws, l, entriesPerLedger)).ledgers);
  return { ws, ledgers: out };
}

/** Creates ledger number `l` of a workspace (its clock starts where ledger l would start). */
async function generateWorkspaceFrom(
  ws: Workspace,
  l: number,
  entriesPerLedger: number,
): Promise<{ ledgers: GeneratedLedger[] }> {
  let clock = Date.parse('2026-01-01T00:00:00.000Z') + l * entriesPerLedger * 1_000;
  const keys = generateProfileKeys();
  const { profileId, entry: genesis } = await createLedger(
    ws,
    keys,
    { name: `Person ${l}`, email: `person${l}@example.org`, team: `Team ${l % 3}` },
    { now: () => new Date(clock) },
  );
  const file = join(ws.ledgersDir, `${profileId}.jsonl`);
  const fd = openSync(file, 'a');
  try {
    let prev = genesis.hash;
    let batch: string[] = [];
    for (let seq = 2; seq <= entriesPerLedger; seq++) {
      clock += 1_000;
      const type = TYPES[seq % TYPES.length] as EventType;
      const { entry, line } = encodeEntry(
        {
          seq,
          ts: new Date(clock).toISOString(),
          type,
          actor: profileId,
          data: samplePayload(seq, type),
          prev,
        },
        keys.privateKeyPem,
      );
      prev = entry.hash;
      batch.push(line);
      if (batch.length === 2_000) {
        writeSync(fd, batch.join(''));
        batch = [];
      }
    }
    if (batch.length > 0) writeSync(fd, batch.join(''));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return { ledgers: [{ profileId, keys, file }] };
}

// ---- cached fixtures ----------------------------------------------------------------------
// Large workspaces (up to 1M entries) take minutes to sign; they are generated once into
// <tmpdir>/steward-bench-cache/<name>, two processes at a time (one per core), and reused.

export interface CachedWorkspace {
  dir: string;
  ws: Workspace;
  ledgers: GeneratedLedger[];
  entries: number;
}

/** Generates ledgers [from, to) of a workspace (used by the child processes). */
export async function generateLedgers(
  dir: string,
  from: number,
  to: number,
  entriesPerLedger: number,
): Promise<GeneratedLedger[]> {
  const ws = await openStewardWorkspace(dir);
  const out: GeneratedLedger[] = [];
  for (let l = from; l < to; l++) {
    const [one] = (await generateWorkspaceFrom(ws, l, entriesPerLedger)).ledgers;
    out.push(one as GeneratedLedger);
  }
  return out;
}

/** A workspace of `ledgers` x `entriesPerLedger` entries from the cache, generated if missing. */
export async function cachedWorkspace(
  ledgers: number,
  entriesPerLedger: number,
  log: (line: string) => void,
): Promise<CachedWorkspace> {
  const name = `ws-${ledgers}x${entriesPerLedger}-v1`;
  const dir = join(CACHE_ROOT, name);
  const manifest = join(dir, 'bench-manifest.json');
  if (existsSync(manifest)) {
    const saved = JSON.parse(readFileSync(manifest, 'utf8')) as GeneratedLedger[];
    return {
      dir: join(dir, 'ws'),
      ws: stewardWorkspace(join(dir, 'ws')),
      ledgers: saved,
      entries: ledgers * entriesPerLedger,
    };
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const total = ledgers * entriesPerLedger;
  log(`  generating ${total.toLocaleString('en')} signed entries into ${dir} (once; cached) ...`);
  const started = Date.now();
  const procs = Math.max(1, Math.min(availableParallelism(), ledgers));
  const per = Math.ceil(ledgers / procs);
  const child = join(import.meta.dirname, 'fixture-child.ts');
  const parts = await Promise.all(
    Array.from({ length: procs }, (_, p) => {
      const from = p * per;
      const to = Math.min(ledgers, from + per);
      return new Promise<GeneratedLedger[]>((resolvePart, reject) => {
        execFile(
          process.execPath,
          ['--import', 'tsx', child, join(dir, 'ws'), String(from), String(to), String(entriesPerLedger)],
          { maxBuffer: 64 << 20 },
          (err, stdout) => (err ? reject(err) : resolvePart(JSON.parse(stdout) as GeneratedLedger[])),
        );
      });
    }),
  );
  const all = parts.flat();
  writeFileSync(manifest, JSON.stringify(all));
  // Flush the fixture's dirty pages now, or their writeback slows every fsync measured next.
  execFileSync('sync');
  log(`  generated in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return { dir: join(dir, 'ws'), ws: stewardWorkspace(join(dir, 'ws')), ledgers: all, entries: total };
}
