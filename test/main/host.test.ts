// The Electron capability adapters handed to core: key protection via safeStorage, the folder
// picker, the external-link opener (allowlist first), and electron-store as settings storage.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BrowserWindow } from 'electron';
import { StewardError } from '../../electron/core/errors';
import { openSettings } from '../../electron/core/settings/settingsStore';
import {
  FILE_PROTECTION_NOTE,
  OS_PROTECTION_NOTE,
  createOpenExternal,
  createPickFolder,
  createSecretProtector,
  electronCapabilities,
  electronStoreFactory,
  hasOsKeychain,
} from '../../electron/main/host';
import { BrowserWindow as MockWindow, dialog, resetElectronMock, safeStorage, shell } from './electron-mock';

beforeEach(() => resetElectronMock());

describe('createSecretProtector', () => {
  it.each([
    ['darwin', true, 'unknown', 'os'],
    ['win32', true, 'unknown', 'os'],
    ['linux', true, 'gnome_libsecret', 'os'],
    ['linux', true, 'kwallet5', 'os'],
    ['linux', true, 'basic_text', 'file'],
    ['linux', true, 'unknown', 'file'],
    ['linux', false, 'gnome_libsecret', 'file'],
    ['darwin', false, 'unknown', 'file'],
    ['win32', false, 'unknown', 'file'],
  ] as const)(
    'on %s with encryption %s and backend %s protects keys by %s',
    (platform, available, backend, kind) => {
      safeStorage.isEncryptionAvailable.mockReturnValue(available);
      safeStorage.getSelectedStorageBackend.mockReturnValue(backend);
      const protector = createSecretProtector(safeStorage as never, platform);
      expect(protector.kind).toBe(kind);
      expect(protector.note).toBe(kind === 'os' ? OS_PROTECTION_NOTE : FILE_PROTECTION_NOTE);
      expect(hasOsKeychain(safeStorage as never, platform)).toBe(kind === 'os');
    },
  );

  it('the file note says keys are protected only by file permissions (0600)', () => {
    expect(FILE_PROTECTION_NOTE).toMatch(/only by file permissions/);
    expect(FILE_PROTECTION_NOTE).toContain('0600');
  });

  it('os protection goes through safeStorage and round-trips arbitrary bytes', () => {
    const protector = createSecretProtector(safeStorage as never, 'linux');
    const secret = Buffer.from([0, 1, 2, 250, 255, 10, 13, 0x80]);
    const stored = protector.protect(secret);
    expect(safeStorage.encryptString).toHaveBeenCalledTimes(1);
    expect(stored.equals(secret)).toBe(false);
    expect(stored.includes(secret)).toBe(false);
    expect(protector.reveal(stored).equals(secret)).toBe(true);
    expect(safeStorage.decryptString).toHaveBeenCalledTimes(1);
  });

  it('os protection refuses what safeStorage cannot decrypt', () => {
    const protector = createSecretProtector(safeStorage as never, 'darwin');
    expect(() => protector.reveal(Buffer.from('not encrypted'))).toThrow(/decrypt/);
  });

  it('file protection copies bytes and never calls safeStorage', () => {
    safeStorage.isEncryptionAvailable.mockReturnValue(false);
    const protector = createSecretProtector(safeStorage as never, 'linux');
    const secret = Buffer.from('-----BEGIN PRIVATE KEY-----');
    const stored = protector.protect(secret);
    expect(stored.equals(secret)).toBe(true);
    expect(stored).not.toBe(secret);
    expect(protector.reveal(stored).equals(secret)).toBe(true);
    expect(safeStorage.encryptString).not.toHaveBeenCalled();
    expect(safeStorage.decryptString).not.toHaveBeenCalled();
  });
});

describe('createPickFolder', () => {
  it('asks for a directory the user may create, attached to the window', async () => {
    const window = new MockWindow() as unknown as BrowserWindow;
    dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: ['/home/ada/Steward'] });
    await expect(createPickFolder(dialog as never, () => window)()).resolves.toBe('/home/ada/Steward');
    expect(dialog.showOpenDialog).toHaveBeenCalledWith(
      window,
      expect.objectContaining({ properties: ['openDirectory', 'createDirectory'] }),
    );
  });

  it('works without a window', async () => {
    dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: ['/srv/shared'] });
    await expect(createPickFolder(dialog as never, () => null)()).resolves.toBe('/srv/shared');
    expect(dialog.showOpenDialog).toHaveBeenCalledWith(
      expect.objectContaining({ properties: ['openDirectory', 'createDirectory'] }),
    );
  });

  it('returns null when the user cancels or picks nothing', async () => {
    dialog.showOpenDialog.mockResolvedValueOnce({ canceled: true, filePaths: ['/ignored'] });
    await expect(createPickFolder(dialog as never, () => null)()).resolves.toBeNull();
    dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [] });
    await expect(createPickFolder(dialog as never, () => null)()).resolves.toBeNull();
  });
});

