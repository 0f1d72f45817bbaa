/// Every event Tusk emits, in one place, and the one source of what each event
/// and each of its fields means. Generated from this file (by
/// `npm run generate:events -w @tusk/shared`; a vitest test fails when they are
/// stale): the constructors and emitters at the end of this module, the BCS
/// schemas and types in `shared/src/events.ts`, the field lists of
/// `move/tusk/EVENTS.md`; a generated Move test proves the TypeScript bytes equal
/// to these structs'.
///
/// Rules: every state change emits exactly one event; every event carries the
/// Tusk `epoch` in which it happened as its first field; amounts are u64 FROST.
/// Only the protocol modules build and emit events (`public(package)`):
/// `events::new_stake_deposited(...).emit()`; tests build the events they expect
/// with the same constructors.
///
/// A struct used as a field of another struct here (`ParameterValue`) is part
/// of an event, not an event: it gets a constructor but no emitter.
module tusk::events;

use std::string::String;
use sui::event;

// === Epochs ===

/// A new epoch began: the ending epoch's fees were turned into rewards
/// (`rewards` distributed to pools, `burned` destroyed) and the active set's
/// pools stepped into it.
public struct EpochChangeStarted has copy, drop {
    /// The epoch that begins.
    epoch: u32,
    /// Sum of every pool's active stake in the new epoch: the active set's after
    /// advancing (their `PoolAdvanced.stake`) plus the idle pools', with the
    /// changes they had scheduled for this epoch applied (their `PoolAdvanced`
    /// for it may come later, or never if nothing was scheduled).
    total_stake: u64,
    /// Fees of the ending epoch paid to its committee: the sum over members of
    /// `(fees - burned_part) * shards / n_shards`, each rounded down.
    rewards: u64,
    /// `fees * burn_bps / 10000` (rounded down) plus the rounding dust of the
    /// split: `rewards + burned` is all fees of the ending epoch. Without a
    /// committee all fees are burned.
    burned: u64,
}

/// A 2/3-of-shards quorum of the committee finished syncing `epoch`.
public struct EpochChangeDone has copy, drop {
    /// The epoch whose change is done.
    epoch: u32,
}

/// The committee of `epoch` did not reach the sync quorum by half of the
/// epoch, so the change was completed without it (an `EpochChangeDone`
/// follows): `synced_weight` shards had confirmed; `unsynced` are the members
/// that had not.
public struct EpochSyncTimedOut has copy, drop {
    /// The epoch whose change timed out.
    epoch: u32,
    /// Shards of the members that had confirmed (below the quorum).
    synced_weight: u64,
    /// Members that had not confirmed, in committee order.
    unsynced: vector<ID>,
}

/// At `voting_end` of `epoch`, the committee for `next_epoch` was selected:
/// `shards[i]` is the number of shards of `node_ids[i]`.
public struct CommitteeSelected has copy, drop {
    /// The current epoch.
    epoch: u32,
    /// `epoch + 1`, which this committee will serve.
    next_epoch: u32,
    /// Members, drawn from the active set, in committee order (stake descending,
    /// ties by registration order); members apportioned 0 shards are left out.
    node_ids: vector<ID>,
    /// Number of shards of each member (parallel to `node_ids`; sums to
    /// `n_shards` unless empty).
    shards: vector<u16>,
}

/// A committee node confirmed it holds `shards` (shard indices) for `epoch`.
public struct ShardsReceived has copy, drop {
    /// The current epoch.
    epoch: u32,
    /// The committee member.
    node_id: ID,
    /// Its shard indices, ascending.
    shards: vector<u16>,
}

/// One governed parameter and the value it now has.
public struct ParameterValue has copy, drop, store {
    /// The parameter's name, as `params` names it (e.g. `burn_bps`).
    name: String,
    /// Its value from the event's epoch on.
    value: u64,
}

/// The parameters in force for `epoch`: aggregated node votes (prices in FROST
/// per MiB per epoch, capacity in bytes) and every governed parameter that a
/// passed proposal changed at this epoch change.
public struct ParametersApplied has copy, drop {
    /// The epoch from which these values hold.
    epoch: u32,
    /// FROST per MiB per epoch: the stake-weighted 2/3 quantile of the new
    /// committee's votes (the lowest vote such that votes at or below it carry
    /// >= 2/3 of the weight, weight = each member's stake at selection);
    /// unchanged if the committee is empty.
    storage_price: u64,
    /// FROST per MiB, by the same rule as `storage_price`.
    write_price: u64,
    /// Bytes: the highest vote such that votes at or above it carry >= 2/3 of
    /// the weight.
    capacity: u64,
    /// Governed parameters changed by passed proposals at this epoch change,
    /// one entry per name with its final value, in order of first change. At
    /// epoch 0: every parameter, `n_shards` first, then `epoch_duration_ms`,
    /// `max_committee_size`, `min_stake`, `burn_bps`, `slash_bps`,
    /// `min_proposal_deposit`, `voting_epochs`, `quorum_bps`, `pass_bps`,
    /// `veto_bps`.
    changed: vector<ParameterValue>,
}

