/// The shared `System`: Tusk's storage market and fee ledger. It owns the
/// current epoch and its committee (for certificates), the capacity the
/// committee offers and how much of it is reserved, the prices in force, and
/// the fees paid for every epoch not yet ended. Every public storage call goes
/// through here (this module is the facade over `storage_resource`, `blob`,
/// `bls`, `messages` and `encoding`) and emits exactly one event per state change.
///
/// Ledger: a ring buffer of `max_epochs_ahead` entries, one per epoch in
/// [epoch, epoch + max_epochs_ahead), each with the bytes reserved in that
/// epoch and the WAL it has earned so far. Storage can be bought at most that
/// far ahead. `advance_epoch` pops the ending epoch's entry (returning its WAL
/// to the staking side) and reuses it, empty, for the newly reachable epoch.
///
/// Fees: a reservation of `size` bytes over `e` epochs costs `units(size) *
/// storage_price * e`, where `units` rounds the size up to whole MiB; each
/// covered epoch's entry receives exactly `units(size) * storage_price` (the
/// split is exact; were it not, the remainder would go to the first epoch).
/// Registering a blob costs `units(encoded_size) * write_price`, credited to
/// the current epoch, as is `add_rewards`. Prices are those in force when paid:
/// a later price change does not touch what was already paid.
///
/// Capacity: an entry's `used_capacity` is the sum of the sizes of all storage
/// covering that epoch; a reservation needs `used + size <= total_capacity` in
/// every epoch it covers. Reserved bytes stay counted until the epoch passes,
/// whatever happens to the resource (split, fused, held by a blob, deleted
/// blob returned it, burned). Capacity may later drop below what is in use;
/// that only blocks new reservations.
///
/// Invariants: WAL held = sum of the entries' rewards = everything paid or
/// added minus everything returned by `advance_epoch`; an entry's used
/// capacity counts exactly the live storage covering its epoch.
module tusk::system;

use std::string::String;
use sui::balance::{Self, Balance};
use sui::coin::Coin;
use tusk::blob::{Self, Blob};
use tusk::bls::{Self, BlsCommittee};
use tusk::encoding;
use tusk::events;
use tusk::messages;
use tusk::storage_resource::{Self, Storage};
use wal::wal::WAL;

/// Version of `System` this package operates on (see `migrate`).
const VERSION: u64 = 1;

/// Bytes in the unit that prices are quoted per (1 MiB).
const BYTES_PER_UNIT: u64 = 1_048_576;

const MAX_U64: u128 = 0xFFFF_FFFF_FFFF_FFFF;

#[error]
const EWrongVersion: vector<u8> = b"System is at another version than this package: call the current package";

#[error]
const EAlreadyMigrated: vector<u8> = b"System is already at this package's version: nothing to migrate";

#[error]
const EInvalidMaxEpochsAhead: vector<u8> = b"max_epochs_ahead must be at least 1";

#[error]
const ENotNextEpoch: vector<u8> = b"advance_epoch must move to exactly the next epoch";

#[error]
const EZeroSize: vector<u8> = b"Storage size must be more than 0 bytes";

#[error]
const EInvalidEpochRange: vector<u8> =
    b"Storage must start no earlier than the current epoch, end after it starts and no later than max_epochs_ahead from now";

#[error]
const ENotEnoughCapacity: vector<u8> = b"Not enough free capacity in one of the requested epochs";

#[error]
const EInsufficientPayment: vector<u8> = b"The payment coin holds less WAL than the price";

#[error]
const ECostOverflow: vector<u8> = b"The price of this request does not fit in a u64";

#[error]
const EInvalidBlobId: vector<u8> =
    b"The blob ID is not blake2b256 of the BCS of (encoding type, size, root hash)";

#[error]
const EStorageTooSmall: vector<u8> = b"The storage is smaller than the blob's encoded size";

#[error]
const EStorageNotCurrent: vector<u8> = b"The storage does not cover the current epoch";

#[error]
const EWrongCertificateEpoch: vector<u8> = b"The certificate was signed for another epoch than the current one";

#[error]
const EWrongBlobId: vector<u8> = b"The certificate names another blob ID than this blob's";

