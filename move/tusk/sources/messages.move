/// The messages storage nodes sign, and their parsing: this module owns the
/// byte format of certificates (see `API.md`, "Certificate messages").
///
/// Every message is the BCS encoding of an intent header followed by the
/// epoch and a kind-specific payload:
///
/// ```
/// intent_type: u8     1 = blob certified, 2 = blob ID invalid
/// intent_version: u8  0
/// app_id: u8          3 (Tusk storage)
/// epoch: u32          little-endian; the epoch the signers were the committee of
/// payload:
///   blob certified:  blob_id: u256 (32 bytes, little-endian),
///                    persistence: u8 tag 0 = permanent,
///                                 1 = deletable, then object_id: 32 bytes
///   blob ID invalid: blob_id: u256
/// ```
///
/// That is the BCS of a Move struct `(u8, u8, u8, u32, u256, enum { Permanent,
/// Deletable { object_id: ID } })`. A message must have exactly its length:
/// trailing bytes are rejected, so one signature names one statement.
module tusk::messages;

use sui::bcs;

/// Intent type of a "blob certified" message.
const BLOB_CERTIFIED: u8 = 1;
/// Intent type of a "blob ID invalid" message.
const BLOB_ID_INVALID: u8 = 2;
/// The only intent version so far.
const INTENT_VERSION: u8 = 0;
/// Application ID of Tusk storage messages.
const APP_ID: u8 = 3;

/// Persistence tag of a permanent blob.
const PERMANENT: u8 = 0;
/// Persistence tag of a deletable blob (followed by its object ID).
const DELETABLE: u8 = 1;

/// Bytes of the intent header and epoch.
const HEADER_LENGTH: u64 = 7;
/// Bytes of a u256 blob ID.
const BLOB_ID_LENGTH: u64 = 32;
/// Bytes of an object ID.
const OBJECT_ID_LENGTH: u64 = 32;

#[error]
const EMalformedMessage: vector<u8> =
    b"The certificate message is too short, too long or has an unknown persistence tag";

#[error]
const EWrongIntent: vector<u8> =
    b"The certificate message has another intent type, version or app ID than this call expects";

/// A parsed "blob certified" message: the committee of `epoch` attests that
/// blob `blob_id` is stored; `deletable_object_id` names the deletable blob
/// object it certifies, or is none for a permanent blob.
public struct CertifiedBlobMessage has copy, drop {
    epoch: u32,
    blob_id: u256,
    deletable_object_id: Option<ID>,
}

/// Parses a "blob certified" message. Aborts with `EWrongIntent` on another
/// intent, `EMalformedMessage` on a bad length or persistence tag.
public fun certified_blob_message(message: vector<u8>): CertifiedBlobMessage {
    let length = message.length();
    let mut reader = bcs::new(message);
    let epoch = peel_header(&mut reader, length, BLOB_CERTIFIED);
    assert!(length >= HEADER_LENGTH + BLOB_ID_LENGTH + 1, EMalformedMessage);
    let blob_id = reader.peel_u256();
    let tag = reader.peel_u8();
    let deletable_object_id = if (tag == PERMANENT) {
        option::none()
    } else {
        assert!(tag == DELETABLE, EMalformedMessage);
        assert!(length >= HEADER_LENGTH + BLOB_ID_LENGTH + 1 + OBJECT_ID_LENGTH, EMalformedMessage);
        option::some(object::id_from_address(reader.peel_address()))
    };
    assert!(reader.into_remainder_bytes().is_empty(), EMalformedMessage);
    CertifiedBlobMessage { epoch, blob_id, deletable_object_id }
}

/// Parses a "blob ID invalid" message into `(epoch, blob_id)`: the committee
/// of `epoch` attests that `blob_id` matches no correctly encoded data.
/// Aborts with `EWrongIntent` on another intent, `EMalformedMessage` on a bad length.
public fun invalid_blob_id_message(message: vector<u8>): (u32, u256) {
    let length = message.length();
    let mut reader = bcs::new(message);
    let epoch = peel_header(&mut reader, length, BLOB_ID_INVALID);
    assert!(length == HEADER_LENGTH + BLOB_ID_LENGTH, EMalformedMessage);
    (epoch, reader.peel_u256())
}

/// The bytes of a "blob certified" message (what nodes sign): for a permanent
/// blob pass `option::none()`, for a deletable one its object ID.
public fun blob_certified_bytes(epoch: u32, blob_id: u256, deletable_object_id: Option<ID>): vector<u8> {
    let mut bytes = header_bytes(BLOB_CERTIFIED, epoch);
    bytes.append(bcs::to_bytes(&blob_id));
    if (deletable_object_id.is_some()) {
        bytes.push_back(DELETABLE);
        bytes.append(deletable_object_id.destroy_some().to_bytes());
    } else {
        bytes.push_back(PERMANENT);
    };
    bytes
}

/// The bytes of a "blob ID invalid" message (what nodes sign).
public fun blob_id_invalid_bytes(epoch: u32, blob_id: u256): vector<u8> {
    let mut bytes = header_bytes(BLOB_ID_INVALID, epoch);
    bytes.append(bcs::to_bytes(&blob_id));
    bytes
}

/// Epoch of the committee that signed.
public fun epoch(self: &CertifiedBlobMessage): u32 {
    self.epoch
}

/// The certified blob's ID.
public fun blob_id(self: &CertifiedBlobMessage): u256 {
    self.blob_id
}

/// The certified deletable blob's object ID; none for a permanent blob.
public fun deletable_object_id(self: &CertifiedBlobMessage): Option<ID> {
    self.deletable_object_id
}

/// Intent type of "blob certified" messages (1).
public fun blob_certified_intent(): u8 {
    BLOB_CERTIFIED
}

/// Intent type of "blob ID invalid" messages (2).
public fun blob_id_invalid_intent(): u8 {
    BLOB_ID_INVALID
}

/// Application ID in every storage message (3).
public fun app_id(): u8 {
    APP_ID
}

/// Intent version of every message so far (0).
public fun intent_version(): u8 {
    INTENT_VERSION
}

/// Reads and checks the intent header, returns the epoch.
fun peel_header(reader: &mut bcs::BCS, length: u64, intent_type: u8): u32 {
    assert!(length >= HEADER_LENGTH, EMalformedMessage);
    let kind = reader.peel_u8();
    let version = reader.peel_u8();
    let app = reader.peel_u8();
    assert!(kind == intent_type && version == INTENT_VERSION && app == APP_ID, EWrongIntent);
    reader.peel_u32()
}

fun header_bytes(intent_type: u8, epoch: u32): vector<u8> {
    let mut bytes = vector[intent_type, INTENT_VERSION, APP_ID];
    bytes.append(bcs::to_bytes(&epoch));
    bytes
}
