// A DPO appoints a reviewer through the screens, with the keyboard alone (Tab, Shift+Tab, Enter,
// Space, arrow keys and typing; nothing is clicked or filled): Dana sets up the organisation and
// gets its code; Ben, on the same app under his own profile, compares the code and asks to join;
// Dana compares Ben's fingerprint, enrols him and grants him the reviewer role; Ben's review queue
// then shows the review waiting for a reviewer. The DPO's keystrokes-level steps and the time
// they take are recorded in the test's annotations (the Measure of issue 13). axe checks the
// Organisation screen in its states and the Content & policy screen. A second test puts Ben on
// his own app (its own user-data folder and key, the same workspace folder): it asks him to confirm
// the organisation by its code, refuses a wrong one, and reads his role from the shared workspace.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import type { ProfileSummary } from '../../electron/core/contract/views/app';
import { createDispatch } from '../../electron/core/dispatch';
import { fileOnlyProtector } from '../../electron/core/profiles/keystore';
import { createServices } from '../../electron/core/services';
import { confStoreFactory } from '../../electron/core/settings/settingsStore';
import { BINDING_NAME, pageBridgeSource } from '../../electron/preview/pageBridge';
import { completeModules } from '../support/moduleKey';
import { expect, test, type StewardHarness } from './support/fixtures';
import { activate, goWithKeyboard, switchProfileWithKeyboard, tabTo } from './support/keyboard';
import { ALL_MODULES, churnAnswers, churnResponses, SUBMITTER_MODULES } from './support/reviewAnswers';

test.use({ locale: 'en-US' });

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const TITLE = 'Churn-risk score for subscribers';

async function expectNoViolations(page: Page, screen: string) {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const report = results.violations
    .map(
      (v) =>
        `  [${v.impact ?? 'n/a'}] ${v.id}: ${v.help}\n${v.nodes.map((n) => `    - ${n.target.join(' ')}`).join('\n')}`,
    )
    .join('\n');
  expect(results.violations.length, `axe found problems on ${screen}:\n${report}`).toBe(0);
}

/** Ben (trained for reviewing) and Dana (the DPO, current) have profiles on this app. */
async function seed(steward: StewardHarness) {
  const services = steward.handle.services;
  const ben = await services.createProfile({
    name: 'Ben Schmidt',
    email: 'ben.schmidt@example.com',
    team: 'Privacy Office',
  });
  await steward.completeModules(ALL_MODULES);
  const dana = await services.createProfile({
    name: 'Dana Whitfield',
    email: 'dana.whitfield@example.com',
    team: 'Privacy Office',
  });
  return { ben, dana };
}

/**
 * Amara joins on her own computer (here: the same services, her own profile), Dana enrols her,
 * and she submits the churn review — through the services, not the subject here. A review is
 * someone's accountability: it counts once its submitter is enrolled.
 */
async function amaraSubmits(steward: StewardHarness, dana: ProfileSummary, ben: ProfileSummary) {
  const services = steward.handle.services;
  const org = (await services.getOrganisation({})).org;
  if (!org) throw new Error('no organisation');
  const amara = await services.createProfile({
    name: 'Amara Okafor',
    email: 'amara.okafor@example.com',
    team: 'Data Science',
  });
  await services.confirmOrganisation({ orgId: org.orgId, code: org.code });
  await services.switchProfile({ profileId: dana.id });
  await services.enrolPerson({
    name: amara.name,
    email: amara.email,
    team: amara.team,
    profileIds: [amara.id],
  });
  await services.switchProfile({ profileId: amara.id });
  await steward.completeModules(SUBMITTER_MODULES);
  const draft = await services.createReviewDraft({});
  await services.saveReviewDraft({
    draftId: draft.draftId,
    answers: churnAnswers(),
    mitigationResponses: churnResponses(),
  });
  await services.submitReview({ draftId: draft.draftId });
  await services.switchProfile({ profileId: ben.id });
}

