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

/** Move module names of the `wal` and `tusk` packages that clients call. */
export const WAL_COIN_TYPE_SUFFIX = '::wal::WAL';
