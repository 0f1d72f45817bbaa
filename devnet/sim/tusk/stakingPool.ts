/**
 * `tusk::staking_pool`: one node's pool (see the Move module doc for the
 * accounting). A step into `e` with rewards: commission first (at the rate in
 * force before `e`), the scheduled rate for `e`, then rate(e) is recorded,
 * shares leaving at `e` are paid at it into `withdrawable`, and stake
 * activating at `e` buys shares at it (the shares of its part already asked
 * back leave at `e + 1`). Active-set pools step into every epoch (`advance`);
 * idle pools take the steps they have scheduled when touched (`catchUp`), and
 * read epochs without a step of their own from their last step (`stateAt`).
 */
import { exchangeRate, sharesForWal, walForShares, type ExchangeRate } from '@tusk/shared/staking/index';
import type { TxContext } from '../context.ts';
import { check } from './aborts.ts';
import { BPS, bpsOf } from './params.ts';
import type { Books, NodeInfo, PoolRate, Prices, StakingPool, TuskState } from './state.ts';

const M = 'staking_pool';

/** `LOOKBACK_EPOCHS`: how far back from its newest record a gap still resolves. */
const LOOKBACK_EPOCHS = 32;

function normalized(rate: ExchangeRate): ExchangeRate {
  return rate.wal === 0n || rate.shares === 0n ? exchangeRate(0n, 0n) : rate;
}

export function newPool(
  operator: string,
  info: NodeInfo,
  commissionRate: number,
  votes: Prices,
  epoch: number,
  registrationNumber: number,
  nodeId: string,
): StakingPool {
  check(BigInt(commissionRate) <= BPS, M, 'EInvalidCommissionRate', 'new');
  return {
    nodeId,
    operator,
    info,
    registeredEpoch: epoch,
    registrationNumber,
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
    recentSteps: [epoch],
  };
}

// --- `epoch_amounts`: VecMap<u32, u64> in Move's insertion order, no 0 entries ---

export function get(map: [number, bigint][], epoch: number): bigint {
  return map.find(([e]) => e === epoch)?.[1] ?? 0n;
}

export function addTo(map: [number, bigint][], epoch: number, amount: bigint): void {
  if (amount === 0n) return;
  const entry = map.find(([e]) => e === epoch);
  if (entry) entry[1] += amount;
  else map.push([epoch, amount]);
}

export function subFrom(map: [number, bigint][], epoch: number, amount: bigint): void {
  if (amount === 0n) return;
  const index = map.findIndex(([e]) => e === epoch);
  const entry = map[index]!;
  entry[1] -= amount;
  if (entry[1] === 0n) map.splice(index, 1);
}

export function take(map: [number, bigint][], epoch: number): bigint {
  const index = map.findIndex(([e]) => e === epoch);
  if (index < 0) return 0n;
  const [[, value]] = map.splice(index, 1) as [[number, bigint]];
  return value;
}

function sum(map: [number, bigint][]): bigint {
  return map.reduce((total, [, value]) => total + value, 0n);
}

// --- Books and steps ---

function copyBooks(books: Books): Books {
  return {
    wal: books.wal,
    shares: books.shares,
    unslashedWal: books.unslashedWal,
    pendingStake: books.pendingStake.map(([e, v]) => [e, v]),
    pendingWithdrawShares: books.pendingWithdrawShares.map(([e, v]) => [e, v]),
    preActiveWithdrawals: books.preActiveWithdrawals.map(([e, v]) => [e, v]),
    withdrawable: books.withdrawable,
  };
}

/** `step_books`: steps 3 to 5 into `epoch`; returns the rates to record, the stake activated and the WAL withdrawn. */
function stepBooks(books: Books, epoch: number): { recorded: PoolRate; activated: bigint; withdrawn: bigint } {
  const rate = normalized(exchangeRate(books.wal, books.shares));
  const unslashed = normalized(exchangeRate(books.unslashedWal, books.shares));
  const leaving = take(books.pendingWithdrawShares, epoch);
  const due = walForShares(leaving, rate);
  const withdrawn = due < books.wal ? due : books.wal;
  books.wal -= withdrawn;
  const dueUnslashed = walForShares(leaving, unslashed);
  books.unslashedWal -= dueUnslashed < books.unslashedWal ? dueUnslashed : books.unslashedWal;
  books.shares -= leaving;
  books.withdrawable += withdrawn;
  const activated = take(books.pendingStake, epoch);
  books.wal += activated;
  books.unslashedWal += activated;
  books.shares += sharesForWal(activated, rate);
  const leavingNext = take(books.preActiveWithdrawals, epoch);
  if (leavingNext > 0n) addTo(books.pendingWithdrawShares, epoch + 1, sharesForWal(leavingNext, rate));
  return { recorded: { rate, unslashed, active: books.wal }, activated, withdrawn };
}

/** `next_due`: the first epoch after `after` with a change scheduled. */
function nextDue(books: Books, commissionRates: [number, number][], after: number): number | undefined {
  let next: number | undefined;
  const epochs = [
    ...books.pendingStake.map(([e]) => e),
    ...books.pendingWithdrawShares.map(([e]) => e),
    ...books.preActiveWithdrawals.map(([e]) => e),
    ...commissionRates.map(([e]) => e),
  ];
  for (const epoch of epochs) if (epoch > after && (next === undefined || epoch < next)) next = epoch;
  return next;
}

