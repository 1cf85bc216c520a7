// What electron-builder actually packs. There is no Electron binary here, so the packer gets a
// stand-in "electron" file that carries a fuse wire (the sentinel @electron/fuses looks for):
// that lets the real packer run offline and lets us read back which fuses it flipped. Needs
// `npm run build` first; without the built bundles the packing test is skipped with a reason.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { listPackage } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';

const ROOT = path.resolve(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);
const BUILT = ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html'];
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const ON = 49; // '1'
const OFF = 48; // '0'

const missing = BUILT.filter((f) => !fs.existsSync(path.join(ROOT, f)));
const skipReason =
  missing.length > 0
    ? `pack layout not checked: ${missing.join(', ')} missing; run \`npm run build\` first`
    : null;
if (skipReason) console.warn(`[pack-layout] SKIPPED: ${skipReason}`);

interface BuilderConfig {
  appId: string;
  productName: string;
  directories: { output: string };
  files: string[];
  extraResources: Array<{ from: string; to: string }>;
  asar: boolean;
  npmRebuild: boolean;
  electronFuses: Record<string, boolean>;
  linux: { target: string[]; category: string };
  win: { target: string[] };
  mac: { target: string[] };
}
const config = parse(fs.readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8')) as BuilderConfig;

describe('electron-builder.yml', () => {
  it('names the app and where releases go', () => {
    expect(config.appId).toBe('org.steward.app');
    expect(config.productName).toBe('Steward');
    expect(config.directories.output).toBe('release');
    expect(config.asar).toBe(true);
    expect(config.npmRebuild).toBe(false);
  });

  it('packs only the built bundles and package.json', () => {
    const included = config.files.filter((f) => !f.startsWith('!'));
    expect(included.sort()).toStrictEqual([
      'out/main/**',
      'out/preload/**',
      'out/renderer/**',
      'package.json',
    ]);
    expect(config.files).toContain('!**/*.map');
  });

  it('ships content/ beside the asar', () => {
    expect(config.extraResources).toContainEqual(expect.objectContaining({ from: 'content', to: 'content' }));
  });

  it('targets AppImage + deb (Office), nsis and dmg', () => {
    expect(config.linux.target).toStrictEqual(['AppImage', 'deb']);
    expect(config.linux.category).toBe('Office');
    expect(config.win.target).toStrictEqual(['nsis']);
    expect(config.mac.target).toStrictEqual(['dmg']);
  });

  it('hardens the Electron binary with fuses', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
    });
  });
});

describe.skipIf(skipReason !== null)(
  `packed app (electron-builder --linux dir with a stand-in Electron)`,
  () => {
    let tmp: string;
    let unpacked: string;
    let entries: string[];

    beforeAll(() => {
      tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'steward-pack-'));
      const dist = path.join(tmp, 'electron-dist');
      fs.mkdirSync(dist);
      // Electron's default fuse wire: v1, 8 fuses, RunAsNode on ... GrantFileProtocolExtraPrivileges on.
      const standIn = Buffer.concat([
        Buffer.from('#!/bin/sh\necho "stand-in for the Electron binary (packaging test)"\nexit 1\n# '),
        Buffer.from(FUSE_SENTINEL),
        Buffer.from([1, 8]),
        Buffer.from('10110001'),
        Buffer.from('\n'),
      ]);
      fs.writeFileSync(path.join(dist, 'electron'), standIn, { mode: 0o755 });

      const output = path.join(tmp, 'release');
      const cli = require.resolve('electron-builder/cli.js');
      const run = spawnSync(
        process.execPath,
        [
          cli,
          '--linux',
          'dir',
          '--config',
          'electron-builder.yml',
          `-c.electronDist=${dist}`,
          `-c.directories.output=${output}`,
        ],
        { cwd: ROOT, encoding: 'utf8', timeout: 240_000, env: { ...process.env, CI: 'true' } },
      );
      if (run.status !== 0) {
        throw new Error(
          `electron-builder failed (status ${run.status}, signal ${run.signal}):\n${run.stdout}\n${run.stderr}`.slice(
            -4000,
          ),
        );
      }
      unpacked = path.join(output, 'linux-unpacked');
      entries = listPackage(path.join(unpacked, 'resources', 'app.asar'), { isPack: false }).map((e) =>
        e.replace(/\\/g, '/'),
      );
    }, 300_000);

    afterAll(() => {
      if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
    });

    const own = () => entries.filter((e) => !e.startsWith('/node_modules/'));

    it('contains the three bundles and package.json', () => {
      for (const file of [
        '/out/main/index.js',
        '/out/preload/index.cjs',
        '/out/renderer/index.html',
        '/package.json',
      ]) {
        expect(entries).toContain(file);
      }
    });

    it('contains no sources, tests, configs or source maps', () => {
      const offending = entries.filter(
        (e) =>
          /\.(ts|tsx|mts|cts|map)$/.test(e) ||
          /^\/(electron|renderer|test|bench|scripts|content|build|release|\.ci)(\/|$)/.test(e) ||
          /^\/(tsconfig[^/]*\.json|eslint\.config\.[cm]?js|[^/]*vite[^/]*\.config\.[cm]?[jt]s|vitest\.config\.[jt]s|electron-builder\.yml|package-lock\.json|\.prettierrc\.json)$/.test(
            e,
          ),
      );
      expect(offending).toStrictEqual([]);
    });

    it('ships none of the Node-only entry points (CLI, preview server)', () => {
      expect(own().filter((e) => e.startsWith('/out/cli') || e.startsWith('/out/preview'))).toStrictEqual([]);
    });

    it('carries the runtime dependencies the main bundle imports, and no dev tooling', () => {
      for (const dep of ['electron-store', 'conf', 'zod'])
        expect(entries).toContain(`/node_modules/${dep}/package.json`);
      for (const dev of [
        'electron',
        'electron-builder',
        'vitest',
        'typescript',
        'eslint',
        '@playwright/test',
        'vite',
      ]) {
        expect(entries).not.toContain(`/node_modules/${dev}/package.json`);
      }
    });

    it('puts content/ in resources, outside the asar', (ctx) => {
      const sources: string[] = [];
      const walk = (dir: string) => {
        for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
          const full = path.join(dir, entry.name);
          if (entry.isDirectory()) walk(full);
          else sources.push(path.relative(path.join(ROOT, 'content'), full));
        }
      };
      walk(path.join(ROOT, 'content'));
      if (sources.length === 0) {
        console.warn('[pack-layout] content/ has no files yet; nothing to look for in resources/content');
        ctx.skip();
      }
      for (const file of sources)
        expect(fs.existsSync(path.join(unpacked, 'resources', 'content', file)), file).toBe(true);
    });

    it('flips the fuses in the packed executable', async () => {
      const executable = fs
        .readdirSync(unpacked)
        .map((name) => path.join(unpacked, name))
        .find((file) => fs.statSync(file).isFile() && fs.readFileSync(file).includes(FUSE_SENTINEL));
      expect(executable).toBeDefined();
      const wire = await getCurrentFuseWire(executable!);
      expect(wire[FuseV1Options.RunAsNode]).toBe(OFF);
      expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(ON);
      expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(OFF);
      expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(OFF);
      expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(ON);
      expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(ON);
      expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(OFF);
    });
  },
);
