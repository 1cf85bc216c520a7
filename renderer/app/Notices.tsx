// App-wide banners above every screen: notices the app raised on start (e.g. a corrupt settings
// file moved aside), and — not dismissible — a ledger that could only be opened read-only.
import { Trans, useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { Banner } from '../components/Banner';
import { useStewardStore } from '../state/store';
import { ErrorMessage, useWordReason } from '../i18n/reasons';

/** Reasons are worded as clauses; end them like a sentence. */
const CUT_BEHIND = new Set(['ledger.cutBack', 'ledger.replaced']);

function asSentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function Notices() {
  const { t } = useTranslation('shell');
  const word = useWordReason();
  const { notices, dismissNotice, readOnly, navigate, route } = useStewardStore(
    useShallow((s) => ({
      notices: s.notices,
      dismissNotice: s.dismissNotice,
      readOnly: s.workspaceStatus?.readOnly ?? null,
      navigate: s.navigate,
      route: s.route,
    })),
  );
  if (notices.length === 0 && readOnly === null) return null;
  // Our own ledger cut back or replaced behind this app: the reason says what is missing and what to do.
  const cutBehind = readOnly !== null && CUT_BEHIND.has(readOnly.why.code);
  return (
    <div className="notices">
      {readOnly ? (
        <Banner
          level="error"
          title={t('readOnly.title')}
          actions={
            route === 'records' ? null : (
              <button type="button" className="link-button" onClick={() => navigate('records')}>
                {t('readOnly.openRecords')}
              </button>
            )
          }
        >
          {cutBehind ? (
            <>
              <p>{capitalised(asSentence(word(readOnly.why)))}</p>
              <p>{t('readOnly.cutConsequence')}</p>
            </>
          ) : (
            <>
              <p>
                {readOnly.seq === null ? (
                  <Trans
                    t={t}
                    i18nKey="readOnly.problemInFile"
                    values={{ file: readOnly.file, reason: asSentence(word(readOnly.why)) }}
                    components={{ code: <code /> }}
                  />
                ) : (
                  <Trans
                    t={t}
                    i18nKey="readOnly.problemAtEntry"
                    values={{
                      file: readOnly.file,
                      seq: readOnly.seq,
                      reason: asSentence(word(readOnly.why)),
                    }}
                    components={{ code: <code /> }}
                  />
                )}
              </p>
              <p>{t('readOnly.consequence')}</p>
            </>
          )}
        </Banner>
      ) : null}
      {notices.map((notice) => (
        <Banner key={notice.id} level={notice.level} onDismiss={() => dismissNotice(notice.id)}>
          <ErrorMessage error={{ code: 'INTERNAL', message: notice.message, reasons: notice.reasons }} />
        </Banner>
      ))}
    </div>
  );
}
