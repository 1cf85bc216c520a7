// The app's own record of its ledger's head, kept beside the private key (<userData>/keys/
// <profileId>.head, per user, never in the workspace): the seq and hash of the last entry this app
// wrote or saw in its own ledger. openLedger compares the file with it, so a ledger cut back or
// replaced in a shared folder opens read-only instead of growing a second history.
//
// One fixed-length line, rewritten in place after every append (one pwrite on a file kept open,
// no fsync: the append itself was fsync'd first, so a crash can only leave this head behind the
// file, never ahead of it, and behind is merely less strict). A check value over the line tells a
// torn or damaged file, which counts as no head at all (the next open records the file's head).
import { hash } from 'node:crypto';
import { closeSync, constants, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { LedgerHead, LocalHeadStore } from '../ledger/ledger';

const MAGIC = 'steward-head 1';
const SEQ_WIDTH = 15;
const LINE = /^steward-head 1 (\d{15}) ([0-9a-f]{64}) ([0-9a-f]{16})\n$/;

export function localHeadPath(keysDir: string, profileId: string): string {
  return path.join(keysDir, `${profileId}.head`);
}

const checkOf = (seq: string, headHash: string) =>
  hash('sha256', `${MAGIC} ${seq} ${headHash}`, 'hex').slice(0, 16);

function lineOf(head: LedgerHead): Buffer {
  const seq = String(head.seq).padStart(SEQ_WIDTH, '0');
  return Buffer.from(`${MAGIC} ${seq} ${head.hash} ${checkOf(seq, head.hash)}\n`, 'latin1');
}

/** The head kept in `file`, or null when there is none or it is damaged. */
export function readLocalHead(file: string): LedgerHead | null {
  let text: string;
  try {
    text = readFileSync(file, 'latin1');
  } catch {
    return null;
  }
  const m = LINE.exec(text);
  if (!m) return null;
  const [, seq, headHash, check] = m as unknown as [string, string, string, string];
  if (checkOf(seq, headHash) !== check) return null;
  return { seq: Number(seq), hash: headHash };
}

/** The local head store of `profileId`'s ledger in `keysDir` (the private key's folder). */
export function localHeadStore(keysDir: string, profileId: string): LocalHeadStore {
  const file = localHeadPath(keysDir, profileId);
  let fd: number | null = null;
  return {
    read: () => readLocalHead(file),
    write(head) {
      try {
        if (fd === null) {
          mkdirSync(keysDir, { recursive: true, mode: 0o700 });
          // Not truncated on open: the old head stays readable until the new one overwrites it.
          fd = openSync(file, constants.O_RDWR | constants.O_CREAT, 0o600);
        }
        const line = lineOf(head);
        writeSync(fd, line, 0, line.length, 0);
      } catch {
        // A head not kept makes the next open less strict, never wrong: the append stands.
      }
    },
    close() {
      if (fd !== null) closeSync(fd);
      fd = null;
    },
  };
}