describe('createOpenExternal', () => {
  it('opens an allowlisted https link', async () => {
    await createOpenExternal(shell as never)('https://gdpr-info.eu/art-5-gdpr/');
    expect(shell.openExternal).toHaveBeenCalledExactlyOnceWith('https://gdpr-info.eu/art-5-gdpr/');
  });

  it.each([
    'http://gdpr-info.eu/',
    'https://gdpr-info.eu.evil.example/',
    'https://user:pw@gdpr-info.eu/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'app://steward/index.html',
    'https://app.evil.example',
    'not a url',
  ])('refuses %s with LINK_REFUSED and never calls shell', async (url) => {
    const error = await createOpenExternal(shell as never)(url).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StewardError);
    expect((error as StewardError).code).toBe('LINK_REFUSED');
    expect(shell.openExternal).not.toHaveBeenCalled();
  });
});

describe('electronCapabilities', () => {
  it('is the electron host with a folder picker, a link opener, file dialogs and a PDF printer', async () => {
    const printPdf = vi.fn(async () => ({ bytes: 1 }));
    const showSaveDialog = vi.fn();
    const caps = electronCapabilities({
      dialog: { showOpenDialog: dialog.showOpenDialog, showSaveDialog } as never,
      shell: shell as never,
      getWindow: () => null,
      documentsDir: () => '/home/ada/Documents',
      printPdf,
    });
    expect(caps.host).toBe('electron');
    dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: ['/x'] });
    await expect(caps.pickFolder!()).resolves.toBe('/x');
    await caps.openExternal!('https://ico.org.uk/');
    expect(shell.openExternal).toHaveBeenCalledWith('https://ico.org.uk/');

    showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: '/home/ada/Documents/m.csv' });
    const filters = [{ name: 'CSV', extensions: ['csv'] }];
    await expect(caps.chooseSavePath!({ title: 'Export', defaultName: 'm.csv', filters })).resolves.toBe(
      '/home/ada/Documents/m.csv',
    );
    expect(showSaveDialog).toHaveBeenCalledWith(
      expect.objectContaining({ defaultPath: path.join('/home/ada/Documents', 'm.csv'), filters }),
    );
    showSaveDialog.mockResolvedValueOnce({ canceled: true, filePath: '' });
    await expect(
      caps.chooseSavePath!({ title: 'Export', defaultName: 'm.csv', filters }),
    ).resolves.toBeNull();

    dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: ['/b.stewardbundle'] });
    await expect(caps.pickOpenFile!({ title: 'Import', filters })).resolves.toBe('/b.stewardbundle');
    dialog.showOpenDialog.mockResolvedValueOnce({ canceled: true, filePaths: [] });
    await expect(caps.pickOpenFile!({ title: 'Import', filters })).resolves.toBeNull();
    expect(caps.printPdf).toBe(printPdf);
  });
});

describe('electronStoreFactory', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'steward-store-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const options = () => ({
    cwd: dir,
    name: 'settings',
    schema: { workspaceDir: { type: ['string', 'null'] } },
    defaults: { workspaceDir: null },
  });

  it('stores values in <cwd>/<name>.json', () => {
    const store = electronStoreFactory(options());
    expect(store.path).toBe(path.join(dir, 'settings.json'));
    expect(store.get('workspaceDir')).toBeNull();
    store.set('workspaceDir', '/srv/ws');
    expect(JSON.parse(fs.readFileSync(store.path, 'utf8'))).toMatchObject({ workspaceDir: '/srv/ws' });
    expect(electronStoreFactory(options()).get('workspaceDir')).toBe('/srv/ws');
  });

  it('throws on a corrupt file and leaves it untouched (clearInvalidConfig: false)', () => {
    const file = path.join(dir, 'settings.json');
    fs.writeFileSync(file, '{ "workspaceDir": "/srv/ws", ');
    expect(() => electronStoreFactory(options())).toThrow();
    expect(fs.readFileSync(file, 'utf8')).toBe('{ "workspaceDir": "/srv/ws", ');
  });

  it('throws on a file that violates the schema', () => {
    fs.writeFileSync(path.join(dir, 'settings.json'), JSON.stringify({ workspaceDir: 42 }));
    expect(() => electronStoreFactory(options())).toThrow(/schema/i);
  });

  it('lets core move a corrupt settings file aside and start from defaults', () => {
    const file = path.join(dir, 'settings.json');
    fs.writeFileSync(file, 'not json at all');
    const opened = openSettings(electronStoreFactory, dir, () => new Date('2026-01-02T03:04:05Z'));
    expect(opened.movedAside).not.toBeNull();
    expect(fs.readFileSync(opened.movedAside!.to, 'utf8')).toBe('not json at all');
    expect(opened.settings.get()).toStrictEqual({
      theme: 'system',
      locale: 'system',
      currentProfileId: null,
      workspaceDir: null,
      readingProgress: {},
      reviewDrafts: {},
      org: null,
      seenRelease: null,
    });
  });
});
