// Knowledge check: answer (QuizForm), then the graded result (QuizResultView) on the same route.
// Focus moves to the screen's heading whenever the view changes (result shown, new attempt), so
// keyboard and screen-reader users start at the top of what just appeared.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { Banner } from '../../components/Banner';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { Button } from '../../components/Button';
import { ButtonLink } from '../../components/ButtonLink';
import { MAIN_HEADING_ID, ScreenHeader } from '../../components/ScreenHeader';
import { Spinner } from '../../components/Spinner';
import { hrefFor } from '../../routes';
import { useStewardStore } from '../../state/store';
import type { QuizAnswers } from '../../state/trainingSlice';
import { QuizForm } from './QuizForm';
import { QuizResultView } from './QuizResultView';
import { useModuleCard } from './useModuleCard';
import { requestOf } from '../../state/requests';
import { ErrorMessage } from '../../i18n/reasons';

export function QuizScreen() {
  const { t } = useTranslation(['training', 'common']);
  const { moduleId, quiz, result, quizRequest, submitRequest, loadQuiz, submitQuiz } = useStewardStore(
    useShallow((s) => ({
      moduleId: s.routeParams.moduleId,
      quiz: s.quiz,
      result: s.quizResult,
      quizRequest: requestOf(s.requests, 'getQuiz'),
      submitRequest: requestOf(s.requests, 'submitQuizAttempt'),
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

  const moduleTitle = card?.title ?? t('moduleFallback');
  const title = shownResult
    ? shownResult.passed
      ? t('quiz.titlePassed')
      : t('quiz.titleFailed')
    : t('quiz.title');
  const changed = submitRequest.error?.code === 'CONTENT_CHANGED';

  return (
    <>
      <Breadcrumbs
        items={[
          { label: t('breadcrumb.training'), href: hrefFor('training') },
          {
            label: moduleTitle,
            href: moduleId ? hrefFor({ route: 'training-module', moduleId }) : undefined,
          },
          { label: t('quiz.title') },
        ]}
      />
      <ScreenHeader title={title}>
        {shownResult ? (
          <p>
            {t('quiz.scored', {
              module: moduleTitle,
              score: shownResult.score,
              correct: shownResult.correctCount,
              total: shownResult.total,
            })}
          </p>
        ) : current ? (
          <p>
            {t('quiz.instructions', { module: moduleTitle })}{' '}
            <span className="screen-header__meta">
              {t('quiz.meta', {
                questions: t('quiz.questions', { count: current.questions.length }),
                passMark: current.passMark,
                attempt: current.attempt,
              })}
            </span>
          </p>
        ) : null}
      </ScreenHeader>
      {quizRequest.error && current === null && shownResult === null ? (
        <Banner
          level="error"
          title={t('quiz.openFailed')}
          actions={
            <div className="button-row">
              <Button size="sm" onClick={retry}>
                {t('common:actions.tryAgain')}
              </Button>
              <ButtonLink size="sm" href={hrefFor('training')}>
                {t('backToAllModules')}
              </ButtonLink>
            </div>
          }
        >
          <ErrorMessage error={quizRequest.error} />
        </Banner>
      ) : null}
      {changed && !shownResult ? (
        <Banner
          level="warning"
          title={t('quiz.changedTitle')}
          actions={
            <Button size="sm" onClick={retry}>
              {t('quiz.loadNew')}
            </Button>
          }
        >
          <p>{t('quiz.changedText')}</p>
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
        <Spinner label={t('quiz.preparing')} />
      )}
    </>
  );
}
