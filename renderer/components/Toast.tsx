// Short confirmations that need no answer ("Export saved", "Theme changed"), in one polite live
// region that is always in the page (a region added together with its text is often not read).
// Each toast goes away by itself after `duration`, unless the pointer is over it or focus is in
// it (WCAG 2.2.1: people get the time they need), and has a Dismiss button. Errors do not belong
// here: they stay on screen in a Banner. Motion: a short fade, off under prefers-reduced-motion.
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from './Icon';

export type ToastTone = 'info' | 'success' | 'warning';

export interface ToastMessage {
  id: string;
  text: ReactNode;
  tone?: ToastTone;
}

export const TOAST_DURATION_MS = 6000;

export function Toast({
  toast,
  onDismiss,
  duration = TOAST_DURATION_MS,
}: {
  toast: ToastMessage;
  onDismiss: (id: string) => void;
  /** Milliseconds before it goes; null keeps it until dismissed. */
  duration?: number | null;
}) {
  const { t } = useTranslation('common');
  const [hovered, setHovered] = useState(false);
  const [focused, setFocused] = useState(false);
  const paused = hovered || focused;
  const { id } = toast;

  useEffect(() => {
    if (duration === null || paused) return;
    // Restarts in full after a pause: someone who stopped to read it gets the whole time again.
    const timer = window.setTimeout(() => onDismiss(id), duration);
    return () => window.clearTimeout(timer);
  }, [duration, paused, onDismiss, id]);

  const tone = toast.tone ?? 'info';
  return (
    <div
      className={`toast toast--${tone}`}
      onMouseEnter={() => setHovered(true)}
      onMouseLeave={() => setHovered(false)}
      onFocus={() => setFocused(true)}
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setFocused(false);
      }}
    >
      <Icon name={tone} className="toast__icon" />
      <div className="toast__text">{toast.text}</div>
      <button
        type="button"
        className="toast__dismiss"
        aria-label={t('actions.dismiss')}
        onClick={() => onDismiss(id)}
      >
        <Icon name="close" />
      </button>
    </div>
  );
}

/** The live region, in the page from the start; put it once near the root of a screen or the app. */
export function ToastRegion({
  toasts,
  onDismiss,
  duration,
}: {
  toasts: readonly ToastMessage[];
  onDismiss: (id: string) => void;
  duration?: number | null;
}) {
  return (
    <div className="toast-region" role="status" aria-live="polite" aria-atomic="false">
      {toasts.map((toast) => (
        <Toast key={toast.id} toast={toast} onDismiss={onDismiss} duration={duration} />
      ))}
    </div>
  );
}

/** Local toast state for a screen: `showToast` returns the new toast's id. */
export function useToasts(): {
  toasts: ToastMessage[];
  showToast: (text: ReactNode, tone?: ToastTone) => string;
  dismissToast: (id: string) => void;
} {
  const [toasts, setToasts] = useState<ToastMessage[]>([]);
  const next = useRef(0);
  const showToast = useCallback((text: ReactNode, tone?: ToastTone) => {
    next.current += 1;
    const id = `toast-${next.current}`;
    setToasts((current) => [...current, { id, text, tone }]);
    return id;
  }, []);
  const dismissToast = useCallback((id: string) => {
    setToasts((current) => current.filter((toast) => toast.id !== id));
  }, []);
  return { toasts, showToast, dismissToast };
}
