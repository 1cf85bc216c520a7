// One checkbox with its label, an optional hint and an error tied to it (aria-describedby,
// aria-invalid), for confirmations such as an attestation.
import { useId, type ReactNode, type Ref } from 'react';

export interface CheckboxFieldProps {
  label: ReactNode;
  checked: boolean;
  onChange: (checked: boolean) => void;
  hint?: ReactNode;
  error?: string | null;
  required?: boolean;
  ref?: Ref<HTMLInputElement>;
}

export function CheckboxField({ label, checked, onChange, hint, error, required, ref }: CheckboxFieldProps) {
  const id = `check-${useId()}`;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className={['checkbox-field', error ? 'checkbox-field--invalid' : ''].filter(Boolean).join(' ')}>
      <div className="checkbox-field__row">
        <input
          ref={ref}
          id={id}
          type="checkbox"
          className="checkbox-field__input"
          checked={checked}
          onChange={(event) => onChange(event.target.checked)}
          required={required}
          aria-invalid={error ? true : undefined}
          aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}
        />
        <label className="checkbox-field__label" htmlFor={id}>
          {label}
        </label>
      </div>
      {hint ? (
        <p className="field__hint checkbox-field__hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field__error checkbox-field__error" id={errorId}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
