/// Slashing: committee members vote with their shards; at 2/3 of the shards
/// anyone executes; the node's commission and 1% of its pool's stake burn,
/// and its delegators bear the loss through the exchange rate.
///
/// Setting: three nodes with 100 WAL each (shards 34/33/33), 1,000,000 FROST
/// of fees in epoch 1, now in epoch 2. Node 2's pool earned 320,100 of which
/// 32,010 is commission, so it holds 100,000,288,090 FROST of stake.
#[test_only]
module tusk::slashing_tests;

use std::unit_test::{assert_eq, destroy};
use sui::event;
use tusk::events;
use tusk::staked_wal::StakedWal;
use tusk::staking;
use tusk::world::{Self, World, frost_per_wal};

fun wal(n: u64): u64 { n * frost_per_wal!() }

fun staker(i: u64): address { sui::address::from_u256(0x5000 + (i as u256)) }

fun three_nodes_in_epoch_2(): (World, vector<StakedWal>) {
    let mut w = world::new();
    w.register_nodes(3);
    let mut staked = vector[];
    3u64.do!(|i| staked.push_back(w.stake(staker(i), i, wal(100))));
    w.advance_epoch();
    w.add_fees(1_000_000);
    w.advance_epoch();
    (w.next_tx(), staked)
}

#[test]
fun committee_members_vote_with_their_shards() {
    let (mut w, staked) = three_nodes_in_epoch_2();
    let (n0, n1, n2) = (w.node(0), w.node(1), w.node(2));
    w.vote_for_slash(0, n2);
    w.vote_for_slash(1, n2);
    assert_eq!(
        event::events_by_type<events::SlashVoteCast>(),
        vector[events::new_slash_vote_cast(2, n0, n2, 34, 34), events::new_slash_vote_cast(2, n1, n2, 33, 67)],
    );
    assert_eq!(w.staking().slash_votes(n2), 67);
    destroy(staked);
    w.end();
}

#[test]
fun a_slash_at_exactly_two_thirds_burns_commission_and_one_percent_of_the_stake() {
    let (mut w, staked) = three_nodes_in_epoch_2();
    let n2 = w.node(2);
    assert_eq!(w.staking().pool(n2).wal(), 100_000_288_090);
    assert_eq!(w.staking().pool(n2).commission(), 32_010);
    w.vote_for_slash(0, n2);
    w.vote_for_slash(1, n2); // 34 + 33 = 67 of 100
    let supply = w.total_supply();
    w.execute_slash(n2);
    assert_eq!(
        event::events_by_type<events::NodeSlashed>(),
        vector[events::new_node_slashed(2, n2, 32_010, 1_000_002_880, 99_000_285_210, wal(100))],
    );
    assert_eq!(supply - w.total_supply(), 32_010 + 1_000_002_880);
    let pool = w.staking().pool(n2);
    assert_eq!(pool.wal(), 99_000_285_210);
    assert_eq!(pool.commission(), 0);
    assert_eq!(pool.unslashed_wal(), 100_000_288_090);
    destroy(staked);
    w.end();
}

#[test, expected_failure(abort_code = staking::ENoSlashQuorum)]
fun one_shard_below_two_thirds_cannot_slash() {
    let (mut w, staked) = three_nodes_in_epoch_2();
    let n0 = w.node(0);
    w.vote_for_slash(1, n0);
    w.vote_for_slash(2, n0); // 33 + 33 = 66 of 100
    w.execute_slash(n0);
    destroy(staked);
    w.end();
}

