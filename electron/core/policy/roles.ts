// THE place every role check goes through. In a shared folder anyone can create a profile with
// someone else's email, but not with their key: a policy entry holds for a profile only when
// BOTH its email and its key fingerprint match.
import type { ManagerEntry, Policy } from './policy';
import { normaliseFingerprint } from './policy';

export type Role = 'reviewer' | 'manager';

/** What a role check needs to know about a profile (a ProfileSummary has all three). */
export interface RoleSubject {
  email: string;
  fingerprint: string;
  team: string;
}

export function normaliseEmail(value: string): string {
  return value.trim().toLowerCase();
}

function sameTeam(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/** A policy entry: who holds it, and the UTC days it holds from and until (both inclusive, either open). */
interface Holder {
  email: string;
  fingerprint: string;
  from?: string | undefined;
  until?: string | undefined;
}

function holds(entry: Holder, who: RoleSubject, at: Date): boolean {
  const day = at.toISOString().slice(0, 10);
  return (
    normaliseEmail(entry.email) === normaliseEmail(who.email) &&
    normaliseFingerprint(entry.fingerprint) === normaliseFingerprint(who.fingerprint) &&
    (entry.from === undefined || entry.from <= day) &&
    (entry.until === undefined || day <= entry.until)
  );
}

function managerEntryOf(who: RoleSubject, policy: Policy, at: Date): ManagerEntry | undefined {
  return policy.roles.managers.find((m) => holds(m, who, at));
}

/**
 * The roles `who` holds at `at`: now for what they may do now, the time of an event for what they
 * did then (an entry with `until` keeps a former reviewer's decisions valid).
 */
export function rolesOf(who: RoleSubject, policy: Policy, at: Date): Set<Role> {
  const roles = new Set<Role>();
  if (policy.roles.reviewers.some((r) => holds(r, who, at))) roles.add('reviewer');
  if (managerEntryOf(who, policy, at)) roles.add('manager');
  return roles;
}

/**
 * When `who` is named for `role` in the policy but the role does not hold at `at`: the day it
 * ended (`until`) or will start (`from`), for a message that says so; null otherwise.
 */
export function roleOutOfForce(
  who: RoleSubject,
  policy: Policy,
  role: Role,
  at: Date,
): { ended: string } | { starts: string } | null {
  const entries: Holder[] = role === 'reviewer' ? policy.roles.reviewers : policy.roles.managers;
  const named = entries.filter((e) => holds({ ...e, from: undefined, until: undefined }, who, at));
  if (named.length === 0 || named.some((e) => holds(e, who, at))) return null;
  const day = at.toISOString().slice(0, 10);
  const ended = named.map((e) => e.until).filter((u): u is string => u !== undefined && u < day);
  if (ended.length > 0) return { ended: ended.sort().at(-1) as string };
  const starts = named.map((e) => e.from).filter((f): f is string => f !== undefined && f > day);
  return starts.length > 0 ? { starts: starts.sort()[0] as string } : null;
}

/** Whose records a manager may see at `at`: every team, or the listed ones; null when not a manager. */
export function managerScope(
  who: RoleSubject,
  policy: Policy,
  at: Date,
): { all: boolean; teams: string[] } | null {
  const entry = managerEntryOf(who, policy, at);
  if (!entry) return null;
  return { all: entry.all, teams: [...entry.teams] };
}

/** True when a manager's scope covers a person of `team`. */
export function scopeCovers(scope: { all: boolean; teams: string[] } | null, team: string): boolean {
  if (!scope) return false;
  return scope.all || scope.teams.some((t) => sameTeam(t, team));
}

/** The modules this person must complete: everyone's, their team's, and those of the roles they hold. */
export function requiredModulesFor(
  who: RoleSubject,
  policy: Policy,
  at: Date,
  roles: ReadonlySet<Role> = rolesOf(who, policy, at),
): Set<string> {
  const out = new Set<string>(policy.required.everyone);
  for (const [team, ids] of Object.entries(policy.required.teams)) {
    if (sameTeam(team, who.team)) for (const id of ids) out.add(id);
  }
  for (const role of roles) for (const id of policy.required.roles[role]) out.add(id);
  return out;
}

/** Modules whose training must be current before anyone may submit a data-use review. */
export function modulesRequiredToSubmit(policy: Policy): string[] {
  return [...policy.required.roles.submitter];
}
