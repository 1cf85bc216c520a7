// The status projection as a pure function of entries, content, policy and the clock.
import { describe, expect, it } from 'vitest';
import type { LedgerEntry } from '../../../electron/core/ledger';
import type { RetakeOn } from '../../../electron/core/policy/policy';
import {
  addCalendarMonths,
  projectTraining,
  retakeNeeded,
  type ProjectionInput,
} from '../../../electron/core/training/status';

const H1 = '1'.repeat(64);
const H2 = '2'.repeat(64);
const DAY = 86_400_000;

let seq = 1;
function entry(
  type: LedgerEntry['type'],
  data: Record<string, unknown>,
  ts = '2025-01-01T00:00:00.000Z',
): LedgerEntry {
  seq++;
  return {
    seq,
    ts,
    type,
    actor: 'p0123456789abcdef0123',
    data,
    prev: '0'.repeat(64),
    hash: seq.toString(16).padStart(64, '0'),
    sig: 'x',
  } as LedgerEntry;
}
const ref = (version = '1.0.0', contentHash = H1) => ({ moduleId: 'alpha', version, contentHash });
const started = (v?: string, h?: string) => entry('training.started', ref(v, h));
/** The latest passed attempt on each content hash: what a completion written after it names. */
const lastPassed = new Map<string, string>();
const attempt = (passed: boolean, n = 1, v?: string, h?: string) => {
  const e = entry('training.quizAttempted', {
    ...ref(v, h),
    attempt: n,
    answers: {},
    score: passed ? 100 : 50,
    correctCount: passed ? 6 : 3,
    total: 6,
    passMark: 80,
    passed,
  });
  if (passed) lastPassed.set(h ?? H1, e.hash);
  return e;
};
/** A completion recorded at `completedAt`, resting on the latest passed attempt on its content. */
const completed = (completedAt: string, months = 12, v?: string, h?: string) =>
  entry(
    'training.completed',
    {
      ...ref(v, h),
      score: 100,
      passMark: 80,
      completedAt,
      expiresAt: addCalendarMonths(completedAt, months).toISOString(),
      attemptHash: lastPassed.get(h ?? H1) ?? 'a'.repeat(64),
    },
    completedAt,
  );
/** A passed attempt, then the completion resting on it. */
const passedAndCompleted = (completedAt: string, months = 12, v?: string, h?: string) => [
  attempt(true, 1, v, h),
  completed(completedAt, months, v, h),
];

function run(over: Omit<Partial<ProjectionInput>, 'now'> & { now: string }) {
  const { now, ...rest } = over;
  const result = projectTraining({
    entries: [],
    modules: [{ id: 'alpha', version: '1.0.0', contentHash: H1 }],
    policy: { dueSoonDays: 30, newStarterDays: 30, retakeOn: 'major' },
    required: new Set(),
    profileCreatedAt: '2025-01-01T00:00:00.000Z',
    ...rest,
    now: new Date(now),
  });
  return result.get('alpha')!;
}

describe('addCalendarMonths', () => {
  it('clamps to the end of a shorter month, leap days included', () => {
    expect(addCalendarMonths('2024-02-29T10:00:00.000Z', 12).toISOString()).toBe('2025-02-28T10:00:00.000Z');
    expect(addCalendarMonths('2023-03-31T00:00:00.000Z', 11).toISOString()).toBe('2024-02-29T00:00:00.000Z');
    expect(addCalendarMonths('2024-02-29T00:00:00.000Z', 48).toISOString()).toBe('2028-02-29T00:00:00.000Z');
    expect(addCalendarMonths('2025-01-31T23:59:59.999Z', 1).toISOString()).toBe('2025-02-28T23:59:59.999Z');
    expect(addCalendarMonths('2025-11-15T00:00:00.000Z', 3).toISOString()).toBe('2026-02-15T00:00:00.000Z');
  });
});