// === Nodes ===

/// A storage node registered as a candidate; `node_id` is its pool's object ID.
public struct NodeRegistered has copy, drop {
    /// The current epoch.
    epoch: u32,
    /// The new pool's object ID.
    node_id: ID,
    /// The sender (the proof of possession is bound to it).
    operator: address,
    /// The node's name.
    name: String,
    /// The node's network address.
    network_address: String,
    /// BLS12-381 min-pk public key, 48 bytes.
    public_key: vector<u8>,
    /// Commission in basis points, in force from registration.
    commission_bps: u16,
}

/// A node's info changed; only the changed fields are `some`.
public struct NodeUpdated has copy, drop {
    /// The current epoch.
    epoch: u32,
    /// The node.
    node_id: ID,
    /// The new name, if it changed.
    name: Option<String>,
    /// The new network address, if it changed.
    network_address: Option<String>,
    /// The new BLS public key, if it changed; it takes effect in committees
    /// from the next epoch change.
    public_key: Option<vector<u8>>,
    /// The new network public key, if it changed.
    network_public_key: Option<vector<u8>>,
    /// The new metadata URL, if it changed.
    metadata_url: Option<String>,
}

/// A commission change, effective from `effective_epoch` (two epochs ahead).
public struct CommissionScheduled has copy, drop {
    /// The current epoch.
    epoch: u32,
    /// The node.
    node_id: ID,
    /// The new commission in basis points (at most 10000).
    rate_bps: u16,
    /// `epoch + 2`: rewards earned during `effective_epoch` and later pay this
    /// rate (they are distributed at the change into `effective_epoch + 1`). A
    /// later call in the same epoch replaces it.
    effective_epoch: u32,
}

/// The cap holder collected `amount` of accrued commission to `receiver`.
public struct CommissionCollected has copy, drop {
    /// The current epoch.
    epoch: u32,
    /// The node.
    node_id: ID,
    /// All commission accrued so far (may be 0).
    amount: u64,
    /// The sender, who receives the coin.
    receiver: address,
}

/// A node's vote on storage price, write price and capacity.
public struct NodeVoted has copy, drop {
    /// The current epoch.
    epoch: u32,
    /// The voting node.
    node_id: ID,
    /// Its storage price vote: FROST per MiB per epoch.
    storage_price: u64,
    /// Its write price vote: FROST per MiB.
    write_price: u64,
    /// Its capacity vote, in bytes.
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
    /// The epoch the pool moved into.
    epoch: u32,
    /// The pool's node.
    node_id: ID,
    /// Active stake after the step (rewards in, withdrawals out, activations in).
    stake: u64,
    /// Shares outstanding after the step.
    shares: u64,
    /// The pool's part of the ending epoch's rewards (before commission); 0 for
    /// an idle pool.
    rewards: u64,
    /// `rewards * commission_rate / 10000` (rounded down), at the rate in force
    /// during the ending epoch.
    commission: u64,
    /// Stake that became active at `epoch`.
    activated: u64,
    /// FROST taken out of the active stake for withdrawals due at `epoch`.
    withdrawn: u64,
    /// With `rate_shares`, the exchange rate of `epoch`: the pool's (stake,
    /// shares) after rewards and before withdrawals and activations ((0, 0) if
    /// either is 0). Withdrawals due at `epoch` are paid and activations buy
    /// shares at this rate.
    rate_wal: u64,
    /// The shares side of the exchange rate of `epoch` (see `rate_wal`).
    rate_shares: u64,
}

/// `node_id` joined the active set (the pools that step into every epoch and
/// from which committees are selected) in `epoch`, with `stake` (its stake
/// once its scheduled changes are through), in place of `evicted`, if the set
/// was full: the weakest pool outside the current and next committees.
public struct ActiveSetJoined has copy, drop {
    /// The current epoch.
    epoch: u32,
    /// The pool that joined.
    node_id: ID,
    /// Its stake once its scheduled changes are through (the stake it is
    /// compared by).
    stake: u64,
    /// The member it replaced (now idle), if the set was full.
    evicted: Option<ID>,
}

// === Delegation ===

