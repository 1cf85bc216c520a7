// A data table in the box it scrolls in sideways: the caption (for screen readers; the panel's
// heading shows it to everyone else), a row of column headings, then the rows the caller gives.
import type { ReactNode } from 'react';
import { TableScroll } from './TableScroll';

export interface DataTableColumn {
  label: ReactNode;
  /** E.g. "data-table__number" for a column of numbers. */
  className?: string;
}

export function DataTable({
  label,
  columns,
  className,
  children,
}: {
  /** Names the table: its caption and, while it scrolls, its region. */
  label: string;
  columns: ReadonlyArray<string | DataTableColumn>;
  /** Extra classes for the table, beside "data-table". */
  className?: string;
  /** The body's rows. */
  children: ReactNode;
}) {
  return (
    <TableScroll label={label}>
      <table className={className ? `data-table ${className}` : 'data-table'}>
        <caption className="visually-hidden">{label}</caption>
        <thead>
          <tr>
            {columns.map((column, index) =>
              typeof column === 'string' ? (
                <th key={column} scope="col">
                  {column}
                </th>
              ) : (
                <th key={index} scope="col" className={column.className}>
                  {column.label}
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </TableScroll>
  );
}
