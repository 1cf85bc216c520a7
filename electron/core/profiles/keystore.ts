// Private keys live in the user's local app data (<userData>/keys), never in the workspace: a
// shared folder would let anyone sign as anyone. Each key file is protected by the host's
// SecretProtector (the OS keychain through Electron's safeStorage where there is one) and is
// readable by the user alone (0600) in every case.
//
// A profile may also have a passphrase, for a computer several people use under one account
// (where the keychain and the file permissions let each of them read every key). Its key is then
// sealed first with AES-256-GCM under a key derived from the passphrase (scrypt), then by the
// SecretProtector: the file alone, or the file and the keychain, do not give the key. Such files
// are version 2; version 1 files (no passphrase) are read as before.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { StewardError } from '../errors';
import type { KeyProtection } from '../contract/views/app';
import { KEY_PROTECTIONS } from '../contract/enums';
import { PROFILE_ID_PATTERN } from '../contract/ids';
import { reason } from '../contract/reasons';

export interface SecretProtector {
  kind: KeyProtection;
  /** One sentence for the UI on how keys are protected here. */
  note: string;
  protect(plain: Buffer): Buffer;
  reveal(stored: Buffer): Buffer;
}

/** No OS keychain (CLI, preview, tests, Linux without a secret service): file permissions only. */
export const fileOnlyProtector: SecretProtector = {
  kind: 'file',
  note: 'This computer offers no keychain to Steward, so your signing key is protected only by file permissions (readable by your user account alone).',
  protect: (plain) => Buffer.from(plain),
  reveal: (stored) => Buffer.from(stored),
};

/**
 * scrypt's cost: 2^15 × 8 × 128 bytes = 32 MiB and some 100 ms per try on a laptop, as OWASP
 * suggests for scrypt; kept in each file so a later version can raise it for new files.
 */
export const PASSPHRASE_KDF = { N: 2 ** 15, r: 8, p: 1 } as const;
const SCRYPT_MAXMEM = 64 * 1024 * 1024;

const base64 = z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/);

const sealedSchema = z
  .object({
    kdf: z.literal('scrypt'),
    N: z
      .int()
      .min(2 ** 14)
      .max(2 ** 20),
    r: z.int().min(8).max(32),
    p: z.int().min(1).max(4),
    salt: base64,
    iv: base64,
    tag: base64,
  })
  .strict();

const keyFileSchema = z.discriminatedUnion('version', [
  z
    .object({
      version: z.literal(1),
      profileId: z.string().regex(PROFILE_ID_PATTERN),
      publicKey: z.string().min(1),
      protection: z.enum(KEY_PROTECTIONS),
      secret: z.string().min(1),
    })
    .strict(),
  z
    .object({
      version: z.literal(2),
      profileId: z.string().regex(PROFILE_ID_PATTERN),
      publicKey: z.string().min(1),
      protection: z.enum(KEY_PROTECTIONS),
      /** The protector's output over the AES-256-GCM ciphertext of the PEM. */
      secret: z.string().min(1),
      passphrase: sealedSchema,
    })
    .strict(),
]);
export type KeyFile = z.infer<typeof keyFileSchema>;

/** A passphrase as a person types it: at least 8 characters, kept as given (no trimming). */
export const PASSPHRASE_MIN = 8;
export const PASSPHRASE_MAX = 1024;

function deriveKey(passphrase: string, salt: Buffer, kdf: { N: number; r: number; p: number }): Buffer {
  return crypto.scryptSync(passphrase.normalize('NFC'), salt, 32, { ...kdf, maxmem: SCRYPT_MAXMEM });
}

/** What the ciphertext is bound to: a sealed key cannot be moved into another profile's file. */
function associatedData(profileId: string, publicKey: string): Buffer {
  return Buffer.from(`steward-key-v2\n${profileId}\n${publicKey}`, 'utf8');
}

function seal(
  pem: string,
  passphrase: string,
  profileId: string,
  publicKey: string,
): { ciphertext: Buffer; sealed: z.infer<typeof sealedSchema> } {
  const salt = crypto.randomBytes(16);
  const iv = crypto.randomBytes(12);
  const key = deriveKey(passphrase, salt, PASSPHRASE_KDF);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(associatedData(profileId, publicKey));
  const ciphertext = Buffer.concat([cipher.update(pem, 'utf8'), cipher.final()]);
  return {
    ciphertext,
    sealed: {
      kdf: 'scrypt',
      ...PASSPHRASE_KDF,
      salt: salt.toString('base64'),
      iv: iv.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
    },
  };
}

