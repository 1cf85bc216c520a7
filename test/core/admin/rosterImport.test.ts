// Planning a roster import on its own (the services' tests drive it end to end): an identity
// provider's export of thousands of people, each with the fingerprint of their key.
import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { planRosterImport } from '../../../electron/core/admin/rosterImport';
import type { LedgerEntry } from '../../../electron/core/ledger';
import type { ProfileFacts } from '../../../electron/core/org/authority';
import { projectOrg } from '../../../electron/core/org/roster';

const hex = (n: number, seed: string) => crypto.createHash('sha256').update(seed).digest('hex').slice(0, n);
const fingerprint = (i: number) => (hex(32, `key ${i}`).match(/.{4}/g) as string[]).join(' ');

function orgWithProfiles(n: number) {
  const genesis = {
    seq: 1,
    ts: '2026-03-02T09:00:00.000Z',
    actor: `p${hex(20, 'founder')}`,
    prev: '0'.repeat(64),
    hash: hex(64, 'genesis'),
    sig: '',
    type: 'org.created',
    data: {
      name: 'Acme',
      teams: ['Legal', 'Sales'],
      founder: { personId: `u${hex(20, 'founder')}`, name: 'Dana', email: 'dana@example.com', team: 'Legal' },
    },
  } as unknown as LedgerEntry;
  const org = projectOrg([genesis], genesis.hash)!;
  const profiles = new Map<string, ProfileFacts>();
  for (let i = 0; i < n; i++) {
    const id = `p${hex(20, `profile ${i}`)}`;
    profiles.set(id, {
      id,
      name: `Person ${i}`,
      email: `person${i}@example.org`,
      team: 'Sales',
      fingerprint: fingerprint(i),
      createdAt: '2026-03-01T09:00:00.000Z',
    });
  }
  const csv = [
    'displayName,mail,department,fingerprint',
    ...Array.from({ length: n }, (_, i) => `Person ${i},person${i}@example.org,Sales,${fingerprint(i)}`),
  ].join('\n');
  return { org, profiles, csv };
}

describe('planning a roster import', () => {
  it("matches each row's fingerprint to that person's profile, in linear time", () => {
    const now = new Date('2026-03-02T10:00:00Z');
    const time = (n: number) => {
      const { org, profiles, csv } = orgWithProfiles(n);
      const t0 = performance.now();
      const plan = planRosterImport(csv, org, profiles, now);
      const ms = performance.now() - t0;
      expect(plan.rowProblems).toEqual([]);
      expect(plan.add).toHaveLength(n);
      expect(plan.add[n - 1]!.profileIds).toEqual([[...profiles.keys()][n - 1]]);
      return ms;
    };
    time(1_000); // warm up
    const small = Math.min(time(2_000), time(2_000));
    const large = Math.min(time(8_000), time(8_000));
    // Four times the rows: about four times the time when linear, sixteen when quadratic.
    expect(large / small, `2,000: ${small.toFixed(0)} ms, 8,000: ${large.toFixed(0)} ms`).toBeLessThan(9);
  });

  it('refuses a fingerprint whose profile has another email', () => {
    const { org, profiles } = orgWithProfiles(3);
    const plan = planRosterImport(
      `displayName,mail,department,fingerprint\nMallory,mallory@example.org,Sales,${fingerprint(1)}`,
      org,
      profiles,
      new Date('2026-03-02T10:00:00Z'),
    );
    expect(plan.rowProblems).toEqual([
      { row: 2, reason: expect.objectContaining({ code: 'roster.fingerprintUnknown' }) },
    ]);
  });
});
