/// The System across epochs: creation, what `advance_epoch` records and
/// returns, prices and their event, rewards added by anyone, the ring buffer
/// wrapping around, fee conservation over 100 epochs, and the version guard
/// on every public entry point.
#[test_only]
module tusk::system_tests;

use std::unit_test::{assert_eq, destroy};
use sui::balance;
use sui::event;
use sui::test_scenario;
use tusk::bls_vectors;
use tusk::events;
use tusk::storage_resource;
use tusk::system::{Self, System};
use tusk::system_test_utils::{Self as utils, mib, storage_price, write_price, capacity, wallet, frost, node_ids, one_shard_each};

#[test]
fun create_and_share_shares_a_system_at_epoch_0() {
    let mut scenario = test_scenario::begin(@0xA);
    system::create_and_share(7, scenario.ctx());
    scenario.next_tx(@0xA);
    let system = scenario.take_shared<System>();
    assert_eq!(system.epoch(), 0);
    assert_eq!(system.max_epochs_ahead(), 7);
    assert_eq!(system.version(), 1);
    test_scenario::return_shared(system);
    scenario.end();
}

#[test]
fun a_new_system_has_no_committee_capacity_prices_or_fees() {
    let ctx = &mut tx_context::dummy();
    let system = utils::new_empty_system(ctx);
    assert_eq!(system.epoch(), 0);
    assert_eq!(system.committee().size(), 0);
    assert_eq!(system.n_shards(), 0);
    assert_eq!(system.total_capacity(), 0);
    assert_eq!(system.used_capacity(), 0);
    assert_eq!(system.storage_price(), 0);
    assert_eq!(system.write_price(), 0);
    assert_eq!(system.total_rewards(), 0);
    destroy(system);
}

#[test, expected_failure(abort_code = system::EInvalidMaxEpochsAhead)]
fun a_system_that_sells_no_epochs_cannot_be_created() {
    let ctx = &mut tx_context::dummy();
    let _system = system::new_for_testing(0, ctx);
    abort
}

#[test]
fun advance_epoch_installs_the_committee_prices_and_capacity() {
    let ctx = &mut tx_context::dummy();
    let mut system = utils::new_empty_system(ctx);
    let fees = system.advance_epoch(1, node_ids(), bls_vectors::public_keys(), one_shard_each(), 1000, 300, 5 * mib());
    assert_eq!(fees.value(), 0);
    balance::destroy_zero(fees);
    assert_eq!(system.epoch(), 1);
    assert_eq!(system.committee().node_ids(), node_ids());
    assert_eq!(system.committee().public_keys(), bls_vectors::public_keys());
    assert_eq!(system.n_shards(), 10);
    assert_eq!(system.storage_price(), 1000);
    assert_eq!(system.write_price(), 300);
    assert_eq!(system.total_capacity(), 5 * mib());
    destroy(system);
}

#[test]
fun a_price_change_emits_prices_updated_for_the_new_epoch() {
    let ctx = &mut tx_context::dummy();
    let mut system = utils::new_system(ctx);
    utils::advance_with(&mut system, 2000, 300, capacity());
    utils::advance_with(&mut system, 2000, 500, capacity());
    assert_eq!(
        event::events_by_type<events::PricesUpdated>(),
        vector[
            events::new_prices_updated(1, storage_price(), write_price()),
            events::new_prices_updated(2, 2000, 300),
            events::new_prices_updated(3, 2000, 500),
        ],
    );
    destroy(system);
}

#[test]
fun unchanged_prices_emit_nothing() {
    let ctx = &mut tx_context::dummy();
    let mut system = utils::new_system(ctx);
    utils::advance(&mut system);
    utils::advance_with(&mut system, storage_price(), write_price(), 2 * capacity());
    assert_eq!(event::events_by_type<events::PricesUpdated>().length(), 1);
    assert_eq!(system.total_capacity(), 2 * capacity());
    destroy(system);
}

#[test]
fun a_new_committee_replaces_the_old_one() {
    let ctx = &mut tx_context::dummy();
    let mut system = utils::new_system(ctx);
    let fees = system.advance_epoch(
        2,
        vector[node_ids()[3], node_ids()[7]],
        vector[bls_vectors::public_keys()[3], bls_vectors::public_keys()[7]],
        vector[600, 400],
        storage_price(),
        write_price(),
        capacity(),
    );
    balance::destroy_zero(fees);
    assert_eq!(system.committee().size(), 2);
    assert_eq!(system.committee().shards(), vector[600, 400]);
    assert_eq!(system.n_shards(), 1000);
    destroy(system);
}

#[test, expected_failure(abort_code = system::ENotNextEpoch)]
fun skipping_an_epoch_aborts() {
    let ctx = &mut tx_context::dummy();
    let mut system = utils::new_system(ctx);
    let _fees = system.advance_epoch(3, node_ids(), bls_vectors::public_keys(), one_shard_each(), 1, 1, 1);
    abort
}

