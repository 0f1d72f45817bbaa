/// The committee as a signing group: its vectors, the quorum (> 2/3 of shards)
/// and one-third thresholds at their boundaries, the signers bitmap, and
/// certificate checks with the TypeScript vectors (weights and bitmaps;
/// signatures that must fail are in bls_signature_tests).
#[test_only]
module tusk::bls_committee_tests;

use std::unit_test::assert_eq;
use tusk::bls::{Self, BlsCommittee};
use tusk::bls_vectors;
use tusk::system_test_utils::{Self as utils, node_ids, one_shard_each};

fun test_committee(): BlsCommittee {
    bls::new(node_ids(), bls_vectors::public_keys(), one_shard_each())
}

fun weighted(shards: vector<u16>): BlsCommittee {
    bls::new(node_ids(), bls_vectors::public_keys(), shards)
}

#[test]
fun a_committee_keeps_its_members_in_order_and_sums_their_shards() {
    let committee = weighted(vector[4, 3, 2, 1, 0, 0, 0, 0, 0, 5]);
    assert_eq!(committee.size(), 10);
    assert_eq!(committee.node_ids(), node_ids());
    assert_eq!(committee.public_keys(), bls_vectors::public_keys());
    assert_eq!(committee.shards(), vector[4, 3, 2, 1, 0, 0, 0, 0, 0, 5]);
    assert_eq!(committee.n_shards(), 15);
}

#[test]
fun the_empty_committee_has_no_members_and_no_quorum() {
    let committee = bls::empty();
    assert_eq!(committee.size(), 0);
    assert_eq!(committee.n_shards(), 0);
    assert!(!committee.is_quorum(0));
    assert!(!committee.is_one_third(0));
}

#[test, expected_failure(abort_code = bls::EInvalidCommittee)]
fun fewer_keys_than_nodes_aborts() {
    let mut keys = bls_vectors::public_keys();
    keys.pop_back();
    bls::new(node_ids(), keys, one_shard_each());
}

#[test, expected_failure(abort_code = bls::EInvalidCommittee)]
fun fewer_shard_counts_than_nodes_aborts() {
    let mut shards = one_shard_each();
    shards.pop_back();
    bls::new(node_ids(), bls_vectors::public_keys(), shards);
}

#[test, expected_failure(abort_code = sui::group_ops::EInvalidInput)]
fun a_key_that_is_not_48_bytes_aborts() {
    let mut keys = bls_vectors::public_keys();
    *&mut keys[3] = x"0102";
    bls::new(node_ids(), keys, one_shard_each());
}

