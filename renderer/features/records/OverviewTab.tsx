// The first minute of the dashboard: how complete each team and module is, who is overdue or due
// soon and what they still need, and what reviewers decided and how fast. An employee sees their
// own standing instead of team charts (a chart of one person says nothing a list does not).
import type { ReactNode } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { AttentionItem, RecordsView } from '../../../electron/core/contract/views/records';
import { EmptyState } from '../../components/EmptyState';
import { Panel } from '../../components/Panel';
import { formatShortDate } from '../../format';
import { summariseMatrix } from '../../../electron/core/records/filter';
import { DecisionTimeChart, OutcomesChart, RateChart } from './charts';
import { formatCount, formatPercent, percent, TrainingStatusBadge } from './recordsWords';
import { RemindPanel } from './RemindPanel';

function Stat({ value, label, tone }: { value: string; label: string; tone?: 'error' | 'warning' }) {
  return (
    <div className={['surface records-stat', tone ? `records-stat--${tone}` : ''].filter(Boolean).join(' ')}>
      <dt className="records-stat__label">{label}</dt>
      <dd className="records-stat__value">{value}</dd>
    </div>
  );
}

function Headline({ view }: { view: RecordsView }) {
  const { t } = useTranslation('records');
  const summary = summariseMatrix(view.matrix);
  const self = view.scope.kind === 'self';
  return (
    <dl className="records-stats">
      <Stat
        label={t(self ? 'overview.stats.requiredModulesCurrent' : 'overview.stats.requiredTrainingCurrent')}
        value={formatPercent(percent(summary.current, summary.required))}
      />
      {self ? null : <Stat label={t('overview.stats.people')} value={formatCount(summary.people)} />}
      <Stat
        label={t(self ? 'overview.stats.modulesOverdue' : 'overview.stats.peopleOverdue')}
        value={formatCount(self ? summary.byStatus.overdue : view.overdue.length)}
        tone={view.overdue.length > 0 ? 'error' : undefined}
      />
      <Stat
        label={t(self ? 'overview.stats.modulesDueSoon' : 'overview.stats.peopleDueSoon')}
        value={formatCount(self ? summary.byStatus.dueSoon : view.dueSoon.length)}
        tone={view.dueSoon.length > 0 ? 'warning' : undefined}
      />
      <Stat
        label={t('overview.stats.reviewsDecided')}
        value={formatCount(view.reviews.filter((r) => r.decision !== null).length)}
      />
    </dl>
  );
}

const LIST_LIMIT = 50;

function AttentionList({
  title,
  description,
  items,
  empty,
  self,
  footer,
}: {
  title: string;
  description: string;
  items: AttentionItem[];
  empty: string;
  self: boolean;
  footer?: ReactNode;
}) {
  const { t } = useTranslation('records');
  const shown = items.slice(0, LIST_LIMIT);
  return (
    <Panel title={title} description={description}>
      {items.length === 0 ? (
        <p className="text-muted">{empty}</p>
      ) : (
        <>
          <ul className="attention-list">
            {shown.map((item) => (
              <li key={item.personId} className="attention-list__item">
                {self ? null : (
                  <p className="attention-list__who">
                    <span className="attention-list__name">{item.name}</span>
                    <span className="table-subtext">{item.team}</span>
                  </p>
                )}
                <ul
                  className="attention-list__modules"
                  aria-label={self ? undefined : t('overview.stillNeeds', { name: item.name })}
                >
                  {item.modules.map((module) => (
                    <li key={module.moduleId}>
                      <TrainingStatusBadge status={module.status} /> {module.title}
                      {module.dueAt ? (
                        <span className="text-muted text-small">
                          {' '}
                          <Trans
                            t={t}
                            i18nKey="overview.due"
                            values={{ date: formatShortDate(module.dueAt) }}
                            components={{ time: <time dateTime={module.dueAt} /> }}
                          />
                        </span>
                      ) : null}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
          {items.length > shown.length ? (
            <p className="text-muted text-small">
              {t('overview.more', { count: items.length - shown.length })}
            </p>
          ) : null}
        </>
      )}
      {footer}
    </Panel>
  );
}

export function OverviewTab({ view }: { view: RecordsView }) {
  const { t } = useTranslation('records');
  const self = view.scope.kind === 'self';
  if (view.matrix.length === 0 && view.reviews.length === 0) {
    return (
      <EmptyState icon="records" title={t('overview.emptyTitle')}>
        <p>{t(self ? 'overview.emptySelf' : 'overview.emptyAll')}</p>
      </EmptyState>
    );
  }
  const hasOutcomes = view.reviewOutcomes.length > 0;
  // A module nobody must take has no rate to show.
  const byModule = view.byModule.filter((row) => row.required > 0);
  return (
    <div className="stack">
      <Headline view={view} />
      <div className="records-grid">
        <AttentionList
          title={t('overview.overdue.title')}
          description={t(self ? 'overview.overdue.self' : 'overview.overdue.all')}
          items={view.overdue}
          empty={t(self ? 'overview.overdue.noneSelf' : 'overview.overdue.noneAll')}
          self={self}
          footer={<RemindPanel view={view} />}
        />
        <AttentionList
          title={t('overview.dueSoon.title')}
          description={t(self ? 'overview.dueSoon.self' : 'overview.dueSoon.all')}
          items={view.dueSoon}
          empty={t(self ? 'overview.dueSoon.noneSelf' : 'overview.dueSoon.noneAll')}
          self={self}
        />
      </div>
      {self ? null : (
        <Panel title={t('overview.completion.title')} description={t('overview.completion.description')}>
          {byModule.length === 0 ? (
            <p className="text-muted">{t('overview.completion.none')}</p>
          ) : (
            <div className="records-charts">
              {view.byTeam.length > 1 ? (
                <RateChart
                  title={t('overview.completion.byTeam')}
                  what={t('overview.completion.team')}
                  empty={t('overview.completion.noTeam')}
                  rows={view.byTeam}
                />
              ) : null}
              <RateChart
                title={t('overview.completion.byModule')}
                what={t('overview.completion.module')}
                empty={t('overview.completion.noModule')}
                rows={byModule}
              />
            </div>
          )}
        </Panel>
      )}
      {self ? null : (
        <Panel title={t('overview.decisions.title')} description={t('overview.decisions.description')}>
          {hasOutcomes ? (
            <div className="records-charts">
              <OutcomesChart months={view.reviewOutcomes} />
              <DecisionTimeChart months={view.reviewOutcomes} />
            </div>
          ) : (
            <p className="text-muted">{t('overview.decisions.none')}</p>
          )}
        </Panel>
      )}
    </div>
  );
}
