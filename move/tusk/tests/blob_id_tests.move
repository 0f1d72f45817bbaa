/// Blob IDs: `blob::derive_blob_id` agrees with `shared/src/blobId.ts` (the
/// vectors' IDs and a literal that blobId.test.ts also checks) and commits to
/// each of its inputs.
#[test_only]
module tusk::blob_id_tests;

use std::unit_test::assert_eq;
use tusk::blob;
use tusk::bls_vectors;

#[test]
fun move_and_typescript_derive_the_same_blob_ids() {
    assert_eq!(
        blob::derive_blob_id(0, bls_vectors::blob_size(), bls_vectors::blob_root_hash()),
        bls_vectors::blob_id(),
    );
    assert_eq!(
        blob::derive_blob_id(0, bls_vectors::other_blob_size(), bls_vectors::other_blob_root_hash()),
        bls_vectors::other_blob_id(),
    );
}

#[test]
fun the_blob_id_of_all_zero_inputs_is_the_one_shared_tests_expect() {
    // blake2b256 of 41 zero bytes, little-endian; shared/src/blobId.test.ts checks the same value.
    assert_eq!(
        blob::derive_blob_id(0, 0, 0),
        65364323886320632191614623943637582695896401833596752756706679256354177437334,
    );
}

#[test]
fun the_blob_id_commits_to_encoding_size_and_root_hash() {
    let id = blob::derive_blob_id(0, 1000, 42);
    assert!(id != blob::derive_blob_id(1, 1000, 42));
    assert!(id != blob::derive_blob_id(0, 1001, 42));
    assert!(id != blob::derive_blob_id(0, 1000, 43));
    assert_eq!(id, blob::derive_blob_id(0, 1000, 42));
}
