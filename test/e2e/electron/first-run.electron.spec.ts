// The first-run flow in the real desktop app, through Playwright's _electron: launches the built
// main bundle with a throwaway user-data folder, creates a profile, and expects the shell to
// greet it. Needs an Electron binary, which cannot be downloaded on the build machines: there the
// spec is skipped with the reason printed. On Linux without a display, run under xvfb-run.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { _electron, expect, test } from '@playwright/test';
import type { ElectronApplication } from '@playwright/test';
import { METHOD_NAMES } from '../../../electron/core/contract/methods';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const MAIN_BUNDLE = path.join(ROOT, 'out/main/index.js');

/**
 * Where the electron package would start its binary, or why there is none. Never require()s the
 * package itself: its index.js tries to download the binary when it is missing.
 */
function findElectronBinary(): { ok: true; path: string } | { ok: false; reason: string } {
  const require = createRequire(import.meta.url);
  let packageDir: string;
  try {
    packageDir = path.dirname(require.resolve('electron/package.json'));
    require.resolve('electron');
  } catch {
    return { ok: false, reason: 'the "electron" package is not installed (npm ci)' };
  }
  const pathFile = path.join(packageDir, 'path.txt');
  if (!fs.existsSync(pathFile)) {
    return {
      ok: false,
      reason: `${path.relative(ROOT, pathFile)} is missing: the binary was never downloaded (it comes from GitHub, which this machine cannot reach)`,
    };
  }
  const relative = fs.readFileSync(pathFile, 'utf8').trim();
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH || path.join(packageDir, 'dist');
  const executable = path.join(distDir, relative);
  if (!fs.existsSync(executable)) return { ok: false, reason: `${executable} does not exist` };
  return { ok: true, path: executable };
}

const binary = findElectronBinary();
const hasElectronBinary = binary.ok;
const skipReason = binary.ok ? '' : `Electron binary not available on this machine: ${binary.reason}`;
if (!binary.ok) console.log(`[electron e2e] SKIPPED: ${skipReason}`);

test.describe('desktop app (Electron)', () => {
  test.skip(!hasElectronBinary, skipReason);

  let userDataDir: string;
  let app: ElectronApplication | undefined;

  test.beforeEach(() => {
    if (!fs.existsSync(MAIN_BUNDLE)) throw new Error(`${MAIN_BUNDLE} is missing. Run "npm run build" first.`);
    userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'steward-electron-e2e-'));
  });

  test.afterEach(async () => {
    await app?.close();
    app = undefined;
    fs.rmSync(userDataDir, { recursive: true, force: true });
  });

  test('first run: create a profile and land in the shell', async () => {
    if (!binary.ok) return;
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(process.env)) {
      if (value !== undefined && key !== 'ELECTRON_RENDERER_URL' && key !== 'ELECTRON_RUN_AS_NODE')
        env[key] = value;
    }
    const args = [MAIN_BUNDLE, `--user-data-dir=${userDataDir}`];
    // Chromium refuses to start as root with its sandbox on (CI runs as root).
    if (process.getuid?.() === 0) args.push('--no-sandbox');
    app = await _electron.launch({ executablePath: binary.path, args, cwd: ROOT, env });

    const page = await app.firstWindow();
    await expect(page.getByRole('button', { name: 'Create profile' })).toBeVisible({ timeout: 20_000 });

    // The page is served from app://steward and sees only the bridge, no Node.
    expect(page.url()).toBe('app://steward/index.html');
    const seen = await page.evaluate(() => {
      const global = globalThis as unknown as { require?: unknown; process?: unknown; steward: object };
      return {
        require: typeof global.require,
        process: typeof global.process,
        methods: Object.keys(global.steward).sort(),
      };
    });
    expect(seen).toEqual({ require: 'undefined', process: 'undefined', methods: [...METHOD_NAMES].sort() });

    await page.getByLabel('Name').fill('Amara Okafor');
    await page.getByLabel('Email').fill('amara.okafor@example.com');
    await page.getByLabel('Team').fill('Data Science');
    await page.getByRole('button', { name: 'Create profile' }).click();

    await expect(page.getByText('Amara Okafor').first()).toBeVisible();

    // The profile went to disk under the user-data folder given on the command line.
    const ledgers = path.join(userDataDir, 'workspace', 'ledgers');
    expect(fs.readdirSync(ledgers).filter((f) => f.endsWith('.jsonl'))).toHaveLength(1);
    expect(fs.readdirSync(path.join(userDataDir, 'keys')).length).toBeGreaterThan(0);
  });
});
