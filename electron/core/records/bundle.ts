// "Export my records": one person's ledger, as its exact lines, in a file a manager on another
// machine can import. The lines verify on their own (hashes, links, signatures); the manifest,
// signed by the same key, adds what the lines cannot say about themselves: how many there are.
// Without it, a bundle with its last entries cut off would still be a valid (shorter) chain.
//
//   { format: 'steward-bundle', version: 1,
//     manifest: { profileId, publicKey, name, team, entries, headHash, createdAt, linesSha256 },
//     lines: [...],      exact ledger lines without their '\n'
//     signature }        Ed25519 by the person's key over SHA-256 of canonicalJson(manifest)
//
// linesSha256 is the SHA-256 of the ledger bytes (every line plus '\n'), i.e. of the file an
// import writes. The manifest's canonical form starts with {"createdAt":, an entry body with
// {"actor":, so a manifest signature can never stand in for an entry signature.
import { hash as oneShotHash } from 'node:crypto';
import { basename, resolve } from 'node:path';
import { z } from 'zod';
import { StewardError } from '../errors';
import { canonicalJson } from '../ledger/canonical';
import type { LedgerEntryOf } from '../ledger/entry';
import { sha256Hex } from '../ledger/entry';
import { PROFILE_ID_PATTERN, publicKeyOf, signDigest, verifyDigest } from '../ledger/keys';
import { scanLedger } from '../ledger/scan';
import { finishScans } from '../ledger/signatures';
import { FILE_CAPS, readRegularFile } from '../ledger/safeFs';
import { readKeyText } from '../ledger/verify';
import type { Workspace } from '../ledger/workspace';
import {
  errnoCode,
  keyPath,
  ledgerPath,
  ledgerRelPath,
  plainReason,
  writeFileAtomic,
} from '../ledger/workspace';
import type { RecordsExportedData } from './events';
import { formatReason } from '../contract/reasons';

export const BUNDLE_FORMAT = 'steward-bundle';
export const BUNDLE_VERSION = 1;
export const BUNDLE_EXTENSION = '.stewardbundle';

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, { error: 'must be a SHA-256 hash (64 hex characters)' });

export const bundleManifestSchema = z
  .object({
    profileId: z.string().regex(PROFILE_ID_PATTERN, { error: 'must be a profile id' }),
    publicKey: z.string().max(64),
    name: z.string().min(1),
    team: z.string(),
    entries: z.number().int().min(1),
    headHash: sha256,
    createdAt: z.iso.datetime({ error: 'must be an ISO-8601 UTC time' }),
    linesSha256: sha256,
  })
  .strict();
export type BundleManifest = z.output<typeof bundleManifestSchema>;

/** The whole file, once its format and version have been recognised. */
/** Most lines a bundle may hold (as records/importFormats.ts caps an export's). */
const MAX_BUNDLE_LINES = 2_000_000;

export const bundleFileSchema = z
  .object({
    format: z.literal(BUNDLE_FORMAT),
    version: z.literal(BUNDLE_VERSION),
    manifest: bundleManifestSchema,
    lines: z.array(z.string()).min(1).max(MAX_BUNDLE_LINES),
    signature: z.string().regex(/^[A-Za-z0-9+/]{86}==$/, { error: 'must be a base64 Ed25519 signature' }),
  })
  .strict();
export type BundleFile = z.output<typeof bundleFileSchema>;

/** What the manifest signature covers: SHA-256 of the manifest's canonical JSON. */
export function manifestDigest(manifest: BundleManifest): Buffer {
  return oneShotHash('sha256', canonicalJson(manifest), 'buffer');
}

export function signManifest(manifest: BundleManifest, privateKeyPem: string): string {
  return signDigest(manifestDigest(manifest), privateKeyPem);
}

/** Whether `signature` is the manifest's signature by the key the manifest names. Never throws. */
export function manifestSignatureValid(manifest: BundleManifest, signature: string): boolean {
  return verifyDigest(manifestDigest(manifest), signature, manifest.publicKey);
}

