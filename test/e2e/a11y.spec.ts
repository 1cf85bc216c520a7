// Automated accessibility checks (axe-core, WCAG 2.0/2.1/2.2 A and AA rules) on every screen a
// learner meets: first run, the shell's screens, and each training screen in its main states;
// then a manager's Records tabs, Settings, and the dark and high-contrast themes.
// axe finds a subset of problems (contrast, names, roles, structure); the keyboard walk in
// training.spec.ts and the jsdom tests cover focus and behaviour.
// One test per screen or small group of states: an axe run takes 1-3 s on a busy machine, so a
// test that walked every screen outgrew any one budget. A screen is checked once its data has
// arrived (its own content is visible and no spinner is left), never after a guessed pause.
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { expect, test, type StewardHarness } from './support/fixtures';
import { answersFor, readModuleKey } from '../support/moduleKey';
import { askedOnPage } from './support/quiz';
import { churnAnswers, seedReviewAwaitingVersion2Decision } from './support/reviewAnswers';
import { seedManagerWorkspace } from './support/records';

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
/**
 * The budget of a test that checks more than one state: with two CPU hogs and a load average of
 * ~15 on 2 cores these took 9-36 s (one axe run 1-5 s); a test of one screen took 5-10 s and keeps
 * the 30 s default.
 */
const SEVERAL_STATES_MS = 90_000;
const MODULE = 'law-in-practice';

