/**
 * The operator console: for the nodes whose `StorageNodeCap` the wallet holds
 * (or that an address registered), the commission to collect, the scheduled
 * commission, slash votes for and against, and alerts when the node is at risk
 * of leaving the committee or of being slashed.
 */
import { and, desc, eq, inArray, or, sql } from 'drizzle-orm';
import type { Database } from '@tusk/shared/db/database';
import { epochs, nodes, slashes, slashVotes } from '@tusk/shared/db/schema';
import { displayNodeName, displayNodeNameOrNull } from '@tusk/shared/nodeNames';
import { DEFAULT_MAX_COMMITTEE_SIZE } from '@tusk/shared/protocol';
import { chainClock, type ChainClock } from './epochClock.ts';
import { currentParameters } from './governance.ts';
import type { NodeRow } from './nodeList.ts';
import { accruedCommission } from './nodes.ts';

export type AlertLevel = 'critical' | 'warning' | 'info';

export interface OperatorAlert {
  level: AlertLevel;
  message: string;
}

/** The node list's figures of the node (see `NodeRow`), and what only its operator needs. */
export interface OperatorNode extends Pick<
  NodeRow,
  | 'nodeId'
  | 'name'
  | 'operator'
  | 'status'
  | 'inActiveSet'
  | 'stake'
  | 'shards'
  | 'nextShards'
  | 'nextCommitteeEpoch'
  | 'commissionBps'
  | 'pendingCommissionBps'
  | 'pendingCommissionEpoch'
> {
  commissionAccrued: bigint;
  commissionCollected: bigint;
  slashCount: number;
  /** 1-based rank by stake. */
  stakeRank: number;
  /** Stake of the last node inside the committee size limit (the entry bar). */
  cutoffStake: bigint | null;
  /** Shards that voted to slash this node this epoch, and the total shards. */
  slashVotesAgainst: {
    shards: bigint;
    totalShards: number;
    voters: { nodeId: string; name: string | null; weight: bigint }[];
  };
  /**
   * Whether collecting commission is refused now: the node is in the
   * committee, a vote to slash it is open this epoch and the slash has not
   * been executed (Move `staking::is_commission_frozen`).
   */
  commissionFrozen: boolean;
  /** Nodes this node voted to slash this epoch. */
  slashVotesCast: { targetNodeId: string; targetName: string | null; weight: bigint; totalWeight: bigint }[];
  votedStoragePrice: bigint | null;
  votedWritePrice: bigint | null;
  votedCapacity: bigint | null;
  alerts: OperatorAlert[];
}

export interface OperatorView {
  clock: ChainClock | null;
  maxCommitteeSize: number;
  nodes: OperatorNode[];
}

/** Parameter names the chain may publish for the committee size limit. */
const COMMITTEE_SIZE_PARAMETERS = ['max_committee_size', 'committee_size'];

export async function operatorNodes(
  db: Database,
  selector: { nodeIds: string[]; operator?: string },
): Promise<OperatorView> {
  const clock = await chainClock(db);
  const conditions = [];
  if (selector.nodeIds.length > 0) conditions.push(inArray(nodes.nodeId, selector.nodeIds));
  if (selector.operator) conditions.push(eq(nodes.operator, selector.operator));
  if (conditions.length === 0) return { clock, maxCommitteeSize: DEFAULT_MAX_COMMITTEE_SIZE, nodes: [] };

  const params = await currentParameters(db);
  const sizeParam = COMMITTEE_SIZE_PARAMETERS.map((name) => params[name]).find((value) => value !== undefined);
  const maxCommitteeSize = sizeParam !== undefined ? Number(sizeParam) : DEFAULT_MAX_COMMITTEE_SIZE;

  const rows = await db
    .select({
      nodeId: nodes.nodeId,
      name: nodes.name,
      operator: nodes.operator,
      status: nodes.status,
      inActiveSet: nodes.inActiveSet,
      stake: nodes.stake,
      shards: nodes.shards,
      nextShards: nodes.nextShards,
      nextCommitteeEpoch: nodes.nextCommitteeEpoch,
      commissionBps: nodes.commissionBps,
      pendingCommissionBps: nodes.pendingCommissionBps,
      pendingCommissionEpoch: nodes.pendingCommissionEpoch,
      commissionCollected: nodes.commissionCollected,
      slashCount: nodes.slashCount,
      votedStoragePrice: nodes.votedStoragePrice,
      votedWritePrice: nodes.votedWritePrice,
      votedCapacity: nodes.votedCapacity,
      stakeRank: sql<number>`(select count(*) + 1 from nodes other where other.stake > nodes.stake)::int`,
    })
    .from(nodes)
    .where(or(...conditions))
    .orderBy(desc(nodes.stake));
  if (rows.length === 0) return { clock, maxCommitteeSize, nodes: [] };

  const ids = rows.map((row) => row.nodeId);
  const epoch = clock?.epoch ?? -1;
  const [accrued, [cutoff], against, cast, [current], slashedNow] = await Promise.all([
    accruedCommission(db, ids),
    db
      .select({ stake: nodes.stake })
      .from(nodes)
      .orderBy(desc(nodes.stake), nodes.nodeId)
      .limit(1)
      .offset(Math.max(0, maxCommitteeSize - 1)),
    db
      .select({
        target: slashVotes.targetNodeId,
        voter: slashVotes.voterNodeId,
        name: nodes.name,
        weight: slashVotes.weight,
      })
      .from(slashVotes)
      .leftJoin(nodes, eq(nodes.nodeId, slashVotes.voterNodeId))
      .where(and(inArray(slashVotes.targetNodeId, ids), eq(slashVotes.epoch, epoch))),
    db
      .select({
        voter: slashVotes.voterNodeId,
        target: slashVotes.targetNodeId,
        name: nodes.name,
        weight: slashVotes.weight,
        totalWeight: slashVotes.totalWeight,
      })
      .from(slashVotes)
      .leftJoin(nodes, eq(nodes.nodeId, slashVotes.targetNodeId))
      .where(and(inArray(slashVotes.voterNodeId, ids), eq(slashVotes.epoch, epoch))),
    db.select({ committeeShards: epochs.committeeShards }).from(epochs).where(eq(epochs.epoch, epoch)),
    db
      .select({ nodeId: slashes.nodeId })
      .from(slashes)
      .where(and(inArray(slashes.nodeId, ids), eq(slashes.epoch, epoch))),
  ]);
  const totalShards = current?.committeeShards ?? 0;

  return {
    clock,
    maxCommitteeSize,
    nodes: rows.map((row) => {
      const votesAgainst = against.filter((vote) => vote.target === row.nodeId);
      const shardsAgainst = votesAgainst.reduce((sum, vote) => sum + vote.weight, 0n);
      const node: OperatorNode = {
        ...row,
        name: displayNodeName(row.name),
        commissionAccrued: accrued.get(row.nodeId) ?? 0n,
        cutoffStake: cutoff?.stake ?? null,
        commissionFrozen:
          row.status === 'committee' && shardsAgainst > 0n && !slashedNow.some((slash) => slash.nodeId === row.nodeId),
        slashVotesAgainst: {
          shards: shardsAgainst,
          totalShards,
          voters: votesAgainst.map((vote) => ({
            nodeId: vote.voter,
            name: displayNodeNameOrNull(vote.name),
            weight: vote.weight,
          })),
        },
        slashVotesCast: cast
          .filter((vote) => vote.voter === row.nodeId)
          .map((vote) => ({
            targetNodeId: vote.target,
            targetName: displayNodeNameOrNull(vote.name),
            weight: vote.weight,
            totalWeight: vote.totalWeight,
          })),
        alerts: [],
      };
      node.alerts = operatorAlerts(node, { clock, maxCommitteeSize });
      return node;
    }),
  };
}

