/**
 * Pipeline `storage`: storage resources through their life (bought, split,
 * fused, destroyed), every blob object through its life (registered,
 * certified, extended, deleted or burned; invalidated by blob ID), blob
 * metadata, invalid blob IDs, and the fees and rewards paid in each epoch.
 *
 * Resources and blobs are read-modify-written per batch: the ones the batch
 * names are loaded, events applied in order in memory, each written once
 * (stored ones updated, new ones appended).
 */
import { sql } from 'drizzle-orm';
import { blobMetadata, blobs, epochFees, invalidBlobIds, storageResources } from '@tusk/shared/db/schema';
import type { Tx } from '../db/tx.ts';
import { arrayLiteral } from '../db/pgArrayLiteral.ts';
import { isAnyOf, loadRows, updateRows, writeRows } from '../db/writeRows.ts';
import { eventsNamed, storableText, timeOf, type EventOf } from './eventRows.ts';
import { definePipeline } from './pipeline.ts';

const names = new Set([
  'StorageReserved',
  'StorageSplit',
  'StorageFused',
  'StorageDestroyed',
  'BlobRegistered',
  'BlobCertified',
  'BlobDeleted',
  'BlobBurned',
  'BlobInvalidated',
  'BlobMetadataUpdated',
  'RewardsAdded',
] as const);
type Row = EventOf<typeof names extends Set<infer N> ? N : never>;
type Resource = typeof storageResources.$inferSelect;
type Blob = typeof blobs.$inferSelect;
type Fees = typeof epochFees.$inferSelect;
type Metadata = typeof blobMetadata.$inferSelect;

