// The admin CLI as a user runs it: a real child process, real folders, exit codes and output.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readLedgerFile } from '../../electron/core/ledger';
import {
  bankModules,
  frenchModuleText,
  goodModules,
  moduleText,
  writeContent,
} from '../core/training/fixtures';
import { profileCreateArgs, runSteward } from '../support/cli';
import { stewardWorkspace } from '../../electron/core/events';

let tmp: string;
let ws: string;
let keys: string;
/** Fixture training content (three valid modules, banks that pass the lint); the CLI specs never read the real content/. */
let content: string;

const steward = (...args: string[]) => runSteward(tmp, args);

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'steward-cli-'));
  ws = path.join(tmp, 'ws');
  keys = path.join(tmp, 'keys');
  content = writeContent(bankModules(), undefined, path.join(tmp, 'content'));
  // The questionnaire is checked too; the real one is known to be valid (test/core/review).
  fs.cpSync(path.resolve(import.meta.dirname, '../../content/review'), path.join(content, 'review'), {
    recursive: true,
  });
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('steward CLI', () => {
  it('prints help for the whole tool and for every command', () => {
    const top = steward('--help');
    expect(top.code).toBe(0);
    for (const c of ['profile create', 'records verify', 'content check', 'demo seed']) {
      expect(top.out).toContain(c);
      const h = steward(...c.split(' '), '--help');
      expect(h.code).toBe(0);
      expect(h.out).toContain(`steward ${c}`);
    }
  });

  it('creates a profile, prints its id, and verifies the workspace', () => {
    const r = steward(
      ...profileCreateArgs({
        workspace: ws,
        name: 'Hiro Tanaka',
        email: 'hiro@example.com',
        team: 'Engineering',
        keys,
      }),
    );
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const id = r.out.trim();
    expect(id).toMatch(/^p[0-9a-f]{20}$/);
    expect(fs.existsSync(path.join(ws, 'ledgers', `${id}.jsonl`))).toBe(true);
    expect(fs.existsSync(path.join(keys, `${id}.key`))).toBe(true);

    const v = steward('records', 'verify', '--workspace', ws);
    expect(v.code).toBe(0);
    expect(v.out).toContain('ok');
    const j = steward('records', 'verify', '--workspace', ws, '--json');
    expect(JSON.parse(j.out)).toMatchObject({
      ok: true,
      depth: 'full',
      ledgers: [{ profileId: id, entries: 1 }],
    });
  });

  it('fails verification naming file and seq when a byte changes; warns on an incomplete last line', () => {
    expect(
      steward('demo', 'seed', '--workspace', ws, '--people', '2', '--keys', keys, '--content', content).code,
    ).toBe(0);
    const file = fs.readdirSync(path.join(ws, 'ledgers')).find((f) => f.endsWith('.jsonl'))!;
    const full = path.join(ws, 'ledgers', file);
    const original = fs.readFileSync(full, 'utf8');

    fs.appendFileSync(full, '{"actor":"half a li');
    const warn = steward('records', 'verify', '--workspace', ws);
    expect(warn.code).toBe(0);
    expect(warn.out).toMatch(/warning: ledgers\/p[0-9a-f]{20}\.jsonl/);

    fs.writeFileSync(full, original.replace('"team":"', '"team":"X'));
    const bad = steward('records', 'verify', '--workspace', ws);
    expect(bad.code).toBe(1);
    expect(bad.out).toContain(`ledgers/${file} seq 1`);
  });

  it('seeds the same demo people for the same seed', () => {
    const names = (dir: string) =>
      fs
        .readdirSync(path.join(dir, 'ledgers'))
        .filter((f) => f.endsWith('.jsonl'))
        .map(
          (f) =>
            (
              JSON.parse(fs.readFileSync(path.join(dir, 'ledgers', f), 'utf8').split('\n')[0]!) as {
                data: { name: string };
              }
            ).data.name,
        )
        .sort();
    expect(
      steward(
        'demo',
        'seed',
        '--workspace',
        ws,
        '--people',
        '6',
        '--seed',
        '7',
        '--keys',
        keys,
        '--content',
        content,
      ).code,
    ).toBe(0);
    const ws2 = path.join(tmp, 'ws2');
    expect(
      steward(
        'demo',
        'seed',
        '--workspace',
        ws2,
        '--people',
        '6',
        '--seed',
        '7',
        '--keys',
        keys,
        '--content',
        content,
      ).code,
    ).toBe(0);
    expect(names(ws)).toHaveLength(6);
    expect(names(ws)).toEqual(names(ws2));
    expect(steward('records', 'verify', '--workspace', ws).code).toBe(0);
  });

  it('reports usage errors as one line on stderr with a non-zero exit', () => {
    for (const args of [
      ['profile', 'create', '--name', 'x'],
      ['records', 'verify', '--workspace', ws, '--bogus'],
      ['demo', 'seed', '--workspace', ws, '--people', 'many'],
      profileCreateArgs({ workspace: ws, name: 'A', email: 'not-an-email', team: 'T', keys }),
      ['frobnicate'],
    ]) {
      const r = steward(...args);
      expect(r.code, args.join(' ')).not.toBe(0);
      expect(r.err.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.out).toBe('');
    }
    const file = path.join(tmp, 'plain-file');
    fs.writeFileSync(file, '');
    const r = steward(
      ...profileCreateArgs({ workspace: file, name: 'A', email: 'a@example.com', team: 'T', keys }),
    );
    expect(r.code).toBe(1);
    expect(r.err).toContain('cannot write');
  });
});

