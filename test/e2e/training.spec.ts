// A learner completes a real module with the keyboard alone — Tab, Shift+Tab, Enter, Space and the
// arrow keys; nothing is clicked or filled — failing the knowledge check once (told what was wrong
// and what to reread, never the right answer), then passing a retry that asks other questions,
// attesting and reaching the certificate. Then the ledger on disk is read and verified, and the
// services' clock is moved to check the catalogue's statuses a year on.
import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { verifyWorkspace } from '../../electron/core/ledger';
import { expect, test, type StewardHarness } from './support/fixtures';
import { tabTo } from './support/keyboard';
import { answersFor, readModuleKey, type ModuleKey } from '../support/moduleKey';
import { stewardWorkspace } from '../../electron/core/events';

const SHOTS = path.resolve(import.meta.dirname, '../../reports/screens');
const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });

const questionGroups = (page: Page) => page.locator('fieldset.choice-group');

/** The question ids this attempt asks, in the order shown. */
async function askedIds(page: Page): Promise<string[]> {
  return questionGroups(page).evaluateAll((groups) =>
    groups.map((group) => (group.querySelector('input')?.getAttribute('name') ?? '').replace(/^q-/, '')),
  );
}

/**
 * Answers one question with the keyboard: a radio group is entered with Tab (focus lands on the
 * first radio) and moved with the arrow keys, which also select; checkboxes are reached with Tab
 * and ticked with Space.
 */
async function answerQuestion(page: Page, group: Locator, type: 'single' | 'multiple', choose: string[]) {
  const values = await group
    .locator('input')
    .evaluateAll((inputs) => inputs.map((input) => input.getAttribute('value') ?? ''));
  if (type === 'single') {
    const index = values.indexOf(choose[0]!);
    expect(index, `option ${choose[0]} is on the page`).toBeGreaterThanOrEqual(0);
    await tabTo(page, group.locator('input').first());
    if (index === 0) await page.keyboard.press('Space');
    for (let i = 0; i < index; i += 1) await page.keyboard.press('ArrowDown');
    await expect(group.locator(`input[value="${choose[0]}"]`)).toBeChecked();
    return;
  }
  for (const value of values.filter((v) => choose.includes(v))) {
    const box = group.locator(`input[value="${value}"]`);
    await tabTo(page, box);
    await page.keyboard.press('Space');
    await expect(box).toBeChecked();
  }
}

/** One question per topic: the module's bank holds two per topic. */
const asked = (key: ModuleKey) => key.questions.length / 2;

async function answerAll(page: Page, key: ModuleKey, kind: 'right' | 'wrong', skipLast = false) {
  const answers = answersFor(key, kind);
  const groups = questionGroups(page);
  await expect(groups).toHaveCount(asked(key));
  // The page's order is the attempt's; the questions keep the file's ids.
  for (let i = 0; i < asked(key) - (skipLast ? 1 : 0); i += 1) {
    const group = groups.nth(i);
    const id = (await group.locator('input').first().getAttribute('name'))!.replace(/^q-/, '');
    const question = key.questions.find((q) => q.id === id);
    expect(question, `question ${id} is in ${key.file}`).toBeTruthy();
    await answerQuestion(page, group, question!.type, answers[id]!);
  }
}

async function createProfileWithKeyboard(page: Page, renderer: { url: string }) {
  await page.goto(renderer.url);
  const name = page.getByLabel('Name');
  await expect(name).toBeVisible();
  await tabTo(page, name);
  await page.keyboard.type('Amara Okafor');
  await tabTo(page, page.getByLabel('Email'));
  await page.keyboard.type('amara.okafor@example.com');
  await tabTo(page, page.getByLabel('Team'));
  await page.keyboard.type('Marketing');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Training' })).toBeVisible();
}

function moduleCard(page: Page, title: string): Locator {
  return page.locator('li.module-card', { has: page.getByRole('heading', { level: 3, name: title }) });
}

async function statusOf(page: Page, title: string): Promise<string> {
  return (await moduleCard(page, title).locator('.badge').textContent()) ?? '';
}

