/// How much storage a blob takes once erasure-coded over the shards: this
/// module owns the encoding types Tusk accepts and the encoded-size formula
/// that storage must cover and that fees are charged on.
///
/// Encoding type 0, `REED_SOLOMON`: a Reed-Solomon code over GF(2^16) that
/// cuts the blob into `k` source slivers and stores one (source or repair)
/// sliver on each of the `n` shards. With `f = (n - 1) / 3` shards that may be
/// Byzantine, `k = n - 2f`: any `n - 2f` correct slivers rebuild the blob, so
/// it survives `f` faulty plus `f` slow or missing shards. Every shard also
/// keeps the blob's metadata, one 32-byte hash per shard's sliver, to check the
/// slivers it serves and receives.
///
/// ```
/// f        = (n - 1) / 3
/// k        = n - 2f                          (source slivers, 1 <= k <= n)
/// sliver   = 2 * max(1, ceil(size / (2k)))   (bytes; GF(2^16) symbols are 2 bytes)
/// metadata = 32 * n                          (bytes, on every shard)
/// encoded  = n * (sliver + metadata)
/// ```
///
/// So a blob costs about `n / k` (~3x) its size plus `32 n^2` bytes of
/// metadata (32 MB at 1000 shards, which dominates small blobs). Invariant:
/// `encoded_size` is monotone in `size` and fits a u64, or the call aborts.
module tusk::encoding;

/// Reed-Solomon over GF(2^16), one sliver per shard (the only type so far).
const REED_SOLOMON: u8 = 0;

/// Bytes in one GF(2^16) symbol: slivers are whole symbols.
const SYMBOL_BYTES: u64 = 2;

/// Bytes in one sliver hash of the metadata.
const HASH_BYTES: u64 = 32;

const MAX_U64: u128 = 0xFFFF_FFFF_FFFF_FFFF;

#[error]
const EUnsupportedEncoding: vector<u8> = b"Unknown encoding type: only 0 (Reed-Solomon) is supported";

#[error]
const ENoShards: vector<u8> = b"There are no shards to encode over: no committee is in office yet";

#[error]
const EBlobTooLarge: vector<u8> = b"The encoded size of this blob does not fit in a u64";

/// Encoding type of the Reed-Solomon code (0).
public fun reed_solomon(): u8 {
    REED_SOLOMON
}

/// Whether `encoding_type` is one this package can size.
public fun is_supported(encoding_type: u8): bool {
    encoding_type == REED_SOLOMON
}

/// Shards that may be Byzantine among `n_shards`: `f = (n - 1) / 3`.
public fun max_faulty_shards(n_shards: u64): u64 {
    assert!(n_shards > 0, ENoShards);
    (n_shards - 1) / 3
}

/// Source slivers `k = n - 2f`: any `k` correct slivers rebuild the blob.
public fun source_slivers(n_shards: u64): u64 {
    n_shards - 2 * max_faulty_shards(n_shards)
}

/// Bytes of the sliver each shard stores for a blob of `size` bytes.
public fun sliver_size(size: u64, n_shards: u64): u64 {
    let sliver = sliver_bytes(size, n_shards);
    assert!(sliver <= MAX_U64, EBlobTooLarge);
    sliver as u64
}

/// Bytes of metadata each shard stores for any blob: one hash per shard.
public fun metadata_size(n_shards: u64): u64 {
    assert!(n_shards > 0, ENoShards);
    HASH_BYTES * n_shards
}

/// Total bytes stored across all `n_shards` shards for a blob of `size`
/// unencoded bytes: `n * (sliver + metadata)` (see the module doc).
/// Aborts on an unknown encoding type, no shards, or a u64 overflow.
public fun encoded_size(size: u64, encoding_type: u8, n_shards: u64): u64 {
    assert!(is_supported(encoding_type), EUnsupportedEncoding);
    let per_shard = sliver_bytes(size, n_shards) + (metadata_size(n_shards) as u128);
    let total = per_shard * (n_shards as u128);
    assert!(total <= MAX_U64, EBlobTooLarge);
    total as u64
}

/// `2 * max(1, ceil(size / 2k))` in u128 (it exceeds u64 only for `size` near 2^64).
fun sliver_bytes(size: u64, n_shards: u64): u128 {
    let row_bytes = (source_slivers(n_shards) as u128) * (SYMBOL_BYTES as u128);
    let rows = ((size as u128) + row_bytes - 1) / row_bytes;
    let rows = if (rows == 0) 1 else rows;
    rows * (SYMBOL_BYTES as u128)
}
