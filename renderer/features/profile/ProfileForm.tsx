// Name, email, team -> createProfile. Errors appear under each field (tied by aria-describedby)
// from the first submit on, then follow the typing. Not on blur: a message appearing as the
// pointer goes down on "Create profile" moves the button away from the click. The main process's
// own refusal is shown in an alert region above the button.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { Banner } from '../../components/Banner';
import { Button } from '../../components/Button';
import { TextField } from '../../components/TextField';
import { PASSPHRASE_MIN } from './PassphrasePrompt';
import type { ProfileInput } from '../../state/sessionSlice';
import { useStewardStore } from '../../state/store';
import { validateProfile, type ProfileField } from './profileValidation';
import { requestOf } from '../../state/requests';
import { ErrorMessage } from '../../i18n/reasons';

const FIELDS: ProfileField[] = ['name', 'email', 'team'];

export function ProfileForm({ onCancel }: { onCancel?: () => void }) {
  const { t } = useTranslation(['profile', 'common']);
  const { createProfile, request, clearRequest } = useStewardStore(
    useShallow((s) => ({
      createProfile: s.createProfile,
      request: requestOf(s.requests, 'createProfile'),
      clearRequest: s.clearRequest,
    })),
  );
  const [values, setValues] = useState<ProfileInput>({ name: '', email: '', team: '' });
  const [submitted, setSubmitted] = useState(false);
  const [passphrase, setPassphrase] = useState('');
  const passphraseRef = useRef<HTMLInputElement>(null);
  const inputs = useRef<Partial<Record<ProfileField, HTMLInputElement | null>>>({});

  // A refusal from an earlier visit to this form is not news any more.
  useEffect(() => () => clearRequest('createProfile'), [clearRequest]);

  const errors = validateProfile(values);
  const shownError = (field: ProfileField) => {
    const error = submitted ? errors[field] : undefined;
    return error ? t(error.key, { max: error.max }) : null;
  };
  const busy = request.status === 'pending';
  const passphraseError =
    submitted && passphrase !== '' && (passphrase.length < PASSPHRASE_MIN || passphrase.trim() === '')
      ? t('form.passphraseTooShort', { min: PASSPHRASE_MIN })
      : null;

  const update = (field: ProfileField) => (value: string) => setValues((v) => ({ ...v, [field]: value }));

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    setSubmitted(true);
    const firstInvalid = FIELDS.find((field) => errors[field] !== undefined);
    if (firstInvalid !== undefined) {
      inputs.current[firstInvalid]?.focus();
      return;
    }
    if (passphrase !== '' && (passphrase.length < PASSPHRASE_MIN || passphrase.trim() === '')) {
      passphraseRef.current?.focus();
      return;
    }
    await createProfile({
      name: values.name.trim(),
      email: values.email.trim(),
      team: values.team.trim(),
      ...(passphrase !== '' ? { passphrase } : {}),
    });
  };

  return (
    <form className="form" noValidate onSubmit={(event) => void submit(event)} aria-label={t('form.label')}>
      <TextField
        label={t('form.name')}
        name="name"
        autoComplete="name"
        required
        value={values.name}
        onChange={update('name')}
        error={shownError('name')}
        ref={(el) => {
          inputs.current.name = el;
        }}
      />
      <TextField
        label={t('form.email')}
        name="email"
        type="email"
        autoComplete="email"
        required
        hint={t('form.emailHint')}
        value={values.email}
        onChange={update('email')}
        error={shownError('email')}
        ref={(el) => {
          inputs.current.email = el;
        }}
      />
      <TextField
        label={t('form.team')}
        name="team"
        autoComplete="organization-title"
        required
        hint={t('form.teamHint')}
        value={values.team}
        onChange={update('team')}
        error={shownError('team')}
        ref={(el) => {
          inputs.current.team = el;
        }}
      />
      <TextField
        ref={passphraseRef}
        label={t('form.passphrase')}
        name="passphrase"
        type="password"
        autoComplete="new-password"
        hint={t('form.passphraseHint', { min: PASSPHRASE_MIN })}
        value={passphrase}
        onChange={setPassphrase}
        error={passphraseError}
      />
      {request.error ? (
        <Banner level="error" title={t('form.notCreated')}>
          <ErrorMessage error={request.error} />
        </Banner>
      ) : null}
      <div className="button-row">
        <Button type="submit" variant="primary" busy={busy} busyLabel={t('form.creating')}>
          {t('form.create')}
        </Button>
        {onCancel ? (
          <Button variant="ghost" onClick={onCancel}>
            {t('common:actions.cancel')}
          </Button>
        ) : null}
      </div>
    </form>
  );
}
