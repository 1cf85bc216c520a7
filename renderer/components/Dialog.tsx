// The one modal dialog: a native <dialog> opened with showModal(), so the browser makes the rest
// of the page inert and keeps Tab inside. Named by its heading (aria-labelledby). Focus moves in
// on open (to the element marked data-autofocus, else the first control, else the dialog) and
// back to whatever had it on close. Escape, the Close button and the caller all close it through
// onClose: the parent owns `open`.
import { useEffect, useId, useRef, type ReactNode, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from './Icon';

export interface DialogProps {
  open: boolean;
  /** The heading; also the dialog's accessible name. */
  title: string;
  onClose: () => void;
  /** A line under the title, read as the dialog's description. */
  description?: ReactNode;
  children?: ReactNode;
  /** Buttons along the bottom (e.g. Cancel and the action). */
  actions?: ReactNode;
  className?: string;
}

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

function initialFocusIn(dialog: HTMLDialogElement): HTMLElement {
  const marked = dialog.querySelector<HTMLElement>('[data-autofocus]');
  if (marked) return marked;
  // The header's Close button comes first in the markup; prefer the content's own controls.
  for (const part of dialog.querySelectorAll('.dialog__body, .dialog__actions')) {
    const first = part.querySelector<HTMLElement>(FOCUSABLE);
    if (first) return first;
  }
  return dialog.querySelector<HTMLElement>(FOCUSABLE) ?? dialog;
}

export function Dialog({ open, title, onClose, description, children, actions, className }: DialogProps) {
  const { t } = useTranslation('common');
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = `dialog-${useId()}`;
  const descriptionId = description ? `${titleId}-description` : undefined;
  const returnTo = useRef<HTMLElement | null>(null);
  // The latest onClose, for the effect below without re-running it on every render.
  const onCloseRef = useRef(onClose);
  useEffect(() => {
    onCloseRef.current = onClose;
  }, [onClose]);

  useEffect(() => {
    const dialog = ref.current;
    if (dialog === null || !open) return;
    returnTo.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    initialFocusIn(dialog).focus();
    return () => {
      if (dialog.open) dialog.close();
      const target = returnTo.current;
      returnTo.current = null;
      if (target && target.isConnected) target.focus();
    };
  }, [open]);

  // Escape fires 'cancel' on a modal dialog: the parent decides, so stop the browser closing it.
  const handleCancel = (event: SyntheticEvent<HTMLDialogElement>) => {
    event.preventDefault();
    onCloseRef.current();
  };

  // Closed some other way (a <form method="dialog">): tell the parent, which still thinks it is open.
  const handleClose = () => {
    if (open) onCloseRef.current();
  };

  return (
    <dialog
      ref={ref}
      className={['dialog', className].filter(Boolean).join(' ')}
      aria-labelledby={titleId}
      aria-describedby={descriptionId}
      onCancel={handleCancel}
      onClose={handleClose}
      onKeyDown={(event) => {
        // jsdom and older engines have no 'cancel' on Escape; handling the key covers them too.
        if (event.key === 'Escape') {
          event.preventDefault();
          event.stopPropagation();
          onCloseRef.current();
        }
      }}
      tabIndex={-1}
    >
      {open ? (
        <>
          <div className="dialog__header">
            <h2 className="dialog__title" id={titleId}>
              {title}
            </h2>
            <button
              type="button"
              className="dialog__close"
              aria-label={t('actions.close')}
              onClick={() => onCloseRef.current()}
            >
              <Icon name="close" />
            </button>
          </div>
          {description ? (
            <div className="dialog__description" id={descriptionId}>
              {description}
            </div>
          ) : null}
          {children ? <div className="dialog__body">{children}</div> : null}
          {actions ? <div className="dialog__actions button-row button-row--end">{actions}</div> : null}
        </>
      ) : null}
    </dialog>
  );
}
