// App-wide banners above every screen: notices the app raised on start (e.g. a corrupt settings
// file moved aside), and — not dismissible — a ledger that could only be opened read-only.
import { useShallow } from 'zustand/react/shallow';
import { Banner } from '../components/Banner';
import { useStewardStore } from '../state/store';

/** Reasons come from core as clauses; end them like a sentence. */
function asSentence(reason: string): string {
  const text = reason.trim();
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

export function Notices() {
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
          title="Steward can't add to your records"
          actions={
            route === 'records' ? null : (
              <button type="button" className="link-button" onClick={() => navigate('records')}>
                Open Records
              </button>
            )
          }
        >
          <p>
            Your ledger <code>{readOnly.file}</code> has a problem{' '}
            {readOnly.seq === null ? 'in the file as a whole' : <>at entry {readOnly.seq}</>}:{' '}
            {asSentence(readOnly.reason)}
          </p>
          <p>
            It was opened read-only, so nothing new is recorded until it is repaired. Your existing records
            are unchanged.
          </p>
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
