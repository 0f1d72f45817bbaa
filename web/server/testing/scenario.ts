/**
 * A small, hand-checkable Tusk world written straight into the tables, for
 * testing the web's queries and API without running the chain and indexer:
 * six nodes (four in the committee, one slashed, two candidates of which one,
 * f, is idle: outside the staking active set), epochs 0..5
 * with epoch 6 selected, one delegator ("alice") holding a position in every
 * state, two proposals with votes and an override, slash votes, blobs, fees.
 * Every number is derived here in code, so tests can state expectations from
 * the same constants.
 */
import type { Database } from '@tusk/shared/db/database';
import * as t from '@tusk/shared/db/schema';
import { FROST_PER_WAL } from '@tusk/shared/protocol';

export const WAL = FROST_PER_WAL;
export const id = (n: number) => `0x${n.toString(16).padStart(64, '0')}`;

export const NODES = {
  a: id(0xa1),
  b: id(0xb1),
  c: id(0xc1),
  d: id(0xd1),
  e: id(0xe1),
  f: id(0xf1),
};
export const ALICE = id(0xa11ce);
export const BOB = id(0xb0b);
export const OPERATOR = id(0x0be);
export const POSITIONS = {
  active: id(0x1001),
  pending: id(0x1002),
  withdrawing: id(0x1003),
  withdrawable: id(0x1004),
  withdrawn: id(0x1005),
  joined: id(0x1006),
  bobActive: id(0x2001),
};
export const PROPOSALS = { open: id(0x3001), passed: id(0x3002) };

export const CURRENT_EPOCH = 5;
export const EPOCH_MS = 3_600_000;

/** Rate of node `index` at `epoch`: grows 1% per epoch from 1:1 (node d loses 1% to its slash at epoch 3). */
export function rateOf(node: keyof typeof NODES, epoch: number): { wal: bigint; shares: bigint } {
  let wal = 1_000_000n;
  for (let e = 1; e <= epoch; e++) {
    wal = (wal * 101n) / 100n;
    if (node === 'd' && e === 3) wal = (wal * 99n) / 100n;
  }
  return { wal, shares: 1_000_000n };
}

export const NODE_STAKE: Record<keyof typeof NODES, bigint> = {
  a: 4_000_000n * WAL,
  b: 3_000_000n * WAL,
  c: 2_000_000n * WAL,
  d: 1_000_000n * WAL,
  e: 500_000n * WAL,
  f: 100_000n * WAL,
};
export const NODE_SHARDS: Record<keyof typeof NODES, number> = { a: 400, b: 300, c: 200, d: 100, e: 0, f: 0 };
/** The epoch each node last joined the active set; f never did (idle), e joined after the others. */
export const ACTIVE_SET_JOINED: Record<keyof typeof NODES, number | null> = { a: 0, b: 0, c: 0, d: 0, e: 2, f: null };

