// Where this machine keeps the private signing key, in the app's own words (appInfo), and a
// plain warning when there is no OS keychain: then only file permissions protect the key.
import { useTranslation } from 'react-i18next';
import { Banner } from '../../components/Banner';
import type { AppInfo } from '../../../electron/core/contract/views/app';

export function KeyProtectionNote({ appInfo }: { appInfo: AppInfo }) {
  const { t } = useTranslation('profile');
  return (
    <div className="key-note">
      <p>{appInfo.keyProtectionNote}</p>
      {appInfo.keyProtection === 'file' ? (
        <Banner level="warning" title={t('keyNote.noKeychainTitle')}>
          <p>{t('keyNote.noKeychainText')}</p>
        </Banner>
      ) : null}
    </div>
  );
}
