import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ArgsOf } from '../../electron/core/contract/methods';
import { makeProfile } from './fakeBridge';
import { completeAnswers, makeQuestionnaire, makeReview, person, type FakeReview } from './fakeReviews';
import { renderApp } from './renderApp';

const amara = makeProfile({ name: 'Amara Okafor', team: 'Data Science' });
const ben = makeProfile({ name: 'Ben Schmidt', team: 'Privacy' });
const q = makeQuestionnaire();

const decisionForm = () => screen.getByRole('form', { name: 'Decision' });
const choose = (name: string) =>
  fireEvent.click(within(screen.getByRole('group', { name: 'Your decision' })).getByRole('radio', { name }));

async function openReview(
  review: FakeReview,
  viewer = ben,
  options: { reviewer?: boolean } = { reviewer: true },
) {
  window.history.replaceState(null, '', `#/reviews/${review.detail.summary.reviewId}`);
  const rendered = await renderApp({
    profiles: [amara, ben],
    currentProfileId: viewer.id,
    reviews: { questionnaire: q, reviews: [review], reviewerIds: options.reviewer ? [ben.id] : [] },
  });
  await screen.findByRole('heading', { level: 1, name: review.detail.summary.title });
  return rendered;
}

function amarasReview(answers = completeAnswers()) {
  return makeReview(q, person(amara), { reviewId: 'rv-churn', answers });
}