#[error]
const EWrongPersistence: vector<u8> =
    b"The certificate's persistence (permanent, or deletable with this object ID) does not match the blob";

#[error]
const EAlreadyCertified: vector<u8> = b"The blob is already certified";

#[error]
const ENotCertified: vector<u8> = b"Only a certified blob can be extended";

#[error]
const EInvalidExtension: vector<u8> =
    b"Extension storage must start at the blob's end epoch and have the size of the blob's storage";

#[error]
const EBlobExpired: vector<u8> = b"The blob has expired";

#[error]
const ENotDeletable: vector<u8> = b"The blob is permanent: it cannot be deleted, only burned";

#[error]
const EStorageNotExpired: vector<u8> = b"Only expired storage can be destroyed";

/// Tusk's storage market and fee ledger (shared).
public struct System has key {
    id: UID,
    version: u64,
    /// Current epoch.
    epoch: u32,
    /// The committee of the current epoch, which signs certificates.
    committee: BlsCommittee,
    /// Encoded bytes the committee offers per epoch.
    total_capacity: u64,
    /// FROST per MiB of encoded size per epoch.
    storage_price: u64,
    /// FROST per MiB of encoded size, once at registration.
    write_price: u64,
    /// Storage can be bought for epochs before `epoch + max_epochs_ahead`.
    max_epochs_ahead: u32,
    /// Ring buffer: `ledger[(head + i) % max_epochs_ahead]` is epoch `epoch + i`.
    ledger: vector<EpochLedger>,
    head: u64,
}

/// One epoch's entry in the ring buffer.
public struct EpochLedger has store {
    /// Encoded bytes reserved in this epoch.
    used_capacity: u64,
    /// WAL this epoch has earned so far.
    rewards: Balance<WAL>,
}

// === Staking side ===

/// Creates the System object and shares it (called from init::initialize):
/// epoch 0, no committee, no capacity, prices 0.
public(package) fun create_and_share(max_epochs_ahead: u32, ctx: &mut TxContext) {
    transfer::share_object(new(max_epochs_ahead, ctx));
}

/// At epoch change: records the new epoch, its committee (parallel vectors,
/// committee order) and the prices/capacity in force (emitting PricesUpdated
/// when prices change); returns the fees the ENDING epoch earned.
public(package) fun advance_epoch(
    self: &mut System,
    new_epoch: u32,
    node_ids: vector<ID>,
    public_keys: vector<vector<u8>>,
    shards: vector<u16>,
    storage_price: u64,
    write_price: u64,
    capacity: u64,
): Balance<WAL> {
    self.assert_current_version();
    assert!(new_epoch as u64 == (self.epoch as u64) + 1, ENotNextEpoch);
    let head = self.head;
    let ending = &mut self.ledger[head];
    let fees = ending.rewards.withdraw_all();
    ending.used_capacity = 0;
    self.head = (head + 1) % self.ledger.length();
    self.epoch = new_epoch;
    self.committee = bls::new(node_ids, public_keys, shards);
    self.total_capacity = capacity;
    if (storage_price != self.storage_price || write_price != self.write_price) {
        self.storage_price = storage_price;
        self.write_price = write_price;
        events::new_prices_updated(new_epoch, storage_price, write_price).emit();
    };
    fees
}

/// Anyone adds WAL to the current epoch's rewards.
public fun add_rewards(self: &mut System, payment: Coin<WAL>) {
    self.assert_current_version();
    let amount = payment.value();
    let head = self.head;
    self.ledger[head].rewards.join(payment.into_balance());
    events::new_rewards_added(self.epoch, amount).emit();
}

// === Storage ===

/// Buys `size` encoded bytes for `epochs_ahead` epochs from the current one
/// ([epoch, epoch + epochs_ahead)), paying from `payment`.
public fun reserve_space(
    self: &mut System,
    size: u64,
    epochs_ahead: u32,
    payment: &mut Coin<WAL>,
    ctx: &mut TxContext,
): Storage {
    let start_epoch = self.epoch;
    let end_epoch = (start_epoch as u64) + (epochs_ahead as u64);
    assert!(end_epoch <= 0xFFFF_FFFF, EInvalidEpochRange);
    self.reserve_space_for_epochs(size, start_epoch, end_epoch as u32, payment, ctx)
}

