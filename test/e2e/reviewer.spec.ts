// A reviewer's side of a review, with the keyboard alone (Tab, Shift+Tab, Enter, Space, the arrow
// keys and typing; nothing is clicked or filled): Ben opens a submitted review from his queue and
// requests changes with a rationale; the submitter's version 2 arrives (through the services, not
// the subject here); Ben sees what changed and approves with a condition and a re-review date.
// The manager then finds the decision, its reviewer and condition in the Records reviews register.
import type { Page } from '@playwright/test';
import { verifyWorkspace } from '../../electron/core/ledger';
import { expect, test, type StewardHarness } from './support/fixtures';
import {
  activate,
  chooseRadio,
  goWithKeyboard,
  selectTab,
  switchProfileWithKeyboard,
  tabTo,
  typeDate,
} from './support/keyboard';
import { ALL_MODULES, churnAnswers, churnResponses, isoIn, submitChurnReview } from './support/reviewAnswers';
import { stewardWorkspace } from '../../electron/core/events';

test.use({ locale: 'en-US' });

const TITLE = 'Churn-risk score for subscribers';

/** Mira (manager), Amara (submits version 1 of the churn review), Ben (reviewer, current). */
async function seed(steward: StewardHarness) {
  const services = steward.handle.services;
  const mira = await services.createProfile({
    name: 'Mira Okonkwo',
    email: 'mira.okonkwo@example.com',
    team: 'Product',
  });
  steward.grantRole(mira, 'managers');
  const { amara, reviewId } = await submitChurnReview(steward);
  const ben = await services.createProfile({
    name: 'Ben Schmidt',
    email: 'ben.schmidt@example.com',
    team: 'Privacy Office',
  });
  steward.grantRole(ben, 'reviewers');
  await steward.completeModules(ALL_MODULES);
  // The roles are read when the app starts.
  await steward.restart();
  return { mira, amara, ben, reviewId };
}

/** From anywhere in the shell to the review's page, through the queue. */
async function openFromQueue(page: Page) {
  await goWithKeyboard(page, 'Reviews');
  const queue = page.getByRole('region', { name: 'Review queue' });
  await expect(queue).toContainText('Amara Okafor');
  await activate(page, queue.getByRole('link', { name: TITLE }));
  await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
}

async function typeInField(page: Page, field: ReturnType<Page['getByRole']>, text: string) {
  await tabTo(page, field);
  await page.keyboard.type(text);
  await expect(field).toHaveValue(text);
}

