// The conditions of an approval on the review detail screen: each one's owner, due date and state
// (met, open, overdue), and marking one met when core allows it (the submitter or a reviewer).
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ReviewCondition } from '../../electron/core/contract/views/reviews';
import { formatDate, formatDay } from '../../renderer/format';
import { makeProfile } from './fakeBridge';
import {
  completeAnswers,
  makeApprovedWithConditions,
  makeQuestionnaire,
  person,
  type FakeReview,
} from './fakeReviews';
import { renderApp } from './renderApp';

const amara = makeProfile({ name: 'Amara Okafor', team: 'Data Science' });
const ben = makeProfile({ name: 'Ben Schmidt', team: 'Privacy' });
const cara = makeProfile({ name: 'Cara Diaz', team: 'Marketing' });
const q = makeQuestionnaire();

// Whether a condition is overdue is core's (conditionOverdue); here it comes with the detail.
const PSEUDONYMISE: ReviewCondition = {
  id: 'c1',
  text: 'Pseudonymise the training set',
  owner: 'Grace Hopper',
  dueDate: '2099-02-01',
  met: null,
  overdue: false,
};
const DELETE_RAW: ReviewCondition = {
  id: 'c2',
  text: 'Delete raw transcripts after 30 days',
  owner: 'Support lead',
  dueDate: '2020-01-31',
  met: null,
  overdue: true,
};

/** Amara's use, approved by Ben with two open conditions. */
function approvedWithConditions(conditions: ReviewCondition[] = [PSEUDONYMISE, DELETE_RAW]): FakeReview {
  const review = makeApprovedWithConditions(q, person(amara), person(ben), {
    reviewId: 'rv-churn',
    answers: completeAnswers(),
  });
  review.detail.conditions = conditions.map((c) => ({ ...c }));
  return review;
}

async function openReview(review: FakeReview, viewer = amara, reviewerIds: string[] = [ben.id]) {
  window.history.replaceState(null, '', `#/reviews/${review.detail.summary.reviewId}`);
  const rendered = await renderApp({
    profiles: [amara, ben, cara],
    currentProfileId: viewer.id,
    reviews: { questionnaire: q, reviews: [review], reviewerIds },
  });
  await screen.findByRole('heading', { level: 1, name: review.detail.summary.title });
  return rendered;
}

const conditionsPanel = () => screen.getByRole('region', { name: 'Conditions' });
const item = (text: string) =>
  within(conditionsPanel()).getByText(text, { selector: '.flag__label' }).closest('li') as HTMLElement;
const meetForm = (text: string) => screen.getByRole('form', { name: `Mark met: ${text}` });

