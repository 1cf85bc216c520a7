// Fast generator of a realistic workspace for the benchmarks: real createLedger for each
// genesis, then entries encoded and signed in-process with entry.ts (exactly what append
// writes), written in big batches with one fsync per file.
import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { createLedger, encodeEntry, generateProfileKeys, openWorkspace } from '../electron/core/ledger';
import type { EventData, EventType, ProfileKeys, Workspace } from '../electron/core/ledger';

const TYPES: EventType[] = [
  'training.started',
  'training.quizAttempted',
  'training.attested',
  'training.completed',
];

const HEX = '0123456789abcdef';
const fakeHash = (i: number) => Array.from({ length: 64 }, (_, k) => HEX[(i * 7 + k * 13) % 16]).join('');

/** A quiz attempt of a few hundred bytes, shaped like what the app records. */
export function sampleAttempt(i: number): EventData<'training.quizAttempted'> {
  const correctCount = 4 + (i % 5);
  return {
    moduleId: `module-${i % 37}`,
    version: `${1 + (i % 3)}.0.0`,
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
  const ws = await openWorkspace(dir);
  const out: GeneratedLedger[] = [];
  let clock = Date.parse('2026-01-01T00:00:00.000Z');
  for (let l = 0; l < ledgers; l++) {
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
        const { entry, line } = encodeEntry(
          {
            seq,
            ts: new Date(clock).toISOString(),
            type: TYPES[seq % TYPES.length] as EventType,
            actor: profileId,
            data: samplePayload(seq, TYPES[seq % TYPES.length]),
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
    out.push({ profileId, keys, file });
  }
  return { ws, ledgers: out };
}