test('a reviewer requests changes, then approves version 2 with a condition, with the keyboard alone', async ({
  page,
  renderer,
  steward,
}) => {
  test.setTimeout(180_000);
  const { amara, ben, reviewId } = await seed(steward);
  const services = steward.handle.services;

  await page.goto(renderer.url);
  await expect(page.getByRole('button', { name: /switch profile/i })).toContainText('Ben Schmidt');

  // ---- version 1: request changes --------------------------------------------------------------
  await openFromQueue(page);
  const summary = page.getByRole('region', { name: 'Summary' });
  await expect(summary.getByText('Awaiting decision')).toBeVisible();
  const decision = page.getByRole('form', { name: 'Decision' });
  await chooseRadio(page, decision.getByRole('group', { name: 'Your decision' }), 'changesRequested');
  await typeInField(
    page,
    decision.getByRole('textbox', { name: 'Rationale' }),
    'The surprise score looks too high for a help offer.',
  );
  await typeInField(
    page,
    decision.getByRole('textbox', { name: 'Change 1' }),
    'Re-check how surprised customers would be.',
  );
  await activate(page, decision.getByRole('button', { name: 'Request changes' }));
  // Signed, so asked once: the dialog shows what is signed.
  const signChanges = page.getByRole('dialog', { name: 'Sign this decision on version 1?' });
  await expect(signChanges).toContainText('Re-check how surprised customers would be.');
  await activate(page, signChanges.getByRole('button', { name: 'Sign the decision' }));
  await expect(page.getByText('Your request for changes was recorded and signed.')).toBeVisible();
  await expect(summary.getByText('Changes requested')).toBeVisible();
  await expect(page.getByRole('form', { name: 'Decision' })).toHaveCount(0);

  // ---- Amara answers with version 2 (services) ---------------------------------------------------
  await services.switchProfile({ profileId: amara.id });
  const revision = await services.startReviewRevision({ reviewId });
  await services.saveReviewDraft({
    draftId: revision.draftId,
    answers: churnAnswers({ peopleSurprise: 1 }),
    mitigationResponses: churnResponses(),
  });
  await services.submitReview({ draftId: revision.draftId });
  await services.switchProfile({ profileId: ben.id });
  await page.reload();
  await expect(page.getByRole('button', { name: /switch profile/i })).toContainText('Ben Schmidt');

  // ---- version 2: approve with a condition and a re-review date -------------------------------
  await openFromQueue(page);
  await expect(summary.getByText('Awaiting decision')).toBeVisible();
  const changes = page.getByRole('region', { name: 'What changed since version 1' });
  await expect(changes.getByRole('listitem').filter({ hasText: 'How surprised' })).toHaveCount(1);

  // Sent with nothing chosen, the form says what is missing and takes focus to the summary.
  await activate(page, decision.getByRole('button', { name: 'Record decision' }));
  await expect(page.locator('.error-summary')).toBeFocused();
  await expect(page.locator('.error-summary')).toContainText('Choose a decision.');

  await chooseRadio(page, decision.getByRole('group', { name: 'Your decision' }), 'approvedWithConditions');
  await typeInField(
    page,
    decision.getByRole('textbox', { name: 'Rationale' }),
    'Low residual risk once fairness is monitored.',
  );
  const condition = decision.getByRole('group', { name: 'Condition 1' });
  await typeInField(
    page,
    condition.getByRole('textbox', { name: 'Condition' }),
    'Report churn-score fairness metrics monthly.',
  );
  await typeInField(page, condition.getByRole('textbox', { name: 'Owner' }), 'Amara Okafor');
  const due = isoIn(90);
  const reReview = isoIn(365);
  await typeDate(page, condition.getByLabel('Due date'), due);
  await typeDate(page, decision.getByLabel(/Re-review date/), reReview);
  await chooseRadio(page, decision.getByRole('group', { name: /Does this decision follow the DPO/ }), 'yes');
  await activate(page, decision.getByRole('button', { name: 'Approve with conditions' }));
  const signApproval = page.getByRole('dialog', { name: 'Sign this decision on version 2?' });
  await expect(signApproval).toContainText('Report churn-score fairness metrics monthly.');
  await activate(page, signApproval.getByRole('button', { name: 'Sign the decision' }));
  await expect(page.getByText('Your decision was recorded and signed.')).toBeVisible();
  await expect(summary.locator('.badge', { hasText: 'Approved with conditions' })).toBeVisible();
  await expect(summary).toContainText('Approved with conditions by Ben Schmidt');
  await expect(page.getByRole('region', { name: 'Conditions' })).toContainText(
    'Report churn-score fairness metrics monthly.',
  );

  // ---- the manager's register ------------------------------------------------------------------
  await switchProfileWithKeyboard(page, 'Mira Okonkwo');
  await goWithKeyboard(page, 'Records');
  await selectTab(page, page.getByRole('tablist', { name: 'Records' }), 'Reviews register');
  const register = page.getByRole('table', { name: 'Reviews register' });
  await expect(page.getByText('Showing 1 of 1 review')).toBeVisible();
  const row = register.getByRole('row').filter({ hasText: TITLE });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('Version 2');
  await expect(row).toContainText('Amara Okafor');
  await expect(row).toContainText('Approved with conditions');
  await expect(row.getByRole('cell').nth(4)).toHaveText('Ben Schmidt');
  await expect(row).toContainText('Report churn-score fairness metrics monthly.');
  await expect(row.locator(`time[datetime="${reReview}"]`)).toBeVisible();
  await expect(row.locator(`time[datetime="${due}"]`)).toBeVisible();
  // The register's link leads back to the review.
  await activate(page, row.getByRole('link', { name: TITLE }));
  await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();

  const report = await verifyWorkspace(stewardWorkspace(steward.workspaceDir), { depth: 'full' });
  expect(report.problems).toEqual([]);
});
