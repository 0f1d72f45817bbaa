/// One storage node's staking pool: the node's info and commission, its
/// price votes, and the WAL of everyone who staked with it, accounted in shares.
///
/// The pool's object ID is the node ID. Pools live inside `Staking` and are
/// changed only through it; every change emits one event (here `PoolAdvanced`;
/// the others in `staking`).
///
/// Accounting (all amounts FROST):
/// - `wal` is the active stake: what the `shares` outstanding are worth. The
///   exchange rate is the pair (`wal`, `shares`), flat (1:1) when either is 0.
/// - `pending_stake[e]` is stake activating at epoch `e`;
///   `pending_withdraw_shares[e]` are shares leaving at epoch `e`;
///   `pre_active_withdrawals[e]` is principal activating at `e` whose
///   withdrawal was already requested (stake a committee selection counted):
///   at `e` it buys shares like any stake, and those shares leave at `e + 1`;
///   `withdrawable` is WAL already taken out of `wal` for stakers whose
///   withdraw epoch has come and who have not collected it yet.
/// - `unslashed_wal` is what `wal` would be had no slash happened; it only
///   serves to split a payout into rewards and slashed for `StakeWithdrawn`.
///
/// `advance(e, rewards)` moves the pool from `e - 1` into `e`, in this order:
/// 1. `commission = rewards * commission_rate / 10,000` (rounded down) is set
///    aside with the rate in force during `e - 1`; the rest joins `wal`
///    (and `unslashed_wal`): rewards compound;
/// 2. a commission rate scheduled for `e` takes effect;
/// 3. rate(e) = (`wal`, `shares`) (normalized to (0, 0) when flat) and the
///    unslashed rate are recorded;
/// 4. shares leaving at `e` are paid out of `wal` at rate(e) into `withdrawable`;
/// 5. stake activating at `e` buys shares at rate(e) (rounded down); the
///    shares of its part already asked back (`pre_active_withdrawals[e]`,
///    converted as one sum, so never fewer than its stakes' own shares) are
///    scheduled to leave at `e + 1`.
///
/// Invariants: `balance = wal + sum(pending_stake) + withdrawable` exactly;
/// `shares` >= the shares of all live `StakedWal`s of this pool; rate(e+1)
/// >= rate(e) unless the pool was slashed during `e` or had no shares.
module tusk::staking_pool;

use sui::balance::{Self, Balance};
use sui::table::{Self, Table};
use sui::vec_map::{Self, VecMap};
use tusk::events;
use tusk::exchange_rate::{Self, ExchangeRate};
use tusk::params;
use tusk::storage_node::NodeInfo;
use wal::wal::WAL;

/// The rates recorded when the pool advanced into an epoch.
public struct PoolRate has copy, drop, store {
    /// The exchange rate stakes activate and withdraw at.
    rate: ExchangeRate,
    /// The rate without slashes (to split payouts into rewards and slashed).
    unslashed: ExchangeRate,
    /// Active stake once the epoch began (after its withdrawals and
    /// activations): the node's voting power on proposals opened in it.
    active: u64,
}

/// A node's storage price, write price and capacity vote.
public struct PriceVote has copy, drop, store {
    storage_price: u64,
    write_price: u64,
    capacity: u64,
}

/// A node's staking pool (stored in `Staking`; its ID is the node ID).
public struct StakingPool has key, store {
    id: UID,
    /// Who registered the node.
    operator: address,
    info: NodeInfo,
    registered_epoch: u32,
    /// Last epoch the pool advanced into.
    epoch: u32,
    /// Commission on rewards in bps.
    commission_rate: u16,
    /// Commission rates by the epoch they take effect.
    pending_commission_rates: VecMap<u32, u16>,
    /// Commission earned and not yet collected.
    commission: Balance<WAL>,
    votes: PriceVote,
    wal: u64,
    shares: u64,
    unslashed_wal: u64,
    pending_stake: VecMap<u32, u64>,
    pending_withdraw_shares: VecMap<u32, u64>,
    pre_active_withdrawals: VecMap<u32, u64>,
    withdrawable: u64,
    /// Every staker's WAL (see the invariant in the module doc).
    balance: Balance<WAL>,
    /// Rates by epoch, from `registered_epoch` to `epoch`.
    rates: Table<u32, PoolRate>,
}

