// window.steward for renderer tests, backed by the real core (STYLE 17). A TestCore is a temp
// folder (a copy of content/ and a user-data folder with its workspace) with createServices over
// it, a clock the test moves, and a host whose dialogs, browser and printer the test scripts. Its
// bridge carries each call through core's dispatch with a JSON round trip, as IPC would, and
// keeps the affordances the screens' tests need: it records calls, fails a method with a given
// error, or holds a method's calls until the test releases them.
//
// Seeding that tests only read is done once per file (seededWorkspace) and copied for each test,
// so every test still gets its own folder. Every core opened here is closed after its test: the
// page is unmounted first, then the bridge stops answering, then the services close.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cleanup } from '@testing-library/react';
import YAML from 'yaml';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { MethodName, Services, StewardBridge } from '../../../electron/core/contract/methods';
import { METHOD_NAMES } from '../../../electron/core/contract/methods';
import type { ProfileSummary } from '../../../electron/core/contract/views/app';
import { createDispatch } from '../../../electron/core/dispatch';
import type { CallResult, ErrorPayload } from '../../../electron/core/errors';
import { fileOnlyProtector, type SecretProtector } from '../../../electron/core/profiles/keystore';
import { createServices, type HostCapabilities, type ServiceHandle } from '../../../electron/core/services';
import { confStoreFactory } from '../../../electron/core/settings/settingsStore';
import { CONTENT_DIR, completeModules } from '../../support/moduleKey';

const DAY_MS = 86_400_000;

/** The services' clock: real time plus an offset the test sets. Tests move it instead of sleeping. */
export class TestClock {
  constructor(private offsetMs = 0) {}
  now = (): Date => new Date(Date.now() + this.offsetMs);
  /** From now on the clock reads `date` (and runs on from there). */
  set(date: Date | string): void {
    this.offsetMs = new Date(date).getTime() - Date.now();
  }
  advanceDays(days: number): void {
    this.offsetMs += days * DAY_MS;
  }
  get offset(): number {
    return this.offsetMs;
  }
}

/**
 * What the host does for core, as the test scripts it: the folder picker, the save and open
 * dialogs, the browser that opens links, and the printer that makes PDFs.
 */
export interface TestHost {
  /** What the next "Choose folder" picks (null: the person cancels). */
  pickedFolder: string | null;
  /**
   * What the next "Save as" dialog answers (null: the person cancels). Unset, this host has no
   * save dialog and core writes exports into <userData>/exports, as in the preview.
   */
  savePath?: string | null;
  /** What the next "Open file" dialog picks (null: the person cancels). */
  openFile: string | null;
  /** Every link core handed to the browser. */
  readonly openedLinks: string[];
  /** Every PDF printed, by file. */
  readonly printed: string[];
  /** Printing waits until the returned function is called, so a PDF export stays running. */
  holdPrinting(): () => void;
}

export interface CoreOptions {
  /** The key protector: 'file' (no keychain, the default) or 'os' (a keychain the test stands in for). */
  keys?: 'file' | 'os';
  /** Whether the host can show a folder picker (default true, as in the desktop app). */
  folderPicker?: boolean;
  /** Whether the host can open links in a browser (default true). */
  browser?: boolean;
  /** The OS language, for the 'system' language setting (default English). */
  systemLocale?: string;
}

/** A keychain for tests: what the OS would encrypt with, stood in for by a reversible XOR. */
export const TEST_KEYCHAIN: SecretProtector = {
  kind: 'os',
  note: "Your signing key is encrypted with this computer's keychain.",
  protect: (plain) => Buffer.from(plain.map((byte) => byte ^ 0x5a)),
  reveal: (stored) => Buffer.from(stored.map((byte) => byte ^ 0x5a)),
};

export interface BridgeCall {
  method: MethodName;
  /** The argument as the page sent it. */
  args: unknown;
}

/** window.steward over a TestCore, with the test's levers. */
export type TestBridge = StewardBridge & {
  readonly core: TestCore;
  readonly calls: readonly BridgeCall[];
  /** The arguments of every call to `method`, in order. */
  callsTo(method: MethodName): unknown[];
  /** From now on `method` answers with this error (core is not called). */
  fail(method: MethodName, error: ErrorPayload): void;
  /** Undoes fail(). */
  succeed(method: MethodName): void;
  /** Calls to `method` wait (before reaching core) until the returned function is called. */
  hold(method: MethodName): () => void;
};

