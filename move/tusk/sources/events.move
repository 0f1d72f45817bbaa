/// Every event Tusk emits, in one place: this module is the contract with the
/// indexer (`shared/src/events.ts` mirrors each struct field by field, in
/// declaration order, and a generated test proves the BCS bytes are equal).
///
/// Rules: every state change emits exactly one event; every event carries the
/// Walrus `epoch` in which it happened as its first field; amounts are u64 FROST.
/// Emitters are `public(package)`: only the protocol modules can emit.
module tusk::events;

use std::string::String;
use sui::event;

// === Epochs ===

/// A new epoch began: the ending epoch's fees were turned into rewards
/// (`rewards` distributed to pools, `burned` destroyed) and every pool advanced.
public struct EpochChangeStarted has copy, drop {
    epoch: u32,
    total_stake: u64,
    rewards: u64,
    burned: u64,
}

/// A 2/3-of-shards quorum of the committee finished syncing `epoch`.
public struct EpochChangeDone has copy, drop {
    epoch: u32,
}

/// The committee of `epoch` did not reach the sync quorum by half of the
/// epoch, so the change was completed without it (an `EpochChangeDone`
/// follows): `synced_weight` shards had confirmed; `unsynced` are the members
/// that had not.
public struct EpochSyncTimedOut has copy, drop {
    epoch: u32,
    synced_weight: u64,
    unsynced: vector<ID>,
}

/// At `voting_end` of `epoch`, the committee for `next_epoch` was selected:
/// `shards[i]` is the number of shards of `node_ids[i]`.
public struct CommitteeSelected has copy, drop {
    epoch: u32,
    next_epoch: u32,
    node_ids: vector<ID>,
    shards: vector<u16>,
}

/// A committee node confirmed it holds `shards` (shard indices) for `epoch`.
public struct ShardsReceived has copy, drop {
    epoch: u32,
    node_id: ID,
    shards: vector<u16>,
}

/// One governed parameter and the value it now has.
public struct ParameterValue has copy, drop, store {
    name: String,
    value: u64,
}

/// The parameters in force for `epoch`: aggregated node votes (prices in FROST
/// per MiB per epoch, capacity in bytes) and every governed parameter that a
/// passed proposal changed at this epoch change.
public struct ParametersApplied has copy, drop {
    epoch: u32,
    storage_price: u64,
    write_price: u64,
    capacity: u64,
    changed: vector<ParameterValue>,
}

// === Nodes ===

/// A storage node registered as a candidate; `node_id` is its pool's object ID.
public struct NodeRegistered has copy, drop {
    epoch: u32,
    node_id: ID,
    operator: address,
    name: String,
    network_address: String,
    public_key: vector<u8>,
    commission_bps: u16,
}

/// A node's info changed; only the changed fields are `some`.
public struct NodeUpdated has copy, drop {
    epoch: u32,
    node_id: ID,
    name: Option<String>,
    network_address: Option<String>,
    public_key: Option<vector<u8>>,
    network_public_key: Option<vector<u8>>,
    metadata_url: Option<String>,
}

/// A commission change, effective from `effective_epoch` (two epochs ahead).
public struct CommissionScheduled has copy, drop {
    epoch: u32,
    node_id: ID,
    rate_bps: u16,
    effective_epoch: u32,
}

/// The cap holder collected `amount` of accrued commission to `receiver`.
public struct CommissionCollected has copy, drop {
    epoch: u32,
    node_id: ID,
    amount: u64,
    receiver: address,
}

/// A node's vote on storage price, write price and capacity.
public struct NodeVoted has copy, drop {
    epoch: u32,
    node_id: ID,
    storage_price: u64,
    write_price: u64,
    capacity: u64,
}

// === Pools ===

