// "Add a profile" from the switcher: the same form as the first run, inside the shell. The new
// profile becomes the current one.
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { Panel } from '../../components/Panel';
import { ScreenHeader } from '../../components/ScreenHeader';
import { useStewardStore } from '../../state/store';
import { KeyProtectionNote } from './KeyProtectionNote';
import { ProfileForm } from './ProfileForm';

export function NewProfileScreen() {
  const { t } = useTranslation('profile');
  const { appInfo, navigate } = useStewardStore(
    useShallow((s) => ({ appInfo: s.appInfo, navigate: s.navigate })),
  );
  return (
    <>
      <ScreenHeader title={t('newProfile.title')}>
        <p>{t('newProfile.lead')}</p>
      </ScreenHeader>
      <div className="stack">
        <Panel title={t('newProfile.whoFor')}>
          <ProfileForm
            onCancel={() => (window.history.length > 1 ? window.history.back() : navigate('training'))}
          />
        </Panel>
        {appInfo ? (
          <Panel title={t('newProfile.keyTitle')}>
            <p>{t('newProfile.keyText')}</p>
            <KeyProtectionNote appInfo={appInfo} />
          </Panel>
        ) : null}
      </div>
    </>
  );
}
