/// Blobs from registration to the end: write fees, the checks on ID, size and
/// storage, certification with the TypeScript vectors (exact quorum, one
/// short, wrong epoch, wrong message, bad bitmaps), deletable versus
/// permanent, deletion, burning, extension, expiry, metadata and invalid blob
/// IDs; every step's event.
#[test_only]
module tusk::blob_tests;

use std::unit_test::{assert_eq, destroy};
use sui::event;
use tusk::blob;
use tusk::bls;
use tusk::bls_vectors;
use tusk::encoding;
use tusk::events;
use tusk::messages;
use tusk::storage_resource;
use tusk::system;
use tusk::system_test_utils::{Self as utils, mib, storage_price, write_price, capacity, wallet, frost};

const ENCODED: u64 = 5700; // the vectors' 1000-byte blob over 10 shards

// === Registration ===

#[test]
fun bob_registers_a_blob_and_pays_the_write_fee_to_this_epoch() {
    let ctx = &mut tx_context::dummy();
    let mut system = utils::new_system(ctx);
    let mut payment = wallet(ctx);
    let storage = system.reserve_space(ENCODED, 3, &mut payment, ctx);
    let before = payment.value();
    let blob = system.register_blob(
        storage,
        bls_vectors::blob_id(),
        bls_vectors::blob_root_hash(),
        1000,
        0,
        false,
        &mut payment,
        ctx,
    );
    assert_eq!(before - payment.value(), write_price());
    assert_eq!(system.rewards_at(1), storage_price() + write_price());
    assert_eq!(blob.blob_id(), bls_vectors::blob_id());
    assert_eq!(blob.size(), 1000);
    assert_eq!(blob.encoding_type(), 0);
    assert_eq!(blob.registered_epoch(), 1);
    assert_eq!(blob.end_epoch(), 4);
    assert_eq!(blob.storage().size(), ENCODED);
    assert!(!blob.is_certified());
    assert!(blob.certified_epoch().is_none());
    assert!(!blob.deletable());
    assert_eq!(
        event::events_by_type<events::BlobRegistered>(),
        vector[
            events::new_blob_registered(
                1,
                bls_vectors::blob_id(),
                blob.object_id(),
                ctx.sender(),
                1000,
                0,
                4,
                false,
                write_price(),
            ),
        ],
    );
    destroy(payment);
    destroy(blob);
    destroy(system);
}

#[test]
fun storage_larger_than_the_encoded_size_is_accepted() {
    let ctx = &mut tx_context::dummy();
    let mut system = utils::new_system(ctx);
    let mut payment = wallet(ctx);
    let storage = system.reserve_space(mib(), 1, &mut payment, ctx);
    let blob = system.register_blob(storage, bls_vectors::blob_id(), bls_vectors::blob_root_hash(), 1000, 0, true, &mut payment, ctx);
    assert_eq!(blob.storage().size(), mib());
    assert!(blob.deletable());
    destroy(payment);
    destroy(blob);
    destroy(system);
}

#[test, expected_failure(abort_code = system::EStorageTooSmall)]
fun storage_one_byte_smaller_than_the_encoded_size_aborts() {
    let ctx = &mut tx_context::dummy();
    let mut system = utils::new_system(ctx);
    let mut payment = wallet(ctx);
    let storage = system.reserve_space(ENCODED - 1, 1, &mut payment, ctx);
    let _blob = system.register_blob(storage, bls_vectors::blob_id(), bls_vectors::blob_root_hash(), 1000, 0, false, &mut payment, ctx);
    abort
}

#[test, expected_failure(abort_code = system::EInvalidBlobId)]
fun a_blob_id_that_does_not_match_its_inputs_aborts() {
    let ctx = &mut tx_context::dummy();
    let mut system = utils::new_system(ctx);
    let mut payment = wallet(ctx);
    let storage = system.reserve_space(ENCODED, 1, &mut payment, ctx);
    // The ID of a 1000-byte blob, registered as 999 bytes.
    let _blob = system.register_blob(storage, bls_vectors::blob_id(), bls_vectors::blob_root_hash(), 999, 0, false, &mut payment, ctx);
    abort
}

#[test, expected_failure(abort_code = encoding::EUnsupportedEncoding)]
fun an_unknown_encoding_type_aborts() {
    let ctx = &mut tx_context::dummy();
    let mut system = utils::new_system(ctx);
    let mut payment = wallet(ctx);
    let storage = system.reserve_space(ENCODED, 1, &mut payment, ctx);
    let blob_id = blob::derive_blob_id(1, 1000, bls_vectors::blob_root_hash());
    let _blob = system.register_blob(storage, blob_id, bls_vectors::blob_root_hash(), 1000, 1, false, &mut payment, ctx);
    abort
}

