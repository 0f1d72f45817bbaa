/**
 * The owned objects Tusk hands to users, as JavaScript values with the BCS
 * layout of their Move structs (fields in declaration order), so wallets and
 * the dashboard can read them from the devnet exactly as from a real node:
 * `Coin<WAL>` / `Coin<SUI>`, `StakedWal`, `StorageNodeCap`, `Storage`, `Blob`.
 */
import { bcs } from '@mysten/sui/bcs';
import type { ObjectCodec } from '../store.ts';

export interface Coin {
  id: string;
  balance: bigint;
}

export const CoinLayout = bcs.struct('Coin', { id: bcs.Address, balance: bcs.u64() });
export const coinCodec: ObjectCodec<Coin> = { encode: (coin) => CoinLayout.serialize(coin).toBytes() };

/** `StakedWal.state`: staked, or withdrawing from `withdrawEpoch`. */
export type StakedWalState = { kind: 'staked' } | { kind: 'withdrawing'; withdrawEpoch: number };

export interface StakedWal {
  id: string;
  nodeId: string;
  /** FROST staked (changes only by split and join). */
  principal: bigint;
  activationEpoch: number;
  state: StakedWalState;
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
});

export const stakedWalCodec: ObjectCodec<StakedWal> = {
  encode: (staked) =>
    StakedWalLayout.serialize({
      id: staked.id,
      state: staked.state.kind === 'staked' ? { Staked: true } : { Withdrawing: { withdraw_epoch: staked.state.withdrawEpoch } },
      node_id: staked.nodeId,
      principal: staked.principal,
      activation_epoch: staked.activationEpoch,
    }).toBytes(),
};

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
  storage_size: bcs.u64(),
});

function storageValue(storage: Storage) {
  return { id: storage.id, start_epoch: storage.startEpoch, end_epoch: storage.endEpoch, storage_size: storage.size };
}

export const storageCodec: ObjectCodec<Storage> = { encode: (storage) => StorageLayout.serialize(storageValue(storage)).toBytes() };

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

/** Kinds of owned objects a PTB can hold, with their Move type names (under the original package). */
export type OwnedKind = 'walCoin' | 'suiCoin' | 'stakedWal' | 'storageNodeCap' | 'storage' | 'blob';
