// The one rounding rule for percentages Steward shows or exports: whole percent, rounded down.
// Down, because a rate or a score must never read as more than it is: 99.6% of people current is
// not "100%", and a knowledge-check score of 79.9% is not a pass at 80 (grading.ts floors the
// same way). The dashboard, the PDF report and the CSV/JSON exports all go through this, so the
// same figure reads the same everywhere. Pure and import-free: the renderer may load it.

/** `part` of `whole` as a whole percent, rounded down; null when there is no whole to divide. */
export function wholePercent(part: number, whole: number): number | null {
  if (!(whole > 0)) return null;
  return Math.floor((part * 100) / whole);
}
