/// The shared `Staking` object and the public API of delegators, operators
/// and epoch keepers: nodes and their pools, delegation, the epoch state
/// machine, committee selection, rewards, commission and slashing.
///
/// Epochs (Tusk epochs, on the `Clock`, independent of Sui epochs). Epoch `E`
/// starts when `initiate_epoch_change` moves into it (epoch 0: at
/// `init::initialize`), at `start`:
/// - from `start + duration / 2` anyone calls `voting_end` (once, only after the
///   previous change is done): the committee of `E + 1` is selected from each
///   pool's stake at `E + 1`, and the prices of `E + 1` from its members' votes;
/// - from `start + duration` anyone calls `initiate_epoch_change` (only after
///   `voting_end`): the fees of `E` become rewards, the active set's pools
///   step into `E + 1`, the new committee
///   takes over and must sync;
/// - each member of the new committee calls `epoch_sync_done`; at a 2/3
///   quorum of shards the change is done (at once if the committee is empty).
///
/// Delegation timing, with `voted` = whether `voting_end` already ran in `E`:
/// - a stake made in `E` activates at `E + 1`, or `E + 2` if `voted`;
/// - a withdrawal requested in `E` is withdrawable from `E + 1`, or `E + 2`
///   if `voted`, and pays its shares at that epoch's rate;
/// - stake that no committee selection has counted yet (activating at
///   `E + 1` before `voting_end`, or at `E + 2`) is withdrawn at once, without
///   rewards. Stake that `voting_end` counted cannot leave before the
///   committee it helped select has served: after `voting_end` a stake
///   activating at `E + 1` needs a withdrawal request (withdrawable from
///   `E + 2`), like active stake. Otherwise one transaction could stake,
///   select a committee with that stake, and take it back (a flash stake).
///
/// Rewards of epoch `E`: `burned = fees * burn_bps / 10,000`; each member of
/// `E`'s committee gets `(fees - burned) * shards / n_shards`; what rounding
/// leaves (dust) is burned too. Each pool takes its commission out of its part
/// and the rest compounds (see `staking_pool`).
///
/// The active set. Registering a node costs nothing, so the number of pools
/// has no bound; the work of every call must. At most `MAX_ACTIVE_SET_SIZE`
/// pools form the *active set*: only they step into every epoch (one
/// `PoolAdvanced` each) and only they can be selected into a committee. A
/// pool joins when it is staked with (or `join_active_set` is called) and the
/// set has room, or in place of the member with the least stake outside the
/// current and next committees, if it has more. Every other pool is idle: it
/// earns nothing, accepts stake and withdrawals as usual, and takes its
/// scheduled steps when next touched (`staking_pool`); its active stake
/// counts in the epoch's total through `idle_stake`, which follows the
/// changes idle pools have scheduled. So `voting_end` reads the set and
/// `initiate_epoch_change` steps at most `MAX_ACTIVE_SET_SIZE` pools, however
/// many nodes registered (see `SECURITY.md` for the limits this keeps).
///
/// Invariants: every FROST staked is held by exactly one pool until paid out
/// or burned; only a `StorageNodeCap` acts for its node; every state change
/// emits one event (plus `PoolAdvanced` per pool step); committees are drawn
/// from the active set, and no member of the current or next committee
/// leaves it; `epoch_start_stake` is the sum of every pool's active stake.
module tusk::staking;

use std::string::String;
use sui::clock::Clock;
use sui::coin::{Self, Coin};
use sui::object_table::{Self, ObjectTable};
use sui::table::{Self, Table};
use sui::vec_map::{Self, VecMap};
use tusk::committee::{Self, Committee};
use tusk::epoch_amounts as amounts;
use tusk::events;
use tusk::params::{Self, Params};
use tusk::slashing::{Self, SlashVotes};
use tusk::staked_wal::{Self, StakedWal};
use tusk::staking_pool::{Self, StakingPool};
use tusk::storage_node::{Self, StorageNodeCap};
use tusk::system::System;
use wal::wal::{WAL, WalTreasury};

/// Version of `Staking` this package operates on (see `governance::migrate`).
const VERSION: u64 = 1;

/// Epochs between scheduling a commission change and its effect.
const COMMISSION_DELAY_EPOCHS: u32 = 2;

/// Most pools in the active set. It must hold the largest committee (200)
/// and challengers; each member costs an epoch change one event and three
/// dynamic-field accesses, within Sui's 1,024 and 1,000 per transaction.
const MAX_ACTIVE_SET_SIZE: u64 = 250;

#[error]
const EWrongVersion: vector<u8> =
    b"Staking is at another version than this package: call the current package";

#[error]
const EUnknownNode: vector<u8> = b"No storage node is registered with this ID";

#[error]
const EInvalidCommissionRate: vector<u8> = b"Commission must be at most 10000 bps (100%)";

#[error]
const EStakeBelowMinimum: vector<u8> =
    b"A stake (and each part of a split) must hold at least min_stake (1 WAL by default)";

#[error]
const EAlreadyWithdrawing: vector<u8> = b"A withdrawal was already requested for this stake";

#[error]
const ENotActive: vector<u8> =
    b"No committee has counted this stake yet: withdraw it at once with withdraw_stake instead";

#[error]
const ENotWithdrawing: vector<u8> =
    b"This stake is active: request a withdrawal first (request_withdraw_stake)";

#[error]
const EWithdrawEpochNotReached: vector<u8> =
    b"This stake can be withdrawn only from its withdraw epoch on";

#[error]
const EInvalidSplitAmount: vector<u8> =
    b"The split amount must be more than 0 and less than the stake's principal";

#[error]
const EIncompatibleStakedWal: vector<u8> =
    b"Only stakes with the same node and activation epoch, neither of them withdrawing, can be joined";

#[error]
const EWrongEpochState: vector<u8> =
    b"Not now: voting_end needs a finished epoch change and runs once per epoch; initiate_epoch_change needs voting_end first; epoch_sync_done needs an epoch change in progress";

