// Sending completions to a learning record store (LRS) as xAPI statements. Steward queues each
// statement in an outbox and sends it when the LRS can be reached, retrying with backoff; a
// statement the LRS refuses (a 400) will not get better by retrying, so it is listed instead.
// The secret is write-only: the page is only told whether one is stored. A self-contained panel;
// the settings screen places it.
import '../../styles/records.css';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { LrsView } from '../../../electron/core/contract';
import { Banner } from '../../components/Banner';
import { Button } from '../../components/Button';
import { CheckboxField } from '../../components/CheckboxField';
import { ConfirmButton } from '../../components/ConfirmButton';
import { DataTable } from '../../components/DataTable';
import { Panel } from '../../components/Panel';
import { Spinner } from '../../components/Spinner';
import { TextField } from '../../components/TextField';
import { formatDateTime } from '../../format';
import type { LrsInput } from '../../state/recordsSlice';
import { useStewardStore } from '../../state/store';

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
  const { sendLrsNow, sendRequest } = useStewardStore(
    useShallow((s) => ({ sendLrsNow: s.sendLrsNow, sendRequest: s.recordsRequests.sendLrsNow })),
  );
  const canSend = lrs.enabled && lrs.endpoint !== '';
  return (
    <section className="lrs-outbox" aria-labelledby="lrs-outbox-title">
      <h3 id="lrs-outbox-title" className="lrs-outbox__title">
        Outbox
      </h3>
      <dl className="lrs-counts">
        <div className="lrs-counts__item">
          <dt>Waiting</dt>
          <dd>{lrs.outbox.pending.toLocaleString()}</dd>
        </div>
        <div className="lrs-counts__item">
          <dt>Sent</dt>
          <dd>{lrs.outbox.sent.toLocaleString()}</dd>
        </div>
        <div
          className={['lrs-counts__item', lrs.outbox.failed > 0 ? 'lrs-counts__item--error' : ''].join(' ')}
        >
          <dt>Refused</dt>
          <dd>{lrs.outbox.failed.toLocaleString()}</dd>
        </div>
      </dl>
      <dl className="details details--compact">
        <div className="details__row">
          <dt>Last attempt</dt>
          <dd>{when(lrs.lastAttemptAt, 'Never')}</dd>
        </div>
        <div className="details__row">
          <dt>Last sent</dt>
          <dd>{when(lrs.lastSentAt, 'Nothing sent yet')}</dd>
        </div>
        <div className="details__row">
          <dt>Next attempt</dt>
          <dd>{when(lrs.nextAttemptAt, lrs.enabled ? 'When something is waiting' : 'Sending is off')}</dd>
        </div>
      </dl>
      {lrs.lastError ? (
        <Banner level="warning" title="The last attempt did not reach the LRS">
          <p>{lrs.lastError}</p>
        </Banner>
      ) : null}
      <div className="button-row">
        <Button
          icon="arrowRight"
          disabled={!canSend}
          aria-describedby={canSend ? undefined : 'lrs-send-why'}
          busy={sendRequest.status === 'pending'}
          busyLabel="Sending…"
          onClick={() => void sendLrsNow()}
        >
          Send now
        </Button>
        {canSend ? null : (
          <p className="text-muted text-small" id="lrs-send-why">
            Save an endpoint and turn sending on first.
          </p>
        )}
      </div>
      {sendRequest.error ? (
        <Banner level="error" title="Nothing was sent">
          <p>{sendRequest.error.message}</p>
        </Banner>
      ) : null}
      {sendRequest.status === 'succeeded' ? (
        <p className="text-small" role="status">
          Send finished: {lrs.outbox.pending.toLocaleString()} still waiting.
        </p>
      ) : null}
      {lrs.refused.length > 0 ? (
        <div className="stack stack--tight">
          <p className="text-small">
            The LRS refused these statements. Retrying will not help: the reason says what it objected to.
          </p>
          <DataTable label="Statements the LRS refused" columns={['Statement', 'Reason']}>
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
  const { saveLrs, saveRequest, clearRecordsRequest } = useStewardStore(
    useShallow((s) => ({
      saveLrs: s.saveLrs,
      saveRequest: s.recordsRequests.saveLrs,
      clearRecordsRequest: s.clearRecordsRequest,
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
        useStewardStore.getState().recordsRequests.saveLrs.error?.message ?? '',
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
      clearRecordsRequest('saveLrs');
      setSaved(null);
      endpointRef.current?.focus();
      setEndpointMissing(true);
      return;
    }
    setEndpointMissing(false);
    const input: LrsInput = { endpoint: endpoint.trim(), key: key.trim(), enabled };
    if (secret !== '') input.secret = secret;
    void save(input, 'LRS settings saved.');
  };

  return (
    <form className="form lrs-form" onSubmit={submit} noValidate>
      {problems.other ? (
        <Banner level="error" title="The settings were not saved">
          <p>{problems.other}</p>
        </Banner>
      ) : null}
      <TextField
        ref={endpointRef}
        label="Endpoint"
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
        hint="The LRS's xAPI address, e.g. https://lrs.example.com/xapi/. Use https:// (http:// only for a server on this computer)."
        error={
          endpointMissing
            ? 'Enter the endpoint to send statements to, or turn sending off.'
            : (problems.fields.endpoint ?? null)
        }
        required={enabled}
      />
      <TextField
        ref={keyRef}
        label="Key"
        autoComplete="off"
        spellCheck={false}
        value={key}
        onChange={setKey}
        hint="The user name of the LRS's basic authentication."
        error={problems.fields.key ?? null}
      />
      <TextField
        ref={secretRef}
        label="Secret"
        type="password"
        autoComplete="new-password"
        value={secret}
        onChange={setSecret}
        hint={
          lrs.hasSecret
            ? `A secret is stored (${lrs.secretProtection === 'os' ? 'in your operating system keychain' : 'in a file only you can read'}). Leave blank to keep the stored secret.`
            : 'The password of the LRS key. Stored on this computer only, never in the workspace.'
        }
        error={problems.fields.secret ?? null}
      />
      <CheckboxField
        label="Send completions to this LRS"
        hint="While off, statements wait in the outbox and nothing leaves this computer."
        checked={enabled}
        onChange={setEnabled}
      />
      <div className="button-row">
        <Button type="submit" variant="primary" busy={busy} busyLabel="Saving…">
          Save
        </Button>
        {lrs.hasSecret ? (
          <ConfirmButton
            question="Forget the stored secret?"
            confirmLabel="Forget secret"
            busy={busy}
            onConfirm={() =>
              void save(
                { endpoint: lrs.endpoint, key: lrs.key, enabled: lrs.enabled, secret: '' },
                'The secret is forgotten.',
              )
            }
          >
            Forget secret
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
  const { lrs, request, loadLrs } = useStewardStore(
    useShallow((s) => ({ lrs: s.lrs, request: s.recordsRequests.lrs, loadLrs: s.loadLrs })),
  );
  useEffect(() => {
    void loadLrs();
  }, [loadLrs]);

  return (
    <Panel
      title="Learning record store"
      description={
        <p>
          Steward can send each training completion as an xAPI statement to your organisation&apos;s LRS. The
          ledger stays the record; the LRS gets a copy.
        </p>
      }
    >
      {lrs === null && request.error ? (
        <Banner
          level="error"
          title="The LRS settings could not be read"
          actions={
            <Button size="sm" onClick={() => void loadLrs()}>
              Try again
            </Button>
          }
        >
          <p>{request.error.message}</p>
        </Banner>
      ) : null}
      {lrs === null && !request.error ? <Spinner label="Reading the LRS settings…" /> : null}
      {lrs ? (
        <div className="stack">
          <LrsForm lrs={lrs} />
          <Outbox lrs={lrs} />
        </div>
      ) : null}
    </Panel>
  );
}