/// `owner` staked `amount` with `node_id`; active from `activation_epoch`.
public struct StakeDeposited has copy, drop {
    /// The current epoch.
    epoch: u32,
    /// The new `StakedWal`.
    staked_wal_id: ID,
    /// The pool staked with.
    node_id: ID,
    /// The sender.
    owner: address,
    /// Principal (at least `min_stake`).
    amount: u64,
    /// `epoch + 1`, or `epoch + 2` if `voting_end` already ran in `epoch`.
    activation_epoch: u32,
}

/// A withdrawal was requested; the stake can be withdrawn from `withdraw_epoch`.
public struct WithdrawRequested has copy, drop {
    /// The current epoch.
    epoch: u32,
    /// The `StakedWal` to withdraw.
    staked_wal_id: ID,
    /// Its pool.
    node_id: ID,
    /// The sender.
    owner: address,
    /// The stake's principal.
    principal: u64,
    /// `epoch + 1`, or `epoch + 2` if `voting_end` already ran in `epoch`; the
    /// stake earns the rewards of every epoch before it.
    withdraw_epoch: u32,
}

/// Stake left the pool: `principal + rewards - slashed` was paid to `owner`.
/// `rewards` is what the stake earned net of commission, before slashes;
/// `slashed` is the staker's share of slashes while it was active.
public struct StakeWithdrawn has copy, drop {
    /// The current epoch.
    epoch: u32,
    /// The withdrawn `StakedWal` (destroyed).
    staked_wal_id: ID,
    /// Its pool.
    node_id: ID,
    /// The sender, who receives `principal + rewards - slashed`.
    owner: address,
    /// The stake's principal.
    principal: u64,
    /// Stake not yet active: 0. Otherwise, with `shares = principal` converted
    /// at the rate of the activation epoch and `unslashed = shares` at the
    /// pool's unslashed rate of the withdraw epoch: `unslashed - principal` if
    /// positive, else 0.
    rewards: u64,
    /// `principal + rewards - paid` where `paid = shares` at the rate of the
    /// withdraw epoch: the stake's share of slashes (plus sub-FROST rounding
    /// when the stake earned nothing).
    slashed: u64,
}

/// `amount` of principal moved from `from_id` into the new `new_id`.
public struct StakedWalSplit has copy, drop {
    /// The current epoch.
    epoch: u32,
    /// The split `StakedWal`, which keeps `principal - amount`.
    from_id: ID,
    /// The new object, with the same node, activation and withdrawal state.
    new_id: ID,
    /// Principal moved into `new_id`.
    amount: u64,
}

/// `from_id` was merged into `into_id` and no longer exists.
public struct StakedWalJoined has copy, drop {
    /// The current epoch.
    epoch: u32,
    /// The `StakedWal` that now holds both principals.
    into_id: ID,
    /// The `StakedWal` merged into it (destroyed).
    from_id: ID,
}

// === Slashing ===

/// A committee node voted to slash `target_node_id`; `weight` is the voter's
/// shards and `total_weight` the shards voting for this slash so far this epoch.
public struct SlashVoteCast has copy, drop {
    /// The current epoch.
    epoch: u32,
    /// A member of the current committee.
    voter_node_id: ID,
    /// Another member of the current committee (any other target aborts with
    /// `ENotInCommittee`).
    target_node_id: ID,
    /// The voter's shards.
    weight: u64,
    /// Shards voting against the target in this epoch, this vote included.
    total_weight: u64,
}

/// A slash was executed: accrued commission and `stake_burned` of the pool's
/// stake were burned; the pool's exchange rate is now `rate_wal / rate_shares`.
public struct NodeSlashed has copy, drop {
    /// The current epoch.
    epoch: u32,
    /// The slashed node.
    node_id: ID,
    /// All commission the node had accrued.
    commission_burned: u64,
    /// `stake * slash_bps / 10000` (rounded down) of the pool's active stake.
    stake_burned: u64,
    /// With `rate_shares`, the pool's (stake, shares) after the burn; the rate
    /// recorded at the next epoch change reflects it.
    rate_wal: u64,
    /// The shares side of the pool's rate after the burn (see `rate_wal`).
    rate_shares: u64,
}

// === Governance ===

/// A proposal was opened. `kind`: 0 parameter change, 1 package upgrade, 2 text.
/// `payload`: kind 0 the BCS of (name: String, value: u64); kind 1 the package
/// digest (32 bytes); kind 2 the UTF-8 text.
public struct ProposalCreated has copy, drop {
    /// The proposal's creation epoch.
    epoch: u32,
    /// The new proposal.
    proposal_id: ID,
    /// The sender.
    proposer: address,
    /// 0 parameter change, 1 package upgrade, 2 text.
    kind: u8,
    /// Kind 0: BCS of (`name: String`, `value: u64`); kind 1: the 32-byte
    /// digest; kind 2: the UTF-8 text.
    payload: vector<u8>,
    /// The whole deposit coin (at least `min_proposal_deposit`).
    deposit: u64,
    /// `epoch + voting_epochs`: votes are taken while the current epoch is
    /// below it; finalization from it on.
    end_epoch: u32,
}

