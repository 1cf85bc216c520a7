// Each e2e test gets a fresh temp user-data folder (settings, keys, workspace) and its own core
// services, reached from the page through a Playwright binding: the same dispatch that
// electron/main/ipc.ts and the preview server use. The renderer files come from one static
// server per worker.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base } from '@playwright/test';
import { createDispatch, type Dispatch } from '../../../electron/core/dispatch';
import { fileOnlyProtector } from '../../../electron/core/profiles/keystore';
import { createServices, type ServiceHandle } from '../../../electron/core/services';
import { confStoreFactory } from '../../../electron/core/settings/settingsStore';
import { BINDING_NAME, pageBridgeSource } from '../../../electron/preview/pageBridge';
import { startPreviewServer, type PreviewServer } from '../../../electron/preview/previewServer';

export const RENDERER_DIR = path.resolve(import.meta.dirname, '../../../out/renderer');

export interface StewardHarness {
  userDataDir: string;
  workspaceDir: string;
  handle: ServiceHandle;
  /** Closes and re-creates the services on the same folders, as an app restart would. */
  restart(): Promise<void>;
}

async function startServices(userDataDir: string): Promise<ServiceHandle> {
  return createServices({
    userDataDir,
    settingsStoreFactory: confStoreFactory,
    secretProtector: fileOnlyProtector,
    capabilities: { host: 'test' },
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
      let handle = await startServices(userDataDir);
      let dispatch: Dispatch = createDispatch(handle.services);
      await page.exposeBinding(BINDING_NAME, (_source, method: unknown, args: unknown) =>
        dispatch(String(method), args),
      );
      await page.addInitScript(pageBridgeSource('binding'));
      const harness: StewardHarness = {
        userDataDir,
        workspaceDir: path.join(userDataDir, 'workspace'),
        get handle() {
          return handle;
        },
        async restart() {
          await handle.close();
          handle = await startServices(userDataDir);
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
