// `steward org …` and `steward profile show`: provisioning an organisation from the command line.
// Each command drives the app's own organisation services (electron/core/admin/orgServices.ts)
// through the contract's argument schemas, as every transport does; the CLI only reads options,
// finds people and keys by what an admin types (an email, a fingerprint), and prints. Which
// organisation a command works in is decided in orgSession.ts.
import fs from 'node:fs';
import path from 'node:path';
import { formatReason } from '../core/contract/reasons';
import { PROFILE_ID_PATTERN } from '../core/contract/ids';
import type {
  OrgGrantView,
  OrganisationView,
  OrgPersonView,
  ReleasePreview,
  RosterImportPlan,
} from '../core/contract/views/org';
import { StewardError } from '../core/errors';
import { PERSON_ID_PATTERN } from '../core/org/events';
import { normaliseFingerprint } from '../core/policy/policy';
import { ROSTER_LIMITS } from '../core/admin/rosterImport';
import {
  CONTENT_DEFAULT_HELP,
  help,
  keysOption,
  optional,
  required,
  UsageError,
  type CliIo,
  type Command,
  type OptionValues,
} from './command';
import {
  callService,
  openCliSession,
  ORG_OPTION_HELP,
  withOrganisation,
  type CliSession,
} from './orgSession';

type Org = NonNullable<OrganisationView['org']>;

const common = {
  workspace: { type: 'string' as const },
  profile: { type: 'string' as const },
  org: { type: 'string' as const },
  ...keysOption,
  ...help,
};

const COMMON_HELP = `--workspace DIR
                 the shared workspace folder
  --keys DIR     where your private key is (default: the app's local key folder)
  --profile ID   which of your profiles you are, when several have keys in --keys
  ${ORG_OPTION_HELP}`;

const today = () => new Date().toISOString().slice(0, 10);
const when = (iso: string) => (iso === '' ? '?' : iso.slice(0, 16).replace('T', ' '));
const list = (xs: readonly string[]) => (xs.length === 0 ? '-' : xs.join(', '));

/** "A,B , C" as ["A", "B", "C"]. */
function splitList(text: string): string[] {
  return text
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
}

/** The person an admin means by a person id or an email (a current person before one who left). */
export function findPerson(org: Org, text: string): OrgPersonView {
  const t = text.trim();
  if (PERSON_ID_PATTERN.test(t)) {
    const p = org.people.find((x) => x.personId === t);
    if (!p) throw new StewardError('NOT_FOUND', `there is no person ${t} on the roster of ${org.name}.`);
    return p;
  }
  const email = t.toLowerCase();
  const hits = org.people.filter((p) => p.email.toLowerCase() === email);
  const current = hits.filter((p) => p.leftOn === null);
  if (current.length === 1) return current[0]!;
  if (current.length === 0 && hits.length === 1) return hits[0]!;
  if (hits.length === 0) {
    throw new StewardError(
      'NOT_FOUND',
      `no one on the roster of ${org.name} has the email ${email} (see "steward org show").`,
    );
  }
  throw new StewardError(
    'CONFLICT',
    `${hits.length} people on the roster have the email ${email} (${hits.map((p) => p.personId).join(', ')}): give --person ID.`,
  );
}

/**
 * The profile an admin means by --key: a profile id, or the fingerprint a person read out (of a
 * join request, or of a key already on the roster).
 */
export function findKey(org: Org, text: string): string {
  const t = text.trim();
  if (PROFILE_ID_PATTERN.test(t)) return t;
  const fp = normaliseFingerprint(t);
  if (!/^[0-9a-f]{32}$/.test(fp)) {
    throw new UsageError(
      `--key must be a profile id (p and 20 hex digits) or a key fingerprint (got "${t}")`,
    );
  }
  const same = (x: string | null) => x !== null && normaliseFingerprint(x) === fp;
  const request = org.joinRequests.find((j) => same(j.fingerprint));
  if (request) return request.profileId;
  for (const p of org.people) {
    const key = p.keys.find((k) => same(k.fingerprint));
    if (key) return key.profileId;
  }
  throw new StewardError(
    'NOT_FOUND',
    `no join request or roster key has the fingerprint ${t}: give the profile id instead (the person's Settings show it).`,
  );
}

const period = (from: string | null, until: string | null) =>
  `${from ?? 'from the start'} → ${until ?? 'no end'}`;

function grantLine(g: OrgGrantView): string {
  const teams = g.role === 'manager' ? ` of ${g.teams === null ? 'every team' : g.teams.join(', ')}` : '';
  return `${g.role}${teams}  ${period(g.from, g.until)}  ${g.inForce ? 'in force' : 'not in force today'}  (grant ${g.grantId}, by ${g.grantedBy} ${when(g.at)})`;
}

