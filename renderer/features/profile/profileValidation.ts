// The same rules the contract's profileInputSchema applies in the main process, checked as the
// person types so mistakes show next to the field. The main process still decides: its message
// is shown too if it disagrees.
import type { ProfileInput } from '../../state/sessionSlice';

export type ProfileField = keyof ProfileInput;
export type ProfileErrors = Partial<Record<ProfileField, string>>;

const EMAIL_SHAPE = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/;

export function validateProfile(input: ProfileInput): ProfileErrors {
  const errors: ProfileErrors = {};
  const name = input.name.trim();
  const email = input.email.trim();
  const team = input.team.trim();
  if (name === '') errors.name = 'Enter your name.';
  else if (name.length > 120) errors.name = 'Name must be at most 120 characters.';
  if (email === '') errors.email = 'Enter your work email.';
  else if (email.length > 254) errors.email = 'Email must be at most 254 characters.';
  else if (!EMAIL_SHAPE.test(email)) errors.email = 'Email must look like name@example.com.';
  if (team === '') errors.team = 'Enter your team.';
  else if (team.length > 80) errors.team = 'Team must be at most 80 characters.';
  return errors;
}