/// A vote. `voter` is a node ID (`is_node`) or a StakedWal ID. `option`:
/// 0 Yes, 1 No, 2 Abstain, 3 NoWithVeto. `weight` is the voting power at cast time.
public struct VoteCast has copy, drop {
    /// The current epoch.
    epoch: u32,
    /// The proposal voted on.
    proposal_id: ID,
    /// Node ID (`is_node`) or `StakedWal` ID.
    voter: ID,
    /// Whether `voter` is a node.
    is_node: bool,
    /// 0 Yes, 1 No, 2 Abstain, 3 NoWithVeto.
    option: u8,
    /// A node: its pool's active stake at cast time; a `StakedWal`: its shares
    /// at the rate of the current epoch.
    weight: u64,
}

/// The voting window closed. `status`: 1 passed, 2 rejected, 3 vetoed,
/// 4 failed quorum. Tallies are with delegator overrides applied.
public struct ProposalFinalized has copy, drop {
    /// The current epoch.
    epoch: u32,
    /// The finalized proposal.
    proposal_id: ID,
    /// With `voted = yes + no + abstain + veto` and `total` = total active
    /// stake now: 4 failed quorum if `voted == 0` or
    /// `voted * 10000 < total * quorum_bps`; else 3 vetoed if
    /// `veto * 10000 > voted * veto_bps` (the deposit is burned); else 1 passed
    /// if `yes * 10000 > (yes + no + veto) * pass_bps`; else 2 rejected. Except
    /// when vetoed, the deposit returns to the proposer.
    status: u8,
    /// Weight voting Yes, with overrides applied.
    yes: u64,
    /// Weight voting No, with overrides applied.
    no: u64,
    /// Weight voting Abstain, with overrides applied.
    abstain: u64,
    /// Weight voting NoWithVeto, with overrides applied.
    veto: u64,
}

/// A passed proposal took effect (parameter applied or upgrade authorized).
public struct ProposalExecuted has copy, drop {
    /// A parameter change: the epoch whose change applied it (the first epoch
    /// change after `finalize`); an upgrade: the epoch of `finalize`, which
    /// authorized its digest.
    epoch: u32,
    /// The executed proposal.
    proposal_id: ID,
}

/// The package was upgraded to `package_id`; shared objects now accept `version`.
public struct PackageUpgraded has copy, drop {
    /// The current epoch.
    epoch: u32,
    /// The package the `UpgradeCap` now points at (the latest upgrade).
    package_id: ID,
    /// The version `Staking` and `Governance` now accept.
    version: u64,
}

// === Storage ===

/// Storage of `size` encoded bytes for epochs [start_epoch, end_epoch) was bought for `paid`.
public struct StorageReserved has copy, drop {
    /// The current epoch.
    epoch: u32,
    /// The new `Storage` object.
    storage_id: ID,
    /// The sender, who paid.
    owner: address,
    /// Encoded bytes reserved.
    size: u64,
    /// First epoch covered (may be in the future).
    start_epoch: u32,
    /// First epoch not covered.
    end_epoch: u32,
    /// FROST paid: `units(size) * storage_price * (end_epoch - start_epoch)`.
    paid: u64,
}

/// A blob was registered (`size` unencoded bytes); stored until `end_epoch` (exclusive).
public struct BlobRegistered has copy, drop {
    /// The current epoch.
    epoch: u32,
    /// `blake2b256(bcs(encoding_type, size, root_hash))`, little-endian
    /// (`shared/src/blobId.ts`).
    blob_id: u256,
    /// The `Blob` object.
    object_id: ID,
    /// The sender.
    owner: address,
    /// Unencoded bytes (encoded size: `shared/src/encodedSize.ts`).
    size: u64,
    /// 0 = Reed-Solomon.
    encoding_type: u8,
    /// First epoch the blob is no longer stored (its storage's end).
    end_epoch: u32,
    /// Whether the owner may delete it early.
    deletable: bool,
    /// FROST paid: `units(encoded size) * write_price`, credited to `epoch`.
    write_fee: u64,
}

