// The admin CLI's commands, over core only (no Electron). Each command has its own --help;
// every failure is one clear line on stderr and a non-zero exit code.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { profileInputSchema } from '../core/contract/schemas';
import type { ExportFormat } from '../core/contract/views/records';
import { describeZodError } from '../core/dispatch';
import { StewardError } from '../core/errors';
import { memoryVerifiedHeads, readWorkspace } from '../core/ledger';
import { verifyWitnessedWorkspace } from '../core/witness/verify';
import { createProfile } from '../core/profiles/createProfile';
import { localHeadStore } from '../core/profiles/localHead';
import { restoreOwnLedger } from '../core/records/restore';
import { fileOnlyProtector, listLocalKeyIds } from '../core/profiles/keystore';
import { demoPeople } from '../core/demo/demoPeople';
import { seedDemoReviews } from '../core/demo/demoReviews';
import { seedDemoWorkspace } from '../core/demo/demoTraining';
import { grantDemoReviewers } from '../core/policy/policy';
import { loadQuestionnaire } from '../core/review';
import { BANK_THRESHOLDS, lintBanks } from '../core/training/bankLint';
import { loadContent } from '../core/training/content';
import { createServices, type HostCapabilities, type ServiceHandle } from '../core/services';
import { confStoreFactory } from '../core/settings/settingsStore';
import { openStewardWorkspace, STEWARD_EVENTS, stewardWorkspace } from '../core/events';
import { questionnaireSetLoader } from '../core/review/questionnaireSet';
import { projectWorkspaceReviews } from '../core/review/reviewProjection';
import { workspaceOrgOf } from '../core/org/workspaceOrg';
import { witnessBounds } from '../core/witness/compare';
import { appliedHashes, checkReviewRecord, type WorkspaceEvidence } from '../core/review/reviewRecord';
import {
  CONTENT_DEFAULT_HELP,
  contentDirFrom,
  help,
  keysDirFrom,
  keysOption,
  required,
  switchToProfile,
  UsageError,
  type CliContext,
  type CliIo,
  type Command,
  type OptionValues,
} from './command';
import { ORG_COMMANDS } from './orgCommands';

export { UsageError, type CliContext, type CliIo } from './command';

const profileCreate: Command = {
  name: 'profile create',
  summary: 'Create a profile (signing key + ledger) in a workspace and print its id.',
  usage: `steward profile create --workspace DIR --name NAME --email EMAIL --team TEAM [--keys DIR]

  --workspace DIR  the workspace folder (created if missing)
  --name, --email, --team  who the profile belongs to
  --keys DIR       where the private key is kept (default: the app's local key folder)`,
  options: {
    workspace: { type: 'string' },
    name: { type: 'string' },
    email: { type: 'string' },
    team: { type: 'string' },
    ...keysOption,
    ...help,
  },
  async run(values, io) {
    const ws = await openStewardWorkspace(path.resolve(required(values, 'workspace')));
    const input = profileInputSchema.safeParse({ name: values.name, email: values.email, team: values.team });
    if (!input.success) throw new UsageError(describeZodError(input.error));
    const profile = await createProfile(ws, keysDirFrom(values), fileOnlyProtector, input.data);
    io.out(profile.id);
    return 0;
  },
};

