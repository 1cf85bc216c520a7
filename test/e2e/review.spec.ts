// A data-use review through its whole life with the real core, two profiles in one workspace, in
// three tests that each start from the state the one before leaves (seeded through the services):
// Amara (submitter) answers the questionnaire with the keyboard alone — Tab, Shift+Tab, Space,
// Enter, the arrow keys and typing — responds to each proposed mitigation and submits; Ben
// (reviewer) requests changes; Amara revises one answer and resubmits; Ben sees the diff against
// version 1 and approves with a condition and a re-review date; Amara cannot decide on her own
// review, in the UI or by calling the service directly, and marks the condition met. The ledgers
// then verify and hold every step. Screenshots of each screen go to reports/screens/.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { ProfileSummary } from '../../electron/core/contract/views/app';
import { verifyWorkspace } from '../../electron/core/ledger';
import { expect, test, type StewardHarness } from './support/fixtures';
import { chooseRadio, tabTo, typeDate } from './support/keyboard';
import {
  ALL_MODULES,
  churnAnswers,
  churnResponses,
  fillApproveWithConditions,
  isoIn,
  seedReviewAwaitingVersion2Decision,
  submitChurnReview,
  SUBMITTER_MODULES,
} from './support/reviewAnswers';
import { stewardWorkspace } from '../../electron/core/events';

const SHOTS = path.resolve(import.meta.dirname, '../../reports/screens');
/** A full-page screenshot from the top (sticky parts of the layout then sit where they belong). */
async function shot(page: Page, name: string) {
  await page.locator('body').evaluate((body) => body.ownerDocument.defaultView?.scrollTo(0, 0));
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

test.use({ locale: 'en-US' });

// Budgets about twice the longest run measured with two to four CPU hogs and a load average of
// ~15 on 2 cores: the keyboard questionnaire 52-108 s, the reviewer's rounds 18-51 s, the others
// 7-36 s.
const KEYBOARD_QUESTIONNAIRE_MS = 180_000;
const REVIEW_ROUNDS_MS = 120_000;
const SEVERAL_STEPS_MS = 90_000;

// ---- keyboard helpers --------------------------------------------------------------------------

const control = (page: Page, questionId: string) => page.locator(`#question-${questionId}`);

async function typeText(page: Page, questionId: string, text: string) {
  await tabTo(page, control(page, questionId));
  await page.keyboard.type(text);
  await expect(control(page, questionId)).toHaveValue(text);
}

async function answerRadio(page: Page, questionId: string, value: string) {
  await chooseRadio(page, control(page, questionId), value);
}

async function tickBoxes(page: Page, questionId: string, values: string[]) {
  for (const value of values) {
    const box = control(page, questionId).locator(`input[value="${value}"]`);
    await tabTo(page, box);
    await page.keyboard.press('Space');
    await expect(box).toBeChecked();
  }
}

async function nextSection(page: Page, title: string) {
  await tabTo(page, page.getByRole('button', { name: `Next: ${title}` }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name: title })).toBeFocused();
}

// ---- the questionnaire, as Amara answers it ----------------------------------------------------

/**
 * Answers the churn review (churnAnswers) section by section, with the keyboard: each question in
 * file order that has an answer and that core shows (branching may take a save to reveal it), then
 * on to the next section — including the DPIA's sections, which show none of their questions here.
 */
async function fillQuestionnaire(page: Page, steward: StewardHarness) {
  const questionnaire = await steward.handle.services.getReviewQuestionnaire({});
  const answers = churnAnswers();
  await expect(page.getByRole('heading', { level: 2, name: questionnaire.sections[0]!.title })).toBeVisible();
  for (const [index, section] of questionnaire.sections.entries()) {
    for (const question of section.questions) {
      const value = answers[question.id];
      if (value === undefined) continue;
      const shown = await control(page, question.id)
        .waitFor({ state: 'visible', timeout: 2_000 })
        .then(() => true)
        .catch(() => false);
      if (!shown) continue;
      if (question.type === 'text' || question.type === 'number')
        await typeText(page, question.id, String(value));
      else if (question.type === 'date') await typeDate(page, control(page, question.id), String(value));
      else if (question.type === 'multi') await tickBoxes(page, question.id, value as string[]);
      else await answerRadio(page, question.id, String(value));
    }
    if (index === 0) await shot(page, 'review-questionnaire');
    const next = questionnaire.sections[index + 1];
    await nextSection(page, next ? next.title : 'Risk summary');
  }
}

