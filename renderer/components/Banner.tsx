// The one banner for notices, warnings and errors. Errors use role=alert (read out at once);
// everything else role=status (read out politely).
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from './Icon';

export type BannerLevel = 'info' | 'success' | 'warning' | 'error';

export interface BannerProps {
  level: BannerLevel;
  title?: string;
  children?: ReactNode;
  onDismiss?: () => void;
  /** Buttons or links that act on the banner's subject. */
  actions?: ReactNode;
  className?: string;
}

export function Banner({ level, title, children, onDismiss, actions, className }: BannerProps) {
  const { t } = useTranslation('common');
  return (
    <div
      className={['banner', `banner--${level}`, className].filter(Boolean).join(' ')}
      role={level === 'error' ? 'alert' : 'status'}
    >
      <Icon name={level} className="banner__icon" />
      <div className="banner__body">
        {title ? <p className="banner__title">{title}</p> : null}
        {children ? <div className="banner__text">{children}</div> : null}
        {actions ? <div className="banner__actions">{actions}</div> : null}
      </div>
      {onDismiss ? (
        <button
          type="button"
          className="banner__dismiss"
          onClick={onDismiss}
          aria-label={t('actions.dismiss')}
        >
          <Icon name="close" />
        </button>
      ) : null}
    </div>
  );
}
