/**
 * Which of a delegator's positions can vote on a proposal, and why the others
 * cannot: the one place the dashboard states the chain's rule, so the vote
 * dialog never puts a position in the transaction that would abort it all.
 *
 * Votes weigh a snapshot: the stake as it was when the proposal's epoch
 * began. `governance::vote_with_stake` accepts a StakedWal only if
 * - `staking::voting_power_at(created_epoch)` is above 0: no withdrawal was
 *   requested and it was already active when that epoch began (activation
 *   epoch at most the proposal's) (`ENoVotingPower`), and
 * - its `changed_epoch` (created, split or merged into) is before the
 *   proposal's `created_epoch` (`EStakeChangedDuringProposal`), so the same
 *   WAL never votes twice by moving between objects.
 * Its weight is its value at the start of the proposal's epoch: `value`
 * (today's) is that plus any rewards since, so the dialog labels it "about".
 * Positions that ended (withdrawn, merged away) no longer exist on chain:
 * `stakeVoters` leaves them out.
 */
import type { PositionJson, ProposalJson } from '../data/api.ts';

/** What the rule reads of a position (as the `accountPositions` endpoint serves it). */
export type VoterPosition = Pick<
  PositionJson,
  'stakedWalId' | 'state' | 'activationEpoch' | 'createdEpoch' | 'changedEpoch' | 'splitFrom' | 'value'
>;

/** What the rule reads of a proposal. */
export type VotedProposal = Pick<ProposalJson, 'createdEpoch' | 'endEpoch'>;

/** Why a position cannot vote on the proposal. */
export type StakeVoteExclusion = {
  /** `ended`: withdrawn or merged away, the object no longer exists (not listed by `stakeVoters`). */
  kind: 'ended' | 'withdrawing' | 'notActiveAtOpen' | 'changedDuringProposal';
  /** One phrase for the dialog, e.g. "withdrawal requested: no voting power". */
  reason: string;
};

export interface StakeVoters<P extends VoterPosition> {
  /** Positions that can vote on the proposal, in the order given. */
  eligible: P[];
  /** Live positions that cannot, each with why. */
  excluded: { position: P; exclusion: StakeVoteExclusion }[];
  /** The eligible positions' value in FROST: the weight the vote carries. */
  weight: bigint;
}

/**
 * Why `position` cannot vote on `proposal`, or null if it can. The order
 * follows the chain's checks: voting power first, then the changed epoch.
 */
export function stakeVoteExclusion(position: VoterPosition, proposal: VotedProposal): StakeVoteExclusion | null {
  if (position.state === 'withdrawn' || position.state === 'joined') {
    return { kind: 'ended', reason: position.state === 'joined' ? 'merged into another position' : 'withdrawn' };
  }
  if (position.state === 'withdrawing' || position.state === 'withdrawable') {
    return { kind: 'withdrawing', reason: 'withdrawal requested: no voting power' };
  }
  if (position.activationEpoch === null || position.activationEpoch > proposal.createdEpoch) {
    const when = position.state === 'pending' ? 'activates' : 'active from';
    return {
      kind: 'notActiveAtOpen',
      reason: `${when} epoch ${position.activationEpoch ?? '?'}, after the proposal opened (epoch ${proposal.createdEpoch}): votes weigh stake that was active when it opened`,
    };
  }
  if (position.changedEpoch >= proposal.createdEpoch) {
    const when =
      position.changedEpoch === proposal.createdEpoch
        ? 'when the proposal opened'
        : `after the proposal opened (epoch ${proposal.createdEpoch})`;
    return {
      kind: 'changedDuringProposal',
      reason: `${changeOf(position)} in epoch ${position.changedEpoch}, ${when}: cannot vote on it`,
    };
  }
  return null;
}

/** Splits a delegator's positions into those that can vote on `proposal` and those that cannot. */
export function stakeVoters<P extends VoterPosition>(positions: readonly P[], proposal: VotedProposal): StakeVoters<P> {
  const voters: StakeVoters<P> = { eligible: [], excluded: [], weight: 0n };
  for (const position of positions) {
    const exclusion = stakeVoteExclusion(position, proposal);
    if (exclusion?.kind === 'ended') continue;
    if (exclusion) voters.excluded.push({ position, exclusion });
    else {
      voters.eligible.push(position);
      voters.weight += BigInt(position.value);
    }
  }
  return voters;
}

/** What last gave the position its principal, as words. */
function changeOf(position: VoterPosition): string {
  if (position.changedEpoch !== position.createdEpoch) return 'split or merged';
  return position.splitFrom ? 'split off' : 'staked';
}
