// Witnessing, played by the insider it is for (issue 14, item 3): someone with write access to the
// shared folder cuts a reviewer's ledger, deletes a ledger and its key, or the owner rewrites their
// own history after a witness saw it, or plants a false checkpoint in their own ledger. Each runs
// on real files through the real services (the app of a colleague who witnessed the ledgers), the
// verification the CLI runs, and the CLI itself; each fails on the code before witnessing.
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import type { Reason } from '../../../electron/core/contract/reasons';
import { formatReason } from '../../../electron/core/contract/reasons';
import type { VerifyProblem, VerifyReport } from '../../../electron/core/contract/views/app';
import type { JobView } from '../../../electron/core/contract/views/records';
import { stewardWorkspace } from '../../../electron/core/events';
import {
  createLedger,
  encodeEntry,
  generateProfileKeys,
  openLedger,
  readLedgerFile,
  readWorkspace,
  sha256Hex,
  type LedgerEntry,
  type ProfileKeys,
  type Workspace,
} from '../../../electron/core/ledger';
import type { WitnessCheckpointData } from '../../../electron/core/witness/events';
import { verifyWitnessedWorkspace } from '../../../electron/core/witness/verify';
import { runSteward } from '../../support/cli';
import { tempServices, type TempServices } from '../../support/services';
import { startedData } from '../ledger/helpers';

const opened: TempServices[] = [];
afterEach(async () => {
  for (const m of opened.splice(0)) await m.close();
});

const clock = { now: new Date('2026-03-02T09:00:00Z') };
const later = (days: number) => {
  clock.now = new Date(clock.now.getTime() + days * 86_400_000);
};

interface Person {
  profileId: string;
  keys: ProfileKeys;
  file: string;
  rel: string;
}

/** Wes's app: the services of a colleague who witnesses the workspace. */
async function witnessApp(): Promise<{ m: TempServices; ws: Workspace; wes: string }> {
  clock.now = new Date('2026-03-02T09:00:00Z');
  const m = await tempServices({ prefix: 'steward-witness-', now: () => clock.now });
  opened.push(m);
  const wes = await m.services.createProfile({
    name: 'Wes Witness',
    email: 'wes@example.com',
    team: 'Legal',
  });
  const ws = stewardWorkspace((await m.services.getSettings({})).workspaceDir);
  return { m, ws, wes: wes.id };
}

/** Another person's ledger, written on their own machine (their key is not on Wes's). */
async function person(ws: Workspace, name: string, entries: number): Promise<Person> {
  const keys = generateProfileKeys();
  const now = () => clock.now;
  const { profileId } = await createLedger(
    ws,
    keys,
    { name, email: `${slug(name)}@example.com`, team: 'Legal' },
    { now },
  );
  await appendAs(ws, profileId, keys, entries - 1, 'a');
  return {
    profileId,
    keys,
    file: path.join(ws.ledgersDir, `${profileId}.jsonl`),
    rel: `ledgers/${profileId}.jsonl`,
  };
}

const slug = (name: string) => name.toLowerCase().replace(/[^a-z]/g, '');

async function appendAs(ws: Workspace, profileId: string, keys: ProfileKeys, n: number, tag: string) {
  const ledger = await openLedger(ws, profileId, keys.privateKeyPem, { now: () => clock.now });
  for (let i = 0; i < n; i++) await ledger.append('training.started', startedData(`${tag}${i}`));
  await ledger.close();
}

function cutLastLines(file: string, n: number): void {
  const lines = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean);
  fs.writeFileSync(file, `${lines.slice(0, lines.length - n).join('\n')}\n`);
}

async function entriesOf(ws: Workspace, profileId: string): Promise<LedgerEntry[]> {
  return (await readLedgerFile(ws, `ledgers/${profileId}.jsonl`, { depth: 'full' })).entries;
}

