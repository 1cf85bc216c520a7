// `npm start` runs this before anything else. electron-vite starts the binary named in
// node_modules/electron/path.txt, and Electron 45 writes that file only when it downloads its
// binary, lazily, on the first `require('electron')`, which `npm start` never does: so a fresh
// clone ended with electron-vite's bare "Error: Electron uninstall". This runs Electron's own
// installer (its install.js, which downloads through @electron/get) when the binary is missing,
// and where the download fails says so in one sentence, pointing to the browser preview.
// STEWARD_ELECTRON_DIR names another electron package folder: the tests' stand-in installer.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.resolve(import.meta.dirname, '..');
// Printed by electron-install-cause.mjs: install.js prints only err.stack, which for a network
// failure is "TypeError: fetch failed" without the cause that says what failed.
const CAUSE_TAG = 'electron-install-cause:';

function fail(reason) {
  console.error(
    `Electron's binary could not be downloaded (${reason}), so \`npm start\` cannot open the app here; ` +
      'use `npm run preview` instead, the browser preview, which needs no Electron.',
  );
  process.exit(1);
}

function electronDir() {
  if (process.env.STEWARD_ELECTRON_DIR) return path.resolve(process.env.STEWARD_ELECTRON_DIR);
  try {
    return path.dirname(createRequire(path.join(root, 'package.json')).resolve('electron/package.json'));
  } catch {
    return null;
  }
}

/** The binary path.txt names, when both exist: what electron-vite will start. */
function installedBinary(dir) {
  try {
    const binary = path.join(dir, 'dist', fs.readFileSync(path.join(dir, 'path.txt'), 'utf8').trim());
    return fs.existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

/**
 * The installer's failure in a few words: its error's message (an uncaught error is printed after
 * the source line it came from), plus the cause when recorded.
 */
function reasonOf(stderr, status, signal) {
  const lines = stderr
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const cause = lines
    .find((line) => line.startsWith(CAUSE_TAG))
    ?.slice(CAUSE_TAG.length)
    .trim();
  const said = lines.filter((line) => !line.startsWith(CAUSE_TAG) && !line.startsWith('at '));
  const errorLine = /^\w*Error(?: \[\w+\])?: /;
  const head =
    (said.find((line) => errorLine.test(line)) ?? said[0])?.replace(errorLine, '').replace(/\.$/, '') ??
    (signal ? `its installer was stopped by ${signal}` : `its installer exited with code ${status}`);
  const reason = cause && !head.includes(cause) ? `${head}: ${cause}` : head;
  return reason.length > 200 ? `${reason.slice(0, 197)}...` : reason;
}

// electron-vite starts ELECTRON_EXEC_PATH, when set, instead of reading path.txt.
if (process.env.ELECTRON_EXEC_PATH) process.exit(0);

const dir = electronDir();
if (!dir || !fs.existsSync(path.join(dir, 'install.js'))) {
  fail('the electron package is not installed; run `npm ci` first');
}
if (installedBinary(dir)) process.exit(0);

const { version } = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
console.log(`Downloading Electron ${version}'s binary (first run only) ...`);
const installer = spawnSync(
  process.execPath,
  [
    '--import',
    pathToFileURL(path.join(import.meta.dirname, 'electron-install-cause.mjs')).href,
    path.join(dir, 'install.js'),
  ],
  { cwd: root, stdio: ['ignore', 'inherit', 'pipe'], encoding: 'utf8' },
);
if (installer.error) fail(installer.error.message);
if (installer.status !== 0) fail(reasonOf(installer.stderr, installer.status, installer.signal));
if (!installedBinary(dir)) fail(`its installer finished but ${path.join(dir, 'path.txt')} names no binary`);
// Whatever the installer said on success (warnings) still belongs on the terminal.
process.stderr.write(installer.stderr);
