// What the app says about itself, and the one way a page may send the user to a website.
import type { Services } from '../../core/contract';
import type { Handle } from '../ipc';

export function registerAppFeature(handle: Handle, services: Services): void {
  handle('getAppInfo', (args) => services.getAppInfo(args));
  handle('openExternalLink', (args) => services.openExternalLink(args));
}
