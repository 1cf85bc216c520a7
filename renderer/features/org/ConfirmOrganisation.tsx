// State confirm: the organisation(s) in the workspace, each with its name, founder and code. The
// person compares the code with the one their admin gave them — typing it, or ticking that it
// matches — and confirms: this app then takes that organisation's roster and content only, and
// their profile asks to join. Two organisations in one folder means someone made another one:
// that is said first, since only one of them is the real one.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { Banner } from '../../components/Banner';
import { Button } from '../../components/Button';
import { CheckboxField } from '../../components/CheckboxField';
import { Panel } from '../../components/Panel';
import { TextField } from '../../components/TextField';
import type { OrgCandidateView, OrganisationView } from '../../../electron/core/contract/views/org';
import { formatDate } from '../../format';
import { ErrorMessage } from '../../i18n/reasons';
import { requestOf } from '../../state/requests';
import { useStewardStore } from '../../state/store';

/** A code as people type it: case, spaces and dashes do not matter. */
function sameCode(typed: string, code: string): boolean {
  const clean = (s: string) => s.replace(/[\s-]/g, '').toUpperCase();
  return clean(typed) !== '' && clean(typed) === clean(code);
}

function Candidate({ candidate, asJoin }: { candidate: OrgCandidateView; asJoin: boolean }) {
  const { t } = useTranslation('org');
  const { changeOrganisation, request } = useStewardStore(
    useShallow((s) => ({
      changeOrganisation: s.changeOrganisation,
      request: requestOf(s.requests, 'confirmOrganisation'),
    })),
  );
  const [typed, setTyped] = useState('');
  const [matches, setMatches] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (request.status === 'pending') return;
    if (!matches && typed.trim() === '') {
      setError(t('confirm.typeOrTick'));
      return;
    }
    if (!matches && !sameCode(typed, candidate.code)) {
      setError(t('confirm.mismatch'));
      return;
    }
    setError(null);
    await changeOrganisation('confirmOrganisation', {
      orgId: candidate.orgId,
      code: matches ? candidate.code : typed.trim(),
    });
  };

  return (
    <Panel title={candidate.name} level={3}>
      <dl className="details">
        <div className="details__row">
          <dt>{t('confirm.founder')}</dt>
          <dd>{candidate.founder}</dd>
        </div>
        <div className="details__row">
          <dt>{t('confirm.created')}</dt>
          <dd>
            <time dateTime={candidate.createdAt}>{formatDate(candidate.createdAt)}</time>
          </dd>
        </div>
        <div className="details__row">
          <dt>{t('confirm.code')}</dt>
          <dd>
            <code className="org-code">{candidate.code}</code>
          </dd>
        </div>
      </dl>
      <form
        className="form"
        noValidate
        aria-label={t('confirm.formLabel', { name: candidate.name })}
        onSubmit={(event) => void submit(event)}
      >
        <TextField
          label={t('confirm.typeCode')}
          hint={t('confirm.typeCodeHint')}
          monospace
          autoComplete="off"
          spellCheck={false}
          value={typed}
          onChange={(value) => {
            setTyped(value);
            setError(null);
          }}
          error={error}
        />
        <CheckboxField
          label={t('confirm.matches', { code: candidate.code })}
          checked={matches}
          onChange={(value) => {
            setMatches(value);
            setError(null);
          }}
        />
        <div className="button-row">
          <Button
            type="submit"
            variant="primary"
            busy={request.status === 'pending'}
            busyLabel={t('confirm.confirming')}
          >
            {asJoin
              ? t('confirm.join', { name: candidate.name })
              : t('confirm.submit', { name: candidate.name })}
          </Button>
        </div>
      </form>
    </Panel>
  );
}

export function ConfirmOrganisation({
  organisation,
  asJoin = false,
}: {
  organisation: OrganisationView;
  /** A profile of an app already in the organisation, asking to join it. */
  asJoin?: boolean;
}) {
  const { t } = useTranslation('org');
  const request = useStewardStore((s) => requestOf(s.requests, 'confirmOrganisation'));
  const candidates = asJoin
    ? organisation.candidates.filter((c) => c.orgId === organisation.org?.orgId)
    : organisation.candidates;
  return (
    <div className="stack">
      <Panel
        title={asJoin ? t('confirm.joinTitle') : t('confirm.title')}
        description={<p>{asJoin ? t('confirm.joinDescription') : t('confirm.description')}</p>}
      >
        {candidates.length > 1 ? (
          <Banner level="warning" title={t('confirm.severalTitle', { count: candidates.length })}>
            <p>{t('confirm.several')}</p>
          </Banner>
        ) : null}
        {request.error ? (
          <Banner level="error">
            <ErrorMessage error={request.error} />
          </Banner>
        ) : null}
      </Panel>
      {candidates.map((candidate) => (
        <Candidate key={candidate.orgId} candidate={candidate} asJoin={asJoin} />
      ))}
    </div>
  );
}
