/**
 * BLS12-381 (min-pk) as `sui::bls12381` does it, for proofs of possession
 * (`tusk::storage_node`) and committee certificates (`tusk::bls`): 48-byte
 * compressed G1 public keys, 96-byte compressed G2 signatures, messages
 * hashed to G2 with `BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_NUL_`.
 *
 * Verification is slow in JavaScript (~0.1 s per pairing on these machines),
 * so results are memoized, and the devnet's own actors may vouch for
 * signatures they made themselves (`vouch`): those are known to verify.
 */
import { bls12_381 } from '@noble/curves/bls12-381.js';
import { bytesToNumberBE, numberToBytesBE } from '@noble/curves/utils.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bcs } from '@mysten/sui/bcs';
import { check } from './aborts.ts';

const bls = bls12_381.longSignatures;
const ORDER = bls12_381.fields.Fr.ORDER;

const verified = new Map<string, boolean>();

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}

function key(signature: Uint8Array, publicKey: Uint8Array, message: Uint8Array): string {
  return `${hex(signature)}:${hex(publicKey)}:${hex(message)}`;
}

/** Records that `signature` by `publicKey` on `message` verifies (made by the devnet itself). */
export function vouch(signature: Uint8Array, publicKey: Uint8Array, message: Uint8Array): void {
  verified.set(key(signature, publicKey, message), true);
}

let trustAll = false;

/**
 * While set, every signature verifies: only for replaying transactions that
 * are known to have succeeded (their signatures were checked when first run).
 */
export function trustSignatures(trust: boolean): void {
  trustAll = trust;
}

/** `bls12381_min_pk_verify`: false for malformed inputs instead of throwing. */
export function minPkVerify(signature: Uint8Array, publicKey: Uint8Array, message: Uint8Array): boolean {
  if (trustAll) return true;
  const k = key(signature, publicKey, message);
  const known = verified.get(k);
  if (known !== undefined) return known;
  let ok: boolean;
  try {
    ok = signature.length === 96 && publicKey.length === 48 && bls.verify(signature, bls.hash(message), publicKey);
  } catch {
    ok = false;
  }
  verified.set(k, ok);
  return ok;
}

export interface BlsKeypair {
  secretKey: bigint;
  publicKey: Uint8Array;
}

/** A deterministic keypair: secret = sha256(seed) mod (r - 1) + 1. */
export function blsKeypair(seed: string): BlsKeypair {
  const secretKey = (bytesToNumberBE(sha256(new TextEncoder().encode(seed))) % (ORDER - 1n)) + 1n;
  return { secretKey, publicKey: bls.getPublicKey(numberToBytesBE(secretKey, 32)).toBytes() };
}

/** The signature of `secretKey` (a scalar, e.g. a sum of the signers' keys) on `message`. */
export function blsSign(secretKey: bigint, message: Uint8Array): Uint8Array {
  return bls.Signature.toBytes(bls.sign(bls.hash(message), numberToBytesBE(secretKey % ORDER, 32)));
}

/** The key whose signature equals the aggregate of the signers' (BLS is linear in the secret key). */
export function aggregateSecretKey(secretKeys: bigint[]): bigint {
  return secretKeys.reduce((sum, k) => (sum + k) % ORDER, 0n);
}

type G1Point = ReturnType<typeof bls12_381.G1.Point.fromBytes>;
const points = new Map<string, G1Point>();
const aggregates = new Map<string, Uint8Array>();

function point(publicKey: Uint8Array): G1Point {
  const k = hex(publicKey);
  let p = points.get(k);
  if (!p) points.set(k, (p = bls12_381.G1.Point.fromBytes(publicKey)));
  return p;
}

/** The compressed sum of compressed G1 public keys (memoized: committees sign with the same sets again and again). */
export function aggregatePublicKey(publicKeys: Uint8Array[]): Uint8Array {
  if (publicKeys.length === 1) return publicKeys[0]!;
  const k = publicKeys.map(hex).join(',');
  let aggregate = aggregates.get(k);
  if (!aggregate) {
    aggregate = publicKeys
      .map(point)
      .reduce((sum, p) => sum.add(p))
      .toBytes();
    if (aggregates.size > 10_000) aggregates.clear();
    aggregates.set(k, aggregate);
  }
  return aggregate;
}

/** `storage_node::pop_message`: 0x05 0x00 0x03 || BCS(public_key) || sender. */
export function popMessage(publicKey: Uint8Array, sender: string): Uint8Array {
  return Uint8Array.from([
    5,
    0,
    3,
    ...bcs.byteVector().serialize(publicKey).toBytes(),
    ...bcs.Address.serialize(sender).toBytes(),
  ]);
}