/// Buys `size` encoded bytes for the epochs [start_epoch, end_epoch), which
/// may start in the future, paying from `payment`. Checks capacity in every
/// epoch, charges `units(size) * storage_price` per epoch and emits `StorageReserved`.
public fun reserve_space_for_epochs(
    self: &mut System,
    size: u64,
    start_epoch: u32,
    end_epoch: u32,
    payment: &mut Coin<WAL>,
    ctx: &mut TxContext,
): Storage {
    self.assert_current_version();
    let (storage, paid) = self.buy_storage(size, start_epoch, end_epoch, payment, ctx);
    events::new_storage_reserved(
        self.epoch,
        object::id(&storage),
        ctx.sender(),
        size,
        start_epoch,
        end_epoch,
        paid,
    ).emit();
    storage
}

/// Cuts `storage` at `split_epoch`: it keeps [start, split_epoch), the
/// returned resource covers [split_epoch, end). Emits `StorageSplit`.
public fun split_storage_by_epoch(
    self: &System,
    storage: &mut Storage,
    split_epoch: u32,
    ctx: &mut TxContext,
): Storage {
    self.assert_current_version();
    let new_storage = storage.split_by_epoch(split_epoch, ctx);
    self.emit_split(storage, &new_storage);
    new_storage
}

/// Cuts `size` bytes off `storage` into the returned resource (same period).
/// Emits `StorageSplit`.
public fun split_storage_by_size(
    self: &System,
    storage: &mut Storage,
    size: u64,
    ctx: &mut TxContext,
): Storage {
    self.assert_current_version();
    let new_storage = storage.split_by_size(size, ctx);
    self.emit_split(storage, &new_storage);
    new_storage
}

/// Merges `other` into `storage`: same period (sizes add) or same size and
/// adjacent periods (periods join). Emits `StorageFused`.
public fun fuse_storage(self: &System, storage: &mut Storage, other: Storage) {
    self.assert_current_version();
    let fused_id = object::id(&other);
    storage.fuse(other);
    events::new_storage_fused(
        self.epoch,
        object::id(storage),
        fused_id,
        storage.size(),
        storage.start_epoch(),
        storage.end_epoch(),
    ).emit();
}

/// Destroys storage that has expired (its end epoch has come). Emits `StorageDestroyed`.
public fun destroy_storage(self: &System, storage: Storage) {
    self.assert_current_version();
    assert!(storage.is_expired_at(self.epoch), EStorageNotExpired);
    events::new_storage_destroyed(self.epoch, object::id(&storage)).emit();
    storage.destroy();
}

// === Blobs ===

/// Registers a blob of `size` unencoded bytes in `storage`, paying the write
/// fee from `write_payment`. `blob_id` must be `blob::derive_blob_id(encoding_type,
/// size, root_hash)`; the storage must cover the current epoch and the blob's
/// encoded size (for the current committee's shards). Emits `BlobRegistered`.
public fun register_blob(
    self: &mut System,
    storage: Storage,
    blob_id: u256,
    root_hash: u256,
    size: u64,
    encoding_type: u8,
    deletable: bool,
    write_payment: &mut Coin<WAL>,
    ctx: &mut TxContext,
): Blob {
    self.assert_current_version();
    let encoded_size = self.encoded_size(size, encoding_type);
    assert!(blob::derive_blob_id(encoding_type, size, root_hash) == blob_id, EInvalidBlobId);
    assert!(storage.covers(self.epoch), EStorageNotCurrent);
    assert!(storage.size() >= encoded_size, EStorageTooSmall);
    let write_fee = self.write_cost(encoded_size);
    let paid = take(write_payment, write_fee);
    let head = self.head;
    self.ledger[head].rewards.join(paid);
    let end_epoch = storage.end_epoch();
    let blob = blob::new(storage, blob_id, size, encoding_type, deletable, self.epoch, ctx);
    events::new_blob_registered(
        self.epoch,
        blob_id,
        blob.object_id(),
        ctx.sender(),
        size,
        encoding_type,
        end_epoch,
        deletable,
        write_fee,
    ).emit();
    blob
}

