// The read-only parts of a review's screen: where it stands (summary), what changed since the
// previous version, and the answers by section.
import { useTranslation } from 'react-i18next';
import type { ReviewDetail } from '../../../electron/core/contract/views/reviews';
import { Badge } from '../../components/Badge';
import { Panel } from '../../components/Panel';
import { formatDate, formatDateTime, formatDay } from '../../format';
import { decisionKey, dpiaTitleKey, RiskBadge, StatusBadge, verdictTitleKey } from './reviewWords';

export function SummaryPanel({ detail }: { detail: ReviewDetail }) {
  const { t } = useTranslation('review');
  const { summary, assessment } = detail;
  const dpo = assessment.summary.dpoConsulted;
  return (
    <Panel title={t('detail.summary.title')}>
      <dl className="details">
        <div className="details__row">
          <dt>{t('detail.summary.status')}</dt>
          <dd>
            <StatusBadge status={summary.status} />
          </dd>
        </div>
        <div className="details__row">
          <dt>{t('detail.summary.version')}</dt>
          <dd>{summary.version}</dd>
        </div>
        <div className="details__row">
          <dt>{t('detail.summary.submittedBy')}</dt>
          <dd>
            {t('detail.summary.submittedByValue', {
              name: summary.submitter.name,
              team: summary.submitter.team,
              date: formatDateTime(summary.submittedAt),
            })}
          </dd>
        </div>
        {assessment.summary.summary ? (
          <div className="details__row">
            <dt>{t('detail.summary.use')}</dt>
            <dd>{assessment.summary.summary}</dd>
          </div>
        ) : null}
        {assessment.summary.launchDate ? (
          <div className="details__row">
            <dt>{t('detail.summary.launch')}</dt>
            <dd>{formatDay(assessment.summary.launchDate)}</dd>
          </div>
        ) : null}
        <div className="details__row">
          <dt>{t('detail.summary.overallRisk')}</dt>
          <dd>
            <RiskBadge level={summary.overallRisk} />
          </dd>
        </div>
        <div className="details__row">
          <dt>{t('detail.summary.dpia')}</dt>
          <dd>
            {assessment.format === 2
              ? t(verdictTitleKey(assessment.dpia.verdict))
              : t(dpiaTitleKey(assessment.screening.recommendation))}
          </dd>
        </div>
        <div className="details__row">
          <dt>{t('detail.summary.blockingFlags')}</dt>
          <dd>
            {summary.openBlockingFlags === 0
              ? t('detail.summary.noneOpen')
              : t('detail.summary.open', { count: summary.openBlockingFlags })}
          </dd>
        </div>
        <div className="details__row">
          <dt>{t('detail.summary.dpoConsulted')}</dt>
          <dd>
            {dpo === 'yes' || dpo === 'no' || dpo === 'unsure'
              ? t(`words.${dpo}`)
              : t('detail.summary.notAnswered')}
            {assessment.summary.dpoAdvice ? (
              <p className="details__note">
                {t('detail.summary.advice', { advice: assessment.summary.dpoAdvice })}
              </p>
            ) : null}
          </dd>
        </div>
        <div className="details__row">
          <dt>{t('detail.summary.decision')}</dt>
          <dd>
            {summary.decision
              ? t('detail.summary.decisionValue', {
                  decision: t(decisionKey(summary.decision.decision)),
                  name: summary.decision.by.name,
                  date: formatDate(summary.decision.at),
                })
              : t('detail.summary.noneYet')}
          </dd>
        </div>
        {summary.decision?.reReviewDate ? (
          <div className="details__row">
            <dt>{t('detail.summary.reReview')}</dt>
            <dd>
              {formatDay(summary.decision.reReviewDate)}
              {summary.status === 'reReviewDue' ? ` ${t('detail.summary.dueNow')}` : ''}
            </dd>
          </div>
        ) : null}
      </dl>
    </Panel>
  );
}

export function ChangesPanel({ detail }: { detail: ReviewDetail }) {
  const { t } = useTranslation('review');
  if (detail.changesFromVersion === null) return null;
  return (
    <Panel
      title={t('detail.changes.title', { version: detail.changesFromVersion })}
      description={t('detail.changes.description', {
        version: detail.summary.version,
        previous: detail.changesFromVersion,
      })}
    >
      {detail.changes.length === 0 ? (
        <p className="text-muted">{t('detail.changes.none')}</p>
      ) : (
        <ul className="change-list">
          {detail.changes.map((change) => (
            <li key={change.questionId} className={`change change--${change.kind}`}>
              <div className="change__header">
                <Badge
                  tone={change.kind === 'removed' ? 'error' : change.kind === 'added' ? 'success' : 'info'}
                >
                  {t(`detail.changes.${change.kind}`)}
                </Badge>
                <p className="change__label">{change.label}</p>
              </div>
              <dl className="change__values">
                <div className="change__value change__value--before">
                  <dt>{t('detail.changes.before')}</dt>
                  <dd>
                    {change.before === null ? (
                      <span className="text-muted">{t('detail.changes.noAnswer')}</span>
                    ) : (
                      <del>{change.before}</del>
                    )}
                  </dd>
                </div>
                <div className="change__value change__value--after">
                  <dt>{t('detail.changes.after')}</dt>
                  <dd>
                    {change.after === null ? (
                      <span className="text-muted">{t('detail.changes.noAnswer')}</span>
                    ) : (
                      <ins>{change.after}</ins>
                    )}
                  </dd>
                </div>
              </dl>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}

export function answerAnchor(questionId: string): string {
  return `answer-${questionId}`;
}

export function AnswersPanel({ detail }: { detail: ReviewDetail }) {
  const { t } = useTranslation('review');
  const changed = new Set(detail.changes.map((change) => change.questionId));
  const sections: { title: string; answers: ReviewDetail['answers'] }[] = [];
  for (const answer of detail.answers) {
    const last = sections[sections.length - 1];
    if (last && last.title === answer.section) last.answers.push(answer);
    else sections.push({ title: answer.section, answers: [answer] });
  }
  return (
    <Panel
      title={t('detail.answers.title')}
      description={t('detail.answers.description', { version: detail.summary.version })}
    >
      <div className="answer-sections">
        {sections.map((section) => (
          <div key={section.title} className="answer-section">
            <h3 className="answer-section__title">{section.title}</h3>
            <dl className="details details--answers">
              {section.answers.map((answer) => (
                <div
                  key={answer.questionId}
                  id={answerAnchor(answer.questionId)}
                  tabIndex={-1}
                  className="details__row focus-target"
                >
                  <dt>{answer.label}</dt>
                  <dd>
                    {answer.answer}
                    {changed.has(answer.questionId) ? (
                      <span className="tag">
                        {t('detail.answers.changedIn', { version: detail.summary.version })}
                      </span>
                    ) : null}
                  </dd>
                </div>
              ))}
            </dl>
          </div>
        ))}
      </div>
    </Panel>
  );
}
