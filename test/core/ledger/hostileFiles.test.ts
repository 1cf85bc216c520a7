// Files an insider plants in a shared workspace (issue 14, item 5): a FIFO named like a ledger
// or a key, a symlink to /dev/zero, a line nested 100,000 deep. Each is read by real child
// processes — the CLI's `records verify` and the app's open (fixtures/read-workspace.ts) — with
// a timeout that turns a hang into a failure. Each bad file is named (with its seq where it has
// one) and never stops the others: the honest ledger still reads in full.
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Workspace } from '../../../electron/core/ledger';
import { profileCreateArgs, runSteward } from '../../support/cli';
import { makePerson, newWorkspace, type Person } from '../records/fixtures/bundles/people';
import { cleanupTempDirs, FIXTURES, tempDir } from './helpers';

const TIMEOUT_MS = 30_000;
const FIFO = 'p00000000000000000f1f';
const ZERO = 'p000000000000000000ee';

afterEach(cleanupTempDirs);

let ws: Workspace;
let ada: Person;
let bob: Person;
beforeEach(async () => {
  ws = await newWorkspace();
  ada = await makePerson(ws, 'Ada Lovelace', 4);
  bob = await makePerson(ws, 'Bob Babbage', 3);
});

function mkfifo(path: string): void {
  const r = spawnSync('mkfifo', [path]);
  if (r.status !== 0) throw new Error(`mkfifo failed: ${r.stderr.toString()}`);
}

/** The app's open of the workspace, in a child process, or a failure if it hangs or dies. */
function openInApp(dir: string): {
  quick: {
    ledgers: { profileId: string; entries: number }[];
    problems: { file: string; seq: number | null; code: string }[];
  };
  shared: {
    ledgers: { profileId: string; entries: number }[];
    problems: { file: string; seq: number | null; code: string }[];
  };
  profiles: { id: string; name: string | null }[];
  imports: number;
} {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(FIXTURES, 'read-workspace.ts'), dir], {
    encoding: 'utf8',
    timeout: TIMEOUT_MS,
    killSignal: 'SIGKILL', // a child blocked on a FIFO outlives SIGTERM
  });
  expect(r.signal, `the read hung or was killed; stderr: ${r.stderr}`).toBeNull();
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
}

function verifyCli(dir: string): { code: number | null; out: string } {
  const r = runSteward(tempDir('steward-home-'), ['records', 'verify', '--workspace', dir], {
    timeout: TIMEOUT_MS,
  });
  return { code: r.code, out: r.out + r.err };
}

