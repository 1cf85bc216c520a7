// THE place every role, team and "same person" question is answered. Two sources:
// - the roster (an organisation in the workspace, pinned by this app): roles belong to people,
//   a key counts only while an admin has it enrolled for that person, and a second key of the
//   same person is that person; a profile nobody enrolled holds no role, whatever it calls itself;
// - without an organisation (a workspace made before there was one), the policy file's role
//   entries (email AND key fingerprint), as before — and "the same person" is the same email, so
//   a second profile made with one's own name and email cannot approve one's own submission.
import { reason, type Reason } from '../contract/reasons';
import type { Policy } from '../policy/policy';
import {
  managerScope as policyManagerScope,
  normaliseEmail,
  roleOutOfForce,
  rolesOf as policyRolesOf,
} from '../policy/roles';
import type { OrgRole } from './events';
import { grantsOn, ownerAt, ownerEver, type OrgState, type RosterPerson } from './roster';

export type AuthorityRole = OrgRole;

/** What the authority needs to know of a profile: its genesis entry (name, email, team, key). */
export interface ProfileFacts {
  id: string;
  name: string;
  email: string;
  team: string;
  fingerprint: string;
  createdAt: string;
}

export interface Authority {
  /** roster: an organisation decides; policy: the policy file decides (no organisation yet). */
  mode: 'roster' | 'policy';
  org: OrgState | null;
  /**
   * Who a profile is, for separation of duties: the same value for every key of one person (and,
   * without an organisation, for every profile with the same email).
   */
  personKey(profileId: string): string;
  /** The roles the person holding this key holds at `at`. */
  rolesAt(profileId: string, at: Date): Set<AuthorityRole>;
  /** Why `role` does not hold for this key at `at` (ended, starts later, not enrolled), or null. */
  roleRefusal(profileId: string, role: AuthorityRole, at: Date): Reason | null;
  /** A manager's teams at `at` (all: every team); null when not a manager then. */
  managerScopeAt(profileId: string, at: Date): { all: boolean; teams: string[] } | null;
  /** Whether the key belongs to an enrolled person at `at` (always true without an organisation). */
  enrolledAt(profileId: string, at: Date): boolean;
  /** The person's name, email and team as the roster has them (else the profile's own). */
  identityOf(profileId: string): { name: string; email: string; team: string; enrolled: boolean };
}

const dayOf = (at: Date): string => at.toISOString().slice(0, 10);

/** The authority of a workspace with an organisation: the roster decides everything. */
export function rosterAuthority(org: OrgState, profiles: ReadonlyMap<string, ProfileFacts>): Authority {
  const personAt = (profileId: string, at: Date): RosterPerson | null =>
    ownerAt(org, profileId, at.toISOString());
  return {
    mode: 'roster',
    org,
    personKey(profileId) {
      const person = ownerEver(org, profileId);
      return person ? `person:${person.personId}` : `profile:${profileId}`;
    },
    rolesAt(profileId, at) {
      const person = personAt(profileId, at);
      const roles = new Set<AuthorityRole>();
      if (!person) return roles;
      for (const g of grantsOn(org, person.personId, dayOf(at))) roles.add(g.role);
      return roles;
    },
    roleRefusal(profileId, role, at) {
      const person = personAt(profileId, at);
      if (!person) {
        const ever = ownerEver(org, profileId);
        return ever ? reason('org.keyNotCurrent') : reason('org.notEnrolled', { org: org.name });
      }
      const day = dayOf(at);
      if (grantsOn(org, person.personId, day).some((g) => g.role === role)) return null;
      const mine = org.grants.filter((g) => g.personId === person.personId && g.role === role);
      const ended = mine.map((g) => g.until).filter((u): u is string => u !== null && u < day);
      if (ended.length > 0)
        return reason('org.roleEnded', { context: role, day: ended.sort().at(-1) as string });
      const starts = mine.map((g) => g.from).filter((f): f is string => f !== null && f > day);
      if (starts.length > 0)
        return reason('org.roleStarts', { context: role, day: starts.sort()[0] as string });
      return reason('org.noRole', { context: role });
    },
    managerScopeAt(profileId, at) {
      const person = personAt(profileId, at);
      if (!person) return null;
      const grants = grantsOn(org, person.personId, dayOf(at)).filter((g) => g.role === 'manager');
      if (grants.length === 0) return null;
      if (grants.some((g) => g.teams === null)) return { all: true, teams: [] };
      return { all: false, teams: [...new Set(grants.flatMap((g) => g.teams ?? []))] };
    },
    enrolledAt(profileId, at) {
      return personAt(profileId, at) !== null;
    },
    identityOf(profileId) {
      const person = ownerEver(org, profileId);
      if (person) return { name: person.name, email: person.email, team: person.team, enrolled: true };
      const p = profiles.get(profileId);
      return { name: p?.name ?? profileId, email: p?.email ?? '', team: p?.team ?? '', enrolled: false };
    },
  };
}