const recordsVerify: Command = {
  name: 'records verify',
  summary:
    "Check every ledger in a workspace: chain, hashes, every entry's signature, and what witnesses saw of it.",
  usage: `steward records verify --workspace DIR [--json]

  Exit 0 when every ledger verifies (an incomplete last line is a warning), 1 otherwise.
  Each problem names the ledger file and the entry's seq. Every ledger is also compared with the
  heads other people's apps witnessed (checkpoints, export records) and with the organisation's
  roster: a ledger shorter than witnessed (rollback), missing (deletion) or with another entry at
  a witnessed seq (fork) is named, with who saw what and when.`,
  options: { workspace: { type: 'string' }, json: { type: 'boolean' }, ...help },
  async run(values, io) {
    const dir = path.resolve(required(values, 'workspace'));
    const report = await verifyWitnessedWorkspace(stewardWorkspace(dir), { depth: 'full' });
    if (values.json) {
      io.out(JSON.stringify(report, null, 2));
    } else {
      for (const l of report.ledgers) {
        io.out(`${l.ok ? 'ok  ' : 'FAIL'} ${l.file}  ${l.entries} entries  head ${l.headHash ?? '-'}`);
      }
      for (const p of report.problems) {
        io.out(
          `${p.severity === 'error' ? 'error' : 'warning'}: ${p.file}${p.seq === null ? '' : ` seq ${p.seq}`}: ${p.reason}`,
        );
      }
      const errors = report.problems.filter((p) => p.severity === 'error').length;
      io.out(
        report.ok
          ? `verified ${report.ledgers.length} ledger(s), ${report.ledgers.reduce((n, l) => n + l.entries, 0)} entries: ok`
          : `verification FAILED: ${errors} problem(s)`,
      );
    }
    return report.ok ? 0 : 1;
  },
};

const demoSeed: Command = {
  name: 'demo seed',
  summary: 'Fill a workspace with demo people and their training history, through the real services.',
  usage: `steward demo seed --workspace DIR --people N [--seed S] [--keys DIR] [--content DIR] [--now ISO]
                 [--reviews N [--reviewers K]]

  --people N     how many people (1..100000)
  --seed S       the same seed gives the same people and histories (default 1)
  --keys DIR     where their private keys go (default: the app's local key folder, so the app can
                 switch to any demo person)
  --content DIR  the training content their histories use (${CONTENT_DEFAULT_HELP}).
                 Without valid modules, only the people are created.
  --now ISO      the demo's present (default: now); histories cover the ~14 months before it:
                 completions (some due soon or expired), failed attempts, unfinished modules,
                 and people who did nothing (overdue)
  --reviews N    also N data-use reviews in every state (awaiting a decision, changes requested,
                 revised and approved, approved with conditions, rejected, withdrawn, re-review
                 due), decided by reviewers other than the submitters. Needs --content DIR: the
                 first K demo people (--reviewers, default 2) are added as reviewers to that
                 folder's policy.yaml (email + key fingerprint), so use a copy of your content`,
  options: {
    workspace: { type: 'string' },
    people: { type: 'string' },
    seed: { type: 'string' },
    content: { type: 'string' },
    now: { type: 'string' },
    reviews: { type: 'string' },
    reviewers: { type: 'string' },
    ...keysOption,
    ...help,
  },
  async run(values, io, ctx) {
    // Seeding reads the workspace after every step: what it verified once, it remembers (in
    // memory only, for this run).
    const ws = await openStewardWorkspace(path.resolve(required(values, 'workspace')), memoryVerifiedHeads());
    const count = Number(required(values, 'people'));
    if (!Number.isInteger(count) || count < 1 || count > 100_000) {
      throw new UsageError(
        `--people must be a whole number from 1 to 100000 (got "${String(values.people)}")`,
      );
    }
    const seed = values.seed === undefined ? 1 : Number(values.seed);
    if (!Number.isInteger(seed))
      throw new UsageError(`--seed must be a whole number (got "${String(values.seed)}")`);
    const now = values.now === undefined ? new Date() : new Date(String(values.now));
    if (Number.isNaN(now.getTime()))
      throw new UsageError(`--now must be a date such as 2026-03-01T09:00:00Z (got "${String(values.now)}")`);
    const reviewCount = values.reviews === undefined ? 0 : Number(values.reviews);
    const reviewerCount = values.reviewers === undefined ? 2 : Number(values.reviewers);
    if (!Number.isInteger(reviewCount) || reviewCount < 0 || reviewCount > 1000)
      throw new UsageError(
        `--reviews must be a whole number from 0 to 1000 (got "${String(values.reviews)}")`,
      );
    if (reviewCount > 0 && (!Number.isInteger(reviewerCount) || reviewerCount < 1 || reviewerCount >= count))
      throw new UsageError(
        `--reviewers must be at least 1 and fewer than --people (got "${String(values.reviewers)}")`,
      );
    if (reviewCount > 0 && values.content === undefined)
      throw new UsageError(
        '--reviews needs --content DIR: a copy of the content whose policy.yaml may name the demo reviewers',
      );
    const contentDir = contentDirFrom(values, ctx);
    const keysDir = keysDirFrom(values);
    const summary = await seedDemoWorkspace({
      ws,
      keysDir,
      protector: fileOnlyProtector,
      contentDir,
      people: demoPeople(count, seed),
      seed,
      now,
    });
    io.out(`seeded ${summary.people} people into ${ws.dir}`);
    io.out(
      summary.modulesAvailable === 0
        ? 'no valid training modules found: no training history was written (see "steward content check")'
        : `training history over ${summary.modulesAvailable} modules: ${summary.completions} completions, ${summary.failedAttempts} failed attempts, ${summary.startedOnly} modules left unfinished`,
    );
    if (reviewCount > 0) {
      // The oldest profiles review, the rest submit: both need to predate the reviews, and so must
      // their training histories (a ledger's times never go back).
      const people = summary.profiles.slice().sort((a, b) => a.createdAt.localeCompare(b.createdAt));
      const cutoff = new Date(now.getTime() - 25 * 86_400_000).toISOString();
      const eligible = people.filter((p) => p.createdAt < cutoff && summary.lastEntryAt[p.id]! < cutoff);
      const reviewers = eligible.slice(0, reviewerCount);
      grantDemoReviewers(contentDir, reviewers);
      const reviews = await seedDemoReviews({
        ws,
        keysDir,
        protector: fileOnlyProtector,
        contentDir,
        seed,
        now,
        reviewers,
        submitters: eligible.slice(reviewerCount),
        count: reviewCount,
      });
      const states = Object.entries(reviews.byState)
        .map(([k, v]) => `${v} ${k}`)
        .join(', ');
      io.out(
        `reviews: ${reviews.reviews} (${states}); reviewers ${reviewers.map((r) => r.name).join(', ')} added to ${path.join(contentDir, 'policy.yaml')}`,
      );
    }
    return 0;
  },
};

