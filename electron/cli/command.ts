// What every CLI command is made of: its words, its --help, its options, and the helpers that turn
// options into folders. A usage problem is a UsageError (one line, exit 2); a refusal is a
// StewardError from core (one line, exit 1).
import fs from 'node:fs';
import path from 'node:path';
import type { ParseArgsConfig } from 'node:util';
import type { Services } from '../core/contract/methods';
import type { ProfileSummary } from '../core/contract/views/app';
import { StewardError } from '../core/errors';
import { defaultUserDataDir } from '../core/paths';

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

export interface CliContext {
  /**
   * The content folder shipped next to the CLI (`../../content` from electron/cli or out/cli),
   * used when --content is not given and it exists; otherwise ./content in the working folder.
   */
  defaultContentDir?: string;
  /** Asks a yes/no question on a terminal; absent when stdin or stdout is not a terminal. */
  confirm?: (question: string) => Promise<boolean>;
}

/** A usage problem: printed as one line plus a pointer to --help, exit code 2. */
export class UsageError extends Error {}

export type OptionValues = Record<string, string | boolean | string[] | undefined>;

export interface Command {
  name: string;
  summary: string;
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  /** Whether the command takes positional arguments (files). */
  positionals?: boolean;
  run(values: OptionValues, io: CliIo, ctx: CliContext, positionals: string[]): Promise<number>;
}

export const keysOption = { keys: { type: 'string' as const } };
export const help = { help: { type: 'boolean' as const, short: 'h' } };

/** A string option that must be given and not blank. */
export function required(values: OptionValues, name: string): string {
  const v = values[name];
  if (typeof v !== 'string' || v.trim() === '') throw new UsageError(`missing --${name}`);
  return v;
}

/** A string option that may be absent, but not blank when given. */
export function optional(values: OptionValues, name: string): string | undefined {
  const v = values[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || v.trim() === '') throw new UsageError(`--${name} needs a value`);
  return v;
}

export function contentDirFrom(values: OptionValues, ctx: CliContext): string {
  if (typeof values.content === 'string' && values.content.trim() !== '') return path.resolve(values.content);
  if (ctx.defaultContentDir && fs.existsSync(ctx.defaultContentDir)) return ctx.defaultContentDir;
  return path.resolve('content');
}

export const CONTENT_DEFAULT_HELP =
  'default: the content folder shipped with Steward (next to the package), else ./content';

export function keysDirFrom(values: OptionValues): string {
  return typeof values.keys === 'string'
    ? path.resolve(values.keys)
    : path.join(defaultUserDataDir(), 'keys');
}

/**
 * A profile's passphrase for the CLI, as restic and borg take theirs: the first line of the file
 * STEWARD_PASSPHRASE_FILE names, else STEWARD_PASSPHRASE. Never an option: a command line shows
 * in process lists and shell history.
 */
export function passphraseFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const file = env.STEWARD_PASSPHRASE_FILE;
  if (file !== undefined && file !== '') {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (error) {
      throw new UsageError(
        `STEWARD_PASSPHRASE_FILE: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      );
    }
    const line = text.split(/\r?\n/, 1)[0] ?? '';
    if (line === '')
      throw new UsageError(`STEWARD_PASSPHRASE_FILE: ${file} holds no passphrase on its first line`);
    return line;
  }
  const value = env.STEWARD_PASSPHRASE;
  return value === undefined || value === '' ? undefined : value;
}

/** Makes `profileId` current, with its passphrase from the environment when it has one. */
export async function switchToProfile(
  services: Pick<Services, 'switchProfile'>,
  profileId: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ProfileSummary> {
  const passphrase = passphraseFromEnv(env);
  try {
    return await services.switchProfile({ profileId, ...(passphrase !== undefined ? { passphrase } : {}) });
  } catch (error) {
    if (
      error instanceof StewardError &&
      passphrase === undefined &&
      error.reasons?.some((r) => r.code === 'profile.passphraseNeeded')
    ) {
      throw new StewardError(
        error.code,
        `${error.message} Set STEWARD_PASSPHRASE_FILE to a file that holds it (or STEWARD_PASSPHRASE).`,
        { cause: error, ...(error.reasons ? { reasons: error.reasons } : {}) },
      );
    }
    throw error;
  }
}
