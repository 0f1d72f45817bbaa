/**
 * The node list's shape: its sorts and filters, its rows. Apart from the
 * queries (nodes.ts) and the cached directory that serves them
 * (nodeDirectory.ts), so both can use it without importing each other.
 */
import type { NameWarning } from '@tusk/shared/nodeNames';

export const NODE_SORTS = ['shuffle', 'stake', 'apy', 'commission', 'shards', 'name', 'slashes', 'registered'] as const;
export type NodeSort = (typeof NODE_SORTS)[number];
export const NODE_STATUSES = ['all', 'committee', 'candidate', 'slashed'] as const;
export type NodeStatusFilter = (typeof NODE_STATUSES)[number];

export interface NodeListParams {
  sort: NodeSort;
  order: 'asc' | 'desc';
  status: NodeStatusFilter;
  /** Matches the name (case-insensitive substring) or the node ID (prefix). */
  search?: string;
  /** Orders `shuffle` sorts: the same seed gives the same order, so pages are stable. */
  seed: string;
  limit: number;
  offset: number;
}

export interface NodeRow {
  nodeId: string;
  /** The name made safe to print (`displayNodeName`: no control, bidi or zero-width characters, capped). */
  name: string;
  /** Why the name needs a second look (it duplicates or looks like another node's, or hid characters), or null. */
  nameWarning: NameWarning | null;
  /** The nodes whose names this one duplicates or looks like. */
  similarNodeIds: string[];
  operator: string;
  networkAddress: string;
  status: 'candidate' | 'committee';
  /**
   * In the staking active set (at most 250 pools): only its members step into
   * every epoch and can be selected into a committee. Outside it a node is
   * idle: it earns nothing until it joins (`IDLE_NODE_EXPLANATION` in web/features/ui/Badge.tsx).
   */
  inActiveSet: boolean;
  /** The epoch the node last joined the active set; null if it never did. */
  activeSetJoinedEpoch: number | null;
  stake: bigint;
  shards: number;
  nextShards: number | null;
  nextCommitteeEpoch: number | null;
  commissionBps: number;
  pendingCommissionBps: number | null;
  pendingCommissionEpoch: number | null;
  apy: number | null;
  /** The node's stake as a share of all staked WAL: its weight in governance. */
  votingPower: number;
  slashCount: number;
  stakeSlashed: bigint;
  registeredEpoch: number;
}

export interface NodeList {
  rows: NodeRow[];
  total: number;
  totalStake: bigint;
}
