/// WAL, the coin of Tusk: 9 decimals (1 WAL = 10^9 FROST) and a fixed supply of
/// 5 billion WAL, all minted once at publish and sent to the publisher.
///
/// Invariant: nothing can mint after `init`. The only `TreasuryCap<WAL>` is
/// locked inside the shared `WalTreasury`, whose functions only burn and read
/// the supply, so the total supply can only go down (fee burn and slashing in
/// the `tusk` package, or any holder burning their own WAL).
///
/// The coin's metadata lives in the Sui `CoinRegistry` (`Currency<WAL>`); the
/// `MetadataCap<WAL>` goes to the publisher, which can edit name, description
/// and icon but cannot mint.
module wal::wal;

use sui::balance::Balance;
use sui::coin::{Coin, TreasuryCap};
use sui::coin_registry;

/// One-time witness: proves `init` runs once, so WAL has a single treasury.
public struct WAL has drop {}

/// Shared holder of the WAL `TreasuryCap`. It exposes burning and the total
/// supply, never minting. `version` lets a newer package lock out the old one.
public struct WalTreasury has key {
    id: UID,
    version: u64,
    cap: TreasuryCap<WAL>,
}

/// Version of `WalTreasury` this package operates on; bumped on upgrades
/// that change its layout or rules (then `migrate` moves the object over).
const VERSION: u64 = 1;

/// Decimal places of WAL: amounts are counted in FROST.
const DECIMALS: u8 = 9;

/// FROST in one WAL (10^DECIMALS).
const FROST_PER_WAL: u64 = 1_000_000_000;

/// Supply minted at publish: 5 billion WAL, in FROST (5 * 10^18 < 2^64).
const INITIAL_SUPPLY: u64 = 5_000_000_000 * FROST_PER_WAL;

#[error]
const EWrongVersion: vector<u8> =
    b"WalTreasury is at another version than this package: call the current package";

#[error]
const EAlreadyMigrated: vector<u8> =
    b"WalTreasury is already at this package's version: nothing to migrate";

/// Registers the WAL currency, mints the whole supply to the publisher and
/// locks the `TreasuryCap` in a shared `WalTreasury`.
fun init(otw: WAL, ctx: &mut TxContext) {
    let (initializer, mut cap) = coin_registry::new_currency_with_otw(
        otw,
        DECIMALS,
        b"WAL".to_string(),
        b"WAL".to_string(),
        b"The Tusk token: pays for blob storage and is staked with storage nodes.".to_string(),
        b"".to_string(),
        ctx,
    );
    let metadata_cap = initializer.finalize(ctx);
    let supply = cap.mint(INITIAL_SUPPLY, ctx);

    transfer::public_transfer(supply, ctx.sender());
    transfer::public_transfer(metadata_cap, ctx.sender());
    transfer::share_object(WalTreasury { id: object::new(ctx), version: VERSION, cap });
}

/// Burns `coin`, lowering the total supply; returns the amount burned in FROST.
public fun burn(treasury: &mut WalTreasury, coin: Coin<WAL>): u64 {
    treasury.burn_balance(coin.into_balance())
}

/// Burns `balance` (fee burn and slashing in `tusk`), lowering the total
/// supply; returns the amount burned in FROST. A zero balance is a no-op.
public fun burn_balance(treasury: &mut WalTreasury, balance: Balance<WAL>): u64 {
    treasury.assert_current_version();
    treasury.cap.supply_mut().decrease_supply(balance)
}

/// Moves a treasury created by an older package version to this version.
/// Anyone may call it: it only ever moves forward, to the code being called.
public fun migrate(treasury: &mut WalTreasury) {
    assert!(treasury.version < VERSION, EAlreadyMigrated);
    treasury.version = VERSION;
}

/// WAL in existence, in FROST: `INITIAL_SUPPLY` minus everything burned.
public fun total_supply(treasury: &WalTreasury): u64 {
    treasury.cap.total_supply()
}

/// Version of the treasury object (see `VERSION`).
public fun version(treasury: &WalTreasury): u64 {
    treasury.version
}

/// Decimal places of WAL (9).
public fun decimals(): u8 {
    DECIMALS
}

/// FROST in one WAL (10^9).
public fun frost_per_wal(): u64 {
    FROST_PER_WAL
}

/// Supply minted at publish, in FROST (5 billion WAL).
public fun initial_supply(): u64 {
    INITIAL_SUPPLY
}

fun assert_current_version(treasury: &WalTreasury) {
    assert!(treasury.version == VERSION, EWrongVersion);
}

/// Runs `init` as the publisher would, for tests in this and other packages.
#[test_only]
public fun init_for_testing(ctx: &mut TxContext) {
    init(WAL {}, ctx);
}

/// Sets the treasury's version, to test outdated-object handling.
#[test_only]
public fun set_version_for_testing(treasury: &mut WalTreasury, version: u64) {
    treasury.version = version;
}
