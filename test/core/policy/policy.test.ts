// policy.yaml and the one role check: defaults when the file is missing or broken, clear
// problems naming the field, and roles that hold only when email AND key fingerprint match.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, loadPolicy, parsePolicy } from '../../../electron/core/policy/policy';
import {
  managerScope,
  modulesRequiredToSubmit,
  requiredModulesFor,
  rolesOf,
  scopeCovers,
} from '../../../electron/core/policy/roles';

const dirs: string[] = [];
function contentDir(policy?: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'steward-policy-'));
  dirs.push(dir);
  if (policy !== undefined) fs.writeFileSync(path.join(dir, 'policy.yaml'), policy);
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const NOW = new Date('2026-11-29T12:00:00Z');
const FP = 'ab12 cd34 ef56 7890 ab12 cd34 ef56 7890';
const OTHER_FP = '0000 1111 2222 3333 4444 5555 6666 7777';

const POLICY = `passMark: 70
recertifyMonths: 24
dueSoonDays: 14
newStarterDays: 10
retakeOn: minor
required:
  everyone: [law-in-practice]
  teams:
    Marketing: [consent-done-right]
  roles:
    submitter: [privacy-by-design]
    reviewer: [governance-and-accountability]
    manager: [beyond-compliance]
roles:
  reviewers:
    - email: DPO@Example.com
      fingerprint: "${FP.toUpperCase()}"
  managers:
    - email: head@example.com
      fingerprint: "${FP}"
      teams: [Marketing, Sales]
    - email: ceo@example.com
      fingerprint: "${OTHER_FP}"
      all: true
`;

describe('loadPolicy', () => {
  it('reads a valid policy', () => {
    const { policy, problems } = loadPolicy(contentDir(POLICY));
    expect(problems).toEqual([]);
    expect(policy).toMatchObject({
      passMark: 70,
      recertifyMonths: 24,
      dueSoonDays: 14,
      newStarterDays: 10,
      retakeOn: 'minor',
    });
    expect(policy.roles.reviewers).toEqual([
      { email: 'dpo@example.com', fingerprint: 'ab12cd34ef567890ab12cd34ef567890' },
    ]);
    expect(policy.roles.managers[1]).toMatchObject({ all: true, teams: [] });
  });

  it('uses built-in defaults when the file is missing, and says so', () => {
    const { policy, problems } = loadPolicy(contentDir());
    expect(policy).toEqual(DEFAULT_POLICY);
    expect(policy).toMatchObject({
      passMark: 80,
      recertifyMonths: 12,
      dueSoonDays: 30,
      newStarterDays: 30,
      retakeOn: 'major',
    });
    expect(problems).toEqual([
      { file: 'policy.yaml', field: null, reason: expect.stringMatching(/missing/) },
    ]);
  });

  it('uses defaults for a file that is not YAML, naming the line', () => {
    const { policy, problems } = loadPolicy(contentDir('passMark: 80\nrequired: [unclosed\n'));
    expect(policy).toEqual(DEFAULT_POLICY);
    expect(problems[0]).toMatchObject({ file: 'policy.yaml', field: null });
    expect(problems[0]?.reason).toMatch(/YAML cannot be read.*line \d/);
  });

  it('falls back per setting: a broken value is reported and defaulted, the rest still applies', () => {
    const { policy, problems } = parsePolicy(
      'passMark: 150\nrecertifyMonths: 6\nretakeOn: sometimes\ncolour: blue\nconstructor: x\n',
    );
    expect(policy.passMark).toBe(80);
    expect(policy.recertifyMonths).toBe(6);
    expect(policy.retakeOn).toBe('major');
    expect(problems).toEqual([
      { file: 'policy.yaml', field: 'colour', reason: expect.stringMatching(/not a known setting.*line 4/) },
      {
        file: 'policy.yaml',
        field: 'constructor',
        reason: expect.stringMatching(/not a known setting.*line 5/),
      },
      {
        file: 'policy.yaml',
        field: 'passMark',
        reason: 'must be a whole number percent from 1 to 100 (line 1)',
      },
      {
        file: 'policy.yaml',
        field: 'retakeOn',
        reason: 'must be one of major, minor, any, never (line 3)',
      },
    ]);
  });

  it('reads revealAnswers (default afterPass) and refuses any other value, naming the line', () => {
    expect(parsePolicy('passMark: 80\n').policy.revealAnswers).toBe('afterPass');
    for (const value of ['never', 'afterPass', 'always'] as const) {
      const { policy, problems } = parsePolicy(`revealAnswers: ${value}\n`);
      expect(problems).toEqual([]);
      expect(policy.revealAnswers).toBe(value);
    }
    const { policy, problems } = parsePolicy('passMark: 80\nrevealAnswers: onFail\n');
    expect(policy.revealAnswers).toBe('afterPass');
    expect(problems).toEqual([
      {
        file: 'policy.yaml',
        field: 'revealAnswers',
        reason: 'must be one of never, afterPass, always (line 2)',
      },
    ]);
  });

  it('names the field of a bad role entry and a bad required list', () => {
    const { policy, problems } = parsePolicy(
      [
        'required:',
        '  everyone: [Not An Id]',
        'roles:',
        '  reviewers:',
        '    - email: dpo@example.com',
        '      fingerprint: "nope"',
        '  managers:',
        '    - email: boss@example.com',
        `      fingerprint: "${FP}"`,
      ].join('\n'),
    );
    expect(policy.roles).toEqual(DEFAULT_POLICY.roles);
    expect(problems.map((p) => [p.field, p.reason.replace(/ \(line \d+\)$/, '')])).toEqual([
      ['required.everyone[0]', expect.stringMatching(/module id/)],
      ['roles.reviewers[0].fingerprint', expect.stringMatching(/32 hexadecimal characters/)],
      ['roles.managers[0].teams', expect.stringMatching(/teams: \[\.\.\.\]|all: true/)],
    ]);
  });
});

