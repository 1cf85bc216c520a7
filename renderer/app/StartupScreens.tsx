// Full-page states before the shell can show: no bridge (a plain browser), still loading, or
// the first calls failed. Each says what happened and what to do.
import { Trans, useTranslation } from 'react-i18next';
import { Banner } from '../components/Banner';
import { Button } from '../components/Button';
import { Spinner } from '../components/Spinner';
import type { ErrorPayload } from '../../electron/core/errors';
import { BrandMark } from './BrandMark';
import { wordError } from '../i18n/reasons';

export function MissingBridge() {
  const { t } = useTranslation('shell');
  return (
    <main className="standalone">
      <div className="standalone__card">
        <BrandMark />
        <h1 className="standalone__title">{t('startup.noBridgeTitle')}</h1>
        <p>{t('startup.noBridgeLead')}</p>
        <p className="text-muted">
          <Trans t={t} i18nKey="startup.noBridgeText" components={{ code: <code /> }} />
        </p>
      </div>
    </main>
  );
}

export function LoadingScreen() {
  const { t } = useTranslation('shell');
  return (
    <main className="standalone" aria-busy="true">
      <div className="standalone__loading">
        <Spinner label={t('startup.opening')} />
      </div>
    </main>
  );
}

export function StartupError({ error, onRetry }: { error: ErrorPayload | null; onRetry: () => void }) {
  const { t } = useTranslation(['shell', 'common']);
  return (
    <main className="standalone">
      <div className="standalone__card">
        <BrandMark />
        <h1 className="standalone__title">{t('startup.failedTitle')}</h1>
        <Banner level="error" title={t('startup.failedBanner')}>
          <p>{error ? wordError(error) : t('startup.failedFallback')}</p>
          {error ? (
            <p className="text-muted text-small">{t('startup.errorCode', { code: error.code })}</p>
          ) : null}
        </Banner>
        <div className="button-row">
          <Button variant="primary" onClick={onRetry}>
            {t('common:actions.tryAgain')}
          </Button>
        </div>
      </div>
    </main>
  );
}