/// A blob was certified available, or (`is_extension`) its lifetime extended.
public struct BlobCertified has copy, drop {
    /// The current epoch (for a certification: the epoch of the certificate).
    epoch: u32,
    /// The blob's ID.
    blob_id: u256,
    /// The `Blob` object.
    object_id: ID,
    /// The blob's end epoch now.
    end_epoch: u32,
    /// Whether the blob is deletable.
    deletable: bool,
    /// True for an extension, false for a certification.
    is_extension: bool,
}

/// A deletable blob was deleted; its storage went back to its owner.
public struct BlobDeleted has copy, drop {
    /// The current epoch.
    epoch: u32,
    /// The blob's ID.
    blob_id: u256,
    /// The deleted `Blob` object.
    object_id: ID,
    /// Its end epoch (the returned storage's).
    end_epoch: u32,
    /// Whether it had been certified.
    was_certified: bool,
}

/// A blob ID was declared invalid by 1/3+ of the shards.
public struct BlobInvalidated has copy, drop {
    /// The current epoch (the certificate's).
    epoch: u32,
    /// The invalid blob ID.
    blob_id: u256,
}

/// Storage and write prices changed: `storage_price` in FROST per MiB of encoded
/// size per epoch, `write_price` in FROST per MiB of encoded size, paid once at registration.
public struct PricesUpdated has copy, drop {
    /// The new epoch, from which the prices apply.
    epoch: u32,
    /// FROST per MiB of encoded size per epoch.
    storage_price: u64,
    /// FROST per MiB of encoded size, once at registration.
    write_price: u64,
}

/// `storage_id` was split in two: it now covers `size` bytes over
/// [start_epoch, end_epoch), and the new `new_storage_id` covers `new_size`
/// bytes over [new_start_epoch, new_end_epoch). A split by epoch cuts the
/// period (same sizes); a split by size cuts the size (same periods).
public struct StorageSplit has copy, drop {
    /// The current epoch.
    epoch: u32,
    /// The resource that was split, as it is now.
    storage_id: ID,
    /// Its size now.
    size: u64,
    /// Its start now.
    start_epoch: u32,
    /// Its end now (the split epoch, for a split by epoch).
    end_epoch: u32,
    /// The new resource.
    new_storage_id: ID,
    /// The new resource's size (the split-off bytes, for a split by size).
    new_size: u64,
    /// The new resource's start (the split epoch, for a split by epoch).
    new_start_epoch: u32,
    /// The new resource's end.
    new_end_epoch: u32,
}

/// `fused_id` was merged into `storage_id` (and no longer exists); `storage_id`
/// now covers `size` bytes over [start_epoch, end_epoch).
public struct StorageFused has copy, drop {
    /// The current epoch.
    epoch: u32,
    /// The resource that remains.
    storage_id: ID,
    /// The resource merged into it (deleted).
    fused_id: ID,
    /// `storage_id`'s size now.
    size: u64,
    /// Its start now.
    start_epoch: u32,
    /// Its end now.
    end_epoch: u32,
}

/// An expired storage resource was destroyed.
public struct StorageDestroyed has copy, drop {
    /// The current epoch.
    epoch: u32,
    /// The deleted resource.
    storage_id: ID,
}

/// A blob object was destroyed without returning its storage (permanent or
/// deletable, expired or not). The data of a certified, unexpired permanent
/// blob stays available until its end epoch.
public struct BlobBurned has copy, drop {
    /// The current epoch.
    epoch: u32,
    /// The blob's ID.
    blob_id: u256,
    /// The deleted `Blob` object.
    object_id: ID,
}

/// A metadata pair on a blob object was set (`value` some) or removed (`value` none).
public struct BlobMetadataUpdated has copy, drop {
    /// The current epoch.
    epoch: u32,
    /// The blob's ID.
    blob_id: u256,
    /// The `Blob` object.
    object_id: ID,
    /// The key.
    key: String,
    /// The new value, or none if the key was removed.
    value: Option<String>,
}

/// `amount` was added to the rewards of `epoch` (fees other than storage and write fees).
public struct RewardsAdded has copy, drop {
    /// The current epoch (whose rewards grew).
    epoch: u32,
    /// FROST added.
    amount: u64,
}

// === Constructors and emitters (generated) ===
// Written by `npm run generate:events -w @tusk/shared` from the structs above: do not edit
// below the heading. Every struct gets `new_<name>(fields in order)`; every event also
// `emit_<name>`, callable as `event.emit()` (one per event: `sui::event::emit` takes only
// types declared in the calling module, so it cannot be wrapped generically).

public(package) fun new_epoch_change_started(
    epoch: u32,
    total_stake: u64,
    rewards: u64,
    burned: u64,
): EpochChangeStarted {
    EpochChangeStarted { epoch, total_stake, rewards, burned }
}

public use fun emit_epoch_change_started as EpochChangeStarted.emit;

