// Core's assessment of a review, as the submitter sees it before submitting and the reviewer
// after: the DPIA screening with its reasons, the risk per dimension (a small chart and the same
// numbers in a table, with the answers that drove each score), and the flags, blocking first.
import type { ReviewAssessment } from '../../../electron/core/contract';
import { Badge } from '../../components/Badge';
import { BarChart, type BarTone } from '../../components/BarChart';
import { DataTable } from '../../components/DataTable';
import { Panel } from '../../components/Panel';
import { formatDay, plural } from '../../format';
import { DPIA_LOOK, RISK_LOOK, RiskBadge } from './reviewWords';

type Level = 2 | 3;
type Flag = ReviewAssessment['flags'][number];

/** The highest score one driver can reach: likelihood 3 × severity 3. */
export const MAX_SCORE = 9;

export function ScreeningPanel({ assessment, level = 2 }: { assessment: ReviewAssessment; level?: Level }) {
  const { screening } = assessment;
  const look = DPIA_LOOK[screening.recommendation];
  return (
    <Panel title="DPIA screening" level={level}>
      <div className="screening">
        <div className="screening__result">
          <Badge tone={look.tone} icon={look.icon}>
            {look.label}
          </Badge>
          <p className="screening__title">{look.title}</p>
        </div>
        <p className="text-muted text-small">
          {plural(screening.criteriaMet.length, 'criterion', 'criteria')} of the nine met
          {screening.unsure.length > 0 ? `, ${screening.unsure.length} answered unsure` : ''}; two or more
          mean a full data protection impact assessment is needed before the use starts (WP248 rev.01).
        </p>
        {screening.explanation.length > 0 ? (
          <ul className="bullet-list">
            {screening.explanation.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        ) : null}
      </div>
    </Panel>
  );
}

type DimensionRisk = ReviewAssessment['risk']['dimensions'][number];

/** The answers behind each score, strongest first: what the submitter could change. */
function Drivers({ dimensions }: { dimensions: DimensionRisk[] }) {
  const driven = dimensions.filter((dimension) => dimension.drivers.length > 0);
  if (driven.length === 0) return <p className="text-muted">No answer adds risk in any dimension.</p>;
  return (
    <div className="drivers">
      <p className="drivers__title">The answers that drove each score</p>
      <ul className="drivers__groups">
        {driven.map((dimension) => (
          <li key={dimension.dimension} className="drivers__group">
            <p className="drivers__dimension">
              {dimension.label} <RiskBadge level={dimension.level} />
            </p>
            <ul className="driver-list">
              {[...dimension.drivers]
                .sort((a, b) => b.score - a.score)
                .map((driver) => (
                  <li key={`${driver.questionId}-${driver.answerLabel}`}>
                    <span className="driver-list__question">{driver.questionLabel}</span>{' '}
                    <span className="driver-list__answer">{driver.answerLabel}</span>{' '}
                    <span className="driver-list__score">
                      likelihood {driver.likelihood} × severity {driver.severity} = {driver.score}
                    </span>
                  </li>
                ))}
            </ul>
          </li>
        ))}
      </ul>
    </div>
  );
}

const TONE: Record<string, BarTone> = { low: 'low', medium: 'medium', high: 'high' };

export function RiskPanel({ assessment, level = 2 }: { assessment: ReviewAssessment; level?: Level }) {
  const { risk } = assessment;
  const bars = risk.dimensions.map((dimension) => ({
    label: dimension.label,
    value: dimension.score,
    valueText: `${RISK_LOOK[dimension.level].word} · ${dimension.score} of ${MAX_SCORE}`,
    tone: TONE[dimension.level] ?? 'neutral',
  }));
  return (
    <Panel
      title="Risk"
      level={level}
      description="Scores are likelihood × severity (each 0–3) of the strongest answer in each dimension, before mitigations."
      actions={
        <p className="risk-overall">
          Overall <RiskBadge level={risk.overall.level} />
        </p>
      }
    >
      <div className="stack stack--tight">
        <BarChart title="Risk score by dimension" bars={bars} max={MAX_SCORE} />
        <DataTable label="Risk by dimension" className="risk-table" columns={['Dimension', 'Level', 'Score']}>
          {risk.dimensions.map((dimension) => (
            <tr key={dimension.dimension}>
              <th scope="row">{dimension.label}</th>
              <td>
                <RiskBadge level={dimension.level} />
                {dimension.escalated ? (
                  <span className="table-subtext">Raised one level: several medium risks</span>
                ) : null}
              </td>
              <td>
                {dimension.score} of {MAX_SCORE}
                <span className="table-subtext">
                  likelihood {dimension.likelihood} × severity {dimension.severity}
                </span>
              </td>
            </tr>
          ))}
        </DataTable>
        <Drivers dimensions={risk.dimensions} />
      </div>
    </Panel>
  );
}

/** Blocking flags first, then warnings; within each, open before cleared. */
export function orderFlags(flags: Flag[]): Flag[] {
  const rank = (flag: Flag) => (flag.blocking ? 0 : 2) + (flag.cleared ? 1 : 0);
  return [...flags].sort((a, b) => rank(a) - rank(b));
}

export function FlagsPanel({ assessment, level = 2 }: { assessment: ReviewAssessment; level?: Level }) {
  const flags = orderFlags(assessment.flags);
  const open = assessment.openBlockingFlags.length;
  return (
    <Panel
      title="Flags"
      level={level}
      description={
        open > 0
          ? `${plural(open, 'blocking flag is', 'blocking flags are')} open: approval is not possible until each is cleared, by accepting the mitigation that clears it or by changing the answers that raise it.`
          : 'Blocking flags stop approval until they are cleared; warnings are for the reviewer to weigh.'
      }
    >
      {flags.length === 0 ? (
        <p className="text-muted">Nothing was flagged.</p>
      ) : (
        <ul className="flag-list">
          {flags.map((flag) => (
            <li
              key={flag.id}
              className={`flag flag--${flag.blocking ? 'blocking' : 'warning'}${flag.cleared ? ' flag--cleared' : ''}`}
            >
              <div className="flag__header">
                {flag.blocking ? (
                  <Badge tone="error" icon="lock">
                    Blocking
                  </Badge>
                ) : (
                  <Badge tone="warning" icon="warning">
                    Warning
                  </Badge>
                )}
                {flag.cleared ? (
                  <Badge tone="success" icon="check">
                    Cleared
                  </Badge>
                ) : null}
                <p className="flag__label">{flag.label}</p>
              </div>
              <p className="flag__reason">{flag.reason}</p>
              {flag.reference ? <p className="flag__reference">{flag.reference}</p> : null}
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}

/** The submitter's response to each proposed mitigation, for reading (the detail screen). */
export function MitigationsReadOnly({
  assessment,
  level = 2,
}: {
  assessment: ReviewAssessment;
  level?: Level;
}) {
  const flagLabels = new Map(assessment.flags.map((flag) => [flag.id, flag.label]));
  return (
    <Panel
      title="Mitigations"
      level={level}
      description="Proposed from the answers, with the submitter's response."
    >
      {assessment.mitigations.length === 0 ? (
        <p className="text-muted">No mitigations were proposed.</p>
      ) : (
        <ul className="mitigation-list">
          {assessment.mitigations.map((mitigation) => (
            <li key={mitigation.id} className="mitigation">
              <p className="mitigation__title">{mitigation.title}</p>
              <p className="mitigation__reason">{mitigation.reason}</p>
              <p className="mitigation__meta">
                {mitigation.reference}
                {mitigation.clears.length > 0
                  ? ` · Clears: ${mitigation.clears.map((id) => flagLabels.get(id) ?? id).join('; ')}`
                  : ''}
              </p>
              {mitigation.response === null ? (
                <p className="mitigation__response">
                  <Badge tone="warning">No response</Badge>
                </p>
              ) : mitigation.response.status === 'accepted' ? (
                <p className="mitigation__response">
                  <Badge tone="success" icon="check">
                    Accepted
                  </Badge>{' '}
                  Owner: {mitigation.response.owner} · due {formatDay(mitigation.response.dueDate)}
                </p>
              ) : (
                <p className="mitigation__response">
                  <Badge tone="neutral">Declined</Badge> {mitigation.response.reason}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}
