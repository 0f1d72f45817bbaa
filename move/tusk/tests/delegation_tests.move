/// Delegators: staking, activation timing, withdrawal timing and payouts,
/// split and join, and the read-only helpers dashboards use.
///
/// Unless said otherwise: node 0 charges 10% commission, each epoch's fees
/// are 1,000,000 FROST, so a sole committee member's pool earns 970,000
/// (3% burned) of which 97,000 is commission and 873,000 compounds.
#[test_only]
module tusk::delegation_tests;

use std::unit_test::{assert_eq, destroy};
use sui::event;
use tusk::events;
use tusk::staked_wal::StakedWal;
use tusk::staking;
use tusk::world::{Self, World, frost_per_wal};

const ALICE: address = @0xA11;
const BOB: address = @0xB0B;

fun wal(n: u64): u64 { n * frost_per_wal!() }

/// One node, ALICE staking 100 WAL in epoch 0, now in epoch 1 (active).
fun alice_active(): (World, StakedWal) {
    let mut w = world::new();
    w.register_nodes(1);
    let staked = w.stake(ALICE, 0, wal(100));
    w.advance_epoch();
    (w.next_tx(), staked)
}

#[test]
fun alice_stakes_before_voting_end_and_is_active_next_epoch() {
    let mut w = world::new();
    w.register_nodes(1);
    let staked = w.stake(ALICE, 0, wal(10));
    assert_eq!(staked.activation_epoch(), 1);
    assert_eq!(staked.principal(), wal(10));
    assert_eq!(staked.node_id(), w.node(0));
    assert_eq!(
        event::events_by_type<events::StakeDeposited>(),
        vector[events::new_stake_deposited(0, object::id(&staked), w.node(0), ALICE, wal(10), 1)],
    );
    assert_eq!(w.staking().pool(w.node(0)).pending_stake(1), wal(10));
    w.advance_epoch();
    assert_eq!(w.staking().pool(w.node(0)).wal(), wal(10));
    assert_eq!(w.staking().pool(w.node(0)).shares(), wal(10));
    destroy(staked);
    w.end();
}

#[test]
fun bob_stakes_after_voting_end_and_waits_two_epochs() {
    let mut w = world::new();
    w.register_nodes(1);
    w.voting_end();
    let staked = w.stake(BOB, 0, wal(10));
    assert_eq!(staked.activation_epoch(), 2);
    w.initiate_epoch_change();
    w.sync_all();
    assert_eq!(w.staking().pool(w.node(0)).wal(), 0);
    w.advance_epoch();
    assert_eq!(w.staking().pool(w.node(0)).wal(), wal(10));
    destroy(staked);
    w.end();
}

#[test, expected_failure(abort_code = staking::EStakeBelowMinimum)]
fun a_stake_below_one_wal_is_refused() {
    let mut w = world::new();
    w.register_nodes(1);
    let staked = w.stake(ALICE, 0, wal(1) - 1);
    destroy(staked);
    w.end();
}

#[test]
fun exactly_one_wal_is_enough() {
    let mut w = world::new();
    w.register_nodes(1);
    let staked = w.stake(ALICE, 0, wal(1));
    assert_eq!(staked.principal(), wal(1));
    destroy(staked);
    w.end();
}

#[test, expected_failure(abort_code = staking::EUnknownNode)]
fun staking_with_an_unknown_node_is_refused() {
    let mut w = world::new();
    let coin = w.mint(wal(1));
    let (staking, ctx) = w.staking_and_ctx(ALICE);
    let staked = staking.stake_with_pool(coin, object::id_from_address(@0xDEAD), ctx);
    destroy(staked);
    w.end();
}

#[test]
fun stake_not_yet_active_comes_back_at_once_without_rewards() {
    let mut w = world::new();
    w.register_nodes(1);
    let staked = w.stake(ALICE, 0, wal(10));
    assert!(w.staking().can_withdraw_early(&staked));
    let id = object::id(&staked);
    assert_eq!(w.withdraw(ALICE, staked), wal(10));
    assert_eq!(
        event::events_by_type<events::StakeWithdrawn>(),
        vector[events::new_stake_withdrawn(0, id, w.node(0), ALICE, wal(10), 0, 0)],
    );
    assert_eq!(w.staking().pool(w.node(0)).pending_stake(1), 0);
    assert_eq!(w.staking().pool(w.node(0)).balance(), 0);
    w.end();
}

#[test]
fun stake_counted_in_the_next_committee_leaves_through_a_request_after_that_epoch() {
    let mut w = world::new();
    w.register_nodes(1);
    let mut staked = w.stake(ALICE, 0, wal(10));
    w.voting_end(); // counted: node 0 is selected for epoch 1
    assert!(!w.staking().can_withdraw_early(&staked));
    w.request_withdraw(ALICE, &mut staked);
    assert_eq!(staked.withdraw_epoch(), option::some(2));
    w.add_fees(1_000_000);
    w.initiate_epoch_change();
    w.sync_all();
    // Epoch 1: active in the committee it helped select, earning its rewards.
    assert_eq!(w.staking().pool(w.node(0)).wal(), wal(10));
    w.add_fees(1_000_000);
    w.advance_epoch();
    assert_eq!(w.withdraw(ALICE, staked), wal(10) + 873_000);
    w.end();
}

