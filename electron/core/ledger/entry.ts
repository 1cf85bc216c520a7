// One ledger line: how it is written and how it is read back.
//
//   body = canonicalJson({ actor, data, prev, seq, ts, type })
//   hash = sha256(utf8 body), hex            sig = Ed25519 over the raw 32-byte digest, base64
//   line = body minus its final '}' + ',"hash":"<hash>","sig":"<sig>"}' + '\n'
//
// The suffix has a fixed length (172 bytes), so a reader slices it off, puts the '}' back and
// hashes the exact bytes on disk without re-serialising anything: any changed byte shows up as
// a hash mismatch (body or hash changed) or a signature failure (sig changed).
import { hash as oneShotHash } from 'node:crypto';
import { canonicalJson, CanonicalJsonError } from './canonical';
import type { EventData, EventRegistry, EventType } from './events';
import { signDigest, verifyDigest } from './keys';
import { StewardError } from '../errors';
import { reason, type Reason } from '../contract/reasons';

export const GENESIS_PREV = '0'.repeat(64);
/** Length of `,"hash":"<64 hex>","sig":"<88 base64>"}`. */
export const SUFFIX_LENGTH = 172;

interface EntryBase {
  seq: number;
  ts: string;
  actor: string;
  prev: string;
  hash: string;
  sig: string;
}

/** A ledger entry; narrowing on `type` types `data`. */
export type LedgerEntry = { [T in EventType]: EntryBase & { type: T; data: EventData<T> } }[EventType];
export type LedgerEntryOf<T extends EventType> = Extract<LedgerEntry, { type: T }>;

/** The fields that are hashed and signed. */
export interface UnsignedEntry {
  seq: number;
  ts: string;
  type: EventType;
  actor: string;
  data: unknown;
  prev: string;
}

export function sha256Hex(data: string | Uint8Array): string {
  return oneShotHash('sha256', data, 'hex');
}

/** The canonical body of an entry (what the hash covers). Throws INVALID_ARGUMENT on unrepresentable data. */
export function entryBody(fields: UnsignedEntry): string {
  const { actor, data, prev, seq, ts, type } = fields;
  try {
    return canonicalJson({ actor, data, prev, seq, ts, type });
  } catch (err) {
    if (err instanceof CanonicalJsonError) {
      throw new StewardError('INVALID_ARGUMENT', `Invalid data for "${type}": ${err.message}`, {
        cause: err,
      });
    }
    throw err;
  }
}

/** The entry for signed fields; one shape for what is written and what is read back. */
function toEntry(fields: UnsignedEntry, hash: string, sig: string): LedgerEntry {
  const { seq, ts, type, actor, data, prev } = fields;
  return { seq, ts, type, actor, data, prev, hash, sig } as LedgerEntry;
}

/** Builds, hashes and signs one entry. `line` ends with '\n' and is exactly what is appended. */
export function encodeEntry(
  fields: UnsignedEntry,
  privateKeyPem: string,
): { entry: LedgerEntry; line: string } {
  const body = entryBody(fields);
  const digest = oneShotHash('sha256', body, 'buffer');
  const hash = digest.toString('hex');
  const sig = signDigest(digest, privateKeyPem);
  const line = `${body.slice(0, -1)},"hash":"${hash}","sig":"${sig}"}\n`;
  const entry = toEntry(fields, hash, sig);
  return { entry, line };
}

export function verifyEntrySignature(entry: { hash: string; sig: string }, publicKey: string): boolean {
  return verifyDigest(Buffer.from(entry.hash, 'hex'), entry.sig, publicKey);
}

export type DecodeResult =
  | {
      ok: true;
      entry: LedgerEntry;
      /** The exact body text that was hashed (strict decoding only; null otherwise). */
      body: string | null;
    }
  | { ok: false; reason: Reason; /** the seq the line claims, when it could be read */ seq: number | null };

const SUFFIX_RE = /^,"hash":"([0-9a-f]{64})","sig":"([A-Za-z0-9+/]{86}==)"\}$/;
const PREFIX = '{"actor":"';
const HEX64 = /^[0-9a-f]{64}$/;
const BODY_KEYS = ['actor', 'data', 'prev', 'seq', 'ts', 'type'];

type DecodeFailure = Extract<DecodeResult, { ok: false }>;
const fail = (why: Reason, seq: number | null = null): DecodeFailure => ({ ok: false, reason: why, seq });

