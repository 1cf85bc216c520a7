// The completion matrix as a real table that stays smooth at 120,000 rows: only the rows in view
// (and a few either side) are in the DOM, between two spacer rows that keep the scroll height.
// The table says how many rows there are in all (aria-rowcount) and where each rendered row sits
// (aria-rowindex), so a screen reader reports "row 5,012 of 120,001". Rows have one fixed
// height (CSS), so no row is measured. Spacers are sized by an SVG height attribute: the CSP
// allows no inline styles.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  MatrixRow,
  MatrixSort,
  MatrixSortKey,
  RecordsPerson,
} from '../../../electron/core/contract/views/records';
import { Icon } from '../../components/Icon';
import { formatShortDate } from '../../format';
import { formatPercent, TrainingStatusBadge } from './recordsWords';

/** Must match .matrix tbody tr's height in records.css. */
export const MATRIX_ROW_HEIGHT = 44;
const VIEWPORT_HEIGHT = 560;

interface Column {
  /** Also names its heading: records.json matrix.columns.<key>. */
  key: MatrixSortKey;
  className: string;
  personal?: boolean;
}

const COLUMNS: Column[] = [
  { key: 'name', className: 'matrix__col--person', personal: true },
  { key: 'team', className: 'matrix__col--team', personal: true },
  { key: 'module', className: 'matrix__col--module' },
  { key: 'status', className: 'matrix__col--status' },
  { key: 'completedAt', className: 'matrix__col--date' },
  { key: 'score', className: 'matrix__col--number' },
  { key: 'expiresAt', className: 'matrix__col--date' },
  { key: 'dueAt', className: 'matrix__col--date' },
];

const ARIA_SORT = { asc: 'ascending', desc: 'descending' } as const;

function DateCell({ value }: { value: string | null }) {
  return (
    <td>
      {value ? <time dateTime={value}>{formatShortDate(value)}</time> : <span className="text-muted">—</span>}
    </td>
  );
}

function Spacer({ height, columns }: { height: number; columns: number }) {
  if (height <= 0) return null;
  return (
    <tr className="matrix__spacer" aria-hidden="true">
      <td colSpan={columns}>
        <svg width="1" height={height} focusable="false" />
      </td>
    </tr>
  );
}

export function VirtualMatrix({
  rows,
  people,
  sort,
  onSort,
  personal,
  label,
}: {
  rows: readonly MatrixRow[];
  people: readonly RecordsPerson[];
  sort: MatrixSort;
  onSort: (key: MatrixSortKey) => void;
  /** Show who (person, team): false on an employee's own records. */
  personal: boolean;
  label: string;
}) {
  const { t } = useTranslation('records');
  const scrollRef = useRef<HTMLDivElement>(null);
  const columns = personal ? COLUMNS : COLUMNS.filter((c) => !c.personal);
  const imported = useMemo(
    () => new Map(people.filter((p) => p.importedFrom !== null).map((p) => [p.id, p.importedFrom!.file])),
    [people],
  );
  // eslint-disable-next-line react-hooks/incompatible-library -- no React Compiler here; the virtualizer re-renders on scroll itself
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => MATRIX_ROW_HEIGHT,
    // Long names and titles wrap instead of being cut off, so a row may be taller than the
    // estimate: rows are measured once shown (never below the estimate: jsdom measures 0).
    measureElement: (el) => Math.max(MATRIX_ROW_HEIGHT, el.getBoundingClientRect().height),
    overscan: 8,
    // Until the box is measured (and always in jsdom, which has no layout): its CSS height.
    initialRect: { width: 960, height: VIEWPORT_HEIGHT },
    useFlushSync: false,
  });
  const items = virtualizer.getVirtualItems();
  const total = virtualizer.getTotalSize();
  const before = items[0]?.start ?? 0;
  const after = items.length > 0 ? total - items[items.length - 1]!.end : 0;

  return (
    <div
      ref={scrollRef}
      className="surface-outline matrix-scroll"
      tabIndex={0}
      role="region"
      aria-label={t('matrix.scrollable', { label })}
    >
      <table className="data-table matrix" aria-rowcount={rows.length + 1}>
        <caption className="visually-hidden">{label}</caption>
        <colgroup>
          {columns.map((column) => (
            <col key={column.key} className={column.className} />
          ))}
        </colgroup>
        <thead>
          <tr aria-rowindex={1}>
            {columns.map((column) => {
              const sorted = sort.key === column.key;
              return (
                <th
                  key={column.key}
                  scope="col"
                  aria-sort={sorted ? ARIA_SORT[sort.direction] : undefined}
                  className={column.key === 'score' ? 'data-table__number' : undefined}
                >
                  <button type="button" className="matrix__sort" onClick={() => onSort(column.key)}>
                    {t(`matrix.columns.${column.key}`)}
                    <Icon
                      name="chevronUpDown"
                      className={['matrix__sort-icon', sorted ? `matrix__sort-icon--${sort.direction}` : '']
                        .filter(Boolean)
                        .join(' ')}
                    />
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          <Spacer height={before} columns={columns.length} />
          {items.map((item) => {
            const row = rows[item.index]!;
            const from = row.source === 'imported' ? imported.get(row.personId) : undefined;
            return (
              <tr
                key={item.key}
                ref={virtualizer.measureElement}
                data-index={item.index}
                aria-rowindex={item.index + 2}
                className="matrix__row"
              >
                {personal ? (
                  <>
                    <th scope="row">
                      <span className="matrix__name">{row.name}</span>
                      {row.source === 'imported' ? (
                        <span
                          className="tag"
                          title={from ? t('matrix.importedFrom', { file: from }) : undefined}
                        >
                          {t('matrix.imported')}
                        </span>
                      ) : null}
                    </th>
                    <td>{row.team}</td>
                  </>
                ) : null}
                {personal ? (
                  <td>
                    <span className="matrix__module">{row.moduleTitle}</span>
                    {row.required ? null : <span className="tag">{t('matrix.optional')}</span>}
                  </td>
                ) : (
                  <th scope="row">
                    <span className="matrix__module">{row.moduleTitle}</span>
                    {row.required ? null : <span className="tag">{t('matrix.optional')}</span>}
                    {row.source === 'imported' ? <span className="tag">{t('matrix.imported')}</span> : null}
                  </th>
                )}
                <td>
                  <TrainingStatusBadge status={row.status} />
                </td>
                <DateCell value={row.completedAt} />
                <td className="data-table__number">
                  {row.score === null ? '—' : formatPercent(row.score, 1)}
                </td>
                <DateCell value={row.expiresAt} />
                <DateCell value={row.dueAt} />
              </tr>
            );
          })}
          <Spacer height={after} columns={columns.length} />
        </tbody>
      </table>
    </div>
  );
}
