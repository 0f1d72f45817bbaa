/**
 * The PostgreSQL schema of Tusk, shared by the indexer (writer) and the web app
 * (reader). Change it here, then run `npm run db:generate -w @tusk/shared` to
 * write a migration into `shared/drizzle/`.
 *
 * Every table is derived from our Move events alone (see `shared/src/events.ts`);
 * each is written by exactly one indexer pipeline (named in its doc comment).
 *
 * Column conventions:
 * - Amounts (u64 FROST, share counts, prices, capacities) are `numeric(39,0)`,
 *   read and written as `bigint` (`uint` below). A u64 can exceed PostgreSQL's
 *   signed `bigint`, so `bigint` columns would overflow on legal values; numeric(39)
 *   holds any u128.
 * - Blob IDs (u256) are `numeric(78,0)`, also `bigint` in TypeScript (`u256` below).
 * - Epochs (u32) are `bigint` columns read as `number`: a u32 can exceed `integer`.
 * - Object IDs and addresses are `text`, normalized `0x` + 64 lowercase hex digits.
 * - Checkpoints are `bigint` read as `bigint`; times are the checkpoint's timestamp.
 * - Event-log tables are keyed by the event's identity (checkpoint, tx_digest,
 *   event_index), so a replayed event can never be stored twice.
 */
import {
  bigint,
  boolean,
  customType,
  doublePrecision,
  index,
  integer,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

/** Raw bytes (keys, payloads, dead-letter contents). */
export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
});

/** An unsigned amount up to u128 (u64 FROST in practice): numeric(39,0) <-> bigint. */
export const uint = customType<{ data: bigint; driverData: string }>({
  dataType: () => 'numeric(39, 0)',
  toDriver: (value) => value.toString(),
  fromDriver: (value) => BigInt(value),
});

/** A u256 (blob IDs): numeric(78,0) <-> bigint. */
export const u256 = customType<{ data: bigint; driverData: string }>({
  dataType: () => 'numeric(78, 0)',
  toDriver: (value) => value.toString(),
  fromDriver: (value) => BigInt(value),
});

const epochColumn = (name: string) => bigint(name, { mode: 'number' });
const checkpointColumn = (name: string) => bigint(name, { mode: 'bigint' });
const timeColumn = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** The identity and time of the event a log row came from. */
const eventColumns = () => ({
  checkpoint: checkpointColumn('checkpoint').notNull(),
  txDigest: text('tx_digest').notNull(),
  eventIndex: integer('event_index').notNull(),
  timestamp: timeColumn('timestamp').notNull(),
  epoch: epochColumn('epoch').notNull(),
});

// --- Indexer bookkeeping ---

