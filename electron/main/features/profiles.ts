// Profiles on this computer: list, read the current one, create one (with its keypair), switch.
import type { Services } from '../../core/contract';
import type { Handle } from '../ipc';

export function registerProfilesFeature(handle: Handle, services: Services): void {
  handle('listProfiles', (args) => services.listProfiles(args));
  handle('getCurrentProfile', (args) => services.getCurrentProfile(args));
  handle('createProfile', (args) => services.createProfile(args));
  handle('switchProfile', (args) => services.switchProfile(args));
}
