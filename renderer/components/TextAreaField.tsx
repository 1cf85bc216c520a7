// The multi-line sibling of TextField, for answers, rationales and comments: the same visible
// label, hint and error tied to the textarea (aria-describedby, aria-invalid).
import type { ReactNode, Ref, TextareaHTMLAttributes } from 'react';
import { Field, useFieldIds } from './Field';

export interface TextAreaFieldProps extends Omit<
  TextareaHTMLAttributes<HTMLTextAreaElement>,
  'onChange' | 'value'
> {
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  hint?: ReactNode;
  error?: string | null;
  ref?: Ref<HTMLTextAreaElement>;
}

export function TextAreaField({
  label,
  value,
  onChange,
  hint,
  error,
  id,
  required,
  className,
  rows = 4,
  ...rest
}: TextAreaFieldProps) {
  const ids = useFieldIds(id, hint, error);
  return (
    <Field ids={ids} label={label} hint={hint} error={error} required={required} className={className}>
      <textarea
        {...rest}
        id={ids.inputId}
        rows={rows}
        className="field__input field__textarea"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-required={required || undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={ids.describedBy}
      />
    </Field>
  );
}
