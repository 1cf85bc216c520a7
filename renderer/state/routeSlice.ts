// The current screen, kept in the store and mirrored in location.hash: navigate() writes the
// hash (one history entry per move), and the hashchange listener in startRouteSync() reads it
// back, so back/forward, typed URLs and plain <a href="#/…"> links all land in the same state.
import type { StateCreator } from 'zustand';
import {
  DEFAULT_ROUTE,
  hrefFor,
  paramsOf,
  targetFromHash,
  type PlainRoute,
  type Route,
  type RouteParams,
  type RouteTarget,
} from '../routes';
import type { StewardState } from './store';

export interface RouteSlice {
  route: Route;
  /** The module id or entry hash the current route names; null where it names none. */
  routeParams: RouteParams;
  navigate: (target: PlainRoute | RouteTarget, options?: { replace?: boolean }) => void;
  syncRouteFromLocation: () => void;
}

function targetFromLocation(): RouteTarget {
  return targetFromHash(window.location.hash) ?? { route: DEFAULT_ROUTE };
}

export function routeFromLocation(): Pick<RouteSlice, 'route' | 'routeParams'> {
  const target = targetFromLocation();
  return { route: target.route, routeParams: paramsOf(target) };
}

function sameParams(a: RouteParams, b: RouteParams): boolean {
  return (
    a.moduleId === b.moduleId &&
    a.entryHash === b.entryHash &&
    a.draftId === b.draftId &&
    a.reviewId === b.reviewId
  );
}

export const createRouteSlice: StateCreator<StewardState, [], [], RouteSlice> = (set, get) => {
  const apply = (target: RouteTarget) => {
    const routeParams = paramsOf(target);
    const state = get();
    if (state.route !== target.route || !sameParams(state.routeParams, routeParams)) {
      set({ route: target.route, routeParams });
    }
  };
  return {
    ...routeFromLocation(),
    navigate: (target, options = {}) => {
      const resolved: RouteTarget = typeof target === 'string' ? { route: target } : target;
      const href = hrefFor(resolved);
      if (window.location.hash !== href) {
        if (options.replace) window.history.replaceState(window.history.state, '', href);
        else window.location.hash = href;
      }
      apply(resolved);
    },
    syncRouteFromLocation: () => {
      // A hash that is not a route (an in-page anchor) leaves the screen where it is.
      const target = targetFromHash(window.location.hash);
      if (target !== null) apply(target);
    },
  };
};

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