const checkpoints = (entries: LedgerEntry[]) =>
  entries.filter((e) => e.type === 'witness.checkpoint').map((e) => e.data as WitnessCheckpointData);

const problemsOf = (report: VerifyReport, code: string) => report.problems.filter((p) => p.why.code === code);

function only(report: VerifyReport, code: string): VerifyProblem {
  const found = problemsOf(report, code);
  expect(found, `${code} in ${JSON.stringify(report.problems.map((p) => p.reason))}`).toHaveLength(1);
  return found[0] as VerifyProblem;
}

const paramsOf = (p: VerifyProblem) => p.why.params as Record<string, string | number | Reason>;

describe('checkpoints', () => {
  it("the app witnesses other people's heads once a day while in use, then only what changed", async () => {
    const { m, ws, wes } = await witnessApp();
    const rita = await person(ws, 'Rita Reviewer', 6);
    const sam = await person(ws, 'Sam Submitter', 3);
    await m.services.getWorkspaceStatus({});
    let mine = checkpoints(await entriesOf(ws, wes));
    expect(mine).toHaveLength(1);
    expect(mine[0]?.occasion).toBe('daily');
    const heads = new Map(mine[0]!.heads.map((h) => [h[0], h]));
    const ritaEntries = await entriesOf(ws, rita.profileId);
    expect(heads.get(rita.profileId)?.slice(0, 4)).toEqual([
      rita.profileId,
      6,
      ritaEntries[5]!.hash,
      ritaEntries[5]!.sig,
    ]);
    // The first sighting carries the owner's public key.
    expect(heads.get(rita.profileId)?.[4]).toBe(
      ritaEntries[0]!.type === 'profile.created' ? ritaEntries[0]!.data.publicKey : '',
    );
    expect(heads.get(sam.profileId)?.[1]).toBe(3);
    expect(heads.has(wes)).toBe(false); // its own chain says its own head

    // Not again the same day, even though Rita wrote more.
    await appendAs(ws, rita.profileId, rita.keys, 2, 'b');
    later(0.5);
    await m.services.getWorkspaceStatus({});
    expect(checkpoints(await entriesOf(ws, wes))).toHaveLength(1);

    // A day later: only Rita's head, which changed, and without her key (already given).
    later(1);
    await m.services.getWorkspaceStatus({});
    mine = checkpoints(await entriesOf(ws, wes));
    expect(mine).toHaveLength(2);
    expect(mine[1]!.heads.map((h) => [h[0], h[1], h.length])).toEqual([[rita.profileId, 8, 4]]);

    // Nothing changed: nothing written.
    later(2);
    await m.services.getWorkspaceStatus({});
    expect(checkpoints(await entriesOf(ws, wes))).toHaveLength(2);
  });

  it('an export witnesses every ledger it was made from before recording the export', async () => {
    const { m, ws, wes } = await witnessApp();
    const people = [];
    for (let i = 0; i < 3; i++) people.push(await person(ws, `Person ${i}`, 2 + i));
    const policyFile = path.join(m.contentDir, 'policy.yaml');
    const me = (await m.services.getCurrentProfile({}))!;
    const policy = YAML.parse(fs.readFileSync(policyFile, 'utf8')) as { roles: { managers: unknown[] } };
    policy.roles.managers.push({ email: me.email, fingerprint: me.fingerprint, all: true });
    fs.writeFileSync(policyFile, YAML.stringify(policy));
    await m.services.getWorkspaceStatus({}); // the daily checkpoint: every ledger
    await appendAs(ws, people[0]!.profileId, people[0]!.keys, 1, 'c'); // changed after the daily one
    let job: JobView = await m.services.startExport({ format: 'csv-matrix', pseudonymise: false });
    for (let i = 0; i < 300 && job.state === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 20));
      job = await m.services.getJob({ jobId: job.id });
    }
    expect(job.state).toBe('done');
    const entries = await entriesOf(ws, wes);
    const last = entries.at(-1)!;
    const before = entries.at(-2)!;
    expect(last.type).toBe('records.exported');
    expect(before.type).toBe('witness.checkpoint');
    const data = before.data as WitnessCheckpointData;
    expect(data.occasion).toBe('export');
    // The daily checkpoint holds the others as they are: only the change.
    expect(data.heads.map((h) => [h[0], h[1]])).toEqual([[people[0]!.profileId, 3]]);
  });
});