/** Why an operator should look at this node now, most urgent first. */
export function operatorAlerts(
  node: Omit<OperatorNode, 'alerts'>,
  context: { clock: ChainClock | null; maxCommitteeSize: number },
): OperatorAlert[] {
  const alerts: OperatorAlert[] = [];
  const { shards: against, totalShards } = node.slashVotesAgainst;
  if (against > 0n && totalShards > 0) {
    const share = Number((against * 10_000n) / BigInt(totalShards)) / 100;
    const quorum = against * 3n >= BigInt(totalShards) * 2n;
    alerts.push({
      level: quorum ? 'critical' : 'warning',
      message: quorum
        ? `Slash quorum reached: nodes holding ${share}% of shards voted to slash this node this epoch; anyone can now execute the slash.`
        : `Nodes holding ${share}% of shards voted to slash this node this epoch; at 2/3 (66.67%) the slash can be executed.`,
    });
  }
  if (node.commissionFrozen) {
    alerts.push({
      level: 'warning',
      message:
        'Commission collection is frozen while a vote to slash this node is open: it resumes when the epoch ends or the slash is executed (which burns the commission).',
    });
  }
  if (!node.inActiveSet) {
    alerts.push({
      level: 'warning',
      message:
        'Idle: the node is outside the active set, so it cannot be selected for a committee and earns nothing. It joins when staked with (or when anyone calls join_active_set) if the set has room or its stake beats the weakest member outside the current and next committees.',
    });
  }
  const nextEpoch = node.nextCommitteeEpoch;
  if (
    node.status === 'committee' &&
    nextEpoch !== null &&
    nextEpoch === (context.clock?.epoch ?? -2) + 1 &&
    (node.nextShards ?? 0) === 0
  ) {
    alerts.push({
      level: 'critical',
      message: `Not selected for epoch ${nextEpoch}: the node leaves the committee when that epoch begins.`,
    });
  } else if (node.stakeRank > context.maxCommitteeSize) {
    alerts.push({
      level: node.status === 'committee' ? 'critical' : 'info',
      message: `Ranked #${node.stakeRank} by stake, outside the top ${context.maxCommitteeSize} that form the committee${node.cutoffStake !== null ? `; the entry bar is currently the stake of #${context.maxCommitteeSize}` : ''}.`,
    });
  } else if (node.stakeRank > context.maxCommitteeSize * 0.9 && node.status === 'committee') {
    alerts.push({
      level: 'warning',
      message: `Ranked #${node.stakeRank} of ${context.maxCommitteeSize} committee seats: close to the cut-off; a drop in stake could leave the committee at the next selection.`,
    });
  }
  if (node.pendingCommissionBps !== null && node.pendingCommissionEpoch !== null) {
    alerts.push({
      level: 'info',
      message: `Commission changes to ${node.pendingCommissionBps / 100}% from epoch ${node.pendingCommissionEpoch}.`,
    });
  }
  if (node.slashCount > 0) {
    alerts.push({
      level: 'info',
      message: `Slashed ${node.slashCount} time${node.slashCount === 1 ? '' : 's'} in the past.`,
    });
  }
  const order: Record<AlertLevel, number> = { critical: 0, warning: 1, info: 2 };
  return alerts.sort((a, b) => order[a.level] - order[b.level]);
}
