/// One storage node's staking pool: the node's info and commission, its
/// price votes, and the WAL of everyone who staked with it, accounted in shares.
///
/// The pool's object ID is the node ID. Pools live inside `Staking` and are
/// changed only through it; every change emits one event (here `PoolAdvanced`;
/// the others in `staking`).
///
/// Accounting (all amounts FROST, in `Books`):
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
/// A *step* into epoch `e` with `rewards` (`advance`), in this order:
/// 1. `commission = rewards * commission_rate / 10,000` (rounded down) is set
///    aside with the rate in force before `e`; the rest joins `wal`
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
/// When steps happen. `staking` steps the pools of its active set into every
/// epoch (with rewards for the committee members). Every other pool is idle:
/// it earns nothing, so nothing changes in it between the epochs where it has
/// something scheduled; it takes those steps (without rewards) when next
/// touched (`catch_up`), in order, each at its own epoch. A pool thus records
/// rates only at the epochs it stepped into, and rate(e) for any other epoch
/// is the rate of its last step before `e` (`state_at`; steps due and not
/// taken yet are projected, not written). Exact records always exist where
/// money moves: at every activation and withdraw epoch.
///
/// Invariants: `balance = wal + sum(pending_stake) + withdrawable` exactly;
/// `shares` >= the shares of all live `StakedWal`s of this pool; rate(e+1)
/// >= rate(e) unless the pool was slashed during `e` or had no shares.
module tusk::staking_pool;

use sui::balance::{Self, Balance};
use sui::table::{Self, Table};
use sui::vec_map::{Self, VecMap};
use tusk::epoch_amounts as amounts;
use tusk::events;
use tusk::exchange_rate::{Self, ExchangeRate};
use tusk::params;
use tusk::storage_node::NodeInfo;
use wal::wal::WAL;

/// Epochs back from the newest record that `state_at` can still resolve in a
/// gap between records: governance looks up at most `voting_epochs` (at most
/// 30) epochs back.
const LOOKBACK_EPOCHS: u32 = 32;

#[error]
const EEpochTooOld: vector<u8> =
    b"This pool keeps the rates of epochs without a step of its own only for the last 32 epochs";

/// The rates recorded when the pool stepped into an epoch.
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

/// The stake accounting (see the module doc); copied to project steps not
/// taken yet.
public struct Books has copy, drop, store {
    wal: u64,
    shares: u64,
    unslashed_wal: u64,
    pending_stake: VecMap<u32, u64>,
    pending_withdraw_shares: VecMap<u32, u64>,
    pre_active_withdrawals: VecMap<u32, u64>,
    withdrawable: u64,
}

/// A node's staking pool (stored in `Staking`; its ID is the node ID).
public struct StakingPool has key, store {
    id: UID,
    /// Who registered the node.
    operator: address,
    info: NodeInfo,
    registered_epoch: u32,
    /// Registration order among all nodes (0 for the first).
    registration_number: u64,
    /// Epoch the books are caught up to: every step due up to it was taken.
    epoch: u32,
    /// Commission on rewards in bps.
    commission_rate: u16,
    /// Commission rates by the epoch they take effect.
    pending_commission_rates: VecMap<u32, u16>,
    /// Commission earned and not yet collected.
    commission: Balance<WAL>,
    votes: PriceVote,
    books: Books,
    /// Every staker's WAL (see the invariant in the module doc).
    balance: Balance<WAL>,
    /// Rates by the epochs the pool stepped into (and `registered_epoch`).
    rates: Table<u32, PoolRate>,
    /// The epochs of `rates` from the last one at least `LOOKBACK_EPOCHS`
    /// before the newest, ascending: where `state_at` finds gaps' rates.
    recent_steps: vector<u32>,
}

/// A new, empty pool registered at `epoch` as node number `registration_number`.
public(package) fun new(
    operator: address,
    info: NodeInfo,
    commission_rate: u16,
    storage_price: u64,
    write_price: u64,
    capacity: u64,
    epoch: u32,
    registration_number: u64,
    ctx: &mut TxContext,
): StakingPool {
    let mut rates = table::new(ctx);
    rates.add(epoch, PoolRate { rate: exchange_rate::flat(), unslashed: exchange_rate::flat(), active: 0 });
    StakingPool {
        id: object::new(ctx),
        operator,
        info,
        registered_epoch: epoch,
        registration_number,
        epoch,
        commission_rate,
        pending_commission_rates: vec_map::empty(),
        commission: balance::zero(),
        votes: PriceVote { storage_price, write_price, capacity },
        books: Books {
            wal: 0,
            shares: 0,
            unslashed_wal: 0,
            pending_stake: vec_map::empty(),
            pending_withdraw_shares: vec_map::empty(),
            pre_active_withdrawals: vec_map::empty(),
            withdrawable: 0,
        },
        balance: balance::zero(),
        rates,
        recent_steps: vector[epoch],
    }
}

