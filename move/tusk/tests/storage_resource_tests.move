/// Buying storage and reshaping it: `reserve_space` prices, bounds and
/// capacity; split by epoch or size, fuse, destroy when expired; every change
/// emits its event; capacity is counted per epoch and only freed as epochs pass.
#[test_only]
module tusk::storage_resource_tests;

use std::unit_test::{assert_eq, destroy};
use sui::event;
use tusk::events;
use tusk::storage_resource;
use tusk::system;
use tusk::system_test_utils::{Self as utils, mib, storage_price, capacity, wallet, frost};

#[test]
fun alice_reserves_one_mib_for_three_epochs_and_pays_three_epochs_of_storage() {
    let ctx = &mut tx_context::dummy();
    let mut system = utils::new_system(ctx);
    let mut payment = frost(10_000, ctx);
    let storage = system.reserve_space(mib(), 3, &mut payment, ctx);
    assert_eq!(storage.start_epoch(), 1);
    assert_eq!(storage.end_epoch(), 4);
    assert_eq!(storage.size(), mib());
    assert_eq!(storage.epochs(), 3);
    assert_eq!(payment.value(), 10_000 - 3 * storage_price());
    assert_eq!(
        event::events_by_type<events::StorageReserved>(),
        vector[events::new_storage_reserved(1, object::id(&storage), ctx.sender(), mib(), 1, 4, 3 * storage_price())],
    );
    destroy(payment);
    destroy(storage);
    destroy(system);
}

#[test]
fun a_size_is_charged_in_whole_mib_rounded_up() {
    let ctx = &mut tx_context::dummy();
    let mut system = utils::new_system(ctx);
    let mut payment = wallet(ctx);
    let before = payment.value();
    let storage = system.reserve_space(mib() + 1, 2, &mut payment, ctx);
    assert_eq!(before - payment.value(), 2 * 2 * storage_price());
    let small = system.reserve_space(1, 2, &mut payment, ctx);
    assert_eq!(before - payment.value(), 2 * 2 * storage_price() + 2 * storage_price());
    assert_eq!(system::storage_units(0), 0);
    assert_eq!(system::storage_units(1), 1);
    assert_eq!(system::storage_units(mib()), 1);
    assert_eq!(system::storage_units(mib() + 1), 2);
    destroy(payment);
    destroy(storage);
    destroy(small);
    destroy(system);
}

#[test]
fun storage_fees_are_split_evenly_over_the_paid_epochs() {
    let ctx = &mut tx_context::dummy();
    let mut system = utils::new_system(ctx);
    let mut payment = wallet(ctx);
    let storage = system.reserve_space(3 * mib(), 4, &mut payment, ctx);
    // 3 units x 1000 FROST in each of epochs 1, 2, 3, 4; nothing in epoch 5.
    4u32.do!(|i| assert_eq!(system.rewards_at(1 + i), 3 * storage_price()));
    assert_eq!(system.rewards_at(5), 0);
    assert_eq!(system.total_rewards(), 12 * storage_price());
    destroy(payment);
    destroy(storage);
    destroy(system);
}

#[test]
fun storage_can_be_bought_for_future_epochs_only() {
    let ctx = &mut tx_context::dummy();
    let mut system = utils::new_system(ctx);
    let mut payment = wallet(ctx);
    let storage = system.reserve_space_for_epochs(mib(), 3, 5, &mut payment, ctx);
    assert_eq!(storage.start_epoch(), 3);
    assert_eq!(storage.end_epoch(), 5);
    assert!(!storage.covers(1));
    assert!(storage.covers(3) && storage.covers(4));
    assert!(!storage.covers(5));
    assert_eq!(system.rewards_at(1), 0);
    assert_eq!(system.rewards_at(2), 0);
    assert_eq!(system.rewards_at(3), storage_price());
    assert_eq!(system.used_capacity_at(2), 0);
    assert_eq!(system.used_capacity_at(3), mib());
    assert_eq!(
        event::events_by_type<events::StorageReserved>(),
        vector[events::new_storage_reserved(1, object::id(&storage), ctx.sender(), mib(), 3, 5, 2 * storage_price())],
    );
    destroy(payment);
    destroy(storage);
    destroy(system);
}

