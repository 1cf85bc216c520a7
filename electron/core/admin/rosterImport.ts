// Provisioning from a roster file: the CSV an HR system or identity provider exports (Entra ID,
// Okta, Google Workspace, or a spreadsheet), read by its header names. The plan says, row by row,
// who would be enrolled, whose name, email or team would change, which keys would be added, who
// left and which roles would be granted; a bad row is refused with its reason and, if there is
// any, nothing is written. People on the roster whom the file does not list are reported, never
// removed: an export filtered by mistake must not empty the organisation.
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import type { OrgRoleName, RosterImportPlan } from '../contract/views/org';
import { reason, type Reason } from '../contract/reasons';
import type { AdminEventType } from '../org/events';
import type { ProfileFacts } from '../org/authority';
import { ownerEver, type OrgState } from '../org/roster';
import { normaliseFingerprint } from '../policy/policy';

export const ROSTER_LIMITS = { bytes: 4 * 1024 * 1024, rows: 20_000 };

/** Header names (lower case, letters and digits only) → what they mean. */
const ALIASES: Record<string, string> = {
  email: 'email',
  mail: 'email',
  emailaddress: 'email',
  emailaddressrequired: 'email',
  primaryemail: 'email',
  workemail: 'email',
  userprincipalname: 'email',
  upn: 'email',
  login: 'email',
  username: 'email',
  name: 'name',
  displayname: 'name',
  fullname: 'name',
  firstname: 'first',
  firstnamerequired: 'first',
  givenname: 'first',
  lastname: 'last',
  lastnamerequired: 'last',
  surname: 'last',
  familyname: 'last',
  team: 'team',
  department: 'team',
  orgunitpath: 'team',
  orgunitpathrequired: 'team',
  status: 'status',
  accountenabled: 'enabled',
  active: 'enabled',
  enabled: 'enabled',
  leftdate: 'leftOn',
  enddate: 'leftOn',
  terminationdate: 'leftOn',
  roles: 'roles',
  role: 'roles',
  stewardroles: 'roles',
  fingerprint: 'fingerprints',
  fingerprints: 'fingerprints',
  keyfingerprint: 'fingerprints',
  stewardfingerprint: 'fingerprints',
};

const emailSchema = z.string().trim().toLowerCase().pipe(z.email());
const DAY = /^\d{4}-\d{2}-\d{2}$/;

const clean = (h: string) => h.toLowerCase().replace(/[^a-z0-9]/g, '');

function parseRoles(text: string): {
  roles: { role: OrgRoleName; teams: string[] | null }[];
  bad: string | null;
} {
  const roles: { role: OrgRoleName; teams: string[] | null }[] = [];
  for (const part of text
    .split(/[;,]/)
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [head, rest] = part.split(':', 2).map((s) => s.trim()) as [string, string | undefined];
    const role = head.toLowerCase();
    if (role === 'reviewer' || role === 'admin') {
      if (rest) return { roles, bad: part };
      roles.push({ role, teams: null });
    } else if (role === 'manager') {
      const teams =
        rest === undefined || rest === '*' || rest === ''
          ? null
          : rest
              .split('|')
              .map((t) => t.trim())
              .filter(Boolean);
      roles.push({ role: 'manager', teams });
    } else {
      return { roles, bad: part };
    }
  }
  return { roles, bad: null };
}