// === Delegation (on books caught up to the current epoch) ===

/// Adds `stake` to the stake activating at `activation_epoch`.
public(package) fun add_stake(self: &mut StakingPool, stake: Balance<WAL>, activation_epoch: u32) {
    amounts::add(&mut self.books.pending_stake, activation_epoch, stake.value());
    self.balance.join(stake);
}

/// Takes back `amount` of stake that was to activate at `activation_epoch`.
public(package) fun remove_pending_stake(
    self: &mut StakingPool,
    amount: u64,
    activation_epoch: u32,
): Balance<WAL> {
    amounts::sub(&mut self.books.pending_stake, activation_epoch, amount);
    self.balance.split(amount)
}

/// Schedules `shares` to leave the pool at `withdraw_epoch`.
public(package) fun add_pending_withdraw(self: &mut StakingPool, shares: u64, withdraw_epoch: u32) {
    amounts::add(&mut self.books.pending_withdraw_shares, withdraw_epoch, shares);
}

/// Schedules `principal`, activating at `activation_epoch` and not active
/// yet, to leave the pool at `activation_epoch + 1` (its shares are known only
/// once it activates).
public(package) fun add_pre_active_withdraw(self: &mut StakingPool, principal: u64, activation_epoch: u32) {
    amounts::add(&mut self.books.pre_active_withdrawals, activation_epoch, principal);
}

/// Pays out a stake whose withdraw epoch has come (and was stepped into): its
/// shares at rate(`withdraw_epoch`), from `withdrawable`. Returns the WAL and
/// the (rewards, slashed) split.
public(package) fun withdraw(
    self: &mut StakingPool,
    principal: u64,
    activation_epoch: u32,
    withdraw_epoch: u32,
): (Balance<WAL>, u64, u64) {
    let (mut amount, _, _) = self.payout(principal, activation_epoch, withdraw_epoch);
    amount = amount.min(self.books.withdrawable);
    self.books.withdrawable = self.books.withdrawable - amount;
    let (rewards, slashed) = self.split_payout(principal, activation_epoch, withdraw_epoch, amount);
    (self.balance.split(amount), rewards, slashed)
}

// === Epochs ===

/// Steps the pool of an active-set member into `epoch`, the epoch after the
/// one its books are at, with `rewards` for the epoch that ended (see the
/// module doc) and emits `PoolAdvanced`.
public(package) fun advance(self: &mut StakingPool, epoch: u32, rewards: Balance<WAL>) {
    assert!(epoch == self.epoch + 1);
    self.step(epoch, rewards);
}

/// Takes, in order and without rewards, every step due up to `epoch` (an idle
/// pool's), then marks the books caught up to `epoch`. At most a few steps: a
/// pool only schedules changes for the next three epochs.
public(package) fun catch_up(self: &mut StakingPool, epoch: u32) {
    loop {
        let due = next_due(&self.books, &self.pending_commission_rates, self.epoch);
        if (due.is_none() || *due.borrow() > epoch) break;
        self.step(due.destroy_some(), balance::zero());
    };
    if (epoch > self.epoch) self.epoch = epoch;
}

/// Active stake after each step still due after the books' epoch, as
/// (epochs, active stake after the step): how an idle pool's active stake
/// will change as those epochs begin.
public fun scheduled_changes(self: &StakingPool): (vector<u32>, vector<u64>) {
    let mut books = self.books;
    let mut epochs = vector[];
    let mut active = vector[];
    let mut after = self.epoch;
    loop {
        let due = next_due(&books, &self.pending_commission_rates, after);
        if (due.is_none()) break;
        let epoch = due.destroy_some();
        books.step_books(epoch);
        epochs.push_back(epoch);
        active.push_back(books.wal);
        after = epoch;
    };
    (epochs, active)
}

