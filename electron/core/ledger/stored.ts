// Reading a line straight from the file's bytes, for opening a workspace whose lines this app
// verified before (a trusted prefix: the file starts with the very bytes verified, see scan.ts).
// The open is the plainest work possible: find each '\n', read seq and type by position, and
// make nothing: the line is kept as its offset (StoredEntries). Its entry is made from the same
// bytes when someone reads the entries, and even then `data` is parsed only on its own first
// read (projections do; verifying and appending never ask).
//
// Anything not laid out exactly as the writer lays it out is left to the caller, which decodes
// the line the slow, general way (which also words the error).
import { StewardError } from '../errors';
import { SUFFIX_LENGTH } from './entry';
import type { LedgerEntry } from './entry';
import type { EventRegistry, EventType } from './events';

const ascii = (s: string) => Buffer.from(s, 'latin1');
const viewOf = (b: Buffer) => new DataView(b.buffer, b.byteOffset, b.byteLength);

/** A run of bytes to look for, with a DataView over it for word-wise compares. */
interface Key {
  bytes: Buffer;
  view: DataView;
  length: number;
}
const key = (s: string): Key => {
  const bytes = ascii(s);
  return { bytes, view: viewOf(bytes), length: bytes.length };
};
const HASH_KEY = key(',"hash":"');
const SIG_KEY = key('","sig":"');
const SIG_END = key('=="}');
const TYPE_KEY = key(',"type":"');
const TS_KEY = key(',"ts":"');
const SEQ_KEY = key(',"seq":');
const PREV_KEY = key(',"prev":"');
const DATA_KEY = ascii('","data":');
/** Each registry's types as keys, made once per registry. */
const typeKeys = new WeakMap<EventRegistry, { type: EventType; key: Key }[]>();
function typeKeysOf(events: EventRegistry): { type: EventType; key: Key }[] {
  let keys = typeKeys.get(events);
  if (keys === undefined) {
    keys = events.types.map((t) => ({ type: t, key: key(t) }));
    typeKeys.set(events, keys);
  }
  return keys;
}
/** Longest ts we accept on the fast path (longer goes the slow way). */
const MAX_FIELD = 64;

/**
 * Whether view[at, at + len) equals other[from, from + len), four bytes at a time: a DataView
 * load is one unaligned read where a byte loop over a Buffer is four bounds-checked ones.
 */
function sameBytes(view: DataView, at: number, other: DataView, from: number, len: number): boolean {
  let i = 0;
  for (; i + 4 <= len; i += 4) if (view.getUint32(at + i) !== other.getUint32(from + i)) return false;
  for (; i < len; i++) if (view.getUint8(at + i) !== other.getUint8(from + i)) return false;
  return true;
}

/** Whether view[at, at + k.length) holds `k` (false when that runs outside the view). */
function has(view: DataView, at: number, k: Key): boolean {
  return at >= 0 && at + k.length <= view.byteLength && sameBytes(view, at, k.view, 0, k.length);
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

/**
 * The event type of the string that closes at `close` (after `floor`): the known type whose
 * bytes end there right after a '"' (types hold no '"', so at most one does); null if none.
 */
function eventTypeBefore(
  types: readonly { type: EventType; key: Key }[],
  buf: Buffer,
  view: DataView,
  close: number,
  floor: number,
): EventType | null {
  for (const t of types) {
    const open = close - t.key.length - 1;
    if (open > floor && buf[open] === 0x22 && sameBytes(view, open + 1, t.key.view, 0, t.key.length)) {
      return t.type;
    }
  }
  return null;
}

/** buf's bytes [from, to) as a latin1 string; Buffer#latin1Slice skips toString's argument handling. */
const latin1: (buf: Buffer, from: number, to: number) => string =
  typeof (Buffer.prototype as { latin1Slice?: unknown }).latin1Slice === 'function'
    ? (buf, from, to) =>
        (buf as unknown as { latin1Slice(f: number, t: number): string }).latin1Slice(from, to)
    : (buf, from, to) => buf.toString('latin1', from, to);

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
  /** The ledger's bytes while `data` is unparsed; null once it is parsed or replaced. */
  #src: StoredLineContext | null;
  /**
   * While unparsed, where the data's bytes end in src.buf (they start after the line's head,
   * found from there: a line holds no '\n'); then the data itself. One slot for both keeps
   * 100k retained entries smaller, which is most of what opening them costs in GC.
   */
  #at: unknown;

  constructor(
    seq: number,
    ts: string,
    type: EventType,
    actor: string,
    prev: string,
    hash: string,
    sig: string,
    src: StoredLineContext,
    dataTo: number,
  ) {
    this.seq = seq;
    this.ts = ts;
    this.type = type;
    this.actor = actor;
    Object.defineProperty(this, 'data', DATA);
    this.prev = prev;
    this.hash = hash;
    this.sig = sig;
    this.#src = src;
    this.#at = dataTo;
  }

  /** @internal the data, parsed from the source bytes on first use. */
  readData(): unknown {
    const src = this.#src;
    if (src !== null) {
      const to = this.#at as number;
      const from = src.buf.lastIndexOf(0x0a, to) + 1 + src.head.length;
      try {
        this.#at = JSON.parse(src.buf.toString('utf8', from, to));
      } catch (err) {
        // Only the key holder can have written this (the bytes are hash-chained to a signed
        // entry); a full verification reports it as a broken entry.
        throw new StewardError(
          'LEDGER_CORRUPT',
          `${src.file} entry ${this.seq}: the "data" field is not valid JSON. Run a full verification.`,
          { cause: err },
        );
      }
      this.#src = null;
    }
    return this.#at;
  }

  /** @internal */
  replaceData(value: unknown): void {
    this.#at = value;
    this.#src = null;
  }
}

