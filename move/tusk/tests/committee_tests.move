/// Committee selection, D'Hondt apportionment with the 10% cap, sticky shard
/// indices, quorum and the stake-weighted 2/3 quantile (same cases as
/// `shared/src/staking/staking.test.ts`).
#[test_only]
module tusk::committee_tests;

use std::unit_test::assert_eq;
use tusk::committee;

fun id(n: u256): ID { object::id_from_address(sui::address::from_u256(n)) }

#[test]
fun selects_top_pools_by_stake_ties_in_registration_order_skipping_empty_pools() {
    let stakes = vector[5, 9, 5, 0];
    assert_eq!(committee::select(&stakes, 10), vector[1, 0, 2]);
    assert_eq!(committee::select(&stakes, 2), vector[1, 0]);
    assert_eq!(committee::select(&vector[0, 0], 10), vector[]);
}

#[test]
fun apportions_every_shard_by_dhondt_in_proportion_to_stake() {
    assert_eq!(committee::apportion(&vector[600, 300, 100], 10, 10), vector[6, 3, 1]);
    // D'Hondt favours larger members: 7 shards over 50/30/20 -> 4/2/1.
    assert_eq!(committee::apportion(&vector[50, 30, 20], 7, 7), vector[4, 2, 1]);
    // Ties go to the earlier member.
    assert_eq!(committee::apportion(&vector[1, 1, 1], 4, 4), vector[2, 1, 1]);
    // All-zero stakes count equally.
    assert_eq!(committee::apportion(&vector[0, 0], 4, 4), vector[2, 2]);
    assert_eq!(committee::apportion(&vector[], 4, 4), vector[]);
}

#[test]
fun caps_a_member_at_10_percent_unless_too_few_members_to_place_all_shards() {
    assert_eq!(committee::shard_cap(1000, 50), 100);
    assert_eq!(committee::shard_cap(1000, 4), 250);
    assert_eq!(committee::shard_cap(100, 20), 10);
    assert_eq!(committee::shard_cap(100, 0), 0);
    let mut stakes = vector[10_000];
    19u64.do!(|_| stakes.push_back(600));
    let shards = committee::apportion(&stakes, 1000, 100);
    assert_eq!(shards[0], 100);
    let mut total = 0;
    shards.do!(|s| total = total + s);
    assert_eq!(total, 1000);
    // The rest goes to members with the stake for it: at most twice their share (56 of 1000).
    19u64.do!(|k| assert!(shards[k + 1] <= 56));
}

#[test]
/// The cap's excess never goes to members staking next to nothing: three
/// nodes of 1,000,000 WAL beside seven of 1 WAL keep every shard (before, the
/// seven got 70 of 100, a quorum for 7 WAL).
fun the_caps_excess_never_goes_to_members_with_next_to_no_stake() {
    let honest = 1_000_000 * 1_000_000_000;
    let mut stakes = vector[honest, honest, honest];
    7u64.do!(|_| stakes.push_back(1_000_000_000));
    assert_eq!(committee::shard_bounds(&stakes, 100, 10), vector[66, 66, 66, 0, 0, 0, 0, 0, 0, 0]);
    assert_eq!(committee::apportion(&stakes, 100, 10), vector[34, 33, 33, 0, 0, 0, 0, 0, 0, 0]);
    // When they have the stake, the cap holds: 0.5% of the stake buys a shard at most.
    assert_eq!(committee::shard_bounds(&vector[300, 300, 400], 10, 4), vector[4, 4, 4]);
    assert_eq!(committee::shard_bounds(&vector[1, 1, 998], 10, 4), vector[0, 0, 19]);
}

/// D'Hondt one shard at a time, within the bounds: the definition `apportion` must match.
fun naive_dhondt(stakes: &vector<u64>, n_shards: u64, cap: u64): vector<u64> {
    let len = stakes.length();
    let bounds = committee::shard_bounds(stakes, n_shards, cap);
    let mut shards = vector::tabulate!(len, |_| 0u64);
    let mut assigned = 0;
    while (assigned < n_shards) {
        let mut best = len;
        len.do!(|i| {
            if (shards[i] < bounds[i] && stakes[i] > 0) {
                if (
                    best == len
                        || (stakes[i] as u128) * ((shards[best] + 1) as u128)
                            > (stakes[best] as u128) * ((shards[i] + 1) as u128)
                ) best = i;
            }
        });
        if (best == len) break;
        *&mut shards[best] = shards[best] + 1;
        assigned = assigned + 1;
    };
    shards
}

