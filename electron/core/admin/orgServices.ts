// The organisation as service methods: setting it up, joining it (comparing its code), and the
// admin's work — enrolling people and their keys, teams, roles with dates, people who left,
// change requests and content releases. Every admin method checks that the current profile's
// person is an admin now, by the roster as the workspace holds it, and appends one signed entry
// naming the latest org event it saw; the roster (org/roster.ts) judges it again when it is read.
import crypto from 'node:crypto';
import type { Services } from '../contract/methods';
import type { ProfileSummary } from '../contract/views/app';
import type {
  ChangeRequestView,
  OrgGrantView,
  OrganisationView,
  OrgPersonView,
  ReleaseSummary,
} from '../contract/views/org';
import { StewardError } from '../errors';
import { formatReason, reason, type Reason } from '../contract/reasons';
import type { EventData, Ledger, LedgerRead, Workspace } from '../ledger';
import type { ContentInForce } from '../org/contentInForce';
import type { AdminEventType } from '../org/events';
import { grantsOn, orgCode, ownerEver, sameOrgCode, type OrgState, type ContentRelease } from '../org/roster';
import { profileFactsOf, type WorkspaceOrg } from '../org/workspaceOrg';
import type { Policy } from '../policy/policy';
import { loadPolicy, normaliseFingerprint } from '../policy/policy';
import { ReleaseError, storeRelease } from '../org/releases';
import { previewRelease } from './releasePreview';
import { applyRosterPlan, planRosterImport } from './rosterImport';

export const ORG_METHODS = [
  'getOrganisation',
  'createOrganisation',
  'confirmOrganisation',
  'enrolPerson',
  'addPersonKey',
  'revokePersonKey',
  'updatePerson',
  'recordPersonLeft',
  'grantRole',
  'revokeRole',
  'setTeams',
  'requestProfileChange',
  'previewRelease',
  'publishRelease',
  'previewRosterImport',
  'importRoster',
] as const;
export type OrgServices = Pick<Services, (typeof ORG_METHODS)[number]>;

export interface OrgDeps {
  now: () => Date;
  workspace: () => Workspace;
  currentProfile: () => ProfileSummary | null;
  ledger: () => Ledger;
  readWorkspace: () => Promise<{ ledgers: LedgerRead[] }>;
  /** Which organisation this app works in here. */
  orgOf: (ledgers: readonly LedgerRead[], policy: Policy) => WorkspaceOrg;
  /** The content in force for this read (a release, or the bundled content), refreshed on every call. */
  contentInForce: (ledgers: readonly LedgerRead[]) => ContentInForce;
  /** The content bundled with the app: it seeds a new organisation's first release. */
  bundledContentDir: string;
  /** Pins this app to an organisation the person confirmed (settings). */
  pin: (org: { orgId: string; name: string; code: string }) => void;
  /** How the app is pinned now: by its deployment, by the person, or not. */
  pinnedBy: () => 'person' | 'deployment' | null;
}

const randomHex = (n: number) =>
  crypto
    .randomBytes(Math.ceil(n / 2))
    .toString('hex')
    .slice(0, n);
const newPersonId = () => `u${randomHex(20)}`;
const newGrantId = () => `g${randomHex(16)}`;
const dayOf = (at: Date) => at.toISOString().slice(0, 10);

function refused(code: 'NOT_ALLOWED' | 'INVALID_ARGUMENT' | 'CONFLICT', ...reasons: Reason[]): StewardError {
  return new StewardError(code, reasons.map(formatReason).join(' '), { reasons });
}

function releaseSummary(r: ContentRelease, nameOf: (profileId: string) => string): ReleaseSummary {
  return {
    release: r.release,
    manifestHash: r.manifestHash,
    files: Object.keys(r.files).length,
    at: r.at,
    by: r.by ? nameOf(r.by) : '',
  };
}

