/**
 * The Tusk protocol state the devnet holds, split the way the journal needs
 * it (see `context.ts`): small headers copied whole when touched, and maps of
 * pools and proposals whose entries are touched one by one.
 */
import type { ProtocolParams } from './params.ts';
import type { PriceVote, StakingPool } from './stakingPool.ts';

export interface CommitteeMember {
  nodeId: string;
  /** Shard indices held, ascending. */
  shards: number[];
}

export type EpochState =
  | { kind: 'done'; atMs: bigint }
  | { kind: 'sync'; startedMs: bigint; synced: string[]; weight: number };

export interface StakingHeader {
  version: number;
  epoch: number;
  epochStartMs: bigint;
  state: EpochState;
  /** Whether `voting_end` ran this epoch (the next committee is chosen). */
  votingEnded: boolean;
  committee: CommitteeMember[];
  nextCommittee: CommitteeMember[] | undefined;
  /** Prices and capacity in force, and those chosen at voting end for the next epoch. */
  prices: PriceVote;
  nextPrices: PriceVote | undefined;
  /** Slash votes of the current epoch by target node. */
  slashVotes: Record<string, { voters: string[]; weight: number }>;
  /** Nodes slashed this epoch (one slash per node per epoch). */
  slashed: string[];
}

export type ProposalKind = 0 | 1 | 2;
export type ProposalStatus = 0 | 1 | 2 | 3 | 4;

export interface Proposal {
  id: string;
  proposer: string;
  kind: ProposalKind;
  payload: Uint8Array;
  /** For kind 0: the parameter and value. */
  parameter?: { name: string; value: bigint };
  deposit: bigint;
  createdEpoch: number;
  endEpoch: number;
  /** 0 open, 1 passed, 2 rejected, 3 vetoed, 4 failed quorum. */
  status: ProposalStatus;
  executed: boolean;
  /** Node votes: node ID -> option and weight at cast time. */
  nodeVotes: Map<string, { option: number; weight: bigint }>;
  /** Delegator votes: StakedWal ID -> node, option, weight at cast time. */
  stakeVotes: Map<string, { nodeId: string; option: number; weight: bigint }>;
}

export interface GovernanceHeader {
  version: number;
  /** Passed parameter changes waiting for the next epoch change, in the order they passed. */
  pendingChanges: { proposalId: string; name: string; value: bigint }[];
  /** Package digests authorized by passed upgrade proposals (hex). */
  authorizedUpgrades: string[];
}

export interface SystemHeader {
  version: number;
  /** Bytes of storage reserved, by epoch (past epochs are dropped). */
  usedCapacity: Map<number, bigint>;
  /** Fees (FROST) owed to each epoch's committee, by epoch (paid out at the epoch's end). */
  fees: Map<number, bigint>;
}

export interface TreasuryHeader {
  version: number;
  totalSupply: bigint;
  burned: bigint;
}

export interface TuskState {
  params: ProtocolParams;
  staking: StakingHeader;
  pools: Map<string, StakingPool>;
  governance: GovernanceHeader;
  proposals: Map<string, Proposal>;
  system: SystemHeader;
  treasury: TreasuryHeader;
}
