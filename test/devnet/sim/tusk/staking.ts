/**
 * `tusk::staking`: nodes, delegation, epochs, committee, rewards, commission
 * and slashing, over the shared `Staking` object. Each exported function is
 * one Move function of the public API (move/tusk/API.md) with the same
 * checks, in the same order, the same aborts and the same events.
 */
import { apportionShards, assignShardIndices, bpsOf, rewardsByShards, selectCommittee, shardCap, slashAmount, splitFees, walForShares, weightedQuantile } from '@tusk/shared/staking/index';
import type { TxContext } from '../context.ts';
import { abort, check } from './aborts.ts';
import type { Coin, StakedWal, StorageNodeCap } from './objects.ts';
import { applyPendingParameterChanges } from './governance.ts';
import { addPendingStake, addPendingWithdraw, advancePool, newPool, rateAt, removePendingStake, sharesOf, stakeAt, type NodeInfo, type StakingPool } from './stakingPool.ts';
import type { CommitteeMember, TuskState } from './state.ts';
import { burn } from './treasury.ts';
import { takeEpochFees } from './system.ts';

const M = 'staking';
export const STAKING_VERSION = 1;

function assertVersion(state: TuskState): void {
  check(state.staking.version === STAKING_VERSION, M, 'EWrongVersion');
}

function pool(state: TuskState, nodeId: string): StakingPool {
  const found = state.pools.get(nodeId);
  if (!found) abort(M, 'EUnknownNode');
  return found;
}

function capPool(state: TuskState, cap: StorageNodeCap): StakingPool {
  return pool(state, cap.nodeId);
}

function committeeShards(committee: readonly CommitteeMember[], nodeId: string): number {
  return committee.find((member) => member.nodeId === nodeId)?.shards.length ?? 0;
}

/** Whether `weight` shards reach a 2/3 quorum of `nShards`. */
export function isQuorum(weight: number, nShards: number): boolean {
  return 3 * weight >= 2 * nShards;
}

// === Nodes ===

export interface RegisterArgs {
  name: string;
  networkAddress: string;
  metadataUrl: string;
  publicKey: Uint8Array;
  networkPublicKey: Uint8Array;
  proofOfPossession: Uint8Array;
  commissionBps: number;
  storagePrice: bigint;
  writePrice: bigint;
  capacity: bigint;
}

export function registerCandidate(ctx: TxContext, state: TuskState, args: RegisterArgs): StorageNodeCap {
  assertVersion(state);
  check(args.commissionBps <= 10_000, M, 'EInvalidCommissionRate');
  check(args.publicKey.length === 48, M, 'EInvalidPublicKey');
  const nodeId = ctx.freshId();
  const info: NodeInfo = {
    name: args.name,
    networkAddress: args.networkAddress,
    metadataUrl: args.metadataUrl,
    publicKey: args.publicKey,
    networkPublicKey: args.networkPublicKey,
  };
  const votes = { storagePrice: args.storagePrice, writePrice: args.writePrice, capacity: args.capacity };
  ctx.touch(state.pools).set(nodeId, newPool(nodeId, ctx.sender, info, args.commissionBps, votes, state.staking.epoch));
  const cap = { id: ctx.freshId(), nodeId };
  ctx.emit('NodeRegistered', {
    epoch: state.staking.epoch,
    node_id: nodeId,
    operator: ctx.sender,
    name: args.name,
    network_address: args.networkAddress,
    public_key: args.publicKey,
    commission_bps: args.commissionBps,
  });
  return cap;
}

export function setCommission(ctx: TxContext, state: TuskState, cap: StorageNodeCap, rateBps: number): void {
  assertVersion(state);
  check(rateBps <= 10_000, M, 'EInvalidCommissionRate');
  const target = ctx.touch(capPool(state, cap));
  const effective = state.staking.epoch + state.params.commissionDelayEpochs;
  target.pendingCommission.set(effective, rateBps);
  ctx.emit('CommissionScheduled', { epoch: state.staking.epoch, node_id: cap.nodeId, rate_bps: rateBps, effective_epoch: effective });
}