/** What the fast path needs to know about the ledger being read. */
export interface StoredLineContext {
  /** `{"actor":"<profileId>","data":` as bytes: every line of this ledger starts so. */
  head: Buffer;
  headView: DataView;
  profileId: string;
  file: string;
  /** The bytes being read (a whole file, or an appended tail starting at a line). */
  buf: Buffer;
  view: DataView;
  /** The known event types, as byte keys. */
  types: readonly { type: EventType; key: Key }[];
}

export function storedLineContext(
  profileId: string,
  file: string,
  buf: Buffer,
  events: EventRegistry,
): StoredLineContext {
  const head = Buffer.concat([ascii('{"actor":"'), ascii(profileId), DATA_KEY]);
  return { head, headView: viewOf(head), profileId, file, buf, view: viewOf(buf), types: typeKeysOf(events) };
}

// Where layoutAt found the fields of the line it last accepted (one line at a time, no
// allocation per line).
let atSeq = 0;
let atTsOpen = 0;
let atTsClose = 0;
let atType: EventType = 'profile.created';
let atPrevKey = 0;

/**
 * Whether the line buf[start, end) (without its '\n') is laid out exactly as this ledger's
 * writer lays it out; if so, leaves where its fields are in the at* variables above.
 */
function layoutAt(ctx: StoredLineContext, start: number, end: number): boolean {
  const { buf, view } = ctx;
  const suffixAt = end - SUFFIX_LENGTH;
  const head = ctx.head;
  if (
    suffixAt - start <= head.length + PREV_KEY.length + 64 ||
    !has(view, suffixAt, HASH_KEY) ||
    !has(view, suffixAt + 73, SIG_KEY) ||
    !has(view, end - 4, SIG_END) ||
    !sameBytes(view, start, ctx.headView, 0, head.length)
  ) {
    return false;
  }
  const dataFrom = start + head.length;
  // The tail of the body, backwards: ,"prev":"<64>","seq":<n>,"ts":"<ts>","type":"<type>"}
  const typeClose = suffixAt - 1;
  if (buf[typeClose] !== 0x22) return false;
  const type = eventTypeBefore(ctx.types, buf, view, typeClose, dataFrom);
  if (type === null) return false;
  const typeOpen = typeClose - type.length - 1;
  if (!has(view, typeOpen - 8, TYPE_KEY)) return false;
  const tsClose = typeOpen - 9;
  if (buf[tsClose] !== 0x22) return false;
  const tsOpen = openQuote(buf, tsClose, dataFrom);
  if (tsOpen < 0 || !has(view, tsOpen - 6, TS_KEY)) return false;
  const seqTo = tsOpen - 6;
  let seq = 0;
  let mul = 1;
  let seqFrom = seqTo;
  for (let c = buf[seqFrom - 1] as number; c >= 0x30 && c <= 0x39; c = buf[seqFrom - 1] as number) {
    seq += (c - 0x30) * mul;
    mul *= 10;
    seqFrom--;
    if (seqTo - seqFrom > 15) return false;
  }
  if (seqFrom === seqTo || buf[seqFrom] === 0x30 || !has(view, seqFrom - 7, SEQ_KEY)) return false;
  const prevKeyAt = seqFrom - 8 - 64 - PREV_KEY.length;
  if (prevKeyAt < dataFrom || buf[seqFrom - 8] !== 0x22 || !has(view, prevKeyAt, PREV_KEY)) return false;
  atSeq = seq;
  atTsOpen = tsOpen;
  atTsClose = tsClose;
  atType = type;
  atPrevKey = prevKeyAt;
  return true;
}

