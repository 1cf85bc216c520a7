// The people of the organisation: search by name, email or team; each with their team, roles
// (from/until, and whether in force today) and, for an admin, their email, keys with fingerprints
// and the actions: grant a role (a manager's teams or all), revoke a role from a date, revoke a
// key, mark the person as left. People who left are listed apart.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { Badge } from '../../components/Badge';
import { Banner } from '../../components/Banner';
import { Button } from '../../components/Button';
import { ChoiceGroup } from '../../components/ChoiceGroup';
import { ConfirmButton } from '../../components/ConfirmButton';
import { Panel } from '../../components/Panel';
import { TextField } from '../../components/TextField';
import type {
  OrganisationView,
  OrgGrantView,
  OrgPersonView,
} from '../../../electron/core/contract/views/org';
import { formatDay } from '../../format';
import { ErrorMessage } from '../../i18n/reasons';
import { requestOf } from '../../state/requests';
import { useStewardStore } from '../../state/store';

type Org = NonNullable<OrganisationView['org']>;

/** Today as YYYY-MM-DD in this computer's time zone. */
export function today(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

const ROLES = ['reviewer', 'manager', 'admin'] as const;

/** People drawn at once; a search narrows the rest. */
const PEOPLE_SHOWN = 100;

function GrantLine({ grant, isAdmin }: { grant: OrgGrantView; isAdmin: boolean }) {
  const { t } = useTranslation(['org', 'common']);
  const { changeOrganisation, request } = useStewardStore(
    useShallow((s) => ({
      changeOrganisation: s.changeOrganisation,
      request: requestOf(s.requests, 'revokeRole'),
    })),
  );
  const scope =
    grant.role === 'manager' ? (grant.teams === null ? t('people.allTeams') : grant.teams.join(', ')) : null;
  const dates =
    grant.from && grant.until
      ? t('people.fromUntil', { from: formatDay(grant.from), until: formatDay(grant.until) })
      : grant.from
        ? t('people.from', { from: formatDay(grant.from) })
        : grant.until
          ? t('people.until', { until: formatDay(grant.until) })
          : null;
  const ended = grant.until !== null && grant.until <= today();
  return (
    <li className="org-grant">
      <span>
        <strong>{t(`role.${grant.role}`)}</strong>
        {scope ? ` (${scope})` : ''}
        {dates ? ` · ${dates}` : ''}
      </span>{' '}
      {grant.inForce ? (
        <Badge tone="success">{t('people.inForce')}</Badge>
      ) : (
        <Badge tone="neutral">{t('people.notInForce')}</Badge>
      )}
      {isAdmin && !ended ? (
        <ConfirmButton
          question={t('people.revokeQuestion', { role: t(`role.${grant.role}`), name: grant.personName })}
          confirmLabel={t('people.revokeConfirm')}
          busy={request.status === 'pending'}
          aria-label={t('people.revokeLabel', { role: t(`role.${grant.role}`), name: grant.personName })}
          onConfirm={() => void changeOrganisation('revokeRole', { grantId: grant.grantId, until: today() })}
        >
          {t('people.revoke')}
        </ConfirmButton>
      ) : null}
    </li>
  );
}

function GrantForm({ org, person, onDone }: { org: Org; person: OrgPersonView; onDone: () => void }) {
  const { t } = useTranslation(['org', 'common']);
  const { changeOrganisation, request } = useStewardStore(
    useShallow((s) => ({
      changeOrganisation: s.changeOrganisation,
      request: requestOf(s.requests, 'grantRole'),
    })),
  );
  const [role, setRole] = useState<(typeof ROLES)[number]>('reviewer');
  const [teams, setTeams] = useState<string[]>(['*']);
  const [from, setFrom] = useState(today());
  const [until, setUntil] = useState('');
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (request.status === 'pending') return;
    if (role === 'manager' && teams.length === 0) {
      setError(t('grant.teamsMissing'));
      return;
    }
    if (until !== '' && from !== '' && until < from) {
      setError(t('grant.untilBeforeFrom'));
      return;
    }
    setError(null);
    const done = await changeOrganisation('grantRole', {
      personId: person.personId,
      role,
      teams: role === 'manager' && !teams.includes('*') ? teams : null,
      from: from === '' ? null : from,
      until: until === '' ? null : until,
    });
    if (done !== null) onDone();
  };

  return (
    <form
      className="form org-subform"
      noValidate
      aria-label={t('grant.formLabel', { name: person.name })}
      onSubmit={(event) => void submit(event)}
    >
      <ChoiceGroup
        name={`grant-role-${person.personId}`}
        legend={t('grant.role')}
        type="single"
        className="choice-group--inline"
        options={ROLES.map((r) => ({ id: r, text: t(`role.${r}`), hint: t(`grant.hint.${r}`) }))}
        selected={[role]}
        onChange={(next) => setRole((next[0] as (typeof ROLES)[number] | undefined) ?? 'reviewer')}
      />
      {role === 'manager' ? (
        <ChoiceGroup
          name={`grant-teams-${person.personId}`}
          legend={t('grant.teams')}
          type="multiple"
          hintInLegend
          options={[{ id: '*', text: t('people.allTeams') }, ...org.teams.map((x) => ({ id: x, text: x }))]}
          selected={teams}
          onChange={(next) =>
            setTeams(
              next.includes('*') && !teams.includes('*')
                ? ['*']
                : next.filter((x) => x !== '*' || next.length === 1),
            )
          }
        />
      ) : null}
      <div className="form__row">
        <TextField
          label={t('grant.from')}
          type="date"
          className="field--short"
          value={from}
          onChange={setFrom}
        />
        <TextField
          label={t('grant.until')}
          hint={t('grant.untilHint')}
          type="date"
          className="field--short"
          value={until}
          onChange={setUntil}
        />
      </div>
      {error ? <p className="field__error">{error}</p> : null}
      {request.error ? (
        <Banner level="error">
          <ErrorMessage error={request.error} />
        </Banner>
      ) : null}
      <div className="button-row">
        <Button type="submit" variant="primary" busy={request.status === 'pending'}>
          {t('grant.submit', { role: t(`role.${role}`), name: person.name })}
        </Button>
        <Button variant="ghost" onClick={onDone}>
          {t('common:actions.cancel')}
        </Button>
      </div>
    </form>
  );
}

