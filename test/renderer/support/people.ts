// The people the renderer tests use, created as profiles through the real core (createProfile
// makes each new one the current profile, with its own key on this computer).
import type { ProfileSummary } from '../../../electron/core/contract/views/app';
import type { TestCore } from './realBridge';

export const PEOPLE = {
  ada: { name: 'Ada Lovelace', email: 'ada@example.com', team: 'Analytics' },
  grace: { name: 'Grace Hopper', email: 'grace@example.com', team: 'Platform' },
  amara: { name: 'Amara Okafor', email: 'amara@example.com', team: 'Data Science' },
  ben: { name: 'Ben Schmidt', email: 'ben@example.com', team: 'Privacy' },
  cara: { name: 'Cara Diaz', email: 'cara@example.com', team: 'Marketing' },
} as const;

export type Person = keyof typeof PEOPLE;

/** Creates the person's profile (it becomes the current one). */
export function addPerson(core: TestCore, who: Person): Promise<ProfileSummary> {
  return core.services.createProfile({ ...PEOPLE[who] });
}

/** Makes `profile` the current one, as the profile switcher would. */
export async function actAs(core: TestCore, profile: ProfileSummary): Promise<void> {
  await core.services.switchProfile({ profileId: profile.id });
}