describe('projectTraining', () => {
  it('notStarted, then inProgress once started or attempted', () => {
    expect(run({ now: '2025-01-10T00:00:00Z' })).toMatchObject({
      status: 'notStarted',
      started: false,
      dueAt: null,
    });
    expect(run({ now: '2025-01-10T00:00:00Z', entries: [started()] })).toMatchObject({
      status: 'inProgress',
      started: true,
      attempts: 0,
    });
    const afterFail = run({ now: '2025-01-10T00:00:00Z', entries: [attempt(false)] });
    expect(afterFail).toMatchObject({
      status: 'inProgress',
      attempts: 1,
      readyToAttest: false,
      started: false,
    });
  });

  it('a required module is overdue once the new-starter window has passed without a completion', () => {
    const required = new Set(['alpha']);
    const before = run({ now: '2025-01-30T23:59:59.999Z', required, entries: [started()] });
    expect(before).toMatchObject({ status: 'inProgress', dueAt: '2025-01-31T00:00:00.000Z' });
    expect(run({ now: '2025-01-31T00:00:00.000Z', required })).toMatchObject({ status: 'overdue' });
  });

  it('readyToAttest after a passed attempt on the current version', () => {
    const p = run({ now: '2025-01-10T00:00:00Z', entries: [started(), attempt(false, 1), attempt(true, 2)] });
    expect(p).toMatchObject({ attempts: 2, readyToAttest: true });
    expect(p.passedAttempt).toMatchObject({ attempt: 2, score: 100 });
    // A pass on an older version of the file does not count.
    const old = run({ now: '2025-01-10T00:00:00Z', entries: [attempt(true, 1, '1.0.0', H2)] });
    expect(old).toMatchObject({ attempts: 0, readyToAttest: false, status: 'inProgress' });
  });

  it('passed, dueSoon at exactly the window, then expired (optional) or overdue (required)', () => {
    const entries = [started(), attempt(true), completed('2025-03-01T00:00:00.000Z')];
    const expires = Date.parse('2026-03-01T00:00:00.000Z');
    const at = (ms: number) => new Date(ms).toISOString();
    const p = run({ now: '2025-06-01T00:00:00Z', entries });
    expect(p).toMatchObject({ status: 'passed', attempts: 0, readyToAttest: false, started: false });
    expect(p.lastCompletion).toMatchObject({
      expiresAt: '2026-03-01T00:00:00.000Z',
      score: 100,
      version: '1.0.0',
    });
    expect(run({ now: at(expires - 30 * DAY - 1), entries }).status).toBe('passed');
    expect(run({ now: at(expires - 30 * DAY), entries }).status).toBe('dueSoon');
    expect(run({ now: at(expires - 1), entries }).status).toBe('dueSoon');
    expect(run({ now: at(expires), entries }).status).toBe('expired');
    const required = new Set(['alpha']);
    expect(run({ now: at(expires), entries, required })).toMatchObject({
      status: 'overdue',
      dueAt: '2026-03-01T00:00:00.000Z',
    });
  });

  it('expires a leap-day completion on the last day of February', () => {
    const entries = passedAndCompleted('2024-02-29T12:00:00.000Z');
    const profileCreatedAt = '2024-01-01T00:00:00.000Z';
    expect(run({ now: '2025-02-28T11:59:59.999Z', entries, profileCreatedAt }).status).toBe('dueSoon');
    expect(run({ now: '2025-02-28T12:00:00.000Z', entries, profileCreatedAt }).status).toBe('expired');
  });

  it('a new round starts after a completion: retakes count again', () => {
    const entries = [
      attempt(false, 1),
      attempt(true, 2),
      completed('2025-03-01T00:00:00.000Z'),
      started(),
      attempt(false, 1),
    ];
    expect(run({ now: '2025-06-01T00:00:00Z', entries })).toMatchObject({
      status: 'passed',
      attempts: 1,
      started: true,
      readyToAttest: false,
    });
  });

  describe('content updated after completion', () => {
    const cases: [RetakeOn, string, string, boolean][] = [
      ['major', '1.0.0', '2.0.0', true],
      ['major', '1.0.0', '1.1.0', false],
      ['minor', '1.0.0', '1.1.0', true],
      ['minor', '1.0.0', '1.0.1', false],
      ['any', '1.0.0', '1.0.0', true],
      ['never', '1.0.0', '9.0.0', false],
    ];
    for (const [rule, from, to, updated] of cases) {
      it(`retakeOn ${rule}: ${from} -> ${to} ${updated ? 'is' : 'is not'} "updated"`, () => {
        const entries = passedAndCompleted('2025-03-01T00:00:00.000Z', 12, from, H1);
        const p = run({
          now: '2025-06-01T00:00:00Z',
          entries,
          modules: [{ id: 'alpha', version: to, contentHash: H2 }],
          policy: { dueSoonDays: 30, newStarterDays: 30, retakeOn: rule },
        });
        expect(p.status).toBe(updated ? 'updated' : 'passed');
        expect(retakeNeeded(rule, { version: from, contentHash: H1 }, { version: to, contentHash: H2 })).toBe(
          updated,
        );
      });
    }

    it('the same file is never "updated", whatever the rule', () => {
      for (const rule of ['major', 'minor', 'any'] as const) {
        expect(
          retakeNeeded(rule, { version: '1.0.0', contentHash: H1 }, { version: '1.0.0', contentHash: H1 }),
        ).toBe(false);
      }
    });

    it('updated outranks expired', () => {
      const p = run({
        now: '2027-01-01T00:00:00Z',
        entries: passedAndCompleted('2025-03-01T00:00:00.000Z'),
        modules: [{ id: 'alpha', version: '2.0.0', contentHash: H2 }],
        required: new Set(['alpha']),
      });
      expect(p.status).toBe('updated');
    });
  });

  it('ignores entries about modules that are not in the content', () => {
    const other = entry('training.started', { moduleId: 'gone', version: '1.0.0', contentHash: H1 });
    expect(run({ now: '2025-01-10T00:00:00Z', entries: [other] }).status).toBe('notStarted');
  });
});