#[test, expected_failure(abort_code = encoding::ENoShards)]
fun registering_before_the_first_committee_aborts() {
    let ctx = &mut tx_context::dummy();
    let mut system = utils::new_empty_system(ctx);
    let mut payment = wallet(ctx);
    let storage = storage_resource::new_for_testing(0, 1, mib(), ctx);
    let _blob = system.register_blob(storage, bls_vectors::blob_id(), bls_vectors::blob_root_hash(), 1000, 0, false, &mut payment, ctx);
    abort
}

#[test, expected_failure(abort_code = system::EStorageNotCurrent)]
fun storage_that_starts_in_a_later_epoch_aborts() {
    let ctx = &mut tx_context::dummy();
    let mut system = utils::new_system(ctx);
    let mut payment = wallet(ctx);
    let storage = system.reserve_space_for_epochs(ENCODED, 2, 4, &mut payment, ctx);
    let _blob = system.register_blob(storage, bls_vectors::blob_id(), bls_vectors::blob_root_hash(), 1000, 0, false, &mut payment, ctx);
    abort
}

#[test, expected_failure(abort_code = system::EStorageNotCurrent)]
fun expired_storage_aborts() {
    let ctx = &mut tx_context::dummy();
    let mut system = utils::new_system(ctx);
    let mut payment = wallet(ctx);
    let storage = system.reserve_space(ENCODED, 1, &mut payment, ctx);
    utils::advance(&mut system);
    let _blob = system.register_blob(storage, bls_vectors::blob_id(), bls_vectors::blob_root_hash(), 1000, 0, false, &mut payment, ctx);
    abort
}

#[test, expected_failure(abort_code = system::EInsufficientPayment)]
fun a_write_payment_short_of_the_write_fee_aborts() {
    let ctx = &mut tx_context::dummy();
    let mut system = utils::new_system(ctx);
    let mut payment = wallet(ctx);
    let storage = system.reserve_space(ENCODED, 1, &mut payment, ctx);
    let mut short = frost(write_price() - 1, ctx);
    let _blob = system.register_blob(storage, bls_vectors::blob_id(), bls_vectors::blob_root_hash(), 1000, 0, false, &mut short, ctx);
    abort
}

#[test]
fun a_price_change_between_reservation_and_registration_charges_each_price_once() {
    // Storage bought at 1000 FROST/MiB/epoch in epoch 1; in epoch 2 prices are
    // 5000 storage and 900 write. Registering charges the new write price and
    // nothing more for storage; the epochs keep what was paid at the old price.
    let ctx = &mut tx_context::dummy();
    let mut system = utils::new_system(ctx);
    let mut payment = wallet(ctx);
    let storage = system.reserve_space(ENCODED, 3, &mut payment, ctx);
    utils::advance_with(&mut system, 5_000, 900, capacity());
    let before = payment.value();
    let blob = system.register_blob(storage, bls_vectors::blob_id(), bls_vectors::blob_root_hash(), 1000, 0, false, &mut payment, ctx);
    assert_eq!(before - payment.value(), 900);
    assert_eq!(system.rewards_at(2), storage_price() + 900);
    assert_eq!(system.rewards_at(3), storage_price());
    assert_eq!(event::events_by_type<events::BlobRegistered>()[0], events::new_blob_registered(2, bls_vectors::blob_id(), blob.object_id(), ctx.sender(), 1000, 0, 4, false, 900));
    destroy(payment);
    destroy(blob);
    destroy(system);
}

#[test]
fun deleted_storage_holds_the_next_blob() {
    let ctx = &mut tx_context::dummy();
    let mut system = utils::new_system(ctx);
    let blob = utils::register_vector_blob(&mut system, 3, true, ctx);
    let storage = system.delete_blob(blob);
    let mut payment = wallet(ctx);
    // The same content again, now permanent, in the same storage.
    let again = system.register_blob(storage, bls_vectors::blob_id(), bls_vectors::blob_root_hash(), 1000, 0, false, &mut payment, ctx);
    assert!(!again.deletable());
    assert_eq!(again.end_epoch(), 4);
    assert_eq!(system.used_capacity(), ENCODED);
    destroy(payment);
    destroy(again);
    destroy(system);
}

// === Certification ===

