// Profile keys: Ed25519 via node:crypto. A public key travels as base64 of its SPKI DER
// (44 bytes); the profile id and the fingerprint are derived from the hash of those bytes, so
// an id names exactly one key. KeyObjects are cached: parsing a key costs more than using it.
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
} from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { StewardError } from '../errors';
import { PROFILE_ID_PATTERN } from '../contract/ids';

export interface ProfileKeys {
  /** base64 of the SPKI DER encoding (44 bytes). */
  publicKey: string;
  /** PKCS#8 PEM. */
  privateKeyPem: string;
}

export { PROFILE_ID_PATTERN };
const SPKI_BYTES = 44;
const CACHE_MAX = 256;

const publicCache = new Map<string, KeyObject>();
const privateCache = new Map<string, KeyObject>();

function remember(cache: Map<string, KeyObject>, key: string, value: KeyObject): KeyObject {
  if (cache.size >= CACHE_MAX) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
  cache.set(key, value);
  return value;
}

export function generateProfileKeys(): ProfileKeys {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return {
    publicKey: publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}

function spkiBytes(publicKey: string): Buffer {
  const der = typeof publicKey === 'string' ? Buffer.from(publicKey, 'base64') : Buffer.alloc(0);
  if (der.length !== SPKI_BYTES || der.toString('base64') !== publicKey) {
    throw new StewardError('INVALID_ARGUMENT', 'Not an Ed25519 public key (expected base64 of 44 bytes).');
  }
  return der;
}

/** The KeyObject for a base64 SPKI public key (cached). Throws INVALID_ARGUMENT if it is not Ed25519. */
export function publicKeyObject(publicKey: string): KeyObject {
  const hit = publicCache.get(publicKey);
  if (hit) return hit;
  const der = spkiBytes(publicKey);
  let key: KeyObject;
  try {
    key = createPublicKey({ key: der, format: 'der', type: 'spki' });
  } catch (err) {
    throw new StewardError('INVALID_ARGUMENT', 'Not an Ed25519 public key.', { cause: err });
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new StewardError('INVALID_ARGUMENT', 'Not an Ed25519 public key.');
  }
  return remember(publicCache, publicKey, key);
}

/** The KeyObject for a PKCS#8 PEM private key (cached). Throws KEY_UNAVAILABLE if unreadable. */
export function privateKeyObject(privateKeyPem: string): KeyObject {
  const hit = privateCache.get(privateKeyPem);
  if (hit) return hit;
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: privateKeyPem, format: 'pem' });
  } catch (err) {
    throw new StewardError('KEY_UNAVAILABLE', 'The private key could not be read.', { cause: err });
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new StewardError('KEY_UNAVAILABLE', 'The private key is not an Ed25519 key.');
  }
  return remember(privateCache, privateKeyPem, key);
}

/** The base64 SPKI public key that belongs to a private key. */
export function publicKeyOf(privateKeyPem: string): string {
  return createPublicKey(privateKeyObject(privateKeyPem))
    .export({ type: 'spki', format: 'der' })
    .toString('base64');
}

function keyDigestHex(publicKey: string): string {
  return createHash('sha256').update(spkiBytes(publicKey)).digest('hex');
}

/** 'p' + the first 20 hex characters of sha256(SPKI DER). */
export function profileIdFor(publicKey: string): string {
  return `p${keyDigestHex(publicKey).slice(0, 20)}`;
}

/** The first 32 hex characters of sha256(SPKI DER), in 8 groups of 4 ("ab12 cd34 ..."). */
export function fingerprintOf(publicKey: string): string {
  return (keyDigestHex(publicKey).slice(0, 32).match(/.{4}/g) as string[]).join(' ');
}

/** base64 Ed25519 signature over a raw 32-byte digest. */
export function signDigest(digest: Buffer, privateKeyPem: string): string {
  return sign(null, digest, privateKeyObject(privateKeyPem)).toString('base64');
}

/** Whether `sig` (base64) is a valid signature of the digest by `publicKey`. Never throws. */
export function verifyDigest(digest: Buffer, sig: string, publicKey: string): boolean {
  try {
    return verify(null, digest, publicKeyObject(publicKey), Buffer.from(sig, 'base64'));
  } catch {
    return false;
  }
}
