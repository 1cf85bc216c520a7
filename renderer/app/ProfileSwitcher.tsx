// Who is signed in, at the foot of the navigation, and a disclosure to switch to another local
// profile or add one. A disclosure (button + list of buttons), not an ARIA menu: it needs no
// roving focus to be fully usable from the keyboard.
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { Icon } from '../components/Icon';
import { Spinner } from '../components/Spinner';
import { useStewardStore } from '../state/store';
import type { ProfileSummary } from '../../electron/core/contract/views/app';
import { requestOf } from '../state/requests';
import { wordError } from '../i18n/reasons';
import { PassphrasePrompt } from '../features/profile/PassphrasePrompt';

export function initialsOf(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const first = parts[0]?.[0] ?? '?';
  const last = parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? '') : '';
  return (first + last).toUpperCase();
}

function Avatar({ profile }: { profile: ProfileSummary }) {
  return (
    <span className="avatar" aria-hidden="true">
      {initialsOf(profile.name)}
    </span>
  );
}

export function ProfileSwitcher() {
  const { t } = useTranslation('shell');
  const { profile, profiles, switchProfile, switching, switchError, navigate, clearRequest } =
    useStewardStore(
      useShallow((s) => ({
        profile: s.profile,
        profiles: s.profiles,
        switchProfile: s.switchProfile,
        switching: requestOf(s.requests, 'switchProfile').status === 'pending',
        switchError: requestOf(s.requests, 'switchProfile').error,
        navigate: s.navigate,
        clearRequest: s.clearRequest,
      })),
    );
  const [open, setOpen] = useState(false);
  /** The profile whose passphrase is being asked for. */
  const [unlocking, setUnlocking] = useState<ProfileSummary | null>(null);
  const panelId = `profile-panel-${useId()}`;
  const rootRef = useRef<HTMLDivElement>(null);
  const toggleRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (rootRef.current && event.target instanceof Node && !rootRef.current.contains(event.target)) {
        setOpen(false);
      }
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        setOpen(false);
        toggleRef.current?.focus();
      }
    };
    document.addEventListener('pointerdown', onPointerDown);
    document.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown);
      document.removeEventListener('keydown', onKeyDown);
    };
  }, [open]);

  if (profile === null) return null;
  const others = profiles.filter((p) => p.id !== profile.id);

  const closed = () => {
    setUnlocking(null);
    setOpen(false);
    toggleRef.current?.focus();
  };

  const choose = async (other: ProfileSummary) => {
    if (switching) return;
    if (other.hasPassphrase) {
      clearRequest('switchProfile');
      setUnlocking(other);
      return;
    }
    const switched = await switchProfile(other.id);
    if (switched !== null) closed();
  };

  return (
    <div className="profile-switcher" ref={rootRef}>
      {open ? (
        <div className="profile-switcher__panel" id={panelId}>
          <p className="profile-switcher__caption">
            {others.length > 0 ? t('profileSwitcher.switchTo') : t('profileSwitcher.noOthers')}
          </p>
          {unlocking ? (
            <PassphrasePrompt profile={unlocking} onDone={closed} onCancel={() => setUnlocking(null)} />
          ) : others.length > 0 ? (
            <ul className="profile-switcher__list">
              {others.map((other) => (
                <li key={other.id}>
                  <button
                    type="button"
                    className="profile-switcher__option"
                    onClick={() => void choose(other)}
                    aria-disabled={switching || undefined}
                  >
                    <Avatar profile={other} />
                    <span className="profile-switcher__who">
                      <span className="profile-switcher__name">{other.name}</span>
                      <span className="profile-switcher__team">{other.team}</span>
                    </span>
                    {other.hasPassphrase ? (
                      <Icon
                        name="lock"
                        className="profile-switcher__lock"
                        label={t('profileSwitcher.locked')}
                      />
                    ) : null}
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
          {switching ? <Spinner size="sm" label={t('profileSwitcher.switching')} /> : null}
          {switchError && !unlocking ? (
            <p className="profile-switcher__error" role="alert">
              {wordError(switchError)}
            </p>
          ) : null}
          <button
            type="button"
            className="profile-switcher__option profile-switcher__add"
            onClick={() => {
              setOpen(false);
              clearRequest('createProfile');
              navigate('new-profile');
            }}
          >
            <span className="avatar avatar--ghost" aria-hidden="true">
              <Icon name="userPlus" />
            </span>
            <span className="profile-switcher__name">{t('profileSwitcher.add')}</span>
          </button>
        </div>
      ) : null}
      <button
        type="button"
        ref={toggleRef}
        className="profile-switcher__toggle"
        aria-label={t('profileSwitcher.toggle', { name: profile.name, team: profile.team })}
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        onClick={() => {
          clearRequest('switchProfile');
          setUnlocking(null);
          setOpen((value) => !value);
        }}
      >
        <Avatar profile={profile} />
        <span className="profile-switcher__who">
          <span className="profile-switcher__name">{profile.name}</span>
          <span className="profile-switcher__team">{profile.team}</span>
        </span>
        <Icon name="chevronUpDown" className="profile-switcher__chevron" />
      </button>
    </div>
  );
}