/** Runs axe on the page as it is and fails with a readable list of what is wrong and where. */
async function expectNoViolations(page: Page, screen: string) {
  const results = await test.step(`axe: ${screen}`, () =>
    new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze());
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

/** Every screen shows a labelled spinner (role=status) until its data has arrived. */
async function expectLoaded(page: Page) {
  await expect(page.locator('.spinner-status')).toHaveCount(0);
}

async function answerEverything(page: Page, kind: 'right' | 'wrong') {
  const answers = answersFor(readModuleKey(MODULE), kind, await askedOnPage(page));
  for (const [questionId, optionIds] of Object.entries(answers)) {
    for (const optionId of optionIds) {
      await page.locator(`input[name="q-${questionId}"][value="${optionId}"]`).check();
    }
  }
}

test('@a11y first run has no WCAG violations', async ({ page, renderer }) => {
  test.setTimeout(SEVERAL_STATES_MS);
  await page.goto(renderer.url);
  await expect(page.getByRole('button', { name: 'Create profile' })).toBeVisible();
  await expectNoViolations(page, 'first run');
  // With the form's errors showing, too.
  await page.getByRole('button', { name: 'Create profile' }).click();
  await expect(page.locator('.field__error').first()).toBeVisible();
  await expectNoViolations(page, 'first run with errors');
});

const SHELL_SCREENS: { hash: string; heading: string; ready: (page: Page) => Locator }[] = [
  { hash: '#/training', heading: 'Training', ready: (page) => page.locator('li.module-card').first() },
  {
    hash: '#/reviews',
    heading: 'Reviews',
    ready: (page) => page.getByRole('button', { name: 'Start a review' }),
  },
  { hash: '#/records', heading: 'Records', ready: (page) => page.locator('.records-scope__who') },
  {
    hash: '#/organisation',
    heading: 'Organisation',
    ready: (page) => page.getByRole('form', { name: 'Set up your organisation' }),
  },
  {
    hash: '#/content',
    heading: 'Content & policy',
    ready: (page) => page.getByRole('region', { name: 'In force' }),
  },
  { hash: '#/settings', heading: 'Settings', ready: (page) => page.getByRole('group', { name: 'Theme' }) },
  { hash: '#/profiles/new', heading: 'Add a profile', ready: (page) => page.getByLabel('Name') },
];

for (const screen of SHELL_SCREENS) {
  test(`@a11y the shell's ${screen.heading} screen has no WCAG violations`, async ({
    page,
    renderer,
    steward,
  }) => {
    await withProfile(steward);
    await open(page, renderer.url, screen.hash, screen.heading);
    await expect(screen.ready(page)).toBeVisible();
    await expectLoaded(page);
    await expectNoViolations(page, screen.hash);
  });
}

test('@a11y the catalogue and the reader have no WCAG violations', async ({ page, renderer, steward }) => {
  test.setTimeout(SEVERAL_STATES_MS);
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
});

test('@a11y the knowledge check and its results have no WCAG violations', async ({
  page,
  renderer,
  steward,
}) => {
  test.setTimeout(SEVERAL_STATES_MS);
  await withProfile(steward);
  const key = readModuleKey(MODULE);
  await steward.handle.services.startTrainingModule({ moduleId: MODULE });

  await open(page, renderer.url, `#/training/${MODULE}/quiz`, 'Knowledge check');
  // One question per topic of the bank: half of it.
  const asked = (await steward.handle.services.getQuiz({ moduleId: MODULE })).questions;
  expect(asked.length * 2).toBe(key.questions.length);
  await expect(page.locator('fieldset')).toHaveCount(asked.length);
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
});

test('@a11y the attestation and the certificate have no WCAG violations', async ({
  page,
  renderer,
  steward,
}) => {
  test.setTimeout(SEVERAL_STATES_MS);
  await withProfile(steward);
  const key = readModuleKey(MODULE);
  // Passed through the services; the statement is what is checked here.
  const services = steward.handle.services;
  await services.startTrainingModule({ moduleId: MODULE });
  const quiz = await services.getQuiz({ moduleId: MODULE });
  const result = await services.submitQuizAttempt({
    moduleId: MODULE,
    contentHash: quiz.contentHash,
    answers: answersFor(
      key,
      'right',
      quiz.questions.map((q) => q.id),
    ),
  });
  expect(result.passed).toBe(true);

  await open(page, renderer.url, `#/training/${MODULE}/attest`, 'Sign the attestation');
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
});

test('@a11y the catalogue with passed, due-soon and overdue modules has no WCAG violations', async ({
  page,
  renderer,
  steward,
}) => {
  await withProfile(steward);
  await steward.completeModules([MODULE]);
  // Eleven months on: the passed module is due soon, the others are overdue.
  steward.clock.advanceDays(340);
  await open(page, renderer.url, '#/training', 'Training');
  await expect(page.locator('.badge', { hasText: 'Due soon' })).toBeVisible();
  await expect(page.locator('.badge', { hasText: 'Overdue' }).first()).toBeVisible();
  await expectNoViolations(page, 'catalogue with due-soon and overdue modules');
});

// ---- reviews (added by the review screens) ---------------------------------------------------

test('@a11y the reviews home, questionnaire and risk summary of a submitter have no WCAG violations', async ({
  page,
  renderer,
  steward,
}) => {
  test.setTimeout(SEVERAL_STATES_MS);
  const services = steward.handle.services;
  await test.step('seed: a review awaiting its version 2 decision', () =>
    seedReviewAwaitingVersion2Decision(steward));

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
});

test('@a11y the review queue and the decision screen of a reviewer have no WCAG violations', async ({
  page,
  renderer,
  steward,
}) => {
  test.setTimeout(SEVERAL_STATES_MS);
  const { ben, reviewId } = await test.step('seed: a review awaiting its version 2 decision', () =>
    seedReviewAwaitingVersion2Decision(steward));

  // Ben: the queue, then the review with what changed and the decision form.
  await steward.handle.services.switchProfile({ profileId: ben.id });
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

test('@a11y the Records overview and completion matrix have no WCAG violations', async ({
  page,
  renderer,
  steward,
}) => {
  test.setTimeout(SEVERAL_STATES_MS);
  await test.step('seed: a manager workspace', () => seedManagerWorkspace(steward));

  await open(page, renderer.url, '#/records', 'Records');
  await expect(page.locator('.records-scope__who')).toHaveText('All teams');
  await expect(page.locator('.attention-list__name').first()).toBeVisible();
  await expect(page.locator('.records-charts').first()).toBeVisible();
  await expectNoViolations(page, 'records overview');

  await recordsTab(page, 'Completion matrix');
  await expect(page.locator('.completion-grid tbody tr.completion-grid__row').first()).toBeVisible();
  await expectNoViolations(page, 'completion matrix, people × modules');
  await page
    .getByRole('group', { name: 'Show the matrix as' })
    .getByRole('button', { name: 'Detailed list' })
    .click();
  await expect(page.locator('.matrix tbody tr.matrix__row').first()).toBeVisible();
  await page.getByRole('button', { name: /^Team:/ }).click();
  await page.getByRole('group', { name: 'Team' }).getByRole('checkbox', { name: 'Data Science' }).check();
  await expect(page.getByRole('button', { name: 'Clear team' })).toBeVisible();
  await expectNoViolations(page, 'completion matrix with the team filter open');
  await page.keyboard.press('Escape');
  await page.getByRole('searchbox', { name: 'Search by name or email' }).fill('zzz-nobody');
  await expect(page.getByText('No rows match these filters.')).toBeVisible();
  await expectNoViolations(page, 'completion matrix matching nothing');
});

test('@a11y the Records register, integrity and export tabs have no WCAG violations', async ({
  page,
  renderer,
  steward,
}) => {
  test.setTimeout(SEVERAL_STATES_MS);
  await test.step('seed: a manager workspace', () => seedManagerWorkspace(steward));
  await open(page, renderer.url, '#/records', 'Records');
  await expect(page.locator('.records-scope__who')).toHaveText('All teams');

  await recordsTab(page, 'Reviews register');
  await expect(page.getByRole('table', { name: 'Reviews register' })).toContainText(
    'Approved with conditions',
  );
  await expectNoViolations(page, 'reviews register');

  await recordsTab(page, 'Integrity');
  await page.getByRole('button', { name: 'Verify now' }).click();
  await expect(page.getByText(/Full check finished: every signature/)).toBeVisible({ timeout: 30_000 });
  await expectNoViolations(page, 'integrity after a full check');

  // An export of the filtered matrix, as a manager makes it.
  await recordsTab(page, 'Completion matrix');
  await page.getByRole('button', { name: /^Team:/ }).click();
  await page.getByRole('group', { name: 'Team' }).getByRole('checkbox', { name: 'Data Science' }).check();
  await page.keyboard.press('Escape');
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
  test.setTimeout(SEVERAL_STATES_MS);
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
  const chooseTheme = async (page: Page, url: string) => {
    await open(page, url, '#/settings', 'Settings');
    await page.getByRole('group', { name: 'Theme' }).getByRole('radio', { name: theme.label }).check();
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme.id);
  };

  test(`@a11y the ${theme.label.toLowerCase()} theme has no WCAG violations on Settings and Training`, async ({
    page,
    renderer,
    steward,
  }) => {
    test.setTimeout(SEVERAL_STATES_MS);
    await withProfile(steward);
    // A catalogue with a passed module beside overdue ones.
    await steward.completeModules([MODULE]);
    steward.clock.advanceDays(31);
    await chooseTheme(page, renderer.url);
    await expectNoViolations(page, `settings, ${theme.label} theme`);

    await open(page, renderer.url, '#/training', 'Training');
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme.id);
    await expect(page.locator('.badge', { hasText: 'Overdue' }).first()).toBeVisible();
    await expectNoViolations(page, `training catalogue, ${theme.label} theme`);
  });

  test(`@a11y the ${theme.label.toLowerCase()} theme has no WCAG violations on Records`, async ({
    page,
    renderer,
    steward,
  }) => {
    test.setTimeout(SEVERAL_STATES_MS);
    await test.step('seed: a manager workspace', () => seedManagerWorkspace(steward));
    await chooseTheme(page, renderer.url);

    await open(page, renderer.url, '#/records', 'Records');
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme.id);
    await expect(page.locator('.records-charts').first()).toBeVisible();
    await expectNoViolations(page, `records overview, ${theme.label} theme`);
    await recordsTab(page, 'Completion matrix');
    await expect(page.locator('.completion-grid tbody tr.completion-grid__row').first()).toBeVisible();
    await expectNoViolations(page, `completion matrix (people × modules), ${theme.label} theme`);
    await page
      .getByRole('group', { name: 'Show the matrix as' })
      .getByRole('button', { name: 'Detailed list' })
      .click();
    await expect(page.locator('.matrix tbody tr.matrix__row').first()).toBeVisible();
    await expectNoViolations(page, `completion matrix (detailed list), ${theme.label} theme`);
  });
}
