// The in-app PDF printer, against the electron stand-in: the hidden window can run nothing, the page
// is loaded from a private temp file (never a data: URL), printing asks for A4 with page numbers,
// and whatever happens the window is destroyed, the temp folder removed and outFile is either the
// complete PDF or untouched. The stand-in's BrowserWindow has no destroy() or printToPDF(), so the
// tests inject a subclass with both (see the report for the additions the shared mock could take).
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PrintToPDFOptions } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { StewardError } from '../../electron/core/errors';
import { createElectronPdfPrinter, type PdfWindowClass } from '../../electron/main/pdf';
import { BrowserWindow, resetElectronMock } from './electron-mock';

const FAKE_PDF = Buffer.from('%PDF-1.7\n% stand-in\n');

/** The mock window plus what the printer needs: destroy() and webContents.printToPDF(). */
class PrintingWindow extends BrowserWindow {
  static printImpl: (window: PrintingWindow, options: PrintToPDFOptions) => Promise<Buffer> = async () =>
    FAKE_PDF;
  /** The page file's text at the moment loadURL was called. */
  pageAtLoad: string | null = null;
  destroy = vi.fn(() => {
    this.destroyed = true;
  });
  printToPDF = vi.fn((options: PrintToPDFOptions) => PrintingWindow.printImpl(this, options));

  constructor(options: ConstructorParameters<typeof BrowserWindow>[0]) {
    super(options);
    Object.assign(this.webContents, { printToPDF: this.printToPDF });
    this.loadURL.mockImplementation(async (url: string) => {
      this.pageAtLoad = url.startsWith('file:') ? readFileSync(fileURLToPath(url), 'utf8') : null;
      return BrowserWindow.loadURLImpl(url);
    });
  }
}
const Window = PrintingWindow as unknown as PdfWindowClass;
const printer = () => createElectronPdfPrinter({ BrowserWindow: Window });
const lastWindow = () => BrowserWindow.instances.at(-1) as PrintingWindow;

let dir: string;
let tmpRoot: string;

beforeEach(() => {
  resetElectronMock();
  PrintingWindow.printImpl = async () => FAKE_PDF;
  dir = mkdtempSync(join(tmpdir(), 'steward-main-pdf-test-'));
  tmpRoot = join(dir, 'tmp');
  mkdirSync(tmpRoot);
  vi.stubEnv('TMPDIR', tmpRoot);
});

afterEach(() => {
  vi.unstubAllEnvs();
  rmSync(dir, { recursive: true, force: true });
});