/// A pool stepped into `epoch`: its stake and shares now, the rewards it
/// received and the commission taken from them, the stake activated and
/// withdrawn, and its exchange rate (`rate_wal` WAL per `rate_shares`
/// shares). Pools of the active set step into every epoch at the epoch
/// change; an idle pool only into the epochs where it had something
/// scheduled, when next touched, so possibly in a later epoch (at most once
/// per pool per epoch, in increasing epochs per pool).
public struct PoolAdvanced has copy, drop {
    epoch: u32,
    node_id: ID,
    stake: u64,
    shares: u64,
    rewards: u64,
    commission: u64,
    activated: u64,
    withdrawn: u64,
    rate_wal: u64,
    rate_shares: u64,
}

/// `node_id` joined the active set (the pools that step into every epoch and
/// from which committees are selected) in `epoch`, with `stake` (its stake
/// once its scheduled changes are through), in place of `evicted`, if the set
/// was full: the weakest pool outside the current and next committees.
public struct ActiveSetJoined has copy, drop {
    epoch: u32,
    node_id: ID,
    stake: u64,
    evicted: Option<ID>,
}

// === Delegation ===

/// `owner` staked `amount` with `node_id`; active from `activation_epoch`.
public struct StakeDeposited has copy, drop {
    epoch: u32,
    staked_wal_id: ID,
    node_id: ID,
    owner: address,
    amount: u64,
    activation_epoch: u32,
}

/// A withdrawal was requested; the stake can be withdrawn from `withdraw_epoch`.
public struct WithdrawRequested has copy, drop {
    epoch: u32,
    staked_wal_id: ID,
    node_id: ID,
    owner: address,
    principal: u64,
    withdraw_epoch: u32,
}

/// Stake left the pool: `principal + rewards - slashed` was paid to `owner`.
/// `rewards` is what the stake earned net of commission, before slashes;
/// `slashed` is the staker's share of slashes while it was active.
public struct StakeWithdrawn has copy, drop {
    epoch: u32,
    staked_wal_id: ID,
    node_id: ID,
    owner: address,
    principal: u64,
    rewards: u64,
    slashed: u64,
}

/// `amount` of principal moved from `from_id` into the new `new_id`.
public struct StakedWalSplit has copy, drop {
    epoch: u32,
    from_id: ID,
    new_id: ID,
    amount: u64,
}

/// `from_id` was merged into `into_id` and no longer exists.
public struct StakedWalJoined has copy, drop {
    epoch: u32,
    into_id: ID,
    from_id: ID,
}

// === Slashing ===

/// A committee node voted to slash `target_node_id`; `weight` is the voter's
/// shards and `total_weight` the shards voting for this slash so far this epoch.
public struct SlashVoteCast has copy, drop {
    epoch: u32,
    voter_node_id: ID,
    target_node_id: ID,
    weight: u64,
    total_weight: u64,
}

/// A slash was executed: accrued commission and `stake_burned` of the pool's
/// stake were burned; the pool's exchange rate is now `rate_wal / rate_shares`.
public struct NodeSlashed has copy, drop {
    epoch: u32,
    node_id: ID,
    commission_burned: u64,
    stake_burned: u64,
    rate_wal: u64,
    rate_shares: u64,
}

// === Governance ===

/// A proposal was opened. `kind`: 0 parameter change, 1 package upgrade, 2 text.
/// `payload`: kind 0 the BCS of (name: String, value: u64); kind 1 the package
/// digest (32 bytes); kind 2 the UTF-8 text.
public struct ProposalCreated has copy, drop {
    epoch: u32,
    proposal_id: ID,
    proposer: address,
    kind: u8,
    payload: vector<u8>,
    deposit: u64,
    end_epoch: u32,
}

/// A vote. `voter` is a node ID (`is_node`) or a StakedWal ID. `option`:
/// 0 Yes, 1 No, 2 Abstain, 3 NoWithVeto. `weight` is the voting power at cast time.
public struct VoteCast has copy, drop {
    epoch: u32,
    proposal_id: ID,
    voter: ID,
    is_node: bool,
    option: u8,
    weight: u64,
}

/// The voting window closed. `status`: 1 passed, 2 rejected, 3 vetoed,
/// 4 failed quorum. Tallies are with delegator overrides applied.
public struct ProposalFinalized has copy, drop {
    epoch: u32,
    proposal_id: ID,
    status: u8,
    yes: u64,
    no: u64,
    abstain: u64,
    veto: u64,
}

