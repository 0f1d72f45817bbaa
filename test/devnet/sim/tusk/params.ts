/**
 * Protocol parameters of a devnet, with the Move package's defaults. Every
 * duration and count is a parameter (DESIGN §1), so tests and the demo can
 * use short epochs and small committees. Governed parameters can be changed
 * by a passed proposal (`GOVERNED_PARAMETERS` names them as Move does).
 */
import { DEFAULT_BURN_BPS, DEFAULT_MAX_COMMITTEE_SIZE, DEFAULT_N_SHARDS, DEFAULT_SLASH_BPS, FROST_PER_WAL, MAX_SHARDS_PER_NODE_BPS } from '@tusk/shared/protocol';

export interface ProtocolParams {
  /** Length of a Tusk epoch (ms); voting ends at half of it. */
  epochDurationMs: bigint;
  nShards: number;
  maxCommitteeSize: number;
  /** Most shards one node may hold, in bps of all shards. */
  maxShardsPerNodeBps: number;
  minStake: bigint;
  burnBps: bigint;
  slashBps: bigint;
  /** Epochs between scheduling a commission change and its effect. */
  commissionDelayEpochs: number;
  /** Governance. */
  minProposalDeposit: bigint;
  votingEpochs: number;
  quorumBps: bigint;
  passBps: bigint;
  vetoBps: bigint;
  /** Storage: how far ahead space can be bought. */
  maxEpochsAhead: number;
  /** Initial prices (FROST per MiB per epoch / per MiB written) and capacity (bytes) before any vote. */
  storagePrice: bigint;
  writePrice: bigint;
  capacity: bigint;
}

export const DEFAULT_PARAMS: ProtocolParams = {
  epochDurationMs: 14n * 24n * 3600n * 1000n,
  nShards: DEFAULT_N_SHARDS,
  maxCommitteeSize: DEFAULT_MAX_COMMITTEE_SIZE,
  maxShardsPerNodeBps: MAX_SHARDS_PER_NODE_BPS,
  minStake: FROST_PER_WAL,
  burnBps: BigInt(DEFAULT_BURN_BPS),
  slashBps: BigInt(DEFAULT_SLASH_BPS),
  commissionDelayEpochs: 2,
  minProposalDeposit: 1_000n * FROST_PER_WAL,
  votingEpochs: 2,
  quorumBps: 3_340n,
  passBps: 5_000n,
  vetoBps: 3_340n,
  maxEpochsAhead: 53,
  storagePrice: 100_000n,
  writePrice: 20_000n,
  capacity: 0n,
};

/** Parameters a proposal may change, by their Move name. */
export const GOVERNED_PARAMETERS = {
  burn_bps: 'burnBps',
  slash_bps: 'slashBps',
  min_stake: 'minStake',
  max_committee_size: 'maxCommitteeSize',
  epoch_duration_ms: 'epochDurationMs',
  min_proposal_deposit: 'minProposalDeposit',
  voting_epochs: 'votingEpochs',
  quorum_bps: 'quorumBps',
  pass_bps: 'passBps',
  veto_bps: 'vetoBps',
  max_epochs_ahead: 'maxEpochsAhead',
} as const satisfies Record<string, keyof ProtocolParams>;

export type GovernedParameter = keyof typeof GOVERNED_PARAMETERS;

export function isGovernedParameter(name: string): name is GovernedParameter {
  return Object.hasOwn(GOVERNED_PARAMETERS, name);
}

/** Sets a governed parameter from its u64 value (numbers stay numbers, amounts bigints). */
export function setParameter(params: ProtocolParams, name: GovernedParameter, value: bigint): void {
  const key = GOVERNED_PARAMETERS[name];
  const current = params[key];
  (params as unknown as Record<string, unknown>)[key] = typeof current === 'number' ? Number(value) : value;
}