export interface BundleWriteResult {
  profileId: string;
  entries: number;
  headHash: string;
  /** SHA-256 of the bundle file as written. */
  sha256: string;
  /** The bundle's base name (never a path: it goes into a shared record). */
  fileName: string;
}

/** The records.exported data the caller appends to its own ledger after writing a bundle. */
export function bundleExportedData(result: BundleWriteResult): RecordsExportedData {
  return {
    format: 'bundle',
    pseudonymised: false,
    fileName: result.fileName,
    sha256: result.sha256,
    rows: 1,
    heads: [{ profileId: result.profileId, entries: result.entries, headHash: result.headHash }],
  };
}

/**
 * Writes `outFile` as a signed bundle of `profileId`'s ledger, atomically (temp file, fsync,
 * rename: nothing is left behind on failure). Reads the ledger as it is on disk, up to its last
 * complete line (an append in progress is not included); a damaged ledger is refused rather
 * than exported in part, since the manager would then see a shorter history with no warning.
 */
export async function writeBundle(
  ws: Workspace,
  profileId: string,
  privateKeyPem: string,
  outFile: string,
  opts: { now: () => Date },
): Promise<BundleWriteResult> {
  if (typeof profileId !== 'string' || !PROFILE_ID_PATTERN.test(profileId)) {
    throw new StewardError('INVALID_ARGUMENT', `Not a profile id: ${String(profileId)}`);
  }
  const rel = ledgerRelPath(profileId);
  let buf: Buffer;
  try {
    buf = readRegularFile(ledgerPath(ws, profileId), FILE_CAPS.ledgerBytes);
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') {
      throw new StewardError(
        'PROFILE_NOT_FOUND',
        `There is no ledger for profile ${profileId} in ${ws.dir}.`,
      );
    }
    throw new StewardError('WORKSPACE_INVALID', `Steward could not read ${rel}: ${plainReason(err)}.`, {
      cause: err,
    });
  }
  // A missing (or planted) key file does not stop an export: the key travels in the genesis entry.
  const keyText = readKeyText(keyPath(ws, profileId)).text;
  const scan = scanLedger(buf, { profileId, keyFileText: keyText, depth: 'full', events: ws.events });
  const [read] = await finishScans([scan]);
  if (!read) throw new StewardError('INTERNAL', 'ledger scan returned nothing');
  if (scan.broken !== null) {
    throw new StewardError(
      'LEDGER_CORRUPT',
      `${rel} is damaged at entry ${scan.broken.seq}: ${formatReason(scan.broken.reason)}. No bundle was written; ` +
        'run "Verify records" to see the problem and keep a copy of the file.',
    );
  }
  const publicKey = read.publicKey as string;
  if (publicKeyOf(privateKeyPem) !== publicKey) {
    throw new StewardError(
      'KEY_UNAVAILABLE',
      `The private key on this computer does not belong to profile ${profileId}: it cannot sign a bundle of ${rel}.`,
    );
  }
  const genesis = read.entries[0] as LedgerEntryOf<'profile.created'>;
  const complete = buf.subarray(0, scan.completeLength);
  const lines = complete.toString('utf8').split('\n');
  lines.pop(); // after the final '\n'
  const manifest: BundleManifest = {
    profileId,
    publicKey,
    name: genesis.data.name,
    team: genesis.data.team,
    entries: read.entries.length,
    headHash: read.headHash as string,
    createdAt: opts.now().toISOString(),
    linesSha256: sha256Hex(complete),
  };
  const bundle: BundleFile = {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    manifest,
    lines,
    signature: signManifest(manifest, privateKeyPem),
  };
  const bytes = Buffer.from(`${JSON.stringify(bundle, null, 2)}\n`, 'utf8');
  const target = resolve(outFile);
  try {
    writeFileAtomic(target, bytes);
  } catch (err) {
    throw new StewardError(
      'WORKSPACE_NOT_WRITABLE',
      `Steward could not save the bundle to ${target}: ${plainReason(err)}. Nothing was saved; choose another folder.`,
      { cause: err },
    );
  }
  return {
    profileId,
    entries: manifest.entries,
    headHash: manifest.headHash,
    sha256: sha256Hex(bytes),
    fileName: basename(target),
  };
}
