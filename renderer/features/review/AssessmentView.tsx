// Core's assessment of a review, as the submitter sees it before submitting and the reviewer
// after: the DPIA screening with its reasons, the risk per dimension (a small chart and the same
// numbers in a table, with the answers that drove each score), and the flags, blocking first.
// Format-1 assessments (recorded with questionnaire 1.0.0) keep their panels here; format 2 has
// its own (AssessmentV2.tsx); ScreeningPanel and RiskPanel pick by the assessment's format.
import { Trans, useTranslation } from 'react-i18next';
import type { AssessmentV1, ReviewAssessment } from '../../../electron/core/contract/views/reviews';
import { Badge } from '../../components/Badge';
import { BarChart, type BarTone } from '../../components/BarChart';
import { DataTable } from '../../components/DataTable';
import { Panel } from '../../components/Panel';
import { formatDay } from '../../format';
import { type QuestionLinks, RiskPanelV2, ScreeningPanelV2 } from './AssessmentV2';
import { DPIA_TONE, dpiaKey, dpiaTitleKey, RiskBadge, riskWordKey } from './reviewWords';

type Level = 2 | 3;
type Flag = ReviewAssessment['flags'][number];

/** The highest score one driver can reach: likelihood 3 × severity 3. */
export const MAX_SCORE = 9;

export function ScreeningPanel({
  assessment,
  level = 2,
  links,
}: {
  assessment: ReviewAssessment;
  level?: Level;
  links?: QuestionLinks;
}) {
  if (assessment.format === 2)
    return <ScreeningPanelV2 assessment={assessment} level={level} links={links} />;
  return <ScreeningPanelV1 assessment={assessment} level={level} />;
}

