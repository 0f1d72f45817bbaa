/**
 * `tusk::system` with `storage_resource` and `blob`: buying storage, blobs
 * and their certification, and the fees that become the committee's rewards.
 * Storage fees are spread over the paid epochs, write fees go to the current
 * epoch; at an epoch change the ending epoch's fees are taken by staking.
 */
import { bcs } from '@mysten/sui/bcs';
import { toHex } from '@mysten/sui/utils';
import type { TxContext } from '../context.ts';
import { blake2b256 } from '../ids.ts';
import { check } from './aborts.ts';
import type { Blob, Coin, Storage } from './objects.ts';
import type { TuskState } from './state.ts';

const M = 'system';
export const SYSTEM_VERSION = 1;
export const MIB = 1n << 20n;

function assertVersion(state: TuskState): void {
  check(state.system.version === SYSTEM_VERSION, M, 'EWrongVersion');
}

/**
 * Encoded size of a blob of `size` bytes over `nShards` shards: a 2D
 * erasure code stores each byte about 4.5 times, plus per-shard metadata.
 */
export function encodedSize(size: bigint, nShards: number): bigint {
  const shards = BigInt(nShards);
  const symbolsPerShard = (size * 9n + 2n * shards - 1n) / (2n * shards);
  return shards * symbolsPerShard + shards * 64n;
}

function mibs(bytes: bigint): bigint {
  return (bytes + MIB - 1n) / MIB;
}

export function storageCost(state: TuskState, size: bigint, epochs: number): bigint {
  return state.staking.prices.storagePrice * mibs(size) * BigInt(epochs);
}

export function writeCost(state: TuskState, encoded: bigint): bigint {
  return state.staking.prices.writePrice * mibs(encoded);
}

/** The blob ID of (encoding type, size, root hash): blake2b256 of their BCS, as a u256 (little-endian). */
export function blobIdOf(encodingType: number, size: bigint, rootHash: bigint): bigint {
  const bytes = bcs.struct('BlobIdInput', { encoding_type: bcs.u8(), size: bcs.u64(), root_hash: bcs.u256() }).serialize({ encoding_type: encodingType, size, root_hash: rootHash }).toBytes();
  const digest = blake2b256(bytes);
  return BigInt(`0x${toHex(digest.slice().reverse())}`);
}

function addFee(ctx: TxContext, state: TuskState, epoch: number, amount: bigint): void {
  const system = ctx.touch(state.system);
  system.fees.set(epoch, (system.fees.get(epoch) ?? 0n) + amount);
}

function pay(ctx: TxContext, coin: Coin, amount: bigint): void {
  check(coin.balance >= amount, M, 'EInsufficientPayment');
  ctx.touch(coin).balance -= amount;
}

/** Called by staking at an epoch change: the fees owed to `epoch`'s committee (removed from the system). */
export function takeEpochFees(ctx: TxContext, state: TuskState, epoch: number): bigint {
  const fees = state.system.fees.get(epoch) ?? 0n;
  const system = ctx.touch(state.system);
  system.fees.delete(epoch);
  system.usedCapacity.delete(epoch);
  return fees;
}

export function reserveSpace(ctx: TxContext, state: TuskState, size: bigint, epochsAhead: number, payment: Coin): Storage {
  assertVersion(state);
  check(size > 0n, M, 'EInvalidSize');
  check(epochsAhead > 0 && epochsAhead <= state.params.maxEpochsAhead, M, 'EInvalidEpochsAhead');
  const start = state.staking.epoch;
  const capacity = state.staking.prices.capacity;
  for (let e = start; e < start + epochsAhead; e++) {
    check(capacity === 0n || (state.system.usedCapacity.get(e) ?? 0n) + size <= capacity, M, 'EStorageExceeded');
  }
  const cost = storageCost(state, size, epochsAhead);
  pay(ctx, payment, cost);
  const system = ctx.touch(state.system);
  const perEpoch = cost / BigInt(epochsAhead);
  for (let e = start; e < start + epochsAhead; e++) {
    system.usedCapacity.set(e, (system.usedCapacity.get(e) ?? 0n) + size);
    addFee(ctx, state, e, perEpoch + (e === start ? cost - perEpoch * BigInt(epochsAhead) : 0n));
  }
  const storage: Storage = { id: ctx.freshId(), startEpoch: start, endEpoch: start + epochsAhead, size };
  ctx.emit('StorageReserved', { epoch: start, storage_id: storage.id, owner: ctx.sender, size, start_epoch: start, end_epoch: storage.endEpoch, paid: cost });
  return storage;
}

export interface RegisterBlobArgs {
  blobId: bigint;
  rootHash: bigint;
  size: bigint;
  encodingType: number;
  deletable: boolean;
}