/// A passed proposal took effect (parameter applied or upgrade authorized).
public struct ProposalExecuted has copy, drop {
    epoch: u32,
    proposal_id: ID,
}

/// The package was upgraded to `package_id`; shared objects now accept `version`.
public struct PackageUpgraded has copy, drop {
    epoch: u32,
    package_id: ID,
    version: u64,
}

// === Storage ===

/// Storage of `size` encoded bytes for epochs [start_epoch, end_epoch) was bought for `paid`.
public struct StorageReserved has copy, drop {
    epoch: u32,
    storage_id: ID,
    owner: address,
    size: u64,
    start_epoch: u32,
    end_epoch: u32,
    paid: u64,
}

/// A blob was registered (`size` unencoded bytes); stored until `end_epoch` (exclusive).
public struct BlobRegistered has copy, drop {
    epoch: u32,
    blob_id: u256,
    object_id: ID,
    owner: address,
    size: u64,
    encoding_type: u8,
    end_epoch: u32,
    deletable: bool,
    write_fee: u64,
}

/// A blob was certified available, or (`is_extension`) its lifetime extended.
public struct BlobCertified has copy, drop {
    epoch: u32,
    blob_id: u256,
    object_id: ID,
    end_epoch: u32,
    deletable: bool,
    is_extension: bool,
}

/// A deletable blob was deleted; its storage went back to its owner.
public struct BlobDeleted has copy, drop {
    epoch: u32,
    blob_id: u256,
    object_id: ID,
    end_epoch: u32,
    was_certified: bool,
}

/// A blob ID was declared invalid by 1/3+ of the shards.
public struct BlobInvalidated has copy, drop {
    epoch: u32,
    blob_id: u256,
}

/// Storage and write prices changed: `storage_price` in FROST per MiB of encoded
/// size per epoch, `write_price` in FROST per MiB of encoded size, paid once at registration.
public struct PricesUpdated has copy, drop {
    epoch: u32,
    storage_price: u64,
    write_price: u64,
}

/// `storage_id` was split in two: it now covers `size` bytes over
/// [start_epoch, end_epoch), and the new `new_storage_id` covers `new_size`
/// bytes over [new_start_epoch, new_end_epoch). A split by epoch cuts the
/// period (same sizes); a split by size cuts the size (same periods).
public struct StorageSplit has copy, drop {
    epoch: u32,
    storage_id: ID,
    size: u64,
    start_epoch: u32,
    end_epoch: u32,
    new_storage_id: ID,
    new_size: u64,
    new_start_epoch: u32,
    new_end_epoch: u32,
}

/// `fused_id` was merged into `storage_id` (and no longer exists); `storage_id`
/// now covers `size` bytes over [start_epoch, end_epoch).
public struct StorageFused has copy, drop {
    epoch: u32,
    storage_id: ID,
    fused_id: ID,
    size: u64,
    start_epoch: u32,
    end_epoch: u32,
}

/// An expired storage resource was destroyed.
public struct StorageDestroyed has copy, drop {
    epoch: u32,
    storage_id: ID,
}

/// A blob object was destroyed without returning its storage (permanent or
/// deletable, expired or not). The data of a certified, unexpired permanent
/// blob stays available until its end epoch.
public struct BlobBurned has copy, drop {
    epoch: u32,
    blob_id: u256,
    object_id: ID,
}

/// A metadata pair on a blob object was set (`value` some) or removed (`value` none).
public struct BlobMetadataUpdated has copy, drop {
    epoch: u32,
    blob_id: u256,
    object_id: ID,
    key: String,
    value: Option<String>,
}

/// `amount` was added to the rewards of `epoch` (fees other than storage and write fees).
public struct RewardsAdded has copy, drop {
    epoch: u32,
    amount: u64,
}

// === Emitters (one per event; arguments in field order) ===

public(package) fun emit_epoch_change_started(
    epoch: u32,
    total_stake: u64,
    rewards: u64,
    burned: u64,
) {
    event::emit(EpochChangeStarted { epoch, total_stake, rewards, burned });
}

