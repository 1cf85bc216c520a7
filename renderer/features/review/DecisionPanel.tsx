// The reviewer's decision on one version of a review: request changes (saying what to change),
// approve, approve with conditions (each with an owner and a due date), or reject — each with a
// written rationale; approvals carry a re-review date. Where the DPO was consulted, the reviewer
// says whether the decision follows their advice, and why not when it does not. The form checks
// what is missing before sending; core checks the rules again and its refusal is shown as is.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ReviewDetail } from '../../../electron/core/contract';
import { Banner } from '../../components/Banner';
import { Button } from '../../components/Button';
import { ChoiceGroup } from '../../components/ChoiceGroup';
import { Panel } from '../../components/Panel';
import { TextAreaField } from '../../components/TextAreaField';
import { TextField } from '../../components/TextField';
import { plural } from '../../format';
import { useStewardStore } from '../../state/store';

export type DecisionKind = 'changesRequested' | 'approved' | 'approvedWithConditions' | 'rejected';

const DECISION_OPTIONS: { id: DecisionKind; text: string; action: string }[] = [
  { id: 'changesRequested', text: 'Request changes', action: 'Request changes' },
  { id: 'approved', text: 'Approve', action: 'Approve' },
  { id: 'approvedWithConditions', text: 'Approve with conditions', action: 'Approve with conditions' },
  { id: 'rejected', text: 'Reject', action: 'Reject' },
];

interface ConditionRow {
  key: number;
  text: string;
  owner: string;
  dueDate: string;
}

interface ChangeRow {
  key: number;
  text: string;
}

type Errors = Record<string, string>;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export const DECISION_FORM_ID = 'decision-form';

function fieldId(name: string): string {
  return `decision-${name}`;
}

function focusField(name: string) {
  const element = document.getElementById(fieldId(name));
  const control = element?.matches('input, textarea, button')
    ? element
    : element?.querySelector<HTMLElement>('input, textarea');
  element?.scrollIntoView?.({ block: 'center' });
  control?.focus();
}

function isApproval(kind: DecisionKind | null): boolean {
  return kind === 'approved' || kind === 'approvedWithConditions';
}

