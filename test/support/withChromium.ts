// The vitest specs that print with the real Chromium run only where one is found; elsewhere they
// are skipped, with a warning that says which.
import { describe } from 'vitest';
import { findChromium } from '../../electron/core/records/chromiumPdf';

/** `describe` when a Chromium is found; else one that skips, and a warning that `what` is skipped. */
export function describeWithChromium(what: string) {
  const missing = findChromium() === null;
  if (missing)
    console.warn(`Skipping ${what}: no Chromium found (install chromium or set STEWARD_CHROMIUM).`);
  return describe.skipIf(missing);
}