function printPerson(io: CliIo, p: OrgPersonView): void {
  const left = p.leftOn ? `  LEFT on ${p.leftOn}` : '';
  io.out(
    `  ${p.name} <${p.email}>  ${p.team}  (person ${p.personId}, enrolled ${when(p.enrolledAt)})${left}`,
  );
  for (const k of p.keys) {
    const until = k.until ? ` until ${when(k.until)}` : '';
    io.out(
      `    key ${k.profileId}  ${k.fingerprint ?? '(its ledger is not in the workspace)'}  since ${when(k.from)}${until}`,
    );
  }
  for (const g of p.grants) io.out(`    role ${grantLine(g)}`);
}

function printOrganisation(io: CliIo, view: OrganisationView): void {
  const org = view.org!;
  io.out(`org id    ${org.orgId}`);
  io.out(`created   ${when(org.createdAt)}`);
  io.out(`teams     ${list(org.teams)}`);
  const r = view.content.release;
  io.out(
    r
      ? `content   release ${r.release} in force (${r.files} files, published ${when(r.at)} by ${r.by}, manifest ${r.manifestHash})`
      : 'content   the content bundled with the app (no valid release)',
  );
  for (const p of view.content.problems) io.out(`  ${formatReason(p)}`);
  const left = org.people.filter((p) => p.leftOn !== null).length;
  io.out(`people    ${org.people.length - left} current${left > 0 ? `, ${left} who left` : ''}`);
  for (const p of org.people) printPerson(io, p);
  io.out(
    `join requests (${org.joinRequests.length}): compare each fingerprint with the one the person reads out`,
  );
  for (const j of org.joinRequests) {
    io.out(
      `  ${j.name} <${j.email}>  ${j.team}  profile ${j.profileId}  fingerprint ${j.fingerprint}  asked ${when(j.at)}`,
    );
  }
  io.out(`change requests (${org.changeRequests.length})`);
  for (const c of org.changeRequests) {
    const changes = (['name', 'email', 'team'] as const)
      .filter((f) => c.requested[f] !== undefined)
      .map((f) => `${f} ${c.current[f]} → ${c.requested[f]!}`)
      .join('; ');
    io.out(`  ${c.current.name} (person ${c.personId}): ${changes}  asked ${when(c.at)}`);
  }
  io.out(`releases (${org.releases.length})`);
  for (const x of org.releases) {
    io.out(`  ${x.release}  ${when(x.at)}  by ${x.by}  ${x.files} files  manifest ${x.manifestHash}`);
  }
  io.out(`ignored admin entries (${org.ignored.length})`);
  for (const i of org.ignored) io.out(`  ${i.type} by ${i.by} at ${when(i.at)}: ${formatReason(i.reason)}`);
}

/** Runs an admin change in the resolved organisation, printing the header line first. */
function adminCommand(
  def: Omit<Command, 'run'>,
  change: (values: OptionValues, session: CliSession, org: Org, io: CliIo) => Promise<string | string[]>,
): Command {
  return {
    ...def,
    async run(values, io, ctx) {
      return withOrganisation(values, ctx, { profile: 'required' }, async (session, resolved) => {
        io.out(resolved.header);
        const said = await change(values, session, resolved.view.org!, io);
        for (const line of Array.isArray(said) ? said : [said]) io.out(line);
        return 0;
      });
    },
  };
}

