/**
 * One address's stake: every position it ever held (none disappears: withdrawn
 * and merged ones stay in its history), each position's value and rewards to
 * date, its delegation events, and its rewards epoch by epoch (CSV export).
 */
import { positionStateAt, type PositionState } from '@tusk/shared/staking/positionState';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Database } from '@tusk/shared/db/database';
import { nodeEpochs, nodes, stakeEvents, stakePositions } from '@tusk/shared/db/schema';
import { valueAt as positionValue, type ExchangeRate } from '@tusk/shared/staking/exchangeRate';
import { formatWal } from '@tusk/shared/format';
import { displayNodeNameOrNull } from '@tusk/shared/nodeNames';
import { chainClock, epochStartEstimate, type ChainClock } from './epochClock.ts';
import { positionTotals, type PositionTotals } from './positionTotals.ts';

export type { PositionState };

export interface Position {
  stakedWalId: string;
  nodeId: string | null;
  nodeName: string | null;
  nodeStatus: 'candidate' | 'committee' | null;
  nodeSlashCount: number;
  /** As the dashboard shows it: `withdrawing` becomes `withdrawable` once its withdraw epoch has begun. */
  state: PositionState;
  principal: bigint;
  /** Current value (principal + rewards − slashes) for live positions; what was paid out for withdrawn ones. */
  value: bigint;
  /** Rewards to date (net of commission; before slashes for withdrawn ones, as the chain reports). */
  rewards: bigint;
  /** Loss to slashes (withdrawn positions: as reported; live ones: not separable from the rate, 0). */
  slashed: bigint;
  /** Whether `value`/`rewards` could be computed (the activation epoch's rate is indexed). */
  valued: boolean;
  activationEpoch: number | null;
  /** Estimated start of the activation epoch (pending positions). */
  activatesAt: Date | null;
  createdEpoch: number;
  /**
   * The epoch the StakedWal last got its principal: created, split (either
   * part) or merged into (Move `changed_epoch`). It may vote only on proposals
   * opened in a later epoch. From `created_epoch` (a split-off part is created
   * by its split) and the position's latest `split` / `joined` event.
   */
  changedEpoch: number;
  withdrawRequestedEpoch: number | null;
  withdrawEpoch: number | null;
  /** Estimated start of the withdraw epoch (withdrawing positions). */
  withdrawableAt: Date | null;
  withdrawnEpoch: number | null;
  splitFrom: string | null;
  joinedInto: string | null;
}

export interface AccountPositions {
  owner: string;
  clock: ChainClock | null;
  positions: Position[];
  totals: PositionTotals;
}

const activationRate = alias(nodeEpochs, 'activation_rate');
const withdrawRate = alias(nodeEpochs, 'withdraw_rate');

