/**
 * `tusk::system` (with `storage_resource` and `blob`): the storage market and
 * fee ledger — a ring buffer of `max_epochs_ahead` epochs, each with the
 * bytes reserved and the WAL earned — reservations, blobs and their
 * certificates, and the hand-off of each ending epoch's fees to staking. Same
 * checks, aborts, object IDs and events as the Move storage side.
 */
import type { TxContext } from '../context.ts';
import { check } from './aborts.ts';
import { emptyBlsCommittee, newBlsCommittee, verifyOneThird, verifyQuorum } from './bls.ts';
import type { Blob, Coin, Storage } from './objects.ts';
import type { EpochLedger, Prices, SystemHeader, TuskState } from './state.ts';
import { certifiedBlobMessage, deriveBlobId, encodedSize, invalidBlobIdMessage } from './storageFormats.ts';

const M = 'system';
export const SYSTEM_VERSION = 1;
const BYTES_PER_UNIT = 1_048_576n;
const MAX_U64 = (1n << 64n) - 1n;

export function newSystem(ctx: TxContext, maxEpochsAhead: number): SystemHeader {
  check(maxEpochsAhead > 0, M, 'EInvalidMaxEpochsAhead', 'new');
  const ledger: EpochLedger[] = Array.from({ length: maxEpochsAhead }, () => ({ usedCapacity: 0n, rewards: 0n }));
  ctx.freshId();
  return {
    version: SYSTEM_VERSION,
    epoch: 0,
    committee: emptyBlsCommittee(),
    totalCapacity: 0n,
    storagePrice: 0n,
    writePrice: 0n,
    maxEpochsAhead,
    ledger,
    head: 0,
  };
}

function assertVersion(state: TuskState, fn: string): void {
  check(state.system.version === SYSTEM_VERSION, M, 'EWrongVersion', fn);
}

function slot(system: SystemHeader, epoch: number): number {
  return (system.head + (epoch - system.epoch)) % system.ledger.length;
}

export function storageUnits(size: bigint): bigint {
  return size / BYTES_PER_UNIT + (size % BYTES_PER_UNIT === 0n ? 0n : 1n);
}

export function storageCost(system: SystemHeader, size: bigint, epochs: number): bigint {
  const cost = storageUnits(size) * system.storagePrice * BigInt(epochs);
  check(cost <= MAX_U64, M, 'ECostOverflow', 'storage_cost');
  return cost;
}

export function writeCost(system: SystemHeader, encoded: bigint): bigint {
  const cost = storageUnits(encoded) * system.writePrice;
  check(cost <= MAX_U64, M, 'ECostOverflow', 'write_cost');
  return cost;
}

function take(ctx: TxContext, payment: Coin, amount: bigint): bigint {
  check(payment.balance >= amount, M, 'EInsufficientPayment', 'take');
  ctx.touch(payment).balance -= amount;
  return amount;
}

/** `advance_epoch` (staking side): new epoch, committee and prices; returns the ending epoch's fees. */
export function advanceEpoch(
  ctx: TxContext,
  state: TuskState,
  newEpoch: number,
  nodeIds: string[],
  publicKeys: Uint8Array[],
  shards: number[],
  prices: Prices,
): bigint {
  assertVersion(state, 'assert_current_version');
  const system = ctx.touch(state.system);
  check(newEpoch === system.epoch + 1, M, 'ENotNextEpoch', 'advance_epoch');
  const ending = system.ledger[system.head]!;
  const fees = ending.rewards;
  ending.rewards = 0n;
  ending.usedCapacity = 0n;
  system.head = (system.head + 1) % system.ledger.length;
  system.epoch = newEpoch;
  system.committee = newBlsCommittee(nodeIds, publicKeys, shards);
  system.totalCapacity = prices.capacity;
  if (prices.storagePrice !== system.storagePrice || prices.writePrice !== system.writePrice) {
    system.storagePrice = prices.storagePrice;
    system.writePrice = prices.writePrice;
    ctx.emit('PricesUpdated', { epoch: newEpoch, storage_price: prices.storagePrice, write_price: prices.writePrice });
  }
  return fees;
}

