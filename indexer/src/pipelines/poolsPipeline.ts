/**
 * Pipeline `pools`: per pool per epoch figures (PoolAdvanced) with the shards
 * the pool holds in that epoch's committee and the APY implied by its rate
 * change, and the committee of each epoch (CommitteeSelected) with the shard
 * indices each member confirmed (ShardsReceived).
 *
 * A pool's PoolAdvanced epochs may have gaps and arrive late: a pool outside
 * the active set steps only into the epochs it had something scheduled in,
 * when a later transaction touches it. Nothing here needs contiguous epochs:
 * the APY compares a row with the pool's previous row, whatever its epoch,
 * over the time between the two events, and idle pools earn nothing, so the
 * rate does not move across a gap (rewards and slashes go to committee
 * members, which are in the active set and step into every epoch).
 */
import { sql } from 'drizzle-orm';
import { committeeMembers, nodeEpochs } from '@tusk/shared/db/schema';
import { rowsOf, type Tx } from '../db/tx.ts';
import { isAnyOf, writeRows } from '../db/writeRows.ts';
import { arrayLiteral } from '../db/pgArrayLiteral.ts';
import { annualizedReturn } from '@tusk/shared/staking/exchangeRate';
import { eventsNamed, type EventOf } from './eventRows.ts';
import { definePipeline } from './pipeline.ts';

const names = new Set(['PoolAdvanced', 'CommitteeSelected', 'ShardsReceived'] as const);
type Row = EventOf<typeof names extends Set<infer N> ? N : never>;
type Member = typeof committeeMembers.$inferSelect;
type NodeEpoch = typeof nodeEpochs.$inferInsert;

interface PrevRate {
  epoch: number;
  timestampMs: number;
  wal: bigint;
  shares: bigint;
}

export const poolsPipeline = definePipeline<Row>({
  name: 'pools',
  tables: [nodeEpochs, committeeMembers],
  process: (checkpoint) => eventsNamed(checkpoint, names),
  async commit(tx, events) {
    const members = await loadMembers(tx, events);
    const previous = await loadPreviousRates(tx, events);
    const changedMembers = new Set<Member>();
    const epochRows: NodeEpoch[] = [];

    for (const event of events) {
      switch (event.name) {
        case 'CommitteeSelected': {
          const { next_epoch, node_ids, shards } = event.data;
          node_ids.forEach((nodeId, i) => {
            const member: Member = {
              epoch: next_epoch,
              nodeId,
              shards: shards[i] ?? 0,
              selectedCheckpoint: event.checkpoint,
              receivedShards: members.get(key(next_epoch, nodeId))?.receivedShards ?? null,
            };
            members.set(key(next_epoch, nodeId), member);
            changedMembers.add(member);
          });
          break;
        }
        case 'ShardsReceived': {
          const { epoch, node_id, shards } = event.data;
          let member = members.get(key(epoch, node_id));
          if (!member) {
            // Selected before the indexer's start: the confirmation is all we know.
            member = {
              epoch,
              nodeId: node_id,
              shards: shards.length,
              selectedCheckpoint: event.checkpoint,
              receivedShards: null,
            };
            members.set(key(epoch, node_id), member);
          }
          member.receivedShards = [...shards];
          changedMembers.add(member);
          break;
        }
        case 'PoolAdvanced': {
          const d = event.data;
          const timestampMs = Number(event.timestampMs);
          const prev = previous.get(d.node_id);
          // The previous step, not necessarily epoch - 1 (see the module doc).
          const apy =
            prev && prev.epoch < d.epoch
              ? (annualizedReturn(
                  { wal: prev.wal, shares: prev.shares },
                  { wal: d.rate_wal, shares: d.rate_shares },
                  timestampMs - prev.timestampMs,
                ) ?? null)
              : null;
          epochRows.push({
            nodeId: d.node_id,
            epoch: d.epoch,
            checkpoint: event.checkpoint,
            timestamp: new Date(timestampMs),
            stake: d.stake,
            shares: d.shares,
            rewards: d.rewards,
            commission: d.commission,
            activated: d.activated,
            withdrawn: d.withdrawn,
            rateWal: d.rate_wal,
            rateShares: d.rate_shares,
            shards: members.get(key(d.epoch, d.node_id))?.shards ?? 0,
            apy,
          });
          previous.set(d.node_id, { epoch: d.epoch, timestampMs, wal: d.rate_wal, shares: d.rate_shares });
          break;
        }
      }
    }
    await writeRows(tx, committeeMembers, [...changedMembers], { kind: 'replace' });
    // Once per pool per epoch; should the chain repeat one, the first stands.
    await writeRows(tx, nodeEpochs, dedupe(epochRows), { kind: 'ignore' });
  },
});

const key = (epoch: number, nodeId: string) => `${epoch}/${nodeId}`;

function dedupe(rows: NodeEpoch[]): NodeEpoch[] {
  const seen = new Set<string>();
  return rows.filter((r) => {
    const k = key(r.epoch, r.nodeId);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Committee rows of the epochs the batch's PoolAdvanced/ShardsReceived/CommitteeSelected name. */
async function loadMembers(tx: Tx, events: Row[]): Promise<Map<string, Member>> {
  const epochsNeeded = new Set<number>();
  for (const e of events) epochsNeeded.add(e.name === 'CommitteeSelected' ? e.data.next_epoch : e.data.epoch);
  if (epochsNeeded.size === 0) return new Map();
  const rows = await tx
    .select()
    .from(committeeMembers)
    .where(isAnyOf(committeeMembers.epoch, [...epochsNeeded]));
  return new Map(rows.map((r) => [key(r.epoch, r.nodeId), r]));
}

/** Each advancing pool's latest stored rate (all stored rows precede this batch). */
async function loadPreviousRates(tx: Tx, events: Row[]): Promise<Map<string, PrevRate>> {
  const pools = new Set<string>();
  for (const e of events) if (e.name === 'PoolAdvanced') pools.add(e.data.node_id);
  if (pools.size === 0) return new Map();
  const rows = rowsOf<{
    node_id: string;
    epoch: string | number;
    ts: string | number;
    rate_wal: string;
    rate_shares: string;
  }>(
    // One backward step of the primary key (node_id, epoch) per pool: the
    // cost stays per pool, not per row of history, as node_epochs grows.
    await tx.execute(sql`
      SELECT p.node_id, e.epoch, (extract(epoch FROM e."timestamp") * 1000)::int8 AS ts, e.rate_wal, e.rate_shares
      FROM unnest(${arrayLiteral([...pools])}::text[]) AS p(node_id)
      CROSS JOIN LATERAL (
        SELECT epoch, "timestamp", rate_wal, rate_shares FROM node_epochs
        WHERE node_id = p.node_id ORDER BY epoch DESC LIMIT 1) e`),
  );
  return new Map(
    rows.map((r) => [
      r.node_id,
      { epoch: Number(r.epoch), timestampMs: Number(r.ts), wal: BigInt(r.rate_wal), shares: BigInt(r.rate_shares) },
    ]),
  );
}
