// Who has completed what: the completion matrix with its filters (team, module, status, a
// completion date range, a name search) and a sortable, virtualised table. The filters live in
// the store, so they are still set after a visit to another tab or screen, and the export can
// apply the same filter. The whole matrix is sorted once per sort; each keystroke only filters
// the sorted rows (fast: names are folded once), and the typing itself stays responsive because
// the table follows a deferred copy of the filter.
import { useDeferredValue, useId, useMemo, type InputHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { RecordsView } from '../../../electron/core/contract/views/records';
import { filterMatrix, sortMatrix } from '../../../electron/core/records/filter';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { toRecordsFilter } from '../../state/recordsSlice';
import { useStewardStore } from '../../state/store';
import { FilterMenu } from './FilterMenu';
import { statusLabel, TRAINING_STATUSES } from './recordsWords';
import { VirtualMatrix } from './VirtualMatrix';
import { CompletionGrid, gridOf } from './CompletionGrid';

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

export function MatrixTab({ view }: { view: RecordsView }) {
  const { t } = useTranslation('records');
  const { filter, sort, layout, setMatrixFilter, clearMatrixFilter, sortMatrixBy, setLayout } =
    useStewardStore(
      useShallow((s) => ({
        filter: s.matrixFilter,
        sort: s.matrixSort,
        layout: s.matrixLayout,
        setMatrixFilter: s.setMatrixFilter,
        clearMatrixFilter: s.clearMatrixFilter,
        sortMatrixBy: s.sortMatrixBy,
        setLayout: s.setMatrixLayout,
      })),
    );
  const personal = view.scope.kind !== 'self';
  // An employee's own records are one person: the detailed list says it all.
  const grid = personal && layout === 'grid';
  const deferredFilter = useDeferredValue(filter);
  const sorted = useMemo(() => sortMatrix(view.matrix, sort), [view.matrix, sort]);
  const visible = useMemo(
    () => filterMatrix(sorted, toRecordsFilter(deferredFilter), view.people),
    [sorted, deferredFilter, view.people],
  );
  const filtered = Object.keys(toRecordsFilter(filter)).length > 0;
  const gridData = useMemo(
    () => (grid ? gridOf(visible, view.modules, deferredFilter.moduleIds) : null),
    [grid, visible, view.modules, deferredFilter.moduleIds],
  );
  const rangeError =
    filter.from !== '' && filter.to !== '' && filter.from > filter.to ? t('matrix.rangeError') : null;

  if (view.matrix.length === 0) {
    return (
      <EmptyState icon="training" title={t('matrix.emptyTitle')}>
        <p>{t(personal ? 'matrix.emptyAll' : 'matrix.emptySelf')}</p>
      </EmptyState>
    );
  }

  const teamOptions = view.teams.map((team) => ({ value: team, label: team }));
  const moduleOptions = view.modules.map((module) => ({ value: module.id, label: module.title }));
  const statusOptions = TRAINING_STATUSES.map((status) => ({ value: status, label: statusLabel(t, status) }));

  return (
    <div className="stack stack--tight">
      <div className="surface matrix-filters" role="search" aria-label={t('matrix.filters')}>
        {personal ? (
          <FilterInput
            className="matrix-filters__search"
            label={t('matrix.search')}
            type="search"
            value={filter.search}
            maxLength={200}
            onChange={(search) => setMatrixFilter({ search })}
          />
        ) : null}
        <div className="matrix-filters__menus">
          {personal && teamOptions.length > 1 ? (
            <FilterMenu
              label={t('matrix.team')}
              options={teamOptions}
              selected={filter.teams}
              onChange={(teams) => setMatrixFilter({ teams })}
            />
          ) : null}
          <FilterMenu
            label={t('matrix.module')}
            options={moduleOptions}
            selected={filter.moduleIds}
            onChange={(moduleIds) => setMatrixFilter({ moduleIds })}
          />
          <FilterMenu
            label={t('matrix.status')}
            options={statusOptions}
            selected={filter.statuses}
            onChange={(statuses) =>
              setMatrixFilter({ statuses: TRAINING_STATUSES.filter((s) => statuses.includes(s)) })
            }
          />
        </div>
        <fieldset className="matrix-filters__dates">
          <legend className="matrix-filters__legend">{t('matrix.completedBetween')}</legend>
          <FilterInput
            label={t('matrix.from')}
            type="date"
            value={filter.from}
            onChange={(from) => setMatrixFilter({ from })}
            error={rangeError}
          />
          <FilterInput
            label={t('matrix.to')}
            type="date"
            value={filter.to}
            onChange={(to) => setMatrixFilter({ to })}
          />
        </fieldset>
        {filtered ? (
          <Button
            size="sm"
            variant="ghost"
            icon="close"
            className="matrix-filters__clear"
            onClick={clearMatrixFilter}
          >
            {t('matrix.clearFilters')}
          </Button>
        ) : null}
      </div>
      <div className="matrix-bar">
        <p className="matrix-count" role="status">
          {gridData
            ? t('grid.countPeople', { shown: gridData.people.length, count: view.people.length })
            : t(personal ? 'matrix.countRows' : 'matrix.countModules', {
                shown: visible.length,
                count: view.matrix.length,
              })}
        </p>
        {personal ? (
          <div className="segmented" role="group" aria-label={t('grid.layout')}>
            <button
              type="button"
              className="segmented__button"
              aria-pressed={layout === 'grid'}
              onClick={() => setLayout('grid')}
            >
              {t('grid.showGrid')}
            </button>
            <button
              type="button"
              className="segmented__button"
              aria-pressed={layout === 'list'}
              onClick={() => setLayout('list')}
            >
              {t('grid.showList')}
            </button>
          </div>
        ) : null}
      </div>
      {visible.length === 0 ? (
        <p className="surface surface--dashed matrix-none">
          {t('matrix.noneMatch')}{' '}
          <button type="button" className="link-button" onClick={clearMatrixFilter}>
            {t('matrix.clearFilters')}
          </button>
        </p>
      ) : gridData ? (
        <CompletionGrid people={gridData.people} modules={gridData.modules} label={t('grid.label')} />
      ) : (
        <VirtualMatrix
          rows={visible}
          people={view.people}
          sort={sort}
          onSort={sortMatrixBy}
          personal={personal}
          label={t(personal ? 'matrix.label' : 'matrix.selfLabel')}
        />
      )}
    </div>
  );
}
