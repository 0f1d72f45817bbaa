/**
 * BCS layouts of every Tusk event, mirroring `move/tusk/sources/events.move`
 * field by field in declaration order (see `move/tusk/EVENTS.md`). This is the
 * one place the indexer, the devnet, the web app and the tests read them from.
 * A generated Move test (`move/tusk/tests/generated/event_bcs_tests.move`)
 * proves the bytes equal what Move emits.
 */
import { bcs } from '@mysten/sui/bcs';
// IDs and wide integers use faster drop-ins for bcs.Address and bcs.u64/u256:
// same bytes and values, see bcsPrimitives.ts.
import { Id, u256, u64 } from './bcsPrimitives.ts';

// --- Epochs ---

// A new epoch began: the ending epoch's fees were turned into rewards
// (`rewards` distributed to pools, `burned` destroyed) and every pool advanced.
export const EpochChangeStarted = bcs.struct('EpochChangeStarted', {
  epoch: bcs.u32(),
  total_stake: u64(),
  rewards: u64(),
  burned: u64(),
});

// A 2/3-of-shards quorum of the committee finished syncing `epoch`.
export const EpochChangeDone = bcs.struct('EpochChangeDone', {
  epoch: bcs.u32(),
});

// The committee of `epoch` did not reach the sync quorum by half of the epoch,
// so the change was completed without it (an EpochChangeDone follows):
// `synced_weight` shards had confirmed; `unsynced` are the members that had not.
export const EpochSyncTimedOut = bcs.struct('EpochSyncTimedOut', {
  epoch: bcs.u32(),
  synced_weight: u64(),
  unsynced: bcs.vector(Id),
});

// At `voting_end` of `epoch`, the committee for `next_epoch` was selected:
// `shards[i]` is the number of shards of `node_ids[i]`.
export const CommitteeSelected = bcs.struct('CommitteeSelected', {
  epoch: bcs.u32(),
  next_epoch: bcs.u32(),
  node_ids: bcs.vector(Id),
  shards: bcs.vector(bcs.u16()),
});

// A committee node confirmed it holds `shards` (shard indices) for `epoch`.
export const ShardsReceived = bcs.struct('ShardsReceived', {
  epoch: bcs.u32(),
  node_id: Id,
  shards: bcs.vector(bcs.u16()),
});

// One governed parameter and the value it now has.
export const ParameterValue = bcs.struct('ParameterValue', {
  name: bcs.string(),
  value: u64(),
});

// The parameters in force for `epoch`: aggregated node votes (prices in FROST
// per MiB per epoch, capacity in bytes) and every governed parameter that a
// passed proposal changed at this epoch change.
export const ParametersApplied = bcs.struct('ParametersApplied', {
  epoch: bcs.u32(),
  storage_price: u64(),
  write_price: u64(),
  capacity: u64(),
  changed: bcs.vector(ParameterValue),
});

// --- Nodes ---

// A storage node registered as a candidate; `node_id` is its pool's object ID.
export const NodeRegistered = bcs.struct('NodeRegistered', {
  epoch: bcs.u32(),
  node_id: Id,
  operator: Id,
  name: bcs.string(),
  network_address: bcs.string(),
  public_key: bcs.byteVector(),
  commission_bps: bcs.u16(),
});

// A node's info changed; only the changed fields are `some`.
export const NodeUpdated = bcs.struct('NodeUpdated', {
  epoch: bcs.u32(),
  node_id: Id,
  name: bcs.option(bcs.string()),
  network_address: bcs.option(bcs.string()),
  public_key: bcs.option(bcs.byteVector()),
  network_public_key: bcs.option(bcs.byteVector()),
  metadata_url: bcs.option(bcs.string()),
});

// A commission change, effective from `effective_epoch` (two epochs ahead).
export const CommissionScheduled = bcs.struct('CommissionScheduled', {
  epoch: bcs.u32(),
  node_id: Id,
  rate_bps: bcs.u16(),
  effective_epoch: bcs.u32(),
});