/// Certifies `blob` available with a certificate of the current committee: a
/// quorum (> 2/3 of shards) signed `message`, a "blob certified" message (see
/// `messages`) of the current epoch naming this blob's ID and persistence.
/// Emits `BlobCertified` (`is_extension` false).
public fun certify_blob(
    self: &System,
    blob: &mut Blob,
    signature: vector<u8>,
    signers_bitmap: vector<u8>,
    message: vector<u8>,
) {
    self.assert_current_version();
    let certified = messages::certified_blob_message(message);
    assert!(certified.epoch() == self.epoch, EWrongCertificateEpoch);
    assert!(certified.blob_id() == blob.blob_id(), EWrongBlobId);
    let persistence = if (blob.deletable()) option::some(blob.object_id()) else option::none();
    assert!(certified.deletable_object_id() == persistence, EWrongPersistence);
    assert!(!blob.is_certified(), EAlreadyCertified);
    assert!(!blob.is_expired_at(self.epoch), EBlobExpired);
    self.committee.verify_quorum(&signature, &signers_bitmap, &message);
    blob.certify(self.epoch);
    events::new_blob_certified(
        self.epoch,
        blob.blob_id(),
        blob.object_id(),
        blob.end_epoch(),
        blob.deletable(),
        false,
    ).emit();
}

/// Declares `blob_id` invalid with a certificate of more than 1/3 of the
/// current committee's shards over a "blob ID invalid" message of the current
/// epoch; returns the blob ID. Emits `BlobInvalidated`.
public fun invalidate_blob_id(
    self: &System,
    signature: vector<u8>,
    signers_bitmap: vector<u8>,
    message: vector<u8>,
): u256 {
    self.assert_current_version();
    let (epoch, blob_id) = messages::invalid_blob_id_message(message);
    assert!(epoch == self.epoch, EWrongCertificateEpoch);
    self.committee.verify_one_third(&signature, &signers_bitmap, &message);
    events::new_blob_invalidated(self.epoch, blob_id).emit();
    blob_id
}

/// Deletes a deletable blob and returns its storage (which stays counted as
/// reserved: it can hold another blob, or be destroyed once expired).
/// Emits `BlobDeleted`.
public fun delete_blob(self: &System, blob: Blob): Storage {
    self.assert_current_version();
    assert!(blob.deletable(), ENotDeletable);
    events::new_blob_deleted(
        self.epoch,
        blob.blob_id(),
        blob.object_id(),
        blob.end_epoch(),
        blob.is_certified(),
    ).emit();
    blob.destroy()
}

/// Destroys the blob object and its storage, deletable or not, expired or not.
/// A certified permanent blob stays stored until it expires. Emits `BlobBurned`.
public fun burn_blob(self: &System, blob: Blob) {
    self.assert_current_version();
    events::new_blob_burned(self.epoch, blob.blob_id(), blob.object_id()).emit();
    blob.destroy().destroy();
}

/// Keeps a certified, unexpired blob for `epochs_ahead` more epochs, paying
/// from `payment`: buys storage of the blob's storage size for [end, end +
/// epochs_ahead) (emitting `StorageReserved`) and attaches it (emitting
/// `BlobCertified` with `is_extension`).
public fun extend_blob(
    self: &mut System,
    blob: &mut Blob,
    epochs_ahead: u32,
    payment: &mut Coin<WAL>,
    ctx: &mut TxContext,
) {
    self.assert_extendable(blob);
    let start_epoch = blob.end_epoch();
    let end_epoch = (start_epoch as u64) + (epochs_ahead as u64);
    assert!(end_epoch <= 0xFFFF_FFFF, EInvalidEpochRange);
    let storage = self.reserve_space_for_epochs(
        blob.storage().size(),
        start_epoch,
        end_epoch as u32,
        payment,
        ctx,
    );
    self.extend_blob_with_storage(blob, storage);
}

/// Extends a certified, unexpired blob with `storage` of the same size as the
/// blob's that starts at the blob's end epoch. Emits `BlobCertified` with `is_extension`.
public fun extend_blob_with_storage(self: &System, blob: &mut Blob, storage: Storage) {
    self.assert_current_version();
    self.assert_extendable(blob);
    assert!(
        storage.start_epoch() == blob.end_epoch() && storage.size() == blob.storage().size(),
        EInvalidExtension,
    );
    blob.extend(storage);
    events::new_blob_certified(
        self.epoch,
        blob.blob_id(),
        blob.object_id(),
        blob.end_epoch(),
        blob.deletable(),
        true,
    ).emit();
}

