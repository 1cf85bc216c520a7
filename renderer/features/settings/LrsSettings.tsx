// Sending completions to a learning record store (LRS) as xAPI statements. Steward queues each
// statement in an outbox and sends it when the LRS can be reached, retrying with backoff; a
// statement the LRS refuses (a 400) will not get better by retrying, so it is listed instead.
// The secret is write-only: the page is only told whether one is stored. A self-contained panel;
// the settings screen places it.
import '../../styles/records.css';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { LrsView } from '../../../electron/core/contract/views/records';
import { Banner } from '../../components/Banner';
import { Button } from '../../components/Button';
import { CheckboxField } from '../../components/CheckboxField';
import { ConfirmButton } from '../../components/ConfirmButton';
import { DataTable } from '../../components/DataTable';
import { Panel } from '../../components/Panel';
import { Spinner } from '../../components/Spinner';
import { TextField } from '../../components/TextField';
import { formatDateTime, formatNumber } from '../../format';
import type { LrsInput } from '../../state/recordsSlice';
import { useStewardStore } from '../../state/store';
import { requestOf } from '../../state/requests';
import { ErrorMessage } from '../../i18n/reasons';

type FieldName = 'endpoint' | 'key' | 'secret';
const FIELDS: readonly FieldName[] = ['endpoint', 'key', 'secret'];

/**
 * Core reports a refused argument as "setLrs: endpoint: problem; key: problem": each problem
 * goes under its field, anything else above the form.
 */
export function splitLrsError(message: string): {
  fields: Partial<Record<FieldName, string>>;
  other: string | null;
} {
  const fields: Partial<Record<FieldName, string>> = {};
  const other: string[] = [];
  for (const part of message.replace(/^setLrs:\s*/, '').split('; ')) {
    const match = /^(\w+): (.+)$/.exec(part);
    const field = FIELDS.find((name) => name === match?.[1]);
    if (match && field) fields[field] = match[2]!;
    else other.push(part);
  }
  return { fields, other: other.length > 0 ? other.join('; ') : null };
}

function when(iso: string | null, none: string) {
  return iso ? <time dateTime={iso}>{formatDateTime(iso)}</time> : <span className="text-muted">{none}</span>;
}

