/**
 * `tusk::staking`: the shared `Staking` object's public API — nodes,
 * delegation, the epoch state machine, committee selection, rewards,
 * commission and slashing — with the same checks in the same order, the same
 * aborts, the same object IDs (fresh IDs taken in the order Move takes them)
 * and the same events as move/tusk/sources/staking.move.
 */
import {
  apportionShards,
  assignShardIndices,
  selectCommittee,
  shardCap,
  weightedQuantile,
} from '@tusk/shared/staking/index';
import type { TxContext } from '../context.ts';
import { abort, check } from './aborts.ts';
import { checkPublicKey } from './bls.ts';
import { checkName, nodeNameKey } from './storageNode.ts';
import type { Coin, StakedWal, StorageNodeCap } from './objects.ts';
import { isCompatible, isWithdrawing, withdrawEpochOf } from './objects.ts';
import { BPS, checkParameter, setParameter } from './params.ts';
import * as pools from './stakingPool.ts';
import type { Committee, NodeInfo, StakingPool, TuskState } from './state.ts';
import { advanceEpoch } from './system.ts';
import { burnBalance } from './treasury.ts';

const M = 'staking';
export const STAKING_VERSION = 1;
export const COMMISSION_DELAY_EPOCHS = 2;
/** `MAX_ACTIVE_SET_SIZE`: most pools that step into every epoch and can be selected. */
export const MAX_ACTIVE_SET_SIZE = 250;

function assertVersion(state: TuskState, fn: string): void {
  check(state.staking.version === STAKING_VERSION, M, 'EWrongVersion', fn);
}

export function hasPool(state: TuskState, nodeId: string): boolean {
  return state.pools.has(nodeId);
}

/** `pool` (and, with `fn`, `pool_mut`): aborts EUnknownNode where Move's assert is. */
export function pool(state: TuskState, nodeId: string, fn = 'pool'): StakingPool {
  const found = state.pools.get(nodeId);
  if (!found) abort(M, 'EUnknownNode', fn);
  return found;
}

function poolMut(ctx: TxContext, state: TuskState, nodeId: string): StakingPool {
  return ctx.touch(pool(state, nodeId, 'pool_mut'));
}

export function emptyCommittee(): Committee {
  return { nodeIds: [], shards: [] };
}

function indexOf(committee: Committee, nodeId: string): number | undefined {
  const index = committee.nodeIds.indexOf(nodeId);
  return index < 0 ? undefined : index;
}

function shardsOf(committee: Committee, nodeId: string): bigint {
  const index = indexOf(committee, nodeId);
  return index === undefined ? 0n : BigInt(committee.shards[index]!.length);
}

/** `committee::is_quorum`: 3 * weight >= 2 * n_shards. */
export function isQuorum(weight: bigint, nShards: bigint): boolean {
  return 3n * weight >= 2n * nShards;
}

export function isEpochChangeDone(state: TuskState): boolean {
  return state.staking.epochState.kind === 'done';
}

/** `next_change_epoch`: when a stake or withdrawal made now takes effect. */
export function nextChangeEpoch(state: TuskState): number {
  return state.staking.votingEnded ? state.staking.epoch + 2 : state.staking.epoch + 1;
}

