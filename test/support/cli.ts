// The `steward` admin CLI as a user runs it: a real child process (Node with tsx) on the source
// entry point, with HOME pointed at the spec's own temporary folder.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

export const STEWARD_ENTRY = path.resolve(import.meta.dirname, '../../electron/cli/steward.ts');

export interface StewardRun {
  code: number | null;
  out: string;
  err: string;
}

/**
 * Runs `steward ...args` with HOME set to `home`; `timeout` in milliseconds, if any; `env` adds
 * variables (a STEWARD_ORG of the machine running the tests is never passed on).
 */
export function runSteward(
  home: string,
  args: string[],
  options: { timeout?: number; env?: Record<string, string> } = {},
): StewardRun {
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, ...options.env };
  if (options.env?.STEWARD_ORG === undefined) delete env.STEWARD_ORG;
  const r = spawnSync(process.execPath, ['--import', 'tsx', STEWARD_ENTRY, ...args], {
    encoding: 'utf8',
    env,
    // SIGKILL: a child blocked on a planted FIFO outlives SIGTERM (tsx's signal relay waits on it).
    ...(options.timeout === undefined ? {} : { timeout: options.timeout, killSignal: 'SIGKILL' as const }),
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** The words of `steward profile create` for one person, whose key goes into `keys`. */
export function profileCreateArgs(p: {
  workspace: string;
  name: string;
  email: string;
  team: string;
  keys: string;
}): string[] {
  return [
    'profile',
    'create',
    '--workspace',
    p.workspace,
    '--name',
    p.name,
    '--email',
    p.email,
    '--team',
    p.team,
    '--keys',
    p.keys,
  ];
}