function LeftForm({ person, onDone }: { person: OrgPersonView; onDone: () => void }) {
  const { t } = useTranslation(['org', 'common']);
  const { changeOrganisation, request } = useStewardStore(
    useShallow((s) => ({
      changeOrganisation: s.changeOrganisation,
      request: requestOf(s.requests, 'recordPersonLeft'),
    })),
  );
  const [on, setOn] = useState(today());
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (request.status === 'pending' || on === '') return;
    if ((await changeOrganisation('recordPersonLeft', { personId: person.personId, on })) !== null) onDone();
  };
  return (
    <form
      className="form org-subform"
      noValidate
      aria-label={t('left.formLabel', { name: person.name })}
      onSubmit={(event) => void submit(event)}
    >
      <p className="text-small">{t('left.what')}</p>
      <TextField
        label={t('left.on')}
        type="date"
        className="field--short"
        required
        value={on}
        onChange={setOn}
      />
      {request.error ? (
        <Banner level="error">
          <ErrorMessage error={request.error} />
        </Banner>
      ) : null}
      <div className="button-row">
        <Button type="submit" variant="danger" busy={request.status === 'pending'}>
          {t('left.submit', { name: person.name })}
        </Button>
        <Button variant="ghost" onClick={onDone}>
          {t('common:actions.cancel')}
        </Button>
      </div>
    </form>
  );
}

