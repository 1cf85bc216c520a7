// Demo people with a believable training history, written through the very service methods
// the app uses (start, quiz, attest) with an injected clock, so the demo data is exactly what
// real use would leave behind. Over the past ~14 months some people completed modules (some of
// those completions are now due soon or expired), some failed before passing, some started and
// stopped, and some did nothing. The same seed and `now` give the same history (keys and
// signatures aside).
import type { ProfileSummary } from '../contract/views/app';
import { openLedger, type Workspace } from '../ledger';
import { requiredModulesFor } from '../policy/roles';
import { createProfile } from '../profiles/createProfile';
import { loadKey, type SecretProtector } from '../profiles/keystore';
import { memoryReadingProgress } from '../settings/settingsStore';
import { loadContent, type TrainingModule } from '../training/content';
import { isPass } from '../training/grading';
import { addCalendarMonths } from '../training/status';
import { createTrainingServices } from '../training/trainingServices';
import { seededRandom, type DemoPerson } from './demoPeople';

const DAY = 86_400_000;
const MINUTE = 60_000;

export interface DemoSeedOptions {
  ws: Workspace;
  keysDir: string;
  protector: SecretProtector;
  contentDir: string;
  people: DemoPerson[];
  seed: number;
  /** The demo's present: histories end here. */
  now: Date;
}

export interface DemoSeedSummary {
  people: number;
  modulesAvailable: number;
  completions: number;
  failedAttempts: number;
  startedOnly: number;
  /** Every profile created, in seeding order. */
  profiles: ProfileSummary[];
  /**
   * When each profile's history ends (its last entry, or its creation): a ledger's times never go
   * back, so whatever is seeded for a person afterwards (reviews) must come later.
   */
  lastEntryAt: Record<string, string>;
}

interface Session {
  at: number;
  module: TrainingModule;
  /** Failed attempts before the outcome. */
  fails: number;
  outcome: 'complete' | 'stop';
  /** For 'complete': pass with one wrong answer when the pass mark allows it. */
  oneWrong: boolean;
}

/** Answers to `m`: all right, or the given questions wrong. */
function answersFor(m: TrainingModule, wrong: ReadonlySet<string>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const q of m.quiz) {
    const right = q.options.filter((o) => o.correct).map((o) => o.id);
    if (!wrong.has(q.id)) out[q.id] = right;
    else if (q.type === 'single') out[q.id] = [q.options.find((o) => !o.correct)?.id ?? (right[0] as string)];
    else out[q.id] = right.length > 1 ? right.slice(0, 1) : [q.options.find((o) => !o.correct)?.id as string];
  }
  return out;
}

function pickQuestions(m: TrainingModule, count: number, rand: () => number): Set<string> {
  const ids = m.quiz.map((q) => q.id);
  for (let i = ids.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [ids[i], ids[j]] = [ids[j] as string, ids[i] as string];
  }
  return new Set(ids.slice(0, count));
}

/**
 * What this person did, as sessions in time order. A few "lapsed" people joined over a year
 * ago, trained straight away and never renewed, so the demo always shows expired and overdue
 * completions next to current ones.
 */
function planSessions(
  modules: TrainingModule[],
  required: ReadonlySet<string>,
  createdAt: number,
  nowMs: number,
  lapsed: boolean,
  rand: () => number,
): Session[] {
  const sessions: Session[] = [];
  if (!lapsed && rand() < 0.12) return sessions; // did nothing at all
  const diligent = lapsed ? rand() * 0.2 : rand(); // how quickly this person gets round to training
  for (const module of modules) {
    const isRequired = required.has(module.id);
    const r = rand();
    const fails = rand() < 0.3 ? (rand() < 0.25 ? 2 : 1) : 0;
    const oneWrong = rand() < 0.4;
    const eager = lapsed || isRequired || rand() < 0.5; // optional modules: some straight away, some later
    const delayDays = (eager ? 2 + diligent * 50 : 5 + rand() * 150) * (0.5 + rand());
    const at = createdAt + delayDays * DAY + Math.floor(rand() * 8 * 60) * MINUTE;
    if (at >= nowMs - 30 * MINUTE) continue;
    if (r < (isRequired || lapsed ? 0.68 : 0.3)) {
      sessions.push({ at, module, fails, outcome: 'complete', oneWrong });
      // Recertification: about half renew before (or soon after) the completion runs out.
      const expires = addCalendarMonths(new Date(at), module.recertifyMonths).getTime();
      const renewAt = expires - (rand() * 40 - 10) * DAY;
      if (!lapsed && rand() < 0.5 && renewAt > at + DAY && renewAt < nowMs - 30 * MINUTE) {
        sessions.push({ at: renewAt, module, fails: 0, outcome: 'complete', oneWrong: rand() < 0.4 });
      }
    } else if (r < (isRequired ? 0.85 : 0.4)) {
      sessions.push({ at, module, fails: rand() < 0.4 ? 1 : 0, outcome: 'stop', oneWrong: false });
    }
  }
  return sessions.sort((a, b) => a.at - b.at);
}

