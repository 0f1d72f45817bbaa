/**
 * One storage node's staking pool (Move `staking_pool`): its active stake and
 * shares, stake waiting to activate and shares waiting to leave by epoch, the
 * exchange rate recorded at each epoch, its commission (rate, scheduled
 * changes, accrued amount) and its price votes.
 *
 * Invariants: `wal` and `shares` change only when the pool advances to an
 * epoch (rewards in, withdrawals out, activations in) or is slashed (WAL out,
 * shares unchanged); a stake buys shares at the rate of its activation epoch
 * and is paid at the rate of its withdraw epoch.
 */
import { exchangeRate, sharesForWal, splitCommission, walForShares, type ExchangeRate } from '@tusk/shared/staking/index';

export interface NodeInfo {
  name: string;
  networkAddress: string;
  metadataUrl: string;
  publicKey: Uint8Array;
  networkPublicKey: Uint8Array;
}

export interface PriceVote {
  storagePrice: bigint;
  writePrice: bigint;
  capacity: bigint;
}

export interface StakingPool {
  nodeId: string;
  operator: string;
  info: NodeInfo;
  registeredEpoch: number;
  commissionBps: number;
  /** Scheduled commission rates by the epoch they take effect. */
  pendingCommission: Map<number, number>;
  /** Commission earned and not yet collected (FROST). */
  commission: bigint;
  /** Active stake including compounded rewards (FROST). */
  wal: bigint;
  shares: bigint;
  /** Stake activating at an epoch. */
  pendingStake: Map<number, bigint>;
  /** Shares leaving at an epoch. */
  pendingWithdrawShares: Map<number, bigint>;
  /** FROST set aside for stakers whose withdraw epoch has come. */
  withdrawable: bigint;
  /** Rate at each epoch the pool advanced to. */
  rates: Map<number, ExchangeRate>;
  /** Rate as it would be without slashes (to split a payout into rewards and slashed). */
  unslashedRates: Map<number, ExchangeRate>;
  /** FROST the pool would hold without slashes (tracks `wal`). */
  unslashedWal: bigint;
  /** Last epoch the pool advanced to. */
  epoch: number;
  votes: PriceVote;
}

export function newPool(nodeId: string, operator: string, info: NodeInfo, commissionBps: number, votes: PriceVote, epoch: number): StakingPool {
  return {
    nodeId,
    operator,
    info,
    registeredEpoch: epoch,
    commissionBps,
    pendingCommission: new Map(),
    commission: 0n,
    wal: 0n,
    shares: 0n,
    pendingStake: new Map(),
    pendingWithdrawShares: new Map(),
    withdrawable: 0n,
    rates: new Map([[epoch, exchangeRate(0n, 0n)]]),
    unslashedRates: new Map([[epoch, exchangeRate(0n, 0n)]]),
    unslashedWal: 0n,
    epoch,
    votes,
  };
}

/** The rate recorded for `epoch`, or the latest one before it. */
export function rateAt(pool: StakingPool, epoch: number, which: 'rates' | 'unslashedRates' = 'rates'): ExchangeRate {
  const rates = pool[which];
  for (let e = epoch; e >= pool.registeredEpoch; e--) {
    const rate = rates.get(e);
    if (rate) return rate;
  }
  return exchangeRate(0n, 0n);
}

export function currentRate(pool: StakingPool): ExchangeRate {
  return exchangeRate(pool.wal, pool.shares);
}

function addTo(map: Map<number, bigint>, epoch: number, amount: bigint): void {
  map.set(epoch, (map.get(epoch) ?? 0n) + amount);
}

export function addPendingStake(pool: StakingPool, epoch: number, amount: bigint): void {
  addTo(pool.pendingStake, epoch, amount);
}

export function removePendingStake(pool: StakingPool, epoch: number, amount: bigint): void {
  addTo(pool.pendingStake, epoch, -amount);
  if (pool.pendingStake.get(epoch) === 0n) pool.pendingStake.delete(epoch);
}

export function addPendingWithdraw(pool: StakingPool, epoch: number, shares: bigint): void {
  addTo(pool.pendingWithdrawShares, epoch, shares);
}

/** Shares a principal activated at `activationEpoch` holds. */
export function sharesOf(pool: StakingPool, principal: bigint, activationEpoch: number): bigint {
  return sharesForWal(principal, rateAt(pool, activationEpoch));
}

/**
 * Stake the pool will have at `epoch` if nothing else happens: active stake,
 * plus stake activating by then, minus shares leaving by then at today's rate.
 */
export function stakeAt(pool: StakingPool, epoch: number): bigint {
  let stake = pool.wal;
  for (const [e, amount] of pool.pendingStake) if (e > pool.epoch && e <= epoch) stake += amount;
  let leaving = 0n;
  for (const [e, shares] of pool.pendingWithdrawShares) if (e > pool.epoch && e <= epoch) leaving += shares;
  stake -= walForShares(leaving, currentRate(pool));
  return stake < 0n ? 0n : stake;
}

export interface PoolAdvance {
  rewards: bigint;
  commission: bigint;
  activated: bigint;
  withdrawn: bigint;
}

/**
 * Moves the pool into `epoch`: its `rewards` for the epoch that ended come in
 * (commission first), the commission scheduled for `epoch` takes effect,
 * shares leaving at `epoch` are paid out at the rate after rewards, stake
 * activating at `epoch` buys shares at that rate, and the rate is recorded.
 */
export function advancePool(pool: StakingPool, epoch: number, rewards: bigint): PoolAdvance {
  const { commission, toPool } = splitCommission(rewards, pool.commissionBps);
  pool.commission += commission;
  pool.wal += toPool;
  pool.unslashedWal += toPool;
  const scheduled = pool.pendingCommission.get(epoch);
  if (scheduled !== undefined) {
    pool.commissionBps = scheduled;
    pool.pendingCommission.delete(epoch);
  }

  // One rate for the epoch: withdrawals leave and activations enter at it.
  const rate = normalizedRate(currentRate(pool));
  const unslashedRate = normalizedRate(exchangeRate(pool.unslashedWal, pool.shares));
  pool.rates.set(epoch, rate);
  pool.unslashedRates.set(epoch, unslashedRate);

  const leavingShares = pool.pendingWithdrawShares.get(epoch) ?? 0n;
  pool.pendingWithdrawShares.delete(epoch);
  const withdrawn = min(walForShares(leavingShares, rate), pool.wal);
  pool.wal -= withdrawn;
  pool.unslashedWal -= min(walForShares(leavingShares, unslashedRate), pool.unslashedWal);
  pool.shares -= leavingShares;
  pool.withdrawable += withdrawn;

  const activated = pool.pendingStake.get(epoch) ?? 0n;
  pool.pendingStake.delete(epoch);
  pool.wal += activated;
  pool.unslashedWal += activated;
  pool.shares += sharesForWal(activated, rate);
  pool.epoch = epoch;
  return { rewards, commission, activated, withdrawn };
}

function normalizedRate(rate: ExchangeRate): ExchangeRate {
  return rate.wal === 0n || rate.shares === 0n ? exchangeRate(0n, 0n) : rate;
}

function min(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}
