// The learner's side of training, as service methods: the catalogue, reading, the knowledge
// check, attestation and certificates. Every rule is enforced here (not in the UI), and every
// fact is a signed entry in the learner's own ledger; status is projected from those entries.
// Modules are shown in the learner's language where a translation exists; whatever they read and
// answered is recorded with that file's content hash, and counts in every language.
import type { Services } from '../contract/methods';
import type { ProfileSummary } from '../contract/views/app';
import type {
  Certificate,
  ModuleCard,
  ModuleContent,
  QuizResult,
  QuizView,
  TrainingCatalogue,
} from '../contract/views/training';
import { StewardError } from '../errors';
import {
  decodeLineBytes,
  ledgerRelPath,
  listLedgerIds,
  profileCreatedSchema,
  readLedgerFile,
} from '../ledger';
import type { EventRegistry } from '../ledger';
import { trainingCompletedSchema } from './events';
import type { Ledger, LedgerEntry, Workspace } from '../ledger';
import { ledgerPath } from '../ledger/workspace';
import { FILE_CAPS, readRegularFile } from '../ledger/safeFs';
import { requiredModulesFor } from '../policy/roles';
import { readProfileFromLedger } from '../profiles/profileDirectory';
import type { ReadingProgressStore } from '../settings/settingsStore';
import { BASE_LOCALE, loadContent, LOCALES_DIR } from './content';
import type { LoadedContent, TrainingModule } from './content';
import { gradeAttempt } from './grading';
import { quizOrder, quizQuestionViews } from './shuffle';
import { addCalendarMonths, isCurrentContent, projectTraining } from './status';
import type { ModuleProjection } from './status';

export const TRAINING_METHODS = [
  'listTrainingModules',
  'startTrainingModule',
  'saveReadingProgress',
  'getQuiz',
  'submitQuizAttempt',
  'attestTrainingModule',
  'getCertificate',
] as const;
export type TrainingServices = Pick<Services, (typeof TRAINING_METHODS)[number]>;

export interface TrainingDeps {
  /** The organisation's content folder (modules/, policy.yaml). */
  contentDir: string;
  now: () => Date;
  /** The open workspace; throws WORKSPACE_INVALID when there is none. */
  workspace: () => Workspace;
  currentProfile: () => ProfileSummary | null;
  /** The current profile's open ledger; throws why it cannot be written (read-only, no key, …). */
  ledger: () => Ledger;
  readingProgress: ReadingProgressStore;
  /** The language setting: 'system', or a language tag such as en or fr. English when absent. */
  locale?: () => string;
  /** The operating system's preferred language tag (fr-FR), used when the setting is 'system'. */
  systemLocale?: () => string;
  /**
   * The learner's team and roles now, as the organisation's roster has them (services.ts); they
   * decide which modules are required. Without it, the profile's own team and the policy file.
   */
  standing?: (
    profile: ProfileSummary,
  ) => Promise<{ team: string; roles: ReadonlySet<'reviewer' | 'manager'> }>;
}

/** The language tag to look content up in for a language setting ('system' asks the OS). */
export function preferredContentLocale(setting: string | undefined, systemLocale?: () => string): string {
  if (setting !== 'system') return setting ?? BASE_LOCALE;
  try {
    return systemLocale?.() || BASE_LOCALE;
  } catch {
    return BASE_LOCALE;
  }
}

const LOCALES_PREFIX = `${LOCALES_DIR}/`;

function noProfile(): StewardError {
  return new StewardError(
    'NO_PROFILE',
    'Create or choose a profile first: training is recorded in your own signed ledger.',
  );
}

/**
 * The entry a ledger line claims to be, as written: decoded when intact, else read as plain
 * JSON so a changed certificate can still be shown, marked unverified.
 */
