// The workspace folder: where it is, choosing another one, and checking its ledgers.
import type { Services } from '../../core/contract';
import type { Handle } from '../ipc';

export function registerWorkspaceFeature(handle: Handle, services: Services): void {
  handle('getSettings', (args) => services.getSettings(args));
  handle('setWorkspace', (args) => services.setWorkspace(args));
  handle('pickWorkspaceFolder', (args) => services.pickWorkspaceFolder(args));
  handle('getWorkspaceStatus', (args) => services.getWorkspaceStatus(args));
  handle('verifyWorkspace', (args) => services.verifyWorkspace(args));
}
