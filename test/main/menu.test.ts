// The application menu as data: the entries and roles each platform gets, what is dev-only, that
// the page is only ever reached by a route hash, and the helpers the menu's actions use.
import type { MenuItemConstructorOptions } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  SETTINGS_HASH,
  buildMenuTemplate,
  createOpenFolder,
  createWindowNavigator,
  installApplicationMenu,
  type MenuOptions,
} from '../../electron/main/menu';
import { BrowserWindow, resetElectronMock, shell } from './electron-mock';

function actions() {
  return {
    navigate: vi.fn<(hash: string) => void>(),
    showAbout: vi.fn<() => void>(),
    openDataFolder: vi.fn<() => void>(),
    openExternal: vi.fn<(url: string) => void>(),
  };
}

function options(
  overrides: Partial<MenuOptions> = {},
): MenuOptions & { actions: ReturnType<typeof actions> } {
  return {
    appName: 'Steward',
    isDev: false,
    platform: 'linux',
    actions: actions(),
    ...overrides,
  } as MenuOptions & {
    actions: ReturnType<typeof actions>;
  };
}

type Item = MenuItemConstructorOptions;
const submenuOf = (item: Item | undefined): Item[] => (Array.isArray(item?.submenu) ? item.submenu : []);
const topLabels = (template: Item[]) => template.map((item) => item.label ?? item.role);
const roles = (items: Item[]) => items.filter((i) => i.role).map((i) => i.role);
const labels = (items: Item[]) => items.filter((i) => i.label).map((i) => i.label);
const find = (template: Item[], name: string) =>
  template.find((item) => item.label?.replace('&', '') === name || item.role === name);
function click(item: Item | undefined) {
  (item?.click as unknown as () => void)();
}

beforeEach(() => resetElectronMock());

describe('buildMenuTemplate on Windows and Linux', () => {
  it('has File, Edit, View, Window and Help, with access keys', () => {
    expect(topLabels(buildMenuTemplate(options()))).toStrictEqual([
      '&File',
      '&Edit',
      '&View',
      'windowMenu',
      'help',
    ]);
  });

  it('puts Settings… (Ctrl+,) and Quit under File; Settings navigates to the settings route', () => {
    const opts = options();
    const file = submenuOf(find(buildMenuTemplate(opts), 'File'));
    expect(labels(file)).toStrictEqual(['Settings…']);
    expect(roles(file)).toStrictEqual(['quit']);
    const settings = file.find((i) => i.id === 'settings');
    expect(settings?.accelerator).toBe('CmdOrCtrl+,');
    click(settings);
    expect(opts.actions.navigate).toHaveBeenCalledWith('#/settings');
    expect(SETTINGS_HASH).toBe('#/settings');
  });

  it('gives Edit the standard editing roles', () => {
    const edit = submenuOf(find(buildMenuTemplate(options()), 'Edit'));
    expect(roles(edit)).toStrictEqual(['undo', 'redo', 'cut', 'copy', 'paste', 'delete', 'selectAll']);
  });

  it('gives View zoom and full screen, and Reload and developer tools only in development', () => {
    const packaged = submenuOf(find(buildMenuTemplate(options({ isDev: false })), 'View'));
    expect(roles(packaged)).toStrictEqual(['resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']);
    const dev = submenuOf(find(buildMenuTemplate(options({ isDev: true })), 'View'));
    expect(roles(dev)).toStrictEqual([
      'reload',
      'toggleDevTools',
      'resetZoom',
      'zoomIn',
      'zoomOut',
      'togglefullscreen',
    ]);
  });

  it('puts About Steward and Open Data Folder under Help, each calling its action', () => {
    const opts = options();
    const help = submenuOf(find(buildMenuTemplate(opts), 'help'));
    expect(labels(help)).toStrictEqual(['About Steward', 'Open Data Folder']);
    click(help.find((i) => i.id === 'about'));
    expect(opts.actions.showAbout).toHaveBeenCalledTimes(1);
    click(help.find((i) => i.id === 'openDataFolder'));
    expect(opts.actions.openDataFolder).toHaveBeenCalledTimes(1);
  });

  it('adds "Steward on the Web" only for an https address on the link allowlist', () => {
    const help = (homepage?: string) =>
      labels(submenuOf(find(buildMenuTemplate(options({ homepage })), 'help')));
    expect(help(undefined)).not.toContain('Steward on the Web');
    expect(help('https://steward.example.org/')).not.toContain('Steward on the Web');
    expect(help('http://ico.org.uk/')).not.toContain('Steward on the Web');
    const opts = options({ homepage: 'https://ico.org.uk/for-organisations/' });
    const web = submenuOf(find(buildMenuTemplate(opts), 'help')).find((i) => i.id === 'web');
    expect(web?.label).toBe('Steward on the Web');
    click(web);
    expect(opts.actions.openExternal).toHaveBeenCalledWith('https://ico.org.uk/for-organisations/');
  });
});