export function registerBlob(ctx: TxContext, state: TuskState, storage: Storage, args: RegisterBlobArgs, payment: Coin): Blob {
  assertVersion(state);
  check(blobIdOf(args.encodingType, args.size, args.rootHash) === args.blobId, 'blob', 'EInvalidBlobId');
  const epoch = state.staking.epoch;
  check(storage.startEpoch <= epoch && storage.endEpoch > epoch, 'blob', 'EResourceBounds');
  const encoded = encodedSize(args.size, state.params.nShards);
  check(encoded <= storage.size, 'blob', 'EResourceSize');
  const fee = writeCost(state, encoded);
  pay(ctx, payment, fee);
  addFee(ctx, state, epoch, fee);
  const blob: Blob = {
    id: ctx.freshId(),
    registeredEpoch: epoch,
    blobId: args.blobId,
    size: args.size,
    encodingType: args.encodingType,
    certifiedEpoch: undefined,
    storage,
    deletable: args.deletable,
  };
  ctx.emit('BlobRegistered', {
    epoch,
    blob_id: args.blobId,
    object_id: blob.id,
    owner: ctx.sender,
    size: args.size,
    encoding_type: args.encodingType,
    end_epoch: storage.endEpoch,
    deletable: args.deletable,
    write_fee: fee,
  });
  return blob;
}

/** Certifies a blob given a quorum certificate (the devnet checks signer weight, not BLS; see README). */
export function certifyBlob(ctx: TxContext, state: TuskState, blob: Blob, signersBitmap: Uint8Array): void {
  assertVersion(state);
  check(blob.certifiedEpoch === undefined, 'blob', 'EAlreadyCertified');
  check(blob.storage.endEpoch > state.staking.epoch, 'blob', 'EResourceBounds');
  check(signerWeight(state, signersBitmap) * 3 >= 2 * state.params.nShards, 'bls', 'ENotEnoughStake');
  ctx.touch(blob).certifiedEpoch = state.staking.epoch;
  ctx.emit('BlobCertified', { epoch: state.staking.epoch, blob_id: blob.blobId, object_id: blob.id, end_epoch: blob.storage.endEpoch, deletable: blob.deletable, is_extension: false });
}

/** Shards held by the committee members whose bits are set (bit i = member i, little-endian per byte). */
export function signerWeight(state: TuskState, bitmap: Uint8Array): number {
  let weight = 0;
  state.staking.committee.forEach((member, i) => {
    if (((bitmap[i >> 3] ?? 0) >> (i & 7)) & 1) weight += member.shards.length;
  });
  return weight;
}

export function deleteBlob(ctx: TxContext, state: TuskState, blob: Blob): Storage {
  assertVersion(state);
  check(blob.deletable, 'blob', 'EBlobNotDeletable');
  ctx.emit('BlobDeleted', { epoch: state.staking.epoch, blob_id: blob.blobId, object_id: blob.id, end_epoch: blob.storage.endEpoch, was_certified: blob.certifiedEpoch !== undefined });
  return blob.storage;
}

export function extendBlob(ctx: TxContext, state: TuskState, blob: Blob, epochsAhead: number, payment: Coin): void {
  assertVersion(state);
  check(blob.certifiedEpoch !== undefined, 'blob', 'ENotCertified');
  const epoch = state.staking.epoch;
  check(blob.storage.endEpoch > epoch, 'blob', 'EResourceBounds');
  check(epochsAhead > 0 && blob.storage.endEpoch + epochsAhead - epoch <= state.params.maxEpochsAhead, M, 'EInvalidEpochsAhead');
  const cost = storageCost(state, blob.storage.size, epochsAhead);
  pay(ctx, payment, cost);
  const system = ctx.touch(state.system);
  const perEpoch = cost / BigInt(epochsAhead);
  const from = blob.storage.endEpoch;
  for (let e = from; e < from + epochsAhead; e++) {
    system.usedCapacity.set(e, (system.usedCapacity.get(e) ?? 0n) + blob.storage.size);
    addFee(ctx, state, e, perEpoch + (e === from ? cost - perEpoch * BigInt(epochsAhead) : 0n));
  }
  ctx.touch(blob);
  blob.storage = { ...blob.storage, endEpoch: from + epochsAhead };
  ctx.emit('BlobCertified', { epoch, blob_id: blob.blobId, object_id: blob.id, end_epoch: blob.storage.endEpoch, deletable: blob.deletable, is_extension: true });
}

export function invalidateBlobId(ctx: TxContext, state: TuskState, signersBitmap: Uint8Array, blobId: bigint): bigint {
  assertVersion(state);
  check(signerWeight(state, signersBitmap) * 3 > state.params.nShards, 'bls', 'ENotEnoughStake');
  ctx.emit('BlobInvalidated', { epoch: state.staking.epoch, blob_id: blobId });
  return blobId;
}

/** `add_rewards`: WAL added to the current epoch's rewards. */
export function addRewards(ctx: TxContext, state: TuskState, payment: Coin): void {
  assertVersion(state);
  addFee(ctx, state, state.staking.epoch, payment.balance);
}
