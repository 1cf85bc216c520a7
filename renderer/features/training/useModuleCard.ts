// The card for the module a screen is about. The quiz, attestation and certificate screens can be
// opened directly (a reload, a typed address), so when neither the catalogue nor the reader has
// the card yet this reads the catalogue — a read-only call, unlike opening the module. With
// `refresh`, the catalogue is read again on arrival and `fresh` says when that has finished.
import { useEffect, useState } from 'react';
import type { ModuleCard } from '../../../electron/core/contract/views/training';
import { selectModuleCard } from '../../state/trainingSlice';
import { useStewardStore } from '../../state/store';

export function useModuleCard(
  moduleId: string | null,
  options: { refresh?: boolean } = {},
): { card: ModuleCard | null; fresh: boolean } {
  const card = useStewardStore(selectModuleCard(moduleId));
  const loadCatalogue = useStewardStore((s) => s.loadCatalogue);
  const [fresh, setFresh] = useState(false);
  const missing = card === null;
  const refresh = options.refresh ?? false;
  useEffect(() => {
    if (moduleId === null || !(missing || refresh)) return;
    let live = true;
    void loadCatalogue().then(() => {
      if (live) setFresh(true);
    });
    return () => {
      live = false;
    };
    // Only on arrival: reloading after every change of the card would loop.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [moduleId, loadCatalogue]);
  return { card, fresh: fresh || !refresh };
}
