// The reviewer's decision on one version of a review: request changes (saying what to change),
// approve, approve with conditions (each with an owner and a due date), or reject — each with a
// written rationale; approvals carry a re-review date. Where the DPO was consulted, the reviewer
// says whether the decision follows their advice, and why not when it does not. The form checks
// what is missing before sending; core checks the rules again and its refusal is shown as is.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { ReviewDetail } from '../../../electron/core/contract/views/reviews';
import { Banner } from '../../components/Banner';
import { Button } from '../../components/Button';
import { ChoiceGroup } from '../../components/ChoiceGroup';
import { Panel } from '../../components/Panel';
import { TextAreaField } from '../../components/TextAreaField';
import { TextField } from '../../components/TextField';
import { useStewardStore } from '../../state/store';
import { isCalendarDay } from '../../../electron/core/contract/dates';
import { requestOf } from '../../state/requests';
import { ErrorMessage } from '../../i18n/reasons';
import { formatDay } from '../../format';
import { SignDialog, type SignedFact } from './SignDialog';

export type DecisionKind = 'changesRequested' | 'approved' | 'approvedWithConditions' | 'rejected';

// The option's words (decision.options.<kind>) also name the button that records it.
const DECISION_KINDS: DecisionKind[] = ['changesRequested', 'approved', 'approvedWithConditions', 'rejected'];

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

type ErrorKey =
  | 'kind'
  | 'rationale'
  | 'change'
  | 'addChange'
  | 'addCondition'
  | 'conditionText'
  | 'conditionOwner'
  | 'conditionDue'
  | 'reReviewDate'
  | 'dpoFollowed'
  | 'dpoReason';