#[test, expected_failure(abort_code = system::ENotNextEpoch)]
fun repeating_the_current_epoch_aborts() {
    let ctx = &mut tx_context::dummy();
    let mut system = utils::new_system(ctx);
    let _fees = system.advance_epoch(1, node_ids(), bls_vectors::public_keys(), one_shard_each(), 1, 1, 1);
    abort
}

#[test]
fun the_ending_epoch_returns_its_storage_share_write_fees_and_added_rewards() {
    let ctx = &mut tx_context::dummy();
    let mut system = utils::new_system(ctx);
    let mut payment = wallet(ctx);
    let storage = system.reserve_space(2 * mib(), 3, &mut payment, ctx);
    let blob = utils::register_vector_blob(&mut system, 1, false, ctx);
    system.add_rewards(frost(55, ctx));
    // Epoch 1: 2 units of the big storage, 1 unit of the blob's storage, 1 unit written, 55 added.
    let expected = 2 * storage_price() + storage_price() + write_price() + 55;
    assert_eq!(system.rewards_at(1), expected);
    assert_eq!(utils::advance(&mut system), expected);
    assert_eq!(utils::advance(&mut system), 2 * storage_price());
    assert_eq!(utils::advance(&mut system), 2 * storage_price());
    assert_eq!(utils::advance(&mut system), 0);
    destroy(payment);
    destroy(storage);
    destroy(blob);
    destroy(system);
}

#[test]
fun anyone_adds_rewards_to_the_current_epoch_with_rewards_added() {
    let ctx = &mut tx_context::dummy();
    let mut system = utils::new_system(ctx);
    system.add_rewards(frost(1_000, ctx));
    system.add_rewards(frost(0, ctx));
    assert_eq!(system.rewards_at(1), 1_000);
    assert_eq!(system.rewards_at(2), 0);
    assert_eq!(
        event::events_by_type<events::RewardsAdded>(),
        vector[events::new_rewards_added(1, 1_000), events::new_rewards_added(1, 0)],
    );
    destroy(system);
}

#[test]
fun rewards_added_before_the_first_committee_go_to_epoch_0() {
    let ctx = &mut tx_context::dummy();
    let mut system = utils::new_empty_system(ctx);
    system.add_rewards(frost(42, ctx));
    assert_eq!(utils::advance(&mut system), 42);
    destroy(system);
}

#[test]
fun the_ring_buffer_wraps_and_keeps_each_epoch_s_fees_apart() {
    let ctx = &mut tx_context::dummy();
    let mut system = utils::new_system(ctx);
    let mut payment = wallet(ctx);
    let mut kept = vector[];
    // Over 12 epochs (ring of 5), buy k MiB for 5 epochs in epoch k.
    12u64.do!(|k| {
        let epoch = system.epoch();
        kept.push_back(system.reserve_space((k + 1) * mib() / 8, 5, &mut payment, ctx));
        assert_eq!(system.used_capacity_at(epoch + 4) > 0, true);
        utils::advance(&mut system);
    });
    // Epoch 13 holds the shares of the purchases made in epochs 9-12 (k = 8..11).
    let mut expected = 0;
    vector[8, 9, 10, 11].do!(|k| expected = expected + system::storage_units((k + 1) * mib() / 8) * storage_price());
    assert_eq!(system.epoch(), 13);
    assert_eq!(system.rewards_at(13), expected);
    assert_eq!(system.used_capacity_at(18), 0);
    assert_eq!(system.rewards_at(18), 0);
    assert_eq!(system.rewards_at(12), 0);
    destroy(payment);
    destroy(kept);
    destroy(system);
}

#[test]
fun fees_are_conserved_over_100_epochs() {
    // Every epoch someone buys storage for 1-5 epochs, registers a blob, and
    // adds rewards; prices change every 7 epochs. At every epoch change:
    // everything paid so far = everything returned so far + what is still held.
    let ctx = &mut tx_context::dummy();
    let mut system = utils::new_system(ctx);
    let mut payment = wallet(ctx);
    let start = payment.value();
    let mut added = 0;
    let mut returned = 0;
    let mut kept = vector[];
    let mut blobs = vector[];
    100u32.do!(|i| {
        let size = 1 + ((i as u64) * 7919) % (2 * mib());
        kept.push_back(system.reserve_space(size, 1 + i % 5, &mut payment, ctx));
        if (i % 3 == 0) {
            let encoded = system.encoded_size(bls_vectors::blob_size(), 0);
            let storage = system.reserve_space(encoded, 1 + i % 4, &mut payment, ctx);
            blobs.push_back(system.register_blob(
                storage,
                bls_vectors::blob_id(),
                bls_vectors::blob_root_hash(),
                bls_vectors::blob_size(),
                0,
                i % 2 == 0,
                &mut payment,
                ctx,
            ));
        };
        system.add_rewards(frost((i as u64) * 11, ctx));
        added = added + (i as u64) * 11;
        let price = storage_price() + ((i / 7) as u64) * 100;
        returned = returned + utils::advance_with(&mut system, price, write_price() + (i as u64) % 3, capacity());
        assert_eq!(start - payment.value() + added, returned + system.total_rewards());
    });
    assert_eq!(system.epoch(), 101);
    assert!(returned > 0);
    destroy(payment);
    destroy(kept);
    destroy(blobs);
    destroy(system);
}

