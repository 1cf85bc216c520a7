// Entry point of `npm run preview` (built to out/preview/server.js).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createDispatch } from '../core/dispatch';
import { defaultUserDataDir } from '../core/paths';
import { fileOnlyProtector } from '../core/profiles/keystore';
import { createServices } from '../core/services';
import { confStoreFactory } from '../core/settings/settingsStore';
import { startPreviewServer } from './previewServer';
import { deploymentOf } from '../core/org/deployment';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    'user-data': { type: 'string' },
    content: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  process.stdout.write(
    `npm run preview -- [--port N] [--user-data DIR] [--content DIR]\n\nServes Steward's renderer on 127.0.0.1 backed by the same core as the desktop app.\n`,
  );
  process.exit(0);
}

const here = path.dirname(fileURLToPath(import.meta.url));
const userDataDir = path.resolve(values['user-data'] ?? defaultUserDataDir());
const { services, close } = await createServices({
  userDataDir,
  settingsStoreFactory: confStoreFactory,
  secretProtector: fileOnlyProtector,
  capabilities: { host: 'preview' },
  appVersion: process.env.npm_package_version ?? '0.0.0',
  contentDir: path.resolve(values.content ?? path.resolve(here, '../../content')),
  logError: (where, error) => console.error(`[${where}]`, error),
  ...deploymentOf(),
});
const server = await startPreviewServer({
  rendererDir: path.resolve(here, '../renderer'),
  dispatch: createDispatch(services, { logError: (m, e) => console.error(`[${m}]`, e) }),
  port: values.port ? Number(values.port) : 0,
});
process.stdout.write(
  `Steward preview (browser) — the desktop app is the product; this is for trying and demos.\n` +
    `Data: ${userDataDir}\nOpen: ${server.url}\n(only this machine can connect; the token in the link is required)\n`,
);
const stop = async () => {
  await server.close();
  await close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