export function createOrgServices(deps: OrgDeps): OrgServices {
  interface Read {
    ledgers: LedgerRead[];
    wo: WorkspaceOrg;
    content: ContentInForce;
    policy: Policy;
  }

  async function read(): Promise<Read> {
    const { ledgers } = await deps.readWorkspace();
    const content = deps.contentInForce(ledgers);
    const policy = loadPolicy(content.dir).policy;
    return { ledgers, wo: deps.orgOf(ledgers, policy), content, policy };
  }

  function requireProfile(): ProfileSummary {
    const p = deps.currentProfile();
    if (!p) throw new StewardError('NO_PROFILE', 'Create or choose a profile first.');
    return p;
  }

  function view(r: Read): OrganisationView {
    const { wo, ledgers, content } = r;
    const facts = profileFactsOf(ledgers);
    const now = deps.now();
    const today = dayOf(now);
    const org = wo.org;
    const nameOf = (profileId: string) =>
      (org && ownerEver(org, profileId)?.name) ?? facts.get(profileId)?.name ?? profileId;
    const me = deps.currentProfile();
    const candidates = wo.candidates.map((c) => ({
      orgId: c.orgId,
      name: c.name,
      code: c.code,
      createdAt: c.createdAt,
      founder: facts.get(c.founderProfileId)?.name ?? c.founderProfileId,
    }));
    const state: OrganisationView['state'] = wo.refusal
      ? 'refused'
      : wo.candidates.length === 0
        ? 'none'
        : wo.org && wo.pinned
          ? 'member'
          : 'confirm';
    let orgView: OrganisationView['org'] = null;
    let meView: OrganisationView['me'] = null;
    if (org && state === 'member') {
      const grantView = (g: OrgState['grants'][number]): OrgGrantView => ({
        grantId: g.grantId,
        personId: g.personId,
        personName: org.people.get(g.personId)?.name ?? g.personId,
        role: g.role,
        teams: g.teams,
        from: g.from,
        until: g.until,
        grantedBy: nameOf(g.grantedBy),
        at: g.at,
        // The roster's own rule: a person who leaves keeps their roles through that day.
        inForce: grantsOn(org, g.personId, today).some((x) => x.grantId === g.grantId),
      });
      const people: OrgPersonView[] = [...org.people.values()]
        .map((p) => ({
          personId: p.personId,
          name: p.name,
          email: p.email,
          team: p.team,
          keys: p.keys.map((k) => ({
            profileId: k.profileId,
            fingerprint: facts.get(k.profileId)?.fingerprint ?? null,
            from: k.from,
            until: k.until,
          })),
          enrolledAt: p.enrolledAt,
          leftOn: p.leftOn,
          grants: org.grants.filter((g) => g.personId === p.personId).map(grantView),
        }))
        .sort((a, b) => a.name.localeCompare(b.name) || a.personId.localeCompare(b.personId));
      const changeView = (c: OrgState['changeRequests'][number]): ChangeRequestView => {
        const p = org.people.get(c.personId);
        return {
          personId: c.personId,
          current: { name: p?.name ?? '', email: p?.email ?? '', team: p?.team ?? '' },
          requested: {
            ...(c.name !== undefined ? { name: c.name } : {}),
            ...(c.email !== undefined ? { email: c.email } : {}),
            ...(c.team !== undefined ? { team: c.team } : {}),
          },
          at: c.at,
        };
      };
      orgView = {
        orgId: org.orgId,
        name: org.name,
        code: org.code,
        createdAt: org.createdAt,
        teams: [...org.teams],
        people,
        joinRequests: org.joinRequests
          .map((j) => {
            const f = facts.get(j.profileId);
            return {
              profileId: j.profileId,
              name: f?.name ?? j.profileId,
              email: f?.email ?? '',
              team: f?.team ?? '',
              fingerprint: f?.fingerprint ?? '',
              at: j.at,
            };
          })
          .filter((j) => j.fingerprint !== ''),
        changeRequests: org.changeRequests.map(changeView),
        releases: [...org.releases].reverse().map((x) => releaseSummary(x, nameOf)),
        ignored: org.ignored.map((i) => {
          const e = ledgers
            .flatMap((l) => (l.profileId === i.actor ? l.entries : []))
            .find((x) => x.hash === i.hash);
          return { type: i.type, by: nameOf(i.actor), at: e?.ts ?? '', reason: i.reason };
        }),
      };
      if (me) {
        const person = ownerEver(org, me.id);
        const roles = [...wo.authority.rolesAt(me.id, now)].sort();
        const pending = person ? org.changeRequests.find((c) => c.personId === person.personId) : undefined;
        meView = {
          profileId: me.id,
          personId: person?.personId ?? null,
          roles,
          isAdmin: roles.includes('admin'),
          joinRequested: org.joinRequests.some((j) => j.profileId === me.id),
          pendingChange: pending ? changeView(pending) : null,
        };
      }
    } else if (me && state === 'none') {
      const roles = [...wo.authority.rolesAt(me.id, now)].sort();
      meView = {
        profileId: me.id,
        personId: null,
        roles,
        isAdmin: false,
        joinRequested: false,
        pendingChange: null,
      };
    }
    return {
      state,
      refusal: wo.refusal,
      candidates,
      pinnedBy: deps.pinnedBy(),
      org: orgView,
      me: meView,
      content: {
        release: content.release ? releaseSummary(content.release, nameOf) : null,
        problems: content.problems,
      },
      suggestedTeams: state === 'none' ? suggestedTeams() : [],
    };
  }

  /** The teams the bundled policy names (they join a new organisation's team list). */
  function suggestedTeams(): string[] {
    try {
      return Object.keys(loadPolicy(deps.bundledContentDir).policy.required.teams);
    } catch {
      return [];
    }
  }

  /** The organisation this app is a member of, and the current profile as one of its admins now. */
  async function asAdmin(): Promise<{ r: Read; org: OrgState; ledger: Ledger }> {
    const profile = requireProfile();
    const r = await read();
    if (r.wo.refusal) throw refused('NOT_ALLOWED', r.wo.refusal);
    const org = r.wo.org;
    if (!org || !r.wo.pinned) throw refused('NOT_ALLOWED', reason('org.notMember'));
    if (!r.wo.authority.rolesAt(profile.id, deps.now()).has('admin')) {
      throw refused('NOT_ALLOWED', reason('org.youAreNotAdmin', { org: org.name }));
    }
    return { r, org, ledger: deps.ledger() };
  }

  /** Appends admin entries in order, each naming the one before (the first names the org's head). */
  async function appendAdmin(
    ledger: Ledger,
    org: OrgState,
    events: { type: AdminEventType; data: Record<string, unknown> }[],
  ): Promise<void> {
    let after = org.head;
    for (const e of events) {
      const entry = await ledger.append(e.type, { ...e.data, orgId: org.orgId, after } as EventData<
        typeof e.type
      >);
      after = entry.hash;
    }
  }

  /** Runs one admin change: builds its entries from the roster as it stands, appends them, returns the new view. */
  async function adminChange(
    build: (org: OrgState, r: Read) => { type: AdminEventType; data: Record<string, unknown> }[],
  ): Promise<OrganisationView> {
    const { r, org, ledger } = await asAdmin();
    const events = build(org, r);
    await appendAdmin(ledger, org, events);
    return view(await read());
  }

  const personOf = (org: OrgState, personId: string) => {
    const p = org.people.get(personId);
    if (!p) throw refused('INVALID_ARGUMENT', reason('org.noSuchPerson', { personId }));
    return p;
  };
  const knownTeam = (org: OrgState, team: string) => {
    const hit = org.teams.find((t) => t.toLowerCase() === team.toLowerCase());
    if (!hit) throw refused('INVALID_ARGUMENT', reason('org.unknownTeam', { team }));
    return hit;
  };
  const keyFree = (org: OrgState, r: Read, profileId: string) => {
    if (!profileFactsOf(r.ledgers).has(profileId)) {
      throw refused('INVALID_ARGUMENT', reason('org.noSuchProfile', { profileId }));
    }
    const owner = ownerEver(org, profileId);
    if (owner && owner.keys.some((k) => k.profileId === profileId && k.until === null)) {
      throw refused('CONFLICT', reason('org.keyTaken', { profileId, name: owner.name }));
    }
  };

  return {
    async getOrganisation() {
      return view(await read());
    },

    async createOrganisation({ name, teams, team, fromPolicy }) {
      const profile = requireProfile();
      const r = await read();
      // A managed install belongs to the organisation its deployment names: it sets up none.
      if (deps.pinnedBy() === 'deployment') throw refused('CONFLICT', reason('org.deploymentPinned'));
      if (r.wo.candidates.length > 0) {
        throw refused('CONFLICT', reason('org.alreadyExists', { name: r.wo.candidates[0]!.name }));
      }
      const ledger = deps.ledger();
      // The policy's team names join the list, so the seeded policy's required training reaches them.
      const seedPolicy = loadPolicy(deps.bundledContentDir).policy;
      const teamList = uniqueTeams([...teams, team, ...Object.keys(seedPolicy.required.teams)]);
      const founderTeam = teamList.find((t) => t.toLowerCase() === team.toLowerCase()) as string;
      const founderId = newPersonId();
      // Migration: today's policy.yaml role entries become people and grants.
      const migration = fromPolicy ? planFromPolicy(r, profile, founderId, teamList) : null;
      const allTeams = migration ? uniqueTeams([...teamList, ...migration.teams]) : teamList;
      const genesis = await ledger.append('org.created', {
        name,
        teams: allTeams,
        founder: { personId: founderId, name: profile.name, email: profile.email, team: founderTeam },
      });
      const code = orgCode(genesis.hash);
      deps.pin({ orgId: genesis.hash, name, code });
      const afterCreate = await read();
      const org = afterCreate.wo.org as OrgState;
      const events: { type: AdminEventType; data: Record<string, unknown> }[] = [];
      if (migration) events.push(...migration.events);
      // The content bundled with this app seeds the organisation's first release.
      let seeded: Reason | null = null;
      try {
        const preview = previewRelease(deps.bundledContentDir, null, afterCreate, deps.now());
        if (preview.problems.length === 0) {
          const stored = storeRelease(deps.workspace().dir, deps.bundledContentDir);
          events.push({
            type: 'org.released',
            data: { release: 1, manifestHash: stored.manifestHash, files: stored.files },
          });
        } else {
          seeded = reason('release.seedInvalid', { problems: preview.problems.length });
        }
      } catch (err) {
        if (!(err instanceof ReleaseError)) throw err;
        seeded = err.reasons[0] ?? reason('release.seedInvalid', { problems: 1 });
      }
      await appendAdmin(ledger, org, events);
      return {
        organisation: view(await read()),
        migrated: migration?.report ?? null,
        seedProblem: seeded,
      };
    },

    async confirmOrganisation({ orgId, code }) {
      const r = await read();
      // A deployment pin names the organisation already: another cannot be joined, but a profile
      // of this app still asks to join the pinned one (after comparing its code, like anyone).
      const deployed = deps.pinnedBy() === 'deployment';
      if (deployed && !(r.wo.pinned && r.wo.org?.orgId === orgId)) {
        throw refused('CONFLICT', reason('org.deploymentPinned'));
      }
      const candidate = r.wo.candidates.find((c) => c.orgId === orgId);
      if (!candidate) throw refused('INVALID_ARGUMENT', reason('org.notInWorkspace'));
      if (!sameOrgCode(orgId, code)) throw refused('INVALID_ARGUMENT', reason('org.codeMismatch', { code }));
      if (!deployed) deps.pin({ orgId, name: candidate.name, code: candidate.code });
      const after = await read();
      const me = deps.currentProfile();
      const org = after.wo.org;
      if (me && org && !ownerEver(org, me.id) && !org.joinRequests.some((j) => j.profileId === me.id)) {
        await deps.ledger().append('org.joined', { orgId, name: org.name });
        return view(await read());
      }
      return view(after);
    },

    enrolPerson({ name, email, team, profileIds }) {
      return adminChange((org, r) => {
        for (const p of profileIds) keyFree(org, r, p);
        const taken = [...org.people.values()].find(
          (p) => p.leftOn === null && p.email.toLowerCase() === email.toLowerCase(),
        );
        if (taken) throw refused('CONFLICT', reason('org.emailTaken', { email, name: taken.name }));
        return [
          {
            type: 'org.personEnrolled',
            data: { personId: newPersonId(), name, email, team: knownTeam(org, team), profileIds },
          },
        ];
      });
    },

    addPersonKey({ personId, profileId }) {
      return adminChange((org, r) => {
        const p = personOf(org, personId);
        if (p.leftOn !== null)
          throw refused('INVALID_ARGUMENT', reason('org.personHasLeft', { name: p.name }));
        keyFree(org, r, profileId);
        return [{ type: 'org.keyAdded', data: { personId, profileId } }];
      });
    },

    revokePersonKey({ personId, profileId }) {
      return adminChange((org) => {
        const p = personOf(org, personId);
        if (!p.keys.some((k) => k.profileId === profileId && k.until === null)) {
          throw refused('INVALID_ARGUMENT', reason('org.noSuchKey', { profileId }));
        }
        return [{ type: 'org.keyRevoked', data: { personId, profileId } }];
      });
    },

    updatePerson({ personId, name, email, team }) {
      return adminChange((org) => {
        personOf(org, personId);
        const data: Record<string, unknown> = { personId };
        if (name !== undefined) data.name = name;
        if (email !== undefined) data.email = email;
        if (team !== undefined) data.team = knownTeam(org, team);
        if (Object.keys(data).length === 1) throw refused('INVALID_ARGUMENT', reason('org.nothingToChange'));
        return [{ type: 'org.personUpdated', data }];
      });
    },

    recordPersonLeft({ personId, on }) {
      return adminChange((org) => {
        const p = personOf(org, personId);
        if (p.leftOn !== null)
          throw refused('INVALID_ARGUMENT', reason('org.personHasLeft', { name: p.name }));
        return [{ type: 'org.personLeft', data: { personId, on } }];
      });
    },

    grantRole({ personId, role, teams, from, until }) {
      return adminChange((org) => {
        const p = personOf(org, personId);
        if (p.leftOn !== null)
          throw refused('INVALID_ARGUMENT', reason('org.personHasLeft', { name: p.name }));
        if (role !== 'manager' && teams !== null)
          throw refused('INVALID_ARGUMENT', reason('org.teamsOnlyForManagers'));
        const grantTeams = teams === null ? null : teams.map((t) => knownTeam(org, t));
        if (from !== null && until !== null && until < from) {
          throw refused('INVALID_ARGUMENT', reason('org.untilBeforeFrom', { from, until }));
        }
        return [
          {
            type: 'org.roleGranted',
            data: { grantId: newGrantId(), personId, role, teams: grantTeams, from, until },
          },
        ];
      });
    },

    revokeRole({ grantId, until }) {
      return adminChange((org) => {
        const g = org.grants.find((x) => x.grantId === grantId);
        if (!g) throw refused('INVALID_ARGUMENT', reason('org.noSuchGrant', { grantId }));
        if (g.until !== null && g.until <= until) {
          throw refused('INVALID_ARGUMENT', reason('org.grantEndsEarlier', { until: g.until }));
        }
        return [{ type: 'org.roleRevoked', data: { grantId, until } }];
      });
    },

    setTeams({ teams }) {
      return adminChange((org) => {
        const list = uniqueTeams(teams);
        const keep = new Set(list.map((t) => t.toLowerCase()));
        const orphaned = [...org.people.values()].find(
          (p) => p.leftOn === null && !keep.has(p.team.toLowerCase()),
        );
        if (orphaned) {
          throw refused(
            'CONFLICT',
            reason('org.teamStillUsed', { team: orphaned.team, name: orphaned.name }),
          );
        }
        return [{ type: 'org.teamsSet', data: { teams: list } }];
      });
    },

    async requestProfileChange({ name, email, team }) {
      const profile = requireProfile();
      const r = await read();
      const org = r.wo.org;
      if (!org || !r.wo.pinned) throw refused('NOT_ALLOWED', reason('org.notMember'));
      const person = ownerEver(org, profile.id);
      if (!person) throw refused('NOT_ALLOWED', reason('org.notEnrolled', { org: org.name }));
      if (team !== undefined) knownTeam(org, team);
      const data: { orgId: string; name?: string; email?: string; team?: string } = { orgId: org.orgId };
      if (name !== undefined && name !== person.name) data.name = name;
      if (email !== undefined && email.toLowerCase() !== person.email.toLowerCase()) data.email = email;
      if (team !== undefined && team.toLowerCase() !== person.team.toLowerCase()) data.team = team;
      if (Object.keys(data).length === 1) throw refused('INVALID_ARGUMENT', reason('org.nothingToChange'));
      await deps.ledger().append('org.changeRequested', data);
      return view(await read());
    },

    async previewRelease({ dir }) {
      const r = await read();
      const inForce = r.wo.org && r.wo.pinned ? r.content : null;
      return previewRelease(dir, inForce, r, deps.now());
    },

    async publishRelease({ dir }) {
      const { r, org, ledger } = await asAdmin();
      const preview = previewRelease(dir, r.content, r, deps.now());
      if (preview.problems.length > 0) {
        throw new StewardError(
          'INVALID_ARGUMENT',
          `The folder cannot be published: ${preview.problems.length} problem(s), first ${preview.problems[0]!.file}: ${preview.problems[0]!.reason}`,
          { reasons: [reason('release.invalid', { problems: preview.problems.length })] },
        );
      }
      let stored: ReturnType<typeof storeRelease>;
      try {
        stored = storeRelease(deps.workspace().dir, dir);
      } catch (err) {
        if (err instanceof ReleaseError) {
          throw new StewardError('INVALID_ARGUMENT', err.message, { reasons: err.reasons });
        }
        throw err;
      }
      const newest = org.releases.at(-1);
      if (newest && newest.manifestHash === stored.manifestHash) {
        throw refused('CONFLICT', reason('release.unchanged', { release: newest.release }));
      }
      await appendAdmin(ledger, org, [
        {
          type: 'org.released',
          data: {
            release: (newest?.release ?? 0) + 1,
            manifestHash: stored.manifestHash,
            files: stored.files,
          },
        },
      ]);
      return view(await read());
    },

    async previewRosterImport({ csv, addTeams }) {
      const r = await read();
      const org = r.wo.org;
      if (!org || !r.wo.pinned) throw refused('NOT_ALLOWED', reason('org.notMember'));
      return planRosterImport(csv, org, profileFactsOf(r.ledgers), deps.now(), { addTeams });
    },

    async importRoster({ csv, addTeams }) {
      const { r, org, ledger } = await asAdmin();
      const plan = planRosterImport(csv, org, profileFactsOf(r.ledgers), deps.now(), { addTeams });
      if (plan.rowProblems.length > 0) {
        throw new StewardError(
          'INVALID_ARGUMENT',
          `The roster file has ${plan.rowProblems.length} bad row(s); nothing was written. First: row ${plan.rowProblems[0]!.row}: ${formatReason(plan.rowProblems[0]!.reason)}`,
          { reasons: plan.rowProblems.map((p) => reason('roster.row', { row: p.row, why: p.reason })) },
        );
      }
      await appendAdmin(ledger, org, applyRosterPlan(plan, org.teams, newPersonId, newGrantId));
      return { ...plan, applied: true };
    },
  };

  /** Today's policy.yaml role entries as people (by email; each key a profile in the workspace) and grants. */
  function planFromPolicy(
    r: Read,
    founder: ProfileSummary,
    founderId: string,
    teams: string[],
  ): {
    events: { type: AdminEventType; data: Record<string, unknown> }[];
    teams: string[];
    report: {
      granted: { name: string; role: string; from: string | null; until: string | null }[];
      skipped: { email: string; role: string; why: Reason }[];
    };
  } {
    const facts = profileFactsOf(r.ledgers);
    const byFingerprint = new Map<string, string[]>();
    for (const f of facts.values()) {
      const key = normaliseFingerprint(f.fingerprint);
      byFingerprint.set(key, [...(byFingerprint.get(key) ?? []), f.id]);
    }
    const entries = [
      ...r.policy.roles.reviewers.map((e) => ({
        ...e,
        role: 'reviewer' as const,
        teams: null as string[] | null,
      })),
      ...r.policy.roles.managers.map((e) => ({
        email: e.email,
        fingerprint: e.fingerprint,
        from: e.from,
        until: e.until,
        role: 'manager' as const,
        teams: e.all ? null : e.teams,
      })),
    ];
    const people = new Map<
      string,
      { personId: string; name: string; team: string; profileIds: Set<string> }
    >();
    people.set(founder.email.toLowerCase(), {
      personId: founderId,
      name: founder.name,
      team: founder.team,
      profileIds: new Set([founder.id]),
    });
    const report: ReturnType<typeof planFromPolicy>['report'] = { granted: [], skipped: [] };
    const grants: {
      email: string;
      role: 'reviewer' | 'manager';
      teams: string[] | null;
      from: string | null;
      until: string | null;
    }[] = [];
    const extraTeams = new Set<string>();
    for (const e of entries) {
      const ids = (byFingerprint.get(normaliseFingerprint(e.fingerprint)) ?? []).filter(
        (id) => facts.get(id)!.email.toLowerCase() === e.email.toLowerCase(),
      );
      if (ids.length === 0) {
        report.skipped.push({ email: e.email, role: e.role, why: reason('org.migrateNoProfile') });
        continue;
      }
      const key = e.email.toLowerCase();
      const f = facts.get(ids[0]!)!;
      const person = people.get(key) ?? {
        personId: newPersonId(),
        name: f.name,
        team: f.team,
        profileIds: new Set<string>(),
      };
      for (const id of ids) person.profileIds.add(id);
      people.set(key, person);
      if (!teams.some((t) => t.toLowerCase() === person.team.toLowerCase())) extraTeams.add(person.team);
      for (const t of e.teams ?? [])
        if (!teams.some((x) => x.toLowerCase() === t.toLowerCase())) extraTeams.add(t);
      grants.push({ email: key, role: e.role, teams: e.teams, from: e.from ?? null, until: e.until ?? null });
      report.granted.push({ name: person.name, role: e.role, from: e.from ?? null, until: e.until ?? null });
    }
    const events: { type: AdminEventType; data: Record<string, unknown> }[] = [];
    for (const [email, p] of people) {
      if (p.personId === founderId) {
        const extra = [...p.profileIds].filter((id) => id !== founder.id);
        for (const id of extra)
          events.push({ type: 'org.keyAdded', data: { personId: founderId, profileId: id } });
        continue;
      }
      events.push({
        type: 'org.personEnrolled',
        data: { personId: p.personId, name: p.name, email, team: p.team, profileIds: [...p.profileIds] },
      });
    }
    for (const g of grants) {
      const p = people.get(g.email)!;
      events.push({
        type: 'org.roleGranted',
        data: {
          grantId: newGrantId(),
          personId: p.personId,
          role: g.role,
          teams: g.teams,
          from: g.from,
          until: g.until,
        },
      });
    }
    return { events, teams: [...extraTeams], report };
  }
}

/** Teams as given, trimmed, first spelling of each (case-insensitive), in the order given. */
export function uniqueTeams(teams: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const t of teams) {
    const clean = t.trim();
    if (clean === '' || seen.has(clean.toLowerCase())) continue;
    seen.add(clean.toLowerCase());
    out.push(clean);
  }
  return out;
}