describe('createElectronPdfPrinter', () => {
  it('prints from a hidden window that can run nothing, and writes the PDF', async () => {
    const out = join(dir, 'report.pdf');
    const html = '<!DOCTYPE html><h1>Zoë Ångström</h1>';
    await expect(printer()(html, out)).resolves.toEqual({ bytes: FAKE_PDF.length });
    expect(readFileSync(out)).toEqual(FAKE_PDF);

    expect(BrowserWindow.instances).toHaveLength(1);
    const window = lastWindow();
    expect(window.options.show).toBe(false);
    const prefs = window.options.webPreferences!;
    expect(prefs).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      javascript: false,
      webviewTag: false,
    });
    expect(prefs).not.toHaveProperty('preload');
    // Its own in-memory session: no "persist:" partition, not the app's default one.
    expect(prefs.partition).toEqual(expect.any(String));
    expect(String(prefs.partition)).not.toMatch(/^persist:/);
    for (const key of ['webSecurity', 'allowRunningInsecureContent', 'experimentalFeatures']) {
      expect(prefs).not.toHaveProperty(key);
    }
    expect(window.destroy).toHaveBeenCalledTimes(1);
  });

  it('loads the page from a private temp file, even a large one, and removes it afterwards', async () => {
    const big = `<!DOCTYPE html><table>${'<tr><td>Zoë</td></tr>'.repeat(200_000)}</table>`;
    expect(big.length).toBeGreaterThan(2 * 1024 * 1024); // over Chromium's data: URL limit
    let folderMode = 0;
    PrintingWindow.printImpl = async (window) => {
      const url = window.loadURL.mock.calls[0]![0];
      folderMode = statSync(join(fileURLToPath(url), '..')).mode & 0o777;
      return FAKE_PDF;
    };
    await printer()(big, join(dir, 'big.pdf'));
    const window = lastWindow();
    const url = window.loadURL.mock.calls[0]![0];
    expect(url).toMatch(new RegExp(`^file://${tmpRoot}/steward-pdf-[^/]+/page\\.html$`));
    expect(window.pageAtLoad).toBe(big);
    expect(folderMode).toBe(0o700);
    expect(readdirSync(tmpRoot)).toEqual([]);
  });

  it('asks for A4 with backgrounds and a page-number footer', async () => {
    await printer()('<p>x</p>', join(dir, 'r.pdf'));
    const options = lastWindow().printToPDF.mock.calls[0]![0];
    expect(options).toMatchObject({ pageSize: 'A4', printBackground: true, displayHeaderFooter: true });
    expect(options.footerTemplate).toContain('class="pageNumber"');
    expect(options.footerTemplate).toContain('class="totalPages"');
    expect(options.preferCSSPageSize).toBe(true);
  });

  it('reports a page that fails to load, destroys the window and writes nothing', async () => {
    BrowserWindow.loadURLImpl = async () => {
      throw new Error('ERR_FILE_NOT_FOUND (-6) loading file:///x');
    };
    const out = join(dir, 'r.pdf');
    const error = await printer()('<p>x</p>', out).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StewardError);
    expect((error as StewardError).message).toMatch(/could not be laid out: ERR_FILE_NOT_FOUND/);
    expect(lastWindow().destroy).toHaveBeenCalledTimes(1);
    expect(lastWindow().printToPDF).not.toHaveBeenCalled();
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(tmpRoot)).toEqual([]);
  });

  it.each([
    [
      'fails',
      async () => Promise.reject(new Error('Printing failed')),
      /could not be printed: Printing failed/,
    ],
    ['returns something that is not a PDF', async () => Buffer.from('<html>'), /not a PDF/],
    ['returns nothing', async () => Buffer.alloc(0), /not a PDF/],
  ])('when printing %s, says so and leaves the previous file alone', async (_what, impl, message) => {
    PrintingWindow.printImpl = impl;
    const out = join(dir, 'r.pdf');
    writeFileSync(out, 'the previous export');
    const error = await printer()('<p>x</p>', out).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StewardError);
    expect((error as StewardError).message).toMatch(message);
    expect(readFileSync(out, 'utf8')).toBe('the previous export');
    expect(lastWindow().destroy).toHaveBeenCalledTimes(1);
    expect(readdirSync(tmpRoot)).toEqual([]);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('on cancel during printing, rejects at once with the reason, destroys the window and writes nothing', async () => {
    PrintingWindow.printImpl = () => new Promise<Buffer>(() => undefined); // Chromium busy forever
    const controller = new AbortController();
    const out = join(dir, 'r.pdf');
    const printing = printer()('<p>x</p>', out, controller.signal);
    await vi.waitFor(() => expect(lastWindow()?.printToPDF).toHaveBeenCalled());
    const reason = new Error('cancelled');
    controller.abort(reason);
    await expect(printing).rejects.toBe(reason);
    expect(lastWindow().destroy).toHaveBeenCalledTimes(1);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(tmpRoot)).toEqual([]);
  });

  it('does not open a window when already cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(printer()('<p>x</p>', join(dir, 'r.pdf'), controller.signal)).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(BrowserWindow.instances).toHaveLength(0);
  });

  it('does not destroy a window Electron already destroyed', async () => {
    PrintingWindow.printImpl = async (window) => {
      window.destroyed = true; // e.g. the app is quitting
      throw new Error('Object has been destroyed');
    };
    await expect(printer()('<p>x</p>', join(dir, 'r.pdf'))).rejects.toBeInstanceOf(StewardError);
    expect(lastWindow().destroy).not.toHaveBeenCalled();
  });
});
