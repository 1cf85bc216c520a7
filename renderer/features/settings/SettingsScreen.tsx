// Settings: who you are to Steward (and the fingerprint the policy file grants roles to), how
// your key is protected, where the workspace is, and which build this is.
import { Trans, useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { Panel } from '../../components/Panel';
import { ScreenHeader } from '../../components/ScreenHeader';
import { formatDate } from '../../format';
import { useStewardStore } from '../../state/store';
import { KeyProtectionNote } from '../profile/KeyProtectionNote';
import { LanguageSettings } from './LanguageSettings';
import { LrsSettings } from './LrsSettings';
import { ReminderSettings } from './ReminderSettings';
import { ThemeSettings } from './ThemeSettings';
import { WorkspaceFolder } from './WorkspaceFolder';

export function SettingsScreen() {
  const { t } = useTranslation('settings');
  const { profile, appInfo } = useStewardStore(
    useShallow((s) => ({ profile: s.profile, appInfo: s.appInfo })),
  );
  return (
    <>
      <ScreenHeader title={t('screen.title')}>
        <p>{t('screen.lead')}</p>
      </ScreenHeader>
      <div className="stack">
        {profile ? (
          <Panel title={t('profile.title')}>
            <dl className="details">
              <div className="details__row">
                <dt>{t('profile.name')}</dt>
                <dd>{profile.name}</dd>
              </div>
              <div className="details__row">
                <dt>{t('profile.email')}</dt>
                <dd>{profile.email}</dd>
              </div>
              <div className="details__row">
                <dt>{t('profile.team')}</dt>
                <dd>{profile.team}</dd>
              </div>
              <div className="details__row">
                <dt>{t('profile.created')}</dt>
                <dd>
                  <time dateTime={profile.createdAt}>{formatDate(profile.createdAt)}</time>
                </dd>
              </div>
              <div className="details__row">
                <dt>{t('profile.fingerprint')}</dt>
                <dd>
                  <code className="fingerprint">{profile.fingerprint}</code>
                  <p className="details__note">
                    <Trans t={t} i18nKey="profile.fingerprintNote" components={{ em: <em /> }} />
                  </p>
                </dd>
              </div>
            </dl>
          </Panel>
        ) : null}
        {appInfo ? (
          <Panel title={t('signingKey.title')}>
            <KeyProtectionNote appInfo={appInfo} />
          </Panel>
        ) : null}
        <WorkspaceFolder />
        <ThemeSettings />
        <LanguageSettings />
        <ReminderSettings />
        <LrsSettings />
        {appInfo ? (
          <Panel title={t('about.title')}>
            <dl className="details">
              <div className="details__row">
                <dt>{t('about.version')}</dt>
                <dd>{`${appInfo.name} ${appInfo.version}`}</dd>
              </div>
              <div className="details__row">
                <dt>{t('about.runningAs')}</dt>
                <dd>{t(`about.host.${appInfo.host}`)}</dd>
              </div>
            </dl>
          </Panel>
        ) : null}
      </div>
    </>
  );
}
