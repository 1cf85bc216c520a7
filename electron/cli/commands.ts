// The admin CLI's commands, over core only (no Electron). Each command has its own --help;
// every failure is one clear line on stderr and a non-zero exit code.
import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { profileInputSchema } from '../core/contract';
import { describeZodError } from '../core/dispatch';
import { StewardError } from '../core/errors';
import { openWorkspace, verifyWorkspace } from '../core/ledger';
import { defaultUserDataDir } from '../core/paths';
import { createProfile } from '../core/profiles/createProfile';
import { fileOnlyProtector } from '../core/profiles/keystore';
import { demoPeople } from '../core/demo/demoPeople';

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

/** A usage problem: printed as one line plus a pointer to --help, exit code 2. */
export class UsageError extends Error {}

interface Command {
  name: string;
  summary: string;
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  run(values: Record<string, string | boolean | undefined>, io: CliIo): Promise<number>;
}

const keysOption = { keys: { type: 'string' as const } };
const help = { help: { type: 'boolean' as const, short: 'h' } };

function required(values: Record<string, unknown>, name: string): string {
  const v = values[name];
  if (typeof v !== 'string' || v.trim() === '') throw new UsageError(`missing --${name}`);
  return v;
}

function keysDirFrom(values: Record<string, unknown>): string {
  return typeof values.keys === 'string'
    ? path.resolve(values.keys)
    : path.join(defaultUserDataDir(), 'keys');
}

const profileCreate: Command = {
  name: 'profile create',
  summary: 'Create a profile (signing key + ledger) in a workspace and print its id.',
  usage: `steward profile create --workspace DIR --name NAME --email EMAIL --team TEAM [--keys DIR]

  --workspace DIR  the workspace folder (created if missing)
  --name, --email, --team  who the profile belongs to
  --keys DIR       where the private key is kept (default: the app's local key folder)`,
  options: {
    workspace: { type: 'string' },
    name: { type: 'string' },
    email: { type: 'string' },
    team: { type: 'string' },
    ...keysOption,
    ...help,
  },
  async run(values, io) {
    const ws = await openWorkspace(path.resolve(required(values, 'workspace')));
    const input = profileInputSchema.safeParse({ name: values.name, email: values.email, team: values.team });
    if (!input.success) throw new UsageError(describeZodError(input.error));
    const profile = await createProfile(ws, keysDirFrom(values), fileOnlyProtector, input.data);
    io.out(profile.id);
    return 0;
  },
};

const recordsVerify: Command = {
  name: 'records verify',
  summary: "Check every ledger in a workspace: chain, hashes and every entry's signature.",
  usage: `steward records verify --workspace DIR [--json]

  Exit 0 when every ledger verifies (an incomplete last line is a warning), 1 otherwise.
  Each problem names the ledger file and the entry's seq.`,
  options: { workspace: { type: 'string' }, json: { type: 'boolean' }, ...help },
  async run(values, io) {
    const dir = path.resolve(required(values, 'workspace'));
    const report = await verifyWorkspace(dir, { depth: 'full' });
    if (values.json) {
      io.out(JSON.stringify(report, null, 2));
    } else {
      for (const l of report.ledgers) {
        io.out(`${l.ok ? 'ok  ' : 'FAIL'} ${l.file}  ${l.entries} entries  head ${l.headHash ?? '-'}`);
      }
      for (const p of report.problems) {
        io.out(
          `${p.severity === 'error' ? 'error' : 'warning'}: ${p.file}${p.seq === null ? '' : ` seq ${p.seq}`}: ${p.reason}`,
        );
      }
      const errors = report.problems.filter((p) => p.severity === 'error').length;
      io.out(
        report.ok
          ? `verified ${report.ledgers.length} ledger(s), ${report.ledgers.reduce((n, l) => n + l.entries, 0)} entries: ok`
          : `verification FAILED: ${errors} problem(s)`,
      );
    }
    return report.ok ? 0 : 1;
  },
};

const demoSeed: Command = {
  name: 'demo seed',
  summary: 'Fill a workspace with realistic demo people (teams, names), appended through the real ledger.',
  usage: `steward demo seed --workspace DIR --people N [--seed S] [--keys DIR]

  --people N   how many people (1..100000)
  --seed S     the same seed gives the same people (default 1)
  --keys DIR   where their private keys go (default: the app's local key folder, so the app can
               switch to any demo person)`,
  options: {
    workspace: { type: 'string' },
    people: { type: 'string' },
    seed: { type: 'string' },
    ...keysOption,
    ...help,
  },
  async run(values, io) {
    const ws = await openWorkspace(path.resolve(required(values, 'workspace')));
    const count = Number(required(values, 'people'));
    if (!Number.isInteger(count) || count < 1 || count > 100_000) {
      throw new UsageError(
        `--people must be a whole number from 1 to 100000 (got "${String(values.people)}")`,
      );
    }
    const seed = values.seed === undefined ? 1 : Number(values.seed);
    if (!Number.isInteger(seed))
      throw new UsageError(`--seed must be a whole number (got "${String(values.seed)}")`);
    const keysDir = keysDirFrom(values);
    const people = demoPeople(count, seed);
    for (const person of people) {
      await createProfile(ws, keysDir, fileOnlyProtector, person);
    }
    io.out(`seeded ${people.length} people into ${ws.dir}`);
    return 0;
  },
};

export const COMMANDS: Command[] = [profileCreate, recordsVerify, demoSeed];

export const TOP_HELP = `steward — admin CLI for Steward workspaces (no Electron needed)

Usage: steward <command> [options]   (add --help to any command)

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(16)} ${c.summary}`).join('\n')}`;

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    io.out(TOP_HELP);
    return argv.length === 0 ? 2 : 0;
  }
  const command = COMMANDS.find((c) => {
    const words = c.name.split(' ');
    return words.every((w, i) => argv[i] === w);
  });
  if (!command) {
    io.err(`steward: unknown command "${argv.slice(0, 2).join(' ')}". Run "steward --help" for the list.`);
    return 2;
  }
  const rest = argv.slice(command.name.split(' ').length);
  try {
    let values: Record<string, string | boolean | undefined>;
    try {
      values = parseArgs({ args: rest, options: command.options, strict: true, allowPositionals: false })
        .values as Record<string, string | boolean | undefined>;
    } catch (error) {
      throw new UsageError((error as Error).message.split('\n')[0]!.replace(/\. To specify.*$/, ''));
    }
    if (values.help) {
      io.out(`${command.summary}\n\nUsage: ${command.usage}`);
      return 0;
    }
    return await command.run(values, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`steward ${command.name}: ${error.message}. See "steward ${command.name} --help".`);
      return 2;
    }
    if (error instanceof StewardError) {
      io.err(`steward ${command.name}: ${error.message}`);
      return 1;
    }
    io.err(
      `steward ${command.name}: unexpected error: ${error instanceof Error ? error.message : String(error)}`,
    );
    return 1;
  }
}
