// Printing through a headless Chromium: finding one, the happy path with the real browser, and
// every way it can go wrong — with stand-in "chromium" shell scripts run as real child processes
// (one writes nothing, one writes junk, one fails, one hangs with a helper of its own). After
// each: no out file unless it succeeded, no temp folder left, no process left running.
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { StewardError } from '../../../electron/core/errors';
import { describeWithChromium } from '../../support/withChromium';
import {
  findChromium,
  NO_CHROMIUM_MESSAGE,
  printHtmlToPdf,
} from '../../../electron/core/records/chromiumPdf';

const DEBIAN_CHROMIUM = '/usr/lib/chromium/chromium';
const onPosix = process.platform === 'win32' ? describe.skip : describe;

let dir: string;
/** What os.tmpdir() returns for the code under test, so its temp folders can be watched. */
let tmpRoot: string;
/** Where the stand-in scripts report what they saw. */
let probe: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'steward-chromiumpdf-test-'));
  tmpRoot = join(dir, 'tmp');
  probe = join(dir, 'probe');
  mkdirSync(tmpRoot);
  mkdirSync(probe);
  vi.stubEnv('TMPDIR', tmpRoot);
  vi.stubEnv('PROBE', probe);
});

afterEach(() => {
  vi.unstubAllEnvs();
  rmSync(dir, { recursive: true, force: true });
});

function script(name: string, body: string): string {
  const file = join(dir, name);
  writeFileSync(
    file,
    '#!/bin/sh\n' +
      // The PDF path Steward asked for, and a record of the call.
      'for a in "$@"; do case "$a" in --print-to-pdf=*) out="${a#--print-to-pdf=}";; esac; done\n' +
      'printf "%s\\n" "$@" > "$PROBE/args"\n' +
      'echo $$ > "$PROBE/main.pid"\n' +
      body,
  );
  chmodSync(file, 0o755);
  return file;
}

/** Alive and not a zombie (a container's PID 1 may never reap an orphan). */
function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

const pidIn = (file: string) => Number(readFileSync(join(probe, file), 'utf8').trim());

describe('findChromium', () => {
  it('takes STEWARD_CHROMIUM first when it is an executable file', () => {
    const fake = script('my-chrome', 'exit 0\n');
    expect(findChromium({ STEWARD_CHROMIUM: fake, PATH: '' })).toBe(fake);
  });

  it('passes over a STEWARD_CHROMIUM that is missing or not executable', () => {
    const plain = join(dir, 'not-executable');
    writeFileSync(plain, 'text');
    const fallback = existsSync(DEBIAN_CHROMIUM) ? DEBIAN_CHROMIUM : null;
    expect(findChromium({ STEWARD_CHROMIUM: plain, PATH: '' })).toBe(fallback);
    expect(findChromium({ STEWARD_CHROMIUM: join(dir, 'nope'), PATH: '' })).toBe(fallback);
  });

  it("looks on PATH for chromium, chromium-browser and google-chrome after Debian's binary", () => {
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'chromium'), 'not executable');
    writeFileSync(join(bin, 'google-chrome'), '#!/bin/sh\n');
    chmodSync(join(bin, 'google-chrome'), 0o755);
    mkdirSync(join(bin, 'chromium-browser')); // a folder is not a browser
    const expected = existsSync(DEBIAN_CHROMIUM) ? DEBIAN_CHROMIUM : join(bin, 'google-chrome');
    expect(findChromium({ PATH: `/nonexistent:${bin}` })).toBe(expected);
  });
});

