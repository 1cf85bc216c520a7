// Asks for a profile's passphrase before switching to it (from the switcher, or on first run when
// Steward opened with that profile locked). A wrong one is said under the field; after a few, core
// makes each further try wait and says how long.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { Button } from '../../components/Button';
import { TextField } from '../../components/TextField';
import type { ProfileSummary } from '../../../electron/core/contract/views/app';
import { wordError } from '../../i18n/reasons';
import { requestOf } from '../../state/requests';
import { useStewardStore } from '../../state/store';

/** The shortest passphrase core takes (contract/schemas.ts newPassphraseSchema). */
export const PASSPHRASE_MIN = 8;

export function PassphrasePrompt({
  profile,
  onDone,
  onCancel,
}: {
  profile: ProfileSummary;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation('profile');
  const { switchProfile, request, clearRequest } = useStewardStore(
    useShallow((s) => ({
      switchProfile: s.switchProfile,
      request: requestOf(s.requests, 'switchProfile'),
      clearRequest: s.clearRequest,
    })),
  );
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  useEffect(() => inputRef.current?.focus(), []);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (request.status === 'pending') return;
    if (passphrase === '') {
      setError(t('unlock.missing'));
      inputRef.current?.focus();
      return;
    }
    setError(null);
    const switched = await switchProfile(profile.id, passphrase);
    if (switched !== null) {
      onDone();
      return;
    }
    const failed = useStewardStore.getState().requests.switchProfile?.error;
    setError(failed ? wordError(failed) : null);
    setPassphrase('');
    inputRef.current?.focus();
  };

  return (
    <form
      className="form passphrase-prompt"
      noValidate
      aria-label={t('unlock.formLabel', { name: profile.name })}
      onSubmit={(event) => void submit(event)}
    >
      <TextField
        ref={inputRef}
        label={t('unlock.label', { name: profile.name })}
        type="password"
        autoComplete="current-password"
        required
        value={passphrase}
        onChange={(value) => {
          setPassphrase(value);
          setError(null);
          if (request.error) clearRequest('switchProfile');
        }}
        error={error}
      />
      <div className="button-row">
        <Button type="submit" variant="primary" size="sm" busy={request.status === 'pending'}>
          {t('unlock.submit')}
        </Button>
        <Button
          size="sm"
          variant="ghost"
          onClick={() => {
            clearRequest('switchProfile');
            onCancel();
          }}
        >
          {t('unlock.cancel')}
        </Button>
      </div>
    </form>
  );
}
