// The organisation as its signed entries make it: who is in it (people, not keys), their teams and
// keys, who holds which role from when until when, the team list and the content releases.
//
// Admin rights derive from the chain: the founder is an admin from the genesis; admins grant and
// revoke roles, admin included. Every admin event names the latest org event its author saw
// (`after`), and the events are applied in that causal order — an event after the one it saw,
// siblings by time then hash — each checked against the roster as it stands at that point: an
// event by someone who was not an admin then, or dated before what it saw, is ignored with the
// reason, never applied. So an admin whose rights were revoked cannot write themselves back in,
// and a profile with someone's name and email is nobody until an admin enrols its key.
import { reason, type Reason } from '../contract/reasons';
import { sha256Hex } from '../ledger/entry';
import type { LedgerEntry } from '../ledger/entry';
import {
  ADMIN_EVENT_TYPES,
  orgEventDataSchemas,
  type AdminEventType,
  type OrgCreatedData,
  type OrgEventDataMap,
  type OrgRole,
} from './events';

/** Grants made by org.created for its founder: admin from the first day. */
export const FOUNDER_GRANT_ID = 'g0000000000000000';

export interface RosterKey {
  profileId: string;
  /** When the key became this person's (the enrolling or adding entry's time). */
  from: string;
  /** When it stopped being theirs (revoked, or the person left); null while it holds. */
  until: string | null;
}

export interface RosterPerson {
  personId: string;
  name: string;
  email: string;
  team: string;
  keys: RosterKey[];
  enrolledAt: string;
  /** The day the person left, or null. */
  leftOn: string | null;
}

export interface RoleGrant {
  grantId: string;
  personId: string;
  role: OrgRole;
  /** A manager's teams; null for every team (and for other roles). */
  teams: string[] | null;
  from: string | null;
  until: string | null;
  grantedBy: string;
  at: string;
  entryHash: string;
}

export interface ContentRelease {
  release: number;
  manifestHash: string;
  files: Record<string, string>;
  at: string;
  by: string;
  entryHash: string;
}

export interface IgnoredOrgEntry {
  hash: string;
  type: string;
  actor: string;
  reason: Reason;
}

export interface OrgState {
  orgId: string;
  name: string;
  /** The short code people compare when they join: see orgCode. */
  code: string;
  createdAt: string;
  /** The profile that wrote the genesis. */
  founderProfileId: string;
  teams: string[];
  people: Map<string, RosterPerson>;
  grants: RoleGrant[];
  releases: ContentRelease[];
  /** Profiles that asked to join and are not enrolled. */
  joinRequests: { profileId: string; at: string; entryHash: string }[];
  /** Changes people asked an admin for (the newest per person), not yet made. */
  changeRequests: {
    profileId: string;
    personId: string;
    name?: string;
    email?: string;
    team?: string;
    at: string;
    entryHash: string;
  }[];
  /** The hash of the last org event applied: what the next admin event should name as `after`. */
  head: string;
  ignored: IgnoredOrgEntry[];
}

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/**
 * The code a person compares when joining: 16 characters in four groups, from the org id (the
 * genesis entry's hash). Someone who makes another organisation in the same folder cannot make it
 * show the same code without finding a SHA-256 collision on 80 bits of it.
 */
export function orgCode(orgId: string): string {
  const digest = Buffer.from(sha256Hex(`steward-org-code\0${orgId}`), 'hex');
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of digest) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < 16) {
      out += CODE_ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    if (out.length >= 16) break;
  }
  return out.match(/.{4}/g)!.join('-');
}

/** Whether `text` is this org's code, however a person typed it (case, spaces, dashes). */
export function sameOrgCode(orgId: string, text: string): boolean {
  const clean = (s: string) => s.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return clean(text) === clean(orgCode(orgId));
}

export interface OrgCandidate {
  orgId: string;
  name: string;
  code: string;
  founderProfileId: string;
  createdAt: string;
}

