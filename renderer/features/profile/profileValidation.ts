// The same rules the contract's profileInputSchema applies in the main process, checked as the
// person types so mistakes show next to the field. The main process still decides: its message
// is shown too if it disagrees. Errors are profile.json keys with their values, so the form
// says them in the interface language.
import type { ProfileInput } from '../../state/sessionSlice';

export type ProfileField = Exclude<keyof ProfileInput, 'passphrase'>;

export type ProfileErrorKey =
  | 'validation.nameMissing'
  | 'validation.nameTooLong'
  | 'validation.emailMissing'
  | 'validation.emailTooLong'
  | 'validation.emailShape'
  | 'validation.teamMissing'
  | 'validation.teamTooLong';

export interface ProfileError {
  key: ProfileErrorKey;
  max?: number;
}

export type ProfileErrors = Partial<Record<ProfileField, ProfileError>>;

export const PROFILE_LIMITS = { name: 120, email: 254, team: 80 } as const satisfies Record<
  ProfileField,
  number
>;

const EMAIL_SHAPE = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/;

export function validateProfile(input: ProfileInput): ProfileErrors {
  const errors: ProfileErrors = {};
  const name = input.name.trim();
  const email = input.email.trim();
  const team = input.team.trim();
  if (name === '') errors.name = { key: 'validation.nameMissing' };
  else if (name.length > PROFILE_LIMITS.name)
    errors.name = { key: 'validation.nameTooLong', max: PROFILE_LIMITS.name };
  if (email === '') errors.email = { key: 'validation.emailMissing' };
  else if (email.length > PROFILE_LIMITS.email)
    errors.email = { key: 'validation.emailTooLong', max: PROFILE_LIMITS.email };
  else if (!EMAIL_SHAPE.test(email)) errors.email = { key: 'validation.emailShape' };
  if (team === '') errors.team = { key: 'validation.teamMissing' };
  else if (team.length > PROFILE_LIMITS.team)
    errors.team = { key: 'validation.teamTooLong', max: PROFILE_LIMITS.team };
  return errors;
}
