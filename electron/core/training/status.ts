// Where a learner stands on each module, projected from their own ledger entries. Pure: the
// same entries, content, policy and clock always give the same answer, and nothing here is
// ever stored (status is derived, never a flag). The rules are those of TrainingStatus in
// contract.ts. A module may have several current content hashes, one per language it can be
// read in (content.ts checks they say the same thing); entries on any of them count alike.
import type { CompletionSummary, TrainingStatus } from '../contract/views/training';
import type { LedgerEntry, LedgerEntryOf } from '../ledger';
import type { Policy, RetakeOn } from '../policy/policy';
import type { TrainingModule } from './content';
import { gradeAttempt, isPass } from './grading';

const DAY_MS = 86_400_000;

/** A module as the projection needs it. */
export type ProjectedModule = Pick<TrainingModule, 'id' | 'version' | 'contentHash'> & {
  /** Every hash that counts as the current content (translations); contentHash when absent. */
  contentHashes?: readonly string[];
  /**
   * The content's own interval: a completion expires this many months after it was recorded,
   * whatever expiry the entry declares. Absent, the declared expiry stands (tests of the rules).
   */
  recertifyMonths?: number;
  /** The questions and pass mark: an attempt on the current content is graded again by core. */
  quiz?: TrainingModule['quiz'];
  passMark?: number;
};

/** Why a training.completed entry does not count (it stays in the ledger, and in verify's view). */
export type DisregardedReason = 'beforeProfile' | 'noPassingAttempt';

export interface DisregardedCompletion {
  entryHash: string;
  moduleId: string;
  reason: DisregardedReason;
}

export interface ProjectionInput {
  /** This profile's ledger entries, in seq order. */
  entries: readonly LedgerEntry[];
  modules: readonly ProjectedModule[];
  policy: Pick<Policy, 'dueSoonDays' | 'newStarterDays' | 'retakeOn'>;
  /** Ids of the modules this person must complete. */
  required: ReadonlySet<string>;
  profileCreatedAt: string;
  now: Date;
}

export interface PassedAttempt {
  entryHash: string;
  attempt: number;
  score: number;
  passMark: number;
}

export interface ModuleProjection {
  moduleId: string;
  status: TrainingStatus;
  required: boolean;
  /** When a required module must be (re)completed by; null if not required. */
  dueAt: string | null;
  lastCompletion: CompletionSummary | null;
  /** Quiz attempts on the current version since the last completion. */
  attempts: number;
  /** The latest passed attempt on the current version since the last completion. */
  passedAttempt: PassedAttempt | null;
  readyToAttest: boolean;
  /** training.started is recorded for the current version since the last completion. */
  started: boolean;
  /** Completions of this module the projection does not count, and why. */
  disregarded: DisregardedCompletion[];
}

/**
 * `from` plus `months` calendar months, the day clamped to the target month's last day
 * (2024-02-29 + 12 months = 2025-02-28; 2023-03-31 + 11 months = 2024-02-29). UTC throughout.
 */
export function addCalendarMonths(from: Date | string, months: number): Date {
  const d = typeof from === 'string' ? new Date(from) : from;
  const total = d.getUTCFullYear() * 12 + d.getUTCMonth() + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(
    Date.UTC(
      year,
      month,
      Math.min(d.getUTCDate(), lastDay),
      d.getUTCHours(),
      d.getUTCMinutes(),
      d.getUTCSeconds(),
      d.getUTCMilliseconds(),
    ),
  );
}

function semverParts(v: string): [number, number, number] {
  const [a = 0, b = 0, c = 0] = v.split('.').map((x) => Number.parseInt(x, 10) || 0);
  return [a, b, c];
}

/** Whether `contentHash` is one of the module's current contents, in any language. */
export function isCurrentContent(m: Omit<ProjectedModule, 'id'>, contentHash: string): boolean {
  return contentHash === m.contentHash || (m.contentHashes?.includes(contentHash) ?? false);
}

/** Whether a completion on (version, hash) must be retaken now that the module is at `current`. */
export function retakeNeeded(
  rule: RetakeOn,
  completed: { version: string; contentHash: string },
  current: Omit<ProjectedModule, 'id'>,
): boolean {
  if (isCurrentContent(current, completed.contentHash)) return false;
  const [cMaj, cMin] = semverParts(completed.version);
  const [nMaj, nMin] = semverParts(current.version);
  switch (rule) {
    case 'never':
      return false;
    case 'any':
      return true;
    case 'major':
      return nMaj > cMaj;
    case 'minor':
      return nMaj > cMaj || (nMaj === cMaj && nMin > cMin);
  }
}

