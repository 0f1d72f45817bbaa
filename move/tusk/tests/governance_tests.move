/// Governance: proposals with deposits, votes by nodes and by delegators (who
/// override their node for their own stake), thresholds at their boundaries,
/// parameter changes at the next epoch change, and governed upgrades.
///
/// Setting (`electorate`): four nodes in epoch 1 with exactly 400 WAL of
/// active stake: node 0 has 100 WAL - 1 FROST, node 1 100 WAL + 1 FROST,
/// node 2 100 WAL from two delegators (A: 60, B: 40), node 3 100 WAL.
/// Proposals opened in epoch 1 take votes in epochs 1 and 2 and are
/// finalized from epoch 3.
#[test_only]
module tusk::governance_tests;

use std::unit_test::{assert_eq, destroy};
use sui::bcs;
use sui::event;
use sui::package;
use tusk::events;
use tusk::governance;
use tusk::params;
use tusk::staked_wal::StakedWal;
use tusk::world::{Self, World, frost_per_wal};

const ALICE: address = @0xA11;
const A: address = @0xAAAA;
const B: address = @0xBBBB;

// Options and status codes.
const YES: u8 = 0;
const NO: u8 = 1;
const ABSTAIN: u8 = 2;
const VETO: u8 = 3;
const PASSED: u8 = 1;
const REJECTED: u8 = 2;
const VETOED: u8 = 3;
const FAILED_QUORUM: u8 = 4;

fun wal(n: u64): u64 { n * frost_per_wal!() }

/// Gives governance an `UpgradeCap` of a package at a non-zero address.
fun with_upgradable_package(w: &mut World) {
    let cap = package::test_publish(object::id_from_address(@0x7055), w.ctx(ALICE));
    let old = w.governance_mut().swap_upgrade_cap_for_testing(cap);
    destroy(old);
}

fun digest(): vector<u8> { x"1111111111111111111111111111111111111111111111111111111111111111" }

/// The electorate of the module doc; returns the world and (A's, B's) stakes.
fun electorate(): (World, StakedWal, StakedWal, vector<StakedWal>) {
    let mut w = world::new();
    w.register_nodes(4);
    let others = vector[
        w.stake(@0x5000, 0, wal(100) - 1),
        w.stake(@0x5001, 1, wal(100) + 1),
        w.stake(@0x5003, 3, wal(100)),
    ];
    let a = w.stake(A, 2, wal(60));
    let b = w.stake(B, 2, wal(40));
    w.advance_epoch();
    assert_eq!(w.staking().epoch_start_stake(), wal(400));
    (w.next_tx(), a, b, others)
}

/// Moves to epoch 3, where the proposals of epoch 1 can be finalized.
fun close_voting(w: &mut World) {
    w.advance_epoch();
    w.advance_epoch();
}

fun cleanup(w: World, a: StakedWal, b: StakedWal, others: vector<StakedWal>) {
    destroy(a);
    destroy(b);
    destroy(others);
    w.end();
}

#[test]
fun a_parameter_change_is_proposed_with_its_name_value_and_deposit() {
    let (mut w, a, b, others) = electorate();
    let id = w.propose_parameter(ALICE, b"burn_bps", 500);
    let mut payload = bcs::to_bytes(&b"burn_bps".to_string());
    payload.append(bcs::to_bytes(&500u64));
    assert_eq!(
        event::events_by_type<events::ProposalCreated>(),
        vector[events::new_proposal_created(1, id, ALICE, 0, payload, world::min_proposal_deposit(), 3)],
    );
    let proposal = w.governance().proposal(id);
    assert_eq!(proposal.proposer(), ALICE);
    assert_eq!(proposal.kind(), 0);
    assert_eq!(proposal.deposit(), world::min_proposal_deposit());
    assert_eq!(proposal.created_epoch(), 1);
    assert_eq!(proposal.end_epoch(), 3);
    assert_eq!(proposal.status(), 0);
    assert!(w.governance().has_proposal(id));
    cleanup(w, a, b, others);
}

