// The renderer's one store, assembled from slices (zustand's slices pattern): each feature owns
// its part of the state and its actions; components read narrow pieces with selectors.
import { create } from 'zustand';
import { createOrgSlice, type OrgSlice } from './orgSlice';
import { createRecordsSlice, type RecordsSlice } from './recordsSlice';
import { createReviewSlice, type ReviewSlice } from './reviewSlice';
import { createRouteSlice, routeFromLocation, type RouteSlice } from './routeSlice';
import { createSessionSlice, type SessionSlice } from './sessionSlice';
import { createTrainingSlice, type TrainingSlice } from './trainingSlice';

export type StewardState = SessionSlice & RouteSlice & TrainingSlice & ReviewSlice & RecordsSlice & OrgSlice;

export const useStewardStore = create<StewardState>()((...a) => ({
  ...createSessionSlice(...a),
  ...createRouteSlice(...a),
  ...createTrainingSlice(...a),
  ...createReviewSlice(...a),
  ...createRecordsSlice(...a),
  ...createOrgSlice(...a),
}));

const initialState = useStewardStore.getState();

/** Back to a fresh store (tests call this between cases); the route follows the current hash. */
export function resetStewardStore(): void {
  useStewardStore.setState({ ...initialState, ...routeFromLocation() }, true);
}
