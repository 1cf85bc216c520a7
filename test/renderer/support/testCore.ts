// What the renderer tests hold of the real core (test/support/rendererCore.ts builds it): types
// only, from the contract, so the web tsconfig that checks these tests stays free of Node types.
import type { MethodName, Services, StewardBridge } from '../../../electron/core/contract/methods';
import type { ProfileSummary } from '../../../electron/core/contract/views/app';
import type { ErrorPayload } from '../../../electron/core/errors';

/** The services' clock: real time plus an offset the test sets. Tests move it instead of sleeping. */
export interface TestClock {
  now(): Date;
  /** From now on the clock reads `date` (and runs on from there). */
  set(date: Date | string): void;
  advanceDays(days: number): void;
  readonly offset: number;
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

/** A knowledge-check question as its module file states it. */
export interface QuizContent {
  id: string;
  type: 'single' | 'multiple';
  prompt: string;
  options: { id: string; text: string; correct?: boolean }[];
  explanation: string;
  reference?: string;
}

/** The organisation's content folder of one core (its own copy, free to edit). */
export interface TestContent {
  /** The folder itself. */
  readonly dir: string;
  read(file: string): string;
  write(file: string, text: string): void;
  /** The files in one of its folders. */
  list(folder: string): string[];
  remove(file: string): void;
  /** Parses a YAML file, lets `edit` change it, writes it back. */
  editYaml<T>(file: string, edit: (data: T) => void): void;
  /** Republishes a module as its next major version (earlier completions need a retake). */
  publishMajorVersion(moduleId: string): void;
  /** A module's knowledge check as its file states it. */
  quiz(moduleId: string): QuizContent[];
  /** Answers to a module's check, by question id: every one right, or every one wrong. */
  answers(moduleId: string, kind: 'right' | 'wrong'): Record<string, string[]>;
}

/** The files around the app, as other programs (or an insider) could touch them. */
export interface TestDisk {
  /** A path in this core's temp folder. */
  path(...parts: string[]): string;
  /** The names in a folder. */
  list(dir: string): string[];
  /** An ordinary file in the temp folder, and a path that would need it to be a folder. */
  pathThroughAFile(): string;
  /** The settings file cannot be read any more (damaged by another program). */
  corruptSettings(): void;
  /** The settings file is gone (a reset): profiles and keys stay. */
  removeSettings(): void;
  /** The profile's private key file is damaged. */
  damageKey(profileId: string): void;
  /**
   * The folder is moved away and an ordinary file takes its place (a sync client gone wrong);
   * the returned function puts it back.
   */
  replaceFolderWithFile(dir: string): () => void;
  /** Rewrites a text file (e.g. a bundle edited on its way here). */
  editFile(file: string, edit: (text: string) => string): void;
  /** Backdates entry `seq` of the profile's ledger by a year without re-signing it: the chain breaks there. */
  backdateEntry(profileId: string, seq: number): void;
}

export interface TestCore {
  /** The temp folder: content/ (this test's copy) and user/ (the user-data folder). */
  readonly dir: string;
  readonly userDataDir: string;
  readonly workspaceDir: string;
  readonly clock: TestClock;
  readonly host: TestHost;
  readonly content: TestContent;
  readonly disk: TestDisk;
  /** What core reported to its log as unexpected (also printed), e.g. a job that failed on a file error. */
  readonly loggedErrors: string[];
  /** The services, called directly (seeding, checks); the page goes through `bridge`. */
  readonly services: Services;
  readonly bridge: TestBridge;
  /** Names the profile as reviewer, or manager of these teams (else all), in this copy of policy.yaml. */
  grantRole(profile: ProfileSummary, role: 'reviewers' | 'managers', teams?: string[]): void;
  /**
   * Ends the profile's role yesterday (by the core's clock) in this copy of policy.yaml, as an
   * organisation does when someone leaves a role: what they decided until then stands.
   */
  endRole(profile: ProfileSummary, role: 'reviewers' | 'managers'): void;
  /** Completes modules for the current profile through the services, answering right. */
  completeModules(moduleIds: readonly string[]): Promise<void>;
  /** Closes and re-creates the services on the same folders, as an app restart would. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export interface SeededWorkspace<T> {
  /** A copy of the seeded folder with its own services (closed after the test), and what the seed returned. */
  open(options?: CoreOptions): Promise<{ core: TestCore; seeded: T }>;
}

/** A learning record store on this computer that the test scripts (the world outside Steward). */
export interface TestLrs {
  /** The xAPI base address (statements are POSTed to <endpoint>/statements). */
  endpoint: string;
  /** 'down': every request gets 503. 'up': batches are stored unless `refuses` picks a statement. */
  mode: 'down' | 'up';
  /** Whether the LRS refuses a statement as invalid (400), and the reason it gives. */
  refuses: (statement: { id: string; verb?: { id?: string } }) => string | null;
  /** The ids of every statement stored. */
  readonly stored: string[];
}

/** Who core/demo put in a workspace. */
export interface DemoOrganisation {
  /** Every person, in the order they were created. */
  people: ProfileSummary[];
  /** Those named reviewers in the policy (the longest-serving). */
  reviewers: ProfileSummary[];
  /** How many reviews ended in each state. */
  reviews: Record<string, number>;
}

/** What test/support/rendererCore.ts offers the renderer tests. */
export interface RendererCore {
  /** A core on a fresh folder with a copy of the real content and nobody in it yet; closed after the test. */
  freshCore(options?: CoreOptions): Promise<TestCore>;
  /**
   * Seeds a workspace once for the calling file (in beforeAll, through the real services) and
   * gives each test its own copy of it. The seed's clock carries over to the copies.
   */
  seededWorkspace<T>(seed: (core: TestCore) => Promise<T>, options?: CoreOptions): SeededWorkspace<T>;
  /** An LRS on a loopback port, closed when the test finishes. */
  startTestLrs(): Promise<TestLrs>;
  /** Stops every bridge opened for the test, closes its services and removes its folder. */
  closeOpenCores(): Promise<void>;
  /**
   * A realistic organisation through core/demo (seedDemoWorkspace, seedDemoReviews), as
   * `steward demo seed` makes it: `people` people with a year of training up to the core's
   * clock, and `reviews` reviews in every state by `submitters` of them (default 3: each is
   * trained first, which is what seeding spends its time on), decided by `reviewers` of the
   * longest-serving (named in the policy). Keys are file-protected (CoreOptions keys 'file').
   */
  seedDemoOrganisation(
    core: TestCore,
    options: { people: number; reviews: number; reviewers?: number; submitters?: number; seed?: number },
  ): Promise<DemoOrganisation>;
  /** What content/policy.yaml requires of submitters, and of reviewers (every module). */
  SUBMITTER_MODULES: readonly string[];
  ALL_MODULES: readonly string[];
}
