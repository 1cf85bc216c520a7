// Electron lifecycle, nothing else: one instance, the app:// scheme, the security guards, core
// services with Electron's capabilities, the IPC features, one window. Everything that decides
// anything lives in the modules imported below, each tested on its own.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BrowserWindow, Menu, app, dialog, protocol, safeStorage, shell } from 'electron';
import { METHOD_NAMES } from '../core/contract/methods';
import { createServices, type ServiceHandle } from '../core/services';
import {
  createOpenExternal,
  createSecretProtector,
  electronCapabilities,
  electronStoreFactory,
} from './host';
import { createIpcRegistry, registerContract } from './ipc';
import { installStewardMenu } from './menu';
import { APP_ENTRY_URL, APP_SCHEME, trustedOrigins } from './origin';
import { createElectronPdfPrinter } from './pdf';
import { createAppProtocolHandler } from './protocol';
import { installSecurityGuards } from './security';
import { createMainWindow } from './window';
import { deploymentOf } from '../core/org/deployment';

// Relative to this bundle (out/main/index.js), so they hold in dev, in app.asar, and when
// Electron is started on the script directly.
const RENDERER_DIR = fileURLToPath(new URL('../renderer/', import.meta.url));
const PRELOAD_PATH = fileURLToPath(new URL('../preload/index.cjs', import.meta.url));

const logError = (where: string, error: unknown): void => console.error(`[steward] ${where}:`, error);

// Must happen before 'ready': gives app:// a real origin, secure context and fetch().
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

// A separate user data folder (tests, a second person on one account) gets its own lock too.
const userDataSwitch = app.commandLine.getSwitchValue('user-data-dir');
if (userDataSwitch) app.setPath('userData', userDataSwitch);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  run();
}

function run(): void {
  // The dev server is trusted only in an unpackaged build; a packaged app always serves app://.
  const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL || undefined;
  const origins = trustedOrigins(devServerUrl);
  let mainWindow: BrowserWindow | null = null;
  let running: ServiceHandle | null = null;

  const openWindow = (): void => {
    const window = createMainWindow({
      preloadPath: PRELOAD_PATH,
      methods: METHOD_NAMES,
      url: devServerUrl ?? APP_ENTRY_URL,
      logError,
    });
    window.on('closed', () => {
      if (mainWindow === window) mainWindow = null;
    });
    mainWindow = window;
  };

  installSecurityGuards(app, { origins, openExternal: createOpenExternal(shell), logError });

  app.on('second-instance', () => {
    if (!mainWindow) {
      if (running) openWindow();
      return;
    }
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (running && BrowserWindow.getAllWindows().length === 0) openWindow();
  });
  // Closing releases the ledger lock; quitting waits for it, once.
  app.on('will-quit', (event) => {
    const closing = running;
    if (!closing) return;
    running = null;
    event.preventDefault();
    closing
      .close()
      .catch((error: unknown) => logError('close', error))
      .finally(() => app.quit());
  });

  app
    .whenReady()
    .then(async () => {
      protocol.handle(APP_SCHEME, createAppProtocolHandler(RENDERER_DIR));
      running = await createServices({
        userDataDir: app.getPath('userData'),
        settingsStoreFactory: electronStoreFactory,
        secretProtector: createSecretProtector(safeStorage),
        capabilities: electronCapabilities({
          dialog,
          shell,
          getWindow: () => mainWindow,
          documentsDir: () => app.getPath('documents'),
          printPdf: createElectronPdfPrinter(),
        }),
        appVersion: app.getVersion(),
        systemLocale: () => app.getPreferredSystemLanguages()[0] ?? app.getLocale(),
        // Packaged: shipped as extraResources; unpackaged: the repo's content/ folder.
        contentDir: app.isPackaged
          ? path.join(process.resourcesPath ?? path.dirname(app.getAppPath()), 'content')
          : path.join(app.getAppPath(), 'content'),
        logError,
        ...deploymentOf(app.isPackaged ? process.resourcesPath : undefined),
      });
      registerContract(createIpcRegistry({ origins, logError }), running.services);
      const services = running.services;
      installStewardMenu({
        Menu,
        app,
        dialog,
        shell,
        getWindow: () => mainWindow,
        workspaceDir: async () => (await services.getSettings({})).workspaceDir,
        logError,
      });
      openWindow();
    })
    .catch((error: unknown) => {
      logError('startup', error);
      dialog.showErrorBox('Steward could not start', error instanceof Error ? error.message : String(error));
      app.quit();
    });
}