describe('steward content check', () => {
  it('checks the review questionnaire too, naming the file and field', () => {
    const file = path.join(content, 'review', 'data-use-review.yaml');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/^version:/m, 'versoin:'));
    const r = steward('content', 'check', '--content', content);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/review\/data-use-review\.yaml: .*versoin/);
  });

  it('passes a clean folder (exit 0), listing the modules', () => {
    const r = steward('content', 'check', '--content', content);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('ok   modules/01-alpha.md  alpha 1.0.0  12 questions (6 asked), 3 sections');
    expect(r.out).toContain(
      'bank modules/01-alpha.md  right option longest in 0/11 (0%), shortest in 0, by position 3/4/4 (max 36%)',
    );
    expect(r.out).toContain(
      `content ok: 3 module(s), policy.yaml and the review questionnaire in ${content}`,
    );
    expect(r.out).toContain('ok   review/data-use-review.yaml');
  });

  it('fails a broken folder (exit 1), naming file, field and reason for each problem', () => {
    const broken = moduleText({ id: 'delta' }).replace('minutes: 10', 'minutes: 10\nminuts: 12');
    fs.writeFileSync(path.join(content, 'modules', '04-delta.md'), broken);
    fs.writeFileSync(path.join(content, 'modules', '05-alpha.md'), moduleText({ id: 'alpha' }));
    const r = steward('content', 'check', '--content', content);
    expect(r.code).toBe(1);
    const lines = r.out.trim().split('\n');
    expect(lines).toContain(
      'modules/04-delta.md: minuts: is not a known field (check the spelling) (line 6)',
    );
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^modules\/05-alpha\.md: id: the module id "alpha" is already used by modules\/01-alpha\.md/,
      ),
    );
    expect(lines[lines.length - 1]).toMatch(
      /^content check FAILED: 2 problem\(s\) in 2 file\(s\); 3 module\(s\) usable/,
    );
  });

  it('checks translations: lists the valid ones, reports a mismatch with its line (exit 1)', () => {
    const fr = path.join(content, 'locales', 'fr', 'modules');
    fs.mkdirSync(fr, { recursive: true });
    fs.writeFileSync(path.join(fr, '01-alpha.md'), frenchModuleText({ id: 'alpha', bank: true }));
    const ok = steward('content', 'check', '--content', content);
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('ok   locales/fr/modules/01-alpha.md  (fr, translation of alpha 1.0.0)');
    expect(ok.out).toContain(
      `content ok: 3 module(s), 1 translation(s), policy.yaml and the review questionnaire in ${content}`,
    );

    fs.writeFileSync(
      path.join(fr, '02-beta.md'),
      frenchModuleText({ id: 'beta', version: '1.1.0', bank: true }),
    );
    const bad = steward('content', 'check', '--content', content);
    expect(bad.code).toBe(1);
    const lines = bad.out.trim().split('\n');
    expect(lines).toContain('ok   locales/fr/modules/01-alpha.md  (fr, translation of alpha 1.0.0)');
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^locales\/fr\/modules\/02-beta\.md: version: is 1\.1\.0, but the English module modules\/02-beta\.md is at 1\.0\.0; .*\(line 4\)$/,
      ),
    );
    expect(lines[lines.length - 1]).toMatch(
      /^content check FAILED: 2 problem\(s\) in 1 file\(s\); 3 module\(s\) usable/,
    );
  });

  it('passes the content folder shipped with Steward, translations included', () => {
    const real = path.join(tmp, 'real-content');
    fs.cpSync(path.resolve(import.meta.dirname, '../../content'), real, { recursive: true });
    const r = steward('content', 'check', '--content', real);
    expect(r.err).toBe('');
    expect(r.out).toMatch(
      /^ok {3}locales\/fr\/modules\/\S+ {2}\(fr, translation of [a-z-]+ \d+\.\d+\.\d+\)$/m,
    );
    expect(r.out).toMatch(/^content ok: 9 module\(s\), \d+ translation\(s\)/m);
    expect(r.code).toBe(0);
  });

  it('lints the banks: too few variants, a length cue, a position cue and a near-duplicate, each named (exit 1)', () => {
    // goodModules(): six questions, each its own topic, the right option always the longest and always b.
    fs.writeFileSync(path.join(content, 'modules', '01-alpha.md'), goodModules()['01-alpha.md']!);
    // delta repeats a question of beta word for word.
    const beta = fs.readFileSync(path.join(content, 'modules', '02-beta.md'), 'utf8');
    fs.writeFileSync(
      path.join(content, 'modules', '04-delta.md'),
      beta.replace('id: beta', 'id: delta').replace(/Scenario (\d+)\./g, 'Situation $1.'),
    );
    const r = steward('content', 'check', '--content', content);
    expect(r.code).toBe(1);
    const lines = r.out.trim().split('\n');
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^modules\/01-alpha\.md: quiz: the bank has 6 questions for 6 asked per attempt; every topic needs at least 2 questions/,
      ),
    );
    expect(lines).toContain(
      'modules/01-alpha.md: quiz: in 5 of 5 single-answer questions (100%) the right option is the longest; at most 40%, or "pick the longest" passes',
    );
    expect(lines).toContain(
      'modules/01-alpha.md: quiz: in 5 of 5 single-answer questions (100%) the right option is option 2; at most 50% at any one position',
    );
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^modules\/02-beta\.md: quiz\[0\]: question q1 is a near-duplicate of modules\/04-delta\.md question q1 \(100\.0% of their word 3-shingles shared; at most 6\.0%\)/,
      ),
    );
    expect(lines[lines.length - 1]).toMatch(/^content check FAILED: /);
  });

  it('says so when the folder does not exist', () => {
    const r = steward('content', 'check', '--content', path.join(tmp, 'nowhere'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/does not exist/);
  });
});

