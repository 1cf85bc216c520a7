// Symlinks and forged first lines an insider plants in a shared workspace (issue 14, item 5):
// Steward never writes through a symlink (the imports index, the imports folder), never reads a
// ledger through one, and the profile switcher shows a profile only as its owner signed it.
import { existsSync, readFileSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateProfileKeys } from '../../../electron/core/ledger';
import type { Workspace } from '../../../electron/core/ledger';
import { writeBundle } from '../../../electron/core/records/bundle';
import { importRecordsFile } from '../../../electron/core/records/importRecords';
import { appendImportIndex, readImportRecords } from '../../../electron/core/records/imports';
import { readProfileFromLedger } from '../../../electron/core/profiles/profileDirectory';
import { cleanupTempDirs, readLines, rewriteFrom, tempDir, writeLines } from '../ledger/helpers';
import { makePerson, newWorkspace, type Person } from './fixtures/bundles/people';

const now = () => new Date('2026-03-02T09:00:00.000Z');

afterEach(cleanupTempDirs);

let source: Workspace;
let ada: Person;
let target: Workspace;
let meg: Person;
beforeEach(async () => {
  source = await newWorkspace();
  ada = await makePerson(source, 'Ada Lovelace', 3);
  target = await newWorkspace();
  meg = await makePerson(target, 'Meg Manager', 2);
});

async function bundleOfAda(): Promise<string> {
  const out = join(tempDir('steward-sent-'), 'ada.stewardbundle');
  await writeBundle(ada.ws, ada.profileId, ada.keys.privateKeyPem, out, { now });
  return out;
}

const record = {
  at: '2026-03-03T00:00:00.000Z',
  profileId: 'p0123456789abcdef0123',
  file: 'imports/x.stewardbundle',
  sha256: 'a'.repeat(64),
  kind: 'bundle' as const,
  status: 'added' as const,
  entries: 1,
  headHash: 'b'.repeat(64),
};

describe('no write through a symlink in the workspace', () => {
  it('imports/index.jsonl replaced by a symlink: the import appends nothing outside the workspace', async () => {
    const outside = join(tempDir('steward-outside-'), 'victim.txt');
    writeFileSync(outside, 'precious\n');
    symlinkSync(outside, join(target.importsDir, 'index.jsonl'));

    const res = await importRecordsFile(target, await bundleOfAda(), {
      localProfileIds: [meg.profileId],
      now,
    });
    expect(readFileSync(outside, 'utf8')).toBe('precious\n');
    // The ledger is imported; the index could not be updated, and the warning says why.
    expect(res.profiles.map((p) => p.status)).toEqual(['added']);
    expect(res.warnings).toEqual([
      expect.objectContaining({
        code: 'import.indexNotUpdated',
        params: expect.objectContaining({ why: expect.objectContaining({ code: 'fs.symlink' }) }),
      }),
    ]);
    expect(() => appendImportIndex(target, [record])).toThrow(/ELOOP/); // O_NOFOLLOW
    expect(readFileSync(outside, 'utf8')).toBe('precious\n');
    // Nor is it read: what it points to says nothing about imports.
    writeFileSync(outside, `${JSON.stringify(record)}\n`);
    expect(readImportRecords(target)).toEqual([]);
  });

  it('imports/ replaced by a symlink to a folder outside: nothing is written there', async () => {
    const outsideDir = tempDir('steward-outside-');
    renameSync(target.importsDir, join(target.dir, 'old-imports'));
    symlinkSync(outsideDir, target.importsDir);
    expect(() => appendImportIndex(target, [record])).toThrow(/symbolic link/);
    await expect(
      importRecordsFile(target, await bundleOfAda(), { localProfileIds: [meg.profileId], now }),
    ).rejects.toThrow(/symbolic link/);
    expect(existsSync(join(outsideDir, 'index.jsonl'))).toBe(false);
    expect(readImportRecords(target)).toEqual([]);
  });
});

describe('no ledger read through a symlink', () => {
  it('"Export my records" refuses a ledger that is a symlink', async () => {
    const elsewhere = join(tempDir('steward-outside-'), 'ledger.jsonl');
    renameSync(ada.file, elsewhere);
    symlinkSync(elsewhere, ada.file);
    await expect(bundleOfAda()).rejects.toThrow(/symbolic link/);
  });
});

describe('the profile switcher', () => {
  it('shows a profile as its owner signed it', () => {
    expect(readProfileFromLedger(source, ada.profileId)?.name).toBe('Ada Lovelace');
  });

  it('does not show a first line re-signed by someone else (a name changed by an insider)', () => {
    const mallory = generateProfileKeys();
    const lines = readLines(ada.file);
    const forged = rewriteFrom(
      lines.slice(0, 1),
      0,
      (f) => ({ ...f, data: { ...(f.data as object), name: 'Mallory' } }),
      mallory.privateKeyPem,
    );
    writeLines(ada.file, [...forged, ...lines.slice(1)]);
    expect(readProfileFromLedger(source, ada.profileId)).toBeNull();
  });

  it('does not read a ledger through a symlink', () => {
    const elsewhere = join(tempDir('steward-outside-'), 'ledger.jsonl');
    renameSync(ada.file, elsewhere);
    symlinkSync(elsewhere, ada.file);
    expect(readProfileFromLedger(source, ada.profileId)).toBeNull();
  });
});
