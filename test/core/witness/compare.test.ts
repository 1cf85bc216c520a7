// The witnesses' pure parts: how a checkpoint is cut into lines, how many ledgers a daily one
// samples, and the time bound a witness puts on later entries (witnessBounds).
import { afterEach, describe, expect, it } from 'vitest';
import { STEWARD_EVENTS } from '../../../electron/core/events';
import {
  createLedger,
  encodeEntry,
  generateProfileKeys,
  openLedger,
  readWorkspace,
  type ProfileKeys,
  type Workspace,
} from '../../../electron/core/ledger';
import { checkpointEntries, dailySample, dailySampleSize } from '../../../electron/core/witness/checkpoint';
import { witnessBounds } from '../../../electron/core/witness/compare';
import { MAX_HEADS_PER_CHECKPOINT, type WitnessedHead } from '../../../electron/core/witness/events';
import { openStewardWorkspace } from '../../../electron/core/events';
import { cleanupTempDirs, startedData, tempDir } from '../ledger/helpers';

afterEach(cleanupTempDirs);

const hex = (n: number, width = 64) => n.toString(16).padStart(width, '0');

describe('checkpoint lines', () => {
  it('cuts 5,000 heads into entries of at most 192, each line under 52 KB, every head once', () => {
    const keys = generateProfileKeys();
    const heads: WitnessedHead[] = Array.from({ length: 5000 }, (_, i) => [
      `p${hex(i, 20)}`,
      100_000 + i,
      hex(i),
      `${'A'.repeat(86)}==`,
      `MCowBQYDK2VwAyEA${'B'.repeat(43)}=`,
    ]);
    const entries = checkpointEntries(heads, 'export');
    expect(entries).toHaveLength(Math.ceil(5000 / MAX_HEADS_PER_CHECKPOINT));
    expect(entries.flatMap((e) => e.heads.map((h) => h[0])).sort()).toEqual(heads.map((h) => h[0]).sort());
    for (const data of entries) {
      expect(STEWARD_EVENTS.check('witness.checkpoint', data)).toBeNull();
      const { line } = encodeEntry(
        {
          seq: 1_000_000,
          ts: new Date().toISOString(),
          type: 'witness.checkpoint',
          actor: `p${hex(1, 20)}`,
          data,
          prev: hex(0),
        },
        keys.privateKeyPem,
      );
      expect(Buffer.byteLength(line)).toBeLessThan(52 * 1024);
    }
  });

  it('a daily checkpoint samples about 8 witnesses per changed ledger across the workspace, at least 4', () => {
    expect(dailySampleSize(4999, 5000)).toBe(8);
    expect(dailySampleSize(500, 5000)).toBe(4);
    expect(dailySampleSize(9, 10)).toBe(8);
    expect(dailySampleSize(3, 4)).toBe(3);
    expect(dailySampleSize(0, 4)).toBe(0);
  });

  it('different apps and days sample different ledgers', () => {
    const ledgers = Array.from({ length: 200 }, (_, i) => ({ profileId: `p${hex(i, 20)}` }) as never);
    const pick = (w: string, day: string) =>
      dailySample(w, day, ledgers, 8)
        .map((l: { profileId: string }) => l.profileId)
        .join();
    expect(pick('pa', '2026-03-02')).toBe(pick('pa', '2026-03-02'));
    expect(pick('pa', '2026-03-02')).not.toBe(pick('pb', '2026-03-02'));
    expect(pick('pa', '2026-03-02')).not.toBe(pick('pa', '2026-03-03'));
  });
});

describe('witnessBounds', () => {
  async function person(ws: Workspace, name: string): Promise<{ id: string; keys: ProfileKeys }> {
    const keys = generateProfileKeys();
    const { profileId } = await createLedger(
      ws,
      keys,
      { name, email: 'x@example.com', team: 'T' },
      {
        now: () => new Date('2026-01-01T00:00:00Z'),
      },
    );
    return { id: profileId, keys };
  }

  it('entries after what a witness saw cannot be older than the sighting; a stale sighting does not count', async () => {
    const ws = await openStewardWorkspace(tempDir('steward-bounds-'));
    const rita = await person(ws, 'Rita');
    const wes = await person(ws, 'Wes');
    const ivan = await person(ws, 'Ivan');
    let t = '2026-01-01T00:00:00.000Z';
    const at = (iso: string) => () => new Date((t = iso));
    const ritaLedger = await openLedger(ws, rita.id, rita.keys.privateKeyPem, { now: () => new Date(t) });
    const wesLedger = await openLedger(ws, wes.id, wes.keys.privateKeyPem, { now: () => new Date(t) });
    const ivanLedger = await openLedger(ws, ivan.id, ivan.keys.privateKeyPem, { now: () => new Date(t) });
    const heads: [string, number, string, string][] = [];
    for (let i = 2; i <= 6; i++) {
      const e = await ritaLedger.append('training.started', startedData(i));
      heads[i] = [rita.id, i, e.hash, e.sig];
    }
    at('2026-02-01T00:00:00.000Z')();
    await wesLedger.append('witness.checkpoint', { occasion: 'daily', heads: [heads[3]!] });
    at('2026-03-01T00:00:00.000Z')();
    await wesLedger.append('witness.checkpoint', { occasion: 'daily', heads: [heads[6]!] });
    // Ivan says, later still, that he saw Rita with 2 entries: out of date when he said it.
    at('2026-04-01T00:00:00.000Z')();
    await ivanLedger.append('witness.checkpoint', { occasion: 'daily', heads: [heads[2]!] });
    for (const l of [ritaLedger, wesLedger, ivanLedger]) await l.close();

    const { ledgers } = await readWorkspace(ws, { depth: 'full' });
    const bound = witnessBounds(ledgers);
    expect(bound(rita.id, 1)).toBeNull();
    expect(bound(rita.id, 3)).toBeNull(); // Ivan's stale sighting of 2 does not bound entry 3
    expect(bound(rita.id, 4)).toBe('2026-02-01T00:00:00.000Z');
    expect(bound(rita.id, 6)).toBe('2026-02-01T00:00:00.000Z');
    expect(bound(rita.id, 7)).toBe('2026-03-01T00:00:00.000Z');
    expect(bound.detail(rita.id, 7)).toEqual({ after: '2026-03-01T00:00:00.000Z', witness: wes.id, seen: 6 });
    expect(bound(wes.id, 2)).toBeNull();
  });
});
