// The roster projection on its own, from plain entries (signatures are the ledger's business):
// who holds a key when, as keys move between people, and a roster of thousands in linear time.
import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { LedgerEntry } from '../../../electron/core/ledger';
import { ownerAt, ownerEver, projectOrg } from '../../../electron/core/org/roster';

const hex = (n: number, seed: string) => crypto.createHash('sha256').update(seed).digest('hex').slice(0, n);
const profile = (name: string) => `p${hex(20, `profile ${name}`)}`;
const personId = (name: string) => `u${hex(20, `person ${name}`)}`;

/** Entries of one admin (the founder), each naming the previous as `after`, a minute apart. */
function chain() {
  const founder = profile('founder');
  const entries: LedgerEntry[] = [];
  let minute = 0;
  const ts = () => new Date(Date.UTC(2026, 2, 2, 9, minute++)).toISOString();
  const genesis = {
    seq: 1,
    ts: ts(),
    actor: founder,
    prev: '0'.repeat(64),
    hash: hex(64, 'genesis'),
    sig: '',
    type: 'org.created',
    data: {
      name: 'Acme',
      teams: ['Legal', 'Sales'],
      founder: { personId: personId('founder'), name: 'Dana', email: 'dana@example.com', team: 'Legal' },
    },
  } as unknown as LedgerEntry;
  entries.push(genesis);
  const orgId = genesis.hash;
  const add = (type: string, data: Record<string, unknown>): string => {
    const e = {
      seq: entries.length + 1,
      ts: ts(),
      actor: founder,
      prev: entries.at(-1)!.hash,
      hash: hex(64, `entry ${entries.length}`),
      sig: '',
      type,
      data: { orgId, after: entries.at(-1)!.hash, ...data },
    } as unknown as LedgerEntry;
    entries.push(e);
    return e.ts;
  };
  const enrol = (name: string, keys: string[]) =>
    add('org.personEnrolled', {
      personId: personId(name),
      name,
      email: `${name.toLowerCase().replace(/ /g, '.')}@example.com`,
      team: 'Sales',
      profileIds: keys,
    });
  return { entries, orgId, add, enrol, founder };
}

describe('the roster: who holds a key', () => {
  it('follows a key from one person to another, and refuses it to a second holder while it is held', () => {
    const c = chain();
    const shared = profile('shared laptop');
    const t1 = c.enrol('Ann', [shared]);
    c.enrol('Bob', [shared]); // taken by Ann: ignored
    c.enrol('Bob', []);
    const t2 = c.add('org.keyRevoked', { personId: personId('Ann'), profileId: shared });
    const t3 = c.add('org.keyAdded', { personId: personId('Bob'), profileId: shared });
    const org = projectOrg(c.entries, c.orgId)!;

    expect(org.ignored.map((i) => i.reason.code)).toEqual(['org.keyTaken']);
    expect(ownerAt(org, shared, t1)?.name).toBe('Ann');
    expect(ownerAt(org, shared, t2)).toBeNull();
    expect(ownerAt(org, shared, t3)?.name).toBe('Bob');
    // Named after the first person who held it, as before the move.
    expect(ownerEver(org, shared)?.name).toBe('Ann');
    expect(ownerAt(org, c.founder, t3)?.name).toBe('Dana');
    expect(ownerEver(org, profile('nobody'))).toBeNull();
    // The same answers from a roster that projectOrg did not make (scanned, not indexed).
    const copy = { people: new Map(org.people) };
    expect(ownerAt(copy, shared, t1)?.name).toBe('Ann');
    expect(ownerAt(copy, shared, t3)?.name).toBe('Bob');
    expect(ownerEver(copy, shared)?.name).toBe('Ann');
  });

  it('projects 20,000 enrolments, each with its own key, in linear time', () => {
    const time = (n: number) => {
      const c = chain();
      for (let i = 0; i < n; i++) c.enrol(`Person ${i}`, [profile(`person ${i}`)]);
      const t0 = performance.now();
      const org = projectOrg(c.entries, c.orgId)!;
      const ms = performance.now() - t0;
      expect(org.people.size).toBe(n + 1);
      expect(org.ignored).toEqual([]);
      return ms;
    };
    time(2_000); // warm up
    const small = Math.min(time(5_000), time(5_000));
    const large = Math.min(time(20_000), time(20_000));
    // Four times the people: about four times the time when linear, sixteen when quadratic.
    expect(large / small, `5,000: ${small.toFixed(0)} ms, 20,000: ${large.toFixed(0)} ms`).toBeLessThan(9);
  });
});

describe('an admin whose rights ended, backdating', () => {
  it('a grant dated inside his rights counts only until a witness saw his ledger without it after they ended', () => {
    const c = chain();
    const eveKey = profile('eve laptop');
    c.enrol('Eve', [eveKey]);
    c.add('org.roleGranted', {
      grantId: `g${hex(16, 'eve admin')}`,
      personId: personId('Eve'),
      role: 'admin',
      teams: null,
      from: null,
      until: null,
    });
    c.enrol('Mallory', []);
    const seen = c.entries.at(-1)!.hash; // what Eve last saw: the roster before her rights ended
    c.add('org.roleRevoked', { grantId: `g${hex(16, 'eve admin')}`, until: '2026-03-02' });
    // Written weeks later by Eve's own code, dated on the 2nd, inside her rights, naming what she saw.
    const backdated = {
      seq: 2,
      ts: '2026-03-02T10:00:00.000Z',
      actor: eveKey,
      prev: hex(64, 'eve genesis'),
      hash: hex(64, 'eve backdated grant'),
      sig: '',
      type: 'org.roleGranted',
      data: {
        orgId: c.orgId,
        after: seen,
        grantId: `g${hex(16, 'mallory admin')}`,
        personId: personId('Mallory'),
        role: 'admin',
        teams: null,
        from: null,
        until: null,
      },
    } as unknown as LedgerEntry;
    const entries = [...c.entries, backdated];
    const isMalloryAdmin = (org: ReturnType<typeof projectOrg>) =>
      org!.grants.some((g) => g.personId === personId('Mallory') && g.role === 'admin');

    // Nothing bounds it: its own date stands (the gap witnessing closes).
    expect(isMalloryAdmin(projectOrg(entries, c.orgId))).toBe(true);
    // A checkpoint on the 20th saw Eve's ledger without it: it is judged on the 20th, refused.
    const witnessed = projectOrg(entries, c.orgId, (e) =>
      e.hash === backdated.hash ? '2026-03-20T09:00:00.000Z' : null,
    )!;
    expect(isMalloryAdmin(witnessed)).toBe(false);
    expect(witnessed.ignored.map((i) => i.hash)).toContain(backdated.hash);
  });
});