export function addRewards(ctx: TxContext, state: TuskState, payment: Coin): void {
  assertVersion(state, 'assert_current_version');
  const system = ctx.touch(state.system);
  system.ledger[system.head]!.rewards += payment.balance;
  ctx.emit('RewardsAdded', { epoch: system.epoch, amount: payment.balance });
}

function buyStorage(
  ctx: TxContext,
  state: TuskState,
  size: bigint,
  startEpoch: number,
  endEpoch: number,
  payment: Coin,
): [Storage, bigint] {
  const fn = 'buy_storage';
  const system = ctx.touch(state.system);
  check(size > 0n, M, 'EZeroSize', fn);
  check(
    startEpoch >= system.epoch && startEpoch < endEpoch && endEpoch <= system.epoch + system.maxEpochsAhead,
    M,
    'EInvalidEpochRange',
    fn,
  );
  for (let epoch = startEpoch; epoch < endEpoch; epoch++) {
    const entry = system.ledger[slot(system, epoch)]!;
    check(entry.usedCapacity + size <= system.totalCapacity, M, 'ENotEnoughCapacity', fn);
    entry.usedCapacity += size;
  }
  const epochs = endEpoch - startEpoch;
  const fee = storageCost(system, size, epochs);
  let paid = take(ctx, payment, fee);
  const share = fee / BigInt(epochs);
  for (let epoch = endEpoch - 1; epoch > startEpoch; epoch--) {
    system.ledger[slot(system, epoch)]!.rewards += share;
    paid -= share;
  }
  system.ledger[slot(system, startEpoch)]!.rewards += paid;
  return [{ id: ctx.freshId(), startEpoch, endEpoch, size }, fee];
}

export function reserveSpace(
  ctx: TxContext,
  state: TuskState,
  size: bigint,
  epochsAhead: number,
  payment: Coin,
): Storage {
  const start = state.system.epoch;
  const end = start + epochsAhead;
  check(end <= 0xffff_ffff, M, 'EInvalidEpochRange', 'reserve_space');
  return reserveSpaceForEpochs(ctx, state, size, start, end, payment);
}

export function reserveSpaceForEpochs(
  ctx: TxContext,
  state: TuskState,
  size: bigint,
  startEpoch: number,
  endEpoch: number,
  payment: Coin,
): Storage {
  assertVersion(state, 'assert_current_version');
  const [storage, paid] = buyStorage(ctx, state, size, startEpoch, endEpoch, payment);
  ctx.emit('StorageReserved', {
    epoch: state.system.epoch,
    storage_id: storage.id,
    owner: ctx.sender,
    size,
    start_epoch: startEpoch,
    end_epoch: endEpoch,
    paid,
  });
  return storage;
}

function emitSplit(ctx: TxContext, state: TuskState, storage: Storage, created: Storage): void {
  ctx.emit('StorageSplit', {
    epoch: state.system.epoch,
    storage_id: storage.id,
    size: storage.size,
    start_epoch: storage.startEpoch,
    end_epoch: storage.endEpoch,
    new_storage_id: created.id,
    new_size: created.size,
    new_start_epoch: created.startEpoch,
    new_end_epoch: created.endEpoch,
  });
}

export function splitStorageByEpoch(ctx: TxContext, state: TuskState, storage: Storage, splitEpoch: number): Storage {
  assertVersion(state, 'assert_current_version');
  check(
    storage.startEpoch < splitEpoch && splitEpoch < storage.endEpoch,
    'storage_resource',
    'EInvalidSplitEpoch',
    'split_by_epoch',
  );
  const end = storage.endEpoch;
  ctx.touch(storage).endEpoch = splitEpoch;
  const created: Storage = { id: ctx.freshId(), startEpoch: splitEpoch, endEpoch: end, size: storage.size };
  emitSplit(ctx, state, storage, created);
  return created;
}

export function splitStorageBySize(ctx: TxContext, state: TuskState, storage: Storage, size: bigint): Storage {
  assertVersion(state, 'assert_current_version');
  check(size > 0n && size < storage.size, 'storage_resource', 'EInvalidSplitSize', 'split_by_size');
  ctx.touch(storage).size -= size;
  const created: Storage = { id: ctx.freshId(), startEpoch: storage.startEpoch, endEpoch: storage.endEpoch, size };
  emitSplit(ctx, state, storage, created);
  return created;
}