describe('planted files in a workspace', () => {
  it('a FIFO named like a ledger or a key is skipped and named; it blocks neither verify nor the open', () => {
    mkfifo(join(ws.ledgersDir, `${FIFO}.jsonl`));
    const v = verifyCli(ws.dir);
    expect(v.code).toBe(1); // not null: it finished
    expect(v.out).toMatch(
      new RegExp(`ledgers/${FIFO}\\.jsonl: the file cannot be read: it is a named pipe \\(FIFO\\)`),
    );
    expect(v.out).toMatch(new RegExp(`ok +ledgers/${ada.profileId}\\.jsonl +4 entries`));

    const app = openInApp(ws.dir);
    for (const read of [app.quick, app.shared]) {
      expect(read.ledgers.find((l) => l.profileId === ada.profileId)?.entries).toBe(4);
      expect(read.problems).toContainEqual(
        expect.objectContaining({ file: `ledgers/${FIFO}.jsonl`, seq: null, code: 'ledger.fileUnreadable' }),
      );
    }
    expect(app.profiles.find((p) => p.id === ada.profileId)?.name).toBe('Ada Lovelace');
    expect(app.profiles.find((p) => p.id === FIFO)?.name).toBeNull();
  });

  it('a FIFO as a key file or as the imports index blocks nothing', () => {
    const key = join(ws.keysDir, `${bob.profileId}.pub`);
    rmSync(key);
    mkfifo(key);
    mkdirSync(ws.importsDir, { recursive: true });
    mkfifo(join(ws.importsDir, 'index.jsonl'));
    const v = verifyCli(ws.dir);
    expect(v.code).toBe(1);
    expect(v.out).toMatch(
      new RegExp(`ledgers/${bob.profileId}\\.jsonl: .*keys/${bob.profileId}\\.pub.*named pipe`),
    );
    const app = openInApp(ws.dir);
    expect(app.imports).toBe(0);
    expect(app.quick.ledgers.find((l) => l.profileId === ada.profileId)?.entries).toBe(4);
  });

  it('a symlink to /dev/zero as a ledger or a key is not followed: nothing is read from it', () => {
    symlinkSync('/dev/zero', join(ws.ledgersDir, `${ZERO}.jsonl`));
    const key = join(ws.keysDir, `${bob.profileId}.pub`);
    rmSync(key);
    symlinkSync('/dev/zero', key);
    const v = verifyCli(ws.dir);
    expect(v.code).toBe(1);
    expect(v.out).toMatch(
      new RegExp(`ledgers/${ZERO}\\.jsonl: the file cannot be read: it is a symbolic link`),
    );
    expect(v.out).toMatch(new RegExp(`ok +ledgers/${ada.profileId}\\.jsonl +4 entries`));
    const app = openInApp(ws.dir);
    expect(app.quick.problems).toContainEqual(
      expect.objectContaining({ file: `ledgers/${ZERO}.jsonl`, code: 'ledger.fileUnreadable' }),
    );
    expect(app.shared.ledgers.find((l) => l.profileId === ada.profileId)?.entries).toBe(4);
  });

  it('a line nested 100,000 deep is refused before it is parsed, naming the file and the seq', () => {
    const deep = 100_000;
    appendFileSync(bob.file, `{"seq":4,"data":${'['.repeat(deep)}${']'.repeat(deep)}}\n`);
    const v = verifyCli(ws.dir);
    expect(v.code).toBe(1);
    expect(v.out).toContain(`ledgers/${bob.profileId}.jsonl seq 4: the entry nests more than 64 levels deep`);
    expect(v.out).not.toMatch(/stack|RangeError/i);
    expect(v.out).toMatch(new RegExp(`ok +ledgers/${ada.profileId}\\.jsonl +4 entries`));
    const app = openInApp(ws.dir);
    for (const read of [app.quick, app.shared]) {
      expect(read.ledgers.find((l) => l.profileId === bob.profileId)?.entries).toBe(3);
      expect(read.problems).toContainEqual(
        expect.objectContaining({ file: `ledgers/${bob.profileId}.jsonl`, seq: 4 }),
      );
    }
  });

  it('a FIFO given to `records import` is refused, not opened (the open would block)', () => {
    const home = tempDir('steward-home-');
    const dir = join(home, 'ws');
    const keys = join(home, 'keys');
    const made = runSteward(
      home,
      profileCreateArgs({ workspace: dir, name: 'Meg M', email: 'meg@example.org', team: 'R', keys }),
    );
    expect(made.code, made.err).toBe(0);
    const fifo = join(home, 'ada.stewardbundle');
    mkfifo(fifo);
    const r = runSteward(home, ['records', 'import', '--workspace', dir, fifo, '--keys', keys], {
      timeout: TIMEOUT_MS,
    });
    expect(r.code).toBe(1); // not null: it finished
    expect(r.err).toContain('Cannot import ada.stewardbundle: it is not a file. Nothing was imported.');
  });

  it('a ledger larger than the cap or a line longer than the cap is named, not read whole', () => {
    writeFileSync(join(ws.ledgersDir, `${ZERO}.jsonl`), `${'x'.repeat(5 * 1024 * 1024)}\n`);
    const v = verifyCli(ws.dir);
    expect(v.code).toBe(1);
    expect(v.out).toMatch(
      new RegExp(`ledgers/${ZERO}\\.jsonl seq 1: the line is \\d+ bytes long, more than`),
    );
  });
});
