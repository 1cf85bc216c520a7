// A destructive action that asks once before it runs: the button turns into a short question
// with Confirm and Cancel, focus moves to Confirm, and Escape or Cancel puts the button back
// (with focus on it). Inline rather than a modal dialog: nothing to trap, nothing to restore.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, type ButtonProps } from './Button';

export function ConfirmButton({
  children,
  question,
  confirmLabel,
  onConfirm,
  busy,
  size = 'sm',
  variant = 'ghost',
  'aria-label': ariaLabel,
}: {
  children: ReactNode;
  /** What is about to happen, as a question. */
  question: string;
  confirmLabel: string;
  onConfirm: () => void;
  busy?: boolean;
  size?: ButtonProps['size'];
  variant?: ButtonProps['variant'];
  'aria-label'?: string;
}) {
  const { t } = useTranslation('common');
  const [asking, setAsking] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);

  useEffect(() => {
    if (asking) confirmRef.current?.focus();
    else if (returnFocus.current) {
      returnFocus.current = false;
      triggerRef.current?.focus();
    }
  }, [asking]);

  const cancel = () => {
    returnFocus.current = true;
    setAsking(false);
  };

  if (!asking) {
    return (
      <Button
        ref={triggerRef}
        size={size}
        variant={variant}
        aria-label={ariaLabel}
        onClick={() => setAsking(true)}
      >
        {children}
      </Button>
    );
  }
  return (
    <span
      className="confirm"
      role="group"
      aria-label={question}
      onKeyDown={(event) => {
        if (event.key === 'Escape') cancel();
      }}
    >
      <span className="confirm__question">{question}</span>
      <Button ref={confirmRef} size={size} variant="danger" busy={busy} onClick={onConfirm}>
        {confirmLabel}
      </Button>
      <Button size={size} variant="secondary" onClick={cancel}>
        {t('actions.cancel')}
      </Button>
    </span>
  );
}