const contentCheck: Command = {
  name: 'content check',
  summary:
    'Validate the training content (modules, their translations and policy.yaml) the way the app loads it.',
  usage: `steward content check [--content DIR]

  --content DIR  the content folder (${CONTENT_DEFAULT_HELP})

  Checks modules/, every translation in locales/<lang>/modules/ (it must match its English module
  in everything but the words), policy.yaml and review/data-use-review.yaml, and lints the
  knowledge checks as question banks: at least ${BANK_THRESHOLDS.minVariantsPerTopic} questions per topic, the right option the
  longest in at most ${BANK_THRESHOLDS.maxLongestShare * 100}% of single-answer questions and at one position in at most
  ${BANK_THRESHOLDS.maxPositionShare * 100}%, and no question a near-duplicate of another module's (content/README.md).
  Prints each problem as "file: field: reason". Exit 0 when every file is valid, 1 otherwise.`,
  options: { content: { type: 'string' }, ...help },
  async run(values, io, ctx) {
    const dir = contentDirFrom(values, ctx);
    if (!fs.existsSync(dir)) throw new StewardError('NOT_FOUND', `the content folder ${dir} does not exist.`);
    const content = loadContent(dir);
    const review = loadQuestionnaire(dir);
    const banks = lintBanks(content.modules, content.translations);
    const problems = [...content.problems, ...review.problems, ...banks.problems];
    const figures = new Map(banks.modules.map((f) => [f.file, f]));
    const pct = (x: number) => `${Math.round(x * 100)}%`;
    for (const m of content.modules) {
      const f = figures.get(m.file);
      io.out(
        `ok   ${m.file}  ${m.id} ${m.version}  ${m.quiz.length} questions (${f?.asked ?? 0} asked), ${m.sections.length} sections, ${m.minutes} min`,
      );
    }
    for (const t of content.translations) {
      io.out(`ok   ${t.file}  (${t.locale}, translation of ${t.id} ${t.version})`);
    }
    for (const f of banks.modules) {
      io.out(
        `bank ${f.file}  right option longest in ${f.longestCorrect}/${f.singleAnswer} (${pct(f.longestShare)}), shortest in ${f.shortestCorrect}, by position ${f.positions.join('/')} (max ${pct(f.maxPositionShare)})`,
      );
    }
    if (banks.closest) {
      const c = banks.closest;
      io.out(
        `bank most similar questions of two modules: ${c.a.file} ${c.a.questionId} and ${c.b.file} ${c.b.questionId} (${(c.similarity * 100).toFixed(1)}%)`,
      );
    }
    if (review.questionnaire) {
      const q = review.questionnaire;
      const questions = q.sections.reduce((n, s) => n + s.questions.length, 0);
      io.out(`ok   review/data-use-review.yaml  ${q.sections.length} sections, ${questions} questions`);
    }
    for (const p of problems) io.out(`${p.file}: ${p.field === null ? '' : `${p.field}: `}${p.reason}`);
    const files = new Set(problems.map((p) => p.file)).size;
    const translated =
      content.translations.length === 0 ? '' : `, ${content.translations.length} translation(s)`;
    io.out(
      problems.length === 0
        ? `content ok: ${content.modules.length} module(s)${translated}, policy.yaml and the review questionnaire in ${dir}`
        : `content check FAILED: ${problems.length} problem(s) in ${files} file(s); ${content.modules.length} module(s) usable, in ${dir}`,
    );
    return problems.length === 0 ? 0 : 1;
  },
};