#[error]
const ETooEarly: vector<u8> =
    b"Too early: voting_end opens at half of the epoch, initiate_epoch_change at its end";

#[error]
const EWrongEpoch: vector<u8> = b"This is not the current epoch";

#[error]
const ENotCommitteeMember: vector<u8> = b"This node is not a member of the current committee";

#[error]
const EAlreadySynced: vector<u8> = b"This node already confirmed its shards for this epoch";

#[error]
const ECannotSlashSelf: vector<u8> = b"A node cannot vote to slash itself";

#[error]
const EAlreadyVoted: vector<u8> = b"This node already voted to slash the target in this epoch";

#[error]
const ENoSlashQuorum: vector<u8> =
    b"Votes to slash this node this epoch do not reach 2/3 of the shards";

#[error]
const EAlreadySlashed: vector<u8> = b"This node was already slashed in this epoch";

#[error]
const ENameTaken: vector<u8> = b"Another node already has this name (names are unique, ignoring case)";

#[error]
const ECommissionFrozen: vector<u8> =
    b"Commission cannot be collected while a vote to slash this node is open in this epoch";

#[error]
const EPoolSharesOverflow: vector<u8> =
    b"This pool's exchange rate fell so far after slashes that this stake could overflow its share count: stake with another node";

#[error]
const ENotInCommittee: vector<u8> = b"Only a member of the current committee can be slashed";

#[error]
const ECannotJoinActiveSet: vector<u8> =
    b"The active set is full and this pool's stake is not above that of every pool that could leave it";

#[error]
const ESyncNotTimedOut: vector<u8> =
    b"The epoch change can be completed without the sync quorum only from half of the epoch on";

/// Staking, epochs, nodes and slashing (shared).
public struct Staking has key {
    id: UID,
    version: u64,
    params: Params,
    epoch: u32,
    /// When the current epoch started (ms).
    epoch_start_ms: u64,
    /// Total active stake when the current epoch began (governance's
    /// snapshot for proposals opened in it).
    epoch_start_stake: u64,
    epoch_state: EpochState,
    /// Whether `voting_end` ran in this epoch.
    voting_ended: bool,
    committee: Committee,
    /// The committee of the next epoch (meaningful once `voting_ended`).
    next_committee: Committee,
    prices: Prices,
    /// The prices of the next epoch (meaningful once `voting_ended`).
    next_prices: Prices,
    /// Nodes registered so far.
    node_count: u64,
    pools: ObjectTable<ID, StakingPool>,
    /// The pools that step into every epoch, by registration order.
    active_set: vector<ActivePool>,
    /// Active stake of all idle pools when the current epoch began.
    idle_stake: u64,
    /// How `idle_stake` rises and falls as coming epochs begin, from the
    /// steps idle pools have scheduled.
    idle_gains: VecMap<u32, u64>,
    idle_losses: VecMap<u32, u64>,
    /// Node IDs by lower-cased name (names are unique, ignoring case).
    node_names: Table<vector<u8>, ID>,
    slash_votes: SlashVotes,
    /// Passed parameter changes waiting for the next epoch change, in order.
    pending_parameter_changes: vector<ParameterChange>,
}

/// Where the epoch change stands.
public enum EpochState has copy, drop, store {
    /// The committee is syncing; `synced` confirmed, holding `weight` shards.
    EpochChangeSync { synced: vector<ID>, weight: u64 },
    /// The change finished at `done_ms`.
    EpochChangeDone { done_ms: u64 },
}

/// A member of the active set.
public struct ActivePool has copy, drop, store {
    node_id: ID,
    registration_number: u64,
    /// The pool's `eventual_stake`, kept current: what selection counts.
    stake: u64,
}

/// Storage price, write price (FROST per MiB) and capacity (bytes).
public struct Prices has copy, drop, store {
    storage_price: u64,
    write_price: u64,
    capacity: u64,
}

/// A parameter change that passed governance.
public struct ParameterChange has copy, drop, store {
    proposal_id: ID,
    name: String,
    value: u64,
}

/// Creates and shares `Staking` at epoch 0, started now (called from
/// `init::initialize`).
public(package) fun create_and_share(
    params: Params,
    storage_price: u64,
    write_price: u64,
    capacity: u64,
    clock: &Clock,
    ctx: &mut TxContext,
) {
    transfer::share_object(new(params, storage_price, write_price, capacity, clock, ctx));
}

fun new(
    params: Params,
    storage_price: u64,
    write_price: u64,
    capacity: u64,
    clock: &Clock,
    ctx: &mut TxContext,
): Staking {
    let now = clock.timestamp_ms();
    let prices = Prices { storage_price, write_price, capacity };
    Staking {
        id: object::new(ctx),
        version: VERSION,
        params,
        epoch: 0,
        epoch_start_ms: now,
        epoch_start_stake: 0,
        epoch_state: EpochState::EpochChangeDone { done_ms: now },
        voting_ended: false,
        committee: committee::empty(),
        next_committee: committee::empty(),
        prices,
        next_prices: prices,
        node_count: 0,
        pools: object_table::new(ctx),
        active_set: vector[],
        idle_stake: 0,
        idle_gains: vec_map::empty(),
        idle_losses: vec_map::empty(),
        node_names: table::new(ctx),
        slash_votes: slashing::new(ctx),
        pending_parameter_changes: vector[],
    }
}

// === Operators ===