/** Accepts the first proposed mitigation (owner, due date) and declines the rest, by keyboard. */
async function respondToMitigations(page: Page) {
  const groups = page.locator('fieldset[id^="mitigation-"]');
  const count = await groups.count();
  expect(count, 'the answers propose mitigations').toBeGreaterThan(0);
  for (let i = 0; i < count; i += 1) {
    const group = groups.nth(i);
    if (i === 0) {
      await chooseRadio(page, group, 'accepted');
      const owner = page.getByRole('textbox', { name: 'Owner' }).nth(0);
      await tabTo(page, owner);
      await page.keyboard.type('Grace Hopper');
      await typeDate(page, page.getByLabel('Due date').nth(0), isoIn(60));
    } else {
      await chooseRadio(page, group, 'declined');
      const reason = page.getByRole('textbox', { name: 'Why it is not needed' }).last();
      await tabTo(page, reason);
      await page.keyboard.type('A written balancing test is already on file for churn analytics.');
    }
  }
}

// ---- profiles ------------------------------------------------------------------------------------

async function switchTo(page: Page, name: string) {
  await page.getByRole('button', { name: /switch profile/i }).click();
  await page.getByRole('button', { name: new RegExp(`^${name}`) }).click();
  await expect(page.getByRole('button', { name: /switch profile/i })).toContainText(name);
}

async function openReviews(page: Page) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reviews' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Reviews' })).toBeVisible();
}

async function current(steward: StewardHarness): Promise<ProfileSummary> {
  const profile = await steward.handle.services.getCurrentProfile({});
  expect(profile).not.toBeNull();
  return profile!;
}

/** The review events in every ledger of the workspace, e.g. "review.submitted v2". */
function reviewEvents(workspaceDir: string): string[] {
  const dir = path.join(workspaceDir, 'ledgers');
  return fs
    .readdirSync(dir)
    .filter((file) => file.endsWith('.jsonl'))
    .flatMap((file) =>
      fs
        .readFileSync(path.join(dir, file), 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { type: string; data: { version?: number; decision?: string } }),
    )
    .filter((entry) => entry.type.startsWith('review.'))
    .map((entry) =>
      entry.type === 'review.submitted'
        ? `${entry.type} v${entry.data.version}`
        : entry.type === 'review.decided'
          ? `${entry.type} ${entry.data.decision}`
          : entry.type,
    );
}

// ---- the review --------------------------------------------------------------------------------

const TITLE = 'Churn-risk score for subscribers';

test('a submitter answers the whole questionnaire with the keyboard alone, and core holds every answer', async ({
  page,
  renderer,
  steward,
}) => {
  test.setTimeout(KEYBOARD_QUESTIONNAIRE_MS);
  fs.mkdirSync(SHOTS, { recursive: true });

  // Amara: a new profile, with the training submitters need.
  await page.goto(renderer.url);
  await page.getByLabel('Name').fill('Amara Okafor');
  await page.getByLabel('Email').fill('amara.okafor@example.com');
  await page.getByLabel('Team').fill('Data Science');
  await page.getByRole('button', { name: 'Create profile' }).click();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await steward.completeModules(SUBMITTER_MODULES);

  // From here Amara uses the keyboard only.
  await tabTo(page, page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reviews' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Reviews' })).toBeFocused();
  const start = page.getByRole('button', { name: 'Start a review' });
  await expect(start).toBeEnabled();
  await shot(page, 'review-home-empty');
  await tabTo(page, start);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'New review' })).toBeFocused();
  const draftId = /^#\/reviews\/drafts\/(d[0-9a-f]{16})$/.exec(new URL(page.url()).hash)?.[1];
  expect(draftId, page.url()).toBeDefined();

  await fillQuestionnaire(page, steward);
  await expect(page.getByRole('heading', { level: 2, name: 'Risk summary' })).toBeFocused();
  await expect(page.getByText('One WP248 criterion is met: consider a DPIA')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Submit for review' })).toBeDisabled();
  // Autosaved: core has exactly the answers typed, the ones the other tests seed.
  await expect
    .poll(async () => (await steward.handle.services.getReviewDraft({ draftId: draftId! })).answers)
    .toEqual(churnAnswers());
});