/** Last checkpoint each pipeline committed, written in the same transaction as its rows. */
export const watermarks = pgTable('watermarks', {
  pipeline: text('pipeline').primaryKey(),
  checkpoint: bigint('checkpoint', { mode: 'bigint' }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * What this database indexes (one row, written on the indexer's first start):
 * the chain and the packages. A later start with another chain or other
 * packages is refused, instead of moving the watermarks over a chain where
 * those packages emit nothing.
 */
export const indexedSource = pgTable('indexed_source', {
  /** Always 1: one source per database. */
  id: integer('id').primaryKey(),
  /** The full node's chain identifier (genesis checkpoint digest). */
  chainId: text('chain_id').notNull(),
  /** Original package IDs, sorted. */
  packageIds: text('package_ids').array().notNull(),
  /** The first checkpoint asked for when this was recorded. */
  startCheckpoint: checkpointColumn('start_checkpoint').notNull(),
  recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Events that could not be decoded or have an unknown type from our package:
 * kept with the reason, never dropped. Written by the `dead_letters` pipeline;
 * `pipeline` names the stage that rejected the event (`decode`).
 */
export const deadLetters = pgTable(
  'dead_letters',
  {
    id: serial('id').primaryKey(),
    pipeline: text('pipeline').notNull(),
    checkpoint: bigint('checkpoint', { mode: 'bigint' }).notNull(),
    txDigest: text('tx_digest').notNull(),
    eventIndex: integer('event_index').notNull(),
    eventType: text('event_type').notNull(),
    contents: bytea('contents').notNull(),
    error: text('error').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('dead_letters_event').on(t.checkpoint, t.txDigest, t.eventIndex)],
);

// --- Epochs (pipeline `epochs`) ---

/**
 * One row per Walrus epoch. `state`: `selected` (its committee was chosen at the
 * previous epoch's voting_end, it has not begun), `sync` (EpochChangeStarted:
 * the new committee is syncing), `done` (EpochChangeDone; after EpochSyncTimedOut when
 * the committee did not reach the sync quorum by half of the epoch).
 * `rewards` and `burned` are what EpochChangeStarted reported when this epoch
 * began, i.e. the previous epoch's fees split into pool rewards and burn.
 * Prices and capacity are those in force for the epoch (ParametersApplied,
 * then any PricesUpdated during it).
 */
export const epochs = pgTable('epochs', {
  epoch: epochColumn('epoch').primaryKey(),
  state: text('state', { enum: ['selected', 'sync', 'done'] }).notNull(),
  startCheckpoint: checkpointColumn('start_checkpoint'),
  startedAt: timeColumn('started_at'),
  doneAt: timeColumn('done_at'),
  /** The change was completed without the sync quorum (EpochSyncTimedOut); `unsyncedNodeIds` had not confirmed. */
  syncTimedOut: boolean('sync_timed_out').notNull().default(false),
  unsyncedNodeIds: text('unsynced_node_ids').array(),
  votingEndedAt: timeColumn('voting_ended_at'),
  totalStake: uint('total_stake'),
  rewards: uint('rewards'),
  burned: uint('burned'),
  committeeSize: integer('committee_size'),
  committeeShards: integer('committee_shards'),
  storagePrice: uint('storage_price'),
  writePrice: uint('write_price'),
  capacity: uint('capacity'),
  updatedCheckpoint: checkpointColumn('updated_checkpoint').notNull(),
});

/** Governed parameters changed at an epoch change (ParametersApplied.changed); latest epoch wins. */
export const parameters = pgTable(
  'parameters',
  {
    epoch: epochColumn('epoch').notNull(),
    name: text('name').notNull(),
    value: uint('value').notNull(),
    checkpoint: checkpointColumn('checkpoint').notNull(),
  },
  (t) => [primaryKey({ columns: [t.epoch, t.name] }), index('parameters_name').on(t.name, t.epoch)],
);

/** Every PricesUpdated (FROST per MiB per epoch). */
export const priceChanges = pgTable(
  'price_changes',
  {
    ...eventColumns(),
    storagePrice: uint('storage_price').notNull(),
    writePrice: uint('write_price').notNull(),
  },
  (t) => [primaryKey({ columns: [t.checkpoint, t.txDigest, t.eventIndex] }), index('price_changes_epoch').on(t.epoch)],
);

// --- Nodes (pipeline `nodes`) ---

/**
 * Every storage node (candidate or committee member) as it is now.
 * `commission_bps` is the rate in force; a scheduled change waits in
 * `pending_commission_*` until its epoch begins. `stake`/`shares`/`rate_*` are
 * from the pool's last PoolAdvanced, lowered by any slash since. `shards` and
 * `status` follow the committee of the latest epoch; `next_shards` is the
 * committee already selected for `next_committee_epoch`. The latest price vote
 * is `voted_*`. `in_active_set`: the pool is in the staking active set (the at
 * most 250 pools that step into every epoch and from which committees are
 * selected): an ActiveSetJoined named it and none has evicted it since; it
 * joined last in `active_set_joined_epoch`. Outside it a node is idle: it
 * earns nothing and its PoolAdvanced (hence `stake`) wait until it is touched.
 */
export const nodes = pgTable(
  'nodes',
  {
    nodeId: text('node_id').primaryKey(),
    operator: text('operator').notNull(),
    name: text('name').notNull(),
    networkAddress: text('network_address').notNull(),
    publicKey: bytea('public_key').notNull(),
    networkPublicKey: bytea('network_public_key'),
    metadataUrl: text('metadata_url'),
    commissionBps: integer('commission_bps').notNull(),
    pendingCommissionBps: integer('pending_commission_bps'),
    pendingCommissionEpoch: epochColumn('pending_commission_epoch'),
    stake: uint('stake').notNull(),
    shares: uint('shares').notNull(),
    rateWal: uint('rate_wal').notNull(),
    rateShares: uint('rate_shares').notNull(),
    lastPoolEpoch: epochColumn('last_pool_epoch'),
    // A registered pool starts idle: it joins when staked with (ActiveSetJoined).
    inActiveSet: boolean('in_active_set').notNull().default(false),
    activeSetJoinedEpoch: epochColumn('active_set_joined_epoch'),
    status: text('status', { enum: ['candidate', 'committee'] }).notNull(),
    shards: integer('shards').notNull(),
    nextShards: integer('next_shards'),
    nextCommitteeEpoch: epochColumn('next_committee_epoch'),
    slashCount: integer('slash_count').notNull(),
    stakeSlashed: uint('stake_slashed').notNull(),
    commissionBurned: uint('commission_burned').notNull(),
    commissionCollected: uint('commission_collected').notNull(),
    votedStoragePrice: uint('voted_storage_price'),
    votedWritePrice: uint('voted_write_price'),
    votedCapacity: uint('voted_capacity'),
    registeredEpoch: epochColumn('registered_epoch').notNull(),
    registeredCheckpoint: checkpointColumn('registered_checkpoint').notNull(),
    registeredAt: timeColumn('registered_at').notNull(),
    updatedCheckpoint: checkpointColumn('updated_checkpoint').notNull(),
  },
  (t) => [index('nodes_operator').on(t.operator), index('nodes_status_stake').on(t.status, t.stake)],
);

// --- Pools and committees (pipeline `pools`) ---

/**
 * One row per pool per epoch it stepped into, from PoolAdvanced, with the
 * shards the pool holds in that epoch's committee (0 if not a member). Pools of
 * the active set step into every epoch; an idle pool only into the epochs it
 * had something scheduled in, and its row is written when a later transaction
 * touches it (`timestamp` is then that transaction's, after the epoch began).
 * A missing epoch had the rate of the pool's previous row.
 *
 * APY: let g = (rate_wal / rate_shares) / (prev_rate_wal / prev_rate_shares),
 * where prev is this pool's previous row (whatever its epoch), and d the time
 * between the two PoolAdvanced events. Then apy = g^(365.25 days / d) - 1: the
 * yearly return of one share if the last epoch's growth (rewards net of
 * commission, minus any slash) compounded for a year (`annualizedReturn` in shared/src/staking, so
 * the dashboard's previews agree). Null for a pool's first row, when d <= 0,
 * or when the result is not a finite number (very short test epochs).
 */
export const nodeEpochs = pgTable(
  'node_epochs',
  {
    nodeId: text('node_id').notNull(),
    epoch: epochColumn('epoch').notNull(),
    checkpoint: checkpointColumn('checkpoint').notNull(),
    timestamp: timeColumn('timestamp').notNull(),
    stake: uint('stake').notNull(),
    shares: uint('shares').notNull(),
    rewards: uint('rewards').notNull(),
    commission: uint('commission').notNull(),
    activated: uint('activated').notNull(),
    withdrawn: uint('withdrawn').notNull(),
    rateWal: uint('rate_wal').notNull(),
    rateShares: uint('rate_shares').notNull(),
    shards: integer('shards').notNull(),
    apy: doublePrecision('apy'),
  },
  (t) => [primaryKey({ columns: [t.nodeId, t.epoch] }), index('node_epochs_epoch').on(t.epoch)],
);

/**
 * The committee of each epoch (CommitteeSelected for `next_epoch`), and the
 * shard indices each member confirmed holding (ShardsReceived).
 */
export const committeeMembers = pgTable(
  'committee_members',
  {
    epoch: epochColumn('epoch').notNull(),
    nodeId: text('node_id').notNull(),
    shards: integer('shards').notNull(),
    selectedCheckpoint: checkpointColumn('selected_checkpoint').notNull(),
    receivedShards: integer('received_shards').array(),
  },
  (t) => [primaryKey({ columns: [t.epoch, t.nodeId] }), index('committee_members_node').on(t.nodeId, t.epoch)],
);

// --- Delegation (pipeline `staking`) ---

/**
 * The life of each StakedWal. `state`: `pending` (activation_epoch not reached),
 * `active`, `withdrawing` (requested; withdrawable from `withdraw_epoch`),
 * `withdrawn` (paid out: `rewards` and `slashed` as reported), `joined` (merged
 * into `joined_into`; no longer exists). `principal` is the current principal
 * (lowered by splits, raised by joins). A position created by a split has
 * `split_from`. `owner`/`node_id` are null only for a split of a position the
 * indexer never saw (it started after the deposit).
 *
 * Rewards to date of a live position are a query: principal times
 * rate(current epoch) / rate(activation_epoch) of its pool, from `node_epochs`.
 */
export const stakePositions = pgTable(
  'stake_positions',
  {
    stakedWalId: text('staked_wal_id').primaryKey(),
    owner: text('owner'),
    nodeId: text('node_id'),
    principal: uint('principal').notNull(),
    state: text('state', { enum: ['pending', 'active', 'withdrawing', 'withdrawn', 'joined'] }).notNull(),
    activationEpoch: epochColumn('activation_epoch'),
    createdEpoch: epochColumn('created_epoch').notNull(),
    withdrawRequestedEpoch: epochColumn('withdraw_requested_epoch'),
    withdrawEpoch: epochColumn('withdraw_epoch'),
    withdrawnEpoch: epochColumn('withdrawn_epoch'),
    rewards: uint('rewards'),
    slashed: uint('slashed'),
    splitFrom: text('split_from'),
    joinedInto: text('joined_into'),
    createdCheckpoint: checkpointColumn('created_checkpoint').notNull(),
    updatedCheckpoint: checkpointColumn('updated_checkpoint').notNull(),
  },
  // No index names a column that events change (state, principal, epochs):
  // then an update can stay on its page without touching any index (a HOT
  // update), and the table is created with room on each page for that
  // (fillfactor, migration 0001). Most positions change in a later batch
  // than the one that created them, so this is most of the staking writes.
  (t) => [
    index('stake_positions_owner').on(t.owner),
    index('stake_positions_node').on(t.nodeId),
    // The epoch change flips pending positions to active by activation epoch.
    index('stake_positions_activation').on(t.activationEpoch),
  ],
);

/**
 * Every delegation event, by owner (history, CSV export). `amount`: the deposit
 * (deposited), the principal (withdraw_requested, withdrawn), the amount split
 * off (split), the principal merged in (joined). `related_id`: the new position
 * (split) or the merged-away one (joined). `effective_epoch`: activation epoch
 * (deposited) or withdraw epoch (withdraw_requested).
 */
export const stakeEvents = pgTable(
  'stake_events',
  {
    ...eventColumns(),
    kind: text('kind', { enum: ['deposited', 'withdraw_requested', 'withdrawn', 'split', 'joined'] }).notNull(),
    stakedWalId: text('staked_wal_id').notNull(),
    nodeId: text('node_id'),
    owner: text('owner'),
    amount: uint('amount').notNull(),
    rewards: uint('rewards'),
    slashed: uint('slashed'),
    relatedId: text('related_id'),
    effectiveEpoch: epochColumn('effective_epoch'),
  },
  (t) => [
    primaryKey({ columns: [t.checkpoint, t.txDigest, t.eventIndex] }),
    index('stake_events_owner').on(t.owner, t.checkpoint),
    index('stake_events_node').on(t.nodeId, t.checkpoint),
    index('stake_events_position').on(t.stakedWalId),
  ],
);

// --- Commission (pipeline `commission`) ---

/** Every CommissionScheduled: the schedule of each node's commission. */
export const commissionChanges = pgTable(
  'commission_changes',
  {
    ...eventColumns(),
    nodeId: text('node_id').notNull(),
    rateBps: integer('rate_bps').notNull(),
    effectiveEpoch: epochColumn('effective_epoch').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.checkpoint, t.txDigest, t.eventIndex] }),
    index('commission_changes_node').on(t.nodeId, t.effectiveEpoch),
  ],
);

/** Every CommissionCollected. */
export const commissionCollections = pgTable(
  'commission_collections',
  {
    ...eventColumns(),
    nodeId: text('node_id').notNull(),
    amount: uint('amount').notNull(),
    receiver: text('receiver').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.checkpoint, t.txDigest, t.eventIndex] }),
    index('commission_collections_node').on(t.nodeId, t.checkpoint),
  ],
);

