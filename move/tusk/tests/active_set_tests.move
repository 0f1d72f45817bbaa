/// The active set: who steps into every epoch and can be selected, how idle
/// pools keep their books, and how the epoch's total stake counts them.
#[test_only]
module tusk::active_set_tests;

use std::unit_test::{assert_eq, destroy};
use sui::event;
use tusk::events;
use tusk::staked_wal::StakedWal;
use tusk::world::{Self, World, frost_per_wal};

/// `staking::MAX_ACTIVE_SET_SIZE`.
const SET_SIZE: u64 = 250;

fun wal(n: u64): u64 { n * frost_per_wal!() }

fun staker(i: u64): address { sui::address::from_u256(0x5000 + (i as u256)) }

fun extra_name(i: u64): std::string::String {
    let mut name = b"extra-".to_string();
    name.append(i.to_string());
    name
}

/// Fills the active set: test node 0 with 100 WAL, then `SET_SIZE - 1`
/// extra nodes with 2 WAL each; returns the world (a fresh transaction), the
/// extra nodes and all stakes.
fun full_set(): (World, vector<ID>, vector<StakedWal>) {
    full_set_of(world::new())
}

fun full_set_of(mut w: World): (World, vector<ID>, vector<StakedWal>) {
    w.register_nodes(1);
    let mut staked = vector[w.stake(staker(0), 0, wal(100))];
    let mut extra = vector[];
    (SET_SIZE - 1).do!(|i| {
        let node_id = w.register_extra_node(staker(i), extra_name(i));
        staked.push_back(w.stake_with_node(staker(i), node_id, wal(2)));
        extra.push_back(node_id);
    });
    assert_eq!(w.staking().active_set().length(), SET_SIZE);
    (w.next_tx(), extra, staked)
}

/// Checks that the epoch's total is the sum of every pool's active stake
/// when it began, whatever their books' epoch.
fun assert_total_counts_every_pool(w: &World, nodes: &vector<ID>) {
    let epoch = w.staking().epoch();
    let mut total = 0;
    nodes.do_ref!(|id| total = total + w.staking().pool(*id).active_at(epoch));
    assert_eq!(w.staking().epoch_start_stake(), total);
}

#[test]
fun staking_with_a_registered_node_brings_it_into_the_active_set() {
    let mut w = world::new();
    w.register_nodes(2);
    let n1 = w.node(1);
    assert_eq!(w.staking().active_set(), vector[]);
    let staked = w.stake(staker(1), 1, wal(5));
    assert_eq!(w.staking().active_set(), vector[n1]);
    assert_eq!(
        event::events_by_type<events::ActiveSetJoined>(),
        vector[events::new_active_set_joined(0, n1, wal(5), option::none())],
    );
    destroy(staked);
    w.end();
}

#[test]
fun a_full_set_takes_a_pool_only_in_place_of_a_weaker_one() {
    let (mut w, extra, staked) = full_set();
    let newcomer = w.register_extra_node(staker(900), extra_name(900));
    // As much as the weakest: stays idle, its stake pending all the same.
    let equal = w.stake_with_node(staker(900), newcomer, wal(2));
    assert!(!w.staking().is_in_active_set(newcomer));
    assert_eq!(w.staking().pool(newcomer).pending_stake(1), wal(2));
    // More: it takes the place of the latest registered of the weakest.
    let more = w.stake_with_node(staker(900), newcomer, wal(1));
    assert!(w.staking().is_in_active_set(newcomer));
    let evicted = extra[SET_SIZE - 2];
    assert!(!w.staking().is_in_active_set(evicted));
    assert_eq!(
        event::events_by_type<events::ActiveSetJoined>(),
        vector[events::new_active_set_joined(0, newcomer, wal(3), option::some(evicted))],
    );
    assert_eq!(w.staking().active_set().length(), SET_SIZE);
    destroy(vector[equal, more]);
    destroy(staked);
    w.end();
}

