// The lifecycle in electron/main/index.ts, run against the Electron stand-in with core services
// replaced by a stub: what happens before 'ready', on 'ready', and on the way out.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { channelFor } from '../../electron/core/contract/channels';
import { METHOD_NAMES, type Services } from '../../electron/core/contract/methods';
import type { ServiceContext } from '../../electron/core/services';
import type * as ElectronMock from './electron-mock';

const core = vi.hoisted(() => ({ createServices: vi.fn(), close: vi.fn() }));
vi.mock('../../electron/core/services', () => ({ createServices: core.createServices }));

type Electron = typeof ElectronMock;
const realPlatform = process.platform;

function stubServices(): Services {
  const table: Record<string, unknown> = {};
  for (const m of METHOD_NAMES) table[m] = vi.fn(async () => null);
  return table as Services;
}

/** Loads index.ts afresh (it runs on import, as Electron runs it), after an optional setup. */
async function boot(setup?: (electron: Electron) => void): Promise<Electron> {
  vi.resetModules();
  core.createServices.mockReset();
  core.close.mockReset();
  core.close.mockResolvedValue(undefined);
  core.createServices.mockImplementation(async () => ({ services: stubServices(), close: core.close }));
  const electron = await import('./electron-mock');
  electron.resetElectronMock();
  setup?.(electron);
  await import('../../electron/main/index');
  return electron;
}

async function bootReady(setup?: (electron: Electron) => void): Promise<Electron> {
  const electron = await boot(setup);
  await vi.waitFor(() => expect(electron.BrowserWindow.instances).toHaveLength(1));
  return electron;
}

function setPlatform(platform: NodeJS.Platform): void {
  Object.defineProperty(process, 'platform', { value: platform, configurable: true });
}

afterEach(() => {
  setPlatform(realPlatform);
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe('before ready', () => {
  it('registers app:// as a privileged standard scheme, then takes the single-instance lock', async () => {
    const electron = await boot((e) => e.app.holdReady());
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledExactlyOnceWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    expect(electron.app.requestSingleInstanceLock).toHaveBeenCalledTimes(1);
    expect(electron.protocol.registerSchemesAsPrivileged.mock.invocationCallOrder[0]).toBeLessThan(
      electron.app.requestSingleInstanceLock.mock.invocationCallOrder[0]!,
    );
    // Nothing that needs 'ready' has happened yet.
    expect(electron.protocol.handle).not.toHaveBeenCalled();
    expect(core.createServices).not.toHaveBeenCalled();
    expect(electron.BrowserWindow.instances).toHaveLength(0);
    expect(electron.app.listenerCount('web-contents-created')).toBe(1);
  });

  it('quits at once, doing nothing else, when another instance holds the lock', async () => {
    const electron = await boot((e) => e.app.requestSingleInstanceLock.mockReturnValue(false));
    expect(electron.app.quit).toHaveBeenCalledTimes(1);
    expect(electron.app.whenReady).not.toHaveBeenCalled();
    expect(electron.app.listenerCount('second-instance')).toBe(0);
    await new Promise((r) => setTimeout(r, 10));
    expect(core.createServices).not.toHaveBeenCalled();
    expect(electron.BrowserWindow.instances).toHaveLength(0);
  });

  it('uses --user-data-dir for userData before taking the lock', async () => {
    const electron = await boot((e) => {
      e.app.holdReady();
      e.app.commandLine.switches.set('user-data-dir', '/tmp/steward-e2e-user');
    });
    expect(electron.app.setPath).toHaveBeenCalledExactlyOnceWith('userData', '/tmp/steward-e2e-user');
    expect(electron.app.setPath.mock.invocationCallOrder[0]).toBeLessThan(
      electron.app.requestSingleInstanceLock.mock.invocationCallOrder[0]!,
    );
  });
});

describe('on ready', () => {
  it('serves app://, builds services with Electron capabilities, registers every method, opens one window', async () => {
    const electron = await bootReady((e) => e.app.paths.set('userData', '/home/ada/.config/Steward'));
    expect(electron.protocol.handle).toHaveBeenCalledExactlyOnceWith('app', expect.any(Function));

    expect(core.createServices).toHaveBeenCalledTimes(1);
    const ctx = core.createServices.mock.calls[0]![0] as ServiceContext;
    const host = await import('../../electron/main/host');
    expect(ctx.userDataDir).toBe('/home/ada/.config/Steward');
    expect(ctx.appVersion).toBe('0.1.0-test');
    expect(ctx.settingsStoreFactory).toBe(host.electronStoreFactory);
    expect(ctx.secretProtector.kind).toBe('os');
    expect(ctx.capabilities.host).toBe('electron');
    expect(ctx.capabilities.pickFolder).toEqual(expect.any(Function));
    expect(ctx.capabilities.openExternal).toEqual(expect.any(Function));

    expect([...electron.ipcMain.handlers.keys()].sort()).toStrictEqual(METHOD_NAMES.map(channelFor).sort());

    const window = electron.BrowserWindow.instances[0]!;
    expect(window.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true });
    expect(String(window.options.webPreferences!.preload)).toMatch(/[/\\]preload[/\\]index\.cjs$/);
    expect(window.loadURL).toHaveBeenCalledExactlyOnceWith('app://steward/index.html');
  });

  it('serves the renderer folder next to the main bundle', async () => {
    const electron = await bootReady();
    const handler = electron.protocol.handle.mock.calls[0]![1] as (r: Request) => Promise<Response>;
    const response = await handler({ url: 'app://steward/%2e%2e/main/index.js', method: 'GET' } as Request);
    expect(response.status).toBe(404);
  });

  it('guards web contents created after start-up', async () => {
    const electron = await bootReady();
    const contents = electron.BrowserWindow.instances[0]!.webContents;
    electron.app.emit('web-contents-created', electron.mockEvent(), contents);
    const event = electron.mockEvent({ url: 'https://app.evil.example/' });
    contents.emit('will-navigate', event, 'https://app.evil.example/');
    expect(event.preventDefault).toHaveBeenCalledTimes(1);
    expect(contents.setWindowOpenHandler).toHaveBeenCalledTimes(1);
  });

  it('falls back to file-permission key protection on Linux without a keyring', async () => {
    setPlatform('linux');
    await bootReady((e) => e.safeStorage.getSelectedStorageBackend.mockReturnValue('basic_text'));
    const ctx = core.createServices.mock.calls[0]![0] as ServiceContext;
    expect(ctx.secretProtector.kind).toBe('file');
    expect(ctx.secretProtector.note).toMatch(/0600/);
  });

  it('loads the dev server when ELECTRON_RENDERER_URL is set in an unpackaged build', async () => {
    vi.stubEnv('ELECTRON_RENDERER_URL', 'http://localhost:5173');
    const electron = await bootReady();
    expect(electron.BrowserWindow.instances[0]!.loadURL).toHaveBeenCalledWith('http://localhost:5173');
  });

  it('ignores ELECTRON_RENDERER_URL in a packaged app', async () => {
    vi.stubEnv('ELECTRON_RENDERER_URL', 'https://evil.example/');
    const electron = await bootReady((e) => {
      e.app.isPackaged = true;
    });
    expect(electron.BrowserWindow.instances[0]!.loadURL).toHaveBeenCalledWith('app://steward/index.html');
  });

  it('shows an error and quits when services cannot start', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const electron = await boot(() =>
      core.createServices.mockRejectedValueOnce(new Error('The workspace folder is not writable.')),
    );
    await vi.waitFor(() => expect(electron.app.quit).toHaveBeenCalledTimes(1));
    expect(electron.dialog.showErrorBox).toHaveBeenCalledWith(
      'Steward could not start',
      'The workspace folder is not writable.',
    );
    expect(electron.BrowserWindow.instances).toHaveLength(0);
    expect(electron.ipcMain.handlers.size).toBe(0);
  });
});