/** A proof of possession of `keypair` for `sender`. */
export function proofOfPossession(keypair: BlsKeypair, sender: string): Uint8Array {
  const message = popMessage(keypair.publicKey, sender);
  const signature = blsSign(keypair.secretKey, message);
  vouch(signature, keypair.publicKey, message);
  return signature;
}

/** `storage_node::check_public_key`. */
export function checkPublicKey(
  publicKey: Uint8Array,
  proofOfPossession: Uint8Array,
  sender: string,
  functionName: string,
): void {
  check(publicKey.length === 48, 'storage_node', 'EInvalidPublicKey', functionName);
  check(
    proofOfPossession.length === 96 && minPkVerify(proofOfPossession, publicKey, popMessage(publicKey, sender)),
    'storage_node',
    'EInvalidProofOfPossession',
    functionName,
  );
}

/** `tusk::bls::BlsCommittee` (keys kept compressed; they are valid G1 points). */
export interface BlsCommittee {
  nodeIds: string[];
  publicKeys: Uint8Array[];
  shards: number[];
  nShards: bigint;
}

export function emptyBlsCommittee(): BlsCommittee {
  return { nodeIds: [], publicKeys: [], shards: [], nShards: 0n };
}

export function newBlsCommittee(nodeIds: string[], publicKeys: Uint8Array[], shards: number[]): BlsCommittee {
  check(publicKeys.length === nodeIds.length && shards.length === nodeIds.length, 'bls', 'EInvalidCommittee', 'new');
  return { nodeIds, publicKeys, shards, nShards: shards.reduce((sum, s) => sum + BigInt(s), 0n) };
}

/** The signers' keys and total shards (`bls::signers`). */
function signers(committee: BlsCommittee, bitmap: Uint8Array, fn: string): { keys: Uint8Array[]; weight: bigint } {
  const size = committee.nodeIds.length;
  check(bitmap.length <= Math.floor((size + 7) / 8), 'bls', 'EInvalidBitmap', fn);
  const keys: Uint8Array[] = [];
  let weight = 0n;
  bitmap.forEach((byte, byteIndex) => {
    for (let bit = 0; bit < 8; bit++) {
      if ((byte >> bit) & 1) {
        const member = byteIndex * 8 + bit;
        check(member < size, 'bls', 'EInvalidBitmap', fn);
        keys.push(committee.publicKeys[member]!);
        weight += BigInt(committee.shards[member]!);
      }
    }
  });
  return { keys, weight };
}

function aggregateVerifies(keys: Uint8Array[], signature: Uint8Array, message: Uint8Array): boolean {
  if (keys.length === 0) return false;
  if (trustAll) return true;
  try {
    return minPkVerify(signature, aggregatePublicKey(keys), message);
  } catch {
    return false;
  }
}

/** `bls::verify_quorum`: more than 2/3 of the shards signed `message`. */
export function verifyQuorum(
  committee: BlsCommittee,
  signature: Uint8Array,
  bitmap: Uint8Array,
  message: Uint8Array,
  fn = 'verify_quorum',
): bigint {
  const { keys, weight } = signers(committee, bitmap, fn);
  check(3n * weight >= 2n * committee.nShards + 1n, 'bls', 'ENotEnoughWeight', fn);
  check(aggregateVerifies(keys, signature, message), 'bls', 'EInvalidSignature', fn);
  return weight;
}

/** `bls::verify_one_third`: more than 1/3 of the shards signed `message`. */
export function verifyOneThird(
  committee: BlsCommittee,
  signature: Uint8Array,
  bitmap: Uint8Array,
  message: Uint8Array,
  fn = 'verify_one_third',
): bigint {
  const { keys, weight } = signers(committee, bitmap, fn);
  check(3n * weight >= committee.nShards + 1n, 'bls', 'ENotEnoughWeight', fn);
  check(aggregateVerifies(keys, signature, message), 'bls', 'EInvalidSignature', fn);
  return weight;
}

/** Vouches for an aggregate signature the devnet made for the members named by `bitmap`. */
export function vouchAggregate(
  committee: BlsCommittee,
  signature: Uint8Array,
  bitmap: Uint8Array,
  message: Uint8Array,
): void {
  const keys: Uint8Array[] = [];
  bitmap.forEach((byte, byteIndex) => {
    for (let bit = 0; bit < 8; bit++) if ((byte >> bit) & 1) keys.push(committee.publicKeys[byteIndex * 8 + bit]!);
  });
  if (keys.length > 0) vouch(signature, aggregatePublicKey(keys), message);
}
