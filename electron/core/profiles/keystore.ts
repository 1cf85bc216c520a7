// Private keys live in the user's local app data (<userData>/keys), never in the workspace: a
// shared folder would let anyone sign as anyone. Each key file is protected by the host's
// SecretProtector (the OS keychain through Electron's safeStorage where there is one) and is
// readable by the user alone (0600) in every case.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { StewardError } from '../errors';
import type { KeyProtection } from '../contract/views/app';
import { KEY_PROTECTIONS } from '../contract/enums';
import { PROFILE_ID_PATTERN } from '../contract/ids';

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

const keyFileSchema = z
  .object({
    version: z.literal(1),
    profileId: z.string().regex(PROFILE_ID_PATTERN),
    publicKey: z.string().min(1),
    protection: z.enum(KEY_PROTECTIONS),
    secret: z.string().min(1),
  })
  .strict();
export type KeyFile = z.infer<typeof keyFileSchema>;

const KEY_SUFFIX = '.key';

export function keyFilePath(keysDir: string, profileId: string): string {
  return path.join(keysDir, `${profileId}${KEY_SUFFIX}`);
}

/** Writes the key file atomically (temp + fsync + rename) with mode 0600 in a 0700 folder. */
export function saveKey(
  keysDir: string,
  protector: SecretProtector,
  key: { profileId: string; publicKey: string; privateKeyPem: string },
): string {
  fs.mkdirSync(keysDir, { recursive: true, mode: 0o700 });
  const file = keyFilePath(keysDir, key.profileId);
  const body: KeyFile = {
    version: 1,
    profileId: key.profileId,
    publicKey: key.publicKey,
    protection: protector.kind,
    secret: protector.protect(Buffer.from(key.privateKeyPem, 'utf8')).toString('base64'),
  };
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

export function loadKey(
  keysDir: string,
  protector: SecretProtector,
  profileId: string,
): { publicKey: string; privateKeyPem: string } {
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
  if (parsed.protection === 'os' && protector.kind !== 'os') {
    throw new StewardError(
      'KEY_UNAVAILABLE',
      `The signing key for profile ${profileId} is locked in the OS keychain, which is not available here. Open Steward's desktop app to use this profile.`,
    );
  }
  let pem: string;
  try {
    pem = (
      parsed.protection === 'os'
        ? protector.reveal(Buffer.from(parsed.secret, 'base64'))
        : Buffer.from(parsed.secret, 'base64')
    ).toString('utf8');
  } catch (error) {
    throw new StewardError(
      'KEY_UNAVAILABLE',
      `The OS keychain refused to unlock the signing key for profile ${profileId}.`,
      {
        cause: error,
      },
    );
  }
  return { publicKey: parsed.publicKey, privateKeyPem: pem };
}