// ---- records export / import: the app's own services, driven from the command line ----------

const FORMAT_NAMES: Record<string, ExportFormat> = {
  csv: 'csv-matrix',
  'csv-matrix': 'csv-matrix',
  'csv-reviews': 'csv-reviews',
  json: 'json',
  xapi: 'xapi',
  pdf: 'pdf-report',
  'pdf-report': 'pdf-report',
  'pdf-certificates': 'pdf-certificates',
};

/**
 * Opens the app's services on a workspace as one of this machine's profiles (the export or
 * import is recorded in that person's ledger and limited to what they may see), with dialogs
 * answered by the command line.
 */
async function servicesAs(
  values: OptionValues,
  ctx: CliContext,
  host: Pick<HostCapabilities, 'chooseSavePath' | 'pickOpenFile'>,
): Promise<{ handle: ServiceHandle; cleanup: () => Promise<void> }> {
  const workspace = path.resolve(required(values, 'workspace'));
  if (!fs.existsSync(path.join(workspace, 'ledgers'))) {
    throw new StewardError(
      'WORKSPACE_INVALID',
      `${workspace} is not a Steward workspace (it has no ledgers folder).`,
    );
  }
  const keysDir = keysDirFrom(values);
  const ws = await openStewardWorkspace(workspace);
  const local = listLocalKeyIds(keysDir).filter((id) =>
    fs.existsSync(path.join(ws.ledgersDir, `${id}.jsonl`)),
  );
  let profileId = typeof values.profile === 'string' ? values.profile : undefined;
  if (!profileId) {
    if (local.length !== 1) {
      throw new UsageError(
        local.length === 0
          ? `no profile of this workspace has its key in ${keysDir}: give --keys DIR (the export is recorded in your ledger)`
          : `several profiles have keys in ${keysDir} (${local.join(', ')}): say which one you are with --profile ID`,
      );
    }
    profileId = local[0]!;
  }
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'steward-cli-'));
  const handle = await createServices({
    userDataDir: scratch,
    keysDir,
    contentDir: contentDirFrom(values, ctx),
    settingsStoreFactory: confStoreFactory,
    secretProtector: fileOnlyProtector,
    capabilities: { host: 'test', ...host },
    appVersion: process.env.npm_package_version ?? '0.0.0',
  });
  const cleanup = async () => {
    await handle.close();
    fs.rmSync(scratch, { recursive: true, force: true });
  };
  try {
    await handle.services.setWorkspace({ dir: workspace });
    await switchToProfile(handle.services, profileId);
  } catch (error) {
    await cleanup();
    throw error;
  }
  return { handle, cleanup };
}

