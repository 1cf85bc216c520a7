// Reminders as people meet them: each kind appears in the inbox (and in the navigation's count)
// as the work and the services' clock move — training due soon then overdue, a review awaiting a
// decision, changes requested, a condition and a re-review coming due then overdue — and a
// manager reminds the overdue people from Records: an email draft for their own mail client
// (Bcc, nothing sent by Steward) and a calendar file of due dates.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test, type StewardHarness } from './support/fixtures';
import { ALL_MODULES, churnAnswers, churnResponses, isoIn, submitChurnReview } from './support/reviewAnswers';
import { readModuleKey } from '../support/moduleKey';

test.use({ locale: 'en-US', viewport: { width: 1366, height: 768 } });

const SHOTS = path.resolve(import.meta.dirname, '../../reports/screens');

const navLink = (page: Page) =>
  page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Reminders/ });

async function openReminders(page: Page) {
  await navLink(page).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Reminders' })).toBeVisible();
  // The heading shows while the inbox is still loading (a spinner): read it once it is there.
  await expect(page.locator('.reminder-group').first()).toBeVisible();
}

/** The inbox as [group heading, kind label, title] rows. */
async function inbox(page: Page): Promise<string[][]> {
  const rows: string[][] = [];
  for (const group of await page.locator('.reminder-group').all()) {
    const heading = (await group.locator('h2').textContent()) ?? '';
    for (const item of await group.locator('.reminder').all()) {
      rows.push([
        heading.replace(/ \(\d+\)$/, ''),
        (await item.locator('.badge').textContent()) ?? '',
        (await item.locator('.reminder__title').textContent()) ?? '',
      ]);
    }
  }
  return rows;
}

async function submitAnother(steward: StewardHarness, title: string): Promise<string> {
  const services = steward.handle.services;
  const draft = await services.createReviewDraft({});
  await services.saveReviewDraft({
    draftId: draft.draftId,
    answers: churnAnswers({ proposalTitle: title }),
    mitigationResponses: churnResponses(),
  });
  return (await services.submitReview({ draftId: draft.draftId })).summary.reviewId;
}