public(package) fun emit_epoch_change_done(
    epoch: u32,
) {
    event::emit(EpochChangeDone { epoch });
}

public(package) fun emit_epoch_sync_timed_out(
    epoch: u32,
    synced_weight: u64,
    unsynced: vector<ID>,
) {
    event::emit(EpochSyncTimedOut { epoch, synced_weight, unsynced });
}

public(package) fun emit_committee_selected(
    epoch: u32,
    next_epoch: u32,
    node_ids: vector<ID>,
    shards: vector<u16>,
) {
    event::emit(CommitteeSelected { epoch, next_epoch, node_ids, shards });
}

public(package) fun emit_shards_received(
    epoch: u32,
    node_id: ID,
    shards: vector<u16>,
) {
    event::emit(ShardsReceived { epoch, node_id, shards });
}

public(package) fun emit_parameters_applied(
    epoch: u32,
    storage_price: u64,
    write_price: u64,
    capacity: u64,
    changed: vector<ParameterValue>,
) {
    event::emit(ParametersApplied { epoch, storage_price, write_price, capacity, changed });
}

public(package) fun emit_node_registered(
    epoch: u32,
    node_id: ID,
    operator: address,
    name: String,
    network_address: String,
    public_key: vector<u8>,
    commission_bps: u16,
) {
    event::emit(NodeRegistered { epoch, node_id, operator, name, network_address, public_key, commission_bps });
}

public(package) fun emit_node_updated(
    epoch: u32,
    node_id: ID,
    name: Option<String>,
    network_address: Option<String>,
    public_key: Option<vector<u8>>,
    network_public_key: Option<vector<u8>>,
    metadata_url: Option<String>,
) {
    event::emit(NodeUpdated { epoch, node_id, name, network_address, public_key, network_public_key, metadata_url });
}

public(package) fun emit_commission_scheduled(
    epoch: u32,
    node_id: ID,
    rate_bps: u16,
    effective_epoch: u32,
) {
    event::emit(CommissionScheduled { epoch, node_id, rate_bps, effective_epoch });
}

public(package) fun emit_commission_collected(
    epoch: u32,
    node_id: ID,
    amount: u64,
    receiver: address,
) {
    event::emit(CommissionCollected { epoch, node_id, amount, receiver });
}

public(package) fun emit_node_voted(
    epoch: u32,
    node_id: ID,
    storage_price: u64,
    write_price: u64,
    capacity: u64,
) {
    event::emit(NodeVoted { epoch, node_id, storage_price, write_price, capacity });
}

public(package) fun emit_pool_advanced(
    epoch: u32,
    node_id: ID,
    stake: u64,
    shares: u64,
    rewards: u64,
    commission: u64,
    activated: u64,
    withdrawn: u64,
    rate_wal: u64,
    rate_shares: u64,
) {
    event::emit(PoolAdvanced { epoch, node_id, stake, shares, rewards, commission, activated, withdrawn, rate_wal, rate_shares });
}

public(package) fun emit_active_set_joined(epoch: u32, node_id: ID, stake: u64, evicted: Option<ID>) {
    event::emit(ActiveSetJoined { epoch, node_id, stake, evicted });
}

public(package) fun emit_stake_deposited(
    epoch: u32,
    staked_wal_id: ID,
    node_id: ID,
    owner: address,
    amount: u64,
    activation_epoch: u32,
) {
    event::emit(StakeDeposited { epoch, staked_wal_id, node_id, owner, amount, activation_epoch });
}

public(package) fun emit_withdraw_requested(
    epoch: u32,
    staked_wal_id: ID,
    node_id: ID,
    owner: address,
    principal: u64,
    withdraw_epoch: u32,
) {
    event::emit(WithdrawRequested { epoch, staked_wal_id, node_id, owner, principal, withdraw_epoch });
}

public(package) fun emit_stake_withdrawn(
    epoch: u32,
    staked_wal_id: ID,
    node_id: ID,
    owner: address,
    principal: u64,
    rewards: u64,
    slashed: u64,
) {
    event::emit(StakeWithdrawn { epoch, staked_wal_id, node_id, owner, principal, rewards, slashed });
}