#[test]
fun an_upgrade_and_a_text_carry_their_digest_and_text_as_payload() {
    let (mut w, a, b, others) = electorate();
    let upgrade = w.propose_upgrade(ALICE, digest());
    let text = w.propose_text(ALICE, b"Tusk is great");
    let created = event::events_by_type<events::ProposalCreated>();
    assert_eq!(
        created,
        vector[
            events::new_proposal_created(1, upgrade, ALICE, 1, digest(), world::min_proposal_deposit(), 3),
            events::new_proposal_created(1, text, ALICE, 2, b"Tusk is great", world::min_proposal_deposit(), 3),
        ],
    );
    assert_eq!(w.governance().proposal(text).payload(), b"Tusk is great");
    cleanup(w, a, b, others);
}

#[test, expected_failure(abort_code = governance::EDepositTooLow)]
fun a_deposit_below_the_minimum_is_refused() {
    let (mut w, a, b, others) = electorate();
    let deposit = w.mint(world::min_proposal_deposit() - 1);
    let (governance, staking, ctx) = w.governance_staking_and_ctx(ALICE);
    governance.propose_text(staking, b"x".to_string(), deposit, ctx);
    cleanup(w, a, b, others);
}

#[test, expected_failure(abort_code = governance::EInvalidDigest)]
fun an_upgrade_digest_must_be_32_bytes() {
    let (mut w, a, b, others) = electorate();
    let mut short = digest();
    short.pop_back();
    w.propose_upgrade(ALICE, short);
    cleanup(w, a, b, others);
}

#[test, expected_failure(abort_code = params::EUnknownParameter)]
fun only_governed_parameters_can_be_proposed() {
    let (mut w, a, b, others) = electorate();
    w.propose_parameter(ALICE, b"n_shards", 10);
    cleanup(w, a, b, others);
}

#[test, expected_failure(abort_code = params::EInvalidParameterValue)]
fun a_proposed_value_must_be_in_range() {
    let (mut w, a, b, others) = electorate();
    w.propose_parameter(ALICE, b"burn_bps", 10_001);
    cleanup(w, a, b, others);
}

#[test]
fun a_node_votes_with_its_pools_active_stake() {
    let (mut w, a, b, others) = electorate();
    let id = w.propose_text(ALICE, b"t");
    w.vote_as_node(1, id, YES);
    assert_eq!(
        event::events_by_type<events::VoteCast>(),
        vector[events::new_vote_cast(1, id, w.node(1), true, YES, wal(100) + 1)],
    );
    let vote = w.governance().proposal(id).node_vote(w.node(1)).destroy_some();
    assert_eq!(vote.option(), YES);
    assert_eq!(vote.weight(), wal(100) + 1);
    assert_eq!(w.tally(id), vector[wal(100) + 1, 0, 0, 0]);
    cleanup(w, a, b, others);
}

#[test]
fun a_delegator_overrides_its_node_for_its_own_stake() {
    let (mut w, a, b, others) = electorate();
    let id = w.propose_text(ALICE, b"t");
    w.vote_as_node(2, id, YES);
    w.vote_with_stake(&b, id, NO);
    assert_eq!(
        event::events_by_type<events::VoteCast>(),
        vector[
            events::new_vote_cast(1, id, w.node(2), true, YES, wal(100)),
            events::new_vote_cast(1, id, object::id(&b), false, NO, wal(40)),
        ],
    );
    assert_eq!(w.tally(id), vector[wal(60), wal(40), 0, 0]);
    // When every delegator votes, the node's own vote counts for nothing.
    w.vote_with_stake(&a, id, VETO);
    assert_eq!(w.tally(id), vector[0, wal(40), 0, wal(60)]);
    cleanup(w, a, b, others);
}