export function planRosterImport(
  csv: string,
  org: OrgState,
  profiles: ReadonlyMap<string, ProfileFacts>,
  now: Date,
  opts: { addTeams?: boolean } = {},
): RosterImportPlan {
  const plan: RosterImportPlan = {
    rows: 0,
    rowProblems: [],
    columns: {},
    add: [],
    update: [],
    keys: [],
    leave: [],
    grants: [],
    newTeams: [],
    unchanged: 0,
    notInFile: [],
    applied: false,
  };
  const fileProblem = (why: Reason) => {
    plan.rowProblems.push({ row: 1, reason: why });
    return plan;
  };
  if (Buffer.byteLength(csv, 'utf8') > ROSTER_LIMITS.bytes) {
    return fileProblem(reason('roster.tooLarge', { max: ROSTER_LIMITS.bytes }));
  }
  let records: string[][];
  try {
    records = parse(csv.replace(/^\uFEFF/, ''), {
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      delimiter: [',', ';', '\t'],
      to: ROSTER_LIMITS.rows + 2,
    }) as string[][];
  } catch (err) {
    const line = (err as { lines?: number }).lines;
    plan.rowProblems.push({
      row: typeof line === 'number' ? line : 1,
      reason: reason('roster.unreadable', { detail: (err as Error).message.slice(0, 200) }),
    });
    return plan;
  }
  const header = records[0];
  if (!header) return fileProblem(reason('roster.empty'));
  if (records.length - 1 > ROSTER_LIMITS.rows)
    return fileProblem(reason('roster.tooManyRows', { max: ROSTER_LIMITS.rows }));
  const col = new Map<string, number>();
  header.forEach((h, i) => {
    const meaning = ALIASES[clean(h)];
    if (meaning && !col.has(meaning)) {
      col.set(meaning, i);
      plan.columns[meaning] = h;
    }
  });
  if (!col.has('email')) return fileProblem(reason('roster.noEmailColumn', { columns: header.join(', ') }));
  if (!col.has('name') && !(col.has('first') && col.has('last')))
    return fileProblem(reason('roster.noNameColumn'));
  if (!col.has('team')) return fileProblem(reason('roster.noTeamColumn'));

  const today = now.toISOString().slice(0, 10);
  const teamOf = (t: string) => org.teams.find((x) => x.toLowerCase() === t.toLowerCase()) ?? null;
  const newTeams = new Map<string, string>();
  const seenEmails = new Map<string, number>();
  const byEmail = new Map<string, string>();
  for (const p of org.people.values()) if (p.leftOn === null) byEmail.set(p.email.toLowerCase(), p.personId);
  const listed = new Set<string>();
  const keysTaken = new Map<string, number>();
  // The workspace's profiles by fingerprint, made once (a search of them per row was O(rows x profiles)).
  let byFingerprint: Map<string, ProfileFacts[]> | null = null;
  const profilesWithFingerprint = (): Map<string, ProfileFacts[]> => {
    if (byFingerprint) return byFingerprint;
    byFingerprint = new Map();
    for (const p of profiles.values()) {
      const fp = normaliseFingerprint(p.fingerprint);
      const same = byFingerprint.get(fp);
      if (same) same.push(p);
      else byFingerprint.set(fp, [p]);
    }
    return byFingerprint;
  };

  for (let i = 1; i < records.length; i++) {
    const row = i + 1;
    const cells = records[i] as string[];
    const get = (k: string) => {
      const idx = col.get(k);
      return idx === undefined ? '' : (cells[idx] ?? '').trim();
    };
    plan.rows++;
    const problems: Reason[] = [];
    const emailText = get('email');
    const parsedEmail = emailSchema.safeParse(emailText);
    if (!parsedEmail.success) {
      problems.push(
        emailText === '' ? reason('roster.noEmail') : reason('roster.badEmail', { email: emailText }),
      );
    }
    const email = parsedEmail.success ? parsedEmail.data : emailText.toLowerCase();
    if (parsedEmail.success) {
      const first = seenEmails.get(email);
      if (first !== undefined) problems.push(reason('roster.duplicateEmail', { email, row: first }));
      else seenEmails.set(email, row);
    }
    const name = (get('name') || `${get('first')} ${get('last')}`).replace(/\s+/g, ' ').trim();
    if (name === '') problems.push(reason('roster.noName'));
    else if (name.length > 120) problems.push(reason('roster.nameTooLong'));
    const teamText = get('team').replace(/^\/+/, '');
    let team: string | null = null;
    if (teamText === '') problems.push(reason('roster.noTeam'));
    else {
      team = teamOf(teamText) ?? newTeams.get(teamText.toLowerCase()) ?? null;
      if (!team) {
        if (opts.addTeams) {
          newTeams.set(teamText.toLowerCase(), teamText);
          team = teamText;
        } else {
          problems.push(reason('roster.unknownTeam', { team: teamText, teams: org.teams.join(', ') }));
        }
      }
    }
    // Status: an account disabled or a person marked inactive has left.
    const status = get('status').toLowerCase();
    const enabled = get('enabled').toLowerCase();
    let left = false;
    if (status !== '') {
      if (['inactive', 'suspended', 'deprovisioned', 'terminated', 'left', 'disabled'].includes(status))
        left = true;
      else if (
        ![
          'active',
          'enabled',
          'provisioned',
          'staged',
          'recovery',
          'password_expired',
          'locked_out',
        ].includes(status)
      )
        problems.push(reason('roster.badStatus', { status }));
    }
    if (enabled !== '') {
      if (['false', 'no', '0'].includes(enabled)) left = true;
      else if (!['true', 'yes', '1'].includes(enabled))
        problems.push(reason('roster.badStatus', { status: enabled }));
    }
    let leftOn = today;
    const leftText = get('leftOn');
    if (leftText !== '') {
      if (!DAY.test(leftText) || Number.isNaN(Date.parse(`${leftText}T00:00:00Z`))) {
        problems.push(reason('roster.badDate', { date: leftText }));
      } else if (leftText <= today) {
        left = true;
        leftOn = leftText;
      }
    }
    const { roles, bad } = parseRoles(get('roles'));
    if (bad !== null) problems.push(reason('roster.badRole', { role: bad }));
    for (const r of roles) {
      for (const t of r.teams ?? []) {
        if (!teamOf(t) && !newTeams.has(t.toLowerCase()))
          problems.push(reason('roster.unknownTeam', { team: t, teams: org.teams.join(', ') }));
      }
    }
    // Keys: each fingerprint must be a profile in the workspace made with this email.
    const profileIds: { profileId: string; fingerprint: string }[] = [];
    for (const fp of get('fingerprints')
      .split(/[;,]/)
      .map((s) => s.trim())
      .filter(Boolean)) {
      const norm = normaliseFingerprint(fp);
      if (!/^[0-9a-f]{32}$/.test(norm)) {
        problems.push(reason('roster.badFingerprint', { fingerprint: fp }));
        continue;
      }
      const match = profilesWithFingerprint()
        .get(norm)
        ?.find((p) => p.email.toLowerCase() === email);
      if (!match) {
        problems.push(reason('roster.fingerprintUnknown', { fingerprint: fp, email }));
        continue;
      }
      const owner = ownerEver(org, match.id);
      const personId = byEmail.get(email) ?? null;
      if (owner && owner.personId !== personId) {
        problems.push(reason('org.keyTaken', { profileId: match.id, name: owner.name }));
        continue;
      }
      const other = keysTaken.get(match.id);
      if (other !== undefined) {
        problems.push(reason('roster.keyTwice', { fingerprint: fp, row: other }));
        continue;
      }
      keysTaken.set(match.id, row);
      if (!owner) profileIds.push({ profileId: match.id, fingerprint: match.fingerprint });
    }
    if (problems.length > 0) {
      for (const p of problems) plan.rowProblems.push({ row, reason: p });
      continue;
    }
    const personId = byEmail.get(email) ?? null;
    if (personId) listed.add(personId);
    if (left) {
      if (personId) {
        const p = org.people.get(personId)!;
        plan.leave.push({ row, personId, name: p.name, email, on: leftOn });
      } else {
        plan.unchanged++;
      }
      continue;
    }
    let changed = false;
    if (!personId) {
      plan.add.push({ row, name, email, team: team!, profileIds: profileIds.map((k) => k.profileId) });
      changed = true;
    } else {
      const p = org.people.get(personId)!;
      const changes: RosterImportPlan['update'][number]['changes'] = [];
      if (p.name !== name) changes.push({ field: 'name', from: p.name, to: name });
      if (p.team.toLowerCase() !== team!.toLowerCase())
        changes.push({ field: 'team', from: p.team, to: team! });
      if (changes.length > 0) {
        plan.update.push({ row, personId, name, changes });
        changed = true;
      }
      for (const k of profileIds) {
        plan.keys.push({ row, personId, email, name, profileId: k.profileId, fingerprint: k.fingerprint });
        changed = true;
      }
    }
    for (const r of roles) {
      const held =
        personId !== null &&
        org.grants.some(
          (g) =>
            g.personId === personId &&
            g.role === r.role &&
            (g.until === null || g.until >= today) &&
            JSON.stringify(g.teams?.map((t) => t.toLowerCase()).sort() ?? null) ===
              JSON.stringify(r.teams?.map((t) => t.toLowerCase()).sort() ?? null),
        );
      if (!held) {
        plan.grants.push({
          row,
          personId,
          email,
          name,
          role: r.role,
          teams: r.teams?.map((t) => teamOf(t) ?? t) ?? null,
        });
        changed = true;
      }
    }
    if (!changed) plan.unchanged++;
  }
  // An import must not leave the organisation without an admin.
  const leaving = new Set(plan.leave.map((l) => l.personId));
  const isAdmin = (personId: string) =>
    org.grants.some(
      (g) =>
        g.personId === personId &&
        g.role === 'admin' &&
        (g.from === null || g.from <= today) &&
        (g.until === null || g.until >= today),
    );
  const admins = [...org.people.values()].filter((p) => p.leftOn === null && isAdmin(p.personId));
  if (admins.length > 0 && admins.every((p) => leaving.has(p.personId))) {
    for (const l of plan.leave)
      if (isAdmin(l.personId)) plan.rowProblems.push({ row: l.row, reason: reason('org.lastAdmin') });
  }
  plan.rowProblems.sort((a, b) => a.row - b.row);
  plan.newTeams = [...newTeams.values()];
  for (const p of org.people.values()) {
    if (p.leftOn === null && !listed.has(p.personId))
      plan.notInFile.push({ personId: p.personId, name: p.name, email: p.email });
  }
  return plan;
}

