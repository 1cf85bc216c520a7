// The one button. A busy button stays focusable (aria-disabled, clicks ignored) so keyboard
// focus is not thrown away while a call runs, and says what it is doing.
import type { ButtonHTMLAttributes, MouseEvent, Ref } from 'react';
import { Icon, type IconName } from './Icon';
import { Spinner } from './Spinner';

export type ButtonVariant = 'primary' | 'secondary' | 'ghost' | 'danger';

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: ButtonVariant;
  size?: 'md' | 'sm';
  icon?: IconName;
  /** An icon after the label, for actions that move forward ("Next →"). */
  iconEnd?: IconName;
  busy?: boolean;
  /** Shown instead of the children while busy, e.g. "Verifying…". */
  busyLabel?: string;
  ref?: Ref<HTMLButtonElement>;
}

export function Button({
  variant = 'secondary',
  size = 'md',
  icon,
  iconEnd,
  busy = false,
  busyLabel,
  className,
  children,
  onClick,
  type = 'button',
  ...rest
}: ButtonProps) {
  const classes = ['button', `button--${variant}`, `button--${size}`, className].filter(Boolean).join(' ');
  const handleClick = (event: MouseEvent<HTMLButtonElement>) => {
    if (busy) {
      event.preventDefault();
      return;
    }
    onClick?.(event);
  };
  return (
    <button
      {...rest}
      type={type}
      className={classes}
      onClick={handleClick}
      aria-busy={busy || undefined}
      aria-disabled={busy || rest['aria-disabled'] || undefined}
    >
      {busy ? <Spinner size="sm" /> : icon ? <Icon name={icon} className="button__icon" /> : null}
      <span className="button__label">{busy && busyLabel ? busyLabel : children}</span>
      {iconEnd && !busy ? <Icon name={iconEnd} className="button__icon" /> : null}
    </button>
  );
}
