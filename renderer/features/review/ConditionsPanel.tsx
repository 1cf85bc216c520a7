// The conditions of an approval: each with its owner, due date and state (met, with who marked it
// and what was done; open; or overdue). When core allows this profile to (allowed.meetConditions:
// the submitter or a reviewer, while a condition is open), each open condition has a small form
// to record what was done. Whether a condition is met or overdue, and who may mark it, is core's.
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { ReviewCondition, ReviewDetail } from '../../../electron/core/contract/views/reviews';
import { Banner } from '../../components/Banner';
import { Button } from '../../components/Button';
import { Panel } from '../../components/Panel';
import { TextAreaField } from '../../components/TextAreaField';
import { formatDate, formatDay } from '../../format';
import { useStewardStore } from '../../state/store';
import { requestOf } from '../../state/requests';
import { ErrorMessage } from '../../i18n/reasons';

const statusId = (conditionId: string) => `condition-status-${conditionId}`;

function MeetForm({
  detail,
  condition,
  active,
  onSubmitting,
  onMet,
}: {
  detail: ReviewDetail;
  condition: ReviewCondition;
  /** Whether this form sent the last request: only then are its busy state and error this form's. */
  active: boolean;
  onSubmitting: () => void;
  onMet: () => void;
}) {
  const { t } = useTranslation('review');
  const { markConditionMet, request } = useStewardStore(
    useShallow((s) => ({
      markConditionMet: s.markConditionMet,
      request: requestOf(s.requests, 'markConditionMet'),
    })),
  );
  const [note, setNote] = useState('');
  const [empty, setEmpty] = useState(false);
  const noteRef = useRef<HTMLTextAreaElement>(null);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (request.status === 'pending') return;
    onSubmitting();
    if (note.trim() === '') {
      setEmpty(true);
      noteRef.current?.focus();
      return;
    }
    setEmpty(false);
    const result = await markConditionMet(detail.summary.reviewId, condition.id, note.trim());
    if (result !== null) onMet();
  };

  return (
    <form
      className="form"
      noValidate
      aria-label={t('detail.conditions.form', { condition: condition.text })}
      onSubmit={(event) => void submit(event)}
    >
      <TextAreaField
        ref={noteRef}
        label={t('detail.conditions.noteLabel')}
        hint={t('detail.conditions.noteHint')}
        required
        rows={3}
        maxLength={4000}
        value={note}
        onChange={setNote}
        error={empty ? t('detail.conditions.noteEmpty') : null}
      />
      {active && request.error ? (
        <Banner level="error" title={t('detail.conditions.markError')}>
          <ErrorMessage error={request.error} />
        </Banner>
      ) : null}
      <div className="button-row">
        <Button
          type="submit"
          variant="secondary"
          busy={active && request.status === 'pending'}
          busyLabel={t('detail.conditions.markBusy')}
        >
          {t('detail.conditions.markMet')}
        </Button>
      </div>
    </form>
  );
}

export function ConditionsPanel({ detail }: { detail: ReviewDetail }) {
  const { t } = useTranslation('review');
  // The condition whose form sent the last request: its busy state and any refusal are shown there.
  const [active, setActive] = useState<string | null>(null);

  if (detail.conditions.length === 0) return null;
  const met = detail.conditions.filter((condition) => condition.met !== null).length;
  const open = detail.conditions.length - met;

  return (
    <Panel title={t('detail.conditions.title')} description={t('detail.conditions.description')}>
      <div className="stack stack--tight">
        <p className="text-muted">
          {t('detail.conditions.progress', { met, count: detail.conditions.length })}
        </p>
        {open > 0 && !detail.allowed.meetConditions ? (
          <p className="text-muted text-small">{t('detail.conditions.whoMarks')}</p>
        ) : null}
        <ul className="flag-list" aria-label={t('detail.conditions.table')}>
          {detail.conditions.map((condition) => {
            const overdue = condition.overdue;
            const tone = condition.met ? 'flag--cleared' : overdue ? 'flag--blocking' : '';
            return (
              <li key={condition.id} className={['flag', tone].filter(Boolean).join(' ')}>
                <p className="flag__label">{condition.text}</p>
                <dl className="details details--compact">
                  <div className="details__row">
                    <dt>{t('detail.conditions.owner')}</dt>
                    <dd>{condition.owner}</dd>
                  </div>
                  <div className="details__row">
                    <dt>{t('detail.conditions.due')}</dt>
                    <dd>
                      <time dateTime={condition.dueDate}>{formatDay(condition.dueDate)}</time>
                    </dd>
                  </div>
                </dl>
                <p id={statusId(condition.id)} tabIndex={-1} className="flag__reason focus-target">
                  <strong>
                    {condition.met
                      ? t('detail.conditions.met', {
                          date: formatDate(condition.met.at),
                          name: condition.met.by.name,
                        })
                      : overdue
                        ? t('detail.conditions.overdue', { date: formatDay(condition.dueDate) })
                        : t('detail.conditions.open', { date: formatDay(condition.dueDate) })}
                  </strong>
                </p>
                {condition.met ? (
                  <blockquote className="quote">
                    <p className="quote__label">{t('detail.conditions.whatWasDone')}</p>
                    <p>{condition.met.note}</p>
                  </blockquote>
                ) : detail.allowed.meetConditions ? (
                  <MeetForm
                    detail={detail}
                    condition={condition}
                    active={active === condition.id}
                    onSubmitting={() => setActive(condition.id)}
                    onMet={() => {
                      // Its form is gone: focus moves to the condition's new state, which is read out.
                      requestAnimationFrame(() => document.getElementById(statusId(condition.id))?.focus());
                    }}
                  />
                ) : null}
              </li>
            );
          })}
        </ul>
      </div>
    </Panel>
  );
}