export function collectCommission(ctx: TxContext, state: TuskState, cap: StorageNodeCap): Coin {
  assertVersion(state);
  const target = ctx.touch(capPool(state, cap));
  const amount = target.commission;
  target.commission = 0n;
  ctx.emit('CommissionCollected', { epoch: state.staking.epoch, node_id: cap.nodeId, amount, receiver: ctx.sender });
  return { id: ctx.freshId(), balance: amount };
}

export function voteForPrices(ctx: TxContext, state: TuskState, cap: StorageNodeCap, storagePrice: bigint, writePrice: bigint, capacity: bigint): void {
  assertVersion(state);
  const target = ctx.touch(capPool(state, cap));
  target.votes = { storagePrice, writePrice, capacity };
  ctx.emit('NodeVoted', { epoch: state.staking.epoch, node_id: cap.nodeId, storage_price: storagePrice, write_price: writePrice, capacity });
}

export type NodeField = 'name' | 'networkAddress' | 'metadataUrl' | 'networkPublicKey' | 'publicKey';

export function setNodeInfo(ctx: TxContext, state: TuskState, cap: StorageNodeCap, field: NodeField, value: string | Uint8Array): void {
  assertVersion(state);
  const target = ctx.touch(capPool(state, cap));
  if (field === 'publicKey') check((value as Uint8Array).length === 48, M, 'EInvalidPublicKey');
  (target.info as unknown as Record<string, unknown>)[field] = value;
  ctx.emit('NodeUpdated', {
    epoch: state.staking.epoch,
    node_id: cap.nodeId,
    name: field === 'name' ? (value as string) : null,
    network_address: field === 'networkAddress' ? (value as string) : null,
    public_key: field === 'publicKey' ? (value as Uint8Array) : null,
    network_public_key: field === 'networkPublicKey' ? (value as Uint8Array) : null,
    metadata_url: field === 'metadataUrl' ? (value as string) : null,
  });
}

// === Delegation ===

/** The epoch a stake made now becomes active. */
export function activationEpoch(state: TuskState): number {
  return state.staking.epoch + (state.staking.votingEnded ? 2 : 1);
}

export function stakeWithPool(ctx: TxContext, state: TuskState, coin: Coin, nodeId: string): StakedWal {
  assertVersion(state);
  const target = ctx.touch(pool(state, nodeId));
  check(coin.balance >= state.params.minStake, M, 'EStakeBelowMinimum');
  const activation = activationEpoch(state);
  addPendingStake(target, activation, coin.balance);
  const staked: StakedWal = { id: ctx.freshId(), nodeId, principal: coin.balance, activationEpoch: activation, state: { kind: 'staked' } };
  ctx.emit('StakeDeposited', {
    epoch: state.staking.epoch,
    staked_wal_id: staked.id,
    node_id: nodeId,
    owner: ctx.sender,
    amount: coin.balance,
    activation_epoch: activation,
  });
  return staked;
}

export function requestWithdrawStake(ctx: TxContext, state: TuskState, staked: StakedWal): void {
  assertVersion(state);
  check(staked.state.kind === 'staked', M, 'EAlreadyWithdrawing');
  check(staked.activationEpoch <= state.staking.epoch, M, 'ENotActive');
  const target = ctx.touch(pool(state, staked.nodeId));
  const withdrawEpoch = state.staking.epoch + (state.staking.votingEnded ? 2 : 1);
  addPendingWithdraw(target, withdrawEpoch, sharesOf(target, staked.principal, staked.activationEpoch));
  ctx.touch(staked).state = { kind: 'withdrawing', withdrawEpoch };
  ctx.emit('WithdrawRequested', {
    epoch: state.staking.epoch,
    staked_wal_id: staked.id,
    node_id: staked.nodeId,
    owner: ctx.sender,
    principal: staked.principal,
    withdraw_epoch: withdrawEpoch,
  });
}

/** Whether a position can be withdrawn right now without waiting (it is not active yet). */
export function canWithdrawEarly(state: TuskState, staked: StakedWal): boolean {
  return staked.state.kind === 'staked' && staked.activationEpoch > state.staking.epoch;
}

