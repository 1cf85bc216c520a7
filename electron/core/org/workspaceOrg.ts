// Which organisation this app works in, in this workspace, and so who decides roles.
//
// An app pins the org id of its organisation: when the person joins (comparing the code their
// admin gave them), or in advance by its deployment (a managed install). A pinned app only ever
// takes roles from that organisation's chain; a workspace that does not hold it is refused.
// Unpinned, a workspace with one organisation is read by it (the app asks the person to confirm
// its code), one with several is read by none until the person picks one by its code (another
// organisation in the same folder is how an insider would try to take over), and one with none
// is read by the policy file, as before there were organisations.
import { reason, type Reason } from '../contract/reasons';
import type { LedgerEntry } from '../ledger/entry';
import { ledgerTimeBounds } from '../ledger/timeBounds';
import { profileCreatedSchema } from '../ledger/events';
import type { Policy } from '../policy/policy';
import {
  orgAuthority,
  policyAuthority,
  rosterAuthority,
  type Authority,
  type ProfileFacts,
} from './authority';
import { orgCandidates, projectOrg, sameOrgCode, type OrgCandidate, type OrgState } from './roster';

/** How an app is pinned: by the id a person confirmed, or by a deployment's id or code. */
export type OrgPin = { orgId: string; by: 'person' | 'deployment' } | { code: string; by: 'deployment' };

export interface WorkspaceOrg {
  /** Every organisation created in the workspace. */
  candidates: OrgCandidate[];
  /** The organisation this app works in here; null without one (or while the person must pick). */
  org: OrgState | null;
  /** The app is pinned to `org` (confirmed by the person or its deployment). */
  pinned: boolean;
  /** Why this workspace cannot be used by this app (it does not hold the pinned organisation). */
  refusal: Reason | null;
  authority: Authority;
}

/** An organisation nobody in which holds anything: while the person must pick, or it is missing. */
function nobody(profiles: ReadonlyMap<string, ProfileFacts>): Authority {
  const empty: OrgState = {
    orgId: '',
    name: '',
    code: '',
    createdAt: '',
    founderProfileId: '',
    teams: [],
    people: new Map(),
    grants: [],
    releases: [],
    joinRequests: [],
    changeRequests: [],
    head: '',
    ignored: [],
  };
  return { ...rosterAuthority(empty, profiles), org: null };
}

export function resolveWorkspaceOrg(input: {
  entries: readonly LedgerEntry[];
  profiles: ReadonlyMap<string, ProfileFacts>;
  policy: Policy;
  pin: OrgPin | null;
  /** The earliest time an entry can have been written (see ledger/timeBounds.ts), if known. */
  notBefore?: (e: LedgerEntry) => string | null;
}): WorkspaceOrg {
  const { entries, profiles, policy, pin, notBefore } = input;
  const candidates = orgCandidates(entries);
  const roster = (org: OrgState, pinned: boolean): WorkspaceOrg => ({
    candidates,
    org,
    pinned,
    refusal: null,
    authority: orgAuthority(org, policy, profiles),
  });
  if (pin !== null) {
    const match =
      'orgId' in pin
        ? candidates.find((c) => c.orgId === pin.orgId)
        : candidates.find((c) => sameOrgCode(c.orgId, pin.code));
    const org = match ? projectOrg(entries, match.orgId, notBefore) : null;
    if (org) return roster(org, true);
    const code = 'orgId' in pin ? null : pin.code;
    return {
      candidates,
      org: null,
      pinned: true,
      refusal:
        code === null
          ? reason('org.pinnedMissing', { context: candidates.length > 0 ? 'other' : 'none' })
          : reason('org.deploymentMissing', { code }),
      authority: nobody(profiles),
    };
  }
  if (candidates.length === 0) {
    return {
      candidates,
      org: null,
      pinned: false,
      refusal: null,
      authority: policyAuthority(policy, profiles),
    };
  }
  if (candidates.length === 1) {
    const org = projectOrg(entries, (candidates[0] as OrgCandidate).orgId, notBefore);
    if (org) return roster(org, false);
  }
  return { candidates, org: null, pinned: false, refusal: null, authority: nobody(profiles) };
}

/** What the roster and the policy need of each profile: its genesis entry's facts. */
export function profileFactsOf(
  ledgers: readonly { profileId: string; entries: readonly LedgerEntry[] }[],
): Map<string, ProfileFacts> {
  const out = new Map<string, ProfileFacts>();
  for (const l of ledgers) {
    const genesis = l.entries[0];
    if (!genesis || genesis.type !== 'profile.created') continue;
    const data = profileCreatedSchema.safeParse(genesis.data);
    if (!data.success) continue;
    out.set(l.profileId, {
      id: l.profileId,
      name: data.data.name,
      email: data.data.email,
      team: data.data.team,
      fingerprint: data.data.fingerprint,
      createdAt: genesis.ts,
    });
  }
  return out;
}

/** resolveWorkspaceOrg over a workspace read: every ledger's entries, every genesis. */
export function workspaceOrgOf(
  ledgers: readonly { profileId: string; entries: readonly LedgerEntry[] }[],
  policy: Policy,
  pin: OrgPin | null,
  witnessed?: (profileId: string, seq: number) => string | null,
): WorkspaceOrg {
  const entries: LedgerEntry[] = [];
  for (const l of ledgers) for (const e of l.entries) if (e.type.startsWith('org.')) entries.push(e);
  // An admin event is judged no earlier than its ledger and its witnesses allow: an admin whose
  // rights ended cannot date a grant inside them once anyone saw his ledger without it.
  const bounds = ledgerTimeBounds(new Map(ledgers.map((l) => [l.profileId, l.entries])), witnessed);
  return resolveWorkspaceOrg({
    entries,
    profiles: profileFactsOf(ledgers),
    policy,
    pin,
    notBefore: (e) => bounds.get(e.hash) ?? null,
  });
}
