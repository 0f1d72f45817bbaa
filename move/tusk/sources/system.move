/// The shared `System` (minimal stand-in, staking branch): it holds the fees
/// of the current epoch, the epoch number, and the committee and prices in
/// force, as recorded by `staking::initiate_epoch_change`.
///
/// This is only the contract the staking side relies on (`create_and_share`,
/// `advance_epoch`, `add_rewards`, `epoch`); the storage branch replaces this
/// file with the full System (capacity, reservations, blobs, fee ring buffer).
///
/// Invariant: the WAL held is exactly what `add_rewards` received since the
/// last `advance_epoch`, which hands all of it to the staking side.
module tusk::system;

use sui::balance::{Self, Balance};
use sui::coin::Coin;
use tusk::events;
use wal::wal::WAL;

/// Version of `System` this package operates on.
const VERSION: u64 = 1;

#[error]
const EWrongVersion: vector<u8> =
    b"System is at another version than this package: call the current package";

#[error]
const ENotNextEpoch: vector<u8> = b"advance_epoch must move to exactly the next epoch";

/// Storage and fee state (shared).
public struct System has key {
    id: UID,
    version: u64,
    epoch: u32,
    max_epochs_ahead: u32,
    node_ids: vector<ID>,
    public_keys: vector<vector<u8>>,
    shards: vector<u16>,
    storage_price: u64,
    write_price: u64,
    capacity: u64,
    /// Fees earned by the current epoch so far.
    fees: Balance<WAL>,
}

/// Creates the System object and shares it (called from init::initialize).
public(package) fun create_and_share(max_epochs_ahead: u32, ctx: &mut TxContext) {
    transfer::share_object(System {
        id: object::new(ctx),
        version: VERSION,
        epoch: 0,
        max_epochs_ahead,
        node_ids: vector[],
        public_keys: vector[],
        shards: vector[],
        storage_price: 0,
        write_price: 0,
        capacity: 0,
        fees: balance::zero(),
    });
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
    assert!(self.version == VERSION, EWrongVersion);
    assert!(new_epoch as u64 == (self.epoch as u64) + 1, ENotNextEpoch);
    self.epoch = new_epoch;
    self.node_ids = node_ids;
    self.public_keys = public_keys;
    self.shards = shards;
    self.capacity = capacity;
    if (storage_price != self.storage_price || write_price != self.write_price) {
        self.storage_price = storage_price;
        self.write_price = write_price;
        events::emit_prices_updated(new_epoch, storage_price, write_price);
    };
    self.fees.withdraw_all()
}

/// Anyone adds WAL to the current epoch's rewards.
public fun add_rewards(self: &mut System, payment: Coin<WAL>) {
    assert!(self.version == VERSION, EWrongVersion);
    self.fees.join(payment.into_balance());
}

/// The current epoch.
public fun epoch(self: &System): u32 {
    self.epoch
}
