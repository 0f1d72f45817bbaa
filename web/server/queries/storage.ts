/**
 * Storage: capacity in use, prices, fees per epoch, and the blobs (newest
 * first, searchable by blob ID, object ID or owner).
 */
import { and, desc, eq, gt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Database } from '@tusk/shared/db/database';
import { blobs, epochFees, epochs, priceChanges, storageResources } from '@tusk/shared/db/schema';
import { chainClock, type ChainClock } from './epochClock.ts';

export const BLOB_STATES = ['all', 'registered', 'certified', 'deleted', 'burned', 'expired', 'invalid'] as const;
export type BlobStateFilter = (typeof BLOB_STATES)[number];

export interface BlobRow {
  objectId: string;
  /** The u256 blob ID as a decimal bigint. */
  blobId: bigint;
  owner: string;
  size: bigint;
  encodingType: number;
  deletable: boolean;
  state: 'registered' | 'certified' | 'deleted' | 'burned';
  invalidated: boolean;
  registeredEpoch: number;
  certifiedEpoch: number | null;
  endEpoch: number;
  extensions: number;
  writeFee: bigint;
  registeredAt: Date;
}

export interface StorageOverview {
  clock: ChainClock | null;
  capacity: bigint | null;
  /** Bytes of storage bought for the current epoch. */
  reserved: bigint;
  storagePrice: bigint | null;
  writePrice: bigint | null;
  blobs: {
    registered: number;
    certified: number;
    deleted: number;
    burned: number;
    invalid: number;
    expired: number;
    certifiedBytes: bigint;
  };
  /** Fees per epoch, oldest first. */
  fees: {
    epoch: number;
    storagePaid: bigint;
    writeFees: bigint;
    rewardsAdded: bigint;
    storageReservedBytes: bigint;
    blobsRegistered: number;
    capacity: bigint | null;
    storagePrice: bigint | null;
    writePrice: bigint | null;
  }[];
  priceChanges: { epoch: number; timestamp: Date; storagePrice: bigint; writePrice: bigint }[];
}

export async function storageOverview(db: Database): Promise<StorageOverview> {
  const clock = await chainClock(db);
  const epoch = clock?.epoch ?? 0;
  const [[current], [reserved], [counts], fees, prices] = await Promise.all([
    db
      .select({ capacity: epochs.capacity, storagePrice: epochs.storagePrice, writePrice: epochs.writePrice })
      .from(epochs)
      .where(eq(epochs.epoch, epoch)),
    db
      .select({ bytes: sql<string>`coalesce(sum(${storageResources.size}), 0)::text` })
      .from(storageResources)
      .where(
        and(
          eq(storageResources.state, 'active'),
          lte(storageResources.startEpoch, epoch),
          gt(storageResources.endEpoch, epoch),
        ),
      ),
    db
      .select({
        registered: sql<number>`(count(*) filter (where ${blobs.state} = 'registered' and ${blobs.endEpoch} > ${epoch}))::int`,
        certified: sql<number>`(count(*) filter (where ${blobs.state} = 'certified' and ${blobs.endEpoch} > ${epoch} and not ${blobs.invalidated}))::int`,
        deleted: sql<number>`(count(*) filter (where ${blobs.state} = 'deleted'))::int`,
        burned: sql<number>`(count(*) filter (where ${blobs.state} = 'burned'))::int`,
        invalid: sql<number>`(count(*) filter (where ${blobs.invalidated}))::int`,
        expired: sql<number>`(count(*) filter (where ${blobs.state} in ('registered', 'certified') and ${blobs.endEpoch} <= ${epoch}))::int`,
        certifiedBytes: sql<string>`coalesce(sum(${blobs.size}) filter (where ${blobs.state} = 'certified' and ${blobs.endEpoch} > ${epoch} and not ${blobs.invalidated}), 0)::text`,
      })
      .from(blobs),
    db
      .select({
        epoch: epochs.epoch,
        storagePaid: sql<string>`coalesce(${epochFees.storagePaid}, 0)::text`,
        writeFees: sql<string>`coalesce(${epochFees.writeFees}, 0)::text`,
        rewardsAdded: sql<string>`coalesce(${epochFees.rewardsAdded}, 0)::text`,
        storageReservedBytes: sql<string>`coalesce(${epochFees.storageReservedBytes}, 0)::text`,
        blobsRegistered: sql<number>`coalesce(${epochFees.blobsRegistered}, 0)::int`,
        capacity: epochs.capacity,
        storagePrice: epochs.storagePrice,
        writePrice: epochs.writePrice,
      })
      .from(epochs)
      .leftJoin(epochFees, eq(epochFees.epoch, epochs.epoch))
      .where(sql`${epochs.state} <> 'selected'`)
      .orderBy(desc(epochs.epoch))
      .limit(30),
    db
      .select({
        epoch: priceChanges.epoch,
        timestamp: priceChanges.timestamp,
        storagePrice: priceChanges.storagePrice,
        writePrice: priceChanges.writePrice,
      })
      .from(priceChanges)
      .orderBy(desc(priceChanges.checkpoint), desc(priceChanges.eventIndex))
      .limit(50),
  ]);
  return {
    clock,
    capacity: current?.capacity ?? null,
    reserved: BigInt(reserved?.bytes ?? '0'),
    storagePrice: current?.storagePrice ?? null,
    writePrice: current?.writePrice ?? null,
    blobs: {
      registered: counts?.registered ?? 0,
      certified: counts?.certified ?? 0,
      deleted: counts?.deleted ?? 0,
      burned: counts?.burned ?? 0,
      invalid: counts?.invalid ?? 0,
      expired: counts?.expired ?? 0,
      certifiedBytes: BigInt(counts?.certifiedBytes ?? '0'),
    },
    fees: fees
      .map((fee) => ({
        ...fee,
        storagePaid: BigInt(fee.storagePaid),
        writeFees: BigInt(fee.writeFees),
        rewardsAdded: BigInt(fee.rewardsAdded),
        storageReservedBytes: BigInt(fee.storageReservedBytes),
      }))
      .reverse(),
    priceChanges: prices,
  };
}

