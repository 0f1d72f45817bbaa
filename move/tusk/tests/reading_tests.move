/// What dashboards read: pool rates and payouts, epoch state, stakes and
/// voting power.
///
/// Setting: node 0 (10% commission), ALICE staked 100 WAL in epoch 0, epoch 1
/// earned 1,000,000 FROST of fees (873,000 compounded), now in epoch 2.
#[test_only]
module tusk::reading_tests;

use std::unit_test::{assert_eq, destroy};
use tusk::exchange_rate;
use tusk::staked_wal::StakedWal;
use tusk::staking;
use tusk::world::{Self, World, frost_per_wal};

const ALICE: address = @0xA11;

fun wal(n: u64): u64 { n * frost_per_wal!() }

fun in_epoch_2(): (World, StakedWal) {
    let mut w = world::new();
    w.register_nodes(1);
    let staked = w.stake(ALICE, 0, wal(100));
    w.advance_epoch();
    w.add_fees(1_000_000);
    w.advance_epoch();
    (w.next_tx(), staked)
}

#[test]
fun a_pool_records_one_rate_per_epoch_since_registration() {
    let (w, staked) = in_epoch_2();
    let pool = w.staking().pool(w.node(0));
    assert!(pool.has_rate(0) && pool.has_rate(1) && pool.has_rate(2));
    assert!(!pool.has_rate(3));
    assert_eq!(pool.rate_at(0), exchange_rate::flat());
    assert_eq!(pool.rate_at(1), exchange_rate::flat());
    assert_eq!(pool.rate_at(2), exchange_rate::new(wal(100) + 873_000, wal(100)));
    assert_eq!(pool.unslashed_rate_at(2), pool.rate_at(2));
    assert_eq!(pool.current_rate(), exchange_rate::new(wal(100) + 873_000, wal(100)));
    assert_eq!(pool.epoch(), 2);
    destroy(staked);
    w.end();
}

#[test]
fun a_payout_splits_into_principal_and_rewards() {
    let (w, staked) = in_epoch_2();
    let pool = w.staking().pool(w.node(0));
    let (amount, rewards, slashed) = pool.payout(wal(100), 1, 2);
    assert_eq!(amount, wal(100) + 873_000);
    assert_eq!(rewards, 873_000);
    assert_eq!(slashed, 0);
    destroy(staked);
    w.end();
}

#[test]
fun the_epoch_state_tells_sync_from_done() {
    let (mut w, staked) = in_epoch_2();
    assert_eq!(w.staking().epoch_state(), staking::new_epoch_state_done_for_testing(w.staking().epoch_start_ms()));
    w.voting_end();
    w.initiate_epoch_change();
    assert!(!w.staking().is_epoch_change_done());
    assert_eq!(w.staking().sync_weight(), 0);
    destroy(staked);
    w.end();
}

#[test]
fun stakes_and_voting_power_are_readable() {
    let (mut w, mut staked) = in_epoch_2();
    let node = w.node(0);
    assert!(w.staking().has_pool(node));
    assert!(!w.staking().has_pool(object::id_from_address(@0xDEAD)));
    assert_eq!(w.staking().active_stake(node), wal(100) + 873_000);
    assert_eq!(w.staking().voting_power(&staked), wal(100) + 873_000);
    let pending = w.stake(ALICE, 0, wal(5));
    assert_eq!(w.staking().voting_power(&pending), 0);
    w.request_withdraw(ALICE, &mut staked);
    assert_eq!(w.staking().voting_power(&staked), 0);
    destroy(staked);
    destroy(pending);
    w.end();
}

#[test, expected_failure(abort_code = staking::EUnknownNode)]
fun reading_an_unknown_pool_aborts() {
    let w = world::new();
    w.staking().pool(object::id_from_address(@0xDEAD));
    w.end();
}
