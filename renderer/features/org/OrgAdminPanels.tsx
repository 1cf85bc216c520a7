// The admin's panels beside the people list: join requests (compare the fingerprint, then enrol
// as a new person or as another key of someone enrolled), change requests (apply = updatePerson),
// the team list, and the admin entries the roster did not apply (an audit note).
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { Banner } from '../../components/Banner';
import { Button } from '../../components/Button';
import { ChoiceGroup } from '../../components/ChoiceGroup';
import { Panel } from '../../components/Panel';
import { TextAreaField } from '../../components/TextAreaField';
import type { JoinRequestView, OrganisationView } from '../../../electron/core/contract/views/org';
import { formatDate, formatDateTime } from '../../format';
import { ErrorMessage, useWordReason } from '../../i18n/reasons';
import { requestOf } from '../../state/requests';
import { useStewardStore } from '../../state/store';
import { teamsFromText } from './SetUpOrganisation';

type Org = NonNullable<OrganisationView['org']>;

function JoinRequest({ org, join }: { org: Org; join: JoinRequestView }) {
  const { t } = useTranslation(['org', 'common']);
  const { changeOrganisation, enrolRequest, keyRequest } = useStewardStore(
    useShallow((s) => ({
      changeOrganisation: s.changeOrganisation,
      enrolRequest: requestOf(s.requests, 'enrolPerson'),
      keyRequest: requestOf(s.requests, 'addPersonKey'),
    })),
  );
  const people = org.people.filter((p) => p.leftOn === null);
  const sameEmail = people.find((p) => p.email.toLowerCase() === join.email.toLowerCase());
  const [as, setAs] = useState<'new' | 'key'>(sameEmail ? 'key' : 'new');
  const [personId, setPersonId] = useState<string>(sameEmail?.personId ?? people[0]?.personId ?? '');
  const knownTeam = org.teams.find((x) => x.toLowerCase() === join.team.toLowerCase());
  const [team, setTeam] = useState<string>(knownTeam ?? org.teams[0] ?? '');
  const busy = enrolRequest.status === 'pending' || keyRequest.status === 'pending';

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    if (as === 'new' || personId === '') {
      await changeOrganisation('enrolPerson', {
        name: join.name,
        email: join.email,
        team,
        profileIds: [join.profileId],
      });
    } else {
      await changeOrganisation('addPersonKey', { personId, profileId: join.profileId });
    }
  };

  return (
    <li className="org-request">
      <form
        className="form"
        noValidate
        aria-label={t('join.formLabel', { name: join.name })}
        onSubmit={(event) => void submit(event)}
      >
        <p className="org-request__who">
          <strong>{join.name}</strong>
          <span className="text-muted text-small">{` ${join.email} · ${join.team} · ${formatDateTime(join.at)}`}</span>
        </p>
        <p className="text-small">{t('join.compare')}</p>
        <code className="fingerprint">{join.fingerprint}</code>
        <ChoiceGroup
          name={`join-as-${join.profileId}`}
          legend={t('join.as')}
          type="single"
          className="choice-group--inline"
          options={[
            { id: 'new', text: t('join.asNew') },
            { id: 'key', text: t('join.asKey'), disabled: people.length === 0 },
          ]}
          selected={[as]}
          onChange={(next) => setAs(next[0] === 'key' ? 'key' : 'new')}
        />
        {as === 'key' ? (
          <div className="field">
            <label className="field__label" htmlFor={`join-person-${join.profileId}`}>
              {t('join.keyOf')}
            </label>
            <select
              id={`join-person-${join.profileId}`}
              className="field__input"
              value={personId}
              onChange={(event) => setPersonId(event.target.value)}
            >
              {people.map((p) => (
                <option key={p.personId} value={p.personId}>
                  {t('join.personOption', { name: p.name, email: p.email, team: p.team })}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        {as === 'new' ? (
          <ChoiceGroup
            name={`join-team-${join.profileId}`}
            legend={t('join.team')}
            type="single"
            className="choice-group--inline"
            options={org.teams.map((x) => ({ id: x, text: x }))}
            selected={[team]}
            onChange={(next) => setTeam(next[0] ?? team)}
          />
        ) : null}
        <div className="button-row">
          <Button type="submit" variant="primary" busy={busy} busyLabel={t('join.enrolling')}>
            {t('join.enrol', { name: join.name })}
          </Button>
        </div>
      </form>
    </li>
  );
}

export function JoinRequests({ org }: { org: Org }) {
  const { t } = useTranslation(['org', 'common']);
  const errors = useStewardStore(
    useShallow((s) => [
      requestOf(s.requests, 'enrolPerson').error,
      requestOf(s.requests, 'addPersonKey').error,
    ]),
  );
  const error = errors.find((e) => e !== null) ?? null;
  return (
    <Panel title={t('join.title')} description={<p>{t('join.description')}</p>}>
      {error ? (
        <Banner level="error">
          <ErrorMessage error={error} />
        </Banner>
      ) : null}
      {org.joinRequests.length === 0 ? (
        <p className="text-muted">{t('join.none')}</p>
      ) : (
        <ul className="plain-list org-requests">
          {org.joinRequests.map((join) => (
            <JoinRequest key={join.profileId} org={org} join={join} />
          ))}
        </ul>
      )}
    </Panel>
  );
}

export function ChangeRequests({ org }: { org: Org }) {
  const { t } = useTranslation(['org', 'common']);
  const { changeOrganisation, request } = useStewardStore(
    useShallow((s) => ({
      changeOrganisation: s.changeOrganisation,
      request: requestOf(s.requests, 'updatePerson'),
    })),
  );
  return (
    <Panel title={t('changes.title')} description={<p>{t('changes.description')}</p>}>
      {request.error ? (
        <Banner level="error">
          <ErrorMessage error={request.error} />
        </Banner>
      ) : null}
      <ul className="plain-list org-requests">
        {org.changeRequests.map((c) => (
          <li key={c.personId} className="org-request">
            <p className="org-request__who">
              <strong>{c.current.name}</strong>
              <span className="text-muted text-small">{` ${formatDateTime(c.at)}`}</span>
            </p>
            <ul className="bullet-list">
              {(['name', 'email', 'team'] as const).map((field) =>
                c.requested[field] !== undefined ? (
                  <li key={field}>
                    {t('changes.item', {
                      field: t(`changes.field.${field}`),
                      from: c.current[field],
                      to: c.requested[field],
                    })}
                  </li>
                ) : null,
              )}
            </ul>
            <div className="button-row">
              <Button
                size="sm"
                variant="primary"
                busy={request.status === 'pending'}
                onClick={() =>
                  void changeOrganisation('updatePerson', { personId: c.personId, ...c.requested })
                }
              >
                {t('changes.apply', { name: c.current.name })}
              </Button>
            </div>
          </li>
        ))}
      </ul>
    </Panel>
  );
}

export function TeamsPanel({ org, isAdmin }: { org: Org; isAdmin: boolean }) {
  const { t } = useTranslation(['org', 'common']);
  const { changeOrganisation, request } = useStewardStore(
    useShallow((s) => ({
      changeOrganisation: s.changeOrganisation,
      request: requestOf(s.requests, 'setTeams'),
    })),
  );
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(org.teams.join('\n'));
  const [error, setError] = useState<string | null>(null);
  const counts = new Map<string, number>();
  for (const p of org.people) if (p.leftOn === null) counts.set(p.team, (counts.get(p.team) ?? 0) + 1);

  const save = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const teams = teamsFromText(text);
    if (teams.length === 0) {
      setError(t('teams.missing'));
      return;
    }
    setError(null);
    if ((await changeOrganisation('setTeams', { teams })) !== null) setEditing(false);
  };

  return (
    <Panel
      title={t('teams.title')}
      description={<p>{t('teams.description')}</p>}
      actions={
        isAdmin && !editing ? (
          <Button
            size="sm"
            onClick={() => {
              setText(org.teams.join('\n'));
              setEditing(true);
            }}
          >
            {t('teams.edit')}
          </Button>
        ) : null
      }
    >
      {editing ? (
        <form
          className="form"
          noValidate
          aria-label={t('teams.title')}
          onSubmit={(event) => void save(event)}
        >
          <TextAreaField
            label={t('teams.field')}
            hint={t('teams.fieldHint')}
            rows={Math.max(4, org.teams.length + 1)}
            value={text}
            onChange={setText}
            error={error}
          />
          {request.error ? (
            <Banner level="error">
              <ErrorMessage error={request.error} />
            </Banner>
          ) : null}
          <div className="button-row">
            <Button type="submit" variant="primary" busy={request.status === 'pending'}>
              {t('teams.save')}
            </Button>
            <Button variant="ghost" onClick={() => setEditing(false)}>
              {t('common:actions.cancel')}
            </Button>
          </div>
        </form>
      ) : (
        <ul className="plain-list org-teams">
          {org.teams.map((team) => (
            <li key={team}>
              {team}{' '}
              <span className="text-muted text-small">
                {t('teams.people', { count: counts.get(team) ?? 0 })}
              </span>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}

export function IgnoredEntries({ org }: { org: Org }) {
  const { t } = useTranslation(['org', 'common']);
  const word = useWordReason();
  return (
    <Panel title={t('ignored.title')} description={<p>{t('ignored.description')}</p>}>
      <ul className="bullet-list">
        {org.ignored.map((i, index) => (
          <li key={index}>
            {t('ignored.item', {
              type: i.type,
              by: i.by,
              at: i.at ? formatDate(i.at) : '—',
              why: word(i.reason),
            })}
          </li>
        ))}
      </ul>
    </Panel>
  );
}
