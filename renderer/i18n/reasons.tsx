// Words for what core says as data: a reason ({ code, params }) in the reader's language, and an
// error as its reasons when core gave them, else a sentence for its error code. Core's English
// message is shown only to English readers; others get it folded away as a technical detail, in
// English, rather than nothing at all.
import { useTranslation } from 'react-i18next';
import type { Reason, ReasonParams } from '../../electron/core/contract/reasons';
import type { ErrorPayload } from '../../electron/core/errors';
import { i18n } from './index';

type Translate = (key: string, options?: Record<string, unknown>) => string;

const translate: Translate = (key, options) => i18n.t(key as never, options as never) as unknown as string;

function wordParams(params: ReasonParams, t: Translate): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(params)) {
    out[name] = typeof value === 'object' ? wordReason(value, t) : value;
  }
  return out;
}

/** A reason in the current language (nested reasons in its parameters worded first). */
export function wordReason(reason: Reason, t: Translate = translate): string {
  return t(`reasons:${reason.code}`, { ...wordParams(reason.params, t), defaultValue: reason.code });
}

/** An error in the current language: its reasons, or the sentence for its code. */
export function wordError(
  error: Pick<ErrorPayload, 'code' | 'message' | 'reasons'>,
  t: Translate = translate,
): string {
  if (error.reasons && error.reasons.length > 0) return error.reasons.map((r) => wordReason(r, t)).join(' ');
  if (i18n.resolvedLanguage === 'en' || i18n.language === 'en') return error.message;
  return t(`common:errors.${error.code}`, { defaultValue: t('common:errors.INTERNAL') });
}

/** wordReason for components: re-renders when the language changes. */
export function useWordReason(): (reason: Reason) => string {
  const { t } = useTranslation();
  return (reason) => wordReason(reason, t as unknown as Translate);
}

/** An error as a paragraph: worded, with core's English sentence folded away where it was not shown. */
export function ErrorMessage({ error }: { error: Pick<ErrorPayload, 'code' | 'message' | 'reasons'> }) {
  const { t, i18n: instance } = useTranslation('common');
  const english = instance.resolvedLanguage === 'en';
  const worded = wordError(error, t as unknown as Translate);
  const hidden = !english && !(error.reasons && error.reasons.length > 0) && error.message !== '';
  return (
    <>
      <p>{worded}</p>
      {hidden ? (
        <details className="error-detail">
          <summary>{t('errors.detail')}</summary>
          <p lang="en">{error.message}</p>
        </details>
      ) : null}
    </>
  );
}

/** A list of reasons, one item each. */
export function ReasonList({ reasons, className }: { reasons: readonly Reason[]; className?: string }) {
  const word = useWordReason();
  return (
    <ul className={className}>
      {reasons.map((r, i) => (
        <li key={`${r.code}-${i}`}>{word(r)}</li>
      ))}
    </ul>
  );
}
