// Reading a line of one's own ledger straight from the file's bytes, for opening a workspace.
// The open is the plainest work possible: find each '\n', SHA-256 the exact bytes, compare the
// hash and the prev link as bytes, read seq/ts/type by position. `data` is not parsed here: an
// entry keeps the bytes it came from and parses its data the first time it is read (projections
// do; verifying and appending do not). The hash chain up to the signed last entry authenticates
// those bytes, so parsing them later is parsing what was verified.
//
// Anything not laid out exactly as the writer lays it out returns null, and the caller decodes
// the line the slow, general way (which also words the error).
import { hash as oneShotHash } from 'node:crypto';
import { StewardError } from '../errors';
import { SUFFIX_LENGTH } from './entry';
import type { DecodeResult, LedgerEntry } from './entry';
import { EVENT_TYPES } from './events';
import type { EventType } from './events';

const ascii = (s: string) => Buffer.from(s, 'latin1');
const HASH_KEY = ascii(',"hash":"');
const SIG_KEY = ascii('","sig":"');
const SIG_END = ascii('=="}');
const TYPE_KEY = ascii(',"type":"');
const TS_KEY = ascii(',"ts":"');
const SEQ_KEY = ascii(',"seq":');
const PREV_KEY = ascii(',"prev":"');
const DATA_KEY = ascii('","data":');
const TYPES = EVENT_TYPES.map((t) => ({ type: t, bytes: ascii(t) }));
/** Longest event type, ts and seq we accept on the fast path (longer goes the slow way). */
const MAX_FIELD = 64;

/** Whether buf[at, at + key.length) holds `key`. */
function has(buf: Buffer, at: number, key: Buffer): boolean {
  if (at < 0) return false;
  for (let i = 0; i < key.length; i++) if (buf[at + i] !== key[i]) return false;
  return true;
}

/** The '"' opening a plain ASCII string that closes at `close` (no '\\', no byte >= 0x80); else -1. */
function openQuote(buf: Buffer, close: number, floor: number): number {
  const stop = Math.max(floor, close - MAX_FIELD);
  for (let i = close - 1; i > stop; i--) {
    const c = buf[i] as number;
    if (c === 0x22) return i;
    if (c === 0x5c || c >= 0x80) return -1;
  }
  return -1;
}

/** The event type written at buf[from, to), as the shared constant; null if unknown. */
function eventTypeAt(buf: Buffer, from: number, to: number): EventType | null {
  for (const t of TYPES) if (t.bytes.length === to - from && has(buf, from, t.bytes)) return t.type;
  return null;
}

function dataDescriptor(): PropertyDescriptor {
  return {
    enumerable: true,
    configurable: true,
    get(this: StoredEntry) {
      return this.readData();
    },
    set(this: StoredEntry, value: unknown) {
      this.replaceData(value);
    },
  };
}
const DATA = dataDescriptor();
const UNPARSED: unique symbol = Symbol('unparsed');

/**
 * An entry read from a ledger file whose `data` is parsed on first read. `data` is an own,
 * enumerable accessor, so spreading, JSON.stringify, structuredClone and deep equality all see
 * an ordinary entry; the source bytes are private fields, invisible to all of them.
 */
export class StoredEntry {
  seq: number;
  ts: string;
  type: EventType;
  actor: string;
  declare data: unknown;
  prev: string;
  hash: string;
  sig: string;
  #src: Buffer | null;
  #from: number;
  #to: number;
  #file: string;
  #value: unknown = UNPARSED;

  constructor(
    fields: {
      seq: number;
      ts: string;
      type: EventType;
      actor: string;
      prev: string;
      hash: string;
      sig: string;
    },
    src: Buffer,
    from: number,
    to: number,
    file: string,
  ) {
    this.seq = fields.seq;
    this.ts = fields.ts;
    this.type = fields.type;
    this.actor = fields.actor;
    Object.defineProperty(this, 'data', DATA);
    this.prev = fields.prev;
    this.hash = fields.hash;
    this.sig = fields.sig;
    this.#src = src;
    this.#from = from;
    this.#to = to;
    this.#file = file;
  }

  /** @internal the data, parsed from the source bytes on first use. */
  readData(): unknown {
    if (this.#value === UNPARSED) {
      const src = this.#src as Buffer;
      try {
        this.#value = JSON.parse(src.toString('utf8', this.#from, this.#to));
      } catch (err) {
        // Only the key holder can have written this (the bytes are hash-chained to a signed
        // entry); a full verification reports it as a broken entry.
        throw new StewardError(
          'LEDGER_CORRUPT',
          `${this.#file} entry ${this.seq}: the "data" field is not valid JSON. Run a full verification.`,
          { cause: err },
        );
      }
      this.#src = null;
    }
    return this.#value;
  }