onPosix('printHtmlToPdf with stand-in browsers', () => {
  it('runs Chromium headless on a private copy of the page and moves the PDF into place', async () => {
    const fake = script(
      'chromium',
      'page="$(tail -n 1 "$PROBE/args")"; cp "${page#file://}" "$PROBE/page.html"\n' +
        'stat -c %a "$(dirname "${page#file://}")" > "$PROBE/mode"\n' +
        'printf "%%PDF-1.4 stand-in" > "$out"\n',
    );
    const out = join(dir, 'report.pdf');
    writeFileSync(out, 'the previous export');
    const html = '<!DOCTYPE html><p>Zoë Ångström</p>';
    const result = await printHtmlToPdf(html, out, { chromium: fake });
    expect(readFileSync(out, 'latin1')).toBe('%PDF-1.4 stand-in');
    expect(result).toEqual({ bytes: '%PDF-1.4 stand-in'.length });
    expect(readFileSync(join(probe, 'page.html'), 'utf8')).toBe(html);
    expect(readFileSync(join(probe, 'mode'), 'utf8').trim()).toBe('700');
    const args = readFileSync(join(probe, 'args'), 'utf8').trim().split('\n');
    expect(args).toContain('--headless');
    expect(args).toContain('--disable-gpu');
    expect(args).toContain('--no-pdf-header-footer');
    expect(args.includes('--no-sandbox')).toBe(process.getuid?.() === 0);
    expect(args.find((a) => a.startsWith('--user-data-dir='))).toMatch(
      new RegExp(`^--user-data-dir=${tmpRoot}/`),
    );
    expect(args.at(-1)).toMatch(new RegExp(`^file://${tmpRoot}/steward-pdf-[^/]+/page\\.html$`));
    expect(readdirSync(tmpRoot)).toEqual([]);
    expect(readdirSync(dir).filter((f) => f.includes('.tmp'))).toEqual([]);
  });

  it.each([
    ['writes nothing', 'exit 0\n', /finished without writing a PDF/],
    ['writes something that is not a PDF', 'echo "<html>oops</html>" > "$out"\n', /not a PDF/],
    ['writes an empty file', ': > "$out"\n', /not a PDF/],
    [
      'fails',
      'echo "[1:1:ERROR:dbus] noise" >&2; echo "Cannot open display" >&2; exit 3\n',
      /exit code 3\): Cannot open display\./,
    ],
  ])('reports a Chromium that %s, and leaves the previous file alone', async (_what, body, message) => {
    const fake = script('chromium', body);
    const out = join(dir, 'report.pdf');
    writeFileSync(out, 'the previous export');
    const error = await printHtmlToPdf('<p>x</p>', out, { chromium: fake }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StewardError);
    expect((error as StewardError).message).toMatch(message);
    expect(readFileSync(out, 'utf8')).toBe('the previous export');
    expect(readdirSync(tmpRoot)).toEqual([]);
  });

  it('says Chromium is needed when the one given cannot be started', async () => {
    const error = await printHtmlToPdf('<p>x</p>', join(dir, 'r.pdf'), {
      chromium: join(dir, 'no-such-chromium'),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StewardError);
    expect((error as StewardError).code).toBe('UNSUPPORTED');
    expect((error as StewardError).message).toContain(NO_CHROMIUM_MESSAGE);
    expect(existsSync(join(dir, 'r.pdf'))).toBe(false);
    expect(readdirSync(tmpRoot)).toEqual([]);
  });

  // Like Chromium, it first makes a folder of its own in the temp dir, which a kill leaves behind.
  const HANGS =
    'mktemp -d "${TMPDIR:-/tmp}/org.chromium.Chromium.XXXXXX" > /dev/null\n' +
    'sleep 60 & echo $! > "$PROBE/helper.pid"\nprintf "%%PDF-late" > "$out"\nwait\n';

  it('on cancel, kills Chromium and its helpers, writes no file and removes the temp folder', async () => {
    const fake = script('chromium', HANGS);
    const out = join(dir, 'report.pdf');
    const controller = new AbortController();
    const printing = printHtmlToPdf('<p>x</p>', out, { chromium: fake, signal: controller.signal });
    await vi.waitFor(() => expect(existsSync(join(probe, 'helper.pid'))).toBe(true), { timeout: 5000 });
    const reason = new Error('cancelled by the person');
    const started = Date.now();
    controller.abort(reason);
    await expect(printing).rejects.toBe(reason);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(isRunning(pidIn('main.pid'))).toBe(false);
    await vi.waitFor(() => expect(isRunning(pidIn('helper.pid'))).toBe(false), { timeout: 2000 });
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(tmpRoot)).toEqual([]);
  });

  it('on timeout, does the same and says what happened', async () => {
    const fake = script('chromium', HANGS);
    const out = join(dir, 'report.pdf');
    const error = await printHtmlToPdf('<p>x</p>', out, { chromium: fake, timeoutMs: 500 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StewardError);
    expect((error as StewardError).message).toMatch(/did not finish the PDF within 1 s/);
    await vi.waitFor(() => expect(isRunning(pidIn('helper.pid'))).toBe(false), { timeout: 2000 });
    expect(isRunning(pidIn('main.pid'))).toBe(false);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(tmpRoot)).toEqual([]);
  });

  it('does not wait on a helper that left the process group and still holds stderr', async () => {
    const fake = script(
      'chromium',
      'setsid sleep 30 & echo $! > "$PROBE/escaped.pid"\nprintf "%%PDF-1.4 done" > "$out"\nexit 0\n',
    );
    const started = Date.now();
    try {
      await expect(printHtmlToPdf('<p>x</p>', join(dir, 'r.pdf'), { chromium: fake })).resolves.toEqual({
        bytes: '%PDF-1.4 done'.length,
      });
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      process.kill(pidIn('escaped.pid'), 'SIGKILL'); // the helper this test started
    }
  });

  it('does not start at all when already cancelled', async () => {
    const fake = script('chromium', 'printf "%%PDF-x" > "$out"\n');
    const controller = new AbortController();
    controller.abort();
    await expect(
      printHtmlToPdf('<p>x</p>', join(dir, 'r.pdf'), { chromium: fake, signal: controller.signal }),
    ).rejects.toMatchObject({ name: 'AbortError' });
    expect(existsSync(join(probe, 'args'))).toBe(false);
    expect(existsSync(join(dir, 'r.pdf'))).toBe(false);
  });
});