interface Round {
  lastCompletion: CompletionSummary | null;
  attempts: number;
  passedAttempt: PassedAttempt | null;
  started: boolean;
  /** Started or attempted any version since the last completion. */
  touched: boolean;
  /** Entry hash -> the content of every attempt in this round that passed (as core grades it). */
  passes: Map<string, { contentHash: string; version: string }>;
}

const freshRound = (lastCompletion: CompletionSummary | null): Round => ({
  lastCompletion,
  attempts: 0,
  passedAttempt: null,
  started: false,
  touched: false,
  passes: new Map(),
});

/**
 * Whether an attempt passed. On the current content core grades the recorded answers again (an
 * entry's own score and `passed` are what its writer declared); on an older version, whose
 * questions this app may no longer have, the recorded grade must at least be a pass by the
 * recorded numbers.
 */
export function attemptPassed(m: ProjectedModule, e: LedgerEntryOf<'training.quizAttempted'>): boolean {
  const d = e.data;
  if (m.quiz && m.passMark !== undefined && isCurrentContent(m, d.contentHash)) {
    try {
      // An attempt asks one question per topic of the bank: the answers may name at most one
      // question of each topic, and count out of every topic (one left unanswered is wrong).
      // (A question without a topic is a topic of its own, as the module file reads it.)
      const topicOf = new Map<string, string>(m.quiz.map((q) => [q.id, q.topic ?? q.id]));
      const answered = Object.keys(d.answers);
      const topics = new Set(answered.map((id) => topicOf.get(id)));
      if (topics.has(undefined) || topics.size !== answered.length) return false;
      const grade = gradeAttempt({ quiz: m.quiz, passMark: m.passMark }, d.answers, answered);
      return isPass(grade.correctCount, new Set(topicOf.values()).size, m.passMark);
    } catch {
      return false; // answers naming questions or options this content does not have
    }
  }
  return d.passed && d.total > 0 && isPass(d.correctCount, d.total, d.passMark);
}

/**
 * Replays a learner's entries into a round per module (what counts since the last completion)
 * and the completions that do not count. Depends on the entries, the modules and when the
 * profile was made; never on the policy or the clock.
 */
function replayRounds(input: Pick<ProjectionInput, 'entries' | 'modules' | 'profileCreatedAt'>): {
  rounds: Map<string, Round>;
  disregarded: Map<string, DisregardedCompletion[]>;
} {
  const current = new Map(input.modules.map((m) => [m.id, m]));
  const rounds = new Map<string, Round>();
  const roundOf = (id: string): Round => {
    let r = rounds.get(id);
    if (!r) {
      r = freshRound(null);
      rounds.set(id, r);
    }
    return r;
  };
  const disregarded = new Map<string, DisregardedCompletion[]>();
  const disregard = (e: LedgerEntry, moduleId: string, reason: DisregardedReason) => {
    const list = disregarded.get(moduleId) ?? [];
    list.push({ entryHash: e.hash, moduleId, reason });
    disregarded.set(moduleId, list);
  };
  const createdMs = Date.parse(input.profileCreatedAt);
  for (const e of input.entries) {
    if (e.type === 'training.completed') {
      const d = e.data;
      const m = current.get(d.moduleId);
      if (!m) continue;
      // A completion is derived, not declared: it counts only when this round holds the passed
      // attempt it names, on the same content; it is dated by its entry, not by what it says,
      // and never before the profile existed; it expires by the content's interval.
      if (Date.parse(e.ts) < createdMs) {
        disregard(e, m.id, 'beforeProfile');
        continue;
      }
      const pass = roundOf(m.id).passes.get(d.attemptHash);
      // The same version: the same file, two editions (languages) of the current content, or
      // (for an older version, whose editions this app no longer lists) the same version number.
      const sameVersion =
        pass !== undefined &&
        (pass.contentHash === d.contentHash ||
          (isCurrentContent(m, pass.contentHash) && isCurrentContent(m, d.contentHash)) ||
          pass.version === d.version);
      if (!sameVersion) {
        disregard(e, m.id, 'noPassingAttempt');
        continue;
      }
      const completedAt = e.ts;
      const expiresAt =
        m.recertifyMonths !== undefined
          ? addCalendarMonths(completedAt, m.recertifyMonths).toISOString()
          : d.expiresAt;
      rounds.set(
        d.moduleId,
        freshRound({
          completedAt,
          expiresAt,
          score: d.score,
          version: d.version,
          contentHash: d.contentHash,
          entryHash: e.hash,
        }),
      );
    } else if (e.type === 'training.started') {
      const m = current.get(e.data.moduleId);
      if (!m) continue;
      const r = roundOf(m.id);
      r.touched = true;
      if (isCurrentContent(m, e.data.contentHash)) r.started = true;
    } else if (e.type === 'training.quizAttempted') {
      const m = current.get(e.data.moduleId);
      if (!m) continue;
      const r = roundOf(m.id);
      r.touched = true;
      const passed = attemptPassed(m, e);
      if (passed) r.passes.set(e.hash, { contentHash: e.data.contentHash, version: e.data.version });
      if (!isCurrentContent(m, e.data.contentHash)) continue;
      r.attempts++;
      if (passed) {
        r.passedAttempt = {
          entryHash: e.hash,
          attempt: e.data.attempt,
          score: e.data.score,
          passMark: e.data.passMark,
        };
      }
    }
  }

  return { rounds, disregarded };
}