  /** @internal */
  replaceData(value: unknown): void {
    this.#value = value;
    this.#src = null;
  }
}

/** What the fast path needs to know about the ledger being read. */
export interface StoredLineContext {
  /** `{"actor":"<profileId>","data":` as bytes: every line of this ledger starts so. */
  head: Buffer;
  profileId: string;
  file: string;
}

export function storedLineContext(profileId: string, file: string): StoredLineContext {
  return { head: Buffer.concat([ascii('{"actor":"'), ascii(profileId), DATA_KEY]), profileId, file };
}

/**
 * Decodes the line buf[start, end) (without its '\n') of this ledger's own layout, checking its
 * bytes against its hash. `prevAt` is where the previous line's hash sits in `buf` (its text
 * is `prevHash`), or -1 for the first line, whose prev must be all zeros. Returns null when the
 * line is not in the writer's layout (the caller decodes it the general way). `buf` is modified
 * while hashing and restored.
 */
export function decodeStoredLine(
  buf: Buffer,
  start: number,
  end: number,
  ctx: StoredLineContext,
  prevAt: number,
  prevHash: string,
): DecodeResult | null {
  const suffixAt = end - SUFFIX_LENGTH;
  const head = ctx.head;
  if (
    suffixAt - start <= head.length + PREV_KEY.length + 64 ||
    !has(buf, suffixAt, HASH_KEY) ||
    !has(buf, suffixAt + 73, SIG_KEY) ||
    !has(buf, end - 4, SIG_END) ||
    !has(buf, start, head)
  ) {
    return null;
  }
  const dataFrom = start + head.length;
  // The tail of the body, backwards: ,"prev":"<64>","seq":<n>,"ts":"<ts>","type":"<type>"}
  const typeClose = suffixAt - 1;
  if (buf[typeClose] !== 0x22) return null;
  const typeOpen = openQuote(buf, typeClose, dataFrom);
  if (typeOpen < 0 || !has(buf, typeOpen - 8, TYPE_KEY)) return null;
  const type = eventTypeAt(buf, typeOpen + 1, typeClose);
  if (type === null) return null;
  const tsClose = typeOpen - 9;
  if (buf[tsClose] !== 0x22) return null;
  const tsOpen = openQuote(buf, tsClose, dataFrom);
  if (tsOpen < 0 || !has(buf, tsOpen - 6, TS_KEY)) return null;
  const seqTo = tsOpen - 6;
  let seq = 0;
  let mul = 1;
  let seqFrom = seqTo;
  for (let c = buf[seqFrom - 1] as number; c >= 0x30 && c <= 0x39; c = buf[seqFrom - 1] as number) {
    seq += (c - 0x30) * mul;
    mul *= 10;
    seqFrom--;
    if (seqTo - seqFrom > 15) return null;
  }
  if (seqFrom === seqTo || buf[seqFrom] === 0x30 || !has(buf, seqFrom - 7, SEQ_KEY)) return null;
  const prevKeyAt = seqFrom - 8 - 64 - PREV_KEY.length;
  if (prevKeyAt < dataFrom || buf[seqFrom - 8] !== 0x22 || !has(buf, prevKeyAt, PREV_KEY)) return null;
  const prevFrom = prevKeyAt + PREV_KEY.length;

  const saved = buf[suffixAt] as number;
  buf[suffixAt] = 0x7d;
  let actual: string;
  try {
    actual = oneShotHash('sha256', buf.subarray(start, suffixAt + 1), 'hex');
  } finally {
    buf[suffixAt] = saved;
  }
  // The hash in the line against the computed one, byte by byte: no string per line for it.
  for (let i = 0; i < 64; i++) {
    if (buf[suffixAt + 9 + i] !== actual.charCodeAt(i)) {
      return { ok: false, reason: 'the entry does not match its hash (its content was changed)', seq };
    }
  }
  // prev against the previous line's hash bytes (a plain loop beats a native call per line).
  let linked = true;
  for (let i = 0; i < 64 && linked; i++) {
    linked = buf[prevFrom + i] === (prevAt < 0 ? 0x30 : buf[prevAt + i]);
  }
  const entry = new StoredEntry(
    {
      seq,
      ts: buf.toString('latin1', tsOpen + 1, tsClose),
      type,
      actor: ctx.profileId,
      prev: linked ? prevHash : buf.toString('latin1', prevFrom, prevFrom + 64),
      hash: actual,
      sig: buf.toString('latin1', suffixAt + 82, end - 2),
    },
    buf,
    dataFrom,
    prevKeyAt,
    ctx.file,
  );
  return { ok: true, entry: entry as unknown as LedgerEntry, body: null };
}
