/**
 * Pipeline `storage`: storage purchases, every blob object through its life
 * (registered, certified, extended, deleted; invalidated by blob ID), invalid
 * blob IDs, and the fees paid in each epoch.
 */
import { sql } from 'drizzle-orm';
import { blobs, epochFees, invalidBlobIds, storageResources } from '@tusk/shared/db/schema';
import type { Tx } from '../db/tx.ts';
import { arrayLiteral } from '../db/pgArrayLiteral.ts';
import { isAnyOf, writeRows } from '../db/writeRows.ts';
import { eventsNamed, timeOf, type EventOf } from './eventRows.ts';
import { definePipeline } from './pipeline.ts';

const names = new Set(['StorageReserved', 'BlobRegistered', 'BlobCertified', 'BlobDeleted', 'BlobInvalidated'] as const);
type Row = EventOf<typeof names extends Set<infer N> ? N : never>;
type Blob = typeof blobs.$inferSelect;
type Fees = typeof epochFees.$inferInsert;

export const storagePipeline = definePipeline<Row>({
  name: 'storage',
  tables: [storageResources, blobs, invalidBlobIds, epochFees],
  process: (checkpoint) => eventsNamed(checkpoint, names),
  async commit(tx, events) {
    const { blobState, invalid } = await load(tx, events);
    const changed = new Set<Blob>();
    const resources: (typeof storageResources.$inferInsert)[] = [];
    const newlyInvalid = new Map<bigint, typeof invalidBlobIds.$inferInsert>();
    const fees = new Map<number, Fees>();
    const feesOf = (epoch: number): Fees => {
      let f = fees.get(epoch);
      if (!f) {
        f = { epoch, storagePaid: 0n, storageReservedBytes: 0n, storageReservations: 0, writeFees: 0n, blobsRegistered: 0 };
        fees.set(epoch, f);
      }
      return f;
    };
    const touch = (objectId: string, checkpoint: bigint): Blob | undefined => {
      const b = blobState.get(objectId);
      if (b) {
        b.updatedCheckpoint = checkpoint;
        changed.add(b);
      }
      return b;
    };

    for (const event of events) {
      const at = timeOf(event.timestampMs);
      switch (event.name) {
        case 'StorageReserved': {
          const d = event.data;
          resources.push({
            storageId: d.storage_id,
            owner: d.owner,
            size: d.size,
            startEpoch: d.start_epoch,
            endEpoch: d.end_epoch,
            paid: d.paid,
            epoch: d.epoch,
            checkpoint: event.checkpoint,
            timestamp: at,
          });
          const f = feesOf(d.epoch);
          f.storagePaid! += d.paid;
          f.storageReservedBytes! += d.size;
          f.storageReservations! += 1;
          break;
        }
        case 'BlobRegistered': {
          const d = event.data;
          const blob: Blob = {
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
            endEpoch: d.end_epoch,
            extensions: 0,
            writeFee: d.write_fee,
            registeredCheckpoint: event.checkpoint,
            registeredAt: at,
            updatedCheckpoint: event.checkpoint,
          };
          blobState.set(blob.objectId, blob);
          changed.add(blob);
          const f = feesOf(d.epoch);
          f.writeFees! += d.write_fee;
          f.blobsRegistered! += 1;
          break;
        }
        case 'BlobCertified': {
          const b = touch(event.data.object_id, event.checkpoint);
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
          const b = touch(event.data.object_id, event.checkpoint);
          if (!b) break;
          b.state = 'deleted';
          b.deletedEpoch = event.data.epoch;
          break;
        }
        case 'BlobInvalidated': {
          const blobId = event.data.blob_id;
          if (!invalid.has(blobId)) {
            invalid.add(blobId);
            newlyInvalid.set(blobId, { blobId, epoch: event.data.epoch, checkpoint: event.checkpoint });
          }
          for (const b of blobState.values()) {
            if (b.blobId === blobId && !b.invalidated) {
              b.invalidated = true;
              touch(b.objectId, event.checkpoint);
            }
          }
          break;
        }
      }
    }
    await writeRows(tx, storageResources, resources, { kind: 'ignore' });
    await writeRows(tx, blobs, [...changed], { kind: 'replace' });
    await writeRows(tx, invalidBlobIds, [...newlyInvalid.values()], { kind: 'ignore' });
    // Counters add up across batches; the watermark check makes each batch count once.
    await writeRows(tx, epochFees, [...fees.values()], {
      kind: 'add',
      columns: ['storagePaid', 'storageReservedBytes', 'storageReservations', 'writeFees', 'blobsRegistered'],
    });
    if (newlyInvalid.size > 0) await invalidateStored(tx, [...newlyInvalid.values()]);
  },
});

/** Marks stored blobs (not loaded in this batch) whose ID was just declared invalid. */
async function invalidateStored(tx: Tx, ids: (typeof invalidBlobIds.$inferInsert)[]): Promise<void> {
  await tx.execute(sql`
    UPDATE blobs b SET invalidated = true, updated_checkpoint = i.checkpoint
    FROM unnest(${arrayLiteral(ids.map((i) => i.blobId))}::numeric(78, 0)[], ${arrayLiteral(ids.map((i) => i.checkpoint))}::int8[]) AS i(blob_id, checkpoint)
    WHERE b.blob_id = i.blob_id AND NOT b.invalidated`);
}

async function load(tx: Tx, events: Row[]) {
  const objectIds = new Set<string>();
  const registeredIds = new Set<bigint>();
  for (const e of events) {
    if (e.name === 'BlobCertified' || e.name === 'BlobDeleted') objectIds.add(e.data.object_id);
    if (e.name === 'BlobRegistered') registeredIds.add(e.data.blob_id);
  }
  const rows = objectIds.size === 0 ? [] : await tx.select().from(blobs).where(isAnyOf(blobs.objectId, [...objectIds]));
  const invalidRows =
    registeredIds.size === 0
      ? []
      : await tx.select({ blobId: invalidBlobIds.blobId }).from(invalidBlobIds).where(isAnyOf(invalidBlobIds.blobId, [...registeredIds]));
  return { blobState: new Map(rows.map((b) => [b.objectId, b])), invalid: new Set(invalidRows.map((r) => r.blobId)) };
}
