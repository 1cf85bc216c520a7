import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  fingerprintOf,
  generateProfileKeys,
  profileIdFor,
  publicKeyOf,
  signDigest,
  verifyDigest,
} from '../../../electron/core/ledger';

describe('profile keys', () => {
  it('generates an Ed25519 pair: base64 SPKI (44 bytes) and a PKCS#8 PEM', () => {
    const keys = generateProfileKeys();
    expect(Buffer.from(keys.publicKey, 'base64')).toHaveLength(44);
    expect(keys.privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(publicKeyOf(keys.privateKeyPem)).toBe(keys.publicKey);
  });

  it('derives the profile id and fingerprint from sha256 of the SPKI bytes', () => {
    const { publicKey } = generateProfileKeys();
    const digest = createHash('sha256').update(Buffer.from(publicKey, 'base64')).digest('hex');
    const id = profileIdFor(publicKey);
    expect(id).toMatch(/^p[0-9a-f]{20}$/);
    expect(id).toBe(`p${digest.slice(0, 20)}`);
    const fp = fingerprintOf(publicKey);
    expect(fp).toMatch(/^[0-9a-f]{4}( [0-9a-f]{4}){7}$/);
    expect(fp.replaceAll(' ', '')).toBe(digest.slice(0, 32));
    expect(profileIdFor(generateProfileKeys().publicKey)).not.toBe(id);
  });

  it('signs digests that verify with the same key only', () => {
    const a = generateProfileKeys();
    const b = generateProfileKeys();
    const digest = createHash('sha256').update('hello').digest();
    const sig = signDigest(digest, a.privateKeyPem);
    expect(Buffer.from(sig, 'base64')).toHaveLength(64);
    expect(verifyDigest(digest, sig, a.publicKey)).toBe(true);
    expect(verifyDigest(digest, sig, b.publicKey)).toBe(false);
    const other = createHash('sha256').update('hellO').digest();
    expect(verifyDigest(other, sig, a.publicKey)).toBe(false);
    expect(verifyDigest(digest, 'not a signature', a.publicKey)).toBe(false);
  });

  it('refuses what is not an Ed25519 public key', () => {
    expect(() => profileIdFor('abc')).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => profileIdFor(Buffer.alloc(44).toString('base64') + 'x')).toThrow(/public key/);
  });

  it('refuses an unreadable private key with KEY_UNAVAILABLE', () => {
    expect(() => publicKeyOf('-----BEGIN PRIVATE KEY-----\nnope\n-----END PRIVATE KEY-----\n')).toThrow(
      expect.objectContaining({ code: 'KEY_UNAVAILABLE' }),
    );
  });
});
