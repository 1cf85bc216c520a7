// The records services end to end on real folders: what each viewer may see, exports written
// whole and accounted for in the exporter's ledger, a JSON export re-imported elsewhere losing
// nothing, bundles between two machines, the verify job, and the theme preference.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Services } from '../../../electron/core/contract/methods';
import type { ProfileSummary } from '../../../electron/core/contract/views/app';
import type { JobView } from '../../../electron/core/contract/views/records';
import { readWorkspace } from '../../../electron/core/ledger';
import { appendAsOwner } from '../../support/insider';
import { grantInPolicy, type PolicyRole } from '../../support/policy';
import type { HostCapabilities, ServiceHandle } from '../../../electron/core/services';
import { ALL_MODULES, completeModules, SUBMITTER_MODULES } from '../../support/moduleKey';
import { autofillDraft } from '../../support/reviewAutofill';
import { tempServices } from '../../support/services';
import { stewardWorkspace } from '../../../electron/core/events';

interface Machine {
  dir: string;
  contentDir: string;
  handle: ServiceHandle;
  s: Services;
  files: { nextOpen: string | null; nextSave: string | null };
}

const machines: Machine[] = [];
const clock = { now: new Date('2026-03-02T09:00:00Z') };

async function machine(host: Partial<HostCapabilities> = {}): Promise<Machine> {
  const files = { nextOpen: null as string | null, nextSave: null as string | null };
  const { dir, contentDir, handle, services } = await tempServices({
    prefix: 'steward-records-svc-',
    capabilities: { host: 'test', pickOpenFile: async () => files.nextOpen, ...host },
    now: () => clock.now,
  });
  const m = { dir, contentDir, handle, s: services, files };
  machines.push(m);
  return m;
}

const grant = (m: Machine, p: ProfileSummary, role: PolicyRole) => grantInPolicy(m.contentDir, p, role);

async function settle(s: Services, job: JobView): Promise<JobView> {
  let current = job;
  for (let i = 0; i < 600 && current.state === 'running'; i++) {
    await new Promise((r) => setTimeout(r, 20));
    current = await s.getJob({ jobId: job.id });
  }
  return current;
}

async function ownEntries(m: Machine, profileId: string) {
  const { ledgers } = await readWorkspace(stewardWorkspace(path.join(m.dir, 'user', 'workspace')), {
    depth: 'quick',
  });
  return ledgers.find((l) => l.profileId === profileId)!.entries;
}

beforeEach(() => {
  clock.now = new Date('2026-03-02T09:00:00Z');
});
afterEach(async () => {
  for (const m of machines.splice(0)) {
    await m.handle.close();
    fs.rmSync(m.dir, { recursive: true, force: true });
  }
});

/** A team: Zoë and Cat (Product) and Ben (Legal, a manager of every team). */
async function team(m: Machine) {
  const zoe = await m.s.createProfile({ name: 'Zoë Ångström', email: 'zoe@example.com', team: 'Product' });
  await completeModules(m.s, SUBMITTER_MODULES, m.contentDir);
  const cat = await m.s.createProfile({ name: '=cmd|Cat', email: 'cat@example.com', team: '+Product' });
  const ben = await m.s.createProfile({ name: 'Ben Schmidt', email: 'ben@example.com', team: 'Legal' });
  await completeModules(m.s, ALL_MODULES, m.contentDir);
  grant(m, ben, 'managers');
  return { zoe, cat, ben };
}

