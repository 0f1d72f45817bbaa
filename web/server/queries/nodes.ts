/**
 * Storage nodes: the sortable, filterable, shuffled list, and one node's page
 * (history, commission, votes, slashes, delegators).
 */
import { and, asc, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Database } from '@tusk/shared/db/database';
import { displayNodeName, displayNodeNameOrNull } from '@tusk/shared/nodeNames';
import { positionStateSql } from '@tusk/shared/staking/positionState';
import { chainClock } from './epochClock.ts';
import { nodeDirectory, pageNodes } from './nodeDirectory.ts';
import type { NodeList, NodeListParams, NodeRow } from './nodeList.ts';
import {
  commissionChanges,
  commissionCollections,
  committeeMembers,
  nodeEpochs,
  nodes,
  proposals,
  slashes,
  slashVotes,
  stakePositions,
  votes,
} from '@tusk/shared/db/schema';

const nodeColumns = {
  nodeId: nodes.nodeId,
  name: nodes.name,
  operator: nodes.operator,
  networkAddress: nodes.networkAddress,
  status: nodes.status,
  inActiveSet: nodes.inActiveSet,
  activeSetJoinedEpoch: nodes.activeSetJoinedEpoch,
  stake: nodes.stake,
  shards: nodes.shards,
  nextShards: nodes.nextShards,
  nextCommitteeEpoch: nodes.nextCommitteeEpoch,
  commissionBps: nodes.commissionBps,
  pendingCommissionBps: nodes.pendingCommissionBps,
  pendingCommissionEpoch: nodes.pendingCommissionEpoch,
  slashCount: nodes.slashCount,
  stakeSlashed: nodes.stakeSlashed,
  registeredEpoch: nodes.registeredEpoch,
  apy: nodeEpochs.apy,
};

/**
 * The pool's APY from its latest `node_epochs` row, as a per-row index probe
 * (a join would hash the whole history table: 60 ms at 1,000 nodes x 90 epochs).
 */
const latestApy = sql<
  number | null
>`(select ne.apy from node_epochs ne where ne.node_id = nodes.node_id and ne.epoch = nodes.last_pool_epoch)`;
const { apy: _joinedApy, ...listColumns } = nodeColumns;

/** Escapes LIKE wildcards so a search for "50%" matches the text "50%". */
function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

function nodeFilter(params: Pick<NodeListParams, 'status' | 'search'>): SQL | undefined {
  const conditions: (SQL | undefined)[] = [];
  if (params.status === 'committee' || params.status === 'candidate') conditions.push(eq(nodes.status, params.status));
  if (params.status === 'slashed') conditions.push(sql`${nodes.slashCount} > 0`);
  const search = params.search?.trim();
  if (search) {
    const literal = likeLiteral(search);
    conditions.push(
      or(ilike(nodes.name, `%${literal}%`), ilike(nodes.nodeId, `${literal}%`), ilike(nodes.operator, `${literal}%`)),
    );
  }
  return and(...conditions);
}

function nodeOrder(params: NodeListParams): SQL[] {
  const direction = params.order === 'asc' ? asc : desc;
  const tieBreak = asc(nodes.nodeId);
  switch (params.sort) {
    case 'shuffle':
      return [sql`md5(${nodes.nodeId} || ${params.seed})`, tieBreak];
    case 'stake':
      return [direction(nodes.stake), tieBreak];
    case 'apy':
      return [params.order === 'asc' ? sql`${latestApy} asc nulls first` : sql`${latestApy} desc nulls last`, tieBreak];
    case 'commission':
      return [direction(nodes.commissionBps), tieBreak];
    case 'shards':
      return [direction(nodes.shards), direction(nodes.stake), tieBreak];
    case 'name':
      return [direction(sql`lower(${nodes.name})`), tieBreak];
    case 'slashes':
      return [direction(nodes.slashCount), direction(nodes.stakeSlashed), tieBreak];
    case 'registered':
      return [direction(nodes.registeredCheckpoint), tieBreak];
  }
}