/** `storage_resource::fuse` (the caller touched `storage`). */
function fuse(storage: Storage, other: Storage): void {
  const samePeriod = storage.startEpoch === other.startEpoch && storage.endEpoch === other.endEpoch;
  const adjacent = storage.endEpoch === other.startEpoch || other.endEpoch === storage.startEpoch;
  check(samePeriod || (storage.size === other.size && adjacent), 'storage_resource', 'EIncompatibleStorage', 'fuse');
  if (samePeriod) storage.size += other.size;
  else if (storage.endEpoch === other.startEpoch) storage.endEpoch = other.endEpoch;
  else storage.startEpoch = other.startEpoch;
}

export function fuseStorage(ctx: TxContext, state: TuskState, storage: Storage, other: Storage): void {
  assertVersion(state, 'assert_current_version');
  fuse(ctx.touch(storage), other);
  ctx.emit('StorageFused', {
    epoch: state.system.epoch,
    storage_id: storage.id,
    fused_id: other.id,
    size: storage.size,
    start_epoch: storage.startEpoch,
    end_epoch: storage.endEpoch,
  });
}

export function destroyStorage(ctx: TxContext, state: TuskState, storage: Storage): void {
  assertVersion(state, 'assert_current_version');
  check(storage.endEpoch <= state.system.epoch, M, 'EStorageNotExpired', 'destroy_storage');
  ctx.emit('StorageDestroyed', { epoch: state.system.epoch, storage_id: storage.id });
}

export interface RegisterBlobArgs {
  blobId: bigint;
  rootHash: bigint;
  size: bigint;
  encodingType: number;
  deletable: boolean;
}