/// A new, empty pool registered at `epoch`.
public(package) fun new(
    operator: address,
    info: NodeInfo,
    commission_rate: u16,
    storage_price: u64,
    write_price: u64,
    capacity: u64,
    epoch: u32,
    ctx: &mut TxContext,
): StakingPool {
    let mut rates = table::new(ctx);
    rates.add(epoch, PoolRate { rate: exchange_rate::flat(), unslashed: exchange_rate::flat(), active: 0 });
    StakingPool {
        id: object::new(ctx),
        operator,
        info,
        registered_epoch: epoch,
        epoch,
        commission_rate,
        pending_commission_rates: vec_map::empty(),
        commission: balance::zero(),
        votes: PriceVote { storage_price, write_price, capacity },
        wal: 0,
        shares: 0,
        unslashed_wal: 0,
        pending_stake: vec_map::empty(),
        pending_withdraw_shares: vec_map::empty(),
        pre_active_withdrawals: vec_map::empty(),
        withdrawable: 0,
        balance: balance::zero(),
        rates,
    }
}

// === Delegation ===

/// Adds `stake` to the stake activating at `activation_epoch`.
public(package) fun add_stake(self: &mut StakingPool, stake: Balance<WAL>, activation_epoch: u32) {
    add_to(&mut self.pending_stake, activation_epoch, stake.value());
    self.balance.join(stake);
}

/// Takes back `amount` of stake that was to activate at `activation_epoch`.
public(package) fun remove_pending_stake(
    self: &mut StakingPool,
    amount: u64,
    activation_epoch: u32,
): Balance<WAL> {
    sub_from(&mut self.pending_stake, activation_epoch, amount);
    self.balance.split(amount)
}

/// Schedules `shares` to leave the pool at `withdraw_epoch`.
public(package) fun add_pending_withdraw(self: &mut StakingPool, shares: u64, withdraw_epoch: u32) {
    add_to(&mut self.pending_withdraw_shares, withdraw_epoch, shares);
}

/// Schedules `principal`, activating at `activation_epoch` and not active
/// yet, to leave the pool at `activation_epoch + 1` (its shares are known only
/// once it activates).
public(package) fun add_pre_active_withdraw(self: &mut StakingPool, principal: u64, activation_epoch: u32) {
    add_to(&mut self.pre_active_withdrawals, activation_epoch, principal);
}

/// Pays out a stake whose withdraw epoch has come: its shares at rate(`withdraw_epoch`),
/// from `withdrawable`. Returns the WAL and the (rewards, slashed) split.
public(package) fun withdraw(
    self: &mut StakingPool,
    principal: u64,
    activation_epoch: u32,
    withdraw_epoch: u32,
): (Balance<WAL>, u64, u64) {
    let (mut amount, _, _) = self.payout(principal, activation_epoch, withdraw_epoch);
    amount = amount.min(self.withdrawable);
    self.withdrawable = self.withdrawable - amount;
    let (rewards, slashed) = self.split_payout(principal, activation_epoch, withdraw_epoch, amount);
    (self.balance.split(amount), rewards, slashed)
}

// === Epochs ===

/// Moves the pool into `epoch` (always `self.epoch + 1`: `staking` advances
/// every pool at every epoch change) with `rewards` for the epoch that ended
/// (see the module doc for the steps) and emits `PoolAdvanced`.
public(package) fun advance(self: &mut StakingPool, epoch: u32, mut rewards: Balance<WAL>) {
    let node_id = self.id.to_inner();
    // 1. Rewards: commission first, the rest compounds.
    let reward_amount = rewards.value();
    let commission = params::bps_of(reward_amount, self.commission_rate);
    self.commission.join(rewards.split(commission));
    let to_pool = rewards.value();
    self.balance.join(rewards);
    self.wal = self.wal + to_pool;
    self.unslashed_wal = self.unslashed_wal + to_pool;
    // 2. Scheduled commission.
    if (self.pending_commission_rates.contains(&epoch)) {
        let (_, rate) = self.pending_commission_rates.remove(&epoch);
        self.commission_rate = rate;
    };
    // 3. The epoch's rates.
    let rate = exchange_rate::new(self.wal, self.shares).normalized();
    let unslashed = exchange_rate::new(self.unslashed_wal, self.shares).normalized();
    // 4. Withdrawals.
    let leaving = take(&mut self.pending_withdraw_shares, epoch);
    let withdrawn = rate.wal_for(leaving).min(self.wal);
    self.wal = self.wal - withdrawn;
    self.unslashed_wal = self.unslashed_wal - unslashed.wal_for(leaving).min(self.unslashed_wal);
    self.shares = self.shares - leaving;
    self.withdrawable = self.withdrawable + withdrawn;
    // 5. Activations.
    let activated = take(&mut self.pending_stake, epoch);
    self.wal = self.wal + activated;
    self.unslashed_wal = self.unslashed_wal + activated;
    self.shares = self.shares + rate.shares_for(activated);
    let leaving_next = take(&mut self.pre_active_withdrawals, epoch);
    if (leaving_next > 0) add_to(&mut self.pending_withdraw_shares, epoch + 1, rate.shares_for(leaving_next));
    self.rates.add(epoch, PoolRate { rate, unslashed, active: self.wal });
    self.epoch = epoch;
    events::emit_pool_advanced(
        epoch,
        node_id,
        self.wal,
        self.shares,
        reward_amount,
        commission,
        activated,
        withdrawn,
        rate.wal(),
        rate.shares(),
    );
}