function ScreeningPanelV1({ assessment, level }: { assessment: AssessmentV1; level: Level }) {
  const { t } = useTranslation('review');
  const { screening } = assessment;
  const look = DPIA_TONE[screening.recommendation];
  return (
    <Panel title={t('assessment.screening.title')} level={level}>
      <div className="screening">
        <div className="screening__result">
          <Badge tone={look.tone} icon={look.icon}>
            {t(dpiaKey(screening.recommendation))}
          </Badge>
          <p className="screening__title">{t(dpiaTitleKey(screening.recommendation))}</p>
        </div>
        <p className="text-muted text-small">
          {t('assessment.screening.rule', {
            met: t('assessment.screening.met', { count: screening.criteriaMet.length }),
            unsure:
              screening.unsure.length > 0
                ? t('assessment.screening.unsure', { count: screening.unsure.length })
                : '',
          })}
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

type DimensionRisk = AssessmentV1['risk']['dimensions'][number];

/** The answers behind each score, strongest first: what the submitter could change. */
function Drivers({ dimensions }: { dimensions: DimensionRisk[] }) {
  const { t } = useTranslation('review');
  const driven = dimensions.filter((dimension) => dimension.drivers.length > 0);
  if (driven.length === 0) return <p className="text-muted">{t('assessment.risk.noDrivers')}</p>;
  return (
    <div className="drivers">
      <p className="drivers__title">{t('assessment.risk.driversTitle')}</p>
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
                      {t('assessment.risk.driverScore', {
                        likelihood: driver.likelihood,
                        severity: driver.severity,
                        score: driver.score,
                      })}
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
  if (assessment.format === 2) return <RiskPanelV2 assessment={assessment} level={level} />;
  return <RiskPanelV1 assessment={assessment} level={level} />;
}

function RiskPanelV1({ assessment, level }: { assessment: AssessmentV1; level: Level }) {
  const { t } = useTranslation('review');
  const { risk } = assessment;
  const bars = risk.dimensions.map((dimension) => ({
    label: dimension.label,
    value: dimension.score,
    valueText: t('assessment.risk.barValue', {
      word: t(riskWordKey(dimension.level)),
      score: dimension.score,
      max: MAX_SCORE,
    }),
    tone: TONE[dimension.level] ?? 'neutral',
  }));
  return (
    <Panel
      title={t('assessment.risk.title')}
      level={level}
      description={t('assessment.risk.description')}
      actions={
        <p className="risk-overall">
          <Trans
            t={t}
            i18nKey="assessment.risk.overall"
            components={{ badge: <RiskBadge level={risk.overall.level} /> }}
          />
        </p>
      }
    >
      <div className="stack stack--tight">
        <BarChart title={t('assessment.risk.chart')} bars={bars} max={MAX_SCORE} />
        <DataTable
          label={t('assessment.risk.table')}
          className="risk-table"
          columns={[t('assessment.risk.dimension'), t('assessment.risk.level'), t('assessment.risk.score')]}
        >
          {risk.dimensions.map((dimension) => (
            <tr key={dimension.dimension}>
              <th scope="row">{dimension.label}</th>
              <td>
                <RiskBadge level={dimension.level} />
                {dimension.escalated ? (
                  <span className="table-subtext">{t('assessment.risk.escalated')}</span>
                ) : null}
              </td>
              <td>
                {t('assessment.risk.scoreOf', { score: dimension.score, max: MAX_SCORE })}
                <span className="table-subtext">
                  {t('assessment.risk.factors', {
                    likelihood: dimension.likelihood,
                    severity: dimension.severity,
                  })}
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
  const { t } = useTranslation('review');
  const flags = orderFlags(assessment.flags);
  const open = assessment.openBlockingFlags.length;
  return (
    <Panel
      title={t('assessment.flags.title')}
      level={level}
      description={open > 0 ? t('assessment.flags.open', { count: open }) : t('assessment.flags.description')}
    >
      {flags.length === 0 ? (
        <p className="text-muted">{t('assessment.flags.none')}</p>
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
                    {t('assessment.flags.blocking')}
                  </Badge>
                ) : (
                  <Badge tone="warning" icon="warning">
                    {t('assessment.flags.warning')}
                  </Badge>
                )}
                {flag.cleared ? (
                  <Badge tone="success" icon="check">
                    {t('assessment.flags.cleared')}
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
  const { t } = useTranslation('review');
  const flagLabels = new Map(assessment.flags.map((flag) => [flag.id, flag.label]));
  return (
    <Panel
      title={t('assessment.mitigations.title')}
      level={level}
      description={t('assessment.mitigations.description')}
    >
      {assessment.mitigations.length === 0 ? (
        <p className="text-muted">{t('assessment.mitigations.none')}</p>
      ) : (
        <ul className="mitigation-list">
          {assessment.mitigations.map((mitigation) => (
            <li key={mitigation.id} className="mitigation">
              <p className="mitigation__title">{mitigation.title}</p>
              <p className="mitigation__reason">{mitigation.reason}</p>
              <p className="mitigation__meta">
                {mitigation.reference}
                {mitigation.clears.length > 0
                  ? ` · ${t('assessment.mitigations.clears', { flags: mitigation.clears.map((id) => flagLabels.get(id) ?? id).join('; ') })}`
                  : ''}
              </p>
              {mitigation.response === null ? (
                <p className="mitigation__response">
                  <Badge tone="warning">{t('assessment.mitigations.noResponse')}</Badge>
                </p>
              ) : mitigation.response.status === 'accepted' ? (
                <p className="mitigation__response">
                  <Badge tone="success" icon="check">
                    {t('assessment.mitigations.accepted')}
                  </Badge>{' '}
                  {t('assessment.mitigations.ownerDue', {
                    owner: mitigation.response.owner,
                    date: formatDay(mitigation.response.dueDate),
                  })}
                </p>
              ) : (
                <p className="mitigation__response">
                  <Badge tone="neutral">{t('assessment.mitigations.declined')}</Badge>{' '}
                  {mitigation.response.reason}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}