#[test, expected_failure(abort_code = staking::ENotWithdrawing)]
fun active_stake_must_request_a_withdrawal_first() {
    let (mut w, staked) = alice_active();
    assert!(!w.staking().can_withdraw_early(&staked));
    w.withdraw(ALICE, staked);
    w.end();
}

#[test]
fun a_request_before_voting_end_is_withdrawable_next_epoch() {
    let (mut w, mut staked) = alice_active();
    w.request_withdraw(ALICE, &mut staked);
    assert_eq!(staked.withdraw_epoch(), option::some(2));
    assert!(staked.is_withdrawing());
    assert_eq!(
        event::events_by_type<events::WithdrawRequested>(),
        vector[events::new_withdraw_requested(1, object::id(&staked), w.node(0), ALICE, wal(100), 2)],
    );
    assert_eq!(w.staking().pool(w.node(0)).pending_withdraw_shares(2), wal(100));
    destroy(staked);
    w.end();
}

#[test]
fun a_request_after_voting_end_is_withdrawable_in_two_epochs() {
    let (mut w, mut staked) = alice_active();
    w.voting_end();
    w.request_withdraw(ALICE, &mut staked);
    assert_eq!(staked.withdraw_epoch(), option::some(3));
    destroy(staked);
    w.end();
}

#[test, expected_failure(abort_code = staking::EWithdrawEpochNotReached)]
fun no_withdrawal_before_the_withdraw_epoch() {
    let (mut w, mut staked) = alice_active();
    w.request_withdraw(ALICE, &mut staked);
    w.withdraw(ALICE, staked);
    w.end();
}

#[test, expected_failure(abort_code = staking::EAlreadyWithdrawing)]
fun a_withdrawal_is_requested_once() {
    let (mut w, mut staked) = alice_active();
    w.request_withdraw(ALICE, &mut staked);
    w.request_withdraw(ALICE, &mut staked);
    destroy(staked);
    w.end();
}

#[test, expected_failure(abort_code = staking::ENotActive)]
fun pending_stake_cannot_request_a_withdrawal() {
    let mut w = world::new();
    w.register_nodes(1);
    let mut staked = w.stake(ALICE, 0, wal(10));
    w.request_withdraw(ALICE, &mut staked);
    destroy(staked);
    w.end();
}

#[test]
fun a_withdrawal_pays_the_rewards_earned_until_the_withdraw_epoch() {
    let (mut w, mut staked) = alice_active();
    w.add_fees(1_000_000);
    w.request_withdraw(ALICE, &mut staked);
    w.advance_epoch(); // 1 -> 2: epoch 1's rewards compound, then ALICE's shares leave
    let id = object::id(&staked);
    assert_eq!(w.staking().calculate_rewards(&staked), 873_000);
    w = w.next_tx();
    assert_eq!(w.withdraw(ALICE, staked), wal(100) + 873_000);
    assert_eq!(
        event::events_by_type<events::StakeWithdrawn>(),
        vector[events::new_stake_withdrawn(2, id, w.node(0), ALICE, wal(100), 873_000, 0)],
    );
    let pool = w.staking().pool(w.node(0));
    assert_eq!(pool.withdrawable(), 0);
    assert_eq!(pool.shares(), 0);
    assert_eq!(pool.balance(), 0);
    w.end();
}

#[test]
fun a_withdrawing_stake_earns_nothing_after_its_withdraw_epoch() {
    let (mut w, mut staked) = alice_active();
    w.add_fees(1_000_000);
    w.request_withdraw(ALICE, &mut staked);
    w.advance_epoch();
    w.add_fees(1_000_000);
    w.advance_epoch(); // epoch 3: more fees, but ALICE left at epoch 2
    assert_eq!(w.staking().calculate_rewards(&staked), 873_000);
    assert_eq!(w.withdraw(ALICE, staked), wal(100) + 873_000);
    w.end();
}

#[test]
fun rewards_compound_and_later_stakers_buy_shares_at_the_higher_rate() {
    let (mut w, alice) = alice_active();
    w.add_fees(1_000_000);
    let bob = w.stake(BOB, 0, wal(100)); // active at 2, at rate(2)
    w.advance_epoch(); // 1 -> 2
    let pool = w.staking().pool(w.node(0));
    assert_eq!(pool.rate_at(2).wal(), wal(100) + 873_000);
    assert_eq!(pool.rate_at(2).shares(), wal(100));
    assert_eq!(pool.shares_of(wal(100), 2), 99_999_127_007);
    w.add_fees(1_000_000);
    w.advance_epoch(); // 2 -> 3
    let pool = w.staking().pool(w.node(0));
    assert_eq!(pool.rate_at(3).wal(), 200_001_746_000);
    assert_eq!(pool.rate_at(3).shares(), 199_999_127_007);
    // ALICE earned both epochs, BOB only the second (less ~3 FROST of rounding).
    assert_eq!(w.staking().calculate_rewards(&alice), 1_309_502);
    assert_eq!(w.staking().calculate_rewards(&bob), 436_497);
    destroy(alice);
    destroy(bob);
    w.end();
}

