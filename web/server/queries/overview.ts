/**
 * The overview page: the current epoch and its progress, stake, committee,
 * capacity, prices, fees, rewards and the network APY.
 */
import { and, desc, eq, gt, lte, sql } from 'drizzle-orm';
import type { Database } from '@tusk/shared/db/database';
import { epochFees, epochs, nodeEpochs, nodes, storageResources, watermarks } from '@tusk/shared/db/schema';
import { chainClock, type ChainClock } from './epochClock.ts';

export interface EpochSummary {
  epoch: number;
  state: 'selected' | 'sync' | 'done';
  startedAt: Date | null;
  totalStake: bigint | null;
  rewards: bigint | null;
  burned: bigint | null;
  committeeSize: number | null;
  committeeShards: number | null;
  storagePrice: bigint | null;
  writePrice: bigint | null;
  capacity: bigint | null;
  storagePaid: bigint | null;
  writeFees: bigint | null;
  /** Stake-weighted APY of the committee's pools this epoch. */
  apy: number | null;
}

export interface Overview {
  clock: ChainClock | null;
  current: EpochSummary | null;
  /** The next epoch, once its committee is selected at this epoch's voting end. */
  next: { epoch: number; committeeSize: number | null; committeeShards: number | null } | null;
  nodes: { total: number; committee: number; candidates: number; slashed: number };
  stake: { total: bigint; committee: bigint };
  storage: { capacity: bigint | null; reserved: bigint };
  /** The last epochs, oldest first, for the trend chart. */
  history: EpochSummary[];
  indexer: { checkpoint: bigint | null; updatedAt: Date | null };
}

const summaryColumns = {
  epoch: epochs.epoch,
  state: epochs.state,
  startedAt: epochs.startedAt,
  totalStake: epochs.totalStake,
  rewards: epochs.rewards,
  burned: epochs.burned,
  committeeSize: epochs.committeeSize,
  committeeShards: epochs.committeeShards,
  storagePrice: epochs.storagePrice,
  writePrice: epochs.writePrice,
  capacity: epochs.capacity,
  storagePaid: epochFees.storagePaid,
  writeFees: epochFees.writeFees,
};

/** The stake-weighted APY of each epoch's committee pools, by epoch. */
export async function networkApyByEpoch(
  db: Database,
  fromEpoch: number,
  toEpoch: number,
): Promise<Map<number, number>> {
  const rows = await db
    .select({
      epoch: nodeEpochs.epoch,
      apy: sql<
        number | null
      >`sum(${nodeEpochs.apy} * ${nodeEpochs.stake}::float8) / nullif(sum(${nodeEpochs.stake}::float8), 0)`,
    })
    .from(nodeEpochs)
    .where(
      and(
        gt(nodeEpochs.shards, 0),
        sql`${nodeEpochs.apy} is not null`,
        sql`${nodeEpochs.epoch} between ${fromEpoch} and ${toEpoch}`,
      ),
    )
    .groupBy(nodeEpochs.epoch);
  return new Map(rows.filter((row) => row.apy !== null).map((row) => [Number(row.epoch), Number(row.apy)]));
}

export async function epochSummaries(db: Database, limit: number, beforeEpoch?: number): Promise<EpochSummary[]> {
  const rows = await db
    .select(summaryColumns)
    .from(epochs)
    .leftJoin(epochFees, eq(epochFees.epoch, epochs.epoch))
    .where(
      and(
        sql`${epochs.state} <> 'selected'`,
        beforeEpoch === undefined ? undefined : sql`${epochs.epoch} < ${beforeEpoch}`,
      ),
    )
    .orderBy(desc(epochs.epoch))
    .limit(limit);
  if (rows.length === 0) return [];
  const apy = await networkApyByEpoch(db, rows[rows.length - 1]!.epoch, rows[0]!.epoch);
  return rows.map((row) => ({ ...row, apy: apy.get(row.epoch) ?? null }));
}

export async function overview(db: Database): Promise<Overview> {
  const clock = await chainClock(db);
  const history = clock ? await epochSummaries(db, 30) : [];
  const current = history[0] ?? null;

  const [next] = clock
    ? await db
        .select({ epoch: epochs.epoch, committeeSize: epochs.committeeSize, committeeShards: epochs.committeeShards })
        .from(epochs)
        .where(and(eq(epochs.epoch, clock.epoch + 1), eq(epochs.state, 'selected')))
    : [];

  const [counts] = await db
    .select({
      total: sql<number>`count(*)::int`,
      committee: sql<number>`(count(*) filter (where ${nodes.status} = 'committee'))::int`,
      slashed: sql<number>`(count(*) filter (where ${nodes.slashCount} > 0))::int`,
      stake: sql<string>`coalesce(sum(${nodes.stake}), 0)::text`,
      committeeStake: sql<string>`coalesce(sum(${nodes.stake}) filter (where ${nodes.status} = 'committee'), 0)::text`,
    })
    .from(nodes);

  const [reserved] = clock
    ? await db
        .select({ bytes: sql<string>`coalesce(sum(${storageResources.size}), 0)::text` })
        .from(storageResources)
        .where(
          and(
            eq(storageResources.state, 'active'),
            lte(storageResources.startEpoch, clock.epoch),
            gt(storageResources.endEpoch, clock.epoch),
          ),
        )
    : [{ bytes: '0' }];

  const [indexer] = await db
    .select({
      checkpoint: sql<string | null>`min(${watermarks.checkpoint})::text`,
      updatedAt: sql<Date | null>`max(${watermarks.updatedAt})`,
    })
    .from(watermarks);

  return {
    clock,
    current,
    next: next ?? null,
    nodes: {
      total: counts?.total ?? 0,
      committee: counts?.committee ?? 0,
      candidates: (counts?.total ?? 0) - (counts?.committee ?? 0),
      slashed: counts?.slashed ?? 0,
    },
    stake: { total: BigInt(counts?.stake ?? '0'), committee: BigInt(counts?.committeeStake ?? '0') },
    storage: { capacity: current?.capacity ?? null, reserved: BigInt(reserved?.bytes ?? '0') },
    history: [...history].reverse(),
    indexer: {
      checkpoint: indexer?.checkpoint ? BigInt(indexer.checkpoint) : null,
      updatedAt: indexer?.updatedAt ? new Date(indexer.updatedAt) : null,
    },
  };
}
