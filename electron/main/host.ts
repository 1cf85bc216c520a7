// The Electron side of core's ServiceContext: how keys are protected (safeStorage), how a folder
// is picked (native dialog), how a link leaves the app (shell, after the allowlist), and where
// settings are stored (electron-store). Each adapter takes the Electron objects it uses, so it
// can be tested with stand-ins.
import path from 'node:path';
import type {
  BrowserWindow,
  Dialog,
  Notification,
  NotificationConstructorOptions,
  SafeStorage,
  Shell,
} from 'electron';
import Store from 'electron-store';
import { StewardError } from '../core/errors';
import { checkOutgoingLink } from '../core/links';
import type { SecretProtector } from '../core/profiles/keystore';
import type { HostCapabilities } from '../core/services';
import type { KeyValueStore, SettingsStoreFactory } from '../core/settings/settingsStore';

type KeyStorage = Pick<
  SafeStorage,
  'isEncryptionAvailable' | 'getSelectedStorageBackend' | 'encryptString' | 'decryptString'
>;

export const OS_PROTECTION_NOTE =
  "Your signing key is encrypted with your operating system's keychain and stored in a file only your user account can read.";
export const FILE_PROTECTION_NOTE =
  'No keychain is available to Steward on this computer, so your signing key is protected only by file permissions (0600: readable by your user account alone).';

/** Linux backends that store secrets in the clear or under a hard-coded password. */
const WEAK_LINUX_BACKENDS = new Set(['basic_text', 'unknown']);

/** True when safeStorage really encrypts with an OS-held secret. Call after app 'ready'. */
export function hasOsKeychain(storage: KeyStorage, platform: NodeJS.Platform = process.platform): boolean {
  if (!storage.isEncryptionAvailable()) return false;
  if (platform === 'linux' && WEAK_LINUX_BACKENDS.has(storage.getSelectedStorageBackend())) return false;
  return true;
}

export function createSecretProtector(
  storage: KeyStorage,
  platform: NodeJS.Platform = process.platform,
): SecretProtector {
  if (!hasOsKeychain(storage, platform)) {
    return {
      kind: 'file',
      note: FILE_PROTECTION_NOTE,
      protect: (plain) => Buffer.from(plain),
      reveal: (stored) => Buffer.from(stored),
    };
  }
  return {
    kind: 'os',
    note: OS_PROTECTION_NOTE,
    // safeStorage encrypts strings; base64 keeps arbitrary bytes intact through it.
    protect: (plain) => storage.encryptString(plain.toString('base64')),
    reveal: (stored) => Buffer.from(storage.decryptString(stored), 'base64'),
  };
}

export function createPickFolder(
  dialog: Pick<Dialog, 'showOpenDialog'>,
  getWindow: () => BrowserWindow | null,
): () => Promise<string | null> {
  return async () => {
    const options = {
      title: 'Choose the Steward workspace folder',
      properties: ['openDirectory', 'createDirectory'] as Array<'openDirectory' | 'createDirectory'>,
    };
    const window = getWindow();
    const result = window
      ? await dialog.showOpenDialog(window, options)
      : await dialog.showOpenDialog(options);
    if (result.canceled) return null;
    return result.filePaths[0] ?? null;
  };
}

export interface FileFilterSpec {
  name: string;
  extensions: string[];
}

/** The native "Save as" dialog, for exports and bundles. Null when the person cancels. */
export function createChooseSavePath(
  dialog: Pick<Dialog, 'showSaveDialog'>,
  getWindow: () => BrowserWindow | null,
  defaultDir: () => string,
): (opts: { title: string; defaultName: string; filters: FileFilterSpec[] }) => Promise<string | null> {
  return async ({ title, defaultName, filters }) => {
    const options = {
      title,
      defaultPath: path.join(defaultDir(), defaultName),
      filters,
      properties: ['createDirectory', 'showOverwriteConfirmation'] as Array<
        'createDirectory' | 'showOverwriteConfirmation'
      >,
    };
    const window = getWindow();
    const result = window
      ? await dialog.showSaveDialog(window, options)
      : await dialog.showSaveDialog(options);
    if (result.canceled || !result.filePath) return null;
    return result.filePath;
  };
}