test('a submitter responds to the mitigations and submits with the keyboard alone; it is not hers to decide', async ({
  page,
  renderer,
  steward,
}) => {
  test.setTimeout(SEVERAL_STEPS_MS);
  fs.mkdirSync(SHOTS, { recursive: true });
  const services = steward.handle.services;
  await services.createProfile({
    name: 'Amara Okafor',
    email: 'amara.okafor@example.com',
    team: 'Data Science',
  });
  await steward.completeModules(SUBMITTER_MODULES);
  const { draftId } = await services.createReviewDraft({});
  await services.saveReviewDraft({ draftId, answers: churnAnswers(), mitigationResponses: [] });

  await page.goto(`${renderer.url}#/reviews/drafts/${draftId}`);
  await expect(page.getByRole('heading', { level: 1, name: `Draft: ${TITLE}` })).toBeVisible();
  await tabTo(
    page,
    page
      .getByRole('navigation', { name: 'Questionnaire steps' })
      .getByRole('button', { name: /Risk summary/ }),
  );
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name: 'Risk summary' })).toBeVisible();
  const submit = page.getByRole('button', { name: 'Submit for review' });
  await expect(submit).toBeDisabled();
  await respondToMitigations(page);
  // Enabled once the autosave has reached core.
  await expect(submit).toBeEnabled();
  await expect(page.locator('.save-status__text')).toHaveText(/^Saved /);
  await shot(page, 'review-risk-summary');
  await tabTo(page, submit);
  await page.keyboard.press('Enter');
  // Signed, so asked once: the dialog says what is signed, and signing is one more Enter.
  const sign = page.getByRole('dialog', { name: 'Sign and submit version 1?' });
  await expect(sign).toContainText('Churn-risk score for subscribers');
  await expect(sign.getByRole('button', { name: 'Sign and submit' })).toBeFocused();
  await shot(page, 'review-sign-submit');
  await page.keyboard.press('Enter');

  await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Summary' }).getByText('Awaiting decision')).toBeVisible();
  const reviewId = decodeURIComponent(new URL(page.url()).hash.replace('#/reviews/', ''));
  expect(reviewId).toMatch(/^r-/);
  // Her own submission: nothing to decide, and the reason is given.
  await expect(page.getByRole('form', { name: 'Decision' })).toHaveCount(0);
  await expect(page.getByText(/so someone else must review it \(separation of duties\)/)).toBeVisible();
  await shot(page, 'review-detail-submitted');
  expect(reviewEvents(steward.workspaceDir)).toEqual(['review.submitted v1']);
});

