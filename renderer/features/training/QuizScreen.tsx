// Knowledge check: answer (QuizForm), then the graded result (QuizResultView) on the same route.
// Focus moves to the screen's heading whenever the view changes (result shown, new attempt), so
// keyboard and screen-reader users start at the top of what just appeared.
import { useEffect, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { Banner } from '../../components/Banner';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { Button } from '../../components/Button';
import { ButtonLink } from '../../components/ButtonLink';
import { MAIN_HEADING_ID, ScreenHeader } from '../../components/ScreenHeader';
import { Spinner } from '../../components/Spinner';
import { plural } from '../../format';
import { hrefFor } from '../../routes';
import { useStewardStore } from '../../state/store';
import type { QuizAnswers } from '../../state/trainingSlice';
import { QuizForm } from './QuizForm';
import { QuizResultView } from './QuizResultView';
import { useModuleCard } from './useModuleCard';

export function QuizScreen() {
  const { moduleId, quiz, result, quizRequest, submitRequest, loadQuiz, submitQuiz } = useStewardStore(
    useShallow((s) => ({
      moduleId: s.routeParams.moduleId,
      quiz: s.quiz,
      result: s.quizResult,
      quizRequest: s.requests.quiz,
      submitRequest: s.requests.submitQuiz,
      loadQuiz: s.loadQuiz,
      submitQuiz: s.submitQuiz,
    })),
  );
  const { card } = useModuleCard(moduleId);

  useEffect(() => {
    // A result belongs to the attempt it graded: arriving here always starts a new attempt.
    if (moduleId !== null) void loadQuiz(moduleId, { discardResult: true });
  }, [moduleId, loadQuiz]);

  const current =
    quiz !== null && quiz.moduleId === moduleId && quizRequest.status !== 'pending' ? quiz : null;
  const shownResult = result !== null && result.moduleId === moduleId ? result : null;
  const view = shownResult
    ? `result-${shownResult.attempt}`
    : current
      ? `quiz-${current.attempt}`
      : 'loading';

  // The last view that was on screen; a spinner in between (the next attempt loading) does not count.
  const lastShown = useRef<string | null>(null);
  useEffect(() => {
    if (view === 'loading') return;
    const before = lastShown.current;
    lastShown.current = view;
    // Arriving on the route is the shell's to announce; here only a change of view within it.
    if (before !== null && before !== view) document.getElementById(MAIN_HEADING_ID)?.focus();
  }, [view]);

  const submit = (answers: QuizAnswers) => void submitQuiz(answers);
  const retry = () => {
    if (moduleId !== null) void loadQuiz(moduleId);
  };

  const moduleTitle = card?.title ?? 'Module';
  const title = shownResult
    ? shownResult.passed
      ? 'Knowledge check passed'
      : 'Knowledge check not passed'
    : 'Knowledge check';
  const changed = submitRequest.error?.code === 'CONTENT_CHANGED';

  return (
    <>
      <Breadcrumbs
        items={[
          { label: 'Training', href: hrefFor('training') },
          {
            label: moduleTitle,
            href: moduleId ? hrefFor({ route: 'training-module', moduleId }) : undefined,
          },
          { label: 'Knowledge check' },
        ]}
      />
      <ScreenHeader title={title}>
        {shownResult ? (
          <p>
            {moduleTitle}: you scored {shownResult.score}% ({shownResult.correctCount} of {shownResult.total}{' '}
            correct).
          </p>
        ) : current ? (
          <p>
            {moduleTitle}: answer every question on this page, then submit.{' '}
            <span className="screen-header__meta">
              {plural(current.questions.length, 'question')} · pass mark {current.passMark}% · attempt{' '}
              {current.attempt}
            </span>
          </p>
        ) : null}
      </ScreenHeader>
      {quizRequest.error && current === null && shownResult === null ? (
        <Banner
          level="error"
          title="The knowledge check could not be opened"
          actions={
            <div className="button-row">
              <Button size="sm" onClick={retry}>
                Try again
              </Button>
              <ButtonLink size="sm" href={hrefFor('training')}>
                Back to all modules
              </ButtonLink>
            </div>
          }
        >
          <p>{quizRequest.error.message}</p>
        </Banner>
      ) : null}
      {changed && !shownResult ? (
        <Banner
          level="warning"
          title="This module was updated while you were answering"
          actions={
            <Button size="sm" onClick={retry}>
              Load the new questions
            </Button>
          }
        >
          <p>
            Your answers were not recorded. The knowledge check now follows the new version of the module.
          </p>
        </Banner>
      ) : null}
      {shownResult && moduleId ? (
        <QuizResultView
          key={view}
          result={shownResult}
          moduleId={moduleId}
          retrying={quizRequest.status === 'pending'}
          onRetry={retry}
        />
      ) : current ? (
        <QuizForm
          key={`${current.moduleId}-${current.attempt}-${current.contentHash}`}
          quiz={current}
          submitting={submitRequest.status === 'pending'}
          submitError={changed ? null : submitRequest.error}
          onSubmit={submit}
        />
      ) : quizRequest.error ? null : (
        <Spinner label="Preparing your questions…" />
      )}
    </>
  );
}
