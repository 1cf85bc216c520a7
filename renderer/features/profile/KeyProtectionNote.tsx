// Where this machine keeps the private signing key, in the app's own words (appInfo), and a
// plain warning when there is no OS keychain: then only file permissions protect the key.
import { Banner } from '../../components/Banner';
import type { AppInfo } from '../../../electron/core/contract';

export function KeyProtectionNote({ appInfo }: { appInfo: AppInfo }) {
  return (
    <div className="key-note">
      <p>{appInfo.keyProtectionNote}</p>
      {appInfo.keyProtection === 'file' ? (
        <Banner level="warning" title="No keychain on this computer">
          <p>
            Your operating system offers no keychain Steward can use, so your private key is protected only by
            file permissions: anyone who can read your files — or runs programs as you — could sign records in
            your name.
          </p>
        </Banner>
      ) : null}
    </div>
  );
}
