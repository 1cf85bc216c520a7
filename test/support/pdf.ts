// A PDF an export or a print wrote, read back page by page with pdfjs (its legacy build, which runs
// in Node): what the specs check the paper against.
import { readFileSync } from 'node:fs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** Each page's text, as pdfjs reads it from the file, NFC-normalised. */
export async function pdfPages(file: string): Promise<string[]> {
  const task = getDocument({ data: new Uint8Array(readFileSync(file)), verbosity: 0 });
  const doc = await task.promise;
  const pages: string[] = [];
  for (let n = 1; n <= doc.numPages; n += 1) {
    const content = await (await doc.getPage(n)).getTextContent();
    pages.push(
      content.items
        .map((item) => ('str' in item ? item.str : ''))
        .join('')
        .normalize('NFC'),
    );
  }
  await task.destroy();
  return pages;
}

/** The text without white space: pdfjs breaks and joins lines of text in its own places. */
export const squash = (s: string): string => s.replace(/\s+/g, '');
