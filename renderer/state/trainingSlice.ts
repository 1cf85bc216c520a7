// Training gets its state and actions here once the contract carries its calls. Until then the
// slot is typed and empty on purpose: the screen explains what will appear instead of showing
// invented examples.
import type { StateCreator } from 'zustand';
import type { FeatureSlot, StewardState } from './store';

export interface TrainingSlice {
  training: FeatureSlot;
}

export const createTrainingSlice: StateCreator<StewardState, [], [], TrainingSlice> = () => ({
  training: { status: 'unavailable' },
});