export interface TestCore {
  /** The temp folder: content/ (this test's copy, free to edit) and user/ (the user-data folder). */
  readonly dir: string;
  readonly contentDir: string;
  readonly userDataDir: string;
  readonly workspaceDir: string;
  readonly clock: TestClock;
  readonly host: TestHost;
  /** The services, called directly (seeding, checks); the page goes through `bridge`. */
  readonly services: Services;
  readonly bridge: TestBridge;
  /** Names the profile as reviewer or manager (of all teams) in this copy of policy.yaml. */
  grantRole(profile: ProfileSummary, role: 'reviewers' | 'managers'): void;
  /** Takes the profile out of a role in this copy of policy.yaml. */
  revokeRole(profile: ProfileSummary, role: 'reviewers' | 'managers'): void;
  /** Completes modules for the current profile through the services, answering right. */
  completeModules(moduleIds: readonly string[]): Promise<void>;
  /** Closes and re-creates the services on the same folders, as an app restart would. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

function wire<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

interface Gate {
  promise: Promise<void>;
  open: () => void;
}

function gate(): Gate {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

function createTestHost(options: CoreOptions) {
  let printing: Gate | null = null;
  const host: TestHost = {
    pickedFolder: null,
    openFile: null,
    openedLinks: [],
    printed: [],
    holdPrinting() {
      const held = gate();
      printing = held;
      return () => {
        if (printing === held) printing = null;
        held.open();
      };
    },
  };
  const capabilities: HostCapabilities = {
    host: 'test',
    pickOpenFile: async () => host.openFile,
    // Electron prints the HTML to PDF; here a small stand-in file is written, once the test lets it.
    printPdf: async (_html, outFile, signal) => {
      const held = printing;
      if (held) {
        await new Promise<void>((resolve, reject) => {
          const abort = () =>
            reject(Object.assign(new Error('The print was cancelled.'), { name: 'AbortError' }));
          if (signal?.aborted) abort();
          signal?.addEventListener('abort', abort, { once: true });
          void held.promise.then(resolve);
        });
      }
      const bytes = Buffer.from('%PDF-1.7\n% printed by the renderer tests\n%%EOF\n');
      fs.writeFileSync(outFile, bytes);
      host.printed.push(outFile);
      return { bytes: bytes.length };
    },
  };
  if (options.folderPicker !== false) capabilities.pickFolder = async () => host.pickedFolder;
  if (options.browser !== false) {
    capabilities.openExternal = async (url) => {
      host.openedLinks.push(url);
    };
  }
  // Present only once a test sets host.savePath: without it core uses <userData>/exports.
  Object.defineProperty(capabilities, 'chooseSavePath', {
    enumerable: true,
    get: () => ('savePath' in host ? async () => host.savePath ?? null : undefined),
  });
  return { host, capabilities };
}

// ---- the bridge ---------------------------------------------------------------------------

interface BridgeControl {
  bridge: TestBridge;
  /** Stops answering (replies never arrive), waits for calls already inside core. */
  dispose(): Promise<void>;
}

function createTestBridge(
  core: () => TestCore,
  dispatch: (method: string, args: unknown) => Promise<CallResult<unknown>>,
): BridgeControl {
  const calls: BridgeCall[] = [];
  const failures = new Map<MethodName, ErrorPayload>();
  const holds = new Map<MethodName, Gate>();
  const inCore = new Set<Promise<unknown>>();
  let disposed = false;
  const never = new Promise<CallResult<unknown>>(() => {});

  async function call(method: MethodName, args: unknown): Promise<CallResult<unknown>> {
    const sent = wire(args);
    calls.push({ method, args: sent });
    const held = holds.get(method);
    if (held) await held.promise;
    if (disposed) return never;
    const failure = failures.get(method);
    if (failure) return wire({ ok: false, error: failure });
    const reply = dispatch(method, sent);
    inCore.add(reply);
    try {
      const result = await reply;
      // The test is over: a late reply must not reach the next test's store.
      return disposed ? never : wire(result);
    } finally {
      inCore.delete(reply);
    }
  }

  const methods = Object.fromEntries(
    METHOD_NAMES.map((method) => [method, (args?: unknown) => call(method, args)]),
  ) as unknown as StewardBridge;
  Object.defineProperty(methods, 'core', { get: core, enumerable: false });
  const bridge: TestBridge = Object.assign(methods as StewardBridge & Pick<TestBridge, 'core'>, {
    calls,
    callsTo: (method: MethodName) => calls.filter((c) => c.method === method).map((c) => c.args),
    fail: (method: MethodName, error: ErrorPayload) => {
      failures.set(method, error);
    },
    succeed: (method: MethodName) => {
      failures.delete(method);
    },
    hold: (method: MethodName) => {
      const held = gate();
      holds.set(method, held);
      return () => {
        if (holds.get(method) === held) holds.delete(method);
        held.open();
      };
    },
  });
  return {
    bridge,
    async dispose() {
      disposed = true;
      for (const held of holds.values()) held.open();
      holds.clear();
      await Promise.allSettled([...inCore]);
    },
  };
}

// ---- cores --------------------------------------------------------------------------------

interface OpenCore {
  core: TestCore;
  /** Stops the bridge, closes the services and (unless kept) removes the folder. */
  dispose(keepFolder?: boolean): Promise<void>;
}

const openCores = new Set<OpenCore>();

