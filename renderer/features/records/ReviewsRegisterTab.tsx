// What was decided about which data use: every review the person may see, with its state, risk,
// decision, reviewer, conditions, re-review date and how long the decision took. Filtered by
// state; the choice is kept in the store like the matrix filters.
import { useId } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { RecordsView, ReviewDisplayStatus } from '../../../electron/core/contract';
import { DataTable } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { formatShortDate, plural } from '../../format';
import { hrefFor } from '../../routes';
import { useStewardStore } from '../../state/store';
import {
  DECISION_WORDS,
  RiskBadge,
  STATUS_LOOK,
  StatusBadge,
  titleOrPlaceholder,
} from '../review/reviewWords';
import { formatCount } from './recordsWords';

const STATES = Object.keys(STATUS_LOOK) as ReviewDisplayStatus[];

export function ReviewsRegisterTab({ view }: { view: RecordsView }) {
  const { status, setStatus } = useStewardStore(
    useShallow((s) => ({ status: s.reviewStatusFilter, setStatus: s.setReviewStatusFilter })),
  );
  const selectId = `register-state-${useId()}`;
  if (view.reviews.length === 0) {
    return (
      <EmptyState icon="reviews" title="No reviews yet">
        <p>
          {view.scope.kind === 'self'
            ? 'Reviews you submit appear here with their decision, conditions and re-review date.'
            : 'Every submitted review appears here with its state, risk, decision, reviewer, conditions and re-review date.'}
        </p>
      </EmptyState>
    );
  }
  const rows = status === 'all' ? view.reviews : view.reviews.filter((review) => review.status === status);
  return (
    <div className="stack stack--tight">
      <div className="register-toolbar">
        <div className="field register-toolbar__state">
          <label className="field__label" htmlFor={selectId}>
            State
          </label>
          <select
            id={selectId}
            className="field__input"
            value={status}
            onChange={(event) => setStatus(event.target.value as ReviewDisplayStatus | 'all')}
          >
            <option value="all">All states</option>
            {STATES.map((state) => (
              <option key={state} value={state}>
                {STATUS_LOOK[state].label}
              </option>
            ))}
          </select>
        </div>
        <p className="matrix-count" role="status">
          Showing {formatCount(rows.length)} of {plural(view.reviews.length, 'review')}
        </p>
      </div>
      {rows.length === 0 ? (
        <p className="matrix-none">No review is in this state.</p>
      ) : (
        <DataTable
          label="Reviews register"
          className="register"
          columns={[
            'Review',
            'Submitter',
            'State',
            'Risk',
            'Decision',
            'Reviewer',
            'Conditions',
            'Re-review',
            { label: 'Days to decision', className: 'data-table__number' },
          ]}
        >
          {rows.map((review) => (
            <tr key={review.reviewId}>
              <th scope="row">
                {review.source === 'workspace' ? (
                  <a href={hrefFor({ route: 'review', reviewId: review.reviewId })}>
                    {titleOrPlaceholder(review.title)}
                  </a>
                ) : (
                  titleOrPlaceholder(review.title)
                )}
                <span className="table-subtext">
                  Version {review.version} · submitted{' '}
                  <time dateTime={review.submittedAt}>{formatShortDate(review.submittedAt)}</time>
                  {review.dpiaRequired ? ' · DPIA required' : ''}
                  {review.source === 'imported' ? ' · imported' : ''}
                </span>
              </th>
              <td>
                {review.submitter.name}
                <span className="table-subtext">{review.submitter.team}</span>
              </td>
              <td>
                <StatusBadge status={review.status} />
              </td>
              <td>
                <RiskBadge level={review.overallRisk} />
              </td>
              <td>
                {review.decision ? (
                  <>
                    {DECISION_WORDS[review.decision]}
                    {review.decidedAt ? (
                      <span className="table-subtext">
                        <time dateTime={review.decidedAt}>{formatShortDate(review.decidedAt)}</time>
                      </span>
                    ) : null}
                  </>
                ) : (
                  <span className="text-muted">Not decided</span>
                )}
              </td>
              <td>{review.reviewer ? review.reviewer.name : <span className="text-muted">—</span>}</td>
              <td>
                {review.conditions.length === 0 ? (
                  <span className="text-muted">None</span>
                ) : (
                  <ul className="register__conditions">
                    {review.conditions.map((condition, index) => (
                      <li key={index}>
                        {condition.text}
                        <span className="table-subtext">
                          {condition.owner} · by{' '}
                          <time dateTime={condition.dueDate}>{formatShortDate(condition.dueDate)}</time>
                        </span>
                      </li>
                    ))}
                  </ul>
                )}
              </td>
              <td>
                {review.reReviewDate ? (
                  <time dateTime={review.reReviewDate}>{formatShortDate(review.reReviewDate)}</time>
                ) : (
                  <span className="text-muted">—</span>
                )}
              </td>
              <td className="data-table__number">{review.daysToDecision ?? '—'}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </div>
  );
}