#[test]
fun storage_can_be_bought_exactly_max_epochs_ahead() {
    let ctx = &mut tx_context::dummy();
    let mut system = utils::new_system(ctx);
    let mut payment = wallet(ctx);
    let storage = system.reserve_space(mib(), utils::max_epochs_ahead(), &mut payment, ctx);
    assert_eq!(storage.end_epoch(), 1 + utils::max_epochs_ahead());
    destroy(payment);
    destroy(storage);
    destroy(system);
}

#[test, expected_failure(abort_code = system::EInvalidEpochRange)]
fun buying_past_max_epochs_ahead_aborts() {
    let ctx = &mut tx_context::dummy();
    let mut system = utils::new_system(ctx);
    let mut payment = wallet(ctx);
    let _storage = system.reserve_space(mib(), utils::max_epochs_ahead() + 1, &mut payment, ctx);
    abort
}

#[test, expected_failure(abort_code = system::EInvalidEpochRange)]
fun buying_zero_epochs_aborts() {
    let ctx = &mut tx_context::dummy();
    let mut system = utils::new_system(ctx);
    let mut payment = wallet(ctx);
    let _storage = system.reserve_space(mib(), 0, &mut payment, ctx);
    abort
}

#[test, expected_failure(abort_code = system::EInvalidEpochRange)]
fun buying_storage_for_a_past_epoch_aborts() {
    let ctx = &mut tx_context::dummy();
    let mut system = utils::new_system(ctx);
    utils::advance(&mut system);
    let mut payment = wallet(ctx);
    let _storage = system.reserve_space_for_epochs(mib(), 1, 3, &mut payment, ctx);
    abort
}

#[test, expected_failure(abort_code = system::EInvalidEpochRange)]
fun buying_an_empty_period_aborts() {
    let ctx = &mut tx_context::dummy();
    let mut system = utils::new_system(ctx);
    let mut payment = wallet(ctx);
    let _storage = system.reserve_space_for_epochs(mib(), 3, 3, &mut payment, ctx);
    abort
}

#[test, expected_failure(abort_code = system::EZeroSize)]
fun buying_zero_bytes_aborts() {
    let ctx = &mut tx_context::dummy();
    let mut system = utils::new_system(ctx);
    let mut payment = wallet(ctx);
    let _storage = system.reserve_space(0, 1, &mut payment, ctx);
    abort
}

#[test, expected_failure(abort_code = system::EInsufficientPayment)]
fun paying_one_frost_less_than_the_price_aborts() {
    let ctx = &mut tx_context::dummy();
    let mut system = utils::new_system(ctx);
    let mut payment = frost(2 * storage_price() - 1, ctx);
    let _storage = system.reserve_space(mib(), 2, &mut payment, ctx);
    abort
}

#[test, expected_failure(abort_code = system::ECostOverflow)]
fun a_price_past_u64_aborts() {
    let ctx = &mut tx_context::dummy();
    let mut system = utils::new_system(ctx);
    utils::advance_with(&mut system, 0xFFFF_FFFF_FFFF_FFFF, 0, capacity());
    let mut payment = wallet(ctx);
    let _storage = system.reserve_space(2 * mib(), 1, &mut payment, ctx);
    abort
}

#[test]
fun free_storage_costs_nothing_when_the_price_is_zero() {
    let ctx = &mut tx_context::dummy();
    let mut system = utils::new_system(ctx);
    utils::advance_with(&mut system, 0, 0, capacity());
    let mut payment = frost(0, ctx);
    let storage = system.reserve_space(mib(), 3, &mut payment, ctx);
    assert_eq!(system.total_rewards(), 0);
    destroy(payment);
    destroy(storage);
    destroy(system);
}