const recordsExport: Command = {
  name: 'records export',
  summary: 'Export the records you may see as CSV, JSON, xAPI statements or a PDF report.',
  usage: `steward records export --workspace DIR --format csv|csv-reviews|json|xapi|pdf|pdf-certificates
                      --out FILE [--pseudonymize] [--profile ID] [--keys DIR] [--content DIR]

  --format       csv (the completion matrix), csv-reviews (the reviews register), json (the full
                 records with every signed entry; re-importable), xapi (one statement per attempt
                 and completion), pdf (the manager's report), pdf-certificates (one page each)
  --out FILE     the file to write; written whole or not at all
  --pseudonymize people become stable pseudonyms; teams and dates stay
  --profile ID   who is exporting: the export is recorded in this profile's ledger and holds only
                 what they may see (a manager's teams, or their own records). Default: the one
                 profile of this workspace whose key is in --keys
  --keys DIR     where your private key is (default: the app's local key folder)
  --content DIR  the content folder with policy.yaml (${CONTENT_DEFAULT_HELP})

  Progress goes to stderr. PDF needs Chromium (set STEWARD_CHROMIUM if it is not found).`,
  options: {
    workspace: { type: 'string' },
    format: { type: 'string' },
    out: { type: 'string' },
    pseudonymize: { type: 'boolean' },
    pseudonymise: { type: 'boolean' },
    profile: { type: 'string' },
    content: { type: 'string' },
    ...keysOption,
    ...help,
  },
  async run(values, io, ctx) {
    const formatName = required(values, 'format');
    const format = FORMAT_NAMES[formatName];
    if (!format) {
      throw new UsageError(
        `--format must be one of ${Object.keys(FORMAT_NAMES).join(', ')} (got "${formatName}")`,
      );
    }
    const out = path.resolve(required(values, 'out'));
    if (!fs.existsSync(path.dirname(out))) {
      throw new StewardError(
        'NOT_FOUND',
        `the folder ${path.dirname(out)} does not exist: create it or choose another --out.`,
      );
    }
    const { handle, cleanup } = await servicesAs(values, ctx, { chooseSavePath: async () => out });
    try {
      const s = handle.services;
      let job = await s.startExport({
        format,
        pseudonymise: Boolean(values.pseudonymize || values.pseudonymise),
      });
      let last = '';
      while (job.state === 'running') {
        await new Promise((r) => setTimeout(r, 200));
        job = await s.getJob({ jobId: job.id });
        const line =
          job.total > 0 ? `${job.label}: ${Math.floor((job.done / job.total) * 100)}%` : `${job.label}…`;
        if (line !== last) io.err(line);
        last = line;
      }
      if (job.state !== 'done')
        throw new StewardError('INTERNAL', job.error ?? `the export was ${job.state}.`);
      io.out(`wrote ${job.file}`);
      return 0;
    } finally {
      await cleanup();
    }
  },
};

const recordsImport: Command = {
  name: 'records import',
  summary: 'Import a signed bundle or a JSON records export into a workspace, after verifying it.',
  usage: `steward records import --workspace DIR FILE [--profile ID] [--keys DIR] [--content DIR]

  FILE           a .stewardbundle ("Export my records") or a JSON records export
  --profile ID   who is importing (recorded in their ledger); default: the one profile of this
                 workspace whose key is in --keys

  Signatures and hash chains are checked before anything is written; a tampered, truncated or
  foreign-key file is refused with the reason. Importing the same file twice changes nothing.`,
  options: {
    workspace: { type: 'string' },
    profile: { type: 'string' },
    content: { type: 'string' },
    ...keysOption,
    ...help,
  },
  positionals: true,
  async run(values, io, ctx, positionals) {
    const file = positionals[0];
    if (!file) throw new UsageError('missing FILE: the bundle or JSON export to import');
    if (positionals.length > 1) throw new UsageError(`one FILE at a time (got ${positionals.length})`);
    const abs = path.resolve(file);
    if (!fs.existsSync(abs)) throw new StewardError('NOT_FOUND', `${abs} does not exist.`);
    const { handle, cleanup } = await servicesAs(values, ctx, { pickOpenFile: async () => abs });
    try {
      const result = await handle.services.importRecords({});
      for (const p of result.profiles) {
        io.out(`${p.status.padEnd(9)} ${p.profileId}  ${p.name}  ${p.added} new entries`);
      }
      io.out(`imported ${path.basename(abs)} (${result.kind})`);
      return 0;
    } finally {
      await cleanup();
    }
  },
};

