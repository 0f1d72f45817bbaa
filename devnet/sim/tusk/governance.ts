/**
 * `tusk::governance`: proposals with a WAL deposit, votes by nodes and by
 * `StakedWal` holders (overriding their node for that stake; voting again
 * replaces one's vote), and finalization — same checks, aborts, object IDs
 * and events as move/tusk/sources/governance.move.
 */
import { bcs } from '@mysten/sui/bcs';
import type { TxContext } from '../context.ts';
import { abort, check } from './aborts.ts';
import type { Coin, StakedWal, StorageNodeCap } from './objects.ts';
import { BPS, checkParameter } from './params.ts';
import { activeStakeAt, queueParameterChange, votingPowerAt } from './staking.ts';
import type { Proposal, ProposalVotes, TuskState } from './state.ts';
import { burnBalance } from './treasury.ts';
import { UPGRADE_DELAY_EPOCHS } from '@tusk/shared/protocol';

const M = 'governance';
export const GOVERNANCE_VERSION = 1;
const KIND_PARAMETER = 0;
const KIND_UPGRADE = 1;
const KIND_TEXT = 2;
const NO_WITH_VETO = 3;
const STATUS_OPEN = 0;
const STATUS_PASSED = 1;
const STATUS_REJECTED = 2;
const STATUS_VETOED = 3;
const STATUS_FAILED_QUORUM = 4;

function assertVersion(state: TuskState, fn: string): void {
  check(state.governance.version === GOVERNANCE_VERSION, M, 'EWrongVersion', fn);
}

function open(
  ctx: TxContext,
  state: TuskState,
  kind: number,
  payload: Uint8Array,
  parameterName: string,
  parameterValue: bigint,
  deposit: Coin,
): string {
  const params = state.staking.params;
  const amount = deposit.balance;
  check(amount >= params.minProposalDeposit, M, 'EDepositTooLow', 'open');
  const epoch = state.staking.epoch;
  const endEpoch = epoch + params.votingEpochs;
  const id = ctx.freshId();
  ctx.freshId(); // the stake_votes table
  const proposal: Proposal = {
    id,
    proposer: ctx.sender,
    kind,
    payload,
    parameterName,
    parameterValue,
    deposit: amount,
    createdEpoch: epoch,
    endEpoch,
    totalStake: state.staking.epochStartStake,
    status: STATUS_OPEN,
    stakeTotals: [0n, 0n, 0n, 0n],
  };
  ctx.touch(state.proposals).set(id, proposal);
  ctx.touch(state.proposalVotes).set(id, { nodeVotes: new Map(), stakeVotes: new Map(), overrides: new Map() });
  ctx.emit('ProposalCreated', {
    epoch,
    proposal_id: id,
    proposer: ctx.sender,
    kind,
    payload,
    deposit: amount,
    end_epoch: endEpoch,
  });
  return id;
}

export function proposeParameterChange(
  ctx: TxContext,
  state: TuskState,
  name: string,
  value: bigint,
  deposit: Coin,
): string {
  assertVersion(state, 'propose_parameter_change');
  checkParameter(name, value);
  const payload = Uint8Array.from([...bcs.string().serialize(name).toBytes(), ...bcs.u64().serialize(value).toBytes()]);
  return open(ctx, state, KIND_PARAMETER, payload, name, value, deposit);
}

export function proposeUpgrade(ctx: TxContext, state: TuskState, digest: Uint8Array, deposit: Coin): string {
  assertVersion(state, 'propose_upgrade');
  check(digest.length === 32, M, 'EInvalidDigest', 'propose_upgrade');
  return open(ctx, state, KIND_UPGRADE, digest, '', 0n, deposit);
}

export function proposeText(ctx: TxContext, state: TuskState, text: string, deposit: Coin): string {
  assertVersion(state, 'propose_text');
  return open(ctx, state, KIND_TEXT, new TextEncoder().encode(text), '', 0n, deposit);
}

/** `open_proposal_mut`: exists, option valid, still open. */
function openProposal(
  ctx: TxContext,
  state: TuskState,
  proposalId: string,
  option: number,
  epoch: number,
): { proposal: Proposal; votes: ProposalVotes } {
  const proposal = state.proposals.get(proposalId);
  if (!proposal) abort(M, 'EUnknownProposal', 'open_proposal_mut');
  check(option <= NO_WITH_VETO, M, 'EInvalidOption', 'open_proposal_mut');
  check(proposal.status === STATUS_OPEN && epoch < proposal.endEpoch, M, 'EVotingClosed', 'open_proposal_mut');
  return { proposal, votes: state.proposalVotes.get(proposalId)! };
}

