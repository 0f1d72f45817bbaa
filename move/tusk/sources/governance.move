/// WAL-holder governance: the shared `Governance` object, its proposals, and
/// the package's upgrade authority.
///
/// Proposals: anyone opens one with a deposit of at least
/// `min_proposal_deposit`: a parameter change (a governed parameter's name and
/// new value, checked at once), a package upgrade (a 32-byte package digest)
/// or a text. It is open for votes while `epoch < end_epoch = created_epoch +
/// voting_epochs`, and anyone finalizes it from `end_epoch` on.
///
/// Votes (options 0 Yes, 1 No, 2 Abstain, 3 NoWithVeto) weigh the stake as it
/// was when the proposal's epoch began (a snapshot: stake that moves during
/// the vote cannot vote again elsewhere, and stake added after it opened
/// cannot vote at all):
/// - a node (`StorageNodeCap`) votes with its pool's active stake when the
///   proposal's epoch began;
/// - a delegator votes with a `StakedWal` that is not withdrawing, was active
///   when the proposal's epoch began, weighing what it was worth then; the
///   object must have got its principal (`changed_epoch`: created, split or
///   joined) in an epoch before the proposal's, so the same WAL never votes
///   twice;
/// - voting again replaces the voter's previous vote.
///
/// Tally, per option: the sum of the delegators' weights that chose it, plus,
/// for each node that chose it, `max(0, node weight - the weights of its
/// delegators who voted)` (a delegator's vote overrides its node's vote for
/// that stake).
///
/// Finalization, with `voted = yes + no + abstain + veto` and `total` the total
/// active stake when the proposal's epoch began, checked in this order:
/// 1. failed quorum (4) if `voted == 0` or `voted * 10,000 < total * quorum_bps`;
/// 2. vetoed (3) if `veto * 10,000 > voted * veto_bps`: the deposit is burned;
/// 3. passed (1) if `yes * 10,000 > (yes + no + veto) * pass_bps`;
/// 4. rejected (2) otherwise.
/// Except when vetoed, the deposit goes back to the proposer. A passed
/// parameter change is queued in `Staking` and applies at the next epoch
/// change (`ProposalExecuted` then); a passed upgrade authorizes its digest
/// (`ProposalExecuted` now), usable from `UPGRADE_DELAY_EPOCHS` epochs later.
///
/// Upgrades: `Governance` holds the package's `UpgradeCap` (handed over by
/// `init::initialize`). `authorize_upgrade(proposal_id)` issues an
/// `UpgradeTicket` for exactly the digest of that passed proposal, once, and
/// not before `UPGRADE_DELAY_EPOCHS` epochs after it passed: a holder who
/// disagrees with the new code can request a withdrawal as soon as it passes
/// (withdrawable within two epochs) and be out before it can run;
/// `commit_upgrade` records the new package; `migrate` (called through the new
/// package) moves `Governance` and `Staking` to its version and emits
/// `PackageUpgraded`.
module tusk::governance;

use std::string::String;
use sui::balance::Balance;
use sui::bcs;
use sui::coin;
use sui::object_table::{Self, ObjectTable};
use sui::package::{UpgradeCap, UpgradeTicket, UpgradeReceipt};
use sui::table::{Self, Table};
use sui::vec_map::{Self, VecMap};
use tusk::events;
use tusk::params;
use tusk::staked_wal::StakedWal;
use tusk::staking::Staking;
use tusk::storage_node::StorageNodeCap;
use wal::wal::{WAL, WalTreasury};

/// Version of `Governance` this package operates on.
const VERSION: u64 = 1;

// Proposal kinds.
const KIND_PARAMETER: u8 = 0;
const KIND_UPGRADE: u8 = 1;
const KIND_TEXT: u8 = 2;

/// The highest vote option (0 Yes, 1 No, 2 Abstain, 3 NoWithVeto).
const NO_WITH_VETO: u8 = 3;

// Proposal status.
const STATUS_OPEN: u8 = 0;
const STATUS_PASSED: u8 = 1;
const STATUS_REJECTED: u8 = 2;
const STATUS_VETOED: u8 = 3;
const STATUS_FAILED_QUORUM: u8 = 4;

/// Length of a package digest.
const DIGEST_LENGTH: u64 = 32;

/// Epochs between an upgrade passing and its authorization being usable: one
/// more than the longest wait for a withdrawal requested when it passed.
const UPGRADE_DELAY_EPOCHS: u32 = 3;

#[error]
const EWrongVersion: vector<u8> =
    b"Governance is at another version than this package: call the current package";