// --- Slashing (pipeline `slashing`) ---

/** Every SlashVoteCast; `total_weight` is the shards voting for the slash so far that epoch. */
export const slashVotes = pgTable(
  'slash_votes',
  {
    ...eventColumns(),
    voterNodeId: text('voter_node_id').notNull(),
    targetNodeId: text('target_node_id').notNull(),
    weight: uint('weight').notNull(),
    totalWeight: uint('total_weight').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.checkpoint, t.txDigest, t.eventIndex] }),
    index('slash_votes_target').on(t.targetNodeId, t.epoch),
    index('slash_votes_voter').on(t.voterNodeId, t.epoch),
  ],
);

/** Every executed slash (NodeSlashed), with the pool's exchange rate after it. */
export const slashes = pgTable(
  'slashes',
  {
    ...eventColumns(),
    nodeId: text('node_id').notNull(),
    commissionBurned: uint('commission_burned').notNull(),
    stakeBurned: uint('stake_burned').notNull(),
    rateWal: uint('rate_wal').notNull(),
    rateShares: uint('rate_shares').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.checkpoint, t.txDigest, t.eventIndex] }),
    index('slashes_node').on(t.nodeId, t.epoch),
  ],
);

// --- Governance (pipeline `governance`) ---

/**
 * Every proposal. `kind`: `parameter` (payload decoded into parameter_name and
 * parameter_value), `upgrade` (payload is the package digest), `text` (payload
 * decoded into `text`). `status`: `open` until ProposalFinalized, then
 * `passed` / `rejected` / `vetoed` / `failed_quorum`; the final tallies
 * (`yes`...`veto`, with delegator overrides applied) come from that event.
 * `executed_epoch` is set by ProposalExecuted.
 */