function votingPower(stake: bigint, total: bigint): number {
  return total > 0n ? Number((stake * 1_000_000n) / total) / 1_000_000 : 0;
}

/**
 * One page of the node list as a single SQL statement: what `listNodes` would
 * run without its snapshot. The API bench times it as the bare-SQL baseline.
 */
export function nodeListQuery(db: Database, params: NodeListParams) {
  return db
    .select({ ...listColumns, apy: latestApy, total: sql<number>`(count(*) over ())::int` })
    .from(nodes)
    .where(nodeFilter(params))
    .orderBy(...nodeOrder(params))
    .limit(params.limit)
    .offset(params.offset);
}

/** One page of the node list, from the shared snapshot (see `nodeDirectory.ts`). */
export async function listNodes(db: Database, params: NodeListParams): Promise<NodeList> {
  return pageNodes(await nodeDirectory(db), params);
}

export interface NodeEpochRow {
  epoch: number;
  timestamp: Date;
  stake: bigint;
  shares: bigint;
  rewards: bigint;
  commission: bigint;
  activated: bigint;
  withdrawn: bigint;
  rateWal: bigint;
  rateShares: bigint;
  shards: number;
  apy: number | null;
}

/** The SQL of a node's per-epoch rows, newest first (exported for the API bench). */
export function nodeHistoryQuery(db: Database, nodeId: string, limit: number, beforeEpoch?: number) {
  return db
    .select({
      epoch: nodeEpochs.epoch,
      timestamp: nodeEpochs.timestamp,
      stake: nodeEpochs.stake,
      shares: nodeEpochs.shares,
      rewards: nodeEpochs.rewards,
      commission: nodeEpochs.commission,
      activated: nodeEpochs.activated,
      withdrawn: nodeEpochs.withdrawn,
      rateWal: nodeEpochs.rateWal,
      rateShares: nodeEpochs.rateShares,
      shards: nodeEpochs.shards,
      apy: nodeEpochs.apy,
    })
    .from(nodeEpochs)
    .where(
      and(
        eq(nodeEpochs.nodeId, nodeId),
        beforeEpoch === undefined ? undefined : sql`${nodeEpochs.epoch} < ${beforeEpoch}`,
      ),
    )
    .orderBy(desc(nodeEpochs.epoch))
    .limit(limit);
}

/** Longest a cached history is trusted even if its pool did not advance (a safety net, e.g. for re-indexing). */
const HISTORY_MAX_AGE_MS = 60_000;
const historyCache = new WeakMap<Database, Map<string, { at: number; rows: Promise<NodeEpochRow[]> }>>();

/**
 * A node's per-epoch rows, newest first. They change only when the pool
 * advances into a new epoch, so a history is cached under the pool's latest
 * epoch (from the node-list snapshot): every visitor of a node page shares
 * one query per epoch.
 */
export async function nodeHistory(
  db: Database,
  nodeId: string,
  limit: number,
  beforeEpoch?: number,
): Promise<NodeEpochRow[]> {
  let cache = historyCache.get(db);
  if (!cache) historyCache.set(db, (cache = new Map()));
  const directory = await nodeDirectory(db);
  const poolEpoch = directory.lastPoolEpochs.get(nodeId);
  const key = `${nodeId}:${limit}:${beforeEpoch ?? ''}:${poolEpoch ?? 'none'}`;
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at <= HISTORY_MAX_AGE_MS) return hit.rows;
  if (cache.size > 5_000) cache.clear();
  const rows = nodeHistoryQuery(db, nodeId, limit, beforeEpoch).then((result) => result as NodeEpochRow[]);
  cache.set(key, { at: Date.now(), rows });
  rows.catch(() => cache.delete(key));
  return rows;
}

