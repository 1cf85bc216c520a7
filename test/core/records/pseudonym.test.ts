import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { StewardError } from '../../../electron/core/errors';
import {
  pseudonymCode,
  pseudonymFor,
  pseudonymIdFor,
  pseudonymiseView,
  WITHHELD,
} from '../../../electron/core/records/pseudonym';
import { makeView, PEOPLE } from './fixtures/recordsView';

const KEY = Buffer.from('6b1f0c3e9a2d4f5e8c7b6a5d4e3f2a1b', 'hex');
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const FORMAT = /^Person [0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

describe('pseudonymFor', () => {
  it('is short, readable and stable for a key and an id', () => {
    const a = pseudonymFor(KEY, 'p0123456789abcdef0123');
    expect(a).toMatch(FORMAT);
    expect(pseudonymFor(Buffer.from(KEY), 'p0123456789abcdef0123')).toBe(a);
  });

  it('encodes the first 40 bits of HMAC-SHA256(key, id) in Crockford base32', () => {
    const id = 'p5a5a5a5a5a5a5a5a5a5a';
    const code = pseudonymCode(KEY, id).replace('-', '');
    let bits = 0n;
    for (const ch of code) bits = (bits << 5n) | BigInt(CROCKFORD.indexOf(ch));
    const digest = createHmac('sha256', KEY).update(id).digest();
    expect(bits).toBe(BigInt(`0x${digest.subarray(0, 5).toString('hex')}`));
  });

  it('differs between keys and between ids', () => {
    const id = 'p0123456789abcdef0123';
    expect(pseudonymFor(randomBytes(32), id)).not.toBe(pseudonymFor(KEY, id));
    expect(pseudonymFor(KEY, `${id}x`)).not.toBe(pseudonymFor(KEY, id));
  });

  it('gives 100,000 profile ids 100,000 different pseudonyms', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 100_000; i++) seen.add(pseudonymFor(KEY, `p${i.toString(16).padStart(20, '0')}`));
    expect(seen.size).toBe(100_000);
  });

  it('refuses an empty key', () => {
    expect(() => pseudonymFor(Buffer.alloc(0), 'p1')).toThrow(StewardError);
  });
});

describe('pseudonymiseView', () => {
  it('leaves no real name or email anywhere in the view', () => {
    const view = makeView();
    const text = JSON.stringify(pseudonymiseView(view, KEY));
    for (const p of PEOPLE) {
      expect(text).not.toContain(p.name);
      expect(text).not.toContain(p.email);
      expect(text).not.toContain(p.name.split(' ')[0]);
    }
  });

  it('uses one pseudonym per person everywhere: people, matrix, attention lists, reviews', () => {
    const view = makeView();
    const out = pseudonymiseView(view, KEY);
    const zoe = view.people[0]!;
    const name = pseudonymFor(KEY, zoe.id);
    const id = pseudonymIdFor(KEY, zoe.id);
    expect(out.people[0]).toMatchObject({ id, name, email: '', team: zoe.team });
    expect(out.matrix.filter((r) => r.personId === id).every((r) => r.name === name)).toBe(true);
    expect(out.matrix.filter((r) => r.personId === id)).toHaveLength(3);
    expect(out.reviews[0]!.submitter).toEqual({ id, name, team: zoe.team });
    const reviewer = view.reviews[0]!.reviewer!;
    expect(out.reviews[0]!.reviewer).toEqual({
      id: pseudonymIdFor(KEY, reviewer.id),
      name: pseudonymFor(KEY, reviewer.id),
      team: reviewer.team,
    });
    expect(out.reviews[2]!.reviewer).toBeNull();
    for (const item of [...out.overdue, ...out.dueSoon]) {
      const original = [...view.overdue, ...view.dueSoon].find(
        (a) => pseudonymIdFor(KEY, a.personId) === item.personId,
      );
      expect(original).toBeDefined();
      expect(item.name).toBe(pseudonymFor(KEY, original!.personId));
    }
    expect(out.overdue.length + out.dueSoon.length).toBeGreaterThan(0);
    // No profile id survives in a person field.
    const ids = new Set(view.people.map((p) => p.id));
    expect(out.people.some((p) => ids.has(p.id))).toBe(false);
    expect(out.matrix.some((r) => ids.has(r.personId))).toBe(false);
  });

  it('keeps teams, dates, titles, scores and imported file names; withholds free text that may name people', () => {
    const view = makeView();
    const out = pseudonymiseView(view, KEY);
    expect(out.teams).toEqual(view.teams);
    expect(out.asOf).toBe(view.asOf);
    expect(out.heads).toEqual(view.heads);
    expect(out.people[3]!.importedFrom).toEqual(view.people[3]!.importedFrom);
    out.matrix.forEach((r, i) => {
      const o = view.matrix[i]!;
      expect([r.team, r.moduleTitle, r.completedAt, r.score, r.expiresAt, r.dueAt, r.status]).toEqual([
        o.team,
        o.moduleTitle,
        o.completedAt,
        o.score,
        o.expiresAt,
        o.dueAt,
        o.status,
      ]);
      // The completion's entry hash points at a line that names the person.
      expect(r.entryHash).toBeNull();
    });
    expect(out.reviews.map((r) => r.title)).toEqual(view.reviews.map((r) => r.title));
    expect(out.reviews[0]!.conditions).toEqual(
      view.reviews[0]!.conditions.map((c) => ({ ...c, owner: WITHHELD })),
    );
    // An ignored entry keeps its type and reason code; the person is pseudonymised and every word
    // the reason quoted (a title, a condition) is withheld.
    expect(out.ignored).toEqual(
      view.ignored.map((i) => ({
        ...i,
        personId: expect.stringMatching(/^pseudo-/),
        name: expect.stringMatching(/^Person /),
        reason: { code: i.reason.code, params: { title: WITHHELD } },
      })),
    );
    expect(JSON.stringify(out.ignored)).not.toContain(view.ignored[0]!.name);
  });

  it('is idempotent: pseudonymising twice gives the same pseudonyms as once', () => {
    const once = pseudonymiseView(makeView(), KEY);
    expect(pseudonymiseView(once, KEY)).toEqual(once);
  });

  it('does not change the view it was given', () => {
    const view = makeView();
    const before = structuredClone(view);
    pseudonymiseView(view, KEY);
    expect(view).toEqual(before);
  });
});
