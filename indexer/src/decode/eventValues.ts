/**
 * The typed value of each decoded Tusk event. `@mysten/bcs` gives u64 and u256
 * fields as decimal strings; the indexer works in `bigint` end to end, so this
 * module names, per event, the fields that are integers wider than 32 bits and
 * converts them. IDs and addresses stay `0x`-hex strings (normalized to 64
 * digits by the schema), byte vectors `Uint8Array`, options `T | null`.
 *
 * The field lists are checked by the compiler (each name must be a string
 * field of that event) and by a test that proves exactly these string fields
 * are numbers in the BCS schema.
 */
import type { EventData, EventName } from '@tusk/shared/events';

/** Keys of `T` whose values are strings (u64/u256 and also Move `String`s, IDs). */
type StringKeys<T> = { [K in keyof T]: T[K] extends string ? K : never }[keyof T];

/** Per event, its u64/u256 fields: the ones decoded to `bigint`. */
export const bigintFields = {
  EpochChangeStarted: ['total_stake', 'rewards', 'burned'],
  EpochChangeDone: [],
  EpochSyncTimedOut: ['synced_weight'],
  CommitteeSelected: [],
  ShardsReceived: [],
  ParametersApplied: ['storage_price', 'write_price', 'capacity'],
  NodeRegistered: [],
  NodeUpdated: [],
  CommissionScheduled: [],
  CommissionCollected: ['amount'],
  NodeVoted: ['storage_price', 'write_price', 'capacity'],
  PoolAdvanced: ['stake', 'shares', 'rewards', 'commission', 'activated', 'withdrawn', 'rate_wal', 'rate_shares'],
  ActiveSetJoined: ['stake'],
  StakeDeposited: ['amount'],
  WithdrawRequested: ['principal'],
  StakeWithdrawn: ['principal', 'rewards', 'slashed'],
  StakedWalSplit: ['amount'],
  StakedWalJoined: [],
  SlashVoteCast: ['weight', 'total_weight'],
  NodeSlashed: ['commission_burned', 'stake_burned', 'rate_wal', 'rate_shares'],
  ProposalCreated: ['deposit'],
  VoteCast: ['weight'],
  ProposalFinalized: ['yes', 'no', 'abstain', 'veto'],
  ProposalExecuted: [],
  PackageUpgraded: ['version'],
  StorageReserved: ['size', 'paid'],
  BlobRegistered: ['blob_id', 'size', 'write_fee'],
  BlobCertified: ['blob_id'],
  BlobDeleted: ['blob_id'],
  BlobInvalidated: ['blob_id'],
  PricesUpdated: ['storage_price', 'write_price'],
  StorageSplit: ['size', 'new_size'],
  StorageFused: ['size'],
  StorageDestroyed: [],
  BlobBurned: ['blob_id'],
  BlobMetadataUpdated: ['blob_id'],
  RewardsAdded: ['amount'],
} as const satisfies { [N in EventName]: readonly StringKeys<EventData<N>>[] };

type BigintField<N extends EventName> = (typeof bigintFields)[N][number];

type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** One governed parameter as ParametersApplied reports it. */
export interface ParameterValue {
  name: string;
  value: bigint;
}

/** The decoded value of event `N`, with every u64/u256 field a `bigint`. */
export type EventValue<N extends EventName> = Simplify<
  Omit<EventData<N>, BigintField<N> | (N extends 'ParametersApplied' ? 'changed' : never)> & {
    [K in BigintField<N>]: bigint;
  } & (N extends 'ParametersApplied' ? { changed: ParameterValue[] } : unknown)
>;

/** Converts the raw `@mysten/bcs` value of event `name` into its `EventValue`. */
export function toEventValue<N extends EventName>(name: N, raw: EventData<N>): EventValue<N> {
  // `raw` is a fresh object from the decoder: convert in place rather than copy.
  const value = raw as Record<string, unknown>;
  for (const field of bigintFields[name] as readonly string[]) {
    value[field] = BigInt(value[field] as string);
  }
  if (name === 'ParametersApplied') {
    const changed = (raw as EventData<'ParametersApplied'>).changed;
    value.changed = changed.map((p) => ({ name: p.name, value: BigInt(p.value) }));
  }
  return value as EventValue<N>;
}
