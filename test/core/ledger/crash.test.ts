// SIGKILL a writer at random moments, 20 times on the same ledger: every acknowledged (fsync'd)
// entry survives, the chain verifies, the stale lock is taken over, appending continues.
import { afterEach, describe, expect, it } from 'vitest';
import { openLedger, readLedgerFile } from '../../../electron/core/ledger';
import { cleanupTempDirs, keyFileFor, makeLedger, runFixture, startedData } from './helpers';

afterEach(cleanupTempDirs);

const ROUNDS = 20;

describe('crash safety', () => {
  it(`survives ${ROUNDS} SIGKILLs of an appending process`, { timeout: 90_000 }, async () => {
    const f = await makeLedger(1);
    const keyFile = keyFileFor(f.keys);
    let expectedHead = 1;
    let takeovers = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const child = runFixture('append-loop.ts', [f.ws.dir, f.profileId, keyFile, 'loop', 'forever']);
      expect(await child.waitFor(/^open /)).toBe(`open ${expectedHead}`);
      // Let it acknowledge a few entries, then kill it at a random moment.
      await child.waitFor(new RegExp(`^ack ${expectedHead + 3}$`));
      await new Promise((r) => setTimeout(r, Math.random() * 40));
      child.proc.kill('SIGKILL');
      const { signal } = await child.exited;
      expect(signal).toBe('SIGKILL');
      const acked = child.lines.filter((l) => l.startsWith('ack ')).map((l) => Number(l.slice(4)));
      expect(acked.length).toBeGreaterThanOrEqual(3);
      expect(acked).toEqual(acked.map((_, i) => expectedHead + 1 + i));
      const lastAck = acked[acked.length - 1] as number;

      // Reopen: the dead child's lock is stale and is taken over.
      const ledger = await openLedger(f.ws, f.profileId, f.keys.privateKeyPem);
      takeovers++;
      expect(ledger.readOnly).toBeNull();
      const head = ledger.head();
      // Every acknowledged entry is there; at most one more (written, killed before printing).
      expect(head.seq).toBeGreaterThanOrEqual(lastAck);
      expect(head.seq).toBeLessThanOrEqual(lastAck + 1);
      const read = await readLedgerFile(f.ws, f.rel, { depth: 'full' });
      expect(read.problems).toEqual([]);
      expect(read.entries.map((e) => e.seq)).toEqual(read.entries.map((_, i) => i + 1));
      for (const seq of acked) {
        expect(read.entries[seq - 1]?.data).toMatchObject({
          moduleId: expect.stringMatching(new RegExp(`^pid-${child.proc.pid}-`)),
        });
      }
      const next = await ledger.append('training.started', startedData(`round-${round}`));
      expect(next.seq).toBe(head.seq + 1);
      await ledger.close();
      expectedHead = next.seq;
    }
    expect(takeovers).toBe(ROUNDS);
    const final = await readLedgerFile(f.ws, f.rel, { depth: 'full' });
    expect(final.problems).toEqual([]);
    expect(final.entries).toHaveLength(expectedHead);
  });
});