/// Registers a storage node: creates its staking pool (whose ID is the node
/// ID) and returns the `StorageNodeCap` acting for it. `public_key` must come
/// with a proof of possession for the sender (see `storage_node`). The price
/// and capacity votes count from the next `voting_end`. The pool starts idle:
/// it joins the active set once staked with.
public fun register_candidate(
    self: &mut Staking,
    name: String,
    network_address: String,
    metadata_url: String,
    public_key: vector<u8>,
    network_public_key: vector<u8>,
    proof_of_possession: vector<u8>,
    commission_bps: u16,
    storage_price: u64,
    write_price: u64,
    capacity: u64,
    ctx: &mut TxContext,
): StorageNodeCap {
    self.assert_version();
    assert!(commission_bps as u64 <= params::bps_denominator(), EInvalidCommissionRate);
    storage_node::check_name(&name);
    let name_key = storage_node::name_key(&name);
    assert!(!self.node_names.contains(name_key), ENameTaken);
    storage_node::check_public_key(&public_key, &proof_of_possession, ctx.sender());
    let info = storage_node::new_info(
        name,
        network_address,
        metadata_url,
        public_key,
        network_public_key,
    );
    let pool = staking_pool::new(
        ctx.sender(),
        info,
        commission_bps,
        storage_price,
        write_price,
        capacity,
        self.epoch,
        self.node_count,
        ctx,
    );
    let node_id = pool.node_id();
    self.pools.add(node_id, pool);
    self.node_count = self.node_count + 1;
    self.node_names.add(name_key, node_id);
    events::new_node_registered(
        self.epoch,
        node_id,
        ctx.sender(),
        name,
        network_address,
        public_key,
        commission_bps,
    ).emit();
    storage_node::new_cap(node_id, ctx)
}

/// Schedules the node's commission to `rate_bps` from two epochs ahead
/// (a later call for the same epoch replaces it).
public fun set_commission(self: &mut Staking, cap: &StorageNodeCap, rate_bps: u16) {
    self.assert_version();
    assert!(rate_bps as u64 <= params::bps_denominator(), EInvalidCommissionRate);
    let effective_epoch = self.epoch + COMMISSION_DELAY_EPOCHS;
    let idle = self.begin_change(cap.node_id());
    self.pool_mut(cap.node_id()).set_commission_rate(rate_bps, effective_epoch);
    self.end_change(cap.node_id(), idle);
    events::new_commission_scheduled(self.epoch, cap.node_id(), rate_bps, effective_epoch).emit();
}

/// Takes all of the node's accrued commission. Frozen while a vote to slash
/// the node is open in this epoch (votes cast, slash not executed), so an
/// operator who sees a slash coming cannot save the commission it would burn.
public fun collect_commission(self: &mut Staking, cap: &StorageNodeCap, ctx: &mut TxContext): Coin<WAL> {
    self.assert_version();
    assert!(!self.is_commission_frozen(cap.node_id()), ECommissionFrozen);
    let commission = self.pool_mut(cap.node_id()).collect_commission();
    events::new_commission_collected(
        self.epoch,
        cap.node_id(),
        commission.value(),
        ctx.sender(),
    ).emit();
    coin::from_balance(commission, ctx)
}

/// Records the node's storage price, write price and capacity vote; it counts
/// at the next `voting_end` if the node is in the next committee.
public fun vote_for_prices(
    self: &mut Staking,
    cap: &StorageNodeCap,
    storage_price: u64,
    write_price: u64,
    capacity: u64,
) {
    self.assert_version();
    self.pool_mut(cap.node_id()).set_votes(storage_price, write_price, capacity);
    events::new_node_voted(self.epoch, cap.node_id(), storage_price, write_price, capacity).emit();
}

/// Sets the node's name (a valid name, not taken by another node).
public fun set_name(self: &mut Staking, cap: &StorageNodeCap, name: String) {
    self.assert_version();
    storage_node::check_name(&name);
    let node_id = cap.node_id();
    let old_key = storage_node::name_key(&self.pool(node_id).info().name());
    let new_key = storage_node::name_key(&name);
    if (new_key != old_key) {
        assert!(!self.node_names.contains(new_key), ENameTaken);
        self.node_names.remove(old_key);
        self.node_names.add(new_key, node_id);
    };
    self.pool_mut(node_id).info_mut().set_name(name);
    events::new_node_updated(
        self.epoch,
        cap.node_id(),
        option::some(name),
        option::none(),
        option::none(),
        option::none(),
        option::none(),
    ).emit();
}

/// Sets the node's network address.
public fun set_network_address(self: &mut Staking, cap: &StorageNodeCap, network_address: String) {
    self.assert_version();
    self.pool_mut(cap.node_id()).info_mut().set_network_address(network_address);
    events::new_node_updated(
        self.epoch,
        cap.node_id(),
        option::none(),
        option::some(network_address),
        option::none(),
        option::none(),
        option::none(),
    ).emit();
}

/// Sets the node's metadata URL.
public fun set_metadata_url(self: &mut Staking, cap: &StorageNodeCap, metadata_url: String) {
    self.assert_version();
    self.pool_mut(cap.node_id()).info_mut().set_metadata_url(metadata_url);
    events::new_node_updated(
        self.epoch,
        cap.node_id(),
        option::none(),
        option::none(),
        option::none(),
        option::none(),
        option::some(metadata_url),
    ).emit();
}

/// Sets the node's network public key.
public fun set_network_public_key(
    self: &mut Staking,
    cap: &StorageNodeCap,
    network_public_key: vector<u8>,
) {
    self.assert_version();
    self.pool_mut(cap.node_id()).info_mut().set_network_public_key(network_public_key);
    events::new_node_updated(
        self.epoch,
        cap.node_id(),
        option::none(),
        option::none(),
        option::none(),
        option::some(network_public_key),
        option::none(),
    ).emit();
}

/// Sets the node's BLS public key, with a proof of possession for the sender.
/// Committees record keys at `initiate_epoch_change`, so a new key signs
/// certificates from the next epoch on.
public fun set_public_key(
    self: &mut Staking,
    cap: &StorageNodeCap,
    public_key: vector<u8>,
    proof_of_possession: vector<u8>,
    ctx: &TxContext,
) {
    self.assert_version();
    storage_node::check_public_key(&public_key, &proof_of_possession, ctx.sender());
    self.pool_mut(cap.node_id()).info_mut().set_public_key(public_key);
    events::new_node_updated(
        self.epoch,
        cap.node_id(),
        option::none(),
        option::none(),
        option::some(public_key),
        option::none(),
        option::none(),
    ).emit();
}

