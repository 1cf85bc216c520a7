// The witnessing event: a signed checkpoint of other people's ledger heads, as this app saw them.
// Each head is [profileId, seq, hash, sig]: the ledger, how many entries it had, the hash of its
// last entry, and that entry's own signature by the ledger's owner; the first time a witness lists
// a ledger it adds the owner's public key, so that a ledger later deleted with its key file can
// still have its signatures checked (the key hashes to the profile id, so it cannot be swapped). The signature is what lets a
// reader check a checkpoint it cannot match with the file any more: a head the owner really signed
// proves the owner wrote that entry (so a ledger now shorter was cut, one with another entry there
// was forked), and a head the owner never signed proves the checkpoint false. A checkpoint lists
// only the heads that changed since its author's previous one (a delta), at most
// MAX_HEADS_PER_CHECKPOINT of them, so a line stays under ~52 KB whatever the workspace's size.
import { z } from 'zod';
import { hashSchema, profileIdSchema } from '../contract/schemas';
import type { EventSchemas } from '../ledger/events';

/** 192 heads of at most ~265 bytes each: a checkpoint line stays under ~52 KB. */
export const MAX_HEADS_PER_CHECKPOINT = 192;

/** Why a checkpoint was written: alongside a records export, or the daily one while the app is in use. */
export const CHECKPOINT_OCCASIONS = ['export', 'daily'] as const;

const signatureSchema = z
  .string()
  .regex(/^[A-Za-z0-9+/]{86}==$/, { error: 'must be a base64 Ed25519 signature' });

const publicKeySchema = z
  .string()
  .regex(/^MCowBQYDK2VwAyEA[A-Za-z0-9+/]{43}=$/, { error: 'must be a base64 Ed25519 public key' });
const head = [profileIdSchema, z.int().min(1), hashSchema, signatureSchema] as const;

/**
 * [profileId, seq, hash, sig] or [profileId, seq, hash, sig, publicKey]: ledger `profileId` had
 * `seq` entries, the last with this hash and this signature by its owner (whose key this is).
 */
export const witnessedHeadSchema = z.union([z.tuple([...head]), z.tuple([...head, publicKeySchema])]);

export const witnessCheckpointSchema = z
  .object({
    occasion: z.enum(CHECKPOINT_OCCASIONS),
    heads: z.array(witnessedHeadSchema).min(1).max(MAX_HEADS_PER_CHECKPOINT),
  })
  .strict();

export type WitnessedHead = z.output<typeof witnessedHeadSchema>;
export type WitnessCheckpointData = z.output<typeof witnessCheckpointSchema>;

export interface WitnessEventDataMap {
  'witness.checkpoint': WitnessCheckpointData;
}

export const witnessEventDataSchemas = {
  'witness.checkpoint': witnessCheckpointSchema,
} as const satisfies Pick<EventSchemas, keyof WitnessEventDataMap>;

declare module '../ledger/events' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging adds these events to the ledger's map
  interface LedgerEventMap extends WitnessEventDataMap {}
}