// === Operators ===

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
  const fn = 'register_candidate';
  assertVersion(state, fn);
  check(BigInt(args.commissionBps) <= BPS, M, 'EInvalidCommissionRate', fn);
  checkName(args.name, fn);
  const nameKey = nodeNameKey(args.name);
  check(!state.nodeNames.has(nameKey), M, 'ENameTaken', fn);
  checkPublicKey(args.publicKey, args.proofOfPossession, ctx.sender, fn);
  const info: NodeInfo = {
    name: args.name,
    networkAddress: args.networkAddress,
    metadataUrl: args.metadataUrl,
    publicKey: args.publicKey,
    networkPublicKey: args.networkPublicKey,
  };
  const header = ctx.touch(state.staking);
  // staking_pool::new: the rates table's UID first, then the pool's (the node ID).
  ctx.freshId();
  const nodeId = ctx.freshId();
  const created = pools.newPool(
    ctx.sender,
    info,
    args.commissionBps,
    { storagePrice: args.storagePrice, writePrice: args.writePrice, capacity: args.capacity },
    header.epoch,
    header.nodeCount,
    nodeId,
  );
  ctx.touch(state.pools).set(nodeId, created);
  ctx
    .touch(state.poolRates)
    .set(
      nodeId,
      new Map([[header.epoch, { rate: { wal: 0n, shares: 0n }, unslashed: { wal: 0n, shares: 0n }, active: 0n }]]),
    );
  header.nodeCount += 1;
  ctx.touch(state.nodeNames).set(nameKey, nodeId);
  ctx.emit('NodeRegistered', {
    epoch: header.epoch,
    node_id: nodeId,
    operator: ctx.sender,
    name: args.name,
    network_address: args.networkAddress,
    public_key: args.publicKey,
    commission_bps: args.commissionBps,
  });
  return { id: ctx.freshId(), nodeId };
}

export function setCommission(ctx: TxContext, state: TuskState, cap: StorageNodeCap, rateBps: number): void {
  const fn = 'set_commission';
  assertVersion(state, fn);
  check(BigInt(rateBps) <= BPS, M, 'EInvalidCommissionRate', fn);
  const effective = state.staking.epoch + COMMISSION_DELAY_EPOCHS;
  const idle = beginChange(ctx, state, cap.nodeId);
  pools.setCommissionRate(poolMut(ctx, state, cap.nodeId), rateBps, effective);
  endChange(ctx, state, cap.nodeId, idle);
  ctx.emit('CommissionScheduled', {
    epoch: state.staking.epoch,
    node_id: cap.nodeId,
    rate_bps: rateBps,
    effective_epoch: effective,
  });
}

export function collectCommission(ctx: TxContext, state: TuskState, cap: StorageNodeCap): Coin {
  const fn = 'collect_commission';
  assertVersion(state, fn);
  check(!isCommissionFrozen(state, cap.nodeId), M, 'ECommissionFrozen', fn);
  const amount = pools.collectCommission(poolMut(ctx, state, cap.nodeId));
  ctx.emit('CommissionCollected', { epoch: state.staking.epoch, node_id: cap.nodeId, amount, receiver: ctx.sender });
  return { id: ctx.freshId(), balance: amount };
}

export function voteForPrices(
  ctx: TxContext,
  state: TuskState,
  cap: StorageNodeCap,
  storagePrice: bigint,
  writePrice: bigint,
  capacity: bigint,
): void {
  const fn = 'vote_for_prices';
  assertVersion(state, fn);
  poolMut(ctx, state, cap.nodeId).votes = { storagePrice, writePrice, capacity };
  ctx.emit('NodeVoted', {
    epoch: state.staking.epoch,
    node_id: cap.nodeId,
    storage_price: storagePrice,
    write_price: writePrice,
    capacity,
  });
}

export type NodeField = 'name' | 'networkAddress' | 'metadataUrl' | 'networkPublicKey';

const FIELD_FUNCTIONS: Record<NodeField, string> = {
  name: 'set_name',
  networkAddress: 'set_network_address',
  metadataUrl: 'set_metadata_url',
  networkPublicKey: 'set_network_public_key',
};

export function setNodeInfo(
  ctx: TxContext,
  state: TuskState,
  cap: StorageNodeCap,
  field: NodeField,
  value: string | Uint8Array,
): void {
  const fn = FIELD_FUNCTIONS[field];
  assertVersion(state, fn);
  if (field === 'name') {
    const name = value as string;
    checkName(name, fn);
    const oldKey = nodeNameKey(pool(state, cap.nodeId, 'pool').info.name);
    const newKey = nodeNameKey(name);
    if (newKey !== oldKey) {
      check(!state.nodeNames.has(newKey), M, 'ENameTaken', fn);
      const names = ctx.touch(state.nodeNames);
      names.delete(oldKey);
      names.set(newKey, cap.nodeId);
    }
  }
  (poolMut(ctx, state, cap.nodeId).info as unknown as Record<string, unknown>)[field] = value;
  ctx.emit('NodeUpdated', {
    epoch: state.staking.epoch,
    node_id: cap.nodeId,
    name: field === 'name' ? (value as string) : null,
    network_address: field === 'networkAddress' ? (value as string) : null,
    public_key: null,
    network_public_key: field === 'networkPublicKey' ? (value as Uint8Array) : null,
    metadata_url: field === 'metadataUrl' ? (value as string) : null,
  });
}

