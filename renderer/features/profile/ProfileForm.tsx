// Name, email, team -> createProfile. Errors appear under each field (tied by aria-describedby)
// from the first submit on, then follow the typing. Not on blur: a message appearing as the
// pointer goes down on "Create profile" moves the button away from the click. The main process's
// own refusal is shown in an alert region above the button.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { Banner } from '../../components/Banner';
import { Button } from '../../components/Button';
import { TextField } from '../../components/TextField';
import type { ProfileInput } from '../../state/sessionSlice';
import { useStewardStore } from '../../state/store';
import { validateProfile, type ProfileField } from './profileValidation';

const FIELDS: ProfileField[] = ['name', 'email', 'team'];

export function ProfileForm({ onCancel }: { onCancel?: () => void }) {
  const { createProfile, request, clearRequest } = useStewardStore(
    useShallow((s) => ({
      createProfile: s.createProfile,
      request: s.requests.createProfile,
      clearRequest: s.clearRequest,
    })),
  );
  const [values, setValues] = useState<ProfileInput>({ name: '', email: '', team: '' });
  const [submitted, setSubmitted] = useState(false);
  const inputs = useRef<Partial<Record<ProfileField, HTMLInputElement | null>>>({});

  // A refusal from an earlier visit to this form is not news any more.
  useEffect(() => () => clearRequest('createProfile'), [clearRequest]);

  const errors = validateProfile(values);
  const shownError = (field: ProfileField) => (submitted ? (errors[field] ?? null) : null);
  const busy = request.status === 'pending';

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
    await createProfile({ name: values.name.trim(), email: values.email.trim(), team: values.team.trim() });
  };

  return (
    <form
      className="form"
      noValidate
      onSubmit={(event) => void submit(event)}
      aria-label="Create your profile"
    >
      <TextField
        label="Name"
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
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        required
        hint="Your work address. Your organisation's policy uses it, with your key, to grant roles."
        value={values.email}
        onChange={update('email')}
        error={shownError('email')}
        ref={(el) => {
          inputs.current.email = el;
        }}
      />
      <TextField
        label="Team"
        name="team"
        autoComplete="organization-title"
        required
        hint="For example: Growth Analytics, Customer Support."
        value={values.team}
        onChange={update('team')}
        error={shownError('team')}
        ref={(el) => {
          inputs.current.team = el;
        }}
      />
      {request.error ? (
        <Banner level="error" title="Your profile was not created">
          <p>{request.error.message}</p>
        </Banner>
      ) : null}
      <div className="button-row">
        <Button type="submit" variant="primary" busy={busy} busyLabel="Creating profile…">
          Create profile
        </Button>
        {onCancel ? (
          <Button variant="ghost" onClick={onCancel}>
            Cancel
          </Button>
        ) : null}
      </div>
    </form>
  );
}