export async function accountPositions(db: Database, owner: string): Promise<AccountPositions> {
  const clock = await chainClock(db);
  const rows = await db
    .select({
      stakedWalId: stakePositions.stakedWalId,
      nodeId: stakePositions.nodeId,
      nodeName: nodes.name,
      nodeStatus: nodes.status,
      nodeSlashCount: nodes.slashCount,
      state: stakePositions.state,
      principal: stakePositions.principal,
      activationEpoch: stakePositions.activationEpoch,
      createdEpoch: stakePositions.createdEpoch,
      // `stake_events` names the parent of a split and the target of a join (index `stake_events_position`).
      lastSplitOrJoinEpoch: sql<number | null>`(
        select max(${stakeEvents.epoch})::int from ${stakeEvents}
        where ${stakeEvents.stakedWalId} = ${stakePositions.stakedWalId} and ${stakeEvents.kind} in ('split', 'joined'))`,
      withdrawRequestedEpoch: stakePositions.withdrawRequestedEpoch,
      withdrawEpoch: stakePositions.withdrawEpoch,
      withdrawnEpoch: stakePositions.withdrawnEpoch,
      rewards: stakePositions.rewards,
      slashed: stakePositions.slashed,
      splitFrom: stakePositions.splitFrom,
      joinedInto: stakePositions.joinedInto,
      nowRateWal: nodes.rateWal,
      nowRateShares: nodes.rateShares,
      activationRateWal: activationRate.rateWal,
      activationRateShares: activationRate.rateShares,
      withdrawRateWal: withdrawRate.rateWal,
      withdrawRateShares: withdrawRate.rateShares,
    })
    .from(stakePositions)
    .leftJoin(nodes, eq(nodes.nodeId, stakePositions.nodeId))
    .leftJoin(
      activationRate,
      and(eq(activationRate.nodeId, stakePositions.nodeId), eq(activationRate.epoch, stakePositions.activationEpoch)),
    )
    .leftJoin(
      withdrawRate,
      and(eq(withdrawRate.nodeId, stakePositions.nodeId), eq(withdrawRate.epoch, stakePositions.withdrawEpoch)),
    )
    .where(eq(stakePositions.owner, owner))
    .orderBy(asc(stakePositions.createdCheckpoint), asc(stakePositions.stakedWalId));

  const epoch = clock?.epoch ?? 0;
  const positions: Position[] = rows.map((row) => {
    const state = positionStateAt(row, epoch);

    let value = row.principal;
    let rewards = 0n;
    let valued = true;
    const slashed = row.slashed ?? 0n;
    if (state === 'withdrawn') {
      rewards = row.rewards ?? 0n;
      value = row.principal + rewards - slashed;
    } else if (state === 'active' || state === 'withdrawing' || state === 'withdrawable') {
      const activation: ExchangeRate | null =
        row.activationRateWal !== null && row.activationRateShares !== null
          ? { wal: row.activationRateWal, shares: row.activationRateShares }
          : null;
      // A requested withdrawal stops earning at its withdraw epoch; until then it earns like any active stake.
      const at: ExchangeRate | null =
        state === 'withdrawable' && row.withdrawRateWal !== null && row.withdrawRateShares !== null
          ? { wal: row.withdrawRateWal, shares: row.withdrawRateShares }
          : row.nowRateWal !== null && row.nowRateShares !== null
            ? { wal: row.nowRateWal, shares: row.nowRateShares }
            : null;
      if (activation && at) {
        value = positionValue(row.principal, activation, at);
        rewards = value - row.principal;
      } else {
        valued = false;
      }
    }
    return {
      stakedWalId: row.stakedWalId,
      nodeId: row.nodeId,
      nodeName: displayNodeNameOrNull(row.nodeName),
      nodeStatus: row.nodeStatus,
      nodeSlashCount: row.nodeSlashCount ?? 0,
      state,
      principal: row.principal,
      value,
      rewards,
      slashed,
      valued,
      activationEpoch: row.activationEpoch,
      activatesAt:
        state === 'pending' && row.activationEpoch !== null ? epochStartEstimate(clock, row.activationEpoch) : null,
      createdEpoch: row.createdEpoch,
      changedEpoch: Math.max(row.createdEpoch, row.lastSplitOrJoinEpoch ?? row.createdEpoch),
      withdrawRequestedEpoch: row.withdrawRequestedEpoch,
      withdrawEpoch: row.withdrawEpoch,
      withdrawableAt:
        state === 'withdrawing' && row.withdrawEpoch !== null ? epochStartEstimate(clock, row.withdrawEpoch) : null,
      withdrawnEpoch: row.withdrawnEpoch,
      splitFrom: row.splitFrom,
      joinedInto: row.joinedInto,
    };
  });

  return { owner, clock, positions, totals: positionTotals(positions) };
}

export interface StakeEventRow {
  kind: 'deposited' | 'withdraw_requested' | 'withdrawn' | 'split' | 'joined';
  epoch: number;
  timestamp: Date;
  txDigest: string;
  stakedWalId: string;
  nodeId: string | null;
  nodeName: string | null;
  amount: bigint;
  rewards: bigint | null;
  slashed: bigint | null;
  relatedId: string | null;
  effectiveEpoch: number | null;
}

export async function accountEvents(
  db: Database,
  owner: string,
  limit: number,
  offset: number,
): Promise<{ rows: StakeEventRow[]; total: number }> {
  const rows = await db
    .select({
      kind: stakeEvents.kind,
      epoch: stakeEvents.epoch,
      timestamp: stakeEvents.timestamp,
      txDigest: stakeEvents.txDigest,
      stakedWalId: stakeEvents.stakedWalId,
      nodeId: stakeEvents.nodeId,
      nodeName: nodes.name,
      amount: stakeEvents.amount,
      rewards: stakeEvents.rewards,
      slashed: stakeEvents.slashed,
      relatedId: stakeEvents.relatedId,
      effectiveEpoch: stakeEvents.effectiveEpoch,
      total: sql<number>`(count(*) over ())::int`,
    })
    .from(stakeEvents)
    .leftJoin(nodes, eq(nodes.nodeId, stakeEvents.nodeId))
    .where(eq(stakeEvents.owner, owner))
    .orderBy(desc(stakeEvents.checkpoint), desc(stakeEvents.eventIndex))
    .limit(limit)
    .offset(offset);
  return {
    rows: rows.map(({ total: _total, ...row }) => ({ ...row, nodeName: displayNodeNameOrNull(row.nodeName) })),
    total: rows[0]?.total ?? 0,
  };
}

export interface RewardRow {
  epoch: number;
  /** When the pool advanced into this epoch. */
  timestamp: Date;
  stakedWalId: string;
  nodeId: string;
  nodeName: string | null;
  principal: bigint;
  /** Position value at this epoch's rate. */
  value: bigint;
  /** Earned this epoch (value change since the previous epoch; negative through a slash). */
  reward: bigint;
  /** Earned since activation. */
  cumulative: bigint;
}