/** Counts what the DPO does: each focus-and-act or typed field is one step. */
class Steps {
  count = 0;
  ms = 0;
  private started = 0;
  start() {
    this.started = Date.now();
  }
  stop() {
    this.ms += Date.now() - this.started;
  }
  async activate(page: Page, target: Locator, key = 'Enter') {
    this.count += 1;
    await activate(page, target, key);
  }
  async type(page: Page, field: Locator, text: string) {
    this.count += 1;
    await tabTo(page, field);
    await page.keyboard.type(text);
    await expect(field).toHaveValue(text);
  }
  async go(page: Page, item: string) {
    this.count += 1;
    await goWithKeyboard(page, item);
  }
}

test('a DPO sets up the organisation and appoints a reviewer, with the keyboard alone', async ({
  page,
  renderer,
  steward,
}) => {
  test.setTimeout(180_000);
  const { ben, dana } = await seed(steward);
  await page.goto(renderer.url);
  const toggle = page.getByRole('button', { name: /switch profile/i });
  await expect(toggle).toContainText('Dana Whitfield');

  // Before: Ben holds no role, so his queue has nothing to decide.
  const dpo = new Steps();

  // ---- Dana sets up the organisation ---------------------------------------------------------
  dpo.start();
  await dpo.go(page, 'Organisation');
  await expectNoViolations(page, 'Organisation (no organisation yet)');
  const setup = page.getByRole('form', { name: 'Set up your organisation' });
  await dpo.type(page, setup.getByRole('textbox', { name: 'Organisation name' }), 'Acme Analytics');
  // The teams the bundled policy names are there already, and Dana's own.
  await expect(setup.getByRole('textbox', { name: 'Teams' })).toHaveValue(/Product[\s\S]*Privacy Office/);
  await dpo.activate(page, setup.getByRole('button', { name: 'Set up the organisation' }));
  const done = page.getByRole('status').filter({ hasText: 'Acme Analytics is set up' });
  await expect(done).toBeVisible();
  const code = (await done.locator('.org-code--big').textContent())?.trim() ?? '';
  expect(code).toMatch(/\S{4,}/);
  dpo.stop();
  await expectNoViolations(page, 'Organisation (just set up, admin)');

  // ---- Ben, at the same app, compares the code and asks to join (his steps, not the DPO's) ---
  await switchProfileWithKeyboard(page, 'Ben Schmidt');
  await goWithKeyboard(page, 'Organisation');
  const join = page.getByRole('form', { name: 'Confirm Acme Analytics' });
  await tabTo(page, join.getByRole('textbox', { name: 'The code your admin gave you' }));
  await page.keyboard.type(code);
  await activate(page, join.getByRole('button', { name: 'Ask to join Acme Analytics' }));
  await expect(page.getByText('Waiting for an admin to enrol you')).toBeVisible();
  await expect(page.getByText(ben.fingerprint).first()).toBeVisible();
  await expectNoViolations(page, 'Organisation (asked to join)');

  // ---- Dana compares the fingerprint, enrols Ben, grants him the reviewer role ---------------
  await switchProfileWithKeyboard(page, 'Dana Whitfield');
  dpo.start();
  await dpo.go(page, 'Organisation');
  const requests = page.getByRole('region', { name: 'Join requests' });
  await expect(requests.getByText(ben.fingerprint)).toBeVisible();
  const enrol = requests.getByRole('form', { name: 'Enrol Ben Schmidt' });
  await expect(enrol.getByRole('radio', { name: 'A new person' })).toBeChecked();
  await expect(enrol.getByRole('radio', { name: 'Privacy Office' })).toBeChecked();
  await dpo.activate(page, enrol.getByRole('button', { name: 'Enrol Ben Schmidt' }));
  await expect(requests.getByText('No one is waiting to be enrolled.')).toBeVisible();
  await dpo.activate(page, page.getByRole('button', { name: 'Grant a role to Ben Schmidt' }));
  const grant = page.getByRole('form', { name: 'Grant a role to Ben Schmidt' });
  await expect(grant.getByRole('radio', { name: /^Reviewer/ })).toBeChecked();
  await dpo.activate(page, grant.getByRole('button', { name: 'Grant Reviewer to Ben Schmidt' }));
  const roles = page.getByRole('list', { name: 'Roles of Ben Schmidt' });
  await expect(roles).toContainText('Reviewer');
  await expect(roles).toContainText('In force');
  dpo.stop();
  await expectNoViolations(page, 'Organisation (member, admin)');

  test.info().annotations.push({
    type: 'measure',
    description: `DPO: ${dpo.count} steps, ${(dpo.ms / 1000).toFixed(1)} s through the screens to set up the organisation and appoint a reviewer (Ben's join not counted)`,
  });
  console.log(`[measure] DPO appoints a reviewer: ${dpo.count} steps, ${dpo.ms} ms`);

  // Content & policy: release 1, seeded from the bundled content.
  await goWithKeyboard(page, 'Content & policy');
  await expect(page.getByRole('region', { name: 'In force' })).toContainText('Dana Whitfield');
  await expect(page.getByRole('region', { name: 'Publish a release' })).toBeVisible();
  await expectNoViolations(page, 'Content & policy (admin)');

  // ---- Ben is a reviewer now: his queue shows the review Amara then submits -----------------
  await amaraSubmits(steward, dana, ben);
  await page.reload();
  await expect(toggle).toContainText('Ben Schmidt');
  await goWithKeyboard(page, 'Reviews');
  const queue = page.getByRole('region', { name: 'Review queue' });
  await expect(queue).toContainText('Amara Okafor');
  await expect(queue.getByRole('link', { name: TITLE })).toBeVisible();
  // Settings says so, with the date it started.
  await goWithKeyboard(page, 'Settings');
  await expect(page.getByRole('region', { name: 'Your roles' })).toContainText(/Reviewer · from/);

  // Everyone else sees the roster read-only: no emails, no keys, no admin actions.
  await goWithKeyboard(page, 'Organisation');
  await expect(page.getByRole('list', { name: 'Roles of Ben Schmidt' })).toContainText('Reviewer');
  await expect(page.getByRole('button', { name: /Grant a role/ })).toHaveCount(0);
  await expect(page.getByText('ben.schmidt@example.com')).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Join requests' })).toHaveCount(0);
  await expectNoViolations(page, 'Organisation (member, not admin)');
});

