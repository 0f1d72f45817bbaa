/// Scenario helpers for the storage tests: a System in epoch 1 with the
/// 10-member test committee of `bls_vectors` (1 shard each unless a test says
/// otherwise), WAL coins, epoch changes, and certificates signed in Move with
/// the test committee's secret keys.
///
/// About BLS here: the WASM test runner (`npm run test:move`) replaces the
/// BLS12-381 natives with stubs (`bls12381_min_pk_verify` always returns true,
/// group operations return zero bytes). Certificates signed with `sign` are
/// real signatures under a real Sui runner and pass trivially under the stub;
/// tests that need a signature to be rejected check `bls_natives_are_real()`
/// (see bls_signature_tests.move).
#[test_only]
module tusk::system_test_utils;

use sui::balance;
use sui::bls12381;
use sui::coin::{Self, Coin};
use tusk::blob::{Self, Blob};
use tusk::bls_vectors;
use tusk::messages;
use tusk::system::{Self, System};
use wal::wal::WAL;

/// Epochs ahead storage can be bought in the test System.
const MAX_EPOCHS_AHEAD: u32 = 5;
/// Members of the test committee.
const COMMITTEE_SIZE: u64 = 10;
/// 1 MiB, the price unit.
const MIB: u64 = 1_048_576;
/// Test prices: FROST per MiB per epoch, and per MiB written.
const STORAGE_PRICE: u64 = 1_000;
const WRITE_PRICE: u64 = 300;
/// Test capacity: 10 MiB of encoded bytes per epoch.
const CAPACITY: u64 = 10 * 1_048_576;

public fun max_epochs_ahead(): u32 { MAX_EPOCHS_AHEAD }

public fun committee_size(): u64 { COMMITTEE_SIZE }

public fun mib(): u64 { MIB }

public fun storage_price(): u64 { STORAGE_PRICE }

public fun write_price(): u64 { WRITE_PRICE }

public fun capacity(): u64 { CAPACITY }

/// The test committee's node IDs: members 0..9 are objects 0x100..0x109.
public fun node_ids(): vector<ID> {
    vector::tabulate!(COMMITTEE_SIZE, |i| object::id_from_address(sui::address::from_u256(0x100 + (i as u256))))
}

/// One shard per member.
public fun one_shard_each(): vector<u16> {
    vector::tabulate!(COMMITTEE_SIZE, |_| 1)
}

/// A System in epoch 0: no committee, no capacity, prices 0.
public fun new_empty_system(ctx: &mut TxContext): System {
    system::new_for_testing(MAX_EPOCHS_AHEAD, ctx)
}

/// A System in epoch 1 with the test committee (1 shard each), the test prices and capacity.
public fun new_system(ctx: &mut TxContext): System {
    let mut system = new_empty_system(ctx);
    advance(&mut system);
    system
}

/// A System in epoch 1 with the test committee holding `shards`.
public fun new_system_with_shards(shards: vector<u16>, ctx: &mut TxContext): System {
    let mut system = new_empty_system(ctx);
    let fees = system.advance_epoch(
        1,
        node_ids(),
        bls_vectors::public_keys(),
        shards,
        STORAGE_PRICE,
        WRITE_PRICE,
        CAPACITY,
    );
    balance::destroy_for_testing(fees);
    system
}

/// Moves to the next epoch with the same committee, test prices and capacity;
/// returns the FROST the ending epoch earned (and discards it).
public fun advance(system: &mut System): u64 {
    advance_with(system, STORAGE_PRICE, WRITE_PRICE, CAPACITY)
}

/// Moves to the next epoch with the test committee and these prices and capacity;
/// returns the FROST the ending epoch earned (and discards it).
public fun advance_with(system: &mut System, storage_price: u64, write_price: u64, capacity: u64): u64 {
    let next = system.epoch() + 1;
    let fees = system.advance_epoch(
        next,
        node_ids(),
        bls_vectors::public_keys(),
        one_shard_each(),
        storage_price,
        write_price,
        capacity,
    );
    let amount = fees.value();
    balance::destroy_for_testing(fees);
    amount
}

