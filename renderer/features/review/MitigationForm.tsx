// The submitter's answer to each proposed mitigation: accept it (someone owns it, and it is done
// by a date) or decline it (and say why it is not needed). Half-filled answers stay on screen and
// are checked here; only complete ones are saved, so core never records an acceptance without
// an owner.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  MitigationResponseInput,
  ReviewAssessment,
} from '../../../electron/core/contract/views/reviews';
import { ChoiceGroup } from '../../components/ChoiceGroup';
import { Panel } from '../../components/Panel';
import { TextAreaField } from '../../components/TextAreaField';
import { TextField } from '../../components/TextField';
import { isCalendarDay } from '../../../electron/core/contract/dates';
import type { Reason } from '../../../electron/core/contract/reasons';
import { wordReason } from '../../i18n/reasons';

type AssessedMitigation = ReviewAssessment['mitigations'][number];

export interface ResponseDraft {
  status: 'accepted' | 'declined' | null;
  owner: string;
  dueDate: string;
  reason: string;
}

export type ResponseDrafts = Record<string, ResponseDraft>;

export const EMPTY_RESPONSE: ResponseDraft = { status: null, owner: '', dueDate: '', reason: '' };

export function responseDraftsFrom(inputs: MitigationResponseInput[]): ResponseDrafts {
  const drafts: ResponseDrafts = {};
  for (const input of inputs) {
    drafts[input.mitigationId] = {
      status: input.status,
      owner: input.owner ?? '',
      dueDate: input.dueDate ?? '',
      reason: input.reason ?? '',
    };
  }
  return drafts;
}

type ResponseField = 'status' | 'owner' | 'dueDate' | 'reason';

/** What is missing, per field, as the key of its message (mitigation.errors.<field>). */
export type ResponseErrors = Partial<Record<ResponseField, `mitigation.errors.${ResponseField}`>>;

/** What is missing from one response, per field. */
export function responseErrors(draft: ResponseDraft | undefined): ResponseErrors {
  if (!draft || draft.status === null) return { status: 'mitigation.errors.status' };
  if (draft.status === 'accepted') {
    const errors: ResponseErrors = {};
    if (draft.owner.trim() === '') errors.owner = 'mitigation.errors.owner';
    if (!isCalendarDay(draft.dueDate)) errors.dueDate = 'mitigation.errors.dueDate';
    return errors;
  }
  return draft.reason.trim() === '' ? { reason: 'mitigation.errors.reason' } : {};
}

function isComplete(draft: ResponseDraft | undefined): boolean {
  return Object.keys(responseErrors(draft)).length === 0;
}

/**
 * The responses to the mitigations core proposes now, in the contract's shape, as far as they
 * are filled in: every response with a status is saved, complete or not, so that an owner typed
 * before the due date is chosen is not lost when the app closes. Core judges completeness (a
 * half-filled response keeps the draft from being submitted); empty fields are left out.
 */
export function toSavedResponses(
  drafts: ResponseDrafts,
  proposedIds: readonly string[],
): MitigationResponseInput[] {
  const inputs: MitigationResponseInput[] = [];
  for (const id of proposedIds) {
    const draft = drafts[id];
    if (!draft || draft.status === null) continue;
    if (draft.status === 'accepted') {
      const owner = draft.owner.trim();
      inputs.push({
        mitigationId: id,
        status: 'accepted',
        ...(owner === '' ? {} : { owner }),
        ...(draft.dueDate === '' ? {} : { dueDate: draft.dueDate }),
      });
    } else {
      const reason = draft.reason.trim();
      inputs.push({ mitigationId: id, status: 'declined', ...(reason === '' ? {} : { reason }) });
    }
  }
  return inputs;
}

export function mitigationAnchor(id: string): string {
  return `mitigation-${id}`;
}