/// Sets the metadata pair `key` = `value` on `blob`. Emits `BlobMetadataUpdated`.
public fun set_blob_metadata(self: &System, blob: &mut Blob, key: String, value: String) {
    self.assert_current_version();
    blob.set_metadata(key, value);
    events::new_blob_metadata_updated(
        self.epoch,
        blob.blob_id(),
        blob.object_id(),
        key,
        option::some(value),
    ).emit();
}

/// Removes the metadata pair under `key` from `blob` and returns its value;
/// aborts if there is none. Emits `BlobMetadataUpdated` with no value.
public fun remove_blob_metadata(self: &System, blob: &mut Blob, key: String): String {
    self.assert_current_version();
    let value = blob.remove_metadata(&key);
    events::new_blob_metadata_updated(
        self.epoch,
        blob.blob_id(),
        blob.object_id(),
        key,
        option::none(),
    ).emit();
    value
}

// === Upgrades ===

/// Moves a System created by an older package version to this version.
/// Anyone may call it: it only ever moves forward, to the code being called.
public fun migrate(self: &mut System) {
    assert!(self.version < VERSION, EAlreadyMigrated);
    self.version = VERSION;
}

// === Reads ===

/// Version of the object (see `migrate`).
public fun version(self: &System): u64 {
    self.version
}

/// Current epoch.
public fun epoch(self: &System): u32 {
    self.epoch
}

/// The current epoch's committee.
public fun committee(self: &System): &BlsCommittee {
    &self.committee
}

/// Shards of the current committee (what blobs are encoded over).
public fun n_shards(self: &System): u64 {
    self.committee.n_shards()
}

/// Encoded bytes the committee offers per epoch.
public fun total_capacity(self: &System): u64 {
    self.total_capacity
}

/// Encoded bytes reserved in the current epoch.
public fun used_capacity(self: &System): u64 {
    self.ledger[self.head].used_capacity
}

/// Encoded bytes reserved in `epoch` (0 outside [epoch, epoch + max_epochs_ahead)).
public fun used_capacity_at(self: &System, epoch: u32): u64 {
    if (!self.in_window(epoch)) return 0;
    self.ledger[self.slot(epoch)].used_capacity
}

/// FROST per MiB of encoded size per epoch.
public fun storage_price(self: &System): u64 {
    self.storage_price
}

/// FROST per MiB of encoded size, once at registration.
public fun write_price(self: &System): u64 {
    self.write_price
}

/// How many epochs ahead storage can be bought (the ring buffer's length).
public fun max_epochs_ahead(self: &System): u32 {
    self.max_epochs_ahead
}

/// WAL earned so far by `epoch` (0 outside the ring buffer's window).
public fun rewards_at(self: &System, epoch: u32): u64 {
    if (!self.in_window(epoch)) return 0;
    self.ledger[self.slot(epoch)].rewards.value()
}

/// All WAL held for the current and future epochs.
public fun total_rewards(self: &System): u64 {
    let mut total = 0;
    self.ledger.do_ref!(|entry| total = total + entry.rewards.value());
    total
}

/// Price units of `size` bytes: whole MiB, rounded up.
public fun storage_units(size: u64): u64 {
    size / BYTES_PER_UNIT + if (size % BYTES_PER_UNIT == 0) 0 else 1
}

/// FROST to keep `size` encoded bytes for `epochs` epochs at today's price.
public fun storage_cost(self: &System, size: u64, epochs: u32): u64 {
    let cost = (storage_units(size) as u128) * (self.storage_price as u128) * (epochs as u128);
    assert!(cost <= MAX_U64, ECostOverflow);
    cost as u64
}

/// FROST to register a blob of `encoded_size` bytes at today's price.
public fun write_cost(self: &System, encoded_size: u64): u64 {
    let cost = (storage_units(encoded_size) as u128) * (self.write_price as u128);
    assert!(cost <= MAX_U64, ECostOverflow);
    cost as u64
}