export const storagePipeline = definePipeline<Row>({
  name: 'storage',
  tables: [storageResources, blobs, blobMetadata, invalidBlobIds, epochFees],
  process: (checkpoint) => eventsNamed(checkpoint, names),
  async commit(tx, events) {
    const { resourceState, blobState, invalid } = await load(tx, events);
    const changedResources = new Set<Resource>();
    const changedBlobs = new Set<Blob>();
    // Resources and blob objects first seen in this batch (not stored yet).
    const createdResources = new Set<Resource>();
    const createdBlobs = new Set<Blob>();
    const newlyInvalid = new Map<bigint, typeof invalidBlobIds.$inferInsert>();
    // The batch's blob objects by blob ID, for invalidations (several objects may share one).
    const objectsOf = new Map<bigint, Blob[]>();
    const byBlobId = (b: Blob) => {
      const list = objectsOf.get(b.blobId);
      if (list) list.push(b);
      else objectsOf.set(b.blobId, [b]);
    };
    for (const b of blobState.values()) byBlobId(b);
    const metadata = new Map<string, { objectId: string; key: string; row: Metadata | null }>();
    const fees = new Map<number, Fees>();
    const feesOf = (epoch: number): Fees => {
      let f = fees.get(epoch);
      if (!f) {
        f = {
          epoch,
          storagePaid: 0n,
          storageReservedBytes: 0n,
          storageReservations: 0,
          writeFees: 0n,
          blobsRegistered: 0,
          rewardsAdded: 0n,
        };
        fees.set(epoch, f);
      }
      return f;
    };
    const resource = (storageId: string, checkpoint: bigint): Resource | undefined => {
      const r = resourceState.get(storageId);
      if (r) {
        r.updatedCheckpoint = checkpoint;
        changedResources.add(r);
      }
      return r;
    };
    const blob = (objectId: string, checkpoint: bigint): Blob | undefined => {
      const b = blobState.get(objectId);
      if (b) {
        b.updatedCheckpoint = checkpoint;
        changedBlobs.add(b);
      }
      return b;
    };

    for (const event of events) {
      const at = timeOf(event.timestampMs);
      switch (event.name) {
        case 'StorageReserved': {
          const d = event.data;
          const r: Resource = {
            storageId: d.storage_id,
            owner: d.owner,
            size: d.size,
            startEpoch: d.start_epoch,
            endEpoch: d.end_epoch,
            paid: d.paid,
            state: 'active',
            splitFrom: null,
            fusedInto: null,
            epoch: d.epoch,
            checkpoint: event.checkpoint,
            timestamp: at,
            updatedCheckpoint: event.checkpoint,
          };
          resourceState.set(r.storageId, r);
          changedResources.add(r);
          createdResources.add(r);
          const f = feesOf(d.epoch);
          f.storagePaid += d.paid;
          f.storageReservedBytes += d.size;
          f.storageReservations += 1;
          break;
        }
        case 'StorageSplit': {
          const d = event.data;
          const original = resource(d.storage_id, event.checkpoint);
          if (original) Object.assign(original, { size: d.size, startEpoch: d.start_epoch, endEpoch: d.end_epoch });
          const r: Resource = {
            storageId: d.new_storage_id,
            owner: original?.owner ?? null,
            size: d.new_size,
            startEpoch: d.new_start_epoch,
            endEpoch: d.new_end_epoch,
            paid: null,
            state: 'active',
            splitFrom: d.storage_id,
            fusedInto: null,
            epoch: d.epoch,
            checkpoint: event.checkpoint,
            timestamp: at,
            updatedCheckpoint: event.checkpoint,
          };
          resourceState.set(r.storageId, r);
          changedResources.add(r);
          createdResources.add(r);
          break;
        }
        case 'StorageFused': {
          const d = event.data;
          const into = resource(d.storage_id, event.checkpoint);
          if (into) Object.assign(into, { size: d.size, startEpoch: d.start_epoch, endEpoch: d.end_epoch });
          const fused = resource(d.fused_id, event.checkpoint);
          if (fused) Object.assign(fused, { state: 'fused', fusedInto: d.storage_id });
          break;
        }
        case 'StorageDestroyed': {
          const r = resource(event.data.storage_id, event.checkpoint);
          if (r) r.state = 'destroyed';
          break;
        }
        case 'BlobRegistered': {
          const d = event.data;
          const b: Blob = {
            objectId: d.object_id,
            blobId: d.blob_id,
            owner: d.owner,
            size: d.size,
            encodingType: d.encoding_type,
            deletable: d.deletable,
            state: 'registered',
            invalidated: invalid.has(d.blob_id),
            registeredEpoch: d.epoch,
            certifiedEpoch: null,
            deletedEpoch: null,
            burnedEpoch: null,
            endEpoch: d.end_epoch,
            extensions: 0,
            writeFee: d.write_fee,
            registeredCheckpoint: event.checkpoint,
            registeredAt: at,
            updatedCheckpoint: event.checkpoint,
          };
          blobState.set(b.objectId, b);
          byBlobId(b);
          changedBlobs.add(b);
          createdBlobs.add(b);
          const f = feesOf(d.epoch);
          f.writeFees += d.write_fee;
          f.blobsRegistered += 1;
          break;
        }
        case 'BlobCertified': {
          const b = blob(event.data.object_id, event.checkpoint);
          if (!b) break;
          b.endEpoch = event.data.end_epoch;
          if (event.data.is_extension) b.extensions += 1;
          else {
            b.state = 'certified';
            b.certifiedEpoch = event.data.epoch;
          }
          break;
        }
        case 'BlobDeleted': {
          const b = blob(event.data.object_id, event.checkpoint);
          if (!b) break;
          b.state = 'deleted';
          b.deletedEpoch = event.data.epoch;
          break;
        }
        case 'BlobBurned': {
          const b = blob(event.data.object_id, event.checkpoint);
          if (!b) break;
          b.state = 'burned';
          b.burnedEpoch = event.data.epoch;
          break;
        }
        case 'BlobInvalidated': {
          const blobId = event.data.blob_id;
          if (!invalid.has(blobId)) {
            invalid.add(blobId);
            newlyInvalid.set(blobId, { blobId, epoch: event.data.epoch, checkpoint: event.checkpoint });
          }
          for (const b of objectsOf.get(blobId) ?? []) {
            if (!b.invalidated) {
              b.invalidated = true;
              blob(b.objectId, event.checkpoint);
            }
          }
          break;
        }
        case 'BlobMetadataUpdated': {
          const d = event.data;
          const key = storableText(d.key);
          metadata.set(`${d.object_id}\u0000${key}`, {
            objectId: d.object_id,
            key,
            row:
              d.value === null
                ? null
                : {
                    objectId: d.object_id,
                    key,
                    value: storableText(d.value),
                    epoch: d.epoch,
                    checkpoint: event.checkpoint,
                  },
          });
          break;
        }
        case 'RewardsAdded':
          feesOf(event.data.epoch).rewardsAdded += event.data.amount;
          break;
      }
    }
    // Created ones are new by construction (object IDs are never reused); the others were loaded.
    await writeState(tx, storageResources, changedResources, createdResources);
    await writeState(tx, blobs, changedBlobs, createdBlobs);
    await writeRows(tx, invalidBlobIds, [...newlyInvalid.values()], { kind: 'ignore' });
    // Counters add up across batches; the watermark check makes each batch count once.
    await writeRows(tx, epochFees, [...fees.values()], {
      kind: 'add',
      columns: [
        'storagePaid',
        'storageReservedBytes',
        'storageReservations',
        'writeFees',
        'blobsRegistered',
        'rewardsAdded',
      ],
    });
    if (newlyInvalid.size > 0) await invalidateStored(tx, [...newlyInvalid.values()]);
    await writeMetadata(tx, [...metadata.values()]);
  },
});

