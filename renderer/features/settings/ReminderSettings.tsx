// Reminders on this computer: which kinds show as OS notifications, and quiet hours when none is
// shown. Kept in the settings store on this computer, not in the ledger. The inbox (Reminders)
// lists every kind whatever is chosen here. Where the host has no notifications (the browser
// preview), the panel says so.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { NOTIFICATION_KINDS, type NotificationKind } from '../../../electron/core/contract/enums';
import { Banner } from '../../components/Banner';
import { Button } from '../../components/Button';
import { CheckboxField } from '../../components/CheckboxField';
import { Panel } from '../../components/Panel';
import { TextField } from '../../components/TextField';
import { ErrorMessage } from '../../i18n/reasons';
import { requestOf } from '../../state/requests';
import { useStewardStore } from '../../state/store';

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export function ReminderSettings() {
  const { t } = useTranslation('settings');
  const { settings, load, save, saveRequest } = useStewardStore(
    useShallow((s) => ({
      settings: s.reminderSettings,
      load: s.loadReminderSettings,
      save: s.saveReminderSettings,
      saveRequest: requestOf(s.requests, 'setReminderSettings'),
    })),
  );
  const [optOut, setOptOut] = useState<NotificationKind[]>([]);
  const [quiet, setQuiet] = useState(false);
  const [from, setFrom] = useState('22:00');
  const [to, setTo] = useState('07:00');
  const [saved, setSaved] = useState(false);
  // Once the person has changed something, the saved settings arriving late do not overwrite it.
  const touched = useRef(false);

  useEffect(() => {
    void load().then((loaded) => {
      if (!loaded || touched.current) return;
      setOptOut(loaded.optOut);
      setQuiet(loaded.quietHours !== null);
      if (loaded.quietHours) {
        setFrom(loaded.quietHours.from);
        setTo(loaded.quietHours.to);
      }
    });
  }, [load]);

  const fromError = quiet && !TIME.test(from) ? t('reminders.timeFormat') : null;
  const toError = quiet && !TIME.test(to) ? t('reminders.timeFormat') : null;
  const edit = () => {
    touched.current = true;
    setSaved(false);
  };
  const toggle = (kind: NotificationKind, on: boolean) => {
    edit();
    setOptOut((current) => (on ? current.filter((k) => k !== kind) : [...current, kind]));
  };
  const submit = async () => {
    if (fromError || toError) return;
    const result = await save({ optOut, quietHours: quiet ? { from, to } : null });
    setSaved(result !== null);
  };

  return (
    <Panel title={t('reminders.title')} description={<p>{t('reminders.description')}</p>}>
      {settings && !settings.canNotify ? (
        <p className="text-muted text-small">{t('reminders.noNotifications')}</p>
      ) : null}
      <form
        className="stack stack--tight"
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <fieldset className="fieldset">
          <legend className="fieldset__legend">{t('reminders.kindsLegend')}</legend>
          {NOTIFICATION_KINDS.map((kind) => (
            <CheckboxField
              key={kind}
              label={t(`reminders.kind.${kind}`)}
              checked={!optOut.includes(kind)}
              onChange={(on) => toggle(kind, on)}
            />
          ))}
        </fieldset>
        <fieldset className="fieldset">
          <legend className="fieldset__legend">{t('reminders.quietLegend')}</legend>
          <CheckboxField
            label={t('reminders.quietOn')}
            checked={quiet}
            onChange={(on) => {
              edit();
              setQuiet(on);
            }}
          />
          {quiet ? (
            <div className="field-row">
              <TextField
                label={t('reminders.from')}
                type="time"
                required
                value={from}
                onChange={(value) => {
                  edit();
                  setFrom(value);
                }}
                error={fromError}
              />
              <TextField
                label={t('reminders.to')}
                type="time"
                required
                value={to}
                onChange={(value) => {
                  edit();
                  setTo(value);
                }}
                error={toError}
              />
            </div>
          ) : null}
        </fieldset>
        {saveRequest.error ? (
          <Banner level="error" title={t('reminders.notSaved')}>
            <ErrorMessage error={saveRequest.error} />
          </Banner>
        ) : null}
        <div className="button-row">
          <Button
            type="submit"
            variant="primary"
            busy={saveRequest.status === 'pending'}
            busyLabel={t('reminders.saving')}
          >
            {t('reminders.save')}
          </Button>
          {saved ? (
            <span className="text-small" role="status">
              {t('reminders.saved')}
            </span>
          ) : null}
        </div>
      </form>
    </Panel>
  );
}
