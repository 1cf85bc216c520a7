// Two processes append to their own ledgers in one workspace at the same time while this
// process keeps reading the workspace.
import { afterEach, describe, expect, it } from 'vitest';
import { allEntriesInOrder, readWorkspace } from '../../../electron/core/ledger';
import type { LedgerEntry } from '../../../electron/core/ledger';
import { cleanupTempDirs, keyFileFor, makeLedger, runFixture } from './helpers';

afterEach(cleanupTempDirs);

const EACH = 200;

describe('concurrent writers', () => {
  it(
    `two processes x ${EACH} appends; readers see consistent ledgers throughout`,
    { timeout: 60_000 },
    async () => {
      const a = await makeLedger(1);
      const b = await makeLedger(1, a.ws);
      const writers = [a, b].map((f) =>
        runFixture('append-loop.ts', [f.ws.dir, f.profileId, keyFileFor(f.keys), 'loop', String(EACH)]),
      );
      const finished = Promise.all(writers.map((w) => w.exited));
      let running = true;
      void finished.then(() => {
        running = false;
      });
      let reads = 0;
      let sawBoth = false;
      while (running) {
        const { report, ledgers } = await readWorkspace(a.ws, { depth: 'quick' });
        expect(report.ok, JSON.stringify(report.problems)).toBe(true);
        expect(report.problems.every((p) => p.severity === 'warning')).toBe(true);
        if (ledgers.every((l) => l.entries.length > 1)) sawBoth = true;
        reads++;
        await new Promise((r) => setTimeout(r, 5));
      }
      const exits = await finished;
      for (const [i, w] of writers.entries()) {
        expect(exits[i], w.stderr()).toEqual({ code: 0, signal: null });
        expect(w.lines[w.lines.length - 1]).toBe('done');
      }
      expect(reads).toBeGreaterThan(0);
      expect(sawBoth).toBe(true);

      const { ledgers, report } = await readWorkspace(a.ws, { depth: 'full' });
      expect(report).toMatchObject({ ok: true, problems: [] });
      expect(report.ledgers.map((l) => l.entries)).toEqual([EACH + 1, EACH + 1]);
      const all = allEntriesInOrder(ledgers);
      expect(all).toHaveLength(2 * (EACH + 1));
      const key = (e: LedgerEntry) => [e.ts, e.actor, String(e.seq).padStart(8, '0')].join('|');
      for (let i = 1; i < all.length; i++)
        expect(key(all[i - 1] as LedgerEntry) <= key(all[i] as LedgerEntry)).toBe(true);
      for (const f of [a, b]) {
        const mine = all.filter((e) => e.actor === f.profileId).map((e) => e.seq);
        expect(mine).toEqual(Array.from({ length: EACH + 1 }, (_, i) => i + 1));
      }
    },
  );
});