/** Every organisation created in the workspace (an insider can create another: the code tells them apart). */
export function orgCandidates(entries: readonly LedgerEntry[]): OrgCandidate[] {
  const out: OrgCandidate[] = [];
  for (const e of entries) {
    if (e.type !== 'org.created') continue;
    const parsed = orgEventDataSchemas['org.created'].safeParse(e.data);
    if (!parsed.success) continue;
    out.push({
      orgId: e.hash,
      name: parsed.data.name,
      code: orgCode(e.hash),
      founderProfileId: e.actor,
      createdAt: e.ts,
    });
  }
  return out.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
}

const dayOf = (ts: string): string => ts.slice(0, 10);

/** Whether a dated window [from, until] (days, inclusive, either open) holds on `day`. */
function within(from: string | null, until: string | null, day: string): boolean {
  return (from === null || from <= day) && (until === null || day <= until);
}

/**
 * The people who ever held each key, kept by projectOrg as it applies events (keys are only ever
 * added to a person; revoking one or leaving sets its `until`). Finding a key's owner is then a
 * lookup, not a scan of the roster: a scan made projecting a roster of n people O(n²) (5,000
 * enrolments: seconds). A roster not made by projectOrg has no index and is scanned.
 */
const keyHolders = new WeakMap<ReadonlyMap<string, RosterPerson>, Map<string, RosterPerson[]>>();

function noteKeys(state: Pick<OrgState, 'people'>, person: RosterPerson): void {
  const index = keyHolders.get(state.people);
  if (!index) return;
  for (const k of person.keys) {
    const holders = index.get(k.profileId);
    if (!holders) index.set(k.profileId, [person]);
    else if (!holders.includes(person)) holders.push(person);
  }
}

/** The people who may hold `profileId`, in roster order. */
function holdersOf(state: Pick<OrgState, 'people'>, profileId: string): Iterable<RosterPerson> {
  const index = keyHolders.get(state.people);
  if (!index) return state.people.values();
  const holders = index.get(profileId) ?? [];
  if (holders.length < 2) return holders;
  return [...state.people.values()].filter((p) => holders.includes(p));
}

/** The person whose key `profileId` was at `at` (an ISO time), or null. */
export function ownerAt(state: Pick<OrgState, 'people'>, profileId: string, at: string): RosterPerson | null {
  for (const person of holdersOf(state, profileId)) {
    for (const k of person.keys) {
      if (k.profileId === profileId && k.from <= at && (k.until === null || at < k.until)) return person;
    }
  }
  return null;
}

/** The person a key belongs to (ever): for naming people in records. */
export function ownerEver(state: Pick<OrgState, 'people'>, profileId: string): RosterPerson | null {
  for (const person of holdersOf(state, profileId)) {
    if (person.keys.some((k) => k.profileId === profileId)) return person;
  }
  return null;
}

/** The grants of a person that hold on `day`. */
export function grantsOn(
  state: Pick<OrgState, 'grants' | 'people'>,
  personId: string,
  day: string,
): RoleGrant[] {
  const person = state.people.get(personId);
  if (!person || (person.leftOn !== null && person.leftOn < day)) return [];
  return state.grants.filter((g) => g.personId === personId && within(g.from, g.until, day));
}

export function isAdminAt(state: Pick<OrgState, 'grants' | 'people'>, personId: string, at: string): boolean {
  return grantsOn(state, personId, dayOf(at)).some((g) => g.role === 'admin');
}

type OrgEntry = LedgerEntry & { type: 'org.created' | AdminEventType | 'org.joined' | 'org.changeRequested' };

function isAdminType(type: string): type is AdminEventType {
  return (ADMIN_EVENT_TYPES as readonly string[]).includes(type);
}

/**
 * The organisation `orgId` from every ledger's entries (any types; others are skipped). Null when
 * the workspace holds no valid genesis with that id.
 */
