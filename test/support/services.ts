// The real services as the specs run them: settings in a conf file, private keys protected by a
// file only, a 'test' host and a test version; and a temp folder with a copy of the real content
// and those services over it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Services } from '../../electron/core/contract/methods';
import { fileOnlyProtector } from '../../electron/core/profiles/keystore';
import {
  createServices,
  type HostCapabilities,
  type ServiceContext,
  type ServiceHandle,
} from '../../electron/core/services';
import { confStoreFactory } from '../../electron/core/settings/settingsStore';
import { CONTENT_DIR } from './moduleKey';

export type TestServiceContext = Pick<ServiceContext, 'userDataDir' | 'contentDir'> &
  Partial<Omit<ServiceContext, 'userDataDir' | 'contentDir'>>;

/** createServices with the specs' settings store, key protector, host and version, unless `ctx` says otherwise. */
export function testServices(ctx: TestServiceContext): Promise<ServiceHandle> {
  return createServices({
    settingsStoreFactory: confStoreFactory,
    secretProtector: fileOnlyProtector,
    capabilities: { host: 'test' },
    appVersion: '0.0.0-test',
    ...ctx,
  });
}

export interface TempServices {
  /** The temp folder: content/ and user/ (the user-data folder, its workspace in user/workspace). */
  dir: string;
  /** A copy of the real content, free to edit (policy.yaml roles). */
  contentDir: string;
  userDataDir: string;
  handle: ServiceHandle;
  services: Services;
  /** Closes the services and removes the folder. */
  close(): Promise<void>;
}

/** A temp folder (named from `prefix`) with a copy of the real content and the services over it. */
export async function tempServices(
  options: { prefix?: string; now?: () => Date; capabilities?: HostCapabilities } = {},
): Promise<TempServices> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), options.prefix ?? 'steward-services-'));
  const contentDir = path.join(dir, 'content');
  const userDataDir = path.join(dir, 'user');
  fs.cpSync(CONTENT_DIR, contentDir, { recursive: true });
  const handle = await testServices({
    userDataDir,
    contentDir,
    ...(options.now ? { now: options.now } : {}),
    ...(options.capabilities ? { capabilities: options.capabilities } : {}),
  });
  return {
    dir,
    contentDir,
    userDataDir,
    handle,
    services: handle.services,
    async close() {
      await handle.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
