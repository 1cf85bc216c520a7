// The first screen on a machine without a current profile: who you are, what the signing key
// is and where it lives, and — if profiles already exist here — the option to pick one instead.
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { BrandMark } from '../../app/BrandMark';
import { Icon } from '../../components/Icon';
import { useStewardStore } from '../../state/store';
import { ExistingProfiles } from './ExistingProfiles';
import { KeyProtectionNote } from './KeyProtectionNote';
import { ProfileForm } from './ProfileForm';

export function FirstRun() {
  const { t } = useTranslation('profile');
  const { appInfo, profiles } = useStewardStore(
    useShallow((s) => ({ appInfo: s.appInfo, profiles: s.profiles })),
  );
  if (appInfo === null) return null;
  return (
    <div className="first-run">
      <main className="first-run__inner">
        <div className="first-run__intro">
          <BrandMark />
          <h1 className="first-run__title">{t('firstRun.title')}</h1>
          <p className="first-run__lead">{t('firstRun.lead')}</p>
          <ul className="feature-list">
            <li>
              <Icon name="key" className="feature-list__icon" />
              <div>
                <p className="feature-list__title">{t('firstRun.keyTitle')}</p>
                <p>{t('firstRun.keyText')}</p>
              </div>
            </li>
            <li>
              <Icon name="lock" className="feature-list__icon" />
              <div>
                <p className="feature-list__title">{t('firstRun.localTitle')}</p>
                <KeyProtectionNote appInfo={appInfo} />
              </div>
            </li>
            <li>
              <Icon name="signature" className="feature-list__icon" />
              <div>
                <p className="feature-list__title">{t('firstRun.signedTitle')}</p>
                <p>{t('firstRun.signedText')}</p>
              </div>
            </li>
          </ul>
        </div>
        <div className="first-run__forms">
          <section className="card" aria-labelledby="create-profile-heading">
            <h2 className="card__title" id="create-profile-heading">
              {t('firstRun.createTitle')}
            </h2>
            <p className="card__lead text-muted">{t('firstRun.allRequired')}</p>
            <ProfileForm />
          </section>
          {profiles.length > 0 ? <ExistingProfiles profiles={profiles} /> : null}
        </div>
      </main>
    </div>
  );
}