export function projectOrg(
  entries: readonly LedgerEntry[],
  orgId: string,
  notBefore?: (e: LedgerEntry) => string | null,
): OrgState | null {
  const genesis = entries.find((e) => e.type === 'org.created' && e.hash === orgId);
  if (!genesis) return null;
  const g = orgEventDataSchemas['org.created'].safeParse(genesis.data);
  if (!g.success) return null;
  const created: OrgCreatedData = g.data;
  const state: OrgState = {
    orgId,
    name: created.name,
    code: orgCode(orgId),
    createdAt: genesis.ts,
    founderProfileId: genesis.actor,
    teams: [...created.teams],
    people: new Map([
      [
        created.founder.personId,
        {
          personId: created.founder.personId,
          name: created.founder.name,
          email: created.founder.email,
          team: created.founder.team,
          keys: [{ profileId: genesis.actor, from: genesis.ts, until: null }],
          enrolledAt: genesis.ts,
          leftOn: null,
        },
      ],
    ]),
    grants: [
      {
        grantId: FOUNDER_GRANT_ID,
        personId: created.founder.personId,
        role: 'admin',
        teams: null,
        from: null,
        until: null,
        grantedBy: genesis.actor,
        at: genesis.ts,
        entryHash: genesis.hash,
      },
    ],
    releases: [],
    joinRequests: [],
    changeRequests: [],
    head: genesis.hash,
    ignored: [],
  };
  keyHolders.set(state.people, new Map());
  noteKeys(state, state.people.get(created.founder.personId) as RosterPerson);

  const admin: OrgEntry[] = [];
  const personal: OrgEntry[] = [];
  for (const e of entries) {
    if (e.type === 'org.joined' || e.type === 'org.changeRequested') {
      if ((e.data as { orgId?: unknown }).orgId === orgId) personal.push(e as OrgEntry);
    } else if (isAdminType(e.type) && (e.data as { orgId?: unknown }).orgId === orgId) {
      // Judged at the earliest time it can have been written, whatever its own clock said.
      const floor = notBefore?.(e) ?? null;
      admin.push((floor !== null && floor > e.ts ? { ...e, ts: floor } : e) as OrgEntry);
    }
  }

  const ignore = (e: LedgerEntry, why: Reason) =>
    state.ignored.push({ hash: e.hash, type: e.type, actor: e.actor, reason: why });

  // Causal order: an event after the one it saw; among those that saw the same one, by time then hash.
  const children = new Map<string, OrgEntry[]>();
  for (const e of admin) {
    const after = (e.data as { after?: unknown }).after;
    if (typeof after !== 'string') continue;
    const list = children.get(after) ?? [];
    list.push(e);
    children.set(after, list);
  }
  const timeOf = new Map<string, string>([[genesis.hash, genesis.ts]]);
  const ready: OrgEntry[] = [...(children.get(genesis.hash) ?? [])];
  const applied = new Set<string>([genesis.hash]);
  const byTimeThenHash = (a: OrgEntry, b: OrgEntry) =>
    a.ts < b.ts ? -1 : a.ts > b.ts ? 1 : a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : 0;
  while (ready.length > 0) {
    ready.sort(byTimeThenHash);
    const e = ready.shift() as OrgEntry;
    if (applied.has(e.hash)) continue;
    applied.add(e.hash);
    const after = (e.data as { after: string }).after;
    const seenAt = timeOf.get(after) as string;
    if (e.ts < seenAt) {
      ignore(e, reason('org.backdated', { ts: e.ts, seen: seenAt }));
    } else {
      const why = applyAdminEvent(state, e);
      if (why !== null) ignore(e, why);
      else state.head = e.hash;
    }
    // Whatever happened to it, what was written after seeing it is judged on its own.
    timeOf.set(e.hash, e.ts < seenAt ? seenAt : e.ts);
    for (const child of children.get(e.hash) ?? []) ready.push(child);
  }
  for (const e of admin) {
    if (!applied.has(e.hash)) ignore(e, reason('org.unknownAfter'));
  }

  // What people asked for themselves, as the roster now stands.
  const latestChange = new Map<string, OrgState['changeRequests'][number]>();
  for (const e of personal.sort(byTimeThenHash)) {
    const parsed = orgEventDataSchemas[e.type as 'org.joined' | 'org.changeRequested'].safeParse(e.data);
    if (!parsed.success) continue;
    const person = ownerEver(state, e.actor);
    if (e.type === 'org.joined') {
      if (!person && !state.joinRequests.some((r) => r.profileId === e.actor)) {
        state.joinRequests.push({ profileId: e.actor, at: e.ts, entryHash: e.hash });
      }
    } else if (person) {
      const d = parsed.data as { name?: string; email?: string; team?: string };
      latestChange.set(person.personId, {
        profileId: e.actor,
        personId: person.personId,
        ...d,
        at: e.ts,
        entryHash: e.hash,
      });
    }
  }
  for (const [personId, change] of latestChange) {
    const person = state.people.get(personId) as RosterPerson;
    const pending =
      (change.name !== undefined && change.name !== person.name) ||
      (change.email !== undefined && change.email !== person.email) ||
      (change.team !== undefined && change.team !== person.team);
    if (pending) state.changeRequests.push(change);
  }
  return state;
}

