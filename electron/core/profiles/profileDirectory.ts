// A profile is its ledger's first entry (profile.created). Reading just that line keeps the
// profile switcher fast however long the ledger grows.
import fs from 'node:fs';
import path from 'node:path';
import type { ProfileSummary } from '../contract/views/app';
import { fingerprintOf, profileCreatedSchema, type Workspace } from '../ledger';

function readFirstLine(file: string): string | null {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return null;
  }
  try {
    const chunks: Buffer[] = [];
    const buf = Buffer.alloc(4096);
    for (let pos = 0; pos < 1 << 20;) {
      const n = fs.readSync(fd, buf, 0, buf.length, pos);
      if (n === 0) return null;
      const nl = buf.subarray(0, n).indexOf(10);
      if (nl >= 0) {
        chunks.push(Buffer.from(buf.subarray(0, nl)));
        return Buffer.concat(chunks).toString('utf8');
      }
      chunks.push(Buffer.from(buf.subarray(0, n)));
      pos += n;
    }
    return null;
  } finally {
    fs.closeSync(fd);
  }
}

export function readProfileFromLedger(ws: Workspace, profileId: string): ProfileSummary | null {
  const line = readFirstLine(path.join(ws.ledgersDir, `${profileId}.jsonl`));
  if (!line) return null;
  try {
    const entry = JSON.parse(line) as { type?: unknown; ts?: unknown; actor?: unknown; data?: unknown };
    if (entry.type !== 'profile.created' || entry.actor !== profileId || typeof entry.ts !== 'string')
      return null;
    const data = profileCreatedSchema.parse(entry.data);
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