#[error]
const EAlreadyMigrated: vector<u8> =
    b"Governance and Staking are already at this package's version: nothing to migrate";

#[error]
const EWrongUpgradeCap: vector<u8> = b"This UpgradeCap is not the tusk package's";

#[error]
const EDepositTooLow: vector<u8> = b"The deposit is below min_proposal_deposit";

#[error]
const EInvalidDigest: vector<u8> = b"A package digest must be 32 bytes";

#[error]
const EUnknownProposal: vector<u8> = b"No proposal has this ID";

#[error]
const EInvalidOption: vector<u8> = b"Vote options are 0 Yes, 1 No, 2 Abstain, 3 NoWithVeto";

#[error]
const EVotingClosed: vector<u8> = b"This proposal no longer takes votes";

#[error]
const ENoVotingPower: vector<u8> =
    b"No voting power on this proposal: a node needs active stake when the proposal's epoch began; a StakedWal must have been active then and not be withdrawing";

#[error]
const EStakeChangedDuringProposal: vector<u8> =
    b"This StakedWal was created, split or joined in or after the proposal's epoch, so it cannot vote on it";

#[error]
const EAlreadyFinalized: vector<u8> = b"This proposal was already finalized";

#[error]
const EVotingNotEnded: vector<u8> = b"The voting window of this proposal has not ended yet";

#[error]
const EUpgradeDelayNotOver: vector<u8> =
    b"This upgrade passed, but it can be applied only UPGRADE_DELAY_EPOCHS epochs after it passed (so holders can exit first)";

#[error]
const EUpgradeNotAuthorized: vector<u8> =
    b"No passed, unused upgrade proposal with this ID: governance has not authorized it";

/// Proposals and the upgrade authority (shared).
public struct Governance has key {
    id: UID,
    version: u64,
    proposals: ObjectTable<ID, Proposal>,
    /// The tusk package's upgrade capability (always set; an `Option` only so
    /// tests can swap it).
    upgrade_cap: Option<UpgradeCap>,
    /// Passed upgrade proposals not yet used, by proposal ID.
    authorized_upgrades: VecMap<ID, AuthorizedUpgrade>,
}

/// A passed upgrade: its package digest and the first epoch it can be applied in.
public struct AuthorizedUpgrade has copy, drop, store {
    digest: vector<u8>,
    available_epoch: u32,
}

/// A node's vote: option and weight.
public struct NodeVote has copy, drop, store {
    option: u8,
    weight: u64,
}

/// A delegator's vote: its node, option and weight.
public struct StakeVote has copy, drop, store {
    node_id: ID,
    option: u8,
    weight: u64,
}

/// One proposal (in `Governance`).
public struct Proposal has key, store {
    id: UID,
    proposer: address,
    kind: u8,
    payload: vector<u8>,
    /// Kind 0: the parameter and its new value.
    parameter_name: String,
    parameter_value: u64,
    deposit: Balance<WAL>,
    created_epoch: u32,
    end_epoch: u32,
    /// Total active stake when `created_epoch` began: the quorum's base.
    total_stake: u64,
    status: u8,
    node_votes: VecMap<ID, NodeVote>,
    stake_votes: Table<ID, StakeVote>,
    /// Delegators' weights by option (yes, no, abstain, veto).
    stake_totals: vector<u64>,
    /// Delegators' weights by their node.
    overrides: VecMap<ID, u64>,
}

/// Creates and shares `Governance` holding `upgrade_cap` (init::initialize).
public(package) fun create_and_share(upgrade_cap: UpgradeCap, ctx: &mut TxContext) {
    let package = std::type_name::with_original_ids<Governance>().address_string();
    assert!(upgrade_cap.upgrade_package().to_address().to_ascii_string() == package, EWrongUpgradeCap);
    transfer::share_object(Governance {
        id: object::new(ctx),
        version: VERSION,
        proposals: object_table::new(ctx),
        upgrade_cap: option::some(upgrade_cap),
        authorized_upgrades: vec_map::empty(),
    });
}

// === Proposals ===

/// Proposes setting governed parameter `name` to `value` (checked now);
/// returns the proposal ID.
public fun propose_parameter_change(
    self: &mut Governance,
    staking: &Staking,
    name: String,
    value: u64,
    deposit: coin::Coin<WAL>,
    ctx: &mut TxContext,
): ID {
    self.assert_version();
    params::check(&name, value);
    let mut payload = bcs::to_bytes(&name);
    payload.append(bcs::to_bytes(&value));
    self.open(staking, KIND_PARAMETER, payload, name, value, deposit, ctx)
}

