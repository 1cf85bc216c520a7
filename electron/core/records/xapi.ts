// xAPI statements from a person's ledger: one statement per training.started (attempted),
// training.quizAttempted (passed | failed, as core grades it) and training.completed that the
// records count (completed; a declared completion they disregard is not reported). Each statement's
// id is derived from the ledger entry's hash, so the same entry always yields the same id and an
// LRS that receives it twice keeps one copy (xAPI: a statement id is stored once).
//
// Actors are identified by an account on the organisation's home page, never by email unless the
// policy says so (`xapi.actorEmail`), and never by name or email when pseudonymised.
import { createHash } from 'node:crypto';
import type { Statement } from '@xapi/xapi';
import type { LedgerEntry, LedgerEntryOf } from '../ledger/entry';
import { StewardError } from '../errors';
import type { TrainingJudge } from '../training/status';

export const XAPI_VERSION = '1.0.3';

export const XAPI_VERBS = {
  attempted: 'http://adlnet.gov/expapi/verbs/attempted',
  passed: 'http://adlnet.gov/expapi/verbs/passed',
  failed: 'http://adlnet.gov/expapi/verbs/failed',
  completed: 'http://adlnet.gov/expapi/verbs/completed',
} as const;
export type XapiVerbName = keyof typeof XAPI_VERBS;

export const XAPI_ACTIVITY_TYPES = {
  module: 'http://adlnet.gov/expapi/activities/module',
  assessment: 'http://adlnet.gov/expapi/activities/assessment',
} as const;

export interface XapiAgent {
  objectType: 'Agent';
  name?: string;
  account?: { homePage: string; name: string };
  mbox?: string;
}

export interface XapiActivity {
  objectType: 'Activity';
  id: string;
  definition: { type: string; name: Record<string, string> };
}

export interface XapiResult {
  score?: { scaled: number; raw: number; min: number; max: number };
  success?: boolean;
  completion?: boolean;
  duration?: string;
}

/** The statements Steward writes: always with an id, a timestamp and context extensions. */
export interface XapiStatement {
  id: string;
  actor: XapiAgent;
  verb: { id: string; display: Record<string, string> };
  object: XapiActivity;
  result?: XapiResult;
  context: {
    platform: string;
    language: string;
    contextActivities?: { parent: XapiActivity[] };
    extensions: Record<string, string | number>;
  };
  timestamp: string;
  version: typeof XAPI_VERSION;
}

// Compile-time check that our narrower shape is a valid @xapi/xapi Statement.
const statementShapeCheck: (s: XapiStatement) => Statement = (s) => s;
void statementShapeCheck;

export interface XapiPolicy {
  /** The organisation's home page: account.homePage of every actor and the root of our IRIs. */
  homePage: string;
  /** Identify actors by mbox (mailto:email) instead of an account. Ignored when pseudonymised. */
  actorEmail: boolean;
}

export interface XapiPerson {
  id: string;
  name: string;
  email: string;
}

export interface StatementOptions {
  /** When given, actors are `account.name = pseudonym(profileId)` with no name and no email. */
  pseudonym?: (personId: string) => string;
  /** Root of activity ids; default `<homePage>/xapi/activities`. */
  activityBase?: string;
  /**
   * The language (RFC 5646 tag) of the module text a content hash names, for context.language:
   * the person took a translation. Undefined (or no function) means the English text: en-US.
   */
  languageOf?: (contentHash: string) => string | undefined;
}

// RFC 4122 name-based UUIDs (version 5: SHA-1 of namespace + name). Version 5 rather than the
// newer version 8 because strict LRSs (ADL's among them) accept only versions 1-5 in statement
// ids. Our namespace is itself the version-5 UUID of a fixed URL in the RFC's URL namespace.
const RFC4122_URL_NAMESPACE = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';
const STATEMENT_ID_NAME_PREFIX = 'https://steward.invalid/xapi/statement-id';