export function registerBlob(
  ctx: TxContext,
  state: TuskState,
  storage: Storage,
  args: RegisterBlobArgs,
  payment: Coin,
): Blob {
  const fn = 'register_blob';
  assertVersion(state, 'assert_current_version');
  const system = state.system;
  const encoded = encodedSize(args.size, args.encodingType, system.committee.nShards);
  check(deriveBlobId(args.encodingType, args.size, args.rootHash) === args.blobId, M, 'EInvalidBlobId', fn);
  check(storage.startEpoch <= system.epoch && system.epoch < storage.endEpoch, M, 'EStorageNotCurrent', fn);
  check(storage.size >= encoded, M, 'EStorageTooSmall', fn);
  const fee = writeCost(system, encoded);
  take(ctx, payment, fee);
  ctx.touch(state.system).ledger[system.head]!.rewards += fee;
  const blob: Blob = {
    id: ctx.freshId(),
    registeredEpoch: system.epoch,
    blobId: args.blobId,
    size: args.size,
    encodingType: args.encodingType,
    certifiedEpoch: undefined,
    storage,
    deletable: args.deletable,
    metadata: [],
    hasMetadataField: false,
  };
  ctx.emit('BlobRegistered', {
    epoch: system.epoch,
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

export function certifyBlob(
  ctx: TxContext,
  state: TuskState,
  blob: Blob,
  signature: Uint8Array,
  bitmap: Uint8Array,
  message: Uint8Array,
): void {
  const fn = 'certify_blob';
  assertVersion(state, 'assert_current_version');
  const system = state.system;
  const certified = certifiedBlobMessage(message);
  check(certified.epoch === system.epoch, M, 'EWrongCertificateEpoch', fn);
  check(certified.blobId === blob.blobId, M, 'EWrongBlobId', fn);
  check(certified.deletableObjectId === (blob.deletable ? blob.id : undefined), M, 'EWrongPersistence', fn);
  check(blob.certifiedEpoch === undefined, M, 'EAlreadyCertified', fn);
  check(!(blob.storage.endEpoch <= system.epoch), M, 'EBlobExpired', fn);
  verifyQuorum(system.committee, signature, bitmap, message);
  ctx.touch(blob).certifiedEpoch = system.epoch;
  ctx.emit('BlobCertified', {
    epoch: system.epoch,
    blob_id: blob.blobId,
    object_id: blob.id,
    end_epoch: blob.storage.endEpoch,
    deletable: blob.deletable,
    is_extension: false,
  });
}

export function invalidateBlobId(
  ctx: TxContext,
  state: TuskState,
  signature: Uint8Array,
  bitmap: Uint8Array,
  message: Uint8Array,
): bigint {
  assertVersion(state, 'assert_current_version');
  const [epoch, blobId] = invalidBlobIdMessage(message);
  check(epoch === state.system.epoch, M, 'EWrongCertificateEpoch', 'invalidate_blob_id');
  verifyOneThird(state.system.committee, signature, bitmap, message);
  ctx.emit('BlobInvalidated', { epoch: state.system.epoch, blob_id: blobId });
  return blobId;
}

export function deleteBlob(ctx: TxContext, state: TuskState, blob: Blob): Storage {
  assertVersion(state, 'assert_current_version');
  check(blob.deletable, M, 'ENotDeletable', 'delete_blob');
  ctx.emit('BlobDeleted', {
    epoch: state.system.epoch,
    blob_id: blob.blobId,
    object_id: blob.id,
    end_epoch: blob.storage.endEpoch,
    was_certified: blob.certifiedEpoch !== undefined,
  });
  return blob.storage;
}

export function burnBlob(ctx: TxContext, state: TuskState, blob: Blob): void {
  assertVersion(state, 'assert_current_version');
  ctx.emit('BlobBurned', { epoch: state.system.epoch, blob_id: blob.blobId, object_id: blob.id });
}

function assertExtendable(state: TuskState, blob: Blob): void {
  check(blob.certifiedEpoch !== undefined, M, 'ENotCertified', 'assert_extendable');
  check(!(blob.storage.endEpoch <= state.system.epoch), M, 'EBlobExpired', 'assert_extendable');
}

export function extendBlob(ctx: TxContext, state: TuskState, blob: Blob, epochsAhead: number, payment: Coin): void {
  assertExtendable(state, blob);
  const start = blob.storage.endEpoch;
  const end = start + epochsAhead;
  check(end <= 0xffff_ffff, M, 'EInvalidEpochRange', 'extend_blob');
  const storage = reserveSpaceForEpochs(ctx, state, blob.storage.size, start, end, payment);
  extendBlobWithStorage(ctx, state, blob, storage);
}

export function extendBlobWithStorage(ctx: TxContext, state: TuskState, blob: Blob, storage: Storage): void {
  assertVersion(state, 'assert_current_version');
  assertExtendable(state, blob);
  check(
    storage.startEpoch === blob.storage.endEpoch && storage.size === blob.storage.size,
    M,
    'EInvalidExtension',
    'extend_blob_with_storage',
  );
  ctx.touch(blob);
  blob.storage = { ...blob.storage };
  fuse(blob.storage, storage);
  ctx.emit('BlobCertified', {
    epoch: state.system.epoch,
    blob_id: blob.blobId,
    object_id: blob.id,
    end_epoch: blob.storage.endEpoch,
    deletable: blob.deletable,
    is_extension: true,
  });
}

export function setBlobMetadata(ctx: TxContext, state: TuskState, blob: Blob, key: string, value: string): void {
  assertVersion(state, 'assert_current_version');
  ctx.touch(blob).hasMetadataField = true;
  const entry = blob.metadata.find(([k]) => k === key);
  if (entry) entry[1] = value;
  else blob.metadata.push([key, value]);
  ctx.emit('BlobMetadataUpdated', { epoch: state.system.epoch, blob_id: blob.blobId, object_id: blob.id, key, value });
}

export function removeBlobMetadata(ctx: TxContext, state: TuskState, blob: Blob, key: string): string {
  assertVersion(state, 'assert_current_version');
  const index = blob.metadata.findIndex(([k]) => k === key);
  check(blob.hasMetadataField, 'blob', 'EMetadataKeyNotFound', 'remove_metadata');
  check(index >= 0, 'blob', 'EMetadataKeyNotFound', 'remove_metadata');
  ctx.touch(blob);
  const [[, value]] = blob.metadata.splice(index, 1) as [[string, string]];
  ctx.emit('BlobMetadataUpdated', {
    epoch: state.system.epoch,
    blob_id: blob.blobId,
    object_id: blob.id,
    key,
    value: null,
  });
  return value;
}