#[test]
fun an_idle_pool_keeps_its_scheduled_changes_and_takes_them_when_touched() {
    let (mut w, extra, mut staked) = full_set();
    let idle = w.register_extra_node(staker(900), extra_name(900));
    let first = w.stake_with_node(staker(900), idle, wal(1));
    assert!(!w.staking().is_in_active_set(idle));
    w = w.next_tx();
    w.advance_epoch();
    // The set stepped into epoch 1; the idle pool did not, yet its stake counts.
    let advanced = event::events_by_type<events::PoolAdvanced>();
    assert_eq!(advanced.length(), SET_SIZE);
    assert_eq!(w.staking().pool(idle).epoch(), 0);
    assert_eq!(w.staking().pool(idle).wal(), 0);
    assert_eq!(w.staking().pool(idle).active_at(1), wal(1));
    assert_eq!(w.staking().idle_stake(), wal(1));
    let mut all = extra;
    all.push_back(w.node(0));
    all.push_back(idle);
    assert_total_counts_every_pool(&w, &all);
    w = w.next_tx();
    w.advance_epoch();
    assert_total_counts_every_pool(&w, &all);
    // Touched in epoch 2: it steps into epoch 1, where its stake activated.
    w = w.next_tx();
    let second = w.stake_with_node(staker(901), idle, wal(1));
    assert_eq!(
        event::events_by_type<events::PoolAdvanced>(),
        vector[events::new_pool_advanced(1, idle, wal(1), wal(1), 0, 0, wal(1), 0, 0, 0)],
    );
    assert_eq!(w.staking().pool(idle).epoch(), 2);
    assert_eq!(w.staking().pool(idle).active_at(2), wal(1));
    // Its first staker withdraws through the usual request, paid at epoch 4.
    let mut first = first;
    w.request_withdraw(staker(900), &mut first);
    w = w.next_tx();
    w.advance_epoch();
    w = w.next_tx();
    w.advance_epoch();
    assert_total_counts_every_pool(&w, &all);
    assert_eq!(w.staking().pool(idle).active_at(4), wal(1));
    assert_eq!(w.withdraw(staker(900), first), wal(1));
    assert_eq!(w.staking().pool(idle).wal(), wal(1));
    staked.push_back(second);
    destroy(staked);
    w.end();
}

#[test]
fun a_pool_that_left_the_set_reads_its_rate_for_epochs_it_did_not_step_into() {
    let (mut w, extra, staked) = full_set();
    let evicted = extra[SET_SIZE - 2];
    w.advance_epoch();
    w = w.next_tx();
    let newcomer = w.register_extra_node(staker(900), extra_name(900));
    let joined = w.stake_with_node(staker(900), newcomer, wal(3));
    assert!(!w.staking().is_in_active_set(evicted));
    w = w.next_tx();
    w.advance_epochs(3);
    // Last step: epoch 1; epochs 2 to 4 read its rate then.
    let pool = w.staking().pool(evicted);
    assert_eq!(pool.epoch(), 1);
    assert!(!pool.has_rate(3));
    assert_eq!(pool.active_at(3), wal(2));
    assert_eq!(pool.rate_at(4), pool.rate_at(1));
    // And it can come back once it has more stake than the weakest member.
    let more = w.stake_with_node(staker(901), evicted, wal(1));
    assert!(w.staking().is_in_active_set(evicted));
    destroy(vector[joined, more]);
    destroy(staked);
    w.end();
}

#[test]
fun members_of_the_next_committee_cannot_be_pushed_out() {
    // Committees of 200: node 0 and the first 199 extras; 50 extras outside.
    let (mut w, extra, mut staked) = full_set_of(world::new_with(1_000, 200));
    w.voting_end();
    assert!(w.staking().next_committee().contains(extra[198]));
    assert!(!w.staking().next_committee().contains(extra[199]));
    // After the selection the 50 outside gain 1 WAL: the members are now the weakest.
    (SET_SIZE - 200).do!(|k| staked.push_back(w.stake_with_node(staker(k), extra[199 + k], wal(1))));
    let newcomer = w.register_extra_node(staker(900), extra_name(900));
    staked.push_back(w.stake_with_node(staker(900), newcomer, wal(2) + wal(1) / 2));
    assert!(!w.staking().is_in_active_set(newcomer));
    // With more than the weakest non-member it takes that one's place.
    staked.push_back(w.stake_with_node(staker(900), newcomer, wal(1)));
    assert!(w.staking().is_in_active_set(newcomer));
    assert!(!w.staking().is_in_active_set(extra[SET_SIZE - 2]));
    extra.length().do!(|k| if (k < 199) assert!(w.staking().is_in_active_set(extra[k])));
    destroy(staked);
    w.end();
}

#[test, expected_failure(abort_code = tusk::staking::ECannotJoinActiveSet)]
fun joining_a_full_set_without_more_stake_is_refused() {
    let (mut w, _extra, staked) = full_set();
    let idle = w.register_extra_node(staker(900), extra_name(900));
    let equal = w.stake_with_node(staker(900), idle, wal(2));
    w.staking_mut().join_active_set(idle);
    destroy(vector[equal]);
    destroy(staked);
    w.end();
}
