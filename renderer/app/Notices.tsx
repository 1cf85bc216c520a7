// App-wide banners above every screen: notices the app raised on start (e.g. a corrupt settings
// file moved aside), and — not dismissible — a ledger that could only be opened read-only.
import { Trans, useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { Banner } from '../components/Banner';
import { useStewardStore } from '../state/store';

/** Reasons come from core as clauses; end them like a sentence. */
function asSentence(reason: string): string {
  const text = reason.trim();
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

export function Notices() {
  const { t } = useTranslation('shell');
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
          <p>
            {readOnly.seq === null ? (
              <Trans
                t={t}
                i18nKey="readOnly.problemInFile"
                values={{ file: readOnly.file, reason: asSentence(readOnly.reason) }}
                components={{ code: <code /> }}
              />
            ) : (
              <Trans
                t={t}
                i18nKey="readOnly.problemAtEntry"
                values={{ file: readOnly.file, seq: readOnly.seq, reason: asSentence(readOnly.reason) }}
                components={{ code: <code /> }}
              />
            )}
          </p>
          <p>{t('readOnly.consequence')}</p>
        </Banner>
      ) : null}
      {notices.map((notice) => (
        <Banner key={notice.id} level={notice.level} onDismiss={() => dismissNotice(notice.id)}>
          <p>{notice.message}</p>
        </Banner>
      ))}
    </div>
  );
}
