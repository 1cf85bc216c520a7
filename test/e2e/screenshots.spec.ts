// The README's pictures: the main screens at 1280×800 (CSS pixels), written to docs/screenshots/.
// Run on purpose, not with every test run: STEWARD_SCREENSHOTS=1 npx playwright test
// test/e2e/screenshots.spec.ts (after `npm run build`). Each is the viewport, not the full page,
// so a picture shows what a person sees first and stays small (< 200 KB as PNG).
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import type { Locator, Page } from '@playwright/test';
import { expect, test, type StewardHarness } from './support/fixtures';
import { answersFor, readModuleKey } from '../support/moduleKey';
import { seedManagerWorkspace } from './support/records';
import {
  churnAnswers,
  churnResponses,
  fillApproveWithConditions,
  seedReviewAwaitingVersion2Decision,
} from './support/reviewAnswers';

const OUT = path.resolve(import.meta.dirname, '../../docs/screenshots');
const MODULE = 'law-in-practice';

test.skip(
  process.env.STEWARD_SCREENSHOTS !== '1',
  'Screenshots for docs/ are taken on request: set STEWARD_SCREENSHOTS=1.',
);
test.use({ viewport: { width: 1280, height: 800 }, locale: 'en-US', colorScheme: 'light' });

/** The viewport as it is, after fonts and the caret settle; `focus` is scrolled to the top. */
async function shoot(page: Page, name: string, focus?: Locator) {
  fs.mkdirSync(OUT, { recursive: true });
  const body = page.locator('body');
  // No hover state left where the last click was.
  await page.mouse.move(0, 0);
  if (focus) await focus.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  else await body.evaluate((el) => el.ownerDocument.defaultView?.scrollTo(0, 0));
  // Nothing focused: a focus ring left by the last action is not part of the picture.
  await body.evaluate(async (el) => {
    const active = el.ownerDocument.activeElement as { blur?: () => void } | null;
    active?.blur?.();
    await (el.ownerDocument as unknown as { fonts: { ready: Promise<unknown> } }).fonts.ready;
  });
  await page.screenshot({
    path: path.join(OUT, `${name}.png`),
    scale: 'css',
    caret: 'hide',
    animations: 'disabled',
  });
  const size = fs.statSync(path.join(OUT, `${name}.png`)).size;
  expect(size, `${name}.png stays small`).toBeLessThan(200_000);
}

async function open(page: Page, url: string, hash: string, heading: string | RegExp) {
  await page.goto(`${url}${hash}`);
  await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
}

async function answer(page: Page, kind: 'right' | 'wrong') {
  for (const [questionId, optionIds] of Object.entries(answersFor(readModuleKey(MODULE), kind))) {
    for (const optionId of optionIds) {
      await page.locator(`input[name="q-${questionId}"][value="${optionId}"]`).check();
    }
  }
}

async function chooseTheme(page: Page, url: string, label: string, id: string) {
  await open(page, url, '#/settings', 'Settings');
  await page.getByRole('group', { name: 'Theme' }).getByRole('radio', { name: label }).check();
  await expect(page.locator('html')).toHaveAttribute('data-theme', id);
}

