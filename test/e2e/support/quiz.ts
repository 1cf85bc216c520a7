// The knowledge check as the page shows it: which questions this attempt asks (one per topic of
// the module's bank), read from the inputs' names (q-<question id>).
import { expect, type Page } from '@playwright/test';

export async function askedOnPage(page: Page): Promise<string[]> {
  const groups = page.locator('fieldset.choice-group');
  await expect(groups.first()).toBeVisible();
  return groups.evaluateAll((all) =>
    all.map((group) => (group.querySelector('input')?.getAttribute('name') ?? '').replace(/^q-/, '')),
  );
}