public(package) fun emit_staked_wal_split(
    epoch: u32,
    from_id: ID,
    new_id: ID,
    amount: u64,
) {
    event::emit(StakedWalSplit { epoch, from_id, new_id, amount });
}

public(package) fun emit_staked_wal_joined(
    epoch: u32,
    into_id: ID,
    from_id: ID,
) {
    event::emit(StakedWalJoined { epoch, into_id, from_id });
}

public(package) fun emit_slash_vote_cast(
    epoch: u32,
    voter_node_id: ID,
    target_node_id: ID,
    weight: u64,
    total_weight: u64,
) {
    event::emit(SlashVoteCast { epoch, voter_node_id, target_node_id, weight, total_weight });
}

public(package) fun emit_node_slashed(
    epoch: u32,
    node_id: ID,
    commission_burned: u64,
    stake_burned: u64,
    rate_wal: u64,
    rate_shares: u64,
) {
    event::emit(NodeSlashed { epoch, node_id, commission_burned, stake_burned, rate_wal, rate_shares });
}

public(package) fun emit_proposal_created(
    epoch: u32,
    proposal_id: ID,
    proposer: address,
    kind: u8,
    payload: vector<u8>,
    deposit: u64,
    end_epoch: u32,
) {
    event::emit(ProposalCreated { epoch, proposal_id, proposer, kind, payload, deposit, end_epoch });
}

public(package) fun emit_vote_cast(
    epoch: u32,
    proposal_id: ID,
    voter: ID,
    is_node: bool,
    option: u8,
    weight: u64,
) {
    event::emit(VoteCast { epoch, proposal_id, voter, is_node, option, weight });
}

public(package) fun emit_proposal_finalized(
    epoch: u32,
    proposal_id: ID,
    status: u8,
    yes: u64,
    no: u64,
    abstain: u64,
    veto: u64,
) {
    event::emit(ProposalFinalized { epoch, proposal_id, status, yes, no, abstain, veto });
}

public(package) fun emit_proposal_executed(
    epoch: u32,
    proposal_id: ID,
) {
    event::emit(ProposalExecuted { epoch, proposal_id });
}

public(package) fun emit_package_upgraded(
    epoch: u32,
    package_id: ID,
    version: u64,
) {
    event::emit(PackageUpgraded { epoch, package_id, version });
}

public(package) fun emit_storage_reserved(
    epoch: u32,
    storage_id: ID,
    owner: address,
    size: u64,
    start_epoch: u32,
    end_epoch: u32,
    paid: u64,
) {
    event::emit(StorageReserved { epoch, storage_id, owner, size, start_epoch, end_epoch, paid });
}

public(package) fun emit_blob_registered(
    epoch: u32,
    blob_id: u256,
    object_id: ID,
    owner: address,
    size: u64,
    encoding_type: u8,
    end_epoch: u32,
    deletable: bool,
    write_fee: u64,
) {
    event::emit(BlobRegistered { epoch, blob_id, object_id, owner, size, encoding_type, end_epoch, deletable, write_fee });
}

public(package) fun emit_blob_certified(
    epoch: u32,
    blob_id: u256,
    object_id: ID,
    end_epoch: u32,
    deletable: bool,
    is_extension: bool,
) {
    event::emit(BlobCertified { epoch, blob_id, object_id, end_epoch, deletable, is_extension });
}

public(package) fun emit_blob_deleted(
    epoch: u32,
    blob_id: u256,
    object_id: ID,
    end_epoch: u32,
    was_certified: bool,
) {
    event::emit(BlobDeleted { epoch, blob_id, object_id, end_epoch, was_certified });
}

public(package) fun emit_blob_invalidated(
    epoch: u32,
    blob_id: u256,
) {
    event::emit(BlobInvalidated { epoch, blob_id });
}

public(package) fun emit_prices_updated(
    epoch: u32,
    storage_price: u64,
    write_price: u64,
) {
    event::emit(PricesUpdated { epoch, storage_price, write_price });
}