#[test]
fun an_exact_quorum_certifies_a_permanent_blob() {
    let ctx = &mut tx_context::dummy();
    let mut system = utils::new_system(ctx);
    let mut blob = utils::register_vector_blob(&mut system, 3, false, ctx);
    let cert = bls_vectors::certified_by_exact_quorum();
    system.certify_blob(&mut blob, cert.signature(), cert.signers_bitmap(), cert.message());
    assert!(blob.is_certified());
    assert_eq!(blob.certified_epoch(), option::some(1));
    assert_eq!(
        event::events_by_type<events::BlobCertified>(),
        vector[events::new_blob_certified(1, bls_vectors::blob_id(), blob.object_id(), 4, false, false)],
    );
    destroy(blob);
    destroy(system);
}

#[test]
fun a_scattered_quorum_certifies_too() {
    let ctx = &mut tx_context::dummy();
    let mut system = utils::new_system(ctx);
    let mut blob = utils::register_vector_blob(&mut system, 1, false, ctx);
    let cert = bls_vectors::certified_by_scattered_quorum();
    system.certify_blob(&mut blob, cert.signature(), cert.signers_bitmap(), cert.message());
    assert!(blob.is_certified());
    destroy(blob);
    destroy(system);
}

#[test, expected_failure(abort_code = bls::ENotEnoughWeight)]
fun a_certificate_one_signer_short_of_quorum_does_not_certify() {
    let ctx = &mut tx_context::dummy();
    let mut system = utils::new_system(ctx);
    let mut blob = utils::register_vector_blob(&mut system, 3, false, ctx);
    let cert = bls_vectors::certified_by_one_short_of_quorum();
    system.certify_blob(&mut blob, cert.signature(), cert.signers_bitmap(), cert.message());
    abort
}

#[test, expected_failure(abort_code = system::EWrongCertificateEpoch)]
fun a_certificate_for_another_epoch_does_not_certify() {
    let ctx = &mut tx_context::dummy();
    let mut system = utils::new_system(ctx);
    let mut blob = utils::register_vector_blob(&mut system, 3, false, ctx);
    let cert = bls_vectors::certified_for_wrong_epoch();
    system.certify_blob(&mut blob, cert.signature(), cert.signers_bitmap(), cert.message());
    abort
}

#[test, expected_failure(abort_code = system::EWrongCertificateEpoch)]
fun last_epoch_s_certificate_does_not_certify_after_an_epoch_change() {
    let ctx = &mut tx_context::dummy();
    let mut system = utils::new_system(ctx);
    let mut blob = utils::register_vector_blob(&mut system, 3, false, ctx);
    utils::advance(&mut system);
    let cert = bls_vectors::certified_by_exact_quorum();
    system.certify_blob(&mut blob, cert.signature(), cert.signers_bitmap(), cert.message());
    abort
}

#[test, expected_failure(abort_code = system::EWrongBlobId)]
fun a_certificate_naming_another_blob_does_not_certify() {
    let ctx = &mut tx_context::dummy();
    let mut system = utils::new_system(ctx);
    let mut blob = utils::register_vector_blob(&mut system, 3, false, ctx);
    let cert = bls_vectors::certified_wrong_message();
    system.certify_blob(&mut blob, cert.signature(), cert.signers_bitmap(), cert.message());
    abort
}

#[test, expected_failure(abort_code = bls::EInvalidBitmap)]
fun a_bitmap_with_a_bit_past_the_committee_does_not_certify() {
    let ctx = &mut tx_context::dummy();
    let mut system = utils::new_system(ctx);
    let mut blob = utils::register_vector_blob(&mut system, 3, false, ctx);
    let cert = bls_vectors::certified_with_bit_past_committee();
    system.certify_blob(&mut blob, cert.signature(), cert.signers_bitmap(), cert.message());
    abort
}

#[test, expected_failure(abort_code = bls::EInvalidBitmap)]
fun a_bitmap_longer_than_the_committee_does_not_certify() {
    let ctx = &mut tx_context::dummy();
    let mut system = utils::new_system(ctx);
    let mut blob = utils::register_vector_blob(&mut system, 3, false, ctx);
    let cert = bls_vectors::certified_with_bitmap_too_long();
    system.certify_blob(&mut blob, cert.signature(), cert.signers_bitmap(), cert.message());
    abort
}

#[test, expected_failure(abort_code = messages::EWrongIntent)]
fun an_invalid_blob_id_certificate_does_not_certify() {
    let ctx = &mut tx_context::dummy();
    let mut system = utils::new_system(ctx);
    let mut blob = utils::register_vector_blob(&mut system, 3, false, ctx);
    let cert = bls_vectors::invalid_blob_id_by_one_third();
    system.certify_blob(&mut blob, cert.signature(), cert.signers_bitmap(), cert.message());
    abort
}

