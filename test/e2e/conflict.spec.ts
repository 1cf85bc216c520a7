// A review whose events disagree, on screen (issue 14, causal order): Ben rejects Amara's review;
// Amara, with her own key, writes a withdrawal that did not see his rejection (its `after` is her
// submission), as an insider's own code could. Neither counts: the review page says so, names
// each side and who may settle it; the reviews register marks the row; Ben's new
// decision settles it. Screenshots go to test-results/conflict/.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { withdrawBehindTheReviewersBack } from '../support/insider';
import { ALL_MODULES, submitChurnReview } from './support/reviewAnswers';

test.use({ locale: 'en-US', viewport: { width: 1280, height: 1000 } });

const OUT = path.resolve(import.meta.dirname, '../../test-results/conflict');
const TITLE = 'Churn-risk score for subscribers';

async function shoot(page: Page, name: string) {
  fs.mkdirSync(OUT, { recursive: true });
  await page.mouse.move(0, 0);
  await page.screenshot({ path: path.join(OUT, `${name}.png`), animations: 'disabled' });
}

test('a withdrawal written beside a rejection: shown as a conflict, marked in the register, settled by a reviewer', async ({
  page,
  renderer,
  steward,
}) => {
  test.setTimeout(120_000);
  const services = steward.handle.services;
  const { amara, reviewId } = await submitChurnReview(steward);
  const ben = await services.createProfile({
    name: 'Ben Schmidt',
    email: 'ben@example.com',
    team: 'Privacy Office',
  });
  steward.grantRole(ben, 'reviewers');
  steward.grantRole(ben, 'managers'); // the Privacy Office keeps the register too
  await steward.completeModules(ALL_MODULES);
  await steward.restart();
  const rejection = {
    reviewId,
    version: 1,
    decision: 'rejected' as const,
    rationale: 'Not proportionate to the aim.',
    conditions: [],
    reReviewDate: null,
    dpoAdvice: { followed: true },
  };
  await steward.handle.services.decideReview(rejection);

  // Amara's withdrawal, signed with her key, that claims not to have seen the rejection.
  await withdrawBehindTheReviewersBack(steward.userDataDir, steward.workspaceDir, amara.id, reviewId);

  await page.goto(`${renderer.url}#/reviews/${encodeURIComponent(reviewId)}`);
  await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
  const banner = page.getByText('Two or more events on this review were written without seeing each other');
  await expect(banner).toBeVisible();
  await expect(page.getByText(/^Withdrawn by Amara Okafor/)).toBeVisible();
  await expect(page.getByText(/^Rejected by Ben Schmidt/)).toBeVisible();
  await expect(page.getByText('Your decision below will settle it.')).toBeVisible();
  await shoot(page, 'review-in-conflict');

  // The register marks it, for whoever reads the records later.
  await page.goto(`${renderer.url}#/records`);
  await page.getByRole('tablist', { name: 'Records' }).getByRole('tab', { name: 'Reviews register' }).click();
  const row = page
    .getByRole('table', { name: 'Reviews register' })
    .getByRole('row')
    .filter({ hasText: TITLE });
  await expect(row.getByText('In conflict', { exact: true })).toBeVisible();
  await shoot(page, 'register-in-conflict');

  // Ben decides again, having seen both sides: settled.
  await steward.handle.services.decideReview(rejection);
  await page.reload();
  await page.getByRole('tablist', { name: 'Records' }).getByRole('tab', { name: 'Reviews register' }).click();
  const settled = page
    .getByRole('table', { name: 'Reviews register' })
    .getByRole('row')
    .filter({ hasText: TITLE });
  await expect(settled.getByText('Rejected', { exact: true })).toBeVisible();
  await expect(settled.getByText(/^In conflict/)).toHaveCount(0);
});
