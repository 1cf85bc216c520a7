// The window's webPreferences are the app's main security boundary: assert them exactly.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { methodsArgument } from '../../electron/core/contract/channels';
import { METHOD_NAMES } from '../../electron/core/contract/methods';
import { WINDOW_BACKGROUND, createMainWindow, secureWebPreferences } from '../../electron/main/window';
import { BrowserWindow, resetElectronMock } from './electron-mock';

describe('secureWebPreferences', () => {
  it('is exactly the isolated, sandboxed, Node-free set', () => {
    expect(secureWebPreferences('/app/out/preload/index.cjs', ['getAppInfo', 'listProfiles'])).toStrictEqual({
      preload: '/app/out/preload/index.cjs',
      additionalArguments: ['--steward-methods=getAppInfo,listProfiles'],
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      spellcheck: false,
    });
  });

  it.each(['webSecurity', 'allowRunningInsecureContent', 'experimentalFeatures', 'enableBlinkFeatures'])(
    'leaves %s to Chromium’s secure default (key absent)',
    (key) => {
      expect(Object.keys(secureWebPreferences('/p', METHOD_NAMES))).not.toContain(key);
    },
  );

  it('passes the page exactly one switch: the contract method names, nothing a name could smuggle', () => {
    expect(secureWebPreferences('/p', METHOD_NAMES).additionalArguments).toStrictEqual([
      methodsArgument(METHOD_NAMES),
    ]);
    for (const bad of ['--no-sandbox', 'a,--inspect', 'x y', '', 'Get']) {
      expect(() => secureWebPreferences('/p', ['getAppInfo', bad])).toThrow(/not a method name/);
    }
  });

  it('returns a fresh object each time, so one window cannot loosen another', () => {
    const a = secureWebPreferences('/p', METHOD_NAMES);
    const b = secureWebPreferences('/p', METHOD_NAMES);
    expect(a).not.toBe(b);
  });
});

describe('createMainWindow', () => {
  beforeEach(() => resetElectronMock());

  it('builds one hidden window with the secure preferences and loads the app URL', () => {
    const window = createMainWindow({
      preloadPath: '/out/preload/index.cjs',
      methods: METHOD_NAMES,
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
    expect(created.options.webPreferences).toStrictEqual(
      secureWebPreferences('/out/preload/index.cjs', METHOD_NAMES),
    );
    expect(created.loadURL).toHaveBeenCalledWith('app://steward/index.html');
  });

  it('shows the window only once it is ready to show', () => {
    createMainWindow({ preloadPath: '/p', methods: METHOD_NAMES, url: 'app://steward/index.html' });
    const created = BrowserWindow.instances[0]!;
    expect(created.show).not.toHaveBeenCalled();
    created.emit('ready-to-show');
    expect(created.show).toHaveBeenCalledTimes(1);
  });

  it('reports a failed load instead of leaving an unhandled rejection', async () => {
    const logError = vi.fn();
    const failure = new Error('ERR_FILE_NOT_FOUND');
    BrowserWindow.loadURLImpl = () => Promise.reject(failure);
    createMainWindow({ preloadPath: '/p', methods: METHOD_NAMES, url: 'app://steward/index.html', logError });
    await vi.waitFor(() => expect(logError).toHaveBeenCalledWith('loadURL', failure));
  });
});
