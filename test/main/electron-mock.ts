// Stand-in for the `electron` module in Node tests (vitest aliases `electron` here): there is no
// Electron binary on these machines. Class and vi.fn mocks that record what the shell asks of
// Electron, plus helpers to fire the events Electron would fire. Call resetElectronMock() in
// beforeEach so every test starts from a fresh app, window list and handler table.
import { vi } from 'vitest';

type Listener = (...args: never[]) => unknown;

/** A minimal EventEmitter that lets tests fire events and count listeners. */
export class MockEmitter {
  readonly listeners = new Map<string, Listener[]>();

  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }

  once(event: string, listener: Listener): this {
    const wrapped = ((...args: never[]) => {
      this.off(event, wrapped);
      return listener(...args);
    }) as Listener;
    return this.on(event, wrapped);
  }

  off(event: string, listener: Listener): this {
    this.listeners.set(
      event,
      (this.listeners.get(event) ?? []).filter((l) => l !== listener),
    );
    return this;
  }

  removeListener(event: string, listener: Listener): this {
    return this.off(event, listener);
  }

  emit(event: string, ...args: unknown[]): boolean {
    const current = [...(this.listeners.get(event) ?? [])];
    for (const listener of current) (listener as (...a: unknown[]) => unknown)(...args);
    return current.length > 0;
  }

  listenerCount(event: string): number {
    return (this.listeners.get(event) ?? []).length;
  }
}

/** An Electron-style event whose preventDefault() tests can observe. */
export function mockEvent<T extends object = object>(
  extra?: T,
): T & { preventDefault: ReturnType<typeof vi.fn> } {
  return Object.assign({ preventDefault: vi.fn() }, extra) as T & {
    preventDefault: ReturnType<typeof vi.fn>;
  };
}

export class MockSession {
  permissionRequestHandler: ((...args: never[]) => unknown) | null = null;
  permissionCheckHandler: ((...args: never[]) => unknown) | null = null;
  setPermissionRequestHandler = vi.fn((handler: ((...args: never[]) => unknown) | null) => {
    this.permissionRequestHandler = handler;
  });
  setPermissionCheckHandler = vi.fn((handler: ((...args: never[]) => unknown) | null) => {
    this.permissionCheckHandler = handler;
  });
}

export class MockWebFrameMain {
  constructor(
    public url: string,
    public parent: MockWebFrameMain | null = null,
  ) {}
  get origin(): string {
    try {
      const u = new URL(this.url);
      return `${u.protocol}//${u.host}`;
    } catch {
      return 'null';
    }
  }
  get top(): MockWebFrameMain {
    return this.parent ? this.parent.top : this;
  }
}

export class MockWebContents extends MockEmitter {
  private static nextId = 1;
  readonly id = MockWebContents.nextId++;
  session = new MockSession();
  mainFrame: MockWebFrameMain;
  windowOpenHandler: ((details: { url: string }) => unknown) | null = null;
  setWindowOpenHandler = vi.fn((handler: (details: { url: string }) => unknown) => {
    this.windowOpenHandler = handler;
  });
  getURL = vi.fn(() => this.mainFrame.url);
  executeJavaScript = vi.fn(async (_code: string) => undefined);

  constructor(url = 'app://steward/index.html') {
    super();
    this.mainFrame = new MockWebFrameMain(url);
  }
}

export interface BrowserWindowOptionsSeen {
  webPreferences?: Record<string, unknown>;
  [key: string]: unknown;
}

export class BrowserWindow extends MockEmitter {
  static instances: BrowserWindow[] = [];
  /** What loadURL does for windows created from now on (set before the code under test runs). */
  static loadURLImpl: (url: string) => Promise<void> = async () => undefined;
  static getAllWindows = vi.fn(() => BrowserWindow.instances.filter((w) => !w.destroyed));

  readonly options: BrowserWindowOptionsSeen;
  readonly webContents = new MockWebContents();
  destroyed = false;
  minimized = false;
  loadURL = vi.fn((url: string) => BrowserWindow.loadURLImpl(url));
  show = vi.fn();
  focus = vi.fn();
  restore = vi.fn(() => {
    this.minimized = false;
  });
  isMinimized = vi.fn(() => this.minimized);
  isDestroyed = vi.fn(() => this.destroyed);

  constructor(options: BrowserWindowOptionsSeen = {}) {
    super();
    this.options = options;
    BrowserWindow.instances.push(this);
  }
}

type Handler = (event: unknown, ...args: unknown[]) => unknown;

class MockIpcMain extends MockEmitter {
  readonly handlers = new Map<string, Handler>();
  handle = vi.fn((channel: string, handler: Handler) => {
    // Electron refuses a second handler on the same channel; so does the stand-in.
    if (this.handlers.has(channel))
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  });
  removeHandler = vi.fn((channel: string) => {
    this.handlers.delete(channel);
  });
  /** Calls the registered handler as Electron would for an ipcRenderer.invoke(). */
  async invokeAs(event: unknown, channel: string, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return handler(event, ...args);
  }
}