export interface NodeDetail {
  node: NodeRow & {
    /** The name exactly as the chain emitted it (shown escaped, never as markup). */
    rawName: string;
    publicKey: Uint8Array;
    metadataUrl: string | null;
    commissionBurned: bigint;
    commissionCollected: bigint;
    /** Commission earned and neither collected nor burned by a slash: what the cap holder can collect. */
    commissionAccrued: bigint;
    rateWal: bigint;
    rateShares: bigint;
    votedStoragePrice: bigint | null;
    votedWritePrice: bigint | null;
    votedCapacity: bigint | null;
    registeredAt: Date;
    /** 1-based rank by stake among all nodes. */
    stakeRank: number;
    totalRewards: bigint;
  };
  commissionChanges: { epoch: number; timestamp: Date; rateBps: number; effectiveEpoch: number; txDigest: string }[];
  commissionCollections: { epoch: number; timestamp: Date; amount: bigint; receiver: string; txDigest: string }[];
  slashes: { epoch: number; timestamp: Date; commissionBurned: bigint; stakeBurned: bigint; txDigest: string }[];
  slashVotesAgainst: {
    epoch: number;
    timestamp: Date;
    voterNodeId: string;
    voterName: string | null;
    weight: bigint;
    totalWeight: bigint;
  }[];
  slashVotesCast: {
    epoch: number;
    timestamp: Date;
    targetNodeId: string;
    targetName: string | null;
    weight: bigint;
    totalWeight: bigint;
  }[];
  governanceVotes: {
    proposalId: string;
    kind: string;
    title: string;
    option: string;
    weight: bigint;
    epoch: number;
    status: string;
  }[];
  committeeEpochs: { epoch: number; shards: number }[];
}

/** Commission earned minus collected minus burned, for each of `nodeIds`. */
export async function accruedCommission(db: Database, nodeIds: string[]): Promise<Map<string, bigint>> {
  if (nodeIds.length === 0) return new Map();
  const rows = await db
    .select({
      nodeId: nodes.nodeId,
      earned: sql<string>`coalesce((select sum(ne.commission) from node_epochs ne where ne.node_id = nodes.node_id), 0)::text`,
      collected: nodes.commissionCollected,
      burned: nodes.commissionBurned,
    })
    .from(nodes)
    .where(inArray(nodes.nodeId, nodeIds));
  return new Map(
    rows.map((row) => {
      const accrued = BigInt(row.earned) - row.collected - row.burned;
      return [row.nodeId, accrued > 0n ? accrued : 0n];
    }),
  );
}

