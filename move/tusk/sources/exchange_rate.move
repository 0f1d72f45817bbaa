/// A staking pool's exchange rate: `wal` FROST per `shares` shares, kept as an
/// exact pair (no fixed-point number, no rounding until a conversion).
///
/// A pool records one rate per epoch, when it advances into that epoch: stake
/// activating at epoch `e` buys shares at rate(e), stake withdrawn at epoch
/// `e` is paid at rate(e). Rewards add WAL without adding shares (the rate
/// rises), a slash burns WAL (the rate falls).
///
/// Rules, shared bit for bit with `shared/src/staking/exchangeRate.ts`:
/// - both conversions round down, in the pool's favour;
/// - a *flat* rate (either side 0, i.e. an empty pool) converts 1:1.
module tusk::exchange_rate;

/// `wal` FROST per `shares` shares.
public struct ExchangeRate has copy, drop, store {
    wal: u64,
    shares: u64,
}

/// The rate of a pool holding `wal` FROST for `shares` shares.
public fun new(wal: u64, shares: u64): ExchangeRate {
    ExchangeRate { wal, shares }
}

/// The rate of an empty pool, which converts 1:1.
public fun flat(): ExchangeRate {
    ExchangeRate { wal: 0, shares: 0 }
}

/// FROST side of the pair.
public fun wal(self: &ExchangeRate): u64 { self.wal }

/// Shares side of the pair.
public fun shares(self: &ExchangeRate): u64 { self.shares }

/// Whether the rate converts 1:1 (either side is 0).
public fun is_flat(self: &ExchangeRate): bool {
    self.wal == 0 || self.shares == 0
}

/// The same rate with an empty side normalized to `flat()` (0, 0).
public fun normalized(self: &ExchangeRate): ExchangeRate {
    if (self.is_flat()) flat() else *self
}

/// Shares that `amount` FROST buys: `amount * shares / wal`, rounded down.
public fun shares_for(self: &ExchangeRate, amount: u64): u64 {
    if (self.is_flat()) return amount;
    ((amount as u128) * (self.shares as u128) / (self.wal as u128)) as u64
}

/// FROST that `shares` are worth: `shares * wal / shares_side`, rounded down.
public fun wal_for(self: &ExchangeRate, shares: u64): u64 {
    if (self.is_flat()) return shares;
    ((shares as u128) * (self.wal as u128) / (self.shares as u128)) as u64
}

/// Whether `self` is worth at least as much FROST per share as `other`
/// (a flat rate counts as 1 FROST per share).
public fun is_at_least(self: &ExchangeRate, other: &ExchangeRate): bool {
    let (a_wal, a_shares) = if (self.is_flat()) (1, 1) else (self.wal, self.shares);
    let (b_wal, b_shares) = if (other.is_flat()) (1, 1) else (other.wal, other.shares);
    (a_wal as u128) * (b_shares as u128) >= (b_wal as u128) * (a_shares as u128)
}
