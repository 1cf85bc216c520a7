// Renderer benchmarks, in Debian Chromium through Playwright: the initial JS the page loads
// (gzip), the time from navigation to the app shell being painted and to the training catalogue
// (the first screen) being painted (the built renderer, backed by the real core services the way
// the e2e tests back it), and the records filter over 100k rows run in the page. Reads the built
// renderer in out/renderer (npm run build makes it).
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { median, result } from './harness';
import type { Reported } from './harness';
import { pending } from './ledger.bench';
import type { BenchOptions } from './ledger.bench';

const ROOT = resolve(import.meta.dirname, '..');
const RENDERER_DIR = join(ROOT, 'out', 'renderer');

/**
 * The scripts index.html loads before anything runs: its module entry and modulepreloads. Screens
 * and locale files loaded on demand (dynamic imports) are not among them; benchSize's note gives
 * the whole build's JS beside it.
 */
function initialScripts(html: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(/<script[^>]*\bsrc="([^"]+)"/g)) out.push(m[1] as string);
  for (const m of html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g))
    out.push(m[1] as string);
  return [...new Set(out)];
}

function benchSize(): Reported {
  const html = readFileSync(join(RENDERER_DIR, 'index.html'), 'utf8');
  const files = initialScripts(html);
  let gz = 0;
  let raw = 0;
  for (const f of files) {
    const bytes = readFileSync(join(RENDERER_DIR, f.replace(/^\.?\//, '')));
    raw += bytes.length;
    gz += gzipSync(bytes, { level: 9 }).length;
  }
  const kb = gz / 1024;
  const all = readdirSync(join(RENDERER_DIR, 'assets')).filter((f) => f.endsWith('.js'));
  let allRaw = 0;
  let allGz = 0;
  for (const f of all) {
    const bytes = readFileSync(join(RENDERER_DIR, 'assets', f));
    allRaw += bytes.length;
    allGz += gzipSync(bytes, { level: 9 }).length;
  }
  return result({
    name: 'renderer: initial JS (gzip)',
    value: kb,
    unit: 'KB',
    baseline: null,
    goal: '<= 300 KB',
    met: kb <= 300,
    note:
      `${files.join(', ')}: ${(raw / 1024).toFixed(0)} KB raw, gzip -9; ` +
      `the whole build, with what loads on demand: ${all.length} files, ${(allRaw / 1024).toFixed(0)} KB raw, ` +
      `${(allGz / 1024).toFixed(0)} KB gzip`,
  });
}

async function chromium() {
  const { chromium: pwChromium } = await import('@playwright/test');
  const { findChromium, CHROMIUM_ARGS } = await import('../test/e2e/support/chromium');
  return pwChromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
}

// Painted: the first animation frame after the element is in the DOM. The shell (.app-shell)
// comes with the catalogue's header, whose code is in the first bundle; the module cards follow
// once listTrainingModules answers.
const SHELL_WATCH = `
  const watch = (selector, key) => {
    const seen = () => {
      if (!document.querySelector(selector)) return false;
      requestAnimationFrame(() => { window[key] = performance.now(); });
      return true;
    };
    new MutationObserver((_, obs) => { if (seen()) obs.disconnect(); })
      .observe(document, { childList: true, subtree: true });
  };
  watch('.app-shell', '__shellAt');
  watch('.module-card', '__catalogueAt');
`;

async function benchShell(opts: BenchOptions): Promise<Reported[]> {
  const { createServices } = await import('../electron/core/services');
  const { createDispatch } = await import('../electron/core/dispatch');
  const { fileOnlyProtector } = await import('../electron/core/profiles/keystore');
  const { confStoreFactory } = await import('../electron/core/settings/settingsStore');
  const { BINDING_NAME, pageBridgeSource } = await import('../electron/preview/pageBridge');
  const { startPreviewServer } = await import('../electron/preview/previewServer');
  const userDataDir = mkdtempSync(join(tmpdir(), 'steward-bench-ui-'));
  const contentDir = join(userDataDir, 'content');
  cpSync(join(ROOT, 'content'), contentDir, { recursive: true });
  const handle = await createServices({
    userDataDir,
    contentDir,
    settingsStoreFactory: confStoreFactory,
    secretProtector: fileOnlyProtector,
    capabilities: { host: 'test' },
    appVersion: '0.0.0-bench',
  });
  await handle.services.createProfile({ name: 'Bench Person', email: 'bench@example.org', team: 'Product' });
  const dispatch = createDispatch(handle.services);
  const server = await startPreviewServer({ rendererDir: RENDERER_DIR });
  const browser = await chromium();
  const samples: number[] = [];
  const catalogueSamples: number[] = [];
  try {
    for (let r = 0; r < (opts.quick ? 5 : 11); r++) {
      const context = await browser.newContext(); // cold: nothing cached
      const page = await context.newPage();
      await page.exposeBinding(BINDING_NAME, (_s, method: unknown, args: unknown) =>
        dispatch(String(method), args),
      );
      await page.addInitScript(pageBridgeSource('binding'));
      await page.addInitScript({ content: SHELL_WATCH });
      await page.goto(server.url);
      // Functions, not strings: the app's CSP forbids eval.
      const shellAt = () => (globalThis as unknown as { __shellAt?: number }).__shellAt;
      const catalogueAt = () => (globalThis as unknown as { __catalogueAt?: number }).__catalogueAt;
      await page.waitForFunction(shellAt);
      await page.waitForFunction(catalogueAt);
      samples.push((await page.evaluate(shellAt)) as number);
      catalogueSamples.push((await page.evaluate(catalogueAt)) as number);
      await context.close();
    }
  } finally {
    await browser.close();
    await server.close();
    await handle.close();
    rmSync(userDataDir, { recursive: true, force: true });
  }
  const value = median(samples);
  const range = (xs: number[]) => `${Math.min(...xs).toFixed(0)}-${Math.max(...xs).toFixed(0)} ms`;
  return [
    result({
      name: 'renderer: navigation to app shell painted',
      value,
      unit: 'ms',
      baseline: null,
      goal: '< 500 ms',
      met: value < 500,
      note: `median of ${samples.length} cold loads (new browser context each; ${range(samples)}) of the built renderer served on 127.0.0.1, window.steward bound to the real core services with a profile; time = performance.now() at the first frame after .app-shell exists (with the training catalogue's header)`,
    }),
    result({
      name: 'renderer: navigation to training catalogue painted',
      value: median(catalogueSamples),
      unit: 'ms',
      baseline: null,
      goal: 'report',
      met: null,
      note: `the same loads (${range(catalogueSamples)}); the first frame after the first module card exists, i.e. after listTrainingModules answered`,
    }),
  ];
}

/** Runs in the page: 100k rows, then the filters a user applies while typing, timed. */
const FILTER_IN_PAGE = `(runs) => {
  const { filterMatrix } = window.StewardFilter;
  const first = ['Zoë', 'Ångström', 'Ben', 'Cat', 'Dmitri', 'Łukasz', 'Siobhán', 'Noor'];
  const last = ['Schmidt', 'Nguyen', 'Okafor', 'García', 'Øster', 'Müller', 'Kowalski', 'Ito'];
  const modules = ['law-in-practice', 'peoples-rights', 'consent-done-right', 'privacy-by-design'];
  const statuses = ['passed', 'dueSoon', 'overdue', 'notStarted'];
  const rows = Array.from({ length: 100000 }, (_, i) => {
    const p = Math.floor(i / 8);
    return {
      personId: 'p' + p, name: first[p % 8] + ' ' + last[(p >> 3) % 8] + ' ' + p, team: 'Team ' + (p % 7),
      moduleId: modules[i % 4], moduleTitle: modules[i % 4], required: i % 2 === 0, status: statuses[i % 4],
      completedAt: i % 4 === 3 ? null : '2026-0' + (1 + (i % 9)) + '-1' + (i % 10) + 'T09:00:00.000Z',
      score: 90, expiresAt: null, dueAt: null, attempts: 1, source: 'workspace', entryHash: null,
    };
  });
  const filters = [
    { search: 'z' }, { search: 'zo' }, { search: 'zoe' }, { search: 'zoe s' },
    { search: 'zoe sc', teams: ['Team 3'] }, { teams: ['Team 3'], statuses: ['overdue'] },
    { from: '2026-03-01', to: '2026-06-30' }, { search: 'garcia', moduleIds: ['peoples-rights'] },
  ];
  const out = [];
  for (let r = 0; r < runs; r++) for (const f of filters) {
    const t0 = performance.now();
    filterMatrix(rows, f);
    out.push(performance.now() - t0);
  }
  return out;
}`;

async function benchFilter(opts: BenchOptions): Promise<Reported> {
  const name = 'records filter, 100k rows, in Chromium';
  const file = join(ROOT, 'electron', 'core', 'records', 'filter.ts');
  if (!existsSync(file))
    return pending(name, 'ms', '< 100 ms', 'electron/core/records/filter.ts filterMatrix');
  const bundle = await build({
    entryPoints: [file],
    bundle: true,
    format: 'iife',
    globalName: 'StewardFilter',
    write: false,
    minify: true,
    target: 'chrome120',
  });
  const browser = await chromium();
  try {
    const page = await browser.newPage();
    await page.setContent('<!doctype html><title>filter</title>');
    await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
    const runs = opts.quick ? 3 : 7;
    const times = (await page.evaluate(`(${FILTER_IN_PAGE})(${runs})`)) as number[];
    const cold = times[0]!;
    const value = median(times);
    return result({
      name,
      value,
      unit: 'ms',
      baseline: null,
      goal: '< 100 ms',
      met: value < 100 && cold < 100,
      note: `filterMatrix (the function the Records screen calls) in the page over 100k rows, median of ${times.length} filters as typed; first (cold fold cache) ${cold.toFixed(0)} ms; React re-render of the virtualised table not included`,
    });
  } finally {
    await browser.close();
  }
}

export async function runRendererBenchmarks(opts: BenchOptions): Promise<Reported[]> {
  opts.log('renderer ...');
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
    const why = 'out/renderer is not built (run npm run build)';
    return [
      pending('renderer: initial JS (gzip)', 'KB', '<= 300 KB', why),
      pending('renderer: navigation to app shell painted', 'ms', '< 500 ms', why),
      pending('renderer: navigation to training catalogue painted', 'ms', 'report', why),
      await benchFilter(opts),
    ];
  }
  const out = [benchSize()];
  try {
    out.push(...(await benchShell(opts)));
  } catch (err) {
    out.push(pending('renderer: navigation to app shell painted', 'ms', '< 500 ms', (err as Error).message));
    out.push(
      pending('renderer: navigation to training catalogue painted', 'ms', 'report', (err as Error).message),
    );
  }
  out.push(await benchFilter(opts));
  return out;
}
