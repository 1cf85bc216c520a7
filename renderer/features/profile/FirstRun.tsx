// The first screen on a machine without a current profile: who you are, what the signing key
// is and where it lives, and — if profiles already exist here — the option to pick one instead.
import { useShallow } from 'zustand/react/shallow';
import { BrandMark } from '../../app/BrandMark';
import { Icon } from '../../components/Icon';
import { useStewardStore } from '../../state/store';
import { ExistingProfiles } from './ExistingProfiles';
import { KeyProtectionNote } from './KeyProtectionNote';
import { ProfileForm } from './ProfileForm';

export function FirstRun() {
  const { appInfo, profiles } = useStewardStore(
    useShallow((s) => ({ appInfo: s.appInfo, profiles: s.profiles })),
  );
  if (appInfo === null) return null;
  return (
    <div className="first-run">
      <main className="first-run__inner">
        <div className="first-run__intro">
          <BrandMark />
          <h1 className="first-run__title">Welcome to Steward</h1>
          <p className="first-run__lead">
            Steward helps you use customer data with care: short training on data ethics, guided reviews
            before a new use of data goes ahead, and records anyone can check.
          </p>
          <ul className="feature-list">
            <li>
              <Icon name="key" className="feature-list__icon" />
              <div>
                <p className="feature-list__title">A signing key, made for you</p>
                <p>
                  When you create your profile, Steward generates a personal signing key. Its public half is
                  shared with your workspace; the private half never leaves this computer.
                </p>
              </div>
            </li>
            <li>
              <Icon name="lock" className="feature-list__icon" />
              <div>
                <p className="feature-list__title">Kept on this computer</p>
                <KeyProtectionNote appInfo={appInfo} />
              </div>
            </li>
            <li>
              <Icon name="signature" className="feature-list__icon" />
              <div>
                <p className="feature-list__title">Your records, signed</p>
                <p>
                  Every training you complete and every review decision you make is signed with your key and
                  chained to the one before, so later changes are detectable.
                </p>
              </div>
            </li>
          </ul>
        </div>
        <div className="first-run__forms">
          <section className="card" aria-labelledby="create-profile-heading">
            <h2 className="card__title" id="create-profile-heading">
              Create your profile
            </h2>
            <p className="card__lead text-muted">All three fields are required.</p>
            <ProfileForm />
          </section>
          {profiles.length > 0 ? <ExistingProfiles profiles={profiles} /> : null}
        </div>
      </main>
    </div>
  );
}
