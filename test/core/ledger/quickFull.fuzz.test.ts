// Quick and full accept exactly the same lines. A seeded generator mutates a real ledger the way
// an insider or a broken disk would (flipped bytes, truncation, invalid UTF-8, duplicate keys,
// deep nesting, non-canonical form, forged signatures mid-run ending with a throw-away line,
// reordered, repeated and missing lines, a swapped key file...), and every case is read on the
// same bytes at full depth, at quick depth with no memory of earlier verifications, at quick
// depth with the memory of having verified the file before it was changed, and by the app's
// incremental reader that read it before. All must trust the same entries, end at the same head
// and report the same problems.
import { createHash, createPrivateKey, sign } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createWorkspaceReader,
  encodeEntry,
  entryCount,
  generateProfileKeys,
  memoryVerifiedHeads,
  openLedger,
  readWorkspace,
} from '../../../electron/core/ledger';
import type { LedgerRead, ProfileKeys, UnsignedEntry, Workspace } from '../../../electron/core/ledger';
import type { VerifyReport } from '../../../electron/core/contract/views/app';
import { cleanupTempDirs, decoded, makeLedger, startedData, testClock, type Fixture } from './helpers';

/** mulberry32: a small seeded generator, so a failing case can be replayed from its seed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SEED = 0x5eed14;
const CASES = 160;

let f: Fixture;
let original: Buffer;
let originalKey: Buffer;
let mallory: ProfileKeys;
/** The original lines, without their '\n'. */
let lines: Buffer[];

beforeAll(async () => {
  f = await makeLedger(1);
  const ledger = await openLedger(f.ws, f.profileId, f.keys.privateKeyPem, { now: testClock });
  const texts = ['café', '日本語', 'emoji 😀 "quoted" \\ slash', 'line\nbreak', 'plain'];
  for (let i = 0; i < 10; i++) {
    if (i % 2 === 0) await ledger.append('training.started', startedData(i));
    else
      await ledger.append('review.commented', {
        reviewId: `r-${i}`,
        version: 1,
        text: texts[i % texts.length] as string,
      });
  }
  await ledger.close();
  original = readFileSync(f.file);
  originalKey = readFileSync(`${f.ws.keysDir}/${f.profileId}.pub`);
  mallory = generateProfileKeys();
  lines = splitLines(original);
});
afterAll(cleanupTempDirs);

function splitLines(buf: Buffer): Buffer[] {
  const out: Buffer[] = [];
  let pos = 0;
  for (let nl = buf.indexOf(0x0a); nl >= 0; nl = buf.indexOf(0x0a, pos)) {
    out.push(buf.subarray(pos, nl));
    pos = nl + 1;
  }
  return out;
}

const join = (ls: Buffer[]) => Buffer.concat(ls.flatMap((l) => [l, Buffer.from('\n')]));
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** A line whose body is exactly `body` (any bytes), with its hash and a signature by `key`. */
function signedBody(body: Buffer, key: ProfileKeys): Buffer {
  const hash = sha(body);
  const sig = sign(null, Buffer.from(hash, 'hex'), createPrivateKey(key.privateKeyPem)).toString('base64');
  return Buffer.concat([body.subarray(0, -1), Buffer.from(`,"hash":"${hash}","sig":"${sig}"}`)]);
}

const bodyOf = (line: Buffer) => Buffer.concat([line.subarray(0, line.length - 172), Buffer.from('}')]);

/**
 * Lines from index `from` on re-chained onto `prevHash` and signed by `key`, with their content
 * kept; a line that does not decode (an earlier mutation broke it) ends the re-chaining.
 */
function rechain(ls: Buffer[], from: number, prevHash: string, key: ProfileKeys): Buffer[] {
  const out = ls.slice(0, from);
  let prev = prevHash;
  for (let i = from; i < ls.length; i++) {
    const line = ls[i] as Buffer;
    let encoded: ReturnType<typeof encodeEntry>;
    try {
      // (A deeply nested line is left as it is: it would overflow canonical JSON here.)
      if (line.length > 100_000) throw new Error('not re-chained');
      const e = decoded(line.toString('utf8'));
      const fields: UnsignedEntry = {
        seq: e.seq,
        ts: e.ts,
        type: e.type,
        actor: e.actor,
        data: e.data,
        prev,
      };
      encoded = encodeEntry(fields, key.privateKeyPem);
    } catch {
      return [...out, ...ls.slice(i)];
    }
    out.push(Buffer.from(encoded.line.slice(0, -1)));
    prev = encoded.entry.hash;
  }
  return out;
}

