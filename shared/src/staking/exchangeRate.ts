/**
 * A pool's exchange rate: `wal` FROST per `shares` shares. Pools account in
 * shares; a stake buys shares at the rate of the epoch it activates in and is
 * paid out at the rate of the epoch it is withdrawn in, so rewards (which add
 * WAL without adding shares) raise the rate and slashes (which burn WAL) lower
 * it. Conversions round down (in the pool's favour), as the Move code does,
 * and an empty pool (either side 0) converts 1:1.
 */

export interface ExchangeRate {
  /** FROST held by the pool. */
  wal: bigint;
  /** Shares outstanding. */
  shares: bigint;
}

/** The rate of an empty pool: one share per FROST. */
export const FLAT_RATE: ExchangeRate = Object.freeze({ wal: 1n, shares: 1n });

export function exchangeRate(wal: bigint, shares: bigint): ExchangeRate {
  return { wal, shares };
}

function isFlat(rate: ExchangeRate): boolean {
  return rate.wal === 0n || rate.shares === 0n;
}

/** Shares bought by `wal` FROST at `rate` (rounded down). */
export function sharesForWal(wal: bigint, rate: ExchangeRate): bigint {
  if (isFlat(rate)) return wal;
  return (wal * rate.shares) / rate.wal;
}

/** FROST paid for `shares` at `rate` (rounded down). */
export function walForShares(shares: bigint, rate: ExchangeRate): bigint {
  if (isFlat(rate)) return shares;
  return (shares * rate.wal) / rate.shares;
}

/** FROST per share as a number, for charts and APY (never for amounts). */
export function rateValue(rate: ExchangeRate): number {
  if (isFlat(rate)) return 1;
  return Number(rate.wal) / Number(rate.shares);
}

/**
 * What `principal` FROST staked at `activationRate` is worth at `currentRate`:
 * the value of the shares it bought. Used for "rewards to date" previews.
 */
export function valueAt(principal: bigint, activationRate: ExchangeRate, currentRate: ExchangeRate): bigint {
  return walForShares(sharesForWal(principal, activationRate), currentRate);
}

/**
 * Yearly return implied by the rate moving from `previous` to `next` over
 * `elapsedMs`, compounded (g^(year / elapsed) - 1). Undefined when it cannot
 * be computed meaningfully (no time passed, empty rate, not finite).
 */
export function annualizedReturn(previous: ExchangeRate, next: ExchangeRate, elapsedMs: number): number | undefined {
  if (!(elapsedMs > 0)) return undefined;
  const before = rateValue(previous);
  const after = rateValue(next);
  if (!(before > 0) || !(after > 0)) return undefined;
  const apy = Math.pow(after / before, YEAR_MS / elapsedMs) - 1;
  return Number.isFinite(apy) ? apy : undefined;
}

export const YEAR_MS = 365.25 * 24 * 60 * 60 * 1000;