function claimedEntry(
  buf: Buffer,
  start: number,
  end: number,
  events: EventRegistry,
): { seq: number; type: string; data: unknown } | null {
  const decoded = decodeLineBytes(buf, start, end, events);
  if (decoded.ok) return decoded.entry;
  try {
    const raw = JSON.parse(buf.toString('utf8', start, end)) as {
      seq?: unknown;
      type?: unknown;
      data?: unknown;
    };
    return typeof raw.seq === 'number' && typeof raw.type === 'string'
      ? { seq: raw.seq, type: raw.type, data: raw.data }
      : null;
  } catch {
    return null;
  }
}

export function createTrainingServices(deps: TrainingDeps): TrainingServices {
  /** This profile's entries, read once per open ledger and kept up to date by its appends. */
  const entryCache = new WeakMap<Ledger, Promise<LedgerEntry[]>>();
  let queue: Promise<unknown> = Promise.resolve();

  /** Runs `fn` after every earlier write has finished, so attempt numbers cannot collide. */
  function exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = queue.then(fn);
    queue = run.catch(() => undefined);
    return run;
  }

  /** The content, each module in the learner's language where a valid translation exists. */
  function content(): LoadedContent {
    return loadContent(deps.contentDir, {
      locale: preferredContentLocale(deps.locale?.(), deps.systemLocale),
    });
  }

  function requireProfile(): ProfileSummary {
    const profile = deps.currentProfile();
    if (!profile) throw noProfile();
    return profile;
  }

  function requireLedger(profile: ProfileSummary): Ledger {
    const ledger = deps.ledger();
    if (ledger.profileId !== profile.id) throw noProfile();
    return ledger;
  }

  // Entries whose data does not match their schema are not trusted as training facts.
  const usable = (e: LedgerEntry) =>
    !e.type.startsWith('training.') || deps.workspace().events.check(e.type, e.data) === null;

  function cachedEntries(ledger: Ledger): Promise<LedgerEntry[]> {
    let hit = entryCache.get(ledger);
    if (!hit) {
      const early: LedgerEntry[] = [];
      let list: LedgerEntry[] | null = null;
      ledger.onAppend((e) => {
        if (!usable(e)) return;
        if (list) list.push(e);
        else early.push(e);
      });
      hit = readLedgerFile(deps.workspace(), ledgerRelPath(ledger.profileId), { depth: 'quick' }).then(
        (read) => {
          const entries = read.entries.filter(usable);
          const lastSeq = entries[entries.length - 1]?.seq ?? 0;
          for (const e of early) if (e.seq > lastSeq) entries.push(e);
          list = entries;
          return entries;
        },
      );
      hit.catch(() => entryCache.delete(ledger));
      entryCache.set(ledger, hit);
    }
    return hit;
  }

  async function ownEntries(profile: ProfileSummary): Promise<LedgerEntry[]> {
    let ledger: Ledger | null;
    try {
      ledger = deps.ledger();
    } catch {
      ledger = null; // not writable: still show what the file holds
    }
    if (ledger && ledger.profileId === profile.id) return cachedEntries(ledger);
    const read = await readLedgerFile(deps.workspace(), ledgerRelPath(profile.id), { depth: 'quick' });
    return read.entries.filter(usable);
  }

  async function project(profile: ProfileSummary, content: LoadedContent, entries: readonly LedgerEntry[]) {
    const standing = deps.standing ? await deps.standing(profile) : null;
    const required = standing
      ? requiredModulesFor({ ...profile, team: standing.team }, content.policy, deps.now(), standing.roles)
      : requiredModulesFor(profile, content.policy, deps.now());
    return projectTraining({
      entries,
      modules: content.modules,
      policy: content.policy,
      required,
      profileCreatedAt: profile.createdAt,
      now: deps.now(),
    });
  }

  function findModule(content: LoadedContent, moduleId: string): TrainingModule {
    const m = content.modules.find((x) => x.id === moduleId);
    if (m) return m;
    const problems = content.unavailable.get(moduleId);
    if (problems && problems.length > 0) {
      const first = problems[0] as (typeof problems)[number];
      const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem(s))` : '';
      throw new StewardError(
        'CONTENT_UNAVAILABLE',
        `The module "${moduleId}" cannot be used until its file is fixed: ${first.file}: ${
          first.field === null ? '' : `${first.field}: `
        }${first.reason}${more}.`,
      );
    }
    throw new StewardError('NOT_FOUND', `There is no training module "${moduleId}".`);
  }

  function card(m: TrainingModule, p: ModuleProjection, profileId: string): ModuleCard {
    const saved = deps.readingProgress.get(profileId, m.id);
    return {
      id: m.id,
      title: m.title,
      summary: m.summary,
      minutes: m.minutes,
      version: m.version,
      contentHash: m.contentHash,
      audience: [...m.audience],
      required: p.required,
      status: p.status,
      passMark: m.passMark,
      recertifyMonths: m.recertifyMonths,
      dueAt: p.dueAt,
      lastCompletion: p.lastCompletion,
      progress:
        saved && saved.contentHash === m.contentHash
          ? { section: Math.min(saved.section, m.sections.length - 1), sections: m.sections.length }
          : null,
      attempts: p.attempts,
      readyToAttest: p.readyToAttest,
      contentLocale: m.locale,
    };
  }

  async function state(moduleId: string) {
    const profile = requireProfile();
    const loaded = content();
    const module = findModule(loaded, moduleId);
    const entries = await ownEntries(profile);
    const projection = (await project(profile, loaded, entries)).get(module.id) as ModuleProjection;
    return { profile, content: loaded, module, projection };
  }

  /**
   * The edition (language) of `module` the learner opened, by its content hash: any current one,
   * since a learner may have opened the quiz before switching language. Refused once the module
   * has changed since.
   */
  function openedEdition(loaded: LoadedContent, module: TrainingModule, contentHash: string): TrainingModule {
    const edition = loaded.editions.get(contentHash);
    if (!edition || edition.id !== module.id || !isCurrentContent(module, contentHash)) {
      throw new StewardError(
        'CONTENT_CHANGED',
        `The module "${module.title}" changed since you opened it; reload it to see the current version.`,
      );
    }
    return edition;
  }

  async function certificate(entryHash: string): Promise<Certificate> {
    const ws = deps.workspace();
    const needle = Buffer.from(`,"hash":"${entryHash}","sig":"`, 'utf8');
    // The current profile's own ledger first: that is where most certificates are opened from,
    // and it spares listing a large shared folder.
    const own = deps.currentProfile()?.id;
    async function* candidates(): AsyncGenerator<string> {
      if (own) yield own;
      for (const id of await listLedgerIds(ws)) if (id !== own) yield id;
    }
    for await (const id of candidates()) {
      let buf: Buffer;
      try {
        buf = readRegularFile(ledgerPath(ws, id), FILE_CAPS.ledgerBytes); // never a FIFO or a symlink
      } catch {
        continue;
      }
      const at = buf.indexOf(needle);
      if (at < 0) continue;
      const start = buf.lastIndexOf(0x0a, at) + 1;
      const nl = buf.indexOf(0x0a, at);
      const line = claimedEntry(buf, start, nl < 0 ? buf.length : nl, deps.workspace().events);
      if (!line || line.type !== 'training.completed') break;
      const data = trainingCompletedSchema.safeParse(line.data);
      if (!data.success) break;
      // Verified only when the entry is among those the full check of its ledger trusts: its
      // bytes match its hash, the chain up to it holds and every signature is the signer's.
      const read = await readLedgerFile(ws, ledgerRelPath(id), { depth: 'full' });
      const trusted = read.entries.find((e) => e.seq === line.seq && e.hash === entryHash);
      const genesis = read.entries[0];
      const signer =
        genesis && genesis.type === 'profile.created' ? profileCreatedSchema.safeParse(genesis.data) : null;
      const fallback = readProfileFromLedger(ws, id);
      const who = signer?.success
        ? signer.data
        : {
            name: fallback?.name ?? 'Unknown',
            email: fallback?.email ?? '',
            team: fallback?.team ?? '',
            fingerprint: fallback?.fingerprint ?? '',
          };
      const d = data.data;
      const module = content().modules.find((m) => m.id === d.moduleId);
      const title = module?.title ?? d.moduleId;
      // What the certificate states is derived as the records derive it: dated by its entry,
      // expiring by the content's interval, and verified only if a passed attempt carries it.
      // (An entry the full check does not trust is shown with what it claims, as unverified.)
      let completedAt = trusted ? trusted.ts : d.completedAt;
      let expiresAt =
        trusted && module ? addCalendarMonths(trusted.ts, module.recertifyMonths).toISOString() : d.expiresAt;
      let derived = false;
      if (trusted && module && genesis) {
        const projection = projectTraining({
          entries: read.entries.filter((e) => e.seq <= trusted.seq),
          modules: [module],
          policy: content().policy,
          required: new Set(),
          profileCreatedAt: genesis.ts,
          now: deps.now(),
        }).get(module.id);
        if (projection?.lastCompletion?.entryHash === entryHash) {
          derived = true;
          completedAt = projection.lastCompletion.completedAt;
          expiresAt = projection.lastCompletion.expiresAt;
        }
      }
      return {
        name: who.name,
        email: who.email,
        team: who.team,
        moduleId: d.moduleId,
        moduleTitle: title,
        version: d.version,
        contentHash: d.contentHash,
        completedAt,
        score: d.score,
        expiresAt,
        entryHash,
        seq: line.seq,
        ledgerFile: ledgerRelPath(id),
        signerFingerprint: who.fingerprint,
        verified: trusted !== undefined && derived,
      };
    }
    throw new StewardError(
      'NOT_FOUND',
      `No training completion with the hash ${entryHash} is recorded in this workspace.`,
    );
  }

  return {
    async listTrainingModules(): Promise<TrainingCatalogue> {
      const profile = requireProfile();
      const loaded = content();
      const projection = await project(profile, loaded, await ownEntries(profile));
      const modules = loaded.modules
        .map((m) => ({ m, c: card(m, projection.get(m.id) as ModuleProjection, profile.id) }))
        .sort((a, b) => Number(b.c.required) - Number(a.c.required) || a.m.order - b.m.order)
        .map((x) => x.c);
      // Problems in other languages' translations are the content team's business, not this learner's.
      const ownLocale = `${LOCALES_PREFIX}${loaded.locale}/`;
      return {
        modules,
        unavailable: loaded.problems.filter(
          (p) => !p.file.startsWith(LOCALES_PREFIX) || p.file.startsWith(ownLocale),
        ),
        dueSoonDays: loaded.policy.dueSoonDays,
        asOf: deps.now().toISOString(),
      };
    },

    startTrainingModule: ({ moduleId }) =>
      exclusive(async (): Promise<ModuleContent> => {
        const s = await state(moduleId);
        let projection = s.projection;
        // Recorded once per content version per round, not on every open.
        if (!projection.started) {
          const ledger = requireLedger(s.profile);
          await ledger.append('training.started', {
            moduleId: s.module.id,
            version: s.module.version,
            contentHash: s.module.contentHash,
          });
          // A new round (first time, or a retake after a completion) reads from the start.
          deps.readingProgress.set(s.profile.id, s.module.id, {
            contentHash: s.module.contentHash,
            section: 0,
          });
          projection = (await state(moduleId)).projection;
        }
        return {
          card: card(s.module, projection, s.profile.id),
          sections: s.module.sections.map((x) => ({ ...x })),
          attestation: s.module.attestation,
          questionCount: s.module.quiz.length,
        };
      }),

    async saveReadingProgress({ moduleId, section }) {
      const profile = requireProfile();
      const module = findModule(content(), moduleId);
      if (section >= module.sections.length) {
        throw new StewardError(
          'INVALID_ARGUMENT',
          `"${module.title}" has ${module.sections.length} sections; there is no section ${section + 1}.`,
        );
      }
      deps.readingProgress.set(profile.id, module.id, { contentHash: module.contentHash, section });
      return { section };
    },

    async getQuiz({ moduleId }): Promise<QuizView> {
      const { profile, module, projection } = await state(moduleId);
      const attempt = projection.attempts + 1;
      const order = quizOrder(module, {
        profileId: profile.id,
        moduleId: module.id,
        contentHash: module.contentHash,
        attempt,
      });
      return {
        moduleId: module.id,
        contentHash: module.contentHash,
        attempt,
        passMark: module.passMark,
        questions: quizQuestionViews(module, order),
      };
    },

    submitQuizAttempt: ({ moduleId, contentHash, answers }) =>
      exclusive(async (): Promise<QuizResult> => {
        const { profile, content: loaded, module: current, projection } = await state(moduleId);
        // Graded and recorded on the edition the learner answered (same ids and answers in all).
        const module = openedEdition(loaded, current, contentHash);
        const grade = gradeAttempt(module, answers);
        const attempt = projection.attempts + 1;
        const recorded: Record<string, string[]> = {};
        for (const q of grade.questions) if (q.chosen.length > 0) recorded[q.id] = q.chosen;
        const entry = await requireLedger(profile).append('training.quizAttempted', {
          moduleId: module.id,
          version: module.version,
          contentHash: module.contentHash,
          attempt,
          answers: recorded,
          score: grade.score,
          correctCount: grade.correctCount,
          total: grade.total,
          passMark: grade.passMark,
          passed: grade.passed,
        });
        const order = quizOrder(module, {
          profileId: profile.id,
          moduleId: module.id,
          contentHash: module.contentHash,
          attempt,
        });
        const graded = new Map(grade.questions.map((g) => [g.id, g]));
        const inOrder = (ids: readonly string[], shown: readonly string[]) =>
          shown.filter((id) => ids.includes(id));
        return {
          moduleId: module.id,
          attempt,
          score: grade.score,
          correctCount: grade.correctCount,
          total: grade.total,
          passMark: grade.passMark,
          passed: grade.passed,
          questions: quizQuestionViews(module, order).map((view) => {
            const q = module.quiz.find((x) => x.id === view.id);
            const g = graded.get(view.id);
            if (!q || !g) throw new StewardError('INTERNAL', `question ${view.id} was not graded`);
            const shown = view.options.map((o) => o.id);
            return {
              id: q.id,
              prompt: q.prompt,
              type: q.type,
              options: view.options,
              chosen: inOrder(g.chosen, shown),
              correct: inOrder(g.correct, shown),
              isCorrect: g.isCorrect,
              explanation: q.explanation,
              reference: q.reference,
            };
          }),
          entryHash: entry.hash,
        };
      }),

    attestTrainingModule: ({ moduleId, contentHash }) =>
      exclusive(async (): Promise<Certificate> => {
        const { profile, content: loaded, module: current, projection } = await state(moduleId);
        // The statement the learner confirmed, in the language they read it in.
        const module = openedEdition(loaded, current, contentHash);
        const passed = projection.passedAttempt;
        if (!passed) {
          throw new StewardError(
            'NOT_ALLOWED',
            `You can attest "${module.title}" once you have passed its knowledge check on this version (pass mark ${module.passMark}%).`,
          );
        }
        const ledger = requireLedger(profile);
        const ref = { moduleId: module.id, version: module.version, contentHash: module.contentHash };
        await ledger.append('training.attested', { ...ref, statement: module.attestation });
        const completedAt = deps.now();
        const completed = await ledger.append('training.completed', {
          ...ref,
          score: passed.score,
          passMark: passed.passMark,
          completedAt: completedAt.toISOString(),
          expiresAt: addCalendarMonths(completedAt, module.recertifyMonths).toISOString(),
          attemptHash: passed.entryHash,
        });
        return certificate(completed.hash);
      }),

    async getCertificate({ entryHash }) {
      return certificate(entryHash);
    },
  };
}