describe('a module readable in several languages (several current content hashes)', () => {
  const H3 = '3'.repeat(64);
  const H4 = '4'.repeat(64);
  /** alpha 1.0.0: English file H1, French translation H2. */
  const both = [{ id: 'alpha', version: '1.0.0', contentHash: H1, contentHashes: [H1, H2] }];
  /** The same module as a French reader sees it. */
  const inFrench = [{ id: 'alpha', version: '1.0.0', contentHash: H2, contentHashes: [H1, H2] }];

  it('a completion on either language counts as passed in the other', () => {
    const onFrench = [
      started('1.0.0', H2),
      attempt(true, 1, '1.0.0', H2),
      completed('2025-03-01T00:00:00.000Z', 12, '1.0.0', H2),
    ];
    expect(run({ now: '2025-06-01T00:00:00Z', entries: onFrench, modules: both }).status).toBe('passed');
    const onEnglish = [started(), attempt(true), completed('2025-03-01T00:00:00.000Z')];
    expect(run({ now: '2025-06-01T00:00:00Z', entries: onEnglish, modules: inFrench }).status).toBe('passed');
  });

  it('starts and attempts in either language count towards the same round', () => {
    const p = run({
      now: '2025-01-10T00:00:00Z',
      entries: [started('1.0.0', H2), attempt(false, 1, '1.0.0', H2), attempt(true, 2)],
      modules: inFrench,
    });
    expect(p).toMatchObject({ started: true, attempts: 2, readyToAttest: true });
    expect(p.passedAttempt).toMatchObject({ attempt: 2 });
  });

  it('a single hash behaves as before, and a hash not listed is another version', () => {
    const onFrench = passedAndCompleted('2025-03-01T00:00:00.000Z', 12, '1.0.0', H2);
    const englishOnly = [{ id: 'alpha', version: '2.0.0', contentHash: H1 }];
    expect(run({ now: '2025-06-01T00:00:00Z', entries: onFrench, modules: englishOnly }).status).toBe(
      'updated',
    );
    expect(
      run({ now: '2025-06-01T00:00:00Z', entries: [attempt(true, 1, '1.0.0', H3)], modules: both }),
    ).toMatchObject({ attempts: 0, readyToAttest: false });
  });

  it('retakeOn still applies across versions, whatever the language', () => {
    // Completed in French at 1.0.0; the module is now 2.0.0 in English (H3) and French (H4).
    const now2 = [{ id: 'alpha', version: '2.0.0', contentHash: H4, contentHashes: [H3, H4] }];
    const minor = [{ id: 'alpha', version: '1.1.0', contentHash: H3, contentHashes: [H3, H4] }];
    const onFrench = passedAndCompleted('2025-03-01T00:00:00.000Z', 12, '1.0.0', H2);
    expect(run({ now: '2025-06-01T00:00:00Z', entries: onFrench, modules: now2 }).status).toBe('updated');
    expect(run({ now: '2025-06-01T00:00:00Z', entries: onFrench, modules: minor }).status).toBe('passed');
    expect(
      retakeNeeded(
        'any',
        { version: '1.0.0', contentHash: H2 },
        { version: '1.0.0', contentHash: H1, contentHashes: [H1, H2] },
      ),
    ).toBe(false);
    expect(retakeNeeded('any', { version: '1.0.0', contentHash: H2 }, minor[0]!)).toBe(true);
    expect(retakeNeeded('major', { version: '1.0.0', contentHash: H2 }, minor[0]!)).toBe(false);
  });
});

