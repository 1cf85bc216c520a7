#!/usr/bin/env node
// Entry point of `npx steward …` (built to out/cli/steward.js).
import { runCli } from './commands';

runCli(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`steward: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
