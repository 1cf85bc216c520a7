// The application menu, built from a template so it can be read (and tested) as data. Items that
// belong to the page (Settings…) do not reach into it: they call `navigate` with a route hash,
// which createWindowNavigator turns into an ordinary load of the app's own URL with that hash —
// the renderer's hashchange listener does the rest. No script is ever run in the page.
import type { App, BrowserWindow, Dialog, Menu, MenuItemConstructorOptions, Shell } from 'electron';
import { checkExternalUrl } from '../core/links';
import { aboutInfo, showAboutDialog } from './about';
import { createOpenExternal } from './host';

export const SETTINGS_HASH = '#/settings';

/** The hashes the menu may ask for: the renderer's own routes, nothing else. */
const ROUTE_HASH = /^#\/[a-z0-9][a-z0-9/-]*$/;

export interface MenuActions {
  /** Shows a screen: `hash` is a renderer route such as "#/settings". */
  navigate: (hash: string) => void;
  showAbout: () => void;
  openDataFolder: () => void;
  /** Opens an https address in the system browser (only called with an allowlisted one). */
  openExternal: (url: string) => void;
}

export interface MenuOptions {
  appName: string;
  /** Unpackaged builds get Reload and the developer tools; a packaged app never does. */
  isDev: boolean;
  platform: NodeJS.Platform;
  /** The project's web page; shown under Help only if it is https and on the link allowlist. */
  homepage?: string;
  actions: MenuActions;
}

export function buildMenuTemplate({
  appName,
  isDev,
  platform,
  homepage,
  actions,
}: MenuOptions): MenuItemConstructorOptions[] {
  const isMac = platform === 'darwin';
  // "&File": Alt+F opens it on Windows and Linux; macOS menus have no access keys.
  const top = (label: string) => (isMac ? label : `&${label}`);
  const about: MenuItemConstructorOptions = {
    id: 'about',
    label: `About ${appName}`,
    click: () => actions.showAbout(),
  };
  const settings: MenuItemConstructorOptions = {
    id: 'settings',
    label: 'Settings…',
    accelerator: 'CmdOrCtrl+,',
    click: () => actions.navigate(SETTINGS_HASH),
  };
  const web = homepage === undefined ? null : checkExternalUrl(homepage);

  const template: MenuItemConstructorOptions[] = [];
  if (isMac) {
    template.push({
      label: appName,
      submenu: [
        about,
        { type: 'separator' },
        settings,
        { type: 'separator' },
        { role: 'services' },
        { type: 'separator' },
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        { type: 'separator' },
        { role: 'quit' },
      ],
    });
  }
  template.push(
    {
      label: top('File'),
      submenu: isMac ? [{ role: 'close' }] : [settings, { type: 'separator' }, { role: 'quit' }],
    },
    {
      label: top('Edit'),
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        ...(isMac ? [{ role: 'pasteAndMatchStyle' } as const] : []),
        { role: 'delete' },
        { type: 'separator' },
        { role: 'selectAll' },
      ],
    },
    {
      label: top('View'),
      submenu: [
        ...(isDev
          ? [{ role: 'reload' } as const, { role: 'toggleDevTools' } as const, { type: 'separator' } as const]
          : []),
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [
        ...(isMac ? [] : [about, { type: 'separator' } as const]),
        ...(web?.ok
          ? [{ id: 'web', label: `${appName} on the Web`, click: () => actions.openExternal(web.url) }]
          : []),
        { id: 'openDataFolder', label: 'Open Data Folder', click: () => actions.openDataFolder() },
      ],
    },
  );
  return template;
}

type MenuStatics = Pick<typeof Menu, 'buildFromTemplate' | 'setApplicationMenu'>;

/** Builds the menu and makes it the application's; returns it (for tests and for later updates). */
export function installApplicationMenu(menu: MenuStatics, options: MenuOptions): Menu {
  const built = menu.buildFromTemplate(buildMenuTemplate(options));
  menu.setApplicationMenu(built);
  return built;
}

type NavigableWindow = Pick<
  BrowserWindow,
  'loadURL' | 'isDestroyed' | 'isMinimized' | 'restore' | 'focus'
> & {
  webContents: Pick<BrowserWindow['webContents'], 'getURL'>;
};

/**
 * A `navigate` for MenuActions: loads the window's current document address with a new hash.
 * Only the hash changes, so Chromium makes it a same-document navigation (no reload, no lost
 * state) and the page sees a hashchange. Anything but a route hash is refused.
 */
export function createWindowNavigator(
  getWindow: () => NavigableWindow | null,
  logError?: (where: string, error: unknown) => void,
): (hash: string) => void {
  return (hash) => {
    if (!ROUTE_HASH.test(hash)) throw new Error(`Not a Steward route: ${hash}`);
    const window = getWindow();
    if (window === null || window.isDestroyed()) return;
    if (window.isMinimized()) window.restore();
    window.focus();
    const current = window.webContents.getURL();
    const hashAt = current.indexOf('#');
    const document = hashAt === -1 ? current : current.slice(0, hashAt);
    // Nothing loaded yet (or an error page): there is no document of ours to move within.
    if (document === '' || current === `${document}${hash}`) return;
    window.loadURL(`${document}${hash}`).catch((error: unknown) => logError?.('menu navigate', error));
  };
}

/**
 * An `openDataFolder` for MenuActions: shows the folder in the system file manager. `getFolder`
 * is asked each time, since the workspace can be moved while the app runs.
 */
export function createOpenFolder(
  shell: Pick<Shell, 'openPath'>,
  getFolder: () => string | Promise<string>,
  logError?: (where: string, error: unknown) => void,
): () => void {
  return () => {
    Promise.resolve()
      .then(getFolder)
      .then((folder) => shell.openPath(folder))
      .then((problem) => {
        // openPath reports failure as a message, not a rejection.
        if (problem !== '') logError?.('open data folder', new Error(problem));
      })
      .catch((error: unknown) => logError?.('open data folder', error));
  };
}

export interface StewardMenuDeps {
  Menu: MenuStatics;
  app: Pick<App, 'getName' | 'getVersion' | 'getAppPath' | 'isPackaged'>;
  dialog: Pick<Dialog, 'showMessageBox'>;
  shell: Pick<Shell, 'openPath' | 'openExternal'>;
  getWindow: () => BrowserWindow | null;
  /** The workspace folder ("Open Data Folder"), asked each time since it can move. */
  workspaceDir: () => Promise<string>;
  logError: (where: string, error: unknown) => void;
}

/** The app's menu with its real actions: what main/index.ts installs once services are up. */
export function installStewardMenu(deps: StewardMenuDeps): Menu {
  const { app, dialog, shell, getWindow, logError } = deps;
  return installApplicationMenu(deps.Menu, {
    appName: app.getName(),
    isDev: !app.isPackaged,
    platform: process.platform,
    actions: {
      navigate: createWindowNavigator(getWindow, logError),
      showAbout: () =>
        void showAboutDialog(dialog, aboutInfo(app), getWindow()).catch((e: unknown) => logError('about', e)),
      openDataFolder: createOpenFolder(shell, deps.workspaceDir, logError),
      openExternal: (url) =>
        void createOpenExternal(shell)(url).catch((e: unknown) => logError('openExternal', e)),
    },
  });
}
