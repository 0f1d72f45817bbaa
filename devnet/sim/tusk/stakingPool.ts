/**
 * `tusk::staking_pool`: one node's pool (see the Move module doc for the
 * accounting). `advance(e, rewards)` moves the pool from `e - 1` into `e`:
 * commission first (at the rate in force during `e - 1`), the scheduled rate
 * for `e`, then rate(e) is recorded, shares leaving at `e` are paid at it into
 * `withdrawable`, and stake activating at `e` buys shares at it (the shares
 * of its part already asked back leave at `e + 1`).
 */
import { exchangeRate, sharesForWal, walForShares, type ExchangeRate } from '@tusk/shared/staking/index';
import type { TxContext } from '../context.ts';
import { check } from './aborts.ts';
import { BPS, bpsOf } from './params.ts';
import type { NodeInfo, PoolRate, Prices, StakingPool, TuskState } from './state.ts';

const M = 'staking_pool';

function normalized(rate: ExchangeRate): ExchangeRate {
  return rate.wal === 0n || rate.shares === 0n ? exchangeRate(0n, 0n) : rate;
}

export function newPool(
  operator: string,
  info: NodeInfo,
  commissionRate: number,
  votes: Prices,
  epoch: number,
  nodeId: string,
): StakingPool {
  check(BigInt(commissionRate) <= BPS, M, 'EInvalidCommissionRate', 'new');
  return {
    nodeId,
    operator,
    info,
    registeredEpoch: epoch,
    epoch,
    commissionRate,
    pendingCommissionRates: [],
    commission: 0n,
    votes,
    wal: 0n,
    shares: 0n,
    unslashedWal: 0n,
    pendingStake: [],
    pendingWithdrawShares: [],
    preActiveWithdrawals: [],
    withdrawable: 0n,
    balance: 0n,
  };
}

// --- VecMap<u32, u64> helpers, in Move's insertion order ---

function get(map: [number, bigint][], epoch: number): bigint {
  return map.find(([e]) => e === epoch)?.[1] ?? 0n;
}

function addTo(map: [number, bigint][], epoch: number, amount: bigint): void {
  const entry = map.find(([e]) => e === epoch);
  if (entry) entry[1] += amount;
  else map.push([epoch, amount]);
}

function subFrom(map: [number, bigint][], epoch: number, amount: bigint): void {
  const index = map.findIndex(([e]) => e === epoch);
  const entry = map[index]!;
  entry[1] -= amount;
  if (entry[1] === 0n) map.splice(index, 1);
}

function take(map: [number, bigint][], epoch: number): bigint {
  const index = map.findIndex(([e]) => e === epoch);
  if (index < 0) return 0n;
  const [[, value]] = map.splice(index, 1) as [[number, bigint]];
  return value;
}

// --- Rates ---

export function rates(state: TuskState, nodeId: string): Map<number, PoolRate> {
  return state.poolRates.get(nodeId)!;
}

export function rateAt(state: TuskState, pool: StakingPool, epoch: number): ExchangeRate {
  return rates(state, pool.nodeId).get(epoch)!.rate;
}

export function unslashedRateAt(state: TuskState, pool: StakingPool, epoch: number): ExchangeRate {
  return rates(state, pool.nodeId).get(epoch)!.unslashed;
}

/** `active_at`: active stake once `epoch` began (0 before the pool existed). */
export function activeAt(state: TuskState, pool: StakingPool, epoch: number): bigint {
  return rates(state, pool.nodeId).get(epoch)?.active ?? 0n;
}

const U64_MAX = (1n << 64n) - 1n;

/**
 * `can_take_stake`: whether `amount` more stake keeps the share count within
 * u64 when it activates, allowing for two maximal (10%) slashes first.
 */
export function canTakeStake(pool: StakingPool, amount: bigint): boolean {
  const rate = currentRate(pool);
  if (rate.wal === 0n || rate.shares === 0n) return true;
  const pending = pool.pendingStake.reduce((sum, [, value]) => sum + value, amount);
  return pool.shares + (((pending * rate.shares) / rate.wal) * 5n) / 4n <= U64_MAX;
}

export function currentRate(pool: StakingPool): ExchangeRate {
  return normalized(exchangeRate(pool.wal, pool.shares));
}

export function sharesOf(state: TuskState, pool: StakingPool, principal: bigint, activationEpoch: number): bigint {
  return sharesForWal(principal, rateAt(state, pool, activationEpoch));
}

function splitPayout(
  state: TuskState,
  pool: StakingPool,
  principal: bigint,
  activationEpoch: number,
  epoch: number,
  amount: bigint,
): [bigint, bigint] {
  const shares = sharesOf(state, pool, principal, activationEpoch);
  const unslashed = walForShares(shares, unslashedRateAt(state, pool, epoch));
  const rewards = unslashed > principal ? unslashed - principal : 0n;
  return [rewards, principal + rewards - amount];
}

/** `payout`: (amount, rewards, slashed) of `principal` activated at `activationEpoch`, at rate(`epoch`). */
export function payout(
  state: TuskState,
  pool: StakingPool,
  principal: bigint,
  activationEpoch: number,
  epoch: number,
): [bigint, bigint, bigint] {
  const shares = sharesOf(state, pool, principal, activationEpoch);
  const amount = walForShares(shares, rateAt(state, pool, epoch));
  const [rewards, slashed] = splitPayout(state, pool, principal, activationEpoch, epoch, amount);
  return [amount, rewards, slashed];
}

