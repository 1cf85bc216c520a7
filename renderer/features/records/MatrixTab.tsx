// Who has completed what: the completion matrix with its filters (team, module, status, a
// completion date range, a name search) and a sortable, virtualised table. The filters live in
// the store, so they are still set after a visit to another tab or screen, and the export can
// apply the same filter. The whole matrix is sorted once per sort; each keystroke only filters
// the sorted rows (fast: names are folded once), and the typing itself stays responsive because
// the table follows a deferred copy of the filter.
import { useDeferredValue, useId, useMemo, type InputHTMLAttributes } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { RecordsView } from '../../../electron/core/contract';
import { filterMatrix, sortMatrix } from '../../../electron/core/records/filter';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { toRecordsFilter } from '../../state/recordsSlice';
import { useStewardStore } from '../../state/store';
import { FilterMenu } from './FilterMenu';
import { formatCount, statusLabel, TRAINING_STATUSES } from './recordsWords';
import { VirtualMatrix } from './VirtualMatrix';

/** A filter's input: a label and the control, no "(optional)" (every filter is). */
function FilterInput({
  label,
  value,
  onChange,
  error,
  className,
  ...rest
}: Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value'> & {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | null;
}) {
  const id = `filter-${useId()}`;
  return (
    <div className={['field', error ? 'field--invalid' : '', className].filter(Boolean).join(' ')}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <input
        {...rest}
        id={id}
        className="field__input"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      {error ? (
        <p className="field__error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

const STATUS_OPTIONS = TRAINING_STATUSES.map((status) => ({ value: status, label: statusLabel(status) }));

export function MatrixTab({ view }: { view: RecordsView }) {
  const { filter, sort, setMatrixFilter, clearMatrixFilter, sortMatrixBy } = useStewardStore(
    useShallow((s) => ({
      filter: s.matrixFilter,
      sort: s.matrixSort,
      setMatrixFilter: s.setMatrixFilter,
      clearMatrixFilter: s.clearMatrixFilter,
      sortMatrixBy: s.sortMatrixBy,
    })),
  );
  const personal = view.scope.kind !== 'self';
  const deferredFilter = useDeferredValue(filter);
  const sorted = useMemo(() => sortMatrix(view.matrix, sort), [view.matrix, sort]);
  const visible = useMemo(
    () => filterMatrix(sorted, toRecordsFilter(deferredFilter), view.people),
    [sorted, deferredFilter, view.people],
  );
  const filtered = Object.keys(toRecordsFilter(filter)).length > 0;
  const rangeError =
    filter.from !== '' && filter.to !== '' && filter.from > filter.to
      ? 'The start date is after the end date, so no completion can match.'
      : null;

  if (view.matrix.length === 0) {
    return (
      <EmptyState icon="training" title="No training records yet">
        <p>
          {personal
            ? 'Each person and module gets a row here once the policy requires it or someone starts it: status, completion date, score, expiry and due date.'
            : 'Your modules appear here once you start them or the policy requires them of you.'}
        </p>
      </EmptyState>
    );
  }

  const teamOptions = view.teams.map((team) => ({ value: team, label: team }));
  const moduleOptions = view.modules.map((module) => ({ value: module.id, label: module.title }));

  return (
    <div className="stack stack--tight">
      <div className="matrix-filters" role="search" aria-label="Filter the completion matrix">
        {personal ? (
          <FilterInput
            className="matrix-filters__search"
            label="Search by name or email"
            type="search"
            value={filter.search}
            maxLength={200}
            onChange={(search) => setMatrixFilter({ search })}
          />
        ) : null}
        <div className="matrix-filters__menus">
          {personal && teamOptions.length > 1 ? (
            <FilterMenu
              label="Team"
              options={teamOptions}
              selected={filter.teams}
              onChange={(teams) => setMatrixFilter({ teams })}
            />
          ) : null}
          <FilterMenu
            label="Module"
            options={moduleOptions}
            selected={filter.moduleIds}
            onChange={(moduleIds) => setMatrixFilter({ moduleIds })}
          />
          <FilterMenu
            label="Status"
            options={STATUS_OPTIONS}
            selected={filter.statuses}
            onChange={(statuses) =>
              setMatrixFilter({ statuses: TRAINING_STATUSES.filter((s) => statuses.includes(s)) })
            }
          />
        </div>
        <fieldset className="matrix-filters__dates">
          <legend className="matrix-filters__legend">Completed between</legend>
          <FilterInput
            label="From"
            type="date"
            value={filter.from}
            onChange={(from) => setMatrixFilter({ from })}
            error={rangeError}
          />
          <FilterInput label="To" type="date" value={filter.to} onChange={(to) => setMatrixFilter({ to })} />
        </fieldset>
        {filtered ? (
          <Button size="sm" variant="ghost" icon="close" onClick={clearMatrixFilter}>
            Clear filters
          </Button>
        ) : null}
      </div>
      <p className="matrix-count" role="status">
        Showing {formatCount(visible.length)} of {formatCount(view.matrix.length)}
        {personal ? ' rows (one per person and module)' : ' modules'}
      </p>
      {visible.length === 0 ? (
        <p className="matrix-none">
          No rows match these filters.{' '}
          <button type="button" className="link-button" onClick={clearMatrixFilter}>
            Clear filters
          </button>
        </p>
      ) : (
        <VirtualMatrix
          rows={visible}
          people={view.people}
          sort={sort}
          onSort={sortMatrixBy}
          personal={personal}
          label={personal ? 'Completion matrix' : 'Your modules'}
        />
      )}
    </div>
  );
}
