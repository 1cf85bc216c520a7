// Debounced autosave: each change (re)starts a short timer; when it runs out, the latest values
// are saved once. A change made while a save is in flight is saved after it, never lost. Leaving
// the screen saves what is pending at once, and flush() lets a caller (Submit) wait until
// everything typed so far is saved.
import { useCallback, useEffect, useRef, useState } from 'react';

export type SaveStatus = 'saved' | 'pending' | 'saving' | 'failed';

export const AUTOSAVE_DELAY_MS = 500;

export function useAutosave(save: () => Promise<boolean>, delay = AUTOSAVE_DELAY_MS) {
  const [status, setStatus] = useState<SaveStatus>('saved');
  const saveRef = useRef(save);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const inflight = useRef<Promise<boolean> | null>(null);
  const dirty = useRef(false);
  const lastOk = useRef(true);

  useEffect(() => {
    saveRef.current = save;
  }, [save]);

  const run = useCallback(async (): Promise<boolean> => {
    timer.current = null;
    // One save at a time: a change made meanwhile is saved once this one is back.
    while (inflight.current) await inflight.current;
    if (!dirty.current) return lastOk.current;
    dirty.current = false;
    setStatus('saving');
    const attempt = saveRef.current();
    inflight.current = attempt;
    const ok = await attempt;
    if (inflight.current === attempt) inflight.current = null;
    lastOk.current = ok;
    if (ok && dirty.current) setStatus('pending');
    else setStatus(ok ? 'saved' : 'failed');
    return ok;
  }, []);

  const schedule = useCallback(() => {
    dirty.current = true;
    setStatus('pending');
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = setTimeout(() => void run(), delay);
  }, [delay, run]);

  /** Saves whatever is pending now and resolves when everything is saved (false if a save failed). */
  const flush = useCallback(async (): Promise<boolean> => {
    if (timer.current !== null) {
      clearTimeout(timer.current);
      timer.current = null;
    }
    return run();
  }, [run]);

  const retry = useCallback(() => {
    dirty.current = true;
    void flush();
  }, [flush]);

  useEffect(
    () => () => {
      // Leaving the screen: what was typed in the last half second is saved too.
      if (timer.current !== null) {
        clearTimeout(timer.current);
        timer.current = null;
        if (dirty.current) void saveRef.current();
      }
    },
    [],
  );

  return { status, schedule, flush, retry };
}
