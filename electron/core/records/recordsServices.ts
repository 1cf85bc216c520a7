// Records services: the managers' dashboard, export and verify jobs, bundles, the LRS outbox
// and the display theme. The bodies live in the records modules; this file wires them to the
// workspace, the current profile and the host's dialogs.
import type { Services } from '../contract';
import { StewardError } from '../errors';
import type { Settings } from '../settings/settingsStore';

export const RECORDS_METHODS = [
  'getRecords',
  'startExport',
  'startVerify',
  'getJob',
  'cancelJob',
  'exportMyRecords',
  'importRecords',
  'getLrs',
  'setLrs',
  'sendLrsNow',
  'getTheme',
  'setTheme',
] as const;
export type RecordsServices = Pick<Services, (typeof RECORDS_METHODS)[number]>;

export interface RecordsDeps {
  settings: Settings;
}

const pending = (what: string) => async (): Promise<never> => {
  throw new StewardError('INTERNAL', `${what} is being built.`);
};

export function createRecordsServices(deps: RecordsDeps): RecordsServices {
  return {
    getRecords: pending('The records dashboard'),
    startExport: pending('Export'),
    startVerify: pending('Verification'),
    getJob: pending('Jobs'),
    cancelJob: pending('Jobs'),
    exportMyRecords: pending('Bundles'),
    importRecords: pending('Import'),
    getLrs: pending('The LRS outbox'),
    setLrs: pending('The LRS outbox'),
    sendLrsNow: pending('The LRS outbox'),
    async getTheme() {
      return deps.settings.get().theme;
    },
    async setTheme({ theme }) {
      return deps.settings.update({ theme }).theme;
    },
  };
}