public(package) fun emit_storage_split(
    epoch: u32,
    storage_id: ID,
    size: u64,
    start_epoch: u32,
    end_epoch: u32,
    new_storage_id: ID,
    new_size: u64,
    new_start_epoch: u32,
    new_end_epoch: u32,
) {
    event::emit(StorageSplit { epoch, storage_id, size, start_epoch, end_epoch, new_storage_id, new_size, new_start_epoch, new_end_epoch });
}

public(package) fun emit_storage_fused(
    epoch: u32,
    storage_id: ID,
    fused_id: ID,
    size: u64,
    start_epoch: u32,
    end_epoch: u32,
) {
    event::emit(StorageFused { epoch, storage_id, fused_id, size, start_epoch, end_epoch });
}

public(package) fun emit_storage_destroyed(
    epoch: u32,
    storage_id: ID,
) {
    event::emit(StorageDestroyed { epoch, storage_id });
}

public(package) fun emit_blob_burned(
    epoch: u32,
    blob_id: u256,
    object_id: ID,
) {
    event::emit(BlobBurned { epoch, blob_id, object_id });
}

public(package) fun emit_blob_metadata_updated(
    epoch: u32,
    blob_id: u256,
    object_id: ID,
    key: String,
    value: Option<String>,
) {
    event::emit(BlobMetadataUpdated { epoch, blob_id, object_id, key, value });
}

public(package) fun emit_rewards_added(
    epoch: u32,
    amount: u64,
) {
    event::emit(RewardsAdded { epoch, amount });
}


/// Builds one entry of `ParametersApplied.changed`.
public(package) fun parameter_value(name: String, value: u64): ParameterValue {
    ParameterValue { name, value }
}

// === Test-only constructors, to compare against `event::events_by_type` ===

#[test_only]
public fun new_epoch_change_started(
    epoch: u32,
    total_stake: u64,
    rewards: u64,
    burned: u64,
): EpochChangeStarted {
    EpochChangeStarted { epoch, total_stake, rewards, burned }
}

#[test_only]
public fun new_epoch_change_done(
    epoch: u32,
): EpochChangeDone {
    EpochChangeDone { epoch }
}

#[test_only]
public fun new_epoch_sync_timed_out(
    epoch: u32,
    synced_weight: u64,
    unsynced: vector<ID>,
): EpochSyncTimedOut {
    EpochSyncTimedOut { epoch, synced_weight, unsynced }
}

#[test_only]
public fun new_committee_selected(
    epoch: u32,
    next_epoch: u32,
    node_ids: vector<ID>,
    shards: vector<u16>,
): CommitteeSelected {
    CommitteeSelected { epoch, next_epoch, node_ids, shards }
}

#[test_only]
public fun new_shards_received(
    epoch: u32,
    node_id: ID,
    shards: vector<u16>,
): ShardsReceived {
    ShardsReceived { epoch, node_id, shards }
}

#[test_only]
public fun new_parameters_applied(
    epoch: u32,
    storage_price: u64,
    write_price: u64,
    capacity: u64,
    changed: vector<ParameterValue>,
): ParametersApplied {
    ParametersApplied { epoch, storage_price, write_price, capacity, changed }
}

#[test_only]
public fun new_node_registered(
    epoch: u32,
    node_id: ID,
    operator: address,
    name: String,
    network_address: String,
    public_key: vector<u8>,
    commission_bps: u16,
): NodeRegistered {
    NodeRegistered { epoch, node_id, operator, name, network_address, public_key, commission_bps }
}

#[test_only]
public fun new_node_updated(
    epoch: u32,
    node_id: ID,
    name: Option<String>,
    network_address: Option<String>,
    public_key: Option<vector<u8>>,
    network_public_key: Option<vector<u8>>,
    metadata_url: Option<String>,
): NodeUpdated {
    NodeUpdated { epoch, node_id, name, network_address, public_key, network_public_key, metadata_url }
}

