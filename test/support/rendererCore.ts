// The real core for the renderer tests (STYLE 17), on the Node side of the two tsconfigs: the
// renderer tests (web tsconfig, no Node types) load this module through
// test/renderer/support/realBridge.ts and hold it by the types in testCore.ts.
//
// A TestCore is a temp folder (a copy of content/ and a user-data folder with its workspace)
// with createServices over it, a clock the test moves, and a host whose dialogs, browser and
// printer the test scripts. Its bridge carries each call through core's dispatch with a JSON
// round trip, as IPC would, and keeps the affordances the screens' tests need: it records calls,
// fails a method with a given error, or holds a method's calls until the test releases them.
//
// Seeding that tests only read is done once per file (seededWorkspace) and copied for each test,
// so every test still gets its own folder. Every core opened for a test is closed after it
// (realBridge.ts unmounts the page first): the bridge stops answering, then the services close.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { afterAll, beforeAll, onTestFinished } from 'vitest';
import type { MethodName, StewardBridge } from '../../electron/core/contract/methods';
import { METHOD_NAMES } from '../../electron/core/contract/methods';
import { demoPeople } from '../../electron/core/demo/demoPeople';
import { seedDemoReviews } from '../../electron/core/demo/demoReviews';
import { seedDemoWorkspace } from '../../electron/core/demo/demoTraining';
import { createDispatch } from '../../electron/core/dispatch';
import { openStewardWorkspace } from '../../electron/core/events';
import type { CallResult, ErrorPayload } from '../../electron/core/errors';
import { fileOnlyProtector, keyFilePath, type SecretProtector } from '../../electron/core/profiles/keystore';
import { createServices, type HostCapabilities, type ServiceHandle } from '../../electron/core/services';
import { confStoreFactory, SETTINGS_FILE_NAME } from '../../electron/core/settings/settingsStore';
import type {
  BridgeCall,
  CoreOptions,
  QuizContent,
  RendererCore,
  TestBridge,
  TestClock,
  TestContent,
  TestCore,
  TestDisk,
  TestHost,
  TestLrs,
} from '../renderer/support/testCore';
import {
  ALL_MODULES,
  answersFor,
  CONTENT_DIR,
  completeModules,
  readModuleKey,
  SUBMITTER_MODULES,
} from './moduleKey';
import { editPolicyRoles, grantInPolicy } from './policy';

const DAY_MS = 86_400_000;