const orgInit: Command = {
  name: 'org init',
  summary: 'Set up the organisation in a workspace, with you as its first admin.',
  usage: `steward org init --workspace DIR --name NAME --teams "A,B" --team A [--from-policy]
                [--content DIR] [--keys DIR] [--profile ID]

  --name NAME    the organisation's name, as people will see it when they join
  --teams "A,B"  the team list (the teams policy.yaml requires training for are added)
  --team A       your own team
  --from-policy  make policy.yaml's reviewers and managers (email + key fingerprint) roster grants,
                 with their from/until days; entries that match no profile here are skipped
  --content DIR  the content whose policy.yaml is read and which seeds release 1
                 (${CONTENT_DEFAULT_HELP})
  --keys DIR     where your private key is; your profile must exist in the workspace
                 ("steward profile create")

  Prints the org id and the code to give people who join: they compare it with what their app
  shows. Refused when the workspace holds an organisation already.`,
  options: {
    workspace: { type: 'string' },
    name: { type: 'string' },
    teams: { type: 'string' },
    team: { type: 'string' },
    'from-policy': { type: 'boolean' },
    content: { type: 'string' },
    profile: { type: 'string' },
    ...keysOption,
    ...help,
  },
  async run(values, io, ctx) {
    const name = required(values, 'name');
    const teams = splitList(required(values, 'teams'));
    const team = required(values, 'team');
    const session = await openCliSession(values, ctx, { profile: 'required', orgOption: false });
    try {
      const created = await callService(session.services, 'createOrganisation', {
        name,
        teams,
        team,
        fromPolicy: values['from-policy'] === true,
      });
      const org = created.organisation.org!;
      io.out(`organisation: ${org.name}  code ${org.code}  (set up now in ${session.workspace})`);
      io.out(`org id    ${org.orgId}`);
      io.out(`code      ${org.code}   give this code to the people who join: their app shows it to compare`);
      io.out(`admin     ${session.me!.name} <${session.me!.email}>`);
      io.out(`teams     ${list(org.teams)}`);
      const r = created.organisation.content.release;
      if (r)
        io.out(
          `release   ${r.release} seeded from the content (${r.files} files, manifest ${r.manifestHash})`,
        );
      if (created.seedProblem) {
        io.out(
          `release   none: ${formatReason(created.seedProblem)} Publish one with "steward org publish DIR".`,
        );
      }
      if (created.migrated) {
        const m = created.migrated;
        io.out(`from policy.yaml: ${m.granted.length} grant(s) made, ${m.skipped.length} entr(ies) skipped`);
        for (const g of m.granted) io.out(`  granted ${g.role} to ${g.name}  ${period(g.from, g.until)}`);
        for (const x of m.skipped) io.out(`  skipped ${x.role} ${x.email}: ${formatReason(x.why)}`);
      }
      return 0;
    } finally {
      await session.close();
    }
  },
};

const orgShow: Command = {
  name: 'org show',
  summary: 'Show the organisation: teams, people with keys and roles, requests, releases.',
  usage: `steward org show --workspace DIR [--json] [--keys DIR] [--profile ID] [--org CODE]

  ${COMMON_HELP}
  --json         the whole view as JSON

  Lists teams; people with their keys (fingerprints), roles with their days, and who left; join
  requests with the fingerprint to compare; change requests; releases; and admin entries the
  roster ignored, with why. Needs no key of yours.`,
  options: { ...common, json: { type: 'boolean' } },
  async run(values, io, ctx) {
    return withOrganisation(values, ctx, { profile: 'optional' }, async (_session, resolved) => {
      if (values.json) {
        io.out(JSON.stringify(resolved.view, null, 2));
        return 0;
      }
      io.out(resolved.header);
      printOrganisation(io, resolved.view);
      return 0;
    });
  },
};

const orgJoin: Command = {
  name: 'org join',
  summary: "Ask to join the workspace's organisation: checks its code, records your join request.",
  usage: `steward org join --workspace DIR --code CODE [--keys DIR] [--profile ID]

  --code CODE    the code your admin gave you; the organisation in the workspace must show it
  --keys DIR     where your private key is (default: the app's local key folder)

  An admin then enrols you ("steward org enrol --key PROFILE_ID"), comparing your fingerprint
  ("steward profile show").`,
  options: {
    workspace: { type: 'string' },
    code: { type: 'string' },
    profile: { type: 'string' },
    ...keysOption,
    ...help,
  },
  async run(values, io, ctx) {
    const code = required(values, 'code');
    const session = await openCliSession(values, ctx, { profile: 'required', orgOption: false });
    try {
      const seen = await session.services.getOrganisation({});
      if (seen.state === 'refused' && seen.refusal) {
        throw new StewardError('WORKSPACE_REFUSED', formatReason(seen.refusal), { reasons: [seen.refusal] });
      }
      const clean = (s: string) => s.toUpperCase().replace(/[^A-Z0-9]/g, '');
      const match = seen.candidates.find((c) => clean(c.code) === clean(code));
      if (!match) {
        throw new StewardError(
          'NOT_FOUND',
          seen.candidates.length === 0
            ? `${session.workspace} holds no organisation.`
            : `no organisation in ${session.workspace} has the code ${code}: check the code with your admin (never copy one from the workspace: anyone can set up an organisation there).`,
        );
      }
      const view = await callService(session.services, 'confirmOrganisation', { orgId: match.orgId, code });
      io.out(`organisation: ${match.name}  code ${match.code}  (the code you gave)`);
      const me = view.me;
      io.out(
        me?.personId
          ? `you are enrolled already (person ${me.personId})`
          : `join request recorded for ${session.me!.name}, key fingerprint ${session.me!.fingerprint}: an admin enrols you after comparing it`,
      );
      return 0;
    } finally {
      await session.close();
    }
  },
};