describe('steward demo seed with training', () => {
  const history = (dir: string) =>
    fs
      .readdirSync(path.join(dir, 'ledgers'))
      .filter((f) => f.endsWith('.jsonl'))
      .map((f) =>
        fs
          .readFileSync(path.join(dir, 'ledgers', f), 'utf8')
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l) as { ts: string; type: string; data: Record<string, unknown> })
          .map((e) =>
            [e.ts, e.type, e.data.name ?? e.data.moduleId, e.data.attempt ?? '', e.data.score ?? ''].join(
              ' ',
            ),
          ),
      )
      .sort((a, b) => (a[0] as string).localeCompare(b[0] as string));

  it('writes completions, failures and unfinished modules through the services, deterministically, and they verify', async () => {
    const args = [
      '--people',
      '12',
      '--seed',
      '3',
      '--keys',
      keys,
      '--content',
      content,
      '--now',
      '2026-03-01T09:00:00Z',
    ];
    const r = steward('demo', 'seed', '--workspace', ws, ...args);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/training history over 3 modules: \d+ completions, \d+ failed attempts/);
    expect(steward('records', 'verify', '--workspace', ws).code).toBe(0);

    const types = new Map<string, number>();
    const w = stewardWorkspace(ws);
    for (const f of fs.readdirSync(w.ledgersDir).filter((x) => x.endsWith('.jsonl'))) {
      const read = await readLedgerFile(w, f, { depth: 'full' });
      expect(read.problems).toEqual([]);
      for (const e of read.entries) types.set(e.type, (types.get(e.type) ?? 0) + 1);
      // Every completion rests on a passed attempt in the same ledger.
      for (const e of read.entries) {
        if (e.type !== 'training.completed') continue;
        const attempt = read.entries.find((x) => x.hash === e.data.attemptHash);
        expect(attempt?.type).toBe('training.quizAttempted');
        expect(attempt?.type === 'training.quizAttempted' && attempt.data.passed).toBe(true);
        expect(e.ts <= '2026-03-01T09:00:00.000Z').toBe(true);
      }
    }
    expect(types.get('profile.created')).toBe(12);
    expect(types.get('training.completed')).toBeGreaterThan(0);
    expect(types.get('training.attested')).toBe(types.get('training.completed'));
    const attempts = types.get('training.quizAttempted') ?? 0;
    expect(attempts).toBeGreaterThan(types.get('training.completed') ?? 0); // some failed first

    const ws2 = path.join(tmp, 'ws2');
    expect(steward('demo', 'seed', '--workspace', ws2, ...args).code).toBe(0);
    expect(history(ws2)).toEqual(history(ws));
  });
});

