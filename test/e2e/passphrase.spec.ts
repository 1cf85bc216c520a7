// A colleague at the same computer account, with the keyboard alone: Dana, the organisation's
// admin, has a passphrase. From Eve's profile, switching to Dana's asks for it: a wrong one is
// refused and Eve stays; the right one switches. Steward started again with Dana current opens
// locked, on the first-run page, until the passphrase is given. Eve sets a passphrase of her own
// in Settings. axe checks the prompt and the passphrase panel.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { activate, goWithKeyboard, tabTo } from './support/keyboard';

test.use({ locale: 'en-US' });

const PASS = 'the admin knows this';
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

async function expectNoViolations(page: Page, screen: string) {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const report = results.violations.map(
    (v) => `  ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  expect(results.violations.length, `axe found problems on ${screen}:\n${report.join('\n')}`).toBe(0);
}

async function typeIn(page: Page, field: ReturnType<Page['getByLabel']>, text: string) {
  await tabTo(page, field);
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Backspace');
  await page.keyboard.type(text);
}

test('switching to a profile with a passphrase asks for it; Steward opens such a profile locked', async ({
  page,
  renderer,
  steward,
}) => {
  test.setTimeout(120_000);
  const services = steward.handle.services;
  const dana = await services.createProfile({
    name: 'Dana Whitfield',
    email: 'dana.whitfield@example.com',
    team: 'Privacy Office',
    passphrase: PASS,
  });
  await services.createOrganisation({
    name: 'Acme Analytics',
    teams: ['Privacy Office'],
    team: 'Privacy Office',
    fromPolicy: false,
  });
  await services.createProfile({ name: 'Eve Moneypenny', email: 'eve@example.com', team: 'Privacy Office' });

  await page.goto(renderer.url);
  const toggle = page.getByRole('button', { name: /switch profile/i });
  await expect(toggle).toContainText('Eve Moneypenny');

  // ---- from the switcher: a wrong passphrase, then the right one ----------------------------
  await activate(page, toggle);
  await activate(page, page.getByRole('button', { name: /^Dana Whitfield/ }));
  const prompt = page.getByRole('form', { name: 'Unlock Dana Whitfield' });
  const field = prompt.getByLabel('Passphrase of Dana Whitfield');
  await expect(field).toBeFocused();
  await expectNoViolations(page, 'the passphrase prompt');
  await page.keyboard.type('dana1234');
  await page.keyboard.press('Enter');
  await expect(prompt.getByText('That is not the passphrase of this profile.')).toBeVisible();
  await expect(toggle).toContainText('Eve Moneypenny');
  await typeIn(page, field, PASS);
  await page.keyboard.press('Enter');
  await expect(toggle).toContainText('Dana Whitfield');
  expect((await services.getCurrentProfile({}))?.id).toBe(dana.id);

  // ---- started again with Dana current: locked until the passphrase is given ----------------
  await steward.restart();
  await page.reload();
  await expect(
    page.getByRole('heading', { name: 'Or continue with a profile on this computer' }),
  ).toBeVisible();
  expect(await steward.handle.services.getCurrentProfile({})).toBeNull();
  await activate(page, page.getByRole('button', { name: 'Continue as Dana Whitfield' }));
  const unlock = page.getByRole('form', { name: 'Unlock Dana Whitfield' });
  await expect(unlock.getByLabel('Passphrase of Dana Whitfield')).toBeFocused();
  await page.keyboard.type(PASS);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: /switch profile/i })).toContainText('Dana Whitfield');

  // ---- Eve sets a passphrase of her own in Settings -----------------------------------------
  await activate(page, page.getByRole('button', { name: /switch profile/i }));
  await activate(page, page.getByRole('button', { name: /^Eve Moneypenny/ }));
  await expect(page.getByRole('button', { name: /switch profile/i })).toContainText('Eve Moneypenny');
  await goWithKeyboard(page, 'Settings');
  const panel = page.getByRole('region', { name: 'Passphrase' });
  await expect(panel).toContainText('This profile has no passphrase');
  await activate(page, panel.getByRole('button', { name: 'Set a passphrase' }));
  await typeIn(page, panel.getByLabel('New passphrase', { exact: true }), 'eve has one now');
  await typeIn(page, panel.getByLabel('New passphrase again'), 'eve has one now');
  await expectNoViolations(page, 'Settings, setting a passphrase');
  await activate(page, panel.getByRole('button', { name: 'Save the passphrase' }));
  await expect(panel).toContainText('The passphrase is set.');
  await expect(panel).toContainText('This profile has a passphrase.');
});
