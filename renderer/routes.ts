// Hash routes: the app is served from app:// (or the preview's loopback origin) as a single
// page, so the location hash is the one piece of navigation state the browser keeps for us —
// back/forward work without a router library. A few routes carry a parameter (a module id, a
// certificate's entry hash, a review draft's or a review's id); it is validated here with the same shape the contract accepts, so
// a typed or stale address can never reach a call as garbage.
import {
  DRAFT_ID_PATTERN,
  MODULE_ID_PATTERN,
  REVIEW_ID_PATTERN,
  SHA256_PATTERN,
} from '../electron/core/contract/ids';

/** Screens without parameters. */
export type PlainRoute =
  'training' | 'reviews' | 'records' | 'organisation' | 'content' | 'settings' | 'new-profile';
/** Screens about one training module. */
export type ModuleRoute = 'training-module' | 'training-quiz' | 'training-attest';
/** Review screens: a draft's questionnaire, and one submitted review. */
export type ReviewRoute = 'review-draft' | 'review';
export type Route = PlainRoute | ModuleRoute | 'certificate' | ReviewRoute;

export type RouteTarget =
  | { route: PlainRoute }
  | { route: ModuleRoute; moduleId: string }
  | { route: 'certificate'; entryHash: string }
  | { route: 'review-draft'; draftId: string }
  | { route: 'review'; reviewId: string };

/** The parameters of the current route; null where the route has none. */
export interface RouteParams {
  moduleId: string | null;
  entryHash: string | null;
  draftId: string | null;
  reviewId: string | null;
}

export const NO_PARAMS: RouteParams = { moduleId: null, entryHash: null, draftId: null, reviewId: null };

export const DEFAULT_ROUTE: PlainRoute = 'training';

const PLAIN_PATHS: Record<PlainRoute, string> = {
  training: '/training',
  reviews: '/reviews',
  records: '/records',
  organisation: '/organisation',
  content: '/content',
  settings: '/settings',
  'new-profile': '/profiles/new',
};

const MODULE_SUFFIX: Record<ModuleRoute, string> = {
  'training-module': '',
  'training-quiz': '/quiz',
  'training-attest': '/attest',
};

// The same shapes the contract validates (core/contract/ids.ts, zod-free).
const MODULE_ID = MODULE_ID_PATTERN;
const ENTRY_HASH = SHA256_PATTERN;
const DRAFT_ID = DRAFT_ID_PATTERN;
const REVIEW_ID = REVIEW_ID_PATTERN;

/** The places the navigation lists, in order. Each route's title is shell:route.<route>. */
export const NAV_ROUTES = [
  'training',
  'reviews',
  'records',
  'organisation',
  'content',
  'settings',
] as const satisfies readonly Route[];
export type NavRoute = (typeof NAV_ROUTES)[number];

/** Which navigation entry is current on a route: every training screen sits under Training. */
export function navSectionOf(route: Route): NavRoute | null {
  switch (route) {
    case 'training-module':
    case 'training-quiz':
    case 'training-attest':
    case 'certificate':
      return 'training';
    case 'review-draft':
    case 'review':
      return 'reviews';
    case 'new-profile':
      return null;
    default:
      return route;
  }
}

function toTarget(target: PlainRoute | RouteTarget): RouteTarget {
  return typeof target === 'string' ? { route: target } : target;
}

export function hrefFor(target: PlainRoute | RouteTarget): string {
  const t = toTarget(target);
  switch (t.route) {
    case 'training-module':
    case 'training-quiz':
    case 'training-attest':
      return `#/training/${encodeURIComponent(t.moduleId)}${MODULE_SUFFIX[t.route]}`;
    case 'certificate':
      return `#/certificates/${encodeURIComponent(t.entryHash)}`;
    case 'review-draft':
      return `#/reviews/drafts/${encodeURIComponent(t.draftId)}`;
    case 'review':
      return `#/reviews/${encodeURIComponent(t.reviewId)}`;
    default:
      return `#${PLAIN_PATHS[t.route]}`;
  }
}

export function paramsOf(target: RouteTarget): RouteParams {
  if (target.route === 'certificate') return { ...NO_PARAMS, entryHash: target.entryHash };
  if (target.route === 'review-draft') return { ...NO_PARAMS, draftId: target.draftId };
  if (target.route === 'review') return { ...NO_PARAMS, reviewId: target.reviewId };
  if ('moduleId' in target) return { ...NO_PARAMS, moduleId: target.moduleId };
  return NO_PARAMS;
}

export function targetOf(route: Route, params: RouteParams): RouteTarget {
  if (route === 'certificate') return { route, entryHash: params.entryHash ?? '' };
  if (route === 'review-draft') return { route, draftId: params.draftId ?? '' };
  if (route === 'review') return { route, reviewId: params.reviewId ?? '' };
  if (route === 'training-module' || route === 'training-quiz' || route === 'training-attest') {
    return { route, moduleId: params.moduleId ?? '' };
  }
  return { route };
}

function matchPath(clean: string): RouteTarget | null {
  for (const [route, routePath] of Object.entries(PLAIN_PATHS) as [PlainRoute, string][]) {
    if (routePath === clean) return { route };
  }
  const moduleMatch = /^\/training\/([^/]+)(\/quiz|\/attest)?$/.exec(clean);
  if (moduleMatch && MODULE_ID.test(moduleMatch[1]!)) {
    const suffix = moduleMatch[2] ?? '';
    const route = (Object.keys(MODULE_SUFFIX) as ModuleRoute[]).find((r) => MODULE_SUFFIX[r] === suffix)!;
    return { route, moduleId: moduleMatch[1]! };
  }
  const draftMatch = /^\/reviews\/drafts\/([^/]+)$/.exec(clean);
  if (draftMatch && DRAFT_ID.test(draftMatch[1]!)) return { route: 'review-draft', draftId: draftMatch[1]! };
  const reviewMatch = /^\/reviews\/([^/]+)$/.exec(clean);
  if (reviewMatch && reviewMatch[1] !== 'drafts' && REVIEW_ID.test(reviewMatch[1]!)) {
    return { route: 'review', reviewId: reviewMatch[1]! };
  }
  const certificateMatch = /^\/certificates\/([^/]+)$/.exec(clean);
  if (certificateMatch && ENTRY_HASH.test(certificateMatch[1]!)) {
    return { route: 'certificate', entryHash: certificateMatch[1]! };
  }
  return null;
}

/**
 * The screen a hash names, or null when the hash is not a route at all (empty, or an in-page
 * anchor such as "#main") — callers then keep whatever screen they had. An unknown or malformed
 * route goes to the default screen.
 */
export function targetFromHash(hash: string): RouteTarget | null {
  const path = hash.replace(/^#/, '');
  if (!path.startsWith('/')) return null;
  const clean = path.replace(/\/+$/, '') || '/';
  return matchPath(clean) ?? { route: DEFAULT_ROUTE };
}

/** The route name a hash names (see targetFromHash), without its parameters. */
export function routeFromHash(hash: string): Route | null {
  return targetFromHash(hash)?.route ?? null;
}
