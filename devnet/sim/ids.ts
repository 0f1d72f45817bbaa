/**
 * Identifiers the way Sui makes them, so the devnet's object IDs and digests
 * look and behave like a real network's: an object created by a transaction
 * has ID `blake2b256(0xf1 || tx digest || creation counter as u64 LE)`
 * (`ObjectID::derive_id`), a transaction digest is `blake2b256` of
 * `"TransactionData::" || BCS`, and digests are printed in base58.
 *
 * The differential tests rely on this: Move's `test_scenario` derives IDs the
 * same way from its own (dummy) transaction hashes.
 */
import { blake2b } from '@noble/hashes/blake2.js';
import { fromBase58, normalizeSuiAddress, toBase58, toHex } from '@mysten/sui/utils';

const REGULAR_OBJECT_ID_SCOPE = 0xf1;

export function blake2b256(...parts: Uint8Array[]): Uint8Array {
  const hasher = blake2b.create({ dkLen: 32 });
  for (const part of parts) hasher.update(part);
  return hasher.digest();
}

function u64Le(value: bigint | number): Uint8Array {
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer).setBigUint64(0, BigInt(value), true);
  return bytes;
}

/** The ID of the `counter`-th object created by the transaction with digest `txDigest` (32 bytes). */
export function deriveObjectId(txDigest: Uint8Array, counter: bigint | number): string {
  return `0x${toHex(blake2b256(new Uint8Array([REGULAR_OBJECT_ID_SCOPE]), txDigest, u64Le(counter)))}`;
}

const encoder = new TextEncoder();

/** A base58 digest of `bytes` under a Sui-style salt (`"TransactionData::"`, `"Object::"`, ...). */
export function saltedDigest(salt: string, bytes: Uint8Array): Uint8Array {
  return blake2b256(encoder.encode(salt), bytes);
}

export function digestToString(digest: Uint8Array): string {
  return toBase58(digest);
}

export function digestFromString(digest: string): Uint8Array {
  return fromBase58(digest);
}

/**
 * The dummy transaction hash Move's `test_scenario` gives its n-th
 * transaction (`tx_context::new_from_hint`): the BCS of `hint: u64`, padded
 * with zeros to 32 bytes.
 */
export function testScenarioTxHash(hint: bigint | number): Uint8Array {
  const hash = new Uint8Array(32);
  hash.set(u64Le(hint), 0);
  return hash;
}

/** A deterministic address for a label (test users, node operators). */
export function labelAddress(label: string): string {
  return normalizeSuiAddress(`0x${toHex(blake2b256(encoder.encode(`tusk-devnet:${label}`)))}`);
}
