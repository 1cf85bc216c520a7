// The first minute of the dashboard: how complete each team and module is, who is overdue or due
// soon and what they still need, and what reviewers decided and how fast. An employee sees their
// own standing instead of team charts (a chart of one person says nothing a list does not).
import type { AttentionItem, RecordsView } from '../../../electron/core/contract';
import { EmptyState } from '../../components/EmptyState';
import { Panel } from '../../components/Panel';
import { formatShortDate, plural } from '../../format';
import { summariseMatrix } from '../../../electron/core/records/filter';
import { DecisionTimeChart, OutcomesChart, RateChart } from './charts';
import { formatCount, percent, TrainingStatusBadge } from './recordsWords';

function Stat({ value, label, tone }: { value: string; label: string; tone?: 'error' | 'warning' }) {
  return (
    <div className={['records-stat', tone ? `records-stat--${tone}` : ''].filter(Boolean).join(' ')}>
      <dt className="records-stat__label">{label}</dt>
      <dd className="records-stat__value">{value}</dd>
    </div>
  );
}

function Headline({ view }: { view: RecordsView }) {
  const summary = summariseMatrix(view.matrix);
  const self = view.scope.kind === 'self';
  return (
    <dl className="records-stats">
      <Stat
        label={self ? 'Required modules current' : 'Required training current'}
        value={`${percent(summary.current, summary.required)}%`}
      />
      {self ? null : <Stat label="People" value={formatCount(summary.people)} />}
      <Stat
        label={self ? 'Modules overdue' : 'People overdue'}
        value={formatCount(self ? summary.byStatus.overdue : view.overdue.length)}
        tone={view.overdue.length > 0 ? 'error' : undefined}
      />
      <Stat
        label={self ? 'Modules due soon' : 'People due soon'}
        value={formatCount(self ? summary.byStatus.dueSoon : view.dueSoon.length)}
        tone={view.dueSoon.length > 0 ? 'warning' : undefined}
      />
      <Stat
        label="Reviews decided"
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
}: {
  title: string;
  description: string;
  items: AttentionItem[];
  empty: string;
  self: boolean;
}) {
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
                  aria-label={self ? undefined : `What ${item.name} still needs`}
                >
                  {item.modules.map((module) => (
                    <li key={module.moduleId}>
                      <TrainingStatusBadge status={module.status} /> {module.title}
                      {module.dueAt ? (
                        <span className="text-muted text-small">
                          {' '}
                          · due <time dateTime={module.dueAt}>{formatShortDate(module.dueAt)}</time>
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
              And {plural(items.length - shown.length, 'more person', 'more people')}: filter the completion
              matrix by status to see everyone.
            </p>
          ) : null}
        </>
      )}
    </Panel>
  );
}

export function OverviewTab({ view }: { view: RecordsView }) {
  const self = view.scope.kind === 'self';
  if (view.matrix.length === 0 && view.reviews.length === 0) {
    return (
      <EmptyState icon="records" title="Nothing recorded yet">
        <p>
          {self
            ? 'Once you complete training or submit a review, your progress and what you still need appear here.'
            : 'Once people complete training and reviews are decided, this page shows completion by team and module, who is overdue, and how reviews were decided.'}
        </p>
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
          title="Overdue"
          description={
            self
              ? 'Required modules past their due date. Retake them from Training.'
              : 'People with required training past its due date, and what each still needs.'
          }
          items={view.overdue}
          empty={self ? 'Nothing overdue.' : 'Nobody is overdue.'}
          self={self}
        />
        <AttentionList
          title="Due soon"
          description={
            self
              ? 'Completions that expire soon: retake them before they lapse.'
              : 'People whose required training expires or falls due soon.'
          }
          items={view.dueSoon}
          empty={self ? 'Nothing due soon.' : 'Nobody is due soon.'}
          self={self}
        />
      </div>
      {self ? null : (
        <Panel
          title="Completion of required training"

          description="Current completions (passed and not yet expired) of the modules each person must take."
        >
          {byModule.length === 0 ? (
            <p className="text-muted">
              No required training yet: the policy file names which modules people must take.
            </p>
          ) : (
            <div className="records-charts">
              {view.byTeam.length > 1 ? <RateChart title="By team" what="Team" rows={view.byTeam} /> : null}
              <RateChart title="By module" what="Module" rows={byModule} />
            </div>
          )}
        </Panel>
      )}
      {self ? null : (
        <Panel
          title="Review decisions"

          description="What reviewers decided each month, and how long a decision took from the first submission."
        >
          {hasOutcomes ? (
            <div className="records-charts">
              <OutcomesChart months={view.reviewOutcomes} />
              <DecisionTimeChart months={view.reviewOutcomes} />
            </div>
          ) : (
            <p className="text-muted">
              No review has been decided yet. Decisions appear here month by month.
            </p>
          )}
        </Panel>
      )}
    </div>
  );
}