#[test]
fun the_whole_capacity_can_be_reserved_but_not_one_byte_more() {
    let ctx = &mut tx_context::dummy();
    let mut system = utils::new_system(ctx);
    let mut payment = wallet(ctx);
    let all = system.reserve_space(capacity(), 2, &mut payment, ctx);
    assert_eq!(system.used_capacity(), capacity());
    assert_eq!(system.used_capacity_at(2), capacity());
    assert_eq!(system.used_capacity_at(3), 0);
    // Epoch 3 is free again.
    let later = system.reserve_space_for_epochs(capacity(), 3, 4, &mut payment, ctx);
    assert_eq!(system.used_capacity_at(3), capacity());
    destroy(payment);
    destroy(all);
    destroy(later);
    destroy(system);
}

#[test, expected_failure(abort_code = system::ENotEnoughCapacity)]
fun reserving_one_byte_past_capacity_aborts() {
    let ctx = &mut tx_context::dummy();
    let mut system = utils::new_system(ctx);
    let mut payment = wallet(ctx);
    let _all = system.reserve_space(capacity() - 10, 2, &mut payment, ctx);
    let _more = system.reserve_space(11, 1, &mut payment, ctx);
    abort
}

#[test, expected_failure(abort_code = system::ENotEnoughCapacity)]
fun a_reservation_fails_if_any_one_of_its_epochs_is_full() {
    let ctx = &mut tx_context::dummy();
    let mut system = utils::new_system(ctx);
    let mut payment = wallet(ctx);
    // Epoch 4 is full; epochs 1-3 are empty.
    let _full = system.reserve_space_for_epochs(capacity(), 4, 5, &mut payment, ctx);
    let _across = system.reserve_space(1, 4, &mut payment, ctx);
    abort
}

#[test, expected_failure(abort_code = system::ENotEnoughCapacity)]
fun no_storage_can_be_bought_before_the_first_committee() {
    let ctx = &mut tx_context::dummy();
    let mut system = utils::new_empty_system(ctx);
    let mut payment = wallet(ctx);
    let _storage = system.reserve_space(1, 1, &mut payment, ctx);
    abort
}

#[test]
fun reserved_capacity_is_freed_only_as_its_epochs_pass() {
    let ctx = &mut tx_context::dummy();
    let mut system = utils::new_system(ctx);
    let mut payment = wallet(ctx);
    let storage = system.reserve_space(capacity(), 2, &mut payment, ctx);
    utils::advance(&mut system);
    assert_eq!(system.epoch(), 2);
    assert_eq!(system.used_capacity(), capacity());
    utils::advance(&mut system);
    assert_eq!(system.used_capacity(), 0);
    let again = system.reserve_space(capacity(), 1, &mut payment, ctx);
    destroy(payment);
    destroy(storage);
    destroy(again);
    destroy(system);
}

#[test]
fun a_lower_capacity_keeps_existing_reservations_but_blocks_new_ones() {
    let ctx = &mut tx_context::dummy();
    let mut system = utils::new_system(ctx);
    let mut payment = wallet(ctx);
    let storage = system.reserve_space(4 * mib(), 3, &mut payment, ctx);
    utils::advance_with(&mut system, storage_price(), utils::write_price(), 2 * mib());
    assert_eq!(system.total_capacity(), 2 * mib());
    assert_eq!(system.used_capacity(), 4 * mib());
    assert_eq!(storage.end_epoch(), 4);
    destroy(payment);
    destroy(storage);
    destroy(system);
}

#[test]
fun splitting_by_epoch_cuts_the_period_and_emits_storage_split() {
    let ctx = &mut tx_context::dummy();
    let mut system = utils::new_system(ctx);
    let mut payment = wallet(ctx);
    let mut storage = system.reserve_space(mib(), 4, &mut payment, ctx);
    let later = system.split_storage_by_epoch(&mut storage, 3, ctx);
    assert_eq!(storage.start_epoch(), 1);
    assert_eq!(storage.end_epoch(), 3);
    assert_eq!(later.start_epoch(), 3);
    assert_eq!(later.end_epoch(), 5);
    assert_eq!(later.size(), mib());
    assert_eq!(
        event::events_by_type<events::StorageSplit>(),
        vector[events::new_storage_split(1, object::id(&storage), mib(), 1, 3, object::id(&later), mib(), 3, 5)],
    );
    // Capacity and fees are unchanged by the split.
    assert_eq!(system.used_capacity_at(4), mib());
    destroy(payment);
    destroy(storage);
    destroy(later);
    destroy(system);
}

