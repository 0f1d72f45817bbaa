/**
 * Pipeline `staking`: the life of every StakedWal (`stake_positions`) and every
 * delegation event by owner (`stake_events`).
 *
 * Positions are read-modify-written per batch: the positions the batch names
 * are loaded, events applied in order in memory (a split inherits its parent's
 * owner, node and state at that moment; a join moves principal), and each
 * position written once: stored ones updated, new ones appended. When an epoch begins, pending positions whose
 * activation epoch has come become active: in memory for loaded ones, and with
 * one set-based UPDATE for the rest.
 */
import { sql } from 'drizzle-orm';
import { stakeEvents, stakePositions } from '@tusk/shared/db/schema';
import type { Tx } from '../db/tx.ts';
import { arrayLiteral } from '../db/pgArrayLiteral.ts';
import { loadRows, updateRows, writeRows } from '../db/writeRows.ts';
import { eventsNamed, timeOf, type EventOf } from './eventRows.ts';
import { definePipeline } from './pipeline.ts';

const names = new Set([
  'StakeDeposited',
  'WithdrawRequested',
  'StakeWithdrawn',
  'StakedWalSplit',
  'StakedWalJoined',
  'EpochChangeStarted',
] as const);
type Row = EventOf<typeof names extends Set<infer N> ? N : never>;
type Position = typeof stakePositions.$inferSelect;
type StakeEvent = typeof stakeEvents.$inferInsert;

export const stakingPipeline = definePipeline<Row>({
  name: 'staking',
  tables: [stakePositions, stakeEvents],
  process: (checkpoint) => eventsNamed(checkpoint, names),
  async commit(tx, events) {
    const positions = await loadPositions(tx, events);
    /** Positions first seen in this batch (not stored yet). */
    const created = new Set<Position>();
    const changed = new Set<Position>();
    const log: StakeEvent[] = [];
    const epochStarts: { epoch: number; checkpoint: bigint }[] = [];
    /**
     * Positions of the batch that may be pending: an epoch start activates
     * among these only, not among every position the batch touched.
     */
    const maybePending = new Set<Position>();
    for (const p of positions.values()) if (p.state === 'pending') maybePending.add(p);

    /** The position `id`, created from what the event knows if the indexer never saw it. */
    const position = (id: string, event: Row, seed?: Partial<Position>): Position => {
      let p = positions.get(id);
      if (!p) {
        p = newPosition(id, event);
        if (seed) Object.assign(p, seed);
        positions.set(id, p);
        created.add(p);
      }
      p.updatedCheckpoint = event.checkpoint;
      changed.add(p);
      return p;
    };

    for (const event of events) {
      switch (event.name) {
        case 'StakeDeposited': {
          const d = event.data;
          const p = position(d.staked_wal_id, event);
          p.owner = d.owner;
          p.nodeId = d.node_id;
          p.principal = d.amount;
          p.state = 'pending';
          p.activationEpoch = d.activation_epoch;
          p.createdEpoch = d.epoch;
          p.createdCheckpoint = event.checkpoint;
          maybePending.add(p);
          log.push(stakeEvent(event, 'deposited', d.staked_wal_id, d.node_id, d.owner, d.amount, d.activation_epoch));
          break;
        }
        case 'WithdrawRequested': {
          const d = event.data;
          const p = position(d.staked_wal_id, event, { owner: d.owner, nodeId: d.node_id });
          p.state = 'withdrawing';
          p.principal = d.principal;
          p.withdrawRequestedEpoch = d.epoch;
          p.withdrawEpoch = d.withdraw_epoch;
          log.push(
            stakeEvent(event, 'withdraw_requested', d.staked_wal_id, d.node_id, d.owner, d.principal, d.withdraw_epoch),
          );
          break;
        }
        case 'StakeWithdrawn': {
          const d = event.data;
          const p = position(d.staked_wal_id, event, { owner: d.owner, nodeId: d.node_id });
          p.state = 'withdrawn';
          p.principal = d.principal;
          p.withdrawnEpoch = d.epoch;
          p.rewards = d.rewards;
          p.slashed = d.slashed;
          const row = stakeEvent(event, 'withdrawn', d.staked_wal_id, d.node_id, d.owner, d.principal, null);
          row.rewards = d.rewards;
          row.slashed = d.slashed;
          log.push(row);
          break;
        }
        case 'StakedWalSplit': {
          const d = event.data;
          const parent = position(d.from_id, event);
          parent.principal = parent.principal > d.amount ? parent.principal - d.amount : 0n;
          const child = position(d.new_id, event, {
            owner: parent.owner,
            nodeId: parent.nodeId,
            state: parent.state,
            activationEpoch: parent.activationEpoch,
            withdrawRequestedEpoch: parent.withdrawRequestedEpoch,
            withdrawEpoch: parent.withdrawEpoch,
            principal: d.amount,
            splitFrom: d.from_id,
          });
          if (child.state === 'pending') maybePending.add(child);
          const row = stakeEvent(event, 'split', d.from_id, parent.nodeId, parent.owner, d.amount, null);
          row.relatedId = d.new_id;
          log.push(row);
          break;
        }
        case 'StakedWalJoined': {
          const d = event.data;
          const into = position(d.into_id, event);
          const from = position(d.from_id, event);
          const moved = from.principal;
          into.principal += moved;
          from.principal = 0n;
          from.state = 'joined';
          from.joinedInto = d.into_id;
          const row = stakeEvent(event, 'joined', d.into_id, into.nodeId, into.owner, moved, null);
          row.relatedId = d.from_id;
          log.push(row);
          break;
        }
        case 'EpochChangeStarted': {
          const epoch = event.data.epoch;
          epochStarts.push({ epoch, checkpoint: event.checkpoint });
          for (const p of maybePending) {
            if (p.state !== 'pending') maybePending.delete(p);
            else if (p.activationEpoch !== null && p.activationEpoch <= epoch) {
              p.state = 'active';
              p.updatedCheckpoint = event.checkpoint;
              changed.add(p);
              maybePending.delete(p);
            }
          }
          break;
        }
      }
    }
    const stored: Position[] = [];
    const fresh: Position[] = [];
    for (const p of changed) (created.has(p) ? fresh : stored).push(p);
    await updateRows(tx, stakePositions, stored);
    // New by construction: a StakedWal ID is never reused, and the IDs the
    // batch's other events name were looked up (and not found) above.
    await writeRows(tx, stakePositions, fresh, { kind: 'append' });
    await writeRows(tx, stakeEvents, log, { kind: 'append' });
    if (epochStarts.length > 0) await activateDue(tx, epochStarts);
  },
});

