// Where Steward keeps per-user data when no Electron `app.getPath('userData')` is at hand (the
// CLI and the preview use the same folder as the desktop app, so they see the same keys).
import os from 'node:os';
import path from 'node:path';

export const APP_DIR_NAME = 'Steward';

export function defaultUserDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = os.homedir(),
): string {
  if (platform === 'win32')
    return path.win32.join(env.APPDATA ?? path.win32.join(home, 'AppData', 'Roaming'), APP_DIR_NAME);
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Application Support', APP_DIR_NAME);
  return path.posix.join(env.XDG_CONFIG_HOME || path.posix.join(home, '.config'), APP_DIR_NAME);
}

/**
 * Where files go on a host without a save dialog (the browser preview, tests): the exports folder
 * in the user's data. The preview offers the files in it as downloads (preview/previewServer.ts).
 */
export function exportsFolder(userDataDir: string): string {
  return path.join(userDataDir, 'exports');
}