describe("the manager's exports", () => {
  it('state a rollback and a deletion the witnesses show, in the PDF report and the JSON export', async () => {
    clock.now = new Date('2026-03-02T09:00:00Z');
    let out = '';
    let html = '';
    const m = await tempServices({
      prefix: 'steward-witness-export-',
      now: () => clock.now,
      capabilities: {
        host: 'test',
        chooseSavePath: async () => out,
        printPdf: async (h, file) => {
          html = h;
          fs.writeFileSync(file, h);
          return { bytes: h.length };
        },
      },
    });
    opened.push(m);
    const me = await m.services.createProfile({
      name: 'Mona Manager',
      email: 'mona@example.com',
      team: 'Legal',
    });
    const ws = stewardWorkspace((await m.services.getSettings({})).workspaceDir);
    const policyFile = path.join(m.contentDir, 'policy.yaml');
    const policy = YAML.parse(fs.readFileSync(policyFile, 'utf8')) as { roles: { managers: unknown[] } };
    policy.roles.managers.push({ email: me.email, fingerprint: me.fingerprint, all: true });
    fs.writeFileSync(policyFile, YAML.stringify(policy));
    const rita = await person(ws, 'Rita Reviewer', 6);
    const gone = await person(ws, 'Gil Gone', 3);
    await m.services.getWorkspaceStatus({}); // Mona's app witnesses both
    cutLastLines(rita.file, 3);
    fs.rmSync(gone.file);
    fs.rmSync(path.join(ws.keysDir, `${gone.profileId}.pub`));

    const run = async (format: 'pdf-report' | 'json', file: string) => {
      out = path.join(m.dir, file);
      let job: JobView = await m.services.startExport({ format, pseudonymise: false });
      for (let i = 0; i < 300 && job.state === 'running'; i++) {
        await new Promise((r) => setTimeout(r, 20));
        job = await m.services.getJob({ jobId: job.id });
      }
      expect(job.state, job.error ?? '').toBe('done');
      return out;
    };
    await run('pdf-report', 'report.pdf');
    expect(html).toContain('Records missing or rewritten');
    expect(html).toContain(`<code>${rita.rel}</code>, entry 4: the ledger of Rita Reviewer`);
    expect(html).toContain('entries 4 to 6 are missing');
    expect(html).toContain(`<code>${gone.rel}</code>: the ledger of ${gone.profileId} is missing`);

    const json = JSON.parse(fs.readFileSync(await run('json', 'records.json'), 'utf8')) as {
      integrity: { file: string; seq: number | null; code: string; text: string }[];
    };
    expect(json.integrity.map((n) => [n.code, n.file, n.seq]).sort()).toEqual([
      ['witness.deleted', gone.rel, null],
      ['witness.rollback', rita.rel, 4],
    ]);
  });
});

