/// Operators: registering a node, its info, commission and price votes, and
/// what a `StorageNodeCap` may do.
#[test_only]
module tusk::operator_tests;

use std::unit_test::{assert_eq, destroy};
use sui::event;
use tusk::events;
use tusk::staking;
use tusk::storage_node;
use tusk::test_node_keys;
use tusk::world::{Self, frost_per_wal};

const BOB: address = @0xB0B;

#[test]
fun registering_a_node_creates_its_pool_and_announces_it() {
    let mut w = world::new();
    w.register_node(0, 800);
    let node_id = w.node(0);
    assert_eq!(
        event::events_by_type<events::NodeRegistered>(),
        vector[
            events::new_node_registered(
                0,
                node_id,
                world::operator(0),
                b"node-0".to_string(),
                b"node.tusk.test:9000".to_string(),
                test_node_keys::public_key(0),
                800,
            ),
        ],
    );
    let pool = w.staking().pool(node_id);
    assert_eq!(pool.node_id(), node_id);
    assert_eq!(pool.operator(), world::operator(0));
    assert_eq!(pool.commission_rate(), 800);
    assert_eq!(pool.registered_epoch(), 0);
    assert_eq!(pool.info().public_key(), test_node_keys::public_key(0));
    assert_eq!(pool.storage_price_vote(), 1_000);
    assert_eq!(pool.wal(), 0);
    assert_eq!(w.staking().node_count(), 1);
    // Idle until staked with.
    assert_eq!(w.staking().active_set(), vector[]);
    assert_eq!(w.cap(0).node_id(), node_id);
    w.end();
}

#[test, expected_failure(abort_code = staking::EInvalidCommissionRate)]
fun a_commission_above_100_percent_is_refused_at_registration() {
    let mut w = world::new();
    w.register_node(0, 10_001);
    w.end();
}

#[test, expected_failure(abort_code = storage_node::EInvalidPublicKey)]
fun a_short_public_key_is_refused_at_registration() {
    let mut w = world::new();
    let (staking, ctx) = w.staking_and_ctx(world::operator(0));
    let cap = staking.register_candidate(
        b"n".to_string(),
        b"a".to_string(),
        b"u".to_string(),
        x"00",
        vector[],
        test_node_keys::pop(0),
        0,
        0,
        0,
        0,
        ctx,
    );
    destroy(cap);
    w.end();
}

#[test]
fun a_commission_change_applies_to_rewards_two_epochs_later() {
    let mut w = world::new();
    w.register_nodes(1);
    let stake = w.stake(BOB, 0, 100 * frost_per_wal!());
    w.advance_epoch(); // epoch 1: node 0 holds all 100 shards
    w = w.next_tx();
    let (staking, cap) = w.staking_and_cap(0);
    staking.set_commission(cap, 5_000);
    assert_eq!(
        event::events_by_type<events::CommissionScheduled>(),
        vector[events::new_commission_scheduled(1, w.node(0), 5_000, 3)],
    );
    assert_eq!(w.staking().pool(w.node(0)).pending_commission_rate(3), option::some(5_000));
    // Rewards earned in epochs 1 and 2 still pay 10%; those of epoch 3 pay 50%.
    // Each epoch: 1,000,000 fees, 3% burned, 970,000 to node 0 (all shards).
    w.add_fees(1_000_000);
    w.advance_epoch(); // 1 -> 2
    assert_eq!(w.staking().pool(w.node(0)).commission(), 97_000);
    w.add_fees(1_000_000);
    w.advance_epoch(); // 2 -> 3
    assert_eq!(w.staking().pool(w.node(0)).commission(), 194_000);
    assert_eq!(w.staking().pool(w.node(0)).commission_rate(), 5_000);
    w.add_fees(1_000_000);
    w.advance_epoch(); // 3 -> 4
    assert_eq!(w.staking().pool(w.node(0)).commission(), 194_000 + 485_000);
    destroy(stake);
    w.end();
}

#[test, expected_failure(abort_code = staking::EInvalidCommissionRate)]
fun a_commission_above_100_percent_cannot_be_scheduled() {
    let mut w = world::new();
    w.register_nodes(1);
    let (staking, cap) = w.staking_and_cap(0);
    staking.set_commission(cap, 10_001);
    w.end();
}

#[test]
fun the_cap_holder_collects_the_accrued_commission() {
    let mut w = world::new();
    w.register_nodes(1);
    let stake = w.stake(BOB, 0, 100 * frost_per_wal!());
    w.advance_epoch();
    w.add_fees(1_000_000);
    w.advance_epoch();
    // 1,000,000 fees - 3% burn = 970,000 rewards; 10% commission.
    assert_eq!(w.staking().pool(w.node(0)).commission(), 97_000);
    w = w.next_tx();
    let operator = world::operator(0);
    let (staking, cap, ctx) = w.staking_cap_and_ctx(0, operator);
    let coin = staking.collect_commission(cap, ctx);
    assert_eq!(coin.value(), 97_000);
    assert_eq!(
        event::events_by_type<events::CommissionCollected>(),
        vector[events::new_commission_collected(2, w.node(0), 97_000, operator)],
    );
    assert_eq!(w.staking().pool(w.node(0)).commission(), 0);
    destroy(coin);
    destroy(stake);
    w.end();
}

