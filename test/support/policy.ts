// Roles granted the way a workspace without an organisation grants them: an entry in a test's own
// copy of content/policy.yaml. One helper for the core, renderer and e2e tests (the services read
// the policy when they start or when they next load the content).
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';

export type PolicyRole = 'reviewers' | 'managers';

/** What a role entry may say besides who: a manager's teams (else all), and when it holds. */
export interface GrantScope {
  teams?: string[];
  from?: string;
  until?: string;
}

/** Appends `person` to `role` in `<contentDir>/policy.yaml`; a manager sees every team unless `teams` says. */
export function grantInPolicy(
  contentDir: string,
  person: { email: string; fingerprint: string },
  role: PolicyRole,
  scope: GrantScope = {},
): void {
  editPolicyRoles(contentDir, (roles) => {
    const { teams, ...window } = scope;
    const entry: Record<string, unknown> = {
      email: person.email,
      fingerprint: person.fingerprint,
      ...window,
    };
    if (role === 'managers') Object.assign(entry, teams ? { teams } : { all: true });
    roles[role] = [...(roles[role] ?? []), entry];
  });
}

/** Rewrites the role lists of `<contentDir>/policy.yaml` through `edit`. */
export function editPolicyRoles(
  contentDir: string,
  edit: (roles: Record<string, Record<string, unknown>[]>) => void,
): void {
  const file = path.join(contentDir, 'policy.yaml');
  const policy = YAML.parse(fs.readFileSync(file, 'utf8')) as {
    roles: Record<string, Record<string, unknown>[]>;
  };
  edit(policy.roles);
  fs.writeFileSync(file, YAML.stringify(policy));
}