function MitigationItem({
  mitigation,
  draft,
  flagLabels,
  problem,
  showAllErrors,
  onChange,
}: {
  mitigation: AssessedMitigation;
  draft: ResponseDraft;
  flagLabels: Map<string, string>;
  problem: string | null;
  showAllErrors: boolean;
  onChange: (draft: ResponseDraft) => void;
}) {
  const { t } = useTranslation('review');
  // What core finds wrong with a response still being filled in is what the fields below say
  // once they are left (or on submit): only a complete response shows core's word at once.
  const coreProblem = isComplete(draft) ? problem : null;
  // An error shows once the person has left the field, or tried to submit.
  const [touched, setTouched] = useState<Record<string, boolean>>({});
  const errors = responseErrors(draft);
  const message = (field: ResponseField) => {
    const key = errors[field];
    return key ? t(key) : null;
  };
  const shown = (field: ResponseField) => (showAllErrors || touched[field] ? message(field) : null);
  const touch = (field: ResponseField) => () => setTouched((before) => ({ ...before, [field]: true }));
  const titleId = `${mitigationAnchor(mitigation.id)}-title`;

  return (
    <li className="mitigation mitigation--editable">
      <h4 className="mitigation__title" id={titleId}>
        {mitigation.title}
      </h4>
      <p className="mitigation__reason">{mitigation.reason}</p>
      <p className="mitigation__meta">
        {mitigation.reference}
        {mitigation.clears.length > 0
          ? ` · ${t('mitigation.acceptingClears', { flags: mitigation.clears.map((id) => flagLabels.get(id) ?? id).join('; ') })}`
          : ''}
      </p>
      <ChoiceGroup
        id={mitigationAnchor(mitigation.id)}
        name={`m-${mitigation.id}`}
        type="single"
        className="choice-group--inline"
        legend={
          <span className="choice-group__prompt">
            {t('mitigation.responseLegend', { title: mitigation.title })}
          </span>
        }
        options={[
          { id: 'accepted', text: t('mitigation.accept') },
          { id: 'declined', text: t('mitigation.decline') },
        ]}
        selected={draft.status ? [draft.status] : []}
        onChange={(selected) =>
          onChange({ ...draft, status: (selected[0] as ResponseDraft['status']) ?? null })
        }
        error={showAllErrors ? (message('status') ?? coreProblem) : coreProblem}
      />
      {draft.status === 'accepted' ? (
        <div className="mitigation__fields">
          <TextField
            label={t('mitigation.owner')}
            hint={t('mitigation.ownerHint')}
            required
            value={draft.owner}
            maxLength={200}
            onChange={(owner) => onChange({ ...draft, owner })}
            onBlur={touch('owner')}
            error={shown('owner')}
          />
          <TextField
            label={t('mitigation.dueDate')}
            type="date"
            required
            value={draft.dueDate}
            onChange={(dueDate) => onChange({ ...draft, dueDate })}
            onBlur={touch('dueDate')}
            error={shown('dueDate')}
          />
        </div>
      ) : null}
      {draft.status === 'declined' ? (
        <TextAreaField
          label={t('mitigation.declineReason')}
          hint={t('mitigation.declineHint')}
          required
          rows={3}
          maxLength={4000}
          value={draft.reason}
          onChange={(reason) => onChange({ ...draft, reason })}
          onBlur={touch('reason')}
          error={shown('reason')}
        />
      ) : null}
    </li>
  );
}

export function MitigationForm({
  mitigations,
  flags,
  drafts,
  responseProblems,
  showAllErrors,
  onChange,
}: {
  mitigations: AssessedMitigation[];
  flags: { id: string; label: string }[];
  drafts: ResponseDrafts;
  responseProblems: { mitigationId: string; reason: Reason }[];
  showAllErrors: boolean;
  onChange: (mitigationId: string, draft: ResponseDraft) => void;
}) {
  const { t } = useTranslation('review');
  const flagLabels = new Map(flags.map((flag) => [flag.id, flag.label]));
  const problems = new Map(responseProblems.map((p) => [p.mitigationId, wordReason(p.reason)]));
  const answered = mitigations.filter((m) => isComplete(drafts[m.id])).length;
  return (
    <Panel
      title={t('mitigation.title')}
      level={3}
      description={
        mitigations.length === 0
          ? undefined
          : t('mitigation.description', { count: mitigations.length, answered })
      }
    >
      {mitigations.length === 0 ? (
        <p className="text-muted">{t('mitigation.none')}</p>
      ) : (
        <ul className="mitigation-list">
          {mitigations.map((mitigation) => (
            <MitigationItem
              key={mitigation.id}
              mitigation={mitigation}
              draft={drafts[mitigation.id] ?? EMPTY_RESPONSE}
              flagLabels={flagLabels}
              problem={problems.get(mitigation.id) ?? null}
              showAllErrors={showAllErrors}
              onChange={(draft) => onChange(mitigation.id, draft)}
            />
          ))}
        </ul>
      )}
    </Panel>
  );
}