describe('steward demo seed with reviews', () => {
  it('writes reviews in every state, decided by reviewers other than the submitters, and they verify', async () => {
    const realContent = path.join(tmp, 'real-content');
    fs.cpSync(path.resolve(import.meta.dirname, '../../content'), realContent, { recursive: true });
    const r = steward(
      'demo',
      'seed',
      '--workspace',
      ws,
      '--people',
      '30',
      '--seed',
      '3',
      '--keys',
      keys,
      '--content',
      realContent,
      '--reviews',
      '14',
      '--now',
      '2026-11-01T09:00:00Z',
    );
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/reviews: 14 \(/);
    expect(steward('records', 'verify', '--workspace', ws).code).toBe(0);

    // Read back through the real services as one of the demo reviewers.
    const policy = fs.readFileSync(path.join(realContent, 'policy.yaml'), 'utf8');
    const reviewerEmail = /reviewers:\s*\n\s*- email: (\S+)/.exec(policy)?.[1];
    expect(reviewerEmail).toBeTruthy();
    const { createServices } = await import('../../electron/core/services');
    const { confStoreFactory } = await import('../../electron/core/settings/settingsStore');
    const { fileOnlyProtector } = await import('../../electron/core/profiles/keystore');
    const handle = await createServices({
      userDataDir: path.join(tmp, 'reader'),
      keysDir: keys,
      contentDir: realContent,
      settingsStoreFactory: confStoreFactory,
      secretProtector: fileOnlyProtector,
      capabilities: { host: 'test' },
      appVersion: '0.0.0-test',
      now: () => new Date('2026-11-01T10:00:00Z'),
    });
    try {
      await handle.services.setWorkspace({ dir: ws });
      const reviewer = (await handle.services.listProfiles({})).find((p) => p.email === reviewerEmail)!;
      await handle.services.switchProfile({ profileId: reviewer.id });
      const lists = await handle.services.listReviews({});
      expect(lists.canReview).toBe(true);
      expect(lists.all).toHaveLength(14);
      const states = new Set(lists.all.map((x) => x.status));
      for (const s of [
        'submitted',
        'changesRequested',
        'approved',
        'approvedWithConditions',
        'rejected',
        'withdrawn',
        'reReviewDue',
      ]) {
        expect(states, s).toContain(s);
      }
      for (const x of lists.all) if (x.decision) expect(x.decision.by.id).not.toBe(x.submitter.id);
    } finally {
      await handle.close();
    }
  }, 180_000);

  it('refuses --reviews without a content folder it may edit', () => {
    const r = steward('demo', 'seed', '--workspace', ws, '--people', '5', '--keys', keys, '--reviews', '3');
    expect(r.code).toBe(2);
    expect(r.err).toContain('--reviews needs --content DIR');
  });
});