/**
 * Rewards epoch by epoch for every position the address held, from each pool's
 * recorded exchange rates between the position's activation and its withdraw
 * epoch (or now). Splits and joins change a principal mid-life; a position is
 * valued at its latest principal throughout.
 */
export async function accountRewards(db: Database, owner: string): Promise<RewardRow[]> {
  const positions = await db
    .select({
      stakedWalId: stakePositions.stakedWalId,
      nodeId: stakePositions.nodeId,
      nodeName: nodes.name,
      principal: stakePositions.principal,
      activationEpoch: stakePositions.activationEpoch,
      withdrawEpoch: stakePositions.withdrawEpoch,
      withdrawnEpoch: stakePositions.withdrawnEpoch,
      state: stakePositions.state,
    })
    .from(stakePositions)
    .leftJoin(nodes, eq(nodes.nodeId, stakePositions.nodeId))
    .where(
      and(
        eq(stakePositions.owner, owner),
        sql`${stakePositions.activationEpoch} is not null`,
        sql`${stakePositions.nodeId} is not null`,
      ),
    );
  const nodeIds = [...new Set(positions.map((p) => p.nodeId!))];
  if (nodeIds.length === 0) return [];
  const minEpoch = Math.min(...positions.map((p) => p.activationEpoch!));
  const rates = await db
    .select({
      nodeId: nodeEpochs.nodeId,
      epoch: nodeEpochs.epoch,
      timestamp: nodeEpochs.timestamp,
      rateWal: nodeEpochs.rateWal,
      rateShares: nodeEpochs.rateShares,
    })
    .from(nodeEpochs)
    .where(and(inArray(nodeEpochs.nodeId, nodeIds), sql`${nodeEpochs.epoch} >= ${minEpoch}`))
    .orderBy(asc(nodeEpochs.epoch));
  const byNode = new Map<string, typeof rates>();
  for (const rate of rates) {
    const list = byNode.get(rate.nodeId) ?? [];
    list.push(rate);
    byNode.set(rate.nodeId, list);
  }

  const out: RewardRow[] = [];
  for (const position of positions) {
    // A position that never activated (withdrawn while pending) earned nothing.
    if (
      position.state === 'withdrawn' &&
      position.withdrawEpoch === null &&
      position.withdrawnEpoch !== null &&
      position.withdrawnEpoch < position.activationEpoch!
    )
      continue;
    if (position.state === 'joined') continue;
    const series = byNode.get(position.nodeId!) ?? [];
    const activation = series.find((rate) => rate.epoch === position.activationEpoch);
    if (!activation) continue;
    const last = position.withdrawEpoch ?? Number.MAX_SAFE_INTEGER;
    let previous = position.principal;
    for (const rate of series) {
      if (rate.epoch <= position.activationEpoch! || rate.epoch > last) continue;
      const value = positionValue(
        position.principal,
        { wal: activation.rateWal, shares: activation.rateShares },
        { wal: rate.rateWal, shares: rate.rateShares },
      );
      out.push({
        epoch: rate.epoch,
        timestamp: rate.timestamp,
        stakedWalId: position.stakedWalId,
        nodeId: position.nodeId!,
        nodeName: displayNodeNameOrNull(position.nodeName),
        principal: position.principal,
        value,
        reward: value - previous,
        cumulative: value - position.principal,
      });
      previous = value;
    }
  }
  out.sort((a, b) => a.epoch - b.epoch || a.stakedWalId.localeCompare(b.stakedWalId));
  return out;
}

/** Rewards rows as CSV (amounts exact, in WAL and FROST). */
export function rewardsCsv(rows: RewardRow[]): string {
  const wal = (frost: bigint) =>
    (frost < 0n ? '-' : '') + formatWal(frost < 0n ? -frost : frost, { exact: true, unit: false, group: false });
  const header = [
    'epoch',
    'date_utc',
    'staked_wal_id',
    'node_id',
    'node_name',
    'principal_wal',
    'value_wal',
    'reward_wal',
    'cumulative_reward_wal',
    'reward_frost',
  ];
  const quote = (field: string) => (/[",\n\r]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field);
  // Node names are free text: neutralize anything a spreadsheet would run as a formula.
  const text = (field: string) => (/^[=+\-@\t\r]/.test(field) ? `'${field}` : field);
  const lines = [header.join(',')];
  for (const row of rows) {
    lines.push(
      [
        String(row.epoch),
        row.timestamp.toISOString(),
        row.stakedWalId,
        row.nodeId,
        text(row.nodeName ?? ''),
        wal(row.principal),
        wal(row.value),
        wal(row.reward),
        wal(row.cumulative),
        row.reward.toString(),
      ]
        .map(quote)
        .join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}