#[test, expected_failure(abort_code = system::EAlreadyCertified)]
fun a_blob_is_certified_only_once() {
    let ctx = &mut tx_context::dummy();
    let mut system = utils::new_system(ctx);
    let mut blob = utils::register_vector_blob(&mut system, 3, false, ctx);
    let cert = bls_vectors::certified_by_exact_quorum();
    system.certify_blob(&mut blob, cert.signature(), cert.signers_bitmap(), cert.message());
    system.certify_blob(&mut blob, cert.signature(), cert.signers_bitmap(), cert.message());
    abort
}

#[test, expected_failure(abort_code = system::EBlobExpired)]
fun an_expired_blob_cannot_be_certified() {
    let ctx = &mut tx_context::dummy();
    let mut system = utils::new_system(ctx);
    let mut blob = utils::register_vector_blob(&mut system, 1, false, ctx);
    utils::advance(&mut system);
    utils::certify(&system, &mut blob);
    abort
}

#[test]
fun a_deletable_blob_is_certified_by_a_message_naming_its_object() {
    let ctx = &mut tx_context::dummy();
    let mut system = utils::new_system(ctx);
    let mut blob = utils::register_vector_blob(&mut system, 2, true, ctx);
    let message = utils::certified_message(&system, &blob);
    assert_eq!(messages::certified_blob_message(message).deletable_object_id(), option::some(blob.object_id()));
    utils::certify(&system, &mut blob);
    assert!(blob.is_certified());
    assert_eq!(
        event::events_by_type<events::BlobCertified>(),
        vector[events::new_blob_certified(1, bls_vectors::blob_id(), blob.object_id(), 3, true, false)],
    );
    destroy(blob);
    destroy(system);
}

#[test, expected_failure(abort_code = system::EWrongPersistence)]
fun a_permanent_certificate_does_not_certify_a_deletable_blob() {
    let ctx = &mut tx_context::dummy();
    let mut system = utils::new_system(ctx);
    let mut blob = utils::register_vector_blob(&mut system, 2, true, ctx);
    let cert = bls_vectors::certified_by_exact_quorum();
    system.certify_blob(&mut blob, cert.signature(), cert.signers_bitmap(), cert.message());
    abort
}

#[test, expected_failure(abort_code = system::EWrongPersistence)]
fun a_deletable_certificate_does_not_certify_a_permanent_blob() {
    let ctx = &mut tx_context::dummy();
    let mut system = utils::new_system(ctx);
    let mut blob = utils::register_vector_blob(&mut system, 2, false, ctx);
    let cert = bls_vectors::certified_deletable();
    system.certify_blob(&mut blob, cert.signature(), cert.signers_bitmap(), cert.message());
    abort
}

#[test, expected_failure(abort_code = system::EWrongPersistence)]
fun a_certificate_for_another_deletable_object_does_not_certify() {
    let ctx = &mut tx_context::dummy();
    let mut system = utils::new_system(ctx);
    let mut blob = utils::register_vector_blob(&mut system, 2, true, ctx);
    let cert = bls_vectors::certified_deletable();
    system.certify_blob(&mut blob, cert.signature(), cert.signers_bitmap(), cert.message());
    abort
}

#[test]
fun a_heavy_member_pair_certifies_on_a_weighted_committee() {
    let ctx = &mut tx_context::dummy();
    let mut system = utils::new_system_with_shards(vector[40, 30, 10, 10, 10, 0, 0, 0, 0, 0], ctx);
    assert_eq!(system.n_shards(), 100);
    let mut payment = wallet(ctx);
    let encoded = system.encoded_size(1000, 0);
    let storage = system.reserve_space(encoded, 1, &mut payment, ctx);
    let mut blob = system.register_blob(storage, bls_vectors::blob_id(), bls_vectors::blob_root_hash(), 1000, 0, false, &mut payment, ctx);
    let message = utils::certified_message(&system, &blob);
    // 40 + 30 = 70 of 100 shards: a quorum (67 needed).
    system.certify_blob(&mut blob, utils::sign(&message, vector[0, 1]), utils::bitmap(vector[0, 1]), message);
    assert!(blob.is_certified());
    destroy(payment);
    destroy(blob);
    destroy(system);
}

// === Deletion and burning ===

#[test]
fun deleting_a_deletable_blob_returns_its_storage_with_blob_deleted() {
    let ctx = &mut tx_context::dummy();
    let mut system = utils::new_system(ctx);
    let mut blob = utils::register_vector_blob(&mut system, 3, true, ctx);
    utils::certify(&system, &mut blob);
    let object_id = blob.object_id();
    let used = system.used_capacity();
    let storage = system.delete_blob(blob);
    assert_eq!(storage.size(), ENCODED);
    assert_eq!(storage.end_epoch(), 4);
    assert_eq!(system.used_capacity(), used);
    assert_eq!(
        event::events_by_type<events::BlobDeleted>(),
        vector[events::new_blob_deleted(1, bls_vectors::blob_id(), object_id, 4, true)],
    );
    destroy(storage);
    destroy(system);
}

