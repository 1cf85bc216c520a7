// Content releases in a workspace an insider can write (issue 14, item 5): no folder of a release,
// nor org/ or org/content/, is followed when it is a symlink, for writes (publishing) or reads
// (an app copying a release into its own data folder).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { materialiseRelease, ReleaseError, storeRelease } from '../../../electron/core/org/releases';

let tmp: string;
let ws: string;
let content: string;
let outside: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'steward-release-hostile-'));
  ws = path.join(tmp, 'ws');
  content = path.join(tmp, 'content');
  outside = path.join(tmp, 'outside');
  for (const d of [ws, path.join(content, 'modules'), outside]) fs.mkdirSync(d, { recursive: true });
  fs.writeFileSync(path.join(content, 'policy.yaml'), 'roles: {}\n');
  fs.writeFileSync(path.join(content, 'modules', 'a.yaml'), 'id: a\n');
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('content releases and planted symlinks', () => {
  it('publishing does not write through org/ planted as a symlink to a folder outside', () => {
    fs.symlinkSync(outside, path.join(ws, 'org'));
    expect(() => storeRelease(ws, content)).toThrow(ReleaseError);
    expect(fs.readdirSync(outside)).toEqual([]);
  });

  it('an app does not copy a release read through a symlinked folder inside it', () => {
    const stored = storeRelease(ws, content);
    // The insider moves modules/ out and links it back: same bytes, read through a symlink.
    const moved = path.join(outside, 'modules');
    fs.renameSync(path.join(stored.dir, 'modules'), moved);
    fs.symlinkSync(moved, path.join(stored.dir, 'modules'));
    const release = { release: 1, manifestHash: stored.manifestHash, files: stored.files };
    let caught: unknown;
    try {
      materialiseRelease(ws, path.join(tmp, 'cache'), release);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ReleaseError);
    expect((caught as ReleaseError).reasons).toContainEqual(
      expect.objectContaining({
        code: 'release.unreadable',
        params: expect.objectContaining({ file: 'modules/a.yaml' }),
      }),
    );
  });

  it('an app does not read a release through org/ planted as a symlink', () => {
    const stored = storeRelease(ws, content);
    fs.renameSync(path.join(ws, 'org'), path.join(outside, 'org'));
    fs.symlinkSync(path.join(outside, 'org'), path.join(ws, 'org'));
    const release = { release: 1, manifestHash: stored.manifestHash, files: stored.files };
    expect(() => materialiseRelease(ws, path.join(tmp, 'cache'), release)).toThrow(
      /missing from the workspace/,
    );
  });
});
