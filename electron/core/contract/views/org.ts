// What the Organisation and Content & policy screens show: the organisation as its signed entries
// make it, this app's place in it, and content releases. Types only.
import type { Reason } from '../reasons';

export type OrgRoleName = 'reviewer' | 'manager' | 'admin';

export interface OrgKeyView {
  profileId: string;
  /** The key's fingerprint, grouped for reading aloud; null when its ledger is not in the workspace. */
  fingerprint: string | null;
  from: string;
  until: string | null;
}

export interface OrgGrantView {
  grantId: string;
  personId: string;
  personName: string;
  role: OrgRoleName;
  /** A manager's teams; null for every team (and for other roles). */
  teams: string[] | null;
  from: string | null;
  until: string | null;
  grantedBy: string;
  at: string;
  /** Whether the grant holds today. */
  inForce: boolean;
}

export interface OrgPersonView {
  personId: string;
  name: string;
  email: string;
  team: string;
  keys: OrgKeyView[];
  enrolledAt: string;
  leftOn: string | null;
  grants: OrgGrantView[];
}

export interface JoinRequestView {
  profileId: string;
  name: string;
  email: string;
  team: string;
  /** What the admin compares with the fingerprint the person reads out from their Settings. */
  fingerprint: string;
  at: string;
}

export interface ChangeRequestView {
  personId: string;
  current: { name: string; email: string; team: string };
  requested: { name?: string; email?: string; team?: string };
  at: string;
}

export interface ReleaseSummary {
  release: number;
  manifestHash: string;
  files: number;
  at: string;
  by: string;
}

export interface OrgCandidateView {
  orgId: string;
  name: string;
  code: string;
  createdAt: string;
  founder: string;
}

export interface OrganisationView {
  /**
   * none: the workspace has no organisation (roles come from policy.yaml, as before);
   * confirm: it holds an organisation this app has not confirmed (compare its code, then confirm);
   * member: this app is pinned to the workspace's organisation;
   * refused: this app is pinned to an organisation the workspace does not hold.
   */
  state: 'none' | 'confirm' | 'member' | 'refused';
  refusal: Reason | null;
  /** Every organisation created in the workspace (more than one means someone made another). */
  candidates: OrgCandidateView[];
  /** How this app is pinned: by the person's confirmation or by its deployment; null when not pinned. */
  pinnedBy: 'person' | 'deployment' | null;
  org: {
    orgId: string;
    name: string;
    code: string;
    createdAt: string;
    teams: string[];
    people: OrgPersonView[];
    joinRequests: JoinRequestView[];
    changeRequests: ChangeRequestView[];
    releases: ReleaseSummary[];
    /** Admin entries the roster did not apply, and why. */
    ignored: { type: string; by: string; at: string; reason: Reason }[];
  } | null;
  /** The current profile in this organisation. */
  me: {
    profileId: string;
    personId: string | null;
    /** The roles held today. */
    roles: OrgRoleName[];
    isAdmin: boolean;
    /** Asked to join and not enrolled yet. */
    joinRequested: boolean;
    /** A change of name, email or team waiting for an admin. */
    pendingChange: ChangeRequestView | null;
  } | null;
  /** The content in force: a release, or the content bundled with the app. */
  content: { release: ReleaseSummary | null; problems: Reason[] };
  /** In state none: the teams the bundled policy names, which setting up adds to the team list. */
  suggestedTeams: string[];
}

export interface ReleaseModuleChange {
  moduleId: string;
  title: string;
  from: string | null;
  to: string | null;
  /** Whether people who completed the old version must take it again (the policy's retakeOn). */
  retake: boolean;
  /** Enrolled people with a completion of the old version, who must retake it when `retake`. */
  mustRetake: { profileId: string; name: string }[];
}

export interface ReleasePreview {
  dir: string;
  /** The release number publishing would give. */
  release: number;
  files: number;
  bytes: number;
  /** Problems that stop publishing ("file: field: reason", as `content check` prints them). */
  problems: { file: string; field: string | null; reason: string }[];
  modules: ReleaseModuleChange[];
  policy: { field: string; from: string; to: string }[];
  questionnaire: { from: string | null; to: string | null };
  /** Files added, changed and removed against the release in force. */
  fileChanges: { added: string[]; changed: string[]; removed: string[] };
}

/** What a roster file (an HR or identity-provider export) would change, row by row. */
export interface RosterImportPlan {
  /** Data rows read (the header is row 1). */
  rows: number;
  /** Rows that cannot be taken, each with why: any of them and nothing is written. */
  rowProblems: { row: number; reason: Reason }[];
  /** The columns recognised, by what Steward reads from them. */
  columns: Record<string, string>;
  add: { row: number; name: string; email: string; team: string; profileIds: string[] }[];
  update: {
    row: number;
    personId: string;
    name: string;
    changes: { field: 'name' | 'email' | 'team'; from: string; to: string }[];
  }[];
  keys: {
    row: number;
    personId: string | null;
    email: string;
    name: string;
    profileId: string;
    fingerprint: string;
  }[];
  leave: { row: number; personId: string; name: string; email: string; on: string }[];
  grants: {
    row: number;
    personId: string | null;
    email: string;
    name: string;
    role: OrgRoleName;
    teams: string[] | null;
  }[];
  newTeams: string[];
  unchanged: number;
  /** People on the roster the file does not list: reported, never removed by an import. */
  notInFile: { personId: string; name: string; email: string }[];
  applied: boolean;
}

/** What setting up an organisation did. */
export interface OrgCreated {
  organisation: OrganisationView;
  /** With `fromPolicy`: the policy.yaml role entries made into grants, and those that could not be. */
  migrated: {
    granted: { name: string; role: string; from: string | null; until: string | null }[];
    skipped: { email: string; role: string; why: Reason }[];
  } | null;
  /** Why the bundled content could not seed the first release (it is then published by hand), or null. */
  seedProblem: Reason | null;
}