/// Proposes authorizing an upgrade to the package with `digest` (32 bytes);
/// returns the proposal ID.
public fun propose_upgrade(
    self: &mut Governance,
    staking: &Staking,
    digest: vector<u8>,
    deposit: coin::Coin<WAL>,
    ctx: &mut TxContext,
): ID {
    self.assert_version();
    assert!(digest.length() == DIGEST_LENGTH, EInvalidDigest);
    self.open(staking, KIND_UPGRADE, digest, b"".to_string(), 0, deposit, ctx)
}

/// Proposes a text (a signal, nothing executes); returns the proposal ID.
public fun propose_text(
    self: &mut Governance,
    staking: &Staking,
    text: String,
    deposit: coin::Coin<WAL>,
    ctx: &mut TxContext,
): ID {
    self.assert_version();
    self.open(staking, KIND_TEXT, *text.as_bytes(), b"".to_string(), 0, deposit, ctx)
}

// === Votes ===

/// The node votes `option` with its pool's active stake when the proposal's
/// epoch began (replacing its earlier vote).
public fun vote_as_node(
    self: &mut Governance,
    staking: &Staking,
    cap: &StorageNodeCap,
    proposal_id: ID,
    option: u8,
) {
    self.assert_version();
    let epoch = staking.epoch();
    let proposal = self.open_proposal_mut(proposal_id, option, epoch);
    let node_id = cap.node_id();
    let weight = staking.active_stake_at(node_id, proposal.created_epoch);
    assert!(weight > 0, ENoVotingPower);
    let vote = NodeVote { option, weight };
    if (proposal.node_votes.contains(&node_id)) *proposal.node_votes.get_mut(&node_id) = vote
    else proposal.node_votes.insert(node_id, vote);
    events::new_vote_cast(epoch, proposal_id, node_id, true, option, weight).emit();
}

/// The delegator votes `option` with `staked_wal`, overriding its node's vote
/// for that stake (and replacing its own earlier vote).
public fun vote_with_stake(
    self: &mut Governance,
    staking: &Staking,
    staked_wal: &StakedWal,
    proposal_id: ID,
    option: u8,
) {
    self.assert_version();
    let epoch = staking.epoch();
    let proposal = self.open_proposal_mut(proposal_id, option, epoch);
    let weight = staking.voting_power_at(staked_wal, proposal.created_epoch);
    assert!(weight > 0, ENoVotingPower);
    assert!(staked_wal.changed_epoch() < proposal.created_epoch, EStakeChangedDuringProposal);
    let voter = object::id(staked_wal);
    let node_id = staked_wal.node_id();
    if (proposal.stake_votes.contains(voter)) {
        let old = proposal.stake_votes.remove(voter);
        proposal.remove_stake_weight(old);
    };
    let vote = StakeVote { node_id, option, weight };
    proposal.stake_votes.add(voter, vote);
    *&mut proposal.stake_totals[option as u64] = proposal.stake_totals[option as u64] + weight;
    if (proposal.overrides.contains(&node_id)) {
        let total = proposal.overrides.get_mut(&node_id);
        *total = *total + weight;
    } else proposal.overrides.insert(node_id, weight);
    events::new_vote_cast(epoch, proposal_id, voter, false, option, weight).emit();
}

/// Closes a proposal whose voting window ended (see the module doc): returns
/// the deposit to the proposer, or burns it if vetoed; queues a passed
/// parameter change; authorizes a passed upgrade.
public fun finalize(
    self: &mut Governance,
    staking: &mut Staking,
    treasury: &mut WalTreasury,
    proposal_id: ID,
    ctx: &mut TxContext,
) {
    self.assert_version();
    assert!(self.proposals.contains(proposal_id), EUnknownProposal);
    let epoch = staking.epoch();
    let params = staking.params();
    let proposal = &mut self.proposals[proposal_id];
    let total = proposal.total_stake as u128;
    assert!(proposal.status == STATUS_OPEN, EAlreadyFinalized);
    assert!(epoch >= proposal.end_epoch, EVotingNotEnded);
    let (yes, no, abstain, veto) = proposal.tally();
    let voted = (yes as u128) + (no as u128) + (abstain as u128) + (veto as u128);
    let bps = params::bps_denominator() as u128;
    let status = if (voted == 0 || voted * bps < total * (params.quorum_bps() as u128)) {
        STATUS_FAILED_QUORUM
    } else if ((veto as u128) * bps > voted * (params.veto_bps() as u128)) {
        STATUS_VETOED
    } else if (
        (yes as u128) * bps > ((yes as u128) + (no as u128) + (veto as u128)) * (params.pass_bps() as u128)
    ) {
        STATUS_PASSED
    } else STATUS_REJECTED;
    proposal.status = status;
    events::new_proposal_finalized(epoch, proposal_id, status, yes, no, abstain, veto).emit();

    let deposit = proposal.deposit.withdraw_all();
    if (status == STATUS_VETOED) {
        treasury.burn_balance(deposit);
    } else {
        transfer::public_transfer(coin::from_balance(deposit, ctx), proposal.proposer);
    };
    if (status == STATUS_PASSED) {
        if (proposal.kind == KIND_PARAMETER) {
            staking.queue_parameter_change(proposal_id, proposal.parameter_name, proposal.parameter_value);
        } else if (proposal.kind == KIND_UPGRADE) {
            let digest = proposal.payload;
            let available_epoch = epoch + UPGRADE_DELAY_EPOCHS;
            self.authorized_upgrades.insert(proposal_id, AuthorizedUpgrade { digest, available_epoch });
            events::new_proposal_executed(epoch, proposal_id).emit();
        }
    }
}

