'use client';
/**
 * A recharts line/area/bar chart over plain number series. Charts are never
 * alone: `ChartPanel` pairs each with its table. Numbers here are for drawing
 * only (WAL as floats); tables show exact amounts.
 */
import {
  Area,
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatBytes } from '@tusk/shared/format';

export type ChartUnit = 'wal' | 'percent' | 'rate' | 'count' | 'bytes';

export interface Series {
  key: string;
  label: string;
  kind?: 'line' | 'area' | 'bar';
  color?: 1 | 2 | 3 | 4;
  axis?: 'left' | 'right';
}

export interface ChartProps {
  data: Record<string, number | string | null>[];
  x: string;
  /** Prefix for x values in ticks and tooltips, e.g. "Epoch " (a string: charts get props from server components). */
  xPrefix?: string;
  series: Series[];
  unit: ChartUnit;
  rightUnit?: ChartUnit;
  ariaLabel: string;
  height?: number;
}

export function formatUnit(value: number | null | undefined, unit: ChartUnit): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  switch (unit) {
    case 'wal':
      return `${compact(value)} WAL`;
    case 'percent':
      return `${(value * 100).toFixed(2)}%`;
    case 'rate':
      return value.toFixed(6);
    case 'bytes':
      return formatBytes(Math.round(value));
    case 'count':
      return compact(value);
  }
}

function compact(value: number): string {
  const abs = Math.abs(value);
  if (abs >= 1e9) return `${(value / 1e9).toFixed(1)}B`;
  if (abs >= 1e6) return `${(value / 1e6).toFixed(1)}M`;
  if (abs >= 1e3) return `${(value / 1e3).toFixed(1)}K`;
  if (abs >= 100 || Number.isInteger(value)) return value.toFixed(0);
  // Small amounts (a few FROST of rewards) keep two significant digits instead of reading 0.00.
  return abs >= 0.01 ? value.toFixed(2) : Number(value.toPrecision(2)).toString();
}

/** Amounts start at zero (a flat line near the top must not look like a swing); rates and percentages zoom. */
function domainFor(unit: ChartUnit): [number | 'auto', 'auto'] {
  return unit === 'percent' || unit === 'rate' ? ['auto', 'auto'] : [0, 'auto'];
}

export function Chart({ data, x, xPrefix = '', series, unit, rightUnit, ariaLabel, height = 240 }: ChartProps) {
  const xLabel = (value: string | number) => `${xPrefix}${value}`;
  const hasRight = series.some((s) => s.axis === 'right');
  return (
    <div className="chart__plot" style={{ height }} role="img" aria-label={ariaLabel}>
      <ResponsiveContainer width="100%" height="100%" minWidth={0}>
        <ComposedChart data={data} margin={{ top: 8, right: hasRight ? 8 : 16, bottom: 4, left: 4 }}>
          <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey={x} stroke="var(--muted)" fontSize={12} tickLine={false} />
          <YAxis
            yAxisId="left"
            tickFormatter={(v: number) => formatUnit(v, unit)}
            stroke="var(--muted)"
            fontSize={12}
            width={76}
            tickLine={false}
            domain={domainFor(unit)}
          />
          {hasRight ? (
            <YAxis
              yAxisId="right"
              orientation="right"
              tickFormatter={(v: number) => formatUnit(v, rightUnit ?? unit)}
              stroke="var(--muted)"
              fontSize={12}
              width={70}
              tickLine={false}
              domain={domainFor(rightUnit ?? unit)}
            />
          ) : null}
          <Tooltip
            contentStyle={{
              background: 'var(--surface)',
              border: '1px solid var(--border)',
              borderRadius: 8,
              color: 'var(--text)',
            }}
            labelFormatter={(label) => xLabel(label as string | number)}
            formatter={(value, name, item) => {
              const s = series.find((candidate) => candidate.key === item.dataKey);
              return [formatUnit(value as number, s?.axis === 'right' ? (rightUnit ?? unit) : unit), name];
            }}
          />
          {series.length > 1 ? <Legend wrapperStyle={{ fontSize: 12 }} /> : null}
          {series.map((s) => {
            const color = `var(--chart-${s.color ?? 1})`;
            const common = {
              dataKey: s.key,
              name: s.label,
              yAxisId: s.axis ?? 'left',
              isAnimationActive: false,
            } as const;
            if (s.kind === 'bar')
              return <Bar key={s.key} {...common} fill={color} radius={[3, 3, 0, 0]} maxBarSize={28} />;
            if (s.kind === 'area')
              return (
                <Area
                  key={s.key}
                  {...common}
                  type="monotone"
                  stroke={color}
                  fill={color}
                  fillOpacity={0.15}
                  strokeWidth={2}
                  connectNulls
                />
              );
            return (
              <Line
                key={s.key}
                {...common}
                type="monotone"
                stroke={color}
                strokeWidth={2}
                dot={data.length < 40}
                connectNulls
              />
            );
          })}
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