/**
 * The seq of the line buf[start, end) (without its '\n') when it is laid out exactly as this
 * ledger's writer lays it out; 0 otherwise. Checks nothing else: for lines whose bytes are
 * known to be the ones verified before (a trusted prefix, see scan.ts).
 */
export function storedLineSeq(ctx: StoredLineContext, start: number, end: number): number {
  return layoutAt(ctx, start, end) ? atSeq : 0;
}

/** The hash written in the line that starts at `start` (checked when the line was read). */
function hashOfLine(ctx: StoredLineContext, start: number): string {
  const suffixAt = ctx.buf.indexOf(0x0a, start) - SUFFIX_LENGTH;
  return latin1(ctx.buf, suffixAt + 9, suffixAt + 73);
}

/** The entry of a line that storedLineSeq accepted; `prev` is the previous entry's hash. */
function entryOfLine(ctx: StoredLineContext, start: number, prev: string): LedgerEntry {
  const { buf } = ctx;
  const end = buf.indexOf(0x0a, start);
  if (!layoutAt(ctx, start, end)) {
    throw new StewardError('INTERNAL', `${ctx.file}: the line at byte ${start} changed after it was read.`);
  }
  const suffixAt = end - SUFFIX_LENGTH;
  const entry = new StoredEntry(
    atSeq,
    latin1(buf, atTsOpen + 1, atTsClose),
    atType,
    ctx.profileId,
    prev,
    latin1(buf, suffixAt + 9, suffixAt + 73),
    latin1(buf, suffixAt + 82, end - 2),
    ctx,
    atPrevKey,
  );
  return entry as unknown as LedgerEntry;
}

/**
 * The trusted entries of one scan, without an object per entry until one is asked for: a line
 * the fast path checked is kept as its start offset in the scan's buffer (a small integer in
 * an array, nothing for the GC to trace); any other line as the entry the general decoder made.
 * Opening a workspace thus checks every hash and link but makes no entries; whoever reads
 * `entries` (projections, exports) makes them all at once, from the same bytes.
 */
export class StoredEntries {
  readonly items: (number | LedgerEntry)[] = [];

  constructor(readonly ctx: StoredLineContext) {}

  get length(): number {
    return this.items.length;
  }

  /** The hash of entry i. */
  hashAt(i: number): string {
    const item = this.items[i] as number | LedgerEntry;
    return typeof item === 'number' ? hashOfLine(this.ctx, item) : item.hash;
  }

  /**
   * Writes entry i's digest (32 bytes) and signature (64 bytes) into out[at, at + 96), straight
   * from the line's bytes for a line kept as its offset (no entry made); false when either does
   * not decode to its exact length (such a signature is invalid).
   */
  digestAndSigInto(i: number, out: Buffer, at: number): boolean {
    const item = this.items[i] as number | LedgerEntry;
    let hash: string;
    let sig: string;
    if (typeof item === 'number') {
      const buf = this.ctx.buf;
      const suffixAt = buf.indexOf(0x0a, item) - SUFFIX_LENGTH;
      hash = latin1(buf, suffixAt + 9, suffixAt + 73);
      sig = latin1(buf, suffixAt + 82, suffixAt + SUFFIX_LENGTH - 2);
    } else {
      hash = item.hash;
      sig = item.sig;
    }
    return (
      hash.length === 64 &&
      sig.length === 88 &&
      out.write(hash, at, 32, 'hex') === 32 &&
      out.write(sig, at + 32, 64, 'base64') === 64
    );
  }

  /** Entry i alone (a new object each call for a line read by the fast path). */
  at(i: number): LedgerEntry {
    const item = this.items[i] as number | LedgerEntry;
    // The first item of a scan always comes from the general decoder, so i > 0 here.
    return typeof item === 'number' ? entryOfLine(this.ctx, item, this.hashAt(i - 1)) : item;
  }

  /** Every entry, in order, sharing each hash string with the next entry's prev. */
  all(count = this.items.length): LedgerEntry[] {
    const out: LedgerEntry[] = new Array<LedgerEntry>(count);
    let prev = '';
    for (let i = 0; i < count; i++) {
      const item = this.items[i] as number | LedgerEntry;
      const e = typeof item === 'number' ? entryOfLine(this.ctx, item, prev) : item;
      out[i] = e;
      prev = e.hash;
    }
    return out;
  }
}