export function voteAsNode(
  ctx: TxContext,
  state: TuskState,
  cap: StorageNodeCap,
  proposalId: string,
  option: number,
): void {
  const fn = 'vote_as_node';
  assertVersion(state, fn);
  const epoch = state.staking.epoch;
  const { proposal, votes } = openProposal(ctx, state, proposalId, option, epoch);
  const weight = activeStakeAt(state, cap.nodeId, proposal.createdEpoch);
  check(weight > 0n, M, 'ENoVotingPower', fn);
  ctx.touch(votes.nodeVotes).set(cap.nodeId, { option, weight });
  ctx.emit('VoteCast', { epoch, proposal_id: proposalId, voter: cap.nodeId, is_node: true, option, weight });
}

export function voteWithStake(
  ctx: TxContext,
  state: TuskState,
  staked: StakedWal,
  proposalId: string,
  option: number,
): void {
  const fn = 'vote_with_stake';
  assertVersion(state, fn);
  const epoch = state.staking.epoch;
  const { proposal, votes } = openProposal(ctx, state, proposalId, option, epoch);
  const weight = votingPowerAt(state, staked, proposal.createdEpoch);
  check(weight > 0n, M, 'ENoVotingPower', fn);
  check(staked.changedEpoch < proposal.createdEpoch, M, 'EStakeChangedDuringProposal', fn);
  ctx.touch(proposal);
  ctx.touch(votes.stakeVotes);
  ctx.touch(votes.overrides);
  const old = votes.stakeVotes.get(staked.id);
  if (old) {
    votes.stakeVotes.delete(staked.id);
    proposal.stakeTotals[old.option as 0 | 1 | 2 | 3] -= old.weight;
    votes.overrides.set(old.nodeId, votes.overrides.get(old.nodeId)! - old.weight);
  }
  votes.stakeVotes.set(staked.id, { nodeId: staked.nodeId, option, weight });
  proposal.stakeTotals[option as 0 | 1 | 2 | 3] += weight;
  votes.overrides.set(staked.nodeId, (votes.overrides.get(staked.nodeId) ?? 0n) + weight);
  ctx.emit('VoteCast', { epoch, proposal_id: proposalId, voter: staked.id, is_node: false, option, weight });
}

/** `tally`: per option, delegators' weights plus each node's weight less its overriding delegators'. */
export function tally(proposal: Proposal, votes: ProposalVotes): [bigint, bigint, bigint, bigint] {
  const totals = [...proposal.stakeTotals] as [bigint, bigint, bigint, bigint];
  for (const [nodeId, vote] of votes.nodeVotes) {
    const overridden = votes.overrides.get(nodeId) ?? 0n;
    if (vote.weight > overridden) totals[vote.option as 0 | 1 | 2 | 3] += vote.weight - overridden;
  }
  return totals;
}

export function finalize(ctx: TxContext, state: TuskState, proposalId: string): void {
  const fn = 'finalize';
  assertVersion(state, fn);
  const proposal = state.proposals.get(proposalId);
  if (!proposal) abort(M, 'EUnknownProposal', fn);
  const epoch = state.staking.epoch;
  const params = state.staking.params;
  const total = proposal.totalStake;
  check(proposal.status === STATUS_OPEN, M, 'EAlreadyFinalized', fn);
  check(epoch >= proposal.endEpoch, M, 'EVotingNotEnded', fn);
  const [yes, no, abstain, veto] = tally(proposal, state.proposalVotes.get(proposalId)!);
  const voted = yes + no + abstain + veto;
  const status =
    voted === 0n || voted * BPS < total * BigInt(params.quorumBps)
      ? STATUS_FAILED_QUORUM
      : veto * BPS > voted * BigInt(params.vetoBps)
        ? STATUS_VETOED
        : yes * BPS > (yes + no + veto) * BigInt(params.passBps)
          ? STATUS_PASSED
          : STATUS_REJECTED;
  ctx.touch(proposal).status = status;
  ctx.emit('ProposalFinalized', { epoch, proposal_id: proposalId, status, yes, no, abstain, veto });
  const deposit = proposal.deposit;
  proposal.deposit = 0n;
  if (status === STATUS_VETOED) burnBalance(ctx, state, deposit);
  else ctx.transfer('walCoin', { id: ctx.freshId(), balance: deposit }, proposal.proposer);
  if (status === STATUS_PASSED) {
    if (proposal.kind === KIND_PARAMETER) {
      queueParameterChange(ctx, state, proposalId, proposal.parameterName, proposal.parameterValue);
    } else if (proposal.kind === KIND_UPGRADE) {
      ctx
        .touch(state.governance)
        .authorizedUpgrades.push([
          proposalId,
          { digest: proposal.payload, availableEpoch: epoch + UPGRADE_DELAY_EPOCHS },
        ]);
      ctx.emit('ProposalExecuted', { epoch, proposal_id: proposalId });
    }
  }
}

export { checkParameter };