export function DecisionPanel({
  detail,
  onDone,
}: {
  detail: ReviewDetail;
  onDone: (message: string) => void;
}) {
  const { decideReview, requestReviewChanges, decideRequest, changesRequest, clearRequest } = useStewardStore(
    useShallow((s) => ({
      decideReview: s.decideReview,
      requestReviewChanges: s.requestReviewChanges,
      decideRequest: s.requests.decideReview,
      changesRequest: s.requests.requestReviewChanges,
      clearRequest: s.clearRequest,
    })),
  );
  const { summary, assessment } = detail;
  const dpoConsulted = assessment.summary.dpoConsulted === 'yes';
  const openFlags = assessment.openBlockingFlags.length;

  const [kind, setKind] = useState<DecisionKind | null>(null);
  const [rationale, setRationale] = useState('');
  const nextKey = useRef(2);
  const [changes, setChanges] = useState<ChangeRow[]>([{ key: 1, text: '' }]);
  const [conditions, setConditions] = useState<ConditionRow[]>([
    { key: 1, text: '', owner: '', dueDate: '' },
  ]);
  const [reReviewDate, setReReviewDate] = useState('');
  const [dpoFollowed, setDpoFollowed] = useState<'yes' | 'no' | null>(null);
  const [dpoReason, setDpoReason] = useState('');
  const [errors, setErrors] = useState<Errors | null>(null);
  // A row just added or removed: focus goes to its first field (or to the Add button) once painted.
  const pendingFocus = useRef<string | null>(null);
  const summaryRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (pendingFocus.current === null) return;
    focusField(pendingFocus.current);
    pendingFocus.current = null;
  });

  const focusAfterRender = (name: string) => {
    pendingFocus.current = name;
  };

  const validate = (): Errors => {
    const found: Errors = {};
    if (kind === null) {
      found.kind = 'Choose a decision.';
      return found;
    }
    if (rationale.trim() === '') found.rationale = 'Write the rationale for this decision.';
    if (kind === 'changesRequested') {
      changes.forEach((row, index) => {
        if (row.text.trim() === '')
          found[`change-${row.key}`] = `Say what change ${index + 1} is, or remove it.`;
      });
      if (changes.length === 0) found.addChange = 'Add at least one change the submitter should make.';
    }
    if (kind === 'approvedWithConditions') {
      if (conditions.length === 0) found.addCondition = 'Add at least one condition.';
      conditions.forEach((row, index) => {
        const n = index + 1;
        if (row.text.trim() === '') found[`condition-${row.key}-text`] = `Write condition ${n}.`;
        if (row.owner.trim() === '') found[`condition-${row.key}-owner`] = `Name who owns condition ${n}.`;
        if (!ISO_DATE.test(row.dueDate))
          found[`condition-${row.key}-due`] = `Give condition ${n} a due date.`;
      });
    }
    if (isApproval(kind) && !ISO_DATE.test(reReviewDate)) {
      found.reReviewDate = 'Set the date by which this use is reviewed again.';
    }
    if (dpoConsulted && kind !== 'changesRequested') {
      if (dpoFollowed === null) found.dpoFollowed = "Say whether this decision follows the DPO's advice.";
      else if (dpoFollowed === 'no' && dpoReason.trim() === '')
        found.dpoReason = "Say why the decision departs from the DPO's advice.";
    }
    return found;
  };

  const shownErrors = errors ?? {};
  const error = (name: string) => shownErrors[name] ?? null;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    clearRequest('decideReview');
    clearRequest('requestReviewChanges');
    const found = validate();
    setErrors(found);
    if (Object.keys(found).length > 0) {
      requestAnimationFrame(() => summaryRef.current?.focus());
      return;
    }
    if (kind === 'changesRequested') {
      const result = await requestReviewChanges({
        reviewId: summary.reviewId,
        version: summary.version,
        rationale: rationale.trim(),
        requestedChanges: changes.map((row) => row.text.trim()),
      });
      if (result !== null) onDone('Your request for changes was recorded and signed.');
      return;
    }
    const result = await decideReview({
      reviewId: summary.reviewId,
      version: summary.version,
      decision: kind!,
      rationale: rationale.trim(),
      conditions:
        kind === 'approvedWithConditions'
          ? conditions.map((row) => ({
              text: row.text.trim(),
              owner: row.owner.trim(),
              dueDate: row.dueDate,
            }))
          : [],
      reReviewDate: isApproval(kind) ? reReviewDate : null,
      dpoAdvice: dpoConsulted
        ? dpoFollowed === 'yes'
          ? { followed: true }
          : { followed: false, reason: dpoReason.trim() }
        : null,
    });
    if (result !== null) onDone('Your decision was recorded and signed.');
  };

  const refusal = decideRequest.error ?? changesRequest.error;
  const busy = decideRequest.status === 'pending' || changesRequest.status === 'pending';
  const action = DECISION_OPTIONS.find((option) => option.id === kind)?.action ?? 'Record decision';
  const errorList = Object.entries(shownErrors);

  return (
    <Panel
      title="Decision"
      id={DECISION_FORM_ID}
      description={`On version ${summary.version}. Every decision needs a written rationale; it is signed into your ledger and cannot be changed afterwards.`}
    >
      <form
        className="form decision-form"
        noValidate
        onSubmit={(event) => void submit(event)}
        aria-label="Decision"
      >
        {errorList.length > 0 ? (
          <div className="error-summary" ref={summaryRef} tabIndex={-1}>
            <Banner
              level="error"
              title={`${plural(errorList.length, 'thing')} to fix before recording the decision`}
            >
              <ul className="error-summary__list">
                {errorList.map(([name, message]) => (
                  <li key={name}>
                    <a
                      href={`#${fieldId(name)}`}
                      onClick={(event) => {
                        event.preventDefault();
                        focusField(name);
                      }}
                    >
                      {message}
                    </a>
                  </li>
                ))}
              </ul>
            </Banner>
          </div>
        ) : null}

        <ChoiceGroup
          id={fieldId('kind')}
          name="decision"
          type="single"
          legend={<span className="choice-group__prompt">Your decision</span>}
          options={DECISION_OPTIONS.map((option) => ({
            id: option.id,
            text: option.text,
            disabled: openFlags > 0 && isApproval(option.id),
            hint:
              openFlags > 0 && isApproval(option.id)
                ? `Not possible while ${plural(openFlags, 'blocking flag is', 'blocking flags are')} open.`
                : null,
          }))}
          selected={kind ? [kind] : []}
          onChange={(selected) => setKind((selected[0] as DecisionKind) ?? null)}
          error={error('kind')}
        />

        {kind !== null ? (
          <TextAreaField
            id={fieldId('rationale')}
            label="Rationale"
            hint={
              kind === 'changesRequested'
                ? 'Why the review cannot be decided as it stands.'
                : 'The reasons for this decision, for the submitter and for the record.'
            }
            required
            rows={4}
            maxLength={4000}
            value={rationale}
            onChange={setRationale}
            error={error('rationale')}
          />
        ) : null}

        {kind === 'changesRequested' ? (
          <fieldset className="row-list" id={fieldId('addChange')}>
            <legend className="row-list__legend">What should change</legend>
            {error('addChange') ? <p className="field__error">{error('addChange')}</p> : null}
            <ol className="row-list__rows">
              {changes.map((row, index) => (
                <li key={row.key} className="row-list__row">
                  <TextField
                    id={fieldId(`change-${row.key}`)}
                    label={`Change ${index + 1}`}
                    required
                    maxLength={1000}
                    value={row.text}
                    onChange={(text) =>
                      setChanges((rows) => rows.map((r) => (r.key === row.key ? { ...r, text } : r)))
                    }
                    error={error(`change-${row.key}`)}
                  />
                  <Button
                    size="sm"
                    variant="ghost"
                    className="row-list__remove"
                    aria-label={`Remove change ${index + 1}`}
                    onClick={() => {
                      setChanges((rows) => rows.filter((r) => r.key !== row.key));
                      focusAfterRender('addChange-button');
                    }}
                  >
                    Remove
                  </Button>
                </li>
              ))}
            </ol>
            <Button
              id={fieldId('addChange-button')}
              size="sm"
              onClick={() => {
                const key = nextKey.current++;
                setChanges((rows) => [...rows, { key, text: '' }]);
                focusAfterRender(`change-${key}`);
              }}
            >
              Add another change
            </Button>
          </fieldset>
        ) : null}

        {kind === 'approvedWithConditions' ? (
          <fieldset className="row-list" id={fieldId('addCondition')}>
            <legend className="row-list__legend">Conditions</legend>
            <p className="field__hint">Each condition is tracked with its owner and due date.</p>
            {error('addCondition') ? <p className="field__error">{error('addCondition')}</p> : null}
            <ol className="row-list__rows">
              {conditions.map((row, index) => {
                const update = (patch: Partial<ConditionRow>) =>
                  setConditions((rows) => rows.map((r) => (r.key === row.key ? { ...r, ...patch } : r)));
                return (
                  <li key={row.key} className="row-list__row row-list__row--condition">
                    <fieldset className="condition-row">
                      <legend className="condition-row__legend">Condition {index + 1}</legend>
                      <TextField
                        id={fieldId(`condition-${row.key}-text`)}
                        label="Condition"
                        required
                        maxLength={1000}
                        value={row.text}
                        onChange={(text) => update({ text })}
                        error={error(`condition-${row.key}-text`)}
                      />
                      <div className="condition-row__pair">
                        <TextField
                          id={fieldId(`condition-${row.key}-owner`)}
                          label="Owner"
                          required
                          maxLength={200}
                          value={row.owner}
                          onChange={(owner) => update({ owner })}
                          error={error(`condition-${row.key}-owner`)}
                        />
                        <TextField
                          id={fieldId(`condition-${row.key}-due`)}
                          label="Due date"
                          type="date"
                          required
                          value={row.dueDate}
                          onChange={(dueDate) => update({ dueDate })}
                          error={error(`condition-${row.key}-due`)}
                        />
                      </div>
                      <Button
                        size="sm"
                        variant="ghost"
                        aria-label={`Remove condition ${index + 1}`}
                        onClick={() => {
                          setConditions((rows) => rows.filter((r) => r.key !== row.key));
                          focusAfterRender('addCondition-button');
                        }}
                      >
                        Remove
                      </Button>
                    </fieldset>
                  </li>
                );
              })}
            </ol>
            <Button
              id={fieldId('addCondition-button')}
              size="sm"
              onClick={() => {
                const key = nextKey.current++;
                setConditions((rows) => [...rows, { key, text: '', owner: '', dueDate: '' }]);
                focusAfterRender(`condition-${key}-text`);
              }}
            >
              Add a condition
            </Button>
          </fieldset>
        ) : null}

        {isApproval(kind) ? (
          <TextField
            id={fieldId('reReviewDate')}
            className="field--short"
            label="Re-review date"
            hint="After this date the review shows as due for re-review."
            type="date"
            required
            value={reReviewDate}
            onChange={setReReviewDate}
            error={error('reReviewDate')}
          />
        ) : null}

        {dpoConsulted && kind !== null && kind !== 'changesRequested' ? (
          <div className="dpo-advice">
            <ChoiceGroup
              id={fieldId('dpoFollowed')}
              name="dpo-followed"
              type="single"
              legend={
                <span className="choice-group__prompt">Does this decision follow the DPO&apos;s advice?</span>
              }
              description={
                assessment.summary.dpoAdvice ? (
                  <blockquote className="quote">
                    <p className="quote__label">The DPO&apos;s advice, as the submitter recorded it:</p>
                    <p>{assessment.summary.dpoAdvice}</p>
                  </blockquote>
                ) : undefined
              }
              options={[
                { id: 'yes', text: 'Yes, it follows the advice' },
                { id: 'no', text: 'No, it departs from the advice' },
              ]}
              selected={dpoFollowed ? [dpoFollowed] : []}
              onChange={(selected) => setDpoFollowed((selected[0] as 'yes' | 'no') ?? null)}
              error={error('dpoFollowed')}
            />
            {dpoFollowed === 'no' ? (
              <TextAreaField
                id={fieldId('dpoReason')}
                label="Why the decision departs from the DPO's advice"
                required
                rows={3}
                maxLength={4000}
                value={dpoReason}
                onChange={setDpoReason}
                error={error('dpoReason')}
              />
            ) : null}
          </div>
        ) : null}

        {refusal ? (
          <Banner level="error" title="Steward did not record this decision">
            <p>{refusal.message}</p>
          </Banner>
        ) : null}
        <div className="button-row">
          <Button
            type="submit"
            variant={kind === 'rejected' ? 'danger' : 'primary'}
            busy={busy}
            busyLabel="Recording…"
          >
            {action}
          </Button>
        </div>
      </form>
    </Panel>
  );
}
