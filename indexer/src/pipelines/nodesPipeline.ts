/**
 * Pipeline `nodes`: every storage node as it is now: identity and info, the
 * commission rate in force (a scheduled change applies when its epoch
 * begins), pool stake and exchange rate, committee shards and status, slash
 * count and totals, commission collected, latest price vote, and whether the
 * pool is in the staking active set (ActiveSetJoined: the joining node is in,
 * the one it evicted is out; nothing else moves a pool in or out).
 *
 * State is read-modify-written per batch: the nodes a batch touches are loaded,
 * the events applied in order in memory, and each changed node written once.
 * An epoch change touches every node (committee and commission take effect).
 */
import { nodes } from '@tusk/shared/db/schema';
import type { Tx } from '../db/tx.ts';
import { isAnyOf, writeRows } from '../db/writeRows.ts';
import { eventsNamed, storableText, timeOf, type EventOf } from './eventRows.ts';
import { definePipeline } from './pipeline.ts';

const names = new Set([
  'NodeRegistered',
  'NodeUpdated',
  'CommissionScheduled',
  'CommissionCollected',
  'NodeVoted',
  'PoolAdvanced',
  'ActiveSetJoined',
  'NodeSlashed',
  'CommitteeSelected',
  'EpochChangeStarted',
] as const);
type Row = EventOf<typeof names extends Set<infer N> ? N : never>;
type Node = typeof nodes.$inferSelect;

export const nodesPipeline = definePipeline<Row>({
  name: 'nodes',
  tables: [nodes],
  process: (checkpoint) => eventsNamed(checkpoint, names),
  async commit(tx, events) {
    const state = await loadNodes(tx, events);
    const changed = new Set<Node>();
    const touch = (nodeId: string, checkpoint: bigint): Node | undefined => {
      // Events about a node registered before the indexer's start are skipped
      // here (the other pipelines still record them).
      const node = state.get(nodeId);
      if (node) {
        node.updatedCheckpoint = checkpoint;
        changed.add(node);
      }
      return node;
    };

    for (const event of events) {
      switch (event.name) {
        case 'NodeRegistered': {
          const d = event.data;
          const node = newNode(event);
          state.set(d.node_id, node);
          changed.add(node);
          break;
        }
        case 'NodeUpdated': {
          const node = touch(event.data.node_id, event.checkpoint);
          if (!node) break;
          const d = event.data;
          if (d.name !== null) node.name = storableText(d.name);
          if (d.network_address !== null) node.networkAddress = storableText(d.network_address);
          if (d.public_key !== null) node.publicKey = d.public_key;
          if (d.network_public_key !== null) node.networkPublicKey = d.network_public_key;
          if (d.metadata_url !== null) node.metadataUrl = storableText(d.metadata_url);
          break;
        }
        case 'CommissionScheduled': {
          const node = touch(event.data.node_id, event.checkpoint);
          if (!node) break;
          node.pendingCommissionBps = event.data.rate_bps;
          node.pendingCommissionEpoch = event.data.effective_epoch;
          break;
        }
        case 'CommissionCollected': {
          const node = touch(event.data.node_id, event.checkpoint);
          if (node) node.commissionCollected += event.data.amount;
          break;
        }
        case 'NodeVoted': {
          const node = touch(event.data.node_id, event.checkpoint);
          if (!node) break;
          node.votedStoragePrice = event.data.storage_price;
          node.votedWritePrice = event.data.write_price;
          node.votedCapacity = event.data.capacity;
          break;
        }
        case 'PoolAdvanced': {
          const node = touch(event.data.node_id, event.checkpoint);
          if (!node) break;
          const d = event.data;
          Object.assign(node, {
            stake: d.stake,
            shares: d.shares,
            rateWal: d.rate_wal,
            rateShares: d.rate_shares,
            lastPoolEpoch: d.epoch,
          });
          break;
        }
        case 'ActiveSetJoined': {
          const d = event.data;
          const joined = touch(d.node_id, event.checkpoint);
          if (joined) {
            joined.inActiveSet = true;
            joined.activeSetJoinedEpoch = d.epoch;
          }
          const evicted = d.evicted === null ? undefined : touch(d.evicted, event.checkpoint);
          if (evicted) evicted.inActiveSet = false;
          break;
        }
        case 'NodeSlashed': {
          const node = touch(event.data.node_id, event.checkpoint);
          if (!node) break;
          const d = event.data;
          node.slashCount += 1;
          node.stakeSlashed += d.stake_burned;
          node.commissionBurned += d.commission_burned;
          node.stake = node.stake > d.stake_burned ? node.stake - d.stake_burned : 0n;
          node.rateWal = d.rate_wal;
          node.rateShares = d.rate_shares;
          break;
        }
        case 'CommitteeSelected': {
          const shardsOf = new Map(event.data.node_ids.map((id, i) => [id, event.data.shards[i] ?? 0]));
          for (const node of state.values()) {
            touch(node.nodeId, event.checkpoint);
            node.nextShards = shardsOf.get(node.nodeId) ?? 0;
            node.nextCommitteeEpoch = event.data.next_epoch;
          }
          break;
        }
        case 'EpochChangeStarted': {
          const epoch = event.data.epoch;
          for (const node of state.values()) {
            touch(node.nodeId, event.checkpoint);
            if (node.nextCommitteeEpoch === epoch) {
              node.shards = node.nextShards ?? 0;
              node.status = node.shards > 0 ? 'committee' : 'candidate';
              node.nextShards = null;
              node.nextCommitteeEpoch = null;
            }
            if (node.pendingCommissionEpoch !== null && node.pendingCommissionEpoch <= epoch) {
              node.commissionBps = node.pendingCommissionBps ?? node.commissionBps;
              node.pendingCommissionBps = null;
              node.pendingCommissionEpoch = null;
            }
          }
          break;
        }
      }
    }
    await writeRows(tx, nodes, [...changed], { kind: 'replace' });
  },
});