class MockApp extends MockEmitter {
  isPackaged = false;
  private readyResolve: (() => void) | null = null;
  private readyPromise: Promise<void> = Promise.resolve();
  readonly paths = new Map<string, string>();

  requestSingleInstanceLock = vi.fn((_data?: unknown) => true);
  quit = vi.fn();
  exit = vi.fn();
  whenReady = vi.fn(() => this.readyPromise);
  getPath = vi.fn((name: string) => this.paths.get(name) ?? `/tmp/steward-electron-mock/${name}`);
  setPath = vi.fn((name: string, value: string) => {
    this.paths.set(name, value);
  });
  getVersion = vi.fn(() => '0.1.0-test');
  getName = vi.fn(() => 'Steward');
  getAppPath = vi.fn(() => '/tmp/steward-electron-mock/app');
  commandLine = {
    switches: new Map<string, string>(),
    hasSwitch: vi.fn((name: string) => this.commandLine.switches.has(name)),
    getSwitchValue: vi.fn((name: string) => this.commandLine.switches.get(name) ?? ''),
    appendSwitch: vi.fn(),
  };

  /** Makes whenReady() pend until fireReady() is called. */
  holdReady(): void {
    this.readyPromise = new Promise<void>((resolve) => {
      this.readyResolve = resolve;
    });
  }

  fireReady(): void {
    this.readyResolve?.();
    this.emit('ready');
  }
}

export let app = new MockApp();
export let ipcMain = new MockIpcMain();

export const protocol = {
  registerSchemesAsPrivileged: vi.fn(),
  handle: vi.fn(),
  unhandle: vi.fn(),
};

export const ipcRenderer = {
  invoke: vi.fn(async (_channel: string, ..._args: unknown[]): Promise<unknown> => undefined),
  on: vi.fn(),
  send: vi.fn(),
};

export const contextBridge = {
  exposed: {} as Record<string, unknown>,
  exposeInMainWorld: vi.fn((key: string, api: unknown) => {
    contextBridge.exposed[key] = api;
  }),
};

export const shell = {
  openExternal: vi.fn(async (_url: string) => undefined),
  openPath: vi.fn(async (_path: string) => ''),
};

export const session = {
  defaultSession: new MockSession(),
};

export const safeStorage = {
  isEncryptionAvailable: vi.fn(() => true),
  getSelectedStorageBackend: vi.fn((): string => 'gnome_libsecret'),
  // Reversible but not identity, so a test can tell "went through safeStorage" from "copied".
  encryptString: vi.fn((plain: string) => Buffer.from(`enc:${Buffer.from(plain, 'utf8').toString('hex')}`)),
  decryptString: vi.fn((stored: Buffer) => {
    const text = stored.toString('utf8');
    if (!text.startsWith('enc:'))
      throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return Buffer.from(text.slice(4), 'hex').toString('utf8');
  }),
};

export const dialog = {
  showOpenDialog: vi.fn(async (..._args: unknown[]) => ({ canceled: true, filePaths: [] as string[] })),
  showSaveDialog: vi.fn(async (..._args: unknown[]) => ({ canceled: true, filePath: '' })),
  showMessageBox: vi.fn(async (..._args: unknown[]) => ({ response: 0, checkboxChecked: false })),
  showErrorBox: vi.fn(),
};

export const net = {
  fetch: vi.fn(async (url: string) => new Response(`fetched ${url}`, { status: 200 })),
};

/** Electron's Notification: each instance remembers its options, listeners and whether it was shown. */
export class Notification extends MockEmitter {
  static instances: Notification[] = [];
  static isSupported = vi.fn(() => true);
  shown = false;
  constructor(readonly options: { title: string; body: string; silent?: boolean }) {
    super();
    Notification.instances.push(this);
  }
  show(): void {
    this.shown = true;
  }
}

export const Menu = {
  buildFromTemplate: vi.fn((template: unknown[]) => ({ template })),
  setApplicationMenu: vi.fn(),
};

const mocks = {
  get app() {
    return app;
  },
  get ipcMain() {
    return ipcMain;
  },
  protocol,
  ipcRenderer,
  contextBridge,
  shell,
  session,
  safeStorage,
  dialog,
  net,
  Menu,
  BrowserWindow,
  Notification,
};
export default mocks;

/** Fresh app, ipcMain and window list; every vi.fn back to its default behaviour, calls cleared. */
export function resetElectronMock(): void {
  app = new MockApp();
  ipcMain = new MockIpcMain();
  BrowserWindow.instances = [];
  BrowserWindow.loadURLImpl = async () => undefined;
  BrowserWindow.getAllWindows.mockClear();
  Notification.instances = [];
  Notification.isSupported.mockReset();
  Notification.isSupported.mockImplementation(() => true);
  contextBridge.exposed = {};
  session.defaultSession = new MockSession();
  for (const group of [protocol, ipcRenderer, contextBridge, shell, safeStorage, dialog, net, Menu]) {
    for (const value of Object.values(group)) {
      if (vi.isMockFunction(value)) value.mockReset();
    }
  }
}
