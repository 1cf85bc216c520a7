import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeProfile } from './fakeBridge';
import {
  completeAnswers,
  makeApprovedWithConditions,
  makeDraft,
  makeQuestionnaire,
  makeReview,
  person,
} from './fakeReviews';
import { renderApp } from './renderApp';

const ada = makeProfile({ name: 'Ada Lovelace', team: 'Analytics' });
const ben = makeProfile({ name: 'Ben Schmidt', team: 'Privacy' });
const q = makeQuestionnaire();

const panel = (name: string) => screen.getByRole('region', { name });

function seeded() {
  const mine = makeReview(q, person(ada), {
    reviewId: 'rv-mine',
    answers: completeAnswers({ proposalTitle: 'Churn-risk score' }),
  });
  const theirs = makeReview(q, person(ben), {
    reviewId: 'rv-theirs',
    answers: completeAnswers({ proposalTitle: 'Loyalty offers', scrSensitive: 'yes' }),
  });
  const decided = makeApprovedWithConditions(q, person(ben), person(ada), {
    reviewId: 'rv-decided',
    answers: completeAnswers({ proposalTitle: 'Support ticket search' }),
  });
  const draft = makeDraft({ answers: { proposalTitle: 'Store-visit prediction' } });
  return { mine, theirs, decided, draft };
}

async function openHome(options: { reviewer?: boolean; submitterBlockers?: string[] } = {}) {
  const { mine, theirs, decided, draft } = seeded();
  window.history.replaceState(null, '', '#/reviews');
  const rendered = await renderApp({
    profiles: [ada, ben],
    currentProfileId: ada.id,
    reviews: {
      questionnaire: q,
      reviews: [mine, theirs, decided],
      drafts: [draft],
      reviewerIds: options.reviewer ? [ada.id] : [],
      submitterBlockers: options.submitterBlockers ?? [],
    },
  });
  await screen.findByRole('button', { name: 'Start a review' });
  return { ...rendered, draft };
}

describe('reviews home', () => {
  it('lists drafts, my reviews, the queue and the register for a reviewer', async () => {
    const { draft } = await openHome({ reviewer: true });

    const drafts = panel('Your drafts');
    expect(within(drafts).getByText('Store-visit prediction')).toBeTruthy();
    expect(
      within(drafts).getByRole('link', { name: 'Resume: Store-visit prediction' }).getAttribute('href'),
    ).toBe(`#/reviews/drafts/${draft.draftId}`);

    const mine = panel('Your reviews');
    const mineRows = within(mine).getAllByRole('row').slice(1);
    expect(mineRows).toHaveLength(1);
    expect(within(mineRows[0]!).getByRole('link', { name: 'Churn-risk score' }).getAttribute('href')).toBe(
      '#/reviews/rv-mine',
    );
    expect(within(mineRows[0]!).getByText('Awaiting decision')).toBeTruthy();
    expect(within(mineRows[0]!).getByText('Medium risk')).toBeTruthy();

    // The queue holds others' reviews only.
    const queue = panel('Review queue');
    const queueRows = within(queue).getAllByRole('row').slice(1);
    expect(queueRows.map((row) => within(row).getByRole('link').textContent)).toEqual(['Loyalty offers']);
    expect(within(queueRows[0]!).getByText('Ben Schmidt')).toBeTruthy();
    expect(within(queueRows[0]!).getByText('High risk')).toBeTruthy();

    const register = panel('Register of reviews');
    const decidedRow = within(register).getByRole('link', { name: 'Support ticket search' }).closest('tr')!;
    expect(within(decidedRow).getByText('Approved with conditions')).toBeTruthy();
    expect(decidedRow.textContent).toContain('Decidedby Ada Lovelace');
    expect(decidedRow.textContent).toMatch(/2027/);
    expect(within(register).getAllByRole('row')).toHaveLength(4);
  });

  it('deletes a draft only after confirming, and keeps focus in place', async () => {
    const { bridge, draft } = await openHome();
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
    expect(bridge.callsTo('deleteReviewDraft')).toEqual([{ draftId: draft.draftId }]);
  });

  it('disables Start a review and says why when the submitter training is not current', async () => {
    await openHome({
      submitterBlockers: ['Complete "Privacy by design" before you submit a review.'],
    });
    const start = screen.getByRole('button', { name: 'Start a review' }) as HTMLButtonElement;
    expect(start.disabled).toBe(true);
    expect(screen.getByText('You cannot submit a review yet')).toBeTruthy();
    expect(screen.getByText('Complete "Privacy by design" before you submit a review.')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Go to training' }).getAttribute('href')).toBe('#/training');
  });

  it('shows no queue to a non-reviewer, and says why only because others are waiting', async () => {
    await openHome();
    expect(screen.queryByRole('region', { name: 'Review queue' })).toBeNull();
    expect(screen.getByText('1 review by others waiting for a reviewer')).toBeTruthy();
    expect(screen.getByText('You do not hold the reviewer role in the policy.')).toBeTruthy();
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