describe('a completion is derived, not declared (what an insider signing with their own key gets)', () => {
  /** alpha with its questions: q1 (right: a) and q2 (right: b), pass mark 100, a 12-month interval. */
  const real = [
    {
      id: 'alpha',
      version: '1.0.0',
      contentHash: H1,
      recertifyMonths: 12,
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
  const graded = (
    answers: Record<string, string[]>,
    declaredPass = true,
    ts = '2025-02-01T00:00:00.000Z',
  ) => {
    const e = entry(
      'training.quizAttempted',
      {
        ...ref(),
        attempt: 1,
        answers,
        score: declaredPass ? 100 : 0,
        correctCount: declaredPass ? 2 : 0,
        total: 2,
        passMark: 100,
        passed: declaredPass,
      },
      ts,
    );
    return e;
  };
  const completion = (
    attemptHash: string,
    ts = '2025-03-01T00:00:00.000Z',
    expiresAt = '2099-01-01T00:00:00.000Z',
  ) =>
    entry(
      'training.completed',
      { ...ref(), score: 100, passMark: 100, completedAt: ts, expiresAt, attemptHash },
      ts,
    );
  const at = { now: '2025-06-01T00:00:00Z', modules: real, required: new Set(['alpha']) };

  it('a completion with no attempt behind it does not count', () => {
    const c = completion('a'.repeat(64));
    const p = run({ ...at, entries: [c] });
    // Required, never completed, past the new starter's 30 days.
    expect(p.status).toBe('overdue');
    expect(p.lastCompletion).toBeNull();
    expect(p.disregarded).toEqual([{ entryHash: c.hash, moduleId: 'alpha', reason: 'noPassingAttempt' }]);
  });

  it('an attempt declared passed whose answers core grades as a fail does not carry a completion', () => {
    const a = graded({ q1: ['b'], q2: ['a'] }, true);
    const p = run({ ...at, entries: [a, completion(a.hash)] });
    expect(p.lastCompletion).toBeNull();
    expect(p.readyToAttest).toBe(false);
    expect(p.disregarded[0]?.reason).toBe('noPassingAttempt');
  });

  it('answers naming questions the content lacks are a fail', () => {
    const a = graded({ q1: ['a'], q2: ['b'], q9: ['a'] }, true);
    expect(run({ ...at, entries: [a, completion(a.hash)] }).lastCompletion).toBeNull();
  });

  it('the expiry is the content interval from the entry, whatever the entry declares', () => {
    const a = graded({ q1: ['a'], q2: ['b'] }, false); // declared a fail, graded a pass
    const c = completion(a.hash, '2025-03-01T00:00:00.000Z', '2099-01-01T00:00:00.000Z');
    const p = run({ ...at, entries: [a, c] });
    expect(p.lastCompletion).toMatchObject({
      completedAt: '2025-03-01T00:00:00.000Z',
      expiresAt: '2026-03-01T00:00:00.000Z',
    });
    expect(run({ ...at, now: '2026-03-02T00:00:00Z', entries: [a, c] }).status).toBe('overdue');
  });

  it('is dated by its entry, not by the date it declares', () => {
    const a = graded({ q1: ['a'], q2: ['b'] });
    const c = entry(
      'training.completed',
      {
        ...ref(),
        score: 100,
        passMark: 100,
        completedAt: '2020-01-01T00:00:00.000Z',
        expiresAt: '2099-01-01T00:00:00.000Z',
        attemptHash: a.hash,
      },
      '2025-03-01T00:00:00.000Z',
    );
    expect(run({ ...at, entries: [a, c] }).lastCompletion?.completedAt).toBe('2025-03-01T00:00:00.000Z');
  });

  it('a completion dated before the profile existed does not count', () => {
    const a = graded({ q1: ['a'], q2: ['b'] }, true, '2024-01-01T00:00:00.000Z');
    const c = completion(a.hash, '2024-01-02T00:00:00.000Z');
    const p = run({ ...at, entries: [a, c], profileCreatedAt: '2025-01-01T00:00:00.000Z' });
    expect(p.lastCompletion).toBeNull();
    expect(p.disregarded[0]?.reason).toBe('beforeProfile');
  });

  it('an attempt counts once: a second completion on the same pass, in a later round, does not count', () => {
    const a = graded({ q1: ['a'], q2: ['b'] });
    const first = completion(a.hash, '2025-03-01T00:00:00.000Z');
    const again = completion(a.hash, '2026-02-20T00:00:00.000Z');
    const p = run({ ...at, now: '2026-04-01T00:00:00Z', entries: [a, first, again] });
    expect(p.lastCompletion?.entryHash).toBe(first.hash);
    expect(p.status).toBe('overdue');
    expect(p.disregarded.map((d) => d.entryHash)).toEqual([again.hash]);
  });

  it('a pass on one version does not carry a completion declared on another', () => {
    const a = graded({ q1: ['a'], q2: ['b'] });
    const c = entry(
      'training.completed',
      {
        ...ref('0.9.0', H2),
        score: 100,
        passMark: 100,
        completedAt: '2025-03-01T00:00:00.000Z',
        expiresAt: '2026-03-01T00:00:00.000Z',
        attemptHash: a.hash,
      },
      '2025-03-01T00:00:00.000Z',
    );
    expect(run({ ...at, entries: [a, c] }).lastCompletion).toBeNull();
    // Two editions (languages) of the current content are one version.
    const modules = [{ ...real[0]!, contentHashes: [H1, H2] }];
    const french = entry(
      'training.completed',
      { ...(c.data as object), version: '1.0.0' },
      '2025-03-01T00:00:00.000Z',
    );
    expect(run({ ...at, modules, entries: [a, french] }).lastCompletion?.entryHash).toBe(french.hash);
  });
});
