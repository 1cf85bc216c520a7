// One questionnaire question as a native, labelled form control: text and dates as inputs,
// choices as radio or checkbox groups in a fieldset whose legend is the question. The help text
// (organisation-written Markdown) and its references are read with the control; a problem core
// found with the answer is shown under it and tied to it.
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnswerValue, ReviewQuestionView } from '../../../electron/core/contract/views/reviews';
import { ChoiceGroup, type ChoiceOption } from '../../components/ChoiceGroup';
import { Markdown } from '../../components/Markdown';
import { TextAreaField } from '../../components/TextAreaField';
import { TextField } from '../../components/TextField';
import type { ReviewT } from './reviewWords';
import type { Reason } from '../../../electron/core/contract/reasons';
import { wordReason } from '../../i18n/reasons';

export function questionAnchor(questionId: string): string {
  return `question-${questionId}`;
}

/** Moves focus to a question's first control (from a list of problems). */
export function focusQuestion(questionId: string): void {
  const container = document.getElementById(questionAnchor(questionId));
  const control = container?.matches('input, textarea')
    ? (container as HTMLElement)
    : container?.querySelector<HTMLElement>('input, textarea');
  container?.scrollIntoView?.({ block: 'center' });
  control?.focus();
}

/**
 * Core's reason without the question's label it starts with (the label is right above it):
 * `"Launch date" needs an answer` reads "Answer this question." next to the question.
 */
/** Core's word on an answer, in the reader's language: "answer this", or what to fix. */
export function problemText(reason: Reason, t: ReviewT): string {
  if (reason.code === 'answer.required') return t('question.answerThis');
  return t('question.checkAnswer', { problem: wordReason(reason) });
}

function RequiredMark({ required }: { required: boolean }) {
  const { t } = useTranslation('review');
  return required ? (
    <>
      {' '}
      <span className="tag">{t('question.required')}</span>
    </>
  ) : null;
}

function Help({ question }: { question: ReviewQuestionView }) {
  const { t } = useTranslation('review');
  const unit = question.type === 'number' ? question.number?.unit : null;
  if (!question.help && question.references.length === 0 && !unit) return null;
  return (
    <div className="question__help">
      {unit ? <p>{t('question.answerIn', { unit })}</p> : null}
      {question.help ? <Markdown source={question.help} /> : null}
      {question.references.length > 0 ? (
        <p className="question__references">
          <span className="question__references-label">{t('question.references')}</span>{' '}
          {question.references.join(' · ')}
        </p>
      ) : null}
    </div>
  );
}

function NumberInput({
  question,
  value,
  onChange,
  label,
  help,
  error,
}: {
  question: ReviewQuestionView;
  value: AnswerValue | undefined;
  onChange: (value: AnswerValue | undefined) => void;
  label: ReactNode;
  help: ReactNode;
  error: string | null;
}) {
  const { t } = useTranslation('review');
  // The text as typed ("1." while typing 1.5), so a half-typed number is not thrown away.
  const [text, setText] = useState(typeof value === 'number' ? String(value) : '');
  const [invalid, setInvalid] = useState(false);
  const spec = question.number;
  return (
    <TextField
      id={questionAnchor(question.id)}
      type="number"
      className="field--short"
      inputMode={spec?.integer ? 'numeric' : 'decimal'}
      step={spec?.integer ? 1 : 'any'}
      min={spec?.min ?? undefined}
      max={spec?.max ?? undefined}
      label={label}
      hint={help}
      required={question.required}
      value={text}
      error={invalid ? t('question.enterNumber') : error}
      onChange={(next) => {
        setText(next);
        const trimmed = next.trim();
        const parsed = Number(trimmed);
        if (trimmed === '') {
          setInvalid(false);
          onChange(undefined);
        } else if (Number.isFinite(parsed)) {
          setInvalid(false);
          onChange(parsed);
        } else {
          setInvalid(true);
        }
      }}
    />
  );
}