// The cap holder collected `amount` of accrued commission to `receiver`.
export const CommissionCollected = bcs.struct('CommissionCollected', {
  epoch: bcs.u32(),
  node_id: Id,
  amount: u64(),
  receiver: Id,
});

// A node's vote on storage price, write price and capacity.
export const NodeVoted = bcs.struct('NodeVoted', {
  epoch: bcs.u32(),
  node_id: Id,
  storage_price: u64(),
  write_price: u64(),
  capacity: u64(),
});

// --- Pools ---

// A pool stepped into `epoch`: its stake and shares now, the rewards it
// received and the commission taken from them, the stake activated and
// withdrawn, and its exchange rate (`rate_wal` WAL per `rate_shares` shares).
// Active-set pools step into every epoch at the epoch change; an idle pool only
// into epochs where it had something scheduled, when next touched, so possibly
// in a later epoch (at most once per pool per epoch, increasing per pool).
export const PoolAdvanced = bcs.struct('PoolAdvanced', {
  epoch: bcs.u32(),
  node_id: Id,
  stake: u64(),
  shares: u64(),
  rewards: u64(),
  commission: u64(),
  activated: u64(),
  withdrawn: u64(),
  rate_wal: u64(),
  rate_shares: u64(),
});

// `node_id` joined the active set (the pools that step into every epoch and
// from which committees are selected) in `epoch` with `stake` (its stake once
// its scheduled changes are through), in place of `evicted` if the set was full.
export const ActiveSetJoined = bcs.struct('ActiveSetJoined', {
  epoch: bcs.u32(),
  node_id: Id,
  stake: u64(),
  evicted: bcs.option(Id),
});

// --- Delegation ---

// `owner` staked `amount` with `node_id`; active from `activation_epoch`.
export const StakeDeposited = bcs.struct('StakeDeposited', {
  epoch: bcs.u32(),
  staked_wal_id: Id,
  node_id: Id,
  owner: Id,
  amount: u64(),
  activation_epoch: bcs.u32(),
});

// A withdrawal was requested; the stake can be withdrawn from `withdraw_epoch`.
export const WithdrawRequested = bcs.struct('WithdrawRequested', {
  epoch: bcs.u32(),
  staked_wal_id: Id,
  node_id: Id,
  owner: Id,
  principal: u64(),
  withdraw_epoch: bcs.u32(),
});

// Stake left the pool: `principal + rewards - slashed` was paid to `owner`.
// `rewards` is what the stake earned net of commission, before slashes;
// `slashed` is the staker's share of slashes while it was active.
export const StakeWithdrawn = bcs.struct('StakeWithdrawn', {
  epoch: bcs.u32(),
  staked_wal_id: Id,
  node_id: Id,
  owner: Id,
  principal: u64(),
  rewards: u64(),
  slashed: u64(),
});

// `amount` of principal moved from `from_id` into the new `new_id`.
export const StakedWalSplit = bcs.struct('StakedWalSplit', {
  epoch: bcs.u32(),
  from_id: Id,
  new_id: Id,
  amount: u64(),
});

// `from_id` was merged into `into_id` and no longer exists.
export const StakedWalJoined = bcs.struct('StakedWalJoined', {
  epoch: bcs.u32(),
  into_id: Id,
  from_id: Id,
});

// --- Slashing ---

// A committee node voted to slash `target_node_id`; `weight` is the voter's
// shards and `total_weight` the shards voting for this slash so far this epoch.
export const SlashVoteCast = bcs.struct('SlashVoteCast', {
  epoch: bcs.u32(),
  voter_node_id: Id,
  target_node_id: Id,
  weight: u64(),
  total_weight: u64(),
});

// A slash was executed: accrued commission and `stake_burned` of the pool's
// stake were burned; the pool's exchange rate is now `rate_wal / rate_shares`.
export const NodeSlashed = bcs.struct('NodeSlashed', {
  epoch: bcs.u32(),
  node_id: Id,
  commission_burned: u64(),
  stake_burned: u64(),
  rate_wal: u64(),
  rate_shares: u64(),
});

