// Automated accessibility checks (axe-core, WCAG 2.0/2.1/2.2 A and AA rules) on every screen a
// learner meets: first run, the shell's screens, and each training screen in its main states;
// then a manager's Records tabs, Settings, and the dark and high-contrast themes.
// axe finds a subset of problems (contrast, names, roles, structure); the keyboard walk in
// training.spec.ts and the jsdom tests cover focus and behaviour.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test, type StewardHarness } from './support/fixtures';
import { answersFor, readModuleKey } from '../support/moduleKey';
import { churnAnswers, seedReviewAwaitingVersion2Decision } from './support/reviewAnswers';
import { seedManagerWorkspace } from './support/records';

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const MODULE = 'law-in-practice';

/** Runs axe on the page as it is and fails with a readable list of what is wrong and where. */
async function expectNoViolations(page: Page, screen: string) {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const report = results.violations
    .map((violation) => {
      const nodes = violation.nodes
        .map(
          (node) =>
            `    - ${node.target.join(' ')}\n      ${node.failureSummary?.replace(/\n/g, '\n      ')}`,
        )
        .join('\n');
      return `  [${violation.impact ?? 'n/a'}] ${violation.id}: ${violation.help}\n    ${violation.helpUrl}\n${nodes}`;
    })
    .join('\n');
  expect(results.violations.length, `axe found problems on ${screen}:\n${report}`).toBe(0);
}

async function withProfile(steward: StewardHarness) {
  await steward.handle.services.createProfile({
    name: 'Amara Okafor',
    email: 'amara.okafor@example.com',
    team: 'Marketing',
  });
}

async function open(page: Page, url: string, hash: string, heading: string | RegExp) {
  await page.goto(`${url}${hash}`);
  await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
}

async function answerEverything(page: Page, kind: 'right' | 'wrong') {
  const answers = answersFor(readModuleKey(MODULE), kind);
  for (const [questionId, optionIds] of Object.entries(answers)) {
    for (const optionId of optionIds) {
      await page.locator(`input[name="q-${questionId}"][value="${optionId}"]`).check();
    }
  }
}

test('@a11y first run has no WCAG violations', async ({ page, renderer }) => {
  await page.goto(renderer.url);
  await expect(page.getByRole('button', { name: 'Create profile' })).toBeVisible();
  await expectNoViolations(page, 'first run');
  // With the form's errors showing, too.
  await page.getByRole('button', { name: 'Create profile' }).click();
  await expect(page.locator('.field__error').first()).toBeVisible();
  await expectNoViolations(page, 'first run with errors');
});

test('@a11y the shell screens have no WCAG violations', async ({ page, renderer, steward }) => {
  await withProfile(steward);
  for (const [hash, heading] of [
    ['#/training', 'Training'],
    ['#/reviews', 'Reviews'],
    ['#/records', 'Records'],
    ['#/settings', 'Settings'],
    ['#/profiles/new', 'Add a profile'],
  ] as const) {
    await open(page, renderer.url, hash, heading);
    await page.waitForLoadState('networkidle');
    await expectNoViolations(page, hash);
  }
});