/** `stake_at`: the pool's stake at `epoch` (the next one) if nothing else happens. */
export function stakeAt(pool: StakingPool, epoch: number): bigint {
  const arriving = get(pool.pendingStake, epoch);
  const leaving = walForShares(get(pool.pendingWithdrawShares, epoch), currentRate(pool));
  const total = pool.wal + arriving;
  return (total > leaving ? total : leaving) - leaving;
}

export function pendingStake(pool: StakingPool, epoch: number): bigint {
  return get(pool.pendingStake, epoch);
}

// --- Changes (the caller touched the pool) ---

export function addStake(pool: StakingPool, amount: bigint, activationEpoch: number): void {
  addTo(pool.pendingStake, activationEpoch, amount);
  pool.balance += amount;
}

export function removePendingStake(pool: StakingPool, amount: bigint, activationEpoch: number): bigint {
  subFrom(pool.pendingStake, activationEpoch, amount);
  pool.balance -= amount;
  return amount;
}

export function addPendingWithdraw(pool: StakingPool, shares: bigint, withdrawEpoch: number): void {
  addTo(pool.pendingWithdrawShares, withdrawEpoch, shares);
}

/** `add_pre_active_withdraw`: `principal` activating at `activationEpoch` leaves one epoch later. */
export function addPreActiveWithdraw(pool: StakingPool, principal: bigint, activationEpoch: number): void {
  addTo(pool.preActiveWithdrawals, activationEpoch, principal);
}

/** `withdraw`: pays a stake whose withdraw epoch has come; returns (amount, rewards, slashed). */
export function withdraw(
  state: TuskState,
  pool: StakingPool,
  principal: bigint,
  activationEpoch: number,
  withdrawEpoch: number,
): [bigint, bigint, bigint] {
  let [amount] = payout(state, pool, principal, activationEpoch, withdrawEpoch);
  if (amount > pool.withdrawable) amount = pool.withdrawable;
  pool.withdrawable -= amount;
  const [rewards, slashed] = splitPayout(state, pool, principal, activationEpoch, withdrawEpoch, amount);
  pool.balance -= amount;
  return [amount, rewards, slashed];
}

/** `advance`: moves the pool into `epoch` with `rewards`; emits `PoolAdvanced`. */
export function advance(ctx: TxContext, state: TuskState, pool: StakingPool, epoch: number, rewards: bigint): void {
  check(epoch === pool.epoch + 1, M, 'ENotNextEpoch', 'advance');
  const commission = bpsOf(rewards, pool.commissionRate);
  pool.commission += commission;
  const toPool = rewards - commission;
  pool.balance += toPool;
  pool.wal += toPool;
  pool.unslashedWal += toPool;
  const scheduled = pool.pendingCommissionRates.findIndex(([e]) => e === epoch);
  if (scheduled >= 0) {
    pool.commissionRate = pool.pendingCommissionRates[scheduled]![1];
    pool.pendingCommissionRates.splice(scheduled, 1);
  }
  const rate = normalized(exchangeRate(pool.wal, pool.shares));
  const unslashed = normalized(exchangeRate(pool.unslashedWal, pool.shares));
  const leaving = take(pool.pendingWithdrawShares, epoch);
  const due = walForShares(leaving, rate);
  const withdrawn = due < pool.wal ? due : pool.wal;
  pool.wal -= withdrawn;
  const dueUnslashed = walForShares(leaving, unslashed);
  pool.unslashedWal -= dueUnslashed < pool.unslashedWal ? dueUnslashed : pool.unslashedWal;
  pool.shares -= leaving;
  pool.withdrawable += withdrawn;
  const activated = take(pool.pendingStake, epoch);
  pool.wal += activated;
  pool.unslashedWal += activated;
  pool.shares += sharesForWal(activated, rate);
  const leavingNext = take(pool.preActiveWithdrawals, epoch);
  if (leavingNext > 0n) addTo(pool.pendingWithdrawShares, epoch + 1, sharesForWal(leavingNext, rate));
  ctx.touch(rates(state, pool.nodeId)).set(epoch, { rate, unslashed, active: pool.wal });
  pool.epoch = epoch;
  ctx.emit('PoolAdvanced', {
    epoch,
    node_id: pool.nodeId,
    stake: pool.wal,
    shares: pool.shares,
    rewards,
    commission,
    activated,
    withdrawn,
    rate_wal: rate.wal,
    rate_shares: rate.shares,
  });
}

/** `slash`: takes all commission and `slashBps` of the active stake; returns (commission, stake) to burn. */
export function slash(pool: StakingPool, slashBps: number): [bigint, bigint] {
  const commission = pool.commission;
  pool.commission = 0n;
  const stakeBurned = bpsOf(pool.wal, slashBps);
  pool.wal -= stakeBurned;
  pool.balance -= stakeBurned;
  return [commission, stakeBurned];
}

export function setCommissionRate(pool: StakingPool, rate: number, effectiveEpoch: number): void {
  check(BigInt(rate) <= BPS, M, 'EInvalidCommissionRate', 'set_commission_rate');
  const entry = pool.pendingCommissionRates.find(([e]) => e === effectiveEpoch);
  if (entry) entry[1] = rate;
  else pool.pendingCommissionRates.push([effectiveEpoch, rate]);
}

export function collectCommission(pool: StakingPool): bigint {
  const amount = pool.commission;
  pool.commission = 0n;
  return amount;
}