/** What a position would pay out at `epoch`'s rate, split into rewards and slashed. */
export function payout(state: TuskState, staked: StakedWal, epoch: number): { amount: bigint; rewards: bigint; slashed: bigint } {
  const target = pool(state, staked.nodeId);
  const shares = sharesOf(target, staked.principal, staked.activationEpoch);
  const amount = walForShares(shares, rateAt(target, epoch));
  const unslashed = walForShares(shares, rateAt(target, epoch, 'unslashedRates'));
  const rewards = unslashed > staked.principal ? unslashed - staked.principal : 0n;
  const slashed = unslashed > amount ? unslashed - amount : 0n;
  return { amount, rewards, slashed };
}

export function calculateRewards(state: TuskState, staked: StakedWal): bigint {
  if (staked.activationEpoch > state.staking.epoch) return 0n;
  const epoch = staked.state.kind === 'withdrawing' ? Math.min(staked.state.withdrawEpoch, state.staking.epoch) : state.staking.epoch;
  const { amount } = payout(state, staked, epoch);
  return amount > staked.principal ? amount - staked.principal : 0n;
}

export function withdrawStake(ctx: TxContext, state: TuskState, staked: StakedWal): Coin {
  assertVersion(state);
  const target = ctx.touch(pool(state, staked.nodeId));
  let amount: bigint;
  let rewards = 0n;
  let slashed = 0n;
  if (canWithdrawEarly(state, staked)) {
    removePendingStake(target, staked.activationEpoch, staked.principal);
    amount = staked.principal;
  } else {
    check(staked.state.kind === 'withdrawing', M, 'ENotWithdrawing');
    check(staked.state.withdrawEpoch <= state.staking.epoch, M, 'EWithdrawEpochNotReached');
    ({ amount, rewards, slashed } = payout(state, staked, staked.state.withdrawEpoch));
    if (amount > target.withdrawable) amount = target.withdrawable;
    target.withdrawable -= amount;
  }
  ctx.emit('StakeWithdrawn', {
    epoch: state.staking.epoch,
    staked_wal_id: staked.id,
    node_id: staked.nodeId,
    owner: ctx.sender,
    principal: staked.principal,
    rewards,
    slashed,
  });
  return { id: ctx.freshId(), balance: amount };
}

export function splitStakedWal(ctx: TxContext, state: TuskState, staked: StakedWal, amount: bigint): StakedWal {
  assertVersion(state);
  check(amount > 0n && amount < staked.principal, M, 'EInvalidSplitAmount');
  check(amount >= state.params.minStake && staked.principal - amount >= state.params.minStake, M, 'EStakeBelowMinimum');
  ctx.touch(staked).principal -= amount;
  const part: StakedWal = { id: ctx.freshId(), nodeId: staked.nodeId, principal: amount, activationEpoch: staked.activationEpoch, state: { ...staked.state } };
  ctx.emit('StakedWalSplit', { epoch: state.staking.epoch, from_id: staked.id, new_id: part.id, amount });
  return part;
}

export function joinStakedWal(ctx: TxContext, state: TuskState, staked: StakedWal, other: StakedWal): void {
  assertVersion(state);
  const sameState =
    staked.state.kind === other.state.kind &&
    (staked.state.kind === 'staked' || (other.state.kind === 'withdrawing' && staked.state.withdrawEpoch === other.state.withdrawEpoch));
  check(staked.nodeId === other.nodeId && staked.activationEpoch === other.activationEpoch && sameState, M, 'EIncompatibleStakedWal');
  ctx.touch(staked).principal += other.principal;
  ctx.emit('StakedWalJoined', { epoch: state.staking.epoch, into_id: staked.id, from_id: other.id });
}

// === Epochs ===

/** Stake of every pool at `epoch`, in registration order. */
function stakesAt(state: TuskState, epoch: number): { id: string; stake: bigint }[] {
  return [...state.pools.values()].map((p) => ({ id: p.nodeId, stake: stakeAt(p, epoch) }));
}

