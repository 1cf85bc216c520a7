// The knowledge check of a real module (minimisation-and-purpose: eight questions, single and
// multiple answers) over the real core: core orders the questions and options per attempt,
// grades the answers and records each attempt.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { QuizView } from '../../../../electron/core/contract/views/training';
import { inFrenchEachTest, NBSP } from '../../support/french';
import { addPerson } from '../../support/people';
import { seededWorkspace, type TestCore } from '../../support/realBridge';
import { renderApp } from '../../support/renderApp';

const MODULE = 'minimisation-and-purpose';
const workspace = seededWorkspace(async (core) => ({ ada: await addPerson(core, 'ada') }));

const h1 = () => screen.getByRole('heading', { level: 1 });
const question = (n: number) => screen.getByRole('group', { name: new RegExp(`^Question ${n} of `) });

/** Opens the check; `quiz` is what core serves this attempt (the order on the page). */
async function openQuiz(): Promise<{ core: TestCore; quiz: QuizView }> {
  const { core } = await workspace.open();
  await renderApp(core, `#/training/${MODULE}/quiz`);
  await screen.findByRole('button', { name: 'Submit answers' });
  return { core, quiz: await core.services.getQuiz({ moduleId: MODULE }) };
}

const right = (core: TestCore) => core.content.answers(MODULE, 'right');
const wrong = (core: TestCore) => core.content.answers(MODULE, 'wrong');

/** Ticks the options with these ids in each question's group (the page's order is the quiz's). */
function answer(quiz: QuizView, answers: Record<string, string[]>) {
  quiz.questions.forEach((q, index) => {
    const group = question(index + 1);
    for (const id of answers[q.id] ?? []) {
      fireEvent.click(group.querySelector<HTMLInputElement>(`input[value="${id}"]`)!);
    }
  });
}

const displayed = (quiz: QuizView, type: 'single' | 'multiple') =>
  quiz.questions.findIndex((q) => q.type === type) + 1;