test('training screens', async ({ page, renderer }) => {
  test.setTimeout(90_000);
  await page.goto(renderer.url);
  await expect(page.getByRole('button', { name: 'Create profile' })).toBeVisible();
  await shoot(page, 'first-run');

  await page.getByLabel('Name').fill('Amara Okafor');
  await page.getByLabel('Email').fill('amara.okafor@example.com');
  await page.getByLabel('Team').fill('Marketing');
  await page.getByRole('button', { name: 'Create profile' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Training' })).toBeVisible();
  await expect(page.locator('li.module-card').first()).toBeVisible();
  await shoot(page, 'training-catalogue');

  const key = readModuleKey(MODULE);
  await open(page, renderer.url, `#/training/${MODULE}`, key.title);
  await expect(page.getByRole('progressbar')).toBeVisible();
  await shoot(page, 'module-reader');

  await open(page, renderer.url, `#/training/${MODULE}/quiz`, 'Knowledge check');
  await answer(page, 'right');
  await page.getByRole('button', { name: 'Submit answers' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Knowledge check passed' })).toBeVisible();
  await shoot(page, 'quiz-result');

  await page.getByRole('link', { name: 'Continue to attestation' }).first().click();
  await page.getByRole('checkbox', { name: 'I confirm this statement' }).check();
  await page.getByRole('button', { name: 'Sign and complete' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Certificate: ${key.title}` })).toBeVisible();
  await expect(page.getByText('Signature verified against the records')).toBeVisible();
  await shoot(page, 'certificate');
});

async function draftWithAnswers(steward: StewardHarness) {
  const services = steward.handle.services;
  const draft = await services.createReviewDraft({});
  await services.saveReviewDraft({
    draftId: draft.draftId,
    answers: churnAnswers({ proposalTitle: 'Next-best-offer emails from purchase history' }),
    mitigationResponses: churnResponses(),
  });
  return draft.draftId;
}

test('review screens', async ({ page, renderer, steward }) => {
  test.setTimeout(90_000);
  const { ben, reviewId } = await seedReviewAwaitingVersion2Decision(steward);
  const draftId = await draftWithAnswers(steward);
  const steps = page.getByRole('navigation', { name: 'Questionnaire steps' });

  await open(page, renderer.url, `#/reviews/drafts/${draftId}`, /^Draft: /);
  await expect(page.getByRole('heading', { level: 2, name: 'The proposal' })).toBeVisible();
  await shoot(page, 'review-questionnaire');

  await steps.getByRole('button', { name: /Risk summary/ }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Risk summary' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Submit for review' })).toBeEnabled();
  await shoot(page, 'review-risk-summary');

  await steward.handle.services.switchProfile({ profileId: ben.id });
  // A new hash alone keeps the page (and its idea of who is signed in): load it afresh as Ben.
  await page.goto(`${renderer.url}#/reviews/${reviewId}`);
  await page.reload();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Churn-risk score for subscribers' }),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: /switch profile/i })).toContainText('Ben Schmidt');
  const decision = page.getByRole('form', { name: 'Decision' });
  await fillApproveWithConditions(decision);
  await shoot(page, 'review-decision', page.locator('#decision-form'));
});

test('records and settings screens, dark theme and French', async ({ page, renderer, steward }) => {
  test.setTimeout(120_000);
  await seedManagerWorkspace(steward);
  const tab = (name: string) => page.getByRole('tablist', { name: 'Records' }).getByRole('tab', { name });

  await open(page, renderer.url, '#/records', 'Records');
  await expect(page.locator('.records-charts').first()).toBeVisible();
  await shoot(page, 'records-overview');

  await tab('Completion matrix').click();
  await page.getByRole('button', { name: /^Status:/ }).click();
  await page.getByRole('group', { name: 'Status' }).getByRole('checkbox', { name: 'Passed' }).check();
  await page.keyboard.press('Escape');
  await expect(page.locator('.matrix tbody tr.matrix__row').first()).toBeVisible();
  await shoot(page, 'records-matrix');

  await tab('Export').click();
  await page.getByRole('checkbox', { name: 'Apply the current matrix filter' }).check();
  await page.getByRole('button', { name: 'Start export' }).click();
  await expect(page.getByRole('button', { name: 'Export something else' })).toBeVisible({ timeout: 30_000 });
  await shoot(page, 'records-export');

  await open(page, renderer.url, '#/settings', 'Settings');
  await expect(page.getByRole('textbox', { name: 'Endpoint' })).toBeVisible();
  await shoot(page, 'settings');

  await chooseTheme(page, renderer.url, 'Dark', 'dark');
  await open(page, renderer.url, '#/records', 'Records');
  await tab('Overview').click();
  await expect(page.locator('.records-charts').first()).toBeVisible();
  await shoot(page, 'records-overview-dark');

  await chooseTheme(page, renderer.url, 'Light', 'light');
  await page.getByRole('group', { name: 'Language' }).getByRole('radio', { name: 'Français' }).check();
  await expect(page.locator('html')).toHaveAttribute('lang', /^fr/);
  await page.goto(`${renderer.url}#/training`);
  await expect(page.locator('li.module-card').first()).toBeVisible();
  await shoot(page, 'training-catalogue-fr');
});

test('organisation and content screens, French and dark', async ({ page, renderer, steward }) => {
  test.setTimeout(120_000);
  const services = steward.handle.services;
  const ben = await services.createProfile({
    name: 'Ben Schmidt',
    email: 'ben.schmidt@example.com',
    team: 'Privacy Office',
  });
  const amara = await services.createProfile({
    name: 'Amara Okafor',
    email: 'amara.okafor@example.com',
    team: 'Data Science',
  });
  const dana = await services.createProfile({
    name: 'Dana Whitfield',
    email: 'dana.whitfield@example.com',
    team: 'Privacy Office',
  });

  await open(page, renderer.url, '#/organisation', 'Organisation');
  await page.getByRole('textbox', { name: 'Organisation name' }).fill('Acme Analytics');
  await shoot(page, 'organisation-setup');
  await page.getByRole('button', { name: 'Set up the organisation' }).click();
  await expect(page.getByText('Acme Analytics is set up')).toBeVisible();
  await shoot(page, 'organisation-created');

  // Ben joins and is enrolled as a reviewer; Amara asks to join.
  const org = (await services.getOrganisation({})).org!;
  for (const who of [ben, amara]) {
    await services.switchProfile({ profileId: who.id });
    await services.confirmOrganisation({ orgId: org.orgId, code: org.code });
  }
  await services.switchProfile({ profileId: dana.id });
  const enrolled = await services.enrolPerson({
    name: ben.name,
    email: ben.email,
    team: ben.team,
    profileIds: [ben.id],
  });
  const benId = enrolled.org!.people.find((p) => p.email === ben.email)!.personId;
  await services.grantRole({ personId: benId, role: 'reviewer', teams: null, from: null, until: null });

  // The screen reads the organisation again when it opens.
  await open(page, renderer.url, '#/training', 'Training');
  await open(page, renderer.url, '#/organisation', 'Organisation');
  await expect(page.getByRole('form', { name: 'Enrol Amara Okafor' })).toBeVisible();
  await shoot(page, 'organisation-join-request', page.getByRole('region', { name: 'Join requests' }));
  await page.getByRole('button', { name: 'Grant a role to Ben Schmidt' }).click();
  await page.getByRole('radio', { name: /^Manager/ }).check();
  await shoot(page, 'organisation-people', page.getByRole('region', { name: /^People/ }));
  await page.getByRole('button', { name: 'Cancel' }).click();

  // Content & policy: a folder with one policy change, checked before publishing.
  const next = path.join(steward.userDataDir, 'content-next');
  fs.cpSync(steward.contentDir, next, { recursive: true });
  const policyFile = path.join(next, 'policy.yaml');
  const policy = YAML.parse(fs.readFileSync(policyFile, 'utf8')) as { passMark: number };
  policy.passMark = 90;
  fs.writeFileSync(policyFile, YAML.stringify(policy));
  await open(page, renderer.url, '#/content', 'Content & policy');
  await shoot(page, 'content-policy');
  await page.getByRole('textbox', { name: 'Content folder' }).fill(next);
  await page.getByRole('button', { name: 'Check the folder' }).click();
  await expect(page.getByRole('heading', { name: /Release 2: what it changes/ })).toBeVisible();
  await shoot(page, 'content-publish-preview', page.getByRole('region', { name: 'Publish a release' }));

  await open(page, renderer.url, '#/settings', 'Settings');
  await shoot(page, 'settings-roles', page.getByRole('region', { name: 'Your roles' }));

  await chooseTheme(page, renderer.url, 'Dark', 'dark');
  await open(page, renderer.url, '#/organisation', 'Organisation');
  await shoot(page, 'organisation-dark', page.getByRole('region', { name: /^People/ }));

  await chooseTheme(page, renderer.url, 'Light', 'light');
  await page.getByRole('group', { name: 'Language' }).getByRole('radio', { name: 'Français' }).check();
  await expect(page.locator('html')).toHaveAttribute('lang', /^fr/);
  await page.goto(`${renderer.url}#/organisation`);
  await expect(page.getByRole('heading', { level: 1, name: 'Organisation' })).toBeVisible();
  await shoot(page, 'organisation-fr');
  await page.goto(`${renderer.url}#/content`);
  await expect(page.getByRole('heading', { level: 1, name: 'Contenu et politique' })).toBeVisible();
  await shoot(page, 'content-policy-fr');
});
