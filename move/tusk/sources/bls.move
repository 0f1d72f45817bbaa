/// The committee of an epoch as a BLS12-381 signing group, and certificate
/// verification against it: this module owns who may sign, with what weight,
/// and how a certificate proves that enough of them did.
///
/// Scheme: min-pk BLS (public keys are 48-byte compressed G1 points,
/// signatures 96-byte compressed G2 points, messages hashed to G2 with
/// `BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_NUL_`). A certificate is
/// `(signature, signers_bitmap, message)`: bit `i` of the bitmap (byte `i / 8`,
/// bit `i % 8`, least significant first) says member `i` (in committee order)
/// signed; `signature` is the sum of their signatures on `message`. It is
/// checked by summing the signers' public keys and verifying the signature
/// against that sum with `sui::bls12381::bls12381_min_pk_verify`. Rogue-key
/// attacks are excluded upstream: a key joins only with a proof of possession
/// (checked at node registration).
///
/// Weight is shards: a certificate needs a quorum, more than 2/3 of all
/// shards (`3 * weight >= 2 * n_shards + 1`), or, to declare a blob ID invalid,
/// more than 1/3 (`3 * weight >= n_shards + 1`), so at least one correct node
/// signed. With `n = 3f + 1` shards these are `2f + 1` and `f + 1`.
/// Invariants: the vectors are parallel and in committee order; `n_shards` is
/// the sum of `shards`; the bitmap names each member at most once, so no
/// signer counts twice.
module tusk::bls;

use sui::bls12381::{Self, UncompressedG1};
use sui::group_ops::Element;

#[error]
const EInvalidCommittee: vector<u8> =
    b"Committee vectors must have the same length (node IDs, public keys, shards)";

#[error]
const EInvalidBitmap: vector<u8> =
    b"The signers bitmap is longer than the committee or names a member that does not exist";

#[error]
const ENotEnoughWeight: vector<u8> =
    b"The signers do not hold enough shards for this certificate";

#[error]
const EInvalidSignature: vector<u8> =
    b"The aggregate signature does not verify against the signers' public keys and the message";

/// The members of one epoch's committee, in committee order.
public struct BlsCommittee has copy, drop, store {
    node_ids: vector<ID>,
    /// Compressed G1 public keys, as registered.
    public_keys: vector<vector<u8>>,
    /// The same keys, decompressed once at epoch change so certificates can sum them cheaply.
    keys: vector<Element<UncompressedG1>>,
    shards: vector<u16>,
    n_shards: u64,
}

/// A committee from parallel vectors in committee order. Aborts if their
/// lengths differ, or (`sui::group_ops::EInvalidInput`) on a key that is not a
/// valid G1 point.
public(package) fun new(
    node_ids: vector<ID>,
    public_keys: vector<vector<u8>>,
    shards: vector<u16>,
): BlsCommittee {
    let size = node_ids.length();
    assert!(public_keys.length() == size && shards.length() == size, EInvalidCommittee);
    let keys = public_keys.map_ref!(|key| bls12381::g1_to_uncompressed_g1(&bls12381::g1_from_bytes(key)));
    let mut n_shards = 0;
    shards.do_ref!(|count| n_shards = n_shards + (*count as u64));
    BlsCommittee { node_ids, public_keys, keys, shards, n_shards }
}

/// The committee with no members (before the first epoch).
public(package) fun empty(): BlsCommittee {
    BlsCommittee { node_ids: vector[], public_keys: vector[], keys: vector[], shards: vector[], n_shards: 0 }
}

/// Node IDs in committee order.
public fun node_ids(self: &BlsCommittee): vector<ID> {
    self.node_ids
}

/// Compressed G1 public keys in committee order.
public fun public_keys(self: &BlsCommittee): vector<vector<u8>> {
    self.public_keys
}

/// Shards per member in committee order.
public fun shards(self: &BlsCommittee): vector<u16> {
    self.shards
}

