// Settings: who you are to Steward (and the fingerprint an admin compares when enrolling you),
// your roles, how your key is protected and its passphrase, where the workspace is, and which
// build this is.
import { Trans, useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { CopyButton } from '../../components/CopyButton';
import { Panel } from '../../components/Panel';
import { ScreenHeader } from '../../components/ScreenHeader';
import { formatDate } from '../../format';
import { useStewardStore } from '../../state/store';
import { KeyProtectionNote } from '../profile/KeyProtectionNote';
import { LanguageSettings } from './LanguageSettings';
import { LrsSettings } from './LrsSettings';
import { PassphraseSettings } from './PassphraseSettings';
import { YourRoles } from './YourRoles';
import { ThemeSettings } from './ThemeSettings';
import { WorkspaceFolder } from './WorkspaceFolder';

export function SettingsScreen() {
  const { t } = useTranslation('settings');
  const { profile, appInfo, inOrganisation } = useStewardStore(
    useShallow((s) => ({
      profile: s.profile,
      appInfo: s.appInfo,
      inOrganisation: s.organisation !== null && s.organisation.state !== 'none',
    })),
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
                  <code className="fingerprint">{profile.fingerprint}</code>{' '}
                  <CopyButton text={profile.fingerprint} label={t('profile.copyFingerprint')} />
                  <p className="details__note">
                    {inOrganisation ? (
                      t('profile.fingerprintNoteOrg')
                    ) : (
                      <Trans t={t} i18nKey="profile.fingerprintNote" components={{ em: <em /> }} />
                    )}
                  </p>
                </dd>
              </div>
            </dl>
          </Panel>
        ) : null}
        {profile ? <YourRoles /> : null}
        {appInfo ? (
          <Panel title={t('signingKey.title')}>
            <KeyProtectionNote appInfo={appInfo} />
          </Panel>
        ) : null}
        {profile ? <PassphraseSettings /> : null}
        <WorkspaceFolder />
        <ThemeSettings />
        <LanguageSettings />
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
