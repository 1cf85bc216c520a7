// Creating a profile is all-or-nothing. The private key is saved first (locally, never in the
// workspace); the rename of the new ledger file inside createLedger is the commit point. If that
// fails, the key is removed again. A crash in between leaves an orphan key with no ledger, which
// nothing lists as a profile.
import type { ProfileInput, ProfileSummary } from '../contract/views/app';
import { StewardError } from '../errors';
import { createLedger, generateProfileKeys, profileIdFor, type Workspace } from '../ledger';
import { removeKey, saveKey, type SecretProtector } from './keystore';
import { readProfileFromLedger } from './profileDirectory';

export async function createProfile(
  ws: Workspace,
  keysDir: string,
  protector: SecretProtector,
  input: ProfileInput,
  now?: () => Date,
  /** Seals the private key under this passphrase (see keystore.ts). */
  passphrase?: string | null,
): Promise<ProfileSummary> {
  const keys = generateProfileKeys();
  const profileId = profileIdFor(keys.publicKey);
  saveKey(keysDir, protector, { profileId, ...keys }, { passphrase: passphrase ?? null });
  try {
    await createLedger(ws, keys, input, { now });
  } catch (error) {
    removeKey(keysDir, profileId);
    throw error;
  }
  const profile = readProfileFromLedger(ws, profileId);
  if (!profile)
    throw new StewardError('INTERNAL', `Profile ${profileId} was written but cannot be read back.`);
  return profile;
}