describe('attacks a witness shows', () => {
  it('cutting the last 3 lines of a reviewer’s ledger after a colleague witnessed it is a rollback, with file and seq', async () => {
    const { m, ws, wes } = await witnessApp();
    const rita = await person(ws, 'Rita Reviewer', 6);
    await m.services.getWorkspaceStatus({}); // Wes's app witnesses Rita at 6 entries
    expect((await verifyWitnessedWorkspace(ws)).ok).toBe(true);

    cutLastLines(rita.file, 3);

    // The ledger checks alone find nothing wrong: the cut file is a valid, shorter chain.
    const { report: plain } = await readWorkspace(ws, { depth: 'full' });
    expect(plain.ok).toBe(true);

    const report = await verifyWitnessedWorkspace(ws);
    expect(report.ok).toBe(false);
    const p = only(report, 'witness.rollback');
    expect(p).toMatchObject({ file: rita.rel, seq: 4, severity: 'error' });
    expect(paramsOf(p)).toMatchObject({ context: 'signed', to: 6, entries: 3, day: '2026-03-02' });
    expect(String(paramsOf(p).witnesses)).toContain(`Wes Witness (${wes})`);
    expect(p.reason).toContain('entries 4 to 6 are missing');
    expect(report.ledgers.find((l) => l.file === rita.rel)?.ok).toBe(false);

    // The app's workspace status (the Integrity screen) and its full verification say the same.
    const status = await m.services.getWorkspaceStatus({});
    expect(status.report.ok).toBe(false);
    expect(only(status.report, 'witness.rollback')).toMatchObject({ file: rita.rel, seq: 4 });
    const full = await m.services.verifyWorkspace({ depth: 'full' });
    expect(only(full, 'witness.rollback')).toMatchObject({ file: rita.rel, seq: 4 });
    let job = await m.services.startVerify({});
    for (let i = 0; i < 300 && job.state === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 20));
      job = await m.services.getJob({ jobId: job.id });
    }
    expect(only(job.report!, 'witness.rollback')).toMatchObject({ file: rita.rel, seq: 4 });

    // Hiding the cut behind a damaged line changes nothing: the lines the file lacks are still missing.
    fs.appendFileSync(rita.file, '{"actor":"garbage"}\n');
    const hidden = await verifyWitnessedWorkspace(ws);
    expect(hidden.problems.map((q) => [q.why.code, q.seq])).toEqual([
      ['ledger.suffixMalformed', 4],
      ['witness.rollback', 5],
    ]);
    fs.writeFileSync(rita.file, fs.readFileSync(rita.file, 'utf8').replace('{"actor":"garbage"}\n', ''));

    // And `steward records verify`, as an admin runs it.
    const cli = runSteward(m.dir, ['records', 'verify', '--workspace', ws.dir]);
    expect(cli.code).toBe(1);
    expect(cli.out).toContain(
      `error: ${rita.rel} seq 4: the ledger of Rita Reviewer (${rita.profileId}) was cut back`,
    );
  });

  it('deleting a ledger and its key is a deletion, checked with the key the witness kept', async () => {
    const { m, ws, wes } = await witnessApp();
    const rita = await person(ws, 'Rita Reviewer', 5);
    await m.services.getWorkspaceStatus({});
    fs.rmSync(rita.file);
    fs.rmSync(path.join(ws.keysDir, `${rita.profileId}.pub`));

    expect((await readWorkspace(ws, { depth: 'full' })).report.ok).toBe(true); // before: nothing to see

    const report = await verifyWitnessedWorkspace(ws);
    const p = only(report, 'witness.deleted');
    expect(p).toMatchObject({ file: rita.rel, seq: null, severity: 'error' });
    expect(paramsOf(p)).toMatchObject({ context: 'signed', seq: 5 });
    expect(p.reason).toContain(`its key file keys/${rita.profileId}.pub is gone too`);
    expect(p.reason).toContain(`Wes Witness (${wes})`);
    expect(only((await m.services.getWorkspaceStatus({})).report, 'witness.deleted').file).toBe(rita.rel);
  });

  it('a ledger of a key on the roster that is gone is a deletion even with no witness', async () => {
    const { ws } = await witnessApp();
    const admin = await person(ws, 'Ada Admin', 1);
    const rita = await person(ws, 'Rita Reviewer', 2);
    const ledger = await openLedger(ws, admin.profileId, admin.keys.privateKeyPem, { now: () => clock.now });
    const created = await ledger.append('org.created', {
      name: 'Acme',
      teams: ['Legal'],
      founder: {
        personId: 'u00000000000000000001',
        name: 'Ada Admin',
        email: 'ada@example.com',
        team: 'Legal',
      },
    });
    await ledger.append('org.personEnrolled', {
      orgId: created.hash,
      after: created.hash,
      personId: 'u00000000000000000002',
      name: 'Rita Reviewer',
      email: 'rita@example.com',
      team: 'Legal',
      profileIds: [rita.profileId],
    });
    await ledger.close();
    expect((await verifyWitnessedWorkspace(ws)).ok).toBe(true);
    fs.rmSync(rita.file);
    fs.rmSync(path.join(ws.keysDir, `${rita.profileId}.pub`));
    const p = only(await verifyWitnessedWorkspace(ws), 'witness.deleted');
    expect(paramsOf(p)).toMatchObject({ context: 'roster', name: 'Rita Reviewer' });
    expect(p.file).toBe(rita.rel);
  });

  it('the owner replacing their tail with other signed lines after a witness is a fork', async () => {
    const { m, ws } = await witnessApp();
    const rita = await person(ws, 'Rita Reviewer', 6);
    await m.services.getWorkspaceStatus({}); // witnessed at 6
    const witnessed = (await entriesOf(ws, rita.profileId))[5]!.hash;
    // Rita, with her own key, rewrites history from entry 5 on: valid lines, another history.
    cutLastLines(rita.file, 2);
    await appendAs(ws, rita.profileId, rita.keys, 3, 'rewritten');
    expect((await readWorkspace(ws, { depth: 'full' })).report.ok).toBe(true);

    const report = await verifyWitnessedWorkspace(ws);
    const p = only(report, 'witness.fork');
    expect(p).toMatchObject({ file: rita.rel, seq: 6, severity: 'error' });
    expect(paramsOf(p)).toMatchObject({ context: 'signed', saw: witnessed.slice(0, 12) });
    expect(p.reason).toContain("The owner's key signed two different histories");
    expect(problemsOf(report, 'witness.rollback')).toEqual([]);
  });

  it("an insider's fake heads for someone else's ledger are named as theirs, not as that ledger's fault", async () => {
    const { m, ws, wes } = await witnessApp();
    const rita = await person(ws, 'Rita Reviewer', 6);
    const ivan = await person(ws, 'Ivan Insider', 1);
    const ritaEntries = await entriesOf(ws, rita.profileId);
    const other = generateProfileKeys();
    // A made-up entry 9 "signed" with a key of Ivan's own, and Rita's real entry 3 passed off as her head.
    const forged = encodeEntry(
      {
        seq: 9,
        ts: clock.now.toISOString(),
        type: 'training.started',
        actor: rita.profileId,
        data: startedData('x'),
        prev: sha256Hex('x'),
      },
      other.privateKeyPem,
    ).entry;
    const ledger = await openLedger(ws, ivan.profileId, ivan.keys.privateKeyPem, { now: () => clock.now });
    const fake = await ledger.append('witness.checkpoint', {
      occasion: 'daily',
      heads: [[rita.profileId, 9, forged.hash, forged.sig]],
    });
    const misplaced = await ledger.append('witness.checkpoint', {
      occasion: 'daily',
      heads: [[rita.profileId, 9, ritaEntries[2]!.hash, ritaEntries[2]!.sig]],
    });
    // And an export record (no signature to check) saying Rita had 9 entries.
    await ledger.append('records.exported', {
      format: 'csv-matrix',
      pseudonymised: false,
      fileName: 'x.csv',
      sha256: sha256Hex('x'),
      rows: 1,
      heads: [{ profileId: rita.profileId, entries: 9, headHash: forged.hash }],
    });
    await ledger.close();

    let report = await verifyWitnessedWorkspace(ws);
    const falseClaims = problemsOf(report, 'witness.falseClaim');
    expect(falseClaims.map((p) => [p.file, p.seq, paramsOf(p).context])).toEqual([
      [ivan.rel, fake.seq, 'badSignature'],
      [ivan.rel, misplaced.seq, 'misplaced'],
    ]);
    expect(falseClaims[1]!.reason).toContain('that hash is its entry 3');
    // The unsigned export record stands on Ivan's word, and says so.
    expect(paramsOf(only(report, 'witness.rollback'))).toMatchObject({
      context: 'unconfirmed',
      witnesses: `Ivan Insider (${ivan.profileId})`,
    });

    // Once Wes's app has seen Rita's ledger as it is, after Ivan's record, the witnesses disagree.
    later(1);
    await m.services.getWorkspaceStatus({});
    report = await verifyWitnessedWorkspace(ws);
    expect(problemsOf(report, 'witness.rollback')).toEqual([]);
    const d = only(report, 'witness.disputed');
    expect(d.file).toBe(rita.rel);
    expect(paramsOf(d)).toMatchObject({ context: 'rollback', otherSeq: 6, other: `Wes Witness (${wes})` });
    expect(d.reason).toContain('or the first record is false');
    // Rita's ledger itself is not accused of anything signed.
    expect(report.problems.filter((p) => p.file === rita.rel).map((p) => p.why.code)).toEqual([
      'witness.disputed',
    ]);
  });
});