/** The native "Open" dialog for one file (bundles and JSON exports to import). */
export function createPickOpenFile(
  dialog: Pick<Dialog, 'showOpenDialog'>,
  getWindow: () => BrowserWindow | null,
): (opts: { title: string; filters: FileFilterSpec[] }) => Promise<string | null> {
  return async ({ title, filters }) => {
    const options = { title, filters, properties: ['openFile'] as Array<'openFile'> };
    const window = getWindow();
    const result = window
      ? await dialog.showOpenDialog(window, options)
      : await dialog.showOpenDialog(options);
    if (result.canceled) return null;
    return result.filePaths[0] ?? null;
  };
}

/**
 * Opens a link in the system browser, or an email draft in the mail client, but only one
 * checkOutgoingLink accepts (checked here again).
 */
export function createOpenExternal(shell: Pick<Shell, 'openExternal'>): (url: string) => Promise<void> {
  return async (url) => {
    const decision = checkOutgoingLink(url);
    if (!decision.ok) throw new StewardError('LINK_REFUSED', decision.reason);
    await shell.openExternal(decision.url);
  };
}

/** Electron's Notification class, as the adapter uses it (a stand-in in tests). */
export interface NotificationClass {
  new (options: NotificationConstructorOptions): Pick<Notification, 'show' | 'on'>;
  isSupported(): boolean;
}

/**
 * An OS notification for a reminder: shown by the operating system, nothing sent anywhere. A
 * click brings Steward's window forward on its reminders. Absent where the OS has none.
 */
export function createNotify(
  NotificationCtor: NotificationClass,
  getWindow: () => BrowserWindow | null,
): ((n: { id: string; title: string; body: string }) => void) | undefined {
  if (!NotificationCtor.isSupported()) return undefined;
  return ({ title, body }) => {
    const notification = new NotificationCtor({ title, body, silent: false });
    notification.on('click', () => {
      const window = getWindow();
      if (!window) return;
      if (window.isMinimized()) window.restore();
      window.focus();
      void window.webContents.executeJavaScript("location.hash = '#/reminders'");
    });
    notification.show();
  };
}

export interface ElectronHost {
  dialog: Pick<Dialog, 'showOpenDialog' | 'showSaveDialog'>;
  shell: Pick<Shell, 'openExternal'>;
  getWindow: () => BrowserWindow | null;
  /** Where save dialogs start (the user's Documents folder). */
  documentsDir: () => string;
  /** Prints self-contained HTML to a PDF file (Electron's printToPDF in a hidden window). */
  printPdf: (html: string, outFile: string, signal?: AbortSignal) => Promise<{ bytes: number }>;
  /** Electron's Notification class; reminders raise none without it. */
  Notification?: NotificationClass;
}

export function electronCapabilities(host: ElectronHost): HostCapabilities {
  return {
    host: 'electron',
    pickFolder: createPickFolder(host.dialog, host.getWindow),
    openExternal: createOpenExternal(host.shell),
    chooseSavePath: createChooseSavePath(host.dialog, host.getWindow, host.documentsDir),
    pickOpenFile: createPickOpenFile(host.dialog, host.getWindow),
    printPdf: host.printPdf,
    ...(host.Notification ? { notify: createNotify(host.Notification, host.getWindow) } : {}),
  };
}

/**
 * electron-store with clearInvalidConfig off: a corrupt or schema-violating file throws, and core
 * moves it aside instead of the store silently emptying it.
 */
export const electronStoreFactory: SettingsStoreFactory = (opts) => {
  const store = new Store<Record<string, unknown>>({
    cwd: opts.cwd,
    name: opts.name,
    schema: opts.schema as never,
    defaults: opts.defaults,
    clearInvalidConfig: false,
  });
  const view: KeyValueStore = {
    get: (key) => store.get(key),
    set: (key, value) => store.set(key, value),
    path: store.path,
  };
  return view;
};