const orgEnrol = adminCommand(
  {
    name: 'org enrol',
    summary: 'Enrol a person on the roster, with their keys (or from their join request).',
    usage: `steward org enrol --workspace DIR (--name NAME --email EMAIL --team TEAM | --key P)
                 [--key PROFILE_ID|FINGERPRINT …] [--keys DIR] [--profile ID] [--org CODE]

  --name, --email, --team  who the person is (the team from the organisation's list)
  --key K        a key of theirs: a profile id, or the fingerprint they read out from their
                 Settings; repeat for each device. Given alone with the key of a join request,
                 the name, email and team come from that request (--name/--email/--team override)
  ${COMMON_HELP}`,
    options: {
      ...common,
      name: { type: 'string' },
      email: { type: 'string' },
      team: { type: 'string' },
      key: { type: 'string', multiple: true },
    },
  },
  async (values, session, org) => {
    const keys = ((values.key as string[] | undefined) ?? []).map((k) => findKey(org, k));
    const request = keys
      .map((k) => org.joinRequests.find((j) => j.profileId === k))
      .find((j) => j !== undefined);
    const pick = (field: 'name' | 'email' | 'team') => {
      const given = optional(values, field);
      if (given !== undefined) return given;
      if (request && request[field] !== '') return request[field];
      throw new UsageError(`missing --${field} (or give the --key of a join request)`);
    };
    const name = pick('name');
    const email = pick('email');
    const team = pick('team');
    const view = await callService(session.services, 'enrolPerson', { name, email, team, profileIds: keys });
    const person = view.org!.people.find(
      (p) => p.leftOn === null && p.email.toLowerCase() === email.trim().toLowerCase(),
    );
    return `enrolled ${person?.name ?? name} <${person?.email ?? email}>, ${person?.team ?? team}, as person ${person?.personId ?? '?'}${keys.length > 0 ? ` with key(s) ${keys.join(', ')}` : ' (no key yet: add one with "steward org key add")'}`;
  },
);

const orgUpdate = adminCommand(
  {
    name: 'org update',
    summary: "Change a person's name, email or team on the roster (e.g. a change they asked for).",
    usage: `steward org update --workspace DIR --person ID|EMAIL [--name NAME] [--email EMAIL] [--team TEAM]
                  [--keys DIR] [--profile ID] [--org CODE]

  --person P     the person, by person id or email
  ${COMMON_HELP}`,
    options: {
      ...common,
      person: { type: 'string' },
      name: { type: 'string' },
      email: { type: 'string' },
      team: { type: 'string' },
    },
  },
  async (values, session, org) => {
    const person = findPerson(org, required(values, 'person'));
    const name = optional(values, 'name');
    const email = optional(values, 'email');
    const team = optional(values, 'team');
    if (name === undefined && email === undefined && team === undefined) {
      throw new UsageError('say what changes: --name, --email or --team');
    }
    const view = await callService(session.services, 'updatePerson', {
      personId: person.personId,
      ...(name !== undefined ? { name } : {}),
      ...(email !== undefined ? { email } : {}),
      ...(team !== undefined ? { team } : {}),
    });
    const after = view.org!.people.find((p) => p.personId === person.personId)!;
    return `updated person ${after.personId}: ${after.name} <${after.email}>, ${after.team}`;
  },
);

const orgGrant = adminCommand(
  {
    name: 'org grant',
    summary: 'Give a person a role (reviewer, manager of teams or all, admin), with days.',
    usage: `steward org grant --workspace DIR --person ID|EMAIL --role reviewer|manager|admin
                 [--teams "A,B" | --all] [--from YYYY-MM-DD] [--until YYYY-MM-DD]
                 [--keys DIR] [--profile ID] [--org CODE]

  --person P     the person, by person id or email
  --role R       reviewer, manager or admin
  --teams "A,B"  a manager's teams; --all: every team (a manager needs one of the two)
  --from D       the first day the role holds (default: at once)
  --until D      the last day it holds (default: no end)
  ${COMMON_HELP}

  Takes effect on every app that reads the workspace, at its next refresh. Prints the grant id
  ("steward org revoke --grant ID" ends it).`,
    options: {
      ...common,
      person: { type: 'string' },
      role: { type: 'string' },
      teams: { type: 'string' },
      all: { type: 'boolean' },
      from: { type: 'string' },
      until: { type: 'string' },
    },
  },
  async (values, session, org) => {
    const person = findPerson(org, required(values, 'person'));
    const role = required(values, 'role');
    const teamsText = optional(values, 'teams');
    if (teamsText !== undefined && values.all) throw new UsageError('give --teams or --all, not both');
    if (role === 'manager' && teamsText === undefined && !values.all) {
      throw new UsageError('a manager sees some teams or all: give --teams "A,B" or --all');
    }
    if (role !== 'manager' && values.all) throw new UsageError('--all is for managers (every team)');
    const before = new Set(person.grants.map((g) => g.grantId));
    const view = await callService(session.services, 'grantRole', {
      personId: person.personId,
      role: role as 'reviewer',
      teams: teamsText === undefined ? null : splitList(teamsText),
      from: optional(values, 'from') ?? null,
      until: optional(values, 'until') ?? null,
    });
    const after = view.org!.people.find((p) => p.personId === person.personId)!;
    const made = after.grants.find((g) => !before.has(g.grantId));
    return made ? `granted to ${after.name}: ${grantLine(made)}` : `granted ${role} to ${after.name}`;
  },
);

