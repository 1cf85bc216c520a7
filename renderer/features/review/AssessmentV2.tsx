// A format-2 assessment as the submitter and the reviewer read it: the DPIA screening checked
// against the data — each criterion answered, implied by other answers, or contradicted by them,
// with links to both questions — the verdict with what makes the law require it, the DPIA route;
// and the risk per dimension as severity × likelihood, inherent and after the accepted
// mitigations, with the answers behind each and what lowered them. Words come from the locale;
// the reasons quoted ("because", list items, the organisation's rule) are the questionnaire's.
import { useTranslation } from 'react-i18next';
import type { AssessmentV2, DpiaVerdict, RiskLevel } from '../../../electron/core/contract/views/reviews';
import { Badge } from '../../components/Badge';
import { DataTable } from '../../components/DataTable';
import { Panel } from '../../components/Panel';
import {
  basisKey,
  criterionKey,
  dimensionKey,
  RiskBadge,
  scaleKey,
  verdictTitleKey,
  VerdictBadge,
} from './reviewWords';

type Level = 2 | 3;
type Criterion = AssessmentV2['screening']['criteria'][number];

/** How a panel names and reaches a question: the draft moves to its section, the detail to its answer. */
export interface QuestionLinks {
  label: (questionId: string) => string | null;
  go: (questionId: string) => void;
}

function QuestionLink({ id, links }: { id: string; links?: QuestionLinks }) {
  const { t } = useTranslation('review');
  const label = links?.label(id) ?? null;
  if (!links || label === null) return <span className="question-ref">{label ?? id}</span>;
  return (
    <button type="button" className="link-button question-ref" onClick={() => links.go(id)}>
      {t('assessment.screeningV2.goTo', { label })}
    </button>
  );
}

function criterionStatus(
  c: Criterion,
): 'answered' | 'inferred' | 'conflict' | 'unsure' | 'no' | 'unanswered' {
  if (c.conflict) return 'conflict';
  if (c.answer === 'yes') return 'answered';
  if (c.inferred.length > 0) return 'inferred';
  if (c.answer === 'unsure') return 'unsure';
  if (c.answer === 'no') return 'no';
  return 'unanswered';
}

const STATUS_TONE = {
  answered: 'warning',
  inferred: 'warning',
  conflict: 'error',
  unsure: 'info',
  no: 'neutral',
  unanswered: 'neutral',
} as const;

