// The knowledge check of a real module (minimisation-and-purpose: a bank of sixteen questions, two
// per topic, single and multiple answers) over the real core: core draws one question per topic
// for each attempt and orders them and their options, grades the answers and records each attempt.
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

/** Answers to the questions this attempt asks (core refuses answers to the others). */
const askedOnly = (quiz: QuizView, all: Record<string, string[]>) =>
  Object.fromEntries(quiz.questions.map((q) => [q.id, all[q.id]!]));
const right = (core: TestCore, quiz: QuizView) => askedOnly(quiz, core.content.answers(MODULE, 'right'));
const wrong = (core: TestCore, quiz: QuizView) => askedOnly(quiz, core.content.answers(MODULE, 'wrong'));

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
    const partial = right(core, quiz);
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
    const answers = right(core, quiz);
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
    const answers = right(core, quiz);
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

  it('on a fail shows score, answers and why each is wrong, never the right answers, and focuses the heading', async () => {
    const { core, quiz } = await openQuiz();
    const answers = wrong(core, quiz);
    answer(quiz, answers);
    fireEvent.click(screen.getByRole('button', { name: 'Submit answers' }));
    const heading = await screen.findByRole('heading', { level: 1, name: 'Knowledge check not passed' });
    await waitFor(() => expect(document.activeElement).toBe(heading));
    expect(screen.getByText('0%')).toBeTruthy();
    expect(screen.getByText(/0 of 8 correct · pass mark 80% · attempt 1/)).toBeTruthy();
    expect(screen.getByText('Not passed this time')).toBeTruthy();
    const asked = new Set(quiz.questions.map((q) => q.id));
    for (const q of core.content.quiz(MODULE).filter((x) => asked.has(x.id))) {
      const item = screen
        .getByText(q.prompt, { selector: '.result-item__prompt' })
        .closest('li') as HTMLElement;
      expect(within(item).getByText('Incorrect')).toBeTruthy();
      const text = (id: string) => q.options.find((o) => o.id === id)!.text;
      expect(within(item).getByText('Your answer').nextElementSibling?.textContent).toBe(
        text(answers[q.id]![0]!),
      );
      // Why the chosen option is wrong, and where to reread: never the right option or the explanation
      // (policy revealAnswers: afterPass).
      expect(within(item).getByText('Why not')).toBeTruthy();
      expect(within(item).queryByText(/^Correct answers?$/)).toBeNull();
      expect(within(item).queryByText(q.explanation)).toBeNull();
      for (const o of q.options.filter((x) => x.correct === true)) {
        if (!answers[q.id]!.includes(o.id)) expect(item.textContent).not.toContain(o.text);
      }
    }
    expect(screen.queryByRole('link', { name: /Continue to attestation/ })).toBeNull();
  });

  it('"Try again" asks core for a new attempt, with other questions on the same topics', async () => {
    const { core, quiz } = await openQuiz();
    answer(quiz, wrong(core, quiz));
    fireEvent.click(screen.getByRole('button', { name: 'Submit answers' }));
    await screen.findByRole('heading', { level: 1, name: 'Knowledge check not passed' });
    expect(core.bridge.callsTo('getQuiz')).toHaveLength(1);
    fireEvent.click(screen.getAllByRole('button', { name: 'Try again' })[0]!);
    await screen.findByRole('button', { name: 'Submit answers' });
    expect(core.bridge.callsTo('getQuiz')).toEqual([{ moduleId: MODULE }, { moduleId: MODULE }]);
    expect(screen.getByText(/· attempt 2$/)).toBeTruthy();
    // Every topic has two variants: the retry asks none of the first attempt's questions.
    const again = await core.services.getQuiz({ moduleId: MODULE });
    expect(again.questions).toHaveLength(8);
    const before = new Set(quiz.questions.map((q) => q.id));
    expect(again.questions.filter((q) => before.has(q.id))).toEqual([]);
    expect(screen.queryByText(quiz.questions[0]!.prompt)).toBeNull();
    expect(screen.getByRole('group', { name: /^Question 1 of 8/ }).textContent).toContain(
      again.questions[0]!.prompt.slice(0, 40),
    );
    // A new attempt starts blank, and the heading has focus again.
    expect(
      screen.getAllByRole('group').some((g) => [...g.querySelectorAll('input')].some((i) => i.checked)),
    ).toBe(false);
    await waitFor(() => expect(document.activeElement).toBe(h1()));
  });

  it('on a pass leads to the attestation', async () => {
    const { core, quiz } = await openQuiz();
    answer(quiz, right(core, quiz));
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
    answer(quiz, right(core, quiz));
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
    const multiple = (await core.services.getQuiz({ moduleId: 'consent-done-right' })).questions.filter(
      (q) => q.type === 'multiple',
    ).length;
    expect(multiple).toBeGreaterThan(0);
    expect(screen.getAllByText(/Plusieurs réponses possibles\.$/).length).toBe(multiple);
    expect(screen.getByRole('group', { name: /^Question 1 sur 8/ })).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Valider les réponses' }));
    expect(await screen.findByText('Répondez encore à 8 questions pour valider')).toBeTruthy();
    expect(screen.getByRole('link', { name: "La question 1 n'a pas de réponse" })).toBeTruthy();
  });
});