const orgRevoke = adminCommand(
  {
    name: 'org revoke',
    summary: 'End a role: its last day is --until (default today).',
    usage: `steward org revoke --workspace DIR (--grant ID | --person ID|EMAIL --role ROLE) [--until YYYY-MM-DD]
                  [--keys DIR] [--profile ID] [--org CODE]

  --grant ID     the grant to end ("steward org show" lists them)
  --person P --role R  the person's grant of that role, when they hold one that has not ended
  --until D      the last day the role holds (default: today). Decisions made until then stand.
  ${COMMON_HELP}`,
    options: {
      ...common,
      grant: { type: 'string' },
      person: { type: 'string' },
      role: { type: 'string' },
      until: { type: 'string' },
    },
  },
  async (values, session, org) => {
    const grantText = optional(values, 'grant');
    const personText = optional(values, 'person');
    const role = optional(values, 'role');
    const until = optional(values, 'until') ?? today();
    let grantId: string;
    if (grantText !== undefined) {
      if (personText !== undefined || role !== undefined)
        throw new UsageError('give --grant ID, or --person and --role, not both');
      grantId = grantText.trim();
    } else {
      if (personText === undefined || role === undefined)
        throw new UsageError('say which role: --grant ID, or --person ID|EMAIL and --role ROLE');
      const person = findPerson(org, personText);
      const open = person.grants.filter((g) => g.role === role && (g.until === null || g.until >= today()));
      if (open.length === 0) {
        throw new StewardError('NOT_FOUND', `${person.name} holds no ${role} role that has not ended.`);
      }
      if (open.length > 1) {
        throw new StewardError(
          'CONFLICT',
          `${person.name} holds ${open.length} ${role} grants (${open.map((g) => g.grantId).join(', ')}): say which with --grant ID.`,
        );
      }
      grantId = open[0]!.grantId;
    }
    const view = await callService(session.services, 'revokeRole', { grantId, until });
    const g = view.org!.people.flatMap((p) => p.grants).find((x) => x.grantId === grantId);
    return g
      ? `${g.personName}'s ${g.role} role ends after ${g.until ?? until} (grant ${grantId})`
      : `revoked ${grantId}`;
  },
);

const orgLeave = adminCommand(
  {
    name: 'org leave',
    summary: 'Record that a person left: their keys and roles stop at the end of that day.',
    usage: `steward org leave --workspace DIR --person ID|EMAIL [--on YYYY-MM-DD]
                 [--keys DIR] [--profile ID] [--org CODE]

  --person P     the person, by person id or email
  --on D         the day they left (default: today); what they signed before stands
  ${COMMON_HELP}`,
    options: { ...common, person: { type: 'string' }, on: { type: 'string' } },
  },
  async (values, session, org) => {
    const person = findPerson(org, required(values, 'person'));
    const on = optional(values, 'on') ?? today();
    await callService(session.services, 'recordPersonLeft', { personId: person.personId, on });
    return `recorded that ${person.name} <${person.email}> left on ${on}`;
  },
);

function keyCommand(action: 'add' | 'revoke'): Command {
  return adminCommand(
    {
      name: `org key ${action}`,
      summary:
        action === 'add'
          ? "Add a key (another device's profile) to a person on the roster."
          : "Revoke one of a person's keys: it stops being theirs now.",
      usage: `steward org key ${action} --workspace DIR --person ID|EMAIL --key PROFILE_ID|FINGERPRINT
                    [--keys DIR] [--profile ID] [--org CODE]

  --person P     the person, by person id or email
  --key K        the key, by profile id or fingerprint${action === 'add' ? ' (e.g. of their join request)' : ''}
  ${COMMON_HELP}`,
      options: { ...common, person: { type: 'string' }, key: { type: 'string' } },
    },
    async (values, session, org) => {
      const person = findPerson(org, required(values, 'person'));
      const profileId = findKey(org, required(values, 'key'));
      await callService(session.services, action === 'add' ? 'addPersonKey' : 'revokePersonKey', {
        personId: person.personId,
        profileId,
      });
      return action === 'add'
        ? `added key ${profileId} to ${person.name}`
        : `revoked key ${profileId} of ${person.name}`;
    },
  );
}

