// Records services: the managers' dashboard, export and verify jobs, bundles, the LRS outbox
// and the display theme. The bodies live in the records modules; this file wires them to the
// workspace, the current profile, the host's dialogs and PDF printer, and writes the
// records.exported / records.imported entries that account for every file taken out or brought in.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Services } from '../contract/methods';
import type { ProfileSummary, VerifyProblem, VerifyReport } from '../contract/views/app';
import type { ExportFormat, JobView, RecordsFilter, RecordsView } from '../contract/views/records';
import { StewardError } from '../errors';
import { ledgerRelPath, listLedgerIds, readLedgerFile, readWorkspace, verifyWorkspace } from '../ledger';
import type { Ledger, LedgerRead, Workspace } from '../ledger';
import { ensureRealDir, FILE_CAPS, readRegularFile, readRegularFileIfPresent } from '../ledger/safeFs';
import { plainReason } from '../ledger/workspace';
import type { SecretProtector } from '../profiles/keystore';
import { questionnaireSetLoader } from '../review/questionnaireSet';
import { projectWorkspaceReviews } from '../review/reviewProjection';
import { witnessBounds } from '../witness/compare';
import { buildReviewRecord, recordDigest } from '../review/reviewRecord';
import { writeFileAtomic } from '../ledger/workspace';
import { renderReviewRecordHtml } from './reviewRecordHtml';
import type { Settings } from '../settings/settingsStore';
import { BASE_LOCALE, loadContent, type LoadedContent } from '../training/content';
import { preferredContentLocale } from '../training/trainingServices';
import { trainingJudge, type TrainingJudge } from '../training/status';
import { bundleExportedData, writeBundle } from './bundle';
import { certificateRows, renderCertificatesHtml } from './certificates';
import { printHtmlToPdf } from './chromiumPdf';
import type { RecordsExportedData } from './events';
import { atomicExport, writeExport } from './exportFile';
import { filterMatrix } from './filter';
import { importRecordsFile, recordsImportedData } from './importRecords';
import { readImportIndex } from './imports';
import { createJobRegistry, type JobContext } from './jobs';
import { createLrsServices } from './lrs/lrsServices';
import { projectRecords, type RecordsProjection } from './projection';
import { pseudonymFor, pseudonymiseView } from './pseudonym';
import { renderReportHtml } from './report';
import { statementsForLedger, type XapiStatement } from './xapi';
import type { WorkspaceOrg } from '../org/workspaceOrg';
import type { Policy } from '../policy/policy';
import { exportsFolder } from '../paths';
import type { LedgerEntry } from '../ledger/entry';
import { exportCheckpoints } from '../witness/checkpoint';
import {
  claimsOf,
  compactLedgerOf,
  compareWitnesses,
  type HeadClaim,
  type WitnessedLedger,
} from '../witness/compare';
import { enrolledKeysOf, keyFileReader, withWitnessProblems, witnessProblems } from '../witness/verify';
import { formatReason } from '../contract/reasons';
import type { IntegrityNote } from './report';

export const RECORDS_METHODS = [
  'getRecords',
  'startExport',
  'startVerify',
  'getJob',
  'cancelJob',
  'exportMyRecords',
  'exportReviewRecord',
  'importRecords',
  'getLrs',
  'setLrs',
  'sendLrsNow',
  'getTheme',
  'setTheme',
  'getLocale',
  'setLocale',
] as const;
export type RecordsServices = Pick<Services, (typeof RECORDS_METHODS)[number]>;

export interface FileFilter {
  name: string;
  extensions: string[];
}

/** What the host offers records: file dialogs and a PDF printer (Electron's, or headless Chromium). */
export interface RecordsHost {
  chooseSavePath?: (opts: {
    title: string;
    defaultName: string;
    filters: FileFilter[];
  }) => Promise<string | null>;
  pickOpenFile?: (opts: { title: string; filters: FileFilter[] }) => Promise<string | null>;
  printPdf?: (html: string, outFile: string, signal?: AbortSignal) => Promise<{ bytes: number }>;
}

