// The frame around every screen once a profile exists: skip link, navigation with the profile
// switcher, app-wide notices, and the current screen in <main>. Focus moves to the screen's
// h1 on every navigation after the first, once that screen is on the page (its code may load
// on demand), so keyboard and screen-reader users land on it.
import { useCallback, useEffect, useLayoutEffect, useRef, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAIN_HEADING_ID } from '../components/ScreenHeader';
import { hrefFor, targetOf } from '../routes';
import { useStewardStore } from '../state/store';
import { BrandMark } from './BrandMark';
import { Notices } from './Notices';
import { ProfileSwitcher } from './ProfileSwitcher';
import { ScreenFrame } from './ScreenFrame';
import { preloadScreensWhenIdle } from './screens';
import { SideNav } from './SideNav';
import { notificationWords } from '../features/reminders/reminderWords';

/** How often the reminders are read again while the app is open (they follow the clock and others' work). */
const REMINDERS_EVERY_MS = 5 * 60_000;

/** After the first screen is up: long enough for its own loads to go first. */
const PRELOAD_SCREENS_AFTER_MS = 1500;

function focusMainHeading() {
  document.getElementById(MAIN_HEADING_ID)?.focus();
}

export function Shell() {
  const { t } = useTranslation('shell');
  const route = useStewardStore((s) => s.route);
  const routeParams = useStewardStore((s) => s.routeParams);
  const profileId = useStewardStore((s) => s.profile?.id ?? '');
  // One key per address and person: a new module, certificate or profile is a new screen, with
  // fresh local state and its own loads.
  const screenKey = `${profileId} ${hrefFor(targetOf(route, routeParams))}`;
  // Focus follows navigation, not the first screen of a start. A layout effect, so the flag is set
  // before the passive effect that reports the new screen shown (at once when its code is loaded).
  const firstScreenKey = useRef(screenKey);
  const navigated = useRef(false);
  useLayoutEffect(() => {
    if (screenKey !== firstScreenKey.current) navigated.current = true;
  }, [screenKey]);
  const onScreenShown = useCallback(() => {
    if (navigated.current) focusMainHeading();
  }, []);

  useEffect(() => preloadScreensWhenIdle(PRELOAD_SCREENS_AFTER_MS), []);

  // Reminders: read at start, for each profile and on each screen change, and every few minutes;
  // core raises as OS notifications those it allows now, in the words given here.
  const loadNotifications = useStewardStore((s) => s.loadNotifications);
  useEffect(() => {
    if (profileId === '') return undefined;
    const read = () => void loadNotifications((item) => notificationWords(t, item));
    read();
    const timer = window.setInterval(read, REMINDERS_EVERY_MS);
    return () => window.clearInterval(timer);
  }, [profileId, screenKey, loadNotifications, t]);

  // The skip link's target is an element, not a route: handle it here so the hash stays the router's.
  const skipToContent = (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    focusMainHeading();
  };

  return (
    <div className="app-shell">
      <a className="skip-link" href={`#${MAIN_HEADING_ID}`} onClick={skipToContent}>
        {t('skipLink')}
      </a>
      <aside className="sidebar">
        <div className="sidebar__brand">
          <BrandMark />
        </div>
        <SideNav />
        <div className="sidebar__footer">
          <ProfileSwitcher />
        </div>
      </aside>
      <main className="main" id="main">
        <div className="main__inner">
          <Notices />
          <ScreenFrame key={screenKey} route={route} onShown={onScreenShown} />
        </div>
      </main>
    </div>
  );
}