/** A positive whole number written in text[from, to) without sign, leading zeros or exponent; else -1. */
function parseSeq(text: string, from: number, to: number): number {
  if (to <= from || to - from > 15 || text.charCodeAt(from) === 48 /* 0 */) return -1;
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/**
 * The index of the '"' that opens the JSON string whose closing '"' is at `close`, provided the
 * string holds no '"' or '\\' (plain content); -1 otherwise.
 */
function openingQuote(text: string, close: number, floor: number): number {
  for (let i = close - 1; i > floor; i--) {
    const c = text.charCodeAt(i);
    if (c === 34) return i;
    if (c === 92) return -1;
  }
  return -1;
}

interface SplitBody {
  actor: string;
  dataFrom: number;
  dataTo: number;
  prev: string;
  seq: number;
  ts: string;
  type: string;
}

/**
 * Fast path for a canonical body in text[start, last] (`last` is where the body's final '}'
 * is): reads the header fields by position instead of parsing them — the tail
 * `,"prev":"<64>","seq":<n>,"ts":"<ts>","type":"<type>"}` backwards from the end, the actor
 * from the front; only `data` goes through JSON.parse later. Returns null when the body is not
 * laid out as the writer lays it out (the caller then parses the whole body).
 */
function splitCanonicalBody(
  text: string,
  start: number,
  last: number,
  strict: boolean,
  types: readonly string[],
): SplitBody | null {
  if (!text.startsWith(PREFIX, start)) return null;
  const actorFrom = start + PREFIX.length;
  let actorEnd = actorFrom;
  for (let c = text.charCodeAt(actorEnd); c !== 34; c = text.charCodeAt(++actorEnd)) {
    if (c === 92 || actorEnd >= last) return null;
  }
  if (!text.startsWith('","data":', actorEnd)) return null;
  const dataFrom = actorEnd + 9;

  const typeClose = last - 1;
  if (text.charCodeAt(typeClose) !== 34) return null;
  const typeOpen = openingQuote(text, typeClose, dataFrom);
  if (typeOpen < 0 || !text.startsWith(',"type":"', typeOpen - 8)) return null;
  const tsClose = typeOpen - 9;
  if (text.charCodeAt(tsClose) !== 34) return null;
  const tsOpen = openingQuote(text, tsClose, dataFrom);
  if (tsOpen < 0 || !text.startsWith(',"ts":"', tsOpen - 6)) return null;
  const seqTo = tsOpen - 6;
  let seqFrom = seqTo;
  while (seqFrom > dataFrom) {
    const c = text.charCodeAt(seqFrom - 1);
    if (c < 48 || c > 57) break;
    seqFrom--;
  }
  const seq = parseSeq(text, seqFrom, seqTo);
  const prevAt = seqFrom - 81;
  if (seq < 0 || prevAt <= dataFrom || !text.startsWith(',"seq":', seqFrom - 7)) return null;
  if (!text.startsWith(',"prev":"', prevAt) || text.charCodeAt(seqFrom - 8) !== 34) return null;
  const prev = text.slice(prevAt + 9, seqFrom - 8);
  // Not a hash: the reader's link check would refuse it anyway; strict decoding says so here.
  if (strict && !HEX64.test(prev)) return null;
  return {
    actor: text.slice(actorFrom, actorEnd),
    dataFrom,
    dataTo: prevAt,
    prev,
    seq,
    ts: text.slice(tsOpen + 1, tsClose),
    type: typeName(text, typeOpen + 1, typeClose, types),
  };
}

/** The event type written at text[from, to), as the shared constant when it is a known one. */
function typeName(text: string, from: number, to: number, types: readonly string[]): string {
  const len = to - from;
  for (const t of types) if (t.length === len && text.startsWith(t, from)) return t;
  return text.slice(from, to);
}

/** Reads and checks the body fields of an entry that has been parsed with JSON.parse. */
function fieldsFromParsed(value: unknown, events: EventRegistry): DecodeFailure | UnsignedEntry {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return fail(reason('ledger.notJsonObject'));
  }
  const rec = value as Record<string, unknown>;
  const seq = typeof rec.seq === 'number' && Number.isSafeInteger(rec.seq) && rec.seq > 0 ? rec.seq : null;
  const keys = Object.keys(rec).sort();
  for (const key of BODY_KEYS) {
    if (!keys.includes(key)) return fail(reason('ledger.fieldMissing', { field: key }), seq);
  }
  const extra = keys.filter((k) => !BODY_KEYS.includes(k));
  if (extra.length > 0)
    return fail(reason('ledger.unexpectedFields', { fields: extra.map((k) => `"${k}"`).join(', ') }), seq);
  if (seq === null) return fail(reason('ledger.seqNotPositive'));
  if (typeof rec.ts !== 'string') return fail(reason('ledger.tsNotText'), seq);
  if (typeof rec.actor !== 'string') return fail(reason('ledger.actorNotText'), seq);
  if (typeof rec.prev !== 'string' || !HEX64.test(rec.prev)) return fail(reason('ledger.prevNotHash'), seq);
  if (!events.has(rec.type)) return fail(reason('ledger.unknownType', { type: String(rec.type) }), seq);
  return { seq, ts: rec.ts, type: rec.type, actor: rec.actor, data: rec.data, prev: rec.prev };
}

