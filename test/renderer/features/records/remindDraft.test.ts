// The manager's reminder drafts: recipients in Bcc (never To, so nobody learns who else is
// overdue), the overdue modules in the body and no one's name, each mailto: short enough for mail
// clients, and every draft one that core's openExternalLink accepts.
import { describe, expect, it } from 'vitest';
import type { AttentionItem, RecordsPerson } from '../../../../electron/core/contract/views/records';
import { checkOutgoingLink } from '../../../../electron/core/links';
import {
  MAILTO_MAX_LENGTH,
  overdueAddresses,
  overdueModules,
  reminderDrafts,
} from '../../../../renderer/features/records/remindDraft';

const person = (i: number): RecordsPerson => ({
  id: `p${String(i).padStart(20, '0')}`,
  name: `Person ${i}`,
  email: `person.number.${i}+steward@example.com`,
  team: 'Marketing',
  source: 'workspace',
  importedFrom: null,
  enrolled: true,
});
const overdue = (i: number, titles: string[]): AttentionItem => ({
  personId: person(i).id,
  name: person(i).name,
  team: 'Marketing',
  modules: titles.map((title, k) => ({
    moduleId: `m${k}`,
    title,
    status: 'overdue',
    dueAt: '2027-01-06T10:00:00.000Z',
  })),
});

describe('reminder drafts', () => {
  it('address the overdue in Bcc, list the modules overdue among them, and name nobody', () => {
    const people = [person(1), person(2), person(3)];
    const items = [
      overdue(1, ['Consent done right']),
      overdue(3, ['Consent done right', 'Beyond compliance']),
    ];
    const addresses = overdueAddresses(items, people);
    expect(addresses).toEqual([person(1).email, person(3).email]);
    expect(overdueModules(items)).toEqual(['Consent done right', 'Beyond compliance']);
    const [draft, ...more] = reminderDrafts(
      addresses,
      'Training overdue',
      'Hello,\nplease complete:\n- Consent',
    );
    expect(more).toEqual([]);
    expect(draft!.recipients).toBe(2);
    const url = new URL(draft!.url);
    expect(url.pathname).toBe('');
    expect(url.searchParams.get('to')).toBeNull();
    expect(url.searchParams.get('bcc')).toBe(addresses.join(','));
    expect(draft!.url).toContain('body=Hello%2C%0D%0Aplease%20complete%3A%0D%0A-%20Consent');
    expect(draft!.url).not.toContain('Person');
    expect(checkOutgoingLink(draft!.url).ok).toBe(true);
  });

  it('splits many recipients into drafts each short enough for a mail client, losing nobody', () => {
    const people = Array.from({ length: 80 }, (_, i) => person(i));
    const addresses = people.map((p) => p.email);
    const drafts = reminderDrafts(addresses, 'Training overdue', 'Please complete your training.');
    expect(drafts.length).toBeGreaterThan(1);
    for (const d of drafts) {
      expect(d.url.length).toBeLessThanOrEqual(MAILTO_MAX_LENGTH);
      expect(checkOutgoingLink(d.url).ok).toBe(true);
    }
    const all = drafts.flatMap((d) => new URL(d.url).searchParams.get('bcc')!.split(','));
    expect(all).toEqual(addresses);
    expect(drafts.reduce((n, d) => n + d.recipients, 0)).toBe(80);
  });
});
