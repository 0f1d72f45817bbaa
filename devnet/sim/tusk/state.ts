/**
 * The Tusk protocol state the devnet holds, laid out like the Move shared
 * objects and split the way the undo journal needs it (see `context.ts`):
 * small headers copied whole when touched, and maps whose entries are
 * touched one by one (pools, proposals and their votes, slash tallies).
 */
import type { ExchangeRate } from '@tusk/shared/staking/index';
import type { BlsCommittee } from './bls.ts';
import type { Params } from './params.ts';

/** Members and their shard indices, in committee order (`tusk::committee::Committee`). */
export interface Committee {
  nodeIds: string[];
  shards: number[][];
}

export type EpochState = { kind: 'sync'; synced: string[]; weight: number } | { kind: 'done'; doneMs: bigint };

export interface Prices {
  storagePrice: bigint;
  writePrice: bigint;
  capacity: bigint;
}

/** `tusk::staking::Staking`, without its pools and slash votes. */
export interface StakingHeader {
  version: number;
  params: Params;
  epoch: number;
  epochStartMs: bigint;
  /** Total active stake when the current epoch began (governance's snapshot). */
  epochStartStake: bigint;
  epochState: EpochState;
  votingEnded: boolean;
  committee: Committee;
  nextCommittee: Committee;
  prices: Prices;
  nextPrices: Prices;
  /** Nodes registered so far. */
  nodeCount: number;
  /** The pools that step into every epoch, by registration order (`ActivePool`). */
  activeSet: ActivePool[];
  /** Active stake of all idle pools when the current epoch began. */
  idleStake: bigint;
  /** How `idleStake` rises and falls as coming epochs begin (VecMap order). */
  idleGains: [number, bigint][];
  idleLosses: [number, bigint][];
  pendingParameterChanges: { proposalId: string; name: string; value: bigint }[];
}

/** A member of the active set, with its pool's eventual stake. */
export interface ActivePool {
  nodeId: string;
  registrationNumber: number;
  stake: bigint;
}

export interface NodeInfo {
  name: string;
  networkAddress: string;
  metadataUrl: string;
  publicKey: Uint8Array;
  networkPublicKey: Uint8Array;
}

export interface PoolRate {
  rate: ExchangeRate;
  unslashed: ExchangeRate;
  /** Active stake once the epoch began (voting power on proposals opened in it). */
  active: bigint;
}

/** `tusk::staking_pool::Books`: the stake accounting, copied to project steps not taken yet. */
export interface Books {
  wal: bigint;
  shares: bigint;
  unslashedWal: bigint;
  /** VecMap<epoch, amount> in insertion order. */
  pendingStake: [number, bigint][];
  pendingWithdrawShares: [number, bigint][];
  /** Principal activating at an epoch whose withdrawal is already requested. */
  preActiveWithdrawals: [number, bigint][];
  withdrawable: bigint;
}

/** `tusk::staking_pool::StakingPool` (its rates table kept apart, in `TuskState.poolRates`; its books inline). */
export interface StakingPool extends Books {
  nodeId: string;
  operator: string;
  info: NodeInfo;
  registeredEpoch: number;
  registrationNumber: number;
  /** Epoch the books are caught up to. */
  epoch: number;
  commissionRate: number;
  /** VecMap<epoch, rate> in insertion order. */
  pendingCommissionRates: [number, number][];
  commission: bigint;
  votes: Prices;
  /** All WAL held for stakers. */
  balance: bigint;
  /** Epochs of recorded steps that `stateAt` may need for gaps. */
  recentSteps: number[];
}

/** `tusk::slashing::SlashTally`. */
export interface SlashTally {
  epoch: number;
  voters: string[];
  weight: bigint;
  executed: boolean;
}

/** `tusk::governance::Proposal` without its vote tables (kept in `TuskState.proposalVotes`). */
export interface Proposal {
  id: string;
  proposer: string;
  kind: number;
  payload: Uint8Array;
  parameterName: string;
  parameterValue: bigint;
  deposit: bigint;
  createdEpoch: number;
  endEpoch: number;
  /** Total active stake when `createdEpoch` began: the quorum's base. */
  totalStake: bigint;
  status: number;
  /** Delegators' weights by option (yes, no, abstain, veto). */
  stakeTotals: [bigint, bigint, bigint, bigint];
}

export interface ProposalVotes {
  /** VecMap<node ID, vote> in insertion order. */
  nodeVotes: Map<string, { option: number; weight: bigint }>;
  stakeVotes: Map<string, { nodeId: string; option: number; weight: bigint }>;
  /** VecMap<node ID, delegator weight that overrides it>. */
  overrides: Map<string, bigint>;
}

export interface GovernanceHeader {
  version: number;
  /** Passed, unused upgrades by proposal ID (VecMap order): digest and first usable epoch. */
  authorizedUpgrades: [string, { digest: Uint8Array; availableEpoch: number }][];
  /** The package the upgrade cap points at. */
  packageId: string;
}

export interface EpochLedger {
  usedCapacity: bigint;
  rewards: bigint;
}

/** `tusk::system::System`. */
export interface SystemHeader {
  version: number;
  epoch: number;
  committee: BlsCommittee;
  totalCapacity: bigint;
  storagePrice: bigint;
  writePrice: bigint;
  maxEpochsAhead: number;
  ledger: EpochLedger[];
  head: number;
}

export interface TreasuryHeader {
  version: number;
  totalSupply: bigint;
}

export interface TuskState {
  staking: StakingHeader;
  pools: Map<string, StakingPool>;
  /** Node IDs by lower-cased name (`Staking.node_names`). */
  nodeNames: Map<string, string>;
  poolRates: Map<string, Map<number, PoolRate>>;
  slashVotes: Map<string, SlashTally>;
  governance: GovernanceHeader;
  proposals: Map<string, Proposal>;
  proposalVotes: Map<string, ProposalVotes>;
  system: SystemHeader;
  treasury: TreasuryHeader;
}
