// A review that needs a DPIA, with the keyboard alone (Tab, Shift+Tab, Enter, Space, the arrow keys
// and typing), on questionnaire 2.0.0 and the CNIL's Art. 35(4) list item for whistleblowing
// schemes (a case of test/core/review/calibration/cases.ts):
//
// - exemption: the submitter claims one; the reviewer sees the DPIA block approval (approval is
//   not offered), records the exemption (basis, reason, reference, the DPO's view), confirms what
//   is signed, then approves — confirming the decision too;
// - carried out: the submitter answers the last DPIA questions in the review, is shown what will be
//   signed and cancels once (nothing is submitted), then signs; the reviewer approves.
// Each screen is checked with axe; with STEWARD_SCREENSHOTS=1 each is also photographed.
import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { verifyWorkspace } from '../../electron/core/ledger';
import { stewardWorkspace } from '../../electron/core/events';
import type { AnswerValue } from '../../electron/core/contract/views/reviews';
import { CASES } from '../core/review/calibration/cases';
import { autofillDraft } from '../support/reviewAutofill';
import { expect, test, type StewardHarness } from './support/fixtures';
import { activate, chooseRadio, goWithKeyboard, tabTo, typeDate } from './support/keyboard';
import { ALL_MODULES, isoIn, SUBMITTER_MODULES } from './support/reviewAnswers';

test.use({ locale: 'en-US', viewport: { width: 1280, height: 900 } });

const TITLE = 'Staff alert scheme';
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const SHOTS = path.resolve(import.meta.dirname, '../../test-results/screens-issue15');

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

/** With STEWARD_SCREENSHOTS=1: one part of the screen (or the viewport, e.g. an open dialog), to look at. */
async function shoot(page: Page, name: string, part?: Locator) {
  if (process.env.STEWARD_SCREENSHOTS !== '1') return;
  fs.mkdirSync(SHOTS, { recursive: true });
  const file = path.join(SHOTS, `${name}.png`);
  if (part) await part.screenshot({ path: file, caret: 'hide' });
  else await page.screenshot({ path: file, caret: 'hide' });
}

function caseAnswers(overrides: Record<string, AnswerValue> = {}): Record<string, AnswerValue> {
  const found = CASES.find((c) => c.id === 'cnil-whistleblowing');
  if (!found) throw new Error('the calibration case cnil-whistleblowing is gone');
  return { ...(found.answers as Record<string, AnswerValue>), ...overrides };
}

/** Amara (submitter training) with a draft of the case; Ben (reviewer) and all training. */
async function seed(steward: StewardHarness, overrides: Record<string, AnswerValue>, drop: string[] = []) {
  const services = steward.handle.services;
  const amara = await services.createProfile({
    name: 'Amara Okafor',
    email: 'amara.okafor@example.com',
    team: 'People',
  });
  await steward.completeModules(SUBMITTER_MODULES);
  const draft = await services.createReviewDraft({});
  const answers = caseAnswers(overrides);
  for (const id of drop) delete answers[id];
  await services.saveReviewDraft({ draftId: draft.draftId, answers, mitigationResponses: [] });
  // Fills only what is still unanswered and outside `drop`, and accepts every proposed mitigation.
  const filled = await autofillDraft(services, draft.draftId, {});
  const kept = { ...filled.answers };
  for (const id of drop) delete kept[id];
  await services.saveReviewDraft({
    draftId: draft.draftId,
    answers: kept,
    mitigationResponses: filled.mitigationResponses,
  });
  const ben = await services.createProfile({
    name: 'Ben Schmidt',
    email: 'ben.schmidt@example.com',
    team: 'Privacy Office',
  });
  steward.grantRole(ben, 'reviewers');
  await steward.completeModules(ALL_MODULES);
  return { amara, ben, draftId: draft.draftId };
}

async function typeIn(page: Page, field: Locator, text: string) {
  await tabTo(page, field);
  await page.keyboard.type(text);
  await expect(field).toHaveValue(text);
}

async function openFromQueue(page: Page) {
  await goWithKeyboard(page, 'Reviews');
  const queue = page.getByRole('region', { name: 'Review queue' });
  await activate(page, queue.getByRole('link', { name: TITLE }));
  await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
}

/** Approve, with a rationale, a re-review date and the DPO's advice followed; then the signing dialog. */
async function approveAndConfirm(page: Page) {
  const decision = page.getByRole('form', { name: 'Decision' });
  await chooseRadio(page, decision.getByRole('group', { name: 'Your decision' }), 'approved');
  await typeIn(
    page,
    decision.getByRole('textbox', { name: 'Rationale' }),
    'The scheme is lawful and well run.',
  );
  const reReview = isoIn(365);
  await typeDate(page, decision.getByLabel(/Re-review date/), reReview);
  await chooseRadio(page, decision.getByRole('group', { name: /Does this decision follow the DPO/ }), 'yes');
  await activate(page, decision.getByRole('button', { name: 'Approve', exact: true }));
  const dialog = page.getByRole('dialog', { name: /Sign this decision on version 1/ });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('The scheme is lawful and well run.');
  await expect(dialog).toContainText(TITLE);
  await expect(dialog).toContainText('Approve');
  await expectNoViolations(page, 'the decision signing dialog');
  await shoot(page, 'sign-decision');
  await activate(page, dialog.getByRole('button', { name: 'Sign the decision' }));
  await expect(page.getByText('Your decision was recorded and signed.')).toBeVisible();
  await expect(
    page.getByRole('region', { name: 'Summary' }).locator('.badge', { hasText: 'Approved' }),
  ).toBeVisible();
}

