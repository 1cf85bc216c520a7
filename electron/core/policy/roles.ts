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

function holds(entry: { email: string; fingerprint: string }, who: RoleSubject): boolean {
  return (
    normaliseEmail(entry.email) === normaliseEmail(who.email) &&
    normaliseFingerprint(entry.fingerprint) === normaliseFingerprint(who.fingerprint)
  );
}

function managerEntryOf(who: RoleSubject, policy: Policy): ManagerEntry | undefined {
  return policy.roles.managers.find((m) => holds(m, who));
}

export function rolesOf(who: RoleSubject, policy: Policy): Set<Role> {
  const roles = new Set<Role>();
  if (policy.roles.reviewers.some((r) => holds(r, who))) roles.add('reviewer');
  if (managerEntryOf(who, policy)) roles.add('manager');
  return roles;
}

/** Whose records a manager may see: every team, or the listed ones; null when not a manager. */
export function managerScope(who: RoleSubject, policy: Policy): { all: boolean; teams: string[] } | null {
  const entry = managerEntryOf(who, policy);
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
  roles: ReadonlySet<Role> = rolesOf(who, policy),
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
