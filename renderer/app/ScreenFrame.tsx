// One screen inside <main>, whose code may still be loading (see screens.tsx). While it loads the
// area stays quiet, and a spinner appears only if that takes a while, so a fast load does not
// flash; a screen that fails to load or to draw says so instead of taking the shell down with it.
// onShown runs once the screen itself is on the page: the moment focus can move to its h1.
//
// The frame waits for the code itself before it renders the screen, rather than letting the lazy
// component suspend: React reveals content that suspended no sooner than ~300 ms after its
// fallback, which would hold back every first visit to a screen. Suspense stays as the backstop.
import { Component, Suspense, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Banner } from '../components/Banner';
import { Button } from '../components/Button';
import { ScreenHeader } from '../components/ScreenHeader';
import { Spinner } from '../components/Spinner';
import type { Route } from '../routes';
import { isScreenLoaded, preloadScreen, RouteScreen } from './screens';

/** A load shorter than this shows nothing at all. */
const SPINNER_AFTER_MS = 500;

function ScreenLoading() {
  const { t } = useTranslation('shell');
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    const timer = window.setTimeout(() => setSlow(true), SPINNER_AFTER_MS);
    return () => window.clearTimeout(timer);
  }, []);
  return (
    <div className="screen-loading" aria-busy="true">
      {slow ? <Spinner label={t('screen.loading')} /> : null}
    </div>
  );
}

function ScreenFailed({ error }: { error: unknown }) {
  const { t } = useTranslation('shell');
  return (
    <>
      <ScreenHeader title={t('screen.failedTitle')} />
      <Banner
        level="error"
        title={t('screen.failedBanner')}
        actions={<Button onClick={() => window.location.reload()}>{t('screen.reload')}</Button>}
      >
        {error instanceof Error ? <p>{error.message}</p> : null}
      </Banner>
    </>
  );
}

class ScreenErrorBoundary extends Component<{ children: ReactNode }, { error: unknown }> {
  override state: { error: unknown } = { error: null };

  static getDerivedStateFromError(error: unknown) {
    return { error };
  }

  override render() {
    return this.state.error === null ? this.props.children : <ScreenFailed error={this.state.error} />;
  }
}

/** Renders nothing; sits after the screen, so its effect runs once the screen is committed. */
function Shown({ onShown }: { onShown: () => void }) {
  useEffect(() => onShown(), [onShown]);
  return null;
}

/** True once the route's code is loaded (or has failed to: the screen then reports it). */
function useScreenCode(route: Route): boolean {
  const [loaded, setLoaded] = useState(() => isScreenLoaded(route));
  useEffect(() => {
    if (loaded) return;
    let live = true;
    void preloadScreen(route).then(() => {
      if (live) setLoaded(true);
    });
    return () => {
      live = false;
    };
  }, [route, loaded]);
  return loaded;
}

/** Give it a key per address: each screen gets fresh state, and its own loading and error state. */
export function ScreenFrame({ route, onShown }: { route: Route; onShown: () => void }) {
  if (!useScreenCode(route)) return <ScreenLoading />;
  return (
    <ScreenErrorBoundary>
      <Suspense fallback={<ScreenLoading />}>
        <RouteScreen route={route} />
        <Shown onShown={onShown} />
      </Suspense>
    </ScreenErrorBoundary>
  );
}
