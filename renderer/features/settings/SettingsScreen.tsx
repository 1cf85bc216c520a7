// Settings: who you are to Steward (and the fingerprint the policy file grants roles to), how
// your key is protected, where the workspace is, and which build this is.
import { useShallow } from 'zustand/react/shallow';
import { Panel } from '../../components/Panel';
import { ScreenHeader } from '../../components/ScreenHeader';
import { formatDate } from '../../format';
import { useStewardStore } from '../../state/store';
import { KeyProtectionNote } from '../profile/KeyProtectionNote';
import { LanguageSettings } from './LanguageSettings';
import { LrsSettings } from './LrsSettings';
import { ThemeSettings } from './ThemeSettings';
import { WorkspaceFolder } from './WorkspaceFolder';

const HOST_NAMES = { electron: 'Desktop app', preview: 'Browser preview', test: 'Test bridge' } as const;

export function SettingsScreen() {
  const { profile, appInfo } = useStewardStore(
    useShallow((s) => ({ profile: s.profile, appInfo: s.appInfo })),
  );
  return (
    <>
      <ScreenHeader title="Settings">
        <p>Your profile, your signing key, and where Steward keeps records.</p>
      </ScreenHeader>
      <div className="stack">
        {profile ? (
          <Panel title="Your profile">
            <dl className="details">
              <div className="details__row">
                <dt>Name</dt>
                <dd>{profile.name}</dd>
              </div>
              <div className="details__row">
                <dt>Email</dt>
                <dd>{profile.email}</dd>
              </div>
              <div className="details__row">
                <dt>Team</dt>
                <dd>{profile.team}</dd>
              </div>
              <div className="details__row">
                <dt>Created</dt>
                <dd>
                  <time dateTime={profile.createdAt}>{formatDate(profile.createdAt)}</time>
                </dd>
              </div>
              <div className="details__row">
                <dt>Key fingerprint</dt>
                <dd>
                  <code className="fingerprint">{profile.fingerprint}</code>
                  <p className="details__note">
                    Your organisation's policy file grants roles such as reviewer or manager to an email{' '}
                    <em>and</em> this fingerprint together, so nobody can take your role by creating a profile
                    with your email. Send it to whoever maintains the policy when you are given a role.
                  </p>
                </dd>
              </div>
            </dl>
          </Panel>
        ) : null}
        {appInfo ? (
          <Panel title="Signing key">
            <KeyProtectionNote appInfo={appInfo} />
          </Panel>
        ) : null}
        <WorkspaceFolder />
        <ThemeSettings />
        <LanguageSettings />
        <LrsSettings />
        {appInfo ? (
          <Panel title="About">
            <dl className="details">
              <div className="details__row">
                <dt>Version</dt>
                <dd>
                  {appInfo.name} {appInfo.version}
                </dd>
              </div>
              <div className="details__row">
                <dt>Running as</dt>
                <dd>{HOST_NAMES[appInfo.host]}</dd>
              </div>
            </dl>
          </Panel>
        ) : null}
      </div>
    </>
  );
}