/**
 * How core judges a learner's training entries, for whatever reports them (xAPI statements, the
 * LRS): an attempt is a pass when core grades it one (attemptPassed), and a completion counts
 * when the projection counts it — on a module of this content, derived from a passed attempt of
 * its round, not before the profile existed. A completion of a module this content no longer
 * has cannot be checked, and does not count.
 */
export interface TrainingJudge {
  attemptPassed(e: LedgerEntryOf<'training.quizAttempted'>): boolean;
  completionCounts(e: LedgerEntryOf<'training.completed'>): boolean;
}

export function trainingJudge(
  input: Pick<ProjectionInput, 'entries' | 'modules' | 'profileCreatedAt'>,
): TrainingJudge {
  const current = new Map(input.modules.map((m) => [m.id, m]));
  const { disregarded } = replayRounds(input);
  const notCounted = new Set([...disregarded.values()].flat().map((d) => d.entryHash));
  return {
    attemptPassed(e) {
      const m = current.get(e.data.moduleId);
      // A module this content no longer has: its recorded numbers must at least make a pass.
      return attemptPassed(m ?? { id: e.data.moduleId, version: '', contentHash: '' }, e);
    },
    completionCounts(e) {
      return current.has(e.data.moduleId) && !notCounted.has(e.hash);
    },
  };
}

/** Each module's status and round, keyed by module id, for the modules given. */
export function projectTraining(input: ProjectionInput): Map<string, ModuleProjection> {
  const { rounds, disregarded } = replayRounds(input);
  const nowMs = input.now.getTime();
  const newStarterDue = new Date(
    Date.parse(input.profileCreatedAt) + input.policy.newStarterDays * DAY_MS,
  ).toISOString();
  const out = new Map<string, ModuleProjection>();
  for (const m of input.modules) {
    const r = rounds.get(m.id) ?? freshRound(null);
    const required = input.required.has(m.id);
    const c = r.lastCompletion;
    let status: TrainingStatus;
    let dueAt: string | null = null;
    if (c) {
      const expiresMs = Date.parse(c.expiresAt);
      if (required) dueAt = c.expiresAt;
      if (retakeNeeded(input.policy.retakeOn, c, m)) status = 'updated';
      else if (nowMs >= expiresMs) status = required ? 'overdue' : 'expired';
      else if (expiresMs - nowMs <= input.policy.dueSoonDays * DAY_MS) status = 'dueSoon';
      else status = 'passed';
    } else {
      if (required) dueAt = newStarterDue;
      if (required && nowMs >= Date.parse(newStarterDue)) status = 'overdue';
      else if (r.touched) status = 'inProgress';
      else status = 'notStarted';
    }
    out.set(m.id, {
      moduleId: m.id,
      status,
      required,
      dueAt,
      lastCompletion: c,
      attempts: r.attempts,
      passedAttempt: r.passedAttempt,
      readyToAttest: r.passedAttempt !== null,
      started: r.started,
      disregarded: disregarded.get(m.id) ?? [],
    });
  }
  return out;
}
