// Asks once before something is signed into the person's ledger: submitting a review, deciding,
// recording an exemption. Signed entries cannot be changed or undone, so the dialog lists what
// will be signed — the words the reader is about to stand behind — and waits for Sign or Cancel.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';

export interface SignedFact {
  label: string;
  value: ReactNode;
}

export function SignDialog({
  open,
  title,
  facts,
  confirmLabel,
  busy,
  error,
  onConfirm,
  onClose,
}: {
  open: boolean;
  title: string;
  /** What goes into the signed entry, as the reader will see it in the record. */
  facts: SignedFact[];
  confirmLabel: string;
  busy: boolean;
  /** Core's refusal, when signing was tried and refused. */
  error?: ReactNode;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation('review');
  return (
    <Dialog
      open={open}
      title={title}
      onClose={onClose}
      className="sign-dialog"
      description={<p>{t('sign.warning')}</p>}
      actions={
        <>
          <Button variant="secondary" onClick={onClose} disabled={busy}>
            {t('sign.cancel')}
          </Button>
          <Button
            variant="primary"
            icon="check"
            busy={busy}
            busyLabel={t('sign.busy')}
            onClick={onConfirm}
            data-autofocus
          >
            {confirmLabel}
          </Button>
        </>
      }
    >
      <dl className="details sign-dialog__facts">
        {facts.map((fact) => (
          <div key={fact.label} className="details__row">
            <dt>{fact.label}</dt>
            <dd>{fact.value}</dd>
          </div>
        ))}
      </dl>
      {error}
    </Dialog>
  );
}