export const proposals = pgTable(
  'proposals',
  {
    proposalId: text('proposal_id').primaryKey(),
    proposer: text('proposer').notNull(),
    kind: text('kind', { enum: ['parameter', 'upgrade', 'text', 'unknown'] }).notNull(),
    payload: bytea('payload').notNull(),
    parameterName: text('parameter_name'),
    parameterValue: uint('parameter_value'),
    text: text('text'),
    deposit: uint('deposit').notNull(),
    createdEpoch: epochColumn('created_epoch').notNull(),
    endEpoch: epochColumn('end_epoch').notNull(),
    status: text('status', { enum: ['open', 'passed', 'rejected', 'vetoed', 'failed_quorum', 'unknown'] }).notNull(),
    yes: uint('yes'),
    no: uint('no'),
    abstain: uint('abstain'),
    veto: uint('veto'),
    voteCount: integer('vote_count').notNull(),
    finalizedEpoch: epochColumn('finalized_epoch'),
    executedEpoch: epochColumn('executed_epoch'),
    createdCheckpoint: checkpointColumn('created_checkpoint').notNull(),
    createdAt: timeColumn('created_at').notNull(),
    updatedCheckpoint: checkpointColumn('updated_checkpoint').notNull(),
  },
  (t) => [index('proposals_status').on(t.status, t.endEpoch), index('proposals_proposer').on(t.proposer)],
);

