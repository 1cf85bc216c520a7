// A manager's "Remind" for the people who are overdue: an email draft in their own mail client
// (recipients in Bcc, the overdue modules in the body; Steward sends nothing), and a calendar file
// of due dates saved where they choose. Shown only to someone who sees others' records.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RecordsView } from '../../../electron/core/contract/views/records';
import { api, toApiError } from '../../api';
import { Button } from '../../components/Button';
import { wordError } from '../../i18n/reasons';
import { overdueAddresses, overdueModules, reminderDrafts } from './remindDraft';
import { Downloads } from './DownloadLink';

type Outcome = { kind: 'ok' | 'error'; text: string; file?: string } | null;

export function RemindPanel({ view }: { view: RecordsView }) {
  const { t } = useTranslation('records');
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [busy, setBusy] = useState<'mail' | 'calendar' | null>(null);
  const addresses = overdueAddresses(view.overdue, view.people);
  if (view.scope.kind === 'self' || view.overdue.length === 0) return null;

  const modules = overdueModules(view.overdue);
  const body = t('remind.body', { modules: modules.map((m) => `- ${m}`).join('\n') });
  const drafts = reminderDrafts(addresses, t('remind.subject'), body);

  const openDraft = async (url: string, recipients: number) => {
    setBusy('mail');
    try {
      const result = await api().openExternalLink({ url });
      setOutcome(
        result.opened
          ? { kind: 'ok', text: t('remind.opened', { count: recipients }) }
          : { kind: 'error', text: t('remind.notOpened', { reason: result.reason ?? '' }) },
      );
    } catch (error) {
      setOutcome({ kind: 'error', text: wordError(toApiError(error, 'openExternalLink').toPayload()) });
    } finally {
      setBusy(null);
    }
  };

  const saveCalendar = async () => {
    setBusy('calendar');
    try {
      const saved = await api().saveDueDatesCalendar();
      setOutcome(
        saved.file === null
          ? null
          : {
              kind: 'ok',
              text: t('remind.saved', { file: saved.file, count: saved.events }),
              file: saved.file,
            },
      );
    } catch (error) {
      setOutcome({ kind: 'error', text: wordError(toApiError(error, 'saveDueDatesCalendar').toPayload()) });
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="remind">
      <h3 className="remind__title">{t('remind.title')}</h3>
      <p className="text-muted text-small">{t('remind.description', { count: addresses.length })}</p>
      <div className="button-row">
        {drafts.map((draft, index) => (
          <Button
            key={draft.url}
            icon="mail"
            size="sm"
            busy={busy === 'mail'}
            onClick={() => void openDraft(draft.url, draft.recipients)}
          >
            {drafts.length === 1
              ? t('remind.email')
              : t('remind.emailPart', { part: index + 1, parts: drafts.length, count: draft.recipients })}
          </Button>
        ))}
        <Button icon="calendar" size="sm" busy={busy === 'calendar'} onClick={() => void saveCalendar()}>
          {t('remind.calendar')}
        </Button>
      </div>
      <p
        role="status"
        className={outcome?.kind === 'error' ? 'remind__outcome field__error' : 'remind__outcome'}
      >
        {outcome?.text ?? ''}
      </p>
      {outcome?.kind === 'ok' && outcome.file ? <Downloads files={[outcome.file]} /> : null}
    </div>
  );
}
