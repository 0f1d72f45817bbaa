/// Signatures that must be rejected (another committee, a repeated signer, the
/// wrong message) and agreement between Move and @noble/curves on keys and
/// signatures. These need real BLS12-381 natives: under the WASM runner of
/// `npm run test:move`, whose natives are stubs (verification always
/// succeeds, group operations return zeros), each test returns at its first
/// line and passes without checking anything. Run them with a real
/// `sui move test` to check; the vectors themselves are checked with noble by
/// scripts/blsVectors.test.ts.
#[test_only]
module tusk::bls_signature_tests;

use std::unit_test::assert_eq;
use tusk::bls::{Self, BlsCommittee};
use tusk::bls_vectors;
use tusk::system_test_utils::{Self as utils, node_ids, one_shard_each};

fun test_committee(): BlsCommittee {
    bls::new(node_ids(), bls_vectors::public_keys(), one_shard_each())
}

#[test]
fun with_real_bls_a_quorum_certificate_has_a_valid_signature() {
    if (!utils::bls_natives_are_real()) return;
    let cert = bls_vectors::certified_by_exact_quorum();
    assert!(test_committee().is_valid_signature(&cert.signature(), &cert.signers_bitmap(), &cert.message()));
}

#[test]
fun with_real_bls_another_committee_s_signature_is_rejected() {
    if (!utils::bls_natives_are_real()) return;
    let cert = bls_vectors::certified_by_other_committee();
    assert!(!test_committee().is_valid_signature(&cert.signature(), &cert.signers_bitmap(), &cert.message()));
    let other = bls::new(node_ids(), bls_vectors::other_public_keys(), one_shard_each());
    assert!(other.is_valid_signature(&cert.signature(), &cert.signers_bitmap(), &cert.message()));
}

#[test]
fun with_real_bls_a_repeated_signer_does_not_stand_in_for_a_missing_one() {
    if (!utils::bls_natives_are_real()) return;
    let cert = bls_vectors::certified_with_repeated_signer();
    assert!(!test_committee().is_valid_signature(&cert.signature(), &cert.signers_bitmap(), &cert.message()));
}

#[test]
fun with_real_bls_a_signature_on_another_message_is_rejected() {
    if (!utils::bls_natives_are_real()) return;
    let cert = bls_vectors::certified_wrong_message();
    assert!(!test_committee().is_valid_signature(&cert.signature(), &cert.signers_bitmap(), &cert.message()));
}

#[test]
fun with_real_bls_move_derives_the_same_public_keys_as_noble() {
    if (!utils::bls_natives_are_real()) return;
    let keys = bls_vectors::public_keys();
    keys.length().do!(|i| assert_eq!(utils::public_key(i), keys[i]));
}

#[test]
fun with_real_bls_move_signs_like_noble() {
    if (!utils::bls_natives_are_real()) return;
    let cert = bls_vectors::certified_by_exact_quorum();
    assert_eq!(utils::sign(&cert.message(), vector[0, 1, 2, 3, 4, 5, 6]), cert.signature());
}
