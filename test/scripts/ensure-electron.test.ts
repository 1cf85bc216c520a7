// scripts/ensure-electron.mjs, run for real in a child process, against a stand-in electron
// package in a temp folder (STEWARD_ELECTRON_DIR): its install.js either "downloads" (writes the
// binary and path.txt, as Electron's does) or fails the way Electron's does offline (a real fetch
// that cannot connect, err.stack on stderr, exit 1). The real binary is never downloaded here.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const START = (
  JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
).scripts.start as string;
const ENSURE = 'node scripts/ensure-electron.mjs';

const INSTALLERS = {
  // What Electron's install.js leaves behind: dist/<binary>, dist/version and path.txt.
  downloads: `
    const fs = require('node:fs');
    const path = require('node:path');
    fs.mkdirSync(path.join(__dirname, 'dist'), { recursive: true });
    fs.writeFileSync(path.join(__dirname, 'dist', 'electron'), '#!/bin/sh\\n', { mode: 0o755 });
    fs.writeFileSync(path.join(__dirname, 'dist', 'version'), 'v45.5.0');
    fs.writeFileSync(path.join(__dirname, 'path.txt'), 'electron');
  `,
  // Electron's install.js on a failed download: console.error(err.stack); process.exit(1).
  offline: `
    fetch('http://127.0.0.1:' + process.env.CLOSED_PORT + '/electron-v45.5.0-linux-x64.zip').catch((err) => {
      console.error(err.stack);
      process.exit(1);
    });
  `,
  // Electron's install.js on a platform it has no build for: an uncaught throw at load.
  unsupported: `throw new Error('Electron builds are not available on platform: plan9');`,
  silentCrash: `process.exit(3);`,
  writesNothing: `process.exit(0);`,
};

const temps: string[] = [];
let closedPort = 0;

beforeAll(async () => {
  // A loopback port nobody listens on: the stand-in's fetch is refused at once.
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closedPort = (server.address() as net.AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
});

afterEach(() => {
  for (const dir of temps.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function standIn(installer: keyof typeof INSTALLERS): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'steward-electron-'));
  temps.push(dir);
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'electron', version: '45.5.0' }));
  fs.writeFileSync(path.join(dir, 'install.js'), INSTALLERS[installer]);
  return dir;
}

/** The start script's first step, then a marker standing in for the build and electron-vite. */
function runStart(electronDir: string) {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    STEWARD_ELECTRON_DIR: electronDir,
    CLOSED_PORT: String(closedPort),
  };
  delete env.ELECTRON_EXEC_PATH;
  const r = spawnSync('sh', ['-c', `${ENSURE} && echo STARTING-ELECTRON-VITE`], {
    cwd: ROOT,
    encoding: 'utf8',
    env,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('npm start', () => {
  it('makes sure of the Electron binary before building and starting electron-vite', () => {
    expect(START.startsWith(`${ENSURE} && `)).toBe(true);
    expect(START.endsWith('electron-vite preview')).toBe(true);
  });
});

describe('ensure-electron', () => {
  it('downloads the binary through the installer, then lets start go on', () => {
    const dir = standIn('downloads');
    const r = runStart(dir);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'path.txt'), 'utf8')).toBe('electron');
    expect(r.stdout).toContain("Downloading Electron 45.5.0's binary");
    expect(r.stdout.trim().endsWith('STARTING-ELECTRON-VITE')).toBe(true);
  });

  it('does not run the installer when path.txt names a binary that is there', () => {
    const dir = standIn('silentCrash');
    fs.mkdirSync(path.join(dir, 'dist'));
    fs.writeFileSync(path.join(dir, 'dist', 'electron'), '');
    fs.writeFileSync(path.join(dir, 'path.txt'), 'electron');
    const r = runStart(dir);
    expect(r).toStrictEqual({ status: 0, stdout: 'STARTING-ELECTRON-VITE\n', stderr: '' });
  });

  it('runs the installer again when path.txt names a binary that is gone', () => {
    const dir = standIn('downloads');
    fs.writeFileSync(path.join(dir, 'path.txt'), 'electron');
    const r = runStart(dir);
    expect(r.status).toBe(0);
    expect(fs.existsSync(path.join(dir, 'dist', 'electron'))).toBe(true);
  });

  it('offline: one sentence with the reason and the preview, exit 1, no stack, start stops', () => {
    const r = runStart(standIn('offline'));
    expect(r.status).toBe(1);
    expect(r.stdout).not.toContain('STARTING-ELECTRON-VITE');
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^Electron's binary could not be downloaded \(fetch failed: connect ECONNREFUSED 127\.0\.0\.1:\d+\), .*`npm run preview`/,
    );
    expect(r.stderr).not.toMatch(/\bat |TypeError/);
  });

  it('an installer that throws: the error message is the reason, not the source line Node prints first', () => {
    const r = runStart(standIn('unsupported'));
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toMatch(
      /^Electron's binary could not be downloaded \(Electron builds are not available on platform: plan9\), [^\n]*$/,
    );
  });

  it('an installer that fails silently: its exit code is the reason', () => {
    const r = runStart(standIn('silentCrash'));
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toMatch(
      /^Electron's binary could not be downloaded \(its installer exited with code 3\), .*`npm run preview`[^\n]*$/,
    );
  });

  it('an installer that succeeds without writing path.txt is a failure, not a silent pass', () => {
    const r = runStart(standIn('writesNothing'));
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toMatch(
      /^Electron's binary could not be downloaded \(.*path\.txt names no binary\)/,
    );
    expect(r.stdout).not.toContain('STARTING-ELECTRON-VITE');
  });

  it('runs Electron’s own installer, which still writes path.txt (what electron-vite reads)', () => {
    const dir = path.dirname(createRequire(path.join(ROOT, 'package.json')).resolve('electron/package.json'));
    const install = fs.readFileSync(path.join(dir, 'install.js'), 'utf8');
    expect(install).toContain("'path.txt'");
    expect(install).toContain('@electron/get');
  });
});
