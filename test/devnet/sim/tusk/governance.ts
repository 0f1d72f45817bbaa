/**
 * `tusk::governance`: proposals (parameter change, package upgrade, text)
 * with a WAL deposit, votes by nodes (with their pool's stake) and by
 * delegators (with a `StakedWal`, overriding their node's vote for that
 * stake), and finalization after the voting window: quorum of total active
 * stake, veto and pass thresholds; passed parameter changes apply at the next
 * epoch change, vetoed deposits are burned, others returned.
 */
import { bcs } from '@mysten/sui/bcs';
import { toHex } from '@mysten/sui/utils';
import type { TxContext } from '../context.ts';
import { abort, check } from './aborts.ts';
import type { Coin, StakedWal, StorageNodeCap } from './objects.ts';
import { isGovernedParameter, setParameter } from './params.ts';
import { activeStake, payout, totalActiveStake } from './staking.ts';
import type { Proposal, ProposalKind, TuskState } from './state.ts';
import { burn } from './treasury.ts';

const M = 'governance';
export const GOVERNANCE_VERSION = 1;

export const ParameterPayload = bcs.struct('ParameterPayload', { name: bcs.string(), value: bcs.u64() });

function assertVersion(state: TuskState): void {
  check(state.governance.version === GOVERNANCE_VERSION, M, 'EWrongVersion');
}

function proposal(state: TuskState, id: string): Proposal {
  const found = state.proposals.get(id);
  if (!found) abort(M, 'EUnknownProposal');
  return found;
}

function open(ctx: TxContext, state: TuskState, kind: ProposalKind, payload: Uint8Array, deposit: Coin, parameter?: Proposal['parameter']): string {
  check(deposit.balance >= state.params.minProposalDeposit, M, 'EDepositTooLow');
  const epoch = state.staking.epoch;
  const created: Proposal = {
    id: ctx.freshId(),
    proposer: ctx.sender,
    kind,
    payload,
    parameter,
    deposit: deposit.balance,
    createdEpoch: epoch,
    endEpoch: epoch + state.params.votingEpochs,
    status: 0,
    executed: false,
    nodeVotes: new Map(),
    stakeVotes: new Map(),
  };
  ctx.touch(state.proposals).set(created.id, created);
  ctx.emit('ProposalCreated', {
    epoch,
    proposal_id: created.id,
    proposer: ctx.sender,
    kind,
    payload,
    deposit: deposit.balance,
    end_epoch: created.endEpoch,
  });
  return created.id;
}

export function proposeParameterChange(ctx: TxContext, state: TuskState, name: string, value: bigint, deposit: Coin): string {
  assertVersion(state);
  check(isGovernedParameter(name), M, 'EUnknownParameter');
  return open(ctx, state, 0, ParameterPayload.serialize({ name, value }).toBytes(), deposit, { name, value });
}

export function proposeUpgrade(ctx: TxContext, state: TuskState, digest: Uint8Array, deposit: Coin): string {
  assertVersion(state);
  check(digest.length === 32, M, 'EInvalidDigest');
  return open(ctx, state, 1, digest, deposit);
}

export function proposeText(ctx: TxContext, state: TuskState, text: string, deposit: Coin): string {
  assertVersion(state);
  return open(ctx, state, 2, new TextEncoder().encode(text), deposit);
}

function checkVote(state: TuskState, target: Proposal, option: number): void {
  check(option <= 3, M, 'EInvalidOption');
  check(target.status === 0 && state.staking.epoch < target.endEpoch, M, 'EVotingClosed');
}

export function voteAsNode(ctx: TxContext, state: TuskState, cap: StorageNodeCap, proposalId: string, option: number): void {
  assertVersion(state);
  const target = proposal(state, proposalId);
  checkVote(state, target, option);
  const weight = activeStake(state, cap.nodeId);
  check(weight > 0n, M, 'ENoVotingPower');
  ctx.touch(target).nodeVotes.set(cap.nodeId, { option, weight });
  ctx.emit('VoteCast', { epoch: state.staking.epoch, proposal_id: proposalId, voter: cap.nodeId, is_node: true, option, weight });
}