export interface BlobListParams {
  state: BlobStateFilter;
  /** A blob ID (decimal u256, or 0x-hex), an object ID or an owner address. */
  search?: { blobId?: bigint; objectOrOwner?: string };
  limit: number;
  offset: number;
}

export async function listBlobs(
  db: Database,
  params: BlobListParams,
  epoch: number,
): Promise<{ rows: BlobRow[]; total: number }> {
  const conditions: (SQL | undefined)[] = [];
  switch (params.state) {
    case 'registered':
    case 'certified':
      conditions.push(eq(blobs.state, params.state), gt(blobs.endEpoch, epoch), eq(blobs.invalidated, false));
      break;
    case 'deleted':
    case 'burned':
      conditions.push(eq(blobs.state, params.state));
      break;
    case 'expired':
      conditions.push(sql`${blobs.state} in ('registered', 'certified')`, lte(blobs.endEpoch, epoch));
      break;
    case 'invalid':
      conditions.push(eq(blobs.invalidated, true));
      break;
  }
  if (params.search?.blobId !== undefined) conditions.push(eq(blobs.blobId, params.search.blobId));
  if (params.search?.objectOrOwner)
    conditions.push(or(eq(blobs.objectId, params.search.objectOrOwner), eq(blobs.owner, params.search.objectOrOwner)));
  const rows = await db
    .select({
      objectId: blobs.objectId,
      blobId: blobs.blobId,
      owner: blobs.owner,
      size: blobs.size,
      encodingType: blobs.encodingType,
      deletable: blobs.deletable,
      state: blobs.state,
      invalidated: blobs.invalidated,
      registeredEpoch: blobs.registeredEpoch,
      certifiedEpoch: blobs.certifiedEpoch,
      endEpoch: blobs.endEpoch,
      extensions: blobs.extensions,
      writeFee: blobs.writeFee,
      registeredAt: blobs.registeredAt,
      total: sql<number>`(count(*) over ())::int`,
    })
    .from(blobs)
    .where(and(...conditions))
    .orderBy(desc(blobs.registeredCheckpoint), blobs.objectId)
    .limit(params.limit)
    .offset(params.offset);
  return { rows: rows.map(({ total: _total, ...row }) => row), total: rows[0]?.total ?? 0 };
}