const reviewExport: Command = {
  name: 'review export',
  summary:
    'Export one review as a signed record (JSON) or its printable form (PDF), for a supervisory authority.',
  usage: `steward review export --workspace DIR --review ID --format json|pdf --out FILE
                     [--profile ID] [--keys DIR] [--content DIR]

  --review ID    the review's id (as the app shows it, e.g. r-20270114-a1b2c3)
  --format       json: the record, with every signed entry, the signers' keys and the questionnaire,
                 which "steward review check" verifies; pdf: the same for reading, with its digest
  --out FILE     the file to write
  --profile ID   who is exporting (they must be able to see the review; the export is recorded in
                 their ledger and signed with their key). Default: the one profile of this workspace
                 whose key is in --keys

  PDF needs Chromium (set STEWARD_CHROMIUM if it is not found).`,
  options: {
    workspace: { type: 'string' },
    review: { type: 'string' },
    format: { type: 'string' },
    out: { type: 'string' },
    profile: { type: 'string' },
    content: { type: 'string' },
    ...keysOption,
    ...help,
  },
  async run(values, io, ctx) {
    const reviewId = required(values, 'review');
    const format = required(values, 'format');
    if (format !== 'json' && format !== 'pdf') {
      throw new UsageError(`--format must be json or pdf (got "${format}")`);
    }
    const out = path.resolve(required(values, 'out'));
    if (!fs.existsSync(path.dirname(out))) {
      throw new StewardError(
        'NOT_FOUND',
        `the folder ${path.dirname(out)} does not exist: create it or choose another --out.`,
      );
    }
    const { handle, cleanup } = await servicesAs(values, ctx, { chooseSavePath: async () => out });
    try {
      const result = await handle.services.exportReviewRecord({ reviewId, format });
      io.out(`wrote ${result.file ?? out}`);
      io.out(`record digest ${result.digest ?? '-'}`);
      return 0;
    } finally {
      await cleanup();
    }
  },
};

const reviewCheck: Command = {
  name: 'review check',
  summary: 'Check a review record: every signature, the assessment re-computed, nothing changed or left out.',
  usage: `steward review check FILE [--workspace DIR] [--content DIR] [--json]

  FILE           a review record exported as JSON (.review.json). The PDF prints the JSON's digest;
                 check the JSON.
  --workspace DIR  also check the record against the workspace: the signers' keys must be the
                 workspace's, and nothing the workspace holds for the review before the export may
                 be missing from it (roles from --content's policy.yaml)
  --content DIR  the content folder with policy.yaml (${CONTENT_DEFAULT_HELP})

  Exit 0 when the record checks, 1 otherwise; each problem is printed.`,
  options: { workspace: { type: 'string' }, content: { type: 'string' }, json: { type: 'boolean' }, ...help },
  positionals: true,
  async run(values, io, ctx, positionals) {
    const file = positionals[0];
    if (!file) throw new UsageError('missing FILE: the review record (.review.json) to check');
    const abs = path.resolve(file);
    if (!fs.existsSync(abs)) throw new StewardError('NOT_FOUND', `${abs} does not exist.`);
    const bytes = fs.readFileSync(abs);
    if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') {
      throw new StewardError(
        'INVALID_ARGUMENT',
        `${path.basename(abs)} is the PDF: check the JSON record exported with it (the PDF prints its digest).`,
      );
    }
    const text = bytes.toString('utf8');
    let evidence: WorkspaceEvidence | undefined;
    if (typeof values.workspace === 'string') {
      const ws = stewardWorkspace(path.resolve(values.workspace));
      const { ledgers } = await readWorkspace(ws, { depth: 'full' });
      const contentDir = contentDirFrom(values, ctx);
      const content = loadContent(contentDir);
      const set = questionnaireSetLoader(contentDir)();
      const reviewId = (() => {
        try {
          return String((JSON.parse(text) as { reviewId?: unknown }).reviewId ?? '');
        } catch {
          return '';
        }
      })();
      const { reviews } = projectWorkspaceReviews(
        ledgers,
        { policy: content.policy, modules: content.modules },
        set.current ?? undefined,
        workspaceOrgOf(ledgers, content.policy, null).authority,
        witnessBounds(ledgers),
        set.earlier,
      );
      const state = reviews.find((r) => r.reviewId === reviewId);
      const applied = new Set<string>(state ? appliedHashes(state) : []);
      evidence = {
        keys: new Map(ledgers.flatMap((l) => (l.publicKey ? [[l.profileId, l.publicKey] as const] : []))),
        applied: ledgers.flatMap((l) =>
          l.entries.filter((e) => applied.has(e.hash)).map((e) => ({ hash: e.hash, ts: e.ts, type: e.type })),
        ),
      };
    }
    const result = checkReviewRecord(text, STEWARD_EVENTS, evidence);
    if (values.json) {
      io.out(JSON.stringify(result, null, 2));
    } else {
      io.out(
        `review   ${result.reviewId ?? '-'}  ${result.title ?? ''}${result.status ? `  (${result.status})` : ''}`,
      );
      if (result.exportedBy) {
        io.out(
          `exported ${result.exportedAt ?? '-'} by ${result.exportedBy.name} (key ${result.exportedBy.fingerprint})`,
        );
      }
      for (const s of result.signers) io.out(`signer   ${s.name} <${s.email}>  key ${s.fingerprint}`);
      io.out(`entries  ${result.entries}`);
      io.out(`digest   ${result.digest ?? '-'}`);
      for (const p of result.problems) io.out(`problem: ${p}`);
      io.out(
        result.ok
          ? `record check: ok${evidence ? ' (and matches the workspace)' : ' (compare the key fingerprints with the people you know, or check with --workspace)'}`
          : `record check FAILED: ${result.problems.length} problem(s)`,
      );
    }
    return result.ok ? 0 : 1;
  },
};

