import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  fileOnlyProtector,
  keyFilePath,
  listLocalKeyIds,
  loadKey,
  saveKey,
  type SecretProtector,
} from '../../../electron/core/profiles/keystore';

// Stands in for safeStorage: a reversible transform, so a test can tell protected from plain.
const fakeOsProtector: SecretProtector = {
  kind: 'os',
  note: 'keychain',
  protect: (b) => Buffer.from(b.map((x) => x ^ 0x5a)),
  reveal: (b) => Buffer.from(b.map((x) => x ^ 0x5a)),
};
const key = {
  profileId: 'p0123456789abcdef0123',
  publicKey: 'PUB',
  privateKeyPem: '-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----\n',
};

let dir: string;
beforeEach(() => {
  dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'steward-keys-')), 'keys');
});
afterEach(() => fs.rmSync(path.dirname(dir), { recursive: true, force: true }));

describe('keystore', () => {
  it('round-trips through the OS protector and never writes the PEM in clear', () => {
    saveKey(dir, fakeOsProtector, key);
    const raw = fs.readFileSync(keyFilePath(dir, key.profileId), 'utf8');
    expect(raw).not.toContain('PRIVATE KEY');
    expect(JSON.parse(raw)).toMatchObject({ protection: 'os' });
    expect(loadKey(dir, fakeOsProtector, key.profileId).privateKeyPem).toBe(key.privateKeyPem);
    expect(fs.statSync(keyFilePath(dir, key.profileId)).mode & 0o777).toBe(0o600);
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
    expect(listLocalKeyIds(dir)).toEqual([key.profileId]);
  });

  it('refuses a keychain-protected key where no keychain is available', () => {
    saveKey(dir, fakeOsProtector, key);
    expect(() => loadKey(dir, fileOnlyProtector, key.profileId)).toThrow(/keychain/);
  });

  it('names the file when a key is missing or damaged', () => {
    expect(() => loadKey(dir, fileOnlyProtector, key.profileId)).toThrow(/missing/);
    saveKey(dir, fileOnlyProtector, key);
    fs.writeFileSync(keyFilePath(dir, key.profileId), '{"version":1');
    expect(() => loadKey(dir, fileOnlyProtector, key.profileId)).toThrow(keyFilePath(dir, key.profileId));
  });

  it('lists only well-named key files', () => {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'notes.txt'), '');
    fs.writeFileSync(path.join(dir, 'p0123.key'), '');
    expect(listLocalKeyIds(dir)).toEqual([]);
  });
});
