/// The epoch state machine: voting end at half an epoch, the epoch change at
/// its end, committee selection and shards, fees into rewards, parameters and
/// prices, and the sync quorum.
#[test_only]
module tusk::epoch_tests;

use std::unit_test::{assert_eq, destroy};
use sui::event;
use tusk::events;
use tusk::staked_wal::StakedWal;
use tusk::staking;
use tusk::world::{Self, World, frost_per_wal};

fun wal(n: u64): u64 { n * frost_per_wal!() }

fun staker(i: u64): address { sui::address::from_u256(0x5000 + (i as u256)) }

/// `n` nodes, node `i` staked with `stakes[i]` WAL by its own staker, and
/// `voting_end` of epoch 0 not yet run.
fun nodes_with_stakes(stakes: vector<u64>): (World, vector<StakedWal>) {
    let mut w = world::new();
    w.register_nodes(stakes.length());
    let mut staked = vector[];
    stakes.length().do!(|i| {
        if (stakes[i] > 0) staked.push_back(w.stake(staker(i), i, wal(stakes[i])));
    });
    (w, staked)
}

/// Three nodes with 100 WAL each, in epoch 1 (shards 34, 33, 33).
fun three_equal_nodes(): (World, vector<StakedWal>) {
    let (mut w, staked) = nodes_with_stakes(vector[100, 100, 100]);
    w.advance_epoch();
    (w.next_tx(), staked)
}

fun range(from: u16, to: u16): vector<u16> {
    let mut out = vector[];
    let mut i = from;
    while (i < to) {
        out.push_back(i);
        i = i + 1;
    };
    out
}

#[test]
fun genesis_is_epoch_0_done_with_no_committee() {
    let w = world::new();
    let staking = w.staking();
    assert_eq!(staking.epoch(), 0);
    assert!(staking.is_epoch_change_done());
    assert!(!staking.voting_ended());
    assert_eq!(staking.committee().size(), 0);
    assert_eq!(staking.epoch_start_ms(), 1_000);
    assert_eq!(staking.storage_price(), 1_000);
    assert_eq!(staking.write_price(), 2_000);
    assert_eq!(staking.capacity(), 1_000_000_000);
    assert_eq!(staking.next_change_epoch(), 1);
    w.end();
}

#[test, expected_failure(abort_code = staking::ETooEarly)]
fun voting_cannot_end_before_half_of_the_epoch() {
    let mut w = world::new();
    w.voting_end_at(world::epoch_duration_ms() / 2 - 1);
    w.end();
}

#[test]
fun voting_ends_exactly_at_half_of_the_epoch_and_selects_the_next_committee() {
    let (mut w, staked) = nodes_with_stakes(vector[100, 100, 100]);
    w.voting_end();
    assert!(w.staking().voting_ended());
    assert_eq!(w.staking().next_change_epoch(), 2);
    let (n0, n1, n2) = (w.node(0), w.node(1), w.node(2));
    assert_eq!(
        event::events_by_type<events::CommitteeSelected>(),
        vector[events::new_committee_selected(0, 1, vector[n0, n1, n2], vector[34, 33, 33])],
    );
    let next = w.staking().next_committee();
    assert_eq!(next.shards(), vector[range(0, 34), range(34, 67), range(67, 100)]);
    destroy(staked);
    w.end();
}

#[test, expected_failure(abort_code = staking::EWrongEpochState)]
fun voting_ends_once_per_epoch() {
    let mut w = world::new();
    w.voting_end();
    w.voting_end();
    w.end();
}

#[test, expected_failure(abort_code = staking::EWrongEpochState)]
fun voting_cannot_end_while_the_committee_is_syncing() {
    let (mut w, staked) = three_equal_nodes();
    w.voting_end();
    w.initiate_epoch_change();
    w.voting_end();
    destroy(staked);
    w.end();
}

#[test, expected_failure(abort_code = staking::EWrongEpochState)]
fun the_epoch_cannot_change_before_voting_ends() {
    let mut w = world::new();
    w.initiate_epoch_change();
    w.end();
}

#[test, expected_failure(abort_code = staking::ETooEarly)]
fun the_epoch_cannot_change_before_its_end() {
    let mut w = world::new();
    w.voting_end();
    w.initiate_epoch_change_at(world::epoch_duration_ms() - 1);
    w.end();
}

#[test]
fun the_committee_is_the_top_pools_up_to_the_maximum_size() {
    let mut w = world::new_with(100, 10);
    w.register_nodes(11);
    // Node i stakes 100 + i WAL, registered smallest first.
    let mut s = vector[];
    11u64.do!(|i| s.push_back(w.stake(@0x1, i, wal(100 + i))));
    w.advance_epoch();
    let committee = w.staking().committee();
    let mut expected = vector[];
    10u64.do!(|k| expected.push_back(w.node(10 - k)));
    assert_eq!(committee.node_ids(), expected);
    // Ten members: each is capped at 10 of the 100 shards.
    assert_eq!(committee.shard_counts(), vector::tabulate!(10, |_| 10u16));
    destroy(s);
    w.end();
}