#[test]
fun a_delegator_can_vote_before_its_node_and_still_override_it() {
    let (mut w, a, b, others) = electorate();
    let id = w.propose_text(ALICE, b"t");
    w.vote_with_stake(&a, id, ABSTAIN);
    assert_eq!(w.tally(id), vector[0, 0, wal(60), 0]);
    w.vote_as_node(2, id, NO);
    assert_eq!(w.tally(id), vector[0, wal(40), wal(60), 0]);
    cleanup(w, a, b, others);
}

#[test]
fun voting_again_replaces_the_earlier_vote() {
    let (mut w, a, b, others) = electorate();
    let id = w.propose_text(ALICE, b"t");
    w.vote_as_node(2, id, YES);
    w.vote_with_stake(&b, id, NO);
    w.vote_with_stake(&b, id, ABSTAIN);
    w.vote_as_node(2, id, VETO);
    assert_eq!(w.tally(id), vector[0, 0, wal(40), wal(60)]);
    cleanup(w, a, b, others);
}

#[test, expected_failure(abort_code = governance::EStakeChangedDuringProposal)]
fun a_stake_split_after_the_proposal_opened_cannot_vote_twice() {
    let (mut w, mut a, b, others) = electorate();
    let id = w.propose_text(ALICE, b"t");
    let (staking, ctx) = w.staking_and_ctx(A);
    let part = staking.split_staked_wal(&mut a, wal(30), ctx);
    w.vote_with_stake(&part, id, YES);
    destroy(part);
    cleanup(w, a, b, others);
}

#[test, expected_failure(abort_code = governance::ENoVotingPower)]
fun a_node_without_active_stake_has_no_vote() {
    let (mut w, a, b, others) = electorate();
    w.register_nodes(5);
    let id = w.propose_text(ALICE, b"t");
    w.vote_as_node(4, id, YES);
    cleanup(w, a, b, others);
}

#[test, expected_failure(abort_code = governance::ENoVotingPower)]
fun a_withdrawing_stake_has_no_vote() {
    let (mut w, mut a, b, others) = electorate();
    let id = w.propose_text(ALICE, b"t");
    w.request_withdraw(A, &mut a);
    w.vote_with_stake(&a, id, YES);
    cleanup(w, a, b, others);
}

#[test, expected_failure(abort_code = governance::ENoVotingPower)]
fun a_pending_stake_has_no_vote() {
    let (mut w, a, b, mut others) = electorate();
    let id = w.propose_text(ALICE, b"t");
    let pending = w.stake(ALICE, 0, wal(5));
    w.vote_with_stake(&pending, id, YES);
    others.push_back(pending);
    cleanup(w, a, b, others);
}

#[test, expected_failure(abort_code = governance::EInvalidOption)]
fun options_go_from_0_to_3() {
    let (mut w, a, b, others) = electorate();
    let id = w.propose_text(ALICE, b"t");
    w.vote_as_node(0, id, 4);
    cleanup(w, a, b, others);
}

#[test, expected_failure(abort_code = governance::EUnknownProposal)]
fun votes_need_an_existing_proposal() {
    let (mut w, a, b, others) = electorate();
    w.vote_as_node(0, object::id_from_address(@0xDEAD), YES);
    cleanup(w, a, b, others);
}

#[test, expected_failure(abort_code = governance::EVotingClosed)]
fun no_votes_once_the_window_has_closed() {
    let (mut w, a, b, others) = electorate();
    let id = w.propose_text(ALICE, b"t");
    close_voting(&mut w);
    w.vote_as_node(0, id, YES);
    cleanup(w, a, b, others);
}

#[test]
fun votes_are_taken_in_the_last_epoch_of_the_window() {
    let (mut w, a, b, others) = electorate();
    let id = w.propose_text(ALICE, b"t");
    w.advance_epoch(); // epoch 2 < end_epoch 3
    w.vote_as_node(3, id, YES);
    assert_eq!(w.tally(id), vector[wal(100), 0, 0, 0]);
    cleanup(w, a, b, others);
}

