/**
 * The node list served from a snapshot: every node (a few thousand at most)
 * read in one query at most once a second and shared by all requests, then
 * filtered, sorted, shuffled and paged in memory. Each visitor shuffles with
 * their own seed, so per-request SQL would re-sort the same rows for every
 * visitor; the snapshot makes a page cost microseconds instead of a query.
 * Data is at most `maxAgeMs` older than the index, which itself moves once
 * per checkpoint.
 *
 * Names: the snapshot holds each name made safe to print and, since whether a
 * name duplicates or looks like another depends on every other name, the
 * look-alike flags of all nodes (`flagNodeNames`, linear in the node count).
 */
import { sql } from 'drizzle-orm';
import type { Database } from '@tusk/shared/db/database';
import { nodes } from '@tusk/shared/db/schema';
import { displayNodeName, flagNodeNames, type NameFlag } from '@tusk/shared/nodeNames';
import type { NodeList, NodeListParams, NodeRow } from './nodeList.ts';

interface DirectoryRow extends Omit<NodeRow, 'votingPower'> {
  registeredCheckpoint: bigint;
  /** The epoch of the pool's latest `node_epochs` row: its history changes only when this does. */
  lastPoolEpoch: number | null;
}

export interface NodeDirectory {
  takenAt: number;
  rows: DirectoryRow[];
  totalStake: bigint;
  /** Pages already computed from this snapshot, by their parameters (browsers poll the same page). */
  pages: Map<string, NodeList>;
  /** Latest pool epoch by node ID. */
  lastPoolEpochs: Map<string, number | null>;
  /** The name flag of each node whose name needs a second look, by node ID. */
  nameFlags: Map<string, NameFlag>;
}

const MAX_CACHED_PAGES = 2_000;

const DEFAULT_MAX_AGE_MS = 1_000;
const state = new WeakMap<Database, { snapshot?: NodeDirectory; pending?: Promise<NodeDirectory> }>();

async function readDirectory(db: Database): Promise<NodeDirectory> {
  const raw = await db
    .select({
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
      registeredCheckpoint: nodes.registeredCheckpoint,
      lastPoolEpoch: nodes.lastPoolEpoch,
      apy: sql<
        number | null
      >`(select ne.apy from node_epochs ne where ne.node_id = nodes.node_id and ne.epoch = nodes.last_pool_epoch)`,
    })
    .from(nodes);
  const nameFlags = flagNodeNames(raw);
  const rows = raw.map((row): DirectoryRow => {
    const flag = nameFlags.get(row.nodeId);
    return {
      ...row,
      name: displayNodeName(row.name),
      nameWarning: flag?.warning ?? null,
      similarNodeIds: flag?.similarNodeIds ?? [],
    };
  });
  return {
    takenAt: Date.now(),
    rows,
    totalStake: rows.reduce((sum, row) => sum + row.stake, 0n),
    pages: new Map(),
    lastPoolEpochs: new Map(rows.map((row) => [row.nodeId, row.lastPoolEpoch])),
    nameFlags,
  };
}

/** The current snapshot: fresh if younger than `maxAgeMs`; a stale one is served while one refresh runs. */
export async function nodeDirectory(db: Database, maxAgeMs = DEFAULT_MAX_AGE_MS): Promise<NodeDirectory> {
  let entry = state.get(db);
  if (!entry) state.set(db, (entry = {}));
  const { snapshot } = entry;
  const age = snapshot ? Date.now() - snapshot.takenAt : Infinity;
  if (snapshot && age <= maxAgeMs) return snapshot;
  if (!entry.pending) {
    const current = entry;
    current.pending = readDirectory(db)
      .then((fresh) => {
        current.snapshot = fresh;
        return fresh;
      })
      .finally(() => {
        current.pending = undefined;
      });
  }
  // Serve a slightly stale snapshot rather than make every request wait for the refresh.
  if (snapshot && age <= maxAgeMs * 5) return snapshot;
  return entry.pending!;
}

/** Forget the snapshot (after a write the caller wants to see at once, e.g. in tests). */
export function invalidateNodeDirectory(db: Database): void {
  state.delete(db);
}

/** FNV-1a of `text` with murmur3's finalizer (so every input bit moves the high bits): a stable shuffle key. */
function shuffleKey(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

const compareBig = (a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0);

export function pageNodes(directory: NodeDirectory, params: NodeListParams): NodeList {
  const key = JSON.stringify([
    params.sort,
    params.order,
    params.status,
    params.search ?? '',
    params.sort === 'shuffle' ? params.seed : '',
    params.limit,
    params.offset,
  ]);
  const cached = directory.pages.get(key);
  if (cached) return cached;
  const page = computePage(directory, params);
  if (directory.pages.size >= MAX_CACHED_PAGES) directory.pages.clear();
  directory.pages.set(key, page);
  return page;
}

function computePage(directory: NodeDirectory, params: NodeListParams): NodeList {
  const search = params.search?.trim().toLowerCase();
  const rows = directory.rows.filter((row) => {
    if ((params.status === 'committee' || params.status === 'candidate') && row.status !== params.status) return false;
    if (params.status === 'slashed' && row.slashCount === 0) return false;
    if (
      search &&
      !(row.name.toLowerCase().includes(search) || row.nodeId.startsWith(search) || row.operator.startsWith(search))
    )
      return false;
    return true;
  });
  const sign = params.order === 'asc' ? 1 : -1;
  const byId = (a: DirectoryRow, b: DirectoryRow) => (a.nodeId < b.nodeId ? -1 : a.nodeId > b.nodeId ? 1 : 0);
  let compare: (a: DirectoryRow, b: DirectoryRow) => number;
  switch (params.sort) {
    case 'shuffle': {
      const keys = new Map(rows.map((row) => [row.nodeId, shuffleKey(`${params.seed}:${row.nodeId}`)]));
      compare = (a, b) => keys.get(a.nodeId)! - keys.get(b.nodeId)! || byId(a, b);
      break;
    }
    case 'stake':
      compare = (a, b) => sign * compareBig(a.stake, b.stake) || byId(a, b);
      break;
    case 'apy':
      // Nodes without an APY go last when sorting high to low, first when low to high.
      compare = (a, b) => sign * ((a.apy ?? -Infinity) - (b.apy ?? -Infinity)) || byId(a, b);
      break;
    case 'commission':
      compare = (a, b) => sign * (a.commissionBps - b.commissionBps) || byId(a, b);
      break;
    case 'shards':
      compare = (a, b) => sign * (a.shards - b.shards) || sign * compareBig(a.stake, b.stake) || byId(a, b);
      break;
    case 'name':
      compare = (a, b) => sign * a.name.toLowerCase().localeCompare(b.name.toLowerCase()) || byId(a, b);
      break;
    case 'slashes':
      compare = (a, b) =>
        sign * (a.slashCount - b.slashCount) || sign * compareBig(a.stakeSlashed, b.stakeSlashed) || byId(a, b);
      break;
    case 'registered':
      compare = (a, b) => sign * compareBig(a.registeredCheckpoint, b.registeredCheckpoint) || byId(a, b);
      break;
  }
  rows.sort(compare);
  const total = directory.totalStake;
  return {
    rows: rows
      .slice(params.offset, params.offset + params.limit)
      .map(({ registeredCheckpoint: _r, lastPoolEpoch: _l, ...row }) => ({
        ...row,
        votingPower: total > 0n ? Number((row.stake * 1_000_000n) / total) / 1_000_000 : 0,
      })),
    total: rows.length,
    totalStake: total,
  };
}
