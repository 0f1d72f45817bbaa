/**
 * Amounts at the edge: FROST (a bigint or its JSON decimal string) shown as
 * WAL, with the exact amount in the tooltip. Also bytes, basis points, ratios.
 */
import { formatBps, formatBytes, formatCount, formatPercent, formatWal, formatWalCompact } from '@tusk/shared/format';

type Frost = bigint | string | null | undefined;

function toBig(value: Frost): bigint | null {
  if (value === null || value === undefined || value === '') return null;
  return typeof value === 'bigint' ? value : BigInt(value);
}

export function Wal({
  frost,
  compact,
  signed,
  decimals,
}: {
  frost: Frost;
  compact?: boolean;
  signed?: boolean;
  decimals?: number;
}) {
  const value = toBig(frost);
  if (value === null) return <span className="muted">—</span>;
  const text = compact ? formatWalCompact(value) : formatWal(value, { signed, decimals });
  return (
    <span className="num" title={formatWal(value, { exact: true })}>
      {text}
    </span>
  );
}

export function Bytes({ bytes }: { bytes: Frost | number }) {
  if (bytes === null || bytes === undefined || bytes === '') return <span className="muted">—</span>;
  const value = typeof bytes === 'number' ? bytes : toBig(bytes)!;
  return (
    <span className="num" title={`${value.toString()} bytes`}>
      {formatBytes(value)}
    </span>
  );
}

export function Bps({ bps }: { bps: number | null | undefined }) {
  if (bps === null || bps === undefined) return <span className="muted">—</span>;
  return <span className="num">{formatBps(bps)}</span>;
}

export function Percent({ ratio, decimals = 2 }: { ratio: number | null | undefined; decimals?: number }) {
  return <span className="num">{formatPercent(ratio, decimals)}</span>;
}

/** A price in FROST per MiB (per epoch for storage): tiny prices read better in FROST. */
export function Price({ frost, per }: { frost: Frost; per?: string }) {
  const value = toBig(frost);
  if (value === null) return <span className="muted">—</span>;
  const text = value < 10_000_000n ? `${formatCount(value)} FROST` : formatWal(value, { decimals: 4 });
  return (
    <span className="num" title={`${formatWal(value, { exact: true })}${per ? ` ${per}` : ''}`}>
      {text}
      {per ? ` ${per}` : ''}
    </span>
  );
}