/// Moves node `node_id`'s idle pool into the active set (see the module doc):
/// a pool that left it, or was staked with while the set was full, can come
/// back once its stake is above that of a member that can leave. Anyone may
/// call it; it aborts if the pool cannot join.
public fun join_active_set(self: &mut Staking, node_id: ID) {
    self.assert_version();
    assert!(self.pools.contains(node_id), EUnknownNode);
    if (self.is_in_active_set(node_id)) return;
    let epoch = self.epoch;
    self.pool_mut(node_id).catch_up(epoch);
    assert!(self.try_join_active_set(node_id), ECannotJoinActiveSet);
}

// === Delegators ===

/// Stakes `to_stake` with node `node_id`. It activates at the next epoch, or
/// the one after if `voting_end` already ran in this epoch. An idle pool
/// joins the active set if it can.
public fun stake_with_pool(
    self: &mut Staking,
    to_stake: Coin<WAL>,
    node_id: ID,
    ctx: &mut TxContext,
): StakedWal {
    self.assert_version();
    assert!(self.pools.contains(node_id), EUnknownNode);
    let amount = to_stake.value();
    assert!(amount >= self.params.min_stake(), EStakeBelowMinimum);
    let idle = self.begin_change(node_id);
    assert!(self.pools[node_id].can_take_stake(amount), EPoolSharesOverflow);
    let activation_epoch = self.next_change_epoch();
    self.pools.borrow_mut(node_id).add_stake(to_stake.into_balance(), activation_epoch);
    self.end_change(node_id, idle);
    if (idle) { self.try_join_active_set(node_id); };
    let staked = staked_wal::mint(node_id, amount, activation_epoch, self.epoch, ctx);
    events::new_stake_deposited(
        self.epoch,
        object::id(&staked),
        node_id,
        ctx.sender(),
        amount,
        activation_epoch,
    ).emit();
    staked
}

/// Requests the withdrawal of a stake that a committee selection counted:
/// active stake, or stake activating at the next epoch once `voting_end` ran.
/// It keeps earning until its withdraw epoch (the next one, or the one after
/// if `voting_end` already ran), from which `withdraw_stake` pays its shares
/// at that epoch's rate. Stake no selection counted yet is withdrawn at once
/// with `withdraw_stake` instead (`ENotActive`).
public fun request_withdraw_stake(self: &mut Staking, staked_wal: &mut StakedWal, ctx: &mut TxContext) {
    self.assert_version();
    assert!(!staked_wal.is_withdrawing(), EAlreadyWithdrawing);
    assert!(!self.can_withdraw_early(staked_wal), ENotActive);
    let withdraw_epoch = self.next_change_epoch();
    let node_id = staked_wal.node_id();
    let principal = staked_wal.principal();
    let activation_epoch = staked_wal.activation_epoch();
    let active = activation_epoch <= self.epoch;
    let idle = self.begin_change(node_id);
    let pool = self.pool_mut(node_id);
    if (active) {
        let shares = pool.shares_of(principal, activation_epoch);
        pool.add_pending_withdraw(shares, withdraw_epoch);
    } else pool.add_pre_active_withdraw(principal, activation_epoch);
    self.end_change(node_id, idle);
    staked_wal.set_withdrawing(withdraw_epoch);
    events::new_withdraw_requested(
        self.epoch,
        object::id(staked_wal),
        node_id,
        ctx.sender(),
        staked_wal.principal(),
        withdraw_epoch,
    ).emit();
}

/// Withdraws a stake: one that no committee selection counted yet returns its
/// principal at once; one whose withdraw epoch has come pays its shares at
/// that epoch's rate.
public fun withdraw_stake(self: &mut Staking, staked_wal: StakedWal, ctx: &mut TxContext): Coin<WAL> {
    self.assert_version();
    let early = self.can_withdraw_early(&staked_wal);
    let epoch = self.epoch;
    let node_id = staked_wal.node_id();
    let principal = staked_wal.principal();
    let activation_epoch = staked_wal.activation_epoch();
    let idle = self.begin_change(node_id);
    let pool = self.pool_mut(node_id);
    let (payout, rewards, slashed) = if (early) {
        (pool.remove_pending_stake(principal, activation_epoch), 0, 0)
    } else {
        let withdraw_epoch = staked_wal.withdraw_epoch();
        assert!(withdraw_epoch.is_some(), ENotWithdrawing);
        let withdraw_epoch = withdraw_epoch.destroy_some();
        assert!(withdraw_epoch <= epoch, EWithdrawEpochNotReached);
        pool.withdraw(principal, activation_epoch, withdraw_epoch)
    };
    self.end_change(node_id, idle);
    events::new_stake_withdrawn(
        epoch,
        object::id(&staked_wal),
        node_id,
        ctx.sender(),
        principal,
        rewards,
        slashed,
    ).emit();
    staked_wal.burn();
    coin::from_balance(payout, ctx)
}

/// Moves `amount` of principal into a new `StakedWal` in the same state;
/// both parts must keep at least `min_stake`.
public fun split_staked_wal(
    self: &Staking,
    staked_wal: &mut StakedWal,
    amount: u64,
    ctx: &mut TxContext,
): StakedWal {
    self.assert_version();
    assert!(amount > 0 && amount < staked_wal.principal(), EInvalidSplitAmount);
    let min_stake = self.params.min_stake();
    assert!(amount >= min_stake && staked_wal.principal() - amount >= min_stake, EStakeBelowMinimum);
    let part = staked_wal.split(amount, self.epoch, ctx);
    events::new_staked_wal_split(
        self.epoch,
        object::id(staked_wal),
        object::id(&part),
        amount,
    ).emit();
    part
}

/// Merges `other` into `staked_wal`: same node, same activation epoch, neither withdrawing.
public fun join_staked_wal(self: &Staking, staked_wal: &mut StakedWal, other: StakedWal) {
    self.assert_version();
    assert!(staked_wal.is_compatible(&other), EIncompatibleStakedWal);
    events::new_staked_wal_joined(self.epoch, object::id(staked_wal), object::id(&other)).emit();
    staked_wal.join(other, self.epoch);
}