#[test]
fun a_node_votes_on_prices_and_capacity() {
    let mut w = world::new();
    w.register_nodes(1);
    let (staking, cap) = w.staking_and_cap(0);
    staking.vote_for_prices(cap, 5, 6, 7);
    assert_eq!(
        event::events_by_type<events::NodeVoted>(),
        vector[events::new_node_voted(0, w.node(0), 5, 6, 7)],
    );
    let pool = w.staking().pool(w.node(0));
    assert_eq!(pool.storage_price_vote(), 5);
    assert_eq!(pool.write_price_vote(), 6);
    assert_eq!(pool.capacity_vote(), 7);
    w.end();
}

#[test]
fun setting_the_name_announces_only_the_name() {
    let mut w = world::new();
    w.register_nodes(1);
    let (staking, cap) = w.staking_and_cap(0);
    staking.set_name(cap, b"renamed".to_string());
    assert_eq!(
        event::events_by_type<events::NodeUpdated>(),
        vector[
            events::new_node_updated(
                0,
                w.node(0),
                option::some(b"renamed".to_string()),
                option::none(),
                option::none(),
                option::none(),
                option::none(),
            ),
        ],
    );
    assert_eq!(w.staking().pool(w.node(0)).info().name(), b"renamed".to_string());
    w.end();
}

#[test]
fun setting_the_network_address_announces_only_it() {
    let mut w = world::new();
    w.register_nodes(1);
    let (staking, cap) = w.staking_and_cap(0);
    staking.set_network_address(cap, b"10.0.0.1:1".to_string());
    assert_eq!(
        event::events_by_type<events::NodeUpdated>(),
        vector[
            events::new_node_updated(
                0,
                w.node(0),
                option::none(),
                option::some(b"10.0.0.1:1".to_string()),
                option::none(),
                option::none(),
                option::none(),
            ),
        ],
    );
    assert_eq!(w.staking().pool(w.node(0)).info().network_address(), b"10.0.0.1:1".to_string());
    w.end();
}

#[test]
fun setting_the_metadata_url_announces_only_it() {
    let mut w = world::new();
    w.register_nodes(1);
    let (staking, cap) = w.staking_and_cap(0);
    staking.set_metadata_url(cap, b"https://x".to_string());
    assert_eq!(
        event::events_by_type<events::NodeUpdated>(),
        vector[
            events::new_node_updated(
                0,
                w.node(0),
                option::none(),
                option::none(),
                option::none(),
                option::none(),
                option::some(b"https://x".to_string()),
            ),
        ],
    );
    assert_eq!(w.staking().pool(w.node(0)).info().metadata_url(), b"https://x".to_string());
    w.end();
}

#[test]
fun setting_the_network_key_announces_only_it() {
    let mut w = world::new();
    w.register_nodes(1);
    let (staking, cap) = w.staking_and_cap(0);
    staking.set_network_public_key(cap, x"abcd");
    assert_eq!(
        event::events_by_type<events::NodeUpdated>(),
        vector[
            events::new_node_updated(
                0,
                w.node(0),
                option::none(),
                option::none(),
                option::none(),
                option::some(x"abcd"),
                option::none(),
            ),
        ],
    );
    assert_eq!(w.staking().pool(w.node(0)).info().network_public_key(), x"abcd");
    w.end();
}

#[test]
fun rotating_the_bls_key_needs_a_proof_for_the_sender() {
    let mut w = world::new();
    w.register_nodes(1);
    // Operator 0 moves node 0 to key 5, proving possession as operator 0.
    let (staking, cap, ctx) = w.staking_cap_and_ctx(0, world::operator(0));
    staking.set_public_key(cap, test_node_keys::public_key(5), test_node_keys::pop_by_operator_0(5), ctx);
    assert_eq!(
        event::events_by_type<events::NodeUpdated>(),
        vector[
            events::new_node_updated(
                0,
                w.node(0),
                option::none(),
                option::none(),
                option::some(test_node_keys::public_key(5)),
                option::none(),
                option::none(),
            ),
        ],
    );
    assert_eq!(w.staking().pool(w.node(0)).info().public_key(), test_node_keys::public_key(5));
    w.end();
}

#[test, expected_failure(abort_code = storage_node::EInvalidPublicKey)]
fun rotating_to_a_malformed_key_is_refused() {
    let mut w = world::new();
    w.register_nodes(1);
    let (staking, cap, ctx) = w.staking_cap_and_ctx(0, world::operator(0));
    staking.set_public_key(cap, x"0102", test_node_keys::pop_by_operator_0(5), ctx);
    w.end();
}

#[test, expected_failure(abort_code = staking::EUnknownNode)]
fun a_cap_of_an_unknown_node_cannot_act() {
    let mut w = world::new();
    w.register_nodes(1);
    let cap = storage_node::new_cap_for_testing(object::id_from_address(@0xDEAD), w.ctx(BOB));
    w.staking_mut().vote_for_prices(&cap, 1, 1, 1);
    destroy(cap);
    w.end();
}

#[test, expected_failure(abort_code = staking::EWrongVersion)]
fun an_outdated_package_cannot_register_nodes() {
    let mut w = world::new();
    w.staking_mut().set_version_for_testing(2);
    w.register_nodes(1);
    w.end();
}
