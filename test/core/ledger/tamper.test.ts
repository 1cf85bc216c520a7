// Every kind of tampering is detected and named by file and seq.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  canonicalJson,
  encodeEntry,
  openLedger,
  fingerprintOf,
  generateProfileKeys,
  profileIdFor,
  readLedgerFile,
  readWorkspace,
  signatureThreads,
  verifyWorkspace,
} from '../../../electron/core/ledger';
import type { VerifyReport } from '../../../electron/core/contract/views/app';
import { signatureStats } from '../../../electron/core/ledger/signatures';
import {
  cleanupTempDirs,
  decoded,
  lineFromBody,
  makeLedger,
  readLines,
  rewriteFrom,
  startedData,
  writeLines,
} from './helpers';
import type { Fixture } from './helpers';
import { stewardWorkspace } from '../../../electron/core/events';
import { formatReason } from '../../../electron/core/contract/reasons';

afterEach(cleanupTempDirs);

const N = 8;

async function tampered(edit: (lines: string[], f: Fixture) => string[]): Promise<Fixture> {
  const f = await makeLedger(N);
  writeLines(f.file, edit(readLines(f.file), f));
  return f;
}

function errors(report: VerifyReport) {
  return report.problems.filter((p) => p.severity === 'error');
}

/** Asserts the report has exactly one error, for `rel` at `seq`, whose reason matches. */
function expectOneError(report: VerifyReport, rel: string, seq: number | null, reason: RegExp): void {
  expect(report.ok).toBe(false);
  expect(errors(report)).toEqual([
    {
      file: rel,
      seq,
      reason: expect.stringMatching(reason),
      why: { code: expect.stringMatching(/^ledger\./), params: expect.any(Object) },
      laterLinesNotRead: expect.any(Number),
      severity: 'error',
    },
  ]);
  // The words the screens show come from the code alone: the English sentence is made from it.
  const problem = errors(report)[0]!;
  expect(problem.reason.startsWith(formatReason(problem.why))).toBe(true);
}

function flipChar(s: string, at: number): string {
  const c = s[at] as string;
  const to = c === 'a' ? 'b' : c === '0' ? '1' : c === 'A' ? 'B' : c === 'm' ? 'n' : 'a';
  return s.slice(0, at) + to + s.slice(at + 1);
}

