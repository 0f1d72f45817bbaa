/**
 * Epochs: the timeline (newest first, paged) and one epoch's detail — its
 * committee, fees, rewards, parameter changes, slashes and proposals decided.
 */
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Database } from '@tusk/shared/db/database';
import { displayNodeNameOrNull } from '@tusk/shared/nodeNames';
import {
  committeeMembers,
  epochFees,
  epochs,
  nodeEpochs,
  nodes,
  parameters,
  proposals,
  slashes,
} from '@tusk/shared/db/schema';
import { epochSummaries, networkApyByEpoch, type EpochSummary } from './overview.ts';
import { proposalTitle } from './nodes.ts';

export async function listEpochs(
  db: Database,
  limit: number,
  beforeEpoch?: number,
): Promise<{ rows: EpochSummary[]; latest: number | null }> {
  const rows = await epochSummaries(db, limit, beforeEpoch);
  const [latest] = await db.select({ epoch: sql<number | null>`max(${epochs.epoch})` }).from(epochs);
  return { rows, latest: latest?.epoch === null || latest?.epoch === undefined ? null : Number(latest.epoch) };
}

export interface EpochDetail {
  epoch: {
    epoch: number;
    state: 'selected' | 'sync' | 'done';
    startCheckpoint: bigint | null;
    startedAt: Date | null;
    votingEndedAt: Date | null;
    doneAt: Date | null;
    /** The committee did not reach the sync quorum by half of the epoch; the change completed without it. */
    syncTimedOut: boolean;
    /** Members that had not confirmed sync when it timed out. */
    unsyncedNodeIds: string[];
    totalStake: bigint | null;
    rewards: bigint | null;
    burned: bigint | null;
    committeeSize: number | null;
    committeeShards: number | null;
    storagePrice: bigint | null;
    writePrice: bigint | null;
    capacity: bigint | null;
    apy: number | null;
  };
  fees: {
    storagePaid: bigint;
    storageReservedBytes: bigint;
    storageReservations: number;
    writeFees: bigint;
    blobsRegistered: number;
  } | null;
  committee: {
    nodeId: string;
    name: string | null;
    shards: number;
    receivedShards: number | null;
    stake: bigint | null;
    rewards: bigint | null;
    commission: bigint | null;
    apy: number | null;
  }[];
  flows: { activated: bigint; withdrawn: bigint; rewards: bigint; commission: bigint };
  parameters: { name: string; value: bigint }[];
  slashes: { nodeId: string; name: string | null; stakeBurned: bigint; commissionBurned: bigint; timestamp: Date }[];
  proposalsEnded: { proposalId: string; title: string; status: string }[];
}

export async function epochDetail(db: Database, epoch: number): Promise<EpochDetail | null> {
  const [row] = await db.select().from(epochs).where(eq(epochs.epoch, epoch));
  if (!row) return null;
  const [fees, committee, [flows], params, slashRows, ended, apy] = await Promise.all([
    db.select().from(epochFees).where(eq(epochFees.epoch, epoch)),
    db
      .select({
        nodeId: committeeMembers.nodeId,
        name: nodes.name,
        shards: committeeMembers.shards,
        receivedShards: sql<number | null>`cardinality(${committeeMembers.receivedShards})`,
        stake: nodeEpochs.stake,
        rewards: nodeEpochs.rewards,
        commission: nodeEpochs.commission,
        apy: nodeEpochs.apy,
      })
      .from(committeeMembers)
      .leftJoin(nodes, eq(nodes.nodeId, committeeMembers.nodeId))
      .leftJoin(
        nodeEpochs,
        and(eq(nodeEpochs.nodeId, committeeMembers.nodeId), eq(nodeEpochs.epoch, committeeMembers.epoch)),
      )
      .where(eq(committeeMembers.epoch, epoch))
      .orderBy(desc(committeeMembers.shards), committeeMembers.nodeId),
    db
      .select({
        activated: sql<string>`coalesce(sum(${nodeEpochs.activated}), 0)::text`,
        withdrawn: sql<string>`coalesce(sum(${nodeEpochs.withdrawn}), 0)::text`,
        rewards: sql<string>`coalesce(sum(${nodeEpochs.rewards}), 0)::text`,
        commission: sql<string>`coalesce(sum(${nodeEpochs.commission}), 0)::text`,
      })
      .from(nodeEpochs)
      .where(eq(nodeEpochs.epoch, epoch)),
    db
      .select({ name: parameters.name, value: parameters.value })
      .from(parameters)
      .where(eq(parameters.epoch, epoch))
      .orderBy(parameters.name),
    db
      .select({
        nodeId: slashes.nodeId,
        name: nodes.name,
        stakeBurned: slashes.stakeBurned,
        commissionBurned: slashes.commissionBurned,
        timestamp: slashes.timestamp,
      })
      .from(slashes)
      .leftJoin(nodes, eq(nodes.nodeId, slashes.nodeId))
      .where(eq(slashes.epoch, epoch)),
    db
      .select({
        proposalId: proposals.proposalId,
        kind: proposals.kind,
        parameterName: proposals.parameterName,
        parameterValue: proposals.parameterValue,
        text: proposals.text,
        status: proposals.status,
      })
      .from(proposals)
      .where(eq(proposals.finalizedEpoch, epoch)),
    networkApyByEpoch(db, epoch, epoch),
  ]);
  const fee = fees[0];
  return {
    epoch: {
      epoch: row.epoch,
      state: row.state,
      startCheckpoint: row.startCheckpoint,
      startedAt: row.startedAt,
      votingEndedAt: row.votingEndedAt,
      doneAt: row.doneAt,
      syncTimedOut: row.syncTimedOut,
      unsyncedNodeIds: row.unsyncedNodeIds ?? [],
      totalStake: row.totalStake,
      rewards: row.rewards,
      burned: row.burned,
      committeeSize: row.committeeSize,
      committeeShards: row.committeeShards,
      storagePrice: row.storagePrice,
      writePrice: row.writePrice,
      capacity: row.capacity,
      apy: apy.get(epoch) ?? null,
    },
    fees: fee
      ? {
          storagePaid: fee.storagePaid,
          storageReservedBytes: fee.storageReservedBytes,
          storageReservations: fee.storageReservations,
          writeFees: fee.writeFees,
          blobsRegistered: fee.blobsRegistered,
        }
      : null,
    committee: committee.map((member) => ({
      ...member,
      name: displayNodeNameOrNull(member.name),
      receivedShards: member.receivedShards === null ? null : Number(member.receivedShards),
    })),
    flows: {
      activated: BigInt(flows?.activated ?? '0'),
      withdrawn: BigInt(flows?.withdrawn ?? '0'),
      rewards: BigInt(flows?.rewards ?? '0'),
      commission: BigInt(flows?.commission ?? '0'),
    },
    parameters: params,
    slashes: slashRows.map((slash) => ({ ...slash, name: displayNodeNameOrNull(slash.name) })),
    proposalsEnded: ended.map((p) => ({ proposalId: p.proposalId, status: p.status, title: proposalTitle(p) })),
  };
}
