// Steward's name with its mark; the mark is decorative (the name is the text).
import { useTranslation } from 'react-i18next';

export function BrandMark({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation('common');
  return (
    <span className={compact ? 'brand brand--compact' : 'brand'}>
      <svg
        className="brand__mark"
        viewBox="0 0 32 32"
        width="28"
        height="28"
        aria-hidden="true"
        focusable="false"
      >
        <rect width="32" height="32" rx="8" className="brand__mark-bg" />
        <path
          d="M16 6.5 8.5 9.5v6c0 4.6 3.2 8.4 7.5 9.9 4.3-1.5 7.5-5.3 7.5-9.9v-6L16 6.5Z"
          className="brand__mark-shield"
        />
        <path d="m12.3 16 2.6 2.6 4.9-5.2" className="brand__mark-check" />
      </svg>
      <span className="brand__name">{t('appName')}</span>
    </span>
  );
}
