// The organisation as the Organisation and Content & policy screens show it: the view core builds
// from the signed admin entries, what setting it up did, a release folder's preview and a roster
// file's plan. Every change an admin makes returns the new view, which replaces the old one; the
// training, review and records state is dropped after it, since roles, teams and the content in
// force may have changed with it.
import type { StateCreator } from 'zustand';
import type { ArgsOf } from '../../electron/core/contract/methods';
import type {
  OrganisationView,
  OrgCreated,
  ReleasePreview,
  RosterImportPlan,
} from '../../electron/core/contract/views/org';
import { api } from '../api';
import { createTracker } from './requests';
import type { StewardState } from './store';

/** The calls that change the organisation and answer with its new view. */
export type OrgChange =
  | 'confirmOrganisation'
  | 'enrolPerson'
  | 'addPersonKey'
  | 'revokePersonKey'
  | 'updatePerson'
  | 'recordPersonLeft'
  | 'grantRole'
  | 'revokeRole'
  | 'setTeams'
  | 'requestProfileChange'
  | 'publishRelease';

export interface OrgSlice {
  organisation: OrganisationView | null;
  /** What the last "Set up your organisation" did (the code to give people, what was migrated). */
  orgCreated: OrgCreated | null;
  releasePreview: ReleasePreview | null;
  rosterPlan: RosterImportPlan | null;

  loadOrganisation: () => Promise<OrganisationView | null>;
  createOrganisation: (args: ArgsOf<'createOrganisation'>) => Promise<OrgCreated | null>;
  /** One admin change (or the person's own confirmation or request); null when refused. */
  changeOrganisation: <M extends OrgChange>(method: M, args: ArgsOf<M>) => Promise<OrganisationView | null>;
  previewRelease: (dir: string) => Promise<ReleasePreview | null>;
  clearReleasePreview: () => void;
  previewRoster: (csv: string, addTeams: boolean) => Promise<RosterImportPlan | null>;
  importRoster: (csv: string, addTeams: boolean) => Promise<RosterImportPlan | null>;
  clearRosterPlan: () => void;
  resetOrg: () => void;
}

export const createOrgSlice: StateCreator<StewardState, [], [], OrgSlice> = (set, get) => {
  const track = createTracker(set);

  /** After a change: what other screens loaded may no longer hold (roles, teams, content). */
  function afterChange(organisation: OrganisationView) {
    set({ organisation });
    get().resetTraining();
    get().resetReviews();
    get().resetRecords();
  }

  return {
    organisation: null,
    orgCreated: null,
    releasePreview: null,
    rosterPlan: null,

    loadOrganisation: async () =>
      track('getOrganisation', async () => {
        const organisation = await api().getOrganisation();
        set({ organisation });
        return organisation;
      }),

    createOrganisation: async (args) =>
      track('createOrganisation', async () => {
        const created = await api().createOrganisation(args);
        set({ orgCreated: created });
        afterChange(created.organisation);
        return created;
      }),

    changeOrganisation: async (method, args) =>
      track(method, async () => {
        const call = api()[method] as (a: typeof args) => Promise<OrganisationView>;
        const organisation = await call(args);
        afterChange(organisation);
        if (method === 'publishRelease') set({ releasePreview: null });
        return organisation;
      }),

    previewRelease: async (dir) =>
      track('previewRelease', async () => {
        const releasePreview = await api().previewRelease({ dir });
        set({ releasePreview });
        return releasePreview;
      }),

    clearReleasePreview: () => set({ releasePreview: null }),

    previewRoster: async (csv, addTeams) =>
      track('previewRosterImport', async () => {
        const rosterPlan = await api().previewRosterImport({ csv, addTeams });
        set({ rosterPlan });
        return rosterPlan;
      }),

    importRoster: async (csv, addTeams) =>
      track('importRoster', async () => {
        const rosterPlan = await api().importRoster({ csv, addTeams });
        set({ rosterPlan });
        const organisation = await api().getOrganisation();
        afterChange(organisation);
        return rosterPlan;
      }),

    clearRosterPlan: () => set({ rosterPlan: null }),

    resetOrg: () => set({ organisation: null, orgCreated: null, releasePreview: null, rosterPlan: null }),
  };
};
