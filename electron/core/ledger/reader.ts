// An incremental reader of a workspace, for services that read it on every call. Each ledger's
// read is kept with the file's size, mtime, head and the SHA-256 of the bytes read; on the next
// read a file that has not changed is not read again, and a file that only grew (append-only,
// one writer) has only its new lines decoded: the bytes read before must hash as they did, the
// new lines must chain on the head already verified, and the last new entry's signature is
// checked, as at quick depth. A file that shrank, changed without growing, changed before its
// end, or was broken is read again from genesis. History rewritten behind an unchanged size and
// mtime is what a full verification (verifyWorkspace) is for.
import { createHash, hash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import type { VerifyReport } from './report';
import type { LedgerEntry } from './entry';
import type { LedgerRead, LedgerScan } from './scan';
import type { ReadOptions } from './signatures';
import { entriesMade, entryCount, lazyEntries, scanLedger } from './scan';
import { finishScans } from './signatures';
import { buildReport, listLedgerIds, readWorkspace } from './verify';
import type { Workspace } from './workspace';
import { reason } from '../contract/reasons';
import { fsReason, keyPath, ledgerPath } from './workspace';

interface Cached {
  size: number;
  mtimeMs: number;
  /** Bytes up to the last complete line that was read. */
  completeLength: number;
  /** SHA-256 of those bytes, so that a grown file can show it was only appended to. */
  prefixSha: string;
  keyText: string | null;
  read: LedgerRead;
}

export interface WorkspaceReader {
  /** The workspace read at quick depth, re-reading only what changed since the last call. */
  read(opts?: { now?: () => Date } & ReadOptions): Promise<{ ledgers: LedgerRead[]; report: VerifyReport }>;
  /** Forgets everything read (the next read is a full one). */
  clear(): void;
}

function readKey(ws: Workspace, profileId: string): string | null {
  try {
    return readFileSync(keyPath(ws, profileId), 'utf8');
  } catch {
    return null;
  }
}

/** The bytes of `file` from `from` to its current end, with its size and mtime at that moment. */
function readFrom(file: string, from: number): { buf: Buffer; size: number; mtimeMs: number } {
  const fd = openSync(file, 'r');
  try {
    const st = fstatSync(fd);
    const buf = Buffer.allocUnsafe(Math.max(0, st.size - from));
    let off = 0;
    while (off < buf.length) {
      const n = readSync(fd, buf, off, buf.length - off, from + off);
      if (n === 0) break;
      off += n;
    }
    return { buf: buf.subarray(0, off), size: from + off, mtimeMs: st.mtimeMs };
  } finally {
    closeSync(fd);
  }
}

const ok = (read: LedgerRead) => !read.problems.some((p) => p.severity === 'error');

export function createWorkspaceReader(ws: Workspace): WorkspaceReader {
  const cache = new Map<string, Cached>();
  /** The reads a grown file's read is made of, in order. */
  const pieces = new WeakMap<LedgerRead, LedgerRead[]>();

  function fullScan(profileId: string): {
    scan: LedgerScan;
    size: number;
    mtimeMs: number;
    keyText: string | null;
    prefixSha: string;
  } {
    const keyText = readKey(ws, profileId);
    try {
      const { buf, size, mtimeMs } = readFrom(ledgerPath(ws, profileId), 0);
      const scan = scanLedger(buf, { profileId, keyFileText: keyText, depth: 'quick', events: ws.events });
      const prefixSha = hash('sha256', buf.subarray(0, scan.completeLength), 'hex');
      return { scan, size, mtimeMs, keyText, prefixSha };
    } catch (err) {
      const scan = scanLedger(Buffer.alloc(0), {
        profileId,
        keyFileText: keyText,
        depth: 'quick',
        events: ws.events,
      });
      scan.broken = { seq: 1, reason: reason('ledger.fileUnreadable', { why: fsReason(err) }) };
      return { scan, size: -1, mtimeMs: -1, keyText, prefixSha: '' };
    }
  }

  async function readOne(profileId: string, opts: ReadOptions): Promise<LedgerRead> {
    const file = ledgerPath(ws, profileId);
    const prior = cache.get(profileId);
    if (prior && ok(prior.read) && prior.read.publicKey !== null) {
      const keyText = readKey(ws, profileId);
      let st: { size: number; mtimeMs: number } | null;
      try {
        const fd = openSync(file, 'r');
        try {
          st = fstatSync(fd);
        } finally {
          closeSync(fd);
        }
      } catch {
        st = null;
      }
      if (st && keyText === prior.keyText) {
        if (st.size === prior.size && st.mtimeMs === prior.mtimeMs) return prior.read;
        const have = entryCount(prior.read);
        const headHash = prior.read.headHash;
        if (st.size > prior.size && have > 0 && headHash !== null) {
          // The whole file is read again, but only its new lines are decoded: the bytes already
          // read must hash as they did (an earlier line edited in place, then a real append, is
          // caught here), and the new lines must chain on the head already verified.
          const whole = readFrom(file, 0);
          const prefix = createHash('sha256').update(whole.buf.subarray(0, prior.completeLength));
          const sameSoFar =
            whole.buf.length >= prior.completeLength && prefix.copy().digest('hex') === prior.prefixSha;
          // A copy, so that the new entries do not keep the whole file's bytes alive.
          const tailBuf = sameSoFar ? Buffer.from(whole.buf.subarray(prior.completeLength)) : null;
          const scan =
            tailBuf === null
              ? null
              : scanLedger(tailBuf, {
                  profileId,
                  keyFileText: keyText,
                  depth: 'quick',
                  events: ws.events,
                  resume: { seq: have + 1, prevHash: headHash, publicKey: prior.read.publicKey },
                });
          if (scan !== null && tailBuf !== null && scan.broken === null) {
            const [added] = await finishScans([scan], opts);
            if (added && ok(added)) {
              // The entries are made when first asked for, from the reads of each piece of the
              // file (kept flat, so many small appends never nest one concat in another).
              const made = entriesMade(prior.read) ? undefined : pieces.get(prior.read);
              const parts = [...(made ?? [prior.read]), added];
              const read = { profileId: added.profileId, file: added.file } as LedgerRead;
              lazyEntries(read, have + entryCount(added), () =>
                ([] as LedgerEntry[]).concat(...parts.map((p) => p.entries)),
              );
              pieces.set(read, parts);
              read.headHash = added.headHash ?? headHash;
              read.incompleteTail = added.incompleteTail;
              read.problems = added.problems;
              read.publicKey = added.publicKey;
              cache.set(profileId, {
                size: whole.size,
                mtimeMs: whole.mtimeMs,
                completeLength: prior.completeLength + scan.completeLength,
                prefixSha: prefix.update(tailBuf.subarray(0, scan.completeLength)).digest('hex'),
                keyText,
                read,
              });
              return read;
            }
          }
        }
      }
    }
    // First read, or anything but a clean append: from genesis.
    const { scan, size, mtimeMs, keyText, prefixSha } = fullScan(profileId);
    const [read] = (await finishScans([scan], opts)) as [LedgerRead];
    cache.set(profileId, { size, mtimeMs, completeLength: scan.completeLength, prefixSha, keyText, read });
    return read;
  }

  return {
    async read(opts = {}) {
      let ids: string[];
      try {
        ids = await listLedgerIds(ws);
      } catch {
        return readWorkspace(ws, { depth: 'quick', ...opts }); // words the problem the usual way
      }
      for (const id of [...cache.keys()]) if (!ids.includes(id)) cache.delete(id);
      const ledgers: LedgerRead[] = [];
      for (const id of ids) ledgers.push(await readOne(id, opts));
      return { ledgers, report: buildReport('quick', ledgers, [], opts.now) };
    },
    clear() {
      cache.clear();
    },
  };
}