async function openCoreIn(dir: string, clock: TestClock, options: CoreOptions): Promise<OpenCore> {
  const contentDir = path.join(dir, 'content');
  const userDataDir = path.join(dir, 'user');
  const { host, capabilities } = createTestHost(options);
  const logError = (where: string, error: unknown) => console.error(`core: ${where}`, error);
  const start = (): Promise<ServiceHandle> =>
    createServices({
      userDataDir,
      contentDir,
      now: clock.now,
      settingsStoreFactory: confStoreFactory,
      secretProtector: options.keys === 'os' ? TEST_KEYCHAIN : fileOnlyProtector,
      capabilities,
      appVersion: '0.0.0-test',
      systemLocale: () => options.systemLocale ?? 'en-GB',
      logError,
    });
  let handle = await start();
  let dispatch = createDispatch(handle.services, { logError });
  const policyFile = path.join(contentDir, 'policy.yaml');
  const editRoles = (edit: (roles: Record<string, Record<string, unknown>[]>) => void) =>
    editYaml<{ roles: Record<string, Record<string, unknown>[]> }>(policyFile, (policy) =>
      edit(policy.roles),
    );
  const control = createTestBridge(
    () => core,
    (method, args) => dispatch(method, args),
  );
  const core: TestCore = {
    dir,
    contentDir,
    userDataDir,
    workspaceDir: path.join(userDataDir, 'workspace'),
    clock,
    host,
    get services() {
      return handle.services;
    },
    get bridge() {
      return control.bridge;
    },
    grantRole(profile, role) {
      editRoles((roles) => {
        const entry: Record<string, unknown> = { email: profile.email, fingerprint: profile.fingerprint };
        if (role === 'managers') entry.all = true;
        roles[role] = [...(roles[role] ?? []), entry];
      });
    },
    revokeRole(profile, role) {
      editRoles((roles) => {
        roles[role] = (roles[role] ?? []).filter((entry) => entry.fingerprint !== profile.fingerprint);
      });
    },
    completeModules: (moduleIds) => completeModules(handle.services, moduleIds, contentDir),
    async restart() {
      await handle.close();
      handle = await start();
      dispatch = createDispatch(handle.services, { logError });
    },
    close: () => opened.dispose(),
  };
  let closing: Promise<void> | null = null;
  const opened: OpenCore = {
    core,
    dispose(keepFolder = false) {
      closing ??= (async () => {
        openCores.delete(opened);
        await control.dispose();
        await handle.close();
        if (!keepFolder) fs.rmSync(dir, { recursive: true, force: true });
      })();
      return closing;
    },
  };
  openCores.add(opened);
  return opened;
}

function tempFolder(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'steward-renderer-'));
}

function withContent(dir: string): string {
  fs.cpSync(CONTENT_DIR, path.join(dir, 'content'), { recursive: true });
  return dir;
}

/** A core on a fresh folder with a copy of the real content and nobody in it yet; closed after the test. */
export async function freshCore(options: CoreOptions = {}): Promise<TestCore> {
  return (await openCoreIn(withContent(tempFolder()), new TestClock(), options)).core;
}

export interface SeededWorkspace<T> {
  /** A copy of the seeded folder with its own services (closed after the test), and what the seed returned. */
  open(options?: CoreOptions): Promise<{ core: TestCore; seeded: T }>;
}

/**
 * Seeds a workspace once for the calling file (in beforeAll, through the real services) and
 * gives each test its own copy of it. The seed's clock carries over to the copies.
 */
export function seededWorkspace<T>(
  seed: (core: TestCore) => Promise<T>,
  options: CoreOptions = {},
): SeededWorkspace<T> {
  let snapshot: { dir: string; offsetMs: number; seeded: T } | null = null;
  beforeAll(async () => {
    const opened = await openCoreIn(withContent(tempFolder()), new TestClock(), options);
    const seeded = await seed(opened.core);
    // Closed first, so no ledger is locked or half-written in the copies.
    await opened.dispose(true);
    snapshot = { dir: opened.core.dir, offsetMs: opened.core.clock.offset, seeded };
  }, 120_000);
  afterAll(() => {
    if (snapshot) fs.rmSync(snapshot.dir, { recursive: true, force: true });
  });
  return {
    async open(openOptions) {
      if (!snapshot) throw new Error('seededWorkspace: open() runs in a test, after the seed.');
      const dir = tempFolder();
      fs.cpSync(snapshot.dir, dir, { recursive: true });
      const clock = new TestClock(snapshot.offsetMs);
      const { core } = await openCoreIn(dir, clock, { ...options, ...openOptions });
      return { core, seeded: structuredClone(snapshot.seeded) };
    },
  };
}

// One cleanup for every test of a file that uses real cores: unmount the page (nothing polls any
// more), stop each bridge, close its services and remove its folder.
afterEach(async () => {
  cleanup();
  await Promise.all([...openCores].map((o) => o.dispose()));
});

/** Reads the yaml file at `file`, lets `edit` change it, and writes it back (content tweaks). */
export function editYaml<T>(file: string, edit: (data: T) => void): void {
  const data = YAML.parse(fs.readFileSync(file, 'utf8')) as T;
  edit(data);
  fs.writeFileSync(file, YAML.stringify(data));
}