/// Total shards (the sum of `shards`).
public fun n_shards(self: &BlsCommittee): u64 {
    self.n_shards
}

/// Number of members.
public fun size(self: &BlsCommittee): u64 {
    self.node_ids.length()
}

/// Whether `weight` shards are a quorum: more than 2/3 of all shards.
public fun is_quorum(self: &BlsCommittee, weight: u64): bool {
    3 * (weight as u128) >= 2 * (self.n_shards as u128) + 1
}

/// Whether `weight` shards include a correct node: more than 1/3 of all shards.
public fun is_one_third(self: &BlsCommittee, weight: u64): bool {
    3 * (weight as u128) >= (self.n_shards as u128) + 1
}

/// Shards held by the members named in `signers_bitmap`. Aborts with
/// `EInvalidBitmap` if the bitmap has more bytes than the committee needs or
/// sets a bit past the last member.
public fun signers_weight(self: &BlsCommittee, signers_bitmap: &vector<u8>): u64 {
    let (_, weight) = self.signers(signers_bitmap);
    weight
}

/// Whether `signature` is the aggregate signature on `message` of the members
/// `signers_bitmap` names (whatever their weight; false when it names none).
/// Aborts with `EInvalidBitmap` on a malformed bitmap.
public fun is_valid_signature(
    self: &BlsCommittee,
    signature: &vector<u8>,
    signers_bitmap: &vector<u8>,
    message: &vector<u8>,
): bool {
    let (keys, _) = self.signers(signers_bitmap);
    !keys.is_empty() && aggregate_verifies(&keys, signature, message)
}

/// Verifies a certificate that needs a quorum; returns the signers' weight.
/// Aborts with `EInvalidBitmap`, `ENotEnoughWeight` or `EInvalidSignature`.
public fun verify_quorum(
    self: &BlsCommittee,
    signature: &vector<u8>,
    signers_bitmap: &vector<u8>,
    message: &vector<u8>,
): u64 {
    let (keys, weight) = self.signers(signers_bitmap);
    assert!(self.is_quorum(weight), ENotEnoughWeight);
    assert!(aggregate_verifies(&keys, signature, message), EInvalidSignature);
    weight
}

/// Verifies a certificate that needs more than 1/3 of the shards; returns the
/// signers' weight. Aborts like `verify_quorum`.
public fun verify_one_third(
    self: &BlsCommittee,
    signature: &vector<u8>,
    signers_bitmap: &vector<u8>,
    message: &vector<u8>,
): u64 {
    let (keys, weight) = self.signers(signers_bitmap);
    assert!(self.is_one_third(weight), ENotEnoughWeight);
    assert!(aggregate_verifies(&keys, signature, message), EInvalidSignature);
    weight
}

/// The signers' decompressed keys and their total shards.
fun signers(self: &BlsCommittee, signers_bitmap: &vector<u8>): (vector<Element<UncompressedG1>>, u64) {
    let size = self.size();
    assert!(signers_bitmap.length() <= (size + 7) / 8, EInvalidBitmap);
    let mut keys = vector[];
    let mut weight = 0;
    signers_bitmap.length().do!(|byte_index| {
        let byte = signers_bitmap[byte_index];
        8u8.do!(|bit| {
            if ((byte >> bit) & 1 == 1) {
                let member = byte_index * 8 + (bit as u64);
                assert!(member < size, EInvalidBitmap);
                keys.push_back(self.keys[member]);
                weight = weight + (self.shards[member] as u64);
            }
        });
    });
    (keys, weight)
}

/// Whether `signature` on `message` verifies against the sum of `keys` (at least one).
fun aggregate_verifies(keys: &vector<Element<UncompressedG1>>, signature: &vector<u8>, message: &vector<u8>): bool {
    let aggregate = bls12381::uncompressed_g1_to_g1(&bls12381::uncompressed_g1_sum(keys));
    bls12381::bls12381_min_pk_verify(signature, aggregate.bytes(), message)
}