/** Mid-epoch: selects the next committee (and its prices) from next-epoch stake. Anyone may call it. */
export function votingEnd(ctx: TxContext, state: TuskState): void {
  assertVersion(state);
  const header = state.staking;
  check(header.state.kind === 'done', M, 'EWrongEpochState');
  check(!header.votingEnded, M, 'EWrongEpochState');
  check(ctx.timestampMs >= header.epochStartMs + state.params.epochDurationMs / 2n, M, 'ETooEarly');
  ctx.touch(header);
  const next = header.epoch + 1;
  const members = selectCommittee(stakesAt(state, next), state.params.maxCommitteeSize);
  const cap = shardCap(state.params.nShards, members.length, state.params.maxShardsPerNodeBps);
  const counts = apportionShards(
    members.map((m) => m.stake),
    state.params.nShards,
    cap,
  );
  const countMap = new Map(members.map((m, i) => [m.id, counts[i]!] as const).filter(([, c]) => c > 0));
  const previous = new Map(header.committee.map((m) => [m.nodeId, m.shards] as const));
  const indices = assignShardIndices(countMap, previous, state.params.nShards);
  header.nextCommittee = [...indices].map(([nodeId, shards]) => ({ nodeId, shards }));
  header.votingEnded = true;

  const weighted = members.map((m) => ({ pool: state.pools.get(m.id)!, weight: m.stake }));
  header.nextPrices =
    weighted.length === 0
      ? { ...header.prices }
      : {
          storagePrice: weightedQuantile(weighted.map((w) => ({ value: w.pool.votes.storagePrice, weight: w.weight })), 2n, 3n, 'ascending') ?? header.prices.storagePrice,
          writePrice: weightedQuantile(weighted.map((w) => ({ value: w.pool.votes.writePrice, weight: w.weight })), 2n, 3n, 'ascending') ?? header.prices.writePrice,
          capacity: weightedQuantile(weighted.map((w) => ({ value: w.pool.votes.capacity, weight: w.weight })), 2n, 3n, 'descending') ?? header.prices.capacity,
        };

  ctx.emit('CommitteeSelected', {
    epoch: header.epoch,
    next_epoch: next,
    node_ids: header.nextCommittee.map((m) => m.nodeId),
    shards: header.nextCommittee.map((m) => m.shards.length),
  });
}

/** At the epoch's end: fees become rewards, every pool advances, the new committee takes over. Anyone may call it. */
export function initiateEpochChange(ctx: TxContext, state: TuskState): void {
  assertVersion(state);
  const header = state.staking;
  check(header.state.kind === 'done' && header.votingEnded, M, 'EWrongEpochState');
  check(ctx.timestampMs >= header.epochStartMs + state.params.epochDurationMs, M, 'ETooEarly');
  ctx.touch(header);
  const ending = header.epoch;
  const next = ending + 1;

  const fees = takeEpochFees(ctx, state, ending);
  const { burned, rewards } = splitFees(fees, state.params.burnBps);
  const shares = header.committee.map((m) => m.shards.length);
  const { perMember, dust } = rewardsByShards(rewards, shares, state.params.nShards);
  const rewardOf = new Map(header.committee.map((m, i) => [m.nodeId, perMember[i]!] as const));
  burn(ctx, state, burned + dust);

  let totalStake = 0n;
  for (const p of state.pools.values()) {
    ctx.touch(p);
    const advance = advancePool(p, next, rewardOf.get(p.nodeId) ?? 0n);
    totalStake += p.wal;
    ctx.emit('PoolAdvanced', {
      epoch: next,
      node_id: p.nodeId,
      stake: p.wal,
      shares: p.shares,
      rewards: advance.rewards,
      commission: advance.commission,
      activated: advance.activated,
      withdrawn: advance.withdrawn,
      rate_wal: p.rates.get(next)!.wal,
      rate_shares: p.rates.get(next)!.shares,
    });
  }

  header.epoch = next;
  header.epochStartMs = ctx.timestampMs;
  header.committee = header.nextCommittee ?? [];
  header.nextCommittee = undefined;
  header.votingEnded = false;
  header.slashVotes = {};
  header.slashed = [];
  header.state = { kind: 'sync', startedMs: ctx.timestampMs, synced: [], weight: 0 };
  ctx.emit('EpochChangeStarted', { epoch: next, total_stake: totalStake, rewards: rewards - dust, burned: burned + dust });

  const changed = applyPendingParameterChanges(ctx, state);
  const pricesChanged = header.nextPrices !== undefined && (header.nextPrices.storagePrice !== header.prices.storagePrice || header.nextPrices.writePrice !== header.prices.writePrice);
  if (header.nextPrices) header.prices = header.nextPrices;
  header.nextPrices = undefined;
  ctx.emit('ParametersApplied', {
    epoch: next,
    storage_price: header.prices.storagePrice,
    write_price: header.prices.writePrice,
    capacity: header.prices.capacity,
    changed: changed.map(({ name, value }) => ({ name, value })),
  });
  if (pricesChanged) ctx.emit('PricesUpdated', { epoch: next, storage_price: header.prices.storagePrice, write_price: header.prices.writePrice });
  // An empty committee has nobody to sync: the change is done at once.
  if (header.committee.length === 0) {
    header.state = { kind: 'done', atMs: ctx.timestampMs };
    ctx.emit('EpochChangeDone', { epoch: next });
  }
}