function Outbox({ lrs }: { lrs: LrsView }) {
  const { t } = useTranslation('records');
  const { sendLrsNow, sendRequest } = useStewardStore(
    useShallow((s) => ({ sendLrsNow: s.sendLrsNow, sendRequest: requestOf(s.requests, 'sendLrsNow') })),
  );
  const canSend = lrs.enabled && lrs.endpoint !== '';
  return (
    <section className="lrs-outbox" aria-labelledby="lrs-outbox-title">
      <h3 id="lrs-outbox-title" className="lrs-outbox__title">
        {t('lrs.outbox.title')}
      </h3>
      <dl className="lrs-counts">
        <div className="surface-outline lrs-counts__item">
          <dt>{t('lrs.outbox.waiting')}</dt>
          <dd>{formatNumber(lrs.outbox.pending)}</dd>
        </div>
        <div className="surface-outline lrs-counts__item">
          <dt>{t('lrs.outbox.sent')}</dt>
          <dd>{formatNumber(lrs.outbox.sent)}</dd>
        </div>
        <div
          className={[
            'surface-outline lrs-counts__item',
            lrs.outbox.failed > 0 ? 'lrs-counts__item--error' : '',
          ].join(' ')}
        >
          <dt>{t('lrs.outbox.refused')}</dt>
          <dd>{formatNumber(lrs.outbox.failed)}</dd>
        </div>
      </dl>
      <dl className="details details--compact">
        <div className="details__row">
          <dt>{t('lrs.outbox.lastAttempt')}</dt>
          <dd>{when(lrs.lastAttemptAt, t('lrs.outbox.never'))}</dd>
        </div>
        <div className="details__row">
          <dt>{t('lrs.outbox.lastSent')}</dt>
          <dd>{when(lrs.lastSentAt, t('lrs.outbox.nothingSent'))}</dd>
        </div>
        <div className="details__row">
          <dt>{t('lrs.outbox.nextAttempt')}</dt>
          <dd>
            {when(lrs.nextAttemptAt, t(lrs.enabled ? 'lrs.outbox.whenWaiting' : 'lrs.outbox.sendingOff'))}
          </dd>
        </div>
      </dl>
      {lrs.lastError ? (
        <Banner level="warning" title={t('lrs.outbox.lastError')}>
          <p>{lrs.lastError}</p>
        </Banner>
      ) : null}
      <div className="button-row">
        <Button
          icon="arrowRight"
          disabled={!canSend}
          aria-describedby={canSend ? undefined : 'lrs-send-why'}
          busy={sendRequest.status === 'pending'}
          busyLabel={t('lrs.outbox.sending')}
          onClick={() => void sendLrsNow()}
        >
          {t('lrs.outbox.send')}
        </Button>
        {canSend ? null : (
          <p className="text-muted text-small" id="lrs-send-why">
            {t('lrs.outbox.sendWhy')}
          </p>
        )}
      </div>
      {sendRequest.error ? (
        <Banner level="error" title={t('lrs.outbox.sendFailed')}>
          <ErrorMessage error={sendRequest.error} />
        </Banner>
      ) : null}
      {sendRequest.status === 'succeeded' ? (
        <p className="text-small" role="status">
          {t('lrs.outbox.sendFinished', { count: lrs.outbox.pending })}
        </p>
      ) : null}
      {lrs.refused.length > 0 ? (
        <div className="stack stack--tight">
          <p className="text-small">{t('lrs.outbox.refusedBody')}</p>
          <DataTable
            label={t('lrs.outbox.refusedLabel')}
            columns={[t('lrs.outbox.statement'), t('lrs.outbox.reason')]}
          >
            {lrs.refused.map((item) => (
              <tr key={item.statementId}>
                <td>
                  <code className="mono-text">{item.statementId}</code>
                </td>
                <td>{item.reason}</td>
              </tr>
            ))}
          </DataTable>
        </div>
      ) : null}
    </section>
  );
}

