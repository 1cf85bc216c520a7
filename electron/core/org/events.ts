// The organisation's events. `org.created` is the organisation's genesis: its entry hash is the org
// id every app pins. Every other org event names the org and the latest org event its author saw
// (`after`), so the roster is a causal chain, not a pile ordered by each writer's clock: an event
// is applied after what it saw, and judged by who was an admin at that point. People write two
// events of their own: `org.joined` (this profile joins that org: a join request until an admin
// enrols its key) and `org.changeRequested` (a change of name, email or team for an admin).
import { z } from 'zod';
import { isCalendarDay } from '../contract/dates';
import { hashSchema, profileIdSchema } from '../contract/schemas';
import type { EventSchemas } from '../ledger/events';

/** A person on the roster: "u" and 20 hex digits, made by the admin who enrols them. */
export const PERSON_ID_PATTERN = /^u[0-9a-f]{20}$/;
/** A role grant: "g" and 16 hex digits. */
export const GRANT_ID_PATTERN = /^g[0-9a-f]{16}$/;

export const ORG_ROLES = ['reviewer', 'manager', 'admin'] as const;
export type OrgRole = (typeof ORG_ROLES)[number];

const personId = z.string().regex(PERSON_ID_PATTERN, { error: 'must be a person id' });
const grantId = z.string().regex(GRANT_ID_PATTERN, { error: 'must be a grant id' });
const day = z.string().refine(isCalendarDay, { error: 'must be a calendar date written YYYY-MM-DD' });
const name = z.string().trim().min(1).max(120);
const email = z.string().trim().toLowerCase().max(254).pipe(z.email());
const team = z.string().trim().min(1).max(80);
const teams = z.array(team).max(500);
/** The fields org events are made of, for the contract's argument schemas. */
export const orgFields = { personId, grantId, day, name, email, team, teams, role: z.enum(ORG_ROLES) };

/** What every org event after the genesis carries: which org, and the latest org event its author saw. */
const ref = { orgId: hashSchema, after: hashSchema };

export const orgCreatedSchema = z
  .object({
    name: z.string().trim().min(1).max(120),
    teams,
    founder: z.object({ personId, name, email, team }).strict(),
  })
  .strict();

export const orgPersonEnrolledSchema = z
  .object({ ...ref, personId, name, email, team, profileIds: z.array(profileIdSchema).max(20) })
  .strict();

export const orgKeyAddedSchema = z.object({ ...ref, personId, profileId: profileIdSchema }).strict();
export const orgKeyRevokedSchema = z.object({ ...ref, personId, profileId: profileIdSchema }).strict();

export const orgPersonUpdatedSchema = z
  .object({ ...ref, personId, name: name.optional(), email: email.optional(), team: team.optional() })
  .strict()
  .refine((d) => d.name !== undefined || d.email !== undefined || d.team !== undefined, {
    error: 'must change the name, the email or the team',
  });

export const orgPersonLeftSchema = z.object({ ...ref, personId, on: day }).strict();

export const orgRoleGrantedSchema = z
  .object({
    ...ref,
    grantId,
    personId,
    role: z.enum(ORG_ROLES),
    /** For a manager: the teams they see, or null for every team. Null for other roles. */
    teams: teams.nullable(),
    from: day.nullable(),
    until: day.nullable(),
  })
  .strict()
  .refine((d) => d.from === null || d.until === null || d.from <= d.until, {
    error: 'until must not come before from',
  });

export const orgRoleRevokedSchema = z.object({ ...ref, grantId, until: day }).strict();

export const orgTeamsSetSchema = z.object({ ...ref, teams }).strict();

/** A content release: policy, modules, translations and questionnaire, each file by its SHA-256. */
export const orgReleasedSchema = z
  .object({
    ...ref,
    release: z.int().min(1),
    /** SHA-256 of the canonical JSON of `files`: the folder the release is stored in. */
    manifestHash: hashSchema,
    /** Path inside the content folder (forward slashes) -> SHA-256 of the file's bytes. */
    files: z.record(z.string().max(300), hashSchema),
  })
  .strict();

export const orgJoinedSchema = z.object({ orgId: hashSchema, name: z.string().max(120) }).strict();

export const orgChangeRequestedSchema = z
  .object({ orgId: hashSchema, name: name.optional(), email: email.optional(), team: team.optional() })
  .strict();

export type OrgCreatedData = z.output<typeof orgCreatedSchema>;
export type OrgPersonEnrolledData = z.output<typeof orgPersonEnrolledSchema>;
export type OrgKeyAddedData = z.output<typeof orgKeyAddedSchema>;
export type OrgKeyRevokedData = z.output<typeof orgKeyRevokedSchema>;
export type OrgPersonUpdatedData = z.output<typeof orgPersonUpdatedSchema>;
export type OrgPersonLeftData = z.output<typeof orgPersonLeftSchema>;
export type OrgRoleGrantedData = z.output<typeof orgRoleGrantedSchema>;
export type OrgRoleRevokedData = z.output<typeof orgRoleRevokedSchema>;
export type OrgTeamsSetData = z.output<typeof orgTeamsSetSchema>;
export type OrgReleasedData = z.output<typeof orgReleasedSchema>;
export type OrgJoinedData = z.output<typeof orgJoinedSchema>;
export type OrgChangeRequestedData = z.output<typeof orgChangeRequestedSchema>;

export interface OrgEventDataMap {
  'org.created': OrgCreatedData;
  'org.personEnrolled': OrgPersonEnrolledData;
  'org.keyAdded': OrgKeyAddedData;
  'org.keyRevoked': OrgKeyRevokedData;
  'org.personUpdated': OrgPersonUpdatedData;
  'org.personLeft': OrgPersonLeftData;
  'org.roleGranted': OrgRoleGrantedData;
  'org.roleRevoked': OrgRoleRevokedData;
  'org.teamsSet': OrgTeamsSetData;
  'org.released': OrgReleasedData;
  'org.joined': OrgJoinedData;
  'org.changeRequested': OrgChangeRequestedData;
}

export const orgEventDataSchemas = {
  'org.created': orgCreatedSchema,
  'org.personEnrolled': orgPersonEnrolledSchema,
  'org.keyAdded': orgKeyAddedSchema,
  'org.keyRevoked': orgKeyRevokedSchema,
  'org.personUpdated': orgPersonUpdatedSchema,
  'org.personLeft': orgPersonLeftSchema,
  'org.roleGranted': orgRoleGrantedSchema,
  'org.roleRevoked': orgRoleRevokedSchema,
  'org.teamsSet': orgTeamsSetSchema,
  'org.released': orgReleasedSchema,
  'org.joined': orgJoinedSchema,
  'org.changeRequested': orgChangeRequestedSchema,
} as const satisfies Pick<EventSchemas, keyof OrgEventDataMap>;

/** The admin events: written by an admin, carrying `after`. */
export const ADMIN_EVENT_TYPES = [
  'org.personEnrolled',
  'org.keyAdded',
  'org.keyRevoked',
  'org.personUpdated',
  'org.personLeft',
  'org.roleGranted',
  'org.roleRevoked',
  'org.teamsSet',
  'org.released',
] as const;
export type AdminEventType = (typeof ADMIN_EVENT_TYPES)[number];

declare module '../ledger/events' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging adds these events to the ledger's map
  interface LedgerEventMap extends OrgEventDataMap {}
}