#[test]
fun an_uncertified_deletable_blob_can_be_deleted() {
    let ctx = &mut tx_context::dummy();
    let mut system = utils::new_system(ctx);
    let blob = utils::register_vector_blob(&mut system, 3, true, ctx);
    let object_id = blob.object_id();
    let storage = system.delete_blob(blob);
    assert_eq!(
        event::events_by_type<events::BlobDeleted>(),
        vector[events::new_blob_deleted(1, bls_vectors::blob_id(), object_id, 4, false)],
    );
    destroy(storage);
    destroy(system);
}

#[test, expected_failure(abort_code = system::ENotDeletable)]
fun a_permanent_blob_cannot_be_deleted() {
    let ctx = &mut tx_context::dummy();
    let mut system = utils::new_system(ctx);
    let blob = utils::register_vector_blob(&mut system, 3, false, ctx);
    let _storage = system.delete_blob(blob);
    abort
}

#[test]
fun burning_a_permanent_blob_emits_blob_burned_and_keeps_its_capacity_counted() {
    let ctx = &mut tx_context::dummy();
    let mut system = utils::new_system(ctx);
    let mut blob = utils::register_vector_blob(&mut system, 3, false, ctx);
    utils::certify(&system, &mut blob);
    let object_id = blob.object_id();
    system.burn_blob(blob);
    assert_eq!(system.used_capacity_at(3), ENCODED);
    assert_eq!(
        event::events_by_type<events::BlobBurned>(),
        vector[events::new_blob_burned(1, bls_vectors::blob_id(), object_id)],
    );
    destroy(system);
}

#[test]
fun an_expired_blob_can_be_burned() {
    let ctx = &mut tx_context::dummy();
    let mut system = utils::new_system(ctx);
    let blob = utils::register_vector_blob(&mut system, 1, true, ctx);
    utils::advance(&mut system);
    assert!(blob.is_expired_at(system.epoch()));
    system.burn_blob(blob);
    assert_eq!(event::events_by_type<events::BlobBurned>().length(), 1);
    destroy(system);
}

#[test]
fun an_expired_deletable_blob_returns_expired_storage_that_can_be_destroyed() {
    let ctx = &mut tx_context::dummy();
    let mut system = utils::new_system(ctx);
    let blob = utils::register_vector_blob(&mut system, 2, true, ctx);
    utils::advance(&mut system);
    utils::advance(&mut system);
    let storage = system.delete_blob(blob);
    system.destroy_storage(storage);
    assert_eq!(event::events_by_type<events::StorageDestroyed>().length(), 1);
    destroy(system);
}

// === Extension and expiry ===

#[test]
fun a_certified_blob_is_extended_by_buying_the_following_epochs() {
    let ctx = &mut tx_context::dummy();
    let mut system = utils::new_system(ctx);
    let mut blob = utils::register_vector_blob(&mut system, 2, false, ctx);
    utils::certify(&system, &mut blob);
    let mut payment = wallet(ctx);
    let before = payment.value();
    system.extend_blob(&mut blob, 2, &mut payment, ctx);
    assert_eq!(blob.end_epoch(), 5);
    assert_eq!(blob.storage().start_epoch(), 1);
    assert_eq!(before - payment.value(), 2 * storage_price());
    assert_eq!(system.rewards_at(3), storage_price());
    assert_eq!(system.rewards_at(4), storage_price());
    assert_eq!(system.used_capacity_at(4), ENCODED);
    let reserved = event::events_by_type<events::StorageReserved>();
    assert_eq!(reserved.length(), 2);
    assert_eq!(
        event::events_by_type<events::BlobCertified>()[1],
        events::new_blob_certified(1, bls_vectors::blob_id(), blob.object_id(), 5, false, true),
    );
    destroy(payment);
    destroy(blob);
    destroy(system);
}

#[test]
fun the_extension_purchase_is_reported_with_its_price_and_period() {
    let ctx = &mut tx_context::dummy();
    let mut system = utils::new_system(ctx);
    let mut blob = utils::register_vector_blob(&mut system, 2, false, ctx);
    utils::certify(&system, &mut blob);
    let mut payment = wallet(ctx);
    system.extend_blob(&mut blob, 3, &mut payment, ctx);
    // The second StorageReserved is the extension: the storage bought (the last object
    // created, then fused into the blob's), the blob's storage size, epochs [3, 6), 3 epochs' fee.
    let extension_id = object::id_from_address(ctx.last_created_object_id());
    assert_eq!(
        event::events_by_type<events::StorageReserved>()[1],
        events::new_storage_reserved(1, extension_id, ctx.sender(), ENCODED, 3, 6, 3 * storage_price()),
    );
    destroy(payment);
    destroy(blob);
    destroy(system);
}

