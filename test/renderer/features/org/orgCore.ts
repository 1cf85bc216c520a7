// The real core for the organisation screens' tests, typed with the contract only (the module that
// builds it, test/support/orgRendererCore.ts, runs Node and is kept out of the web tsconfig).
import type { Services, StewardBridge } from '../../../../electron/core/contract/methods';

export interface OrgTestCore {
  services: Services;
  bridge: StewardBridge;
  close(): Promise<void>;
}

const loaded = Object.values(
  import.meta.glob<{ startOrgCore: () => Promise<OrgTestCore> }>('../../../support/orgRendererCore.ts', {
    eager: true,
  }),
);
if (loaded.length !== 1) throw new Error('test/support/orgRendererCore.ts is missing');

/** Services on a temp folder with window.steward over them; close() removes the folder. */
export async function startOrgCore(): Promise<OrgTestCore> {
  const core = await loaded[0]!.startOrgCore();
  window.steward = core.bridge;
  return core;
}