#[test_only]
public fun new_commission_scheduled(
    epoch: u32,
    node_id: ID,
    rate_bps: u16,
    effective_epoch: u32,
): CommissionScheduled {
    CommissionScheduled { epoch, node_id, rate_bps, effective_epoch }
}

#[test_only]
public fun new_commission_collected(
    epoch: u32,
    node_id: ID,
    amount: u64,
    receiver: address,
): CommissionCollected {
    CommissionCollected { epoch, node_id, amount, receiver }
}

#[test_only]
public fun new_node_voted(
    epoch: u32,
    node_id: ID,
    storage_price: u64,
    write_price: u64,
    capacity: u64,
): NodeVoted {
    NodeVoted { epoch, node_id, storage_price, write_price, capacity }
}

#[test_only]
public fun new_pool_advanced(
    epoch: u32,
    node_id: ID,
    stake: u64,
    shares: u64,
    rewards: u64,
    commission: u64,
    activated: u64,
    withdrawn: u64,
    rate_wal: u64,
    rate_shares: u64,
): PoolAdvanced {
    PoolAdvanced { epoch, node_id, stake, shares, rewards, commission, activated, withdrawn, rate_wal, rate_shares }
}

#[test_only]
public fun new_active_set_joined(epoch: u32, node_id: ID, stake: u64, evicted: Option<ID>): ActiveSetJoined {
    ActiveSetJoined { epoch, node_id, stake, evicted }
}

#[test_only]
public fun new_stake_deposited(
    epoch: u32,
    staked_wal_id: ID,
    node_id: ID,
    owner: address,
    amount: u64,
    activation_epoch: u32,
): StakeDeposited {
    StakeDeposited { epoch, staked_wal_id, node_id, owner, amount, activation_epoch }
}

#[test_only]
public fun new_withdraw_requested(
    epoch: u32,
    staked_wal_id: ID,
    node_id: ID,
    owner: address,
    principal: u64,
    withdraw_epoch: u32,
): WithdrawRequested {
    WithdrawRequested { epoch, staked_wal_id, node_id, owner, principal, withdraw_epoch }
}

#[test_only]
public fun new_stake_withdrawn(
    epoch: u32,
    staked_wal_id: ID,
    node_id: ID,
    owner: address,
    principal: u64,
    rewards: u64,
    slashed: u64,
): StakeWithdrawn {
    StakeWithdrawn { epoch, staked_wal_id, node_id, owner, principal, rewards, slashed }
}

#[test_only]
public fun new_staked_wal_split(
    epoch: u32,
    from_id: ID,
    new_id: ID,
    amount: u64,
): StakedWalSplit {
    StakedWalSplit { epoch, from_id, new_id, amount }
}

#[test_only]
public fun new_staked_wal_joined(
    epoch: u32,
    into_id: ID,
    from_id: ID,
): StakedWalJoined {
    StakedWalJoined { epoch, into_id, from_id }
}

#[test_only]
public fun new_slash_vote_cast(
    epoch: u32,
    voter_node_id: ID,
    target_node_id: ID,
    weight: u64,
    total_weight: u64,
): SlashVoteCast {
    SlashVoteCast { epoch, voter_node_id, target_node_id, weight, total_weight }
}

#[test_only]
public fun new_node_slashed(
    epoch: u32,
    node_id: ID,
    commission_burned: u64,
    stake_burned: u64,
    rate_wal: u64,
    rate_shares: u64,
): NodeSlashed {
    NodeSlashed { epoch, node_id, commission_burned, stake_burned, rate_wal, rate_shares }
}

#[test_only]
public fun new_proposal_created(
    epoch: u32,
    proposal_id: ID,
    proposer: address,
    kind: u8,
    payload: vector<u8>,
    deposit: u64,
    end_epoch: u32,
): ProposalCreated {
    ProposalCreated { epoch, proposal_id, proposer, kind, payload, deposit, end_epoch }
}

#[test_only]
public fun new_vote_cast(
    epoch: u32,
    proposal_id: ID,
    voter: ID,
    is_node: bool,
    option: u8,
    weight: u64,
): VoteCast {
    VoteCast { epoch, proposal_id, voter, is_node, option, weight }
}