/// Burns nothing itself: takes all accrued commission and `slash_bps` of the
/// active stake out of the pool (the rate falls) and returns them, to be burned.
public(package) fun slash(self: &mut StakingPool, slash_bps: u16): (Balance<WAL>, Balance<WAL>) {
    let commission = self.commission.withdraw_all();
    let stake_burned = params::bps_of(self.wal, slash_bps);
    self.wal = self.wal - stake_burned;
    (commission, self.balance.split(stake_burned))
}

// === Operator ===

/// Schedules commission `rate` (bps, checked by `staking`) from
/// `effective_epoch`, replacing any rate already scheduled for that epoch.
public(package) fun set_commission_rate(self: &mut StakingPool, rate: u16, effective_epoch: u32) {
    if (self.pending_commission_rates.contains(&effective_epoch)) {
        *self.pending_commission_rates.get_mut(&effective_epoch) = rate;
    } else {
        self.pending_commission_rates.insert(effective_epoch, rate);
    }
}

/// Takes all accrued commission.
public(package) fun collect_commission(self: &mut StakingPool): Balance<WAL> {
    self.commission.withdraw_all()
}

/// Records the node's price and capacity vote.
public(package) fun set_votes(self: &mut StakingPool, storage_price: u64, write_price: u64, capacity: u64) {
    self.votes = PriceVote { storage_price, write_price, capacity };
}

/// The node info, to change it.
public(package) fun info_mut(self: &mut StakingPool): &mut NodeInfo { &mut self.info }

// === Reading ===

/// Node ID (the pool's object ID).
public fun node_id(self: &StakingPool): ID { self.id.to_inner() }

/// Who registered the node.
public fun operator(self: &StakingPool): address { self.operator }

/// The node's public info.
public fun info(self: &StakingPool): &NodeInfo { &self.info }

/// Epoch the node registered in.
public fun registered_epoch(self: &StakingPool): u32 { self.registered_epoch }

/// Last epoch the pool advanced into.
public fun epoch(self: &StakingPool): u32 { self.epoch }

/// Commission rate in force (bps).
public fun commission_rate(self: &StakingPool): u16 { self.commission_rate }

/// Commission rate scheduled for `epoch`, if any.
public fun pending_commission_rate(self: &StakingPool, epoch: u32): Option<u16> {
    self.pending_commission_rates.try_get(&epoch)
}

/// Commission earned and not yet collected (FROST).
public fun commission(self: &StakingPool): u64 { self.commission.value() }

/// Storage price vote (FROST per MiB per epoch).
public fun storage_price_vote(self: &StakingPool): u64 { self.votes.storage_price }

/// Write price vote (FROST per MiB).
public fun write_price_vote(self: &StakingPool): u64 { self.votes.write_price }

/// Capacity vote (bytes).
public fun capacity_vote(self: &StakingPool): u64 { self.votes.capacity }

/// Active stake (FROST): what the outstanding shares are worth.
public fun wal(self: &StakingPool): u64 { self.wal }

/// Shares outstanding.
public fun shares(self: &StakingPool): u64 { self.shares }

/// What `wal` would be without slashes.
public fun unslashed_wal(self: &StakingPool): u64 { self.unslashed_wal }

/// Stake activating at `epoch`.
public fun pending_stake(self: &StakingPool, epoch: u32): u64 { get_or_zero(&self.pending_stake, epoch) }

/// Shares leaving at `epoch`.
public fun pending_withdraw_shares(self: &StakingPool, epoch: u32): u64 {
    get_or_zero(&self.pending_withdraw_shares, epoch)
}

/// Principal activating at `epoch` whose withdrawal is already requested.
public fun pre_active_withdrawal(self: &StakingPool, epoch: u32): u64 {
    get_or_zero(&self.pre_active_withdrawals, epoch)
}

/// WAL set aside for stakers whose withdraw epoch has come.
public fun withdrawable(self: &StakingPool): u64 { self.withdrawable }

/// All WAL the pool holds for stakers (excludes commission).
public fun balance(self: &StakingPool): u64 { self.balance.value() }

