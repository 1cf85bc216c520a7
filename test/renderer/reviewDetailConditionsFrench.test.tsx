// The conditions of an approval in French: states, the form and the timeline entry come from
// fr/review.json, with French typography and dates.
import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { formatDate, formatDay } from '../../renderer/format';
import { makeProfile } from './fakeBridge';
import { completeAnswers, makeApprovedWithConditions, makeQuestionnaire, person } from './fakeReviews';
import { inFrenchEachTest, NBSP } from './french';
import { renderApp } from './renderApp';

const ada = makeProfile({ name: 'Ada Lovelace', team: 'Analytics' });
const ben = makeProfile({ name: 'Ben Schmidt', team: 'Privacy' });
const q = makeQuestionnaire();

inFrenchEachTest();

describe('review conditions in French', () => {
  it('shows the state of each condition, marks one met and records it in the timeline, in French', async () => {
    const review = makeApprovedWithConditions(q, person(ben), person(ada), {
      reviewId: 'rv-decided',
      answers: completeAnswers({ proposalTitle: 'Support ticket search' }),
    });
    review.detail.conditions = [
      {
        id: 'c1',
        text: 'Delete raw transcripts',
        owner: 'Support lead',
        dueDate: '2020-01-31',
        met: null,
        overdue: true,
      },
      {
        id: 'c2',
        text: 'Name a retention owner',
        owner: 'Support lead',
        dueDate: '2099-01-31',
        met: null,
        overdue: false,
      },
    ];
    window.history.replaceState(null, '', '#/reviews/rv-decided');
    const { bridge } = await renderApp({
      profiles: [ada, ben],
      currentProfileId: ben.id,
      records: { locale: 'fr' },
      reviews: { questionnaire: q, reviews: [review], reviewerIds: [] },
    });
    await screen.findByRole('heading', { level: 1, name: 'Support ticket search' });

    const panel = screen.getByRole('region', { name: 'Conditions' });
    expect(within(panel).getByText('0 sur 2 conditions remplies')).toBeTruthy();
    expect(
      within(panel).getByText(`En retard · l'échéance était le ${formatDay('2020-01-31')}`),
    ).toBeTruthy();
    expect(within(panel).getByText(`En cours · échéance le ${formatDay('2099-01-31')}`)).toBeTruthy();
    expect(formatDay('2099-01-31')).toMatch(/janvier 2099/);

    const form = screen.getByRole('form', { name: `Marquer comme remplie${NBSP}: Delete raw transcripts` });
    fireEvent.click(within(form).getByRole('button', { name: 'Marquer comme remplie' }));
    expect(within(form).getByText('Indiquez ce qui a été fait pour remplir cette condition.')).toBeTruthy();
    fireEvent.change(within(form).getByRole('textbox', { name: /Ce qui a été fait/ }), {
      target: { value: 'Tâche de purge en place.' },
    });
    fireEvent.click(within(form).getByRole('button', { name: 'Marquer comme remplie' }));
    expect(
      await within(panel).findByText(`Remplie le ${formatDate(bridge.state.reviews.now)} par Ben Schmidt`),
    ).toBeTruthy();
    expect(within(panel).getByText('1 sur 2 conditions remplies')).toBeTruthy();
    const timeline = screen.getByRole('region', { name: 'Historique' });
    expect(within(timeline).getByText(/^Condition remplie/).textContent).toBe(
      `Condition remplie${NBSP}: Delete raw transcripts`,
    );
    expect(within(timeline).getByText('Tâche de purge en place.')).toBeTruthy();
  });
});