/// Rewards the stake has earned so far (for dashboards): what it would pay at
/// the current epoch's rate (its withdraw epoch's, if that has passed) less
/// its principal; 0 while not active or if it is worth less than its principal.
public fun calculate_rewards(self: &Staking, staked_wal: &StakedWal): u64 {
    self.assert_version();
    if (staked_wal.activation_epoch() > self.epoch) return 0;
    let withdraw_epoch = staked_wal.withdraw_epoch();
    let epoch = if (withdraw_epoch.is_some()) withdraw_epoch.destroy_some().min(self.epoch)
    else self.epoch;
    let principal = staked_wal.principal();
    let pool = self.pool(staked_wal.node_id());
    let (amount, _, _) = pool.payout(principal, staked_wal.activation_epoch(), epoch);
    if (amount > principal) amount - principal else 0
}

/// Whether `withdraw_stake` returns this stake at once: no withdrawal was
/// requested and no committee selection has counted it (it activates at
/// `next_change_epoch` or later; after `voting_end`, stake activating at the
/// next epoch was counted and must be requested like active stake).
public fun can_withdraw_early(self: &Staking, staked_wal: &StakedWal): bool {
    !staked_wal.is_withdrawing() && staked_wal.activation_epoch() >= self.next_change_epoch()
}

// === Epochs ===

/// Mid-epoch (from half of the epoch, once the last change is done): selects
/// the next committee and its prices. Anyone may call it, once per epoch.
public fun voting_end(self: &mut Staking, clock: &Clock) {
    self.assert_version();
    assert!(self.is_epoch_change_done() && !self.voting_ended, EWrongEpochState);
    let duration = self.params.epoch_duration_ms();
    assert!(clock.timestamp_ms() >= self.epoch_start_ms + duration / 2, ETooEarly);
    let next_epoch = self.epoch + 1;
    let n_shards = self.params.n_shards() as u64;

    // Members: the active set's top pools by stake at the next epoch (their
    // eventual stake: nothing is scheduled beyond it yet).
    let stakes = self.active_set.map_ref!(|pool| pool.stake);
    let selected = committee::select(&stakes, self.params.max_committee_size() as u64);
    let member_ids = selected.map_ref!(|i| self.active_set[*i].node_id);
    let member_stakes = selected.map_ref!(|i| stakes[*i]);
    let cap = committee::shard_cap(n_shards, selected.length());
    let counts = committee::apportion(&member_stakes, n_shards, cap);
    self.next_committee = committee::assign(&self.committee, member_ids, counts, n_shards);

    // Prices: stake-weighted 2/3 quantiles of the members' votes.
    let current = self.prices;
    let storage_votes = member_ids.map_ref!(|id| self.pools[*id].storage_price_vote());
    let write_votes = member_ids.map_ref!(|id| self.pools[*id].write_price_vote());
    let capacity_votes = member_ids.map_ref!(|id| self.pools[*id].capacity_vote());
    self.next_prices = Prices {
        storage_price: committee::two_thirds_quantile(&storage_votes, &member_stakes, true)
            .destroy_with_default(current.storage_price),
        write_price: committee::two_thirds_quantile(&write_votes, &member_stakes, true)
            .destroy_with_default(current.write_price),
        capacity: committee::two_thirds_quantile(&capacity_votes, &member_stakes, false)
            .destroy_with_default(current.capacity),
    };
    self.voting_ended = true;
    events::new_committee_selected(
        self.epoch,
        next_epoch,
        self.next_committee.node_ids(),
        self.next_committee.shard_counts(),
    ).emit();
}

/// At the end of the epoch (after `voting_end`): the ending epoch's fees
/// become rewards (see the module doc), the active set steps into the new
/// epoch, passed parameter
/// changes apply, the new committee and prices go to `System`, and the new
/// committee starts syncing. Anyone may call it.
public fun initiate_epoch_change(
    self: &mut Staking,
    system: &mut System,
    treasury: &mut WalTreasury,
    clock: &Clock,
) {
    self.assert_version();
    assert!(self.is_epoch_change_done() && self.voting_ended, EWrongEpochState);
    let now = clock.timestamp_ms();
    assert!(now >= self.epoch_start_ms + self.params.epoch_duration_ms(), ETooEarly);
    let new_epoch = self.epoch + 1;
    let n_shards = self.params.n_shards() as u64;

    // The new committee and prices go to System, which returns the fees of the ending epoch.
    let next = self.next_committee;
    let public_keys = next.node_ids().map!(|id| self.pools[id].info().public_key());
    let prices = self.next_prices;
    let mut fees = system.advance_epoch(
        new_epoch,
        next.node_ids(),
        public_keys,
        next.shard_counts(),
        prices.storage_price,
        prices.write_price,
        prices.capacity,
    );

    // Fees -> burn + rewards by shards of the ending committee; dust is burned.
    let total_fees = fees.value();
    let burned = params::bps_of(total_fees, self.params.burn_bps());
    let rewards = total_fees - burned;
    let ending = self.committee;
    let member_rewards = ending
        .shard_counts()
        .map!(|shards| (((rewards as u128) * (shards as u128) / (n_shards as u128)) as u64));
    let mut distributed = 0;
    member_rewards.do_ref!(|reward| distributed = distributed + *reward);
    let dust = rewards - distributed;
    treasury.burn_balance(fees.split(burned + dust));

    // The active set steps into the new epoch (rewards to the ending
    // committee's members, all in the set); idle pools' scheduled changes
    // count in their total.
    let mut total_stake = 0;
    self.active_set.length().do!(|i| {
        let node_id = self.active_set[i].node_id;
        let index = ending.index_of(node_id);
        let reward = if (index.is_some()) member_rewards[index.destroy_some()] else 0;
        let pool = &mut self.pools[node_id];
        pool.advance(new_epoch, fees.split(reward));
        total_stake = total_stake + pool.wal();
        let stake = pool.eventual_stake();
        *&mut self.active_set[i].stake = stake;
    });
    fees.destroy_zero();
    self.idle_stake =
        self.idle_stake + amounts::take(&mut self.idle_gains, new_epoch)
            - amounts::take(&mut self.idle_losses, new_epoch);
    total_stake = total_stake + self.idle_stake;

    self.epoch = new_epoch;
    self.epoch_start_ms = now;
    self.epoch_start_stake = total_stake;
    self.committee = next;
    self.next_committee = committee::empty();
    self.prices = prices;
    self.voting_ended = false;
    self.epoch_state = EpochState::EpochChangeSync { synced: vector[], weight: 0 };
    events::new_epoch_change_started(new_epoch, total_stake, distributed, burned + dust).emit();

    // Passed parameter changes, in the order they passed.
    let changed = self.apply_parameter_changes();
    events::new_parameters_applied(
        new_epoch,
        prices.storage_price,
        prices.write_price,
        prices.capacity,
        changed,
    ).emit();

    // Nobody to sync with: the change is done at once.
    if (self.committee.size() == 0) {
        self.epoch_state = EpochState::EpochChangeDone { done_ms: now };
        events::new_epoch_change_done(new_epoch).emit();
    }
}

