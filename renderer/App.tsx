// Top of the renderer: no bridge -> explain; loading -> wait; no profile -> first run;
// otherwise the shell. Bootstrapping, the saved theme and language, and the hash listener start
// here, once.
import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { getBridge } from './api';
import { Shell } from './app/Shell';
import { LoadingScreen, MissingBridge, StartupError } from './app/StartupScreens';
import { loadLocale } from './app/locale';
import { loadTheme } from './app/theme';
import { FirstRun } from './features/profile/FirstRun';
import { startRouteSync } from './state/routeSlice';
import { useStewardStore } from './state/store';
import { requestOf } from './state/requests';

function ConnectedApp() {
  const { bootstrapRequest, hasAppInfo, hasProfile, bootstrap, syncRouteFromLocation } = useStewardStore(
    useShallow((s) => ({
      bootstrapRequest: requestOf(s.requests, 'bootstrap'),
      hasAppInfo: s.appInfo !== null,
      hasProfile: s.profile !== null,
      bootstrap: s.bootstrap,
      syncRouteFromLocation: s.syncRouteFromLocation,
    })),
  );

  useEffect(() => {
    void bootstrap();
  }, [bootstrap]);

  useEffect(() => {
    void loadTheme();
    void loadLocale();
  }, []);

  useEffect(() => startRouteSync(syncRouteFromLocation), [syncRouteFromLocation]);

  if (bootstrapRequest.status === 'failed' && !hasAppInfo) {
    return <StartupError error={bootstrapRequest.error} onRetry={() => void bootstrap()} />;
  }
  if (!hasAppInfo) return <LoadingScreen />;
  return hasProfile ? <Shell /> : <FirstRun />;
}

export function App() {
  if (getBridge() === null) return <MissingBridge />;
  return <ConnectedApp />;
}