/** Replaces line i's body by `body` signed by `key`, and re-chains what follows with the same key. */
function replaceBody(ls: Buffer[], i: number, body: Buffer, key: ProfileKeys): Buffer[] {
  const out = [...ls];
  out[i] = signedBody(body, key);
  const hash = sha(body);
  return rechain(out, i + 1, hash, key);
}

const owner = () => f.keys;
/** The body of line i with `from` replaced by `to` (first occurrence), as bytes. */
function editedBody(ls: Buffer[], i: number, from: string, to: Buffer | string): Buffer | null {
  const body = bodyOf(ls[i] as Buffer);
  const at = body.indexOf(from);
  if (at < 0) return null;
  return Buffer.concat([body.subarray(0, at), Buffer.from(to), body.subarray(at + from.length)]);
}

interface Case {
  name: string;
  bytes: Buffer;
  keyFile?: Buffer | null;
}

type Mutation = (
  ls: Buffer[],
  r: () => number,
) => { name: string; ls?: Buffer[]; raw?: Buffer; keyFile?: Buffer | null };

const pick = (r: () => number, n: number) => Math.floor(r() * n);
/** A line index past the genesis (most mutations keep the genesis, which names the key). */
const laterLine = (r: () => number, ls: Buffer[]) =>
  Math.min(ls.length - 1, 1 + pick(r, Math.max(1, ls.length - 1)));
/** The hash line i claims (null when it does not decode). */
function hashOf(ls: Buffer[], i: number): string | null {
  try {
    return decoded((ls[i] as Buffer).toString('utf8')).hash;
  } catch {
    return null;
  }
}
const NOTHING = { name: '(nothing: too few lines)' };

