// Roster file import: an admin picks a CSV (an HR or identity-provider export), sees the plan —
// every row that cannot be taken, with why, and what would be added, changed, left, granted —
// and applies it. Any bad row and nothing is written; the file is read here and sent as text.
import { useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { Banner } from '../../components/Banner';
import { Button } from '../../components/Button';
import { CheckboxField } from '../../components/CheckboxField';
import { Panel } from '../../components/Panel';
import { ErrorMessage, useWordReason } from '../../i18n/reasons';
import { requestOf } from '../../state/requests';
import { useStewardStore } from '../../state/store';

/** Files larger than this are refused here (the contract refuses them too). */
const MAX_BYTES = 4 * 1024 * 1024;

export function RosterImport() {
  const { t } = useTranslation('org');
  const word = useWordReason();
  const { plan, previewRoster, importRoster, clearRosterPlan, previewRequest, importRequest } =
    useStewardStore(
      useShallow((s) => ({
        plan: s.rosterPlan,
        previewRoster: s.previewRoster,
        importRoster: s.importRoster,
        clearRosterPlan: s.clearRosterPlan,
        previewRequest: requestOf(s.requests, 'previewRosterImport'),
        importRequest: requestOf(s.requests, 'importRoster'),
      })),
    );
  const [csv, setCsv] = useState<string | null>(null);
  const [fileName, setFileName] = useState('');
  const [addTeams, setAddTeams] = useState(false);
  const [fileError, setFileError] = useState<string | null>(null);

  const choose = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    clearRosterPlan();
    setFileError(null);
    if (!file) return;
    if (file.size > MAX_BYTES) {
      setFileError(t('roster.tooLarge'));
      return;
    }
    const text = await file.text();
    setCsv(text);
    setFileName(file.name);
    await previewRoster(text, addTeams);
  };

  const error = previewRequest.error ?? importRequest.error;
  // A row can fail on two columns for one cause (a team, and a manager role for that team): the
  // title counts rows, and a line said twice for one row is shown once.
  const problemLines = plan
    ? [...new Set(plan.rowProblems.map((p) => t('roster.rowProblem', { row: p.row, why: word(p.reason) })))]
    : [];
  const badRows = plan ? new Set(plan.rowProblems.map((p) => p.row)).size : 0;
  const changes = plan
    ? plan.add.length + plan.update.length + plan.keys.length + plan.leave.length + plan.grants.length
    : 0;

  return (
    <Panel title={t('roster.title')} description={<p>{t('roster.description')}</p>}>
      <div className="form">
        <div className="field">
          <label className="field__label" htmlFor="roster-file">
            {t('roster.file')}
          </label>
          <input
            id="roster-file"
            className="field__input"
            type="file"
            accept=".csv,text/csv"
            onChange={(event) => void choose(event)}
          />
          {fileError ? <p className="field__error">{fileError}</p> : null}
        </div>
        <CheckboxField
          label={t('roster.addTeams')}
          checked={addTeams}
          onChange={(value) => {
            setAddTeams(value);
            if (csv !== null) void previewRoster(csv, value);
          }}
        />
      </div>
      {error ? (
        <Banner level="error">
          <ErrorMessage error={error} />
        </Banner>
      ) : null}
      {plan ? (
        <div className="stack stack--tight" aria-live="polite">
          <p>
            <strong>{fileName}</strong> {t('roster.rows', { count: plan.rows })}
          </p>
          {badRows > 0 ? (
            <Banner level="error" title={t('roster.problems', { count: badRows })}>
              <ul className="bullet-list">
                {problemLines.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            </Banner>
          ) : null}
          <ul className="bullet-list">
            {plan.add.map((a) => (
              <li key={`a${a.row}`}>
                {t('roster.add', { row: a.row, name: a.name, email: a.email, team: a.team })}
              </li>
            ))}
            {plan.update.map((u) => (
              <li key={`u${u.row}`}>
                {t('roster.update', {
                  row: u.row,
                  name: u.name,
                  changes: u.changes.map((c) => `${c.field}: ${c.from} → ${c.to}`).join('; '),
                })}
              </li>
            ))}
            {plan.keys.map((k) => (
              <li key={`k${k.row}`}>
                {t('roster.key', { row: k.row, name: k.name, fingerprint: k.fingerprint })}
              </li>
            ))}
            {plan.leave.map((l) => (
              <li key={`l${l.row}`}>{t('roster.leave', { row: l.row, name: l.name, on: l.on })}</li>
            ))}
            {plan.grants.map((g) => (
              <li key={`g${g.row}`}>
                {t('roster.grant', { row: g.row, name: g.name, role: t(`role.${g.role}`) })}
              </li>
            ))}
            {plan.newTeams.length > 0 ? (
              <li>{t('roster.newTeams', { teams: plan.newTeams.join(', ') })}</li>
            ) : null}
          </ul>
          <p className="text-small text-muted">
            {t('roster.unchanged', { count: plan.unchanged })}{' '}
            {plan.notInFile.length > 0 ? t('roster.notInFile', { count: plan.notInFile.length }) : null}
          </p>
          {plan.applied ? (
            <Banner level="success">
              <p>{t('roster.applied', { count: changes })}</p>
            </Banner>
          ) : plan.rowProblems.length === 0 && changes + plan.newTeams.length > 0 && csv !== null ? (
            <div className="button-row">
              <Button
                variant="primary"
                busy={importRequest.status === 'pending'}
                onClick={() => void importRoster(csv, addTeams)}
              >
                {t('roster.apply', { count: changes })}
              </Button>
            </div>
          ) : null}
        </div>
      ) : null}
    </Panel>
  );
}