/** Writes the changed state rows of `table`: the created ones appended, the stored ones updated. */
async function writeState<T extends typeof storageResources | typeof blobs>(
  tx: Tx,
  table: T,
  changed: ReadonlySet<T['$inferInsert']>,
  created: ReadonlySet<T['$inferInsert']>,
): Promise<void> {
  const stored: T['$inferInsert'][] = [];
  const fresh: T['$inferInsert'][] = [];
  for (const row of changed) (created.has(row) ? fresh : stored).push(row);
  await updateRows(tx, table, stored);
  await writeRows(tx, table, fresh, { kind: 'append' });
}

/** Marks stored blobs (not loaded in this batch) whose ID was just declared invalid. */
async function invalidateStored(tx: Tx, ids: (typeof invalidBlobIds.$inferInsert)[]): Promise<void> {
  await tx.execute(sql`
    UPDATE blobs b SET invalidated = true, updated_checkpoint = i.checkpoint
    FROM unnest(${arrayLiteral(ids.map((i) => i.blobId))}::numeric(78, 0)[], ${arrayLiteral(ids.map((i) => i.checkpoint))}::int8[]) AS i(blob_id, checkpoint)
    WHERE b.blob_id = i.blob_id AND NOT b.invalidated`);
}

/** Sets the pairs whose last update in the batch set a value; deletes the ones removed. */
async function writeMetadata(
  tx: Tx,
  updates: { objectId: string; key: string; row: Metadata | null }[],
): Promise<void> {
  const removed = updates.filter((u) => u.row === null);
  if (removed.length > 0) {
    await tx.execute(sql`
      DELETE FROM blob_metadata m USING unnest(${arrayLiteral(removed.map((u) => u.objectId))}::text[], ${arrayLiteral(removed.map((u) => u.key))}::text[]) AS r(object_id, key)
      WHERE m.object_id = r.object_id AND m.key = r.key`);
  }
  await writeRows(
    tx,
    blobMetadata,
    updates.flatMap((u) => (u.row ? [u.row] : [])),
    { kind: 'replace' },
  );
}

async function load(tx: Tx, events: Row[]) {
  const objectIds = new Set<string>();
  const storageIds = new Set<string>();
  const registeredIds = new Set<bigint>();
  for (const e of events) {
    switch (e.name) {
      case 'BlobCertified':
      case 'BlobDeleted':
      case 'BlobBurned':
        objectIds.add(e.data.object_id);
        break;
      case 'BlobRegistered':
        registeredIds.add(e.data.blob_id);
        break;
      case 'StorageSplit':
      case 'StorageDestroyed':
        storageIds.add(e.data.storage_id);
        break;
      case 'StorageFused':
        storageIds.add(e.data.storage_id).add(e.data.fused_id);
        break;
    }
  }
  const blobRows = await loadRows(tx, blobs, blobs.objectId, [...objectIds]);
  const resourceRows = await loadRows(tx, storageResources, storageResources.storageId, [...storageIds]);
  const invalidRows =
    registeredIds.size === 0
      ? []
      : await tx
          .select({ blobId: invalidBlobIds.blobId })
          .from(invalidBlobIds)
          .where(isAnyOf(invalidBlobIds.blobId, [...registeredIds]));
  return {
    blobState: new Map(blobRows.map((b) => [b.objectId, b])),
    resourceState: new Map(resourceRows.map((r) => [r.storageId, r])),
    invalid: new Set(invalidRows.map((r) => r.blobId)),
  };
}
