// HTML -> PDF through a headless Chromium, for everywhere Electron is not: the CLI, the browser
// preview and the tests. The page, Chromium's profile and Chromium's own temp files live in a
// private temp folder that is always removed; Chromium runs in its own process group so a cancel
// or a timeout can stop all of it; the PDF reaches outFile only complete (checked to be a PDF,
// then an atomic replace).
import { spawn } from 'node:child_process';
import { accessSync, constants, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { StewardError } from '../errors';
import { plainReason, writeFileAtomic } from '../ledger/workspace';

export const NO_CHROMIUM_MESSAGE = 'PDF export here needs Chromium: install it or set STEWARD_CHROMIUM';

/** Generous: a 10,000-row matrix is a few hundred pages. */
export const DEFAULT_PDF_TIMEOUT_MS = 300_000;

const PATH_NAMES = ['chromium', 'chromium-browser', 'google-chrome'];

function isExecutableFile(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The Chromium to print with: $STEWARD_CHROMIUM, then Debian's binary (the /usr/bin/chromium
 * wrapper prints a shell error on some systems), then chromium, chromium-browser, google-chrome on
 * PATH. Null when there is none.
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  const fromEnv = env.STEWARD_CHROMIUM;
  if (fromEnv && isExecutableFile(fromEnv)) return fromEnv;
  if (isExecutableFile('/usr/lib/chromium/chromium')) return '/usr/lib/chromium/chromium';
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir === '') continue;
    for (const name of PATH_NAMES) {
      const candidate = join(dir, name);
      if (isExecutableFile(candidate)) return candidate;
    }
  }
  return null;
}

export interface PrintOptions {
  /** The Chromium executable; found with findChromium() when not given. */
  chromium?: string;
  signal?: AbortSignal;
  timeoutMs?: number;
}

function chromiumArgs(pdfFile: string, profileDir: string, pageUrl: string): string[] {
  return [
    '--headless',
    '--disable-gpu',
    // Chromium refuses to start as root with its sandbox on (CI runs as root); nobody else loses it.
    ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
    '--no-pdf-header-footer',
    `--user-data-dir=${profileDir}`,
    // Offline machines: without these Chromium keeps trying the network in the background.
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-extensions',
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-quic',
    `--print-to-pdf=${pdfFile}`,
    pageUrl,
  ];
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The operation was aborted.', 'AbortError');
}

/**
 * Prints `html` to `outFile` with headless Chromium. Rejects with signal.reason when cancelled,
 * a StewardError otherwise; in either case no outFile is written and no Chromium is left running.
 */
export async function printHtmlToPdf(
  html: string,
  outFile: string,
  opts: PrintOptions = {},
): Promise<{ bytes: number }> {
  const { signal } = opts;
  if (signal?.aborted) throw abortReason(signal);
  const chromium = opts.chromium ?? findChromium();
  if (chromium === null) {
    const envNote = process.env.STEWARD_CHROMIUM
      ? ` (STEWARD_CHROMIUM is set to ${process.env.STEWARD_CHROMIUM}, which is not an executable file)`
      : '';
    throw new StewardError('UNSUPPORTED', `${NO_CHROMIUM_MESSAGE}${envNote}.`);
  }

  const work = mkdtempSync(join(tmpdir(), 'steward-pdf-')); // mode 0700: the records stay private
  try {
    const page = join(work, 'page.html');
    const pdf = join(work, 'out.pdf');
    writeFileSync(page, html, { encoding: 'utf8', mode: 0o600 });
    await runChromium(chromium, chromiumArgs(pdf, join(work, 'profile'), pathToFileURL(page).href), {
      signal,
      timeoutMs: opts.timeoutMs ?? DEFAULT_PDF_TIMEOUT_MS,
      tempDir: work,
    });
    let bytes: Buffer;
    try {
      bytes = readFileSync(pdf);
    } catch {
      throw new StewardError('INTERNAL', 'Chromium finished without writing a PDF.');
    }
    if (bytes.length === 0 || bytes.subarray(0, 5).toString('latin1') !== '%PDF-') {
      throw new StewardError('INTERNAL', 'Chromium wrote something that is not a PDF.');
    }
    if (signal?.aborted) throw abortReason(signal);
    try {
      writeFileAtomic(outFile, bytes);
    } catch (err) {
      throw new StewardError('INTERNAL', `Steward could not write ${outFile}: ${plainReason(err)}.`, {
        cause: err,
      });
    }
    return { bytes: bytes.length };
  } finally {
    // Chromium's helpers may still be closing files in the profile for a moment after it exits.
    rmSync(work, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  }
}

function runChromium(
  chromium: string,
  args: string[],
  { signal, timeoutMs, tempDir }: { signal: AbortSignal | undefined; timeoutMs: number; tempDir: string },
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const ownGroup = process.platform !== 'win32';
    // Chromium makes a folder in the temp dir at start (org.chromium.Chromium.*) and removes it
    // only on a clean exit; a killed print would leave it in the user's temp folder.
    const env = { ...process.env, TMPDIR: tempDir, TMP: tempDir, TEMP: tempDir };
    const child = spawn(chromium, args, { detached: ownGroup, stdio: ['ignore', 'ignore', 'pipe'], env });
    let stderrTail = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderrTail = (stderrTail + chunk).slice(-4000);
    });

    let stopped: unknown = null;
    const killAll = () => {
      if (child.pid === undefined) return;
      try {
        if (ownGroup) process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        // already gone
      }
    };
    const stop = (reason: unknown) => {
      if (stopped !== null) return;
      stopped = reason;
      killAll();
    };
    const onAbort = () => stop(abortReason(signal!));
    signal?.addEventListener('abort', onAbort, { once: true });
    const timer = setTimeout(
      () =>
        stop(
          new StewardError(
            'INTERNAL',
            `Chromium did not finish the PDF within ${Math.round(timeoutMs / 1000)} s, so it was stopped. ` +
              'Try again, or export fewer records with a filter.',
          ),
        ),
      timeoutMs,
    );
    const settle = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    };

    child.once('error', (err) => {
      settle();
      reject(
        new StewardError(
          'UNSUPPORTED',
          `Chromium at ${chromium} could not be started (${plainReason(err)}). ${NO_CHROMIUM_MESSAGE}.`,
          { cause: err },
        ),
      );
    });
    child.once('exit', (code, sig) => {
      settle();
      // Helpers (zygote, GPU, crashpad) share the group; none may outlive the print.
      killAll();
      // Wait for the last of stderr, but not for a helper that escaped the group and holds the pipe.
      let finished = false;
      const finish = () => {
        if (finished) return;
        finished = true;
        clearTimeout(drain);
        child.stderr.destroy();
        if (stopped !== null) return reject(stopped);
        if (code === 0) return resolve();
        const lastLine =
          stderrTail
            .split('\n')
            .map((l) => l.trim())
            .filter((l) => l !== '' && !/dbus|Fontconfig/i.test(l))
            .pop() ?? '';
        reject(
          new StewardError(
            'INTERNAL',
            `Chromium could not print the PDF (${code === null ? `signal ${sig}` : `exit code ${code}`})` +
              `${lastLine === '' ? '' : `: ${lastLine.slice(0, 300)}`}.`,
          ),
        );
      };
      const drain = setTimeout(finish, 1000);
      child.stderr.once('close', finish);
      if (child.stderr.closed) finish();
    });
  });
}
