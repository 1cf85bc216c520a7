// Boots the BUILT main bundle (out/main/index.js, as electron-vite emitted it) in a child Node
// process whose `electron` import is redirected to a recording stand-in. Unit tests cover the
// sources; this catches what only the bundle can get wrong: externalised dependencies that do not
// resolve, paths computed from import.meta.url, and start-up order against the real core.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelFor } from '../../electron/core/contract/channels';
import { METHOD_NAMES } from '../../electron/core/contract/methods';
import { secureWebPreferences } from '../../electron/main/window';

const ROOT = path.resolve(import.meta.dirname, '../..');
const MAIN = path.join(ROOT, 'out/main/index.js');
const skipReason = fs.existsSync(MAIN) ? null : 'out/main/index.js missing; run `npm run build` first';
if (skipReason) console.warn(`[main-bundle] SKIPPED: ${skipReason}`);

const HOOKS = `
export async function resolve(specifier, context, next) {
  if (specifier === 'electron') return { url: new URL('./electron-stand-in.mjs', import.meta.url).href, shortCircuit: true };
  return next(specifier, context);
}`;

const REGISTER = `import { register } from 'node:module';
register('./hooks.mjs', import.meta.url);`;

// Records every call as one JSON line on stdout. Start-up ends with the window's loadURL, or
// with an error box or a quit; globalThis.startupEnded resolves then.
const STAND_IN = `
import { EventEmitter } from 'node:events';
const record = (what, ...args) => process.stdout.write(JSON.stringify({ what, args }) + '\\n');
let endStartup;
globalThis.startupEnded = new Promise((resolve) => { endStartup = resolve; });
class App extends EventEmitter {
  isPackaged = true;
  paths = new Map();
  commandLine = { getSwitchValue: (name) => (name === 'user-data-dir' ? process.env.STAND_IN_USER_DATA : '') };
  setPath(name, value) { record('app.setPath', name, value); this.paths.set(name, value); }
  getPath(name) { return this.paths.get(name); }
  getVersion() { return '9.9.9'; }
  getAppPath() { return process.cwd(); }
  getName() { return 'Steward'; }
  requestSingleInstanceLock() { record('app.requestSingleInstanceLock'); return true; }
  whenReady() { return Promise.resolve(); }
  quit() { record('app.quit'); endStartup(); }
}
export const app = new App();
export const protocol = {
  registerSchemesAsPrivileged: (schemes) => record('protocol.registerSchemesAsPrivileged', schemes),
  handle: (scheme, handler) => { record('protocol.handle', scheme); globalThis.appProtocolHandler = handler; },
};
export const ipcMain = { handle: (channel) => record('ipcMain.handle', channel), on: () => {}, removeHandler: () => {} };
export class BrowserWindow extends EventEmitter {
  constructor(options) { super(); record('BrowserWindow', options); }
  loadURL(url) { record('loadURL', url); endStartup(); return Promise.resolve(); }
  static getAllWindows() { return []; }
}
export const dialog = { showErrorBox: (title, message) => { record('dialog.showErrorBox', title, message); endStartup(); }, showOpenDialog: async () => ({ canceled: true, filePaths: [] }), showMessageBox: async () => ({ response: 0, checkboxChecked: false }) };
export const Menu = {
  buildFromTemplate: (template) => ({ template }),
  setApplicationMenu: (menu) => record('Menu.setApplicationMenu', (menu?.template ?? []).map((item) => item.label ?? item.role)),
};
export const shell = { openExternal: async () => {} };
export const safeStorage = { isEncryptionAvailable: () => false, getSelectedStorageBackend: () => 'basic_text', encryptString: () => Buffer.alloc(0), decryptString: () => '' };
export const net = { fetch: async (url) => { record('net.fetch', url); return new Response('ok'); } };
export class Notification {
  static isSupported() { return false; }
  constructor(options) { record('Notification', options); }
  show() {}
  on() { return this; }
}
export default { app, protocol, ipcMain, BrowserWindow, dialog, shell, safeStorage, net, Menu, Notification };
`;