/**
 * The SHA-256 (hex) of the body of the line buf[start, end) (without its '\n'): the line up to
 * its fixed-length suffix plus the '}' the suffix replaced. The byte where the suffix starts is
 * overwritten while hashing and restored, so no copy is made.
 */
export function hashLineBody(buf: Buffer, start: number, end: number): string {
  const suffixAt = end - SUFFIX_LENGTH;
  const saved = buf[suffixAt] as number;
  buf[suffixAt] = 0x7d;
  try {
    return oneShotHash('sha256', buf.subarray(start, suffixAt + 1), 'hex');
  } finally {
    buf[suffixAt] = saved;
  }
}

/**
 * Decodes one line, given both as text — text[cStart, cEnd), for the fields — and as the bytes
 * on disk — buf[bStart, bEnd), for the hash — both without the '\n', and checks that its body
 * matches its hash. Does not check links, seq order or signatures: that is the reader's job.
 * The byte at bEnd-172 is overwritten while hashing and restored before returning, so `buf`
 * must not be shared with concurrent readers. strict=false skips format checks that a reader's
 * own checks make redundant (prev being hex, the sig's alphabet: a bad sig fails verification)
 * and does not return the body text.
 */
export function decodeLineAt(
  text: string,
  cStart: number,
  cEnd: number,
  buf: Buffer,
  bStart: number,
  bEnd: number,
  /** The event types the workspace's ledgers may hold. */
  events: EventRegistry,
  strict: boolean,
  /** false: leave `data` null (except in the genesis entry) for callers that only verify. */
  parseData = true,
): DecodeResult {
  const suffixAt = cEnd - SUFFIX_LENGTH;
  if (
    cEnd - cStart < SUFFIX_LENGTH + 2 ||
    !text.startsWith(',"hash":"', suffixAt) ||
    !text.startsWith('","sig":"', suffixAt + 73) ||
    !text.endsWith('=="}', cEnd) ||
    (strict && !SUFFIX_RE.test(text.slice(suffixAt, cEnd)))
  ) {
    return fail(reason(cEnd === cStart ? 'ledger.lineEmpty' : 'ledger.suffixMalformed'));
  }
  const hash = text.slice(suffixAt + 9, suffixAt + 73);
  const sig = text.slice(suffixAt + 82, cEnd - 2);
  const actual = hashLineBody(buf, bStart, bEnd);
  const split = splitCanonicalBody(text, cStart, suffixAt, strict, events.types);
  const body = strict || split === null ? `${text.slice(cStart, suffixAt)}}` : null;
  let fields: UnsignedEntry;
  if (split !== null) {
    const seq = split.seq;
    if (actual !== hash) return fail(reason('ledger.hashMismatch'), seq);
    if (!events.has(split.type)) return fail(reason('ledger.unknownType', { type: split.type }), seq);
    let data: unknown;
    try {
      data = parseData || seq === 1 ? JSON.parse(text.slice(split.dataFrom, split.dataTo)) : null;
    } catch {
      return fail(reason('ledger.dataNotJson'), seq);
    }
    fields = { seq, ts: split.ts, type: split.type, actor: split.actor, data, prev: split.prev };
  } else {
    let parsed: unknown;
    let parseError = false;
    try {
      parsed = JSON.parse(body as string);
    } catch {
      parseError = true;
    }
    const res = parseError ? fail(reason('ledger.notJson')) : fieldsFromParsed(parsed, events);
    if (actual !== hash) {
      return fail(reason('ledger.hashMismatch'), res.seq);
    }
    if ('ok' in res) return res;
    fields = res;
  }
  const entry = toEntry(fields, hash, sig);
  return { ok: true, entry, body };
}

/** decodeLineAt for the line buf[start, end) (without its '\n'). */
export function decodeLineBytes(
  buf: Buffer,
  start: number,
  end: number,
  events: EventRegistry,
  strict = true,
): DecodeResult {
  const text = buf.toString('utf8', start, end);
  return decodeLineAt(text, 0, text.length, buf, start, end, events, strict);
}

/** decodeLineBytes for a single line given as text or bytes (with or without its '\n'). */
export function decodeLine(line: string | Uint8Array, events: EventRegistry): DecodeResult {
  const buf = Buffer.from(typeof line === 'string' ? Buffer.from(line, 'utf8') : line);
  const end = buf.length > 0 && buf[buf.length - 1] === 0x0a ? buf.length - 1 : buf.length;
  return decodeLineBytes(buf, 0, end, events);
}
