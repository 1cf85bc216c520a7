// `npm test`: build, then every suite (vitest: core, main, cli, preview, packaging, renderer;
// Playwright: e2e in Chromium), then ONE honest summary line for the whole run, read from the
// runners' JSON reports. Exits non-zero if anything failed or a runner produced no report.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const reports = path.join(root, 'reports');
fs.mkdirSync(reports, { recursive: true });
const vitestJson = path.join(reports, 'vitest.json');
const playwrightJson = path.join(reports, 'playwright.json');
for (const f of [vitestJson, playwrightJson]) fs.rmSync(f, { force: true });

const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const run = (label, cmd, args) => {
  console.log(`\n=== ${label} ===`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: process.env });
  return r.status ?? 1;
};

let passed = 0;
let failed = 0;
let skipped = 0;
const problems = [];

if (run('build', 'npm', ['run', 'build']) !== 0) {
  failed += 1;
  problems.push('the build failed');
}

const vitestStatus = run('unit tests (vitest)', bin('vitest'), [
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${vitestJson}`,
]);
if (fs.existsSync(vitestJson)) {
  const r = JSON.parse(fs.readFileSync(vitestJson, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  skipped += r.numPendingTests + r.numTodoTests;
  // A suite that fails to load has no tests to count but is still a failure.
  const brokenFiles = r.testResults.filter(
    (f) => f.status === 'failed' && f.assertionResults.length === 0,
  ).length;
  failed += brokenFiles;
  if (vitestStatus !== 0 && r.numFailedTests === 0 && brokenFiles === 0) {
    failed += 1;
    problems.push(`vitest exited with ${vitestStatus}`);
  }
} else {
  failed += 1;
  problems.push('vitest wrote no report');
}

const pwStatus = run('browser tests (Playwright, Chromium)', bin('playwright'), ['test']);
if (fs.existsSync(playwrightJson)) {
  const r = JSON.parse(fs.readFileSync(playwrightJson, 'utf8'));
  passed += r.stats.expected + r.stats.flaky;
  failed += r.stats.unexpected;
  skipped += r.stats.skipped;
  const loadErrors = (r.errors ?? []).length;
  failed += loadErrors;
  if (pwStatus !== 0 && r.stats.unexpected === 0 && loadErrors === 0) {
    failed += 1;
    problems.push(`playwright exited with ${pwStatus}`);
  }
} else {
  failed += 1;
  problems.push('playwright wrote no report');
}

console.log('');
for (const p of problems) console.log(`problem: ${p}`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
