// Review gets its state and actions here once the contract carries its calls. Until then the
// slot is typed and empty on purpose: the screen explains what will appear instead of showing
// invented examples.
import type { StateCreator } from 'zustand';
import type { FeatureSlot, StewardState } from './store';

export interface ReviewSlice {
  review: FeatureSlot;
}

export const createReviewSlice: StateCreator<StewardState, [], [], ReviewSlice> = () => ({
  review: { status: 'unavailable' },
});