function Person({ org, person, isAdmin }: { org: Org; person: OrgPersonView; isAdmin: boolean }) {
  const { t } = useTranslation(['org', 'common']);
  const { changeOrganisation, keyRequest } = useStewardStore(
    useShallow((s) => ({
      changeOrganisation: s.changeOrganisation,
      keyRequest: requestOf(s.requests, 'revokePersonKey'),
    })),
  );
  const [open, setOpen] = useState<'grant' | 'left' | null>(null);
  const grants = isAdmin ? person.grants : person.grants.filter((g) => g.inForce);
  const keys = person.keys.filter((k) => k.until === null);
  return (
    <li className="org-person">
      <h3 className="org-person__name">{person.name}</h3>
      <p className="text-muted text-small">
        {[
          person.team,
          isAdmin ? person.email : null,
          person.leftOn ? t('people.leftOn', { on: formatDay(person.leftOn) }) : null,
        ]
          .filter(Boolean)
          .join(' · ')}
      </p>
      {grants.length > 0 ? (
        <ul className="plain-list org-grants" aria-label={t('people.rolesOf', { name: person.name })}>
          {grants.map((g) => (
            <GrantLine key={g.grantId} grant={g} isAdmin={isAdmin && person.leftOn === null} />
          ))}
        </ul>
      ) : null}
      {isAdmin ? (
        <ul className="plain-list org-keys" aria-label={t('people.keysOf', { name: person.name })}>
          {keys.map((k) => (
            <li key={k.profileId}>
              <span className="text-small">{t('people.key')}</span>{' '}
              <code className="fingerprint">{k.fingerprint ?? k.profileId}</code>{' '}
              {person.leftOn === null ? (
                <ConfirmButton
                  question={t('people.revokeKeyQuestion', { name: person.name })}
                  confirmLabel={t('people.revokeKeyConfirm')}
                  busy={keyRequest.status === 'pending'}
                  aria-label={t('people.revokeKeyLabel', { name: person.name })}
                  onConfirm={() =>
                    void changeOrganisation('revokePersonKey', {
                      personId: person.personId,
                      profileId: k.profileId,
                    })
                  }
                >
                  {t('people.revokeKey')}
                </ConfirmButton>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {isAdmin && person.leftOn === null ? (
        open === 'grant' ? (
          <GrantForm org={org} person={person} onDone={() => setOpen(null)} />
        ) : open === 'left' ? (
          <LeftForm person={person} onDone={() => setOpen(null)} />
        ) : (
          <div className="button-row">
            <Button
              size="sm"
              onClick={() => setOpen('grant')}
              aria-label={t('people.grantLabel', { name: person.name })}
            >
              {t('people.grant')}
            </Button>
            <Button
              size="sm"
              variant="ghost"
              onClick={() => setOpen('left')}
              aria-label={t('people.leftLabel', { name: person.name })}
            >
              {t('people.markLeft')}
            </Button>
          </div>
        )
      ) : null}
    </li>
  );
}

export function PeoplePanel({ org, isAdmin }: { org: Org; isAdmin: boolean }) {
  const { t } = useTranslation(['org', 'common']);
  const [query, setQuery] = useState('');
  const [team, setTeam] = useState('');
  const q = query.trim().toLowerCase();
  const matches = org.people.filter(
    (p) =>
      (team === '' || p.team === team) &&
      (q === '' ||
        p.name.toLowerCase().includes(q) ||
        p.team.toLowerCase().includes(q) ||
        (isAdmin && p.email.toLowerCase().includes(q))),
  );
  const here = matches.filter((p) => p.leftOn === null);
  const left = matches.filter((p) => p.leftOn !== null);
  // A roster of thousands is searched, not scrolled: the first matches are drawn, and the count says so.
  const shownHere = here.slice(0, PEOPLE_SHOWN);
  const shownLeft = left.slice(0, Math.max(0, PEOPLE_SHOWN - shownHere.length));
  return (
    <Panel
      title={t('people.title', { count: org.people.filter((p) => p.leftOn === null).length })}
      description={<p>{isAdmin ? t('people.descriptionAdmin') : t('people.description')}</p>}
    >
      <div className="form form--inline" role="search" aria-label={t('people.searchLabel')}>
        <div className="field">
          <label className="field__label" htmlFor="people-search">
            {t('people.search')}
          </label>
          <input
            id="people-search"
            className="field__input"
            type="search"
            autoComplete="off"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
          />
        </div>
        <label className="field">
          <span className="field__label">{t('people.team')}</span>
          <select className="field__input" value={team} onChange={(event) => setTeam(event.target.value)}>
            <option value="">{t('people.anyTeam')}</option>
            {org.teams.map((x) => (
              <option key={x} value={x}>
                {x}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p className="text-small text-muted" role="status">
        {here.length > shownHere.length
          ? t('people.shownSome', { count: here.length, shown: shownHere.length })
          : t('people.shown', { count: here.length })}
      </p>
      <ul className="plain-list org-people">
        {shownHere.map((p) => (
          <Person key={p.personId} org={org} person={p} isAdmin={isAdmin} />
        ))}
      </ul>
      {shownLeft.length > 0 ? (
        <>
          <h3 className="section-list__title">{t('people.leftTitle', { count: left.length })}</h3>
          <ul className="plain-list org-people org-people--left">
            {shownLeft.map((p) => (
              <Person key={p.personId} org={org} person={p} isAdmin={isAdmin} />
            ))}
          </ul>
        </>
      ) : null}
    </Panel>
  );
}