test('a required DPIA blocks approval until a reviewer records an exemption, each signature confirmed first', async ({
  page,
  renderer,
  steward,
}) => {
  test.setTimeout(240_000);
  const services = steward.handle.services;
  const { amara, ben, draftId } = await seed(steward, {
    dpiaRoute: 'exemption',
    exemptionBasis: 'similarProcessing',
    exemptionReason: 'The group-wide alert scheme was assessed in 2025; this is the same scheme.',
    exemptionReference: 'Group DPIA 2025-07, whistleblowing',
  });
  await services.switchProfile({ profileId: amara.id });
  const amaraDraft = await services.getReviewDraft({ draftId });
  expect(amaraDraft.submitBlockers).toEqual([]);
  await services.submitReview({ draftId });
  await services.switchProfile({ profileId: ben.id });
  await steward.restart();

  await page.goto(renderer.url);
  await expect(page.getByRole('button', { name: /switch profile/i })).toContainText('Ben Schmidt');
  await openFromQueue(page);

  // The screening says why the law requires it; the DPIA panel says it blocks approval.
  const screening = page.getByRole('region', { name: 'DPIA screening' });
  await expect(screening).toContainText('The law requires a DPIA');
  await expect(screening).toContainText('On the Art. 35(4) list (Commission nationale');
  await expect(screening.locator('.criterion--inferred, .criterion--conflict').first()).toBeVisible();
  const dpia = page.getByRole('region', { name: 'DPIA', exact: true });
  await expect(dpia).toContainText('Blocks approval');
  await expect(dpia).toContainText('The submitter claims: Covered by a DPIA of similar processing');
  // Approval is not offered while the DPIA is open.
  const decision = page.getByRole('form', { name: 'Decision' });
  await expect(decision.getByRole('radio', { name: 'Approve', exact: true })).toBeDisabled();
  await expect(decision).toContainText('Not possible while the DPIA is neither carried out nor exempted.');
  await expectNoViolations(page, 'a review whose DPIA is open');
  await shoot(page, 'detail-dpia-open', dpia);
  await shoot(page, 'detail-screening', screening);
  await shoot(page, 'detail-decision-blocked', decision);

  // The exemption: sent empty, the form says what is missing.
  const form = page.getByRole('form', { name: 'Record an exemption' });
  await activate(page, form.getByRole('button', { name: 'Record the exemption' }));
  await expect(form).toContainText("Give the DPO's view, or why there is none.");
  await expect(page.getByRole('dialog')).toHaveCount(0);
  // Basis, reason and reference come from the submitter's claim; the DPO's view is the reviewer's.
  await expect(form.getByRole('radio', { name: /Covered by a DPIA of similar processing/ })).toBeChecked();
  await expect(
    form.getByRole('radio', { name: /judged not likely to result in a high risk/ }),
  ).toBeDisabled();
  await typeIn(
    page,
    form.getByRole('textbox', { name: "The DPO's view" }),
    'Agreed: the group DPIA covers this scheme unchanged.',
  );
  await activate(page, form.getByRole('button', { name: 'Record the exemption' }));
  const sign = page.getByRole('dialog', { name: 'Sign this exemption for version 1?' });
  await expect(sign).toBeVisible();
  await expect(sign).toContainText('Group DPIA 2025-07, whistleblowing');
  await expect(sign).toContainText('Agreed: the group DPIA covers this scheme unchanged.');
  await expect(sign.getByRole('button', { name: 'Sign the exemption' })).toBeFocused();
  await expectNoViolations(page, 'the exemption signing dialog');
  await shoot(page, 'sign-exemption');
  await page.keyboard.press('Enter');
  await expect(dpia).toContainText('Exemption recorded');
  await expect(dpia).toContainText('Recorded by');
  await expect(dpia).toContainText('Ben Schmidt');
  await expect(page.getByRole('form', { name: 'Record an exemption' })).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Timeline' })).toContainText(
    'Recorded a DPIA exemption for version 1',
  );
  await expectNoViolations(page, 'a review with an exemption recorded');
  await shoot(page, 'detail-dpia-exempted', dpia);

  await approveAndConfirm(page);
  await shoot(page, 'detail-risk', page.getByRole('region', { name: 'Risk', exact: true }));

  // The record for an authority: both files, checked by the CLI elsewhere (test/cli/reviewRecord.test.ts).
  const record = page.getByRole('region', { name: 'Review record' });
  await activate(page, record.getByRole('button', { name: 'Download JSON' }));
  await expect(record).toContainText('Saved to');
  await expect(record).toContainText('Digest:');
  const saved = fs.readdirSync(steward.exportsDir).filter((f) => f.endsWith('.review.json'));
  expect(saved).toHaveLength(1);
  const json = JSON.parse(fs.readFileSync(path.join(steward.exportsDir, saved[0]!), 'utf8')) as unknown;
  expect(JSON.stringify(json)).toContain('Agreed: the group DPIA covers this scheme unchanged.');
  await expectNoViolations(page, 'a review with its record exported');
  await shoot(page, 'detail-record', record);

  const report = await verifyWorkspace(stewardWorkspace(steward.workspaceDir), { depth: 'full' });
  expect(report.problems).toEqual([]);
});