export function setPublicKey(
  ctx: TxContext,
  state: TuskState,
  cap: StorageNodeCap,
  publicKey: Uint8Array,
  proofOfPossession: Uint8Array,
): void {
  const fn = 'set_public_key';
  assertVersion(state, fn);
  checkPublicKey(publicKey, proofOfPossession, ctx.sender, fn);
  poolMut(ctx, state, cap.nodeId).info.publicKey = publicKey;
  ctx.emit('NodeUpdated', {
    epoch: state.staking.epoch,
    node_id: cap.nodeId,
    name: null,
    network_address: null,
    public_key: publicKey,
    network_public_key: null,
    metadata_url: null,
  });
}

/** `join_active_set`: moves an idle pool into the active set; aborts if it cannot join. */
export function joinActiveSet(ctx: TxContext, state: TuskState, nodeId: string): void {
  const fn = 'join_active_set';
  assertVersion(state, fn);
  check(state.pools.has(nodeId), M, 'EUnknownNode', fn);
  if (isInActiveSet(state, nodeId)) return;
  pools.catchUp(ctx, state, poolMut(ctx, state, nodeId), state.staking.epoch);
  check(tryJoinActiveSet(ctx, state, nodeId), M, 'ECannotJoinActiveSet', fn);
}

// --- The active set and idle pools' books (internal) ---

/** `begin_change`: catches an idle pool up and takes its scheduled steps out of the idle totals. */
function beginChange(ctx: TxContext, state: TuskState, nodeId: string): boolean {
  pools.catchUp(ctx, state, poolMut(ctx, state, nodeId), state.staking.epoch);
  const idle = !isInActiveSet(state, nodeId);
  if (idle) scheduleIdleSteps(ctx, state, nodeId, false);
  return idle;
}

/** `end_change`: an idle pool's steps count again; a member's stake in the set is refreshed. */
function endChange(ctx: TxContext, state: TuskState, nodeId: string, idle: boolean): void {
  if (idle) scheduleIdleSteps(ctx, state, nodeId, true);
  else refreshActiveStake(ctx, state, nodeId);
}

/** `schedule_idle_steps`: adds (or removes) an idle pool's scheduled changes to (from) the idle totals. */
function scheduleIdleSteps(ctx: TxContext, state: TuskState, nodeId: string, add: boolean): void {
  const target = state.pools.get(nodeId)!;
  const changes = pools.scheduledChanges(target);
  if (changes.length === 0) return;
  const header = ctx.touch(state.staking);
  let before = target.wal;
  for (const { epoch, active } of changes) {
    const [map, amount] = active >= before ? [header.idleGains, active - before] : [header.idleLosses, before - active];
    if (add) pools.addTo(map, epoch, amount);
    else pools.subFrom(map, epoch, amount);
    before = active;
  }
}

/** `refresh_active_stake`: updates a member's stake in the set (no-op for idle pools). */
function refreshActiveStake(ctx: TxContext, state: TuskState, nodeId: string): void {
  const index = state.staking.activeSet.findIndex((member) => member.nodeId === nodeId);
  if (index < 0) return;
  ctx.touch(state.staking).activeSet[index]!.stake = pools.eventualStake(state.pools.get(nodeId)!);
}

/**
 * `try_join_active_set`: moves an idle pool (caught up) into the set if there is
 * room, or in place of the weakest member outside the current and next
 * committees with less stake (the latest registered among equals).
 */
