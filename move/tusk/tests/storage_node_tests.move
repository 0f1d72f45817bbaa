/// Storage node keys: the proof-of-possession message format and the
/// generated test vectors (real BLS12-381 keys and signatures, see
/// `move/tools/generateTestNodeKeys.ts`).
///
/// Note: the WASM unit-test runner (`@zktx.io/sui-move-builder`) replaces the
/// `blst` crate with a stub, so `bls12381_min_pk_verify` accepts any
/// signature there; a rejected signature can only be observed on a real Sui
/// node. `npx vitest run move/tools` checks the vectors (and rejections) with
/// `@noble/curves` instead.
#[test_only]
module tusk::storage_node_tests;

use std::unit_test::{assert_eq, destroy};
use tusk::storage_node;
use tusk::test_node_keys;
use tusk::world;

#[test]
fun pop_message_is_intent_then_bcs_key_then_sender() {
    let key = test_node_keys::public_key(0);
    let message = storage_node::pop_message(key, @0x1000);
    assert_eq!(message.length(), 3 + 1 + 48 + 32);
    let mut expected = x"050003";
    expected.push_back(48);
    expected.append(key);
    expected.append(sui::address::to_bytes(@0x1000));
    assert_eq!(message, expected);
}

#[test]
fun generated_proofs_of_possession_verify_for_their_operator() {
    test_node_keys::count().do!(|i| {
        assert_eq!(test_node_keys::public_key(i).length(), 48);
        assert_eq!(test_node_keys::pop(i).length(), 96);
        storage_node::check_public_key(
            &test_node_keys::public_key(i),
            &test_node_keys::pop(i),
            test_node_keys::operator(i),
        );
        assert!(
            storage_node::verify_proof_of_possession(
                &test_node_keys::public_key(i),
                &test_node_keys::pop_by_operator_0(i),
                test_node_keys::operator(0),
            ),
        );
    });
}

#[test, expected_failure(abort_code = storage_node::EInvalidPublicKey)]
fun a_public_key_of_the_wrong_length_is_refused() {
    let mut key = test_node_keys::public_key(0);
    key.pop_back();
    storage_node::check_public_key(&key, &test_node_keys::pop(0), test_node_keys::operator(0));
}

#[test, expected_failure(abort_code = storage_node::EInvalidProofOfPossession)]
fun a_proof_of_the_wrong_length_is_refused() {
    let mut pop = test_node_keys::pop(0);
    pop.pop_back();
    storage_node::check_public_key(&test_node_keys::public_key(0), &pop, test_node_keys::operator(0));
}

#[test]
fun a_cap_names_its_node() {
    let mut ctx = tx_context::dummy();
    let node_id = object::id_from_address(@0x42);
    let cap = storage_node::new_cap_for_testing(node_id, &mut ctx);
    assert_eq!(cap.node_id(), node_id);
    storage_node::destroy_cap_for_testing(cap);
}

#[test, expected_failure(abort_code = storage_node::EInvalidProofOfPossession)]
fun registering_with_a_truncated_proof_aborts() {
    let mut w = world::new();
    let mut pop = test_node_keys::pop(0);
    pop.pop_back();
    let (staking, ctx) = w.staking_and_ctx(test_node_keys::operator(0));
    let cap = staking.register_candidate(
        b"n".to_string(),
        b"a".to_string(),
        b"u".to_string(),
        test_node_keys::public_key(0),
        vector[],
        pop,
        0,
        0,
        0,
        0,
        ctx,
    );
    destroy(cap);
    w.end();
}