#[test, expected_failure(abort_code = system::ENotCertified)]
fun an_uncertified_blob_cannot_be_extended() {
    let ctx = &mut tx_context::dummy();
    let mut system = utils::new_system(ctx);
    let mut blob = utils::register_vector_blob(&mut system, 2, false, ctx);
    let mut payment = wallet(ctx);
    system.extend_blob(&mut blob, 1, &mut payment, ctx);
    abort
}

#[test, expected_failure(abort_code = system::EBlobExpired)]
fun an_expired_blob_cannot_be_extended() {
    let ctx = &mut tx_context::dummy();
    let mut system = utils::new_system(ctx);
    let mut blob = utils::register_vector_blob(&mut system, 1, false, ctx);
    utils::certify(&system, &mut blob);
    utils::advance(&mut system);
    let mut payment = wallet(ctx);
    system.extend_blob(&mut blob, 1, &mut payment, ctx);
    abort
}

#[test, expected_failure(abort_code = system::EInvalidEpochRange)]
fun a_blob_cannot_be_extended_past_max_epochs_ahead() {
    let ctx = &mut tx_context::dummy();
    let mut system = utils::new_system(ctx);
    let mut blob = utils::register_vector_blob(&mut system, 3, false, ctx);
    utils::certify(&system, &mut blob);
    let mut payment = wallet(ctx);
    // Ends at epoch 4; the window ends at 1 + 5 = 6.
    system.extend_blob(&mut blob, 3, &mut payment, ctx);
    abort
}

#[test, expected_failure(abort_code = system::ENotEnoughCapacity)]
fun a_blob_cannot_be_extended_into_full_epochs() {
    let ctx = &mut tx_context::dummy();
    let mut system = utils::new_system(ctx);
    let mut blob = utils::register_vector_blob(&mut system, 2, false, ctx);
    utils::certify(&system, &mut blob);
    let mut payment = wallet(ctx);
    let _full = system.reserve_space_for_epochs(capacity(), 3, 4, &mut payment, ctx);
    system.extend_blob(&mut blob, 1, &mut payment, ctx);
    abort
}

#[test, expected_failure(abort_code = system::EInsufficientPayment)]
fun an_extension_short_of_its_price_aborts() {
    let ctx = &mut tx_context::dummy();
    let mut system = utils::new_system(ctx);
    let mut blob = utils::register_vector_blob(&mut system, 2, false, ctx);
    utils::certify(&system, &mut blob);
    let mut payment = frost(storage_price() - 1, ctx);
    system.extend_blob(&mut blob, 1, &mut payment, ctx);
    abort
}

#[test]
fun a_blob_is_extended_with_storage_bought_earlier() {
    let ctx = &mut tx_context::dummy();
    let mut system = utils::new_system(ctx);
    let mut blob = utils::register_vector_blob(&mut system, 2, true, ctx);
    utils::certify(&system, &mut blob);
    let mut payment = wallet(ctx);
    let storage = system.reserve_space_for_epochs(ENCODED, 3, 6, &mut payment, ctx);
    system.extend_blob_with_storage(&mut blob, storage);
    assert_eq!(blob.end_epoch(), 6);
    assert_eq!(
        event::events_by_type<events::BlobCertified>()[1],
        events::new_blob_certified(1, bls_vectors::blob_id(), blob.object_id(), 6, true, true),
    );
    destroy(payment);
    destroy(blob);
    destroy(system);
}

#[test, expected_failure(abort_code = system::EInvalidExtension)]
fun extension_storage_with_a_gap_aborts() {
    let ctx = &mut tx_context::dummy();
    let mut system = utils::new_system(ctx);
    let mut blob = utils::register_vector_blob(&mut system, 2, false, ctx);
    utils::certify(&system, &mut blob);
    system.extend_blob_with_storage(&mut blob, storage_resource::new_for_testing(4, 5, ENCODED, ctx));
    abort
}

#[test, expected_failure(abort_code = system::EInvalidExtension)]
fun extension_storage_of_another_size_aborts() {
    let ctx = &mut tx_context::dummy();
    let mut system = utils::new_system(ctx);
    let mut blob = utils::register_vector_blob(&mut system, 2, false, ctx);
    utils::certify(&system, &mut blob);
    system.extend_blob_with_storage(&mut blob, storage_resource::new_for_testing(3, 5, ENCODED + 1, ctx));
    abort
}

