// `steward org …` and `steward profile show` as an admin runs them: real child processes on temp
// workspaces, exit codes, what is printed, and what is (or is not) written.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { goodModules, moduleText, POLICY, writeContent } from '../core/training/fixtures';
import { runCli } from '../../electron/cli/commands';
import { profileCreateArgs, runSteward } from '../support/cli';

let tmp: string;
let ws: string;
/** Fixture content (three modules, the real questionnaire and its DPIA lists): seeds release 1 of each organisation. */
let content: string;

const steward = (...args: string[]) => runSteward(tmp, args);
const CODE = /code ([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})/;

function writeFixtureContent(dir: string, policy = POLICY): string {
  writeContent(goodModules(), policy, dir);
  fs.mkdirSync(path.join(dir, 'review'), { recursive: true });
  fs.copyFileSync(
    path.resolve(import.meta.dirname, '../../content/review/data-use-review.yaml'),
    path.join(dir, 'review', 'data-use-review.yaml'),
  );
  // Questionnaire 2.0.0 names the national Art. 35(4) lists it applies; they travel with it.
  fs.cpSync(
    path.resolve(import.meta.dirname, '../../content/review/dpia-lists'),
    path.join(dir, 'review', 'dpia-lists'),
    { recursive: true },
  );
  return dir;
}

/** A profile in `ws` whose key is in its own folder; returns the profile id and that folder. */
function person(name: string, email: string, team: string): { id: string; keys: string } {
  const keys = path.join(tmp, `keys-${email.split('@')[0]!}`);
  const r = steward(...profileCreateArgs({ workspace: ws, name, email, team, keys }));
  expect(r.err).toBe('');
  return { id: r.out.trim(), keys };
}

/** Every file under the workspace with the SHA-256 of its bytes. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const rel of fs.readdirSync(dir, { recursive: true }) as string[]) {
    const full = path.join(dir, rel);
    if (fs.statSync(full).isFile()) {
      out[rel] = crypto.createHash('sha256').update(fs.readFileSync(full)).digest('hex');
    }
  }
  return out;
}

function expectOneLineError(r: { code: number | null; err: string }, code: number, what: string): void {
  expect(r.code, what).toBe(code);
  expect(r.err.trim().split('\n'), what).toHaveLength(1);
}

/** Sets up "Acme" in `ws` with `admin` as the founder; returns its code. */
function init(admin: { keys: string }, extra: string[] = []): string {
  const r = steward(
    'org',
    'init',
    '--workspace',
    ws,
    '--name',
    'Acme',
    '--teams',
    'Legal,Sales',
    '--team',
    'Legal',
    '--keys',
    admin.keys,
    '--content',
    content,
    ...extra,
  );
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  return CODE.exec(r.out)![1]!;
}

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'steward-orgcli-'));
  ws = path.join(tmp, 'ws');
  content = writeFixtureContent(path.join(tmp, 'content'));
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

const LONG = 120_000;