#[test]
fun no_node_holds_more_than_10_percent_of_the_shards_when_others_have_the_stake_for_them() {
    let mut stakes = vector[1_000];
    11u64.do!(|_| stakes.push_back(100));
    let (mut w, staked) = nodes_with_stakes(stakes);
    w.advance_epoch();
    assert_eq!(w.shards_of(0), 10);
    let mut total = 0;
    12u64.do!(|i| total = total + w.shards_of(i));
    assert_eq!(total, 100);
    // The others: at most twice their proportional share, floor(2 * 100 * 100 / 2100) = 9.
    11u64.do!(|k| assert!(w.shards_of(k + 1) <= 9));
    destroy(staked);
    w.end();
}

#[test]
/// With the others staking next to nothing, the 10% cap gives way rather
/// than hand them shards their stake does not back.
fun shards_follow_stake_when_the_others_stake_next_to_nothing() {
    let mut stakes = vector[1_000];
    11u64.do!(|_| stakes.push_back(1));
    let (mut w, staked) = nodes_with_stakes(stakes);
    w.advance_epoch();
    assert_eq!(w.shards_of(0), 100);
    11u64.do!(|k| assert_eq!(w.shards_of(k + 1), 0));
    destroy(staked);
    w.end();
}

#[test]
fun shards_stay_on_their_nodes_when_a_new_node_joins() {
    let (mut w, mut staked) = three_equal_nodes();
    w.register_nodes(4);
    staked.push_back(w.stake(staker(3), 3, wal(100)));
    w.advance_epoch();
    let committee = w.staking().committee();
    assert_eq!(committee.shard_indices_of(w.node(0)), range(0, 25));
    assert_eq!(committee.shard_indices_of(w.node(1)), range(34, 59));
    assert_eq!(committee.shard_indices_of(w.node(2)), range(67, 92));
    let mut moved = range(25, 34);
    moved.append(range(59, 67));
    moved.append(range(92, 100));
    assert_eq!(committee.shard_indices_of(w.node(3)), moved);
    destroy(staked);
    w.end();
}

#[test]
fun fees_are_burned_3_percent_and_paid_by_shards_with_the_dust_burned() {
    let (mut w, staked) = three_equal_nodes();
    w.add_fees(1_000_003);
    let supply = w.total_supply();
    w.advance_epoch();
    // 30,000 burned; 970,003 split 34/33/33: 329,801 + 320,100 + 320,100, dust 2.
    assert_eq!(
        event::events_by_type<events::EpochChangeStarted>(),
        vector[events::new_epoch_change_started(2, 300_000_873_001, 970_001, 30_002)],
    );
    assert_eq!(supply - w.total_supply(), 30_002);
    let pool = w.staking().pool(w.node(0));
    assert_eq!(pool.commission(), 32_980);
    assert_eq!(pool.wal(), wal(100) + 296_821);
    assert_eq!(w.staking().pool(w.node(1)).wal(), wal(100) + 288_090);
    assert_eq!(w.staking().epoch_start_stake(), 300_000_873_001);
    destroy(staked);
    w.end();
}

#[test]
fun the_active_set_steps_into_every_epoch_and_a_pool_never_staked_with_does_not() {
    let (mut w, staked) = nodes_with_stakes(vector[100, 0]);
    w.voting_end();
    w.initiate_epoch_change();
    let (n0, n1) = (w.node(0), w.node(1));
    assert_eq!(
        event::events_by_type<events::PoolAdvanced>(),
        vector[events::new_pool_advanced(1, n0, wal(100), wal(100), 0, 0, wal(100), 0, 0, 0)],
    );
    assert_eq!(w.staking().active_set(), vector[n0]);
    assert_eq!(w.staking().pool(n1).epoch(), 0);
    assert_eq!(w.staking().pool(n1).active_at(1), 0);
    destroy(staked);
    w.end();
}

#[test]
fun pool_advanced_reports_rewards_commission_and_the_new_rate() {
    let (mut w, staked) = nodes_with_stakes(vector[100]);
    w.advance_epoch();
    w.add_fees(1_000_000);
    w = w.next_tx();
    w.advance_epoch();
    let n0 = w.node(0);
    assert_eq!(
        event::events_by_type<events::PoolAdvanced>(),
        vector[
            events::new_pool_advanced(
                2,
                n0,
                wal(100) + 873_000,
                wal(100),
                970_000,
                97_000,
                0,
                0,
                wal(100) + 873_000,
                wal(100),
            ),
        ],
    );
    destroy(staked);
    w.end();
}

