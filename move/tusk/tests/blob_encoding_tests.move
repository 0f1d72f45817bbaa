/// The encoded-size formula of `tusk::encoding` at the sizes and shard counts
/// that matter: the test committee (10 shards), the default (1000), the
/// smallest committees, and the edges (empty blob, overflow, unknown type).
#[test_only]
module tusk::blob_encoding_tests;

use std::unit_test::assert_eq;
use tusk::encoding;

#[test]
fun a_1000_byte_blob_over_10_shards_takes_5700_bytes() {
    // f = 3, k = 4: slivers of 2 * ceil(1000 / 8) = 250 bytes, metadata 32 * 10 = 320 bytes per shard.
    assert_eq!(encoding::sliver_size(1000, 10), 250);
    assert_eq!(encoding::metadata_size(10), 320);
    assert_eq!(encoding::encoded_size(1000, encoding::reed_solomon(), 10), 10 * (250 + 320));
}

#[test]
fun a_1_gib_blob_over_1000_shards_takes_about_3_times_its_size() {
    // f = 333, k = 334: slivers of 2 * ceil(2^30 / 668) = 3_214_796 bytes, metadata 32_000 bytes per shard.
    assert_eq!(encoding::sliver_size(1 << 30, 1000), 3_214_796);
    assert_eq!(encoding::encoded_size(1 << 30, 0, 1000), 3_246_796_000);
}

#[test]
fun an_empty_blob_still_takes_one_symbol_and_the_metadata_on_every_shard() {
    assert_eq!(encoding::sliver_size(0, 10), 2);
    assert_eq!(encoding::encoded_size(0, 0, 10), 10 * (2 + 320));
}

#[test]
fun slivers_are_whole_2_byte_symbols() {
    // k = 4 over 10 shards: 1 byte and 8 bytes both fit one symbol row, 9 bytes need two.
    assert_eq!(encoding::sliver_size(1, 10), 2);
    assert_eq!(encoding::sliver_size(8, 10), 2);
    assert_eq!(encoding::sliver_size(9, 10), 4);
}

#[test]
fun one_shard_stores_the_whole_blob_and_its_own_hash() {
    assert_eq!(encoding::max_faulty_shards(1), 0);
    assert_eq!(encoding::source_slivers(1), 1);
    assert_eq!(encoding::encoded_size(1000, 0, 1), 1000 + 32);
}

#[test]
fun four_shards_tolerate_one_fault_with_two_source_slivers() {
    assert_eq!(encoding::max_faulty_shards(4), 1);
    assert_eq!(encoding::source_slivers(4), 2);
    assert_eq!(encoding::encoded_size(1000, 0, 4), 4 * (500 + 128));
}

#[test]
fun faulty_and_source_slivers_follow_n_equals_3f_plus_1() {
    assert_eq!(encoding::max_faulty_shards(7), 2);
    assert_eq!(encoding::source_slivers(7), 3);
    assert_eq!(encoding::max_faulty_shards(10), 3);
    assert_eq!(encoding::source_slivers(10), 4);
    assert_eq!(encoding::max_faulty_shards(1000), 333);
    assert_eq!(encoding::source_slivers(1000), 334);
    // Between the 3f + 1 points, extra shards add source slivers.
    assert_eq!(encoding::max_faulty_shards(12), 3);
    assert_eq!(encoding::source_slivers(12), 6);
}

#[test]
fun encoded_size_never_shrinks_as_the_blob_grows() {
    let mut previous = 0;
    let mut size = 0;
    while (size < 5_000) {
        let encoded = encoding::encoded_size(size, 0, 10);
        assert!(encoded >= previous);
        previous = encoded;
        size = size + 37;
    };
}

#[test]
fun only_reed_solomon_is_supported() {
    assert!(encoding::is_supported(0));
    assert!(!encoding::is_supported(1));
    assert_eq!(encoding::reed_solomon(), 0);
}

#[test, expected_failure(abort_code = encoding::EUnsupportedEncoding)]
fun sizing_an_unknown_encoding_aborts() {
    encoding::encoded_size(1000, 1, 10);
}

#[test, expected_failure(abort_code = encoding::ENoShards)]
fun sizing_over_no_shards_aborts() {
    encoding::encoded_size(1000, 0, 0);
}

#[test, expected_failure(abort_code = encoding::EBlobTooLarge)]
fun an_encoded_size_past_u64_aborts() {
    encoding::encoded_size(0xFFFF_FFFF_FFFF_FFFF, 0, 1000);
}

#[test, expected_failure(abort_code = encoding::EBlobTooLarge)]
fun a_sliver_past_u64_aborts() {
    // One shard, an odd maximal size: the sliver rounds up to 2^64 bytes.
    encoding::sliver_size(0xFFFF_FFFF_FFFF_FFFF, 1);
}
