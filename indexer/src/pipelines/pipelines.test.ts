/**
 * Each pipeline's table outcome on a small hand-written story whose facts are
 * derived by hand. Batches of two checkpoints make state cross batch boundaries.
 */
import { asc, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '@tusk/shared/db/database';
import {
  blobMetadata,
  blobs,
  commissionChanges,
  committeeMembers,
  epochFees,
  epochs,
  nodeEpochs,
  nodes,
  parameters,
  proposals,
  slashes,
  slashVotes,
  stakeEvents,
  stakePositions,
  storageResources,
  votes,
} from '@tusk/shared/db/schema';
import { testDatabaseKinds } from '@tusk/shared/db/testing';
import { FROST_PER_WAL as WAL } from '@tusk/shared/protocol';
import { annualizedReturn } from '@tusk/shared/staking/exchangeRate';
import { CheckpointAssembler, event } from '../../../test/scenario/checkpointAssembler.ts';
import type { Checkpoint } from '../source/checkpoint.ts';
import { indexCheckpoints, TEST_PACKAGE_ID } from '../testing/indexScenario.ts';

const id = (n: number) => '0x' + n.toString(16).padStart(64, '0');
const [A, B] = [id(0xa), id(0xb)];
const [alice, bob, carol] = [id(0xa11ce), id(0xb0b), id(0xca201)];
const [P1, P2, P3] = [id(0x1001), id(0x1002), id(0x1003)];
const G1 = id(0x9001);
const [X, Y] = [id(0xb10b1), id(0xb10b2)];
const [S1, S2, S3] = [id(0x5101), id(0x5102), id(0x5103)];
const BLOB_ID = 0xdeadbeefn << 200n;
const DAY = 86_400_000n;

/** The story, one checkpoint per step; each epoch lasts one day. */
function story(): { checkpoints: Checkpoint[]; epochStart: Map<number, bigint> } {
  const cp = new CheckpointAssembler(TEST_PACKAGE_ID, 100n, 1_735_689_600_000n);
  const out: Checkpoint[] = [];
  const epochStart = new Map<number, bigint>();
  const seal = () => out.push(cp.seal(1000n));
  const startEpoch = (epoch: number) => {
    cp.nextTimestampMs = 1_735_689_600_000n + BigInt(epoch) * DAY;
    epochStart.set(epoch, cp.nextTimestampMs);
  };

  startEpoch(0);
  cp.transaction([event('EpochChangeStarted', { epoch: 0, total_stake: 0n, rewards: 0n, burned: 0n })]);
  for (const [node, name] of [
    [A, 'alpha'],
    [B, 'beta'],
  ] as const) {
    cp.transaction([
      event('NodeRegistered', {
        epoch: 0,
        node_id: node,
        operator: node === A ? carol : bob,
        name,
        network_address: `${name}:9185`,
        public_key: new Uint8Array(96),
        commission_bps: 1000,
      }),
    ]);
  }
  cp.transaction([event('EpochChangeDone', { epoch: 0 })]);
  seal();
  cp.transaction([
    event('StakeDeposited', {
      epoch: 0,
      staked_wal_id: P1,
      node_id: A,
      owner: alice,
      amount: 10n * WAL,
      activation_epoch: 1,
    }),
  ]);
  cp.transaction([
    event('StakeDeposited', {
      epoch: 0,
      staked_wal_id: P2,
      node_id: B,
      owner: bob,
      amount: 20n * WAL,
      activation_epoch: 1,
    }),
  ]);
  seal();
  cp.transaction([event('CommitteeSelected', { epoch: 0, next_epoch: 1, node_ids: [A, B], shards: [600, 400] })]);
  seal();

  startEpoch(1);
  cp.transaction([
    event('EpochChangeStarted', { epoch: 1, total_stake: 30n * WAL, rewards: 0n, burned: 0n }),
    poolAdvanced(1, A, 10n * WAL, 10n * WAL, 0n, 0n, 10n * WAL, 0n, 1n, 1n),
    poolAdvanced(1, B, 20n * WAL, 20n * WAL, 0n, 0n, 20n * WAL, 0n, 1n, 1n),
  ]);
  cp.transaction([event('CommissionScheduled', { epoch: 1, node_id: A, rate_bps: 500, effective_epoch: 3 })]);
  seal();
  cp.transaction([
    event('ShardsReceived', { epoch: 1, node_id: A, shards: [0, 1, 2] }),
    event('EpochChangeDone', { epoch: 1 }),
  ]);
  cp.transaction([
    event('WithdrawRequested', {
      epoch: 1,
      staked_wal_id: P1,
      node_id: A,
      owner: alice,
      principal: 10n * WAL,
      withdraw_epoch: 2,
    }),
  ]);
  cp.transaction([event('CommitteeSelected', { epoch: 1, next_epoch: 2, node_ids: [B], shards: [1000] })]);
  seal();

  // Epoch 2: A earned 1 WAL, kept 10% commission; alice's 10 WAL left worth 10.9 WAL.
  startEpoch(2);
  cp.transaction([
    event('EpochChangeStarted', { epoch: 2, total_stake: 20n * WAL, rewards: 1n * WAL, burned: 31_000_000n }),
    poolAdvanced(2, A, 0n, 0n, 1n * WAL, WAL / 10n, 0n, 10_900_000_000n, 10_900_000_000n, 10n * WAL),
    poolAdvanced(2, B, 20n * WAL, 20n * WAL, 0n, 0n, 0n, 0n, 20n * WAL, 20n * WAL),
  ]);
  seal();
  cp.transaction([
    event('StakeWithdrawn', {
      epoch: 2,
      staked_wal_id: P1,
      node_id: A,
      owner: alice,
      principal: 10n * WAL,
      rewards: 900_000_000n,
      slashed: 0n,
    }),
  ]);
  seal();
  cp.transaction([
    event('SlashVoteCast', { epoch: 2, voter_node_id: A, target_node_id: B, weight: 600n, total_weight: 600n }),
    event('NodeSlashed', {
      epoch: 2,
      node_id: B,
      commission_burned: 5n,
      stake_burned: WAL / 5n,
      rate_wal: 19_800_000_000n,
      rate_shares: 20n * WAL,
    }),
  ]);
  seal();

  startEpoch(3);
  cp.transaction([event('EpochChangeStarted', { epoch: 3, total_stake: 19_800_000_000n, rewards: 0n, burned: 0n })]);
  cp.transaction([event('StakedWalSplit', { epoch: 3, from_id: P2, new_id: P3, amount: 5n * WAL })]);
  seal();
  cp.transaction([event('StakedWalJoined', { epoch: 3, into_id: P2, from_id: P3 })]);
  cp.transaction([
    event('ProposalCreated', {
      epoch: 3,
      proposal_id: G1,
      proposer: carol,
      kind: 0,
      payload: new Uint8Array([9, ...new TextEncoder().encode('slash_bps'), 200, 0, 0, 0, 0, 0, 0, 0]),
      deposit: 100n * WAL,
      end_epoch: 5,
    }),
  ]);
  seal();
  cp.transaction([event('VoteCast', { epoch: 3, proposal_id: G1, voter: A, is_node: true, option: 0, weight: 10n })]);
  cp.transaction([event('VoteCast', { epoch: 3, proposal_id: G1, voter: P2, is_node: false, option: 1, weight: 20n })]);
  seal();
  cp.transaction([event('VoteCast', { epoch: 3, proposal_id: G1, voter: P2, is_node: false, option: 2, weight: 20n })]);
  cp.transaction([
    event('ProposalFinalized', { epoch: 3, proposal_id: G1, status: 1, yes: 10n, no: 0n, abstain: 20n, veto: 0n }),
    event('ProposalExecuted', { epoch: 3, proposal_id: G1 }),
    event('ParametersApplied', {
      epoch: 3,
      storage_price: 7n,
      write_price: 3n,
      capacity: 1n << 40n,
      changed: [{ name: 'slash_bps', value: 200n }],
    }),
  ]);
  seal();
  // Storage across batches: X registered and certified, its ID invalidated later; Y registered with the same ID after.
  cp.transaction([
    event('StorageReserved', {
      epoch: 3,
      storage_id: id(0x5001),
      owner: carol,
      size: 1000n,
      start_epoch: 3,
      end_epoch: 8,
      paid: 500n,
    }),
    event('BlobRegistered', {
      epoch: 3,
      blob_id: BLOB_ID,
      object_id: X,
      owner: carol,
      size: 100n,
      encoding_type: 1,
      end_epoch: 8,
      deletable: true,
      write_fee: 30n,
    }),
  ]);
  seal();
  cp.transaction([
    event('BlobCertified', {
      epoch: 3,
      blob_id: BLOB_ID,
      object_id: X,
      end_epoch: 8,
      deletable: true,
      is_extension: false,
    }),
  ]);
  cp.transaction([
    event('BlobCertified', {
      epoch: 3,
      blob_id: BLOB_ID,
      object_id: X,
      end_epoch: 12,
      deletable: true,
      is_extension: true,
    }),
  ]);
  seal();
  cp.transaction([event('BlobInvalidated', { epoch: 3, blob_id: BLOB_ID })]);
  seal();
  cp.transaction([
    event('StorageReserved', {
      epoch: 3,
      storage_id: id(0x5002),
      owner: bob,
      size: 2000n,
      start_epoch: 3,
      end_epoch: 4,
      paid: 200n,
    }),
    event('BlobRegistered', {
      epoch: 3,
      blob_id: BLOB_ID,
      object_id: Y,
      owner: bob,
      size: 200n,
      encoding_type: 1,
      end_epoch: 4,
      deletable: true,
      write_fee: 60n,
    }),
  ]);
  seal();
  cp.transaction([
    event('BlobDeleted', { epoch: 3, blob_id: BLOB_ID, object_id: Y, end_epoch: 4, was_certified: false }),
  ]);
  cp.transaction([
    event('BlobMetadataUpdated', {
      epoch: 3,
      blob_id: BLOB_ID,
      object_id: X,
      key: 'content-type',
      value: 'text/plain',
    }),
  ]);
  cp.transaction([
    event('BlobMetadataUpdated', { epoch: 3, blob_id: BLOB_ID, object_id: X, key: 'filename', value: 'a.txt' }),
  ]);
  seal();
  cp.transaction([
    event('BlobMetadataUpdated', { epoch: 3, blob_id: BLOB_ID, object_id: X, key: 'filename', value: null }),
  ]);
  cp.transaction([event('BlobBurned', { epoch: 3, blob_id: BLOB_ID, object_id: X })]);
  cp.transaction([event('RewardsAdded', { epoch: 3, amount: 77n })]);
  // Storage bought alone: S1 split by epoch into S1 [3,5) and S2 [5,9), fused back; S3 expires and is destroyed.
  cp.transaction([
    event('StorageReserved', {
      epoch: 3,
      storage_id: S1,
      owner: carol,
      size: 4096n,
      start_epoch: 3,
      end_epoch: 9,
      paid: 50n,
    }),
    event('StorageSplit', {
      epoch: 3,
      storage_id: S1,
      size: 4096n,
      start_epoch: 3,
      end_epoch: 5,
      new_storage_id: S2,
      new_size: 4096n,
      new_start_epoch: 5,
      new_end_epoch: 9,
    }),
  ]);
  seal();
  cp.transaction([
    event('StorageFused', { epoch: 3, storage_id: S1, fused_id: S2, size: 4096n, start_epoch: 3, end_epoch: 9 }),
  ]);
  cp.transaction([
    event('StorageReserved', {
      epoch: 3,
      storage_id: S3,
      owner: bob,
      size: 1000n,
      start_epoch: 3,
      end_epoch: 4,
      paid: 10n,
    }),
  ]);
  seal();
  cp.transaction([event('StorageDestroyed', { epoch: 4, storage_id: S3 })]);
  seal();
  return { checkpoints: out, epochStart };
}

function poolAdvanced(
  epoch: number,
  node: string,
  stake: bigint,
  shares: bigint,
  rewards: bigint,
  commission: bigint,
  activated: bigint,
  withdrawn: bigint,
  rateWal: bigint,
  rateShares: bigint,
) {
  return event('PoolAdvanced', {
    epoch,
    node_id: node,
    stake,
    shares,
    rewards,
    commission,
    activated,
    withdrawn,
    rate_wal: rateWal,
    rate_shares: rateShares,
  });
}

const { checkpoints, epochStart } = story();

describe.each(testDatabaseKinds())('pipelines on $name', (kind) => {
  let open: OpenDatabase;
  beforeAll(async () => {
    open = await kind.open();
    await indexCheckpoints(open.db, checkpoints, {
      batch: { maxCheckpoints: 2, maxRows: 1000, flushIntervalMs: 60_000 },
    });
  });
  afterAll(() => open?.close());

  it('staking: alice stakes 10 WAL, withdraws at epoch 2 and shows as withdrawn with 0.9 WAL rewards', async () => {
    const [p1] = await open.db.select().from(stakePositions).where(eq(stakePositions.stakedWalId, P1));
    expect(p1).toMatchObject({
      owner: alice,
      nodeId: A,
      principal: 10n * WAL,
      state: 'withdrawn',
      activationEpoch: 1,
      withdrawRequestedEpoch: 1,
      withdrawEpoch: 2,
      withdrawnEpoch: 2,
      rewards: 900_000_000n,
      slashed: 0n,
    });
    const history = await open.db
      .select()
      .from(stakeEvents)
      .where(eq(stakeEvents.owner, alice))
      .orderBy(asc(stakeEvents.checkpoint));
    expect(history.map((e) => [e.kind, e.amount, e.effectiveEpoch])).toEqual([
      ['deposited', 10n * WAL, 1],
      ['withdraw_requested', 10n * WAL, 2],
      ['withdrawn', 10n * WAL, null],
    ]);
  });

  it('staking: a pending stake becomes active when its activation epoch begins', async () => {
    const [p2] = await open.db.select().from(stakePositions).where(eq(stakePositions.stakedWalId, P2));
    expect(p2).toMatchObject({ state: 'active', activationEpoch: 1, principal: 20n * WAL });
  });

  it('staking: a split inherits owner and node, and joining it back moves its principal and marks it joined', async () => {
    const [p3] = await open.db.select().from(stakePositions).where(eq(stakePositions.stakedWalId, P3));
    expect(p3).toMatchObject({
      owner: bob,
      nodeId: B,
      splitFrom: P2,
      joinedInto: P2,
      state: 'joined',
      principal: 0n,
      activationEpoch: 1,
    });
    const bobs = await open.db
      .select()
      .from(stakeEvents)
      .where(eq(stakeEvents.owner, bob))
      .orderBy(asc(stakeEvents.checkpoint));
    expect(bobs.map((e) => [e.kind, e.stakedWalId, e.relatedId, e.amount])).toEqual([
      ['deposited', P2, null, 20n * WAL],
      ['split', P2, P3, 5n * WAL],
      ['joined', P2, P3, 5n * WAL],
    ]);
  });

  it('nodes: a slash lowers the stake and rate and counts on the node; slashes and votes are logged', async () => {
    const [b] = await open.db.select().from(nodes).where(eq(nodes.nodeId, B));
    expect(b).toMatchObject({
      slashCount: 1,
      stake: 19_800_000_000n,
      stakeSlashed: WAL / 5n,
      commissionBurned: 5n,
      rateWal: 19_800_000_000n,
      rateShares: 20n * WAL,
    });
    expect(await open.db.select().from(slashes)).toMatchObject([{ nodeId: B, epoch: 2, stakeBurned: WAL / 5n }]);
    expect(await open.db.select().from(slashVotes)).toMatchObject([
      { voterNodeId: A, targetNodeId: B, weight: 600n, totalWeight: 600n },
    ]);
  });

  it('nodes: committee membership follows the selected committee when its epoch begins', async () => {
    const rows = await open.db.select().from(nodes).orderBy(asc(nodes.nodeId));
    expect(rows.map((n) => [n.nodeId, n.status, n.shards])).toEqual([
      [A, 'candidate', 0],
      [B, 'committee', 1000],
    ]);
  });

  it('nodes and commission: a scheduled commission takes effect at its epoch and the schedule is logged', async () => {
    const [a] = await open.db.select().from(nodes).where(eq(nodes.nodeId, A));
    expect(a).toMatchObject({ commissionBps: 500, pendingCommissionBps: null, pendingCommissionEpoch: null });
    expect(await open.db.select().from(commissionChanges)).toMatchObject([
      { nodeId: A, rateBps: 500, effectiveEpoch: 3, epoch: 1 },
    ]);
  });

  it('pools: node_epochs carry the committee shards and the APY of the rate change over the epoch', async () => {
    const rows = await open.db.select().from(nodeEpochs).where(eq(nodeEpochs.nodeId, A)).orderBy(asc(nodeEpochs.epoch));
    expect(rows.map((r) => [r.epoch, r.shards, r.rateWal, r.rateShares])).toEqual([
      [1, 600, 1n, 1n],
      [2, 0, 10_900_000_000n, 10n * WAL],
    ]);
    expect(rows[0]!.apy).toBeNull();
    const expected = annualizedReturn(
      { wal: 1n, shares: 1n },
      { wal: 109n, shares: 100n },
      Number(epochStart.get(2)! - epochStart.get(1)!),
    );
    expect(rows[1]!.apy).toBeCloseTo(expected!, 9);
    const members = await open.db
      .select()
      .from(committeeMembers)
      .orderBy(asc(committeeMembers.epoch), asc(committeeMembers.nodeId));
    expect(members.map((m) => [m.epoch, m.nodeId, m.shards, m.receivedShards])).toEqual([
      [1, A, 600, [0, 1, 2]],
      [1, B, 400, null],
      [2, B, 1000, null],
    ]);
  });

  it('epochs: states, committee size, rewards and applied parameters per epoch', async () => {
    const rows = await open.db.select().from(epochs).orderBy(asc(epochs.epoch));
    expect(rows.map((e) => [e.epoch, e.state, e.committeeSize, e.committeeShards])).toEqual([
      [0, 'done', null, null],
      [1, 'done', 2, 1000],
      [2, 'sync', 1, 1000],
      [3, 'sync', null, null],
    ]);
    expect(rows[2]).toMatchObject({ rewards: WAL, burned: 31_000_000n, totalStake: 20n * WAL });
    expect(rows[0]!.votingEndedAt).not.toBeNull();
    expect(rows[3]).toMatchObject({ storagePrice: 7n, writePrice: 3n });
    expect(await open.db.select().from(parameters)).toMatchObject([{ epoch: 3, name: 'slash_bps', value: 200n }]);
  });

  it('governance: a parameter proposal decodes its payload, counts a re-vote once and keeps the final tallies', async () => {
    const [g] = await open.db.select().from(proposals);
    expect(g).toMatchObject({
      proposalId: G1,
      kind: 'parameter',
      parameterName: 'slash_bps',
      parameterValue: 200n,
      status: 'passed',
      yes: 10n,
      no: 0n,
      abstain: 20n,
      veto: 0n,
      voteCount: 2,
      finalizedEpoch: 3,
      executedEpoch: 3,
    });
    const rows = await open.db.select().from(votes).orderBy(asc(votes.voter));
    expect(rows.map((v) => [v.voter, v.isNode, v.option, v.weight, v.revotes])).toEqual([
      [A, true, 'yes', 10n, 0],
      [P2, false, 'abstain', 20n, 1],
    ]);
  });

  it('storage: blobs follow certification, extension, deletion and burning; an invalid ID marks earlier and later blobs', async () => {
    const rows = await open.db.select().from(blobs).orderBy(asc(blobs.objectId));
    expect(rows.map((b) => [b.objectId, b.state, b.certifiedEpoch, b.endEpoch, b.extensions, b.invalidated])).toEqual([
      [X, 'burned', 3, 12, 1, true],
      [Y, 'deleted', null, 4, 0, true],
    ]);
  });

  it('storage: blob metadata keeps the pairs still set', async () => {
    expect(await open.db.select().from(blobMetadata)).toMatchObject([
      { objectId: X, key: 'content-type', value: 'text/plain' },
    ]);
  });

  it('storage: a resource split off inherits its owner, fuses back, and an expired one is destroyed', async () => {
    const rows = await open.db
      .select()
      .from(storageResources)
      .where(inArray(storageResources.storageId, [S1, S2, S3]))
      .orderBy(asc(storageResources.storageId));
    expect(
      rows.map((r) => [r.storageId, r.owner, r.state, r.startEpoch, r.endEpoch, r.paid, r.splitFrom, r.fusedInto]),
    ).toEqual([
      [S1, carol, 'active', 3, 9, 50n, null, null],
      [S2, carol, 'fused', 5, 9, null, S1, S1],
      [S3, bob, 'destroyed', 3, 4, 10n, null, null],
    ]);
  });

  it('storage: fees and added rewards of an epoch add up across batches', async () => {
    expect(await open.db.select().from(epochFees)).toEqual([
      {
        epoch: 3,
        storagePaid: 760n,
        storageReservedBytes: 8096n,
        storageReservations: 4,
        writeFees: 90n,
        blobsRegistered: 2,
        rewardsAdded: 77n,
      },
    ]);
  });
});

const [ALPHA, BETA, GAMMA] = [id(0xa5), id(0xb5), id(0xc5)];
const [Q1, Q2, Q3, Q4] = [id(0x2001), id(0x2002), id(0x2003), id(0x2004)];

/**
 * The active set and an idle pool, one day per epoch. Alpha and beta join
 * the set when staked with; gamma, staked while the set is full, stays idle,
 * so its step into epoch 1 is emitted only when `join_active_set` lets it in
 * during epoch 3 (in place of beta); bob brings beta back in epoch 4 by
 * staking more, in place of gamma. Alpha alone is in the committee.
 */
function activeSetStory(): { checkpoints: Checkpoint[]; epochStart: Map<number, bigint> } {
  const cp = new CheckpointAssembler(TEST_PACKAGE_ID, 100n, 1_735_689_600_000n);
  const out: Checkpoint[] = [];
  const epochStart = new Map<number, bigint>();
  const seal = () => out.push(cp.seal(1000n));
  const startEpoch = (epoch: number, total: bigint, advanced: ReturnType<typeof poolAdvanced>[]) => {
    cp.nextTimestampMs = 1_735_689_600_000n + BigInt(epoch) * DAY;
    epochStart.set(epoch, cp.nextTimestampMs);
    cp.transaction([event('EpochChangeStarted', { epoch, total_stake: total, rewards: 0n, burned: 0n }), ...advanced]);
    seal();
  };
  const select = (epoch: number) => {
    cp.transaction([event('CommitteeSelected', { epoch, next_epoch: epoch + 1, node_ids: [ALPHA], shards: [1000] })]);
    seal();
  };
  // A checkpoint without node events, so the next one is a batch of its own.
  const quiet = (epoch: number) => {
    cp.transaction([event('RewardsAdded', { epoch, amount: 1n })]);
    seal();
  };
  const stake = (epoch: number, position: string, node: string, owner: string, amount: bigint) =>
    event('StakeDeposited', {
      epoch,
      staked_wal_id: position,
      node_id: node,
      owner,
      amount,
      activation_epoch: epoch + 1,
    });

  startEpoch(0, 0n, []);
  for (const [node, name] of [
    [ALPHA, 'alpha'],
    [BETA, 'beta'],
    [GAMMA, 'gamma'],
  ] as const) {
    cp.transaction([
      event('NodeRegistered', {
        epoch: 0,
        node_id: node,
        operator: carol,
        name,
        network_address: `${name}:9185`,
        public_key: new Uint8Array(96),
        commission_bps: 0,
      }),
    ]);
  }
  seal();
  cp.transaction([
    event('ActiveSetJoined', { epoch: 0, node_id: ALPHA, stake: 10n * WAL, evicted: null }),
    stake(0, Q1, ALPHA, alice, 10n * WAL),
  ]);
  cp.transaction([
    event('ActiveSetJoined', { epoch: 0, node_id: BETA, stake: 5n * WAL, evicted: null }),
    stake(0, Q2, BETA, bob, 5n * WAL),
  ]);
  // The set is full (in this story) and gamma's stake beats no member that can leave: it stays idle.
  cp.transaction([stake(0, Q3, GAMMA, carol, 20n * WAL)]);
  seal();
  select(0);

  startEpoch(1, 35n * WAL, [
    poolAdvanced(1, ALPHA, 10n * WAL, 10n * WAL, 0n, 0n, 10n * WAL, 0n, 0n, 0n),
    poolAdvanced(1, BETA, 5n * WAL, 5n * WAL, 0n, 0n, 5n * WAL, 0n, 0n, 0n),
  ]);
  select(1);
  startEpoch(2, 36n * WAL, [
    poolAdvanced(2, ALPHA, 11n * WAL, 10n * WAL, 1n * WAL, 0n, 0n, 0n, 11n * WAL, 10n * WAL),
    poolAdvanced(2, BETA, 5n * WAL, 5n * WAL, 0n, 0n, 0n, 0n, 5n * WAL, 5n * WAL),
  ]);
  select(2);
  startEpoch(3, 37n * WAL, [
    poolAdvanced(3, ALPHA, 12n * WAL, 10n * WAL, 1n * WAL, 0n, 0n, 0n, 12n * WAL, 10n * WAL),
    poolAdvanced(3, BETA, 5n * WAL, 5n * WAL, 0n, 0n, 0n, 0n, 5n * WAL, 5n * WAL),
  ]);
  quiet(3);
  // join_active_set(gamma): its overdue step into epoch 1 first, then it takes beta's place.
  cp.transaction([
    poolAdvanced(1, GAMMA, 20n * WAL, 20n * WAL, 0n, 0n, 20n * WAL, 0n, 0n, 0n),
    event('ActiveSetJoined', { epoch: 3, node_id: GAMMA, stake: 20n * WAL, evicted: BETA }),
  ]);
  seal();
  quiet(3);
  select(3);

  // Beta is idle now: no step into epoch 4. Gamma, in the set, steps into it.
  startEpoch(4, 37n * WAL, [
    poolAdvanced(4, ALPHA, 13n * WAL, 10n * WAL, 1n * WAL, 0n, 0n, 0n, 13n * WAL, 10n * WAL),
    poolAdvanced(4, GAMMA, 20n * WAL, 20n * WAL, 0n, 0n, 0n, 0n, 20n * WAL, 20n * WAL),
  ]);
  quiet(4);
  // Bob stakes 30 WAL more with beta: 35 WAL beats gamma's 20, so beta comes back in gamma's place.
  cp.transaction([
    event('ActiveSetJoined', { epoch: 4, node_id: BETA, stake: 35n * WAL, evicted: GAMMA }),
    stake(4, Q4, BETA, bob, 30n * WAL),
  ]);
  seal();
  quiet(4);
  return { checkpoints: out, epochStart };
}

describe.each(testDatabaseKinds())('active set and idle pools on $name', (kind) => {
  const story = activeSetStory();
  let open: OpenDatabase;
  beforeAll(async () => {
    open = await kind.open();
    // One checkpoint per batch: an eviction is a batch of its own, naming the evicted node only as `evicted`.
    await indexCheckpoints(open.db, story.checkpoints, {
      batch: { maxCheckpoints: 1, maxRows: 1000, flushIntervalMs: 60_000 },
    });
  });
  afterAll(() => open?.close());

  it('nodes: ActiveSetJoined puts its node in the active set with the epoch it joined and takes the evicted one out', async () => {
    const rows = await open.db.select().from(nodes).orderBy(asc(nodes.nodeId));
    expect(rows.map((n) => [n.nodeId, n.inActiveSet, n.activeSetJoinedEpoch])).toEqual([
      [ALPHA, true, 0],
      [BETA, true, 4],
      // Evicted in epoch 4: out of the set, the epoch it last joined kept.
      [GAMMA, false, 3],
    ]);
  });

  it('nodes: a node staked without joining stays idle, with no pool step, until it joins', async () => {
    const early = await kind.open();
    try {
      const beforeEpoch3 = story.checkpoints.filter((c) => c.timestampMs < story.epochStart.get(3)!);
      await indexCheckpoints(early.db, beforeEpoch3);
      const rows = await early.db.select().from(nodes).orderBy(asc(nodes.nodeId));
      expect(rows.map((n) => [n.nodeId, n.inActiveSet, n.activeSetJoinedEpoch, n.lastPoolEpoch])).toEqual([
        [ALPHA, true, 0, 2],
        [BETA, true, 0, 2],
        [GAMMA, false, null, null],
      ]);
    } finally {
      await early.close();
    }
  });

  it('pools: an idle pool’s late step gets a row for its own epoch, and the APY after a gap compares with that row', async () => {
    const rows = await open.db
      .select()
      .from(nodeEpochs)
      .where(eq(nodeEpochs.nodeId, GAMMA))
      .orderBy(asc(nodeEpochs.epoch));
    expect(rows.map((r) => [r.epoch, r.stake, r.activated, r.shards])).toEqual([
      [1, 20n * WAL, 20n * WAL, 0],
      [4, 20n * WAL, 0n, 0],
    ]);
    // The step into epoch 1 was emitted in epoch 3, and stored with that transaction's time.
    expect(BigInt(rows[0]!.timestamp.getTime())).toBeGreaterThan(story.epochStart.get(3)!);
    expect(rows[0]!.apy).toBeNull();
    // Epochs 2 and 3 are missing: the APY of epoch 4 is against epoch 1's rate (flat, unchanged: 0), not null.
    expect(rows[1]!.apy).toBe(0);
    const beta = await open.db.select().from(nodeEpochs).where(eq(nodeEpochs.nodeId, BETA));
    expect(beta.map((r) => r.epoch).sort()).toEqual([1, 2, 3]);
    const [gamma] = await open.db.select().from(nodes).where(eq(nodes.nodeId, GAMMA));
    expect(gamma).toMatchObject({ stake: 20n * WAL, lastPoolEpoch: 4 });
  });
});
