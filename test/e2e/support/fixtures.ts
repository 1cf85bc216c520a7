// Each e2e test gets a fresh temp user-data folder (settings, keys, workspace) and its own core
// services, reached from the page through a Playwright binding: the same dispatch that
// electron/main/ipc.ts and the preview server use. The renderer files come from one static
// server per worker.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base } from '@playwright/test';
import { completeModules } from '../../support/moduleKey';
import type { ProfileSummary } from '../../../electron/core/contract/views/app';
import { createDispatch, type Dispatch } from '../../../electron/core/dispatch';
import { fileOnlyProtector } from '../../../electron/core/profiles/keystore';
import { createServices, type ServiceHandle } from '../../../electron/core/services';
import { confStoreFactory } from '../../../electron/core/settings/settingsStore';
import { BINDING_NAME, pageBridgeSource } from '../../../electron/preview/pageBridge';
import { startPreviewServer, type PreviewServer } from '../../../electron/preview/previewServer';

export const RENDERER_DIR = path.resolve(import.meta.dirname, '../../../out/renderer');
export { CONTENT_DIR } from '../../support/moduleKey';
import { CONTENT_DIR } from '../../support/moduleKey';
import { grantInPolicy } from '../../support/policy';

/** The services' clock. Tests move it instead of sleeping. */
export class TestClock {
  private offsetMs = 0;
  now = (): Date => new Date(Date.now() + this.offsetMs);
  advanceDays(days: number): void {
    this.offsetMs += days * 86_400_000;
  }
  set(date: Date): void {
    this.offsetMs = date.getTime() - Date.now();
  }
}

export interface StewardHarness {
  userDataDir: string;
  clock: TestClock;
  workspaceDir: string;
  /** This test's own copy of content/ (policy.yaml may be edited, e.g. to grant a role). */
  contentDir: string;
  handle: ServiceHandle;
  /** Names the profile as reviewer or manager in this test's policy.yaml (email + fingerprint). */
  grantRole(profile: ProfileSummary, role: 'reviewers' | 'managers'): void;
  /**
   * Completes modules for the CURRENT profile through the real services (start, correct answers
   * read from the module files, attest), as a learner would, without driving the UI.
   */
  completeModules(moduleIds: readonly string[]): Promise<void>;
  /** Closes and re-creates the services on the same folders, as an app restart would. */
  restart(): Promise<void>;
  /** The file the next "Open" dialog picks (bundle import). */
  files: FileChooser;
  /** Where exports land (this host has no save dialog). */
  exportsDir: string;
  /** What openExternalLink handed to the host to open (a browser page or an email draft), in order. */
  opened: string[];
}

/** What the test's "Open file" dialog answers next (null: the person cancels). */
export interface FileChooser {
  nextOpen: string | null;
}

async function startServices(
  userDataDir: string,
  clock: TestClock,
  contentDir: string,
  files: FileChooser,
  opened: string[],
): Promise<ServiceHandle> {
  return createServices({
    userDataDir,
    contentDir,
    now: clock.now,
    settingsStoreFactory: confStoreFactory,
    secretProtector: fileOnlyProtector,
    // No save dialog: exports go to <userData>/exports. The open dialog answers files.nextOpen.
    // Links the services would open (after the allowlist) are recorded instead of opened.
    capabilities: {
      host: 'test',
      pickOpenFile: async () => files.nextOpen,
      openExternal: async (url) => void opened.push(url),
    },
    appVersion: '0.0.0-test',
  });
}

export const test = base.extend<{ steward: StewardHarness }, { renderer: PreviewServer }>({
  renderer: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      if (!fs.existsSync(path.join(RENDERER_DIR, 'index.html'))) {
        throw new Error(`The renderer is not built (${RENDERER_DIR} is missing). Run "npm run build" first.`);
      }
      const server = await startPreviewServer({ rendererDir: RENDERER_DIR });
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],
  steward: [
    async ({ page }, use) => {
      const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'steward-e2e-'));
      const clock = new TestClock();
      const contentDir = path.join(userDataDir, 'content');
      fs.cpSync(CONTENT_DIR, contentDir, { recursive: true });
      const files: FileChooser = { nextOpen: null };
      const opened: string[] = [];
      let handle = await startServices(userDataDir, clock, contentDir, files, opened);
      let dispatch: Dispatch = createDispatch(handle.services);
      await page.exposeBinding(BINDING_NAME, (_source, method: unknown, args: unknown) =>
        dispatch(String(method), args),
      );
      await page.addInitScript(pageBridgeSource('binding'));
      const harness: StewardHarness = {
        userDataDir,
        clock,
        workspaceDir: path.join(userDataDir, 'workspace'),
        contentDir,
        files,
        opened,
        exportsDir: path.join(userDataDir, 'exports'),
        grantRole(profile, role) {
          grantInPolicy(contentDir, profile, role);
        },
        async completeModules(moduleIds) {
          await completeModules(handle.services, moduleIds, contentDir);
        },
        get handle() {
          return handle;
        },
        async restart() {
          await handle.close();
          handle = await startServices(userDataDir, clock, contentDir, files, opened);
          dispatch = createDispatch(handle.services);
        },
      };
      await use(harness);
      await handle.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
    // Every page in these specs gets the bridge, whether or not the test reads the harness.
    { auto: true },
  ],
});

export { expect } from '@playwright/test';