describe('knowledge check', () => {
  it('shows every question as a fieldset: radios for one answer, checkboxes for several', async () => {
    const { quiz } = await openQuiz();
    expect(h1().textContent).toBe('Knowledge check');
    expect(screen.getByText('8 questions · pass mark 80% · attempt 1')).toBeTruthy();
    const groups = screen.getAllByRole('group');
    expect(groups).toHaveLength(8);
    expect(groups.every((group) => group.tagName === 'FIELDSET')).toBe(true);
    const single = displayed(quiz, 'single');
    const multiple = displayed(quiz, 'multiple');
    expect(within(question(single)).getAllByRole('radio')).toHaveLength(
      quiz.questions[single - 1]!.options.length,
    );
    expect(within(question(multiple)).getAllByRole('checkbox')).toHaveLength(
      quiz.questions[multiple - 1]!.options.length,
    );
    // The content's prompts say "Select all that apply." themselves: the page does not repeat it.
    expect(quiz.questions[multiple - 1]!.prompt).toMatch(/Select all that apply\.$/);
    expect(question(multiple).textContent?.match(/Select all that apply/g)).toHaveLength(1);
    expect(within(question(single)).queryByText(/Select all that apply/)).toBeNull();
    expect(within(question(1)).getByText(quiz.questions[0]!.prompt)).toBeTruthy();
  });

  it('does not submit with questions unanswered, and says which', async () => {
    const { core, quiz } = await openQuiz();
    const partial = right(core);
    delete partial[quiz.questions[1]!.id];
    delete partial[quiz.questions[4]!.id];
    answer(quiz, partial);
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
    expect(core.bridge.callsTo('submitQuizAttempt')).toEqual([]);
    // The summary's link takes focus to the question.
    fireEvent.click(within(summary).getByRole('link', { name: 'Question 5 has no answer' }));
    expect(document.activeElement).toBe(question(5).querySelectorAll('input')[0]);
    // Answering removes the question from the list.
    fireEvent.click(question(2).querySelectorAll('input')[1]!);
    expect(within(screen.getByRole('alert')).getByText('Answer 1 more question to submit')).toBeTruthy();
  });

  it('submits one entry per question with the chosen option ids and the content hash', async () => {
    const { core, quiz } = await openQuiz();
    const answers = right(core);
    answer(quiz, answers);
    fireEvent.click(screen.getByRole('button', { name: 'Submit answers' }));
    await screen.findByRole('heading', { level: 1, name: 'Knowledge check passed' });
    const calls = core.bridge.callsTo('submitQuizAttempt') as {
      moduleId: string;
      contentHash: string;
      answers: Record<string, string[]>;
    }[];
    expect(calls).toHaveLength(1);
    expect(calls[0]!.moduleId).toBe(MODULE);
    expect(calls[0]!.contentHash).toBe(quiz.contentHash);
    expect(Object.keys(calls[0]!.answers).sort()).toEqual(Object.keys(answers).sort());
    for (const [id, ids] of Object.entries(answers)) expect([...calls[0]!.answers[id]!].sort()).toEqual(ids);
    // Core recorded the attempt: the module is now ready to be signed.
    const card = (await core.services.listTrainingModules({})).modules.find((m) => m.id === MODULE);
    expect(card?.readyToAttest).toBe(true);
  });

  it('unticking a checkbox takes that option out of the answer', async () => {
    const { core, quiz } = await openQuiz();
    const answers = right(core);
    answer(quiz, answers);
    const n = displayed(quiz, 'multiple');
    const id = quiz.questions[n - 1]!.id;
    const extra = core.content
      .quiz(MODULE)
      .find((q) => q.id === id)!
      .options.find((o) => o.correct !== true)!.id;
    const box = question(n).querySelector<HTMLInputElement>(`input[value="${extra}"]`)!;
    fireEvent.click(box);
    fireEvent.click(box);
    fireEvent.click(screen.getByRole('button', { name: 'Submit answers' }));
    await screen.findByRole('heading', { level: 1, name: 'Knowledge check passed' });
    const [call] = core.bridge.callsTo('submitQuizAttempt') as { answers: Record<string, string[]> }[];
    expect([...call!.answers[id]!].sort()).toEqual(answers[id]);
  });

  it('on a fail shows score, answers, correct answers and explanations, and focuses the heading', async () => {
    const { core, quiz } = await openQuiz();
    const answers = wrong(core);
    answer(quiz, answers);
    fireEvent.click(screen.getByRole('button', { name: 'Submit answers' }));
    const heading = await screen.findByRole('heading', { level: 1, name: 'Knowledge check not passed' });
    await waitFor(() => expect(document.activeElement).toBe(heading));
    expect(screen.getByText('0%')).toBeTruthy();
    expect(screen.getByText(/0 of 8 correct · pass mark 80% · attempt 1/)).toBeTruthy();
    expect(screen.getByText('Not passed this time')).toBeTruthy();
    for (const q of core.content.quiz(MODULE)) {
      const item = screen
        .getByText(q.prompt, { selector: '.result-item__prompt' })
        .closest('li') as HTMLElement;
      expect(within(item).getByText('Incorrect')).toBeTruthy();
      const text = (id: string) => q.options.find((o) => o.id === id)!.text;
      expect(within(item).getByText('Your answer').nextElementSibling?.textContent).toBe(
        text(answers[q.id]![0]!),
      );
      const correct = q.options.filter((o) => o.correct === true).map((o) => o.text);
      const shown = within(item).getByText(correct.length > 1 ? 'Correct answers' : 'Correct answer')
        .nextElementSibling as HTMLElement;
      const items = [...shown.querySelectorAll('li')].map((li) => li.textContent);
      expect(items.length > 0 ? items.sort() : [shown.textContent]).toEqual([...correct].sort());
      expect(within(item).getByText(q.explanation)).toBeTruthy();
      if (q.reference) expect(within(item).getByText(q.reference)).toBeTruthy();
    }
    expect(screen.queryByRole('link', { name: /Continue to attestation/ })).toBeNull();
  });

  it('"Try again" asks core for a new attempt, with the options in a new order', async () => {
    const { core, quiz } = await openQuiz();
    const first = quiz.questions[0]!;
    answer(quiz, wrong(core));
    fireEvent.click(screen.getByRole('button', { name: 'Submit answers' }));
    await screen.findByRole('heading', { level: 1, name: 'Knowledge check not passed' });
    expect(core.bridge.callsTo('getQuiz')).toHaveLength(1);
    fireEvent.click(screen.getAllByRole('button', { name: 'Try again' })[0]!);
    await screen.findByRole('button', { name: 'Submit answers' });
    expect(core.bridge.callsTo('getQuiz')).toEqual([{ moduleId: MODULE }, { moduleId: MODULE }]);
    expect(screen.getByText(/· attempt 2$/)).toBeTruthy();
    // The same question, found by its prompt: its options come in another order.
    const again = screen.getByRole('group', {
      name: new RegExp(first.prompt.slice(0, 40).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')),
    });
    const order = [...again.querySelectorAll('input')].map((input) => input.value);
    expect(order).not.toEqual(first.options.map((o) => o.id));
    expect([...order].sort()).toEqual(first.options.map((o) => o.id).sort());
    // A new attempt starts blank, and the heading has focus again.
    expect(
      screen.getAllByRole('group').some((g) => [...g.querySelectorAll('input')].some((i) => i.checked)),
    ).toBe(false);
    await waitFor(() => expect(document.activeElement).toBe(h1()));
  });

  it('on a pass leads to the attestation', async () => {
    const { core, quiz } = await openQuiz();
    answer(quiz, right(core));
    fireEvent.click(screen.getByRole('button', { name: 'Submit answers' }));
    await screen.findByRole('heading', { level: 1, name: 'Knowledge check passed' });
    expect(screen.getByText('100%')).toBeTruthy();
    expect(screen.getByText('You passed')).toBeTruthy();
    const next = screen.getAllByRole('link', { name: 'Continue to attestation' })[0]!;
    expect(next.getAttribute('href')).toBe(`#/training/${MODULE}/attest`);
    expect(screen.queryByRole('button', { name: 'Try again' })).toBeNull();
  });

  it('asks to reload the questions when the module changed while answering', async () => {
    const { core, quiz } = await openQuiz();
    answer(quiz, right(core));
    // The organisation publishes a new version of the module meanwhile.
    core.content.publishMajorVersion(MODULE);
    fireEvent.click(screen.getByRole('button', { name: 'Submit answers' }));
    expect(await screen.findByText('This module was updated while you were answering')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Load the new questions' }));
    await waitFor(() => expect(core.bridge.callsTo('getQuiz')).toHaveLength(2));
    await waitFor(() =>
      expect(screen.queryByText('This module was updated while you were answering')).toBeNull(),
    );
    expect(screen.getByRole('button', { name: 'Submit answers' })).toBeTruthy();
  });
});

describe('knowledge check in French', () => {
  inFrenchEachTest();

  it('shows the knowledge check with French plurals, percentages and hints', async () => {
    const { core } = await workspace.open();
    await core.services.setLocale({ locale: 'fr' });
    // consent-done-right has a French edition: its questions come in French too.
    await renderApp(core, '#/training/consent-done-right/quiz');
    await screen.findByRole('button', { name: 'Valider les réponses' });
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Contrôle des connaissances');
    const meta = screen.getByText(/^8 questions · seuil de réussite/);
    expect(meta.textContent).toBe(`8 questions · seuil de réussite 80${NBSP}% · tentative 1`);
    expect(screen.getAllByText(/Plusieurs réponses possibles\.$/).length).toBe(3);
    expect(screen.getByRole('group', { name: /^Question 1 sur 8/ })).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Valider les réponses' }));
    expect(await screen.findByText('Répondez encore à 8 questions pour valider')).toBeTruthy();
    expect(screen.getByRole('link', { name: "La question 1 n'a pas de réponse" })).toBeTruthy();
  });
});