test('@a11y catalogue, reader, quiz, result, attestation and certificate have no WCAG violations', async ({
  page,
  renderer,
  steward,
}) => {
  test.setTimeout(90_000);
  await withProfile(steward);
  const key = readModuleKey(MODULE);

  await open(page, renderer.url, '#/training', 'Training');
  await expect(page.getByRole('heading', { level: 3, name: key.title })).toBeVisible();
  await expectNoViolations(page, 'catalogue');

  await open(page, renderer.url, `#/training/${MODULE}`, key.title);
  await expect(page.getByRole('progressbar')).toBeVisible();
  await expectNoViolations(page, 'reader, first section');
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button').last().click();
  await expect(page.getByRole('link', { name: 'Take the knowledge check' })).toBeVisible();
  await expectNoViolations(page, 'reader, last section');

  await open(page, renderer.url, `#/training/${MODULE}/quiz`, 'Knowledge check');
  await expect(page.locator('fieldset')).toHaveCount(key.questions.length);
  await expectNoViolations(page, 'knowledge check');
  await page.getByRole('button', { name: 'Submit answers' }).click();
  await expect(page.locator('.error-summary')).toBeVisible();
  await expectNoViolations(page, 'knowledge check with unanswered questions');

  await answerEverything(page, 'wrong');
  await page.getByRole('button', { name: 'Submit answers' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Knowledge check not passed' })).toBeVisible();
  await expectNoViolations(page, 'result, failed');

  await page.getByRole('button', { name: 'Try again' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Knowledge check' })).toBeVisible();
  await answerEverything(page, 'right');
  await page.getByRole('button', { name: 'Submit answers' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Knowledge check passed' })).toBeVisible();
  await expectNoViolations(page, 'result, passed');

  await page.getByRole('link', { name: 'Continue to attestation' }).first().click();
  await expect(page.getByRole('checkbox', { name: 'I confirm this statement' })).toBeVisible();
  await expectNoViolations(page, 'attestation');
  await page.getByRole('button', { name: 'Sign and complete' }).click();
  await expect(page.getByText('Tick the box to confirm the statement before you sign.')).toBeVisible();
  await expectNoViolations(page, 'attestation with its error');
  await page.getByRole('checkbox', { name: 'I confirm this statement' }).check();
  await page.getByRole('button', { name: 'Sign and complete' }).click();

  await expect(page.getByRole('heading', { level: 1, name: `Certificate: ${key.title}` })).toBeVisible();
  await expectNoViolations(page, 'certificate');
  await page.emulateMedia({ media: 'print' });
  await expectNoViolations(page, 'certificate, print layout');
  await page.emulateMedia({ media: 'screen' });

  // The catalogue again, now with passed, due-soon and overdue cards side by side.
  steward.clock.advanceDays(340);
  await open(page, renderer.url, '#/training', 'Training');
  await expect(page.locator('.badge', { hasText: 'Due soon' })).toBeVisible();
  await expect(page.locator('.badge', { hasText: 'Overdue' }).first()).toBeVisible();
  await expectNoViolations(page, 'catalogue with due-soon and overdue modules');
});

// ---- reviews (added by the review screens) ---------------------------------------------------

test('@a11y review questionnaire, risk summary, queue and decision screens have no WCAG violations', async ({
  page,
  renderer,
  steward,
}) => {
  test.setTimeout(120_000);
  const services = steward.handle.services;
  const { ben, reviewId } = await seedReviewAwaitingVersion2Decision(steward);

  // Amara: a second draft, half answered, with a blocking flag and mitigations to answer.
  const answers = churnAnswers({ scrSensitive: 'yes' });
  for (const id of ['proposalSummary', 'launchDate', 'necessityJustification', 'auditDate'])
    delete answers[id];
  const draft = await services.createReviewDraft({});
  await services.saveReviewDraft({ draftId: draft.draftId, answers, mitigationResponses: [] });

  await open(page, renderer.url, '#/reviews', 'Reviews');
  await expect(page.getByRole('region', { name: 'Your drafts' })).toBeVisible();
  await expectNoViolations(page, 'reviews home, submitter with a draft');

  await open(page, renderer.url, `#/reviews/drafts/${draft.draftId}`, /^Draft: /);
  await expect(page.getByRole('heading', { level: 2, name: 'The proposal' })).toBeVisible();
  await expectNoViolations(page, 'questionnaire, first section');
  await page.getByRole('button', { name: 'Next: The data' }).click();
  await page
    .getByRole('navigation', { name: 'Questionnaire steps' })
    .getByRole('button', { name: /The proposal/ })
    .click();
  await expect(page.getByText('Answer this question.').first()).toBeVisible();
  await expectNoViolations(page, 'questionnaire with answer problems');

  await page
    .getByRole('navigation', { name: 'Questionnaire steps' })
    .getByRole('button', { name: /Risk summary/ })
    .click();
  await expect(page.getByRole('heading', { level: 2, name: 'Risk summary' })).toBeVisible();
  await expect(page.getByText('Not ready to submit')).toBeVisible();
  await expectNoViolations(page, 'risk summary');
  await page
    .locator('fieldset[id^="mitigation-"]')
    .first()
    .getByRole('radio', { name: /^Accept/ })
    .check();
  await page.getByRole('textbox', { name: 'Owner' }).first().focus();
  await page.getByRole('textbox', { name: 'Owner' }).first().blur();
  await expect(page.getByText('Enter who owns this mitigation.')).toBeVisible();
  await expectNoViolations(page, 'risk summary with a mitigation error');

  // Ben: the queue, then the review with what changed and the decision form.
  await services.switchProfile({ profileId: ben.id });
  await open(page, renderer.url, '#/reviews', 'Reviews');
  await expect(page.getByRole('region', { name: 'Review queue' }).getByRole('link')).toHaveCount(1);
  await expectNoViolations(page, 'reviews home with the queue');

  await open(page, renderer.url, `#/reviews/${reviewId}`, 'Churn-risk score for subscribers');
  await expect(page.getByRole('region', { name: 'What changed since version 1' })).toBeVisible();
  const decision = page.getByRole('form', { name: 'Decision' });
  await decision.getByRole('radio', { name: 'Approve with conditions' }).check();
  await expectNoViolations(page, 'decision screen');
  await decision.getByRole('button', { name: 'Approve with conditions' }).click();
  await expect(page.locator('.error-summary')).toBeVisible();
  await expectNoViolations(page, 'decision screen with errors');
});

// ---- records, settings and themes (added with the records e2e) ------------------------------

async function recordsTab(page: Page, name: string) {
  await page.getByRole('tablist', { name: 'Records' }).getByRole('tab', { name }).click();
  await expect(page.getByRole('tab', { name, selected: true })).toBeVisible();
}

test('@a11y every Records tab has no WCAG violations', async ({ page, renderer, steward }) => {
  test.setTimeout(120_000);
  await seedManagerWorkspace(steward);

  await open(page, renderer.url, '#/records', 'Records');
  await expect(page.locator('.records-scope__who')).toHaveText('All teams');
  await expect(page.locator('.attention-list__name').first()).toBeVisible();
  await expect(page.locator('.records-charts').first()).toBeVisible();
  await expectNoViolations(page, 'records overview');

  await recordsTab(page, 'Completion matrix');
  await expect(page.locator('.matrix tbody tr.matrix__row').first()).toBeVisible();
  await page.getByRole('button', { name: /^Team:/ }).click();
  await page.getByRole('group', { name: 'Team' }).getByRole('checkbox', { name: 'Data Science' }).check();
  await expect(page.getByRole('button', { name: 'Clear team' })).toBeVisible();
  await expectNoViolations(page, 'completion matrix with the team filter open');
  await page.keyboard.press('Escape');
  await page.getByRole('searchbox', { name: 'Search by name or email' }).fill('zzz-nobody');
  await expect(page.getByText('No rows match these filters.')).toBeVisible();
  await expectNoViolations(page, 'completion matrix matching nothing');
  await page.getByRole('searchbox', { name: 'Search by name or email' }).fill('');

  await recordsTab(page, 'Reviews register');
  await expect(page.getByRole('table', { name: 'Reviews register' })).toContainText(
    'Approved with conditions',
  );
  await expectNoViolations(page, 'reviews register');

  await recordsTab(page, 'Integrity');
  await page.getByRole('button', { name: 'Verify now' }).click();
  await expect(page.getByText(/Full check finished: every signature/)).toBeVisible({ timeout: 30_000 });
  await expectNoViolations(page, 'integrity after a full check');

  await recordsTab(page, 'Export');
  await page.getByRole('checkbox', { name: 'Apply the current matrix filter' }).check();
  await page.getByRole('button', { name: 'Start export' }).click();
  await expect(page.getByRole('button', { name: 'Export something else' })).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Export my records' }).click();
  await expect(page.getByText(/^Exported \d+ entries$/)).toBeVisible();
  await expectNoViolations(page, 'export with a finished job and a bundle written');
});

test('@a11y settings, with the theme, language and LRS panels, has no WCAG violations', async ({
  page,
  renderer,
  steward,
}) => {
  await withProfile(steward);
  await open(page, renderer.url, '#/settings', 'Settings');
  await expect(page.getByRole('group', { name: 'Theme' })).toBeVisible();
  await expect(page.getByRole('group', { name: 'Language' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Endpoint' })).toBeVisible();
  await expectNoViolations(page, 'settings');
  // The LRS form with its error: sending on, no endpoint.
  await page.getByRole('checkbox', { name: 'Send completions to this LRS' }).check();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(
    page.getByText('Enter the endpoint to send statements to, or turn sending off.'),
  ).toBeVisible();
  await expectNoViolations(page, 'settings with an LRS error');
});

for (const theme of [
  { id: 'dark', label: 'Dark' },
  { id: 'highContrast', label: 'High contrast' },
] as const) {
  test(`@a11y the ${theme.label.toLowerCase()} theme has no WCAG violations on Records and Training`, async ({
    page,
    renderer,
    steward,
  }) => {
    test.setTimeout(90_000);
    await seedManagerWorkspace(steward);
    await open(page, renderer.url, '#/settings', 'Settings');
    await page.getByRole('group', { name: 'Theme' }).getByRole('radio', { name: theme.label }).check();
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme.id);
    await expectNoViolations(page, `settings, ${theme.label} theme`);

    await open(page, renderer.url, '#/records', 'Records');
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme.id);
    await expect(page.locator('.records-charts').first()).toBeVisible();
    await expectNoViolations(page, `records overview, ${theme.label} theme`);
    await recordsTab(page, 'Completion matrix');
    await expect(page.locator('.matrix tbody tr.matrix__row').first()).toBeVisible();
    await expectNoViolations(page, `completion matrix, ${theme.label} theme`);

    await open(page, renderer.url, '#/training', 'Training');
    await expect(page.locator('li.module-card').first()).toBeVisible();
    await expectNoViolations(page, `training catalogue, ${theme.label} theme`);
  });
}