/** The PEM, or null when the passphrase is not the one the key was sealed with. */
function unseal(
  ciphertext: Buffer,
  sealed: z.infer<typeof sealedSchema>,
  passphrase: string,
  profileId: string,
  publicKey: string,
): string | null {
  const key = deriveKey(passphrase, Buffer.from(sealed.salt, 'base64'), sealed);
  const decipher = crypto.createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
  decipher.setAAD(associatedData(profileId, publicKey));
  decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
  try {
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}

const KEY_SUFFIX = '.key';

export function keyFilePath(keysDir: string, profileId: string): string {
  return path.join(keysDir, `${profileId}${KEY_SUFFIX}`);
}

/**
 * Writes the key file atomically (temp + fsync + rename) with mode 0600 in a 0700 folder; with a
 * passphrase, the key is sealed under it before the protector sees it.
 */
export function saveKey(
  keysDir: string,
  protector: SecretProtector,
  key: { profileId: string; publicKey: string; privateKeyPem: string },
  options: { passphrase?: string | null } = {},
): string {
  fs.mkdirSync(keysDir, { recursive: true, mode: 0o700 });
  const file = keyFilePath(keysDir, key.profileId);
  const common = { profileId: key.profileId, publicKey: key.publicKey, protection: protector.kind };
  let body: KeyFile;
  if (options.passphrase != null) {
    const { ciphertext, sealed } = seal(key.privateKeyPem, options.passphrase, key.profileId, key.publicKey);
    body = {
      version: 2,
      ...common,
      secret: protector.protect(ciphertext).toString('base64'),
      passphrase: sealed,
    };
  } else {
    body = {
      version: 1,
      ...common,
      secret: protector.protect(Buffer.from(key.privateKeyPem, 'utf8')).toString('base64'),
    };
  }
  const tmp = `${file}.tmp-${process.pid}`;
  const fd = fs.openSync(tmp, 'w', 0o600);
  try {
    fs.writeSync(fd, `${JSON.stringify(body)}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
  return file;
}

export function removeKey(keysDir: string, profileId: string): void {
  fs.rmSync(keyFilePath(keysDir, profileId), { force: true });
}

/** Profile ids that have a private key on this machine. */
export function listLocalKeyIds(keysDir: string): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(keysDir);
  } catch {
    return [];
  }
  return names
    .filter((n) => n.endsWith(KEY_SUFFIX) && PROFILE_ID_PATTERN.test(n.slice(0, -KEY_SUFFIX.length)))
    .map((n) => n.slice(0, -KEY_SUFFIX.length))
    .sort();
}

function readKeyFile(keysDir: string, profileId: string): KeyFile {
  const file = keyFilePath(keysDir, profileId);
  let parsed: KeyFile;
  try {
    parsed = keyFileSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
  } catch (error) {
    const why =
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'it is missing' : 'it is unreadable or damaged';
    throw new StewardError(
      'KEY_UNAVAILABLE',
      `The signing key for profile ${profileId} cannot be used: ${why} (${file}).`,
      {
        cause: error,
      },
    );
  }
  if (parsed.profileId !== profileId) {
    throw new StewardError(
      'KEY_UNAVAILABLE',
      `The key file ${file} belongs to another profile (${parsed.profileId}).`,
    );
  }
  return parsed;
}

/** Whether the profile's key is sealed with a passphrase (false when it has no readable key file). */
export function keyHasPassphrase(keysDir: string, profileId: string): boolean {
  try {
    return readKeyFile(keysDir, profileId).version === 2;
  } catch {
    return false;
  }
}

export function loadKey(
  keysDir: string,
  protector: SecretProtector,
  profileId: string,
  options: { passphrase?: string | null } = {},
): { publicKey: string; privateKeyPem: string } {
  const parsed = readKeyFile(keysDir, profileId);
  if (parsed.protection === 'os' && protector.kind !== 'os') {
    throw new StewardError(
      'KEY_UNAVAILABLE',
      `The signing key for profile ${profileId} is locked in the OS keychain, which is not available here. Open Steward's desktop app to use this profile.`,
    );
  }
  if (parsed.version === 2 && (options.passphrase == null || options.passphrase === '')) {
    throw new StewardError(
      'NOT_ALLOWED',
      `Profile ${profileId} has a passphrase: give it to use this profile.`,
      {
        reasons: [reason('profile.passphraseNeeded')],
      },
    );
  }
  let stored: Buffer;
  try {
    stored =
      parsed.protection === 'os'
        ? protector.reveal(Buffer.from(parsed.secret, 'base64'))
        : Buffer.from(parsed.secret, 'base64');
  } catch (error) {
    throw new StewardError(
      'KEY_UNAVAILABLE',
      `The OS keychain refused to unlock the signing key for profile ${profileId}.`,
      {
        cause: error,
      },
    );
  }
  if (parsed.version === 1) return { publicKey: parsed.publicKey, privateKeyPem: stored.toString('utf8') };
  const pem = unseal(stored, parsed.passphrase, options.passphrase as string, profileId, parsed.publicKey);
  if (pem === null) {
    throw new StewardError('NOT_ALLOWED', `That is not the passphrase of profile ${profileId}.`, {
      reasons: [reason('profile.passphraseWrong')],
    });
  }
  return { publicKey: parsed.publicKey, privateKeyPem: pem };
}

/**
 * Sets, changes or removes a profile's passphrase (`next` null removes it). A key that has one
 * needs it (`current`) to change anything; the file is rewritten atomically, so a crash leaves the
 * old file or the new one.
 */
export function changePassphrase(
  keysDir: string,
  protector: SecretProtector,
  profileId: string,
  change: { current?: string | null; next: string | null },
): void {
  const key = loadKey(keysDir, protector, profileId, { passphrase: change.current ?? null });
  saveKey(keysDir, protector, { profileId, ...key }, { passphrase: change.next });
}