/// A member of the current committee confirms it holds its shards for
/// `epoch`; at a 2/3 quorum of shards the epoch change is done.
public fun epoch_sync_done(self: &mut Staking, cap: &StorageNodeCap, epoch: u32, clock: &Clock) {
    self.assert_version();
    assert!(!self.is_epoch_change_done(), EWrongEpochState);
    assert!(epoch == self.epoch, EWrongEpoch);
    let node_id = cap.node_id();
    assert!(self.committee.contains(node_id), ENotCommitteeMember);
    let shards = self.committee.shard_indices_of(node_id);
    let n_shards = self.params.n_shards() as u64;
    let done = match (&mut self.epoch_state) {
        EpochState::EpochChangeSync { synced, weight } => {
            assert!(!synced.contains(&node_id), EAlreadySynced);
            synced.push_back(node_id);
            *weight = *weight + shards.length();
            committee::is_quorum(*weight, n_shards)
        },
        EpochState::EpochChangeDone { .. } => abort EWrongEpochState,
    };
    events::new_shards_received(epoch, node_id, shards).emit();
    if (done) {
        self.epoch_state = EpochState::EpochChangeDone { done_ms: clock.timestamp_ms() };
        events::new_epoch_change_done(epoch).emit();
    }
}

/// Completes an epoch change that the committee has not synced by half of
/// the epoch: members holding over a third of the shards could otherwise
/// freeze staking, withdrawals and governance for ever by staying silent.
/// Anyone may call it. Emits `EpochSyncTimedOut`, naming the members that did
/// not confirm (the storage plane challenges and slashes them), then
/// `EpochChangeDone`. The deadline is the epoch's voting end, so the next
/// committee selection is never delayed.
public fun end_stalled_epoch_change(self: &mut Staking, clock: &Clock) {
    self.assert_version();
    let (synced, weight) = match (&self.epoch_state) {
        EpochState::EpochChangeSync { synced, weight } => (*synced, *weight),
        EpochState::EpochChangeDone { .. } => abort EWrongEpochState,
    };
    let now = clock.timestamp_ms();
    assert!(now >= self.epoch_start_ms + self.params.epoch_duration_ms() / 2, ESyncNotTimedOut);
    let unsynced = self.committee.node_ids().filter!(|id| !synced.contains(id));
    self.epoch_state = EpochState::EpochChangeDone { done_ms: now };
    events::new_epoch_sync_timed_out(self.epoch, weight, unsynced).emit();
    events::new_epoch_change_done(self.epoch).emit();
}

// === Slashing ===

/// A member of the current committee votes to slash `target_node_id`, another
/// member, with its shards as weight.
public fun vote_for_slash(self: &mut Staking, cap: &StorageNodeCap, target_node_id: ID) {
    self.assert_version();
    assert!(self.pools.contains(target_node_id), EUnknownNode);
    assert!(self.committee.contains(target_node_id), ENotInCommittee);
    let voter = cap.node_id();
    assert!(voter != target_node_id, ECannotSlashSelf);
    let weight = self.committee.shards_of(voter);
    assert!(weight > 0, ENotCommitteeMember);
    assert!(!self.slash_votes.has_voted(self.epoch, target_node_id, voter), EAlreadyVoted);
    let total = self.slash_votes.add_vote(self.epoch, target_node_id, voter, weight);
    events::new_slash_vote_cast(self.epoch, voter, target_node_id, weight, total).emit();
}

/// Slashes `target_node_id` once its votes this epoch reach 2/3 of the
/// shards: its accrued commission and `slash_bps` of its pool's active stake
/// are burned, lowering the pool's exchange rate. Anyone may call it, once per
/// target per epoch.
public fun execute_slash(self: &mut Staking, treasury: &mut WalTreasury, target_node_id: ID) {
    self.assert_version();
    assert!(self.pools.contains(target_node_id), EUnknownNode);
    let weight = self.slash_votes.weight(self.epoch, target_node_id);
    assert!(committee::is_quorum(weight, self.params.n_shards() as u64), ENoSlashQuorum);
    assert!(!self.slash_votes.is_executed(self.epoch, target_node_id), EAlreadySlashed);
    self.slash_votes.mark_executed(target_node_id);
    let slash_bps = self.params.slash_bps();
    let pool = &mut self.pools[target_node_id];
    let (commission, stake) = pool.slash(slash_bps);
    let commission_burned = treasury.burn_balance(commission);
    let stake_burned = treasury.burn_balance(stake);
    events::new_node_slashed(
        self.epoch,
        target_node_id,
        commission_burned,
        stake_burned,
        pool.wal(),
        pool.shares(),
    ).emit();
    self.refresh_active_stake(target_node_id);
}

// === Reading ===

/// Version of the object.
public fun version(self: &Staking): u64 { self.version }

/// The parameters in force.
public fun params(self: &Staking): Params { self.params }

