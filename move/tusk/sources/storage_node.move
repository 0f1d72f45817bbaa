/// Storage nodes: the operator's capability (`StorageNodeCap`) and the node's
/// public information (`NodeInfo`, kept in its staking pool).
///
/// A node's BLS12-381 public key (min-pk: 48-byte compressed G1 key, 96-byte
/// G2 signature) signs storage certificates, so registration and key changes
/// require a *proof of possession*: a signature by that key over
///
///     pop_message(public_key, sender) =
///         BCS of (intent_type: u8 = 5, intent_version: u8 = 0, app_id: u8 = 3,
///                 public_key: vector<u8>, sender: address)
///       = 0x05 0x00 0x03 || 0x30 || public_key (48 bytes) || sender (32 bytes)
///
/// verified with `bls12381_min_pk_verify` (the standard
/// `BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_NUL_` ciphersuite, as `@noble/curves`
/// `bls12_381` signs by default). Binding the sender stops anyone from
/// registering a key they copied from another node.
///
/// Names: 1 to 64 bytes of printable ASCII (0x20..0x7E), no leading,
/// trailing or doubled space. Delegators choose nodes by name, so a name
/// must not hide what it says: no control or bidirectional-override
/// characters, no look-alike letters from other scripts, no invisible
/// padding. (`staking` also keeps names unique, ignoring case.)
///
/// Authority is the cap: whoever holds a `StorageNodeCap` acts for its node.
module tusk::storage_node;

use std::string::String;
use sui::bcs;
use sui::bls12381;

/// Length of a compressed BLS12-381 G1 public key.
const PUBLIC_KEY_LENGTH: u64 = 48;

/// Length of a compressed BLS12-381 G2 signature.
const SIGNATURE_LENGTH: u64 = 96;

/// Intent prefix of the proof-of-possession message (type, version, app).
const POP_INTENT_TYPE: u8 = 5;
const POP_INTENT_VERSION: u8 = 0;
const POP_APP_ID: u8 = 3;

/// Longest node name, in bytes.
const MAX_NAME_LENGTH: u64 = 64;

#[error]
const EInvalidName: vector<u8> =
    b"A node name is 1 to 64 printable ASCII characters, without leading, trailing or doubled spaces";

#[error]
const EInvalidPublicKey: vector<u8> = b"A BLS public key must be 48 bytes (compressed G1, min-pk)";

#[error]
const EInvalidProofOfPossession: vector<u8> =
    b"The proof of possession is not a BLS signature by this key over pop_message(public_key, sender)";

/// Lets its holder act for node `node_id`: update its info, set and collect
/// commission, vote on prices, slashes and proposals, confirm epoch sync.
public struct StorageNodeCap has key, store {
    id: UID,
    node_id: ID,
}

/// What a node publishes about itself.
public struct NodeInfo has copy, drop, store {
    name: String,
    network_address: String,
    metadata_url: String,
    public_key: vector<u8>,
    network_public_key: vector<u8>,
}

/// Aborts unless `name` is a valid node name (see the module doc).
public fun check_name(name: &String) {
    assert!(is_valid_name(name), EInvalidName);
}

/// Whether `name` is 1 to 64 bytes of printable ASCII with no leading,
/// trailing or doubled space.
public fun is_valid_name(name: &String): bool {
    let bytes = name.as_bytes();
    let len = bytes.length();
    if (len == 0 || len > MAX_NAME_LENGTH) return false;
    if (bytes[0] == 0x20 || bytes[len - 1] == 0x20) return false;
    let mut i = 0;
    while (i < len) {
        let b = bytes[i];
        if (b < 0x20 || b > 0x7E) return false;
        if (b == 0x20 && bytes[i - 1] == 0x20) return false;
        i = i + 1;
    };
    true
}

/// `name` in lower case: the key that keeps names unique ignoring case.
public fun name_key(name: &String): vector<u8> {
    name.as_bytes().map_ref!(|b| if (*b >= 0x41 && *b <= 0x5A) *b + 0x20 else *b)
}

/// The message a proof of possession signs (see the module doc).
public fun pop_message(public_key: vector<u8>, sender: address): vector<u8> {
    let mut message = vector[POP_INTENT_TYPE, POP_INTENT_VERSION, POP_APP_ID];
    message.append(bcs::to_bytes(&public_key));
    message.append(bcs::to_bytes(&sender));
    message
}

/// Whether `proof_of_possession` is `public_key`'s signature over
/// `pop_message(public_key, sender)`.
public fun verify_proof_of_possession(
    public_key: &vector<u8>,
    proof_of_possession: &vector<u8>,
    sender: address,
): bool {
    bls12381::bls12381_min_pk_verify(
        proof_of_possession,
        public_key,
        &pop_message(*public_key, sender),
    )
}

/// Aborts unless `public_key` is 48 bytes and `proof_of_possession` (96
/// bytes) proves it for `sender`.
public fun check_public_key(public_key: &vector<u8>, proof_of_possession: &vector<u8>, sender: address) {
    assert!(public_key.length() == PUBLIC_KEY_LENGTH, EInvalidPublicKey);
    assert!(
        proof_of_possession.length() == SIGNATURE_LENGTH
            && verify_proof_of_possession(public_key, proof_of_possession, sender),
        EInvalidProofOfPossession,
    );
}

/// New node info (the public key is checked by the caller).
public(package) fun new_info(
    name: String,
    network_address: String,
    metadata_url: String,
    public_key: vector<u8>,
    network_public_key: vector<u8>,
): NodeInfo {
    NodeInfo { name, network_address, metadata_url, public_key, network_public_key }
}

/// A new cap for node `node_id`.
public(package) fun new_cap(node_id: ID, ctx: &mut TxContext): StorageNodeCap {
    StorageNodeCap { id: object::new(ctx), node_id }
}

/// The node this cap acts for.
public fun node_id(cap: &StorageNodeCap): ID { cap.node_id }

/// Human-readable name.
public fun name(info: &NodeInfo): String { info.name }

/// Where clients reach the node.
public fun network_address(info: &NodeInfo): String { info.network_address }

/// URL of the node's metadata.
public fun metadata_url(info: &NodeInfo): String { info.metadata_url }

/// BLS12-381 public key (48 bytes).
public fun public_key(info: &NodeInfo): vector<u8> { info.public_key }

/// Network (TLS) public key.
public fun network_public_key(info: &NodeInfo): vector<u8> { info.network_public_key }

public(package) fun set_name(info: &mut NodeInfo, value: String) { info.name = value }

public(package) fun set_network_address(info: &mut NodeInfo, value: String) {
    info.network_address = value
}

public(package) fun set_metadata_url(info: &mut NodeInfo, value: String) { info.metadata_url = value }

public(package) fun set_public_key(info: &mut NodeInfo, value: vector<u8>) { info.public_key = value }

public(package) fun set_network_public_key(info: &mut NodeInfo, value: vector<u8>) {
    info.network_public_key = value
}

#[test_only]
/// A cap for any node ID, to test that a cap only acts for its own node.
public fun new_cap_for_testing(node_id: ID, ctx: &mut TxContext): StorageNodeCap {
    new_cap(node_id, ctx)
}

#[test_only]
/// Destroys a cap in tests.
public fun destroy_cap_for_testing(cap: StorageNodeCap) {
    let StorageNodeCap { id, .. } = cap;
    id.delete();
}
