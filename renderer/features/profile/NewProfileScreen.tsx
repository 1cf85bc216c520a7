// "Add a profile" from the switcher: the same form as the first run, inside the shell. The new
// profile becomes the current one.
import { useShallow } from 'zustand/react/shallow';
import { Panel } from '../../components/Panel';
import { ScreenHeader } from '../../components/ScreenHeader';
import { useStewardStore } from '../../state/store';
import { KeyProtectionNote } from './KeyProtectionNote';
import { ProfileForm } from './ProfileForm';

export function NewProfileScreen() {
  const { appInfo, navigate } = useStewardStore(
    useShallow((s) => ({ appInfo: s.appInfo, navigate: s.navigate })),
  );
  return (
    <>
      <ScreenHeader title="Add a profile">
        <p>
          A profile is one person on this computer, with their own signing key and their own ledger in the
          workspace. Use it when someone else shares this computer, not to act under a second name.
        </p>
      </ScreenHeader>
      <div className="stack">
        <Panel title="Who is this profile for?">
          <ProfileForm
            onCancel={() => (window.history.length > 1 ? window.history.back() : navigate('training'))}
          />
        </Panel>
        {appInfo ? (
          <Panel title="Signing key">
            <p>
              Steward creates a new signing key for this profile. Everything recorded under the profile is
              signed with it.
            </p>
            <KeyProtectionNote appInfo={appInfo} />
          </Panel>
        ) : null}
      </div>
    </>
  );
}