/// `amount` FROST of WAL.
public fun frost(amount: u64, ctx: &mut TxContext): Coin<WAL> {
    coin::mint_for_testing(amount, ctx)
}

/// A coin with plenty of WAL for any test purchase.
public fun wallet(ctx: &mut TxContext): Coin<WAL> {
    frost(1_000_000_000_000, ctx)
}

/// Registers the vectors' blob (1000 bytes) in fresh storage for `epochs` epochs.
public fun register_vector_blob(system: &mut System, epochs: u32, deletable: bool, ctx: &mut TxContext): Blob {
    let mut payment = wallet(ctx);
    let size = system.encoded_size(bls_vectors::blob_size(), 0);
    let storage = system.reserve_space(size, epochs, &mut payment, ctx);
    let blob = system.register_blob(
        storage,
        bls_vectors::blob_id(),
        bls_vectors::blob_root_hash(),
        bls_vectors::blob_size(),
        0,
        deletable,
        &mut payment,
        ctx,
    );
    payment.burn_for_testing();
    blob
}

/// Certifies `blob` in the current epoch with a certificate signed (in Move) by members 0-6.
public fun certify(system: &System, blob: &mut Blob) {
    let message = certified_message(system, blob);
    let signers = vector[0, 1, 2, 3, 4, 5, 6];
    system.certify_blob(blob, sign(&message, signers), bitmap(signers), message);
}

/// The "blob certified" message for `blob` in the System's current epoch.
public fun certified_message(system: &System, blob: &Blob): vector<u8> {
    let persistence = if (blob.deletable()) option::some(blob.object_id()) else option::none();
    messages::blob_certified_bytes(system.epoch(), blob.blob_id(), persistence)
}

/// The aggregate signature on `message` of the test committee's `signers`.
public fun sign(message: &vector<u8>, signers: vector<u64>): vector<u8> {
    let secret_keys = bls_vectors::secret_keys();
    let point = bls12381::hash_to_g2(message);
    let mut signature = bls12381::g2_identity();
    signers.do!(|i| {
        let secret_key = bls12381::scalar_from_bytes(&secret_keys[i]);
        signature = bls12381::g2_add(&signature, &bls12381::g2_mul(&secret_key, &point));
    });
    *signature.bytes()
}

/// The public key of secret key `i`, computed in Move.
public fun public_key(i: u64): vector<u8> {
    let secret_key = bls12381::scalar_from_bytes(&bls_vectors::secret_keys()[i]);
    *bls12381::g1_mul(&secret_key, &bls12381::g1_generator()).bytes()
}

/// A bitmap naming `signers` of the 10-member committee (2 bytes).
public fun bitmap(signers: vector<u64>): vector<u8> {
    let mut bytes = vector[0u8, 0u8];
    signers.do!(|i| {
        let byte = &mut bytes[i / 8];
        *byte = *byte | (1u8 << ((i % 8) as u8));
    });
    bytes
}

/// Whether this runner has real BLS12-381 natives: the G2 generator is not a
/// signature of the G1 generator's key (secret 1) on any message we pick, so
/// a real `bls12381_min_pk_verify` rejects it; the WASM runner's stub accepts.
public fun bls_natives_are_real(): bool {
    let g1 = *bls12381::g1_generator().bytes();
    let g2 = *bls12381::g2_generator().bytes();
    !bls12381::bls12381_min_pk_verify(&g2, &g1, &b"tusk: are the BLS natives real?")
}

/// The blob ID `blob::derive_blob_id` gives the vectors' blob.
public fun vector_blob_id(): u256 {
    blob::derive_blob_id(0, bls_vectors::blob_size(), bls_vectors::blob_root_hash())
}