/** The authority of a workspace without an organisation: the policy file, email and fingerprint. */
export function policyAuthority(policy: Policy, profiles: ReadonlyMap<string, ProfileFacts>): Authority {
  const subject = (profileId: string) => profiles.get(profileId);
  return {
    mode: 'policy',
    org: null,
    personKey(profileId) {
      const p = subject(profileId);
      return p ? `email:${normaliseEmail(p.email)}` : `profile:${profileId}`;
    },
    rolesAt(profileId, at) {
      const p = subject(profileId);
      return p ? (policyRolesOf(p, policy, at) as Set<AuthorityRole>) : new Set();
    },
    roleRefusal(profileId, role, at) {
      const p = subject(profileId);
      if (role === 'admin') return reason('org.noOrganisation');
      if (p && policyRolesOf(p, policy, at).has(role)) return null;
      const window = p ? roleOutOfForce(p, policy, role, at) : null;
      if (window === null)
        return role === 'reviewer' ? reason('review.notReviewer') : reason('org.noRole', { context: role });
      return 'ended' in window
        ? reason('org.roleEnded', { context: role, day: window.ended })
        : reason('org.roleStarts', { context: role, day: window.starts });
    },
    managerScopeAt(profileId, at) {
      const p = subject(profileId);
      return p ? policyManagerScope(p, policy, at) : null;
    },
    enrolledAt() {
      return true;
    },
    identityOf(profileId) {
      const p = subject(profileId);
      return { name: p?.name ?? profileId, email: p?.email ?? '', team: p?.team ?? '', enrolled: true };
    },
  };
}

/**
 * The authority of a workspace that gained an organisation: what happened before the organisation
 * existed is judged as the workspace was run then (the policy file), what happened since by the
 * roster. Times are the projections' (never earlier than a ledger and its witnesses allow), so an
 * entry written after the organisation cannot be dated into the time before it once anyone saw
 * its ledger without it. A profile from before, never enrolled, is the same person as the enrolled
 * person with its email, so a look-alike made then still cannot approve its twin's review.
 */
export function orgAuthority(
  org: OrgState,
  policy: Policy,
  profiles: ReadonlyMap<string, ProfileFacts>,
): Authority {
  const roster = rosterAuthority(org, profiles);
  const before = policyAuthority(policy, profiles);
  const pre = (at: Date) => at.toISOString() < org.createdAt;
  let byEmail: Map<string, string> | null = null;
  const enrolledByEmail = () => {
    if (!byEmail) {
      byEmail = new Map();
      for (const p of org.people.values()) byEmail.set(normaliseEmail(p.email), `person:${p.personId}`);
    }
    return byEmail;
  };
  return {
    ...roster,
    personKey(profileId) {
      if (ownerEver(org, profileId)) return roster.personKey(profileId);
      const p = profiles.get(profileId);
      return (p && enrolledByEmail().get(normaliseEmail(p.email))) ?? before.personKey(profileId);
    },
    rolesAt: (profileId, at) => (pre(at) ? before : roster).rolesAt(profileId, at),
    roleRefusal: (profileId, role, at) => (pre(at) ? before : roster).roleRefusal(profileId, role, at),
    managerScopeAt: (profileId, at) => (pre(at) ? before : roster).managerScopeAt(profileId, at),
    enrolledAt: (profileId, at) => (pre(at) ? before : roster).enrolledAt(profileId, at),
  };
}
