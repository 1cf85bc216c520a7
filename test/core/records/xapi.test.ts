// xAPI statements from real signed ledger entries: one per started / attempted / completed
// entry, ids fixed by the entry hash, actors private by default, and a real LRS
// (xapi-statements) accepts every statement and keeps one copy when they are sent again.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateProfileKeys, profileIdFor, sha256Hex } from '../../../electron/core/ledger';
import type { EventType, LedgerEntry } from '../../../electron/core/ledger';
import {
  isoDuration,
  statementIdFor,
  statementsForLedger,
  uuidV5,
  XAPI_VERBS,
} from '../../../electron/core/records/xapi';
import type { XapiStatement } from '../../../electron/core/records/xapi';
import { StewardError } from '../../../electron/core/errors';
import { startLrs } from '../../support/lrsServer';
import { signedChain } from '../ledger/helpers';
import { trainingJudge, type TrainingJudge } from '../../../electron/core/training/status';
import type { ProjectionInput } from '../../../electron/core/training/status';
import type { LrsServer } from '../../support/lrsServer';

const keys = generateProfileKeys();
const personId = profileIdFor(keys.publicKey);
const person = { id: personId, name: 'Ada Lovelace', email: 'Ada@Example.com' };
const modules = new Map([
  ['consent-done-right', { id: 'consent-done-right', title: 'Consent done right' }],
  ['privacy-by-design', { id: 'privacy-by-design', title: 'Privacy by design' }],
]);
const policy = { homePage: 'https://steward.invalid', actorEmail: false };
/**
 * For the statements' mechanics: takes each entry at its word (the fixtures' completions name no
 * real attempt). What core makes of forged entries is tested below with trainingJudge.
 */
const atItsWord: TrainingJudge = {
  attemptPassed: (e) => e.data.passed,
  completionCounts: () => true,
};

/** A chain of real, signed entries by `actor`, in order. */
const chain = (events: { type: EventType; ts: string; data: unknown }[], actor = personId): LedgerEntry[] =>
  signedChain(events, actor, keys.privateKeyPem);

const consentV1 = {
  moduleId: 'consent-done-right',
  version: '1.2.0',
  contentHash: sha256Hex('consent v1.2.0'),
};
const attempt = (n: number, score: number, passed: boolean) => ({
  ...consentV1,
  attempt: n,
  answers: { q1: ['a'] },
  score,
  correctCount: Math.round(score / 10),
  total: 10,
  passMark: 80,
  passed,
});

const entries = chain([
  { type: 'training.started', ts: '2025-03-01T10:00:00.000Z', data: consentV1 },
  { type: 'training.quizAttempted', ts: '2025-03-01T10:12:30.500Z', data: attempt(1, 60, false) },
  { type: 'training.quizAttempted', ts: '2025-03-01T10:20:00.000Z', data: attempt(2, 70, false) },
  { type: 'training.started', ts: '2025-03-02T09:00:00.000Z', data: consentV1 },
  { type: 'training.quizAttempted', ts: '2025-03-02T10:01:05.000Z', data: attempt(3, 90, true) },
  { type: 'training.attested', ts: '2025-03-02T10:01:30.000Z', data: { ...consentV1, statement: 'I will.' } },
  {
    type: 'training.completed',
    ts: '2025-03-02T10:01:31.000Z',
    data: {
      ...consentV1,
      score: 90,
      passMark: 80,
      completedAt: '2025-03-02T10:01:31.000Z',
      expiresAt: '2026-03-02T10:01:31.000Z',
      attemptHash: sha256Hex('attempt'),
    },
  },
]);

