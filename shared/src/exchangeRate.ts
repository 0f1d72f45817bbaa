/**
 * A pool's exchange rate (`rate_wal` WAL per `rate_shares` shares, recorded
 * each epoch in `PoolAdvanced`) and what a position is worth by it. A stake
 * buys shares at its activation epoch's rate and is worth those shares at a
 * later rate: rewards compound into the rate, and a slash lowers it.
 */

export interface ExchangeRate {
  wal: bigint;
  shares: bigint;
}

/** Shares bought by `principal` at `rate` (rounded down, as the pool does). A degenerate rate is 1:1. */
export function sharesFor(principal: bigint, rate: ExchangeRate): bigint {
  if (rate.wal === 0n || rate.shares === 0n) return principal;
  return (principal * rate.shares) / rate.wal;
}

/** WAL that `shares` are worth at `rate` (rounded down). A degenerate rate is 1:1. */
export function walFor(shares: bigint, rate: ExchangeRate): bigint {
  if (rate.wal === 0n || rate.shares === 0n) return shares;
  return (shares * rate.wal) / rate.shares;
}

/** What `principal` staked at `activation` is worth at `now`. */
export function positionValue(principal: bigint, activation: ExchangeRate, now: ExchangeRate): bigint {
  return walFor(sharesFor(principal, activation), now);
}

/** `rate` as a float (WAL per share), for charts. */
export function rateAsNumber(rate: ExchangeRate): number | null {
  if (rate.shares === 0n) return null;
  return Number((rate.wal * 1_000_000_000n) / rate.shares) / 1e9;
}
