// The organisation view for a screen: read when the screen opens, and again after a profile or
// workspace change (the slice drops it then). Settings uses it too, so it is apart from the screens.
import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { requestOf } from '../../state/requests';
import { useStewardStore } from '../../state/store';

/** The organisation view, loaded once per profile and workspace (the slice drops it on a change). */
export function useOrganisation() {
  const { organisation, loadOrganisation, request } = useStewardStore(
    useShallow((s) => ({
      organisation: s.organisation,
      loadOrganisation: s.loadOrganisation,
      request: requestOf(s.requests, 'getOrganisation'),
    })),
  );
  // Read again each time a screen that shows it opens: another computer's admin may have changed
  // the roster in the shared workspace meanwhile. The last view stays on screen while it loads.
  useEffect(() => {
    if (useStewardStore.getState().requests.getOrganisation?.status !== 'pending') void loadOrganisation();
  }, [loadOrganisation]);
  // And after a profile or workspace change dropped it.
  useEffect(() => {
    if (organisation === null && request.status === 'succeeded') void loadOrganisation();
  }, [organisation, request.status, loadOrganisation]);
  return { organisation, request, reload: loadOrganisation };
}
