// State none: what an organisation is for, and setting one up. The person who sets it up becomes
// its first admin; the code it gets is what everyone else compares before they join.
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { Banner } from '../../components/Banner';
import { Button } from '../../components/Button';
import { CheckboxField } from '../../components/CheckboxField';
import { Panel } from '../../components/Panel';
import { TextAreaField } from '../../components/TextAreaField';
import { TextField } from '../../components/TextField';
import { ErrorMessage } from '../../i18n/reasons';
import { requestOf } from '../../state/requests';
import { useStewardStore } from '../../state/store';

/** One team a line, trimmed, without blanks or repeats (case-insensitively). */
export function teamsFromText(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const team = line.trim();
    if (team !== '' && !out.some((t) => t.toLowerCase() === team.toLowerCase())) out.push(team);
  }
  return out;
}

export function SetUpOrganisation() {
  const { t } = useTranslation('org');
  const { profile, organisation, createOrganisation, request } = useStewardStore(
    useShallow((s) => ({
      profile: s.profile,
      organisation: s.organisation,
      createOrganisation: s.createOrganisation,
      request: requestOf(s.requests, 'createOrganisation'),
    })),
  );
  const suggested = organisation?.suggestedTeams ?? [];
  const [name, setName] = useState('');
  const [teamsText, setTeamsText] = useState(() =>
    teamsFromText([...suggested, profile?.team ?? ''].join('\n')).join('\n'),
  );
  const [team, setTeam] = useState(profile?.team ?? '');
  const [fromPolicy, setFromPolicy] = useState(true);
  const [errors, setErrors] = useState<{ name?: string; teams?: string; team?: string }>({});
  const nameRef = useRef<HTMLInputElement>(null);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (request.status === 'pending') return;
    const teams = teamsFromText(teamsText);
    const next: typeof errors = {};
    if (name.trim() === '') next.name = t('setup.nameMissing');
    if (teams.length === 0) next.teams = t('setup.teamsMissing');
    if (team.trim() === '') next.team = t('setup.teamMissing');
    setErrors(next);
    if (Object.keys(next).length > 0) {
      nameRef.current?.focus();
      return;
    }
    await createOrganisation({ name: name.trim(), teams, team: team.trim(), fromPolicy });
  };

  return (
    <div className="stack">
      <Panel title={t('setup.whatTitle')}>
        <div className="stack stack--tight">
          <ul className="bullet-list">
            <li>{t('setup.what1')}</li>
            <li>{t('setup.what2')}</li>
            <li>{t('setup.what3')}</li>
          </ul>
          <p className="text-muted">{t('setup.withoutOrg')}</p>
        </div>
      </Panel>
      <Panel title={t('setup.title')} description={<p>{t('setup.description')}</p>}>
        <form
          className="form"
          noValidate
          aria-label={t('setup.title')}
          onSubmit={(event) => void submit(event)}
        >
          <TextField
            ref={nameRef}
            label={t('setup.name')}
            required
            autoComplete="organization"
            value={name}
            onChange={setName}
            error={errors.name}
          />
          <TextAreaField
            label={t('setup.teams')}
            hint={t('setup.teamsHint')}
            required
            rows={6}
            value={teamsText}
            onChange={setTeamsText}
            error={errors.teams}
          />
          <TextField
            label={t('setup.yourTeam')}
            hint={t('setup.yourTeamHint')}
            required
            value={team}
            onChange={setTeam}
            error={errors.team}
          />
          <CheckboxField
            label={t('setup.fromPolicy')}
            hint={t('setup.fromPolicyHint')}
            checked={fromPolicy}
            onChange={setFromPolicy}
          />
          {request.error ? (
            <Banner level="error">
              <ErrorMessage error={request.error} />
            </Banner>
          ) : null}
          <div className="button-row">
            <Button
              type="submit"
              variant="primary"
              busy={request.status === 'pending'}
              busyLabel={t('setup.creating')}
            >
              {t('setup.submit')}
            </Button>
          </div>
        </form>
      </Panel>
    </div>
  );
}