/// The current rate (`wal`, `shares`), normalized when flat.
public fun current_rate(self: &StakingPool): ExchangeRate {
    exchange_rate::new(self.wal, self.shares).normalized()
}

/// Whether a rate was recorded for `epoch`.
public fun has_rate(self: &StakingPool, epoch: u32): bool { self.rates.contains(epoch) }

/// The rate recorded for `epoch` (when the pool advanced into it).
public fun rate_at(self: &StakingPool, epoch: u32): ExchangeRate { self.rates[epoch].rate }

/// Active stake once `epoch` began (0 for epochs before the pool existed).
public fun active_at(self: &StakingPool, epoch: u32): u64 {
    if (self.rates.contains(epoch)) self.rates[epoch].active else 0
}

/// The unslashed rate recorded for `epoch`.
public fun unslashed_rate_at(self: &StakingPool, epoch: u32): ExchangeRate {
    self.rates[epoch].unslashed
}

/// Shares held by `principal` that activated at `activation_epoch`.
public fun shares_of(self: &StakingPool, principal: u64, activation_epoch: u32): u64 {
    self.rate_at(activation_epoch).shares_for(principal)
}

/// What `principal` activated at `activation_epoch` pays at rate(`epoch`),
/// split into (amount, rewards, slashed) with amount = principal + rewards - slashed:
/// `unslashed` = its shares at the unslashed rate(`epoch`);
/// rewards = unslashed - principal if positive, else 0; slashed = principal + rewards - amount.
public fun payout(self: &StakingPool, principal: u64, activation_epoch: u32, epoch: u32): (u64, u64, u64) {
    let shares = self.shares_of(principal, activation_epoch);
    let amount = self.rate_at(epoch).wal_for(shares);
    let (rewards, slashed) = self.split_payout(principal, activation_epoch, epoch, amount);
    (amount, rewards, slashed)
}

/// Whether `amount` more stake keeps the pool's share count within u64 when
/// it activates. Its shares are bought at the rate of its activation epoch,
/// at most two epochs away; each epoch may see one slash of at most 10%
/// (`params` bounds `slash_bps`), so the rate can fall to 81% of today's
/// first: the check allows for that with a 5/4 margin on the shares that all
/// pending stake buys at today's rate. (Rewards only raise the rate.)
public fun can_take_stake(self: &StakingPool, amount: u64): bool {
    let rate = self.current_rate();
    if (rate.is_flat()) return true;
    let mut pending = amount as u128;
    self.pending_stake.keys().do!(|epoch| pending = pending + (*self.pending_stake.get(&epoch) as u128));
    let new_shares = pending * (rate.shares() as u128) / (rate.wal() as u128) * 5 / 4;
    (self.shares as u128) + new_shares <= (std::u64::max_value!() as u128)
}

/// Stake the pool will have at `epoch` (the next one) if nothing else happens:
/// active stake, plus stake activating at `epoch`, minus shares leaving at
/// `epoch` valued at the current rate.
public fun stake_at(self: &StakingPool, epoch: u32): u64 {
    let arriving = self.pending_stake(epoch);
    let leaving = self.current_rate().wal_for(self.pending_withdraw_shares(epoch));
    (self.wal + arriving).max(leaving) - leaving
}

// === Internal ===

fun split_payout(self: &StakingPool, principal: u64, activation_epoch: u32, epoch: u32, amount: u64): (u64, u64) {
    let shares = self.shares_of(principal, activation_epoch);
    let unslashed = self.unslashed_rate_at(epoch).wal_for(shares);
    let rewards = if (unslashed > principal) unslashed - principal else 0;
    let slashed = principal + rewards - amount;
    (rewards, slashed)
}

fun add_to(map: &mut VecMap<u32, u64>, epoch: u32, amount: u64) {
    if (map.contains(&epoch)) {
        let value = map.get_mut(&epoch);
        *value = *value + amount;
    } else {
        map.insert(epoch, amount);
    }
}

fun sub_from(map: &mut VecMap<u32, u64>, epoch: u32, amount: u64) {
    let value = map.get_mut(&epoch);
    *value = *value - amount;
    if (*value == 0) {
        map.remove(&epoch);
    }
}

fun take(map: &mut VecMap<u32, u64>, epoch: u32): u64 {
    if (map.contains(&epoch)) {
        let (_, value) = map.remove(&epoch);
        value
    } else 0
}

fun get_or_zero(map: &VecMap<u32, u64>, epoch: u32): u64 {
    if (map.contains(&epoch)) *map.get(&epoch) else 0
}
