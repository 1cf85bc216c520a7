import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { correctAnswers, makeModule, wrongAnswers, type FakeModule } from './fakeTraining';
import { renderApp, withProfile } from './renderApp';

const h1 = () => screen.getByRole('heading', { level: 1 });
const question = (n: number) => screen.getByRole('group', { name: new RegExp(`^Question ${n} of `) });

async function openQuiz() {
  const module = makeModule({ id: 'fair-data', title: 'Fair data', status: 'inProgress' });
  window.history.replaceState(null, '', '#/training/fair-data/quiz');
  const rendered = await renderApp(withProfile({ training: { modules: [module] } }));
  await screen.findByRole('button', { name: 'Submit answers' });
  return { ...rendered, module };
}

/** Ticks the options with these ids in each question's group, by the option's value. */
function answer(module: FakeModule, answers: Record<string, string[]>) {
  module.questions.forEach((q, index) => {
    const group = question(index + 1);
    for (const id of answers[q.id] ?? []) {
      const input = group.querySelector<HTMLInputElement>(`input[value="${id}"]`)!;
      fireEvent.click(input);
    }
  });
}

describe('knowledge check', () => {
  it('shows every question as a fieldset: radios for one answer, checkboxes for several', async () => {
    const { module } = await openQuiz();
    expect(h1().textContent).toBe('Knowledge check');
    expect(screen.getByText('6 questions · pass mark 80% · attempt 1')).toBeTruthy();
    const groups = screen.getAllByRole('group');
    expect(groups).toHaveLength(module.questions.length);
    expect(groups.every((group) => group.tagName === 'FIELDSET')).toBe(true);
    expect(within(question(1)).getAllByRole('radio')).toHaveLength(3);
    expect(within(question(3)).getAllByRole('checkbox')).toHaveLength(4);
    expect(within(question(3)).getByText('Select all that apply.')).toBeTruthy();
    expect(question(3).getAttribute('aria-describedby')).toBeTruthy();
    expect(within(question(1)).queryByText('Select all that apply.')).toBeNull();
  });

  it('does not submit with questions unanswered, and says which', async () => {
    const { bridge, module } = await openQuiz();
    const partial = correctAnswers(module);
    delete partial['q2'];
    delete partial['q5'];
    answer(module, partial);
    fireEvent.click(screen.getByRole('button', { name: 'Submit answers' }));
    const summary = await screen.findByRole('alert');
    expect(within(summary).getByText('Answer 2 more questions to submit')).toBeTruthy();
    expect(
      within(summary)
        .getAllByRole('link')
        .map((link) => link.textContent),
    ).toEqual(['Question 2 has no answer', 'Question 5 has no answer']);
    expect(within(question(2)).getByText('Choose an answer to this question.')).toBeTruthy();
    expect(within(question(1)).queryByText('Choose an answer to this question.')).toBeNull();
    expect(bridge.callsTo('submitQuizAttempt')).toEqual([]);
    // The summary's link takes focus to the question.
    fireEvent.click(within(summary).getByRole('link', { name: 'Question 5 has no answer' }));
    expect(document.activeElement).toBe(within(question(5)).getAllByRole('radio')[0]);
    // Answering removes the question from the list.
    fireEvent.click(within(question(2)).getAllByRole('radio')[1]!);
    expect(within(screen.getByRole('alert')).getByText('Answer 1 more question to submit')).toBeTruthy();
  });

  it('submits one entry per question with the chosen option ids and the content hash', async () => {
    const { bridge, module } = await openQuiz();
    const answers = correctAnswers(module);
    answer(module, answers);
    fireEvent.click(screen.getByRole('button', { name: 'Submit answers' }));
    await screen.findByRole('heading', { level: 1, name: 'Knowledge check passed' });
    const calls = bridge.callsTo('submitQuizAttempt') as {
      moduleId: string;
      contentHash: string;
      answers: Record<string, string[]>;
    }[];
    expect(calls).toHaveLength(1);
    expect(calls[0]!.moduleId).toBe('fair-data');
    expect(calls[0]!.contentHash).toBe(module.card.contentHash);
    expect(Object.keys(calls[0]!.answers).sort()).toEqual(module.questions.map((q) => q.id).sort());
    for (const q of module.questions) expect([...calls[0]!.answers[q.id]!].sort()).toEqual(answers[q.id]);
  });

  it('unticking a checkbox takes that option out of the answer', async () => {
    const { bridge, module } = await openQuiz();
    answer(module, correctAnswers(module));
    const third = question(3);
    fireEvent.click(third.querySelector('input[value="b"]')!);
    fireEvent.click(third.querySelector('input[value="b"]')!);
    fireEvent.click(screen.getByRole('button', { name: 'Submit answers' }));
    await screen.findByRole('heading', { level: 1, name: 'Knowledge check passed' });
    const [call] = bridge.callsTo('submitQuizAttempt') as { answers: Record<string, string[]> }[];
    expect([...call!.answers['q3']!].sort()).toEqual(['a', 'c']);
  });

  it('on a fail shows score, answers and what was wrong, never the right answers, and focuses the heading', async () => {
    const { module } = await openQuiz();
    answer(module, wrongAnswers(module));
    fireEvent.click(screen.getByRole('button', { name: 'Submit answers' }));
    const heading = await screen.findByRole('heading', { level: 1, name: 'Knowledge check not passed' });
    await waitFor(() => expect(document.activeElement).toBe(heading));
    expect(screen.getByText('0%')).toBeTruthy();
    expect(screen.getByText(/0 of 6 correct · pass mark 80% · attempt 1/)).toBeTruthy();
    expect(screen.getByText('Not passed this time')).toBeTruthy();
    const first = screen.getByRole('heading', { level: 3, name: 'Question 1' }).closest('li') as HTMLElement;
    expect(within(first).getByText('Incorrect')).toBeTruthy();
    expect(within(first).getByText('Your answer').nextElementSibling?.textContent).toBe('Q1 wrong one');
    expect(within(first).getByText('Why not').nextElementSibling?.textContent).toContain('Q1 wrong one');
    // Core sends no right answer after a fail (revealAnswers: afterPass), so none is shown.
    expect(screen.queryByText('Correct answer')).toBeNull();
    expect(screen.queryByText('Explanation for question 1.')).toBeNull();
    expect(screen.queryByRole('link', { name: /Continue to attestation/ })).toBeNull();
  });

  it('"Try again" asks core for a new attempt, with the options in a new order', async () => {
    const { bridge, module } = await openQuiz();
    const firstOrder = within(question(1))
      .getAllByRole('radio')
      .map((input) => (input as HTMLInputElement).value);
    answer(module, wrongAnswers(module));
    fireEvent.click(screen.getByRole('button', { name: 'Submit answers' }));
    await screen.findByRole('heading', { level: 1, name: 'Knowledge check not passed' });
    expect(bridge.callsTo('getQuiz')).toHaveLength(1);
    fireEvent.click(screen.getAllByRole('button', { name: 'Try again' })[0]!);
    await screen.findByRole('button', { name: 'Submit answers' });
    expect(bridge.callsTo('getQuiz')).toEqual([{ moduleId: 'fair-data' }, { moduleId: 'fair-data' }]);
    expect(screen.getByText(/· attempt 2$/)).toBeTruthy();
    const secondOrder = within(question(1))
      .getAllByRole('radio')
      .map((input) => (input as HTMLInputElement).value);
    expect(secondOrder).not.toEqual(firstOrder);
    expect([...secondOrder].sort()).toEqual([...firstOrder].sort());
    // A new attempt starts blank, and the heading has focus again.
    expect(
      within(question(1))
        .getAllByRole('radio')
        .some((r) => (r as HTMLInputElement).checked),
    ).toBe(false);
    await waitFor(() => expect(document.activeElement).toBe(h1()));
  });

  it('on a pass leads to the attestation', async () => {
    const { module } = await openQuiz();
    answer(module, correctAnswers(module));
    fireEvent.click(screen.getByRole('button', { name: 'Submit answers' }));
    await screen.findByRole('heading', { level: 1, name: 'Knowledge check passed' });
    expect(screen.getByText('100%')).toBeTruthy();
    expect(screen.getByText('You passed')).toBeTruthy();
    const next = screen.getAllByRole('link', { name: 'Continue to attestation' })[0]!;
    expect(next.getAttribute('href')).toBe('#/training/fair-data/attest');
    expect(screen.queryByRole('button', { name: 'Try again' })).toBeNull();
  });

  it('asks to reload the questions when the module changed while answering', async () => {
    const { bridge, module } = await openQuiz();
    answer(module, correctAnswers(module));
    module.card.contentHash = 'f'.repeat(64);
    fireEvent.click(screen.getByRole('button', { name: 'Submit answers' }));
    expect(await screen.findByText('This module was updated while you were answering')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Load the new questions' }));
    await waitFor(() => expect(bridge.callsTo('getQuiz')).toHaveLength(2));
    await waitFor(() =>
      expect(screen.queryByText('This module was updated while you were answering')).toBeNull(),
    );
  });
});