#[test, expected_failure(abort_code = governance::EVotingNotEnded)]
fun a_proposal_cannot_be_finalized_while_open() {
    let (mut w, a, b, others) = electorate();
    let id = w.propose_text(ALICE, b"t");
    w.advance_epoch();
    w.finalize(id);
    cleanup(w, a, b, others);
}

#[test, expected_failure(abort_code = governance::EAlreadyFinalized)]
fun a_proposal_is_finalized_once() {
    let (mut w, a, b, others) = electorate();
    let id = w.propose_text(ALICE, b"t");
    close_voting(&mut w);
    w.finalize(id);
    w.finalize(id);
    cleanup(w, a, b, others);
}

#[test]
fun without_votes_a_proposal_fails_quorum_and_returns_the_deposit() {
    let (mut w, a, b, others) = electorate();
    let id = w.propose_text(ALICE, b"t");
    close_voting(&mut w);
    w = w.next_tx();
    w.finalize(id);
    assert_eq!(
        event::events_by_type<events::ProposalFinalized>(),
        vector[events::new_proposal_finalized(3, id, FAILED_QUORUM, 0, 0, 0, 0)],
    );
    assert_eq!(w.governance().proposal(id).deposit(), 0);
    w = w.next_tx();
    assert_eq!(w.received(ALICE), world::min_proposal_deposit());
    cleanup(w, a, b, others);
}

#[test]
fun quorum_is_met_exactly_at_its_threshold() {
    let (mut w, a, b, others) = electorate();
    w.staking_mut().set_param_for_testing(b"quorum_bps".to_string(), 2_500);
    let id = w.propose_text(ALICE, b"t");
    w.vote_as_node(3, id, YES); // 100 WAL of 400 = 25.00%
    close_voting(&mut w);
    w.finalize(id);
    assert_eq!(w.status(id), PASSED);
    cleanup(w, a, b, others);
}

#[test]
fun quorum_fails_one_frost_below_its_threshold() {
    let (mut w, a, b, others) = electorate();
    w.staking_mut().set_param_for_testing(b"quorum_bps".to_string(), 2_500);
    let id = w.propose_text(ALICE, b"t");
    w.vote_as_node(0, id, YES); // 100 WAL - 1 FROST of 400
    close_voting(&mut w);
    w.finalize(id);
    assert_eq!(w.status(id), FAILED_QUORUM);
    cleanup(w, a, b, others);
}

#[test]
fun exactly_half_yes_does_not_pass() {
    let (mut w, a, b, others) = electorate();
    let id = w.propose_text(ALICE, b"t");
    w.vote_as_node(2, id, YES);
    w.vote_as_node(3, id, NO);
    close_voting(&mut w);
    w = w.next_tx();
    w.finalize(id);
    assert_eq!(
        event::events_by_type<events::ProposalFinalized>(),
        vector[events::new_proposal_finalized(3, id, REJECTED, wal(100), wal(100), 0, 0)],
    );
    cleanup(w, a, b, others);
}

#[test]
fun one_frost_more_than_half_yes_passes() {
    let (mut w, a, b, others) = electorate();
    let id = w.propose_text(ALICE, b"t");
    w.vote_as_node(1, id, YES);
    w.vote_as_node(3, id, NO);
    w.vote_as_node(2, id, ABSTAIN); // abstain counts for quorum only
    close_voting(&mut w);
    w = w.next_tx();
    w.finalize(id);
    assert_eq!(w.status(id), PASSED);
    // A passed text executes nothing.
    assert_eq!(event::events_by_type<events::ProposalExecuted>(), vector[]);
    cleanup(w, a, b, others);
}