// === Upgrades ===

/// Issues the ticket for the upgrade that proposal `proposal_id` authorized
/// (its digest, the cap's policy), from its available epoch on; each
/// authorization is used once.
public fun authorize_upgrade(self: &mut Governance, staking: &Staking, proposal_id: ID): UpgradeTicket {
    self.assert_version();
    assert!(self.authorized_upgrades.contains(&proposal_id), EUpgradeNotAuthorized);
    let available_epoch = self.authorized_upgrades.get(&proposal_id).available_epoch;
    assert!(staking.epoch() >= available_epoch, EUpgradeDelayNotOver);
    let (_, AuthorizedUpgrade { digest, .. }) = self.authorized_upgrades.remove(&proposal_id);
    let cap = self.upgrade_cap.borrow_mut();
    let policy = cap.upgrade_policy();
    cap.authorize_upgrade(policy, digest)
}

/// Records the upgraded package (the result of the upgrade the ticket allowed).
public fun commit_upgrade(self: &mut Governance, receipt: UpgradeReceipt) {
    self.assert_version();
    self.upgrade_cap.borrow_mut().commit_upgrade(receipt);
}

/// Moves `Governance` and `Staking` to this package's version; call it through
/// the new package after an upgrade. Emits `PackageUpgraded`.
public fun migrate(self: &mut Governance, staking: &mut Staking) {
    assert!(self.version < VERSION || staking.version() < VERSION, EAlreadyMigrated);
    self.version = VERSION;
    staking.migrate();
    events::new_package_upgraded(staking.epoch(), self.package_id(), VERSION).emit();
}

/// Whether a passed proposal authorizes an upgrade to `digest` (not yet
/// used; it may still be waiting for its available epoch).
public fun is_upgrade_authorized(self: &Governance, digest: vector<u8>): bool {
    let (_, upgrades) = self.authorized_upgrades.into_keys_values();
    upgrades.any!(|upgrade| upgrade.digest == digest)
}

/// The first epoch the upgrade that passed proposal `proposal_id` can be
/// applied in, if it passed and is not used yet.
public fun upgrade_available_epoch(self: &Governance, proposal_id: ID): Option<u32> {
    if (!self.authorized_upgrades.contains(&proposal_id)) return option::none();
    option::some(self.authorized_upgrades.get(&proposal_id).available_epoch)
}

/// Epochs between an upgrade passing and its use.
public fun upgrade_delay_epochs(): u32 { UPGRADE_DELAY_EPOCHS }

// === Reading ===

/// Version of the object.
public fun version(self: &Governance): u64 { self.version }

/// The package the upgrade cap currently points at (the latest version).
public fun package_id(self: &Governance): ID { self.upgrade_cap.borrow().upgrade_package() }

/// Whether a proposal has this ID.
public fun has_proposal(self: &Governance, proposal_id: ID): bool {
    self.proposals.contains(proposal_id)
}

/// The proposal with this ID.
public fun proposal(self: &Governance, proposal_id: ID): &Proposal {
    assert!(self.proposals.contains(proposal_id), EUnknownProposal);
    &self.proposals[proposal_id]
}

/// Who opened the proposal.
public fun proposer(self: &Proposal): address { self.proposer }

/// 0 parameter change, 1 upgrade, 2 text.
public fun kind(self: &Proposal): u8 { self.kind }