#[test]
fun migrate_moves_an_old_system_to_this_version() {
    let ctx = &mut tx_context::dummy();
    let mut system = utils::new_system(ctx);
    system.set_version_for_testing(0);
    system.migrate();
    assert_eq!(system.version(), 1);
    destroy(system);
}

#[test, expected_failure(abort_code = system::EAlreadyMigrated)]
fun migrating_a_current_system_aborts() {
    let ctx = &mut tx_context::dummy();
    let mut system = utils::new_system(ctx);
    system.migrate();
    abort
}

#[test]
fun prices_and_costs_are_quoted_per_started_mib() {
    let ctx = &mut tx_context::dummy();
    let system = utils::new_system(ctx);
    assert_eq!(system.storage_cost(mib(), 3), 3 * storage_price());
    assert_eq!(system.storage_cost(mib() + 1, 3), 6 * storage_price());
    assert_eq!(system.write_cost(5700), write_price());
    assert_eq!(system.write_cost(3 * mib()), 3 * write_price());
    assert_eq!(system.encoded_size(1000, 0), 5700);
    destroy(system);
}

#[test]
fun reads_outside_the_window_are_zero() {
    let ctx = &mut tx_context::dummy();
    let mut system = utils::new_system(ctx);
    utils::advance(&mut system);
    assert_eq!(system.used_capacity_at(1), 0);
    assert_eq!(system.rewards_at(1), 0);
    assert_eq!(system.used_capacity_at(2 + utils::max_epochs_ahead()), 0);
    assert_eq!(system.rewards_at(2 + utils::max_epochs_ahead()), 0);
    destroy(system);
}

// === Version guard: an outdated System rejects every state-changing call ===

fun outdated(ctx: &mut TxContext): System {
    let mut system = utils::new_system(ctx);
    system.set_version_for_testing(2);
    system
}

#[test, expected_failure(abort_code = system::EWrongVersion)]
fun an_outdated_system_rejects_advance_epoch() {
    let ctx = &mut tx_context::dummy();
    let mut system = outdated(ctx);
    utils::advance(&mut system);
    abort
}

#[test, expected_failure(abort_code = system::EWrongVersion)]
fun an_outdated_system_rejects_add_rewards() {
    let ctx = &mut tx_context::dummy();
    let mut system = outdated(ctx);
    system.add_rewards(frost(1, ctx));
    abort
}

#[test, expected_failure(abort_code = system::EWrongVersion)]
fun an_outdated_system_rejects_reserve_space() {
    let ctx = &mut tx_context::dummy();
    let mut system = outdated(ctx);
    let mut payment = wallet(ctx);
    let _storage = system.reserve_space(1, 1, &mut payment, ctx);
    abort
}

#[test, expected_failure(abort_code = system::EWrongVersion)]
fun an_outdated_system_rejects_split_storage() {
    let ctx = &mut tx_context::dummy();
    let system = outdated(ctx);
    let mut storage = storage_resource::new_for_testing(1, 3, 10, ctx);
    let _part = system.split_storage_by_size(&mut storage, 1, ctx);
    abort
}

#[test, expected_failure(abort_code = system::EWrongVersion)]
fun an_outdated_system_rejects_fuse_storage() {
    let ctx = &mut tx_context::dummy();
    let system = outdated(ctx);
    let mut storage = storage_resource::new_for_testing(1, 3, 10, ctx);
    system.fuse_storage(&mut storage, storage_resource::new_for_testing(1, 3, 10, ctx));
    abort
}

#[test, expected_failure(abort_code = system::EWrongVersion)]
fun an_outdated_system_rejects_destroy_storage() {
    let ctx = &mut tx_context::dummy();
    let system = outdated(ctx);
    system.destroy_storage(storage_resource::new_for_testing(0, 1, 10, ctx));
    abort
}

#[test, expected_failure(abort_code = system::EWrongVersion)]
fun an_outdated_system_rejects_register_blob() {
    let ctx = &mut tx_context::dummy();
    let mut system = outdated(ctx);
    let mut payment = wallet(ctx);
    let _blob = system.register_blob(
        storage_resource::new_for_testing(1, 3, 5700, ctx),
        bls_vectors::blob_id(),
        bls_vectors::blob_root_hash(),
        bls_vectors::blob_size(),
        0,
        false,
        &mut payment,
        ctx,
    );
    abort
}

#[test, expected_failure(abort_code = system::EWrongVersion)]
fun an_outdated_system_rejects_invalidate_blob_id() {
    let ctx = &mut tx_context::dummy();
    let system = outdated(ctx);
    let cert = bls_vectors::invalid_blob_id_by_one_third();
    system.invalidate_blob_id(cert.signature(), cert.signers_bitmap(), cert.message());
    abort
}
