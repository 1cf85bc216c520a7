// HTML -> PDF inside the app, with Electron's own Chromium: a hidden window that can run nothing
// (sandboxed, no preload, no Node, JavaScript off, an in-memory session of its own) loads the page
// from a private temp file — a data: URL would hit Chromium's 2 MB URL limit on a large matrix —
// and prints it. The window is destroyed and the temp folder removed whatever happens; the PDF
// reaches outFile only complete. The CLI and the preview use core/records/chromiumPdf.ts instead.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BrowserWindow } from 'electron';
import type { BrowserWindowConstructorOptions, PrintToPDFOptions } from 'electron';
import { StewardError } from '../core/errors';
import { plainReason, writeFileAtomic } from '../core/ledger/workspace';

/** What the printer needs of a window; Electron's BrowserWindow, or a stand-in in tests. */
export interface PdfWindow {
  loadURL(url: string): Promise<void>;
  destroy(): void;
  isDestroyed(): boolean;
  webContents: { printToPDF(options: PrintToPDFOptions): Promise<Buffer> };
}
export type PdfWindowClass = new (options: BrowserWindowConstructorOptions) => PdfWindow;

export type PdfPrinter = (html: string, outFile: string, signal?: AbortSignal) => Promise<{ bytes: number }>;

export interface ElectronPdfDeps {
  BrowserWindow?: PdfWindowClass;
}

export const PDF_WINDOW_OPTIONS: BrowserWindowConstructorOptions = {
  show: false,
  width: 794, // A4 at 96 dpi, so layout before printing matches the page
  height: 1123,
  webPreferences: {
    // A fresh in-memory session: no cookies, cache or storage shared with the app's page.
    partition: 'steward-pdf-export',
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    javascript: false,
    webviewTag: false,
    spellcheck: false,
  },
};

/**
 * Page numbers for documents that do not draw their own. Steward's documents put them in CSS
 * @page margin boxes, and Chromium then leaves this template out, so the two never both print.
 */
const FOOTER_TEMPLATE =
  '<div style="width:100%;padding:0 14mm;font:7.5pt sans-serif;color:#4f5e62;text-align:right">' +
  'Page <span class="pageNumber"></span> of <span class="totalPages"></span></div>';

export const PDF_PRINT_OPTIONS: PrintToPDFOptions = {
  pageSize: 'A4',
  printBackground: true,
  preferCSSPageSize: true,
  displayHeaderFooter: true,
  headerTemplate: '<span></span>',
  footerTemplate: FOOTER_TEMPLATE,
};

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The operation was aborted.', 'AbortError');
}

/** Settles with `work`, or rejects as soon as the signal fires (a load or print cannot be stopped). */
function unlessAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  if (signal.aborted) return Promise.reject(abortReason(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortReason(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

export function createElectronPdfPrinter(deps: ElectronPdfDeps = {}): PdfPrinter {
  const Window: PdfWindowClass = deps.BrowserWindow ?? BrowserWindow;
  return async (html, outFile, signal) => {
    if (signal?.aborted) throw abortReason(signal);
    const work = mkdtempSync(join(tmpdir(), 'steward-pdf-')); // mode 0700
    let window: PdfWindow | null = null;
    try {
      const page = join(work, 'page.html');
      writeFileSync(page, html, { encoding: 'utf8', mode: 0o600 });
      window = new Window(PDF_WINDOW_OPTIONS);
      try {
        await unlessAborted(window.loadURL(pathToFileURL(page).href), signal);
      } catch (err) {
        if (signal?.aborted) throw abortReason(signal);
        throw new StewardError('INTERNAL', `The PDF page could not be laid out: ${plainReason(err)}.`, {
          cause: err,
        });
      }
      let pdf: Buffer;
      try {
        pdf = await unlessAborted(window.webContents.printToPDF(PDF_PRINT_OPTIONS), signal);
      } catch (err) {
        if (signal?.aborted) throw abortReason(signal);
        throw new StewardError('INTERNAL', `The PDF could not be printed: ${plainReason(err)}.`, {
          cause: err,
        });
      }
      if (pdf.length === 0 || Buffer.from(pdf.subarray(0, 5)).toString('latin1') !== '%PDF-') {
        throw new StewardError('INTERNAL', 'Printing produced something that is not a PDF.');
      }
      if (signal?.aborted) throw abortReason(signal);
      try {
        writeFileAtomic(outFile, pdf);
      } catch (err) {
        throw new StewardError('INTERNAL', `Steward could not write ${outFile}: ${plainReason(err)}.`, {
          cause: err,
        });
      }
      return { bytes: pdf.length };
    } finally {
      if (window !== null && !window.isDestroyed()) window.destroy();
      rmSync(work, { recursive: true, force: true });
    }
  };
}