/** Applies one admin event if it may be; otherwise returns why not (and changes nothing). */
function applyAdminEvent(state: OrgState, e: OrgEntry): Reason | null {
  const type = e.type as AdminEventType;
  const parsed = orgEventDataSchemas[type].safeParse(e.data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return reason('org.malformed', { type, field: issue?.path.map(String).join('.') || 'data' });
  }
  const author = ownerAt(state, e.actor, e.ts);
  if (!author || !isAdminAt(state, author.personId, e.ts)) return reason('org.notAdmin', { type });
  const knownTeam = (t: string) => state.teams.some((x) => x.toLowerCase() === t.toLowerCase());
  const keyInUse = (profileId: string) => ownerAt(state, profileId, e.ts);
  switch (type) {
    case 'org.personEnrolled': {
      const d = parsed.data as OrgEventDataMap['org.personEnrolled'];
      if (state.people.has(d.personId)) return reason('org.personExists', { personId: d.personId });
      if (!knownTeam(d.team)) return reason('org.unknownTeam', { team: d.team });
      for (const p of d.profileIds) {
        const other = keyInUse(p);
        if (other) return reason('org.keyTaken', { profileId: p, name: other.name });
      }
      const person: RosterPerson = {
        personId: d.personId,
        name: d.name,
        email: d.email,
        team: d.team,
        keys: d.profileIds.map((profileId) => ({ profileId, from: e.ts, until: null })),
        enrolledAt: e.ts,
        leftOn: null,
      };
      state.people.set(d.personId, person);
      noteKeys(state, person);
      state.joinRequests = state.joinRequests.filter((r) => !d.profileIds.includes(r.profileId));
      return null;
    }
    case 'org.keyAdded': {
      const d = parsed.data as OrgEventDataMap['org.keyAdded'];
      const person = state.people.get(d.personId);
      if (!person || person.leftOn !== null) return reason('org.noSuchPerson', { personId: d.personId });
      const other = keyInUse(d.profileId);
      if (other) return reason('org.keyTaken', { profileId: d.profileId, name: other.name });
      person.keys.push({ profileId: d.profileId, from: e.ts, until: null });
      noteKeys(state, person);
      state.joinRequests = state.joinRequests.filter((r) => r.profileId !== d.profileId);
      return null;
    }
    case 'org.keyRevoked': {
      const d = parsed.data as OrgEventDataMap['org.keyRevoked'];
      const person = state.people.get(d.personId);
      const key = person?.keys.find((k) => k.profileId === d.profileId && k.until === null);
      if (!person || !key) return reason('org.noSuchKey', { profileId: d.profileId });
      key.until = e.ts;
      return null;
    }
    case 'org.personUpdated': {
      const d = parsed.data as OrgEventDataMap['org.personUpdated'];
      const person = state.people.get(d.personId);
      if (!person) return reason('org.noSuchPerson', { personId: d.personId });
      if (d.team !== undefined && !knownTeam(d.team)) return reason('org.unknownTeam', { team: d.team });
      if (d.name !== undefined) person.name = d.name;
      if (d.email !== undefined) person.email = d.email;
      if (d.team !== undefined) person.team = d.team;
      return null;
    }
    case 'org.personLeft': {
      const d = parsed.data as OrgEventDataMap['org.personLeft'];
      const person = state.people.get(d.personId);
      if (!person || person.leftOn !== null) return reason('org.noSuchPerson', { personId: d.personId });
      if (wouldLeaveNoAdmin(state, d.personId, null, d.on)) return reason('org.lastAdmin');
      person.leftOn = d.on;
      const endOfDay = `${d.on}T23:59:59.999Z`;
      for (const k of person.keys) if (k.until === null || k.until > endOfDay) k.until = endOfDay;
      return null;
    }
    case 'org.roleGranted': {
      const d = parsed.data as OrgEventDataMap['org.roleGranted'];
      const person = state.people.get(d.personId);
      if (!person || person.leftOn !== null) return reason('org.noSuchPerson', { personId: d.personId });
      if (state.grants.some((x) => x.grantId === d.grantId))
        return reason('org.grantExists', { grantId: d.grantId });
      if (d.role !== 'manager' && d.teams !== null) return reason('org.teamsOnlyForManagers');
      for (const t of d.teams ?? []) if (!knownTeam(t)) return reason('org.unknownTeam', { team: t });
      state.grants.push({
        grantId: d.grantId,
        personId: d.personId,
        role: d.role,
        teams: d.teams,
        from: d.from,
        until: d.until,
        grantedBy: e.actor,
        at: e.ts,
        entryHash: e.hash,
      });
      return null;
    }
    case 'org.roleRevoked': {
      const d = parsed.data as OrgEventDataMap['org.roleRevoked'];
      const grant = state.grants.find((x) => x.grantId === d.grantId);
      if (!grant) return reason('org.noSuchGrant', { grantId: d.grantId });
      if (grant.until !== null && grant.until <= d.until)
        return reason('org.grantEndsEarlier', { until: grant.until });
      if (grant.role === 'admin' && wouldLeaveNoAdmin(state, grant.personId, grant.grantId, d.until)) {
        return reason('org.lastAdmin');
      }
      grant.until = d.until;
      return null;
    }
    case 'org.teamsSet': {
      const d = parsed.data as OrgEventDataMap['org.teamsSet'];
      const keep = new Set(d.teams.map((t) => t.toLowerCase()));
      const orphaned = [...state.people.values()].find(
        (p) => p.leftOn === null && !keep.has(p.team.toLowerCase()),
      );
      if (orphaned) return reason('org.teamStillUsed', { team: orphaned.team, name: orphaned.name });
      state.teams = [...d.teams];
      return null;
    }
    case 'org.released': {
      const d = parsed.data as OrgEventDataMap['org.released'];
      const newest = state.releases.at(-1)?.release ?? 0;
      if (d.release !== newest + 1)
        return reason('org.releaseNumber', { release: d.release, expected: newest + 1 });
      state.releases.push({
        release: d.release,
        manifestHash: d.manifestHash,
        files: d.files,
        at: e.ts,
        by: e.actor,
        entryHash: e.hash,
      });
      return null;
    }
  }
}

/** Whether ending this person's admin rights (a grant, or all of them when they leave) leaves no admin. */
function wouldLeaveNoAdmin(
  state: OrgState,
  personId: string,
  grantId: string | null,
  fromDay: string,
): boolean {
  const others = state.grants.filter(
    (g) =>
      g.role === 'admin' &&
      (grantId === null ? g.personId !== personId : g.grantId !== grantId) &&
      (g.until === null || g.until > fromDay) &&
      state.people.get(g.personId)?.leftOn === null,
  );
  return others.length === 0;
}