function newNode(event: EventOf<'NodeRegistered'>): Node {
  const d = event.data;
  return {
    nodeId: d.node_id,
    operator: d.operator,
    // Raw, as the operator chose it (the API makes it safe to print: shared/src/nodeNames.ts).
    name: storableText(d.name),
    networkAddress: storableText(d.network_address),
    publicKey: d.public_key,
    networkPublicKey: null,
    metadataUrl: null,
    commissionBps: d.commission_bps,
    pendingCommissionBps: null,
    pendingCommissionEpoch: null,
    stake: 0n,
    shares: 0n,
    rateWal: 0n,
    rateShares: 0n,
    lastPoolEpoch: null,
    // A new pool has no stake, so it cannot join the active set yet.
    inActiveSet: false,
    activeSetJoinedEpoch: null,
    status: 'candidate',
    shards: 0,
    nextShards: null,
    nextCommitteeEpoch: null,
    slashCount: 0,
    stakeSlashed: 0n,
    commissionBurned: 0n,
    commissionCollected: 0n,
    votedStoragePrice: null,
    votedWritePrice: null,
    votedCapacity: null,
    registeredEpoch: d.epoch,
    registeredCheckpoint: event.checkpoint,
    registeredAt: timeOf(event.timestampMs),
    updatedCheckpoint: event.checkpoint,
  };
}

/** The nodes the batch's events name; every node if the committee or epoch changes. */
async function loadNodes(tx: Tx, events: Row[]): Promise<Map<string, Node>> {
  if (events.length === 0) return new Map();
  const all = events.some((e) => e.name === 'CommitteeSelected' || e.name === 'EpochChangeStarted');
  const ids = new Set<string>();
  if (!all)
    for (const e of events) {
      if (e.name !== 'NodeRegistered' && 'node_id' in e.data) ids.add(e.data.node_id);
      // The node an ActiveSetJoined evicted changes too.
      if (e.name === 'ActiveSetJoined' && e.data.evicted !== null) ids.add(e.data.evicted);
    }
  if (!all && ids.size === 0) return new Map();
  const rows = all
    ? await tx.select().from(nodes)
    : await tx
        .select()
        .from(nodes)
        .where(isAnyOf(nodes.nodeId, [...ids]));
  return new Map(rows.map((r) => [r.nodeId, r]));
}