#[test]
fun a_veto_exactly_at_its_threshold_does_not_veto() {
    let (mut w, a, b, others) = electorate();
    w.staking_mut().set_param_for_testing(b"veto_bps".to_string(), 2_500);
    let id = w.propose_text(ALICE, b"t");
    w.vote_as_node(0, id, YES);
    w.vote_as_node(1, id, YES);
    w.vote_as_node(2, id, VETO); // 100 of 400 = 25.00%
    w.vote_as_node(3, id, ABSTAIN);
    close_voting(&mut w);
    w.finalize(id);
    assert_eq!(w.status(id), PASSED);
    cleanup(w, a, b, others);
}

#[test]
fun a_veto_one_frost_above_its_threshold_burns_the_deposit() {
    let (mut w, a, b, others) = electorate();
    w.staking_mut().set_param_for_testing(b"veto_bps".to_string(), 2_500);
    let id = w.propose_text(ALICE, b"t");
    w.vote_as_node(0, id, NO);
    w.vote_as_node(1, id, VETO); // 100 WAL + 1 FROST of 400
    w.vote_as_node(2, id, YES);
    w.vote_as_node(3, id, YES);
    close_voting(&mut w);
    let supply = w.total_supply();
    w = w.next_tx();
    w.finalize(id);
    assert_eq!(
        event::events_by_type<events::ProposalFinalized>(),
        vector[events::new_proposal_finalized(3, id, VETOED, wal(200), wal(100) - 1, 0, wal(100) + 1)],
    );
    assert_eq!(supply - w.total_supply(), world::min_proposal_deposit());
    w = w.next_tx();
    assert_eq!(w.received(ALICE), 0);
    cleanup(w, a, b, others);
}

#[test]
fun a_passed_parameter_change_applies_at_the_next_epoch_change() {
    let (mut w, a, b, others) = electorate();
    let id = w.propose_parameter(ALICE, b"burn_bps", 500);
    w.vote_as_node(1, id, YES);
    w.vote_as_node(3, id, YES);
    close_voting(&mut w);
    w.finalize(id);
    assert_eq!(w.status(id), PASSED);
    let (names, values) = w.staking().pending_parameter_changes();
    assert_eq!(names, vector[b"burn_bps".to_string()]);
    assert_eq!(values, vector[500]);
    assert_eq!(w.staking().params().burn_bps(), 300);
    // Epoch 3's fees still burn at 3%; from epoch 4 on, 5%.
    w.add_fees(1_000_000);
    let supply = w.total_supply();
    w = w.next_tx();
    w.advance_epoch();
    assert_eq!(supply - w.total_supply(), 30_000);
    assert_eq!(w.staking().params().burn_bps(), 500);
    assert_eq!(event::events_by_type<events::ProposalExecuted>(), vector[events::new_proposal_executed(4, id)]);
    let applied = event::events_by_type<events::ParametersApplied>();
    assert_eq!(
        applied,
        vector[
            events::new_parameters_applied(
                4,
                w.staking().storage_price(),
                w.staking().write_price(),
                w.staking().capacity(),
                vector[events::new_parameter_value(b"burn_bps".to_string(), 500)],
            ),
        ],
    );
    cleanup(w, a, b, others);
}

#[test]
fun the_last_of_two_passed_changes_to_one_parameter_wins() {
    let (mut w, a, b, others) = electorate();
    let first = w.propose_parameter(ALICE, b"voting_epochs", 5);
    let second = w.propose_parameter(ALICE, b"voting_epochs", 7);
    w.vote_as_node(1, first, YES);
    w.vote_as_node(3, first, YES);
    w.vote_as_node(1, second, YES);
    w.vote_as_node(3, second, YES);
    close_voting(&mut w);
    w.finalize(first);
    w.finalize(second);
    w = w.next_tx();
    w.advance_epoch();
    assert_eq!(w.staking().params().voting_epochs(), 7);
    assert_eq!(
        event::events_by_type<events::ProposalExecuted>(),
        vector[events::new_proposal_executed(4, first), events::new_proposal_executed(4, second)],
    );
    let applied = event::events_by_type<events::ParametersApplied>();
    assert_eq!(applied.length(), 1);
    cleanup(w, a, b, others);
}