function LrsForm({ lrs }: { lrs: LrsView }) {
  const { t } = useTranslation('records');
  const { saveLrs, saveRequest, clearRequest } = useStewardStore(
    useShallow((s) => ({
      saveLrs: s.saveLrs,
      saveRequest: requestOf(s.requests, 'setLrs'),
      clearRequest: s.clearRequest,
    })),
  );
  const [endpoint, setEndpoint] = useState(lrs.endpoint);
  const [key, setKey] = useState(lrs.key);
  const [secret, setSecret] = useState('');
  const [enabled, setEnabled] = useState(lrs.enabled);
  const [saved, setSaved] = useState<string | null>(null);
  const [endpointMissing, setEndpointMissing] = useState(false);
  const endpointRef = useRef<HTMLInputElement>(null);
  const keyRef = useRef<HTMLInputElement>(null);
  const secretRef = useRef<HTMLInputElement>(null);

  const problems = saveRequest.error ? splitLrsError(saveRequest.error.message) : { fields: {}, other: null };
  const busy = saveRequest.status === 'pending';

  const save = async (input: LrsInput, message: string) => {
    setSaved(null);
    const result = await saveLrs(input);
    if (result === null) {
      const { fields } = splitLrsError(
        requestOf(useStewardStore.getState().requests, 'setLrs').error?.message ?? '',
      );
      const first = fields.endpoint ? endpointRef : fields.key ? keyRef : fields.secret ? secretRef : null;
      first?.current?.focus();
      return;
    }
    setSecret('');
    setSaved(message);
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    if (enabled && endpoint.trim() === '') {
      // Said here rather than by core: an empty endpoint is valid, it just cannot be sent to.
      clearRequest('setLrs');
      setSaved(null);
      endpointRef.current?.focus();
      setEndpointMissing(true);
      return;
    }
    setEndpointMissing(false);
    const input: LrsInput = { endpoint: endpoint.trim(), key: key.trim(), enabled };
    if (secret !== '') input.secret = secret;
    void save(input, t('lrs.form.saved'));
  };

  return (
    <form className="form lrs-form" onSubmit={submit} noValidate>
      {problems.other ? (
        <Banner level="error" title={t('lrs.form.notSaved')}>
          <p>{problems.other}</p>
        </Banner>
      ) : null}
      <TextField
        ref={endpointRef}
        label={t('lrs.form.endpoint')}
        type="url"
        inputMode="url"
        autoComplete="off"
        spellCheck={false}
        monospace
        value={endpoint}
        onChange={(value) => {
          setEndpoint(value);
          setEndpointMissing(false);
        }}
        hint={t('lrs.form.endpointHint')}
        error={endpointMissing ? t('lrs.form.endpointMissing') : (problems.fields.endpoint ?? null)}
        required={enabled}
      />
      <TextField
        ref={keyRef}
        label={t('lrs.form.key')}
        autoComplete="off"
        spellCheck={false}
        value={key}
        onChange={setKey}
        hint={t('lrs.form.keyHint')}
        error={problems.fields.key ?? null}
      />
      <TextField
        ref={secretRef}
        label={t('lrs.form.secret')}
        type="password"
        autoComplete="new-password"
        value={secret}
        onChange={setSecret}
        hint={
          lrs.hasSecret
            ? t(lrs.secretProtection === 'os' ? 'lrs.form.secretStoredOs' : 'lrs.form.secretStoredFile')
            : t('lrs.form.secretHint')
        }
        error={problems.fields.secret ?? null}
      />
      <CheckboxField
        label={t('lrs.form.enabled')}
        hint={t('lrs.form.enabledHint')}
        checked={enabled}
        onChange={setEnabled}
      />
      <div className="button-row">
        <Button type="submit" variant="primary" busy={busy} busyLabel={t('lrs.form.saving')}>
          {t('lrs.form.save')}
        </Button>
        {lrs.hasSecret ? (
          <ConfirmButton
            question={t('lrs.form.forgetQuestion')}
            confirmLabel={t('lrs.form.forget')}
            busy={busy}
            onConfirm={() =>
              void save(
                { endpoint: lrs.endpoint, key: lrs.key, enabled: lrs.enabled, secret: '' },
                t('lrs.form.forgotten'),
              )
            }
          >
            {t('lrs.form.forget')}
          </ConfirmButton>
        ) : null}
      </div>
      <p className="text-small" role="status">
        {saved ?? ''}
      </p>
    </form>
  );
}

export function LrsSettings() {
  const { t } = useTranslation('records');
  const { lrs, request, loadLrs } = useStewardStore(
    useShallow((s) => ({ lrs: s.lrs, request: requestOf(s.requests, 'getLrs'), loadLrs: s.loadLrs })),
  );
  useEffect(() => {
    void loadLrs();
  }, [loadLrs]);

  return (
    <Panel title={t('lrs.title')} description={<p>{t('lrs.description')}</p>}>
      {lrs === null && request.error ? (
        <Banner
          level="error"
          title={t('lrs.readFailed')}
          actions={
            <Button size="sm" onClick={() => void loadLrs()}>
              {t('lrs.tryAgain')}
            </Button>
          }
        >
          <ErrorMessage error={request.error} />
        </Banner>
      ) : null}
      {lrs === null && !request.error ? <Spinner label={t('lrs.loading')} /> : null}
      {lrs ? (
        <div className="stack">
          <LrsForm lrs={lrs} />
          <Outbox lrs={lrs} />
        </div>
      ) : null}
    </Panel>
  );
}