describe('steward org: set up, enrol, grant', () => {
  it(
    'init → show → join → enrol from the join request → grant; profile show shows the role',
    () => {
      const ada = person('Ada Admin', 'ada@example.com', 'Legal');
      const bo = person('Bo Berg', 'bo@example.com', 'Sales');

      const made = steward(
        'org',
        'init',
        '--workspace',
        ws,
        '--name',
        'Acme',
        '--teams',
        'Legal, Sales',
        '--team',
        'Legal',
        '--keys',
        ada.keys,
        '--content',
        content,
      );
      expect(made.err).toBe('');
      expect(made.code).toBe(0);
      const code = CODE.exec(made.out)![1]!;
      expect(made.out).toMatch(/org id {4}[0-9a-f]{64}/);
      expect(made.out).toContain('admin     Ada Admin <ada@example.com>');
      expect(made.out).toMatch(/release {3}1 seeded from the content \(\d+ files/);
      // A second organisation is not set up over the first.
      const again = steward(
        ...['org', 'init', '--workspace', ws, '--name', 'Other', '--teams', 'A', '--team', 'A'],
        ...['--keys', ada.keys, '--content', content],
      );
      expectOneLineError(again, 1, 'org init twice');

      // Bo asks to join with the code his admin gave him, and reads out his fingerprint.
      expectOneLineError(
        steward('org', 'join', '--workspace', ws, '--code', 'AAAA-BBBB-CCCC-DDDD', '--keys', bo.keys),
        1,
        'join with a wrong code',
      );
      const joined = steward(
        'org',
        'join',
        '--workspace',
        ws,
        '--code',
        code.toLowerCase(),
        '--keys',
        bo.keys,
      );
      expect(joined.err).toBe('');
      expect(joined.out).toContain(`organisation: Acme  code ${code}`);
      const before = steward('profile', 'show', '--workspace', ws, '--keys', bo.keys);
      expect(before.code).toBe(0);
      expect(before.out).toContain(`profile      ${bo.id}`);
      expect(before.out).toContain('enrolled     no: join request sent');
      expect(before.out).toContain('roles now    none');
      const fingerprint = /fingerprint {2}([0-9a-f ]+)\n/.exec(before.out)![1]!.trim();
      expect(fingerprint.replace(/ /g, '')).toHaveLength(32);

      // The admin sees the request with the same fingerprint, and enrols Bo by it.
      const shown = steward('org', 'show', '--workspace', ws);
      expect(shown.code).toBe(0);
      expect(shown.out.split('\n')[0]).toBe(
        `organisation: Acme  code ${code}  (the only organisation in this workspace)`,
      );
      expect(shown.out).toContain('teams     Legal, Sales');
      expect(shown.out).toContain('join requests (1)');
      expect(shown.out).toContain(
        `Bo Berg <bo@example.com>  Sales  profile ${bo.id}  fingerprint ${fingerprint}`,
      );
      expect(shown.out).toMatch(/role admin {2}from the start → no end {2}in force/);

      const enrolled = steward('org', 'enrol', '--workspace', ws, '--keys', ada.keys, '--key', fingerprint);
      expect(enrolled.err).toBe('');
      expect(enrolled.out).toMatch(/enrolled Bo Berg <bo@example.com>, Sales, as person u[0-9a-f]{20}/);

      // Only an admin grants; the admin grants Bo the reviewer role from a day.
      const grantArgs = [
        'org',
        'grant',
        '--workspace',
        ws,
        '--person',
        'bo@example.com',
        '--role',
        'reviewer',
      ];
      expectOneLineError(steward(...grantArgs, '--keys', bo.keys), 1, 'a non-admin grants');
      const granted = steward(...grantArgs, '--from', '2026-01-01', '--keys', ada.keys);
      expect(granted.err).toBe('');
      expect(granted.out).toMatch(/granted to Bo Berg: reviewer {2}2026-01-01 → no end {2}in force/);

      const after = steward('profile', 'show', '--workspace', ws, '--keys', bo.keys);
      expect(after.out).toMatch(/enrolled {5}yes, as Bo Berg <bo@example.com>, Sales/);
      expect(after.out).toContain('roles now    reviewer');
      const json = JSON.parse(
        steward('profile', 'show', '--workspace', ws, '--keys', bo.keys, '--json').out,
      ) as {
        profile: { id: string; fingerprint: string };
        organisation: { code: string };
        enrolled: boolean;
        roles: string[];
        rolesFrom: string;
      };
      expect(json).toMatchObject({
        profile: { id: bo.id, fingerprint },
        organisation: { code },
        enrolled: true,
        roles: ['reviewer'],
        rolesFrom: 'roster',
      });

      // Revoked from a day in the past: no role today.
      const revoked = steward(
        ...['org', 'revoke', '--workspace', ws, '--person', 'bo@example.com', '--role', 'reviewer'],
        ...['--until', '2026-06-30', '--keys', ada.keys],
      );
      expect(revoked.err).toBe('');
      expect(revoked.out).toContain("Bo Berg's reviewer role ends after 2026-06-30");
      expect(steward('profile', 'show', '--workspace', ws, '--keys', bo.keys).out).toContain(
        'roles now    none',
      );
    },
    LONG,
  );

  it(
    'refuses to pick one of several organisations in a workspace; --org or STEWARD_ORG chooses',
    () => {
      const ada = person('Ada Admin', 'ada@example.com', 'Legal');
      const code = init(ada);
      // An insider sets up a look-alike "Acme" elsewhere and drops its ledger into the shared folder.
      const other = path.join(tmp, 'other');
      const malKeys = path.join(tmp, 'keys-mal');
      const mal = steward(
        ...profileCreateArgs({
          workspace: other,
          name: 'Mal',
          email: 'mal@example.com',
          team: 'Legal',
          keys: malKeys,
        }),
      ).out.trim();
      const theirs = steward(
        ...['org', 'init', '--workspace', other, '--name', 'Acme', '--teams', 'Legal', '--team', 'Legal'],
        ...['--keys', malKeys, '--content', content],
      );
      const otherCode = CODE.exec(theirs.out)![1]!;
      fs.copyFileSync(path.join(other, 'ledgers', `${mal}.jsonl`), path.join(ws, 'ledgers', `${mal}.jsonl`));

      const refused = steward('org', 'show', '--workspace', ws);
      expectOneLineError(refused, 1, 'org show with two organisations');
      expect(refused.out).toBe('');
      expect(refused.err).toContain(code);
      expect(refused.err).toContain(otherCode);
      expect(refused.err).toContain('--org CODE');
      expectOneLineError(
        steward(
          'org',
          'grant',
          '--workspace',
          ws,
          '--person',
          'ada@example.com',
          '--role',
          'reviewer',
          '--keys',
          ada.keys,
        ),
        1,
        'org grant with two organisations',
      );

      const chosen = steward('org', 'show', '--workspace', ws, '--org', code);
      expect(chosen.code).toBe(0);
      expect(chosen.out.split('\n')[0]).toBe(
        `organisation: Acme  code ${code}  (chosen by --org; this workspace also holds another organisation: Acme ${otherCode})`,
      );
      const pinned = runSteward(tmp, ['org', 'show', '--workspace', ws], { env: { STEWARD_ORG: code } });
      expect(pinned.code).toBe(0);
      expect(pinned.out.split('\n')[0]).toContain(`code ${code}  (pinned by STEWARD_ORG`);
      expectOneLineError(
        runSteward(tmp, ['org', 'show', '--workspace', ws, '--org', otherCode], {
          env: { STEWARD_ORG: code },
        }),
        1,
        '--org against the deployment pin',
      );
      expectOneLineError(steward('org', 'show', '--workspace', ws, '--org', 'nonsense'), 2, 'a bad --org');
    },
    LONG,
  );
});

describe('steward org import-roster', () => {
  it(
    'lists every bad row and writes nothing; a good file is a dry run, then applies',
    () => {
      const ada = person('Ada Admin', 'ada@example.com', 'Legal');
      init(ada);
      const bad = path.join(tmp, 'bad.csv');
      fs.writeFileSync(
        bad,
        [
          'displayName,mail,department,roles',
          'Cy Cole,cy@example.com,Sales,reviewer',
          'Dee Dunn,not-an-email,Sales,',
          'Eve East,eve@example.com,Nowhere,',
          'Fay Fox,fay@example.com,Sales,boss',
        ].join('\n'),
      );
      const before = snapshot(ws);
      const refused = steward('org', 'import-roster', bad, '--workspace', ws, '--keys', ada.keys, '--apply');
      expect(refused.code).toBe(1);
      const rows = refused.out.split('\n').filter((l) => l.startsWith('row '));
      expect(rows).toEqual([
        expect.stringMatching(/^row 3: .*not-an-email/),
        expect.stringMatching(/^row 4: .*Nowhere/),
        expect.stringMatching(/^row 5: .*boss/),
      ]);
      expect(refused.err.trim().split('\n')).toHaveLength(1);
      expect(refused.err).toContain('nothing was written');
      expect(snapshot(ws)).toEqual(before);

      const good = path.join(tmp, 'good.csv');
      fs.writeFileSync(
        good,
        [
          'First name,Last name,Email,Department,Roles,Status',
          'Cy,Cole,cy@example.com,Sales,reviewer,active',
          'Ada,Admin,ada@example.com,Legal,admin,active',
          'Gil,Gray,gil@example.com,Ops,manager:Sales|Ops,active',
        ].join('\n'),
      );
      const dry = steward('org', 'import-roster', good, '--workspace', ws, '--keys', ada.keys, '--add-teams');
      expect(dry.err).toBe('');
      expect(dry.code).toBe(0);
      expect(dry.out).toContain('enrol (2)');
      expect(dry.out).toContain('row 2  Cy Cole <cy@example.com>  Sales');
      expect(dry.out).toContain('row 2  Cy Cole <cy@example.com>: reviewer');
      expect(dry.out).toContain('row 4  Gil Gray <gil@example.com>: manager of Sales, Ops');
      expect(dry.out).toContain('new teams: Ops');
      expect(dry.out).toContain('unchanged: 1');
      expect(dry.out).toContain('dry run: nothing was written');
      expect(snapshot(ws)).toEqual(before);

      const applied = steward(
        ...['org', 'import-roster', good, '--workspace', ws, '--keys', ada.keys, '--add-teams', '--apply'],
      );
      expect(applied.err).toBe('');
      expect(applied.out).toContain(
        'applied: 2 enrolled, 0 changed, 0 key(s) added, 0 left, 2 grant(s), teams added: Ops',
      );
      const shown = steward('org', 'show', '--workspace', ws).out;
      expect(shown).toContain('Cy Cole <cy@example.com>  Sales');
      expect(shown).toMatch(/Gil Gray <gil@example.com> {2}Ops[^\n]*\n {4}role manager of Sales, Ops/);
      expect(shown).toContain('teams     Legal, Sales, Marketing, Ops');
      // Applied once, the same file changes nothing.
      const again = steward('org', 'import-roster', good, '--workspace', ws, '--keys', ada.keys);
      expect(again.out).toContain('unchanged: 3');
    },
    LONG,
  );
});

describe('steward org publish', () => {
  it(
    'refuses a folder with problems and writes nothing; previews, then publishes a valid one',
    () => {
      const ada = person('Ada Admin', 'ada@example.com', 'Legal');
      init(ada);
      const before = snapshot(ws);
      const broken = writeFixtureContent(
        path.join(tmp, 'broken'),
        POLICY.replace('passMark: 80', 'passMark: 180'),
      );
      const refused = steward('org', 'publish', broken, '--workspace', ws, '--keys', ada.keys, '--yes');
      expect(refused.code).toBe(1);
      expect(refused.out).toMatch(/problems \(1\):\n {2}policy\.yaml: passMark: /);
      expect(refused.err.trim().split('\n')).toHaveLength(1);
      expect(snapshot(ws)).toEqual(before);

      const next = writeFixtureContent(
        path.join(tmp, 'next'),
        POLICY.replace('dueSoonDays: 30', 'dueSoonDays: 20'),
      );
      fs.writeFileSync(
        path.join(next, 'modules', '01-alpha.md'),
        moduleText({ id: 'alpha', title: 'Alpha basics', version: '2.0.0' }),
      );
      const preview = steward('org', 'publish', next, '--workspace', ws, '--keys', ada.keys);
      expect(preview.code).toBe(0);
      expect(preview.out).toContain('release 2 from');
      expect(preview.out).toMatch(/alpha "Alpha basics" {2}1\.0\.0 → 2\.0\.0 {2}must retake/);
      expect(preview.out).toContain('dueSoonDays: 30 → 20');
      expect(preview.out).toContain('changed  modules/01-alpha.md');
      expect(preview.out).toContain('preview only: nothing was published');
      expect(snapshot(ws)).toEqual(before);

      const published = steward('org', 'publish', next, '--workspace', ws, '--keys', ada.keys, '--yes');
      expect(published.err).toBe('');
      expect(published.out).toMatch(/published release 2 \(\d+ files, manifest [0-9a-f]{64}\)/);
      expect(steward('org', 'show', '--workspace', ws).out).toMatch(/content {3}release 2 in force/);
    },
    LONG,
  );

  it(
    'on a terminal asks before publishing: "no" writes nothing; without a key it says so before asking',
    async () => {
      const ada = person('Ada Admin', 'ada@example.com', 'Legal');
      init(ada);
      const next = writeFixtureContent(
        path.join(tmp, 'next'),
        POLICY.replace('dueSoonDays: 30', 'dueSoonDays: 20'),
      );
      const before = snapshot(ws);
      const asked: string[] = [];
      const run = async (args: string[], answer: boolean) => {
        const out: string[] = [];
        const err: string[] = [];
        const code = await runCli(
          args,
          { out: (l) => out.push(l), err: (l) => err.push(l) },
          { confirm: async (q) => (asked.push(q), answer) },
        );
        return { code, out: out.join('\n'), err: err.join('\n') };
      };
      const publish = ['org', 'publish', next, '--workspace', ws];
      const keyless = await run([...publish, '--keys', path.join(tmp, 'no-keys')], true);
      expect(keyless.code).toBe(1);
      expect(keyless.err).toContain('give --keys DIR');
      expect(asked).toEqual([]);
      const no = await run([...publish, '--keys', ada.keys], false);
      expect(asked).toEqual(['Publish release 2 to Acme? [y/N] ']);
      expect(no.code).toBe(1);
      expect(no.out).toContain('not published');
      expect(snapshot(ws)).toEqual(before);
      const yes = await run([...publish, '--keys', ada.keys], true);
      expect(yes.err).toBe('');
      expect(yes.code).toBe(0);
      expect(yes.out).toMatch(/published release 2 /);
    },
    LONG,
  );
});

describe('steward org init --from-policy', () => {
  it(
    "turns policy.yaml's reviewers and managers into grants with their days, and says what it skipped",
    () => {
      const ada = person('Ada Admin', 'ada@example.com', 'Legal');
      const rita = person('Rita Reed', 'rita@example.com', 'Legal');
      const max = person('Max Moss', 'max@example.com', 'Sales');
      const fingerprintOf = (p: { keys: string }) => {
        const shown = steward('profile', 'show', '--workspace', ws, '--keys', p.keys, '--content', content);
        expect(shown.out).toContain('enrolled     - (no organisation');
        return /fingerprint {2}([0-9a-f ]+)\n/.exec(shown.out)![1]!.trim();
      };
      const policy = POLICY.replace(
        /roles:\n {2}reviewers: \[\]\n {2}managers: \[\]\n/,
        [
          'roles:',
          '  reviewers:',
          '    - email: rita@example.com',
          `      fingerprint: "${fingerprintOf(rita)}"`,
          '      from: 2026-01-01',
          '      until: 2027-06-30',
          '    - email: ghost@example.com',
          '      fingerprint: "0123 4567 89ab cdef 0123 4567 89ab cdef"',
          '  managers:',
          '    - email: max@example.com',
          `      fingerprint: "${fingerprintOf(max)}"`,
          '      teams: [Sales]',
          '      from: 2025-03-01',
          '',
        ].join('\n'),
      );
      expect(policy).toContain('ghost@example.com');
      fs.writeFileSync(path.join(content, 'policy.yaml'), policy);
      const before = steward('profile', 'show', '--workspace', ws, '--keys', rita.keys, '--content', content);
      expect(before.out).toContain('roles now    reviewer (from policy.yaml)');

      const made = steward(
        ...['org', 'init', '--workspace', ws, '--name', 'Acme', '--teams', 'Legal,Sales', '--team', 'Legal'],
        ...['--keys', ada.keys, '--content', content, '--from-policy'],
      );
      expect(made.err).toBe('');
      expect(made.code).toBe(0);
      expect(made.out).toContain('from policy.yaml: 2 grant(s) made, 1 entr(ies) skipped');
      expect(made.out).toContain('granted reviewer to Rita Reed  2026-01-01 → 2027-06-30');
      expect(made.out).toContain('granted manager to Max Moss  2025-03-01 → no end');
      expect(made.out).toMatch(/skipped reviewer ghost@example.com: .+/);

      const shown = steward('org', 'show', '--workspace', ws).out;
      expect(shown).toMatch(
        /Rita Reed <rita@example.com>[^\n]*\n[^\n]*key[^\n]*\n {4}role reviewer {2}2026-01-01 → 2027-06-30 {2}in force/,
      );
      expect(shown).toMatch(/role manager of Sales {2}2025-03-01 → no end {2}in force/);
      const rolesNow = steward('profile', 'show', '--workspace', ws, '--keys', max.keys).out;
      expect(rolesNow).toContain('roles now    manager');
    },
    LONG,
  );
});

const ORG_COMMANDS = [
  'profile show',
  'org init',
  'org show',
  'org join',
  'org enrol',
  'org update',
  'org grant',
  'org revoke',
  'org leave',
  'org key add',
  'org key revoke',
  'org teams',
  'org import-roster',
  'org publish',
];

describe('steward org: help and usage', () => {
  it(
    'prints --help for every org command, and the group lists them',
    () => {
      const top = steward('--help');
      const group = steward('org', '--help');
      expect(group.code).toBe(0);
      for (const c of ORG_COMMANDS) {
        expect(top.out).toContain(`  ${c} `);
        if (c.startsWith('org ')) expect(group.out).toContain(`  ${c} `);
        const h = steward(...c.split(' '), '--help');
        expect(h.code, c).toBe(0);
        expect(h.out, c).toContain(`steward ${c} `);
        expect(h.err, c).toBe('');
      }
      expect(steward('org', 'key', '--help').out).toContain('org key revoke');
      // The group's word alone lists its commands, as a usage problem.
      const bare = steward('org');
      expect(bare.code).toBe(2);
      expect(bare.out).toContain('  org grant ');
    },
    LONG,
  );

  it(
    'says what is wrong with the words in one line, exit 2, before touching the workspace',
    () => {
      const ada = person('Ada Admin', 'ada@example.com', 'Legal');
      init(ada);
      const before = snapshot(ws);
      const k = ['--keys', ada.keys];
      for (const args of [
        ['org', 'frobnicate'],
        ['org', 'init', '--workspace', ws, '--name', 'X', '--teams', 'A'],
        ['org', 'show'],
        ['org', 'show', '--workspace', ws, '--bogus'],
        ['org', 'grant', '--workspace', ws, '--person', 'ada@example.com', '--role', 'boss', ...k],
        ['org', 'grant', '--workspace', ws, '--person', 'ada@example.com', '--role', 'manager', ...k],
        [
          'org',
          'grant',
          '--workspace',
          ws,
          '--person',
          'ada@example.com',
          '--role',
          'reviewer',
          '--from',
          '2026-13-01',
          ...k,
        ],
        ['org', 'enrol', '--workspace', ws, '--key', 'not-a-key', ...k],
        ['org', 'revoke', '--workspace', ws, ...k],
        ['org', 'leave', '--workspace', ws, '--person', 'ada@example.com', '--on', 'tomorrow', ...k],
        ['org', 'import-roster', '--workspace', ws, ...k],
        ['org', 'publish', '--workspace', ws, ...k],
      ]) {
        const r = steward(...args);
        expectOneLineError(r, 2, args.join(' '));
      }
      expect(snapshot(ws)).toEqual(before);
    },
    LONG,
  );
});
