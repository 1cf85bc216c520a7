// A profile is its ledger's first entry (profile.created). Reading just that line keeps the
// profile switcher fast however long the ledger grows. The line is shown only if it is what its
// owner signed: its hash, its signature by the key it holds, and that key's being the profile's
// (the profile id is derived from it). It is read as a workspace file is (safeFs.ts): a planted
// FIFO or symlink is not opened.
import { closeSync } from 'node:fs';
import path from 'node:path';
import type { ProfileSummary } from '../contract/views/app';
import {
  decodeLine,
  fingerprintOf,
  profileCreatedSchema,
  profileIdFor,
  verifyEntrySignature,
  type Workspace,
} from '../ledger';
import { openRegularForRead, readAt } from '../ledger/safeFs';
import { MAX_LINE_BYTES } from '../ledger/limits';

function readFirstLine(file: string): Buffer | null {
  let fd: number;
  try {
    fd = openRegularForRead(file).fd;
  } catch {
    return null;
  }
  try {
    for (let size = 4096; ; size *= 4) {
      const buf = readAt(fd, Math.min(size, MAX_LINE_BYTES + 1), 0);
      const nl = buf.indexOf(0x0a);
      if (nl >= 0) return buf.subarray(0, nl);
      if (buf.length < size || size > MAX_LINE_BYTES) return null;
    }
  } finally {
    closeSync(fd);
  }
}

/** Genesis lines whose signature was checked in this process, by hash. */
const verifiedGenesis = new Set<string>();

export function readProfileFromLedger(ws: Workspace, profileId: string): ProfileSummary | null {
  const line = readFirstLine(path.join(ws.ledgersDir, `${profileId}.jsonl`));
  if (!line) return null;
  try {
    const decoded = decodeLine(line, ws.events);
    if (!decoded.ok) return null;
    const entry = decoded.entry;
    if (entry.type !== 'profile.created' || entry.actor !== profileId || entry.seq !== 1) return null;
    const data = profileCreatedSchema.parse(entry.data);
    if (profileIdFor(data.publicKey) !== profileId) return null;
    if (!verifiedGenesis.has(entry.hash)) {
      if (!verifyEntrySignature(entry, data.publicKey)) return null;
      verifiedGenesis.add(entry.hash);
    }
    return {
      id: profileId,
      name: data.name,
      email: data.email,
      team: data.team,
      fingerprint: fingerprintOf(data.publicKey),
      createdAt: entry.ts,
    };
  } catch {
    return null;
  }
}
