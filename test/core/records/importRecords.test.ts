// Importing bundles and full JSON exports: what verifies is written whole and atomically, what
// does not is refused with its reason and leaves the workspace exactly as it was (every file's
// bytes and modification time are compared before and after).
import { randomBytes } from 'node:crypto';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireLock, generateProfileKeys, profileIdFor, readWorkspace } from '../../../electron/core/ledger';
import type { LockHandle, Workspace } from '../../../electron/core/ledger';
import { signManifest, writeBundle } from '../../../electron/core/records/bundle';
import type { BundleFile } from '../../../electron/core/records/bundle';
import { recordsImportedSchema } from '../../../electron/core/records/events';
import {
  importRecordsFile,
  ImportRefusedError,
  recordsImportedData,
} from '../../../electron/core/records/importRecords';
import type {
  ImportOptions,
  ImportRefusalReason,
  ImportRecordsResult,
} from '../../../electron/core/records/importRecords';
import {
  appendImportIndex,
  readImportIndex,
  readImportRecords,
  safeFileName,
} from '../../../electron/core/records/imports';
import { cleanupTempDirs, decoded, readLines, rewriteFrom, tempDir, writeLines } from '../ledger/helpers';
import type { Person } from './fixtures/bundles/people';
import {
  appendTraining,
  makePerson,
  newWorkspace,
  readBundle,
  snapshot,
  writeJson,
} from './fixtures/bundles/people';

const now = () => new Date('2026-03-02T09:00:00.000Z');

afterEach(cleanupTempDirs);

/** Source machine (Ada and Bob) and the manager's workspace (Meg), fresh for every test. */
let source: Workspace;
let ada: Person;
let bob: Person;
let target: Workspace;
let meg: Person;

beforeEach(async () => {
  source = await newWorkspace();
  ada = await makePerson(source, 'Ada Lovelace', 5);
  bob = await makePerson(source, 'Bob Babbage', 3);
  target = await newWorkspace();
  meg = await makePerson(target, 'Meg Manager', 2);
});

const importOpts = () => ({ localProfileIds: [meg.profileId], now });

async function bundleOf(
  p: Person,
  name = `${p.name.split(' ')[0]?.toLowerCase()}.stewardbundle`,
): Promise<string> {
  const out = join(tempDir('steward-sent-'), name);
  await writeBundle(p.ws, p.profileId, p.keys.privateKeyPem, out, { now });
  return out;
}