function tryJoinActiveSet(ctx: TxContext, state: TuskState, nodeId: string): boolean {
  const stake = pools.eventualStake(state.pools.get(nodeId)!);
  if (stake === 0n) return false;
  let evicted: string | null = null;
  const set = state.staking.activeSet;
  if (set.length >= MAX_ACTIVE_SET_SIZE) {
    let weakest: number | undefined;
    set.forEach((member, i) => {
      const w = weakest === undefined ? undefined : set[weakest]!;
      const weaker =
        member.stake < stake &&
        (w === undefined ||
          member.stake < w.stake ||
          (member.stake === w.stake && member.registrationNumber > w.registrationNumber));
      if (
        weaker &&
        indexOf(state.staking.committee, member.nodeId) === undefined &&
        indexOf(state.staking.nextCommittee, member.nodeId) === undefined
      )
        weakest = i;
    });
    if (weakest === undefined) return false;
    const header = ctx.touch(state.staking);
    const [leaving] = header.activeSet.splice(weakest, 1);
    header.idleStake += state.pools.get(leaving!.nodeId)!.wal;
    scheduleIdleSteps(ctx, state, leaving!.nodeId, true);
    evicted = leaving!.nodeId;
  }
  scheduleIdleSteps(ctx, state, nodeId, false);
  const header = ctx.touch(state.staking);
  const joining = state.pools.get(nodeId)!;
  header.idleStake -= joining.wal;
  let at = header.activeSet.length;
  while (at > 0 && header.activeSet[at - 1]!.registrationNumber > joining.registrationNumber) at--;
  header.activeSet.splice(at, 0, { nodeId, registrationNumber: joining.registrationNumber, stake });
  ctx.emit('ActiveSetJoined', { epoch: header.epoch, node_id: nodeId, stake, evicted });
  return true;
}

// === Delegators ===

export function stakeWithPool(ctx: TxContext, state: TuskState, coin: Coin, nodeId: string): StakedWal {
  const fn = 'stake_with_pool';
  assertVersion(state, fn);
  check(state.pools.has(nodeId), M, 'EUnknownNode', fn);
  const amount = coin.balance;
  check(amount >= state.staking.params.minStake, M, 'EStakeBelowMinimum', fn);
  const idle = beginChange(ctx, state, nodeId);
  check(pools.canTakeStake(state.pools.get(nodeId)!, amount), M, 'EPoolSharesOverflow', fn);
  const activationEpoch = nextChangeEpoch(state);
  pools.addStake(ctx.touch(state.pools.get(nodeId)!), amount, activationEpoch);
  endChange(ctx, state, nodeId, idle);
  if (idle) tryJoinActiveSet(ctx, state, nodeId);
  const staked: StakedWal = {
    id: ctx.freshId(),
    state: { kind: 'staked' },
    nodeId,
    principal: amount,
    activationEpoch,
    changedEpoch: state.staking.epoch,
  };
  ctx.emit('StakeDeposited', {
    epoch: state.staking.epoch,
    staked_wal_id: staked.id,
    node_id: nodeId,
    owner: ctx.sender,
    amount,
    activation_epoch: activationEpoch,
  });
  return staked;
}