/** Creates the people and, when the content has modules, their training histories. */
export async function seedDemoWorkspace(opts: DemoSeedOptions): Promise<DemoSeedSummary> {
  const content = loadContent(opts.contentDir);
  const nowMs = opts.now.getTime();
  const summary: DemoSeedSummary = {
    people: 0,
    modulesAvailable: content.modules.length,
    completions: 0,
    failedAttempts: 0,
    startedOnly: 0,
    profiles: [],
    lastEntryAt: {},
  };
  let clock = nowMs;
  const now = () => new Date(clock);

  for (const [index, person] of opts.people.entries()) {
    const rand = seededRandom((opts.seed * 100_003 + index * 7_919) >>> 0);
    const lapsed = rand() < 0.08;
    const ageDays = lapsed ? 395 + rand() * 30 : rand() * 425; // ~14 months at most
    const createdAt = nowMs - Math.floor(ageDays * DAY) - Math.floor(rand() * 600) * MINUTE;
    clock = createdAt;
    const profile: ProfileSummary = await createProfile(opts.ws, opts.keysDir, opts.protector, person, now);
    summary.people++;
    summary.profiles.push(profile);
    summary.lastEntryAt[profile.id] = profile.createdAt;
    if (content.modules.length === 0) continue;

    const required = requiredModulesFor(profile, content.policy, new Date(nowMs));
    const sessions = planSessions(content.modules, required, createdAt, nowMs, lapsed, rand);
    if (sessions.length === 0) continue;

    const key = loadKey(opts.keysDir, opts.protector, profile.id);
    const ledger = await openLedger(opts.ws, profile.id, key.privateKeyPem, { now });
    const training = createTrainingServices({
      contentDir: opts.contentDir,
      now,
      workspace: () => opts.ws,
      currentProfile: () => profile,
      ledger: () => ledger,
      readingProgress: memoryReadingProgress(),
    });
    try {
      for (const s of sessions) {
        clock = Math.max(clock + MINUTE, s.at);
        const m = s.module;
        await training.startTrainingModule({ moduleId: m.id });
        for (let i = 0; i < s.fails + 1; i++) {
          const failing = i < s.fails;
          if (!failing && s.outcome === 'stop') break;
          clock += (failing ? m.minutes : 3 + Math.floor(rand() * 10)) * MINUTE;
          const total = m.quiz.length;
          let wrongCount = 0;
          if (failing) {
            wrongCount = Math.ceil(total * 0.4);
            while (wrongCount > 0 && isPass(total - wrongCount, total, m.passMark)) wrongCount++;
          } else if (s.oneWrong && isPass(total - 1, total, m.passMark)) {
            wrongCount = 1;
          }
          await training.getQuiz({ moduleId: m.id });
          await training.submitQuizAttempt({
            moduleId: m.id,
            contentHash: m.contentHash,
            answers: answersFor(m, pickQuestions(m, Math.min(wrongCount, total), rand)),
          });
          if (failing) summary.failedAttempts++;
        }
        if (s.outcome === 'complete') {
          clock += MINUTE;
          await training.attestTrainingModule({
            moduleId: m.id,
            contentHash: m.contentHash,
            confirmed: true,
          });
          summary.completions++;
        } else {
          summary.startedOnly++;
        }
      }
    } finally {
      summary.lastEntryAt[profile.id] = new Date(clock).toISOString();
      await ledger.close();
    }
  }
  return summary;
}