const MUTATIONS: Mutation[] = [
  (ls, r) => {
    const bytes = join(ls);
    const at = pick(r, bytes.length);
    bytes[at] = (bytes[at] as number) ^ (1 << pick(r, 8));
    return { name: `flip a bit of byte ${at}`, raw: bytes };
  },
  (ls, r) => {
    const bytes = join(ls);
    const at = pick(r, bytes.length);
    return { name: `truncate at byte ${at}`, raw: bytes.subarray(0, at) };
  },
  (ls, r) => {
    const i = laterLine(r, ls);
    if (i < 1) return NOTHING;
    // Two bytes that are not UTF-8 at the start of the first string in the data.
    const bad = Buffer.from([0xc3, 0x28]); // a lead byte followed by no continuation byte
    const body =
      editedBody(ls, i, '"moduleId":"', Buffer.concat([Buffer.from('"moduleId":"'), bad])) ??
      editedBody(ls, i, '"text":"', Buffer.concat([Buffer.from('"text":"'), bad]));
    return {
      name: `invalid UTF-8 in entry ${i + 1}, signed by its owner`,
      ls: body ? replaceBody(ls, i, body, owner()) : ls,
    };
  },
  (ls, r) => {
    const i = laterLine(r, ls);
    if (i < 1) return NOTHING;
    // Every data object of the fixture has a "version" later on: JSON.parse keeps the last one.
    const body = editedBody(ls, i, '"data":{', '"data":{"version":"0.0.1",');
    const bad = body ?? editedBody(ls, i, '"actor":', '"actor":"someone","actor":');
    return {
      name: `duplicate key in entry ${i + 1}, signed by its owner`,
      ls: bad ? replaceBody(ls, i, bad, owner()) : ls,
    };
  },
  (ls, r) => {
    const i = laterLine(r, ls);
    const depth = [40, 70, 100_000][pick(r, 3)] as number;
    const body = editedBody(ls, i, '"data":{', `"data":{"deep":${'['.repeat(depth)}${']'.repeat(depth)},`);
    return {
      name: `entry ${i + 1} nested ${depth} deep, signed by its owner`,
      ls: body ? replaceBody(ls, i, body, owner()) : ls,
    };
  },
  (ls, r) => {
    const i = laterLine(r, ls);
    const body = editedBody(ls, i, '"data":{', '"data": {');
    return {
      name: `entry ${i + 1} not canonical, signed by its owner`,
      ls: body ? replaceBody(ls, i, body, owner()) : ls,
    };
  },
  (ls, r) => {
    // The attack: correctly chained lines signed by another key, ending with one throw-away line.
    const i = laterLine(r, ls);
    const prev = i < 1 ? null : hashOf(ls, i - 1);
    if (prev === null) return NOTHING;
    const forged = rechain(ls, i, prev, mallory);
    forged.push(Buffer.from(`${(forged[forged.length - 1] as Buffer).toString('utf8').slice(0, -20)}xx"}`));
    return { name: `entries ${i + 1}.. re-signed by another key, then a throw-away line`, ls: forged };
  },
  (ls, r) => {
    let prev = ls.length > 0 ? hashOf(ls, ls.length - 1) : null;
    if (prev === null) return NOTHING;
    const n = 1 + pick(r, 3);
    const out = [...ls];
    for (let k = 0; k < n; k++) {
      const { entry, line } = encodeEntry(
        {
          seq: out.length + 1,
          ts: '2026-06-01T00:00:00.000Z',
          type: 'training.started',
          actor: f.profileId,
          data: startedData(`forged-${k}`),
          prev,
        },
        mallory.privateKeyPem,
      );
      out.push(Buffer.from(line.slice(0, -1)));
      prev = entry.hash;
    }
    return { name: `${n} entries appended, signed by another key`, ls: out };
  },
  (ls, r) => {
    const i = laterLine(r, ls);
    const j = laterLine(r, ls);
    if (i < 1 || j < 1) return NOTHING;
    const out = [...ls];
    [out[i], out[j]] = [out[j] as Buffer, out[i] as Buffer];
    return { name: `entries ${i + 1} and ${j + 1} swapped`, ls: out };
  },
  (ls, r) => {
    const i = laterLine(r, ls);
    return { name: `entry ${i + 1} removed`, ls: ls.filter((_, k) => k !== i) };
  },
  (ls, r) => {
    const i = pick(r, ls.length);
    return {
      name: `entry ${i + 1} repeated`,
      ls: [...ls.slice(0, i + 1), ls[i] as Buffer, ...ls.slice(i + 1)],
    };
  },
  (ls, r) => {
    const i = laterLine(r, ls);
    const body = editedBody(ls, i, '"ts":"', '"ts":"not a date ');
    return {
      name: `entry ${i + 1} with a bad timestamp, signed by its owner`,
      ls: body ? replaceBody(ls, i, body, owner()) : ls,
    };
  },
  (ls, r) => {
    const i = laterLine(r, ls);
    const body =
      editedBody(ls, i, '"version":1', '"version":-1') ??
      editedBody(ls, i, '"moduleId":"', '"moduleId":"NOT A MODULE ID ');
    return {
      name: `entry ${i + 1} with invalid data, signed by its owner`,
      ls: body ? replaceBody(ls, i, body, owner()) : ls,
    };
  },
  (ls, r) => {
    const i = laterLine(r, ls);
    if (i < 1) return NOTHING;
    const line = Buffer.from(ls[i] as Buffer);
    if (line.indexOf('"sig":"') < 0) return NOTHING;
    const at = line.indexOf('"sig":"') + 7 + pick(r, 80);
    line[at] = line[at] === 0x41 ? 0x42 : 0x41;
    const out = [...ls];
    out[i] = line;
    return { name: `signature of entry ${i + 1} changed`, ls: out };
  },
  () => ({ name: 'key file swapped', keyFile: Buffer.from(`${mallory.publicKey}\n`) }),
  () => ({ name: 'key file removed', keyFile: null }),
  (ls, r) => ({ name: 'garbage line appended', ls: [...ls, Buffer.from(`{"x":${pick(r, 1000)}}`)] }),
  (ls) => ({
    name: 'CRLF line ends',
    raw: Buffer.from(join(ls).toString('latin1').replace(/\n/g, '\r\n'), 'latin1'),
  }),
  (ls, r) => {
    const at = pick(r, ls.length);
    const long = Buffer.alloc(5 * 1024 * 1024, 0x61);
    return { name: `a 5 MB line at ${at + 1}`, ls: [...ls.slice(0, at), long, ...ls.slice(at)] };
  },
];