const recordsRestore: Command = {
  name: 'records restore',
  summary:
    'Put your own ledger back from your own "Export my records" bundle after it was cut back or deleted.',
  usage: `steward records restore --workspace DIR FILE [--keys DIR] [--accept-loss]

  FILE           your .stewardbundle ("Export my records"); close Steward first
  --keys DIR     your key folder, where the app keeps the head it last wrote (default: the app's)
  --accept-loss  when entries after the bundle are in no bundle or backup: let the app write
                 again after the file's last entry. Anyone who saw the lost entries will see your
                 ledger as rewritten (a fork) at the first of them; that is the truth, and it is said.

  The bundle is verified as an import verifies it; its lines are written only where they continue
  the file (a missing file, or one cut back), never over another history. Exit 0 when the file
  now holds what this app last wrote (Steward writes again), 1 when entries are still missing.`,
  options: { workspace: { type: 'string' }, 'accept-loss': { type: 'boolean' }, ...keysOption, ...help },
  positionals: true,
  async run(values, io, _ctx, positionals) {
    const file = positionals[0];
    if (!file) throw new UsageError('missing FILE: your .stewardbundle');
    if (positionals.length > 1) throw new UsageError(`one FILE at a time (got ${positionals.length})`);
    const ws = stewardWorkspace(path.resolve(required(values, 'workspace')));
    const keysDir = keysDirFrom(values);
    const r = await restoreOwnLedger(ws, path.resolve(file), { keysDir });
    const rel = `ledgers/${r.profileId}.jsonl`;
    io.out(
      r.status === 'unchanged'
        ? `${rel} already holds the ${r.entries} entries of the bundle: nothing written`
        : `${rel}: ${r.added} entries put back from the bundle (${r.fileEntries} in the file now)`,
    );
    if (r.localHead === null || r.reachesLocalHead === true) {
      if (r.localHead !== null)
        io.out(`it holds entry ${r.localHead.seq}, the last this app wrote: Steward will write to it again`);
      return 0;
    }
    const from = r.fileEntries + 1;
    const missing =
      r.localHead.seq > r.fileEntries
        ? from === r.localHead.seq
          ? `entry ${from} (the last this app wrote) is in no bundle given`
          : `entries ${from} to ${r.localHead.seq} (the last this app wrote) are in no bundle given`
        : `its entry ${r.localHead.seq} is not the one this app wrote`;
    if (values['accept-loss'] && r.localHead.seq > r.fileEntries && r.fileHeadHash !== null) {
      const head = { seq: r.fileEntries, hash: r.fileHeadHash };
      const store = localHeadStore(keysDir, r.profileId);
      store.write(head);
      store.close?.();
      io.out(
        `${missing}; accepted as lost (--accept-loss): Steward will write after entry ${r.fileEntries}. ` +
          `Anyone who saw entry ${from} will see your ledger rewritten there.`,
      );
      return 0;
    }
    io.err(
      `${missing}: Steward will still not write to ${rel}. Restore them from a backup, or run again with ` +
        '--accept-loss to write after what is there.',
    );
    return 1;
  },
};