export function voteWithStake(ctx: TxContext, state: TuskState, staked: StakedWal, proposalId: string, option: number): void {
  assertVersion(state);
  const target = proposal(state, proposalId);
  checkVote(state, target, option);
  check(staked.activationEpoch <= state.staking.epoch && staked.state.kind === 'staked', M, 'ENoVotingPower');
  const weight = payout(state, staked, state.staking.epoch).amount;
  check(weight > 0n, M, 'ENoVotingPower');
  ctx.touch(target).stakeVotes.set(staked.id, { nodeId: staked.nodeId, option, weight });
  ctx.emit('VoteCast', { epoch: state.staking.epoch, proposal_id: proposalId, voter: staked.id, is_node: false, option, weight });
}

export interface Tally {
  yes: bigint;
  no: bigint;
  abstain: bigint;
  veto: bigint;
}

/** Votes counted with overrides: a node's weight less the stake of its delegators who voted themselves. */
export function tally(target: Proposal): Tally {
  const sums = [0n, 0n, 0n, 0n];
  const overridden = new Map<string, bigint>();
  for (const vote of target.stakeVotes.values()) {
    sums[vote.option]! += vote.weight;
    overridden.set(vote.nodeId, (overridden.get(vote.nodeId) ?? 0n) + vote.weight);
  }
  for (const [nodeId, vote] of target.nodeVotes) {
    const remaining = vote.weight - (overridden.get(nodeId) ?? 0n);
    if (remaining > 0n) sums[vote.option]! += remaining;
  }
  return { yes: sums[0]!, no: sums[1]!, abstain: sums[2]!, veto: sums[3]! };
}

/** Closes a proposal whose window ended; returns the refunded deposit (a coin for the proposer) unless vetoed. */
export function finalize(ctx: TxContext, state: TuskState, proposalId: string): { refund: Coin | undefined; proposer: string } {
  assertVersion(state);
  const target = ctx.touch(proposal(state, proposalId));
  check(target.status === 0, M, 'EAlreadyFinalized');
  check(state.staking.epoch >= target.endEpoch, M, 'EVotingNotEnded');
  const { yes, no, abstain, veto } = tally(target);
  const total = totalActiveStake(state);
  const voted = yes + no + abstain + veto;
  const params = state.params;
  let status: Proposal['status'];
  if (voted * 10_000n < total * params.quorumBps || voted === 0n) status = 4;
  else if (veto * 10_000n > voted * params.vetoBps) status = 3;
  else if (yes * 10_000n > (yes + no + veto) * params.passBps) status = 1;
  else status = 2;
  target.status = status;
  ctx.emit('ProposalFinalized', { epoch: state.staking.epoch, proposal_id: proposalId, status, yes, no, abstain, veto });
  if (status === 1) {
    if (target.kind === 0 && target.parameter) {
      ctx.touch(state.governance).pendingChanges.push({ proposalId, name: target.parameter.name, value: target.parameter.value });
    } else if (target.kind === 1) {
      ctx.touch(state.governance).authorizedUpgrades.push(toHex(target.payload));
      target.executed = true;
      ctx.emit('ProposalExecuted', { epoch: state.staking.epoch, proposal_id: proposalId });
    }
  }
  if (status === 3) {
    burn(ctx, state, target.deposit);
    return { refund: undefined, proposer: target.proposer };
  }
  return { refund: { id: ctx.freshId(), balance: target.deposit }, proposer: target.proposer };
}

/** At an epoch change: applies passed parameter changes (in order), emitting ProposalExecuted for each. */
export function applyPendingParameterChanges(ctx: TxContext, state: TuskState): { name: string; value: bigint }[] {
  if (state.governance.pendingChanges.length === 0) return [];
  const governance = ctx.touch(state.governance);
  const changes = governance.pendingChanges;
  governance.pendingChanges = [];
  const params = ctx.touch(state.params);
  const applied = new Map<string, bigint>();
  for (const change of changes) {
    if (!isGovernedParameter(change.name)) continue;
    setParameter(params, change.name, change.value);
    applied.set(change.name, change.value);
    const target = state.proposals.get(change.proposalId);
    if (target) ctx.touch(target).executed = true;
    ctx.emit('ProposalExecuted', { epoch: state.staking.epoch, proposal_id: change.proposalId });
  }
  return [...applied].map(([name, value]) => ({ name, value }));
}