public(package) fun emit_epoch_change_started(self: EpochChangeStarted) {
    event::emit(self)
}

public(package) fun new_epoch_change_done(epoch: u32): EpochChangeDone {
    EpochChangeDone { epoch }
}

public use fun emit_epoch_change_done as EpochChangeDone.emit;

public(package) fun emit_epoch_change_done(self: EpochChangeDone) {
    event::emit(self)
}

public(package) fun new_epoch_sync_timed_out(
    epoch: u32,
    synced_weight: u64,
    unsynced: vector<ID>,
): EpochSyncTimedOut {
    EpochSyncTimedOut { epoch, synced_weight, unsynced }
}

public use fun emit_epoch_sync_timed_out as EpochSyncTimedOut.emit;

public(package) fun emit_epoch_sync_timed_out(self: EpochSyncTimedOut) {
    event::emit(self)
}

public(package) fun new_committee_selected(
    epoch: u32,
    next_epoch: u32,
    node_ids: vector<ID>,
    shards: vector<u16>,
): CommitteeSelected {
    CommitteeSelected { epoch, next_epoch, node_ids, shards }
}

public use fun emit_committee_selected as CommitteeSelected.emit;

public(package) fun emit_committee_selected(self: CommitteeSelected) {
    event::emit(self)
}

public(package) fun new_shards_received(
    epoch: u32,
    node_id: ID,
    shards: vector<u16>,
): ShardsReceived {
    ShardsReceived { epoch, node_id, shards }
}

public use fun emit_shards_received as ShardsReceived.emit;

public(package) fun emit_shards_received(self: ShardsReceived) {
    event::emit(self)
}

public(package) fun new_parameter_value(name: String, value: u64): ParameterValue {
    ParameterValue { name, value }
}

public(package) fun new_parameters_applied(
    epoch: u32,
    storage_price: u64,
    write_price: u64,
    capacity: u64,
    changed: vector<ParameterValue>,
): ParametersApplied {
    ParametersApplied { epoch, storage_price, write_price, capacity, changed }
}

public use fun emit_parameters_applied as ParametersApplied.emit;

public(package) fun emit_parameters_applied(self: ParametersApplied) {
    event::emit(self)
}