export const COMMANDS: Command[] = [
  profileCreate,
  ...ORG_COMMANDS,
  recordsVerify,
  recordsExport,
  recordsImport,
  reviewExport,
  reviewCheck,
  recordsRestore,
  contentCheck,
  demoSeed,
];

export const TOP_HELP = `steward — admin CLI for Steward workspaces (no Electron needed)

Usage: steward <command> [options]   (add --help to any command)

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(18)} ${c.summary}`).join('\n')}

Environment:
  STEWARD_PASSPHRASE_FILE  for a profile with a passphrase: a file whose first line is it
  STEWARD_PASSPHRASE       the same, as the variable's value (the file is safer)
  STEWARD_ORG              the organisation this machine is pinned to (code or org id)`;

export async function runCli(argv: string[], io: CliIo, ctx: CliContext = {}): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    io.out(TOP_HELP);
    return argv.length === 0 ? 2 : 0;
  }
  const command = COMMANDS.find((c) => {
    const words = c.name.split(' ');
    return words.every((w, i) => argv[i] === w);
  });
  if (!command) {
    // A group's words alone ("steward org", "steward org key --help") list that group's commands.
    let depth = 0;
    while (
      COMMANDS.some(
        (c) =>
          c.name.split(' ').length > depth + 1 &&
          argv.slice(0, depth + 1).every((w, i) => c.name.split(' ')[i] === w),
      )
    )
      depth++;
    const group = argv.slice(0, depth).join(' ');
    const after = argv.slice(depth);
    if (
      depth > 0 &&
      (after.length === 0 || (after.length === 1 && (after[0] === '--help' || after[0] === '-h')))
    ) {
      const members = COMMANDS.filter((c) => c.name.startsWith(`${group} `));
      io.out(
        `Usage: steward ${group} <command> [options]   (add --help to any command)\n\nCommands:\n${members.map((c) => `  ${c.name.padEnd(18)} ${c.summary}`).join('\n')}`,
      );
      return after.length === 0 ? 2 : 0;
    }
    io.err(
      `steward: unknown command "${argv.slice(0, Math.max(2, depth + 1)).join(' ')}". Run "steward ${depth > 0 ? `${group} ` : ''}--help" for the list.`,
    );
    return 2;
  }
  const rest = argv.slice(command.name.split(' ').length);
  try {
    let values: OptionValues;
    let positionals: string[];
    try {
      const parsed = parseArgs({
        args: rest,
        options: command.options,
        strict: true,
        allowPositionals: command.positionals === true,
      });
      values = parsed.values as OptionValues;
      positionals = parsed.positionals;
    } catch (error) {
      throw new UsageError((error as Error).message.split('\n')[0]!.replace(/\. To specify.*$/, ''));
    }
    if (values.help) {
      io.out(`${command.summary}\n\nUsage: ${command.usage}`);
      return 0;
    }
    return await command.run(values, io, ctx, positionals);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`steward ${command.name}: ${error.message}. See "steward ${command.name} --help".`);
      return 2;
    }
    if (error instanceof StewardError) {
      io.err(`steward ${command.name}: ${error.message}`);
      return 1;
    }
    io.err(
      `steward ${command.name}: unexpected error: ${error instanceof Error ? error.message : String(error)}`,
    );
    return 1;
  }
}