#[test_only]
public fun new_proposal_finalized(
    epoch: u32,
    proposal_id: ID,
    status: u8,
    yes: u64,
    no: u64,
    abstain: u64,
    veto: u64,
): ProposalFinalized {
    ProposalFinalized { epoch, proposal_id, status, yes, no, abstain, veto }
}

#[test_only]
public fun new_proposal_executed(
    epoch: u32,
    proposal_id: ID,
): ProposalExecuted {
    ProposalExecuted { epoch, proposal_id }
}

#[test_only]
public fun new_package_upgraded(
    epoch: u32,
    package_id: ID,
    version: u64,
): PackageUpgraded {
    PackageUpgraded { epoch, package_id, version }
}

#[test_only]
public fun new_storage_reserved(
    epoch: u32,
    storage_id: ID,
    owner: address,
    size: u64,
    start_epoch: u32,
    end_epoch: u32,
    paid: u64,
): StorageReserved {
    StorageReserved { epoch, storage_id, owner, size, start_epoch, end_epoch, paid }
}

#[test_only]
public fun new_blob_registered(
    epoch: u32,
    blob_id: u256,
    object_id: ID,
    owner: address,
    size: u64,
    encoding_type: u8,
    end_epoch: u32,
    deletable: bool,
    write_fee: u64,
): BlobRegistered {
    BlobRegistered { epoch, blob_id, object_id, owner, size, encoding_type, end_epoch, deletable, write_fee }
}

#[test_only]
public fun new_blob_certified(
    epoch: u32,
    blob_id: u256,
    object_id: ID,
    end_epoch: u32,
    deletable: bool,
    is_extension: bool,
): BlobCertified {
    BlobCertified { epoch, blob_id, object_id, end_epoch, deletable, is_extension }
}

#[test_only]
public fun new_blob_deleted(
    epoch: u32,
    blob_id: u256,
    object_id: ID,
    end_epoch: u32,
    was_certified: bool,
): BlobDeleted {
    BlobDeleted { epoch, blob_id, object_id, end_epoch, was_certified }
}

#[test_only]
public fun new_blob_invalidated(
    epoch: u32,
    blob_id: u256,
): BlobInvalidated {
    BlobInvalidated { epoch, blob_id }
}

#[test_only]
public fun new_prices_updated(
    epoch: u32,
    storage_price: u64,
    write_price: u64,
): PricesUpdated {
    PricesUpdated { epoch, storage_price, write_price }
}

#[test_only]
public fun new_storage_split(
    epoch: u32,
    storage_id: ID,
    size: u64,
    start_epoch: u32,
    end_epoch: u32,
    new_storage_id: ID,
    new_size: u64,
    new_start_epoch: u32,
    new_end_epoch: u32,
): StorageSplit {
    StorageSplit { epoch, storage_id, size, start_epoch, end_epoch, new_storage_id, new_size, new_start_epoch, new_end_epoch }
}

#[test_only]
public fun new_storage_fused(
    epoch: u32,
    storage_id: ID,
    fused_id: ID,
    size: u64,
    start_epoch: u32,
    end_epoch: u32,
): StorageFused {
    StorageFused { epoch, storage_id, fused_id, size, start_epoch, end_epoch }
}

#[test_only]
public fun new_storage_destroyed(
    epoch: u32,
    storage_id: ID,
): StorageDestroyed {
    StorageDestroyed { epoch, storage_id }
}

#[test_only]
public fun new_blob_burned(
    epoch: u32,
    blob_id: u256,
    object_id: ID,
): BlobBurned {
    BlobBurned { epoch, blob_id, object_id }
}

#[test_only]
public fun new_blob_metadata_updated(
    epoch: u32,
    blob_id: u256,
    object_id: ID,
    key: String,
    value: Option<String>,
): BlobMetadataUpdated {
    BlobMetadataUpdated { epoch, blob_id, object_id, key, value }
}

#[test_only]
public fun new_rewards_added(
    epoch: u32,
    amount: u64,
): RewardsAdded {
    RewardsAdded { epoch, amount }
}