/** Per field, what is wrong: the message's key under decision.errors, and the row it is about. */
type Errors = Record<string, { key: ErrorKey; number?: number }>;

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
  const { t } = useTranslation('review');
  const { decideReview, requestReviewChanges, decideRequest, changesRequest, clearRequest } = useStewardStore(
    useShallow((s) => ({
      decideReview: s.decideReview,
      requestReviewChanges: s.requestReviewChanges,
      decideRequest: requestOf(s.requests, 'decideReview'),
      changesRequest: requestOf(s.requests, 'requestReviewChanges'),
      clearRequest: s.clearRequest,
    })),
  );
  const { summary, assessment } = detail;
  const dpoConsulted = assessment.summary.dpoConsulted === 'yes';
  const openFlags = assessment.openBlockingFlags.length;
  // A needed DPIA neither carried out nor exempted blocks approval as an open flag does (core checks it too).
  const dpiaOpen = detail.dpia.standing === 'open';
  const approvalBlocked = openFlags > 0 || dpiaOpen;

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
      found.kind = { key: 'kind' };
      return found;
    }
    if (rationale.trim() === '') found.rationale = { key: 'rationale' };
    if (kind === 'changesRequested') {
      changes.forEach((row, index) => {
        if (row.text.trim() === '') found[`change-${row.key}`] = { key: 'change', number: index + 1 };
      });
      if (changes.length === 0) found.addChange = { key: 'addChange' };
    }
    if (kind === 'approvedWithConditions') {
      if (conditions.length === 0) found.addCondition = { key: 'addCondition' };
      conditions.forEach((row, index) => {
        const number = index + 1;
        if (row.text.trim() === '') found[`condition-${row.key}-text`] = { key: 'conditionText', number };
        if (row.owner.trim() === '') found[`condition-${row.key}-owner`] = { key: 'conditionOwner', number };
        if (!isCalendarDay(row.dueDate)) found[`condition-${row.key}-due`] = { key: 'conditionDue', number };
      });
    }
    if (isApproval(kind) && !isCalendarDay(reReviewDate)) {
      found.reReviewDate = { key: 'reReviewDate' };
    }
    if (dpoConsulted && kind !== 'changesRequested') {
      if (dpoFollowed === null) found.dpoFollowed = { key: 'dpoFollowed' };
      else if (dpoFollowed === 'no' && dpoReason.trim() === '') found.dpoReason = { key: 'dpoReason' };
    }
    return found;
  };

  const shownErrors = errors ?? {};
  const error = (name: string) => {
    const found = shownErrors[name];
    return found ? t(`decision.errors.${found.key}`, { number: found.number }) : null;
  };

  // Every decision is signed: a form without problems opens the dialog that shows what will be signed.
  const [signing, setSigning] = useState(false);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    clearRequest('decideReview');
    clearRequest('requestReviewChanges');
    const found = validate();
    setErrors(found);
    if (Object.keys(found).length > 0) {
      requestAnimationFrame(() => summaryRef.current?.focus());
      return;
    }
    setSigning(true);
  };

  const sign = async () => {
    if (kind === 'changesRequested') {
      const result = await requestReviewChanges({
        reviewId: summary.reviewId,
        version: summary.version,
        rationale: rationale.trim(),
        requestedChanges: changes.map((row) => row.text.trim()),
      });
      if (result !== null) {
        setSigning(false);
        onDone(t('decision.doneChanges'));
      }
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
    if (result !== null) {
      setSigning(false);
      onDone(t('decision.done'));
    }
  };

  const refusal = decideRequest.error ?? changesRequest.error;
  const busy = decideRequest.status === 'pending' || changesRequest.status === 'pending';
  const action = kind === null ? t('decision.record') : t(`decision.options.${kind}`);
  const errorList = Object.keys(shownErrors);

  const none = t('sign.facts.none');
  const facts: SignedFact[] = [
    { label: t('sign.facts.title'), value: summary.title },
    { label: t('sign.facts.version'), value: String(summary.version) },
    { label: t('sign.facts.decision'), value: action },
    { label: t('sign.facts.rationale'), value: rationale.trim() },
    ...(kind === 'changesRequested'
      ? [
          {
            label: t('sign.facts.changes'),
            value: (
              <ul className="bullet-list">
                {changes.map((row) => (
                  <li key={row.key}>{row.text.trim()}</li>
                ))}
              </ul>
            ),
          },
        ]
      : []),
    ...(kind === 'approvedWithConditions'
      ? [
          {
            label: t('sign.facts.conditions'),
            value: (
              <ul className="bullet-list">
                {conditions.map((row) => (
                  <li key={row.key}>
                    {t('detail.timeline.conditionItem', {
                      text: row.text.trim(),
                      owner: row.owner.trim(),
                      due: isCalendarDay(row.dueDate) ? formatDay(row.dueDate) : row.dueDate,
                    })}
                  </li>
                ))}
              </ul>
            ),
          },
        ]
      : kind === 'approved'
        ? [{ label: t('sign.facts.conditions'), value: none }]
        : []),
    ...(kind !== null && isApproval(kind)
      ? [
          {
            label: t('sign.facts.reReview'),
            value: isCalendarDay(reReviewDate) ? formatDay(reReviewDate) : '',
          },
        ]
      : []),
  ];

  return (
    <Panel
      title={t('decision.title')}
      id={DECISION_FORM_ID}
      description={t('decision.description', { version: summary.version })}
    >
      <form className="form decision-form" noValidate onSubmit={submit} aria-label={t('decision.formLabel')}>
        {errorList.length > 0 ? (
          <div className="error-summary" ref={summaryRef} tabIndex={-1}>
            <Banner level="error" title={t('decision.errorSummary', { count: errorList.length })}>
              <ul className="error-summary__list">
                {errorList.map((name) => (
                  <li key={name}>
                    <a
                      href={`#${fieldId(name)}`}
                      onClick={(event) => {
                        event.preventDefault();
                        focusField(name);
                      }}
                    >
                      {error(name)}
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
          legend={<span className="choice-group__prompt">{t('decision.legend')}</span>}
          options={DECISION_KINDS.map((id) => ({
            id,
            text: t(`decision.options.${id}`),
            disabled: approvalBlocked && isApproval(id),
            hint: !isApproval(id)
              ? null
              : openFlags > 0
                ? t('decision.notPossible', { count: openFlags })
                : dpiaOpen
                  ? t('decision.notPossibleDpia')
                  : null,
          }))}
          selected={kind ? [kind] : []}
          onChange={(selected) => setKind((selected[0] as DecisionKind) ?? null)}
          error={error('kind')}
        />

        {kind !== null ? (
          <TextAreaField
            id={fieldId('rationale')}
            label={t('decision.rationale')}
            hint={
              kind === 'changesRequested' ? t('decision.rationaleHintChanges') : t('decision.rationaleHint')
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
            <legend className="row-list__legend">{t('decision.changesLegend')}</legend>
            {error('addChange') ? <p className="field__error">{error('addChange')}</p> : null}
            <ol className="row-list__rows">
              {changes.map((row, index) => (
                <li key={row.key} className="row-list__row">
                  <TextField
                    id={fieldId(`change-${row.key}`)}
                    label={t('decision.change', { number: index + 1 })}
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
                    aria-label={t('decision.removeChange', { number: index + 1 })}
                    onClick={() => {
                      setChanges((rows) => rows.filter((r) => r.key !== row.key));
                      focusAfterRender('addChange-button');
                    }}
                  >
                    {t('decision.remove')}
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
              {t('decision.addChange')}
            </Button>
          </fieldset>
        ) : null}

        {kind === 'approvedWithConditions' ? (
          <fieldset className="row-list" id={fieldId('addCondition')}>
            <legend className="row-list__legend">{t('decision.conditionsLegend')}</legend>
            <p className="field__hint">{t('decision.conditionsHint')}</p>
            {error('addCondition') ? <p className="field__error">{error('addCondition')}</p> : null}
            <ol className="row-list__rows">
              {conditions.map((row, index) => {
                const update = (patch: Partial<ConditionRow>) =>
                  setConditions((rows) => rows.map((r) => (r.key === row.key ? { ...r, ...patch } : r)));
                return (
                  <li key={row.key} className="row-list__row row-list__row--condition">
                    <fieldset className="condition-row">
                      <legend className="condition-row__legend">
                        {t('decision.conditionLegend', { number: index + 1 })}
                      </legend>
                      <TextField
                        id={fieldId(`condition-${row.key}-text`)}
                        label={t('decision.condition')}
                        required
                        maxLength={1000}
                        value={row.text}
                        onChange={(text) => update({ text })}
                        error={error(`condition-${row.key}-text`)}
                      />
                      <div className="condition-row__pair">
                        <TextField
                          id={fieldId(`condition-${row.key}-owner`)}
                          label={t('decision.owner')}
                          required
                          maxLength={200}
                          value={row.owner}
                          onChange={(owner) => update({ owner })}
                          error={error(`condition-${row.key}-owner`)}
                        />
                        <TextField
                          id={fieldId(`condition-${row.key}-due`)}
                          label={t('decision.dueDate')}
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
                        aria-label={t('decision.removeCondition', { number: index + 1 })}
                        onClick={() => {
                          setConditions((rows) => rows.filter((r) => r.key !== row.key));
                          focusAfterRender('addCondition-button');
                        }}
                      >
                        {t('decision.remove')}
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
              {t('decision.addCondition')}
            </Button>
          </fieldset>
        ) : null}

        {isApproval(kind) ? (
          <TextField
            id={fieldId('reReviewDate')}
            className="field--short"
            label={t('decision.reReviewDate')}
            hint={t('decision.reReviewHint')}
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
              legend={<span className="choice-group__prompt">{t('decision.dpoLegend')}</span>}
              description={
                assessment.summary.dpoAdvice ? (
                  <blockquote className="quote">
                    <p className="quote__label">{t('decision.dpoQuote')}</p>
                    <p>{assessment.summary.dpoAdvice}</p>
                  </blockquote>
                ) : undefined
              }
              options={[
                { id: 'yes', text: t('decision.dpoYes') },
                { id: 'no', text: t('decision.dpoNo') },
              ]}
              selected={dpoFollowed ? [dpoFollowed] : []}
              onChange={(selected) => setDpoFollowed((selected[0] as 'yes' | 'no') ?? null)}
              error={error('dpoFollowed')}
            />
            {dpoFollowed === 'no' ? (
              <TextAreaField
                id={fieldId('dpoReason')}
                label={t('decision.dpoReason')}
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

        {refusal && !signing ? (
          <Banner level="error" title={t('decision.refused')}>
            <ErrorMessage error={refusal} />
          </Banner>
        ) : null}
        <div className="button-row">
          <Button
            type="submit"
            variant={kind === 'rejected' ? 'danger' : 'primary'}
            busy={busy}
            busyLabel={t('decision.busy')}
          >
            {action}
          </Button>
        </div>
        <SignDialog
          open={signing}
          title={t('sign.decideTitle', { version: summary.version })}
          facts={facts}
          confirmLabel={t('sign.decideConfirm')}
          busy={busy}
          error={
            refusal ? (
              <Banner level="error" title={t('decision.refused')}>
                <ErrorMessage error={refusal} />
              </Banner>
            ) : undefined
          }
          onConfirm={() => void sign()}
          onClose={() => setSigning(false)}
        />
      </form>
    </Panel>
  );
}
