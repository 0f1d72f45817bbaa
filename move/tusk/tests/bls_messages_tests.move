/// The certificate message format of `tusk::messages`: Move builds the bytes
/// the TypeScript vectors sign, parses them back, and rejects every other
/// intent, length and persistence tag.
#[test_only]
module tusk::bls_messages_tests;

use std::unit_test::assert_eq;
use tusk::bls_vectors;
use tusk::messages;

#[test]
fun a_permanent_blob_certificate_message_is_byte_equal_to_the_typescript_one() {
    let expected = bls_vectors::certified_by_exact_quorum().message();
    assert_eq!(messages::blob_certified_bytes(1, bls_vectors::blob_id(), option::none()), expected);
    assert_eq!(expected.length(), 40);
}

#[test]
fun a_deletable_blob_certificate_message_carries_the_object_id() {
    let expected = bls_vectors::certified_deletable().message();
    let object_id = bls_vectors::deletable_object_id();
    assert_eq!(messages::blob_certified_bytes(1, bls_vectors::blob_id(), option::some(object_id)), expected);
    assert_eq!(expected.length(), 72);
    let parsed = messages::certified_blob_message(expected);
    assert_eq!(parsed.epoch(), 1);
    assert_eq!(parsed.blob_id(), bls_vectors::blob_id());
    assert_eq!(parsed.deletable_object_id(), option::some(object_id));
}

#[test]
fun a_permanent_blob_certificate_parses_to_its_epoch_and_blob_id() {
    let parsed = messages::certified_blob_message(bls_vectors::certified_for_wrong_epoch().message());
    assert_eq!(parsed.epoch(), 2);
    assert_eq!(parsed.blob_id(), bls_vectors::blob_id());
    assert!(parsed.deletable_object_id().is_none());
}

#[test]
fun an_invalid_blob_id_message_is_byte_equal_to_the_typescript_one_and_parses() {
    let expected = bls_vectors::invalid_blob_id_by_one_third().message();
    assert_eq!(messages::blob_id_invalid_bytes(1, bls_vectors::blob_id()), expected);
    let (epoch, blob_id) = messages::invalid_blob_id_message(expected);
    assert_eq!(epoch, 1);
    assert_eq!(blob_id, bls_vectors::blob_id());
}

#[test]
fun the_intent_header_is_type_version_app() {
    let bytes = messages::blob_certified_bytes(7, 5, option::none());
    assert_eq!(bytes[0], messages::blob_certified_intent());
    assert_eq!(bytes[1], messages::intent_version());
    assert_eq!(bytes[2], messages::app_id());
    assert_eq!(vector[bytes[3], bytes[4], bytes[5], bytes[6]], vector[7, 0, 0, 0]);
    assert_eq!(messages::blob_certified_intent(), 1);
    assert_eq!(messages::blob_id_invalid_intent(), 2);
    assert_eq!(messages::intent_version(), 0);
    assert_eq!(messages::app_id(), 3);
}

#[test, expected_failure(abort_code = messages::EWrongIntent)]
fun an_invalid_blob_id_message_is_not_a_certificate() {
    messages::certified_blob_message(messages::blob_id_invalid_bytes(1, 5));
}

#[test, expected_failure(abort_code = messages::EWrongIntent)]
fun a_certificate_is_not_an_invalid_blob_id_message() {
    messages::invalid_blob_id_message(messages::blob_certified_bytes(1, 5, option::none()));
}

#[test, expected_failure(abort_code = messages::EWrongIntent)]
fun another_app_id_is_rejected() {
    let mut bytes = messages::blob_certified_bytes(1, 5, option::none());
    *&mut bytes[2] = 0;
    messages::certified_blob_message(bytes);
}

#[test, expected_failure(abort_code = messages::EWrongIntent)]
fun another_intent_version_is_rejected() {
    let mut bytes = messages::blob_certified_bytes(1, 5, option::none());
    *&mut bytes[1] = 1;
    messages::certified_blob_message(bytes);
}

#[test, expected_failure(abort_code = messages::EMalformedMessage)]
fun a_trailing_byte_is_rejected() {
    let mut bytes = messages::blob_certified_bytes(1, 5, option::none());
    bytes.push_back(0);
    messages::certified_blob_message(bytes);
}

#[test, expected_failure(abort_code = messages::EMalformedMessage)]
fun a_message_cut_inside_the_header_is_rejected() {
    messages::certified_blob_message(vector[1, 0, 3, 1]);
}

#[test, expected_failure(abort_code = messages::EMalformedMessage)]
fun a_message_cut_inside_the_blob_id_is_rejected() {
    let mut bytes = messages::blob_certified_bytes(1, 5, option::none());
    bytes.pop_back();
    bytes.pop_back();
    messages::certified_blob_message(bytes);
}

#[test, expected_failure(abort_code = messages::EMalformedMessage)]
fun an_unknown_persistence_tag_is_rejected() {
    let mut bytes = messages::blob_certified_bytes(1, 5, option::none());
    *&mut bytes[39] = 2;
    messages::certified_blob_message(bytes);
}

#[test, expected_failure(abort_code = messages::EMalformedMessage)]
fun a_deletable_tag_without_an_object_id_is_rejected() {
    let mut bytes = messages::blob_certified_bytes(1, 5, option::none());
    *&mut bytes[39] = 1;
    messages::certified_blob_message(bytes);
}

#[test, expected_failure(abort_code = messages::EMalformedMessage)]
fun an_invalid_blob_id_message_with_a_trailing_byte_is_rejected() {
    let mut bytes = messages::blob_id_invalid_bytes(1, 5);
    bytes.push_back(0);
    messages::invalid_blob_id_message(bytes);
}
