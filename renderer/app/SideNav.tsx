// The main navigation. Links carry real hrefs (so they read as links and show their target);
// a plain click is handled by the store, which updates the route and the hash together.
// Pointing at or focusing a link starts loading its screen, so it is usually there by the click.
import type { MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { Icon, type IconName } from '../components/Icon';
import { hrefFor, NAV_ROUTES, navSectionOf, type NavRoute } from '../routes';
import { useStewardStore } from '../state/store';
import { preloadScreen } from './screens';

const NAV_ICONS: Record<NavRoute, IconName> = {
  training: 'training',
  reviews: 'reviews',
  records: 'records',
  organisation: 'user',
  content: 'book',
  settings: 'settings',
};

export function SideNav() {
  const { t } = useTranslation('shell');
  const { route, navigate } = useStewardStore(useShallow((s) => ({ route: s.route, navigate: s.navigate })));
  const section = navSectionOf(route);

  const handleClick = (event: MouseEvent<HTMLAnchorElement>, target: NavRoute) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(target);
  };

  return (
    <nav className="side-nav" aria-label={t('nav.label')}>
      <ul className="side-nav__list">
        {NAV_ROUTES.map((target) => (
          <li key={target}>
            <a
              className="side-nav__link"
              href={hrefFor(target)}
              aria-current={route === target ? 'page' : section === target ? 'true' : undefined}
              onClick={(event) => handleClick(event, target)}
              // About to be opened: start loading its screen's code now.
              onPointerEnter={() => void preloadScreen(target)}
              onFocus={() => void preloadScreen(target)}
            >
              <Icon name={NAV_ICONS[target]} className="side-nav__icon" />
              <span>{t(`route.${target}`)}</span>
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