function CriterionRow({ c, links }: { c: Criterion; links?: QuestionLinks }) {
  const { t } = useTranslation('review');
  const status = criterionStatus(c);
  return (
    <li className={`criterion criterion--${status}`}>
      <div className="criterion__header">
        <p className="criterion__name">{t(criterionKey(c.criterion))}</p>
        <Badge tone={STATUS_TONE[status]} icon={status === 'conflict' ? 'warning' : undefined}>
          {t(`assessment.screeningV2.status.${status}`)}
        </Badge>
      </div>
      {c.inferred.length > 0 || status === 'conflict' ? (
        <ul className="criterion__evidence">
          {c.questionId && status === 'conflict' ? (
            <li>
              {t('assessment.screeningV2.youAnswered')} <QuestionLink id={c.questionId} links={links} />
            </li>
          ) : null}
          {c.inferred.map((i) => (
            <li key={i.because}>
              {t('assessment.screeningV2.because', { because: i.because })}{' '}
              {i.questionIds.map((id) => (
                <QuestionLink key={id} id={id} links={links} />
              ))}
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}

const ART35_ITEMS = ['a', 'b', 'c'] as const;

function Grounds({ assessment, links }: { assessment: AssessmentV2; links?: QuestionLinks }) {
  const { t } = useTranslation('review');
  const { dpia } = assessment;
  if (dpia.grounds.length === 0) return null;
  return (
    <div className="grounds">
      <p className="grounds__title">{t('assessment.screeningV2.groundsTitle')}</p>
      <ul className="bullet-list">
        {dpia.grounds.map((g) => (
          <li key={g.kind === 'list' ? `${g.list}-${g.itemId}` : g.item}>
            {g.kind === 'article35_3'
              ? t('assessment.screeningV2.art35', {
                  item: g.item,
                  text: t(`assessment.screeningV2.art35_3.${ART35_ITEMS.includes(g.item) ? g.item : 'a'}`),
                })
              : t('assessment.screeningV2.listItem', { authority: g.authority, title: g.title })}{' '}
            {g.questionIds.slice(0, 4).map((id) => (
              <QuestionLink key={id} id={id} links={links} />
            ))}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The DPIA's route as the submitter chose it, and what follows for approval. */
export function DpiaRouteNote({ assessment }: { assessment: AssessmentV2 }) {
  const { t } = useTranslation('review');
  const { dpia } = assessment;
  if (!dpia.needed) {
    return dpia.verdict === 'consider' ? (
      <p className="text-muted">{t('assessment.screeningV2.considerNote')}</p>
    ) : null;
  }
  return (
    <div className="dpia-route">
      {dpia.neededBy === 'organisationRule' && dpia.organisationRule ? (
        <p className="dpia-route__rule">
          <span className="dpia-route__label">{t('assessment.screeningV2.organisationRule')}</span>{' '}
          {dpia.organisationRule}
        </p>
      ) : null}
      <p>
        {dpia.route === 'carryOut'
          ? dpia.done
            ? t('assessment.screeningV2.route.carryOutDone')
            : t('assessment.screeningV2.route.carryOut')
          : dpia.route === 'exemption' && dpia.claim
            ? t('assessment.screeningV2.route.exemption', { basis: t(basisKey(dpia.claim.basis)) })
            : t('assessment.screeningV2.route.none')}
      </p>
    </div>
  );
}

export function ScreeningPanelV2({
  assessment,
  level = 2,
  links,
}: {
  assessment: AssessmentV2;
  level?: Level;
  links?: QuestionLinks;
}) {
  const { t } = useTranslation('review');
  const { screening, dpia } = assessment;
  const verdict: DpiaVerdict = dpia.verdict;
  return (
    <Panel
      title={t('assessment.screeningV2.title')}
      level={level}
      description={t('assessment.screeningV2.description')}
    >
      <div className="screening">
        <div className="screening__result">
          <VerdictBadge verdict={verdict} />
          <p className="screening__title">{t(verdictTitleKey(verdict))}</p>
        </div>
        <p className="text-muted text-small">
          {t('assessment.screeningV2.count', { count: screening.met.length })}
          {screening.conflicts.length > 0
            ? ` ${t('assessment.screeningV2.conflicts', { count: screening.conflicts.length })}`
            : ''}
        </p>
        <Grounds assessment={assessment} links={links} />
        <DpiaRouteNote assessment={assessment} />
        <ul className="criteria-list">
          {screening.criteria.map((c) => (
            <CriterionRow key={c.criterion} c={c} links={links} />
          ))}
        </ul>
      </div>
    </Panel>
  );
}

function PointCell({
  level,
  severity,
  likelihood,
}: {
  level: RiskLevel;
  severity: number;
  likelihood: number;
}) {
  const { t } = useTranslation('review');
  return (
    <td>
      <RiskBadge level={level} />
      <span className="table-subtext">
        {t('assessment.riskV2.point', {
          severity: t(scaleKey(severity)),
          likelihood: t(scaleKey(likelihood)),
        })}
      </span>
    </td>
  );
}

export function RiskPanelV2({ assessment, level = 2 }: { assessment: AssessmentV2; level?: Level }) {
  const { t } = useTranslation('review');
  const { risk } = assessment;
  const titles = new Map(assessment.mitigations.map((m) => [m.id, m.title]));
  const driven = risk.dimensions.filter((d) => d.drivers.length > 0);
  return (
    <Panel
      title={t('assessment.riskV2.title')}
      level={level}
      description={t('assessment.riskV2.description')}
      actions={
        <p className="risk-overall">
          {t('assessment.riskV2.inherent')} <RiskBadge level={risk.inherent.level} />{' '}
          {t('assessment.riskV2.residual')} <RiskBadge level={risk.residual.level} />
        </p>
      }
    >
      <div className="stack stack--tight">
        <DataTable
          label={t('assessment.riskV2.table')}
          className="risk-table"
          columns={[
            t('assessment.riskV2.dimension'),
            t('assessment.riskV2.inherent'),
            t('assessment.riskV2.residual'),
          ]}
        >
          {risk.dimensions.map((d) => (
            <tr key={d.dimension}>
              <th scope="row">{t(dimensionKey(d.dimension))}</th>
              <PointCell {...d.inherent} />
              <PointCell {...d.residual} />
            </tr>
          ))}
        </DataTable>
        {driven.length === 0 ? (
          <p className="text-muted">{t('assessment.risk.noDrivers')}</p>
        ) : (
          <div className="drivers">
            <p className="drivers__title">{t('assessment.riskV2.driversTitle')}</p>
            <ul className="drivers__groups">
              {driven.map((d) => (
                <li key={d.dimension} className="drivers__group">
                  <p className="drivers__dimension">{t(dimensionKey(d.dimension))}</p>
                  <ul className="driver-list">
                    {d.drivers.map((driver) => (
                      <li key={`${driver.questionId}-${String(driver.answer)}`}>
                        <span className="driver-list__question">{driver.questionLabel}</span>{' '}
                        <span className="driver-list__answer">{driver.answerLabel}</span>{' '}
                        <span className="driver-list__score">
                          {[
                            driver.severity !== null
                              ? t('assessment.riskV2.severity', { word: t(scaleKey(driver.severity)) })
                              : null,
                            driver.likelihood !== null
                              ? t('assessment.riskV2.likelihood', { word: t(scaleKey(driver.likelihood)) })
                              : null,
                          ]
                            .filter(Boolean)
                            .join(' · ')}
                        </span>
                        {driver.treatedBy.length > 0 ? (
                          <span className="table-subtext">
                            {t('assessment.riskV2.loweredBy', {
                              mitigations: driver.treatedBy.map((id) => titles.get(id) ?? id).join('; '),
                            })}
                          </span>
                        ) : null}
                      </li>
                    ))}
                  </ul>
                  {d.caps.length > 0 ? (
                    <p className="table-subtext">
                      {t('assessment.riskV2.capped', {
                        answers: d.caps.map((c) => c.answerLabel).join('; '),
                      })}
                    </p>
                  ) : null}
                </li>
              ))}
            </ul>
          </div>
        )}
      </div>
    </Panel>
  );
}