/**
 * The latest vote of each voter on each proposal. `voter` is a node ID
 * (`is_node`) or a StakedWal ID. A StakedWal's vote overrides its node's vote
 * for that stake: the overridden node is `stake_positions.node_id` of the
 * voter (join on `voter = staked_wal_id`). `option`: `yes`, `no`, `abstain`,
 * `no_with_veto`. `revotes` counts replaced votes.
 */
export const votes = pgTable(
  'votes',
  {
    proposalId: text('proposal_id').notNull(),
    voter: text('voter').notNull(),
    isNode: boolean('is_node').notNull(),
    option: text('option', { enum: ['yes', 'no', 'abstain', 'no_with_veto', 'unknown'] }).notNull(),
    weight: uint('weight').notNull(),
    epoch: epochColumn('epoch').notNull(),
    checkpoint: checkpointColumn('checkpoint').notNull(),
    txDigest: text('tx_digest').notNull(),
    eventIndex: integer('event_index').notNull(),
    timestamp: timeColumn('timestamp').notNull(),
    revotes: integer('revotes').notNull(),
  },
  (t) => [primaryKey({ columns: [t.proposalId, t.voter] }), index('votes_voter').on(t.voter)],
);

/** Every PackageUpgraded. */
export const packageUpgrades = pgTable(
  'package_upgrades',
  {
    ...eventColumns(),
    packageId: text('package_id').notNull(),
    version: uint('version').notNull(),
  },
  (t) => [primaryKey({ columns: [t.checkpoint, t.txDigest, t.eventIndex] })],
);

// --- Storage (pipeline `storage`) ---

/**
 * Every storage resource: bought (StorageReserved, `paid` set), or cut off
 * another by a split (`split_from`, `paid` null). `size`, `start_epoch` and
 * `end_epoch` follow splits and fusions. `state`: `active`, `fused` (merged into
 * `fused_into`, no longer exists), `destroyed` (expired and destroyed).
 * Attaching storage to a blob emits no storage event, so it stays `active` here.
 */
