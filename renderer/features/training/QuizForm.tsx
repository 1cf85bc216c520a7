// The knowledge check form: every question on one page as a fieldset, radios for one answer and
// checkboxes for several. Submitting with questions unanswered does not send anything: an error
// summary (focused, announced) lists what is missing and links to each question.
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { QuizView } from '../../../electron/core/contract/views/training';
import type { ErrorPayload } from '../../../electron/core/errors';
import { Banner } from '../../components/Banner';
import { Button } from '../../components/Button';
import { ChoiceGroup, saysSelectAll } from '../../components/ChoiceGroup';
import type { QuizAnswers } from '../../state/trainingSlice';
import { ErrorMessage } from '../../i18n/reasons';

export function questionAnchor(questionId: string): string {
  return `question-${questionId}`;
}

function focusQuestion(questionId: string) {
  const fieldset = document.getElementById(questionAnchor(questionId));
  const input = fieldset?.querySelector<HTMLInputElement>('input');
  fieldset?.scrollIntoView?.({ block: 'center' });
  input?.focus();
}

export function QuizForm({
  quiz,
  submitting,
  submitError,
  onSubmit,
}: {
  quiz: QuizView;
  submitting: boolean;
  submitError: ErrorPayload | null;
  onSubmit: (answers: QuizAnswers) => void;
}) {
  const { t } = useTranslation('training');
  const [answers, setAnswers] = useState<QuizAnswers>({});
  const [showMissing, setShowMissing] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);

  const numberOf = new Map(quiz.questions.map((question, index) => [question.id, index + 1]));
  const missing = quiz.questions.filter((question) => (answers[question.id]?.length ?? 0) === 0);
  const answered = quiz.questions.length - missing.length;

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (submitting) return;
    if (missing.length > 0) {
      setShowMissing(true);
      // After React has painted the summary, so it is read out from the top.
      requestAnimationFrame(() => summaryRef.current?.focus());
      return;
    }
    // Send exactly one entry per question of this attempt, in the shape the contract takes.
    const payload: QuizAnswers = {};
    for (const question of quiz.questions) payload[question.id] = [...(answers[question.id] ?? [])];
    onSubmit(payload);
  };

  return (
    <form className="quiz" noValidate onSubmit={handleSubmit} aria-label={t('quiz.title')}>
      {showMissing && missing.length > 0 ? (
        <div className="error-summary" ref={summaryRef} tabIndex={-1}>
          <Banner level="error" title={t('quiz.missingTitle', { count: missing.length })}>
            <ul className="error-summary__list">
              {missing.map((question) => (
                <li key={question.id}>
                  <a
                    href={`#${questionAnchor(question.id)}`}
                    onClick={(event) => {
                      // The hash belongs to the router; move focus instead.
                      event.preventDefault();
                      focusQuestion(question.id);
                    }}
                  >
                    {t('quiz.missingItem', { number: numberOf.get(question.id) })}
                  </a>
                </li>
              ))}
            </ul>
          </Banner>
        </div>
      ) : null}
      <ol className="quiz__questions">
        {quiz.questions.map((question, index) => {
          const isMissing = showMissing && missing.includes(question);
          return (
            <li key={question.id} className="quiz__question">
              <ChoiceGroup
                id={questionAnchor(question.id)}
                name={`q-${question.id}`}
                type={question.type}
                legend={
                  <>
                    <span className="choice-group__number">
                      {t('quiz.questionOf', { number: index + 1, total: quiz.questions.length })}
                    </span>
                    <span className="choice-group__prompt">{question.prompt}</span>
                  </>
                }
                hintInLegend={saysSelectAll(question.prompt)}
                options={question.options}
                selected={answers[question.id] ?? []}
                onChange={(selected) => setAnswers((previous) => ({ ...previous, [question.id]: selected }))}
                error={isMissing ? t('quiz.chooseAnswer') : null}
              />
            </li>
          );
        })}
      </ol>
      {submitError ? (
        <Banner level="error" title={t('quiz.notSubmitted')}>
          <ErrorMessage error={submitError} />
        </Banner>
      ) : null}
      <div className="quiz__submit">
        <Button type="submit" variant="primary" busy={submitting} busyLabel={t('quiz.checking')}>
          {t('quiz.submit')}
        </Button>
        <p className="text-muted text-small">
          {t('quiz.answered', { answered, count: quiz.questions.length, passMark: quiz.passMark })}
        </p>
      </div>
    </form>
  );
}