/// Burns nothing itself: takes all accrued commission and `slash_bps` of the
/// active stake out of the pool (the rate falls) and returns them, to be burned.
public(package) fun slash(self: &mut StakingPool, slash_bps: u16): (Balance<WAL>, Balance<WAL>) {
    let commission = self.commission.withdraw_all();
    let stake_burned = params::bps_of(self.books.wal, slash_bps);
    self.books.wal = self.books.wal - stake_burned;
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

/// Registration order among all nodes (0 for the first).
public fun registration_number(self: &StakingPool): u64 { self.registration_number }

/// Epoch the books are caught up to (an idle pool's may lag the current one).
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

/// Active stake (FROST) in the books: what the outstanding shares are worth.
public fun wal(self: &StakingPool): u64 { self.books.wal }

/// Shares outstanding.
public fun shares(self: &StakingPool): u64 { self.books.shares }

/// What `wal` would be without slashes.
public fun unslashed_wal(self: &StakingPool): u64 { self.books.unslashed_wal }

/// Stake activating at `epoch`.
public fun pending_stake(self: &StakingPool, epoch: u32): u64 { amounts::get(&self.books.pending_stake, epoch) }

/// Shares leaving at `epoch`.
public fun pending_withdraw_shares(self: &StakingPool, epoch: u32): u64 {
    amounts::get(&self.books.pending_withdraw_shares, epoch)
}

/// Principal activating at `epoch` whose withdrawal is already requested.
public fun pre_active_withdrawal(self: &StakingPool, epoch: u32): u64 {
    amounts::get(&self.books.pre_active_withdrawals, epoch)
}

/// WAL set aside for stakers whose withdraw epoch has come.
public fun withdrawable(self: &StakingPool): u64 { self.books.withdrawable }

/// All WAL the pool holds for stakers (excludes commission).
public fun balance(self: &StakingPool): u64 { self.balance.value() }

/// The current rate (`wal`, `shares`), normalized when flat.
public fun current_rate(self: &StakingPool): ExchangeRate { self.books.rate() }

/// Whether the pool stepped into `epoch` (a rate was recorded for it).
public fun has_rate(self: &StakingPool, epoch: u32): bool { self.rates.contains(epoch) }

/// The rate stakes activate and withdraw at in `epoch` (see `state_at`).
public fun rate_at(self: &StakingPool, epoch: u32): ExchangeRate { self.state_at(epoch).rate }

/// Active stake once `epoch` began (0 for epochs before the pool existed).
public fun active_at(self: &StakingPool, epoch: u32): u64 {
    if (epoch < self.registered_epoch) 0 else self.state_at(epoch).active
}

/// The unslashed rate of `epoch` (see `state_at`).
public fun unslashed_rate_at(self: &StakingPool, epoch: u32): ExchangeRate {
    self.state_at(epoch).unslashed
}

/// The pool's rates in `epoch` (from `registered_epoch` on): recorded if the
/// pool stepped into it; else those of its last step before it, taken or
/// still due (an epoch without a step changes nothing). Epochs without a step
/// of their own resolve only within the last `LOOKBACK_EPOCHS` records.
public fun state_at(self: &StakingPool, epoch: u32): PoolRate {
    if (epoch > self.epoch) {
        // Steps due by `epoch` that an idle pool has not taken yet.
        let mut books = self.books;
        let mut projected = option::none();
        let mut after = self.epoch;
        loop {
            let due = next_due(&books, &self.pending_commission_rates, after);
            if (due.is_none() || *due.borrow() > epoch) break;
            after = due.destroy_some();
            let (recorded, _, _) = books.step_books(after);
            projected = option::some(recorded);
        };
        if (projected.is_some()) return projected.destroy_some();
    };
    if (self.rates.contains(epoch)) return self.rates[epoch];
    // A gap: the last step before `epoch`.
    let steps = &self.recent_steps;
    let mut i = steps.length();
    while (i > 0 && steps[i - 1] > epoch) i = i - 1;
    assert!(i > 0, EEpochTooOld);
    self.rates[steps[i - 1]]
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
    let pending = (amount as u128) + (amounts::sum(&self.books.pending_stake) as u128);
    let new_shares = pending * (rate.shares() as u128) / (rate.wal() as u128) * 5 / 4;
    (self.books.shares as u128) + new_shares <= (std::u64::max_value!() as u128)
}

/// Stake the pool will hold once every scheduled change is through, if
/// nothing else happens: active stake plus all pending stake, minus all
/// shares leaving valued at the current rate. When `voting_end` selects the
/// committee of `e + 1` nothing is scheduled beyond `e + 1`, so this is the
/// pool's stake at `e + 1`, which selection counts.
public fun eventual_stake(self: &StakingPool): u64 {
    let arriving = amounts::sum(&self.books.pending_stake);
    let leaving = self.current_rate().wal_for(amounts::sum(&self.books.pending_withdraw_shares));
    (self.books.wal + arriving).max(leaving) - leaving
}

// === Internal ===

/// One step into `epoch` with `rewards` (see the module doc); records the
/// rates and emits `PoolAdvanced`.
fun step(self: &mut StakingPool, epoch: u32, mut rewards: Balance<WAL>) {
    let node_id = self.id.to_inner();
    // 1. Rewards: commission first, the rest compounds.
    let reward_amount = rewards.value();
    let commission = params::bps_of(reward_amount, self.commission_rate);
    self.commission.join(rewards.split(commission));
    let to_pool = rewards.value();
    self.balance.join(rewards);
    self.books.wal = self.books.wal + to_pool;
    self.books.unslashed_wal = self.books.unslashed_wal + to_pool;
    // 2. Scheduled commission.
    if (self.pending_commission_rates.contains(&epoch)) {
        let (_, rate) = self.pending_commission_rates.remove(&epoch);
        self.commission_rate = rate;
    };
    // 3.-5. Rates, withdrawals, activations.
    let (recorded, activated, withdrawn) = self.books.step_books(epoch);
    self.rates.add(epoch, recorded);
    self.record_step(epoch);
    self.epoch = epoch;
    events::new_pool_advanced(
        epoch,
        node_id,
        self.books.wal,
        self.books.shares,
        reward_amount,
        commission,
        activated,
        withdrawn,
        recorded.rate.wal(),
        recorded.rate.shares(),
    ).emit();
}

/// Keeps `recent_steps` to the steps `state_at` may need: the newest
/// `LOOKBACK_EPOCHS` epochs' and the last one before them.
fun record_step(self: &mut StakingPool, epoch: u32) {
    self.recent_steps.push_back(epoch);
    let oldest_needed = if (epoch > LOOKBACK_EPOCHS) epoch - LOOKBACK_EPOCHS else 0;
    let mut drop = 0;
    while (drop + 1 < self.recent_steps.length() && self.recent_steps[drop + 1] <= oldest_needed) drop = drop + 1;
    if (drop > 0) {
        let mut kept = vector[];
        let len = self.recent_steps.length();
        (len - drop).do!(|k| kept.push_back(self.recent_steps[drop + k]));
        self.recent_steps = kept;
    }
}

/// Steps 3 to 5 into `epoch` (see the module doc), on books whose rewards
/// are in: returns the rates to record, the stake activated and the WAL withdrawn.
fun step_books(self: &mut Books, epoch: u32): (PoolRate, u64, u64) {
    // 3. The epoch's rates.
    let rate = self.rate();
    let unslashed = exchange_rate::new(self.unslashed_wal, self.shares).normalized();
    // 4. Withdrawals.
    let leaving = amounts::take(&mut self.pending_withdraw_shares, epoch);
    let withdrawn = rate.wal_for(leaving).min(self.wal);
    self.wal = self.wal - withdrawn;
    self.unslashed_wal = self.unslashed_wal - unslashed.wal_for(leaving).min(self.unslashed_wal);
    self.shares = self.shares - leaving;
    self.withdrawable = self.withdrawable + withdrawn;
    // 5. Activations.
    let activated = amounts::take(&mut self.pending_stake, epoch);
    self.wal = self.wal + activated;
    self.unslashed_wal = self.unslashed_wal + activated;
    self.shares = self.shares + rate.shares_for(activated);
    let leaving_next = amounts::take(&mut self.pre_active_withdrawals, epoch);
    if (leaving_next > 0) amounts::add(&mut self.pending_withdraw_shares, epoch + 1, rate.shares_for(leaving_next));
    (PoolRate { rate, unslashed, active: self.wal }, activated, withdrawn)
}

/// The books' rate (`wal`, `shares`), normalized when flat.
fun rate(self: &Books): ExchangeRate {
    exchange_rate::new(self.wal, self.shares).normalized()
}

/// The first epoch after `after` with a change scheduled, if any.
fun next_due(books: &Books, commission_rates: &VecMap<u32, u16>, after: u32): Option<u32> {
    let mut epochs = books.pending_stake.keys();
    epochs.append(books.pending_withdraw_shares.keys());
    epochs.append(books.pre_active_withdrawals.keys());
    epochs.append(commission_rates.keys());
    let mut next: Option<u32> = option::none();
    epochs.do!(|epoch| {
        if (epoch > after && (next.is_none() || epoch < *next.borrow())) next = option::some(epoch);
    });
    next
}

fun split_payout(self: &StakingPool, principal: u64, activation_epoch: u32, epoch: u32, amount: u64): (u64, u64) {
    let shares = self.shares_of(principal, activation_epoch);
    let unslashed = self.unslashed_rate_at(epoch).wal_for(shares);
    let rewards = if (unslashed > principal) unslashed - principal else 0;
    let slashed = principal + rewards - amount;
    (rewards, slashed)
}
