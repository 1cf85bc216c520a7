// e2e: the built renderer (out/renderer) in Debian Chromium, window.steward backed by the real core
// services in the test's Node process. `npm test` builds first.
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './test/e2e/support/chromium';

export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  // Sized on a 2-core machine with two CPU hogs and other work (load average ~15): a focused test
  // took at most 8-11 s, and the first heading after page.goto up to 4 s to appear. Tests that
  // walk several screens set their own budget from the same measurements.
  timeout: 30_000,
  expect: { timeout: 10_000 },
  outputDir: 'test-results',
  reporter: [['list'], ['json', { outputFile: 'reports/playwright.json' }]],
  use: {
    launchOptions: { executablePath: findChromium(), args: CHROMIUM_ARGS },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