#[test]
fun a_quorum_is_more_than_two_thirds_of_the_shards() {
    let ten = test_committee();
    assert!(ten.is_quorum(7));
    assert!(!ten.is_quorum(6));
    let thousand = weighted(vector[100, 100, 100, 100, 100, 100, 100, 100, 100, 100]);
    assert_eq!(thousand.n_shards(), 1000);
    assert!(thousand.is_quorum(667));
    assert!(!thousand.is_quorum(666));
    // n = 3f + 1 = 13: the quorum is 2f + 1 = 9.
    let thirteen = weighted(vector[4, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
    assert!(thirteen.is_quorum(9));
    assert!(!thirteen.is_quorum(8));
}

#[test]
fun one_third_is_more_than_a_third_of_the_shards() {
    let ten = test_committee();
    assert!(ten.is_one_third(4));
    assert!(!ten.is_one_third(3));
    let thousand = weighted(vector[100, 100, 100, 100, 100, 100, 100, 100, 100, 100]);
    assert!(thousand.is_one_third(334));
    assert!(!thousand.is_one_third(333));
    // n = 3f + 1 = 13: one third is f + 1 = 5.
    let thirteen = weighted(vector[4, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
    assert!(thirteen.is_one_third(5));
    assert!(!thirteen.is_one_third(4));
}

#[test]
fun signers_weigh_their_shards_not_their_count() {
    let committee = weighted(vector[4, 3, 2, 1, 0, 0, 0, 0, 0, 5]);
    assert_eq!(committee.signers_weight(&utils::bitmap(vector[0, 1])), 7);
    assert_eq!(committee.signers_weight(&utils::bitmap(vector[4, 5, 6, 7, 8])), 0);
    assert_eq!(committee.signers_weight(&utils::bitmap(vector[9])), 5);
    assert_eq!(committee.signers_weight(&vector[]), 0);
    assert_eq!(committee.signers_weight(&vector[0x01]), 4);
}

#[test]
fun an_exact_quorum_certificate_verifies_with_weight_7() {
    let cert = bls_vectors::certified_by_exact_quorum();
    assert_eq!(test_committee().verify_quorum(&cert.signature(), &cert.signers_bitmap(), &cert.message()), 7);
}

#[test]
fun a_certificate_from_every_member_verifies_with_weight_10() {
    let cert = bls_vectors::certified_by_all();
    assert_eq!(test_committee().verify_quorum(&cert.signature(), &cert.signers_bitmap(), &cert.message()), 10);
}

#[test]
fun a_quorum_spread_over_both_bitmap_bytes_verifies() {
    let cert = bls_vectors::certified_by_scattered_quorum();
    assert_eq!(cert.signers_bitmap(), vector[0xb6, 0x03]);
    assert_eq!(test_committee().verify_quorum(&cert.signature(), &cert.signers_bitmap(), &cert.message()), 7);
}

#[test, expected_failure(abort_code = bls::ENotEnoughWeight)]
fun a_certificate_one_signer_short_of_quorum_aborts() {
    let cert = bls_vectors::certified_by_one_short_of_quorum();
    test_committee().verify_quorum(&cert.signature(), &cert.signers_bitmap(), &cert.message());
}

#[test, expected_failure(abort_code = bls::ENotEnoughWeight)]
fun a_certificate_with_no_signers_aborts() {
    let cert = bls_vectors::certified_by_exact_quorum();
    test_committee().verify_quorum(&cert.signature(), &vector[0, 0], &cert.message());
}

#[test, expected_failure(abort_code = bls::EInvalidBitmap)]
fun a_bit_past_the_last_member_aborts() {
    let cert = bls_vectors::certified_with_bit_past_committee();
    test_committee().verify_quorum(&cert.signature(), &cert.signers_bitmap(), &cert.message());
}

#[test, expected_failure(abort_code = bls::EInvalidBitmap)]
fun a_bitmap_longer_than_the_committee_aborts() {
    let cert = bls_vectors::certified_with_bitmap_too_long();
    test_committee().verify_quorum(&cert.signature(), &cert.signers_bitmap(), &cert.message());
}

#[test]
fun heavy_members_make_a_quorum_alone() {
    // Members 0 and 1 hold 7 of 10 shards.
    let committee = weighted(vector[4, 3, 1, 1, 1, 0, 0, 0, 0, 0]);
    let message = b"any message";
    let signers = vector[0, 1];
    assert_eq!(committee.verify_quorum(&utils::sign(&message, signers), &utils::bitmap(signers), &message), 7);
}

#[test, expected_failure(abort_code = bls::ENotEnoughWeight)]
fun many_light_members_can_fall_short_of_a_quorum() {
    // Members 1-9 are 9 of 10 members but hold 6 of 10 shards.
    let committee = weighted(vector[4, 2, 1, 1, 1, 1, 0, 0, 0, 0]);
    let message = b"any message";
    let signers = vector[1, 2, 3, 4, 5, 6, 7, 8, 9];
    committee.verify_quorum(&utils::sign(&message, signers), &utils::bitmap(signers), &message);
}

#[test]
fun an_invalid_blob_id_needs_only_one_third() {
    let cert = bls_vectors::invalid_blob_id_by_one_third();
    assert_eq!(test_committee().verify_one_third(&cert.signature(), &cert.signers_bitmap(), &cert.message()), 4);
}

#[test, expected_failure(abort_code = bls::ENotEnoughWeight)]
fun an_invalid_blob_id_short_of_one_third_aborts() {
    let cert = bls_vectors::invalid_blob_id_short_of_one_third();
    test_committee().verify_one_third(&cert.signature(), &cert.signers_bitmap(), &cert.message());
}

#[test, expected_failure(abort_code = bls::EInvalidBitmap)]
fun a_malformed_bitmap_aborts_even_for_one_third() {
    let cert = bls_vectors::certified_with_bit_past_committee();
    test_committee().verify_one_third(&cert.signature(), &cert.signers_bitmap(), &cert.message());
}

#[test]
fun a_signature_naming_no_signer_is_not_valid() {
    let cert = bls_vectors::certified_by_exact_quorum();
    assert!(!test_committee().is_valid_signature(&cert.signature(), &vector[], &cert.message()));
}
