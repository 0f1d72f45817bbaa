/**
 * Storage events defined on the Move storage branch (move-storage) and not
 * yet in `shared/src/events.ts` on main. Their layouts are copied from that
 * branch's `events.move`; once the branch is merged, `shared/src/events.ts`
 * has them and this file goes (the context prefers the shared schema).
 */
import { bcs } from '@mysten/sui/bcs';

export const pendingEventSchemas = {
  StorageSplit: bcs.struct('StorageSplit', {
    epoch: bcs.u32(),
    storage_id: bcs.Address,
    size: bcs.u64(),
    start_epoch: bcs.u32(),
    end_epoch: bcs.u32(),
    new_storage_id: bcs.Address,
    new_size: bcs.u64(),
    new_start_epoch: bcs.u32(),
    new_end_epoch: bcs.u32(),
  }),
  StorageFused: bcs.struct('StorageFused', {
    epoch: bcs.u32(),
    storage_id: bcs.Address,
    fused_id: bcs.Address,
    size: bcs.u64(),
    start_epoch: bcs.u32(),
    end_epoch: bcs.u32(),
  }),
  StorageDestroyed: bcs.struct('StorageDestroyed', { epoch: bcs.u32(), storage_id: bcs.Address }),
  BlobBurned: bcs.struct('BlobBurned', { epoch: bcs.u32(), blob_id: bcs.u256(), object_id: bcs.Address }),
  BlobMetadataUpdated: bcs.struct('BlobMetadataUpdated', {
    epoch: bcs.u32(),
    blob_id: bcs.u256(),
    object_id: bcs.Address,
    key: bcs.string(),
    value: bcs.option(bcs.string()),
  }),
  RewardsAdded: bcs.struct('RewardsAdded', { epoch: bcs.u32(), amount: bcs.u64() }),
} as const;

export type PendingEventName = keyof typeof pendingEventSchemas;