export function uuidV5(namespace: string, name: string): string {
  const bytes = createHash('sha1')
    .update(Buffer.from(namespace.replace(/-/g, ''), 'hex'))
    .update(name, 'utf8')
    .digest()
    .subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const STATEMENT_ID_NAMESPACE = uuidV5(RFC4122_URL_NAMESPACE, STATEMENT_ID_NAME_PREFIX);

/**
 * The statement id for a ledger entry: the RFC 4122 version-5 UUID of the entry hash (lower-case
 * hex) in Steward's namespace. Deterministic, so re-sending never duplicates.
 */
export function statementIdFor(entryHash: string): string {
  if (!/^[0-9a-f]{64}$/.test(entryHash)) {
    throw new StewardError(
      'INVALID_ARGUMENT',
      `Cannot derive an xAPI statement id from "${entryHash.slice(0, 80)}": a ledger entry hash is 64 lower-case hex characters.`,
    );
  }
  return uuidV5(STATEMENT_ID_NAMESPACE, entryHash);
}

/** ISO 8601 duration (PT…) between two instants; null when `to` is before `from` or either is invalid. */
export function isoDuration(fromIso: string, toIso: string): string | null {
  const ms = Date.parse(toIso) - Date.parse(fromIso);
  if (!Number.isFinite(ms) || ms < 0) return null;
  const totalSeconds = ms / 1000;
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = Math.round((totalSeconds % 60) * 100) / 100;
  let out = 'PT';
  if (hours > 0) out += `${hours}H`;
  if (minutes > 0) out += `${minutes}M`;
  if (seconds > 0 || out === 'PT') out += `${seconds}S`;
  return out;
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

function checkHomePage(homePage: string): string {
  const protocol = URL.canParse(homePage) ? new URL(homePage).protocol : null;
  if (protocol !== 'https:' && protocol !== 'http:') {
    throw new StewardError(
      'INVALID_ARGUMENT',
      `The xAPI home page "${homePage}" is not a web address; set xapi.homePage in content/policy.yaml to an https:// address of your organisation.`,
    );
  }
  return trimSlash(homePage);
}

const EMAILISH = /^[^\s@]+@[^\s@]+$/;

function actorFor(
  person: XapiPerson,
  homePage: string,
  policy: XapiPolicy,
  opts: StatementOptions,
): XapiAgent {
  if (opts.pseudonym) {
    return { objectType: 'Agent', account: { homePage, name: opts.pseudonym(person.id) } };
  }
  if (policy.actorEmail && EMAILISH.test(person.email.trim())) {
    return { objectType: 'Agent', name: person.name, mbox: `mailto:${person.email.trim().toLowerCase()}` };
  }
  return { objectType: 'Agent', name: person.name, account: { homePage, name: person.id } };
}

type TrainingEntry = LedgerEntryOf<'training.started' | 'training.quizAttempted' | 'training.completed'>;

function isTrainingStatementEntry(entry: LedgerEntry): entry is TrainingEntry {
  return (
    entry.type === 'training.started' ||
    entry.type === 'training.quizAttempted' ||
    entry.type === 'training.completed'
  );
}

function score(percent: number): { scaled: number; raw: number; min: number; max: number } {
  return { scaled: percent / 100, raw: percent, min: 0, max: 100 };
}

/**
 * The xAPI statements for one person's ledger entries, in ledger order. Entries of other actors
 * and of other types are skipped. Activity ids:
 *   module:          <activityBase>/module/<moduleId>/<version>        (attempted, completed)
 *   knowledge check: <activityBase>/module/<moduleId>/<version>/quiz   (passed, failed; parent = module)
 */
export function statementsForLedger(
  person: XapiPerson,
  entries: readonly LedgerEntry[],
  modules: ReadonlyMap<string, { id: string; title: string }>,
  policy: XapiPolicy,
  /**
   * What core makes of the entries (training/status.ts): a statement says passed only for an
   * attempt core grades a pass, and completed only for a completion the records count. What a
   * writer declared in an entry (its own `passed`, a completion with no passing attempt) is never
   * reported to an LRS as such.
   */
  judge: TrainingJudge,
  opts: StatementOptions = {},
): XapiStatement[] {
  const homePage = checkHomePage(policy.homePage);
  const activityBase = trimSlash(opts.activityBase ?? `${homePage}/xapi/activities`);
  const extension = (name: string) => `${homePage}/xapi/extensions/${name}`;
  const actor = actorFor(person, homePage, policy, opts);

  const moduleActivity = (moduleId: string, version: string): XapiActivity => ({
    objectType: 'Activity',
    id: `${activityBase}/module/${encodeURIComponent(moduleId)}/${encodeURIComponent(version)}`,
    definition: {
      type: XAPI_ACTIVITY_TYPES.module,
      name: { 'en-US': modules.get(moduleId)?.title ?? moduleId },
    },
  });
  const quizActivity = (moduleId: string, version: string): XapiActivity => {
    const parent = moduleActivity(moduleId, version);
    return {
      objectType: 'Activity',
      id: `${parent.id}/quiz`,
      definition: {
        type: XAPI_ACTIVITY_TYPES.assessment,
        name: { 'en-US': `${parent.definition.name['en-US']} — knowledge check` },
      },
    };
  };

  // The start of the current attempt per module file: the latest training.started since the
  // previous attempt at that same file. An attempt with no such start has no known duration.
  const openStarts = new Map<string, string>();
  const out: XapiStatement[] = [];

  for (const entry of entries) {
    if (entry.actor !== person.id || !isTrainingStatementEntry(entry)) continue;
    const { moduleId, version, contentHash } = entry.data;
    const fileKey = `${moduleId}\u0000${contentHash}`;
    const base = {
      id: statementIdFor(entry.hash),
      actor,
      timestamp: entry.ts,
      version: XAPI_VERSION,
    } as const;
    const extensions: Record<string, string | number> = {
      [extension('ledger-entry-hash')]: entry.hash,
      [extension('content-hash')]: contentHash,
    };
    const context = { platform: 'Steward', language: opts.languageOf?.(contentHash) ?? 'en-US', extensions };

    if (entry.type === 'training.started') {
      openStarts.set(fileKey, entry.ts);
      out.push({
        ...base,
        verb: { id: XAPI_VERBS.attempted, display: { 'en-US': 'attempted' } },
        object: moduleActivity(moduleId, version),
        context,
      });
    } else if (entry.type === 'training.quizAttempted') {
      const d = entry.data;
      const startedAt = openStarts.get(fileKey);
      openStarts.delete(fileKey);
      const duration = startedAt === undefined ? null : isoDuration(startedAt, entry.ts);
      const passed = judge.attemptPassed(entry);
      const verb: XapiVerbName = passed ? 'passed' : 'failed';
      extensions[extension('attempt')] = d.attempt;
      out.push({
        ...base,
        verb: { id: XAPI_VERBS[verb], display: { 'en-US': verb } },
        object: quizActivity(moduleId, version),
        result: {
          // The recorded score, unless core's grade and the writer's disagree on the outcome.
          ...(passed === d.passed ? { score: score(d.score) } : {}),
          success: passed,
          completion: true,
          ...(duration === null ? {} : { duration }),
        },
        context: { ...context, contextActivities: { parent: [moduleActivity(moduleId, version)] } },
      });
    } else if (judge.completionCounts(entry)) {
      out.push({
        ...base,
        verb: { id: XAPI_VERBS.completed, display: { 'en-US': 'completed' } },
        object: moduleActivity(moduleId, version),
        result: { score: score(entry.data.score), success: true, completion: true },
        context,
      });
    }
  }
  return out;
}