class OffsetClock implements TestClock {
  constructor(private offsetMs = 0) {}
  now = (): Date => new Date(Date.now() + this.offsetMs);
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

/** A keychain for tests: what the OS would encrypt with, stood in for by a reversible XOR. */
const TEST_KEYCHAIN: SecretProtector = {
  kind: 'os',
  note: "Your signing key is encrypted with this computer's keychain.",
  protect: (plain) => Buffer.from(plain.map((byte) => byte ^ 0x5a)),
  reveal: (stored) => Buffer.from(stored.map((byte) => byte ^ 0x5a)),
};

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

// ---- the host -----------------------------------------------------------------------------

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

// ---- the files around the app ---------------------------------------------------------------

function editYamlFile<T>(file: string, edit: (data: T) => void): void {
  const data = YAML.parse(fs.readFileSync(file, 'utf8')) as T;
  edit(data);
  fs.writeFileSync(file, YAML.stringify(data));
}

function createContent(contentDir: string): TestContent {
  const at = (file: string) => path.join(contentDir, file);
  const moduleFile = (moduleId: string) => at(path.join('modules', readModuleKey(moduleId, contentDir).file));
  return {
    dir: contentDir,
    read: (file) => fs.readFileSync(at(file), 'utf8'),
    write: (file, text) => fs.writeFileSync(at(file), text),
    list: (folder) => fs.readdirSync(at(folder)),
    remove: (file) => fs.rmSync(at(file)),
    editYaml: (file, edit) => editYamlFile(at(file), edit),
    publishMajorVersion(moduleId) {
      const file = moduleFile(moduleId);
      const text = fs.readFileSync(file, 'utf8');
      const next = text.replace(
        /^version: (\d+)\.\d+\.\d+$/m,
        (_, major: string) => `version: ${Number(major) + 1}.0.0`,
      );
      // A blank line more changes the file's size too, so core's content cache sees the edit even
      // where file times are coarse.
      fs.writeFileSync(file, `${next}\n`);
    },
    quiz(moduleId) {
      const front = /^---\r?\n([\s\S]*?)\r?\n---/.exec(fs.readFileSync(moduleFile(moduleId), 'utf8'))![1]!;
      return (YAML.parse(front) as { quiz: QuizContent[] }).quiz;
    },
    answers: (moduleId, kind) => answersFor(readModuleKey(moduleId, contentDir), kind),
  };
}

function createDisk(dir: string, userDataDir: string, workspaceDir: string): TestDisk {
  const settingsFile = path.join(userDataDir, `${SETTINGS_FILE_NAME}.json`);
  return {
    path: (...parts) => path.join(dir, ...parts),
    list: (folder) => fs.readdirSync(folder),
    pathThroughAFile() {
      const file = path.join(dir, `notes-${fs.readdirSync(dir).length}.txt`);
      fs.writeFileSync(file, 'not a folder');
      return path.join(file, 'steward');
    },
    corruptSettings: () => fs.writeFileSync(settingsFile, '{ not json'),
    removeSettings: () => fs.rmSync(settingsFile),
    damageKey: (profileId) => fs.writeFileSync(keyFilePath(path.join(userDataDir, 'keys'), profileId), '{}'),
    editFile: (file, edit) => fs.writeFileSync(file, edit(fs.readFileSync(file, 'utf8'))),
    replaceFolderWithFile(folder) {
      fs.renameSync(folder, `${folder}.moved-away`);
      fs.writeFileSync(folder, 'not a folder');
      return () => {
        fs.rmSync(folder);
        fs.renameSync(`${folder}.moved-away`, folder);
      };
    },
    backdateEntry(profileId, seq) {
      const file = path.join(workspaceDir, 'ledgers', `${profileId}.jsonl`);
      const lines = fs.readFileSync(file, 'utf8').split('\n');
      const line = lines[seq - 1];
      if (line === undefined || !line.includes(`"seq":${seq},`))
        throw new Error(`no entry ${seq} in ${file}`);
      lines[seq - 1] = line.replace(/"ts":"(\d{4})/, (_, year: string) => `"ts":"${Number(year) - 1}`);
      fs.writeFileSync(file, lines.join('\n'));
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

async function openCoreIn(dir: string, clock: OffsetClock, options: CoreOptions): Promise<OpenCore> {
  const contentDir = path.join(dir, 'content');
  const userDataDir = path.join(dir, 'user');
  const workspaceDir = path.join(userDataDir, 'workspace');
  const { host, capabilities } = createTestHost(options);
  const loggedErrors: string[] = [];
  const logError = (where: string, error: unknown) => {
    loggedErrors.push(`${where}: ${error instanceof Error ? error.message : String(error)}`);
    console.error(`core: ${where}`, error);
  };
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
  const control = createTestBridge(
    () => core,
    (method, args) => dispatch(method, args),
  );
  const core: TestCore = {
    dir,
    userDataDir,
    workspaceDir,
    clock,
    host,
    loggedErrors,
    content: createContent(contentDir),
    disk: createDisk(dir, userDataDir, workspaceDir),
    get services() {
      return handle.services;
    },
    get bridge() {
      return control.bridge;
    },
    grantRole(profile, role, teams) {
      grantInPolicy(contentDir, profile, role, teams ? { teams } : {});
    },
    endRole(profile, role) {
      const yesterday = new Date(clock.now().getTime() - DAY_MS).toISOString().slice(0, 10);
      editPolicyRoles(contentDir, (roles) => {
        for (const entry of roles[role] ?? []) {
          if (entry.fingerprint === profile.fingerprint) entry.until = yesterday;
        }
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

const freshCore: RendererCore['freshCore'] = async (options = {}) =>
  (await openCoreIn(withContent(tempFolder()), new OffsetClock(), options)).core;

const seededWorkspace: RendererCore['seededWorkspace'] = <T>(
  seed: (core: TestCore) => Promise<T>,
  options: CoreOptions = {},
) => {
  let snapshot: { dir: string; offsetMs: number; seeded: T } | null = null;
  beforeAll(async () => {
    const opened = await openCoreIn(withContent(tempFolder()), new OffsetClock(), options);
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
      const clock = new OffsetClock(snapshot.offsetMs);
      const { core } = await openCoreIn(dir, clock, { ...options, ...openOptions });
      return { core, seeded: structuredClone(snapshot.seeded) };
    },
  };
};

const seedDemoOrganisation: RendererCore['seedDemoOrganisation'] = async (core, options) => {
  const seed = options.seed ?? 7;
  const ws = await openStewardWorkspace(core.workspaceDir);
  const contentDir = core.content.dir;
  const keysDir = path.join(core.userDataDir, 'keys');
  const now = core.clock.now();
  const { profiles, lastEntryAt } = await seedDemoWorkspace({
    ws,
    keysDir,
    protector: fileOnlyProtector,
    contentDir,
    people: demoPeople(options.people, seed),
    seed,
    now,
  });
  // As the CLI does: the longest-serving review, the rest submit; both, and their training
  // histories, predate the reviews.
  const cutoff = new Date(now.getTime() - 25 * DAY_MS).toISOString();
  const eligible = [...profiles]
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
    .filter((p) => p.createdAt < cutoff && lastEntryAt[p.id]! < cutoff);
  const reviewers = eligible.slice(0, options.reviewers ?? 1);
  for (const reviewer of reviewers) core.grantRole(reviewer, 'reviewers');
  const seeded =
    options.reviews > 0
      ? await seedDemoReviews({
          ws,
          keysDir,
          protector: fileOnlyProtector,
          contentDir,
          seed,
          now,
          reviewers,
          submitters: eligible.slice(reviewers.length, reviewers.length + (options.submitters ?? 3)),
          count: options.reviews,
        })
      : null;
  return { people: profiles, reviewers, reviews: seeded?.byState ?? {} };
};

const closeOpenCores: RendererCore['closeOpenCores'] = async () => {
  await Promise.all([...openCores].map((o) => o.dispose()));
};

// ---- an LRS -------------------------------------------------------------------------------

/**
 * A plain HTTP server on a loopback port that takes statement batches as an LRS would, answering
 * as the test says. It is the world outside Steward, so the test scripts it; core's sender,
 * outbox and backoff are the real ones.
 */
const startTestLrs: RendererCore['startTestLrs'] = async () => {
  const lrs: TestLrs = { endpoint: '', mode: 'up', refuses: () => null, stored: [] };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (lrs.mode === 'down') {
        res.writeHead(503, { 'Content-Type': 'text/plain' }).end('Service Unavailable');
        return;
      }
      const batch = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        id: string;
        verb?: { id?: string };
      }[];
      const refused = batch.map((s) => lrs.refuses(s)).find((why) => why !== null);
      if (refused) {
        res.writeHead(400, { 'Content-Type': 'application/json' }).end(JSON.stringify({ message: refused }));
        return;
      }
      lrs.stored.push(...batch.map((s) => s.id));
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(batch.map((s) => s.id)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  lrs.endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/xAPI`;
  onTestFinished(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return lrs;
};

export {
  ALL_MODULES,
  closeOpenCores,
  freshCore,
  seedDemoOrganisation,
  seededWorkspace,
  startTestLrs,
  SUBMITTER_MODULES,
};