test('a reviewer on his own app confirms the organisation by its code before the DPO appoints him', async ({
  browser,
  page,
  renderer,
  steward,
}) => {
  test.setTimeout(180_000);
  // Dana's app (the harness): she set up the organisation earlier.
  const services = steward.handle.services;
  const dana = await services.createProfile({
    name: 'Dana Whitfield',
    email: 'dana.whitfield@example.com',
    team: 'Privacy Office',
  });
  const created = await services.createOrganisation({
    name: 'Acme Analytics',
    teams: ['Privacy Office', 'Data Science'],
    team: 'Privacy Office',
    fromPolicy: false,
  });
  const code = created.organisation.org!.code;

  // Ben's own app: its own user-data folder and key, the same shared workspace folder.
  const benDir = fs.mkdtempSync(path.join(os.tmpdir(), 'steward-e2e-ben-'));
  const benApp = await createServices({
    userDataDir: benDir,
    contentDir: steward.contentDir,
    now: steward.clock.now,
    settingsStoreFactory: confStoreFactory,
    secretProtector: fileOnlyProtector,
    capabilities: { host: 'test' },
    appVersion: '0.0.0-test',
  });
  const benContext = await browser.newContext({ locale: 'en-US' });
  try {
    await benApp.services.setWorkspace({ dir: steward.workspaceDir });
    const ben = await benApp.services.createProfile({
      name: 'Ben Schmidt',
      email: 'ben.schmidt@example.com',
      team: 'Privacy Office',
    });
    await completeModules(benApp.services, ALL_MODULES, steward.contentDir);
    const dispatch = createDispatch(benApp.services);
    const benPage = await benContext.newPage();
    await benPage.exposeBinding(BINDING_NAME, (_source, method: unknown, args: unknown) =>
      dispatch(String(method), args),
    );
    await benPage.addInitScript(pageBridgeSource('binding'));

    // Ben's app has not joined: it shows the organisation with its founder and code to compare.
    await benPage.goto(renderer.url);
    await goWithKeyboard(benPage, 'Organisation');
    const confirm = benPage.getByRole('form', { name: 'Confirm Acme Analytics' });
    await expect(benPage.getByRole('region', { name: 'Acme Analytics' })).toContainText('Dana Whitfield');
    await expectNoViolations(benPage, 'Organisation (confirm the code)');
    // A code that is not this organisation's is refused before anything is written.
    await tabTo(benPage, confirm.getByRole('textbox', { name: /The code your admin gave you/ }));
    await benPage.keyboard.type('AAAA-BBBB-CCCC-DDDD');
    await activate(benPage, confirm.getByRole('button', { name: 'Confirm Acme Analytics' }));
    await expect(confirm.getByText(/That is not this organisation's code/)).toBeVisible();
    expect((await benApp.services.getOrganisation({})).state).toBe('confirm');
    // The code Dana gave him.
    await tabTo(benPage, confirm.getByRole('textbox', { name: /The code your admin gave you/ }));
    await benPage.keyboard.press('ControlOrMeta+A');
    await benPage.keyboard.type(code);
    await activate(benPage, confirm.getByRole('button', { name: 'Confirm Acme Analytics' }));
    await expect(benPage.getByText('Waiting for an admin to enrol you')).toBeVisible();

    // Dana, on her app, sees his request with the fingerprint his Settings shows, enrols him, grants reviewer.
    await page.goto(renderer.url);
    await goWithKeyboard(page, 'Organisation');
    const requests = page.getByRole('region', { name: 'Join requests' });
    await expect(requests.getByText(ben.fingerprint)).toBeVisible();
    await activate(page, requests.getByRole('button', { name: 'Enrol Ben Schmidt' }));
    await activate(page, page.getByRole('button', { name: 'Grant a role to Ben Schmidt' }));
    await activate(
      page,
      page
        .getByRole('form', { name: 'Grant a role to Ben Schmidt' })
        .getByRole('button', { name: /^Grant Reviewer/ }),
    );
    await expect(page.getByRole('list', { name: 'Roles of Ben Schmidt' })).toContainText('In force');

    // Amara submits on Dana's app (enrolled first: a review counts once its submitter is).
    const org = (await services.getOrganisation({})).org!;
    const amara = await services.createProfile({
      name: 'Amara Okafor',
      email: 'amara.okafor@example.com',
      team: 'Data Science',
    });
    await services.confirmOrganisation({ orgId: org.orgId, code: org.code });
    await services.switchProfile({ profileId: dana.id });
    await services.enrolPerson({
      name: amara.name,
      email: amara.email,
      team: amara.team,
      profileIds: [amara.id],
    });
    await services.switchProfile({ profileId: amara.id });
    await steward.completeModules(SUBMITTER_MODULES);
    const draft = await services.createReviewDraft({});
    await services.saveReviewDraft({
      draftId: draft.draftId,
      answers: churnAnswers(),
      mitigationResponses: churnResponses(),
    });
    await services.submitReview({ draftId: draft.draftId });

    // On Ben's own app, read from the shared workspace: he is a reviewer and the review is his to decide.
    await goWithKeyboard(benPage, 'Reviews');
    const queue = benPage.getByRole('region', { name: 'Review queue' });
    await expect(queue).toContainText('Amara Okafor');
    await expect(queue.getByRole('link', { name: TITLE })).toBeVisible();
  } finally {
    await benContext.close();
    await benApp.close();
    fs.rmSync(benDir, { recursive: true, force: true });
  }
});
