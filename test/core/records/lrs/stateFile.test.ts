// lrs.json: written atomically and privately, read back as written, and a damaged file moved
// aside with the person told where it went, never silently replaced.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  emptyLrsState,
  lrsStatePath,
  readLrsState,
  writeLrsState,
} from '../../../../electron/core/records/lrs/stateFile';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'steward-lrs-state-'));
  dirs.push(dir);
  return dir;
}
const NOW = new Date('2025-05-06T07:08:09.010Z');

describe('LRS state file', () => {
  it('starts empty when there is no file', () => {
    expect(readLrsState(tempDir(), NOW)).toEqual(emptyLrsState());
  });

  it('round-trips, mode 0600, leaving no temp file', () => {
    const dir = path.join(tempDir(), 'user-data');
    const state = {
      ...emptyLrsState(),
      endpoint: 'https://lrs.example.com/xAPI',
      key: 'k',
      enabled: true,
      secret: { protection: 'file' as const, value: 'c2VjcmV0' },
      sent: ['a', 'b'],
      refused: [{ statementId: 'c', reason: 'HTTP 400: bad' }],
      failures: 2,
      nextAttemptAt: NOW.toISOString(),
      lastError: 'down',
    };
    writeLrsState(dir, state);
    expect(readLrsState(dir, NOW)).toEqual(state);
    expect(fs.statSync(lrsStatePath(dir)).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(dir)).toEqual(['lrs.json']);
  });

  it('makes a leftover temp file private again before writing through it', () => {
    const dir = tempDir();
    const tmp = `${lrsStatePath(dir)}.tmp-${process.pid}`;
    fs.writeFileSync(tmp, 'old', { mode: 0o644 });
    writeLrsState(dir, emptyLrsState());
    expect(fs.statSync(lrsStatePath(dir)).mode & 0o777).toBe(0o600);
  });

  for (const [label, text] of [
    ['not JSON', '{"version":1,'],
    ['a field of the wrong type', JSON.stringify({ ...emptyLrsState(), sent: 'all' })],
    ['an unknown version', JSON.stringify({ ...emptyLrsState(), version: 2 })],
  ] as const) {
    it(`moves a damaged file aside (${label}) and says where`, () => {
      const dir = tempDir();
      fs.writeFileSync(lrsStatePath(dir), text);
      const state = readLrsState(dir, NOW);
      const aside = `${lrsStatePath(dir)}.corrupt-2025-05-06T07-08-09-010Z`;
      expect(fs.readFileSync(aside, 'utf8')).toBe(text);
      expect(fs.existsSync(lrsStatePath(dir))).toBe(false);
      expect(state).toEqual({ ...emptyLrsState(), lastError: state.lastError });
      expect(state.lastError).toContain(aside);
      expect(state.lastError).toMatch(/Enter the LRS endpoint, key and secret again/);
    });
  }
});