export interface RecordsDeps {
  settings: Settings;
  /** Which organisation (and so who may see whose records) the app works in here (services.ts). */
  orgOf: (ledgers: readonly Pick<LedgerRead, 'profileId' | 'entries'>[], policy: Policy) => WorkspaceOrg;
  contentDir: string;
  userDataDir: string;
  /** The private key (PEM) of a profile of this machine: the current one's as unlocked in this run. */
  signingKey: (profileId: string) => string;
  secretProtector: SecretProtector;
  appVersion: string;
  now: () => Date;
  workspace: () => Workspace;
  currentProfile: () => ProfileSummary | null;
  ledger: () => Ledger;
  /** Ids of the profiles whose keys are on this machine (their ledgers are never imported over). */
  localProfileIds: () => string[];
  host: RecordsHost;
  logError?: (where: string, error: unknown) => void;
  /**
   * The workspace's ledgers at quick depth, from a reader shared with the other services that
   * re-reads only what changed (services.ts); without it, every call reads the whole workspace.
   */
  readWorkspace?: () => Promise<{ ledgers: LedgerRead[] }>;
  /** Asks the shared reader to re-read grown ledgers from genesis (after a verification the person asked for). */
  recheckWorkspace?: () => void;
  /** The system's language, for a locale setting of "system" (the screens' module titles). */
  systemLocale?: () => string;
}

export interface RecordsHandle {
  services: RecordsServices;
  close(): Promise<void>;
}

const FORMATS: Record<ExportFormat, { label: string; ext: string; filter: FileFilter; stem: string }> = {
  'csv-matrix': {
    label: 'Exporting the completion matrix as CSV',
    ext: 'csv',
    filter: { name: 'CSV (spreadsheets)', extensions: ['csv'] },
    stem: 'completion-matrix',
  },
  'csv-reviews': {
    label: 'Exporting the reviews register as CSV',
    ext: 'csv',
    filter: { name: 'CSV (spreadsheets)', extensions: ['csv'] },
    stem: 'reviews-register',
  },
  json: {
    label: 'Exporting the full records as JSON',
    ext: 'json',
    filter: { name: 'JSON', extensions: ['json'] },
    stem: 'steward-records',
  },
  xapi: {
    label: 'Exporting xAPI statements',
    ext: 'json',
    filter: { name: 'xAPI statements (JSON)', extensions: ['json'] },
    stem: 'xapi-statements',
  },
  'pdf-report': {
    label: "Printing the manager's report as PDF",
    ext: 'pdf',
    filter: { name: 'PDF', extensions: ['pdf'] },
    stem: 'records-report',
  },
  'pdf-certificates': {
    label: 'Printing a certificate per completion as PDF',
    ext: 'pdf',
    filter: { name: 'PDF', extensions: ['pdf'] },
    stem: 'certificates',
  },
};

const PSEUDONYM_KEY_FILE = 'pseudonym.key';

/** A file name that is safe on every OS, from a person's name. */
function safeStem(name: string): string {
  const stem = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase();
  return stem || 'records';
}

/** A path in `dir` named `name` that does not exist yet (name, name-2, name-3, …). */
function freshPath(dir: string, name: string): string {
  const ext = path.extname(name);
  const stem = name.slice(0, name.length - ext.length);
  for (let i = 1; ; i++) {
    const candidate = path.join(dir, i === 1 ? name : `${stem}-${i}${ext}`);
    if (!fs.existsSync(candidate)) return candidate;
  }
}