#[test]
fun rewards_are_zero_until_the_stake_is_active() {
    let mut w = world::new();
    w.register_nodes(1);
    let staked = w.stake(ALICE, 0, wal(10));
    assert_eq!(w.staking().calculate_rewards(&staked), 0);
    w.advance_epoch();
    assert_eq!(w.staking().calculate_rewards(&staked), 0);
    assert!(!w.staking().can_withdraw_early(&staked));
    destroy(staked);
    w.end();
}

#[test]
fun a_split_moves_principal_into_a_new_stake_in_the_same_state() {
    let (mut w, mut staked) = alice_active();
    w.request_withdraw(ALICE, &mut staked);
    let (staking, ctx) = w.staking_and_ctx(ALICE);
    let part = staking.split_staked_wal(&mut staked, wal(30), ctx);
    assert_eq!(staked.principal(), wal(70));
    assert_eq!(part.principal(), wal(30));
    assert_eq!(part.withdraw_epoch(), option::some(2));
    assert_eq!(part.activation_epoch(), 1);
    assert_eq!(part.changed_epoch(), 1);
    assert_eq!(
        event::events_by_type<events::StakedWalSplit>(),
        vector[events::new_staked_wal_split(1, object::id(&staked), object::id(&part), wal(30))],
    );
    w.advance_epoch();
    assert_eq!(w.withdraw(ALICE, part), wal(30));
    assert_eq!(w.withdraw(ALICE, staked), wal(70));
    w.end();
}

#[test, expected_failure(abort_code = staking::EInvalidSplitAmount)]
fun splitting_nothing_is_refused() {
    let (mut w, mut staked) = alice_active();
    let (staking, ctx) = w.staking_and_ctx(ALICE);
    let part = staking.split_staked_wal(&mut staked, 0, ctx);
    destroy(part);
    destroy(staked);
    w.end();
}

#[test, expected_failure(abort_code = staking::EInvalidSplitAmount)]
fun splitting_off_everything_is_refused() {
    let (mut w, mut staked) = alice_active();
    let (staking, ctx) = w.staking_and_ctx(ALICE);
    let part = staking.split_staked_wal(&mut staked, wal(100), ctx);
    destroy(part);
    destroy(staked);
    w.end();
}

#[test, expected_failure(abort_code = staking::EStakeBelowMinimum)]
fun a_split_must_leave_one_wal_on_both_sides() {
    let (mut w, mut staked) = alice_active();
    let (staking, ctx) = w.staking_and_ctx(ALICE);
    let part = staking.split_staked_wal(&mut staked, wal(100) - wal(1) + 1, ctx);
    destroy(part);
    destroy(staked);
    w.end();
}

#[test]
fun joining_merges_two_stakes_of_the_same_activation() {
    let mut w = world::new();
    w.register_nodes(1);
    let mut a = w.stake(ALICE, 0, wal(10));
    let b = w.stake(ALICE, 0, wal(5));
    let b_id = object::id(&b);
    w.staking().join_staked_wal(&mut a, b);
    assert_eq!(a.principal(), wal(15));
    assert_eq!(
        event::events_by_type<events::StakedWalJoined>(),
        vector[events::new_staked_wal_joined(0, object::id(&a), b_id)],
    );
    destroy(a);
    w.end();
}

#[test, expected_failure(abort_code = staking::EIncompatibleStakedWal)]
fun stakes_with_different_nodes_cannot_be_joined() {
    let mut w = world::new();
    w.register_nodes(2);
    let mut a = w.stake(ALICE, 0, wal(10));
    let b = w.stake(ALICE, 1, wal(10));
    w.staking().join_staked_wal(&mut a, b);
    destroy(a);
    w.end();
}

#[test, expected_failure(abort_code = staking::EIncompatibleStakedWal)]
fun stakes_activating_in_different_epochs_cannot_be_joined() {
    let mut w = world::new();
    w.register_nodes(1);
    let mut a = w.stake(ALICE, 0, wal(10));
    w.voting_end();
    let b = w.stake(ALICE, 0, wal(10));
    w.staking().join_staked_wal(&mut a, b);
    destroy(a);
    w.end();
}

#[test, expected_failure(abort_code = staking::EIncompatibleStakedWal)]
fun a_withdrawing_stake_cannot_join_a_staked_one() {
    let mut w = world::new();
    w.register_nodes(1);
    let mut a = w.stake(ALICE, 0, wal(10));
    let mut b = w.stake(ALICE, 0, wal(10));
    w.advance_epoch();
    w.request_withdraw(ALICE, &mut b);
    w.staking().join_staked_wal(&mut a, b);
    destroy(a);
    w.end();
}

#[test, expected_failure(abort_code = staking::EWrongVersion)]
fun an_outdated_package_cannot_take_stake() {
    let mut w = world::new();
    w.register_nodes(1);
    w.staking_mut().set_version_for_testing(0);
    let staked = w.stake(ALICE, 0, wal(10));
    destroy(staked);
    w.end();
}
