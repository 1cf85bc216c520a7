// A question with options: a fieldset whose legend is the question, radios for one answer and
// checkboxes (with "Select all that apply") for several. Native inputs, so the keyboard works as
// people expect: Tab between groups, arrow keys within a radio group, Space on a checkbox.
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { i18n } from '../i18n';

export interface ChoiceOption {
  id: string;
  text: string;
  /** A line under the option's text, read with it (aria-describedby). */
  hint?: string | null;
  disabled?: boolean;
}

export interface ChoiceGroupProps {
  /** The input group's name; unique on the page. */
  name: string;
  legend: ReactNode;
  type: 'single' | 'multiple';
  options: ChoiceOption[];
  selected: string[];
  onChange: (selected: string[]) => void;
  error?: string | null;
  /** Id for the fieldset, so an error summary can link to it. */
  id?: string;
  className?: string;
  /** True when the legend already tells people to select all that apply. */
  hintInLegend?: boolean;
  /** Guidance under the legend (e.g. help with references), read with the group. */
  description?: ReactNode;
}

/**
 * True when a prompt already tells people to select all that apply, in English (content without a
 * translation) or in the interface language's own words.
 */
export function saysSelectAll(prompt: string): boolean {
  const own = i18n
    .t('common:choice.selectAll')
    .replace(/[.\s]+$/, '')
    .toLowerCase();
  return /select all that apply/i.test(prompt) || (own !== '' && prompt.toLowerCase().includes(own));
}

export function ChoiceGroup({
  name,
  legend,
  type,
  options,
  selected,
  onChange,
  error,
  id,
  className,
  hintInLegend = false,
  description,
}: ChoiceGroupProps) {
  const { t } = useTranslation('common');
  const baseId = `choice-${useId()}`;
  // Content often says it already ("… Select all that apply."); say it once.
  const promptSaysIt = typeof legend === 'string' && saysSelectAll(legend);
  const hintId = type === 'multiple' && !promptSaysIt && !hintInLegend ? `${baseId}-hint` : undefined;
  const errorId = error ? `${baseId}-error` : undefined;
  const descriptionId = description ? `${baseId}-description` : undefined;
  const toggle = (optionId: string, checked: boolean) => {
    if (type === 'single') onChange([optionId]);
    else onChange(checked ? [...selected, optionId] : selected.filter((value) => value !== optionId));
  };
  return (
    <fieldset
      id={id}
      className={['choice-group', error ? 'choice-group--invalid' : '', className].filter(Boolean).join(' ')}
      aria-describedby={[descriptionId, hintId, errorId].filter(Boolean).join(' ') || undefined}
    >
      <legend className="choice-group__legend">{legend}</legend>
      {description ? (
        <div className="choice-group__description" id={descriptionId}>
          {description}
        </div>
      ) : null}
      {hintId ? (
        <p className="choice-group__hint" id={hintId}>
          {t('choice.selectAll')}
        </p>
      ) : null}
      {error ? (
        <p className="field__error choice-group__error" id={errorId}>
          {error}
        </p>
      ) : null}
      <div className="choice-group__options">
        {options.map((option) => {
          const inputId = `${baseId}-${option.id}`;
          const isChecked = selected.includes(option.id);
          const optionHintId = option.hint ? `${inputId}-hint` : undefined;
          return (
            <div key={option.id} className="choice">
              <input
                id={inputId}
                className="choice__input"
                type={type === 'single' ? 'radio' : 'checkbox'}
                name={name}
                value={option.id}
                checked={isChecked}
                disabled={option.disabled}
                aria-describedby={optionHintId}
                onChange={(event) => toggle(option.id, event.target.checked)}
              />
              {option.hint ? (
                <div className="choice__body">
                  <label className="choice__label" htmlFor={inputId}>
                    {option.text}
                  </label>
                  <span className="choice__hint" id={optionHintId}>
                    {option.hint}
                  </span>
                </div>
              ) : (
                <label className="choice__label" htmlFor={inputId}>
                  {option.text}
                </label>
              )}
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