#[test]
fun delegators_bear_the_slash_and_their_withdrawal_says_how_much() {
    let (mut w, mut staked) = three_nodes_in_epoch_2();
    let n2 = w.node(2);
    w.vote_for_slash(0, n2);
    w.vote_for_slash(1, n2);
    w.execute_slash(n2);
    let mut mine = staked.pop_back();
    w.request_withdraw(staker(2), &mut mine);
    w.advance_epoch(); // 2 -> 3, no fees
    let pool = w.staking().pool(n2);
    // The rate fell with the slash.
    assert!(!pool.rate_at(3).is_at_least(&pool.rate_at(2)));
    w = w.next_tx();
    let id = object::id(&mine);
    assert_eq!(w.withdraw(staker(2), mine), 99_000_285_210);
    assert_eq!(
        event::events_by_type<events::StakeWithdrawn>(),
        vector[events::new_stake_withdrawn(3, id, n2, staker(2), wal(100), 288_090, 1_000_002_880)],
    );
    destroy(staked);
    w.end();
}

#[test, expected_failure(abort_code = staking::EAlreadySlashed)]
fun a_node_is_slashed_at_most_once_per_epoch() {
    let (mut w, staked) = three_nodes_in_epoch_2();
    let n2 = w.node(2);
    w.vote_for_slash(0, n2);
    w.vote_for_slash(1, n2);
    w.execute_slash(n2);
    w.execute_slash(n2);
    destroy(staked);
    w.end();
}

#[test, expected_failure(abort_code = staking::ENoSlashQuorum)]
fun slash_votes_expire_with_the_epoch() {
    let (mut w, staked) = three_nodes_in_epoch_2();
    let n2 = w.node(2);
    w.vote_for_slash(0, n2);
    w.vote_for_slash(1, n2);
    w.advance_epoch();
    assert_eq!(w.staking().slash_votes(n2), 0);
    w.execute_slash(n2);
    destroy(staked);
    w.end();
}

#[test]
fun last_epochs_votes_do_not_block_voting_again() {
    let (mut w, staked) = three_nodes_in_epoch_2();
    let n2 = w.node(2);
    w.vote_for_slash(0, n2);
    w.advance_epoch();
    w.vote_for_slash(0, n2);
    assert_eq!(w.staking().slash_votes(n2), 34);
    destroy(staked);
    w.end();
}

#[test, expected_failure(abort_code = staking::EAlreadyVoted)]
fun a_member_votes_once_per_target_and_epoch() {
    let (mut w, staked) = three_nodes_in_epoch_2();
    let n2 = w.node(2);
    w.vote_for_slash(0, n2);
    w.vote_for_slash(0, n2);
    destroy(staked);
    w.end();
}

#[test, expected_failure(abort_code = staking::ECannotSlashSelf)]
fun a_node_cannot_vote_against_itself() {
    let (mut w, staked) = three_nodes_in_epoch_2();
    let n0 = w.node(0);
    w.vote_for_slash(0, n0);
    destroy(staked);
    w.end();
}

#[test, expected_failure(abort_code = staking::ENotCommitteeMember)]
fun only_committee_members_vote_to_slash() {
    let (mut w, staked) = three_nodes_in_epoch_2();
    w.register_nodes(4);
    let n0 = w.node(0);
    w.vote_for_slash(3, n0);
    destroy(staked);
    w.end();
}

#[test, expected_failure(abort_code = staking::EUnknownNode)]
fun an_unknown_node_cannot_be_voted_against() {
    let (mut w, staked) = three_nodes_in_epoch_2();
    w.vote_for_slash(0, object::id_from_address(@0xDEAD));
    destroy(staked);
    w.end();
}

#[test, expected_failure(abort_code = staking::EUnknownNode)]
fun an_unknown_node_cannot_be_slashed() {
    let (mut w, staked) = three_nodes_in_epoch_2();
    w.execute_slash(object::id_from_address(@0xDEAD));
    destroy(staked);
    w.end();
}

/// Slashing is for committee duties: a node outside the committee holds no
/// shards to neglect (and may be idle, outside the active set).
#[test, expected_failure(abort_code = staking::ENotInCommittee)]
fun a_candidate_outside_the_committee_cannot_be_slashed() {
    let (mut w, staked) = three_nodes_in_epoch_2();
    w.register_nodes(4);
    let n3 = w.node(3);
    w.vote_for_slash(0, n3);
    destroy(staked);
    w.end();
}
