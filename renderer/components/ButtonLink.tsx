// A link that looks like a button, for actions that go somewhere (Start, View certificate): it
// keeps link semantics (announced as a link, opens with Enter, shows its target) and the route
// follows the hash, so no click handler is needed.
import type { AnchorHTMLAttributes, Ref } from 'react';
import type { ButtonVariant } from './Button';
import { Icon, type IconName } from './Icon';

export interface ButtonLinkProps extends AnchorHTMLAttributes<HTMLAnchorElement> {
  href: string;
  variant?: ButtonVariant;
  size?: 'md' | 'sm';
  icon?: IconName;
  iconEnd?: IconName;
  ref?: Ref<HTMLAnchorElement>;
}

export function ButtonLink({
  variant = 'secondary',
  size = 'md',
  icon,
  iconEnd,
  className,
  children,
  ...rest
}: ButtonLinkProps) {
  const classes = ['button', `button--${variant}`, `button--${size}`, 'button--link', className]
    .filter(Boolean)
    .join(' ');
  return (
    <a {...rest} className={classes}>
      {icon ? <Icon name={icon} className="button__icon" /> : null}
      <span className="button__label">{children}</span>
      {iconEnd ? <Icon name={iconEnd} className="button__icon" /> : null}
    </a>
  );
}
