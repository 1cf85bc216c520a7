// A graded attempt: the score against the pass mark, then every question with the learner's
// answer, the correct answer, why, and where to read more. A pass leads to the attestation; a
// fail offers a new attempt (core reshuffles the options).
import type { QuizResult } from '../../../electron/core/contract';
import { Badge } from '../../components/Badge';
import { Banner } from '../../components/Banner';
import { Button } from '../../components/Button';
import { ButtonLink } from '../../components/ButtonLink';
import { hrefFor } from '../../routes';

type ResultQuestion = QuizResult['questions'][number];

function optionTexts(question: ResultQuestion, ids: string[]): string[] {
  return ids.map((id) => question.options.find((option) => option.id === id)?.text ?? id);
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

function QuestionReview({ question, number }: { question: ResultQuestion; number: number }) {
  return (
    <li className={`result-item result-item--${question.isCorrect ? 'correct' : 'incorrect'}`}>
      <div className="result-item__header">
        <h3 className="result-item__title">Question {number}</h3>
        {question.isCorrect ? (
          <Badge tone="success" icon="check">
            Correct
          </Badge>
        ) : (
          <Badge tone="error" icon="close">
            Incorrect
          </Badge>
        )}
      </div>
      <p className="result-item__prompt">{question.prompt}</p>
      <dl className="details details--compact">
        <div className="details__row">
          <dt>Your answer</dt>
          <dd>
            <AnswerList texts={optionTexts(question, question.chosen)} empty="No answer" />
          </dd>
        </div>
        <div className="details__row">
          <dt>{question.correct.length > 1 ? 'Correct answers' : 'Correct answer'}</dt>
          <dd>
            <AnswerList texts={optionTexts(question, question.correct)} empty="None" />
          </dd>
        </div>
        <div className="details__row">
          <dt>Why</dt>
          <dd>{question.explanation}</dd>
        </div>
        {question.reference ? (
          <div className="details__row">
            <dt>Read more</dt>
            <dd>{question.reference}</dd>
          </div>
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
  const actions = result.passed ? (
    <ButtonLink href={hrefFor({ route: 'training-attest', moduleId })} variant="primary" iconEnd="arrowRight">
      Continue to attestation
    </ButtonLink>
  ) : (
    <>
      <Button variant="primary" busy={retrying} busyLabel="Preparing a new attempt…" onClick={onRetry}>
        Try again
      </Button>
      <ButtonLink href={hrefFor({ route: 'training-module', moduleId })} icon="book">
        Re-read the module
      </ButtonLink>
    </>
  );
  return (
    <div className="stack">
      <section className={`score-card score-card--${result.passed ? 'passed' : 'failed'}`} aria-label="Score">
        <p className="score-card__score">
          <span className="score-card__value">{result.score}%</span>
          <span className="score-card__caption">
            {result.correctCount} of {result.total} correct · pass mark {result.passMark}% · attempt{' '}
            {result.attempt}
          </span>
        </p>
        {result.passed ? (
          <Banner level="success" title="You passed">
            <p>Sign the attestation to complete the module and get your certificate.</p>
          </Banner>
        ) : (
          <Banner level="warning" title="Not passed this time">
            <p>
              You need {result.passMark}% to pass. Read the explanations below, then try again: the questions
              come back with their options in a new order.
            </p>
          </Banner>
        )}
        <div className="button-row">{actions}</div>
      </section>
      <section className="result-review" aria-labelledby="result-review-title">
        <h2 className="result-review__title" id="result-review-title">
          Your answers
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