#[test, expected_failure(abort_code = system::EInvalidExtension)]
fun extension_storage_before_the_blob_aborts() {
    let ctx = &mut tx_context::dummy();
    let mut system = utils::new_system(ctx);
    utils::advance(&mut system);
    let mut blob = utils::register_vector_blob(&mut system, 2, false, ctx);
    utils::certify(&system, &mut blob);
    // The blob covers [2, 4); storage for [1, 2) is adjacent but before it.
    system.extend_blob_with_storage(&mut blob, storage_resource::new_for_testing(1, 2, ENCODED, ctx));
    abort
}

#[test]
fun a_blob_lives_until_its_end_epoch_and_then_expires() {
    let ctx = &mut tx_context::dummy();
    let mut system = utils::new_system(ctx);
    let mut blob = utils::register_vector_blob(&mut system, 2, false, ctx);
    utils::certify(&system, &mut blob);
    assert!(!blob.is_expired_at(system.epoch()));
    utils::advance(&mut system);
    assert!(!blob.is_expired_at(system.epoch()));
    utils::advance(&mut system);
    assert!(blob.is_expired_at(system.epoch()));
    assert_eq!(system.used_capacity(), 0);
    destroy(blob);
    destroy(system);
}

// === Metadata ===

#[test]
fun metadata_pairs_are_set_replaced_and_read_with_blob_metadata_updated() {
    let ctx = &mut tx_context::dummy();
    let mut system = utils::new_system(ctx);
    let mut blob = utils::register_vector_blob(&mut system, 2, false, ctx);
    assert!(blob.metadata().is_empty());
    assert!(blob.metadata_value(&b"content-type".to_string()).is_none());
    system.set_blob_metadata(&mut blob, b"content-type".to_string(), b"text/plain".to_string());
    system.set_blob_metadata(&mut blob, b"name".to_string(), b"a.txt".to_string());
    system.set_blob_metadata(&mut blob, b"content-type".to_string(), b"text/markdown".to_string());
    assert_eq!(blob.metadata().length(), 2);
    assert_eq!(blob.metadata_value(&b"content-type".to_string()), option::some(b"text/markdown".to_string()));
    assert_eq!(blob.metadata_value(&b"name".to_string()), option::some(b"a.txt".to_string()));
    let object_id = blob.object_id();
    let id = bls_vectors::blob_id();
    assert_eq!(
        event::events_by_type<events::BlobMetadataUpdated>(),
        vector[
            events::new_blob_metadata_updated(1, id, object_id, b"content-type".to_string(), option::some(b"text/plain".to_string())),
            events::new_blob_metadata_updated(1, id, object_id, b"name".to_string(), option::some(b"a.txt".to_string())),
            events::new_blob_metadata_updated(1, id, object_id, b"content-type".to_string(), option::some(b"text/markdown".to_string())),
        ],
    );
    destroy(blob);
    destroy(system);
}

#[test]
fun removing_a_metadata_pair_returns_its_value() {
    let ctx = &mut tx_context::dummy();
    let mut system = utils::new_system(ctx);
    let mut blob = utils::register_vector_blob(&mut system, 2, false, ctx);
    system.set_blob_metadata(&mut blob, b"name".to_string(), b"a.txt".to_string());
    assert_eq!(system.remove_blob_metadata(&mut blob, b"name".to_string()), b"a.txt".to_string());
    assert!(blob.metadata().is_empty());
    assert_eq!(
        event::events_by_type<events::BlobMetadataUpdated>()[1],
        events::new_blob_metadata_updated(1, bls_vectors::blob_id(), blob.object_id(), b"name".to_string(), option::none()),
    );
    destroy(blob);
    destroy(system);
}

#[test, expected_failure(abort_code = blob::EMetadataKeyNotFound)]
fun removing_a_missing_key_aborts() {
    let ctx = &mut tx_context::dummy();
    let mut system = utils::new_system(ctx);
    let mut blob = utils::register_vector_blob(&mut system, 2, false, ctx);
    system.set_blob_metadata(&mut blob, b"name".to_string(), b"a.txt".to_string());
    system.remove_blob_metadata(&mut blob, b"size".to_string());
    abort
}

#[test, expected_failure(abort_code = blob::EMetadataKeyNotFound)]
fun removing_from_a_blob_without_metadata_aborts() {
    let ctx = &mut tx_context::dummy();
    let mut system = utils::new_system(ctx);
    let mut blob = utils::register_vector_blob(&mut system, 2, false, ctx);
    system.remove_blob_metadata(&mut blob, b"name".to_string());
    abort
}

