// Pseudonymised exports: people are replaced by stable, readable pseudonyms derived with
// HMAC-SHA256 from a key the workspace keeps, so two exports made with the same key can be joined
// on the pseudonym while the file alone does not say who anyone is. Pure: no I/O.
//
// What changes: every person's id and name (people list, matrix, attention lists, reviews register
// submitter and reviewer), emails (emptied), the certificate hash of a completion (it points at a
// ledger line that names the person), condition owners and the projection's "ignored" sentences
// (free text that may hold names). What stays: teams, dates, module and review titles, condition
// text, imported bundles' file names, and the ledger heads (an auditor needs them).
import { createHmac } from 'node:crypto';
import type { AttentionItem, RecordsPerson, RecordsView } from '../contract/views/records';
import type { ReviewPerson } from '../contract/views/reviews';
import { StewardError } from '../errors';

/** Crockford's base32: no I, L, O or U, so a pseudonym read aloud or copied by hand survives. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** 8 symbols = 40 bits: ~0.5% chance of one collision among 100,000 people. */
const SYMBOLS = 8;
export const WITHHELD = '(withheld)';

/** The 8-symbol code of a person, e.g. "7F3K-Q2PA". */
export function pseudonymCode(key: Buffer, personId: string): string {
  if (key.length === 0) {
    throw new StewardError(
      'INVALID_ARGUMENT',
      'The pseudonym key is empty; pass the workspace pseudonym key (at least 16 random bytes).',
    );
  }
  const digest = createHmac('sha256', key).update(personId, 'utf8').digest();
  // Read the first 40 bits five at a time.
  let bits = 0n;
  for (let i = 0; i < 5; i++) bits = (bits << 8n) | BigInt(digest[i] as number);
  let code = '';
  for (let i = SYMBOLS - 1; i >= 0; i--) code += ALPHABET[Number((bits >> BigInt(i * 5)) & 31n)];
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** The pseudonym shown in place of a person's name: "Person 7F3K-Q2PA". */
export function pseudonymFor(key: Buffer, personId: string): string {
  return `Person ${pseudonymCode(key, personId)}`;
}

const PSEUDO_ID_PREFIX = 'pseudo-';

/** The id that replaces a person's profile id (which would lead back to their ledger). */
export function pseudonymIdFor(key: Buffer, personId: string): string {
  return `${PSEUDO_ID_PREFIX}${pseudonymCode(key, personId)}`;
}

/** The view with every person replaced by their pseudonym; see the top of this file. */
export function pseudonymiseView(view: RecordsView, key: Buffer): RecordsView {
  const cache = new Map<string, { id: string; name: string }>();
  const who = (personId: string): { id: string; name: string } => {
    let p = cache.get(personId);
    if (p === undefined) {
      // Already a pseudonym (a view pseudonymised twice): kept, so the name stays the one
      // pseudonymFor gives the real id, as in the other exports made with the same key.
      const code = personId.startsWith(PSEUDO_ID_PREFIX) ? personId.slice(PSEUDO_ID_PREFIX.length) : null;
      p =
        code !== null
          ? { id: personId, name: `Person ${code}` }
          : { id: pseudonymIdFor(key, personId), name: pseudonymFor(key, personId) };
      cache.set(personId, p);
    }
    return p;
  };
  const reviewPerson = (p: ReviewPerson): ReviewPerson => ({ ...who(p.id), team: p.team });
  const attention = (items: AttentionItem[]): AttentionItem[] =>
    items.map((item) => {
      const p = who(item.personId);
      return { ...item, personId: p.id, name: p.name, modules: item.modules.map((m) => ({ ...m })) };
    });
  const person = (p: RecordsPerson): RecordsPerson => {
    const q = who(p.id);
    return {
      ...p,
      id: q.id,
      name: q.name,
      email: '',
      importedFrom: p.importedFrom === null ? null : { ...p.importedFrom },
    };
  };

  return {
    ...view,
    scope: { ...view.scope, teams: [...view.scope.teams] },
    people: view.people.map(person),
    modules: view.modules.map((m) => ({ ...m })),
    teams: [...view.teams],
    matrix: view.matrix.map((row) => {
      const p = who(row.personId);
      return { ...row, personId: p.id, name: p.name, entryHash: null };
    }),
    overdue: attention(view.overdue),
    dueSoon: attention(view.dueSoon),
    byTeam: view.byTeam.map((r) => ({ ...r })),
    byModule: view.byModule.map((r) => ({ ...r })),
    reviews: view.reviews.map((r) => ({
      ...r,
      submitter: reviewPerson(r.submitter),
      reviewer: r.reviewer === null ? null : reviewPerson(r.reviewer),
      conditions: r.conditions.map((c) => ({ ...c, owner: WITHHELD })),
    })),
    reviewOutcomes: view.reviewOutcomes.map((m) => ({ ...m })),
    heads: view.heads.map((h) => ({ ...h })),
    // The reason's words may quote a title or a condition: only its code survives.
    ignored: view.ignored.map((i) => ({
      ...i,
      personId: who(i.personId).id,
      name: who(i.personId).name,
      reason: {
        code: i.reason.code,
        params: Object.fromEntries(
          Object.entries(i.reason.params).map(([k, v]) => [k, typeof v === 'number' ? v : WITHHELD]),
        ),
      },
    })),
  };
}