/** Imports `file` into `ws` expecting a refusal for `reason`; asserts nothing in `ws` changed. */
async function expectRefused(
  file: string,
  reason: ImportRefusalReason,
  message: RegExp,
  ws: Workspace = target,
  opts: ImportOptions = importOpts(),
): Promise<ImportRefusedError> {
  const before = snapshot(ws.dir);
  let caught: unknown = null;
  try {
    await importRecordsFile(ws, file, opts);
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(ImportRefusedError);
  const err = caught as ImportRefusedError;
  expect({ reason: err.reason, message: err.message }).toMatchObject({
    reason,
    message: expect.stringMatching(message),
  });
  expect(err.message).toMatch(/Nothing was imported\.$/);
  expect(snapshot(ws.dir)).toEqual(before);
  return err;
}

function editBundle(file: string, edit: (b: BundleFile) => void, name = 'edited.stewardbundle'): string {
  const b = readBundle(file);
  edit(b);
  return writeJson(b, name);
}

/** The relevant part of the JSON records export, as records/json.ts writes it (other fields included). */
function recordsExport(people: Person[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  const ledgers = people.map((p) => ({
    profileId: p.profileId,
    publicKey: p.keys.publicKey,
    lines: readLines(p.file),
  }));
  return {
    format: 'steward-records',
    version: 1,
    exportedAt: '2026-03-01T12:00:00.000Z',
    exportedBy: { profileId: 'p00000000000000000000', name: 'Someone' },
    pseudonymised: false,
    heads: ledgers.map((l) => ({
      profileId: l.profileId,
      entries: l.lines.length,
      headHash: decoded(l.lines[l.lines.length - 1] as string).hash,
    })),
    ledgersOmitted: null,
    view: { people: [] },
    ledgers,
    ...extra,
  };
}

describe('importing a bundle', () => {
  it('adds the ledger and its key, keeps the file and records the source; the workspace verifies', async () => {
    const file = await bundleOf(ada);
    const sent = readFileSync(file);

    const res = await importRecordsFile(target, file, importOpts());

    expect(res).toMatchObject({
      kind: 'bundle',
      fileName: 'ada.stewardbundle',
      skipped: [],
      warnings: [],
      profiles: [
        {
          profileId: ada.profileId,
          name: 'Ada Lovelace',
          added: 5,
          entries: 5,
          headHash: decoded(readLines(ada.file)[4] as string).hash,
          status: 'added',
        },
      ],
    });
    expect(readFileSync(join(target.ledgersDir, `${ada.profileId}.jsonl`))).toEqual(readFileSync(ada.file));
    expect(readFileSync(join(target.keysDir, `${ada.profileId}.pub`), 'utf8')).toBe(
      `${ada.keys.publicKey}\n`,
    );
    expect(res.storedAs).toMatch(new RegExp(`^imports/${res.sha256.slice(0, 16)}-ada\\.stewardbundle$`));
    expect(readFileSync(join(target.dir, res.storedAs as string))).toEqual(sent);
    expect(readImportIndex(target)).toEqual(
      new Map([[ada.profileId, { file: res.storedAs, at: now().toISOString() }]]),
    );
    expect(recordsImportedSchema.safeParse(recordsImportedData(res)).success).toBe(true);

    const { ledgers, report } = await readWorkspace(target, { depth: 'full' });
    expect(report.ok).toBe(true);
    const imported = ledgers.find((l) => l.profileId === ada.profileId);
    expect(imported?.entries.map((e) => e.type)).toEqual([
      'profile.created',
      'training.started',
      'training.attested',
      'training.started',
      'training.attested',
    ]);
  });

  it('changes nothing when the same bundle is imported again', async () => {
    const file = await bundleOf(ada);
    const first = await importRecordsFile(target, file, importOpts());
    const before = snapshot(target.dir);

    const again = await importRecordsFile(target, file, importOpts());

    expect(again.profiles).toEqual([{ ...first.profiles[0], added: 0, status: 'unchanged' }]);
    expect(again.storedAs).toBe(first.storedAs);
    expect(snapshot(target.dir)).toEqual(before);
  });

  it('extends the ledger with a later bundle, and an older one then changes nothing', async () => {
    const older = await bundleOf(ada, 'ada-march.stewardbundle');
    await importRecordsFile(target, older, importOpts());
    await appendTraining(ada, 3);
    const newer = await bundleOf(ada, 'ada-april.stewardbundle');

    const res = await importRecordsFile(target, newer, importOpts());

    expect(res.profiles[0]).toMatchObject({ status: 'extended', added: 3, entries: 8 });
    expect(readFileSync(join(target.ledgersDir, `${ada.profileId}.jsonl`))).toEqual(readFileSync(ada.file));
    expect(readImportIndex(target).get(ada.profileId)?.file).toBe(res.storedAs);
    expect(readImportRecords(target).map((r) => r.status)).toEqual(['added', 'extended']);
    expect((await readWorkspace(target, { depth: 'full' })).report.ok).toBe(true);

    const before = snapshot(target.dir);
    const back = await importRecordsFile(target, older, importOpts());
    expect(back.profiles[0]).toMatchObject({ status: 'unchanged', added: 0, entries: 5 });
    expect(snapshot(target.dir)).toEqual(before);
  });

  it('refuses a line with one byte changed, naming the entry', async () => {
    const file = editBundle(await bundleOf(ada), (b) => {
      b.lines[2] = (b.lines[2] as string).replace('"moduleId":"m-', '"moduleId":"n-');
    });
    const err = await expectRefused(
      file,
      'tampered',
      /entry 3 is not valid: the entry does not match its hash/,
    );
    expect(err).toMatchObject({ code: 'LEDGER_CORRUPT', profileId: ada.profileId, seq: 3 });
  });

  it('refuses a bundle with a line removed from the middle', async () => {
    const file = editBundle(await bundleOf(ada), (b) => {
      b.lines.splice(2, 1);
    });
    const err = await expectRefused(
      file,
      'tampered',
      /entry 3 is not valid: found seq 4 where seq 3 should be/,
    );
    expect(err.seq).toBe(3);
  });

  it('refuses a bundle whose last line is cut short', async () => {
    const file = editBundle(await bundleOf(ada), (b) => {
      const last = b.lines.length - 1;
      b.lines[last] = (b.lines[last] as string).slice(0, -40);
    });
    await expectRefused(file, 'truncated', /the last entry \(5\) is cut short/);
  });

  it('refuses a bundle whose last lines were dropped (the signed manifest still counts them)', async () => {
    const file = editBundle(await bundleOf(ada), (b) => {
      b.lines.splice(3);
    });
    await expectRefused(file, 'truncated', /the manifest lists 5 entries but the file holds only 3/);
  });

  it('refuses a bundle file that was cut short', async () => {
    const full = readFileSync(await bundleOf(ada));
    const file = join(tempDir('steward-received-'), 'cut.stewardbundle');
    writeFileSync(file, full.subarray(0, Math.floor(full.length / 2)));
    await expectRefused(file, 'truncated', /cut short/);
  });

  it('refuses an edited manifest', async () => {
    const file = editBundle(await bundleOf(ada), (b) => {
      b.manifest.team = 'Finance';
    });
    await expectRefused(file, 'tampered', /the manifest signature is not valid/);
  });

  it("refuses a manifest carrying another bundle's signature", async () => {
    const bobs = readBundle(await bundleOf(bob));
    const file = editBundle(await bundleOf(ada), (b) => {
      b.signature = bobs.signature;
    });
    await expectRefused(file, 'tampered', /the manifest signature is not valid/);
  });

  it('refuses a bundle re-signed with another key (foreign key)', async () => {
    const mallory = generateProfileKeys();
    const original = await bundleOf(ada);
    // Mallory edits Ada's history, re-signs it and the manifest with her own key, keeps Ada's id.
    const claimsAda = editBundle(original, (b) => {
      b.lines = rewriteFrom(b.lines, 1, (f) => f, mallory.privateKeyPem);
      b.manifest.publicKey = mallory.publicKey;
      b.signature = signManifest(b.manifest, mallory.privateKeyPem);
    });
    await expectRefused(claimsAda, 'foreign-key', /the public key belongs to profile p[0-9a-f]{20}, not to/);

    // ...or presents Ada's lines as her own profile's.
    const claimsMallory = editBundle(original, (b) => {
      b.manifest.publicKey = mallory.publicKey;
      b.manifest.profileId = profileIdFor(mallory.publicKey);
      b.signature = signManifest(b.manifest, mallory.privateKeyPem);
    });
    const err = await expectRefused(
      claimsMallory,
      'foreign-key',
      /signed by another key \(profile p[0-9a-f]{20}\)/,
    );
    expect(err.code).toBe('NOT_ALLOWED');
  });

  it('refuses a ledger whose key differs from keys/<id>.pub already in the workspace', async () => {
    writeFileSync(join(target.keysDir, `${ada.profileId}.pub`), `${generateProfileKeys().publicKey}\n`);
    await expectRefused(
      await bundleOf(ada),
      'foreign-key',
      /keys\/p[0-9a-f]{20}\.pub in this workspace holds a different/,
    );
  });

  it('refuses a ledger whose genesis key differs from the ledger already in the workspace', async () => {
    const mallory = generateProfileKeys();
    const lines = rewriteFrom(
      readLines(ada.file),
      0,
      (f) => ({ ...f, data: { ...(f.data as object), publicKey: mallory.publicKey } }),
      mallory.privateKeyPem,
    );
    writeLines(join(target.ledgersDir, `${ada.profileId}.jsonl`), lines);
    await expectRefused(await bundleOf(ada), 'foreign-key', /starts with a different public key/);
  });

  it('refuses a fork: the workspace holds a different history signed by the same key', async () => {
    const forked = rewriteFrom(
      readLines(ada.file),
      3,
      (f) => ({ ...f, data: { ...(f.data as object), version: '9.9.9' } }),
      ada.keys.privateKeyPem,
    );
    writeLines(join(target.ledgersDir, `${ada.profileId}.jsonl`), forked);
    writeFileSync(join(target.keysDir, `${ada.profileId}.pub`), `${ada.keys.publicKey}\n`);
    const err = await expectRefused(
      await bundleOf(ada),
      'fork',
      /a different entry 4 than the file \(a fork/,
    );
    expect(err.seq).toBe(4);
  });

  it('refuses to match against a damaged copy in the workspace, saying so', async () => {
    const damaged = readLines(ada.file).slice(0, 3);
    damaged[1] = (damaged[1] as string).replace('"moduleId":"m-', '"moduleId":"q-');
    writeLines(join(target.ledgersDir, `${ada.profileId}.jsonl`), damaged);
    await expectRefused(await bundleOf(ada), 'local-damaged', /is damaged at entry 2/);
  });

  it("refuses the importer's own ledger", async () => {
    const file = await bundleOf(meg);
    await expectRefused(file, 'own-profile', /this is your own ledger/);
  });

  it('refuses while another process is writing that ledger', async () => {
    await importRecordsFile(target, await bundleOf(ada, 'ada-1.stewardbundle'), importOpts());
    await appendTraining(ada, 1);
    const later = await bundleOf(ada, 'ada-2.stewardbundle');
    let lock: LockHandle | null = null;
    try {
      lock = await acquireLock(join(target.ledgersDir, `${ada.profileId}.lock`), 'the ledger');
      const err = await expectRefused(later, 'in-use', /is being written right now/);
      expect(err.code).toBe('LEDGER_LOCKED');
    } finally {
      lock?.release();
    }
    const res = await importRecordsFile(target, later, importOpts());
    expect(res.profiles[0]?.status).toBe('extended');
  });

  it('refuses files that are not Steward files', async () => {
    const dir = tempDir('steward-received-');
    const write = (name: string, data: string | Buffer) => {
      writeFileSync(join(dir, name), data);
      return join(dir, name);
    };
    await expectRefused(write('empty.json', ''), 'not-steward', /the file is empty/);
    await expectRefused(write('hello.json', '{"hello": 1}'), 'not-steward', /has no "format"/);
    await expectRefused(write('list.json', '[1, 2, 3]'), 'not-steward', /not a JSON file/);
    await expectRefused(write('other.json', '{"format": "zip"}'), 'not-steward', /its format is "zip"/);
    await expectRefused(write('broken.json', '{"a": '), 'not-steward', /not valid JSON/);
    await expectRefused(
      write('random.bin', randomBytes(24 * 1024 * 1024)),
      'not-steward',
      /not a JSON file|UTF-8/,
    );
    await expectRefused(
      write('braces.bin', Buffer.concat([Buffer.from('{'), randomBytes(1024 * 1024)])),
      'not-steward',
      /UTF-8|JSON/,
    );
    await expectRefused(
      write('big.json', `{"format":"steward-bundle","pad":"${'x'.repeat(5000)}"}`),
      'too-large',
      /more than the 4096/,
      target,
      {
        ...importOpts(),
        maxBytes: 4096,
      },
    );
  });

  it('refuses another version of the format', async () => {
    const file = editBundle(await bundleOf(ada), (b) => {
      (b as { version: number }).version = 2;
    });
    const err = await expectRefused(file, 'wrong-version', /version 2.*Update Steward/);
    expect(err.code).toBe('UNSUPPORTED');
  });

  it('refuses a bundle whose structure is damaged', async () => {
    const file = editBundle(await bundleOf(ada), (b) => {
      (b.manifest as { entries: unknown }).entries = 'five';
    });
    await expectRefused(file, 'malformed', /manifest\.entries/);
  });

  it('refuses a large, deeply nested file on its bytes, before parsing it', async () => {
    // An insider's 100 MB nested bundle took 98 s and 5 GB to refuse; 32 MB of it took 4 s and
    // 1 GB. Refused now by a byte scan (tens of ms) wherever the nesting is.
    const n = 16 * 1024 * 1024;
    const nest = `${'['.repeat(n)}${']'.repeat(n)}`;
    const dir = tempDir('steward-sent-');
    for (const [name, body] of [
      [
        'manifest',
        `{"format":"steward-bundle","version":1,"manifest":${nest},"lines":["x"],"signature":"x"}`,
      ],
      [
        'export',
        `{"format":"steward-records","version":1,"pseudonymised":false,"ledgers":[{"lines":${nest}}]}`,
      ],
    ] as const) {
      const file = join(dir, `${name}.stewardbundle`);
      writeFileSync(file, body);
      const started = performance.now();
      await expectRefused(file, 'malformed', /nests more than 64 levels deep/);
      expect(performance.now() - started).toBeLessThan(3000);
    }
  });

  it('refuses a bundle holding more lines than any ledger may', async () => {
    const file = editBundle(await bundleOf(ada), (b) => {
      b.lines = Array.from({ length: 2_000_001 }, () => '');
    });
    await expectRefused(file, 'malformed', /lines: Too big/);
  });
});

describe('importing a JSON records export', () => {
  it('imports every ledger in it; the workspace verifies', async () => {
    const file = writeJson(recordsExport([ada, bob]), 'records.json');

    const res = await importRecordsFile(target, file, importOpts());

    expect(res.kind).toBe('json');
    expect(res.profiles.map((p) => [p.name, p.status, p.added])).toEqual([
      ['Ada Lovelace', 'added', 5],
      ['Bob Babbage', 'added', 3],
    ]);
    for (const p of [ada, bob]) {
      expect(readFileSync(join(target.ledgersDir, `${p.profileId}.jsonl`))).toEqual(readFileSync(p.file));
      expect(readImportIndex(target).get(p.profileId)?.file).toBe(res.storedAs);
    }
    const { ledgers, report } = await readWorkspace(target, { depth: 'full' });
    expect(report.ok).toBe(true);
    expect(ledgers.map((l) => l.entries.length).sort()).toEqual([2, 3, 5]);
    expect(recordsImportedSchema.safeParse(recordsImportedData(res)).success).toBe(true);

    const before = snapshot(target.dir);
    const again = await importRecordsFile(target, file, importOpts());
    expect(again.profiles.map((p) => p.status)).toEqual(['unchanged', 'unchanged']);
    expect(snapshot(target.dir)).toEqual(before);
  });

  it("skips the importer's own ledger in an export and imports the others", async () => {
    const file = writeJson(recordsExport([meg, ada]), 'team.json');
    const megBefore = snapshot(target.ledgersDir)[`${meg.profileId}.jsonl`];
    const res: ImportRecordsResult = await importRecordsFile(target, file, importOpts());
    expect(res.profiles.map((p) => p.profileId)).toEqual([ada.profileId]);
    expect(res.skipped).toEqual([
      { profileId: meg.profileId, name: 'Meg Manager', reason: { code: 'import.ownLedger', params: {} } },
    ]);
    expect(snapshot(target.ledgersDir)[`${meg.profileId}.jsonl`]).toEqual(megBefore);
  });

  it('writes nothing when one of its ledgers is tampered', async () => {
    const doc = recordsExport([ada, bob]);
    const ledgers = doc.ledgers as { lines: string[] }[];
    const bobLines = (ledgers[1] as { lines: string[] }).lines;
    bobLines[1] = (bobLines[1] as string).replace('"moduleId":"m-', '"moduleId":"z-');
    const err = await expectRefused(writeJson(doc, 'records.json'), 'tampered', /ledger 2 of the export/);
    expect(err.profileId).toBe(bob.profileId);
  });

  it('refuses an export whose ledgers are shorter than its heads say', async () => {
    const doc = recordsExport([ada]);
    (doc.ledgers as { lines: string[] }[])[0]?.lines.pop();
    await expectRefused(
      writeJson(doc, 'records.json'),
      'truncated',
      /heads lists 5 entries but the file holds only 4/,
    );
  });

  it('refuses a pseudonymised export: nothing signed to import', async () => {
    const doc = recordsExport([], { pseudonymised: true, ledgersOmitted: 'pseudonymised' });
    const err = await expectRefused(
      writeJson(doc, 'pseudo.json'),
      'nothing-signed',
      /pseudonymised export.*nothing/,
    );
    expect(err.code).toBe('UNSUPPORTED');
    await expectRefused(writeJson(recordsExport([]), 'none.json'), 'nothing-signed', /no signed ledgers/);
  });
});

describe('the imports index', () => {
  it('skips a torn last line and starts the next record on a fresh line', async () => {
    const res = await importRecordsFile(target, await bundleOf(ada), importOpts());
    const index = join(target.importsDir, 'index.jsonl');
    appendFileSync(index, '{"at":"2026-');
    expect([...readImportIndex(target).keys()]).toEqual([ada.profileId]);

    appendImportIndex(target, [
      {
        at: '2026-03-03T00:00:00.000Z',
        profileId: bob.profileId,
        file: res.storedAs as string,
        sha256: res.sha256,
        kind: 'bundle',
        status: 'added',
        entries: 3,
        headHash: res.sha256,
      },
    ]);
    expect([...readImportIndex(target).keys()].sort()).toEqual([ada.profileId, bob.profileId].sort());
  });

  it('keeps received files under safe names', () => {
    expect(safeFileName('../../etc/passwd')).toBe('etc_passwd');
    expect(safeFileName('Ada’s records (March).stewardbundle')).toBe('Ada_s_records_March_.stewardbundle');
    expect(safeFileName('.hidden')).toBe('hidden');
    expect(safeFileName('…')).toBe('import');
    expect(safeFileName(`${'a'.repeat(300)}.json`)).toBe(`${'a'.repeat(80)}.json`);
  });
});
