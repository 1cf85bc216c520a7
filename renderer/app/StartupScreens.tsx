// Full-page states before the shell can show: no bridge (a plain browser), still loading, or
// the first calls failed. Each says what happened and what to do.
import { MISSING_BRIDGE_MESSAGE } from '../api';
import { Banner } from '../components/Banner';
import { Button } from '../components/Button';
import { Spinner } from '../components/Spinner';
import type { ErrorPayload } from '../../electron/core/errors';
import { BrandMark } from './BrandMark';

export function MissingBridge() {
  return (
    <main className="standalone">
      <div className="standalone__card">
        <BrandMark />
        <h1 className="standalone__title">Steward can't start here</h1>
        <p>{MISSING_BRIDGE_MESSAGE}</p>
        <p className="text-muted">
          This page was opened in a plain browser, where it has no connection to Steward's records or to your
          signing key. Open the Steward desktop app, or run <code>npm run preview</code> and use the address
          it prints.
        </p>
      </div>
    </main>
  );
}

export function LoadingScreen() {
  return (
    <main className="standalone" aria-busy="true">
      <div className="standalone__loading">
        <Spinner label="Opening Steward…" />
      </div>
    </main>
  );
}

export function StartupError({ error, onRetry }: { error: ErrorPayload | null; onRetry: () => void }) {
  return (
    <main className="standalone">
      <div className="standalone__card">
        <BrandMark />
        <h1 className="standalone__title">Steward couldn't open</h1>
        <Banner level="error" title="The app did not answer as expected">
          <p>{error?.message ?? 'Something went wrong while loading your profile and settings.'}</p>
          {error ? <p className="text-muted text-small">Error code: {error.code}</p> : null}
        </Banner>
        <div className="button-row">
          <Button variant="primary" onClick={onRetry}>
            Try again
          </Button>
        </div>
      </div>
    </main>
  );
}
