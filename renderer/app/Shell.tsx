// The frame around every screen once a profile exists: skip link, navigation with the profile
// switcher, app-wide notices, and the current screen in <main>. Focus moves to the screen's
// h1 on every navigation after the first, so keyboard and screen-reader users land on it.
import { useEffect, useRef, type MouseEvent } from 'react';
import { MAIN_HEADING_ID } from '../components/ScreenHeader';
import { NewProfileScreen } from '../features/profile/NewProfileScreen';
import { RecordsScreen } from '../features/records/RecordsScreen';
import { ReviewsScreen } from '../features/review/ReviewsScreen';
import { SettingsScreen } from '../features/settings/SettingsScreen';
import { TrainingScreen } from '../features/training/TrainingScreen';
import type { Route } from '../routes';
import { useStewardStore } from '../state/store';
import { BrandMark } from './BrandMark';
import { Notices } from './Notices';
import { ProfileSwitcher } from './ProfileSwitcher';
import { SideNav } from './SideNav';

function focusMainHeading() {
  document.getElementById(MAIN_HEADING_ID)?.focus();
}

function Screen({ route }: { route: Route }) {
  switch (route) {
    case 'training':
      return <TrainingScreen />;
    case 'reviews':
      return <ReviewsScreen />;
    case 'records':
      return <RecordsScreen />;
    case 'settings':
      return <SettingsScreen />;
    case 'new-profile':
      return <NewProfileScreen />;
  }
}

export function Shell() {
  const route = useStewardStore((s) => s.route);
  const firstRoute = useRef(true);

  useEffect(() => {
    if (firstRoute.current) {
      firstRoute.current = false;
      return;
    }
    focusMainHeading();
  }, [route]);

  // The skip link's target is an element, not a route: handle it here so the hash stays the router's.
  const skipToContent = (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    focusMainHeading();
  };

  return (
    <div className="app-shell">
      <a className="skip-link" href={`#${MAIN_HEADING_ID}`} onClick={skipToContent}>
        Skip to content
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
          <Screen key={route} route={route} />
        </div>
      </main>
    </div>
  );
}