#[test]
fun a_passed_upgrade_authorizes_exactly_its_digest_once() {
    let (mut w, a, b, others) = electorate();
    let id = w.propose_upgrade(ALICE, digest());
    w.vote_as_node(1, id, YES);
    w.vote_as_node(3, id, YES);
    close_voting(&mut w);
    w = w.next_tx();
    w.finalize(id);
    assert_eq!(event::events_by_type<events::ProposalExecuted>(), vector[events::new_proposal_executed(3, id)]);
    assert!(w.governance().is_upgrade_authorized(digest()));
    assert!(!w.governance().is_upgrade_authorized(x"22"));
    with_upgradable_package(&mut w);
    let original = w.governance().package_id();
    assert_eq!(w.governance().upgrade_available_epoch(id), option::some(3 + 3));
    w.advance_epochs(3);
    let ticket = w.authorize_upgrade(id);
    assert_eq!(*ticket.ticket_digest(), digest());
    let receipt = package::test_upgrade(ticket);
    w.governance_mut().commit_upgrade(receipt);
    assert!(w.governance().package_id() != original);
    assert!(!w.governance().is_upgrade_authorized(digest()));
    cleanup(w, a, b, others);
}

#[test, expected_failure(abort_code = governance::EUpgradeNotAuthorized)]
fun an_authorization_cannot_be_used_twice() {
    let (mut w, a, b, others) = electorate();
    let id = w.propose_upgrade(ALICE, digest());
    w.vote_as_node(1, id, YES);
    w.vote_as_node(3, id, YES);
    close_voting(&mut w);
    w.finalize(id);
    with_upgradable_package(&mut w);
    w.advance_epochs(3);
    let ticket = w.authorize_upgrade(id);
    w.governance_mut().commit_upgrade(package::test_upgrade(ticket));
    let again = w.authorize_upgrade(id);
    destroy(again);
    cleanup(w, a, b, others);
}

#[test, expected_failure(abort_code = governance::EUpgradeNotAuthorized)]
fun a_rejected_upgrade_authorizes_nothing() {
    let (mut w, a, b, others) = electorate();
    let id = w.propose_upgrade(ALICE, digest());
    w.vote_as_node(1, id, NO);
    w.vote_as_node(3, id, NO);
    close_voting(&mut w);
    w.finalize(id);
    assert_eq!(w.status(id), REJECTED);
    w.advance_epochs(3);
    let ticket = w.authorize_upgrade(id);
    destroy(ticket);
    cleanup(w, a, b, others);
}

#[test]
fun migrating_after_an_upgrade_moves_both_objects_and_announces_the_package() {
    let (mut w, a, b, others) = electorate();
    w.governance_mut().set_version_for_testing(0);
    w.staking_mut().set_version_for_testing(0);
    let package_id = w.governance().package_id();
    let (governance, staking, _) = w.governance_staking_and_ctx(ALICE);
    governance.migrate(staking);
    assert_eq!(
        event::events_by_type<events::PackageUpgraded>(),
        vector[events::new_package_upgraded(1, package_id, 1)],
    );
    assert_eq!(w.governance().version(), 1);
    assert_eq!(w.staking().version(), 1);
    cleanup(w, a, b, others);
}

#[test, expected_failure(abort_code = governance::EAlreadyMigrated)]
fun there_is_nothing_to_migrate_at_the_current_version() {
    let (mut w, a, b, others) = electorate();
    let (governance, staking, _) = w.governance_staking_and_ctx(ALICE);
    governance.migrate(staking);
    cleanup(w, a, b, others);
}

#[test, expected_failure(abort_code = governance::EWrongVersion)]
fun an_outdated_package_cannot_open_proposals() {
    let (mut w, a, b, others) = electorate();
    w.governance_mut().set_version_for_testing(2);
    w.propose_text(ALICE, b"t");
    cleanup(w, a, b, others);
}
