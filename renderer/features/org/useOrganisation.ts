// The organisation view for a screen: loaded when first needed, once per profile and workspace
// (the slice drops it when either changes). Settings uses it too, so it is apart from the screens.
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
  useEffect(() => {
    if (organisation === null && request.status !== 'pending' && request.status !== 'failed') {
      void loadOrganisation();
    }
  }, [organisation, request.status, loadOrganisation]);
  return { organisation, request, reload: loadOrganisation };
}