describe('rolesOf', () => {
  const { policy } = parsePolicy(POLICY);

  it('grants a role when email (any case, trimmed) and fingerprint (any spacing) both match', () => {
    const who = {
      email: '  dpo@EXAMPLE.com ',
      fingerprint: 'AB12CD34 EF567890 AB12CD34 EF567890',
      team: 'Legal',
    };
    expect([...rolesOf(who, policy, NOW)]).toEqual(['reviewer']);
  });

  it('same email, other key → no role', () => {
    const who = { email: 'dpo@example.com', fingerprint: OTHER_FP, team: 'Legal' };
    expect(rolesOf(who, policy, NOW).size).toBe(0);
  });

  it('same key, other email → no role', () => {
    expect(rolesOf({ email: 'someone@example.com', fingerprint: FP, team: 'Legal' }, policy, NOW).size).toBe(
      0,
    );
  });

  it('scopes managers to their teams or to everyone', () => {
    const head = { email: 'head@example.com', fingerprint: FP, team: 'Marketing' };
    expect(rolesOf(head, policy, NOW).has('manager')).toBe(true);
    const scope = managerScope(head, policy, NOW);
    expect(scope).toEqual({ all: false, teams: ['Marketing', 'Sales'] });
    expect(scopeCovers(scope, 'sales')).toBe(true);
    expect(scopeCovers(scope, 'Engineering')).toBe(false);
    const ceo = { email: 'ceo@example.com', fingerprint: OTHER_FP, team: 'Board' };
    expect(scopeCovers(managerScope(ceo, policy, NOW), 'Engineering')).toBe(true);
    expect(managerScope({ ...ceo, fingerprint: FP }, policy, NOW)).toBeNull();
  });
});