// --- Governance ---

// A proposal was opened. `kind`: 0 parameter change, 1 package upgrade, 2 text.
// `payload`: kind 0 the BCS of (name: String, value: u64); kind 1 the package
// digest (32 bytes); kind 2 the UTF-8 text.
export const ProposalCreated = bcs.struct('ProposalCreated', {
  epoch: bcs.u32(),
  proposal_id: Id,
  proposer: Id,
  kind: bcs.u8(),
  payload: bcs.byteVector(),
  deposit: u64(),
  end_epoch: bcs.u32(),
});

// A vote. `voter` is a node ID (`is_node`) or a StakedWal ID. `option`:
// 0 Yes, 1 No, 2 Abstain, 3 NoWithVeto. `weight` is the voting power at cast time.
export const VoteCast = bcs.struct('VoteCast', {
  epoch: bcs.u32(),
  proposal_id: Id,
  voter: Id,
  is_node: bcs.bool(),
  option: bcs.u8(),
  weight: u64(),
});

// The voting window closed. `status`: 1 passed, 2 rejected, 3 vetoed,
// 4 failed quorum. Tallies are with delegator overrides applied.
export const ProposalFinalized = bcs.struct('ProposalFinalized', {
  epoch: bcs.u32(),
  proposal_id: Id,
  status: bcs.u8(),
  yes: u64(),
  no: u64(),
  abstain: u64(),
  veto: u64(),
});

// A passed proposal took effect (parameter applied or upgrade authorized).
export const ProposalExecuted = bcs.struct('ProposalExecuted', {
  epoch: bcs.u32(),
  proposal_id: Id,
});

// The package was upgraded to `package_id`; shared objects now accept `version`.
export const PackageUpgraded = bcs.struct('PackageUpgraded', {
  epoch: bcs.u32(),
  package_id: Id,
  version: u64(),
});

// --- Storage ---

// Storage of `size` encoded bytes for epochs [start_epoch, end_epoch) was bought for `paid`.
export const StorageReserved = bcs.struct('StorageReserved', {
  epoch: bcs.u32(),
  storage_id: Id,
  owner: Id,
  size: u64(),
  start_epoch: bcs.u32(),
  end_epoch: bcs.u32(),
  paid: u64(),
});

// A blob was registered (`size` unencoded bytes); stored until `end_epoch` (exclusive).
export const BlobRegistered = bcs.struct('BlobRegistered', {
  epoch: bcs.u32(),
  blob_id: u256(),
  object_id: Id,
  owner: Id,
  size: u64(),
  encoding_type: bcs.u8(),
  end_epoch: bcs.u32(),
  deletable: bcs.bool(),
  write_fee: u64(),
});

// A blob was certified available, or (`is_extension`) its lifetime extended.
export const BlobCertified = bcs.struct('BlobCertified', {
  epoch: bcs.u32(),
  blob_id: u256(),
  object_id: Id,
  end_epoch: bcs.u32(),
  deletable: bcs.bool(),
  is_extension: bcs.bool(),
});

// A deletable blob was deleted; its storage went back to its owner.
export const BlobDeleted = bcs.struct('BlobDeleted', {
  epoch: bcs.u32(),
  blob_id: u256(),
  object_id: Id,
  end_epoch: bcs.u32(),
  was_certified: bcs.bool(),
});

// A blob ID was declared invalid by 1/3+ of the shards.
export const BlobInvalidated = bcs.struct('BlobInvalidated', {
  epoch: bcs.u32(),
  blob_id: u256(),
});

// Storage and write prices changed: `storage_price` in FROST per MiB of encoded
// size per epoch, `write_price` in FROST per MiB of encoded size, paid once at registration.
export const PricesUpdated = bcs.struct('PricesUpdated', {
  epoch: bcs.u32(),
  storage_price: u64(),
  write_price: u64(),
});