test('a reviewer requests changes, the submitter revises one answer, and the reviewer approves version 2 seeing what changed', async ({
  page,
  renderer,
  steward,
}) => {
  test.setTimeout(REVIEW_ROUNDS_MS);
  fs.mkdirSync(SHOTS, { recursive: true });
  const services = steward.handle.services;
  await submitChurnReview(steward);
  // Ben: a second profile in the same workspace, named as reviewer, with all eight modules.
  const ben = await services.createProfile({
    name: 'Ben Schmidt',
    email: 'ben.schmidt@example.com',
    team: 'Privacy Office',
  });
  steward.grantRole(ben, 'reviewers');
  await steward.completeModules(ALL_MODULES);

  await page.goto(renderer.url);
  await expect(page.getByRole('button', { name: /switch profile/i })).toContainText('Ben Schmidt');
  await openReviews(page);
  const queue = page.getByRole('region', { name: 'Review queue' });
  await expect(queue.getByRole('link', { name: TITLE })).toBeVisible();
  await expect(queue).toContainText('Amara Okafor');
  await shot(page, 'review-queue');
  await queue.getByRole('link', { name: TITLE }).click();
  await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();

  const decision = page.getByRole('form', { name: 'Decision' });
  await decision.getByRole('radio', { name: 'Request changes' }).check();
  await decision
    .getByRole('textbox', { name: 'Rationale' })
    .fill('The surprise score looks too high for a help offer.');
  await decision
    .getByRole('textbox', { name: 'Change 1' })
    .fill('Re-check how surprised customers would be.');
  await shot(page, 'review-decision-request-changes');
  await decision.getByRole('button', { name: 'Request changes' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Sign the decision' }).click();
  await expect(page.getByText('Your request for changes was recorded and signed.')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Summary' }).getByText('Changes requested')).toBeVisible();

  // Amara revises one answer and submits version 2.
  await switchTo(page, 'Amara Okafor');
  await openReviews(page);
  await page.getByRole('region', { name: 'Your reviews' }).getByRole('link', { name: TITLE }).click();
  await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
  await page.getByRole('button', { name: 'Revise and resubmit' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Revise: ${TITLE}` })).toBeVisible();
  await expect(page.getByText('Re-check how surprised customers would be.')).toBeVisible();
  await page
    .getByRole('navigation', { name: 'Questionnaire steps' })
    .getByRole('button', { name: /Transparency/ })
    .click();
  await answerRadio(page, 'peopleSurprise', '1');
  await page
    .getByRole('navigation', { name: 'Questionnaire steps' })
    .getByRole('button', { name: /Risk summary/ })
    .click();
  const resubmit = page.getByRole('button', { name: 'Submit version 2' });
  await expect(resubmit).toBeEnabled();
  await expect(page.locator('.save-status__text')).toHaveText(/^Saved /);
  await resubmit.click();
  await page.getByRole('dialog').getByRole('button', { name: 'Sign and submit' }).click();
  await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Summary' }).getByText('Awaiting decision')).toBeVisible();

  // Ben sees what changed since version 1, and approves with a condition.
  await switchTo(page, 'Ben Schmidt');
  await openReviews(page);
  await page.getByRole('region', { name: 'Review queue' }).getByRole('link', { name: TITLE }).click();
  const changes = page.getByRole('region', { name: 'What changed since version 1' });
  await expect(changes).toBeVisible();
  const changed = changes.getByRole('listitem').filter({ hasText: 'How surprised' });
  await expect(changed).toHaveCount(1);
  await expect(changed.locator('del')).toContainText('2');
  await expect(changed.locator('ins')).toContainText('1');
  await shot(page, 'review-diff');

  await fillApproveWithConditions(decision);
  await decision.getByRole('radio', { name: 'Yes, it follows the advice' }).check();
  await shot(page, 'review-decision-approve-with-conditions');
  await decision.getByRole('button', { name: 'Approve with conditions' }).click();
  await shot(page, 'review-sign-decision');
  await page.getByRole('dialog').getByRole('button', { name: 'Sign the decision' }).click();
  await expect(page.getByText('Your decision was recorded and signed.')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Conditions' })).toContainText(
    'Report churn-score fairness metrics monthly.',
  );
  await shot(page, 'review-decided');
  expect(reviewEvents(steward.workspaceDir).sort()).toEqual(
    [
      'review.submitted v1',
      'review.changesRequested',
      'review.submitted v2',
      'review.decided approvedWithConditions',
    ].sort(),
  );
});

test('the submitter cannot decide her own review and marks its condition met with the keyboard; every step is signed', async ({
  page,
  renderer,
  steward,
}) => {
  test.setTimeout(SEVERAL_STEPS_MS);
  fs.mkdirSync(SHOTS, { recursive: true });
  const services = steward.handle.services;
  const { amara, ben, reviewId } = await seedReviewAwaitingVersion2Decision(steward);
  await services.switchProfile({ profileId: ben.id });
  await services.decideReview({
    reviewId,
    version: 2,
    decision: 'approvedWithConditions',
    rationale: 'Low residual risk once fairness is monitored.',
    conditions: [
      { text: 'Report churn-score fairness metrics monthly.', owner: 'Amara Okafor', dueDate: isoIn(90) },
    ],
    reReviewDate: isoIn(365),
    dpoAdvice: { followed: true },
  });
  await services.switchProfile({ profileId: amara.id });

  // Amara cannot decide on her own review: no panel, and core refuses a direct call.
  await page.goto(`${renderer.url}#/reviews`);
  await expect(page.getByRole('heading', { level: 1, name: 'Reviews' })).toBeVisible();
  const register = page.getByRole('region', { name: 'Register of reviews' });
  await expect(register.getByRole('row').filter({ hasText: TITLE })).toContainText(
    'Approved with conditions',
  );
  await shot(page, 'review-home');
  await register.getByRole('link', { name: TITLE }).click();
  await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
  await expect(page.getByRole('form', { name: 'Decision' })).toHaveCount(0);
  expect((await current(steward)).id).toBe(amara.id);
  await expect(
    services.decideReview({
      reviewId,
      version: 2,
      decision: 'approved',
      rationale: 'My own.',
      conditions: [],
      reReviewDate: isoIn(365),
      dpoAdvice: { followed: true },
    }),
  ).rejects.toMatchObject({ code: 'NOT_ALLOWED', message: expect.stringMatching(/separation of duties/) });

  // Amara meets the condition and records what was done, with the keyboard.
  const conditions = page.getByRole('region', { name: 'Conditions' });
  await expect(conditions).toContainText('0 of 1 condition met');
  const meetForm = conditions.getByRole('form', { name: /Report churn-score fairness metrics monthly/ });
  await tabTo(page, meetForm.getByRole('button', { name: 'Mark as met' }));
  await page.keyboard.press('Enter');
  await expect(meetForm.getByText('Say what was done', { exact: false }).first()).toBeVisible();
  await tabTo(page, meetForm.getByRole('textbox', { name: /What was done/ }));
  await page.keyboard.type('Monthly fairness report set up; the first one went to the DPO on the 3rd.');
  await tabTo(page, meetForm.getByRole('button', { name: 'Mark as met' }));
  await page.keyboard.press('Enter');
  await expect(conditions).toContainText('1 of 1 condition met');
  await expect(conditions).toContainText('Monthly fairness report set up');
  await expect(conditions.getByRole('button', { name: 'Mark as met' })).toHaveCount(0);
  await shot(page, 'review-condition-met');

  // The records: every step signed, the workspace verifies.
  const report = await verifyWorkspace(stewardWorkspace(steward.workspaceDir), { depth: 'full' });
  expect(report.problems).toEqual([]);
  expect(report.ok).toBe(true);
  expect(reviewEvents(steward.workspaceDir).sort()).toEqual(
    [
      'review.submitted v1',
      'review.changesRequested',
      'review.submitted v2',
      'review.decided approvedWithConditions',
      'review.conditionMet',
    ].sort(),
  );
});

test('a half-filled mitigation response is saved as typed and is there after a reload', async ({
  page,
  renderer,
  steward,
}) => {
  test.setTimeout(SEVERAL_STEPS_MS);
  await seedReviewAwaitingVersion2Decision(steward);
  const services = steward.handle.services;
  const { draftId } = await services.createReviewDraft({});
  // Every mitigation answered but the first (fairness testing), which Amara starts on screen.
  await services.saveReviewDraft({
    draftId,
    answers: churnAnswers({ proposalTitle: 'Churn-risk score, second attempt' }),
    mitigationResponses: churnResponses().slice(1),
  });
  const steps = page.getByRole('navigation', { name: 'Questionnaire steps' });
  const fairness = page.getByRole('group', { name: /Your response to “Test outcomes for differences/ });
  await page.goto(`${renderer.url}#/reviews/drafts/${draftId}`);
  await steps.getByRole('button', { name: /Risk summary/ }).click();
  await fairness.getByRole('radio', { name: 'Accept: we will do this' }).check();
  await page.getByRole('textbox', { name: 'Owner' }).fill('Grace Hopper');
  // Autosaved in core as far as it goes: the due date is still to come.
  await expect
    .poll(async () => (await services.getReviewDraft({ draftId })).mitigationResponses[0])
    .toEqual({ mitigationId: 'fairnessTesting', status: 'accepted', owner: 'Grace Hopper' });

  await page.reload();
  await steps.getByRole('button', { name: /Risk summary/ }).click();
  await expect(fairness.getByRole('radio', { name: 'Accept: we will do this' })).toBeChecked();
  await expect(page.getByRole('textbox', { name: 'Owner' })).toHaveValue('Grace Hopper');
  await expect(page.getByRole('button', { name: 'Submit for review' })).toBeDisabled();
  await expect(page.getByText(/each proposed mitigation .* 1 has no response yet/)).toBeVisible();
  // The date completes it, and the review can go.
  await page.getByLabel('Due date').fill(isoIn(30));
  await expect(page.getByRole('button', { name: 'Submit for review' })).toBeEnabled();
});
