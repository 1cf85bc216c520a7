// What TextField and TextAreaField share: the ids that tie a control to its hint and error, and
// the wrapper around the control (the visible label, "(optional)", the hint and the error).
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface FieldIds {
  inputId: string;
  hintId: string | undefined;
  errorId: string | undefined;
  /** For the control's aria-describedby: the hint and the error, where there are any. */
  describedBy: string | undefined;
}

/** The control's id (the one given, or a generated one) and the ids of its hint and error. */
export function useFieldIds(
  id: string | undefined,
  hint: ReactNode,
  error: string | null | undefined,
): FieldIds {
  const generatedId = useId();
  const inputId = id ?? `field-${generatedId}`;
  const hintId = hint ? `${inputId}-hint` : undefined;
  const errorId = error ? `${inputId}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return { inputId, hintId, errorId, describedBy };
}

export function Field({
  ids,
  label,
  hint,
  error,
  required,
  className,
  children,
}: {
  ids: FieldIds;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null;
  required?: boolean;
  className?: string;
  /** The control, carrying ids.inputId and aria-describedby={ids.describedBy}. */
  children: ReactNode;
}) {
  const { t } = useTranslation('common');
  return (
    <div className={['field', error ? 'field--invalid' : '', className].filter(Boolean).join(' ')}>
      <label className="field__label" htmlFor={ids.inputId}>
        {label}
        {required ? null : <span className="field__optional"> {t('field.optional')}</span>}
      </label>
      {hint ? (
        <div className="field__hint" id={ids.hintId}>
          {hint}
        </div>
      ) : null}
      {children}
      {error ? (
        <p className="field__error" id={ids.errorId}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
