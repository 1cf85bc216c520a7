#!/usr/bin/env node
// Entry point of `npx steward …` (built to out/cli/steward.js).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from './commands';

// This file is electron/cli/steward.ts in the repo and out/cli/steward.js when built: either
// way the shipped content folder is two levels up.
const here = path.dirname(fileURLToPath(import.meta.url));

runCli(
  process.argv.slice(2),
  {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  },
  { defaultContentDir: path.resolve(here, '../../content') },
).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`steward: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
