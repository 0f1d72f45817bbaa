/**
 * A semantic table that becomes a list of cards under 640px (each cell shows
 * its column name). Works in server and client components alike: it has no
 * state; sorting and paging belong to the caller.
 */
import type { ReactNode } from 'react';

export interface Column<T> {
  key: string;
  header: ReactNode;
  /** The column name on mobile cards (defaults to `header` when it is text). */
  label?: string;
  cell: (row: T, index: number) => ReactNode;
  numeric?: boolean;
  /** `aria-sort` for the header cell when the table is sorted by this column. */
  sort?: 'ascending' | 'descending' | 'none';
}

export interface DataTableProps<T> {
  caption?: ReactNode;
  /** Hide the caption visually (kept for screen readers). */
  captionHidden?: boolean;
  columns: Column<T>[];
  rows: readonly T[];
  rowKey: (row: T, index: number) => string;
  empty?: ReactNode;
  /** Cap the height and scroll (long chart tables). */
  scroll?: boolean;
  testId?: string;
}

export function DataTable<T>({
  caption,
  captionHidden,
  columns,
  rows,
  rowKey,
  empty,
  scroll,
  testId,
}: DataTableProps<T>) {
  return (
    <div className={scroll ? 'table-wrap table-wrap--scroll' : 'table-wrap'} data-testid={testId}>
      <table className="table">
        {caption ? <caption className={captionHidden ? 'visually-hidden' : undefined}>{caption}</caption> : null}
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.key} scope="col" className={column.numeric ? 'num' : undefined} aria-sort={column.sort}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={columns.length} className="empty" data-label="">
                {empty ?? 'Nothing to show yet.'}
              </td>
            </tr>
          ) : (
            rows.map((row, index) => (
              <tr key={rowKey(row, index)}>
                {columns.map((column) => (
                  <td
                    key={column.key}
                    className={column.numeric ? 'num' : undefined}
                    data-label={column.label ?? (typeof column.header === 'string' ? column.header : column.key)}
                  >
                    {column.cell(row, index)}
                  </td>
                ))}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
