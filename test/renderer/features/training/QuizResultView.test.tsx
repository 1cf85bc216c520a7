// The graded attempt as the learner sees it, from a result the real core graded on the shipped
// content: after a fail, what was wrong, why and what to reread, and no right answer or
// explanation anywhere on the page; after a pass (revealAnswers: afterPass), the right answers.
import { render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { QuizResult } from '../../../../electron/core/contract/views/training';
import { QuizResultView } from '../../../../renderer/features/training/QuizResultView';
import { loadContent } from '../../../../electron/core/training/content';
import { answersFor, readModuleKey } from '../../../support/moduleKey';
import { tempServices, type TempServices } from '../../../support/services';
import '../../../../renderer/i18n';

const MODULE = 'ai-and-automated-decisions';
let t: TempServices | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

/** A graded attempt on the real module, and the explanations and right options of what it asked. */
async function graded(kind: 'right' | 'wrong'): Promise<{ result: QuizResult; secrets: string[] }> {
  t = await tempServices({ prefix: 'steward-result-view-' });
  const s = t.services;
  await s.createProfile({ name: 'Amara Okafor', email: 'amara@example.com', team: 'Product' });
  await s.startTrainingModule({ moduleId: MODULE });
  const quiz = await s.getQuiz({ moduleId: MODULE });
  const key = readModuleKey(MODULE, t.contentDir);
  const asked = quiz.questions.map((q) => q.id);
  const result = await s.submitQuizAttempt({
    moduleId: MODULE,
    contentHash: quiz.contentHash,
    answers: answersFor(key, kind, asked),
  });
  const module = loadContent(t.contentDir).modules.find((m) => m.id === MODULE)!;
  const secrets = module.quiz
    .filter((q) => asked.includes(q.id))
    .flatMap((q) => [q.explanation, ...q.options.filter((o) => o.correct).map((o) => o.text)]);
  return { result, secrets };
}

const questionItem = (n: number) =>
  screen.getByRole('heading', { level: 3, name: `Question ${n}` }).closest('li') as HTMLElement;

describe('QuizResultView', () => {
  it('after a fail names what was wrong, why and what to reread, and shows no right answer', async () => {
    const { result, secrets } = await graded('wrong');
    expect(result.passed).toBe(false);
    const { container } = render(
      <QuizResultView result={result} moduleId={MODULE} retrying={false} onRetry={() => {}} />,
    );
    expect(screen.getByText(/the next attempt asks other questions on the same topics/)).toBeTruthy();
    const first = result.questions[0]!;
    const item = questionItem(1);
    expect(within(item).getByText('Incorrect')).toBeTruthy();
    const why = within(item).getByText('Why not').nextElementSibling as HTMLElement;
    expect(why.textContent).toContain(first.wrongChoices[0]!.feedback!);
    expect(within(item).getByText('Reread').nextElementSibling?.textContent).toBe(first.hint);
    expect(screen.queryByText(/^Correct answers?$/)).toBeNull();
    expect(screen.queryByText('Why')).toBeNull();
    // No explanation and no right option's text anywhere on the page (every answer was wrong).
    const page = container.textContent ?? '';
    for (const secret of secrets) expect(page).not.toContain(secret);
  });

  it('after a pass shows the right answers and why', async () => {
    const { result } = await graded('right');
    expect(result.passed).toBe(true);
    render(<QuizResultView result={result} moduleId={MODULE} retrying={false} onRetry={() => {}} />);
    const item = questionItem(1);
    expect(within(item).getByText('Correct')).toBeTruthy();
    expect(within(item).getByText(/^Correct answers?$/)).toBeTruthy();
    expect(within(item).getByText('Why').nextElementSibling?.textContent).toBe(
      result.questions[0]!.answer!.explanation,
    );
  });
});
