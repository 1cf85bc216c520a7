// The current screen, kept in the store and mirrored in location.hash: navigate() writes the
// hash (one history entry per move), and the hashchange listener in startRouteSync() reads it
// back, so back/forward and typed URLs land in the same state.
import type { StateCreator } from 'zustand';
import { DEFAULT_ROUTE, hrefFor, routeFromHash, type Route } from '../routes';
import type { StewardState } from './store';

export interface RouteSlice {
  route: Route;
  navigate: (route: Route, options?: { replace?: boolean }) => void;
  syncRouteFromLocation: () => void;
}

export function routeFromLocation(): Route {
  return routeFromHash(window.location.hash) ?? DEFAULT_ROUTE;
}

export const createRouteSlice: StateCreator<StewardState, [], [], RouteSlice> = (set, get) => ({
  route: routeFromLocation(),
  navigate: (route, options = {}) => {
    const href = hrefFor(route);
    if (window.location.hash !== href) {
      if (options.replace) window.history.replaceState(window.history.state, '', href);
      else window.location.hash = href;
    }
    if (get().route !== route) set({ route });
  },
  syncRouteFromLocation: () => {
    // A hash that is not a route (an in-page anchor) leaves the screen where it is.
    const route = routeFromHash(window.location.hash);
    if (route !== null && route !== get().route) set({ route });
  },
});

/**
 * Reads the hash now, then follows its changes (back/forward, typed URLs); returns the
 * unsubscribe function.
 */
export function startRouteSync(sync: () => void): () => void {
  sync();
  window.addEventListener('hashchange', sync);
  window.addEventListener('popstate', sync);
  return () => {
    window.removeEventListener('hashchange', sync);
    window.removeEventListener('popstate', sync);
  };
}
