// The LRS outbox: sends every xAPI statement of the records to the organisation's LRS, once.
//
// Pending = the statements from deps.statements() whose id is neither acknowledged nor refused.
// Each acknowledged batch is persisted before the next one goes, so a restart never resends what
// the LRS confirmed. A crash between the LRS's answer and that write can resend one batch; that
// is harmless because statement ids are derived from ledger hashes and an LRS keeps one
// statement per id. A statement the LRS refuses as invalid is isolated by splitting the batch
// and listed with the LRS's reason; the rest still go. Outages are retried with backoff.
import { StewardError } from '../../errors';
import type { LrsView } from '../../contract/views/records';
import type { SecretProtector } from '../../profiles/keystore';
import type { XapiStatement } from '../xapi';
import { retryDelayMs } from './backoff';
import { normaliseLrsEndpoint } from './endpoint';
import type { LrsState } from './stateFile';
import { readLrsState, writeLrsState } from './stateFile';
import { postStatements } from './transport';

export interface LrsTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface LrsDeps {
  userDataDir: string;
  secretProtector: SecretProtector;
  now: () => Date;
  /** Every statement the records hold for this machine's sender, ids fixed (see xapi.ts). */
  statements: () => Promise<XapiStatement[]>;
  fetch?: typeof fetch;
  /** Default: global timers, unref'd so the outbox never keeps a process alive. */
  timers?: LrsTimers;
  /** For the backoff jitter; default Math.random. */
  random?: () => number;
  /** Statements per POST; default 50. */
  batchSize?: number;
  /** Per request; default 30 s. */
  requestTimeoutMs?: number;
  /** While there is nothing to retry, how often the background loop looks for new statements; default 60 s. */
  idlePollMs?: number;
}

export interface SetLrsArgs {
  endpoint: string;
  key: string;
  /** Omitted: keep the stored secret. '': forget it. */
  secret?: string;
  enabled: boolean;
}

export interface LrsServices {
  getLrs(): Promise<LrsView>;
  setLrs(args: SetLrsArgs): Promise<LrsView>;
  sendLrsNow(): Promise<LrsView>;
  /** Runs the background loop while sending is enabled. */
  start(): void;
  /** Stops the loop and any request in flight (its statements stay pending). */
  close(): Promise<void>;
}

