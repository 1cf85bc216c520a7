// Which component draws each route, and when its code loads. The training catalogue (the default
// route, so the screen most starts land on) and the profile form (shared with the first run) are
// in the first bundle; the other screens come in five groups loaded on demand, so the shell
// paints without their code: the training module screens with the Markdown stack, the review
// screens, records with its charts and virtual list, settings, the organisation and content screens. A group is fetched ahead of need —
// the current route's at start, a navigation link's on hover or focus, all of them once the app is
// idle — and a group already loaded renders at once, without a loading state. The locale files not
// in the first bundle come with the first group (see ../i18n).
import { lazy, type ComponentType } from 'react';
import { NewProfileScreen } from '../features/profile/NewProfileScreen';
import { loadAllNamespaces } from '../i18n';
import { TrainingScreen } from '../features/training/TrainingScreen';
import type { Route } from '../routes';

interface ScreenGroup<M> {
  preload: () => Promise<M>;
  isLoaded: () => boolean;
  /** One of the group's screens, as a component that loads the group when first rendered. */
  screen: (pick: (module: M) => ComponentType) => ComponentType;
}

/**
 * A thenable that calls back at once. React.lazy takes a thenable that settles during its first
 * call as loaded and renders without suspending; an already-resolved Promise would still suspend
 * once, which shows the fallback and holds the screen back ~300 ms (React throttles revealing
 * content that suspended, so loading states do not flicker).
 */
function settledNow<T>(value: T): Promise<T> {
  const thenable = {
    then(onFulfilled: (value: T) => unknown) {
      onFulfilled(value);
      return thenable;
    },
  };
  return thenable as unknown as Promise<T>;
}

/** A group's code, and the words of every screen: the locale files not in the first bundle. */
function screenGroup<M>(loadCode: () => Promise<M>): ScreenGroup<M> {
  const load = () => Promise.all([loadCode(), loadAllNamespaces()]).then(([module]) => module);
  let loaded: M | undefined;
  let pending: Promise<M> | undefined;
  const preload = () => {
    pending ??= load().then(
      (module) => (loaded = module),
      (error: unknown) => {
        pending = undefined; // the next attempt fetches again
        throw error;
      },
    );
    return pending;
  };
  const screen = (pick: (module: M) => ComponentType) =>
    lazy(() =>
      loaded !== undefined
        ? settledNow({ default: pick(loaded) })
        : preload().then((module) => ({ default: pick(module) })),
    );
  return { preload, isLoaded: () => loaded !== undefined, screen };
}

const trainingModule = screenGroup(() => import('../features/training/moduleScreens'));
const review = screenGroup(() => import('../features/review/reviewScreens'));
const records = screenGroup(() => import('../features/records/RecordsScreen'));
const settings = screenGroup(() => import('../features/settings/SettingsScreen'));
const org = screenGroup(() => import('../features/org/orgScreens'));

/** In the order a person is likely to need them after the catalogue. */
const GROUPS: readonly ScreenGroup<unknown>[] = [trainingModule, review, records, settings, org];

const ReaderScreen = trainingModule.screen((m) => m.ReaderScreen);
const QuizScreen = trainingModule.screen((m) => m.QuizScreen);
const AttestationScreen = trainingModule.screen((m) => m.AttestationScreen);
const CertificateScreen = trainingModule.screen((m) => m.CertificateScreen);
const ReviewsScreen = review.screen((m) => m.ReviewsScreen);
const DraftScreen = review.screen((m) => m.DraftScreen);
const ReviewDetailScreen = review.screen((m) => m.ReviewDetailScreen);
const RecordsScreen = records.screen((m) => m.RecordsScreen);
const SettingsScreen = settings.screen((m) => m.SettingsScreen);
const OrganisationScreen = org.screen((m) => m.OrganisationScreen);
const ContentScreen = org.screen((m) => m.ContentScreen);

/** Where each route's code is; null for a screen in the first bundle. */
const GROUP_OF: Record<Route, ScreenGroup<unknown> | null> = {
  training: null,
  'new-profile': null,
  'training-module': trainingModule,
  'training-quiz': trainingModule,
  'training-attest': trainingModule,
  certificate: trainingModule,
  reviews: review,
  'review-draft': review,
  review: review,
  records,
  organisation: org,
  content: org,
  settings,
};

/** The screen a route shows (it suspends while its group loads). */
export function RouteScreen({ route }: { route: Route }) {
  switch (route) {
    case 'training':
      return <TrainingScreen />;
    case 'training-module':
      return <ReaderScreen />;
    case 'training-quiz':
      return <QuizScreen />;
    case 'training-attest':
      return <AttestationScreen />;
    case 'certificate':
      return <CertificateScreen />;
    case 'reviews':
      return <ReviewsScreen />;
    case 'review-draft':
      return <DraftScreen />;
    case 'review':
      return <ReviewDetailScreen />;
    case 'records':
      return <RecordsScreen />;
    case 'organisation':
      return <OrganisationScreen />;
    case 'content':
      return <ContentScreen />;
    case 'settings':
      return <SettingsScreen />;
    case 'new-profile':
      return <NewProfileScreen />;
  }
}

const ignore = () => {
  // A failed preload is not an error yet: the screen reports it if it is opened.
};

/** Whether a route's screen can render now, without suspending. */
export function isScreenLoaded(route: Route): boolean {
  return GROUP_OF[route]?.isLoaded() ?? true;
}

/**
 * Starts fetching the code of a route's screen, if it is not loaded already; settles once it is
 * (or has failed to load: the screen reports that when it is opened).
 */
export async function preloadScreen(route: Route): Promise<void> {
  await GROUP_OF[route]?.preload().catch(ignore);
}

/**
 * After delayMs, loads every group one after the other, each when the page is idle, so a later
 * navigation finds its screen ready. Returns a function that stops what has not started.
 */
export function preloadScreensWhenIdle(delayMs: number): () => void {
  let stopped = false;
  const whenIdle = (run: () => void) => {
    if (typeof window.requestIdleCallback === 'function') window.requestIdleCallback(run, { timeout: 2000 });
    else window.setTimeout(run, 50);
  };
  const next = (index: number) => {
    const group = GROUPS[index];
    if (stopped || group === undefined) return;
    whenIdle(() => {
      if (stopped) return;
      void group
        .preload()
        .catch(ignore)
        .then(() => next(index + 1));
    });
  };
  const timer = window.setTimeout(() => next(0), delayMs);
  return () => {
    stopped = true;
    window.clearTimeout(timer);
  };
}
