// Records: the managers' dashboard, exports and verification jobs, bundles, the LRS outbox,
// and the display theme (a preference kept with the settings).
import type { Services } from '../../core/contract';
import type { Handle } from '../ipc';

export function registerRecordsFeature(handle: Handle, services: Services): void {
  handle('getRecords', (args) => services.getRecords(args));
  handle('startExport', (args) => services.startExport(args));
  handle('startVerify', (args) => services.startVerify(args));
  handle('getJob', (args) => services.getJob(args));
  handle('cancelJob', (args) => services.cancelJob(args));
  handle('exportMyRecords', (args) => services.exportMyRecords(args));
  handle('importRecords', (args) => services.importRecords(args));
  handle('getLrs', (args) => services.getLrs(args));
  handle('setLrs', (args) => services.setLrs(args));
  handle('sendLrsNow', (args) => services.sendLrsNow(args));
  handle('getTheme', (args) => services.getTheme(args));
  handle('setTheme', (args) => services.setTheme(args));
  handle('getLocale', (args) => services.getLocale(args));
  handle('setLocale', (args) => services.setLocale(args));
}