describe('tampering is detected with file and seq', () => {
  it('a changed byte in the data of entry 5 (both depths), and entries after it are not trusted', async () => {
    const f = await tampered((lines) => {
      lines[4] = (lines[4] as string).replace('"moduleId":"m-5"', '"moduleId":"m-6"');
      return lines;
    });
    for (const depth of ['quick', 'full'] as const) {
      const { ledgers, report } = await readWorkspace(f.ws, { depth });
      expectOneError(report, f.rel, 5, /does not match its hash.*3 later lines not read/);
      expect(ledgers[0]?.entries.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
      expect(report.ledgers[0]).toMatchObject({
        entries: 4,
        ok: false,
        headHash: ledgers[0]?.entries[3]?.hash,
      });
    }
  });

  it('any single changed byte anywhere in any line', async () => {
    const f = await makeLedger(4);
    const original = readFileSync(f.file);
    const lineStarts = [0];
    for (let i = 0; i < original.length - 1; i++) if (original[i] === 0x0a) lineStarts.push(i + 1);
    // Every 7th byte of every line (the '\n's excluded), to keep the run short.
    for (let pos = 0; pos < original.length; pos += 7) {
      if (original[pos] === 0x0a) continue;
      const copy = Buffer.from(original);
      copy[pos] = (copy[pos] as number) ^ 0x01;
      writeFileSync(f.file, copy);
      const seq = lineStarts.filter((s) => s <= pos).length;
      const report = await verifyWorkspace(stewardWorkspace(f.ws.dir), { depth: 'full' });
      expect(report.ok, `byte ${pos}`).toBe(false);
      expect(errors(report)[0], `byte ${pos}`).toMatchObject({ file: f.rel, seq });
    }
  });

  it('a changed hash field', async () => {
    const f = await tampered((lines) => {
      const l = lines[2] as string;
      lines[2] = flipChar(l, l.indexOf('"hash":"') + 20);
      return lines;
    });
    expectOneError(await verifyWorkspace(stewardWorkspace(f.ws.dir)), f.rel, 3, /does not match its hash/);
  });

  it('a deleted line', async () => {
    const f = await tampered((lines) => lines.filter((_, i) => i !== 4));
    for (const depth of ['quick', 'full'] as const) {
      expectOneError(
        await verifyWorkspace(stewardWorkspace(f.ws.dir), { depth }),
        f.rel,
        5,
        /found seq 6 where seq 5 should be/,
      );
    }
  });

  it('two lines swapped', async () => {
    const f = await tampered((lines) => {
      [lines[5], lines[6]] = [lines[6] as string, lines[5] as string];
      return lines;
    });
    expectOneError(
      await verifyWorkspace(stewardWorkspace(f.ws.dir)),
      f.rel,
      6,
      /found seq 7 where seq 6 should be/,
    );
  });

  it('a repeated line', async () => {
    const f = await tampered((lines) => [...lines.slice(0, 4), lines[3] as string, ...lines.slice(4)]);
    expectOneError(
      await verifyWorkspace(stewardWorkspace(f.ws.dir)),
      f.rel,
      5,
      /found seq 4 where seq 5.*repeated or reordered/,
    );
  });

  it('a forged signature in the middle, and on the last entry, at both depths', async () => {
    const f = await tampered((lines) => {
      const sigAt = (l: string) => l.indexOf('"sig":"') + 10;
      lines[3] = flipChar(lines[3] as string, sigAt(lines[3] as string));
      return lines;
    });
    // Every signature is checked at quick depth too (before, only the first and last were).
    for (const depth of ['quick', 'full'] as const) {
      expectOneError(
        await verifyWorkspace(stewardWorkspace(f.ws.dir), { depth }),
        f.rel,
        4,
        /signature is not valid/,
      );
    }
    const good = await makeLedger(N);
    const last = readLines(good.file);
    last[N - 1] = flipChar(last[N - 1] as string, (last[N - 1] as string).indexOf('"sig":"') + 30);
    writeLines(good.file, last);
    const quick = await readWorkspace(good.ws, { depth: 'quick' });
    expectOneError(quick.report, good.rel, N, /signature is not valid/);
    expect(quick.ledgers[0]?.entries).toHaveLength(N - 1);
  });

  it('an entry rewritten and signed with another key', async () => {
    const mallory = generateProfileKeys();
    const f = await tampered((lines) =>
      rewriteFrom(lines, 4, (e) => ({ ...e, data: startedData('forged') }), mallory.privateKeyPem),
    );
    expectOneError(
      await verifyWorkspace(stewardWorkspace(f.ws.dir), { depth: 'full' }),
      f.rel,
      5,
      /signature is not valid/,
    );
    expectOneError(
      await verifyWorkspace(stewardWorkspace(f.ws.dir), { depth: 'quick' }),
      f.rel,
      5,
      /signature is not valid/,
    );
  });

  it('a missing sig field, a missing hash field', async () => {
    const f = await tampered((lines) => {
      const e = decoded(lines[4] as string);
      lines[4] = (lines[4] as string).replace(`,"sig":"${e.sig}"`, '');
      return lines;
    });
    expectOneError(
      await verifyWorkspace(stewardWorkspace(f.ws.dir)),
      f.rel,
      5,
      /hash and signature fields are missing/,
    );
    const g = await tampered((lines) => {
      const e = decoded(lines[1] as string);
      lines[1] = (lines[1] as string).replace(`"hash":"${e.hash}",`, '');
      return lines;
    });
    expectOneError(
      await verifyWorkspace(stewardWorkspace(g.ws.dir)),
      g.rel,
      2,
      /hash and signature fields are missing/,
    );
  });

  it('a public key file swapped for another key', async () => {
    const f = await makeLedger(N);
    writeFileSync(join(f.ws.keysDir, `${f.profileId}.pub`), `${generateProfileKeys().publicKey}\n`);
    for (const depth of ['quick', 'full'] as const) {
      expectOneError(
        await verifyWorkspace(stewardWorkspace(f.ws.dir), { depth }),
        f.rel,
        1,
        new RegExp(`keys/${f.profileId}\\.pub holds a different public key`),
      );
    }
  });

  it('a whole ledger re-created with another key under the same file name', async () => {
    const f = await makeLedger(N);
    const mallory = generateProfileKeys();
    const lines = rewriteFrom(
      readLines(f.file),
      0,
      (e) => ({
        ...e,
        data: {
          ...(e.data as object),
          publicKey: mallory.publicKey,
          fingerprint: fingerprintOf(mallory.publicKey),
        },
      }),
      mallory.privateKeyPem,
    );
    writeLines(f.file, lines);
    writeFileSync(join(f.ws.keysDir, `${f.profileId}.pub`), `${mallory.publicKey}\n`);
    expectOneError(
      await verifyWorkspace(stewardWorkspace(f.ws.dir)),
      f.rel,
      1,
      new RegExp(`belongs to profile ${profileIdFor(mallory.publicKey)}, not ${f.profileId}`),
    );
  });

  it('a seq gap or duplicate written with the right key', async () => {
    const f = await tampered((lines, fx) =>
      rewriteFrom(lines, 4, (e) => ({ ...e, seq: 7 }), fx.keys.privateKeyPem),
    );
    expectOneError(
      await verifyWorkspace(stewardWorkspace(f.ws.dir)),
      f.rel,
      5,
      /found seq 7 where seq 5 should be/,
    );
    const g = await tampered((lines, fx) =>
      rewriteFrom(lines, 4, (e) => ({ ...e, seq: 4 }), fx.keys.privateKeyPem),
    );
    expectOneError(
      await verifyWorkspace(stewardWorkspace(g.ws.dir)),
      g.rel,
      5,
      /found seq 4 where seq 5 should be/,
    );
  });

  it('a broken prev link written with the right key', async () => {
    const f = await tampered((lines, fx) =>
      rewriteFrom(lines, 3, (e) => ({ ...e, prev: 'f'.repeat(64) }), fx.keys.privateKeyPem),
    );
    expectOneError(await verifyWorkspace(stewardWorkspace(f.ws.dir)), f.rel, 4, /does not link to entry 3/);
  });

  it('an actor that is not the owner of the file', async () => {
    const other = profileIdFor(generateProfileKeys().publicKey);
    const f = await tampered((lines, fx) =>
      rewriteFrom(lines, 5, (e) => ({ ...e, actor: other }), fx.keys.privateKeyPem),
    );
    expectOneError(
      await verifyWorkspace(stewardWorkspace(f.ws.dir)),
      f.rel,
      6,
      new RegExp(`actor is ${other}`),
    );
  });

  it('a first entry that is not profile.created', async () => {
    const f = await tampered((lines, fx) =>
      rewriteFrom(lines, 0, (e) => ({ ...e, type: 'training.started' }), fx.keys.privateKeyPem),
    );
    expectOneError(
      await verifyWorkspace(stewardWorkspace(f.ws.dir)),
      f.rel,
      1,
      /first entry is "training.started"/,
    );
  });

  it('a second profile.created later on', async () => {
    const f = await tampered((lines, fx) =>
      rewriteFrom(
        lines,
        3,
        (e) => ({ ...e, type: 'profile.created', data: decoded(lines[0] as string).data }),
        fx.keys.privateKeyPem,
      ),
    );
    expectOneError(
      await verifyWorkspace(stewardWorkspace(f.ws.dir)),
      f.rel,
      4,
      /profile\.created may only be the first entry/,
    );
  });

  it('a non-canonical body, at both depths', async () => {
    const f = await tampered((lines, fx) => {
      const e = decoded(lines[4] as string);
      const canonical = canonicalJson({
        actor: e.actor,
        data: e.data,
        prev: e.prev,
        seq: e.seq,
        ts: e.ts,
        type: e.type,
      });
      const spaced = canonical.replace('"data":{', '"data": {');
      expect(spaced).not.toBe(canonical);
      lines[4] = lineFromBody(spaced, fx.keys.privateKeyPem);
      // Re-link the rest to the new hash so only the form is wrong.
      const relinked = rewriteFrom(lines, 5, (x) => x, fx.keys.privateKeyPem);
      return relinked;
    });
    for (const depth of ['quick', 'full'] as const) {
      expectOneError(
        await verifyWorkspace(stewardWorkspace(f.ws.dir), { depth }),
        f.rel,
        5,
        /not in canonical form/,
      );
    }
  });

  it('data that does not match its event schema (full depth)', async () => {
    const f = await tampered((lines, fx) =>
      rewriteFrom(lines, 2, (e) => ({ ...e, data: ['not', 'an', 'object'] }), fx.keys.privateKeyPem),
    );
    expectOneError(
      await verifyWorkspace(stewardWorkspace(f.ws.dir), { depth: 'full' }),
      f.rel,
      3,
      /invalid data for "training.started" \(at "/,
    );
  });

  it('a missing public key file', async () => {
    const f = await makeLedger(3);
    rmSync(join(f.ws.keysDir, `${f.profileId}.pub`));
    expectOneError(
      await verifyWorkspace(stewardWorkspace(f.ws.dir)),
      f.rel,
      null,
      new RegExp(`keys/${f.profileId}\\.pub is missing`),
    );
  });

  it('an empty ledger file', async () => {
    const f = await makeLedger(3);
    writeFileSync(f.file, '');
    expectOneError(await verifyWorkspace(stewardWorkspace(f.ws.dir)), f.rel, 1, /no complete entry/);
  });

  it('a line that is not JSON', async () => {
    const f = await tampered((lines) => {
      lines[6] = 'hello world';
      return lines;
    });
    expectOneError(await verifyWorkspace(stewardWorkspace(f.ws.dir)), f.rel, 7, /missing or malformed/);
  });

  it('names the right file among several ledgers', async () => {
    const a = await makeLedger(3);
    const b = await makeLedger(5, a.ws);
    const lines = readLines(b.file);
    lines[3] = (lines[3] as string).replace('m-4', 'M-4');
    writeLines(b.file, lines);
    const report = await verifyWorkspace(stewardWorkspace(a.ws.dir));
    expectOneError(report, b.rel, 4, /does not match its hash/);
    const okA = report.ledgers.find((l) => l.profileId === a.profileId);
    expect(okA).toMatchObject({ ok: true, entries: 3 });
    const read = await readLedgerFile(a.ws, a.rel, { depth: 'full' });
    expect(read.problems).toEqual([]);
  });
});

describe('non-ASCII content', () => {
  it('reads and verifies UTF-8 text, and still names the right seq after it', async () => {
    const f = await makeLedger(1);
    const ledger = await openLedger(f.ws, f.profileId, f.keys.privateKeyPem);
    const texts = [
      'café',
      '日本語のコメント',
      'emoji 😀 and "quotes" \\ backslash',
      'ünïcödé\nnewline',
      'plain',
    ];
    for (const text of texts)
      await ledger.append('review.commented', { reviewId: 'r-2026-0001', version: 1, text });
    await ledger.close();
    for (const depth of ['quick', 'full'] as const) {
      const { ledgers, report } = await readWorkspace(f.ws, { depth });
      expect(report).toMatchObject({ ok: true, problems: [] });
      expect(ledgers[0]?.entries.slice(1).map((e) => (e.data as { text: string }).text)).toEqual(texts);
    }
    const lines = readLines(f.file);
    lines[4] = (lines[4] as string).replace('ünïcödé', 'ünïcödë');
    writeLines(f.file, lines);
    for (const depth of ['quick', 'full'] as const) {
      expectOneError(
        await verifyWorkspace(stewardWorkspace(f.ws.dir), { depth }),
        f.rel,
        5,
        /does not match its hash/,
      );
    }
  });

  it('detects a byte changed into invalid UTF-8', async () => {
    const f = await makeLedger(1);
    const ledger = await openLedger(f.ws, f.profileId, f.keys.privateKeyPem);
    await ledger.append('review.commented', {
      reviewId: 'r1',
      version: 1,
      text: 'replacement char \ufffd here',
    });
    await ledger.append('review.commented', { reviewId: 'r1', version: 1, text: 'after' });
    await ledger.close();
    const bytes = readFileSync(f.file);
    const at = bytes.indexOf(Buffer.from('\ufffd'));
    // EF BF BD (U+FFFD) -> FF BF BD: invalid UTF-8 that decodes to U+FFFD characters again.
    bytes[at] = 0xff;
    writeFileSync(f.file, bytes);
    for (const depth of ['quick', 'full'] as const) {
      expectOneError(
        await verifyWorkspace(stewardWorkspace(f.ws.dir), { depth }),
        f.rel,
        2,
        /does not match its hash/,
      );
    }
  });
});

describe('worker-thread verification of large ledgers', () => {
  it('finds a forged signature deep in a 6000-entry ledger, with and without workers', async () => {
    const f = await makeLedger(1);
    const g = decoded(readLines(f.file)[0] as string);
    const out: string[] = [readLines(f.file)[0] as string];
    let prev = g.hash;
    const mallory = generateProfileKeys();
    for (let seq = 2; seq <= 6000; seq++) {
      const key = seq === 4321 ? mallory.privateKeyPem : f.keys.privateKeyPem;
      const { entry, line } = encodeEntry(
        {
          seq,
          ts: new Date(1e12 + seq).toISOString(),
          type: 'training.attested',
          actor: f.profileId,
          data: { ...startedData(seq), statement: `I attest (${seq}).` },
          prev,
        },
        key,
      );
      out.push(line.slice(0, -1));
      prev = entry.hash;
    }
    writeLines(f.file, out);
    const batches = signatureStats.workerBatches;
    const parallel = await readWorkspace(f.ws, { depth: 'full' });
    // Really on worker threads (one per core, at least one), not the silent fallback.
    expect(signatureStats.workerBatches - batches).toBe(signatureThreads(5999));
    expect(signatureThreads(5999)).toBeGreaterThanOrEqual(1);
    expect(signatureStats.workerFailures).toBe(0);
    const single = await readWorkspace(f.ws, { depth: 'full', workers: 0 });
    for (const r of [parallel, single]) {
      expectOneError(r.report, f.rel, 4321, /signature is not valid.*1679 later lines not read/);
      expect(r.ledgers[0]?.entries).toHaveLength(4320);
    }
    expect(parallel.ledgers[0]?.entries).toEqual(single.ledgers[0]?.entries);
  });
});