interface LedgerLine {
  seq: number;
  type: string;
  data: { moduleId?: string; passed?: boolean; attempt?: number; contentHash?: string };
}

function readOwnLedger(steward: StewardHarness): LedgerLine[] {
  const dir = path.join(steward.workspaceDir, 'ledgers');
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.jsonl'));
  expect(files).toHaveLength(1);
  return fs
    .readFileSync(path.join(dir, files[0]!), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as LedgerLine);
}

/** Completes a module through the services directly (not the subject of this test: the setup). */
async function completeDirectly(steward: StewardHarness, moduleId: string) {
  const services = steward.handle.services;
  await services.startTrainingModule({ moduleId });
  const quiz = await services.getQuiz({ moduleId });
  const key = readModuleKey(moduleId);
  await services.submitQuizAttempt({
    moduleId,
    contentHash: quiz.contentHash,
    answers: answersFor(
      key,
      'right',
      quiz.questions.map((q) => q.id),
    ),
  });
  return services.attestTrainingModule({ moduleId, contentHash: quiz.contentHash, confirmed: true });
}

test('a learner completes a module with the keyboard alone, failing once, and it is on the record', async ({
  page,
  renderer,
  steward,
}) => {
  test.setTimeout(180_000);
  const key = readModuleKey('law-in-practice');
  await createProfileWithKeyboard(page, renderer);

  // ---- catalogue -------------------------------------------------------------------------------
  await expect(moduleCard(page, key.title)).toBeVisible();
  expect(await statusOf(page, key.title)).toBe('Not started');
  await expect(moduleCard(page, key.title).getByText('Required', { exact: true })).toBeVisible();
  await shot(page, 'training-catalogue');
  await tabTo(page, page.getByRole('link', { name: `Start: ${key.title}` }));
  await page.keyboard.press('Enter');

  // ---- reader: every section with Next, then the knowledge check --------------------------------
  await expect(page).toHaveURL(/#\/training\/law-in-practice$/);
  const progress = page.getByRole('progressbar');
  await expect(progress).toHaveAttribute('aria-valuenow', '1');
  const sections = Number(await progress.getAttribute('aria-valuemax'));
  expect(sections).toBeGreaterThanOrEqual(2);
  await expect(page.getByText(`Section 1 of ${sections}`).first()).toBeVisible();
  await shot(page, 'training-reader');
  for (let section = 2; section <= sections; section += 1) {
    await tabTo(page, page.getByRole('button', { name: /^Next/ }));
    await page.keyboard.press('Enter');
    await expect(progress).toHaveAttribute('aria-valuenow', String(section));
    await expect(page.locator('#reader-section-title')).toBeFocused();
  }
  await shot(page, 'training-reader-last');
  // Back one with Shift+Tab to Previous, and forward again: the position follows.
  await tabTo(page, page.getByRole('button', { name: /^Previous/ }));
  await page.keyboard.press('Enter');
  await expect(progress).toHaveAttribute('aria-valuenow', String(sections - 1));
  await tabTo(page, page.getByRole('button', { name: /^Next/ }));
  await page.keyboard.press('Enter');
  await expect(progress).toHaveAttribute('aria-valuenow', String(sections));
  await tabTo(page, page.getByRole('link', { name: 'Take the knowledge check' }));
  await page.keyboard.press('Enter');

  // ---- first attempt: every answer wrong, after being told what is missing ---------------------
  await expect(page.getByRole('heading', { level: 1, name: 'Knowledge check' })).toBeFocused();
  await expect(questionGroups(page)).toHaveCount(asked(key));
  const firstAsked = await askedIds(page);
  // Reopening the knowledge check shows the same questions in the same order.
  await page.reload();
  await expect(questionGroups(page)).toHaveCount(asked(key));
  expect(await askedIds(page)).toEqual(firstAsked);
  await page.locator('#main-heading').focus();
  await answerAll(page, key, 'wrong', true);
  await tabTo(page, page.getByRole('button', { name: 'Submit answers' }));
  await page.keyboard.press('Enter');
  const summary = page.locator('.error-summary');
  await expect(summary).toBeFocused();
  await expect(summary).toContainText('Answer 1 more question to submit');
  await expect(summary).toContainText(`Question ${asked(key)} has no answer`);
  await shot(page, 'training-quiz-missing');
  // The summary's link takes focus to the unanswered question.
  await tabTo(page, summary.getByRole('link'));
  await page.keyboard.press('Enter');
  const lastGroup = questionGroups(page).last();
  await expect(lastGroup.locator('input').first()).toBeFocused();
  const lastId = (await lastGroup.locator('input').first().getAttribute('name'))!.replace(/^q-/, '');
  const lastQuestion = key.questions.find((q) => q.id === lastId)!;
  await page.keyboard.press('Shift+Tab');
  await answerQuestion(page, lastGroup, lastQuestion.type, [lastQuestion.wrong[0]!]);
  await expect(summary).toHaveCount(0);
  await shot(page, 'training-quiz');
  await tabTo(page, page.getByRole('button', { name: 'Submit answers' }));
  await page.keyboard.press('Enter');

  const failed = page.getByRole('heading', { level: 1, name: 'Knowledge check not passed' });
  await expect(failed).toBeFocused();
  await expect(page.getByText('Not passed this time')).toBeVisible();
  await expect(page.locator('.result-item--incorrect')).toHaveCount(asked(key));
  // What was wrong and why, and what to reread; never the right answer (revealAnswers: afterPass).
  await expect(page.getByText('Why not').first()).toBeVisible();
  await expect(page.getByText('Reread', { exact: true }).first()).toBeVisible();
  await expect(page.getByText(/^Correct answers?$/)).toHaveCount(0);
  await shot(page, 'training-result-failed');

  // ---- try again: a new attempt asks other questions on the same topics, all answers right -----
  await tabTo(page, page.getByRole('button', { name: 'Try again' }).first());
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Knowledge check' })).toBeFocused();
  await expect(page.getByText(/· attempt 2$/)).toBeVisible();
  const secondAsked = await askedIds(page);
  expect(secondAsked).toHaveLength(asked(key));
  expect(
    secondAsked.filter((id) => firstAsked.includes(id)),
    'the retry asks none of the first attempt’s questions',
  ).toEqual([]);
  await answerAll(page, key, 'right');
  await tabTo(page, page.getByRole('button', { name: 'Submit answers' }));
  await page.keyboard.press('Enter');
  const passed = page.getByRole('heading', { level: 1, name: 'Knowledge check passed' });
  await expect(passed).toBeFocused();
  await expect(page.locator('.score-card__value')).toHaveText('100%');
  // A pass shows the right answers and why.
  await expect(page.getByText(/^Correct answers?$/).first()).toBeVisible();
  await shot(page, 'training-result-passed');

  // ---- attestation: the box must be ticked, then sign ------------------------------------------
  await tabTo(page, page.getByRole('link', { name: 'Continue to attestation' }).first());
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Sign the attestation' })).toBeFocused();
  const confirm = page.getByRole('checkbox', { name: 'I confirm this statement' });
  await expect(confirm).toBeVisible();
  await tabTo(page, page.getByRole('button', { name: 'Sign and complete' }));
  await page.keyboard.press('Enter');
  await expect(page.getByText('Tick the box to confirm the statement before you sign.')).toBeVisible();
  await expect(confirm).toBeFocused();
  await page.keyboard.press('Space');
  await expect(confirm).toBeChecked();
  await shot(page, 'training-attestation');
  await tabTo(page, page.getByRole('button', { name: 'Sign and complete' }));
  await page.keyboard.press('Enter');

  // ---- certificate ----------------------------------------------------------------------------
  await expect(page.getByRole('heading', { level: 1, name: `Certificate: ${key.title}` })).toBeFocused();
  const certificate = page.getByRole('article');
  await expect(certificate.getByText('Amara Okafor')).toBeVisible();
  await expect(certificate.getByText('Signature verified against the records')).toBeVisible();
  await expect(certificate.getByText('100%')).toBeVisible();
  const entryHash = page.url().split('/certificates/')[1]!;
  expect(entryHash).toMatch(/^[0-9a-f]{64}$/);
  await expect(certificate.getByText(entryHash)).toBeVisible();
  const profile = await steward.handle.services.getCurrentProfile({});
  await expect(certificate.getByText(profile!.fingerprint)).toBeVisible();
  await shot(page, 'training-certificate');
  await page.emulateMedia({ media: 'print' });
  await shot(page, 'training-certificate-print');
  await page.emulateMedia({ media: 'screen' });

  // ---- the ledger on disk ---------------------------------------------------------------------
  const training = readOwnLedger(steward).filter(
    (line) => line.type.startsWith('training.') && line.data.moduleId === 'law-in-practice',
  );
  expect(training.map((line) => [line.type, line.data.passed ?? null])).toEqual([
    ['training.started', null],
    ['training.quizAttempted', false],
    ['training.quizAttempted', true],
    ['training.attested', null],
    ['training.completed', null],
  ]);
  expect(training.map((line) => line.seq)).toEqual(
    [...training.map((line) => line.seq)].sort((a, b) => a - b),
  );
  const report = await verifyWorkspace(stewardWorkspace(steward.workspaceDir), { depth: 'full' });
  expect(report.problems).toEqual([]);
  expect(report.ok).toBe(true);

  // ---- back in the catalogue: passed, with the certificate a link away ----------------------
  await tabTo(page, page.getByRole('link', { name: 'Back to training' }));
  await page.keyboard.press('Enter');
  await expect(moduleCard(page, key.title).locator('.badge')).toHaveText('Passed');
  await expect(
    moduleCard(page, key.title).getByRole('link', { name: `View certificate: ${key.title}` }),
  ).toHaveAttribute('href', `#/certificates/${entryHash}`);
  await shot(page, 'training-catalogue-passed');

  // ---- a year on: due soon, then overdue (the module is required of this learner) ------------
  steward.clock.advanceDays(340);
  await page.reload();
  await expect(moduleCard(page, key.title).locator('.badge')).toHaveText('Due soon');
  steward.clock.advanceDays(26);
  await page.reload();
  await expect(moduleCard(page, key.title).locator('.badge')).toHaveText('Overdue');
});

test('the catalogue follows the clock: due soon, then overdue or expired', async ({
  page,
  renderer,
  steward,
}) => {
  test.setTimeout(60_000);
  await createProfileWithKeyboard(page, renderer);
  // Marketing must complete law-in-practice; governance-and-accountability is optional for them.
  const required = readModuleKey('law-in-practice');
  const optional = readModuleKey('governance-and-accountability');
  await completeDirectly(steward, required.id);
  await completeDirectly(steward, optional.id);
  await page.reload();
  await expect(moduleCard(page, required.title).locator('.badge')).toHaveText('Passed');
  await expect(moduleCard(page, optional.title).locator('.badge')).toHaveText('Passed');
  await expect(moduleCard(page, required.title).getByText('Required', { exact: true })).toBeVisible();
  await expect(moduleCard(page, optional.title).getByText('Required', { exact: true })).toHaveCount(0);

  steward.clock.advanceDays(340);
  await page.reload();
  await expect(moduleCard(page, required.title).locator('.badge')).toHaveText('Due soon');
  await expect(moduleCard(page, optional.title).locator('.badge')).toHaveText('Due soon');
  await expect(moduleCard(page, required.title).locator('.module-card__date')).toContainText('Expires');
  // Required modules never started are long past their due date by now.
  await expect(moduleCard(page, readModuleKey('peoples-rights').title).locator('.badge')).toHaveText(
    'Overdue',
  );
  await expect(moduleCard(page, readModuleKey('privacy-by-design').title).locator('.badge')).toHaveText(
    'Not started',
  );
  await shot(page, 'training-catalogue-due-soon');

  steward.clock.advanceDays(26); // 366 days after completion
  await page.reload();
  await expect(moduleCard(page, required.title).locator('.badge')).toHaveText('Overdue');
  await expect(moduleCard(page, optional.title).locator('.badge')).toHaveText('Expired');
  await expect(
    moduleCard(page, required.title).getByRole('link', { name: `Retake: ${required.title}` }),
  ).toBeVisible();
  await shot(page, 'training-catalogue-expired');
});