#[test]
fun without_a_committee_the_change_is_done_at_once_and_the_fees_are_burned() {
    let mut w = world::new();
    w.add_fees(500);
    let supply = w.total_supply();
    w.voting_end();
    assert_eq!(
        event::events_by_type<events::CommitteeSelected>(),
        vector[events::new_committee_selected(0, 1, vector[], vector[])],
    );
    w.initiate_epoch_change();
    assert!(w.staking().is_epoch_change_done());
    assert_eq!(event::events_by_type<events::EpochChangeDone>(), vector[events::new_epoch_change_done(1)]);
    assert_eq!(
        event::events_by_type<events::EpochChangeStarted>(),
        vector[events::new_epoch_change_started(1, 0, 0, 500)],
    );
    assert_eq!(supply - w.total_supply(), 500);
    assert_eq!(w.staking().epoch(), 1);
    assert_eq!(w.staking().epoch_start_ms(), 1_000 + world::epoch_duration_ms());
    w.end();
}

#[test]
fun prices_are_the_stake_weighted_two_thirds_quantile_of_the_committee_votes() {
    let (mut w, staked) = nodes_with_stakes(vector[100, 100, 100]);
    let votes = vector[vector[100, 10, 1000], vector[300, 30, 3000], vector[200, 20, 2000]];
    3u64.do!(|i| {
        let (staking, cap) = w.staking_and_cap(i);
        staking.vote_for_prices(cap, votes[i][0], votes[i][1], votes[i][2]);
    });
    w.voting_end();
    let (storage_price, write_price, capacity) = w.staking().next_prices();
    assert_eq!(storage_price, 200);
    assert_eq!(write_price, 20);
    assert_eq!(capacity, 2000);
    w.initiate_epoch_change();
    assert_eq!(
        event::events_by_type<events::ParametersApplied>(),
        vector[events::new_parameters_applied(1, 200, 20, 2000, vector[])],
    );
    // System announces the new prices (it starts at 0).
    assert_eq!(
        event::events_by_type<events::PricesUpdated>(),
        vector[events::new_prices_updated(1, 200, 20)],
    );
    assert_eq!(w.staking().storage_price(), 200);
    assert_eq!(w.staking().capacity(), 2000);
    destroy(staked);
    w.end();
}

#[test]
fun the_change_is_not_done_one_shard_below_two_thirds() {
    let (mut w, staked) = three_equal_nodes();
    w.voting_end();
    w.initiate_epoch_change();
    w.sync_node(1, 2);
    w.sync_node(2, 2); // 33 + 33 = 66 of 100
    assert!(!w.staking().is_epoch_change_done());
    assert_eq!(w.staking().sync_weight(), 66);
    assert_eq!(event::events_by_type<events::EpochChangeDone>(), vector[]);
    w.sync_node(0, 2);
    assert!(w.staking().is_epoch_change_done());
    destroy(staked);
    w.end();
}

#[test]
fun the_change_is_done_exactly_at_two_thirds_of_the_shards() {
    let (mut w, staked) = three_equal_nodes();
    w.voting_end();
    w.initiate_epoch_change();
    w.sync_node(1, 2);
    assert_eq!(
        event::events_by_type<events::ShardsReceived>(),
        vector[events::new_shards_received(2, w.node(1), range(34, 67))],
    );
    w.sync_node(0, 2); // 33 + 34 = 67 of 100
    assert!(w.staking().is_epoch_change_done());
    assert_eq!(event::events_by_type<events::EpochChangeDone>(), vector[events::new_epoch_change_done(2)]);
    destroy(staked);
    w.end();
}

#[test, expected_failure(abort_code = staking::EWrongEpoch)]
fun sync_is_confirmed_for_the_current_epoch_only() {
    let (mut w, staked) = three_equal_nodes();
    w.voting_end();
    w.initiate_epoch_change();
    w.sync_node(0, 1);
    destroy(staked);
    w.end();
}

#[test, expected_failure(abort_code = staking::ENotCommitteeMember)]
fun only_committee_members_confirm_sync() {
    let (mut w, staked) = three_equal_nodes();
    w.register_nodes(4);
    w.voting_end();
    w.initiate_epoch_change();
    w.sync_node(3, 2);
    destroy(staked);
    w.end();
}

#[test, expected_failure(abort_code = staking::EAlreadySynced)]
fun a_member_confirms_sync_once() {
    let (mut w, staked) = three_equal_nodes();
    w.voting_end();
    w.initiate_epoch_change();
    w.sync_node(1, 2);
    w.sync_node(1, 2);
    destroy(staked);
    w.end();
}

#[test, expected_failure(abort_code = staking::EWrongEpochState)]
fun sync_after_the_change_is_done_is_refused() {
    let (mut w, staked) = three_equal_nodes();
    w.sync_node(2, 1);
    destroy(staked);
    w.end();
}

#[test, expected_failure(abort_code = staking::EWrongVersion)]
fun an_outdated_package_cannot_end_voting() {
    let mut w = world::new();
    w.staking_mut().set_version_for_testing(2);
    w.voting_end();
    w.end();
}
