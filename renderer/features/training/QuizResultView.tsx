// A graded attempt: the score against the pass mark, then every question asked with the learner's
// answer. A wrong answer says why the option chosen is wrong and what to reread; the right options
// and explanations appear only when core sends them (the policy's revealAnswers, by default once
// the attempt passed), so a retry tests learning rather than memory. A pass leads to the
// attestation; a fail offers a new attempt (core draws other variants of the questions).
import { useTranslation } from 'react-i18next';
import type { QuizResult, QuizResultQuestion } from '../../../electron/core/contract/views/training';
import { Badge } from '../../components/Badge';
import { Banner } from '../../components/Banner';
import { Button } from '../../components/Button';
import { ButtonLink } from '../../components/ButtonLink';
import { hrefFor } from '../../routes';

function optionText(question: QuizResultQuestion, id: string): string {
  return question.options.find((option) => option.id === id)?.text ?? id;
}

function AnswerList({ texts, empty }: { texts: string[]; empty: string }) {
  if (texts.length === 0) return <span className="text-muted">{empty}</span>;
  if (texts.length === 1) return <>{texts[0]}</>;
  return (
    <ul className="answer-list">
      {texts.map((text) => (
        <li key={text}>{text}</li>
      ))}
    </ul>
  );
}

/** Why the answer is wrong: each wrong choice with its feedback, or that a right option is missing. */
function WhyWrong({ question }: { question: QuizResultQuestion }) {
  const { t } = useTranslation('training');
  if (question.wrongChoices.length === 0) {
    return <p>{question.chosen.length === 0 ? t('result.unanswered') : t('result.incomplete')}</p>;
  }
  const why = (choice: QuizResultQuestion['wrongChoices'][number]) => (
    <>
      <q className="answer-list__option">{optionText(question, choice.id)}</q>{' '}
      {choice.feedback ?? t('result.notRight')}
    </>
  );
  const only = question.wrongChoices.length === 1 ? question.wrongChoices[0] : undefined;
  if (only) return <p>{why(only)}</p>;
  return (
    <ul className="answer-list answer-list--why">
      {question.wrongChoices.map((choice) => (
        <li key={choice.id}>{why(choice)}</li>
      ))}
    </ul>
  );
}

function QuestionReview({ question, number }: { question: QuizResultQuestion; number: number }) {
  const { t } = useTranslation('training');
  const { answer } = question;
  return (
    <li className={`result-item result-item--${question.isCorrect ? 'correct' : 'incorrect'}`}>
      <div className="result-item__header">
        <h3 className="result-item__title">{t('result.question', { number })}</h3>
        {question.isCorrect ? (
          <Badge tone="success" icon="check">
            {t('result.correct')}
          </Badge>
        ) : (
          <Badge tone="error" icon="close">
            {t('result.incorrect')}
          </Badge>
        )}
      </div>
      <p className="result-item__prompt">{question.prompt}</p>
      <dl className="details details--compact">
        <div className="details__row">
          <dt>{t('result.yourAnswer')}</dt>
          <dd>
            <AnswerList
              texts={question.chosen.map((id) => optionText(question, id))}
              empty={t('result.noAnswer')}
            />
          </dd>
        </div>
        {!question.isCorrect && answer === null ? (
          <div className="details__row">
            <dt>{t('result.whyWrong')}</dt>
            <dd>
              <WhyWrong question={question} />
            </dd>
          </div>
        ) : null}
        {!question.isCorrect && question.hint ? (
          <div className="details__row">
            <dt>{t('result.hint')}</dt>
            <dd>{question.hint}</dd>
          </div>
        ) : null}
        {answer ? (
          <>
            <div className="details__row">
              <dt>{answer.correct.length > 1 ? t('result.correctAnswers') : t('result.correctAnswer')}</dt>
              <dd>
                <AnswerList
                  texts={answer.correct.map((id) => optionText(question, id))}
                  empty={t('result.none')}
                />
              </dd>
            </div>
            <div className="details__row">
              <dt>{t('result.why')}</dt>
              <dd>{answer.explanation}</dd>
            </div>
            {answer.reference ? (
              <div className="details__row">
                <dt>{t('result.readMore')}</dt>
                <dd>{answer.reference}</dd>
              </div>
            ) : null}
          </>
        ) : null}
      </dl>
    </li>
  );
}

export function QuizResultView({
  result,
  moduleId,
  retrying,
  onRetry,
}: {
  result: QuizResult;
  moduleId: string;
  retrying: boolean;
  onRetry: () => void;
}) {
  const { t } = useTranslation(['training', 'common']);
  const actions = result.passed ? (
    <ButtonLink href={hrefFor({ route: 'training-attest', moduleId })} variant="primary" iconEnd="arrowRight">
      {t('result.continue')}
    </ButtonLink>
  ) : (
    <>
      <Button variant="primary" busy={retrying} busyLabel={t('result.preparing')} onClick={onRetry}>
        {t('common:actions.tryAgain')}
      </Button>
      <ButtonLink href={hrefFor({ route: 'training-module', moduleId })} icon="book">
        {t('result.reread')}
      </ButtonLink>
    </>
  );
  return (
    <div className="stack">
      <section
        className={`score-card score-card--${result.passed ? 'passed' : 'failed'}`}
        aria-label={t('result.scoreLabel')}
      >
        <p className="score-card__score">
          <span className="score-card__value">{t('result.score', { score: result.score })}</span>
          <span className="score-card__caption">
            {t('result.caption', {
              correct: result.correctCount,
              total: result.total,
              passMark: result.passMark,
              attempt: result.attempt,
            })}
          </span>
        </p>
        {result.passed ? (
          <Banner level="success" title={t('result.passedTitle')}>
            <p>{t('result.passedText')}</p>
          </Banner>
        ) : (
          <Banner level="warning" title={t('result.failedTitle')}>
            <p>
              {result.revealed
                ? t('result.failedTextRevealed', { passMark: result.passMark })
                : t('result.failedText', { passMark: result.passMark })}
            </p>
          </Banner>
        )}
        <div className="button-row">{actions}</div>
      </section>
      <section className="result-review" aria-labelledby="result-review-title">
        <h2 className="result-review__title" id="result-review-title">
          {t('result.answersTitle')}
        </h2>
        <ol className="result-list">
          {result.questions.map((question, index) => (
            <QuestionReview key={question.id} question={question} number={index + 1} />
          ))}
        </ol>
      </section>
      <div className="button-row">{actions}</div>
    </div>
  );
}
