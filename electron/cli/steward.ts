#!/usr/bin/env node
// Entry point of `npx steward …` (built to out/cli/steward.js).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline/promises';
import { runCli } from './commands';

/** A yes/no question on the terminal: only "y" or "yes" is a yes. */
async function askYesNo(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return /^(y|yes)$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

// This file is electron/cli/steward.ts in the repo and out/cli/steward.js when built: either
// way the shipped content folder is two levels up.
const here = path.dirname(fileURLToPath(import.meta.url));

// `steward org show | head`: a reader that stops early is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

runCli(
  process.argv.slice(2),
  {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  },
  {
    defaultContentDir: path.resolve(here, '../../content'),
    ...(process.stdin.isTTY && process.stdout.isTTY ? { confirm: askYesNo } : {}),
  },
).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`steward: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