/** A committee node has received its shards for `epoch`; at a 2/3 quorum of shards the change is done. */
export function epochSyncDone(ctx: TxContext, state: TuskState, cap: StorageNodeCap, epoch: number): void {
  assertVersion(state);
  const header = state.staking;
  check(header.state.kind === 'sync', M, 'EWrongEpochState');
  check(epoch === header.epoch, M, 'EWrongEpoch');
  const member = header.committee.find((m) => m.nodeId === cap.nodeId);
  check(member !== undefined, M, 'ENotCommitteeMember');
  check(!header.state.synced.includes(cap.nodeId), M, 'EAlreadySynced');
  ctx.touch(header);
  const sync = header.state as Extract<typeof header.state, { kind: 'sync' }>;
  sync.synced.push(cap.nodeId);
  sync.weight += member.shards.length;
  ctx.emit('ShardsReceived', { epoch, node_id: cap.nodeId, shards: member.shards });
  if (isQuorum(sync.weight, state.params.nShards)) {
    header.state = { kind: 'done', atMs: ctx.timestampMs };
    ctx.emit('EpochChangeDone', { epoch });
  }
}

// === Slashing ===

export function voteForSlash(ctx: TxContext, state: TuskState, cap: StorageNodeCap, targetNodeId: string): void {
  assertVersion(state);
  const header = state.staking;
  pool(state, targetNodeId);
  check(cap.nodeId !== targetNodeId, M, 'ECannotSlashSelf');
  const weight = committeeShards(header.committee, cap.nodeId);
  check(weight > 0, M, 'ENotCommitteeMember');
  const tally = header.slashVotes[targetNodeId] ?? { voters: [], weight: 0 };
  check(!tally.voters.includes(cap.nodeId), M, 'EAlreadyVoted');
  ctx.touch(header);
  header.slashVotes[targetNodeId] = { voters: [...tally.voters, cap.nodeId], weight: tally.weight + weight };
  ctx.emit('SlashVoteCast', {
    epoch: header.epoch,
    voter_node_id: cap.nodeId,
    target_node_id: targetNodeId,
    weight: BigInt(weight),
    total_weight: BigInt(tally.weight + weight),
  });
}

export function executeSlash(ctx: TxContext, state: TuskState, targetNodeId: string): void {
  assertVersion(state);
  const header = state.staking;
  const target = pool(state, targetNodeId);
  const tally = header.slashVotes[targetNodeId];
  check(tally !== undefined && isQuorum(tally.weight, state.params.nShards), M, 'ENoSlashQuorum');
  check(!header.slashed.includes(targetNodeId), M, 'EAlreadySlashed');
  ctx.touch(header).slashed.push(targetNodeId);
  ctx.touch(target);
  const commissionBurned = target.commission;
  const stakeBurned = slashAmount(target.wal, state.params.slashBps);
  target.commission = 0n;
  target.wal -= stakeBurned;
  burn(ctx, state, commissionBurned + stakeBurned);
  ctx.emit('NodeSlashed', {
    epoch: header.epoch,
    node_id: targetNodeId,
    commission_burned: commissionBurned,
    stake_burned: stakeBurned,
    rate_wal: target.wal,
    rate_shares: target.shares,
  });
}

/** Active stake of a node's pool (its voting power in governance). */
export function activeStake(state: TuskState, nodeId: string): bigint {
  return pool(state, nodeId).wal;
}

/** Total active stake (quorum base for governance). */
export function totalActiveStake(state: TuskState): bigint {
  let total = 0n;
  for (const p of state.pools.values()) total += p.wal;
  return total;
}

export { bpsOf };