/** The admin entries that carry out a plan, in order: teams first, then people, keys, leavers, roles. */
export function applyRosterPlan(
  plan: RosterImportPlan,
  orgTeams: readonly string[],
  newPersonId: () => string,
  newGrantId: () => string,
): { type: AdminEventType; data: Record<string, unknown> }[] {
  const events: { type: AdminEventType; data: Record<string, unknown> }[] = [];
  const idByEmail = new Map<string, string>();
  if (plan.newTeams.length > 0) {
    events.push({ type: 'org.teamsSet', data: { teams: [...orgTeams, ...plan.newTeams] } });
  }
  for (const a of plan.add) {
    const personId = newPersonId();
    idByEmail.set(a.email, personId);
    events.push({
      type: 'org.personEnrolled',
      data: { personId, name: a.name, email: a.email, team: a.team, profileIds: a.profileIds },
    });
  }
  for (const u of plan.update) {
    const data: Record<string, unknown> = { personId: u.personId };
    for (const c of u.changes) data[c.field] = c.to;
    events.push({ type: 'org.personUpdated', data });
  }
  for (const k of plan.keys) {
    events.push({ type: 'org.keyAdded', data: { personId: k.personId, profileId: k.profileId } });
  }
  for (const l of plan.leave)
    events.push({ type: 'org.personLeft', data: { personId: l.personId, on: l.on } });
  for (const g of plan.grants) {
    const personId = g.personId ?? idByEmail.get(g.email);
    if (!personId) continue;
    events.push({
      type: 'org.roleGranted',
      data: {
        grantId: newGrantId(),
        personId,
        role: g.role,
        teams: g.role === 'manager' ? g.teams : null,
        from: null,
        until: null,
      },
    });
  }
  return events;
}