describe('records services', () => {
  it('gives a manager everyone and an employee only themselves', async () => {
    const m = await machine();
    const { zoe, ben } = await team(m);
    const asBen = await m.s.getRecords({});
    expect(asBen.scope.kind).toBe('all');
    expect(asBen.people).toHaveLength(3);
    await m.s.switchProfile({ profileId: zoe.id });
    const asZoe = await m.s.getRecords({});
    expect(asZoe.scope.kind).toBe('self');
    expect(asZoe.people.map((p) => p.id)).toEqual([zoe.id]);
    expect(asZoe.matrix.every((r) => r.personId === zoe.id)).toBe(true);
    expect(asBen.heads.map((h) => h.profileId)).toContain(ben.id);
  });

  it("counts a reviewer's own decisions in their records: Reviews decided is 1 right after deciding one", async () => {
    const m = await machine();
    const zoe = await m.s.createProfile({ name: 'Zoë Ångström', email: 'zoe@example.com', team: 'Product' });
    await completeModules(m.s, SUBMITTER_MODULES, m.contentDir);
    const draft = await m.s.createReviewDraft({});
    await autofillDraft(m.s, draft.draftId, { proposalTitle: 'Churn prediction' });
    const { reviewId } = (await m.s.submitReview({ draftId: draft.draftId })).summary;
    const ada = await m.s.createProfile({ name: 'Ada Reviewer', email: 'ada@example.com', team: 'Legal' });
    grant(m, ada, 'reviewers');
    await completeModules(m.s, ALL_MODULES, m.contentDir);
    expect((await m.s.getRecords({})).reviews).toEqual([]);
    await m.s.decideReview({
      reviewId,
      version: 1,
      decision: 'approved',
      rationale: 'Proportionate.',
      conditions: [],
      reReviewDate: '2027-03-01',
      dpoAdvice: null,
    });
    const asAda = await m.s.getRecords({});
    expect(asAda.scope.kind).toBe('self');
    expect(asAda.people.map((p) => p.id)).toEqual([ada.id]);
    // Her decision is in her records (the dashboard's "Reviews decided" counts decided rows).
    expect(asAda.reviews.map((r) => [r.reviewId, r.decision, r.reviewer?.id])).toEqual([
      [reviewId, 'approved', ada.id],
    ]);
    expect(asAda.reviews.filter((r) => r.decision !== null)).toHaveLength(1);
    expect(asAda.reviewOutcomes.reduce((n, mo) => n + mo.approved, 0)).toBe(1);
    // Zoë's records still hold her own review, decided.
    await m.s.switchProfile({ profileId: zoe.id });
    expect((await m.s.getRecords({})).reviews.map((r) => r.decision)).toEqual(['approved']);
  });

  it('exports the matrix as a safe CSV and records the export, with the heads, in the ledger', async () => {
    const m = await machine();
    const { ben } = await team(m);
    const job = await settle(m.s, await m.s.startExport({ format: 'csv-matrix', pseudonymise: false }));
    expect(job).toMatchObject({ state: 'done', error: null });
    expect(job.file).toMatch(/completion-matrix-2026-03-02\.csv$/);
    const bytes = fs.readFileSync(job.file!);
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const text = bytes.toString('utf8');
    expect(text).toContain('Zoë Ångström');
    const rows = parseCsv(text.slice(1), { relax_column_count: true }) as string[][];
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r\n]/);
    expect(text).toContain("'=cmd|Cat");

    const entries = await ownEntries(m, ben.id);
    const exported = entries.filter((e) => e.type === 'records.exported');
    expect(exported).toHaveLength(1);
    const data = exported[0]!.data as {
      fileName: string;
      sha256: string;
      heads: unknown[];
      format: string;
      companion: { fileName: string; sha256: string };
    };
    expect(data.format).toBe('csv-matrix');
    expect(data.fileName).toBe(path.basename(job.file!));
    expect(data.sha256).toBe(crypto.createHash('sha256').update(bytes).digest('hex'));
    // The heads went to a file of their own, beside the table; the signed entry vouches for both.
    const headsFile = job.file!.replace(/\.csv$/, '.heads.csv');
    expect(job.companion).toBe(headsFile);
    expect(data.companion).toEqual({
      fileName: path.basename(headsFile),
      sha256: crypto.createHash('sha256').update(fs.readFileSync(headsFile)).digest('hex'),
    });
    // The heads the file was made from: every ledger in view, as they stood before this entry.
    expect(data.heads).toHaveLength(3);
    expect(data.heads).toContainEqual({
      profileId: ben.id,
      entries: entries.length - 1,
      headHash: entries[entries.length - 2]!.hash,
    });
  });

  it('pseudonymises: no name or email in the file, and the same pseudonyms on the next export', async () => {
    const m = await machine();
    await team(m);
    const a = await settle(m.s, await m.s.startExport({ format: 'csv-matrix', pseudonymise: true }));
    const b = await settle(m.s, await m.s.startExport({ format: 'csv-matrix', pseudonymise: true }));
    const first = fs.readFileSync(a.file!, 'utf8');
    for (const secret of ['Zoë', 'Ångström', 'zoe@example.com', 'Ben Schmidt', 'cat@example.com']) {
      expect(first).not.toContain(secret);
    }
    expect(first).toContain('Product');
    // The data rows repeat exactly; only the ledger heads at the end moved (the first export is in Ben's ledger).
    const dataRows = (text: string) => text.slice(0, text.indexOf('# ledger heads'));
    expect(dataRows(fs.readFileSync(b.file!, 'utf8'))).toBe(dataRows(first));
    expect(dataRows(first)).toMatch(/Person [0-9A-Z]{4}-[0-9A-Z]{4}/);
    expect(a.file).not.toBe(b.file);
  });

  it('never makes or reads the pseudonym key through a symlink planted in the workspace', async () => {
    const m = await machine();
    await team(m);
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'steward-outside-'));
    try {
      const records = path.join(m.dir, 'user', 'workspace', 'records');
      fs.rmSync(records, { recursive: true, force: true });
      fs.symlinkSync(outside, records);
      const job = await settle(m.s, await m.s.startExport({ format: 'csv-matrix', pseudonymise: true }));
      expect(job.state).toBe('failed');
      expect(JSON.stringify(job.error)).toMatch(/symbolic link/);
      expect(fs.readdirSync(outside)).toEqual([]);
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  it('an xAPI export says in which language each module was taken', async () => {
    const m = await machine();
    const ana = await m.s.createProfile({ name: 'Ana Duarte', email: 'ana@example.com', team: 'Product' });
    grant(m, ana, 'managers');
    // People's rights has a French edition; privacy by design has none here (its translation is
    // taken out of this copy of the content), so it is taken in English.
    fs.rmSync(path.join(m.contentDir, 'locales', 'fr', 'modules', '05-privacy-by-design.md'));
    await m.s.setLocale({ locale: 'fr' });
    await completeModules(m.s, ['peoples-rights', 'privacy-by-design'], m.contentDir);
    const job = await settle(m.s, await m.s.startExport({ format: 'xapi', pseudonymise: false }));
    expect(job.state).toBe('done');
    const statements = JSON.parse(fs.readFileSync(job.file!, 'utf8')) as {
      object: { id: string };
      context: { language: string };
    }[];
    const languages = (module: string) =>
      new Set(
        statements
          .filter((st) => st.object.id.includes(`/module/${module}/`))
          .map((st) => st.context.language),
      );
    expect(languages('peoples-rights')).toEqual(new Set(['fr']));
    expect(languages('privacy-by-design')).toEqual(new Set(['en-US']));
  });

  it('shows module titles in the language chosen, where a translation exists; the CSV keeps the titles of record', async () => {
    const m = await machine();
    const ana = await m.s.createProfile({ name: 'Ana Duarte', email: 'ana@example.com', team: 'Product' });
    grant(m, ana, 'managers');
    fs.rmSync(path.join(m.contentDir, 'locales', 'fr', 'modules', '05-privacy-by-design.md'));
    const english = await m.s.getRecords({});
    const title = (view: typeof english, id: string) => view.modules.find((x) => x.id === id)?.title;
    expect(title(english, 'law-in-practice')).toBe('Data protection law in practice');
    await m.s.setLocale({ locale: 'fr' });
    const french = await m.s.getRecords({});
    expect(title(french, 'law-in-practice')).toBe('Le droit de la protection des données en pratique');
    // No French edition: the English title, not a blank.
    expect(title(french, 'privacy-by-design')).toBe(title(english, 'privacy-by-design'));
    const row = french.matrix.find((r) => r.personId === ana.id && r.moduleId === 'law-in-practice');
    expect(row?.moduleTitle).toBe('Le droit de la protection des données en pratique');
    expect(french.modules.map((x) => x.version)).toEqual(english.modules.map((x) => x.version));
    const job = await settle(m.s, await m.s.startExport({ format: 'csv-matrix', pseudonymise: false }));
    expect(job.state).toBe('done');
    const csv = fs.readFileSync(job.file!, 'utf8');
    expect(csv).toContain('Data protection law in practice');
    expect(csv).not.toContain('Le droit de la protection des données en pratique');
  });

  it('an xAPI export reports no completion its writer declared without passing the check', async () => {
    const m = await machine();
    const ana = await m.s.createProfile({ name: 'Ana Duarte', email: 'ana@example.com', team: 'Product' });
    await completeModules(m.s, ['peoples-rights'], m.contentDir);
    const eve = await m.s.createProfile({ name: 'Eve Insider', email: 'eve@example.com', team: 'Product' });
    // Eve, with her own key, declares consent-done-right completed: no attempt, let alone a pass.
    await m.s.switchProfile({ profileId: ana.id });
    const module = (await m.s.listTrainingModules({})).modules.find((x) => x.id === 'consent-done-right')!;
    await appendAsOwner(
      path.join(m.dir, 'user'),
      path.join(m.dir, 'user', 'workspace'),
      eve.id,
      'training.completed',
      {
        moduleId: module.id,
        version: module.version,
        contentHash: module.contentHash,
        score: 100,
        passMark: 80,
        completedAt: clock.now.toISOString(),
        expiresAt: '2099-01-01T00:00:00.000Z',
        attemptHash: 'a'.repeat(64),
      },
    );
    grant(m, ana, 'managers');
    const job = await settle(m.s, await m.s.startExport({ format: 'xapi', pseudonymise: false }));
    expect(job.state).toBe('done');
    const statements = JSON.parse(fs.readFileSync(job.file!, 'utf8')) as {
      actor: { account: { name: string } };
      verb: { id: string };
      object: { id: string };
    }[];
    const completed = (who: string) =>
      statements
        .filter((st) => st.actor.account.name === who && st.verb.id.endsWith('/completed'))
        .map((st) => st.object.id.split('/module/')[1]!.split('/')[0]);
    expect(completed(ana.id)).toEqual(['peoples-rights']);
    expect(completed(eve.id)).toEqual([]);
  });

  it('refuses to export without a profile, and says why', async () => {
    const m = await machine();
    await expect(m.s.startExport({ format: 'json', pseudonymise: false })).rejects.toMatchObject({
      code: 'NO_PROFILE',
    });
  });

  it('round-trips: a JSON export imported into another workspace gives the same records', async () => {
    const a = await machine();
    await team(a);
    // What the export is made from (the export itself is then recorded in Ben's ledger).
    const before = await a.s.getRecords({});
    const job = await settle(a.s, await a.s.startExport({ format: 'json', pseudonymise: false }));
    expect(job.state).toBe('done');

    const b = await machine();
    // The same organisation: the same policy (Ben's manager role makes modules required of him).
    fs.copyFileSync(path.join(a.contentDir, 'policy.yaml'), path.join(b.contentDir, 'policy.yaml'));
    const dana = await b.s.createProfile({ name: 'Dana Okoye', email: 'dana@example.com', team: 'Audit' });
    grant(b, dana, 'managers');
    b.files.nextOpen = job.file;
    const result = await b.s.importRecords({});
    expect(result.kind).toBe('json');
    expect(result.profiles.map((p) => p.status)).toEqual(['added', 'added', 'added']);
    const after = await b.s.getRecords({});
    const strip = (rows: typeof before.matrix) =>
      rows
        .map(({ source: _s, ...r }) => r)
        .sort((x, y) => (x.personId + x.moduleId).localeCompare(y.personId + y.moduleId));
    const got = strip(after.matrix.filter((r) => r.personId !== dana.id));
    const want = strip(before.matrix);
    for (let i = 0; i < want.length; i++) expect(got[i], `row ${i}`).toEqual(want[i]);
    expect(got).toHaveLength(want.length);
    expect(after.matrix.filter((r) => r.personId !== dana.id).every((r) => r.source === 'imported')).toBe(
      true,
    );
    for (const h of before.heads) expect(after.heads).toContainEqual(h);

    // The same file again changes nothing, not even the importer's ledger.
    const danaEntries = (await ownEntries(b, dana.id)).length;
    const again = await b.s.importRecords({});
    expect(again.profiles.every((p) => p.status === 'unchanged')).toBe(true);
    expect((await ownEntries(b, dana.id)).length).toBe(danaEntries);
    expect((await ownEntries(b, dana.id)).filter((e) => e.type === 'records.imported')).toHaveLength(1);
  });

  it('moves one person\u2019s records between machines as a signed bundle, and refuses a tampered one', async () => {
    const a = await machine();
    const zoe = await a.s.createProfile({ name: 'Zoë Ångström', email: 'zoe@example.com', team: 'Product' });
    await completeModules(a.s, SUBMITTER_MODULES, a.contentDir);
    const bundle = await a.s.exportMyRecords({});
    expect(bundle.file).toMatch(/zoe-angstrom\.stewardbundle$/);
    expect(bundle.entries).toBeGreaterThan(1);

    const b = await machine();
    const dana = await b.s.createProfile({ name: 'Dana Okoye', email: 'dana@example.com', team: 'Audit' });
    grant(b, dana, 'managers');
    const tampered = path.join(b.dir, 'tampered.stewardbundle');
    const parsed = JSON.parse(fs.readFileSync(bundle.file!, 'utf8')) as { lines: string[] };
    const at = parsed.lines.findIndex((l) => l.includes('"score":'));
    parsed.lines[at] = parsed.lines[at]!.replace('"score":', '"score":1');
    fs.writeFileSync(tampered, JSON.stringify(parsed));
    b.files.nextOpen = tampered;
    await expect(b.s.importRecords({})).rejects.toThrow(/Nothing was imported/);
    expect((await b.s.getRecords({})).people.map((p) => p.id)).toEqual([dana.id]);

    b.files.nextOpen = bundle.file;
    const result = await b.s.importRecords({});
    expect(result.profiles).toEqual([
      { profileId: zoe.id, name: 'Zoë Ångström', added: bundle.entries, status: 'added' },
    ]);
    const view = await b.s.getRecords({});
    expect(view.people.find((p) => p.id === zoe.id)).toMatchObject({ source: 'imported' });

    b.files.nextOpen = null;
    expect(await b.s.importRecords({})).toMatchObject({ file: null, profiles: [] });
  });

  it('runs a full verification as a job with progress, and reports every ledger', async () => {
    const m = await machine();
    await team(m);
    const job = await settle(m.s, await m.s.startVerify({}));
    expect(job.state).toBe('done');
    expect(job.report).toMatchObject({ ok: true, depth: 'full' });
    expect(job.report!.ledgers).toHaveLength(3);
    expect(job.done).toBe(job.total);
    expect(job.total).toBeGreaterThan(0);
  });

  it('"Verify now" names a line nested 100,000 deep by file and seq, and reads every other ledger', async () => {
    const m = await machine();
    const { zoe } = await team(m);
    const file = path.join(m.dir, 'user', 'workspace', 'ledgers', `${zoe.id}.jsonl`);
    const seq = fs.readFileSync(file, 'utf8').split('\n').length; // lines + 1: the next seq
    fs.appendFileSync(file, `{"seq":${seq},"data":${'['.repeat(100_000)}${']'.repeat(100_000)}}\n`);
    const job = await settle(m.s, await m.s.startVerify({}));
    expect(job).toMatchObject({ state: 'done', error: null });
    expect(job.report).toMatchObject({ ok: false, depth: 'full' });
    expect(job.report!.problems).toContainEqual(
      expect.objectContaining({
        file: `ledgers/${zoe.id}.jsonl`,
        seq,
        why: expect.objectContaining({ code: 'ledger.tooDeep' }),
      }),
    );
    expect(job.report!.ledgers.filter((l) => l.ok)).toHaveLength(2);
    // The everyday read shows Zoë's signed entries and nothing of the planted line.
    const asBen = await m.s.getRecords({});
    expect(asBen.people.map((p) => p.id)).toContain(zoe.id);
  });

  it('cancels an export: no file and no ledger entry', async () => {
    const m = await machine({
      chooseSavePath: async ({ defaultName }) =>
        path.join(os.tmpdir(), `cancel-${process.pid}-${defaultName}`),
      printPdf: (_html, _out, signal) =>
        new Promise((_, reject) =>
          signal?.addEventListener('abort', () =>
            reject(Object.assign(new Error('stop'), { name: 'AbortError' })),
          ),
        ),
    });
    const { ben } = await team(m);
    const started = await m.s.startExport({ format: 'pdf-report', pseudonymise: false });
    await m.s.cancelJob({ jobId: started.id });
    const job = await settle(m.s, started);
    expect(job.state).toBe('cancelled');
    expect(fs.existsSync(path.join(os.tmpdir(), `cancel-${process.pid}-records-report-2026-03-02.pdf`))).toBe(
      false,
    );
    expect((await ownEntries(m, ben.id)).some((e) => e.type === 'records.exported')).toBe(false);
  });

  it('keeps the theme choice', async () => {
    const m = await machine();
    expect(await m.s.getTheme({})).toBe('system');
    expect(await m.s.setTheme({ theme: 'highContrast' })).toBe('highContrast');
    expect(await m.s.getTheme({})).toBe('highContrast');
  });
});
