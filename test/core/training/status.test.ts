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
const attempt = (passed: boolean, n = 1, v?: string, h?: string) =>
  entry('training.quizAttempted', {
    ...ref(v, h),
    attempt: n,
    answers: {},
    score: passed ? 100 : 50,
    correctCount: passed ? 6 : 3,
    total: 6,
    passMark: 80,
    passed,
  });
const completed = (completedAt: string, months = 12, v?: string, h?: string) =>
  entry('training.completed', {
    ...ref(v, h),
    score: 100,
    passMark: 80,
    completedAt,
    expiresAt: addCalendarMonths(completedAt, months).toISOString(),
    attemptHash: 'a'.repeat(64),
  });

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
    const entries = [completed('2024-02-29T12:00:00.000Z')];
    expect(run({ now: '2025-02-28T11:59:59.999Z', entries }).status).toBe('dueSoon');
    expect(run({ now: '2025-02-28T12:00:00.000Z', entries }).status).toBe('expired');
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
        const entries = [completed('2025-03-01T00:00:00.000Z', 12, from, H1)];
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
        entries: [completed('2025-03-01T00:00:00.000Z')],
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
    const onFrench = [completed('2025-03-01T00:00:00.000Z', 12, '1.0.0', H2)];
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
    const onFrench = [completed('2025-03-01T00:00:00.000Z', 12, '1.0.0', H2)];
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
