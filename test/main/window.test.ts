// The window's webPreferences are the app's main security boundary: assert them exactly.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { WINDOW_BACKGROUND, createMainWindow, secureWebPreferences } from '../../electron/main/window';
import { BrowserWindow, resetElectronMock } from './electron-mock';

describe('secureWebPreferences', () => {
  it('is exactly the isolated, sandboxed, Node-free set', () => {
    expect(secureWebPreferences('/app/out/preload/index.cjs')).toStrictEqual({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      spellcheck: false,
    });
  });

  it.each([
    'webSecurity',
    'allowRunningInsecureContent',
    'experimentalFeatures',
    'enableBlinkFeatures',
    'additionalArguments',
  ])('leaves %s to Chromium’s secure default (key absent)', (key) => {
    expect(Object.keys(secureWebPreferences('/p'))).not.toContain(key);
  });

  it('returns a fresh object each time, so one window cannot loosen another', () => {
    const a = secureWebPreferences('/p');
    const b = secureWebPreferences('/p');
    expect(a).not.toBe(b);
  });
});

describe('createMainWindow', () => {
  beforeEach(() => resetElectronMock());

  it('builds one hidden window with the secure preferences and loads the app URL', () => {
    const window = createMainWindow({
      preloadPath: '/out/preload/index.cjs',
      url: 'app://steward/index.html',
    });
    expect(BrowserWindow.instances).toHaveLength(1);
    const created = BrowserWindow.instances[0]!;
    expect(window).toBe(created);
    expect(created.options).toMatchObject({
      title: 'Steward',
      show: false,
      backgroundColor: WINDOW_BACKGROUND,
    });
    expect(created.options.minWidth).toBeGreaterThanOrEqual(800);
    expect(created.options.minHeight).toBeGreaterThanOrEqual(600);
    expect(created.options.webPreferences).toStrictEqual(secureWebPreferences('/out/preload/index.cjs'));
    expect(created.loadURL).toHaveBeenCalledWith('app://steward/index.html');
  });

  it('shows the window only once it is ready to show', () => {
    createMainWindow({ preloadPath: '/p', url: 'app://steward/index.html' });
    const created = BrowserWindow.instances[0]!;
    expect(created.show).not.toHaveBeenCalled();
    created.emit('ready-to-show');
    expect(created.show).toHaveBeenCalledTimes(1);
  });

  it('reports a failed load instead of leaving an unhandled rejection', async () => {
    const logError = vi.fn();
    const failure = new Error('ERR_FILE_NOT_FOUND');
    BrowserWindow.loadURLImpl = () => Promise.reject(failure);
    createMainWindow({ preloadPath: '/p', url: 'app://steward/index.html', logError });
    await vi.waitFor(() => expect(logError).toHaveBeenCalledWith('loadURL', failure));
  });
});