const defaultTimers: LrsTimers = {
  setTimeout: (fn, ms) => {
    const handle = setTimeout(fn, ms);
    handle.unref();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Timer delays above this overflow Node's 32-bit timers; we simply wake up and look again. */
const MAX_TIMER_MS = 2 ** 31 - 1;

type BatchResult = { ok: true } | { ok: false; reason: string } | { ok: false; aborted: true };

export function createLrsServices(deps: LrsDeps): LrsServices {
  const doFetch = deps.fetch ?? fetch;
  const timers = deps.timers ?? defaultTimers;
  const random = deps.random ?? Math.random;
  const batchSize = Math.max(1, Math.floor(deps.batchSize ?? 50));
  const timeoutMs = deps.requestTimeoutMs ?? 30_000;
  const idlePollMs = deps.idlePollMs ?? 60_000;

  let loaded: LrsState | null = null;
  let sentIds = new Set<string>();
  let refusedIds = new Set<string>();
  let round: Promise<void> | null = null;
  let roundAbort: AbortController | null = null;
  let timer: unknown = null;
  let running = false;
  let closed = false;

  const nowIso = () => deps.now().toISOString();

  function state(): LrsState {
    if (loaded === null) {
      loaded = readLrsState(deps.userDataDir, deps.now());
      sentIds = new Set(loaded.sent);
      refusedIds = new Set(loaded.refused.map((r) => r.statementId));
    }
    return loaded;
  }

  function save(): void {
    const s = state();
    s.sent = [...sentIds];
    writeLrsState(deps.userDataDir, s);
  }

  function revealSecret(s: LrsState): string {
    if (s.secret === null) return '';
    if (s.secret.protection === 'os' && deps.secretProtector.kind !== 'os') {
      throw new StewardError(
        'KEY_UNAVAILABLE',
        "The LRS secret is locked in this computer's keychain, which is not available here. Open Steward's desktop app, or enter the secret again.",
      );
    }
    try {
      return deps.secretProtector.reveal(Buffer.from(s.secret.value, 'base64')).toString('utf8');
    } catch (error) {
      throw new StewardError(
        'KEY_UNAVAILABLE',
        'The stored LRS secret cannot be unlocked on this computer. Enter the secret again in Settings → LRS.',
        { cause: error },
      );
    }
  }

  function recordFailure(reason: string): void {
    const s = state();
    s.failures += 1;
    s.nextAttemptAt = new Date(deps.now().getTime() + retryDelayMs(s.failures, random)).toISOString();
    s.lastError = `${reason} The statements stay in the outbox and are retried automatically.`;
    save();
  }

  async function sendBatch(
    batch: readonly XapiStatement[],
    endpoint: string,
    key: string,
    secret: string,
    signal: AbortSignal,
  ): Promise<BatchResult> {
    const outcome = await postStatements({
      fetch: doFetch,
      endpoint,
      key,
      secret,
      statements: batch,
      timeoutMs,
      signal,
    });
    const s = state();
    if (outcome.kind === 'aborted') return { ok: false, aborted: true };
    if (outcome.kind === 'unavailable') return { ok: false, reason: outcome.reason };
    if (
      outcome.kind === 'accepted' ||
      (outcome.kind === 'refused' && outcome.status === 409 && batch.length === 1)
    ) {
      // 409 for a single statement: the LRS already holds a statement with this id and keeps
      // the first one it received (xAPI 1.0.3), so ours is there.
      for (const st of batch) sentIds.add(st.id);
      s.lastSentAt = nowIso();
      save();
      return { ok: true };
    }
    if (batch.length > 1) {
      // Some statement in this batch is refused and the LRS stored none of it: halve until
      // the culprit stands alone, so every other statement still goes.
      const mid = Math.ceil(batch.length / 2);
      const first = await sendBatch(batch.slice(0, mid), endpoint, key, secret, signal);
      if (!first.ok) return first;
      return sendBatch(batch.slice(mid), endpoint, key, secret, signal);
    }
    const only = batch[0]!;
    refusedIds.add(only.id);
    s.refused.push({ statementId: only.id, reason: `HTTP ${outcome.status}: ${outcome.reason}` });
    save();
    return { ok: true };
  }

  async function runRound(signal: AbortSignal): Promise<void> {
    const s = state();
    if (!s.enabled || s.endpoint === '') return;
    let secret: string;
    try {
      secret = revealSecret(s);
    } catch (error) {
      s.lastAttemptAt = nowIso();
      s.lastError = (error as Error).message;
      s.nextAttemptAt = null;
      save();
      return;
    }
    s.lastAttemptAt = nowIso();
    let all: XapiStatement[];
    try {
      all = await deps.statements();
    } catch (error) {
      recordFailure(
        `The statements to send could not be built from the records: ${(error as Error).message}`,
      );
      return;
    }
    const pending = all.filter((st) => !sentIds.has(st.id) && !refusedIds.has(st.id));
    for (let i = 0; i < pending.length; i += batchSize) {
      const result = await sendBatch(pending.slice(i, i + batchSize), s.endpoint, s.key, secret, signal);
      if (!result.ok) {
        if ('aborted' in result) return;
        recordFailure(result.reason);
        return;
      }
    }
    s.failures = 0;
    s.nextAttemptAt = null;
    s.lastError = null;
    save();
  }

  /** Runs one round, or joins the one already running. */
  function sendRound(): Promise<void> {
    if (round === null) {
      const controller = new AbortController();
      roundAbort = controller;
      round = runRound(controller.signal).finally(() => {
        round = null;
        roundAbort = null;
      });
    }
    return round;
  }

  async function stopRound(): Promise<void> {
    roundAbort?.abort();
    if (round !== null) await round.catch(() => undefined);
  }

  function schedule(): void {
    if (timer !== null) {
      timers.clearTimeout(timer);
      timer = null;
    }
    if (!running || closed) return;
    const s = state();
    if (!s.enabled || s.endpoint === '') return;
    const next = s.nextAttemptAt === null ? null : Date.parse(s.nextAttemptAt) - deps.now().getTime();
    const delay = next === null ? idlePollMs : Math.min(Math.max(0, next), MAX_TIMER_MS);
    timer = timers.setTimeout(() => {
      timer = null;
      void tick();
    }, delay);
  }

  async function tick(): Promise<void> {
    try {
      await sendRound();
    } catch (error) {
      // A round that throws (e.g. the folder became unwritable) must not end the loop.
      const s = state();
      s.lastError = `Sending to the LRS stopped: ${(error as Error).message}`;
    }
    schedule();
  }

  async function view(): Promise<LrsView> {
    const s = state();
    let pending = 0;
    let problem: string | null = null;
    try {
      const all = await deps.statements();
      pending = all.filter((st) => !sentIds.has(st.id) && !refusedIds.has(st.id)).length;
    } catch (error) {
      problem = `The statements to send could not be built from the records: ${(error as Error).message}`;
    }
    return {
      endpoint: s.endpoint,
      key: s.key,
      hasSecret: s.secret !== null,
      enabled: s.enabled,
      secretProtection: s.secret?.protection ?? deps.secretProtector.kind,
      outbox: { pending, sent: sentIds.size, failed: s.refused.length },
      lastAttemptAt: s.lastAttemptAt,
      lastSentAt: s.lastSentAt,
      nextAttemptAt: s.nextAttemptAt,
      lastError: s.lastError ?? problem,
      refused: s.refused.map((r) => ({ ...r })),
    };
  }

  return {
    getLrs: () => view(),

    async setLrs(args) {
      const endpoint = normaliseLrsEndpoint(args.endpoint);
      const key = args.key.trim();
      const s = state();
      const secret =
        args.secret === undefined
          ? s.secret
          : args.secret === ''
            ? null
            : {
                protection: deps.secretProtector.kind,
                value: deps.secretProtector.protect(Buffer.from(args.secret, 'utf8')).toString('base64'),
              };
      if (args.enabled && (endpoint === '' || key === '' || secret === null)) {
        const missing = [
          endpoint === '' ? 'endpoint' : null,
          key === '' ? 'key' : null,
          secret === null ? 'secret' : null,
        ]
          .filter((m) => m !== null)
          .join(', ');
        throw new StewardError(
          'INVALID_ARGUMENT',
          `Sending to the LRS needs an endpoint, a key and a secret; missing: ${missing}. Fill them in, then switch sending on.`,
        );
      }
      await stopRound();
      // A different LRS (or another key, which many LRSs map to another store) holds none of
      // what the previous one acknowledged: start its outbox afresh. Re-sending to the same
      // store is harmless, losing statements is not.
      if (endpoint !== s.endpoint || key !== s.key) {
        sentIds = new Set();
        refusedIds = new Set();
        s.refused = [];
        s.lastSentAt = null;
        s.lastAttemptAt = null;
      }
      if (
        endpoint !== s.endpoint ||
        key !== s.key ||
        args.enabled !== s.enabled ||
        args.secret !== undefined
      ) {
        // New settings deserve a prompt attempt rather than the old backoff.
        s.failures = 0;
        s.nextAttemptAt = args.enabled ? nowIso() : null;
        s.lastError = null;
      }
      s.endpoint = endpoint;
      s.key = key;
      s.secret = secret;
      s.enabled = args.enabled;
      save();
      schedule();
      return view();
    },

    async sendLrsNow() {
      const s = state();
      if (!s.enabled || s.endpoint === '') {
        throw new StewardError(
          'NOT_ALLOWED',
          'Sending to the LRS is switched off. Enter the endpoint, key and secret in Settings → LRS and switch sending on, then try again.',
        );
      }
      if (closed) {
        throw new StewardError(
          'NOT_ALLOWED',
          'The LRS outbox is closing; try again once Steward has restarted.',
        );
      }
      await sendRound();
      schedule();
      return view();
    },

    start() {
      if (closed || running) return;
      running = true;
      const s = state();
      // On start, look at once unless a backoff is in progress.
      if (s.nextAttemptAt === null && s.enabled) s.nextAttemptAt = nowIso();
      schedule();
    },

    async close() {
      closed = true;
      running = false;
      schedule();
      await stopRound();
    },
  };
}
