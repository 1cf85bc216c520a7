// Writing a signed bundle of one's own ledger: exact lines, a manifest that describes them and
// verifies under the person's key, and an atomic write that leaves nothing behind on failure.
import { hash } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateProfileKeys, publicKeyOf } from '../../../electron/core/ledger';
import {
  BUNDLE_FORMAT,
  bundleExportedData,
  bundleFileSchema,
  manifestSignatureValid,
  writeBundle,
} from '../../../electron/core/records/bundle';
import { recordsExportedSchema } from '../../../electron/core/records/events';
import { cleanupTempDirs, readLines, tempDir, writeLines } from '../ledger/helpers';
import { appendTraining, makePerson, newWorkspace, readBundle } from './fixtures/bundles/people';

const now = () => new Date('2026-03-01T10:00:00.000Z');

afterEach(cleanupTempDirs);

describe('writeBundle', () => {
  it('writes the exact ledger lines with a manifest signed by the person', async () => {
    const ws = await newWorkspace();
    const ada = await makePerson(ws, 'Ada Lovelace', 5);
    const out = join(tempDir('steward-out-'), 'ada.stewardbundle');

    const res = await writeBundle(ws, ada.profileId, ada.keys.privateKeyPem, out, { now });

    const ledgerBytes = readFileSync(ada.file);
    const bundle = readBundle(out);
    expect(bundleFileSchema.safeParse(bundle).success).toBe(true);
    expect(bundle.format).toBe(BUNDLE_FORMAT);
    expect(`${bundle.lines.join('\n')}\n`).toBe(ledgerBytes.toString('utf8'));
    const lines = readLines(ada.file);
    const head = JSON.parse(lines[lines.length - 1] as string) as { hash: string };
    expect(bundle.manifest).toEqual({
      profileId: ada.profileId,
      publicKey: ada.keys.publicKey,
      name: 'Ada Lovelace',
      team: 'Research',
      entries: 5,
      headHash: head.hash,
      createdAt: '2026-03-01T10:00:00.000Z',
      linesSha256: hash('sha256', ledgerBytes, 'hex'),
    });
    expect(manifestSignatureValid(bundle.manifest, bundle.signature)).toBe(true);
    expect(manifestSignatureValid({ ...bundle.manifest, entries: 4 }, bundle.signature)).toBe(false);
    expect(res).toEqual({
      profileId: ada.profileId,
      entries: 5,
      headHash: head.hash,
      sha256: hash('sha256', readFileSync(out), 'hex'),
      fileName: 'ada.stewardbundle',
    });
    expect(recordsExportedSchema.safeParse(bundleExportedData(res)).success).toBe(true);
  });

  it('leaves out an unfinished last line (an append in progress)', async () => {
    const ws = await newWorkspace();
    const ada = await makePerson(ws, 'Ada Lovelace', 3);
    const complete = readFileSync(ada.file, 'utf8');
    appendFileSync(ada.file, '{"actor":"half a line');
    const out = join(tempDir('steward-out-'), 'ada.stewardbundle');

    const res = await writeBundle(ws, ada.profileId, ada.keys.privateKeyPem, out, { now });

    expect(res.entries).toBe(3);
    expect(`${readBundle(out).lines.join('\n')}\n`).toBe(complete);
  });

  it('replaces an existing file and reflects entries appended since the last bundle', async () => {
    const ws = await newWorkspace();
    const ada = await makePerson(ws, 'Ada Lovelace', 2);
    const out = join(tempDir('steward-out-'), 'ada.stewardbundle');
    await writeBundle(ws, ada.profileId, ada.keys.privateKeyPem, out, { now });
    await appendTraining(ada, 2);

    const res = await writeBundle(ws, ada.profileId, ada.keys.privateKeyPem, out, { now });

    expect(res.entries).toBe(4);
    expect(readBundle(out).lines).toEqual(readLines(ada.file));
    expect(readdirSync(join(out, '..'))).toEqual(['ada.stewardbundle']);
  });

  it('refuses a damaged ledger and writes nothing', async () => {
    const ws = await newWorkspace();
    const ada = await makePerson(ws, 'Ada Lovelace', 4);
    const lines = readLines(ada.file);
    lines[2] = (lines[2] as string).replace('"moduleId":"m-', '"moduleId":"x-');
    writeLines(ada.file, lines);
    const dir = tempDir('steward-out-');

    await expect(
      writeBundle(ws, ada.profileId, ada.keys.privateKeyPem, join(dir, 'ada.stewardbundle'), { now }),
    ).rejects.toMatchObject({ code: 'LEDGER_CORRUPT', message: expect.stringMatching(/entry 3/) });
    expect(readdirSync(dir)).toEqual([]);
  });

  it("refuses a private key that is not the profile's", async () => {
    const ws = await newWorkspace();
    const ada = await makePerson(ws, 'Ada Lovelace', 2);
    const other = generateProfileKeys();
    expect(publicKeyOf(other.privateKeyPem)).not.toBe(ada.keys.publicKey);
    const dir = tempDir('steward-out-');

    await expect(
      writeBundle(ws, ada.profileId, other.privateKeyPem, join(dir, 'ada.stewardbundle'), { now }),
    ).rejects.toMatchObject({ code: 'KEY_UNAVAILABLE' });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses an unknown profile', async () => {
    const ws = await newWorkspace();
    const keys = generateProfileKeys();
    await expect(
      writeBundle(ws, 'p0123456789abcdef0123', keys.privateKeyPem, join(tempDir(), 'x.stewardbundle'), {
        now,
      }),
    ).rejects.toMatchObject({ code: 'PROFILE_NOT_FOUND' });
  });

  it('reports a folder it cannot write to and leaves the previous file as it was', async () => {
    const ws = await newWorkspace();
    const ada = await makePerson(ws, 'Ada Lovelace', 2);
    const missing = join(tempDir('steward-out-'), 'no-such-folder', 'ada.stewardbundle');
    await expect(
      writeBundle(ws, ada.profileId, ada.keys.privateKeyPem, missing, { now }),
    ).rejects.toMatchObject({
      code: 'WORKSPACE_NOT_WRITABLE',
      message: expect.stringContaining('no-such-folder'),
    });
    expect(existsSync(join(missing, '..'))).toBe(false);

    // A directory where the file should go: the rename fails, the temp file is removed.
    const dir = tempDir('steward-out-');
    const target = join(dir, 'taken');
    writeFileSync(join(dir, 'keep.txt'), 'keep');
    mkdirSync(target);
    writeFileSync(join(target, 'inside'), 'x');
    await expect(
      writeBundle(ws, ada.profileId, ada.keys.privateKeyPem, target, { now }),
    ).rejects.toMatchObject({
      code: 'WORKSPACE_NOT_WRITABLE',
    });
    expect(readdirSync(dir).sort()).toEqual(['keep.txt', 'taken']);
  });
});