/// Kind 0: BCS of (name, value); kind 1: the digest; kind 2: the text.
public fun payload(self: &Proposal): vector<u8> { self.payload }

/// The deposit still held (0 once finalized).
public fun deposit(self: &Proposal): u64 { self.deposit.value() }

/// Total active stake when the proposal's epoch began (the quorum's base).
public fun total_stake(self: &Proposal): u64 { self.total_stake }

/// Epoch the proposal was opened in.
public fun created_epoch(self: &Proposal): u32 { self.created_epoch }

/// First epoch in which it no longer takes votes.
public fun end_epoch(self: &Proposal): u32 { self.end_epoch }

/// 0 open, 1 passed, 2 rejected, 3 vetoed, 4 failed quorum.
public fun status(self: &Proposal): u8 { self.status }

/// Votes per option (yes, no, abstain, veto) with delegator overrides applied.
public fun tally(self: &Proposal): (u64, u64, u64, u64) {
    let mut totals = self.stake_totals;
    let (nodes, votes) = self.node_votes.into_keys_values();
    nodes.length().do!(|i| {
        let vote = votes[i];
        let overridden = if (self.overrides.contains(&nodes[i])) *self.overrides.get(&nodes[i])
        else 0;
        if (vote.weight > overridden) {
            let option = vote.option as u64;
            *&mut totals[option] = totals[option] + (vote.weight - overridden);
        }
    });
    (totals[0], totals[1], totals[2], totals[3])
}

/// The option and weight of node `node_id`'s vote, if it voted.
public fun node_vote(self: &Proposal, node_id: ID): Option<NodeVote> {
    self.node_votes.try_get(&node_id)
}

/// Option of a vote.
public fun option(vote: &NodeVote): u8 { vote.option }

/// Weight of a vote.
public fun weight(vote: &NodeVote): u64 { vote.weight }

// === Internal ===

fun open(
    self: &mut Governance,
    staking: &Staking,
    kind: u8,
    payload: vector<u8>,
    parameter_name: String,
    parameter_value: u64,
    deposit: coin::Coin<WAL>,
    ctx: &mut TxContext,
): ID {
    let params = staking.params();
    let amount = deposit.value();
    assert!(amount >= params.min_proposal_deposit(), EDepositTooLow);
    let epoch = staking.epoch();
    let end_epoch = epoch + params.voting_epochs();
    let proposal = Proposal {
        id: object::new(ctx),
        proposer: ctx.sender(),
        kind,
        payload,
        parameter_name,
        parameter_value,
        deposit: deposit.into_balance(),
        created_epoch: epoch,
        end_epoch,
        total_stake: staking.epoch_start_stake(),
        status: STATUS_OPEN,
        node_votes: vec_map::empty(),
        stake_votes: table::new(ctx),
        stake_totals: vector[0, 0, 0, 0],
        overrides: vec_map::empty(),
    };
    let proposal_id = object::id(&proposal);
    self.proposals.add(proposal_id, proposal);
    events::new_proposal_created(
        epoch,
        proposal_id,
        ctx.sender(),
        kind,
        payload,
        amount,
        end_epoch,
    ).emit();
    proposal_id
}

/// The proposal, checked to exist and take votes now, and the option valid.
fun open_proposal_mut(self: &mut Governance, proposal_id: ID, option: u8, epoch: u32): &mut Proposal {
    assert!(self.proposals.contains(proposal_id), EUnknownProposal);
    assert!(option <= NO_WITH_VETO, EInvalidOption);
    let proposal = &mut self.proposals[proposal_id];
    assert!(proposal.status == STATUS_OPEN && epoch < proposal.end_epoch, EVotingClosed);
    proposal
}

fun remove_stake_weight(self: &mut Proposal, vote: StakeVote) {
    let option = vote.option as u64;
    *&mut self.stake_totals[option] = self.stake_totals[option] - vote.weight;
    let total = self.overrides.get_mut(&vote.node_id);
    *total = *total - vote.weight;
}

fun assert_version(self: &Governance) {
    assert!(self.version == VERSION, EWrongVersion);
}

#[test_only]
/// Sets the object's version, to test outdated-package handling.
public fun set_version_for_testing(self: &mut Governance, version: u64) {
    self.version = version;
}

#[test_only]
/// Swaps the held `UpgradeCap` (tests publish `tusk` at 0x0, which Sui's
/// `authorize_upgrade` reads as "upgrade in progress").
public fun swap_upgrade_cap_for_testing(self: &mut Governance, cap: UpgradeCap): UpgradeCap {
    self.upgrade_cap.swap(cap)
}