// `storage_id` was split in two: it now covers `size` bytes over
// [start_epoch, end_epoch), and the new `new_storage_id` covers `new_size`
// bytes over [new_start_epoch, new_end_epoch). A split by epoch cuts the
// period (same sizes); a split by size cuts the size (same periods).
export const StorageSplit = bcs.struct('StorageSplit', {
  epoch: bcs.u32(),
  storage_id: Id,
  size: u64(),
  start_epoch: bcs.u32(),
  end_epoch: bcs.u32(),
  new_storage_id: Id,
  new_size: u64(),
  new_start_epoch: bcs.u32(),
  new_end_epoch: bcs.u32(),
});

// `fused_id` was merged into `storage_id` (and no longer exists); `storage_id`
// now covers `size` bytes over [start_epoch, end_epoch).
export const StorageFused = bcs.struct('StorageFused', {
  epoch: bcs.u32(),
  storage_id: Id,
  fused_id: Id,
  size: u64(),
  start_epoch: bcs.u32(),
  end_epoch: bcs.u32(),
});

// An expired storage resource was destroyed.
export const StorageDestroyed = bcs.struct('StorageDestroyed', {
  epoch: bcs.u32(),
  storage_id: Id,
});

// A blob object was destroyed without returning its storage (permanent or
// deletable, expired or not). The data of a certified, unexpired permanent
// blob stays available until its end epoch.
export const BlobBurned = bcs.struct('BlobBurned', {
  epoch: bcs.u32(),
  blob_id: u256(),
  object_id: Id,
});

// A metadata pair on a blob object was set (`value` some) or removed (`value` none).
export const BlobMetadataUpdated = bcs.struct('BlobMetadataUpdated', {
  epoch: bcs.u32(),
  blob_id: u256(),
  object_id: Id,
  key: bcs.string(),
  value: bcs.option(bcs.string()),
});

// `amount` was added to the rewards of `epoch` (fees other than storage and write fees).
export const RewardsAdded = bcs.struct('RewardsAdded', {
  epoch: bcs.u32(),
  amount: u64(),
});

/** Every event schema by its Move struct name. */
export const eventSchemas = {
  EpochChangeStarted,
  EpochChangeDone,
  EpochSyncTimedOut,
  CommitteeSelected,
  ShardsReceived,
  ParametersApplied,
  NodeRegistered,
  NodeUpdated,
  CommissionScheduled,
  CommissionCollected,
  NodeVoted,
  PoolAdvanced,
  ActiveSetJoined,
  StakeDeposited,
  WithdrawRequested,
  StakeWithdrawn,
  StakedWalSplit,
  StakedWalJoined,
  SlashVoteCast,
  NodeSlashed,
  ProposalCreated,
  VoteCast,
  ProposalFinalized,
  ProposalExecuted,
  PackageUpgraded,
  StorageReserved,
  BlobRegistered,
  BlobCertified,
  BlobDeleted,
  BlobInvalidated,
  PricesUpdated,
  StorageSplit,
  StorageFused,
  StorageDestroyed,
  BlobBurned,
  BlobMetadataUpdated,
  RewardsAdded,
} as const;

export type EventName = keyof typeof eventSchemas;

/** The decoded value of event `N` (u64/u256 fields are decimal strings, as @mysten/bcs gives them). */
export type EventData<N extends EventName> = (typeof eventSchemas)[N]['$inferType'];

/** The value to encode event `N` (u64/u256 fields accept bigint, number or string). */
export type EventInput<N extends EventName> = (typeof eventSchemas)[N]['$inferInput'];

/** The Move module that defines every event. */
export const EVENTS_MODULE = 'events';

/** The full Move type of event `name` under the package that first defined it. */
export function eventType(originalPackageId: string, name: EventName): string {
  return `${originalPackageId}::${EVENTS_MODULE}::${name}`;
}

export const eventNames = Object.keys(eventSchemas) as EventName[];

export function isEventName(name: string): name is EventName {
  return Object.hasOwn(eventSchemas, name);
}
