// The one text input: a visible label, an optional hint, and an error that is tied to the
// input with aria-describedby and aria-invalid so screen readers read it with the field.
import type { InputHTMLAttributes, ReactNode, Ref } from 'react';
import { Field, useFieldIds } from './Field';

export interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value'> {
  /** Usually a string; a node where the label carries a mark such as "Required". */
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  hint?: ReactNode;
  error?: string | null;
  monospace?: boolean;
  ref?: Ref<HTMLInputElement>;
}

export function TextField({
  label,
  value,
  onChange,
  hint,
  error,
  monospace = false,
  id,
  required,
  className,
  ...rest
}: TextFieldProps) {
  const ids = useFieldIds(id, hint, error);
  return (
    <Field ids={ids} label={label} hint={hint} error={error} required={required} className={className}>
      <input
        {...rest}
        id={ids.inputId}
        className={monospace ? 'field__input field__input--mono' : 'field__input'}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-required={required || undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={ids.describedBy}
      />
    </Field>
  );
}