function makeCase(seed: number): Case {
  const r = rng(seed);
  let ls = lines;
  let raw: Buffer | undefined;
  let keyFile: Buffer | null | undefined;
  const names: string[] = [];
  const count = 1 + pick(r, 3);
  for (let k = 0; k < count; k++) {
    const current = raw ? splitLines(raw) : ls;
    if (current.length === 0) break;
    const m = (MUTATIONS[pick(r, MUTATIONS.length)] as Mutation)(current, r);
    names.push(m.name);
    if (m.raw) {
      raw = m.raw;
    } else if (m.ls) {
      ls = m.ls;
      raw = undefined;
    }
    if (m.keyFile !== undefined) keyFile = m.keyFile;
  }
  return { name: names.join('; '), bytes: raw ?? join(ls), ...(keyFile !== undefined ? { keyFile } : {}) };
}

/** What a read shows: the entries trusted, the head, and each problem by file, seq and code. */
function shown(read: { ledgers: LedgerRead[]; report: VerifyReport }) {
  const l = read.ledgers[0] as LedgerRead;
  return {
    entries: entryCount(l),
    hashes: l.entries.map((e) => e.hash),
    headHash: l.headHash,
    problems: read.report.problems.map((p) => ({
      file: p.file,
      seq: p.seq,
      code: p.why.code,
      severity: p.severity,
    })),
    ok: read.report.ok,
  };
}

function put(c: Case | null): void {
  writeFileSync(f.file, c ? c.bytes : original);
  const keyFile = `${f.ws.keysDir}/${f.profileId}.pub`;
  const key = c && 'keyFile' in c ? c.keyFile : originalKey;
  if (key === null) rmSync(keyFile, { force: true });
  else writeFileSync(keyFile, key as Buffer);
}

describe('quick and full accept exactly the same lines', () => {
  it(`on ${CASES} mutated ledgers (seed ${SEED.toString(16)})`, async () => {
    let differing = 0;
    for (let n = 0; n < CASES; n++) {
      const seed = SEED + n;
      const c = makeCase(seed);
      // The app's memory and reader as they stand after verifying the unchanged file.
      put(null);
      const verified = memoryVerifiedHeads();
      const cached: Workspace = { ...f.ws, verified };
      const reader = createWorkspaceReader(cached, { clock: () => 0 });
      expect((await reader.read()).report.ok).toBe(true);
      expect(verified.get(f.profileId)?.seq).toBe(lines.length);

      put(c);
      const full = shown(await readWorkspace(f.ws, { depth: 'full' }));
      const where = `case ${n} (seed ${seed}): ${c.name}`;
      expect(shown(await readWorkspace(f.ws, { depth: 'quick' })), `quick, no memory: ${where}`).toEqual(
        full,
      );
      expect(shown(await readWorkspace(cached, { depth: 'quick' })), `quick, with memory: ${where}`).toEqual(
        full,
      );
      reader.recheck(); // an in-place edit behind an append is the recheck's to find (reader.ts)
      expect(shown(await reader.read()), `incremental reader: ${where}`).toEqual(full);
      if (!full.ok) differing++;
    }
    // The generator is worth its name: most cases are broken in some way.
    expect(differing).toBeGreaterThan(CASES / 2);
  }, 240_000);

  it('a memory of other bytes trusts nothing: another history, a longer file, a forged signature', async () => {
    put(null);
    const verified = memoryVerifiedHeads();
    const ws: Workspace = { ...f.ws, verified };
    await readWorkspace(ws, { depth: 'quick' });
    const head = verified.get(f.profileId);
    expect(head).toMatchObject({ seq: lines.length, bytes: original.length });
    // Entries 4.. re-signed by another key: the same bodies, so the same hashes and links (the
    // hash chain does not cover signatures), only the signatures differ.
    const resigned = rechain(lines, 3, hashOf(lines, 2) as string, mallory);
    expect(resigned.map((_, i) => hashOf(resigned, i))).toEqual(lines.map((_, i) => hashOf(lines, i)));
    const cut = join(lines.slice(0, 8));
    for (const bytes of [join(resigned), cut, join(lines.slice(0, 1))]) {
      writeFileSync(f.file, bytes);
      const full = shown(await readWorkspace(f.ws, { depth: 'full' }));
      expect(full.entries).toBeLessThan(lines.length);
      // The memory still says the whole original file was verified.
      verified.set(f.profileId, head as NonNullable<typeof head>);
      expect(shown(await readWorkspace(ws, { depth: 'quick' }))).toEqual(full);
    }
  });
});