describe('review detail', () => {
  it('shows the summary, assessment, answers by section and the timeline', async () => {
    await openReview(amarasReview());
    const summary = screen.getByRole('region', { name: 'Summary' });
    expect(within(summary).getByText('Awaiting decision')).toBeTruthy();
    expect(within(summary).getByText(/Amara Okafor \(Data Science\)/)).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Risk' })).toBeTruthy();
    expect(screen.getByRole('region', { name: 'DPIA screening' })).toBeTruthy();
    const answers = screen.getByRole('region', { name: 'Answers' });
    expect(within(answers).getByRole('heading', { level: 3, name: 'The proposal' })).toBeTruthy();
    const screening = within(answers).getByRole('heading', { level: 3, name: 'DPIA screening' });
    expect(screening.parentElement!.textContent).toContain('Will we evaluate or score people?Yes');
    const timeline = within(screen.getByRole('region', { name: 'Timeline' })).getAllByRole('listitem');
    expect(timeline[0]!.textContent).toContain('Submitted version 1');
    expect(screen.queryByRole('region', { name: /What changed/ })).toBeNull();
  });

  it('requires a rationale, and a re-review date for an approval', async () => {
    const { bridge } = await openReview(amarasReview());
    choose('Approve');
    fireEvent.click(within(decisionForm()).getByRole('button', { name: 'Approve' }));
    const summary = await screen.findByRole('link', { name: 'Write the rationale for this decision.' });
    expect(
      screen.getByRole('link', { name: 'Set the date by which this use is reviewed again.' }),
    ).toBeTruthy();
    const rationale = screen.getByRole('textbox', { name: 'Rationale' });
    expect(rationale.getAttribute('aria-invalid')).toBe('true');
    fireEvent.click(summary);
    expect(document.activeElement).toBe(rationale);
    expect(bridge.callsTo('decideReview')).toEqual([]);

    fireEvent.change(rationale, { target: { value: 'Low residual risk; analytics only.' } });
    fireEvent.change(screen.getByLabelText(/Re-review date/), { target: { value: '2027-11-30' } });
    fireEvent.click(within(decisionForm()).getByRole('button', { name: 'Approve' }));
    await screen.findByText('Your decision was recorded and signed.');
    expect(bridge.callsTo('decideReview')).toEqual([
      {
        reviewId: 'rv-churn',
        version: 1,
        decision: 'approved',
        rationale: 'Low residual risk; analytics only.',
        conditions: [],
        reReviewDate: '2027-11-30',
        dpoAdvice: null,
      },
    ]);
    // Decided: the form is gone, the status and timeline say so.
    expect(screen.queryByRole('form', { name: 'Decision' })).toBeNull();
    expect(within(screen.getByRole('region', { name: 'Summary' })).getByText('Approved')).toBeTruthy();
  });

  it('approve with conditions: every condition needs text, an owner and a due date; rows can be added and removed', async () => {
    const { bridge } = await openReview(amarasReview());
    choose('Approve with conditions');
    fireEvent.change(screen.getByRole('textbox', { name: 'Rationale' }), {
      target: { value: 'Fine with care.' },
    });
    fireEvent.change(screen.getByLabelText(/Re-review date/), { target: { value: '2027-06-01' } });
    fireEvent.click(within(decisionForm()).getByRole('button', { name: 'Approve with conditions' }));
    expect(await screen.findByRole('link', { name: 'Write condition 1.' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Name who owns condition 1.' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Give condition 1 a due date.' })).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Add a condition' }));
    const second = screen.getByRole('group', { name: 'Condition 2' });
    expect(document.activeElement).toBe(within(second).getByRole('textbox', { name: 'Condition' }));
    fireEvent.click(screen.getByRole('button', { name: 'Remove condition 2' }));
    expect(screen.queryByRole('group', { name: 'Condition 2' })).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Add a condition' }));

    const first = screen.getByRole('group', { name: 'Condition 1' });
    fireEvent.change(within(first).getByRole('textbox', { name: 'Condition' }), {
      target: { value: 'Pseudonymise the training set' },
    });
    fireEvent.change(within(first).getByRole('textbox', { name: 'Owner' }), {
      target: { value: 'Grace Hopper' },
    });
    fireEvent.change(within(first).getByLabelText('Due date'), { target: { value: '2027-02-01' } });
    fireEvent.click(within(decisionForm()).getByRole('button', { name: 'Approve with conditions' }));
    await screen.findByText('Your decision was recorded and signed.');
    const call = bridge.callsTo('decideReview')[0] as ArgsOf<'decideReview'>;
    expect(call.decision).toBe('approvedWithConditions');
    expect(call.conditions).toEqual([
      { text: 'Pseudonymise the training set', owner: 'Grace Hopper', dueDate: '2027-02-01' },
    ]);
    const conditions = screen.getByRole('region', { name: 'Conditions' });
    expect(within(conditions).getByText('Pseudonymise the training set')).toBeTruthy();
  });

  it('requests changes with a list of what to change', async () => {
    const { bridge } = await openReview(amarasReview());
    choose('Request changes');
    fireEvent.click(within(decisionForm()).getByRole('button', { name: 'Request changes' }));
    expect(await screen.findByRole('link', { name: 'Say what change 1 is, or remove it.' })).toBeTruthy();
    fireEvent.change(screen.getByRole('textbox', { name: 'Rationale' }), { target: { value: 'Too vague.' } });
    fireEvent.change(screen.getByRole('textbox', { name: 'Change 1' }), {
      target: { value: 'Narrow the purpose.' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Add another change' }));
    fireEvent.change(screen.getByRole('textbox', { name: 'Change 2' }), {
      target: { value: 'Name the owner.' },
    });
    fireEvent.click(within(decisionForm()).getByRole('button', { name: 'Request changes' }));
    await screen.findByText('Your request for changes was recorded and signed.');
    expect(bridge.callsTo('requestReviewChanges')).toEqual([
      {
        reviewId: 'rv-churn',
        version: 1,
        rationale: 'Too vague.',
        requestedChanges: ['Narrow the purpose.', 'Name the owner.'],
      },
    ]);
    const timeline = within(screen.getByRole('region', { name: 'Timeline' })).getAllByRole('listitem');
    expect(timeline.map((item) => item.querySelector('.timeline__title')?.textContent)).toContain(
      'Requested changes to version 1',
    );
    expect(screen.getByText('Name the owner.')).toBeTruthy();
  });

  it("asks whether the DPO's advice is followed, and requires a reason when it is not", async () => {
    const { bridge } = await openReview(
      amarasReview(completeAnswers({ dpoConsulted: 'yes', dpoAdvice: 'Do not use health data.' })),
    );
    choose('Reject');
    expect(screen.getByText('Do not use health data.', { selector: '.quote p' })).toBeTruthy();
    fireEvent.change(screen.getByRole('textbox', { name: 'Rationale' }), { target: { value: 'Too risky.' } });
    fireEvent.click(within(decisionForm()).getByRole('button', { name: 'Reject' }));
    expect(
      await screen.findByRole('link', { name: "Say whether this decision follows the DPO's advice." }),
    ).toBeTruthy();
    fireEvent.click(screen.getByRole('radio', { name: 'No, it departs from the advice' }));
    fireEvent.click(within(decisionForm()).getByRole('button', { name: 'Reject' }));
    expect(
      await screen.findByRole('link', { name: "Say why the decision departs from the DPO's advice." }),
    ).toBeTruthy();
    fireEvent.change(screen.getByRole('textbox', { name: /Why the decision departs/ }), {
      target: { value: 'Stricter than the advice.' },
    });
    fireEvent.click(within(decisionForm()).getByRole('button', { name: 'Reject' }));
    await screen.findByText('Your decision was recorded and signed.');
    expect((bridge.callsTo('decideReview')[0] as ArgsOf<'decideReview'>).dpoAdvice).toEqual({
      followed: false,
      reason: 'Stricter than the advice.',
    });
  });

  it('shows a refusal from core in an alert', async () => {
    const { bridge } = await openReview(amarasReview());
    bridge.fail('decideReview', { code: 'NOT_ALLOWED', message: 'Your reviewer training is not current.' });
    choose('Reject');
    fireEvent.change(screen.getByRole('textbox', { name: 'Rationale' }), { target: { value: 'No.' } });
    fireEvent.click(within(decisionForm()).getByRole('button', { name: 'Reject' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Steward did not record this decision');
    expect(alert.textContent).toContain('Your reviewer training is not current.');
  });

  it('offers no approval while a blocking flag is open', async () => {
    await openReview(amarasReview(completeAnswers({ scrSensitive: 'yes' })));
    expect((screen.getByRole('radio', { name: 'Approve' }) as HTMLInputElement).disabled).toBe(true);
    expect(
      (screen.getByRole('radio', { name: 'Approve with conditions' }) as HTMLInputElement).disabled,
    ).toBe(true);
    expect(screen.getAllByText('Not possible while 1 blocking flag is open.')).toHaveLength(2);
    expect((screen.getByRole('radio', { name: 'Reject' }) as HTMLInputElement).disabled).toBe(false);
  });

  it('on your own submission: no decision panel, the reason, and revise/withdraw per allowed', async () => {
    const review = amarasReview();
    await openReview(review, amara, { reviewer: true });
    expect(screen.queryByRole('form', { name: 'Decision' })).toBeNull();
    expect(screen.getByText('You cannot decide on this review')).toBeTruthy();
    expect(screen.getByText(/Nobody decides on their own submission/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Revise and resubmit' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Withdraw review' }));
    const reason = screen.getByRole('textbox', { name: 'Why are you withdrawing it?' });
    expect(document.activeElement).toBe(reason);
    fireEvent.click(
      within(screen.getByRole('form', { name: 'Withdraw the review' })).getByRole('button', {
        name: 'Withdraw review',
      }),
    );
    expect(screen.getByText('Say why you are withdrawing the review.')).toBeTruthy();
  });

  it('renders what changed since the previous version, before and after', async () => {
    const review = amarasReview();
    review.detail = {
      ...review.detail,
      summary: { ...review.detail.summary, version: 2 },
      changesFromVersion: 1,
      changes: [
        {
          questionId: 'customerSurprise',
          label: 'How surprised would customers be?',
          kind: 'changed',
          before: '4 (Very)',
          after: '2 (Slightly)',
        },
        {
          questionId: 'customerCount',
          label: 'About how many customers are concerned?',
          kind: 'added',
          before: null,
          after: '1200',
        },
      ],
    };
    await openReview(review);
    const changes = screen.getByRole('region', { name: 'What changed since version 1' });
    const items = within(changes).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(within(items[0]!).getByText('Changed')).toBeTruthy();
    expect(within(items[0]!).getByText('4 (Very)').tagName).toBe('DEL');
    expect(within(items[0]!).getByText('2 (Slightly)').tagName).toBe('INS');
    expect(items[0]!.textContent).toContain('Before4 (Very)After2 (Slightly)');
    expect(within(items[1]!).getByText('Added')).toBeTruthy();
    expect(within(items[1]!).getByText('No answer')).toBeTruthy();
  });

  it('posts a comment', async () => {
    const { bridge } = await openReview(amarasReview());
    fireEvent.click(screen.getByRole('button', { name: 'Post comment' }));
    expect(screen.getByText('Write a comment first.')).toBeTruthy();
    fireEvent.change(screen.getByRole('textbox', { name: 'Add a comment' }), {
      target: { value: 'Who owns the model?' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Post comment' }));
    await waitFor(() => expect(screen.getAllByText('Who owns the model?').length).toBeGreaterThan(0));
    expect(bridge.callsTo('commentOnReview')).toEqual([
      { reviewId: 'rv-churn', text: 'Who owns the model?' },
    ]);
    expect((screen.getByRole('textbox', { name: 'Add a comment' }) as HTMLTextAreaElement).value).toBe('');
  });

  it('revises after changes were requested: a draft prefilled from the latest version, with what was asked', async () => {
    const review = amarasReview();
    review.detail.summary = { ...review.detail.summary, status: 'changesRequested' };
    review.detail.timeline = [
      ...review.detail.timeline,
      {
        kind: 'changesRequested',
        by: person(ben),
        at: '2026-11-21T10:00:00.000Z',
        version: 1,
        text: 'Too vague.',
        items: ['Narrow the purpose.'],
        entryHash: 'f'.repeat(64),
      },
    ];
    const { bridge } = await openReview(review, amara);
    expect(screen.queryByText('You cannot decide on this review')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Revise and resubmit' }));
    await screen.findByRole('heading', { level: 1, name: 'Revise: Churn-risk score' });
    expect(bridge.callsTo('startReviewRevision')).toEqual([{ reviewId: 'rv-churn' }]);
    expect(await screen.findByText('Ben Schmidt asked for changes to version 1')).toBeTruthy();
    expect(screen.getByText('Narrow the purpose.')).toBeTruthy();
    expect(
      (screen.getByRole('textbox', { name: /Name of the proposed use/ }) as HTMLInputElement).value,
    ).toBe('Churn-risk score');
    fireEvent.click(
      within(screen.getByRole('navigation', { name: 'Questionnaire steps' })).getByRole('button', {
        name: /Risk summary/,
      }),
    );
    expect(screen.getByRole('button', { name: 'Submit version 2' })).toBeTruthy();
  });

  it('copies an own review into a new draft', async () => {
    const { bridge } = await openReview(amarasReview(), amara);
    fireEvent.click(screen.getByRole('button', { name: 'Copy into a new draft' }));
    await screen.findByRole('heading', { level: 1, name: 'Draft: Churn-risk score' });
    expect(bridge.callsTo('createReviewDraft')).toEqual([{ copyFromReviewId: 'rv-churn' }]);
  });
});