export function QuestionField({
  question,
  value,
  onChange,
  problem,
}: {
  question: ReviewQuestionView;
  value: AnswerValue | undefined;
  /** undefined clears the answer. */
  onChange: (value: AnswerValue | undefined) => void;
  /** Core's problem with the answer, already worded for showing next to the question. */
  problem: string | null;
}) {
  const { t } = useTranslation('review');
  const anchor = questionAnchor(question.id);
  const hasHelp = Boolean(question.help) || question.references.length > 0 || question.type === 'number';
  const help = hasHelp ? <Help question={question} /> : undefined;
  const label = (
    <>
      {question.label}
      <RequiredMark required={question.required} />
    </>
  );
  const legend = (
    <span className="choice-group__prompt">
      {question.label}
      {question.required ? (
        <RequiredMark required />
      ) : (
        <span className="field__optional"> {t('question.optional')}</span>
      )}
    </span>
  );
  const name = `q-${question.id}`;

  switch (question.type) {
    case 'text': {
      const text = typeof value === 'string' ? value : '';
      const onText = (next: string) => onChange(next === '' ? undefined : next);
      const common = {
        id: anchor,
        label,
        hint: help,
        required: question.required,
        value: text,
        onChange: onText,
        error: problem,
        maxLength: question.maxLength ?? undefined,
      };
      return question.multiline ? <TextAreaField {...common} rows={4} /> : <TextField {...common} />;
    }
    case 'date':
      return (
        <TextField
          id={anchor}
          type="date"
          className="field--short"
          label={label}
          hint={help}
          required={question.required}
          value={typeof value === 'string' ? value : ''}
          onChange={(next) => onChange(next === '' ? undefined : next)}
          error={problem}
        />
      );
    case 'number':
      return (
        <NumberInput
          question={question}
          value={value}
          onChange={onChange}
          label={label}
          help={help}
          error={problem}
        />
      );
    case 'single':
    case 'yesNoUnsure': {
      const options =
        question.type === 'yesNoUnsure'
          ? (['yes', 'no', 'unsure'] as const).map((id) => ({ id, text: t(`words.${id}`) }))
          : question.options.map((option) => ({ id: option.id, text: option.label, hint: option.help }));
      return (
        <ChoiceGroup
          id={anchor}
          name={name}
          type="single"
          legend={legend}
          description={help}
          options={options}
          selected={typeof value === 'string' ? [value] : []}
          onChange={(selected) => onChange(selected[0])}
          error={problem}
        />
      );
    }
    case 'scale': {
      const scale = question.scale ?? { min: 1, max: 5, labels: [] };
      const options: ChoiceOption[] = [];
      for (let point = scale.min; point <= scale.max; point++) {
        const words = scale.labels[point - scale.min];
        options.push({ id: String(point), text: words ? `${point} — ${words}` : String(point) });
      }
      return (
        <ChoiceGroup
          id={anchor}
          name={name}
          type="single"
          legend={legend}
          description={help}
          options={options}
          selected={typeof value === 'number' ? [String(value)] : []}
          onChange={(selected) => onChange(selected[0] === undefined ? undefined : Number(selected[0]))}
          error={problem}
          className="choice-group--scale"
        />
      );
    }
    case 'multi': {
      const selected = Array.isArray(value) ? value : [];
      const exclusive = new Set(question.options.filter((o) => o.exclusive).map((o) => o.id));
      return (
        <ChoiceGroup
          id={anchor}
          name={name}
          type="multiple"
          legend={legend}
          description={help}
          options={question.options.map((option) => ({
            id: option.id,
            text: option.label,
            hint: option.help,
          }))}
          // Content often asks for every option that applies in its help; then the group says it once.
          hintInLegend={/\b(all|every)\b[^.]*\bappl(y|ies)\b/i.test(question.help ?? '')}
          selected={selected}
          onChange={(next) => {
            // "None of these" and a real choice cannot stand together: the one just ticked wins.
            const added = next.find((id) => !selected.includes(id));
            let result = next;
            if (added !== undefined && exclusive.has(added)) result = [added];
            else if (added !== undefined) result = next.filter((id) => !exclusive.has(id));
            onChange(result.length === 0 ? undefined : result);
          }}
          error={problem}
        />
      );
    }
  }
}