describe('buildMenuTemplate on macOS', () => {
  const template = () => buildMenuTemplate(options({ platform: 'darwin' }));

  it('leads with the app menu: About, Settings…, the standard app roles and Quit', () => {
    const [appMenu] = template();
    expect(appMenu?.label).toBe('Steward');
    const items = submenuOf(appMenu);
    expect(labels(items)).toStrictEqual(['About Steward', 'Settings…']);
    expect(roles(items)).toStrictEqual(['services', 'hide', 'hideOthers', 'unhide', 'quit']);
  });

  it('has no access-key ampersands, File only closes the window, and About is not repeated in Help', () => {
    expect(topLabels(template())).toStrictEqual(['Steward', 'File', 'Edit', 'View', 'windowMenu', 'help']);
    expect(roles(submenuOf(find(template(), 'File')))).toStrictEqual(['close']);
    expect(labels(submenuOf(find(template(), 'help')))).toStrictEqual(['Open Data Folder']);
    expect(roles(submenuOf(find(template(), 'Edit')))).toContain('pasteAndMatchStyle');
  });
});

describe('installApplicationMenu', () => {
  it('builds the menu from the template and sets it as the application menu', () => {
    const built = { kind: 'menu' };
    const Menu = {
      buildFromTemplate: vi.fn((_template: Item[]) => built),
      setApplicationMenu: vi.fn(),
    };
    const opts = options();
    const result = installApplicationMenu(Menu as never, opts);
    expect(Menu.buildFromTemplate).toHaveBeenCalledTimes(1);
    expect(topLabels(Menu.buildFromTemplate.mock.calls[0]![0])).toStrictEqual(
      topLabels(buildMenuTemplate(opts)),
    );
    expect(Menu.setApplicationMenu).toHaveBeenCalledWith(built);
    expect(result).toBe(built);
  });
});

describe('createWindowNavigator', () => {
  it('loads the current document with the new hash, and brings the window forward', () => {
    const window = new BrowserWindow();
    window.webContents.mainFrame.url = 'app://steward/index.html#/training';
    window.minimized = true;
    createWindowNavigator(() => window as never)('#/settings');
    expect(window.loadURL).toHaveBeenCalledWith('app://steward/index.html#/settings');
    expect(window.restore).toHaveBeenCalled();
    expect(window.focus).toHaveBeenCalled();
  });

  it('keeps the dev server origin when that is what the window shows', () => {
    const window = new BrowserWindow();
    window.webContents.mainFrame.url = 'http://localhost:5173/';
    createWindowNavigator(() => window as never)('#/settings');
    expect(window.loadURL).toHaveBeenCalledWith('http://localhost:5173/#/settings');
  });

  it('does nothing when the page is already there, or there is no window', () => {
    const window = new BrowserWindow();
    window.webContents.mainFrame.url = 'app://steward/index.html#/settings';
    createWindowNavigator(() => window as never)('#/settings');
    expect(window.loadURL).not.toHaveBeenCalled();
    expect(() => createWindowNavigator(() => null)('#/settings')).not.toThrow();
  });

  it('refuses anything but a route hash', () => {
    const window = new BrowserWindow();
    const navigate = createWindowNavigator(() => window as never);
    for (const bad of ['https://evil.example/', 'javascript:alert(1)', '#settings', '#/x"><script>', ''])
      expect(() => navigate(bad), bad).toThrow(/Not a Steward route/);
    expect(window.loadURL).not.toHaveBeenCalled();
  });

  it('reports a failed load instead of leaving it unhandled', async () => {
    BrowserWindow.loadURLImpl = async () => {
      throw new Error('ERR_ABORTED');
    };
    const window = new BrowserWindow();
    const logError = vi.fn();
    createWindowNavigator(() => window as never, logError)('#/records');
    await vi.waitFor(() => expect(logError).toHaveBeenCalledWith('menu navigate', expect.any(Error)));
  });
});

describe('createOpenFolder', () => {
  it('opens the folder it is given at the time of the click', async () => {
    let folder = '/home/ada/.config/Steward/workspace';
    const open = createOpenFolder(shell, () => folder);
    folder = '/mnt/team/steward';
    open();
    await vi.waitFor(() => expect(shell.openPath).toHaveBeenCalledWith('/mnt/team/steward'));
  });

  it('logs what the system said when the folder could not be opened', async () => {
    shell.openPath.mockResolvedValueOnce('No application is registered to open folders.');
    const logError = vi.fn();
    createOpenFolder(shell, async () => '/x', logError)();
    await vi.waitFor(() =>
      expect(logError).toHaveBeenCalledWith(
        'open data folder',
        expect.objectContaining({ message: 'No application is registered to open folders.' }),
      ),
    );
  });
});