describe('roles in force from and until a day', () => {
  const { policy, problems } = parsePolicy(
    [
      'required:',
      '  roles:',
      '    reviewer: [governance-and-accountability]',
      'roles:',
      '  reviewers:',
      '    - email: former@example.com',
      `      fingerprint: "${FP}"`,
      '      until: 2026-06-30',
      '    - email: incoming@example.com',
      `      fingerprint: "${FP}"`,
      "      from: '2027-01-01'",
      '  managers:',
      '    - email: interim@example.com',
      `      fingerprint: "${FP}"`,
      '      all: true',
      '      from: 2026-03-01',
      '      until: 2026-03-31',
    ].join('\n'),
  );
  const former = { email: 'former@example.com', fingerprint: FP, team: 'Legal' };
  const at = (iso: string) => new Date(iso);

  it('reads both ends, quoted or not', () => {
    expect(problems).toEqual([]);
    expect(policy.roles.reviewers[0]).toMatchObject({ until: '2026-06-30' });
    expect(policy.roles.reviewers[1]).toMatchObject({ from: '2027-01-01' });
    expect(policy.roles.managers[0]).toMatchObject({ all: true, from: '2026-03-01', until: '2026-03-31' });
  });

  it('holds on every UTC day of the window, both ends included, and not outside it', () => {
    expect(rolesOf(former, policy, at('2026-06-30T23:59:59.999Z')).has('reviewer')).toBe(true);
    expect(rolesOf(former, policy, at('2026-07-01T00:00:00.000Z')).has('reviewer')).toBe(false);
    const incoming = { ...former, email: 'incoming@example.com' };
    expect(rolesOf(incoming, policy, at('2026-12-31T23:59:59.999Z')).size).toBe(0);
    expect(rolesOf(incoming, policy, at('2027-01-01T00:00:00.000Z')).has('reviewer')).toBe(true);
    const interim = { ...former, email: 'interim@example.com' };
    expect(managerScope(interim, policy, at('2026-02-28T12:00:00Z'))).toBeNull();
    expect(managerScope(interim, policy, at('2026-03-15T12:00:00Z'))).toEqual({ all: true, teams: [] });
    expect(managerScope(interim, policy, at('2026-04-01T00:00:00Z'))).toBeNull();
    // A role that no longer holds no longer asks for its training either.
    expect([...requiredModulesFor(former, policy, at('2026-06-01T00:00:00Z'))]).toEqual([
      'governance-and-accountability',
    ]);
    expect([...requiredModulesFor(former, policy, NOW)]).toEqual([]);
  });

  it('refuses a window that ends before it starts, or a day that is not a date, and says where', () => {
    const bad = parsePolicy(
      [
        'roles:',
        '  reviewers:',
        '    - email: a@example.com',
        `      fingerprint: "${FP}"`,
        '      from: 2026-05-01',
        '      until: 2026-04-30',
        '    - email: b@example.com',
        `      fingerprint: "${FP}"`,
        '      until: 2026-02-30',
      ].join('\n'),
    );
    expect(bad.problems.map((p) => [p.field, p.reason.replace(/ \(line \d+\)$/, '')])).toEqual([
      ['roles.reviewers[0].until', 'is before from (2026-05-01)'],
      ['roles.reviewers[1].until', expect.stringMatching(/real date written YYYY-MM-DD/)],
    ]);
  });
});

describe('required modules', () => {
  const { policy } = parsePolicy(POLICY);

  it('is everyone + own team + held roles, and the submitter list stands apart', () => {
    const marketer = { email: 'm@example.com', fingerprint: OTHER_FP, team: 'Marketing' };
    expect([...requiredModulesFor(marketer, policy, NOW)].sort()).toEqual([
      'consent-done-right',
      'law-in-practice',
    ]);
    const dpo = { email: 'dpo@example.com', fingerprint: FP, team: 'Legal' };
    expect([...requiredModulesFor(dpo, policy, NOW)].sort()).toEqual([
      'governance-and-accountability',
      'law-in-practice',
    ]);
    const head = { email: 'head@example.com', fingerprint: FP, team: 'marketing' };
    expect([...requiredModulesFor(head, policy, NOW)].sort()).toEqual([
      'beyond-compliance',
      'consent-done-right',
      'law-in-practice',
    ]);
    expect(modulesRequiredToSubmit(policy)).toEqual(['privacy-by-design']);
  });
});