const DRIVER = (main: string) => `
await import(${JSON.stringify(pathToFileURL(main).href)});
await globalThis.startupEnded;
for (const url of globalThis.appProtocolHandler ? ['app://steward/', 'app://steward/%2e%2e/main/index.js'] : []) {
  const response = await globalThis.appProtocolHandler({ url, method: 'GET' });
  process.stdout.write(JSON.stringify({ what: 'served', args: [url, response.status] }) + '\\n');
}
process.exit(0);
`;

interface Call {
  what: string;
  args: unknown[];
}

describe.skipIf(skipReason !== null)('the built main bundle', () => {
  let tmp: string;
  let calls: Call[];
  let stderr: string;

  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'steward-main-bundle-'));
    fs.writeFileSync(path.join(tmp, 'hooks.mjs'), HOOKS);
    fs.writeFileSync(path.join(tmp, 'register.mjs'), REGISTER);
    fs.writeFileSync(path.join(tmp, 'electron-stand-in.mjs'), STAND_IN);
    const run = spawnSync(
      process.execPath,
      [
        '--import',
        pathToFileURL(path.join(tmp, 'register.mjs')).href,
        '--input-type=module',
        '-e',
        DRIVER(MAIN),
      ],
      {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 60_000,
        env: { ...process.env, STAND_IN_USER_DATA: path.join(tmp, 'user-data'), ELECTRON_RENDERER_URL: '' },
      },
    );
    stderr = run.stderr;
    if (run.status !== 0)
      throw new Error(`the bundle did not boot (status ${run.status}):\n${run.stdout}\n${run.stderr}`);
    calls = run.stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Call);
  }, 90_000);

  afterAll(() => {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  const find = (what: string) => calls.filter((c) => c.what === what);

  it('starts without errors', () => {
    expect(find('dialog.showErrorBox')).toStrictEqual([]);
    expect(find('app.quit')).toStrictEqual([]);
    expect(stderr).not.toMatch(/\[steward\]/);
  });

  it('registers the app scheme before taking the lock, and honours --user-data-dir', () => {
    const order = calls.map((c) => c.what);
    expect(order.indexOf('protocol.registerSchemesAsPrivileged')).toBeLessThan(
      order.indexOf('app.requestSingleInstanceLock'),
    );
    expect(find('app.setPath')).toStrictEqual([
      { what: 'app.setPath', args: ['userData', path.join(tmp, 'user-data')] },
    ]);
  });

  it('registers every contract channel', () => {
    expect(
      find('ipcMain.handle')
        .map((c) => c.args[0])
        .sort(),
    ).toStrictEqual(METHOD_NAMES.map(channelFor).sort());
  });

  it('opens one secure window on the built preload and loads app://steward', () => {
    const windows = find('BrowserWindow');
    expect(windows).toHaveLength(1);
    const options = windows[0]!.args[0] as { webPreferences: Record<string, unknown> };
    expect(options.webPreferences).toStrictEqual(
      secureWebPreferences(path.join(ROOT, 'out/preload/index.cjs'), METHOD_NAMES),
    );
    expect(find('loadURL')).toStrictEqual([{ what: 'loadURL', args: ['app://steward/index.html'] }]);
  });

  it('serves out/renderer on app:// and refuses to climb out of it', () => {
    expect(find('net.fetch')).toStrictEqual([
      {
        what: 'net.fetch',
        args: [pathToFileURL(fs.realpathSync(path.join(ROOT, 'out/renderer/index.html'))).href],
      },
    ]);
    expect(find('served')).toStrictEqual([
      { what: 'served', args: ['app://steward/', 200] },
      { what: 'served', args: ['app://steward/%2e%2e/main/index.js', 404] },
    ]);
  });

  it('created the settings file and workspace in the user-data folder through the real core', () => {
    expect(fs.existsSync(path.join(tmp, 'user-data', 'settings.json'))).toBe(true);
    expect(fs.existsSync(path.join(tmp, 'user-data', 'workspace', 'ledgers'))).toBe(true);
  });
});