public(package) fun new_node_registered(
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

public use fun emit_node_registered as NodeRegistered.emit;

public(package) fun emit_node_registered(self: NodeRegistered) {
    event::emit(self)
}

public(package) fun new_node_updated(
    epoch: u32,
    node_id: ID,
    name: Option<String>,
    network_address: Option<String>,
    public_key: Option<vector<u8>>,
    network_public_key: Option<vector<u8>>,
    metadata_url: Option<String>,
): NodeUpdated {
    NodeUpdated {
        epoch,
        node_id,
        name,
        network_address,
        public_key,
        network_public_key,
        metadata_url,
    }
}

public use fun emit_node_updated as NodeUpdated.emit;

public(package) fun emit_node_updated(self: NodeUpdated) {
    event::emit(self)
}

public(package) fun new_commission_scheduled(
    epoch: u32,
    node_id: ID,
    rate_bps: u16,
    effective_epoch: u32,
): CommissionScheduled {
    CommissionScheduled { epoch, node_id, rate_bps, effective_epoch }
}

public use fun emit_commission_scheduled as CommissionScheduled.emit;

public(package) fun emit_commission_scheduled(self: CommissionScheduled) {
    event::emit(self)
}

public(package) fun new_commission_collected(
    epoch: u32,
    node_id: ID,
    amount: u64,
    receiver: address,
): CommissionCollected {
    CommissionCollected { epoch, node_id, amount, receiver }
}

public use fun emit_commission_collected as CommissionCollected.emit;

public(package) fun emit_commission_collected(self: CommissionCollected) {
    event::emit(self)
}

public(package) fun new_node_voted(
    epoch: u32,
    node_id: ID,
    storage_price: u64,
    write_price: u64,
    capacity: u64,
): NodeVoted {
    NodeVoted { epoch, node_id, storage_price, write_price, capacity }
}

public use fun emit_node_voted as NodeVoted.emit;

public(package) fun emit_node_voted(self: NodeVoted) {
    event::emit(self)
}

public(package) fun new_pool_advanced(
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
    PoolAdvanced {
        epoch,
        node_id,
        stake,
        shares,
        rewards,
        commission,
        activated,
        withdrawn,
        rate_wal,
        rate_shares,
    }
}

public use fun emit_pool_advanced as PoolAdvanced.emit;

public(package) fun emit_pool_advanced(self: PoolAdvanced) {
    event::emit(self)
}

public(package) fun new_active_set_joined(
    epoch: u32,
    node_id: ID,
    stake: u64,
    evicted: Option<ID>,
): ActiveSetJoined {
    ActiveSetJoined { epoch, node_id, stake, evicted }
}

public use fun emit_active_set_joined as ActiveSetJoined.emit;

public(package) fun emit_active_set_joined(self: ActiveSetJoined) {
    event::emit(self)
}

public(package) fun new_stake_deposited(
    epoch: u32,
    staked_wal_id: ID,
    node_id: ID,
    owner: address,
    amount: u64,
    activation_epoch: u32,
): StakeDeposited {
    StakeDeposited { epoch, staked_wal_id, node_id, owner, amount, activation_epoch }
}

public use fun emit_stake_deposited as StakeDeposited.emit;

public(package) fun emit_stake_deposited(self: StakeDeposited) {
    event::emit(self)
}

public(package) fun new_withdraw_requested(
    epoch: u32,
    staked_wal_id: ID,
    node_id: ID,
    owner: address,
    principal: u64,
    withdraw_epoch: u32,
): WithdrawRequested {
    WithdrawRequested { epoch, staked_wal_id, node_id, owner, principal, withdraw_epoch }
}

public use fun emit_withdraw_requested as WithdrawRequested.emit;

public(package) fun emit_withdraw_requested(self: WithdrawRequested) {
    event::emit(self)
}

public(package) fun new_stake_withdrawn(
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

public use fun emit_stake_withdrawn as StakeWithdrawn.emit;

public(package) fun emit_stake_withdrawn(self: StakeWithdrawn) {
    event::emit(self)
}

public(package) fun new_staked_wal_split(
    epoch: u32,
    from_id: ID,
    new_id: ID,
    amount: u64,
): StakedWalSplit {
    StakedWalSplit { epoch, from_id, new_id, amount }
}

public use fun emit_staked_wal_split as StakedWalSplit.emit;

public(package) fun emit_staked_wal_split(self: StakedWalSplit) {
    event::emit(self)
}

public(package) fun new_staked_wal_joined(epoch: u32, into_id: ID, from_id: ID): StakedWalJoined {
    StakedWalJoined { epoch, into_id, from_id }
}

public use fun emit_staked_wal_joined as StakedWalJoined.emit;

public(package) fun emit_staked_wal_joined(self: StakedWalJoined) {
    event::emit(self)
}

public(package) fun new_slash_vote_cast(
    epoch: u32,
    voter_node_id: ID,
    target_node_id: ID,
    weight: u64,
    total_weight: u64,
): SlashVoteCast {
    SlashVoteCast { epoch, voter_node_id, target_node_id, weight, total_weight }
}

public use fun emit_slash_vote_cast as SlashVoteCast.emit;

public(package) fun emit_slash_vote_cast(self: SlashVoteCast) {
    event::emit(self)
}

public(package) fun new_node_slashed(
    epoch: u32,
    node_id: ID,
    commission_burned: u64,
    stake_burned: u64,
    rate_wal: u64,
    rate_shares: u64,
): NodeSlashed {
    NodeSlashed { epoch, node_id, commission_burned, stake_burned, rate_wal, rate_shares }
}

public use fun emit_node_slashed as NodeSlashed.emit;

public(package) fun emit_node_slashed(self: NodeSlashed) {
    event::emit(self)
}

public(package) fun new_proposal_created(
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

public use fun emit_proposal_created as ProposalCreated.emit;

public(package) fun emit_proposal_created(self: ProposalCreated) {
    event::emit(self)
}

public(package) fun new_vote_cast(
    epoch: u32,
    proposal_id: ID,
    voter: ID,
    is_node: bool,
    option: u8,
    weight: u64,
): VoteCast {
    VoteCast { epoch, proposal_id, voter, is_node, option, weight }
}

public use fun emit_vote_cast as VoteCast.emit;

public(package) fun emit_vote_cast(self: VoteCast) {
    event::emit(self)
}

public(package) fun new_proposal_finalized(
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

public use fun emit_proposal_finalized as ProposalFinalized.emit;

public(package) fun emit_proposal_finalized(self: ProposalFinalized) {
    event::emit(self)
}

public(package) fun new_proposal_executed(epoch: u32, proposal_id: ID): ProposalExecuted {
    ProposalExecuted { epoch, proposal_id }
}

public use fun emit_proposal_executed as ProposalExecuted.emit;

public(package) fun emit_proposal_executed(self: ProposalExecuted) {
    event::emit(self)
}

public(package) fun new_package_upgraded(
    epoch: u32,
    package_id: ID,
    version: u64,
): PackageUpgraded {
    PackageUpgraded { epoch, package_id, version }
}

public use fun emit_package_upgraded as PackageUpgraded.emit;

public(package) fun emit_package_upgraded(self: PackageUpgraded) {
    event::emit(self)
}

public(package) fun new_storage_reserved(
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

public use fun emit_storage_reserved as StorageReserved.emit;

public(package) fun emit_storage_reserved(self: StorageReserved) {
    event::emit(self)
}

public(package) fun new_blob_registered(
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
    BlobRegistered {
        epoch,
        blob_id,
        object_id,
        owner,
        size,
        encoding_type,
        end_epoch,
        deletable,
        write_fee,
    }
}

public use fun emit_blob_registered as BlobRegistered.emit;

public(package) fun emit_blob_registered(self: BlobRegistered) {
    event::emit(self)
}

public(package) fun new_blob_certified(
    epoch: u32,
    blob_id: u256,
    object_id: ID,
    end_epoch: u32,
    deletable: bool,
    is_extension: bool,
): BlobCertified {
    BlobCertified { epoch, blob_id, object_id, end_epoch, deletable, is_extension }
}

public use fun emit_blob_certified as BlobCertified.emit;

public(package) fun emit_blob_certified(self: BlobCertified) {
    event::emit(self)
}

public(package) fun new_blob_deleted(
    epoch: u32,
    blob_id: u256,
    object_id: ID,
    end_epoch: u32,
    was_certified: bool,
): BlobDeleted {
    BlobDeleted { epoch, blob_id, object_id, end_epoch, was_certified }
}

public use fun emit_blob_deleted as BlobDeleted.emit;

public(package) fun emit_blob_deleted(self: BlobDeleted) {
    event::emit(self)
}

public(package) fun new_blob_invalidated(epoch: u32, blob_id: u256): BlobInvalidated {
    BlobInvalidated { epoch, blob_id }
}

public use fun emit_blob_invalidated as BlobInvalidated.emit;

public(package) fun emit_blob_invalidated(self: BlobInvalidated) {
    event::emit(self)
}

public(package) fun new_prices_updated(
    epoch: u32,
    storage_price: u64,
    write_price: u64,
): PricesUpdated {
    PricesUpdated { epoch, storage_price, write_price }
}

public use fun emit_prices_updated as PricesUpdated.emit;

public(package) fun emit_prices_updated(self: PricesUpdated) {
    event::emit(self)
}

public(package) fun new_storage_split(
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
    StorageSplit {
        epoch,
        storage_id,
        size,
        start_epoch,
        end_epoch,
        new_storage_id,
        new_size,
        new_start_epoch,
        new_end_epoch,
    }
}

public use fun emit_storage_split as StorageSplit.emit;

public(package) fun emit_storage_split(self: StorageSplit) {
    event::emit(self)
}

public(package) fun new_storage_fused(
    epoch: u32,
    storage_id: ID,
    fused_id: ID,
    size: u64,
    start_epoch: u32,
    end_epoch: u32,
): StorageFused {
    StorageFused { epoch, storage_id, fused_id, size, start_epoch, end_epoch }
}

public use fun emit_storage_fused as StorageFused.emit;

public(package) fun emit_storage_fused(self: StorageFused) {
    event::emit(self)
}

public(package) fun new_storage_destroyed(epoch: u32, storage_id: ID): StorageDestroyed {
    StorageDestroyed { epoch, storage_id }
}

public use fun emit_storage_destroyed as StorageDestroyed.emit;

public(package) fun emit_storage_destroyed(self: StorageDestroyed) {
    event::emit(self)
}

public(package) fun new_blob_burned(epoch: u32, blob_id: u256, object_id: ID): BlobBurned {
    BlobBurned { epoch, blob_id, object_id }
}

public use fun emit_blob_burned as BlobBurned.emit;

public(package) fun emit_blob_burned(self: BlobBurned) {
    event::emit(self)
}

public(package) fun new_blob_metadata_updated(
    epoch: u32,
    blob_id: u256,
    object_id: ID,
    key: String,
    value: Option<String>,
): BlobMetadataUpdated {
    BlobMetadataUpdated { epoch, blob_id, object_id, key, value }
}

public use fun emit_blob_metadata_updated as BlobMetadataUpdated.emit;

public(package) fun emit_blob_metadata_updated(self: BlobMetadataUpdated) {
    event::emit(self)
}

public(package) fun new_rewards_added(epoch: u32, amount: u64): RewardsAdded {
    RewardsAdded { epoch, amount }
}

public use fun emit_rewards_added as RewardsAdded.emit;

public(package) fun emit_rewards_added(self: RewardsAdded) {
    event::emit(self)
}