export function requestWithdrawStake(ctx: TxContext, state: TuskState, staked: StakedWal): void {
  const fn = 'request_withdraw_stake';
  assertVersion(state, fn);
  check(!isWithdrawing(staked), M, 'EAlreadyWithdrawing', fn);
  check(!canWithdrawEarly(state, staked), M, 'ENotActive', fn);
  const withdrawEpoch = nextChangeEpoch(state);
  const idle = beginChange(ctx, state, staked.nodeId);
  const target = poolMut(ctx, state, staked.nodeId);
  if (staked.activationEpoch <= state.staking.epoch) {
    pools.addPendingWithdraw(
      target,
      pools.sharesOf(state, target, staked.principal, staked.activationEpoch),
      withdrawEpoch,
    );
  } else {
    pools.addPreActiveWithdraw(target, staked.principal, staked.activationEpoch);
  }
  endChange(ctx, state, staked.nodeId, idle);
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

/** `can_withdraw_early`: not withdrawing, and no committee selection counted it yet. */
export function canWithdrawEarly(state: TuskState, staked: StakedWal): boolean {
  return !isWithdrawing(staked) && staked.activationEpoch >= nextChangeEpoch(state);
}

export function withdrawStake(ctx: TxContext, state: TuskState, staked: StakedWal): Coin {
  const fn = 'withdraw_stake';
  assertVersion(state, fn);
  const early = canWithdrawEarly(state, staked);
  const epoch = state.staking.epoch;
  const idle = beginChange(ctx, state, staked.nodeId);
  const target = poolMut(ctx, state, staked.nodeId);
  let amount: bigint;
  let rewards = 0n;
  let slashed = 0n;
  if (early) {
    amount = pools.removePendingStake(target, staked.principal, staked.activationEpoch);
  } else {
    const withdrawEpoch = withdrawEpochOf(staked);
    check(withdrawEpoch !== undefined, M, 'ENotWithdrawing', fn);
    check(withdrawEpoch! <= epoch, M, 'EWithdrawEpochNotReached', fn);
    [amount, rewards, slashed] = pools.withdraw(
      state,
      target,
      staked.principal,
      staked.activationEpoch,
      withdrawEpoch!,
    );
  }
  endChange(ctx, state, staked.nodeId, idle);
  ctx.emit('StakeWithdrawn', {
    epoch,
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
  const fn = 'split_staked_wal';
  assertVersion(state, fn);
  check(amount > 0n && amount < staked.principal, M, 'EInvalidSplitAmount', fn);
  const minStake = state.staking.params.minStake;
  check(amount >= minStake && staked.principal - amount >= minStake, M, 'EStakeBelowMinimum', fn);
  const epoch = state.staking.epoch;
  ctx.touch(staked);
  staked.principal -= amount;
  staked.changedEpoch = epoch;
  const part: StakedWal = {
    id: ctx.freshId(),
    state: { ...staked.state },
    nodeId: staked.nodeId,
    principal: amount,
    activationEpoch: staked.activationEpoch,
    changedEpoch: epoch,
  };
  ctx.emit('StakedWalSplit', { epoch, from_id: staked.id, new_id: part.id, amount });
  return part;
}

export function joinStakedWal(ctx: TxContext, state: TuskState, staked: StakedWal, other: StakedWal): void {
  const fn = 'join_staked_wal';
  assertVersion(state, fn);
  check(isCompatible(staked, other), M, 'EIncompatibleStakedWal', fn);
  ctx.emit('StakedWalJoined', { epoch: state.staking.epoch, into_id: staked.id, from_id: other.id });
  ctx.touch(staked);
  staked.principal += other.principal;
  staked.changedEpoch = state.staking.epoch;
}

export function calculateRewards(state: TuskState, staked: StakedWal): bigint {
  assertVersion(state, 'calculate_rewards');
  if (staked.activationEpoch > state.staking.epoch) return 0n;
  const withdrawEpoch = withdrawEpochOf(staked);
  const epoch = withdrawEpoch !== undefined ? Math.min(withdrawEpoch, state.staking.epoch) : state.staking.epoch;
  const [amount] = pools.payout(state, pool(state, staked.nodeId), staked.principal, staked.activationEpoch, epoch);
  return amount > staked.principal ? amount - staked.principal : 0n;
}

// === Epochs ===

export function votingEnd(ctx: TxContext, state: TuskState): void {
  const fn = 'voting_end';
  assertVersion(state, fn);
  const header = state.staking;
  check(isEpochChangeDone(state) && !header.votingEnded, M, 'EWrongEpochState', fn);
  check(ctx.timestampMs >= header.epochStartMs + header.params.epochDurationMs / 2n, M, 'ETooEarly', fn);
  ctx.touch(header);
  const nextEpoch = header.epoch + 1;
  const nShards = header.params.nShards;

  const stakes = header.activeSet.map((member) => ({ id: member.nodeId, stake: member.stake }));
  const members = selectCommittee(stakes, header.params.maxCommitteeSize);
  const memberStakes = members.map((m) => m.stake);
  const counts = apportionShards(memberStakes, nShards, shardCap(nShards, members.length, 1000));
  const wanted = new Map(members.map((m, i) => [m.id, counts[i]!] as const).filter(([, count]) => count > 0));
  const previous = new Map(header.committee.nodeIds.map((id, i) => [id, header.committee.shards[i]!] as const));
  const assigned = assignShardIndices(wanted, previous, nShards);
  header.nextCommittee = { nodeIds: [...assigned.keys()], shards: [...assigned.values()] };

  const current = header.prices;
  const votes = members.map((m) => state.pools.get(m.id)!.votes);
  const quantile = (values: bigint[], ascending: boolean, fallback: bigint) =>
    weightedQuantile(
      values.map((value, i) => ({ value, weight: memberStakes[i]! })),
      2n,
      3n,
      ascending ? 'ascending' : 'descending',
    ) ?? fallback;
  header.nextPrices = {
    storagePrice: quantile(
      votes.map((v) => v.storagePrice),
      true,
      current.storagePrice,
    ),
    writePrice: quantile(
      votes.map((v) => v.writePrice),
      true,
      current.writePrice,
    ),
    capacity: quantile(
      votes.map((v) => v.capacity),
      false,
      current.capacity,
    ),
  };
  header.votingEnded = true;
  ctx.emit('CommitteeSelected', {
    epoch: header.epoch,
    next_epoch: nextEpoch,
    node_ids: header.nextCommittee.nodeIds,
    shards: header.nextCommittee.shards.map((s) => s.length),
  });
}

export function initiateEpochChange(ctx: TxContext, state: TuskState): void {
  const fn = 'initiate_epoch_change';
  assertVersion(state, fn);
  const header = state.staking;
  check(isEpochChangeDone(state) && header.votingEnded, M, 'EWrongEpochState', fn);
  const now = ctx.timestampMs;
  check(now >= header.epochStartMs + header.params.epochDurationMs, M, 'ETooEarly', fn);
  ctx.touch(header);
  const newEpoch = header.epoch + 1;
  const nShards = BigInt(header.params.nShards);

  const next = header.nextCommittee;
  const publicKeys = next.nodeIds.map((id) => state.pools.get(id)!.info.publicKey);
  const prices = header.nextPrices;
  const totalFees = advanceEpoch(
    ctx,
    state,
    newEpoch,
    next.nodeIds,
    publicKeys,
    next.shards.map((s) => s.length),
    prices,
  );

  const burned = (totalFees * BigInt(header.params.burnBps)) / BPS;
  const rewards = totalFees - burned;
  const ending = header.committee;
  const memberRewards = ending.shards.map((s) => (rewards * BigInt(s.length)) / nShards);
  const distributed = memberRewards.reduce((sum, r) => sum + r, 0n);
  const dust = rewards - distributed;
  burnBalance(ctx, state, burned + dust);

  let totalStake = 0n;
  for (const member of header.activeSet) {
    const index = indexOf(ending, member.nodeId);
    const reward = index === undefined ? 0n : memberRewards[index]!;
    const target = ctx.touch(state.pools.get(member.nodeId)!);
    pools.advance(ctx, state, target, newEpoch, reward);
    totalStake += target.wal;
    member.stake = pools.eventualStake(target);
  }
  header.idleStake =
    header.idleStake + pools.take(header.idleGains, newEpoch) - pools.take(header.idleLosses, newEpoch);
  totalStake += header.idleStake;

  header.epoch = newEpoch;
  header.epochStartMs = now;
  header.epochStartStake = totalStake;
  header.committee = next;
  header.nextCommittee = emptyCommittee();
  header.prices = prices;
  header.votingEnded = false;
  header.epochState = { kind: 'sync', synced: [], weight: 0 };
  ctx.emit('EpochChangeStarted', {
    epoch: newEpoch,
    total_stake: totalStake,
    rewards: distributed,
    burned: burned + dust,
  });

  const changed = applyParameterChanges(ctx, state);
  ctx.emit('ParametersApplied', {
    epoch: newEpoch,
    storage_price: prices.storagePrice,
    write_price: prices.writePrice,
    capacity: prices.capacity,
    changed,
  });

  if (header.committee.nodeIds.length === 0) {
    header.epochState = { kind: 'done', doneMs: now };
    ctx.emit('EpochChangeDone', { epoch: newEpoch });
  }
}

function applyParameterChanges(ctx: TxContext, state: TuskState): { name: string; value: bigint }[] {
  const header = state.staking;
  const changes = header.pendingParameterChanges;
  header.pendingParameterChanges = [];
  const changed: { name: string; value: bigint }[] = [];
  for (const change of changes) {
    setParameter(header.params, change.name, change.value);
    const at = changed.find((c) => c.name === change.name);
    if (at) at.value = change.value;
    else changed.push({ name: change.name, value: change.value });
    ctx.emit('ProposalExecuted', { epoch: header.epoch, proposal_id: change.proposalId });
  }
  return changed;
}

export function epochSyncDone(ctx: TxContext, state: TuskState, cap: StorageNodeCap, epoch: number): void {
  const fn = 'epoch_sync_done';
  assertVersion(state, fn);
  const header = state.staking;
  check(!isEpochChangeDone(state), M, 'EWrongEpochState', fn);
  check(epoch === header.epoch, M, 'EWrongEpoch', fn);
  const nodeId = cap.nodeId;
  const index = indexOf(header.committee, nodeId);
  check(index !== undefined, M, 'ENotCommitteeMember', fn);
  const shards = header.committee.shards[index!]!;
  const sync = header.epochState as Extract<typeof header.epochState, { kind: 'sync' }>;
  check(!sync.synced.includes(nodeId), M, 'EAlreadySynced', fn);
  ctx.touch(header);
  const current = header.epochState as typeof sync;
  current.synced.push(nodeId);
  current.weight += shards.length;
  const done = isQuorum(BigInt(current.weight), BigInt(header.params.nShards));
  ctx.emit('ShardsReceived', { epoch, node_id: nodeId, shards });
  if (done) {
    header.epochState = { kind: 'done', doneMs: ctx.timestampMs };
    ctx.emit('EpochChangeDone', { epoch });
  }
}

/** `end_stalled_epoch_change`: completes an unsynced epoch change from half of the epoch on. */
export function endStalledEpochChange(ctx: TxContext, state: TuskState): void {
  const fn = 'end_stalled_epoch_change';
  assertVersion(state, fn);
  const header = state.staking;
  check(header.epochState.kind === 'sync', M, 'EWrongEpochState', fn);
  const { synced, weight } = header.epochState;
  const now = ctx.timestampMs;
  check(now >= header.epochStartMs + header.params.epochDurationMs / 2n, M, 'ESyncNotTimedOut', fn);
  const unsynced = header.committee.nodeIds.filter((id) => !synced.includes(id));
  ctx.touch(header).epochState = { kind: 'done', doneMs: now };
  ctx.emit('EpochSyncTimedOut', { epoch: header.epoch, synced_weight: BigInt(weight), unsynced });
  ctx.emit('EpochChangeDone', { epoch: header.epoch });
}

// === Slashing ===

export function voteForSlash(ctx: TxContext, state: TuskState, cap: StorageNodeCap, targetNodeId: string): void {
  const fn = 'vote_for_slash';
  assertVersion(state, fn);
  check(state.pools.has(targetNodeId), M, 'EUnknownNode', fn);
  check(indexOf(state.staking.committee, targetNodeId) !== undefined, M, 'ENotInCommittee', fn);
  const voter = cap.nodeId;
  check(voter !== targetNodeId, M, 'ECannotSlashSelf', fn);
  const weight = shardsOf(state.staking.committee, voter);
  check(weight > 0n, M, 'ENotCommitteeMember', fn);
  const epoch = state.staking.epoch;
  const existing = state.slashVotes.get(targetNodeId);
  check(!(existing && existing.epoch === epoch && existing.voters.includes(voter)), M, 'EAlreadyVoted', fn);
  const tallies = ctx.touch(state.slashVotes);
  let tally = existing && existing.epoch === epoch ? ctx.touch(existing) : undefined;
  if (!tally) {
    tally = { epoch, voters: [], weight: 0n, executed: false };
    tallies.set(targetNodeId, tally);
  }
  tally.voters.push(voter);
  tally.weight += weight;
  ctx.emit('SlashVoteCast', {
    epoch,
    voter_node_id: voter,
    target_node_id: targetNodeId,
    weight,
    total_weight: tally.weight,
  });
}

export function executeSlash(ctx: TxContext, state: TuskState, targetNodeId: string): void {
  const fn = 'execute_slash';
  assertVersion(state, fn);
  check(state.pools.has(targetNodeId), M, 'EUnknownNode', fn);
  const epoch = state.staking.epoch;
  const tally = state.slashVotes.get(targetNodeId);
  const weight = tally && tally.epoch === epoch ? tally.weight : 0n;
  check(isQuorum(weight, BigInt(state.staking.params.nShards)), M, 'ENoSlashQuorum', fn);
  check(!(tally!.epoch === epoch && tally!.executed), M, 'EAlreadySlashed', fn);
  ctx.touch(tally!).executed = true;
  const target = ctx.touch(state.pools.get(targetNodeId)!);
  const [commission, stake] = pools.slash(target, state.staking.params.slashBps);
  const commissionBurned = burnBalance(ctx, state, commission);
  const stakeBurned = burnBalance(ctx, state, stake);
  ctx.emit('NodeSlashed', {
    epoch,
    node_id: targetNodeId,
    commission_burned: commissionBurned,
    stake_burned: stakeBurned,
    rate_wal: target.wal,
    rate_shares: target.shares,
  });
  refreshActiveStake(ctx, state, targetNodeId);
}

// === Reading (governance uses these) ===

/** `is_commission_frozen`: a committee member with a vote to slash it open in this epoch. */
export function isCommissionFrozen(state: TuskState, nodeId: string): boolean {
  const tally = state.slashVotes.get(nodeId);
  return (
    indexOf(state.staking.committee, nodeId) !== undefined &&
    tally !== undefined &&
    tally.epoch === state.staking.epoch &&
    tally.weight > 0n &&
    !tally.executed
  );
}

/** `active_stake_at`: the pool's active stake when `epoch` began. */
export function activeStakeAt(state: TuskState, nodeId: string, epoch: number): bigint {
  return pools.activeAt(state, pool(state, nodeId), epoch);
}

/** `voting_power_at`: what `staked` was worth when `epoch` began, if active then and not withdrawing. */
export function votingPowerAt(state: TuskState, staked: StakedWal, epoch: number): bigint {
  if (isWithdrawing(staked) || staked.activationEpoch > epoch) return 0n;
  const [amount] = pools.payout(state, pool(state, staked.nodeId), staked.principal, staked.activationEpoch, epoch);
  return amount;
}

export function activeStake(state: TuskState, nodeId: string): bigint {
  return pool(state, nodeId).wal;
}

/** `is_in_active_set`. */
export function isInActiveSet(state: TuskState, nodeId: string): boolean {
  return state.staking.activeSet.some((member) => member.nodeId === nodeId);
}

export function votingPower(state: TuskState, staked: StakedWal): bigint {
  if (isWithdrawing(staked) || staked.activationEpoch > state.staking.epoch) return 0n;
  const [amount] = pools.payout(
    state,
    pool(state, staked.nodeId),
    staked.principal,
    staked.activationEpoch,
    state.staking.epoch,
  );
  return amount;
}

/** `queue_parameter_change` (governance). */
export function queueParameterChange(
  ctx: TxContext,
  state: TuskState,
  proposalId: string,
  name: string,
  value: bigint,
): void {
  assertVersion(state, 'queue_parameter_change');
  checkParameter(name, value);
  ctx.touch(state.staking).pendingParameterChanges.push({ proposalId, name, value });
}