export async function seedScenario(db: Database, now = new Date()): Promise<{ epochStart: (epoch: number) => Date }> {
  const currentStart = now.getTime() - EPOCH_MS / 4;
  const epochStart = (epoch: number) => new Date(currentStart + (epoch - CURRENT_EPOCH) * EPOCH_MS);
  const event = (epoch: number, n: number) => ({
    checkpoint: BigInt(epoch * 1000 + n),
    txDigest: `digest-${epoch}-${n}`,
    eventIndex: n,
    timestamp: new Date(epochStart(epoch).getTime() + n * 1000),
    epoch,
  });

  await db
    .insert(t.parameters)
    .values({ epoch: 0, name: 'epoch_duration_ms', value: BigInt(EPOCH_MS), checkpoint: 0n });
  await db.insert(t.parameters).values({ epoch: 4, name: 'slash_bps', value: 200n, checkpoint: 4000n });

  const totalStake = Object.values(NODE_STAKE).reduce((a, b) => a + b, 0n);
  for (let epoch = 0; epoch <= CURRENT_EPOCH + 1; epoch++) {
    const state = epoch <= CURRENT_EPOCH - 1 ? 'done' : epoch === CURRENT_EPOCH ? 'done' : 'selected';
    await db.insert(t.epochs).values({
      epoch,
      state,
      startCheckpoint: state === 'selected' ? null : BigInt(epoch * 1000),
      startedAt: state === 'selected' ? null : epochStart(epoch),
      doneAt: state === 'selected' ? null : new Date(epochStart(epoch).getTime() + 60_000),
      votingEndedAt: epoch < CURRENT_EPOCH ? new Date(epochStart(epoch).getTime() + EPOCH_MS / 2) : null,
      totalStake: state === 'selected' ? null : totalStake,
      rewards: epoch === 0 || state === 'selected' ? null : 1_000n * WAL * BigInt(epoch),
      burned: epoch === 0 || state === 'selected' ? null : 30n * WAL * BigInt(epoch),
      committeeSize: 4,
      committeeShards: 1000,
      storagePrice: 100n,
      writePrice: 20n,
      capacity: 1n << 40n,
      updatedCheckpoint: BigInt(epoch * 1000),
    });
    if (state !== 'selected') {
      await db.insert(t.epochFees).values({
        epoch,
        storagePaid: 500n * WAL * BigInt(epoch + 1),
        storageReservedBytes: 1n << 30n,
        storageReservations: epoch + 1,
        writeFees: 10n * WAL,
        blobsRegistered: 2,
        rewardsAdded: 0n,
      });
    }
  }

  for (const [key, nodeId] of Object.entries(NODES) as [keyof typeof NODES, string][]) {
    const committee = NODE_SHARDS[key] > 0;
    const rate = rateOf(key, CURRENT_EPOCH);
    await db.insert(t.nodes).values({
      nodeId,
      operator: key === 'a' ? OPERATOR : id(0x0e00 + nodeId.length + key.charCodeAt(0)),
      name: key === 'f' ? 'Frost & "Friends" 100%' : `Node ${key.toUpperCase()}`,
      networkAddress: `${key}.tusk.example:9000`,
      publicKey: new Uint8Array(96).fill(key.charCodeAt(0)),
      commissionBps: key === 'a' ? 500 : 1000,
      pendingCommissionBps: key === 'a' ? 750 : null,
      pendingCommissionEpoch: key === 'a' ? CURRENT_EPOCH + 2 : null,
      stake: NODE_STAKE[key],
      shares: NODE_STAKE[key],
      rateWal: rate.wal,
      rateShares: rate.shares,
      lastPoolEpoch: committee ? CURRENT_EPOCH : null,
      status: committee ? 'committee' : 'candidate',
      inActiveSet: ACTIVE_SET_JOINED[key] !== null,
      activeSetJoinedEpoch: ACTIVE_SET_JOINED[key],
      shards: NODE_SHARDS[key],
      nextShards: key === 'd' ? 0 : NODE_SHARDS[key],
      nextCommitteeEpoch: CURRENT_EPOCH + 1,
      slashCount: key === 'd' ? 1 : 0,
      stakeSlashed: key === 'd' ? 10_000n * WAL : 0n,
      commissionBurned: key === 'd' ? 5n * WAL : 0n,
      commissionCollected: key === 'a' ? 20n * WAL : 0n,
      registeredEpoch: 0,
      registeredCheckpoint: BigInt(key.charCodeAt(0)),
      registeredAt: epochStart(0),
      updatedCheckpoint: 5000n,
    });
    if (!committee) continue;
    for (let epoch = 1; epoch <= CURRENT_EPOCH; epoch++) {
      const r = rateOf(key, epoch);
      await db.insert(t.nodeEpochs).values({
        nodeId,
        epoch,
        checkpoint: BigInt(epoch * 1000),
        timestamp: epochStart(epoch),
        stake: NODE_STAKE[key],
        shares: NODE_STAKE[key],
        rewards: 10n * WAL,
        commission: key === 'a' ? 10n * WAL : WAL,
        activated: epoch === 2 ? 100n * WAL : 0n,
        withdrawn: 0n,
        rateWal: r.wal,
        rateShares: r.shares,
        shards: NODE_SHARDS[key],
        apy: epoch === 1 ? null : 0.05 + NODE_SHARDS[key] / 100_000,
      });
    }
    for (let epoch = 1; epoch <= CURRENT_EPOCH + 1; epoch++) {
      if (key === 'd' && epoch === CURRENT_EPOCH + 1) continue;
      await db.insert(t.committeeMembers).values({
        epoch,
        nodeId,
        shards: NODE_SHARDS[key],
        selectedCheckpoint: BigInt((epoch - 1) * 1000 + 500),
        receivedShards: epoch <= CURRENT_EPOCH ? [1, 2, 3] : null,
      });
    }
  }

  const position = (
    p: Partial<typeof t.stakePositions.$inferInsert> & {
      stakedWalId: string;
      principal: bigint;
      state: 'pending' | 'active' | 'withdrawing' | 'withdrawn' | 'joined';
    },
  ) => ({
    owner: ALICE,
    createdEpoch: 1,
    createdCheckpoint: 1500n,
    updatedCheckpoint: 5000n,
    ...p,
  });
  await db.insert(t.stakePositions).values([
    position({
      stakedWalId: POSITIONS.active,
      nodeId: NODES.a,
      principal: 100n * WAL,
      state: 'active',
      activationEpoch: 2,
      createdCheckpoint: 1100n,
    }),
    position({
      stakedWalId: POSITIONS.pending,
      nodeId: NODES.b,
      principal: 50n * WAL,
      state: 'pending',
      activationEpoch: 6,
      createdEpoch: 5,
      createdCheckpoint: 5100n,
    }),
    position({
      stakedWalId: POSITIONS.withdrawing,
      nodeId: NODES.c,
      principal: 30n * WAL,
      state: 'withdrawing',
      activationEpoch: 2,
      withdrawRequestedEpoch: 5,
      withdrawEpoch: 6,
      createdCheckpoint: 1200n,
    }),
    position({
      stakedWalId: POSITIONS.withdrawable,
      nodeId: NODES.a,
      principal: 20n * WAL,
      state: 'withdrawing',
      activationEpoch: 2,
      withdrawRequestedEpoch: 4,
      withdrawEpoch: 5,
      createdCheckpoint: 1300n,
    }),
    position({
      stakedWalId: POSITIONS.withdrawn,
      nodeId: NODES.d,
      principal: 10n * WAL,
      state: 'withdrawn',
      activationEpoch: 2,
      withdrawRequestedEpoch: 3,
      withdrawEpoch: 4,
      withdrawnEpoch: 4,
      rewards: WAL / 5n,
      slashed: WAL / 10n,
      createdCheckpoint: 1400n,
    }),
    position({
      stakedWalId: POSITIONS.joined,
      nodeId: NODES.a,
      principal: 0n,
      state: 'joined',
      activationEpoch: 2,
      joinedInto: POSITIONS.active,
      createdCheckpoint: 1450n,
    }),
    position({
      stakedWalId: POSITIONS.bobActive,
      owner: BOB,
      nodeId: NODES.a,
      principal: 1_000n * WAL,
      state: 'active',
      activationEpoch: 1,
      createdCheckpoint: 900n,
    }),
  ]);
  await db.insert(t.stakeEvents).values([
    {
      ...event(1, 1),
      kind: 'deposited',
      stakedWalId: POSITIONS.active,
      nodeId: NODES.a,
      owner: ALICE,
      amount: 90n * WAL,
      effectiveEpoch: 2,
    },
    {
      ...event(1, 2),
      kind: 'deposited',
      stakedWalId: POSITIONS.joined,
      nodeId: NODES.a,
      owner: ALICE,
      amount: 10n * WAL,
      effectiveEpoch: 2,
    },
    {
      ...event(2, 1),
      kind: 'joined',
      stakedWalId: POSITIONS.active,
      nodeId: NODES.a,
      owner: ALICE,
      amount: 10n * WAL,
      relatedId: POSITIONS.joined,
    },
    {
      ...event(3, 1),
      kind: 'withdraw_requested',
      stakedWalId: POSITIONS.withdrawn,
      nodeId: NODES.d,
      owner: ALICE,
      amount: 10n * WAL,
      effectiveEpoch: 4,
    },
    {
      ...event(4, 1),
      kind: 'withdrawn',
      stakedWalId: POSITIONS.withdrawn,
      nodeId: NODES.d,
      owner: ALICE,
      amount: 10n * WAL,
      rewards: WAL / 5n,
      slashed: WAL / 10n,
    },
    {
      ...event(5, 1),
      kind: 'deposited',
      stakedWalId: POSITIONS.pending,
      nodeId: NODES.b,
      owner: ALICE,
      amount: 50n * WAL,
      effectiveEpoch: 6,
    },
    {
      ...event(0, 9),
      kind: 'deposited',
      stakedWalId: POSITIONS.bobActive,
      nodeId: NODES.a,
      owner: BOB,
      amount: 1_000n * WAL,
      effectiveEpoch: 1,
    },
  ]);

  await db
    .insert(t.commissionChanges)
    .values({ ...event(5, 2), nodeId: NODES.a, rateBps: 750, effectiveEpoch: CURRENT_EPOCH + 2 });
  await db
    .insert(t.commissionCollections)
    .values({ ...event(4, 2), nodeId: NODES.a, amount: 20n * WAL, receiver: OPERATOR });
  await db.insert(t.slashVotes).values([
    { ...event(3, 3), voterNodeId: NODES.a, targetNodeId: NODES.d, weight: 400n, totalWeight: 400n },
    { ...event(3, 4), voterNodeId: NODES.b, targetNodeId: NODES.d, weight: 300n, totalWeight: 700n },
    { ...event(5, 3), voterNodeId: NODES.b, targetNodeId: NODES.a, weight: 300n, totalWeight: 300n },
  ]);
  const slashRate = rateOf('d', 3);
  await db.insert(t.slashes).values({
    ...event(3, 5),
    nodeId: NODES.d,
    commissionBurned: 5n * WAL,
    stakeBurned: 10_000n * WAL,
    rateWal: slashRate.wal,
    rateShares: slashRate.shares,
  });

  await db.insert(t.proposals).values([
    {
      proposalId: PROPOSALS.open,
      proposer: ALICE,
      kind: 'text',
      payload: new TextEncoder().encode('Raise the committee to 120 nodes'),
      text: 'Raise the committee to 120 nodes',
      deposit: 100n * WAL,
      createdEpoch: 4,
      endEpoch: 7,
      status: 'open',
      voteCount: 3,
      createdCheckpoint: 4100n,
      createdAt: epochStart(4),
      updatedCheckpoint: 5000n,
    },
    {
      proposalId: PROPOSALS.passed,
      proposer: BOB,
      kind: 'parameter',
      payload: new Uint8Array([1, 2, 3]),
      parameterName: 'slash_bps',
      parameterValue: 200n,
      deposit: 100n * WAL,
      createdEpoch: 1,
      endEpoch: 3,
      status: 'passed',
      yes: 7_000_000n * WAL,
      no: 0n,
      abstain: 0n,
      veto: 0n,
      voteCount: 2,
      finalizedEpoch: 3,
      executedEpoch: 4,
      createdCheckpoint: 1600n,
      createdAt: epochStart(1),
      updatedCheckpoint: 4000n,
    },
  ]);
  const vote = (
    proposalId: string,
    voter: string,
    isNode: boolean,
    option: 'yes' | 'no' | 'abstain' | 'no_with_veto',
    weight: bigint,
    n: number,
  ) => ({
    ...event(5, 10 + n),
    proposalId,
    voter,
    isNode,
    option,
    weight,
    revotes: 0,
  });
  await db
    .insert(t.votes)
    .values([
      vote(PROPOSALS.open, NODES.a, true, 'yes', NODE_STAKE.a, 1),
      vote(PROPOSALS.open, NODES.b, true, 'no', NODE_STAKE.b, 2),
      vote(PROPOSALS.open, POSITIONS.active, false, 'no', 100n * WAL, 3),
      vote(PROPOSALS.passed, NODES.a, true, 'yes', NODE_STAKE.a, 4),
      vote(PROPOSALS.passed, NODES.b, true, 'yes', NODE_STAKE.b, 5),
    ]);
  await db.insert(t.storageResources).values([
    {
      storageId: id(0x4001),
      owner: BOB,
      size: 1n << 30n,
      startEpoch: 4,
      endEpoch: 8,
      paid: 400n * WAL,
      state: 'active',
      updatedCheckpoint: 4200n,
      epoch: 4,
      checkpoint: 4200n,
      timestamp: epochStart(4),
    },
    {
      storageId: id(0x4002),
      owner: BOB,
      size: 1n << 20n,
      startEpoch: 1,
      endEpoch: 3,
      paid: 4n * WAL,
      state: 'active',
      updatedCheckpoint: 1700n,
      epoch: 1,
      checkpoint: 1700n,
      timestamp: epochStart(1),
    },
    {
      storageId: id(0x4003),
      owner: BOB,
      size: 1n << 30n,
      startEpoch: 4,
      endEpoch: 8,
      paid: 400n * WAL,
      state: 'fused',
      fusedInto: id(0x4001),
      updatedCheckpoint: 4300n,
      epoch: 4,
      checkpoint: 4250n,
      timestamp: epochStart(4),
    },
  ]);
  const blob = (
    n: number,
    state: 'registered' | 'certified' | 'deleted' | 'burned',
    endEpoch: number,
    invalidated = false,
  ) => ({
    objectId: id(0x5000 + n),
    blobId: 2n ** 255n + BigInt(n),
    owner: BOB,
    size: 1n << 20n,
    encodingType: 1,
    deletable: n % 2 === 0,
    state,
    invalidated,
    registeredEpoch: 4,
    certifiedEpoch: state === 'registered' ? null : 4,
    deletedEpoch: state === 'deleted' ? 5 : null,
    endEpoch,
    extensions: 0,
    writeFee: WAL,
    registeredCheckpoint: BigInt(4300 + n),
    registeredAt: epochStart(4),
    updatedCheckpoint: 5000n,
  });
  await db
    .insert(t.blobs)
    .values([
      blob(1, 'certified', 8),
      blob(2, 'registered', 8),
      blob(3, 'deleted', 8),
      blob(4, 'certified', 3),
      blob(5, 'certified', 9, true),
      blob(6, 'burned', 8),
    ]);
  await db.insert(t.priceChanges).values({ ...event(4, 7), storagePrice: 100n, writePrice: 20n });
  await db.insert(t.watermarks).values([
    { pipeline: 'staking', checkpoint: 5200n },
    { pipeline: 'nodes', checkpoint: 5100n },
  ]);
  return { epochStart };
}
