// Settings → Your roles: the roles this profile's person holds, with their dates, as the
// organisation's roster says (or policy.yaml's entries when the workspace has no organisation);
// and "Ask for a change" of name, email or team, which goes to an admin as a request.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { Banner } from '../../components/Banner';
import { Button } from '../../components/Button';
import { ChoiceGroup } from '../../components/ChoiceGroup';
import { Panel } from '../../components/Panel';
import { TextField } from '../../components/TextField';
import { formatDay } from '../../format';
import { ErrorMessage } from '../../i18n/reasons';
import { requestOf } from '../../state/requests';
import { useStewardStore } from '../../state/store';
import { useOrganisation } from '../org/useOrganisation';

function ChangeRequestForm({ teams, onDone }: { teams: string[]; onDone: () => void }) {
  const { t } = useTranslation(['settings', 'common']);
  const { profile, changeOrganisation, request } = useStewardStore(
    useShallow((s) => ({
      profile: s.profile,
      changeOrganisation: s.changeOrganisation,
      request: requestOf(s.requests, 'requestProfileChange'),
    })),
  );
  const [name, setName] = useState(profile?.name ?? '');
  const [email, setEmail] = useState(profile?.email ?? '');
  const [team, setTeam] = useState(profile?.team ?? '');
  const [error, setError] = useState<string | null>(null);
  if (!profile) return null;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (request.status === 'pending') return;
    const change = {
      ...(name.trim() !== profile.name ? { name: name.trim() } : {}),
      ...(email.trim() !== profile.email ? { email: email.trim() } : {}),
      ...(team !== profile.team ? { team } : {}),
    };
    if (Object.keys(change).length === 0) {
      setError(t('roles.nothingChanged'));
      return;
    }
    setError(null);
    if ((await changeOrganisation('requestProfileChange', change)) !== null) onDone();
  };

  return (
    <form
      className="form"
      noValidate
      aria-label={t('roles.askTitle')}
      onSubmit={(event) => void submit(event)}
    >
      <TextField label={t('profile.name')} autoComplete="name" value={name} onChange={setName} />
      <TextField
        label={t('profile.email')}
        type="email"
        autoComplete="email"
        value={email}
        onChange={setEmail}
      />
      <ChoiceGroup
        name="change-team"
        legend={t('profile.team')}
        type="single"
        className="choice-group--inline"
        options={teams.map((x) => ({ id: x, text: x }))}
        selected={[team]}
        onChange={(next) => setTeam(next[0] ?? team)}
      />
      {error ? <p className="field__error">{error}</p> : null}
      {request.error ? (
        <Banner level="error">
          <ErrorMessage error={request.error} />
        </Banner>
      ) : null}
      <div className="button-row">
        <Button type="submit" variant="primary" busy={request.status === 'pending'}>
          {t('roles.send')}
        </Button>
        <Button variant="ghost" onClick={onDone}>
          {t('common:actions.cancel')}
        </Button>
      </div>
    </form>
  );
}

export function YourRoles() {
  const { t } = useTranslation(['settings', 'org']);
  const { organisation } = useOrganisation();
  const [asking, setAsking] = useState(false);
  if (organisation === null) return null;
  const me = organisation.me;
  const org = organisation.org;
  const person = me?.personId ? org?.people.find((p) => p.personId === me.personId) : undefined;
  const grants = person?.grants.filter((g) => g.until === null || g.inForce) ?? [];

  return (
    <Panel title={t('roles.title')} description={<p>{t('roles.description')}</p>}>
      <div className="stack stack--tight">
        {organisation.state !== 'member' ? (
          me && me.roles.length > 0 ? (
            <p>{t('roles.fromPolicy', { roles: me.roles.map((r) => t(`org:role.${r}`)).join(', ') })}</p>
          ) : (
            <p>{t('roles.noOrg')}</p>
          )
        ) : !person ? (
          <p>{me?.joinRequested ? t('roles.requested') : t('roles.notEnrolled')}</p>
        ) : grants.length === 0 ? (
          <p>{t('roles.none')}</p>
        ) : (
          <ul className="bullet-list" aria-label={t('roles.title')}>
            {grants.map((g) => (
              <li key={g.grantId}>
                <strong>{t(`org:role.${g.role}`)}</strong>
                {g.role === 'manager'
                  ? ` (${g.teams === null ? t('org:people.allTeams') : g.teams.join(', ')})`
                  : ''}
                {g.from ? ` · ${t('org:people.from', { from: formatDay(g.from) })}` : ''}
                {g.until ? ` · ${t('org:people.until', { until: formatDay(g.until) })}` : ''}
                {' · '}
                {g.inForce ? t('org:people.inForce') : t('org:people.notInForce')}
              </li>
            ))}
          </ul>
        )}
        {person && org ? (
          me?.pendingChange ? (
            <Banner level="info" title={t('roles.pendingTitle')}>
              <ul className="bullet-list">
                {(['name', 'email', 'team'] as const).map((field) =>
                  me.pendingChange?.requested[field] !== undefined ? (
                    <li key={field}>
                      {t('org:changes.item', {
                        field: t(`org:changes.field.${field}`),
                        from: me.pendingChange.current[field],
                        to: me.pendingChange.requested[field],
                      })}
                    </li>
                  ) : null,
                )}
              </ul>
            </Banner>
          ) : asking ? (
            <ChangeRequestForm teams={org.teams} onDone={() => setAsking(false)} />
          ) : (
            <div className="button-row">
              <Button onClick={() => setAsking(true)}>{t('roles.ask')}</Button>
            </div>
          )
        ) : null}
      </div>
    </Panel>
  );
}
