// Hash routes: the app is served from app:// (or the preview's loopback origin) as a single
// page, so the location hash is the one piece of navigation state the browser keeps for us —
// back/forward work without a router library.

export type Route = 'training' | 'reviews' | 'records' | 'settings' | 'new-profile';

export const DEFAULT_ROUTE: Route = 'training';

const PATHS: Record<Route, string> = {
  training: '/training',
  reviews: '/reviews',
  records: '/records',
  settings: '/settings',
  'new-profile': '/profiles/new',
};

/** The four places the navigation lists, in order. */
export const NAV_ROUTES = ['training', 'reviews', 'records', 'settings'] as const satisfies readonly Route[];

export const ROUTE_TITLES: Record<Route, string> = {
  training: 'Training',
  reviews: 'Reviews',
  records: 'Records',
  settings: 'Settings',
  'new-profile': 'Add a profile',
};

export function hrefFor(route: Route): string {
  return `#${PATHS[route]}`;
}

/**
 * The route a hash names, or null when the hash is not a route at all (empty, or an in-page
 * anchor such as "#main") — callers then keep whatever route they had.
 */
export function routeFromHash(hash: string): Route | null {
  const path = hash.replace(/^#/, '');
  if (!path.startsWith('/')) return null;
  const clean = path.replace(/\/+$/, '') || '/';
  for (const [route, routePath] of Object.entries(PATHS) as [Route, string][]) {
    if (routePath === clean) return route;
  }
  return DEFAULT_ROUTE;
}