// ---- the real browser -------------------------------------------------------------------------

const withChromium = describeWithChromium('the real-Chromium print tests');

/** Processes whose command line mentions `text` (our temp root is unique to the test). */
function processesMentioning(text: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(text) && isRunning(Number(entry))) {
        found.push(Number(entry));
      }
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

withChromium('printHtmlToPdf with the real Chromium', () => {
  it('prints a PDF and leaves nothing behind', async () => {
    const out = join(dir, 'hello.pdf');
    const { bytes } = await printHtmlToPdf('<!DOCTYPE html><meta charset="utf-8"><h1>Zoë Ångström</h1>', out);
    const pdf = readFileSync(out);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(bytes).toBe(pdf.length);
    expect(readdirSync(tmpRoot)).toEqual([]);
    expect(processesMentioning(tmpRoot)).toEqual([]);
  });

  it('stops every Chromium process on cancel', async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => `<tr><td>Row ${i}</td><td>Zoë</td></tr>`).join('');
    const controller = new AbortController();
    const printing = printHtmlToPdf(`<!DOCTYPE html><table>${rows}</table>`, join(dir, 'big.pdf'), {
      signal: controller.signal,
    });
    await vi.waitFor(() => expect(processesMentioning(tmpRoot).length).toBeGreaterThan(0), { timeout: 5000 });
    controller.abort();
    await expect(printing).rejects.toMatchObject({ name: 'AbortError' });
    await vi.waitFor(() => expect(processesMentioning(tmpRoot)).toEqual([]), { timeout: 3000 });
    expect(existsSync(join(dir, 'big.pdf'))).toBe(false);
    expect(readdirSync(tmpRoot)).toEqual([]);
  });
});
