// The reviews home over the real core: drafts, my reviews, the queue and the register are core's
// projection of reviews submitted and decided through the real workflow, and what keeps someone
// from starting or deciding a review is core's reasons, worded by the page.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { formatShortDate } from '../../../../renderer/format';
import { i18n } from '../../../../renderer/i18n';
import { inFrenchEachTest, NBSP } from '../../support/french';
import { actAs, addPerson } from '../../support/people';
import { seededWorkspace, type CoreOptions } from '../../support/realBridge';
import { renderApp } from '../../support/renderApp';
import {
  DECLINE_ART9,
  lowRiskAnswers,
  makeReviewer,
  makeSubmitter,
  MEDIUM_RISK,
  SPECIAL_CATEGORY,
  submitReview,
} from '../../support/reviews';
import { NOW } from '../../support/training';

const DECIDED_AT = '2026-11-25T10:00:00.000Z';

/**
 * Ada (a reviewer) submitted "Churn-risk score" and has a draft; Ben submitted "Loyalty offers"
 * (awaiting a decision) and "Support ticket search", which Ada approved with a condition on
 * 25 November 2026. Cara has just joined and has no training. Ada is the current profile.
 */
const workspace = seededWorkspace(async (core) => {
  core.clock.set('2026-11-20T09:00:00.000Z');
  const ben = await addPerson(core, 'ben');
  await makeSubmitter(core, ben);
  const ada = await addPerson(core, 'ada');
  await makeReviewer(core, ada);
  const cara = await addPerson(core, 'cara');

  core.clock.set('2026-11-21T09:00:00.000Z');
  const decided = await submitReview(core, ben, lowRiskAnswers({ proposalTitle: 'Support ticket search' }));
  await submitReview(core, ada, lowRiskAnswers({ proposalTitle: 'Churn-risk score', ...MEDIUM_RISK }));
  core.clock.set('2026-11-22T09:00:00.000Z');
  await submitReview(core, ben, lowRiskAnswers({ proposalTitle: 'Loyalty offers', ...SPECIAL_CATEGORY }), [
    DECLINE_ART9,
  ]);

  core.clock.set(DECIDED_AT);
  await actAs(core, ada);
  await core.services.decideReview({
    reviewId: decided,
    version: 1,
    decision: 'approvedWithConditions',
    rationale: 'Proportionate, once the search index leaves out free text.',
    conditions: [{ text: 'Leave free text out of the index', owner: 'Support lead', dueDate: '2027-01-31' }],
    reReviewDate: '2027-11-25',
    dpoAdvice: { followed: true },
  });

  core.clock.set('2026-11-28T10:00:00.000Z');
  const draft = await core.services.createReviewDraft({});
  await core.services.saveReviewDraft({
    draftId: draft.draftId,
    answers: { proposalTitle: 'Store-visit prediction' },
    mitigationResponses: [],
  });
  core.clock.set(NOW);
  return { ada, ben, cara, draftId: draft.draftId };
});

async function openHome(as: 'ada' | 'cara' = 'ada', options?: CoreOptions) {
  const { core, seeded } = await workspace.open(options);
  await actAs(core, seeded[as]);
  const bridge = await renderApp(core, '#/reviews');
  await screen.findByRole('button', { name: 'Start a review' });
  return { core, bridge, ...seeded };
}

const panel = (name: string) => screen.getByRole('region', { name });