describe('while running', () => {
  it('a second instance restores a minimised window and focuses it', async () => {
    const electron = await bootReady();
    const window = electron.BrowserWindow.instances[0]!;
    window.minimized = true;
    electron.app.emit('second-instance', electron.mockEvent(), ['steward'], '/');
    expect(window.restore).toHaveBeenCalledTimes(1);
    expect(window.focus).toHaveBeenCalledTimes(1);
    expect(electron.BrowserWindow.instances).toHaveLength(1);
  });

  it('a second instance focuses a window that is not minimised without restoring it', async () => {
    const electron = await bootReady();
    const window = electron.BrowserWindow.instances[0]!;
    electron.app.emit('second-instance', electron.mockEvent(), ['steward'], '/');
    expect(window.restore).not.toHaveBeenCalled();
    expect(window.focus).toHaveBeenCalledTimes(1);
  });

  it.each([
    ['linux', 1],
    ['win32', 1],
    ['darwin', 0],
  ] as const)('closing the last window on %s quits %i time(s)', async (platform, quits) => {
    const electron = await bootReady();
    setPlatform(platform);
    electron.app.emit('window-all-closed');
    expect(electron.app.quit).toHaveBeenCalledTimes(quits);
  });

  it('reopens a window on macOS activate when none is open', async () => {
    const electron = await bootReady();
    const first = electron.BrowserWindow.instances[0]!;
    first.destroyed = true;
    first.emit('closed');
    electron.app.emit('activate');
    expect(electron.BrowserWindow.instances).toHaveLength(2);
  });
});

describe('on the way out', () => {
  it('will-quit waits for services to close, then quits, once', async () => {
    const electron = await bootReady();
    let release!: () => void;
    core.close.mockImplementationOnce(() => new Promise<void>((resolve) => (release = resolve)));
    const event = electron.mockEvent();
    electron.app.emit('will-quit', event);
    expect(event.preventDefault).toHaveBeenCalledTimes(1);
    expect(core.close).toHaveBeenCalledTimes(1);
    expect(electron.app.quit).not.toHaveBeenCalled();
    release();
    await vi.waitFor(() => expect(electron.app.quit).toHaveBeenCalledTimes(1));
    // The second will-quit (from that quit) goes through.
    const second = electron.mockEvent();
    electron.app.emit('will-quit', second);
    expect(second.preventDefault).not.toHaveBeenCalled();
    expect(core.close).toHaveBeenCalledTimes(1);
  });

  it('still quits when closing services fails', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const electron = await bootReady();
    core.close.mockRejectedValueOnce(new Error('lock file vanished'));
    electron.app.emit('will-quit', electron.mockEvent());
    await vi.waitFor(() => expect(electron.app.quit).toHaveBeenCalledTimes(1));
  });
});

it('index.ts stays a short lifecycle file', () => {
  const source = fs.readFileSync(path.resolve(import.meta.dirname, '../../electron/main/index.ts'), 'utf8');
  expect(source.split('\n').length).toBeLessThan(140);
  expect(source).not.toMatch(/ipcMain/);
});
