// What was decided about which data use: every review the person may see, with its state, risk,
// decision, reviewer, conditions (and when each was met), re-review date and how long the decision
// took. Filtered by state; the choice is kept in the store like the matrix filters.
import { useId } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { RecordsView } from '../../../electron/core/contract/views/records';
import type { ReviewDisplayStatus } from '../../../electron/core/contract/views/reviews';
import { DataTable } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { formatShortDate } from '../../format';
import { hrefFor } from '../../routes';
import { useStewardStore } from '../../state/store';
import { PersonCell, StateAndRiskCells } from '../review/reviewWords';
import { formatCount } from './recordsWords';

// The register names states and decisions in its own words (records.json: register.states,
// register.decisions). A Record, so a new state does not compile until it is listed here.
const STATE_CHOICES: Record<ReviewDisplayStatus, true> = {
  submitted: true,
  changesRequested: true,
  approved: true,
  approvedWithConditions: true,
  rejected: true,
  withdrawn: true,
  reReviewDue: true,
};
const STATES = Object.keys(STATE_CHOICES) as ReviewDisplayStatus[];

export function ReviewsRegisterTab({ view }: { view: RecordsView }) {
  const { status, setStatus } = useStewardStore(
    useShallow((s) => ({ status: s.reviewStatusFilter, setStatus: s.setReviewStatusFilter })),
  );
  const { t } = useTranslation('records');
  const selectId = `register-state-${useId()}`;
  const titleOf = (title: string | null | undefined) =>
    title && title.trim() !== '' ? title : t('register.untitled');
  if (view.reviews.length === 0) {
    return (
      <EmptyState icon="reviews" title={t('register.emptyTitle')}>
        <p>{t(view.scope.kind === 'self' ? 'register.emptySelf' : 'register.emptyAll')}</p>
      </EmptyState>
    );
  }
  const rows = status === 'all' ? view.reviews : view.reviews.filter((review) => review.status === status);
  return (
    <div className="stack stack--tight">
      <div className="register-toolbar">
        <div className="field register-toolbar__state">
          <label className="field__label" htmlFor={selectId}>
            {t('register.state')}
          </label>
          <select
            id={selectId}
            className="field__input"
            value={status}
            onChange={(event) => setStatus(event.target.value as ReviewDisplayStatus | 'all')}
          >
            <option value="all">{t('register.allStates')}</option>
            {STATES.map((state) => (
              <option key={state} value={state}>
                {t(`register.states.${state}`)}
              </option>
            ))}
          </select>
        </div>
        <p className="matrix-count" role="status">
          {t('register.showing', { shown: rows.length, count: view.reviews.length })}
        </p>
      </div>
      {rows.length === 0 ? (
        <p className="surface surface--dashed matrix-none">{t('register.noneInState')}</p>
      ) : (
        <DataTable
          label={t('register.label')}
          className="register"
          columns={[
            t('register.columns.review'),
            t('register.columns.submitter'),
            t('register.columns.state'),
            t('register.columns.risk'),
            t('register.columns.decision'),
            t('register.columns.reviewer'),
            t('register.columns.conditions'),
            t('register.columns.reReview'),
            { label: t('register.columns.daysToDecision'), className: 'data-table__number' },
          ]}
        >
          {rows.map((review) => (
            <tr key={review.reviewId}>
              <th scope="row">
                {review.source === 'workspace' ? (
                  <a href={hrefFor({ route: 'review', reviewId: review.reviewId })}>
                    {titleOf(review.title)}
                  </a>
                ) : (
                  titleOf(review.title)
                )}
                <span className="table-subtext">
                  <Trans
                    t={t}
                    i18nKey="register.submitted"
                    values={{ version: review.version, date: formatShortDate(review.submittedAt) }}
                    components={{ time: <time dateTime={review.submittedAt} /> }}
                  />
                  {review.dpiaRequired ? ` · ${t('register.dpiaRequired')}` : ''}
                  {review.source === 'imported' ? ` · ${t('register.imported')}` : ''}
                </span>
              </th>
              <PersonCell person={review.submitter} />
              <StateAndRiskCells status={review.status} risk={review.overallRisk} />
              <td>
                {review.inConflict ? (
                  <span className="register__conflict">
                    <span className="badge badge--warning">{t('register.inConflict')}</span>
                    <span className="table-subtext">{t('register.inConflictHint')}</span>
                  </span>
                ) : null}
                {review.decision ? (
                  <>
                    {t(`register.decisions.${review.decision}`)}
                    {review.decidedAt ? (
                      <span className="table-subtext">
                        <time dateTime={review.decidedAt}>{formatShortDate(review.decidedAt)}</time>
                      </span>
                    ) : null}
                  </>
                ) : (
                  <span className="text-muted">{t('register.notDecided')}</span>
                )}
              </td>
              <td>{review.reviewer ? review.reviewer.name : <span className="text-muted">—</span>}</td>
              <td>
                {review.conditions.length === 0 ? (
                  <span className="text-muted">{t('register.noConditions')}</span>
                ) : (
                  <ul className="register__conditions">
                    {review.conditions.map((condition, index) => (
                      <li key={index}>
                        {condition.text}
                        <span className="table-subtext">
                          {condition.owner} ·{' '}
                          <Trans
                            t={t}
                            i18nKey="register.conditionBy"
                            values={{ date: formatShortDate(condition.dueDate) }}
                            components={{ time: <time dateTime={condition.dueDate} /> }}
                          />
                          {condition.metAt ? (
                            <>
                              {' · '}
                              <Trans
                                t={t}
                                i18nKey="register.conditionMet"
                                values={{ date: formatShortDate(condition.metAt) }}
                                components={{ time: <time dateTime={condition.metAt} /> }}
                              />
                            </>
                          ) : null}
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
              <td className="data-table__number">
                {review.daysToDecision === null ? '—' : formatCount(review.daysToDecision)}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </div>
  );
}
