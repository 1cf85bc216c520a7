// The frame around every screen once a profile exists: skip link, navigation with the profile
// switcher, app-wide notices, and the current screen in <main>. Focus moves to the screen's
// h1 on every navigation after the first, so keyboard and screen-reader users land on it.
import { useEffect, useRef, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAIN_HEADING_ID } from '../components/ScreenHeader';
import { NewProfileScreen } from '../features/profile/NewProfileScreen';
import { RecordsScreen } from '../features/records/RecordsScreen';
import { DraftScreen } from '../features/review/DraftScreen';
import { ReviewDetailScreen } from '../features/review/ReviewDetailScreen';
import { ReviewsScreen } from '../features/review/ReviewsScreen';
import { SettingsScreen } from '../features/settings/SettingsScreen';
import { AttestationScreen } from '../features/training/AttestationScreen';
import { CertificateScreen } from '../features/training/CertificateScreen';
import { QuizScreen } from '../features/training/QuizScreen';
import { ReaderScreen } from '../features/training/ReaderScreen';
import { TrainingScreen } from '../features/training/TrainingScreen';
import { hrefFor, targetOf, type Route } from '../routes';
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
    case 'settings':
      return <SettingsScreen />;
    case 'new-profile':
      return <NewProfileScreen />;
  }
}

export function Shell() {
  const { t } = useTranslation('shell');
  const route = useStewardStore((s) => s.route);
  const routeParams = useStewardStore((s) => s.routeParams);
  const profileId = useStewardStore((s) => s.profile?.id ?? '');
  // One key per address and person: a new module, certificate or profile is a new screen, with
  // fresh local state and its own loads.
  const screenKey = `${profileId} ${hrefFor(targetOf(route, routeParams))}`;
  const firstRoute = useRef(true);

  useEffect(() => {
    if (firstRoute.current) {
      firstRoute.current = false;
      return;
    }
    focusMainHeading();
  }, [screenKey]);

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
          <Screen key={screenKey} route={route} />
        </div>
      </main>
    </div>
  );
}