export async function nodeDetail(db: Database, nodeId: string): Promise<NodeDetail | null> {
  const [row] = await db
    .select({
      ...nodeColumns,
      publicKey: nodes.publicKey,
      metadataUrl: nodes.metadataUrl,
      commissionBurned: nodes.commissionBurned,
      commissionCollected: nodes.commissionCollected,
      rateWal: nodes.rateWal,
      rateShares: nodes.rateShares,
      votedStoragePrice: nodes.votedStoragePrice,
      votedWritePrice: nodes.votedWritePrice,
      votedCapacity: nodes.votedCapacity,
      registeredAt: nodes.registeredAt,
      stakeRank: sql<number>`(select count(*) + 1 from nodes other where other.stake > nodes.stake)::int`,
      totalRewards: sql<string>`coalesce((select sum(ne.rewards) from node_epochs ne where ne.node_id = nodes.node_id), 0)::text`,
      totalStake: sql<string>`(select coalesce(sum(other.stake), 0) from nodes other)::text`,
    })
    .from(nodes)
    .leftJoin(nodeEpochs, and(eq(nodeEpochs.nodeId, nodes.nodeId), eq(nodeEpochs.epoch, nodes.lastPoolEpoch)))
    .where(eq(nodes.nodeId, nodeId));
  if (!row) return null;

  const [changes, collections, slashRows, against, cast, governance, committee, accrued, directory] = await Promise.all(
    [
      db
        .select({
          epoch: commissionChanges.epoch,
          timestamp: commissionChanges.timestamp,
          rateBps: commissionChanges.rateBps,
          effectiveEpoch: commissionChanges.effectiveEpoch,
          txDigest: commissionChanges.txDigest,
        })
        .from(commissionChanges)
        .where(eq(commissionChanges.nodeId, nodeId))
        .orderBy(desc(commissionChanges.checkpoint), desc(commissionChanges.eventIndex))
        .limit(100),
      db
        .select({
          epoch: commissionCollections.epoch,
          timestamp: commissionCollections.timestamp,
          amount: commissionCollections.amount,
          receiver: commissionCollections.receiver,
          txDigest: commissionCollections.txDigest,
        })
        .from(commissionCollections)
        .where(eq(commissionCollections.nodeId, nodeId))
        .orderBy(desc(commissionCollections.checkpoint), desc(commissionCollections.eventIndex))
        .limit(100),
      db
        .select({
          epoch: slashes.epoch,
          timestamp: slashes.timestamp,
          commissionBurned: slashes.commissionBurned,
          stakeBurned: slashes.stakeBurned,
          txDigest: slashes.txDigest,
        })
        .from(slashes)
        .where(eq(slashes.nodeId, nodeId))
        .orderBy(desc(slashes.checkpoint)),
      db
        .select({
          epoch: slashVotes.epoch,
          timestamp: slashVotes.timestamp,
          voterNodeId: slashVotes.voterNodeId,
          voterName: nodes.name,
          weight: slashVotes.weight,
          totalWeight: slashVotes.totalWeight,
        })
        .from(slashVotes)
        .leftJoin(nodes, eq(nodes.nodeId, slashVotes.voterNodeId))
        .where(eq(slashVotes.targetNodeId, nodeId))
        .orderBy(desc(slashVotes.checkpoint), desc(slashVotes.eventIndex))
        .limit(100),
      db
        .select({
          epoch: slashVotes.epoch,
          timestamp: slashVotes.timestamp,
          targetNodeId: slashVotes.targetNodeId,
          targetName: nodes.name,
          weight: slashVotes.weight,
          totalWeight: slashVotes.totalWeight,
        })
        .from(slashVotes)
        .leftJoin(nodes, eq(nodes.nodeId, slashVotes.targetNodeId))
        .where(eq(slashVotes.voterNodeId, nodeId))
        .orderBy(desc(slashVotes.checkpoint), desc(slashVotes.eventIndex))
        .limit(100),
      db
        .select({
          proposalId: votes.proposalId,
          kind: proposals.kind,
          parameterName: proposals.parameterName,
          parameterValue: proposals.parameterValue,
          text: proposals.text,
          option: votes.option,
          weight: votes.weight,
          epoch: votes.epoch,
          status: proposals.status,
        })
        .from(votes)
        .innerJoin(proposals, eq(proposals.proposalId, votes.proposalId))
        .where(and(eq(votes.voter, nodeId), eq(votes.isNode, true)))
        .orderBy(desc(votes.checkpoint))
        .limit(100),
      db
        .select({ epoch: committeeMembers.epoch, shards: committeeMembers.shards })
        .from(committeeMembers)
        .where(eq(committeeMembers.nodeId, nodeId))
        .orderBy(desc(committeeMembers.epoch))
        .limit(200),
      accruedCommission(db, [nodeId]),
      nodeDirectory(db),
    ],
  );

  const totalStake = BigInt(row.totalStake);
  const { totalStake: _t, totalRewards, ...rest } = row;
  const flag = directory.nameFlags.get(nodeId);
  return {
    node: {
      ...rest,
      name: displayNodeName(rest.name),
      rawName: rest.name,
      nameWarning: flag?.warning ?? null,
      similarNodeIds: flag?.similarNodeIds ?? [],
      votingPower: votingPower(row.stake, totalStake),
      totalRewards: BigInt(totalRewards),
      commissionAccrued: accrued.get(nodeId) ?? 0n,
    },
    commissionChanges: changes,
    commissionCollections: collections,
    slashes: slashRows,
    slashVotesAgainst: against.map((vote) => ({ ...vote, voterName: displayNodeNameOrNull(vote.voterName) })),
    slashVotesCast: cast.map((vote) => ({ ...vote, targetName: displayNodeNameOrNull(vote.targetName) })),
    governanceVotes: governance.map(({ parameterName, parameterValue, text, ...vote }) => ({
      ...vote,
      title: proposalTitle({ kind: vote.kind, parameterName, parameterValue, text }),
    })),
    committeeEpochs: committee,
  };
}

