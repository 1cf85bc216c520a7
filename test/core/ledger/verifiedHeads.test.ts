// The app's memory of what it verified in full: kept across opens in its own data folder, read
// back exactly, ignored when the rules it was made under change, and harmless when damaged.
import { appendFileSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openVerifiedHeads, verificationRules } from '../../../electron/core/ledger';
import { STEWARD_EVENTS } from '../../../electron/core/events';
import { cleanupTempDirs, tempDir } from './helpers';

afterEach(cleanupTempDirs);

const head = (seq: number, c = 'a') => ({ seq, hash: c.repeat(64), bytes: seq * 100, sha: 'b'.repeat(64) });
const A = `p${'1'.repeat(20)}`;
const B = `p${'2'.repeat(20)}`;

describe('openVerifiedHeads', () => {
  it('keeps what was recorded across opens, the last record of each ledger winning', () => {
    const file = join(tempDir(), 'app', 'verified-ledgers.log');
    const rules = verificationRules(STEWARD_EVENTS, '1.0.0');
    const first = openVerifiedHeads(file, rules);
    first.set(A, head(3));
    first.set(B, head(5));
    first.flush();
    first.set(A, head(4, 'c'));
    first.flush();
    const again = openVerifiedHeads(file, rules);
    expect(again.get(A)).toEqual(head(4, 'c'));
    expect(again.get(B)).toEqual(head(5));
    expect(again.get(`p${'3'.repeat(20)}`)).toBeUndefined();
  });

  it('forgets everything when the rules change (another app version, other events)', () => {
    const file = join(tempDir(), 'verified-ledgers.log');
    const v1 = openVerifiedHeads(file, verificationRules(STEWARD_EVENTS, '1.0.0'));
    v1.set(A, head(3));
    v1.flush();
    expect(openVerifiedHeads(file, verificationRules(STEWARD_EVENTS, '1.0.0')).get(A)).toEqual(head(3));
    const v2 = openVerifiedHeads(file, verificationRules(STEWARD_EVENTS, '1.0.1'));
    expect(v2.get(A)).toBeUndefined();
    v2.set(B, head(2));
    v2.flush();
    expect(readFileSync(file, 'utf8')).not.toContain(A);
  });

  it('skips a torn or garbled line, and reads nothing through a symlink', () => {
    const dir = tempDir();
    const file = join(dir, 'verified-ledgers.log');
    const rules = verificationRules(STEWARD_EVENTS);
    const heads = openVerifiedHeads(file, rules);
    heads.set(A, head(3));
    heads.flush();
    appendFileSync(file, `${B} 9 zz\n${B} 7 ${'a'.repeat(64)} 700 ${'b'.repeat(32)}`); // garbled, then torn
    const again = openVerifiedHeads(file, rules);
    expect(again.get(A)).toEqual(head(3));
    expect(again.get(B)).toBeUndefined();

    const elsewhere = join(dir, 'elsewhere.log');
    writeFileSync(elsewhere, readFileSync(file));
    const link = join(dir, 'link.log');
    symlinkSync(elsewhere, link);
    const errors: unknown[] = [];
    expect(openVerifiedHeads(link, rules, (e) => errors.push(e)).get(A)).toBeUndefined();
    expect(errors).toHaveLength(1);
  });

  it('compacts a log that holds many stale lines', () => {
    const file = join(tempDir(), 'verified-ledgers.log');
    const rules = verificationRules(STEWARD_EVENTS);
    const heads = openVerifiedHeads(file, rules);
    for (let seq = 1; seq <= 1500; seq++) {
      heads.set(A, head(seq));
      heads.flush();
    }
    const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
    expect(lines.length).toBeLessThan(1100);
    expect(openVerifiedHeads(file, rules).get(A)).toEqual(head(1500));
  });
});
