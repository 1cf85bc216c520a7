// Every capability the shell offers, registered in one go. A contract method that no feature
// registers makes registerFeatures() fail (and its test), so new methods cannot be forgotten.
import type { Services } from '../../core/contract';
import type { IpcRegistry } from '../ipc';
import { registerAppFeature } from './app';
import { registerProfilesFeature } from './profiles';
import { registerRecordsFeature } from './records';
import { registerReviewsFeature } from './reviews';
import { registerTrainingFeature } from './training';
import { registerWorkspaceFeature } from './workspace';

export const FEATURES = [
  registerAppFeature,
  registerProfilesFeature,
  registerWorkspaceFeature,
  registerTrainingFeature,
  registerReviewsFeature,
  registerRecordsFeature,
] as const;

export function registerFeatures(ipc: IpcRegistry, services: Services): void {
  for (const register of FEATURES) register(ipc.handle, services);
  ipc.assertComplete();
}