/// The current epoch.
public fun epoch(self: &Staking): u32 { self.epoch }

/// When the current epoch started (ms).
public fun epoch_start_ms(self: &Staking): u64 { self.epoch_start_ms }

/// Where the epoch change stands.
public fun epoch_state(self: &Staking): EpochState { self.epoch_state }

/// Whether the last epoch change is done (2/3 of the shards synced).
public fun is_epoch_change_done(self: &Staking): bool {
    match (&self.epoch_state) {
        EpochState::EpochChangeDone { .. } => true,
        EpochState::EpochChangeSync { .. } => false,
    }
}

/// Shards of the committee that confirmed sync in the current epoch change
/// (0 once it is done).
public fun sync_weight(self: &Staking): u64 {
    match (&self.epoch_state) {
        EpochState::EpochChangeSync { weight, .. } => *weight,
        EpochState::EpochChangeDone { .. } => 0,
    }
}

/// Whether `voting_end` ran in this epoch.
public fun voting_ended(self: &Staking): bool { self.voting_ended }

/// The current committee.
public fun committee(self: &Staking): Committee { self.committee }

/// The next epoch's committee (empty until `voting_end`).
public fun next_committee(self: &Staking): Committee { self.next_committee }

/// Storage price in force (FROST per MiB per epoch).
public fun storage_price(self: &Staking): u64 { self.prices.storage_price }

/// Write price in force (FROST per MiB).
public fun write_price(self: &Staking): u64 { self.prices.write_price }

/// Capacity in force (bytes).
public fun capacity(self: &Staking): u64 { self.prices.capacity }

/// Storage price, write price and capacity of the next epoch (after `voting_end`).
public fun next_prices(self: &Staking): (u64, u64, u64) {
    (self.next_prices.storage_price, self.next_prices.write_price, self.next_prices.capacity)
}

/// Number of nodes registered.
public fun node_count(self: &Staking): u64 { self.node_count }

/// Node IDs of the active set, in registration order.
public fun active_set(self: &Staking): vector<ID> { self.active_set.map_ref!(|pool| pool.node_id) }

/// Whether node `node_id`'s pool is in the active set.
public fun is_in_active_set(self: &Staking, node_id: ID): bool {
    self.active_index(node_id).is_some()
}

/// Active stake of all idle pools when the current epoch began.
public fun idle_stake(self: &Staking): u64 { self.idle_stake }

/// Whether a node is registered with this ID.
public fun has_pool(self: &Staking, node_id: ID): bool { self.pools.contains(node_id) }

/// The pool of node `node_id`.
public fun pool(self: &Staking, node_id: ID): &StakingPool {
    assert!(self.pools.contains(node_id), EUnknownNode);
    &self.pools[node_id]
}

/// Active stake of node `node_id`'s pool (its voting power in governance).
public fun active_stake(self: &Staking, node_id: ID): u64 { self.pool(node_id).wal() }

/// Total active stake when the current epoch began.
public fun epoch_start_stake(self: &Staking): u64 { self.epoch_start_stake }

/// Active stake of node `node_id`'s pool when `epoch` began (0 if it did not
/// exist yet): its voting power on proposals opened in `epoch`.
public fun active_stake_at(self: &Staking, node_id: ID, epoch: u32): u64 {
    self.pool(node_id).active_at(epoch)
}

/// What `staked_wal` was worth when `epoch` began, if it was active then and
/// is not withdrawing: its voting power on proposals opened in `epoch`.
/// (`epoch` is at most the current one.)
public fun voting_power_at(self: &Staking, staked_wal: &StakedWal, epoch: u32): u64 {
    if (staked_wal.is_withdrawing() || staked_wal.activation_epoch() > epoch) return 0;
    let pool = self.pool(staked_wal.node_id());
    let (amount, _, _) = pool.payout(staked_wal.principal(), staked_wal.activation_epoch(), epoch);
    amount
}

/// What `staked_wal` is worth at the current epoch's rate if it is active and
/// not withdrawing (its voting power), else 0.
public fun voting_power(self: &Staking, staked_wal: &StakedWal): u64 {
    if (staked_wal.is_withdrawing() || staked_wal.activation_epoch() > self.epoch) return 0;
    let pool = self.pool(staked_wal.node_id());
    let (amount, _, _) = pool.payout(staked_wal.principal(), staked_wal.activation_epoch(), self.epoch);
    amount
}

/// Whether the node's commission is frozen: it holds shards in the current
/// committee (what a slash is for) and a vote to slash it is open in this
/// epoch (cast and not executed). Nodes outside the committee cannot have
/// their commission frozen by a stray vote.
public fun is_commission_frozen(self: &Staking, node_id: ID): bool {
    self.committee.contains(node_id)
        && self.slash_votes.weight(self.epoch, node_id) > 0
        && !self.slash_votes.is_executed(self.epoch, node_id)
}

/// Weight voting this epoch to slash `target_node_id`.
public fun slash_votes(self: &Staking, target_node_id: ID): u64 {
    self.slash_votes.weight(self.epoch, target_node_id)
}

/// Passed parameter changes waiting for the next epoch change, as (names, values).
public fun pending_parameter_changes(self: &Staking): (vector<String>, vector<u64>) {
    (
        self.pending_parameter_changes.map_ref!(|change| change.name),
        self.pending_parameter_changes.map_ref!(|change| change.value),
    )
}

/// The epoch a stake (or withdrawal) made now takes effect.
public fun next_change_epoch(self: &Staking): u32 {
    if (self.voting_ended) self.epoch + 2 else self.epoch + 1
}

// === Package ===

/// Queues a passed parameter change for the next epoch change (governance).
public(package) fun queue_parameter_change(self: &mut Staking, proposal_id: ID, name: String, value: u64) {
    self.assert_version();
    params::check(&name, value);
    self.pending_parameter_changes.push_back(ParameterChange { proposal_id, name, value });
}

/// Moves the object to this package's version (governance::migrate).
public(package) fun migrate(self: &mut Staking) {
    self.version = VERSION;
}