function newPosition(id: string, event: Row): Position {
  return {
    stakedWalId: id,
    owner: null,
    nodeId: null,
    principal: 0n,
    state: 'active',
    activationEpoch: null,
    createdEpoch: event.data.epoch,
    withdrawRequestedEpoch: null,
    withdrawEpoch: null,
    withdrawnEpoch: null,
    rewards: null,
    slashed: null,
    splitFrom: null,
    joinedInto: null,
    createdCheckpoint: event.checkpoint,
    updatedCheckpoint: event.checkpoint,
  };
}

/** A `stake_events` row with every column set (one shape for all rows). */
function stakeEvent(
  event: Row,
  kind: StakeEvent['kind'],
  stakedWalId: string,
  nodeId: string | null,
  owner: string | null,
  amount: bigint,
  effectiveEpoch: number | null,
): StakeEvent {
  return {
    checkpoint: event.checkpoint,
    txDigest: event.txDigest,
    eventIndex: event.eventIndex,
    timestamp: timeOf(event.timestampMs),
    epoch: event.data.epoch,
    kind,
    stakedWalId,
    nodeId,
    owner,
    amount,
    rewards: null,
    slashed: null,
    relatedId: null,
    effectiveEpoch,
  };
}

/**
 * Activates every stored pending position whose activation epoch has begun,
 * stamping it with the checkpoint of the first epoch start at or after its
 * activation epoch (the same stamp the in-memory path gives, whatever the batching).
 *
 * Only activation epochs from the batch's first epoch start on can still be
 * pending: a stake activates in a later epoch than it was made in, so an
 * earlier activation epoch began in an earlier batch, which activated it. The
 * range keeps this an index scan of the few positions due, however large the table.
 */
async function activateDue(tx: Tx, starts: { epoch: number; checkpoint: bigint }[]): Promise<void> {
  const epochs = starts.map((s) => s.epoch);
  await tx.execute(sql`
    UPDATE stake_positions p SET state = 'active', updated_checkpoint = (
      SELECT min(s.checkpoint) FROM unnest(
        ${arrayLiteral(epochs)}::int8[],
        ${arrayLiteral(starts.map((s) => s.checkpoint))}::int8[]) AS s(epoch, checkpoint)
      WHERE s.epoch >= p.activation_epoch)
    WHERE p.state = 'pending' AND p.activation_epoch BETWEEN ${Math.min(...epochs)} AND ${Math.max(...epochs)}`);
}

async function loadPositions(tx: Tx, events: Row[]): Promise<Map<string, Position>> {
  const ids = new Set<string>();
  for (const e of events) {
    switch (e.name) {
      case 'StakedWalSplit':
        ids.add(e.data.from_id);
        break;
      case 'StakedWalJoined':
        ids.add(e.data.into_id).add(e.data.from_id);
        break;
      case 'WithdrawRequested':
      case 'StakeWithdrawn':
        ids.add(e.data.staked_wal_id);
        break;
    }
  }
  const rows = await loadRows(tx, stakePositions, stakePositions.stakedWalId, [...ids]);
  return new Map(rows.map((r) => [r.stakedWalId, r]));
}