#[test]
fun a_blob_with_metadata_is_deleted_and_burned_cleanly() {
    let ctx = &mut tx_context::dummy();
    let mut system = utils::new_system(ctx);
    let mut deletable = utils::register_vector_blob(&mut system, 2, true, ctx);
    let mut permanent = utils::register_vector_blob(&mut system, 2, false, ctx);
    system.set_blob_metadata(&mut deletable, b"name".to_string(), b"a".to_string());
    system.set_blob_metadata(&mut permanent, b"name".to_string(), b"b".to_string());
    let storage = system.delete_blob(deletable);
    system.burn_blob(permanent);
    destroy(storage);
    destroy(system);
}

// === Invalid blob IDs ===

#[test]
fun a_third_of_the_shards_declares_a_blob_id_invalid() {
    let ctx = &mut tx_context::dummy();
    let system = utils::new_system(ctx);
    let cert = bls_vectors::invalid_blob_id_by_one_third();
    assert_eq!(system.invalidate_blob_id(cert.signature(), cert.signers_bitmap(), cert.message()), bls_vectors::blob_id());
    assert_eq!(
        event::events_by_type<events::BlobInvalidated>(),
        vector[events::new_blob_invalidated(1, bls_vectors::blob_id())],
    );
    destroy(system);
}

#[test, expected_failure(abort_code = bls::ENotEnoughWeight)]
fun fewer_than_a_third_cannot_declare_a_blob_id_invalid() {
    let ctx = &mut tx_context::dummy();
    let system = utils::new_system(ctx);
    let cert = bls_vectors::invalid_blob_id_short_of_one_third();
    system.invalidate_blob_id(cert.signature(), cert.signers_bitmap(), cert.message());
    abort
}

#[test, expected_failure(abort_code = system::EWrongCertificateEpoch)]
fun last_epoch_s_invalid_blob_id_certificate_is_rejected() {
    let ctx = &mut tx_context::dummy();
    let mut system = utils::new_system(ctx);
    utils::advance(&mut system);
    let cert = bls_vectors::invalid_blob_id_by_one_third();
    system.invalidate_blob_id(cert.signature(), cert.signers_bitmap(), cert.message());
    abort
}

#[test, expected_failure(abort_code = messages::EWrongIntent)]
fun a_blob_certificate_does_not_invalidate() {
    let ctx = &mut tx_context::dummy();
    let system = utils::new_system(ctx);
    let cert = bls_vectors::certified_by_exact_quorum();
    system.invalidate_blob_id(cert.signature(), cert.signers_bitmap(), cert.message());
    abort
}

// === Version guard ===

#[test, expected_failure(abort_code = system::EWrongVersion)]
fun an_outdated_system_rejects_certify_blob() {
    let ctx = &mut tx_context::dummy();
    let mut system = utils::new_system(ctx);
    let mut blob = utils::register_vector_blob(&mut system, 2, false, ctx);
    system.set_version_for_testing(2);
    let cert = bls_vectors::certified_by_exact_quorum();
    system.certify_blob(&mut blob, cert.signature(), cert.signers_bitmap(), cert.message());
    abort
}

#[test, expected_failure(abort_code = system::EWrongVersion)]
fun an_outdated_system_rejects_delete_blob() {
    let ctx = &mut tx_context::dummy();
    let mut system = utils::new_system(ctx);
    let blob = utils::register_vector_blob(&mut system, 2, true, ctx);
    system.set_version_for_testing(2);
    let _storage = system.delete_blob(blob);
    abort
}

#[test, expected_failure(abort_code = system::EWrongVersion)]
fun an_outdated_system_rejects_burn_blob() {
    let ctx = &mut tx_context::dummy();
    let mut system = utils::new_system(ctx);
    let blob = utils::register_vector_blob(&mut system, 2, true, ctx);
    system.set_version_for_testing(2);
    system.burn_blob(blob);
    abort
}

#[test, expected_failure(abort_code = system::EWrongVersion)]
fun an_outdated_system_rejects_extend_blob() {
    let ctx = &mut tx_context::dummy();
    let mut system = utils::new_system(ctx);
    let mut blob = utils::register_vector_blob(&mut system, 2, false, ctx);
    utils::certify(&system, &mut blob);
    system.set_version_for_testing(2);
    let mut payment = wallet(ctx);
    system.extend_blob(&mut blob, 1, &mut payment, ctx);
    abort
}

#[test, expected_failure(abort_code = system::EWrongVersion)]
fun an_outdated_system_rejects_blob_metadata() {
    let ctx = &mut tx_context::dummy();
    let mut system = utils::new_system(ctx);
    let mut blob = utils::register_vector_blob(&mut system, 2, false, ctx);
    system.set_version_for_testing(2);
    system.set_blob_metadata(&mut blob, b"k".to_string(), b"v".to_string());
    abort
}