#[test, expected_failure(abort_code = storage_resource::EInvalidSplitEpoch)]
fun splitting_at_the_start_epoch_aborts() {
    let ctx = &mut tx_context::dummy();
    let system = utils::new_system(ctx);
    let mut storage = storage_resource::new_for_testing(1, 4, mib(), ctx);
    let _later = system.split_storage_by_epoch(&mut storage, 1, ctx);
    abort
}

#[test, expected_failure(abort_code = storage_resource::EInvalidSplitEpoch)]
fun splitting_at_the_end_epoch_aborts() {
    let ctx = &mut tx_context::dummy();
    let system = utils::new_system(ctx);
    let mut storage = storage_resource::new_for_testing(1, 4, mib(), ctx);
    let _later = system.split_storage_by_epoch(&mut storage, 4, ctx);
    abort
}

#[test]
fun splitting_by_size_cuts_the_bytes_and_emits_storage_split() {
    let ctx = &mut tx_context::dummy();
    let system = utils::new_system(ctx);
    let mut storage = storage_resource::new_for_testing(1, 4, 1000, ctx);
    let part = system.split_storage_by_size(&mut storage, 300, ctx);
    assert_eq!(storage.size(), 700);
    assert_eq!(part.size(), 300);
    assert_eq!(part.start_epoch(), 1);
    assert_eq!(part.end_epoch(), 4);
    assert_eq!(
        event::events_by_type<events::StorageSplit>(),
        vector[events::new_storage_split(1, object::id(&storage), 700, 1, 4, object::id(&part), 300, 1, 4)],
    );
    destroy(storage);
    destroy(part);
    destroy(system);
}

#[test, expected_failure(abort_code = storage_resource::EInvalidSplitSize)]
fun splitting_off_zero_bytes_aborts() {
    let ctx = &mut tx_context::dummy();
    let system = utils::new_system(ctx);
    let mut storage = storage_resource::new_for_testing(1, 4, 1000, ctx);
    let _part = system.split_storage_by_size(&mut storage, 0, ctx);
    abort
}

#[test, expected_failure(abort_code = storage_resource::EInvalidSplitSize)]
fun splitting_off_every_byte_aborts() {
    let ctx = &mut tx_context::dummy();
    let system = utils::new_system(ctx);
    let mut storage = storage_resource::new_for_testing(1, 4, 1000, ctx);
    let _part = system.split_storage_by_size(&mut storage, 1000, ctx);
    abort
}

#[test]
fun fusing_the_same_period_adds_the_sizes_and_emits_storage_fused() {
    let ctx = &mut tx_context::dummy();
    let system = utils::new_system(ctx);
    let mut storage = storage_resource::new_for_testing(1, 4, 700, ctx);
    let other = storage_resource::new_for_testing(1, 4, 300, ctx);
    let other_id = object::id(&other);
    system.fuse_storage(&mut storage, other);
    assert_eq!(storage.size(), 1000);
    assert_eq!(
        event::events_by_type<events::StorageFused>(),
        vector[events::new_storage_fused(1, object::id(&storage), other_id, 1000, 1, 4)],
    );
    destroy(storage);
    destroy(system);
}

#[test]
fun fusing_a_following_period_of_the_same_size_extends_the_end() {
    let ctx = &mut tx_context::dummy();
    let system = utils::new_system(ctx);
    let mut storage = storage_resource::new_for_testing(1, 3, 500, ctx);
    system.fuse_storage(&mut storage, storage_resource::new_for_testing(3, 6, 500, ctx));
    assert_eq!(storage.start_epoch(), 1);
    assert_eq!(storage.end_epoch(), 6);
    assert_eq!(storage.size(), 500);
    destroy(storage);
    destroy(system);
}