describe('statementIdFor', () => {
  it('builds RFC 4122 version-5 UUIDs (checked against the RFC test vector)', () => {
    // uuid v5 of "www.example.com" in the DNS namespace, as published with RFC 4122 implementations.
    expect(uuidV5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.example.com')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    );
  });

  it('is fixed per entry hash, differs between hashes, and has version 5 and the RFC variant', () => {
    const a = sha256Hex('a');
    const b = sha256Hex('b');
    expect(statementIdFor(a)).toBe(statementIdFor(a));
    expect(statementIdFor(a)).not.toBe(statementIdFor(b));
    for (const id of [statementIdFor(a), statementIdFor(b)]) {
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
  });

  it('refuses something that is not an entry hash', () => {
    expect(() => statementIdFor('ABC')).toThrow(StewardError);
    expect(() => statementIdFor(sha256Hex('x').toUpperCase())).toThrow(/64 lower-case hex/);
  });
});

describe('isoDuration', () => {
  it('writes hours, minutes and fractional seconds', () => {
    expect(isoDuration('2025-01-01T00:00:00.000Z', '2025-01-01T01:02:03.250Z')).toBe('PT1H2M3.25S');
    expect(isoDuration('2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z')).toBe('PT0S');
    expect(isoDuration('2025-01-01T00:00:01.000Z', '2025-01-01T00:00:00.000Z')).toBeNull();
  });
});

describe('statements report what core makes of the entries, not what their writer declared', () => {
  /** consent v1.2.0 with its questions: q1 (right: a) and q2 (right: b), pass mark 100. */
  const content = [
    {
      id: 'consent-done-right',
      version: '1.2.0',
      contentHash: consentV1.contentHash,
      passMark: 100,
      quiz: [
        {
          id: 'q1',
          options: [
            { id: 'a', correct: true },
            { id: 'b', correct: false },
          ],
        },
        {
          id: 'q2',
          options: [
            { id: 'a', correct: false },
            { id: 'b', correct: true },
          ],
        },
      ],
    },
  ] as unknown as ProjectionInput['modules'];
  const graded = (answers: Record<string, string[]>, declaredPass: boolean) => ({
    ...consentV1,
    attempt: 1,
    answers,
    score: declaredPass ? 100 : 0,
    correctCount: declaredPass ? 2 : 0,
    total: 2,
    passMark: 100,
    passed: declaredPass,
  });
  const completionOf = (attemptHash: string, ts: string) => ({
    ...consentV1,
    score: 100,
    passMark: 100,
    completedAt: ts,
    expiresAt: '2099-01-01T00:00:00.000Z',
    attemptHash,
  });
  function statementsOf(events: { type: EventType; ts: string; data: unknown }[]) {
    const ledger = chain(events);
    const judge = trainingJudge({
      entries: ledger,
      modules: content,
      profileCreatedAt: '2025-01-01T00:00:00.000Z',
    });
    return { ledger, out: statementsForLedger(person, ledger, modules, policy, judge) };
  }

  it('an attempt declared passed with wrong answers is reported failed, with no score', () => {
    const { out } = statementsOf([
      {
        type: 'training.quizAttempted',
        ts: '2025-02-01T00:00:00.000Z',
        data: graded({ q1: ['b'], q2: ['a'] }, true),
      },
    ]);
    expect(out.map((st) => st.verb.id)).toEqual([XAPI_VERBS.failed]);
    expect(out[0]!.result?.success).toBe(false);
    expect(out[0]!.result?.score).toBeUndefined();
  });

  it('a completion with no passing attempt behind it is not reported', () => {
    const { out } = statementsOf([
      {
        type: 'training.quizAttempted',
        ts: '2025-02-01T00:00:00.000Z',
        data: graded({ q1: ['b'], q2: ['a'] }, true),
      },
      {
        type: 'training.completed',
        ts: '2025-02-01T00:01:00.000Z',
        data: completionOf('a'.repeat(64), '2025-02-01T00:01:00.000Z'),
      },
    ]);
    expect(out.map((st) => st.verb.id)).toEqual([XAPI_VERBS.failed]);
  });

  /** An attempt with these answers, then the completion that names it (as the app would write it). */
  function attemptThenCompletion(answers: Record<string, string[]>) {
    const attempt = {
      type: 'training.quizAttempted' as const,
      ts: '2025-02-01T00:00:00.000Z',
      data: graded(answers, true),
    };
    const attemptHash = chain([attempt])[0]!.hash;
    return statementsOf([
      attempt,
      {
        type: 'training.completed',
        ts: '2025-02-01T00:01:00.000Z',
        data: completionOf(attemptHash, '2025-02-01T00:01:00.000Z'),
      },
    ]);
  }

  it('a completion naming an attempt core grades a fail is not reported either', () => {
    const { out } = attemptThenCompletion({ q1: ['b'], q2: ['a'] });
    expect(out.map((st) => st.verb.id)).toEqual([XAPI_VERBS.failed]);
  });

  it('the honest path: a right attempt and the completion naming it are reported passed and completed', () => {
    const { out } = attemptThenCompletion({ q1: ['a'], q2: ['b'] });
    expect(out.map((st) => st.verb.id)).toEqual([XAPI_VERBS.passed, XAPI_VERBS.completed]);
    expect(out[0]!.result?.score?.scaled).toBe(1);
  });
});

describe('statementsForLedger', () => {
  const statements = statementsForLedger(person, entries, modules, policy, atItsWord);

  it('makes one statement per started, attempted and completed entry, in ledger order', () => {
    const wanted = entries.filter((e) => e.type !== 'training.attested');
    expect(statements.map((s) => s.id)).toEqual(wanted.map((e) => statementIdFor(e.hash)));
    expect(statements.map((s) => s.verb.id)).toEqual([
      XAPI_VERBS.attempted,
      XAPI_VERBS.failed,
      XAPI_VERBS.failed,
      XAPI_VERBS.attempted,
      XAPI_VERBS.passed,
      XAPI_VERBS.completed,
    ]);
    expect(statements.map((s) => s.timestamp)).toEqual(wanted.map((e) => e.ts));
  });

  it('identifies the actor by account, with no email anywhere', () => {
    for (const s of statements) {
      expect(s.actor).toEqual({
        objectType: 'Agent',
        name: 'Ada Lovelace',
        account: { homePage: 'https://steward.invalid', name: personId },
      });
    }
    expect(JSON.stringify(statements).toLowerCase()).not.toContain('ada@example.com');
    expect(JSON.stringify(statements)).not.toContain('mbox');
  });

  it('uses mbox only when the policy asks for it', () => {
    const [s] = statementsForLedger(person, entries, modules, { ...policy, actorEmail: true }, atItsWord);
    expect(s!.actor).toEqual({ objectType: 'Agent', name: 'Ada Lovelace', mbox: 'mailto:ada@example.com' });
  });

  it('pseudonymises: account name from the pseudonym, no name, no email even when actorEmail is on', () => {
    const pseudonym = (id: string) => `anon-${createHash('sha256').update(id).digest('hex').slice(0, 12)}`;
    const out = statementsForLedger(person, entries, modules, { ...policy, actorEmail: true }, atItsWord, {
      pseudonym,
    });
    for (const s of out) {
      expect(s.actor).toEqual({
        objectType: 'Agent',
        account: { homePage: 'https://steward.invalid', name: pseudonym(personId) },
      });
    }
    const text = JSON.stringify(out);
    expect(text).not.toContain('Ada');
    expect(text).not.toContain(personId);
  });

  it('describes module and knowledge-check activities per module version', () => {
    const moduleId = 'https://steward.invalid/xapi/activities/module/consent-done-right/1.2.0';
    expect(statements[0]!.object).toEqual({
      objectType: 'Activity',
      id: moduleId,
      definition: {
        type: 'http://adlnet.gov/expapi/activities/module',
        name: { 'en-US': 'Consent done right' },
      },
    });
    expect(statements[1]!.object.id).toBe(`${moduleId}/quiz`);
    expect(statements[1]!.object.definition.type).toBe('http://adlnet.gov/expapi/activities/assessment');
    expect(statements[1]!.context.contextActivities?.parent[0]!.id).toBe(moduleId);
    expect(statements[5]!.object.id).toBe(moduleId);
  });

  it('scores attempts, times them from their own start, and marks the completion a success', () => {
    expect(statements[1]!.result).toEqual({
      score: { scaled: 0.6, raw: 60, min: 0, max: 100 },
      success: false,
      completion: true,
      duration: isoDuration(entries[0]!.ts, entries[1]!.ts),
    });
    expect(statements[1]!.result?.duration).toBe('PT12M30.5S');
    // Attempt 2 followed attempt 1 without a new start: its duration is unknown, so absent.
    expect(statements[2]!.result).not.toHaveProperty('duration');
    expect(statements[4]!.result).toMatchObject({ success: true, duration: 'PT1H1M5S' });
    expect(statements[5]!.result).toEqual({
      score: { scaled: 0.9, raw: 90, min: 0, max: 100 },
      success: true,
      completion: true,
    });
  });

  it('carries the entry hash and content hash as extensions under the home page', () => {
    const wanted = entries.filter((e) => e.type !== 'training.attested');
    statements.forEach((s, i) => {
      expect(s.context.extensions['https://steward.invalid/xapi/extensions/ledger-entry-hash']).toBe(
        wanted[i]!.hash,
      );
      expect(s.context.extensions['https://steward.invalid/xapi/extensions/content-hash']).toBe(
        consentV1.contentHash,
      );
    });
    expect(statements[4]!.context.extensions['https://steward.invalid/xapi/extensions/attempt']).toBe(3);
  });

  it('skips entries of other actors, honours activityBase and falls back to the module id for a title', () => {
    const other = chain(
      [{ type: 'training.started', ts: '2025-01-01T00:00:00.000Z', data: consentV1 }],
      'p00000000000000000000',
    );
    const privacy = chain([
      {
        type: 'training.started',
        ts: '2025-01-01T00:00:00.000Z',
        data: { moduleId: 'unknown-module', version: '1.0.0', contentHash: sha256Hex('u') },
      },
    ]);
    const out = statementsForLedger(
      person,
      [...other, ...privacy],
      modules,
      { ...policy, homePage: 'https://org.example/' },
      atItsWord,
      {
        activityBase: 'https://lrs.org.example/acts/',
      },
    );
    expect(out).toHaveLength(1);
    expect(out[0]!.object.id).toBe('https://lrs.org.example/acts/module/unknown-module/1.0.0');
    expect(out[0]!.object.definition.name['en-US']).toBe('unknown-module');
    expect(out[0]!.actor.account?.homePage).toBe('https://org.example');
  });

  it('gives the language of the edition taken as context.language: a translation by its tag, else en-US', () => {
    const french = { ...consentV1, contentHash: sha256Hex('consent v1.2.0, fr') };
    const mixed = chain([
      { type: 'training.started', ts: '2025-05-01T09:00:00.000Z', data: french },
      { type: 'training.started', ts: '2025-05-01T09:05:00.000Z', data: consentV1 },
    ]);
    const languageOf = (hash: string) => (hash === french.contentHash ? 'fr' : undefined);
    const out = statementsForLedger(person, mixed, modules, policy, atItsWord, { languageOf });
    expect(out.map((st) => st.context.language)).toEqual(['fr', 'en-US']);
    // Without the function every statement is en-US, as before.
    expect(
      statementsForLedger(person, mixed, modules, policy, atItsWord).map((st) => st.context.language),
    ).toEqual(['en-US', 'en-US']);
  });

  it('refuses a home page that is not a web address', () => {
    expect(() =>
      statementsForLedger(person, entries, modules, { ...policy, homePage: 'steward' }, atItsWord),
    ).toThrow(/xapi.homePage/);
  });
});

describe('statements against a real LRS', () => {
  let lrs: LrsServer;
  beforeAll(async () => {
    lrs = await startLrs();
  });
  afterAll(async () => {
    await lrs?.stop();
  });

  async function post(body: XapiStatement[]): Promise<Response> {
    return fetch(`${lrs.endpoint}/statements`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'X-Experience-API-Version': '1.0.3',
        Authorization: `Basic ${Buffer.from('k:s').toString('base64')}`,
      },
      body: JSON.stringify(body),
    });
  }

  it('accepts every statement, each variant, and keeps one copy when they are sent again', async () => {
    const plain = statementsForLedger(person, entries, modules, policy, atItsWord);
    const other = generateProfileKeys();
    const otherId = profileIdFor(other.publicKey);
    const mboxPerson = { id: otherId, name: 'Grace', email: 'grace@example.com' };
    const otherEntries = signedChain(
      [
        { type: 'training.started' as const, ts: '2025-04-01T08:00:00.000Z', data: consentV1 },
        {
          type: 'training.quizAttempted' as const,
          ts: '2025-04-01T08:30:00.000Z',
          data: attempt(1, 100, true),
        },
      ],
      otherId,
      other.privateKeyPem,
    );
    // Grace took the French edition: her statements say so in context.language.
    const withMbox = statementsForLedger(
      mboxPerson,
      otherEntries,
      modules,
      { ...policy, actorEmail: true },
      atItsWord,
      { languageOf: () => 'fr' },
    );
    const all = [...plain, ...withMbox];

    const first = await post(all);
    expect(first.status, await first.clone().text()).toBe(200);
    expect(await first.json()).toEqual(all.map((s) => s.id));
    const again = await post(all);
    expect(again.status).toBe(200);

    const stored = await lrs.statements();
    expect(stored.map((s) => s.id).sort()).toEqual(all.map((s) => s.id).sort());
    const passed = stored.find((s) => s.id === withMbox[1]!.id) as unknown as XapiStatement;
    expect(passed.actor.mbox).toBe('mailto:grace@example.com');
    expect(passed.result?.score?.scaled).toBe(1);
    expect(passed.context.language).toBe('fr');
  });
});
