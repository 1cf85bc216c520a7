import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import crypto from 'node:crypto';
import {
  changePassphrase,
  fileOnlyProtector,
  keyFilePath,
  keyHasPassphrase,
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

  it('reads a version 1 key file written before passphrases existed', () => {
    // Exactly what an older Steward wrote: no passphrase field, the PEM behind the protector.
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const old = {
      version: 1,
      profileId: key.profileId,
      publicKey: key.publicKey,
      protection: 'file',
      secret: Buffer.from(key.privateKeyPem).toString('base64'),
    };
    fs.writeFileSync(keyFilePath(dir, key.profileId), `${JSON.stringify(old)}\n`, { mode: 0o600 });
    expect(keyHasPassphrase(dir, key.profileId)).toBe(false);
    expect(loadKey(dir, fileOnlyProtector, key.profileId).privateKeyPem).toBe(key.privateKeyPem);
  });
});

describe('keystore with a passphrase', () => {
  const real = (() => {
    const { privateKey, publicKey } = crypto.generateKeyPairSync('ed25519');
    return {
      profileId: 'p00112233445566778899',
      publicKey: publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
      privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    };
  })();

  it('the key file alone does not give the key: no PEM, no DER, nothing that signs', () => {
    saveKey(dir, fileOnlyProtector, real, { passphrase: 'correct horse battery' });
    const raw = fs.readFileSync(keyFilePath(dir, real.profileId), 'utf8');
    const file = JSON.parse(raw) as { version: number; secret: string };
    expect(file.version).toBe(2);
    expect(keyHasPassphrase(dir, real.profileId)).toBe(true);
    const stored = Buffer.from(file.secret, 'base64');
    // What a colleague reading the file gets is not the key in any encoding.
    expect(stored.toString('utf8')).not.toContain('PRIVATE KEY');
    const der = crypto.createPrivateKey(real.privateKeyPem).export({ type: 'pkcs8', format: 'der' });
    expect(stored.includes(der.subarray(-32))).toBe(false);
    expect(() => crypto.createPrivateKey(stored.toString('utf8'))).toThrow();
    expect(() => crypto.createPrivateKey({ key: stored, format: 'der', type: 'pkcs8' })).toThrow();
    // Without the passphrase loadKey refuses; with a wrong one too, each with its reason.
    expect(() => loadKey(dir, fileOnlyProtector, real.profileId)).toThrow(
      expect.objectContaining({
        code: 'NOT_ALLOWED',
        reasons: [{ code: 'profile.passphraseNeeded', params: {} }],
      }),
    );
    expect(() => loadKey(dir, fileOnlyProtector, real.profileId, { passphrase: 'correct horse' })).toThrow(
      expect.objectContaining({
        code: 'NOT_ALLOWED',
        reasons: [{ code: 'profile.passphraseWrong', params: {} }],
      }),
    );
    expect(
      loadKey(dir, fileOnlyProtector, real.profileId, { passphrase: 'correct horse battery' }).privateKeyPem,
    ).toBe(real.privateKeyPem);
  });

  it('layers the passphrase under the OS protector, and binds the sealed key to its profile', () => {
    saveKey(dir, fakeOsProtector, real, { passphrase: 'correct horse battery' });
    // The keychain alone (what any program of the same user account can ask for) gives ciphertext.
    const file = JSON.parse(fs.readFileSync(keyFilePath(dir, real.profileId), 'utf8')) as {
      secret: string;
      protection: string;
    };
    expect(file.protection).toBe('os');
    expect(fakeOsProtector.reveal(Buffer.from(file.secret, 'base64')).toString('utf8')).not.toContain(
      'PRIVATE KEY',
    );
    expect(
      loadKey(dir, fakeOsProtector, real.profileId, { passphrase: 'correct horse battery' }).privateKeyPem,
    ).toBe(real.privateKeyPem);
    // The sealed key copied into another profile's file (same passphrase) does not open there.
    const other = { ...file, profileId: key.profileId };
    fs.writeFileSync(keyFilePath(dir, key.profileId), JSON.stringify(other));
    expect(() =>
      loadKey(dir, fakeOsProtector, key.profileId, { passphrase: 'correct horse battery' }),
    ).toThrow(expect.objectContaining({ reasons: [{ code: 'profile.passphraseWrong', params: {} }] }));
  });

  it('changes and removes a passphrase only with the current one', () => {
    saveKey(dir, fileOnlyProtector, real);
    changePassphrase(dir, fileOnlyProtector, real.profileId, { next: 'first passphrase' });
    expect(keyHasPassphrase(dir, real.profileId)).toBe(true);
    expect(() =>
      changePassphrase(dir, fileOnlyProtector, real.profileId, { current: 'guess', next: null }),
    ).toThrow(expect.objectContaining({ code: 'NOT_ALLOWED' }));
    expect(() => changePassphrase(dir, fileOnlyProtector, real.profileId, { next: null })).toThrow(
      expect.objectContaining({ code: 'NOT_ALLOWED' }),
    );
    changePassphrase(dir, fileOnlyProtector, real.profileId, {
      current: 'first passphrase',
      next: 'second passphrase',
    });
    expect(() =>
      loadKey(dir, fileOnlyProtector, real.profileId, { passphrase: 'first passphrase' }),
    ).toThrow();
    changePassphrase(dir, fileOnlyProtector, real.profileId, { current: 'second passphrase', next: null });
    expect(keyHasPassphrase(dir, real.profileId)).toBe(false);
    expect(loadKey(dir, fileOnlyProtector, real.profileId).privateKeyPem).toBe(real.privateKeyPem);
    expect(fs.statSync(keyFilePath(dir, real.profileId)).mode & 0o777).toBe(0o600);
  });
});