#[test]
fun fusing_a_preceding_period_of_the_same_size_moves_the_start() {
    let ctx = &mut tx_context::dummy();
    let system = utils::new_system(ctx);
    let mut storage = storage_resource::new_for_testing(3, 6, 500, ctx);
    system.fuse_storage(&mut storage, storage_resource::new_for_testing(1, 3, 500, ctx));
    assert_eq!(storage.start_epoch(), 1);
    assert_eq!(storage.end_epoch(), 6);
    destroy(storage);
    destroy(system);
}

#[test, expected_failure(abort_code = storage_resource::EIncompatibleStorage)]
fun fusing_adjacent_periods_of_different_sizes_aborts() {
    let ctx = &mut tx_context::dummy();
    let system = utils::new_system(ctx);
    let mut storage = storage_resource::new_for_testing(1, 3, 500, ctx);
    system.fuse_storage(&mut storage, storage_resource::new_for_testing(3, 6, 501, ctx));
    abort
}

#[test, expected_failure(abort_code = storage_resource::EIncompatibleStorage)]
fun fusing_periods_with_a_gap_aborts() {
    let ctx = &mut tx_context::dummy();
    let system = utils::new_system(ctx);
    let mut storage = storage_resource::new_for_testing(1, 3, 500, ctx);
    system.fuse_storage(&mut storage, storage_resource::new_for_testing(4, 6, 500, ctx));
    abort
}

#[test]
fun can_fuse_says_which_resources_fuse() {
    let ctx = &mut tx_context::dummy();
    let a = storage_resource::new_for_testing(1, 3, 500, ctx);
    let same_period = storage_resource::new_for_testing(1, 3, 10, ctx);
    let after = storage_resource::new_for_testing(3, 5, 500, ctx);
    let overlapping = storage_resource::new_for_testing(2, 4, 500, ctx);
    assert!(a.can_fuse(&same_period));
    assert!(a.can_fuse(&after));
    assert!(after.can_fuse(&a));
    assert!(!a.can_fuse(&overlapping));
    assert!(!same_period.can_fuse(&after));
    destroy(a);
    destroy(same_period);
    destroy(after);
    destroy(overlapping);
}

#[test]
fun split_and_fuse_back_restores_the_resource_and_keeps_capacity() {
    let ctx = &mut tx_context::dummy();
    let mut system = utils::new_system(ctx);
    let mut payment = wallet(ctx);
    let mut storage = system.reserve_space(2 * mib(), 4, &mut payment, ctx);
    let later = system.split_storage_by_epoch(&mut storage, 2, ctx);
    let half = system.split_storage_by_size(&mut storage, mib(), ctx);
    system.fuse_storage(&mut storage, half);
    system.fuse_storage(&mut storage, later);
    assert_eq!(storage.start_epoch(), 1);
    assert_eq!(storage.end_epoch(), 5);
    assert_eq!(storage.size(), 2 * mib());
    4u32.do!(|i| assert_eq!(system.used_capacity_at(1 + i), 2 * mib()));
    assert_eq!(event::events_by_type<events::StorageSplit>().length(), 2);
    assert_eq!(event::events_by_type<events::StorageFused>().length(), 2);
    destroy(payment);
    destroy(storage);
    destroy(system);
}

#[test]
fun expired_storage_is_destroyed_with_storage_destroyed() {
    let ctx = &mut tx_context::dummy();
    let mut system = utils::new_system(ctx);
    let mut payment = wallet(ctx);
    let storage = system.reserve_space(mib(), 1, &mut payment, ctx);
    let storage_id = object::id(&storage);
    assert!(!storage.is_expired_at(1));
    utils::advance(&mut system);
    assert!(storage.is_expired_at(2));
    system.destroy_storage(storage);
    assert_eq!(
        event::events_by_type<events::StorageDestroyed>(),
        vector[events::new_storage_destroyed(2, storage_id)],
    );
    destroy(payment);
    destroy(system);
}

#[test, expected_failure(abort_code = system::EStorageNotExpired)]
fun destroying_storage_in_its_last_epoch_aborts() {
    let ctx = &mut tx_context::dummy();
    let mut system = utils::new_system(ctx);
    let mut payment = wallet(ctx);
    let storage = system.reserve_space(mib(), 2, &mut payment, ctx);
    utils::advance(&mut system);
    system.destroy_storage(storage);
    abort
}