describe('reviews home', () => {
  it('lists drafts, my reviews, the queue and the register for a reviewer', async () => {
    const { draftId } = await openHome();

    const drafts = panel('Your drafts');
    expect(within(drafts).getByText('Store-visit prediction')).toBeTruthy();
    expect(
      within(drafts).getByRole('link', { name: 'Resume: Store-visit prediction' }).getAttribute('href'),
    ).toBe(`#/reviews/drafts/${draftId}`);

    const mine = panel('Your reviews');
    const mineRows = within(mine).getAllByRole('row').slice(1);
    expect(mineRows).toHaveLength(1);
    const churn = within(mineRows[0]!).getByRole('link', { name: 'Churn-risk score' });
    expect(churn.getAttribute('href')).toMatch(/^#\/reviews\/r/);
    expect(within(mineRows[0]!).getByText('Awaiting decision')).toBeTruthy();
    expect(within(mineRows[0]!).getByText('Medium risk')).toBeTruthy();

    // The queue holds others' reviews only, with their open blocking flags.
    const queue = panel('Review queue');
    const queueRows = within(queue).getAllByRole('row').slice(1);
    expect(queueRows.map((row) => within(row).getByRole('link').textContent)).toEqual(['Loyalty offers']);
    expect(within(queueRows[0]!).getByText('Ben Schmidt')).toBeTruthy();
    expect(within(queueRows[0]!).getByText('High risk')).toBeTruthy();
    expect(queueRows[0]!.querySelector('td:last-child')?.textContent).toBe('1');

    const register = panel('Register of reviews');
    const decidedRow = within(register).getByRole('link', { name: 'Support ticket search' }).closest('tr')!;
    expect(within(decidedRow).getByText('Approved with conditions')).toBeTruthy();
    expect(decidedRow.textContent).toContain(`Decidedby Ada Lovelace, ${formatShortDate(DECIDED_AT)}`);
    expect(decidedRow.textContent).toContain(formatShortDate('2027-11-25'));
    expect(within(register).getAllByRole('row')).toHaveLength(4);
  });

  it('deletes a draft only after confirming, and keeps focus in place', async () => {
    const { core, bridge, draftId } = await openHome();
    const drafts = panel('Your drafts');
    fireEvent.click(within(drafts).getByRole('button', { name: 'Delete draft: Store-visit prediction' }));
    expect(bridge.callsTo('deleteReviewDraft')).toEqual([]);
    const confirm = within(drafts).getByRole('button', { name: 'Delete draft' });
    expect(document.activeElement).toBe(confirm);
    // Cancel puts the button back.
    fireEvent.click(within(drafts).getByRole('button', { name: 'Cancel' }));
    expect(document.activeElement).toBe(
      within(drafts).getByRole('button', { name: 'Delete draft: Store-visit prediction' }),
    );
    fireEvent.click(within(drafts).getByRole('button', { name: 'Delete draft: Store-visit prediction' }));
    fireEvent.click(within(drafts).getByRole('button', { name: 'Delete draft' }));
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Your drafts' })).toBeNull());
    expect(bridge.callsTo('deleteReviewDraft')).toEqual([{ draftId }]);
    expect((await core.services.listReviews({})).drafts).toEqual([]);
  });

  it('disables Start a review and says why when the submitter training is not current', async () => {
    await openHome('cara');
    const start = screen.getByRole('button', { name: 'Start a review' }) as HTMLButtonElement;
    expect(start.disabled).toBe(true);
    expect(screen.getByText('You cannot submit a review yet')).toBeTruthy();
    expect(
      screen.getByText(
        'Before you submit a review, complete this training: Minimisation and purpose: collect less, use it as promised, Privacy by design and by default.',
      ),
    ).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Go to training' }).getAttribute('href')).toBe('#/training');
  });

  it('shows no queue to a manager who is not a reviewer, and says why only because others are waiting', async () => {
    const { core, seeded } = await workspace.open();
    core.grantRole(seeded.cara, 'managers');
    await actAs(core, seeded.cara);
    await renderApp(core, '#/reviews');
    await screen.findByRole('button', { name: 'Start a review' });
    expect(screen.queryByRole('region', { name: 'Review queue' })).toBeNull();
    // A manager sees every review: Ada's and Ben's are waiting.
    expect(screen.getByText('2 reviews by others waiting for a reviewer')).toBeTruthy();
    expect(
      screen.getByText(
        'You are not a reviewer: the policy must name your email together with your key fingerprint (shown in Settings).',
      ),
    ).toBeTruthy();
    expect(within(panel('Register of reviews')).getAllByRole('row')).toHaveLength(4);
  });

  it('tells a new reviewer which training to complete before deciding', async () => {
    const { core, seeded } = await workspace.open();
    core.grantRole(seeded.cara, 'reviewers');
    await actAs(core, seeded.cara);
    await renderApp(core, '#/reviews');
    await screen.findByRole('button', { name: 'Start a review' });
    expect(screen.queryByRole('region', { name: 'Review queue' })).toBeNull();
    expect(screen.getByText('2 reviews by others waiting for a reviewer')).toBeTruthy();
    expect(
      screen.getByText(/^Your reviewer training is not current: Data protection law in practice, /),
    ).toBeTruthy();
  });

  it("tells someone who sees only their own reviews so, never that none exist while others' do", async () => {
    const { core } = await openHome('cara');
    expect((await core.services.listReviews({})).scope).toBe('own');
    const register = panel('Register of reviews');
    expect(register.textContent).toContain("Your own reviews only: reviewers and managers see everyone's.");
    expect(register.textContent).toContain('You have not submitted a review. You see your own reviews only');
    expect(register.textContent).not.toContain('No reviews have been submitted in this workspace.');
  });

  it('starts a review and opens its questionnaire', async () => {
    const { bridge } = await openHome();
    fireEvent.click(screen.getByRole('button', { name: 'Start a review' }));
    await screen.findByRole('heading', { level: 1, name: 'New review' });
    expect(bridge.callsTo('createReviewDraft')).toEqual([{}]);
    expect(window.location.hash).toMatch(/^#\/reviews\/drafts\/d[0-9a-f]{16}$/);
    expect(await screen.findByRole('heading', { level: 2, name: 'The proposal' })).toBeTruthy();
  });
});

describe('reviews home in French', () => {
  inFrenchEachTest();

  it('shows the reviews home in French, with French dates and plurals', async () => {
    const { core, seeded } = await workspace.open();
    core.grantRole(seeded.cara, 'managers');
    await actAs(core, seeded.cara);
    await core.services.setLocale({ locale: 'fr' });
    await renderApp(core, '#/reviews');

    expect(await screen.findByRole('heading', { level: 1, name: 'Examens' })).toBeTruthy();
    expect(await screen.findByRole('button', { name: 'Commencer un examen' })).toBeTruthy();

    expect(screen.getByText("Vous n'avez soumis aucun examen.")).toBeTruthy();
    const churnRow = within(screen.getByRole('region', { name: 'Registre des examens' }))
      .getByRole('link', { name: 'Churn-risk score' })
      .closest('tr')!;
    expect(within(churnRow).getByText('En attente de décision')).toBeTruthy();
    expect(within(churnRow).getByText('Risque moyen')).toBeTruthy();

    const register = screen.getByRole('region', { name: 'Registre des examens' });
    expect(within(register).getByRole('columnheader', { name: 'Demandeur' })).toBeTruthy();
    const decidedRow = within(register).getByRole('link', { name: 'Support ticket search' }).closest('tr')!;
    expect(within(decidedRow).getByText('Approuvé sous conditions')).toBeTruthy();
    const decidedOn = formatShortDate(DECIDED_AT);
    expect(decidedOn).toBe('25 nov. 2026');
    expect(decidedRow.textContent).toContain(`Décidépar Ada Lovelace, le ${decidedOn}`);
    expect(decidedRow.textContent).toContain(formatShortDate('2027-11-25'));

    // Two reviews by others are waiting and Cara is not a reviewer: core's reason, in French.
    expect(screen.getByText("2 examens soumis par d'autres attendent un examinateur")).toBeTruthy();
    // Testing Library collapses the no-break space; the page keeps it.
    expect(screen.getByText(/^Vous ne pouvez pas statuer sur les examens/).textContent).toBe(
      `Vous ne pouvez pas statuer sur les examens${NBSP}:`,
    );
    expect(screen.getByText(/^Vous n'êtes pas examinateur/)).toBeTruthy();
    expect(screen.queryByText(/^You are not a reviewer/)).toBeNull();
    // French counts 0 as singular too.
    expect(i18n.t('review:home.reviewerNote.title', { count: 0 })).toBe(
      "0 examen soumis par d'autres attend un examinateur",
    );
    expect(i18n.t('review:home.reviewerNote.title', { count: 2 })).toBe(
      "2 examens soumis par d'autres attendent un examinateur",
    );
  });

  it("lists a reviewer's own draft, reviews and queue in French", async () => {
    const { core } = await workspace.open();
    await core.services.setLocale({ locale: 'fr' });
    await renderApp(core, '#/reviews');
    const drafts = await screen.findByRole('region', { name: 'Vos brouillons' });
    expect(
      within(drafts).getByRole('link', { name: `Reprendre${NBSP}: Store-visit prediction` }),
    ).toBeTruthy();
    const mineRow = within(screen.getByRole('region', { name: 'Vos examens' }))
      .getByRole('link', { name: 'Churn-risk score' })
      .closest('tr')!;
    expect(within(mineRow).getByText('En attente de décision')).toBeTruthy();
    expect(within(mineRow).getByText('Risque moyen')).toBeTruthy();
    const queue = screen.getByRole('region', { name: "File d'attente des examens" });
    expect(within(queue).getByText('Risque élevé')).toBeTruthy();
  });

  it("words core's submit blocker in French", async () => {
    const { core, seeded } = await workspace.open();
    await actAs(core, seeded.cara);
    await core.services.setLocale({ locale: 'fr' });
    await renderApp(core, '#/reviews');
    await screen.findByRole('button', { name: 'Commencer un examen' });
    const blocker = screen.getByText(/^Avant de soumettre un examen/);
    expect(blocker.textContent).toContain('Privacy by design and by default');
    expect(screen.queryByText(/^Before you submit a review/)).toBeNull();
  });
});