#[test]
fun the_lower_quota_shortcut_gives_exactly_the_one_by_one_dhondt_result() {
    let mut seed: u64 = 0x5EED;
    let mut round: u64 = 0;
    while (round < 60) {
        seed = seed ^ (seed << 13);
        seed = seed ^ (seed >> 7);
        seed = seed ^ (seed << 17);
        let members = 1 + seed % 25;
        let n_shards = 1 + (seed >> 8) % 300;
        let mut stakes = vector[];
        members.do!(|k| {
            // Mixed magnitudes, many ties.
            let base = if (k % 3 == 0) 1_000 else if (k % 3 == 1) 7 else 1_000_000;
            stakes.push_back(base * (1 + ((seed >> ((k % 40) as u8)) % 5)));
        });
        let cap = committee::shard_cap(n_shards, members);
        assert_eq!(committee::apportion(&stakes, n_shards, cap), naive_dhondt(&stakes, n_shards, cap));
        round = round + 1;
    };
}

#[test]
fun keeps_shards_on_their_current_node_where_possible() {
    let (a, b, c) = (id(0xa), id(0xb), id(0xc));
    let previous = committee::new_for_testing(vector[a, b], vector[vector[0, 1, 2, 3], vector[4, 5]]);
    let next = committee::assign(&previous, vector[a, b, c], vector[2, 3, 1], 6);
    assert_eq!(next.node_ids(), vector[a, b, c]);
    assert_eq!(next.shards(), vector[vector[0, 1], vector[2, 4, 5], vector[3]]);
    assert_eq!(next.shard_counts(), vector[2, 3, 1]);
}

#[test]
fun drops_members_without_shards_and_hands_out_free_shards_in_order() {
    let (a, b, c) = (id(1), id(2), id(3));
    let next = committee::assign(&committee::empty(), vector[a, b, c], vector[3, 0, 2], 5);
    assert_eq!(next.node_ids(), vector[a, c]);
    assert_eq!(next.shards(), vector[vector[0, 1, 2], vector[3, 4]]);
    assert!(!next.contains(b));
    assert_eq!(next.shards_of(c), 2);
    assert_eq!(next.shards_of(b), 0);
    assert_eq!(next.shard_indices_of(b), vector[]);
    assert_eq!(next.index_of(c), option::some(1));
    assert_eq!(next.size(), 2);
}

#[test]
fun a_departing_node_frees_its_shards_for_the_others() {
    let (a, b, c) = (id(1), id(2), id(3));
    let previous = committee::new_for_testing(vector[a, b], vector[vector[0, 2], vector[1, 3]]);
    let next = committee::assign(&previous, vector[c, a], vector[2, 2], 4);
    assert_eq!(next.shards(), vector[vector[1, 3], vector[0, 2]]);
}

#[test]
fun quorum_is_two_thirds_of_the_shards_inclusive() {
    assert!(committee::is_quorum(667, 1000));
    assert!(!committee::is_quorum(666, 1000));
    assert!(committee::is_quorum(2, 3));
    assert!(!committee::is_quorum(1, 3));
    assert!(committee::is_quorum(67, 100));
    assert!(!committee::is_quorum(66, 100));
}

#[test]
fun price_quantile_is_where_two_thirds_of_the_weight_voted_that_or_less() {
    let values = vector[10, 30, 20];
    let weights = vector[1, 1, 1];
    assert_eq!(committee::two_thirds_quantile(&values, &weights, true), option::some(20));
    assert_eq!(committee::two_thirds_quantile(&values, &weights, false), option::some(20));
    // Decided by weight, not by the number of voters.
    assert_eq!(committee::two_thirds_quantile(&vector[1, 99], &vector[1, 10], true), option::some(99));
    // Exactly at the boundary: 2 of 3 is enough.
    assert_eq!(committee::two_thirds_quantile(&vector[1, 2], &vector[2, 1], true), option::some(1));
    // One below the boundary: 1 of 2 is not.
    assert_eq!(committee::two_thirds_quantile(&vector[1, 2], &vector[1, 1], true), option::some(2));
    // Capacity takes the other end: 2/3 of the weight offers at least this much.
    assert_eq!(committee::two_thirds_quantile(&vector[5, 100, 50], &vector[1, 1, 1], false), option::some(50));
}

#[test]
fun votes_without_weight_do_not_count() {
    assert_eq!(committee::two_thirds_quantile(&vector[1], &vector[0], true), option::none());
    assert_eq!(committee::two_thirds_quantile(&vector[1, 7], &vector[0, 3], true), option::some(7));
    assert_eq!(committee::two_thirds_quantile(&vector[], &vector[], true), option::none());
}
