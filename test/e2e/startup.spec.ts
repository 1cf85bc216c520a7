// Starts of the app now that most screens load on demand: every address opens its screen from a
// cold start (a typed address, a bookmark, a reload), the first screen keeps focus where it is and
// a navigation moves it to the new h1, and a start in French is French from the first frame,
// screens loaded on demand included.
import type { Page } from '@playwright/test';
import { expect, test, type StewardHarness } from './support/fixtures';

async function withProfile(steward: StewardHarness) {
  await steward.handle.services.createProfile({
    name: 'Amara Okafor',
    email: 'amara.okafor@example.com',
    team: 'Marketing',
  });
}

const h1 = (page: Page) => page.getByRole('heading', { level: 1 });

test('every address opens its screen on a cold start, and focus moves only on navigation', async ({
  page,
  renderer,
  steward,
}) => {
  await withProfile(steward);
  const services = steward.handle.services;
  const module = (await services.listTrainingModules({})).modules[0]!;
  const { draftId } = await services.createReviewDraft({});
  for (const [hash, heading] of [
    ['#/training', 'Training'],
    [`#/training/${module.id}`, module.title],
    [`#/training/${module.id}/quiz`, 'Knowledge check'],
    [`#/training/${module.id}/attest`, 'Sign the attestation'],
    ['#/reviews', 'Reviews'],
    [`#/reviews/drafts/${draftId}`, 'New review'],
    ['#/records', 'Records'],
    ['#/organisation', 'Organisation'],
    ['#/content', 'Content & policy'],
    ['#/settings', 'Settings'],
    ['#/profiles/new', 'Add a profile'],
  ] as const) {
    // A new document each time: from one app address to the next, goto would only change the hash.
    await page.goto('about:blank');
    await page.goto(`${renderer.url}${hash}`);
    await expect(h1(page), hash).toHaveText(heading);
    await expect(h1(page), `${hash}: the first screen of a start keeps focus where it is`).not.toBeFocused();
  }

  // From the last one, through the navigation (the keyboard's way) and back (the browser's).
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Records' }).press('Enter');
  await expect(h1(page)).toHaveText('Records');
  await expect(h1(page)).toBeFocused();
  await page.goBack();
  await expect(h1(page)).toHaveText('Add a profile');
  await expect(h1(page)).toBeFocused();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reviews' }).click();
  await expect(h1(page)).toHaveText('Reviews');
  await expect(h1(page)).toBeFocused();
});

test('a start in French is French from the first frame, on every screen', async ({
  page,
  renderer,
  steward,
}) => {
  await withProfile(steward);
  await steward.handle.services.setLocale({ locale: 'fr' });
  // This machine ran in French last time; the first text the shell shows is noted as it appears.
  await page.addInitScript({
    content: `
      localStorage.setItem('steward.locale', 'fr');
      new MutationObserver((_, observer) => {
        const nav = document.querySelector('nav');
        if (nav === null) return;
        window.firstNav = nav.textContent;
        observer.disconnect();
      }).observe(document, { childList: true, subtree: true });`,
  });
  await page.goto(`${renderer.url}#/records`);
  await expect(h1(page)).toHaveText('Registres');
  const firstNav = await page.evaluate(() => (globalThis as unknown as { firstNav?: string }).firstNav);
  expect(firstNav).toContain('Formation');
  const nav = page.getByRole('navigation', { name: 'Menu principal' });
  await nav.getByRole('link', { name: 'Paramètres' }).click();
  await expect(h1(page)).toHaveText('Paramètres');
  await nav.getByRole('link', { name: 'Formation' }).click();
  await expect(h1(page)).toHaveText('Formation');
  await nav.getByRole('link', { name: 'Contenu et politique' }).click();
  await expect(h1(page)).toHaveText('Contenu et politique');
  await expect(page.getByRole('region', { name: 'En vigueur' })).toBeVisible();

  // Back to English: the screens loaded so far, and those still to load, follow.
  await nav.getByRole('link', { name: 'Paramètres' }).click();
  await page
    .getByRole('group', { name: 'Langue' })
    .getByRole('radio', { name: 'English', exact: true })
    .check();
  await expect(h1(page)).toHaveText('Settings');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reviews' }).click();
  await expect(h1(page)).toHaveText('Reviews');
});