const orgTeams = adminCommand(
  {
    name: 'org teams',
    summary: "List the organisation's teams, or set them (--set) or add to them (--add).",
    usage: `steward org teams --workspace DIR [--set "A,B,C" | --add "D,E"] [--keys DIR] [--profile ID] [--org CODE]

  --set "A,B,C"  the whole team list (a team someone is still in cannot go)
  --add "D,E"    teams to add to the list
  ${COMMON_HELP}`,
    options: { ...common, set: { type: 'string' }, add: { type: 'string' } },
  },
  async (values, session, org) => {
    const set = optional(values, 'set');
    const add = optional(values, 'add');
    if (set !== undefined && add !== undefined) throw new UsageError('give --set or --add, not both');
    if (set === undefined && add === undefined) return `teams: ${list(org.teams)}`;
    const teams = set !== undefined ? splitList(set) : [...org.teams, ...splitList(add!)];
    const view = await callService(session.services, 'setTeams', { teams });
    return `teams: ${list(view.org!.teams)}`;
  },
);

/** Reads a roster file the way a hostile one is read: a regular file, within the size limit. */
function readRosterFile(file: string): string {
  const abs = path.resolve(file);
  let st: fs.Stats;
  try {
    st = fs.lstatSync(abs);
  } catch {
    throw new StewardError('NOT_FOUND', `${abs} does not exist.`);
  }
  if (!st.isFile()) throw new StewardError('INVALID_ARGUMENT', `${abs} is not a regular file.`);
  if (st.size > ROSTER_LIMITS.bytes) {
    throw new StewardError('INVALID_ARGUMENT', `${abs} is larger than ${ROSTER_LIMITS.bytes} bytes.`);
  }
  return fs.readFileSync(abs, 'utf8');
}

function printColumns(io: CliIo, plan: RosterImportPlan, file: string): void {
  const columns = Object.entries(plan.columns)
    .map(([meaning, header]) => `${meaning} "${header}"`)
    .join(', ');
  io.out(`roster ${path.basename(file)}: ${plan.rows} row(s); columns read: ${columns || '-'}`);
}

function printPlan(io: CliIo, plan: RosterImportPlan, file: string): void {
  printColumns(io, plan, file);
  const section = (title: string, lines: string[]) => {
    io.out(`${title} (${lines.length})`);
    for (const l of lines) io.out(`  ${l}`);
  };
  section(
    'enrol',
    plan.add.map(
      (a) =>
        `row ${a.row}  ${a.name} <${a.email}>  ${a.team}${a.profileIds.length > 0 ? `  keys ${a.profileIds.join(', ')}` : ''}`,
    ),
  );
  section(
    'change',
    plan.update.map(
      (u) => `row ${u.row}  ${u.name}: ${u.changes.map((c) => `${c.field} ${c.from} → ${c.to}`).join('; ')}`,
    ),
  );
  section(
    'add key',
    plan.keys.map((k) => `row ${k.row}  ${k.name} <${k.email}>: key ${k.profileId} (${k.fingerprint})`),
  );
  section(
    'record as left',
    plan.leave.map((l) => `row ${l.row}  ${l.name} <${l.email}> on ${l.on}`),
  );
  section(
    'grant',
    plan.grants.map(
      (g) =>
        `row ${g.row}  ${g.name} <${g.email}>: ${g.role}${g.role === 'manager' ? ` of ${g.teams === null ? 'every team' : g.teams.join(', ')}` : ''}`,
    ),
  );
  io.out(`new teams: ${list(plan.newTeams)}`);
  io.out(`unchanged: ${plan.unchanged}`);
  section(
    'on the roster but not in the file (kept as they are)',
    plan.notInFile.map((p) => `${p.name} <${p.email}>`),
  );
}