/// Encoded size of a blob of `size` bytes over the current committee's shards.
public fun encoded_size(self: &System, size: u64, encoding_type: u8): u64 {
    encoding::encoded_size(size, encoding_type, self.committee.n_shards())
}

// === Internals ===

fun new(max_epochs_ahead: u32, ctx: &mut TxContext): System {
    assert!(max_epochs_ahead > 0, EInvalidMaxEpochsAhead);
    let ledger = vector::tabulate!(
        max_epochs_ahead as u64,
        |_| EpochLedger { used_capacity: 0, rewards: balance::zero() },
    );
    System {
        id: object::new(ctx),
        version: VERSION,
        epoch: 0,
        committee: bls::empty(),
        total_capacity: 0,
        storage_price: 0,
        write_price: 0,
        max_epochs_ahead,
        ledger,
        head: 0,
    }
}

/// Checks the range and capacity, takes the fee into the ledger, counts the
/// capacity and mints the resource; returns it and the fee (no event: callers emit).
fun buy_storage(
    self: &mut System,
    size: u64,
    start_epoch: u32,
    end_epoch: u32,
    payment: &mut Coin<WAL>,
    ctx: &mut TxContext,
): (Storage, u64) {
    assert!(size > 0, EZeroSize);
    assert!(
        start_epoch >= self.epoch && start_epoch < end_epoch
            && (end_epoch as u64) <= (self.epoch as u64) + (self.max_epochs_ahead as u64),
        EInvalidEpochRange,
    );
    let total_capacity = self.total_capacity;
    let mut epoch = start_epoch;
    while (epoch < end_epoch) {
        let slot = self.slot(epoch);
        let used = self.ledger[slot].used_capacity;
        assert!((used as u128) + (size as u128) <= (total_capacity as u128), ENotEnoughCapacity);
        self.ledger[slot].used_capacity = used + size;
        epoch = epoch + 1;
    };
    let epochs = end_epoch - start_epoch;
    let fee = self.storage_cost(size, epochs);
    let mut paid = take(payment, fee);
    let share = fee / (epochs as u64);
    let mut epoch = end_epoch - 1;
    while (epoch > start_epoch) {
        let slot = self.slot(epoch);
        self.ledger[slot].rewards.join(paid.split(share));
        epoch = epoch - 1;
    };
    // The first epoch takes its share and any remainder (none with per-epoch pricing).
    let slot = self.slot(start_epoch);
    self.ledger[slot].rewards.join(paid);
    (storage_resource::new(start_epoch, end_epoch, size, ctx), fee)
}

/// Splits `amount` off `payment` as a balance.
fun take(payment: &mut Coin<WAL>, amount: u64): Balance<WAL> {
    assert!(payment.value() >= amount, EInsufficientPayment);
    payment.balance_mut().split(amount)
}

fun emit_split(self: &System, storage: &Storage, new_storage: &Storage) {
    events::new_storage_split(
        self.epoch,
        object::id(storage),
        storage.size(),
        storage.start_epoch(),
        storage.end_epoch(),
        object::id(new_storage),
        new_storage.size(),
        new_storage.start_epoch(),
        new_storage.end_epoch(),
    ).emit();
}

fun in_window(self: &System, epoch: u32): bool {
    epoch >= self.epoch && (epoch as u64) < (self.epoch as u64) + (self.max_epochs_ahead as u64)
}

/// Ring-buffer index of `epoch`, which must be in the window.
fun slot(self: &System, epoch: u32): u64 {
    (self.head + ((epoch - self.epoch) as u64)) % self.ledger.length()
}

fun assert_extendable(self: &System, blob: &Blob) {
    assert!(blob.is_certified(), ENotCertified);
    assert!(!blob.is_expired_at(self.epoch), EBlobExpired);
}

fun assert_current_version(self: &System) {
    assert!(self.version == VERSION, EWrongVersion);
}

// === Test-only ===

/// A fresh System (epoch 0, no committee) owned by the test rather than shared.
#[test_only]
public fun new_for_testing(max_epochs_ahead: u32, ctx: &mut TxContext): System {
    new(max_epochs_ahead, ctx)
}

/// Sets the object's version, to test outdated-object handling.
#[test_only]
public fun set_version_for_testing(self: &mut System, version: u64) {
    self.version = version;
}
