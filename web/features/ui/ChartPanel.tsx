/** A chart with its data table: the table is the accessible (and exact) form of the same numbers. */
import type { ReactNode } from 'react';
import { Chart, type ChartProps } from './Chart.tsx';

export function ChartPanel({
  title,
  chart,
  table,
  note,
}: {
  title: ReactNode;
  chart: ChartProps;
  table: ReactNode;
  note?: ReactNode;
}) {
  return (
    <figure className="chart card">
      <figcaption>{title}</figcaption>
      {chart.data.length > 1 ? (
        <Chart {...chart} />
      ) : (
        <p className="muted">The chart needs at least two epochs of data; the table below has what there is.</p>
      )}
      {note ? <p className="hint">{note}</p> : null}
      <details className="chart__data" open>
        <summary>Data table</summary>
        {table}
      </details>
    </figure>
  );
}