describe('review detail: conditions', () => {
  it('marks a condition met: a blank note is refused here, then the condition, timeline and form update', async () => {
    const { bridge } = await openReview(approvedWithConditions());
    expect(within(conditionsPanel()).getByText('0 of 2 conditions met')).toBeTruthy();

    // Blank: said what is missing, the field is focused, core is not called.
    const form = meetForm(PSEUDONYMISE.text);
    const note = within(form).getByRole('textbox', { name: /What was done/ });
    fireEvent.change(note, { target: { value: '   ' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Mark as met' }));
    expect(within(form).getByText('Say what was done to meet this condition.')).toBeTruthy();
    expect(note.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(note);
    expect(bridge.callsTo('markConditionMet')).toEqual([]);

    fireEvent.change(note, { target: { value: '  Salted hashes since 1 Dec; see DPIA-42.  ' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Mark as met' }));
    const metOn = `Met on ${formatDate(bridge.state.reviews.now)} by Amara Okafor`;
    const status = await within(item(PSEUDONYMISE.text)).findByText(metOn);
    expect(bridge.callsTo('markConditionMet')).toEqual([
      { reviewId: 'rv-churn', conditionId: 'c1', note: 'Salted hashes since 1 Dec; see DPIA-42.' },
    ]);
    // Focus moves to the condition's new state; its form is gone, the note is shown.
    await waitFor(() => expect(document.activeElement).toBe(status.closest('p')));
    expect(screen.queryByRole('form', { name: `Mark met: ${PSEUDONYMISE.text}` })).toBeNull();
    expect(within(item(PSEUDONYMISE.text)).getByText('Salted hashes since 1 Dec; see DPIA-42.')).toBeTruthy();
    expect(within(conditionsPanel()).getByText('1 of 2 conditions met')).toBeTruthy();

    // The timeline records it, with the note.
    const timeline = screen.getByRole('region', { name: 'Timeline' });
    const entry = within(timeline)
      .getByText(`Condition met: ${PSEUDONYMISE.text}`)
      .closest('li') as HTMLElement;
    expect(entry.textContent).toContain('Salted hashes since 1 Dec; see DPIA-42.');
    expect(entry.textContent).toContain('Amara Okafor');

    // The last one: no form and no button is left.
    const last = meetForm(DELETE_RAW.text);
    fireEvent.change(within(last).getByRole('textbox', { name: /What was done/ }), {
      target: { value: 'Retention job deletes after 30 days.' },
    });
    fireEvent.click(within(last).getByRole('button', { name: 'Mark as met' }));
    await within(item(DELETE_RAW.text)).findByText(metOn);
    expect(within(conditionsPanel()).getByText('2 of 2 conditions met')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Mark as met' })).toBeNull();
    expect(screen.queryByRole('textbox', { name: /What was done/ })).toBeNull();
  });

  it("shows core's refusal in the condition's form", async () => {
    const { bridge } = await openReview(approvedWithConditions(), ben);
    // Ben's reviewer role ended after the screen opened: core refuses.
    bridge.state.reviews.reviewerIds = [];
    const form = meetForm(DELETE_RAW.text);
    fireEvent.change(within(form).getByRole('textbox', { name: /What was done/ }), {
      target: { value: 'Done.' },
    });
    fireEvent.click(within(form).getByRole('button', { name: 'Mark as met' }));
    const alert = await within(form).findByRole('alert');
    expect(alert.textContent).toContain('The condition was not marked met');
    expect(alert.textContent).toContain(
      'Only the submitter of "Churn-risk score" or a reviewer can mark its conditions met.',
    );
    // Only the form that was used shows it, and nothing was marked.
    expect(within(meetForm(PSEUDONYMISE.text)).queryByRole('alert')).toBeNull();
    expect(within(item(DELETE_RAW.text)).getByText(/^Overdue/)).toBeTruthy();
  });

  it('says which open condition is overdue, and which is merely open', async () => {
    await openReview(approvedWithConditions());
    const overdue = item(DELETE_RAW.text);
    expect(within(overdue).getByText(`Overdue · was due ${formatDay(DELETE_RAW.dueDate)}`)).toBeTruthy();
    expect(within(overdue).getByText('Support lead')).toBeTruthy();
    const open = item(PSEUDONYMISE.text);
    expect(within(open).getByText(`Open · due ${formatDay(PSEUDONYMISE.dueDate)}`)).toBeTruthy();
    expect(within(open).queryByText(/Overdue/)).toBeNull();
    expect(within(open).getByText('Grace Hopper')).toBeTruthy();
  });

  it('a condition met after its due date is met, not overdue', async () => {
    await openReview(
      approvedWithConditions([
        {
          ...DELETE_RAW,
          overdue: false,
          met: {
            by: person(ben),
            at: '2020-02-03T10:00:00.000Z',
            note: 'Deleted.',
            entryHash: 'e'.repeat(64),
          },
        },
      ]),
    );
    const met = item(DELETE_RAW.text);
    expect(
      within(met).getByText(`Met on ${formatDate('2020-02-03T10:00:00.000Z')} by Ben Schmidt`),
    ).toBeTruthy();
    expect(within(met).getByText('Deleted.')).toBeTruthy();
    expect(within(met).queryByText(/Overdue/)).toBeNull();
    expect(screen.queryByRole('button', { name: 'Mark as met' })).toBeNull();
  });

  it('offers no form without meetConditions (neither the submitter nor a reviewer)', async () => {
    const { bridge } = await openReview(approvedWithConditions(), cara);
    expect(within(conditionsPanel()).getByText(PSEUDONYMISE.text)).toBeTruthy();
    expect(screen.queryByRole('form', { name: /^Mark met/ })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Mark as met' })).toBeNull();
    expect(
      within(conditionsPanel()).getByText(
        'The submitter or a reviewer marks each condition met once it is done.',
      ),
    ).toBeTruthy();
    expect(bridge.callsTo('markConditionMet')).toEqual([]);
  });
});
