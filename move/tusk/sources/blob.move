/// `Blob`: the on-chain object of one stored blob. It names the data by its
/// `blob_id`, holds the `Storage` that pays for keeping it, records when the
/// committee certified it, and carries optional metadata (string key/value
/// pairs). All state changes go through `system`, which checks them against
/// the current epoch and committee and emits the events.
///
/// Blob IDs: `blob_id = blake2b256(bcs(encoding_type: u8, size: u64,
/// root_hash: u256))` read as a little-endian u256 (`derive_blob_id`), so the
/// ID commits to the encoding, the unencoded size and the root of the sliver
/// hashes. Invariants: `storage.size()` covers the encoded size at
/// registration; `certified_epoch`, once set, lies in [registered_epoch,
/// end_epoch); a permanent blob is never deleted before it expires (it can only
/// be burned, which keeps its data stored).
module tusk::blob;

use std::string::String;
use sui::bcs;
use sui::dynamic_field;
use sui::hash;
use sui::vec_map::{Self, VecMap};
use tusk::storage_resource::Storage;

#[error]
const EMetadataKeyNotFound: vector<u8> = b"The blob has no metadata under this key";

/// A registered blob and the storage it occupies.
public struct Blob has key, store {
    id: UID,
    /// Epoch of registration.
    registered_epoch: u32,
    blob_id: u256,
    /// Unencoded size in bytes.
    size: u64,
    encoding_type: u8,
    /// Epoch in which a quorum certified availability, if it did.
    certified_epoch: Option<u32>,
    /// The storage held while the blob lives; its end epoch is the blob's.
    storage: Storage,
    /// Whether the owner may delete the blob (and get its storage back) early.
    deletable: bool,
}

/// Dynamic-field key under which a blob keeps its metadata map.
public struct MetadataKey() has copy, drop, store;

/// `blake2b256(bcs((encoding_type, size, root_hash)))` as a little-endian u256.
public fun derive_blob_id(encoding_type: u8, size: u64, root_hash: u256): u256 {
    let mut preimage = bcs::to_bytes(&encoding_type);
    preimage.append(bcs::to_bytes(&size));
    preimage.append(bcs::to_bytes(&root_hash));
    bcs::new(hash::blake2b256(&preimage)).peel_u256()
}

/// ID of the blob object.
public fun object_id(self: &Blob): ID {
    self.id.to_inner()
}

/// Epoch of registration.
public fun registered_epoch(self: &Blob): u32 {
    self.registered_epoch
}

/// ID of the blob's content (see `derive_blob_id`).
public fun blob_id(self: &Blob): u256 {
    self.blob_id
}

/// Unencoded size in bytes.
public fun size(self: &Blob): u64 {
    self.size
}

/// Encoding type (see `encoding`).
public fun encoding_type(self: &Blob): u8 {
    self.encoding_type
}

/// Epoch of certification, or none while uncertified.
public fun certified_epoch(self: &Blob): Option<u32> {
    self.certified_epoch
}

/// Whether a quorum has certified the blob available.
public fun is_certified(self: &Blob): bool {
    self.certified_epoch.is_some()
}

/// Whether the blob may be deleted before it expires.
public fun deletable(self: &Blob): bool {
    self.deletable
}

/// The storage the blob holds.
public fun storage(self: &Blob): &Storage {
    &self.storage
}

/// First epoch in which the blob is no longer stored.
public fun end_epoch(self: &Blob): u32 {
    self.storage.end_epoch()
}

/// Whether the blob has expired by `epoch`.
public fun is_expired_at(self: &Blob, epoch: u32): bool {
    self.storage.is_expired_at(epoch)
}

/// The metadata pairs (empty when none were set).
public fun metadata(self: &Blob): VecMap<String, String> {
    if (dynamic_field::exists_(&self.id, MetadataKey())) {
        *dynamic_field::borrow<MetadataKey, VecMap<String, String>>(&self.id, MetadataKey())
    } else {
        vec_map::empty()
    }
}

/// The metadata value under `key`, if any.
public fun metadata_value(self: &Blob, key: &String): Option<String> {
    if (!dynamic_field::exists_(&self.id, MetadataKey())) return option::none();
    let map = dynamic_field::borrow<MetadataKey, VecMap<String, String>>(&self.id, MetadataKey());
    map.try_get(key)
}

/// A new uncertified blob holding `storage`; the `System` has checked the ID,
/// the size and the storage and charged the write fee.
public(package) fun new(
    storage: Storage,
    blob_id: u256,
    size: u64,
    encoding_type: u8,
    deletable: bool,
    registered_epoch: u32,
    ctx: &mut TxContext,
): Blob {
    Blob {
        id: object::new(ctx),
        registered_epoch,
        blob_id,
        size,
        encoding_type,
        certified_epoch: option::none(),
        storage,
        deletable,
    }
}

/// Records certification in `epoch`.
public(package) fun certify(self: &mut Blob, epoch: u32) {
    self.certified_epoch = option::some(epoch);
}

/// Appends `storage` (which starts where the blob's ends) to the blob's storage.
public(package) fun extend(self: &mut Blob, storage: Storage) {
    self.storage.fuse(storage);
}

/// Sets `key` to `value`, replacing an earlier value.
public(package) fun set_metadata(self: &mut Blob, key: String, value: String) {
    if (!dynamic_field::exists_(&self.id, MetadataKey())) {
        dynamic_field::add(&mut self.id, MetadataKey(), vec_map::empty<String, String>());
    };
    let map = dynamic_field::borrow_mut<MetadataKey, VecMap<String, String>>(&mut self.id, MetadataKey());
    if (map.contains(&key)) {
        *map.get_mut(&key) = value;
    } else {
        map.insert(key, value);
    }
}

/// Removes `key` and returns its value; aborts if it is not set.
public(package) fun remove_metadata(self: &mut Blob, key: &String): String {
    assert!(dynamic_field::exists_(&self.id, MetadataKey()), EMetadataKeyNotFound);
    let map = dynamic_field::borrow_mut<MetadataKey, VecMap<String, String>>(&mut self.id, MetadataKey());
    assert!(map.contains(key), EMetadataKeyNotFound);
    let (_, value) = map.remove(key);
    value
}

/// Deletes the object (and its metadata) and returns its storage.
public(package) fun destroy(mut self: Blob): Storage {
    if (dynamic_field::exists_(&self.id, MetadataKey())) {
        let _: VecMap<String, String> = dynamic_field::remove(&mut self.id, MetadataKey());
    };
    let Blob { id, storage, .. } = self;
    id.delete();
    storage
}