test('each kind of reminder appears in the inbox as the work and the clock move', async ({
  page,
  renderer,
  steward,
}) => {
  test.setTimeout(180_000);
  const services = steward.handle.services;
  // Amara (Data Science) has done the submitter modules only, and submits the churn review.
  const { amara, reviewId: churn } = await submitChurnReview(steward);
  const training = ['law-in-practice', 'peoples-rights', 'beyond-compliance', 'consent-done-right'].map(
    (id) => readModuleKey(id).title,
  );
  await page.goto(renderer.url);
  await expect(navLink(page)).toContainText('5');
  await expect(navLink(page)).toHaveAccessibleName('Reminders 5 reminders');
  await openReminders(page);
  const due = await inbox(page);
  expect(due).toHaveLength(5);
  expect(due.every(([group, kind]) => group === 'Due soon' && kind === 'Training due')).toBe(true);
  for (const title of training) expect(due.map((row) => row[2])).toContain(title);
  await page.screenshot({ path: path.join(SHOTS, 'reminders-due-soon.png'), fullPage: true });

  // Ben, a reviewer: the churn review awaits his decision.
  const ben = await services.createProfile({
    name: 'Ben Schmidt',
    email: 'ben.schmidt@example.com',
    team: 'Privacy Office',
  });
  steward.grantRole(ben, 'reviewers');
  await steward.completeModules(ALL_MODULES);
  await page.reload();
  await openReminders(page);
  expect(await inbox(page)).toEqual([
    ['Waiting for you', 'Review to decide', 'Churn-risk score for subscribers'],
  ]);
  await page.getByRole('link', { name: 'Open the review Churn-risk score for subscribers' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Churn-risk score for subscribers' }),
  ).toBeVisible();

  // He asks for changes: on Amara's side, changes requested.
  await services.requestReviewChanges({
    reviewId: churn,
    version: 1,
    rationale: 'Say who sees the scores.',
    requestedChanges: ['List who receives the churn scores'],
  });
  await services.switchProfile({ profileId: amara.id });
  await page.reload();
  await openReminders(page);
  expect((await inbox(page)).filter(([, kind]) => kind !== 'Training due')).toEqual([
    ['Waiting for you', 'Changes requested', 'Churn-risk score for subscribers'],
  ]);

  // Another review approved with a condition due in 10 days and a re-review in 20.
  const offers = await submitAnother(steward, 'Loyalty offers by email');
  await services.switchProfile({ profileId: ben.id });
  await services.decideReview({
    reviewId: offers,
    version: 1,
    decision: 'approvedWithConditions',
    rationale: 'Fine once opt-outs are honoured everywhere.',
    conditions: [
      { text: 'Honour opt-outs in the CRM within 48 hours', owner: 'Amara Okafor', dueDate: isoIn(10) },
    ],
    reReviewDate: isoIn(20),
    // The churn answers record the DPO's advice; the decision follows it.
    dpoAdvice: { followed: true },
  });
  await services.switchProfile({ profileId: amara.id });
  await page.reload();
  await openReminders(page);
  const soon = (await inbox(page)).filter(([, kind]) => kind !== 'Training due');
  expect(soon).toEqual([
    ['Due soon', 'Condition due', 'Loyalty offers by email'],
    ['Due soon', 'Re-review due', 'Loyalty offers by email'],
    ['Waiting for you', 'Changes requested', 'Churn-risk score for subscribers'],
  ]);
  await expect(page.getByText('Condition: Honour opt-outs in the CRM within 48 hours')).toBeVisible();

  // A month on, the training, the condition and the re-review are overdue, and come first.
  steward.clock.advanceDays(31);
  await page.reload();
  await openReminders(page);
  const late = await inbox(page);
  expect(late.slice(0, 7).every(([group]) => group === 'Overdue')).toBe(true);
  expect(late.slice(0, 2).map(([, kind]) => kind)).toEqual(['Condition due', 'Re-review due']);
  expect(late.slice(2, 7).map(([, kind]) => kind)).toEqual(Array(5).fill('Training overdue'));
  expect(late[7]).toEqual(['Waiting for you', 'Changes requested', 'Churn-risk score for subscribers']);
  await expect(navLink(page)).toContainText('8');
  await page.screenshot({ path: path.join(SHOTS, 'reminders-overdue.png'), fullPage: true });
});

test('a manager reminds the overdue people: an email draft in Bcc and a calendar of due dates', async ({
  page,
  renderer,
  steward,
}) => {
  test.setTimeout(120_000);
  const services = steward.handle.services;
  const mira = await services.createProfile({
    name: 'Mira Okonkwo',
    email: 'mira.okonkwo@example.com',
    team: 'Product',
  });
  await steward.completeModules(ALL_MODULES);
  const olu = await services.createProfile({
    name: 'Olu Bakare',
    email: 'olu.bakare@example.com',
    team: 'Marketing',
  });
  const zoe = await services.createProfile({
    name: 'Zoë Ångström',
    email: 'zoe+steward@example.com',
    team: 'Data Science',
  });
  await services.switchProfile({ profileId: mira.id });
  steward.grantRole(mira, 'managers');
  steward.clock.advanceDays(31);
  await steward.restart();
  await page.goto(renderer.url);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Records' }).click();
  const overdue = page.locator('.panel', {
    has: page.getByRole('heading', { name: 'Overdue', exact: true }),
  });
  await expect(overdue.locator('.attention-list__name')).toHaveText([olu.name, zoe.name]);
  await expect(overdue.getByText(/Write to the 2 people overdue/)).toBeVisible();

  await overdue.getByRole('button', { name: 'Email draft…' }).click();
  await expect(overdue.getByRole('status')).toHaveText(
    'Your mail client has a draft to 2 people. Nothing has been sent.',
  );
  expect(steward.opened).toHaveLength(1);
  const draft = new URL(steward.opened[0]!);
  expect(draft.protocol).toBe('mailto:');
  expect(draft.pathname).toBe('');
  expect(draft.searchParams.get('bcc')).toBe('olu.bakare@example.com,zoe+steward@example.com');
  expect(draft.searchParams.get('to')).toBeNull();
  expect(decodeURIComponent(/subject=([^&]*)/.exec(steward.opened[0]!)![1]!)).toBe(
    'Reminder: required data-ethics training is overdue',
  );
  const body = decodeURIComponent(/body=([^&]*)/.exec(steward.opened[0]!)![1]!);
  expect(body).toContain(readModuleKey('law-in-practice').title);
  expect(body).toContain(readModuleKey('ai-and-automated-decisions').title);
  // Nobody's name in a shared message: the list of who is overdue stays with the manager.
  expect(body).not.toContain('Olu');
  expect(body).not.toContain('Zoë');

  await overdue.getByRole('button', { name: 'Save due dates (.ics)…' }).click();
  await expect(overdue.getByRole('status')).toHaveText(
    /^Saved .*training-due-dates-\d{4}-\d{2}-\d{2}\.ics \(\d+ due dates\)\.$/,
  );
  const file = (await overdue.getByRole('status').textContent())!.replace(
    /^Saved (.*) \(\d+ due dates\)\.$/,
    '$1',
  );
  expect(path.dirname(file)).toBe(steward.exportsDir);
  const ics = fs.readFileSync(file, 'utf8').replace(/\r\n /g, '');
  const events = ics.match(/^BEGIN:VEVENT$/gm) ?? [];
  // Olu: everyone's 3 + Marketing's 2; Zoë: everyone's 3 + Data Science's 4.
  expect(events).toHaveLength(12);
  expect(ics).toContain(`SUMMARY:Overdue: ${readModuleKey('law-in-practice').title} (Olu Bakare)`);
  expect(ics).toContain(
    `SUMMARY:Overdue: ${readModuleKey('ai-and-automated-decisions').title} (Zoë Ångström)`,
  );
  await page.screenshot({ path: path.join(SHOTS, 'records-remind.png'), fullPage: true });
});
