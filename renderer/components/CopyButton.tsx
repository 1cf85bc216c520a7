// Copies a short text (a code, a fingerprint) and says so in a status line; where the clipboard
// is refused the text stays on screen to select.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from './Button';

export function CopyButton({ text, label }: { text: string; label: string }) {
  const { t } = useTranslation('common');
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('failed');
    }
  };
  return (
    <span className="copy-button">
      <Button size="sm" onClick={() => void copy()} aria-label={label}>
        {t('copy.copy')}
      </Button>
      <span role="status" className="text-small text-muted">
        {state === 'copied' ? t('copy.copied') : state === 'failed' ? t('copy.failed') : ''}
      </span>
    </span>
  );
}
