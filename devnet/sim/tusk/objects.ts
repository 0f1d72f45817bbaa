/**
 * The owned objects Tusk hands to users, as JavaScript values with the BCS
 * layout of their Move structs (fields in declaration order), so wallets and
 * the dashboard read them from the devnet exactly as from a real node:
 * `Coin<WAL>` / `Coin<SUI>` (`sui::coin`), `StakedWal` (`tusk::staked_wal`),
 * `StorageNodeCap` (`tusk::storage_node`), `Storage`
 * (`tusk::storage_resource`) and `Blob` (`tusk::blob`; its metadata lives in
 * a dynamic field, not in its BCS).
 */
import { bcs } from '@mysten/sui/bcs';
import type { ObjectCodec } from '../store.ts';

export interface Coin {
  id: string;
  balance: bigint;
}

export const CoinLayout = bcs.struct('Coin', { id: bcs.Address, balance: bcs.u64() });
export const coinCodec: ObjectCodec<Coin> = { encode: (coin) => CoinLayout.serialize(coin).toBytes() };

/** `StakedWalState`: staked, or withdrawing from `withdrawEpoch`. */
export type StakedWalState = { kind: 'staked' } | { kind: 'withdrawing'; withdrawEpoch: number };

export interface StakedWal {
  id: string;
  state: StakedWalState;
  nodeId: string;
  /** FROST staked (changed only by split and join). */
  principal: bigint;
  activationEpoch: number;
  /** Epoch the object last got its principal (created, split, joined). */
  changedEpoch: number;
}

export const StakedWalStateLayout = bcs.enum('StakedWalState', {
  Staked: null,
  Withdrawing: bcs.struct('Withdrawing', { withdraw_epoch: bcs.u32() }),
});

export const StakedWalLayout = bcs.struct('StakedWal', {
  id: bcs.Address,
  state: StakedWalStateLayout,
  node_id: bcs.Address,
  principal: bcs.u64(),
  activation_epoch: bcs.u32(),
  changed_epoch: bcs.u32(),
});

export const stakedWalCodec: ObjectCodec<StakedWal> = {
  encode: (staked) =>
    StakedWalLayout.serialize({
      id: staked.id,
      state:
        staked.state.kind === 'staked'
          ? { Staked: true }
          : { Withdrawing: { withdraw_epoch: staked.state.withdrawEpoch } },
      node_id: staked.nodeId,
      principal: staked.principal,
      activation_epoch: staked.activationEpoch,
      changed_epoch: staked.changedEpoch,
    }).toBytes(),
};

export function isWithdrawing(staked: StakedWal): boolean {
  return staked.state.kind === 'withdrawing';
}

export function withdrawEpochOf(staked: StakedWal): number | undefined {
  return staked.state.kind === 'withdrawing' ? staked.state.withdrawEpoch : undefined;
}

/** `staked_wal::is_compatible`: same node, activation epoch and state. */
/** `staked_wal::is_compatible`: same node and activation epoch, neither withdrawing. */
export function isCompatible(a: StakedWal, b: StakedWal): boolean {
  return a.nodeId === b.nodeId && a.activationEpoch === b.activationEpoch && !isWithdrawing(a) && !isWithdrawing(b);
}

export interface StorageNodeCap {
  id: string;
  nodeId: string;
}

export const StorageNodeCapLayout = bcs.struct('StorageNodeCap', { id: bcs.Address, node_id: bcs.Address });
export const storageNodeCapCodec: ObjectCodec<StorageNodeCap> = {
  encode: (cap) => StorageNodeCapLayout.serialize({ id: cap.id, node_id: cap.nodeId }).toBytes(),
};

export interface Storage {
  id: string;
  startEpoch: number;
  endEpoch: number;
  /** Encoded bytes. */
  size: bigint;
}

export const StorageLayout = bcs.struct('Storage', {
  id: bcs.Address,
  start_epoch: bcs.u32(),
  end_epoch: bcs.u32(),
  size: bcs.u64(),
});

function storageValue(storage: Storage) {
  return { id: storage.id, start_epoch: storage.startEpoch, end_epoch: storage.endEpoch, size: storage.size };
}

export const storageCodec: ObjectCodec<Storage> = {
  encode: (storage) => StorageLayout.serialize(storageValue(storage)).toBytes(),
};

export interface Blob {
  id: string;
  registeredEpoch: number;
  blobId: bigint;
  /** Unencoded bytes. */
  size: bigint;
  encodingType: number;
  certifiedEpoch: number | undefined;
  storage: Storage;
  deletable: boolean;
  /** Metadata pairs (a dynamic field in Move, created by the first set), in insertion order. */
  metadata: [string, string][];
  hasMetadataField: boolean;
}

export const BlobLayout = bcs.struct('Blob', {
  id: bcs.Address,
  registered_epoch: bcs.u32(),
  blob_id: bcs.u256(),
  size: bcs.u64(),
  encoding_type: bcs.u8(),
  certified_epoch: bcs.option(bcs.u32()),
  storage: StorageLayout,
  deletable: bcs.bool(),
});

export const blobCodec: ObjectCodec<Blob> = {
  encode: (blob) =>
    BlobLayout.serialize({
      id: blob.id,
      registered_epoch: blob.registeredEpoch,
      blob_id: blob.blobId,
      size: blob.size,
      encoding_type: blob.encodingType,
      certified_epoch: blob.certifiedEpoch ?? null,
      storage: storageValue(blob.storage),
      deletable: blob.deletable,
    }).toBytes(),
};