/** `step`: one step into `epoch` with `rewards`; records the rates and emits `PoolAdvanced`. */
function step(ctx: TxContext, state: TuskState, pool: StakingPool, epoch: number, rewards: bigint): void {
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
  const { recorded, activated, withdrawn } = stepBooks(pool, epoch);
  ctx.touch(rates(state, pool.nodeId)).set(epoch, recorded);
  recordStep(pool, epoch);
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
    rate_wal: recorded.rate.wal,
    rate_shares: recorded.rate.shares,
  });
}

/** `record_step`: keeps the newest LOOKBACK_EPOCHS epochs' steps and the last one before them. */
function recordStep(pool: StakingPool, epoch: number): void {
  pool.recentSteps.push(epoch);
  const oldestNeeded = epoch > LOOKBACK_EPOCHS ? epoch - LOOKBACK_EPOCHS : 0;
  let drop = 0;
  while (drop + 1 < pool.recentSteps.length && pool.recentSteps[drop + 1]! <= oldestNeeded) drop++;
  if (drop > 0) pool.recentSteps = pool.recentSteps.slice(drop);
}

/** `advance`: an active-set pool steps into the epoch after its books' with `rewards`. */
export function advance(ctx: TxContext, state: TuskState, pool: StakingPool, epoch: number, rewards: bigint): void {
  check(epoch === pool.epoch + 1, M, 'ENotNextEpoch', 'advance');
  step(ctx, state, pool, epoch, rewards);
}

/** `catch_up`: takes every step due up to `epoch`, in order, without rewards. */
export function catchUp(ctx: TxContext, state: TuskState, pool: StakingPool, epoch: number): void {
  for (;;) {
    const due = nextDue(pool, pool.pendingCommissionRates, pool.epoch);
    if (due === undefined || due > epoch) break;
    step(ctx, state, pool, due, 0n);
  }
  if (epoch > pool.epoch) pool.epoch = epoch;
}

/** `scheduled_changes`: (epoch, active stake after) of each step still due. */
export function scheduledChanges(pool: StakingPool): { epoch: number; active: bigint }[] {
  const books = copyBooks(pool);
  const changes: { epoch: number; active: bigint }[] = [];
  let after = pool.epoch;
  for (;;) {
    const due = nextDue(books, pool.pendingCommissionRates, after);
    if (due === undefined) break;
    stepBooks(books, due);
    changes.push({ epoch: due, active: books.wal });
    after = due;
  }
  return changes;
}

// --- Rates ---

export function rates(state: TuskState, nodeId: string): Map<number, PoolRate> {
  return state.poolRates.get(nodeId)!;
}

/** `state_at`: the pool's rates in `epoch`: recorded, projected from steps due, or its last step's. */
export function stateAt(state: TuskState, pool: StakingPool, epoch: number): PoolRate {
  if (epoch > pool.epoch) {
    const books = copyBooks(pool);
    let projected: PoolRate | undefined;
    let after = pool.epoch;
    for (;;) {
      const due = nextDue(books, pool.pendingCommissionRates, after);
      if (due === undefined || due > epoch) break;
      after = due;
      projected = stepBooks(books, due).recorded;
    }
    if (projected) return projected;
  }
  const recorded = rates(state, pool.nodeId).get(epoch);
  if (recorded) return recorded;
  let i = pool.recentSteps.length;
  while (i > 0 && pool.recentSteps[i - 1]! > epoch) i--;
  check(i > 0, M, 'EEpochTooOld', 'state_at');
  return rates(state, pool.nodeId).get(pool.recentSteps[i - 1]!)!;
}

export function rateAt(state: TuskState, pool: StakingPool, epoch: number): ExchangeRate {
  return stateAt(state, pool, epoch).rate;
}

export function unslashedRateAt(state: TuskState, pool: StakingPool, epoch: number): ExchangeRate {
  return stateAt(state, pool, epoch).unslashed;
}

/** `active_at`: active stake once `epoch` began (0 before the pool existed). */
export function activeAt(state: TuskState, pool: StakingPool, epoch: number): bigint {
  return epoch < pool.registeredEpoch ? 0n : stateAt(state, pool, epoch).active;
}

const U64_MAX = (1n << 64n) - 1n;

/**
 * `can_take_stake`: whether `amount` more stake keeps the share count within
 * u64 when it activates, allowing for two maximal (10%) slashes first.
 */
export function canTakeStake(pool: StakingPool, amount: bigint): boolean {
  const rate = currentRate(pool);
  if (rate.wal === 0n || rate.shares === 0n) return true;
  const pending = amount + sum(pool.pendingStake);
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

/** `eventual_stake`: active plus all pending stake, minus all shares leaving at the current rate. */
export function eventualStake(pool: StakingPool): bigint {
  const arriving = sum(pool.pendingStake);
  const leaving = walForShares(sum(pool.pendingWithdrawShares), currentRate(pool));
  const total = pool.wal + arriving;
  return (total > leaving ? total : leaving) - leaving;
}

export function pendingStake(pool: StakingPool, epoch: number): bigint {
  return get(pool.pendingStake, epoch);
}

// --- Changes (the caller touched the pool and caught it up) ---

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
