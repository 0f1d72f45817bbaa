/**
 * Protocol constants published by the Move packages, once for TypeScript.
 * Defaults mirror `move/tusk` (parameters can change through governance; the
 * live values arrive in `ParametersApplied` events).
 */

/** WAL has 9 decimals: 1 WAL = 10^9 FROST. */
export const WAL_DECIMALS = 9;
export const FROST_PER_WAL = 1_000_000_000n;
/** Fixed supply minted at publish: 5 billion WAL. */
export const TOTAL_SUPPLY_FROST = 5_000_000_000n * FROST_PER_WAL;

/** Smallest stake a `StakedWal` may hold. */
export const MIN_STAKE_FROST = FROST_PER_WAL;
/** Commission changes take effect this many epochs after they are scheduled. */
export const COMMISSION_DELAY_EPOCHS = 2;
/** Basis points in one whole. */
export const BPS_DENOMINATOR = 10_000n;

export const DEFAULT_N_SHARDS = 1000;
export const DEFAULT_MAX_COMMITTEE_SIZE = 100;
/** Most shards one node may hold, in basis points of all shards (10%). */
export const MAX_SHARDS_PER_NODE_BPS = 1000;
export const DEFAULT_BURN_BPS = 300;
export const DEFAULT_SLASH_BPS = 100;

/**
 * The safe range (inclusive) of each governed parameter, as `tusk::params`
 * enforces it when a proposal is created and when a change applies (a test
 * reads params.move and fails when they differ). Outside them one passed
 * proposal could brick the system; see move/tusk/SECURITY.md.
 */
export const GOVERNED_PARAMETER_RANGES = {
  epoch_duration_ms: { min: 60_000n, max: 60n * 24n * 60n * 60n * 1000n },
  max_committee_size: { min: 10n, max: 200n },
  min_stake: { min: 1_000_000n, max: 1_000n * FROST_PER_WAL },
  burn_bps: { min: 0n, max: 5_000n },
  slash_bps: { min: 0n, max: 1_000n },
  min_proposal_deposit: { min: FROST_PER_WAL, max: 10_000_000n * FROST_PER_WAL },
  voting_epochs: { min: 1n, max: 30n },
  quorum_bps: { min: 1_000n, max: 6_667n },
  pass_bps: { min: 5_000n, max: 8_000n },
  veto_bps: { min: 1_000n, max: 5_000n },
} as const satisfies Record<string, { min: bigint; max: bigint }>;

export type GovernedParameterName = keyof typeof GOVERNED_PARAMETER_RANGES;

/** Epochs between a passed upgrade and the first epoch it can be applied in (`governance::UPGRADE_DELAY_EPOCHS`). */
export const UPGRADE_DELAY_EPOCHS = 3;

/** Longest node name in bytes; names are printable ASCII (`storage_node::is_valid_name`). */
export const MAX_NODE_NAME_LENGTH = 64;

/** Move module names of the `wal` and `tusk` packages that clients call. */
export const WAL_COIN_TYPE_SUFFIX = '::wal::WAL';