const orgImportRoster: Command = {
  name: 'org import-roster',
  summary: 'Enrol and update people from an HR or identity-provider CSV (dry run unless --apply).',
  usage: `steward org import-roster FILE.csv --workspace DIR [--apply] [--add-teams]
                         [--keys DIR] [--profile ID] [--org CODE]

  FILE.csv       an export with a header row. Columns are found by name:
                 email (email, mail, userPrincipalName, Primary Email, …), name (displayName, or
                 first + last name), team (department, Org Unit Path), and optionally status /
                 accountEnabled (inactive or false: the person left), leftDate / endDate, roles
                 ("reviewer; manager:Sales|Support; admin"), fingerprints (their keys)
  --apply        make the changes (without it: a dry run that writes nothing)
  --add-teams    teams the file names that the organisation lacks are added (else a bad row)
  ${COMMON_HELP}

  Prints the plan: people enrolled, changed (from → to), keys, leavers, grants, new teams, how
  many are unchanged and who is on the roster but not in the file (never removed). Exit 0 when
  it can be applied (or was), 1 with every bad row ("row 5: …"), in which case nothing is written.`,
  options: { ...common, apply: { type: 'boolean' }, 'add-teams': { type: 'boolean' } },
  positionals: true,
  async run(values, io, ctx, positionals) {
    const file = positionals[0];
    if (!file) throw new UsageError('missing FILE.csv: the roster file to read');
    if (positionals.length > 1) throw new UsageError(`one FILE at a time (got ${positionals.length})`);
    const csv = readRosterFile(file);
    const addTeams = values['add-teams'] === true;
    const apply = values.apply === true;
    return withOrganisation(
      values,
      ctx,
      { profile: apply ? 'required' : 'optional' },
      async (session, resolved) => {
        io.out(resolved.header);
        const plan = await callService(session.services, 'previewRosterImport', { csv, addTeams });
        if (plan.rowProblems.length > 0) {
          printColumns(io, plan, file);
          for (const p of plan.rowProblems) io.out(`row ${p.row}: ${formatReason(p.reason)}`);
          throw new StewardError(
            'INVALID_ARGUMENT',
            `${plan.rowProblems.length} problem(s) in the file: nothing was written.`,
          );
        }
        printPlan(io, plan, file);
        if (!apply) {
          if (!resolved.view.me?.isAdmin) {
            throw new StewardError(
              'NOT_ALLOWED',
              `dry run only: applying it needs an admin of ${resolved.view.org!.name}, and you are not one (or give --keys/--profile).`,
            );
          }
          io.out('dry run: nothing was written; run again with --apply to make these changes');
          return 0;
        }
        const applied = await callService(session.services, 'importRoster', { csv, addTeams });
        io.out(
          `applied: ${applied.add.length} enrolled, ${applied.update.length} changed, ${applied.keys.length} key(s) added, ${applied.leave.length} left, ${applied.grants.length} grant(s)${applied.newTeams.length > 0 ? `, teams added: ${applied.newTeams.join(', ')}` : ''}`,
        );
        return 0;
      },
    );
  },
};

function printPreview(io: CliIo, p: ReleasePreview): void {
  io.out(`release ${p.release} from ${p.dir}: ${p.files} file(s), ${Math.ceil(p.bytes / 1024)} KB`);
  if (p.problems.length > 0) {
    io.out(`problems (${p.problems.length}):`);
    for (const x of p.problems) io.out(`  ${x.file}: ${x.field === null ? '' : `${x.field}: `}${x.reason}`);
  }
  io.out(`modules (${p.modules.length} changed)`);
  for (const m of p.modules) {
    const change =
      m.from === null
        ? `added at ${m.to}`
        : m.to === null
          ? `removed (was ${m.from})`
          : `${m.from} → ${m.to}`;
    const names = m.mustRetake.slice(0, 10).map((x) => x.name);
    const more = m.mustRetake.length > 10 ? ` and ${m.mustRetake.length - 10} more` : '';
    const retake = m.retake
      ? `  must retake: ${m.mustRetake.length} enrolled ${m.mustRetake.length === 1 ? 'person' : 'people'}${names.length > 0 ? ` (${names.join(', ')}${more})` : ''}`
      : m.from !== null && m.to !== null
        ? '  no retake (the policy keeps completions of the old version)'
        : '';
    io.out(`  ${m.moduleId} "${m.title}"  ${change}${retake}`);
  }
  io.out(`policy (${p.policy.length} changed)`);
  for (const c of p.policy) io.out(`  ${c.field}: ${c.from} → ${c.to}`);
  const q = p.questionnaire;
  io.out(
    `questionnaire: ${q.from === q.to ? `version ${q.to ?? '-'} (unchanged)` : `${q.from ?? '-'} → ${q.to ?? '-'}`}`,
  );
  const f = p.fileChanges;
  io.out(`files: ${f.added.length} added, ${f.changed.length} changed, ${f.removed.length} removed`);
  for (const x of f.added) io.out(`  added    ${x}`);
  for (const x of f.changed) io.out(`  changed  ${x}`);
  for (const x of f.removed) io.out(`  removed  ${x}`);
}