export const storageResources = pgTable(
  'storage_resources',
  {
    storageId: text('storage_id').primaryKey(),
    owner: text('owner'),
    size: uint('size').notNull(),
    startEpoch: epochColumn('start_epoch').notNull(),
    endEpoch: epochColumn('end_epoch').notNull(),
    paid: uint('paid'),
    state: text('state', { enum: ['active', 'fused', 'destroyed'] }).notNull(),
    splitFrom: text('split_from'),
    fusedInto: text('fused_into'),
    epoch: epochColumn('epoch').notNull(),
    checkpoint: checkpointColumn('checkpoint').notNull(),
    timestamp: timeColumn('timestamp').notNull(),
    updatedCheckpoint: checkpointColumn('updated_checkpoint').notNull(),
  },
  (t) => [index('storage_resources_owner').on(t.owner), index('storage_resources_end').on(t.endEpoch)],
);

/**
 * Every blob object. `state`: `registered`, `certified`, `deleted` (storage
 * returned), `burned` (destroyed without returning storage).
 * `end_epoch` follows extensions. `invalidated` once BlobInvalidated named its
 * blob ID (all objects with that ID).
 */
export const blobs = pgTable(
  'blobs',
  {
    objectId: text('object_id').primaryKey(),
    blobId: u256('blob_id').notNull(),
    owner: text('owner').notNull(),
    size: uint('size').notNull(),
    encodingType: integer('encoding_type').notNull(),
    deletable: boolean('deletable').notNull(),
    state: text('state', { enum: ['registered', 'certified', 'deleted', 'burned'] }).notNull(),
    invalidated: boolean('invalidated').notNull(),
    registeredEpoch: epochColumn('registered_epoch').notNull(),
    certifiedEpoch: epochColumn('certified_epoch'),
    deletedEpoch: epochColumn('deleted_epoch'),
    burnedEpoch: epochColumn('burned_epoch'),
    endEpoch: epochColumn('end_epoch').notNull(),
    extensions: integer('extensions').notNull(),
    writeFee: uint('write_fee').notNull(),
    registeredCheckpoint: checkpointColumn('registered_checkpoint').notNull(),
    registeredAt: timeColumn('registered_at').notNull(),
    updatedCheckpoint: checkpointColumn('updated_checkpoint').notNull(),
  },
  // As for stake_positions: indexes only on columns that never change, and
  // room on each page (migration 0001), so certifying, extending and
  // deleting a stored blob is an update in place. Listing by state reads the
  // table: an index on state would make every one of those updates rewrite
  // every index, and the list counts all blobs in the state anyway.
  (t) => [index('blobs_blob_id').on(t.blobId), index('blobs_owner').on(t.owner, t.registeredCheckpoint)],
);

/** The metadata pairs currently set on each blob object (BlobMetadataUpdated; a removal deletes the row). */
export const blobMetadata = pgTable(
  'blob_metadata',
  {
    objectId: text('object_id').notNull(),
    key: text('key').notNull(),
    value: text('value').notNull(),
    epoch: epochColumn('epoch').notNull(),
    checkpoint: checkpointColumn('checkpoint').notNull(),
  },
  (t) => [primaryKey({ columns: [t.objectId, t.key] })],
);

/** Blob IDs declared invalid (BlobInvalidated). */
export const invalidBlobIds = pgTable('invalid_blob_ids', {
  blobId: u256('blob_id').primaryKey(),
  epoch: epochColumn('epoch').notNull(),
  checkpoint: checkpointColumn('checkpoint').notNull(),
});

/**
 * Fees paid during each epoch: storage purchases (`storage_paid`, the full
 * price of every StorageReserved in the epoch, though the protocol spreads it
 * over the paid epochs as rewards), write fees (BlobRegistered), and other
 * rewards added (RewardsAdded), with counts.
 */
export const epochFees = pgTable('epoch_fees', {
  epoch: epochColumn('epoch').primaryKey(),
  storagePaid: uint('storage_paid').notNull(),
  storageReservedBytes: uint('storage_reserved_bytes').notNull(),
  storageReservations: integer('storage_reservations').notNull(),
  writeFees: uint('write_fees').notNull(),
  blobsRegistered: integer('blobs_registered').notNull(),
  rewardsAdded: uint('rewards_added').notNull(),
});
