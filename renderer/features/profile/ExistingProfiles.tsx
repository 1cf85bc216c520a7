// Profiles already on this computer, offered on first run (e.g. after the current one was
// unset): continuing as one of them is a switchProfile call, not a new key.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { Banner } from '../../components/Banner';
import { Button } from '../../components/Button';
import { useStewardStore } from '../../state/store';
import type { ProfileSummary } from '../../../electron/core/contract/views/app';
import { requestOf } from '../../state/requests';
import { ErrorMessage } from '../../i18n/reasons';
import { PassphrasePrompt } from './PassphrasePrompt';

export function ExistingProfiles({ profiles }: { profiles: ProfileSummary[] }) {
  const { t } = useTranslation('profile');
  const { switchProfile, request } = useStewardStore(
    useShallow((s) => ({ switchProfile: s.switchProfile, request: requestOf(s.requests, 'switchProfile') })),
  );
  const busy = request.status === 'pending';
  /** A profile with a passphrase (e.g. the one Steward opened locked) asks for it here. */
  const [unlocking, setUnlocking] = useState<string | null>(null);
  return (
    <section className="card" aria-labelledby="existing-profiles-heading">
      <h2 className="card__title" id="existing-profiles-heading">
        {t('existing.title')}
      </h2>
      <ul className="choice-list">
        {profiles.map((profile) => (
          <li key={profile.id} className="choice-list__item">
            <span className="choice-list__who">
              <span className="choice-list__name">{profile.name}</span>
              <span className="text-muted text-small">{`${profile.team} · ${profile.email}`}</span>
            </span>
            {unlocking === profile.id ? (
              <PassphrasePrompt
                profile={profile}
                onDone={() => setUnlocking(null)}
                onCancel={() => setUnlocking(null)}
              />
            ) : (
              <Button
                size="sm"
                busy={busy}
                icon={profile.hasPassphrase ? 'lock' : undefined}
                onClick={() =>
                  profile.hasPassphrase ? setUnlocking(profile.id) : void switchProfile(profile.id)
                }
                aria-label={t('existing.continueAs', { name: profile.name })}
              >
                {t('existing.continue')}
              </Button>
            )}
          </li>
        ))}
      </ul>
      {request.error && unlocking === null ? (
        <Banner level="error">
          <ErrorMessage error={request.error} />
        </Banner>
      ) : null}
    </section>
  );
}