const orgPublish: Command = {
  name: 'org publish',
  summary: 'Publish a content folder (policy, modules, translations, questionnaire) as a release.',
  usage: `steward org publish DIR --workspace DIR [--yes] [--keys DIR] [--profile ID] [--org CODE]

  DIR            the content folder: policy.yaml, modules/, locales/, review/
  --yes          publish without asking (without it: asks on a terminal, else previews only)
  ${COMMON_HELP}

  Validates the folder as "steward content check" does and prints what the release changes:
  module versions and who must retake them, policy settings, the questionnaire's version, files
  added, changed and removed. A folder with problems is refused (exit 1) and nothing is written.
  Every app that reads the workspace takes the new release at its next refresh.`,
  options: { ...common, yes: { type: 'boolean' } },
  positionals: true,
  async run(values, io, ctx, positionals) {
    const dirArg = positionals[0];
    if (!dirArg) throw new UsageError('missing DIR: the content folder to publish');
    if (positionals.length > 1) throw new UsageError(`one DIR at a time (got ${positionals.length})`);
    const dir = path.resolve(dirArg);
    return withOrganisation(values, ctx, { profile: 'optional' }, async (session, resolved) => {
      io.out(resolved.header);
      const preview = await callService(session.services, 'previewRelease', { dir });
      printPreview(io, preview);
      if (preview.problems.length > 0) {
        throw new StewardError(
          'INVALID_ARGUMENT',
          `the folder cannot be published: ${preview.problems.length} problem(s); nothing was written.`,
        );
      }
      if (values.yes !== true && !ctx.confirm) {
        io.out(
          `preview only: nothing was published; run again with --yes to publish release ${preview.release}`,
        );
        return 0;
      }
      // Said before asking: a question answered "yes" and then refused helps nobody.
      if (!session.me) {
        throw new StewardError(
          'NO_PROFILE',
          'publishing is signed with your key: give --keys DIR (and --profile ID).',
        );
      }
      if (
        values.yes !== true &&
        !(await ctx.confirm!(`Publish release ${preview.release} to ${resolved.view.org!.name}? [y/N] `))
      ) {
        io.out('not published');
        return 1;
      }
      const view = await callService(session.services, 'publishRelease', { dir });
      const r = view.org!.releases[0]!;
      io.out(`published release ${r.release} (${r.files} files, manifest ${r.manifestHash})`);
      return 0;
    });
  },
};

const profileShow: Command = {
  name: 'profile show',
  summary: 'Show your profile: id, key fingerprint, enrolment and the roles you hold today.',
  usage: `steward profile show --workspace DIR [--keys DIR] [--profile ID] [--org CODE] [--content DIR] [--json]

  ${COMMON_HELP}
  --content DIR  without an organisation, roles come from this folder's policy.yaml
                 (${CONTENT_DEFAULT_HELP})
  --json         the same as JSON

  Read your fingerprint out to your admin when you join: they compare it with your join request.`,
  options: { ...common, content: { type: 'string' }, json: { type: 'boolean' } },
  async run(values, io, ctx) {
    return withOrganisation(
      values,
      ctx,
      { profile: 'required', allowNone: true },
      async (session, resolved) => {
        const me = session.me!;
        const view = resolved.view;
        const org = view.org;
        const mine = view.me;
        const person =
          org && mine?.personId ? (org.people.find((p) => p.personId === mine.personId) ?? null) : null;
        const roles = mine?.roles ?? [];
        const grants = person ? person.grants.filter((g) => g.inForce && roles.includes(g.role)) : [];
        if (values.json) {
          io.out(
            JSON.stringify(
              {
                profile: me,
                organisation: org ? { orgId: org.orgId, name: org.name, code: org.code } : null,
                enrolled: org ? person !== null : null,
                person,
                joinRequested: mine?.joinRequested ?? false,
                roles,
                rolesFrom: org ? 'roster' : 'policy.yaml',
              },
              null,
              2,
            ),
          );
          return 0;
        }
        io.out(resolved.header);
        io.out(`profile      ${me.id}`);
        io.out(`name         ${me.name}`);
        io.out(`email        ${me.email}`);
        io.out(`team         ${me.team}`);
        io.out(`fingerprint  ${me.fingerprint}`);
        io.out(`created      ${when(me.createdAt)}`);
        if (!org) {
          io.out('enrolled     - (no organisation: every profile counts)');
          io.out(`roles now    ${roles.length > 0 ? `${roles.join(', ')} (from policy.yaml)` : 'none'}`);
          return 0;
        }
        if (person) {
          io.out(
            `enrolled     yes, as ${person.name} <${person.email}>, ${person.team} (person ${person.personId}, since ${when(person.enrolledAt)})${person.leftOn ? `; LEFT on ${person.leftOn}` : ''}`,
          );
        } else {
          io.out(
            `enrolled     no${mine?.joinRequested ? ': join request sent, waiting for an admin' : `: ask to join with "steward org join --code ${org.code}" or in the app`}`,
          );
        }
        io.out(`roles now    ${roles.length > 0 ? roles.join(', ') : 'none'}`);
        for (const g of grants) io.out(`  ${grantLine(g)}`);
        return 0;
      },
    );
  },
};

export const ORG_COMMANDS: Command[] = [
  profileShow,
  orgInit,
  orgShow,
  orgJoin,
  orgEnrol,
  orgUpdate,
  orgGrant,
  orgRevoke,
  orgLeave,
  keyCommand('add'),
  keyCommand('revoke'),
  orgTeams,
  orgImportRoster,
  orgPublish,
];