/// This package's version of `Staking`.
public(package) fun package_version(): u64 { VERSION }

/// Aborts unless the object is at this package's version.
public(package) fun assert_version(self: &Staking) {
    assert!(self.version == VERSION, EWrongVersion);
}

// === Internal ===

fun pool_mut(self: &mut Staking, node_id: ID): &mut StakingPool {
    assert!(self.pools.contains(node_id), EUnknownNode);
    &mut self.pools[node_id]
}

/// Position of node `node_id` in the active set, if it is a member.
fun active_index(self: &Staking, node_id: ID): Option<u64> {
    self.active_set.find_index!(|pool| pool.node_id == node_id)
}

/// Before a change to a pool's books: catches an idle pool up to the current
/// epoch and takes its scheduled steps out of the idle totals (`end_change`
/// puts the new ones back). Returns whether the pool is idle.
fun begin_change(self: &mut Staking, node_id: ID): bool {
    let epoch = self.epoch;
    self.pool_mut(node_id).catch_up(epoch);
    let idle = !self.is_in_active_set(node_id);
    if (idle) self.schedule_idle_steps(node_id, false);
    idle
}

/// After a change to a pool's books: an idle pool's scheduled steps count in
/// the idle totals again; a member's stake in the set is refreshed.
fun end_change(self: &mut Staking, node_id: ID, idle: bool) {
    if (idle) self.schedule_idle_steps(node_id, true) else self.refresh_active_stake(node_id)
}

/// Adds (or, with `add` false, removes) the changes an idle pool's scheduled
/// steps make to its active stake to (from) `idle_gains` and `idle_losses`.
fun schedule_idle_steps(self: &mut Staking, node_id: ID, add: bool) {
    let pool = &self.pools[node_id];
    let (epochs, active) = pool.scheduled_changes();
    let mut before = pool.wal();
    epochs.length().do!(|i| {
        let (epoch, after) = (epochs[i], active[i]);
        let (map, amount) = if (after >= before) (&mut self.idle_gains, after - before)
        else (&mut self.idle_losses, before - after);
        if (add) amounts::add(map, epoch, amount) else amounts::sub(map, epoch, amount);
        before = after;
    });
}

/// Updates a member's stake in the active set (no-op for idle pools).
fun refresh_active_stake(self: &mut Staking, node_id: ID) {
    let index = self.active_index(node_id);
    if (index.is_none()) return;
    let stake = self.pools[node_id].eventual_stake();
    *&mut self.active_set[index.destroy_some()].stake = stake;
}

/// Moves an idle pool (caught up to the current epoch) into the active set if
/// there is room, or in place of the member with the least stake (the latest
/// registered among equals) outside the current and next committees, if the
/// pool has more. Returns whether it joined.
fun try_join_active_set(self: &mut Staking, node_id: ID): bool {
    let stake = self.pools[node_id].eventual_stake();
    if (stake == 0) return false;
    let mut evicted = option::none();
    if (self.active_set.length() >= MAX_ACTIVE_SET_SIZE) {
        // The weakest member with less stake than the pool (the latest
        // registered among equals) that no committee holds.
        let mut weakest = option::none<u64>();
        self.active_set.length().do!(|i| {
            let member = self.active_set[i];
            let weaker = member.stake < stake && (weakest.is_none() || {
                let w = self.active_set[*weakest.borrow()];
                member.stake < w.stake
                    || (member.stake == w.stake && member.registration_number > w.registration_number)
            });
            if (
                weaker && !self.committee.contains(member.node_id)
                    && !self.next_committee.contains(member.node_id)
            ) weakest = option::some(i);
        });
        if (weakest.is_none()) return false;
        let index = weakest.destroy_some();
        let leaving = self.active_set.remove(index).node_id;
        self.idle_stake = self.idle_stake + self.pools[leaving].wal();
        self.schedule_idle_steps(leaving, true);
        evicted = option::some(leaving);
    };
    self.schedule_idle_steps(node_id, false);
    let pool = &self.pools[node_id];
    self.idle_stake = self.idle_stake - pool.wal();
    let registration_number = pool.registration_number();
    let mut at = self.active_set.length();
    while (at > 0 && self.active_set[at - 1].registration_number > registration_number) at = at - 1;
    self.active_set.insert(ActivePool { node_id, registration_number, stake }, at);
    events::new_active_set_joined(self.epoch, node_id, stake, evicted).emit();
    true
}

/// Applies and clears the pending parameter changes, emitting
/// `ProposalExecuted` for each; returns the changed parameters (one entry per
/// name, its last value, in order of first change).
fun apply_parameter_changes(self: &mut Staking): vector<events::ParameterValue> {
    let mut names: vector<String> = vector[];
    let mut values: vector<u64> = vector[];
    let changes = self.pending_parameter_changes;
    self.pending_parameter_changes = vector[];
    changes.do!(|change| {
        let ParameterChange { proposal_id, name, value } = change;
        self.params.set(name, value);
        let at = names.find_index!(|n| *n == name);
        if (at.is_some()) *&mut values[at.destroy_some()] = value
        else {
            names.push_back(name);
            values.push_back(value);
        };
        events::new_proposal_executed(self.epoch, proposal_id).emit();
    });
    let mut changed = vector[];
    names.length().do!(|i| changed.push_back(events::new_parameter_value(names[i], values[i])));
    changed
}

// === Tests ===

#[test_only]
/// Sets the object's version, to test outdated-package handling.
public fun set_version_for_testing(self: &mut Staking, version: u64) {
    self.version = version;
}

#[test_only]
/// `EpochChangeDone { done_ms }`, to compare with `epoch_state`.
public fun new_epoch_state_done_for_testing(done_ms: u64): EpochState {
    EpochState::EpochChangeDone { done_ms }
}

#[test_only]
/// Sets a parameter directly, bypassing governance.
public fun set_param_for_testing(self: &mut Staking, name: String, value: u64) {
    self.params.set(name, value);
}