/** A one-line title for a proposal, from its kind and payload. */
export function proposalTitle(p: {
  kind: string;
  parameterName: string | null;
  parameterValue: bigint | null;
  text: string | null;
  payload?: Uint8Array;
}): string {
  if (p.kind === 'parameter')
    return `Set ${p.parameterName ?? 'a parameter'} to ${p.parameterValue?.toString() ?? '?'}`;
  if (p.kind === 'upgrade') return 'Upgrade the Tusk package';
  if (p.kind === 'text') {
    const text = (p.text ?? '').trim().split('\n')[0] ?? '';
    return text.length > 90 ? `${text.slice(0, 89)}…` : text || 'Text proposal';
  }
  return 'Unrecognized proposal';
}

export interface DelegatorRow {
  owner: string;
  positions: number;
  principal: bigint;
  /** Stake not yet active (pending) among `principal`. */
  pending: bigint;
  /** Stake being withdrawn (withdrawal requested, withdrawable or not) among `principal`. */
  withdrawing: bigint;
}

/** Who stakes with a node (live positions), largest first. */
/** Whether the indexer knows node `nodeId` (a cheap check for endpoints that return lists). */
export async function nodeExists(db: Database, nodeId: string): Promise<boolean> {
  const [row] = await db.select({ nodeId: nodes.nodeId }).from(nodes).where(eq(nodes.nodeId, nodeId)).limit(1);
  return row !== undefined;
}

export async function nodeDelegators(
  db: Database,
  nodeId: string,
  limit: number,
  offset: number,
): Promise<{ rows: DelegatorRow[]; total: number }> {
  // The same rule as My stake: a stored `pending` whose activation epoch has come is active.
  const state = positionStateSql((await chainClock(db))?.epoch ?? 0);
  const live = and(
    eq(stakePositions.nodeId, nodeId),
    sql`${stakePositions.state} in ('pending', 'active', 'withdrawing')`,
  );
  const rows = await db
    .select({
      owner: sql<string>`coalesce(${stakePositions.owner}, 'unknown')`,
      positions: sql<number>`count(*)::int`,
      principal: sql<string>`sum(${stakePositions.principal})::text`,
      pending: sql<string>`coalesce(sum(${stakePositions.principal}) filter (where ${state} = 'pending'), 0)::text`,
      withdrawing: sql<string>`coalesce(sum(${stakePositions.principal}) filter (where ${state} in ('withdrawing', 'withdrawable')), 0)::text`,
      total: sql<number>`(count(*) over ())::int`,
    })
    .from(stakePositions)
    .where(live)
    .groupBy(stakePositions.owner)
    .orderBy(sql`sum(${stakePositions.principal}) desc`, asc(stakePositions.owner))
    .limit(limit)
    .offset(offset);
  return {
    rows: rows.map((row) => ({
      owner: row.owner,
      positions: row.positions,
      principal: BigInt(row.principal),
      pending: BigInt(row.pending),
      withdrawing: BigInt(row.withdrawing),
    })),
    total: rows[0]?.total ?? 0,
  };
}