describe("the owner's app and its own ledger", () => {
  /** Wes's app after a restart: new services over the same user data and workspace. */
  async function restart(m: TempServices) {
    await m.handle.close();
    const again = await tempServicesOver(m);
    return again;
  }

  async function tempServicesOver(m: TempServices) {
    const { testServices } = await import('../../support/services');
    const handle = await testServices({
      userDataDir: m.userDataDir,
      contentDir: m.contentDir,
      now: () => clock.now,
    });
    m.handle = handle;
    m.services = handle.services;
    return m;
  }

  it('refuses to write on its own ledger cut back behind it, and says which entries are missing', async () => {
    const { m, ws, wes } = await witnessApp();
    await m.services.startTrainingModule({ moduleId: 'law-in-practice' });
    await m.services.startTrainingModule({ moduleId: 'peoples-rights' });
    await m.services.startTrainingModule({ moduleId: 'beyond-compliance' });
    const file = path.join(ws.ledgersDir, `${wes}.jsonl`);
    const before = (await entriesOf(ws, wes)).length;
    expect(before).toBe(4);
    cutLastLines(file, 2);
    const cut = fs.readFileSync(file);

    await restart(m);
    const status = await m.services.getWorkspaceStatus({});
    expect(status.readOnly).toMatchObject({ file: `ledgers/${wes}.jsonl`, seq: 3 });
    expect(status.readOnly?.why.code).toBe('ledger.cutBack');
    expect(status.readOnly?.reason).toContain('entries 3 to 4 are missing');
    expect(status.readOnly?.reason).toContain('steward records restore');
    await expect(m.services.startTrainingModule({ moduleId: 'privacy-by-design' })).rejects.toMatchObject({
      code: 'LEDGER_READ_ONLY',
    });
    expect(fs.readFileSync(file).equals(cut)).toBe(true); // no fork appended
  });

  it('refuses to write on its own ledger replaced by another history, and on one that is gone', async () => {
    const { m, ws, wes } = await witnessApp();
    await m.services.startTrainingModule({ moduleId: 'law-in-practice' });
    const file = path.join(ws.ledgersDir, `${wes}.jsonl`);
    const backup = fs.readFileSync(file);
    await m.services.startTrainingModule({ moduleId: 'peoples-rights' });
    // An older copy comes back (a sync conflict, a restore), and this app writes one entry on it elsewhere.
    await m.handle.close();
    fs.writeFileSync(file, backup);
    const { loadKey, fileOnlyProtector } = await import('../../../electron/core/profiles/keystore');
    const key = loadKey(path.join(m.userDataDir, 'keys'), fileOnlyProtector, wes);
    await appendAs(ws, wes, { publicKey: '', privateKeyPem: key.privateKeyPem }, 1, 'other');
    const replaced = fs.readFileSync(file);

    await tempServicesOver(m);
    const status = await m.services.getWorkspaceStatus({});
    expect(status.readOnly?.why.code).toBe('ledger.replaced');
    expect(status.readOnly?.seq).toBe(3);
    await expect(m.services.startTrainingModule({ moduleId: 'beyond-compliance' })).rejects.toMatchObject({
      code: 'LEDGER_READ_ONLY',
    });
    expect(fs.readFileSync(file).equals(replaced)).toBe(true);

    await m.handle.close();
    fs.rmSync(file);
    await tempServicesOver(m);
    const info = await m.services.getAppInfo({});
    const notice = info.notices.find((n) => n.reasons?.[0]?.code === 'ledger.ownMissing');
    expect(notice?.message).toContain(`ledgers/${wes}.jsonl is missing: this app wrote 3 entries to it`);
    expect(fs.existsSync(file)).toBe(false); // no new ledger started
  });

  it('puts its own ledger back from its bundle with `steward records restore`, and writes again only once nothing is missing', async () => {
    clock.now = new Date('2026-03-02T09:00:00Z');
    let bundle = '';
    const m = await tempServices({
      prefix: 'steward-restore-',
      now: () => clock.now,
      capabilities: { host: 'test', chooseSavePath: async () => bundle },
    });
    opened.push(m);
    bundle = path.join(m.dir, 'mine.stewardbundle');
    const wes = (
      await m.services.createProfile({ name: 'Wes Witness', email: 'wes@example.com', team: 'Legal' })
    ).id;
    const ws = stewardWorkspace((await m.services.getSettings({})).workspaceDir);
    const file = path.join(ws.ledgersDir, `${wes}.jsonl`);
    const keys = path.join(m.userDataDir, 'keys');
    await m.services.startTrainingModule({ moduleId: 'law-in-practice' });
    await m.services.startTrainingModule({ moduleId: 'peoples-rights' });
    expect((await m.services.exportMyRecords({})).entries).toBe(3); // then entry 4 records the export
    await m.services.startTrainingModule({ moduleId: 'beyond-compliance' }); // entry 5
    const genuine = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean);
    await m.handle.close();
    cutLastLines(file, 3);

    // The bundle puts entry 3 back; 4 and 5 are in no bundle: still read-only.
    const restore = (...more: string[]) =>
      runSteward(m.dir, ['records', 'restore', '--workspace', ws.dir, bundle, '--keys', keys, ...more]);
    const partial = restore();
    expect(partial.code, partial.err).toBe(1);
    expect(partial.out).toContain(
      `ledgers/${wes}.jsonl: 1 entries put back from the bundle (3 in the file now)`,
    );
    expect(partial.err).toContain('entries 4 to 5 (the last this app wrote) are in no bundle given');
    expect(fs.readFileSync(file, 'utf8').split('\n').filter(Boolean)).toEqual(genuine.slice(0, 3));
    await tempServicesOver(m);
    const status = await m.services.getWorkspaceStatus({});
    expect(status.readOnly?.why.code).toBe('ledger.cutBack');
    expect(status.readOnly?.reason).toContain('entries 4 to 5 are missing');
    await m.handle.close();

    // The person accepts the loss: the app writes after entry 3, and says nothing false.
    const accepted = restore('--accept-loss');
    expect(accepted.code, accepted.err).toBe(0);
    expect(accepted.out).toContain('already holds the 3 entries of the bundle');
    expect(accepted.out).toContain('Steward will write after entry 3');
    await tempServicesOver(m);
    expect((await m.services.getWorkspaceStatus({})).readOnly).toBeNull();
    await m.services.startTrainingModule({ moduleId: 'privacy-by-design' });
    const now = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean);
    expect(now.slice(0, 3)).toEqual(genuine.slice(0, 3));
    expect(now).toHaveLength(4);
  });

  it('`steward records restore` never writes over another history, nor while the app holds the ledger', async () => {
    clock.now = new Date('2026-03-02T09:00:00Z');
    let bundle = '';
    const m = await tempServices({
      prefix: 'steward-restore-',
      now: () => clock.now,
      capabilities: { host: 'test', chooseSavePath: async () => bundle },
    });
    opened.push(m);
    bundle = path.join(m.dir, 'mine.stewardbundle');
    const wes = (
      await m.services.createProfile({ name: 'Wes Witness', email: 'wes@example.com', team: 'Legal' })
    ).id;
    const ws = stewardWorkspace((await m.services.getSettings({})).workspaceDir);
    const file = path.join(ws.ledgersDir, `${wes}.jsonl`);
    const keys = path.join(m.userDataDir, 'keys');
    await m.services.startTrainingModule({ moduleId: 'law-in-practice' });
    await m.services.exportMyRecords({});
    cutLastLines(file, 2);
    const inUse = runSteward(m.dir, ['records', 'restore', '--workspace', ws.dir, bundle, '--keys', keys]);
    expect(inUse.code).toBe(1);
    expect(inUse.err).toContain('Close Steward, then restore again');
    await m.handle.close();

    // Someone with the owner's key wrote another entry 2: a fork, refused and left as it is.
    const { loadKey, fileOnlyProtector } = await import('../../../electron/core/profiles/keystore');
    const key = loadKey(keys, fileOnlyProtector, wes);
    await appendAs(ws, wes, { publicKey: '', privateKeyPem: key.privateKeyPem }, 1, 'other');
    const forked = fs.readFileSync(file);
    const refused = runSteward(m.dir, ['records', 'restore', '--workspace', ws.dir, bundle, '--keys', keys]);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('holds another history than your bundle');
    expect(fs.readFileSync(file).equals(forked)).toBe(true);

    // Nor someone else's bundle: a colleague's records come in by import, which records who took them in.
    const elsewhere = path.join(m.dir, 'other-keys');
    fs.mkdirSync(elsewhere);
    fs.rmSync(file);
    const notMine = runSteward(m.dir, [
      'records',
      'restore',
      '--workspace',
      ws.dir,
      bundle,
      '--keys',
      elsewhere,
    ]);
    expect(notMine.code).toBe(1);
    expect(notMine.err).toContain('only your own ledger is restored this way');
    expect(fs.existsSync(file)).toBe(false);

    // Its own bundle brings the deleted file back, up to the export; the export's own entry is in no bundle.
    const back = runSteward(m.dir, ['records', 'restore', '--workspace', ws.dir, bundle, '--keys', keys]);
    expect(back.code).toBe(1);
    expect(back.out).toContain('2 entries put back from the bundle (2 in the file now)');
    expect(back.err).toContain('entry 3 (the last this app wrote) is in no bundle given');
  });

  it('a ledger opened without a local head records it; growth by the same key elsewhere is fine', async () => {
    const { m, ws, wes } = await witnessApp();
    await m.services.startTrainingModule({ moduleId: 'law-in-practice' });
    await m.handle.close();
    const { loadKey, fileOnlyProtector } = await import('../../../electron/core/profiles/keystore');
    const key = loadKey(path.join(m.userDataDir, 'keys'), fileOnlyProtector, wes);
    await appendAs(ws, wes, { publicKey: '', privateKeyPem: key.privateKeyPem }, 2, 'laptop');
    await tempServicesOver(m);
    const status = await m.services.getWorkspaceStatus({});
    expect(status.readOnly).toBeNull();
    await m.services.startTrainingModule({ moduleId: 'peoples-rights' });
    expect((await entriesOf(ws, wes)).length).toBe(5);
    expect(formatReason({ code: 'witness.missing', params: { count: 1, from: 4, to: 4 } })).toBe(
      'entry 4 is missing',
    );
  });
});
