// What this app has already verified in full, so that each signature is checked once per app
// rather than on every open: "ledger <profileId> verified up to seq N, whose hash is H; those
// lines are the file's first B bytes, whose SHA-256 is S". A later read of that ledger takes
// lines 1..N without checking them again when the file still starts with those very bytes;
// every other line is verified in full (UTF-8, canonical form, schema, signature). The digest
// covers the bytes, not only the hash chain: the chain commits to each line's body but not to
// its signature, so a forged signature put in place of a verified one must not pass.
//
// It lives in the app's own data folder, never in the workspace: anyone who can write the shared
// folder could otherwise write "verified" next to a forged line. It is only an optimisation:
// lost, torn or unreadable, it costs one full check of each ledger; it is never fsynced.
//
// The file is an append-only log, one line per change, compacted when it holds many stale lines:
//   steward-verified-heads 2 <rules>
//   <profileId> <seq> <hash> <bytes> <sha>
// `rules` names the checks the entries passed (this file's CHECKS_VERSION, the event types and
// what the caller adds, such as the app version): when they change, the file is ignored and
// every ledger is verified again under the new rules.
import { closeSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { sha256Hex } from './entry';
import type { EventRegistry } from './events';
import { openRegularForAppend, readRegularFileIfPresent } from './safeFs';
import { writeAll, writeFileAtomic } from './workspace';

/**
 * Raise when a check is added to or changed in what a full verification of a line does
 * (scan.ts): every app then verifies its ledgers again once.
 */
export const CHECKS_VERSION = 2;

const HEADER = 'steward-verified-heads 2';
const LINE = /^(p[0-9a-f]{20}) ([1-9][0-9]{0,14}) ([0-9a-f]{64}) ([1-9][0-9]{0,15}) ([0-9a-f]{64})$/;
/** The cache is never worth reading past this (some 10 million ledgers). */
const MAX_BYTES = 1024 * 1024 * 1024;

export interface VerifiedHead {
  /** Lines 1..seq were verified in full; `hash` is entry seq's hash. */
  seq: number;
  hash: string;
  /** Those lines are the file's first `bytes` bytes ('\n' included), whose SHA-256 is `sha`. */
  bytes: number;
  sha: string;
}

const lineOf = (id: string, h: VerifiedHead) => `${id} ${h.seq} ${h.hash} ${h.bytes} ${h.sha}\n`;

/** The app's memory of what it verified in full (see the top of this file). */
export interface VerifiedHeads {
  /** Where `profileId`'s ledger was last verified in full, if it was. */
  get(profileId: string): VerifiedHead | undefined;
  /** Records how far `profileId`'s ledger verified in full. */
  set(profileId: string, head: VerifiedHead): void;
  /** Saves what changed since the last flush. Never throws: the cache is only an optimisation. */
  flush(): void;
}

/** A cache held in memory only (tests, and a process that verifies the same ledgers often). */
export function memoryVerifiedHeads(): VerifiedHeads {
  const heads = new Map<string, VerifiedHead>();
  return {
    get: (id) => heads.get(id),
    set: (id, head) => void heads.set(id, { ...head }),
    flush: () => undefined,
  };
}

/** The rules a cache was made under: the checks' version, the event types, and `extra`. */
export function verificationRules(events: EventRegistry, extra = ''): string {
  return sha256Hex(`${CHECKS_VERSION}\n${events.types.join(',')}\n${extra}`).slice(0, 32);
}

/**
 * The cache kept in `file` (in the app's data folder, never in a workspace), made under `rules`
 * (see verificationRules). `onError` hears why it could not be read or saved.
 */
export function openVerifiedHeads(
  file: string,
  rules: string,
  onError: (err: unknown) => void = () => undefined,
): VerifiedHeads {
  const header = `${HEADER} ${rules}`;
  const heads = new Map<string, VerifiedHead>();
  let lines = 0;
  let rewrite = true;
  try {
    const text = readRegularFileIfPresent(file, MAX_BYTES)?.toString('latin1') ?? '';
    const all = text.split('\n');
    all.pop(); // an unfinished last line (a torn append) is not read
    if (all[0] === header) {
      rewrite = false;
      for (let i = 1; i < all.length; i++) {
        const m = LINE.exec(all[i] as string);
        if (m === null) continue;
        heads.set(m[1] as string, {
          seq: Number(m[2]),
          hash: m[3] as string,
          bytes: Number(m[4]),
          sha: m[5] as string,
        });
      }
      lines = all.length - 1;
    }
  } catch (err) {
    onError(err);
  }
  let pending: string[] = [];
  return {
    get: (id) => heads.get(id),
    set(id, head) {
      const had = heads.get(id);
      if (had !== undefined && had.bytes === head.bytes && had.sha === head.sha) return;
      const line = lineOf(id, head);
      if (!LINE.test(line.slice(0, -1))) return;
      heads.set(id, { ...head });
      pending.push(line);
    },
    flush() {
      if (pending.length === 0 && !rewrite) return;
      try {
        mkdirSync(dirname(file), { recursive: true });
        if (rewrite || lines + pending.length > 2 * heads.size + 1024) {
          const body = [...heads].map(([id, h]) => lineOf(id, h)).join('');
          writeFileAtomic(file, `${header}\n${body}`);
          lines = heads.size;
          rewrite = false;
        } else {
          const { fd } = openRegularForAppend(file);
          try {
            writeAll(fd, Buffer.from(pending.join(''), 'latin1'));
          } finally {
            closeSync(fd);
          }
          lines += pending.length;
        }
        pending = [];
      } catch (err) {
        onError(err);
      }
    },
  };
}