function sha256File(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** How core judges one ledger's training entries (a pass re-graded, a completion derived). */
function judgeOf(entries: readonly LedgerEntry[], content: LoadedContent): TrainingJudge {
  return trainingJudge({ entries, modules: content.modules, profileCreatedAt: entries[0]?.ts ?? '' });
}

/** The language of a translated module edition by its content hash (undefined for English or unknown). */
function languageOfEdition(content: LoadedContent): (contentHash: string) => string | undefined {
  return (contentHash) => {
    const edition = content.editions.get(contentHash);
    return edition && edition.locale !== BASE_LOCALE ? edition.locale : undefined;
  };
}

export function createRecordsServices(deps: RecordsDeps): RecordsHandle {
  const jobs = createJobRegistry({ now: deps.now, logError: deps.logError });

  function me(): ProfileSummary {
    const profile = deps.currentProfile();
    if (!profile) {
      throw new StewardError(
        'NO_PROFILE',
        'Create or choose a profile first: what records you may see depends on who you are.',
      );
    }
    return profile;
  }

  // The questionnaires (current and kept versions) that check submitted assessments.
  const questionnaires = questionnaireSetLoader(deps.contentDir);

  /** Every ledger of the workspace at quick depth (through the shared reader when there is one). */
  async function readAllLedgers(): Promise<LedgerRead[]> {
    const ws = deps.workspace();
    return (deps.readWorkspace ? await deps.readWorkspace() : await readWorkspace(ws, { depth: 'quick' }))
      .ledgers;
  }

  /**
   * The checkpoint every export writes before its records.exported entry: the heads of the ledgers
   * it was made from that changed since this profile last witnessed them (witness/checkpoint.ts).
   */
  async function witnessExport(ledgers: readonly LedgerRead[], heads: readonly { profileId: string }[]) {
    const ledger = deps.ledger();
    const own = ledgers.find((l) => l.profileId === ledger.profileId);
    if (!own) return;
    const exported = new Set(heads.map((h) => h.profileId));
    for (const data of exportCheckpoints(own, ledgers, exported))
      await ledger.append('witness.checkpoint', data);
  }

  /**
   * What witnesses show of the ledgers an export is made from (rollback, deletion, fork, false or
   * disputed records), as the export states them. An export of every team states every problem;
   * one of some teams (or one's own) only those about the ledgers it was made from, and names
   * people by profile id only, as does a pseudonymised export.
   */
  function integrityNotes(
    ws: Workspace,
    ledgers: readonly LedgerRead[],
    view: RecordsView,
    pseudonymise: boolean,
  ) {
    const enrolled = enrolledKeysOf(deps.orgOf(ledgers, loadContent(deps.contentDir).policy).org);
    const all = view.scope.kind === 'all';
    const shown = new Set(view.heads.map((h) => ledgerRelPath(h.profileId)));
    const problems = witnessProblems(ws, ledgers, enrolled, { names: all && !pseudonymise });
    return problems
      .filter((p) => all || shown.has(p.file))
      .map((p): IntegrityNote => ({
        file: p.file,
        seq: p.seq,
        code: p.why.code,
        text: formatReason(p.why),
      }));
  }

  /**
   * The modules with their titles in the person's language where a valid translation exists, for
   * the screens; exports keep the titles of record (the base language), as the ledger has them.
   */
  function modulesForScreen(content: LoadedContent): LoadedContent['modules'] {
    const locale = preferredContentLocale(deps.settings.get().locale, deps.systemLocale);
    if (locale === BASE_LOCALE) return content.modules;
    const titles = new Map(loadContent(deps.contentDir, { locale }).modules.map((m) => [m.id, m.title]));
    return content.modules.map((m) => {
      const title = titles.get(m.id);
      return title === undefined || title === m.title ? m : { ...m, title };
    });
  }

  async function project(
    ledgers?: LedgerRead[],
    opts: { screen?: boolean } = {},
  ): Promise<RecordsProjection> {
    const viewer = me();
    const ws = deps.workspace();
    const read = ledgers ?? (await readAllLedgers());
    const content = loadContent(deps.contentDir);
    return projectRecords({
      ledgers: read,
      content: { policy: content.policy, modules: opts.screen ? modulesForScreen(content) : content.modules },
      questionnaire: questionnaires().current ?? undefined,
      earlierQuestionnaires: questionnaires().earlier,
      now: deps.now(),
      viewer,
      imports: readImportIndex(ws),
      authority: deps.orgOf(read, content.policy).authority,
    });
  }

  /**
   * The workspace's pseudonym key, made once (by whichever machine gets there first). Read and
   * made in the workspace's own records/ folder only (safeFs.ts): never through a symlink, never
   * a FIFO or a device.
   */
  function pseudonymKey(ws: Workspace): Buffer {
    const dir = path.join(ws.dir, 'records');
    const file = path.join(dir, PSEUDONYM_KEY_FILE);
    let bytes: Buffer | null;
    try {
      ensureRealDir(ws.dir, dir);
      bytes = readRegularFileIfPresent(file, FILE_CAPS.secretBytes);
      if (bytes === null) {
        try {
          fs.writeFileSync(file, crypto.randomBytes(32).toString('hex'), { flag: 'wx', mode: 0o600 });
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        }
        bytes = readRegularFile(file, FILE_CAPS.secretBytes);
      }
    } catch (error) {
      if (error instanceof StewardError) throw error;
      throw new StewardError(
        'WORKSPACE_INVALID',
        `The pseudonym key ${path.relative(ws.dir, file)} cannot be used: ${plainReason(error)}. Nothing was exported.`,
        { cause: error },
      );
    }
    const hex = bytes.toString('utf8').trim();
    if (!/^[0-9a-f]{64}$/.test(hex)) {
      throw new StewardError(
        'WORKSPACE_INVALID',
        `The pseudonym key ${path.relative(ws.dir, file)} is damaged. Restore it from a backup so pseudonyms stay the same as in earlier exports, or delete it to start new pseudonyms.`,
      );
    }
    return Buffer.from(hex, 'hex');
  }

  async function choosePath(
    title: string,
    defaultName: string,
    filters: FileFilter[],
  ): Promise<string | null> {
    if (deps.host.chooseSavePath) return deps.host.chooseSavePath({ title, defaultName, filters });
    // Hosts without a save dialog (the browser preview, tests) write into the user's export folder.
    const dir = exportsFolder(deps.userDataDir);
    fs.mkdirSync(dir, { recursive: true });
    return freshPath(dir, defaultName);
  }

  function cancelledJob(kind: JobView['kind'], label: string): JobView {
    const job = jobs.start(kind, label, () =>
      Promise.reject(Object.assign(new Error('cancelled'), { name: 'AbortError' })),
    );
    return job;
  }

  async function record(data: RecordsExportedData): Promise<void> {
    await deps.ledger().append('records.exported', data);
  }

  async function xapiStatements(
    projection: RecordsProjection,
    pseudonymise: boolean,
    key: Buffer | null,
  ): Promise<XapiStatement[]> {
    const content = loadContent(deps.contentDir);
    const modules = new Map(content.modules.map((m) => [m.id, { id: m.id, title: m.title }]));
    const people = new Map(projection.view.people.map((p) => [p.id, p]));
    const out: XapiStatement[] = [];
    for (const l of projection.ledgers) {
      const person = people.get(l.profileId);
      if (!person) continue;
      out.push(
        ...statementsForLedger(
          { id: person.id, name: person.name, email: person.email },
          l.entries,
          modules,
          content.policy.xapi,
          judgeOf(l.entries, content),
          {
            languageOf: languageOfEdition(content),
            ...(pseudonymise && key ? { pseudonym: (id: string) => pseudonymFor(key, id) } : {}),
          },
        ),
      );
    }
    return out;
  }

  async function runExport(
    ctx: JobContext,
    format: ExportFormat,
    outFile: string,
    pseudonymise: boolean,
    filter: RecordsFilter | undefined,
  ): Promise<{ file: string; companion: string | null }> {
    const profile = me();
    const ws = deps.workspace();
    const all = await readAllLedgers();
    const projection = await project(all);
    ctx.signal.throwIfAborted();
    let view: RecordsView = projection.view;
    if (filter) view = { ...view, matrix: filterMatrix(view.matrix, filter, view.people) };
    const key = pseudonymise ? pseudonymKey(ws) : null;
    // What leaves the machine: people as stable pseudonyms when asked (CSV and JSON do it themselves).
    const shown = key ? pseudonymiseView(view, key) : view;
    const exportedAt = deps.now().toISOString();
    const integrity = integrityNotes(ws, all, view, pseudonymise);
    let rows: number;
    let sha256: string;
    let companion: RecordsExportedData['companion'];
    if (format === 'csv-matrix' || format === 'csv-reviews' || format === 'json') {
      const written = await writeExport({
        format,
        view,
        ledgers: projection.ledgers,
        integrity,
        pseudonymise,
        pseudonymKey: key ?? Buffer.alloc(32),
        outFile,
        exportedAt,
        exportedBy: pseudonymise ? null : { profileId: profile.id, name: profile.name },
        signal: ctx.signal,
        onProgress: (done, total) => ctx.progress(done, total),
      });
      rows = written.rows;
      sha256 = written.sha256;
      companion = written.companion;
    } else if (format === 'xapi') {
      const statements = await xapiStatements(projection, pseudonymise, key);
      ctx.progress(0, statements.length);
      const written = await atomicExport(outFile, ctx.signal, async (out) => {
        const put = (text: string): Promise<void> =>
          out.write(text) ? Promise.resolve() : new Promise((resolve) => out.once('drain', () => resolve()));
        await put('[\n');
        for (let i = 0; i < statements.length; i++) {
          await put(`${i === 0 ? '' : ',\n'}${JSON.stringify(statements[i])}`);
          if (i % 1000 === 999) ctx.progress(i + 1, statements.length);
        }
        await put('\n]\n');
      });
      sha256 = written.sha256;
      rows = statements.length;
    } else {
      const meta = {
        generatedAt: exportedAt,
        generatedBy: pseudonymise ? null : profile.name,
        pseudonymised: pseudonymise,
        appVersion: deps.appVersion,
        integrity,
      };
      const html =
        format === 'pdf-report' ? renderReportHtml(view, meta) : renderCertificatesHtml(view, meta);
      ctx.progress(0, 1);
      const print =
        deps.host.printPdf ??
        ((h: string, f: string, signal?: AbortSignal) => printHtmlToPdf(h, f, { signal }));
      await print(html, outFile, ctx.signal);
      ctx.progress(1, 1);
      rows = format === 'pdf-report' ? shown.matrix.length : certificateRows(shown).length;
      sha256 = sha256File(outFile);
    }
    await witnessExport(all, view.heads);
    await record({
      format,
      pseudonymised: pseudonymise,
      fileName: path.basename(outFile),
      sha256,
      rows,
      heads: view.heads,
      ...(filter ? { filter: filter as Record<string, unknown> } : {}),
      ...(companion ? { companion } : {}),
    });
    return {
      file: outFile,
      companion: companion ? path.join(path.dirname(outFile), companion.fileName) : null,
    };
  }

  /** Full verification, one ledger at a time so it shows progress and can be cancelled. */
  async function runVerify(ctx: JobContext): Promise<VerifyReport> {
    const ws = deps.workspace();
    const ids = await listLedgerIds(ws);
    const sizes = ids.map((id) => {
      try {
        return fs.lstatSync(path.join(ws.ledgersDir, `${id}.jsonl`)).size;
      } catch {
        return 0;
      }
    });
    const total = sizes.reduce((a, b) => a + b, 0) || 1;
    // Workspace-wide checks (stray files, keys) come from the quick pass; signatures from the full one.
    const quick = await verifyWorkspace(ws, { depth: 'quick', now: deps.now });
    const problems: VerifyProblem[] = quick.problems.filter(
      (p) => !ids.some((id) => p.file.endsWith(`${id}.jsonl`)),
    );
    const ledgers: VerifyReport['ledgers'] = [];
    // What the witnesses' comparison needs, kept without the entries: each ledger's hashes, the
    // claims its entries make, and its genesis and organisation entries (for the roster).
    const witnessed: WitnessedLedger[] = [];
    const claims: HeadClaim[] = [];
    const orgEntries: { profileId: string; entries: LedgerEntry[] }[] = [];
    let done = 0;
    ctx.progress(0, total);
    for (let i = 0; i < ids.length; i++) {
      if (ctx.signal.aborted) throw Object.assign(new Error('cancelled'), { name: 'AbortError' });
      const read = await readLedgerFile(ws, `ledgers/${ids[i]}.jsonl`, { depth: 'full' });
      witnessed.push(compactLedgerOf(read));
      claims.push(...claimsOf(read));
      orgEntries.push({
        profileId: read.profileId,
        entries: read.entries.filter((e, k) => k === 0 || e.type.startsWith('org.')),
      });
      problems.push(...read.problems);
      ledgers.push({
        file: read.file,
        profileId: read.profileId,
        entries: read.entries.length,
        headHash: read.headHash,
        ok: !read.problems.some((p) => p.severity === 'error'),
      });
      done += sizes[i]!;
      ctx.progress(done, total);
    }
    const policy = loadContent(deps.contentDir).policy;
    const report: VerifyReport = {
      ok: !problems.some((p) => p.severity === 'error'),
      depth: 'full',
      checkedAt: deps.now().toISOString(),
      ledgers,
      problems,
    };
    return withWitnessProblems(
      report,
      compareWitnesses({
        ledgers: witnessed,
        claims,
        keyFile: keyFileReader(ws),
        enrolled: enrolledKeysOf(deps.orgOf(orgEntries, policy).org),
      }),
    );
  }

  const lrs = createLrsServices({
    userDataDir: deps.userDataDir,
    secretProtector: deps.secretProtector,
    now: deps.now,
    // Each person's app sends their own statements; a manager's machine does not resend everyone's.
    statements: async () => {
      const profile = deps.currentProfile();
      if (!profile) return [];
      const ws = deps.workspace();
      const own = await readLedgerFile(ws, `ledgers/${profile.id}.jsonl`, { depth: 'quick' });
      const content = loadContent(deps.contentDir);
      return statementsForLedger(
        { id: profile.id, name: profile.name, email: profile.email },
        own.entries,
        new Map(content.modules.map((m) => [m.id, { id: m.id, title: m.title }])),
        content.policy.xapi,
        judgeOf(own.entries, content),
        { languageOf: languageOfEdition(content) },
      );
    },
  });
  lrs.start();

  const services: RecordsServices = {
    async getRecords() {
      return (await project(undefined, { screen: true })).view;
    },

    async startExport({ format, pseudonymise, filter }) {
      const profile = me();
      deps.ledger(); // the export is accounted for in your ledger: refuse now if it cannot be written
      const spec = FORMATS[format];
      const day = deps.now().toISOString().slice(0, 10);
      const outFile = await choosePath(
        'Export records',
        `${spec.stem}-${day}${pseudonymise ? '-pseudonymised' : ''}.${spec.ext}`,
        [spec.filter],
      );
      if (!outFile) return cancelledJob('export', spec.label);
      void profile;
      return jobs.start('export', spec.label, (ctx) => runExport(ctx, format, outFile, pseudonymise, filter));
    },

    async startVerify() {
      deps.workspace();
      deps.recheckWorkspace?.();
      return jobs.start('verify', 'Verifying every signature in the workspace', async (ctx) => ({
        report: await runVerify(ctx),
      }));
    },

    async getJob({ jobId }) {
      return jobs.get(jobId);
    },

    async cancelJob({ jobId }) {
      return jobs.cancel(jobId);
    },

    async exportMyRecords() {
      const profile = me();
      const ledger = deps.ledger();
      const outFile = await choosePath('Export my records', `${safeStem(profile.name)}.stewardbundle`, [
        { name: 'Steward bundle', extensions: ['stewardbundle'] },
      ]);
      if (!outFile) return { file: null, entries: 0, headHash: null };
      const written = await writeBundle(deps.workspace(), profile.id, deps.signingKey(profile.id), outFile, {
        now: deps.now,
      });
      await ledger.append('records.exported', bundleExportedData(written));
      return { file: outFile, entries: written.entries, headHash: written.headHash };
    },

    async exportReviewRecord({ reviewId, format }) {
      const profile = me();
      const ledgers = deps.readWorkspace
        ? (await deps.readWorkspace()).ledgers
        : (await readWorkspace(deps.workspace(), { depth: 'quick' })).ledgers;
      const content = loadContent(deps.contentDir);
      const set = questionnaires();
      const { authority } = deps.orgOf(ledgers, content.policy);
      const { reviews } = projectWorkspaceReviews(
        ledgers,
        { policy: content.policy, modules: content.modules },
        set.current ?? undefined,
        authority,
        witnessBounds(ledgers),
        set.earlier,
      );
      const state = reviews.find((r) => r.reviewId === reviewId);
      const roles = authority.rolesAt(profile.id, deps.now());
      const own =
        state !== undefined && authority.personKey(state.submitter) === authority.personKey(profile.id);
      if (!state || (!own && !roles.has('reviewer') && !roles.has('manager'))) {
        throw new StewardError('NOT_FOUND', `There is no review ${reviewId} that you can see.`);
      }
      const record = buildReviewRecord({
        reviewId,
        ledgers,
        state,
        byHash: set.byHash,
        exporter: { profileId: profile.id, privateKeyPem: deps.signingKey(profile.id) },
        exportedAt: deps.now().toISOString(),
      });
      const digest = recordDigest(record).toString('hex');
      const ext = format === 'json' ? 'review.json' : 'review.pdf';
      const outFile = await choosePath(
        format === 'json' ? 'Export the review record (JSON)' : 'Export the review record (PDF)',
        `${safeStem(state.title)}.${ext}`,
        [
          format === 'json'
            ? { name: 'Review record (JSON)', extensions: ['json'] }
            : { name: 'PDF', extensions: ['pdf'] },
        ],
      );
      if (!outFile) return { file: null, digest: null };
      if (format === 'json') {
        writeFileAtomic(outFile, Buffer.from(`${JSON.stringify(record, null, 2)}\n`, 'utf8'));
      } else {
        const print =
          deps.host.printPdf ??
          ((h: string, f: string, signal?: AbortSignal) => printHtmlToPdf(h, f, { signal }));
        await print(renderReviewRecordHtml(record, { digest, appVersion: deps.appVersion }), outFile);
      }
      const signerIds = new Set(record.signers.map((x) => x.profileId));
      await deps.ledger().append('records.exported', {
        format: format === 'json' ? 'review-record-json' : 'review-record-pdf',
        pseudonymised: false,
        fileName: path.basename(outFile),
        sha256: sha256File(outFile),
        rows: 1,
        heads: ledgers
          .filter((l) => signerIds.has(l.profileId))
          .map((l) => ({ profileId: l.profileId, entries: l.entries.length, headHash: l.headHash })),
      });
      return { file: outFile, digest };
    },

    async importRecords() {
      me();
      const ledger = deps.ledger();
      if (!deps.host.pickOpenFile) {
        throw new StewardError(
          'UNSUPPORTED',
          'This window cannot open files. Import with the command line: steward records import --workspace DIR FILE.',
        );
      }
      const file = await deps.host.pickOpenFile({
        title: 'Import records',
        filters: [{ name: 'Steward bundles and JSON exports', extensions: ['stewardbundle', 'json'] }],
      });
      if (!file) return { file: null, kind: 'bundle', profiles: [], skipped: [], warnings: [] };
      const result = await importRecordsFile(deps.workspace(), file, {
        localProfileIds: deps.localProfileIds(),
        now: deps.now,
      });
      // Importing what is already here changes nothing, not even your ledger.
      if (result.profiles.some((p) => p.status !== 'unchanged')) {
        await ledger.append('records.imported', recordsImportedData(result));
      }
      return {
        file,
        kind: result.kind,
        profiles: result.profiles.map((p) => ({
          profileId: p.profileId,
          name: p.name,
          added: p.added,
          status: p.status,
        })),
        skipped: result.skipped,
        warnings: result.warnings,
      };
    },

    getLrs: () => lrs.getLrs(),
    setLrs: (args) => lrs.setLrs(args),
    sendLrsNow: () => lrs.sendLrsNow(),

    async getTheme() {
      return deps.settings.get().theme;
    },
    async setTheme({ theme }) {
      return deps.settings.update({ theme }).theme;
    },
    async getLocale() {
      return deps.settings.get().locale;
    },
    async setLocale({ locale }) {
      return deps.settings.update({ locale }).locale;
    },
  };

  return {
    services,
    async close() {
      await jobs.close();
      await lrs.close();
    },
  };
}