test('the DPIA carried out in the review: the submitter answers it, sees what is signed, cancels once, then signs', async ({
  page,
  renderer,
  steward,
}) => {
  test.setTimeout(240_000);
  const { amara, ben } = await seed(steward, { dpiaRoute: 'carryOut' }, [
    'dpiaResidualAcceptance',
    'dpiaConclusion',
  ]);
  await steward.handle.services.switchProfile({ profileId: amara.id });
  await steward.restart();

  await page.goto(renderer.url);
  await expect(page.getByRole('button', { name: /switch profile/i })).toContainText('Amara Okafor');
  await goWithKeyboard(page, 'Reviews');
  await activate(
    page,
    page.getByRole('region', { name: 'Your drafts' }).getByRole('link', { name: /Resume/ }),
  );
  await expect(page.getByRole('heading', { level: 2, name: 'The proposal' })).toBeVisible();

  // The DPIA's sections are steps of the questionnaire.
  const steps = page.getByRole('navigation', { name: 'Questionnaire steps' });
  await activate(page, steps.getByRole('button', { name: /DPIA 4 — Measures/ }));
  await expect(page.getByRole('heading', { level: 2, name: 'DPIA 4 — Measures' })).toBeVisible();
  await typeIn(
    page,
    page.getByRole('textbox', { name: /Which risk remains after the measures/ }),
    'Only the risk of a false report remains, handled by the investigation procedure.',
  );
  await expectNoViolations(page, 'a DPIA section of the questionnaire');
  await shoot(page, 'draft-dpia-section');
  await activate(page, page.getByRole('button', { name: /Next: DPIA 5/ }));
  await typeIn(
    page,
    page.getByRole('textbox', { name: /Conclusion — should the processing go ahead/ }),
    'Go ahead, with the measures in place.',
  );
  await activate(page, page.getByRole('button', { name: 'Next: Risk summary' }));
  await expect(page.getByRole('heading', { level: 2, name: 'Risk summary' })).toBeVisible();
  const screening = page.getByRole('region', { name: 'DPIA screening' });
  await expect(screening).toContainText(
    'The DPIA is carried out in this review and its sections are answered.',
  );
  const risk = page.getByRole('region', { name: 'Risk', exact: true });
  await expect(risk.getByRole('table', { name: 'Risk by dimension, inherent and residual' })).toBeVisible();
  await expectNoViolations(page, 'the risk summary of a format-2 draft');
  await shoot(page, 'draft-screening', screening);
  await shoot(page, 'draft-risk', risk);

  // Submit: the dialog shows what is signed; Cancel signs nothing.
  await activate(page, page.getByRole('button', { name: 'Submit for review' }));
  const dialog = page.getByRole('dialog', { name: 'Sign and submit version 1?' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(TITLE);
  await expect(dialog).toContainText('2.0.0');
  await expect(dialog).toContainText('DPIA required');
  await expectNoViolations(page, 'the submit signing dialog');
  await shoot(page, 'sign-submit');
  await activate(page, dialog.getByRole('button', { name: 'Cancel' }));
  await expect(page.getByRole('dialog')).toHaveCount(0);
  expect((await steward.handle.services.listReviews({})).mine).toHaveLength(0);

  await activate(page, page.getByRole('button', { name: 'Submit for review' }));
  await activate(page, page.getByRole('dialog').getByRole('button', { name: 'Sign and submit' }));
  await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
  await expect(page.getByRole('region', { name: 'DPIA', exact: true })).toContainText('Carried out');

  // A submitter sees only her own reviews, and is told so (not "none have been submitted").
  await goWithKeyboard(page, 'Reviews');
  const register = page.getByRole('region', { name: 'Register of reviews' });
  await expect(register).toContainText("Your own reviews only: reviewers and managers see everyone's.");
  await expect(register.getByRole('link', { name: TITLE })).toBeVisible();
  await shoot(page, 'home-register-own', register);

  // The reviewer approves: the DPIA is done, so approval is offered.
  await steward.handle.services.switchProfile({ profileId: ben.id });
  await page.reload();
  await expect(page.getByRole('button', { name: /switch profile/i })).toContainText('Ben Schmidt');
  await openFromQueue(page);
  await approveAndConfirm(page);
});
