import { describe, expect, it } from 'vitest';
import { stakeVoteExclusion, stakeVoters, type VoterPosition } from './stakeVoteEligibility.ts';

/** A proposal opened in epoch 10, open for votes until epoch 12. */
const proposal = { createdEpoch: 10, endEpoch: 12 };
const WAL = 1_000_000_000n;

/** A position staked in epoch 5, active from epoch 6, worth `value` WAL, never split or merged. */
function position(overrides: Partial<VoterPosition> & { stakedWalId: string }, value = 100n): VoterPosition {
  return {
    state: 'active',
    activationEpoch: 6,
    createdEpoch: 5,
    changedEpoch: 5,
    splitFrom: null,
    value: String(value * WAL),
    ...overrides,
  };
}

describe('stakeVoteExclusion', () => {
  it('lets active stake unchanged since before the proposal vote', () => {
    expect(stakeVoteExclusion(position({ stakedWalId: 'a' }), proposal)).toBeNull();
    expect(stakeVoteExclusion(position({ stakedWalId: 'a', changedEpoch: 9 }), proposal)).toBeNull();
  });

  it('excludes a position with a requested withdrawal, withdrawable or not: it has no voting power', () => {
    for (const state of ['withdrawing', 'withdrawable'] as const) {
      expect(stakeVoteExclusion(position({ stakedWalId: 'w', state }), proposal)).toEqual({
        kind: 'withdrawing',
        reason: 'withdrawal requested: no voting power',
      });
    }
  });

  it('excludes stake that was not active when the proposal opened, even once active (the vote weighs a snapshot)', () => {
    expect(
      stakeVoteExclusion(
        position({ stakedWalId: 'n', createdEpoch: 10, changedEpoch: 10, activationEpoch: 11 }),
        proposal,
      ),
    ).toEqual({
      kind: 'notActiveAtOpen',
      reason:
        'active from epoch 11, after the proposal opened (epoch 10): votes weigh stake that was active when it opened',
    });
    // Staked before the proposal's epoch but after that epoch's voting end: unchanged since, still not active then.
    expect(
      stakeVoteExclusion(
        position({ stakedWalId: 'late', createdEpoch: 9, changedEpoch: 9, activationEpoch: 11 }),
        proposal,
      )?.kind,
    ).toBe('notActiveAtOpen');
    // Active exactly from the proposal's epoch: it was active when it opened.
    expect(
      stakeVoteExclusion(
        position({ stakedWalId: 'ok', createdEpoch: 9, changedEpoch: 9, activationEpoch: 10 }),
        proposal,
      ),
    ).toBeNull();
  });

  it('excludes active stake split or merged during the proposal, naming the epochs', () => {
    expect(stakeVoteExclusion(position({ stakedWalId: 'p', changedEpoch: 11 }), proposal)).toEqual({
      kind: 'changedDuringProposal',
      reason: 'split or merged in epoch 11, after the proposal opened (epoch 10): cannot vote on it',
    });
    expect(
      stakeVoteExclusion(position({ stakedWalId: 'c', createdEpoch: 10, changedEpoch: 10, splitFrom: 'p' }), proposal),
    ).toMatchObject({
      kind: 'changedDuringProposal',
      reason: 'split off in epoch 10, when the proposal opened: cannot vote on it',
    });
  });

  it('excludes pending stake: whenever it activates, it was not active when the proposal opened', () => {
    for (const [createdEpoch, activationEpoch] of [
      [11, 12],
      [9, 11],
      [9, 12],
    ]) {
      expect(
        stakeVoteExclusion(
          position({ stakedWalId: 'q', state: 'pending', createdEpoch, changedEpoch: createdEpoch, activationEpoch }),
          proposal,
        ),
      ).toEqual({
        kind: 'notActiveAtOpen',
        reason: `activates epoch ${activationEpoch}, after the proposal opened (epoch 10): votes weigh stake that was active when it opened`,
      });
    }
  });

  it('says a withdrawn or merged-away position has ended', () => {
    expect(stakeVoteExclusion(position({ stakedWalId: 'x', state: 'withdrawn' }), proposal)?.kind).toBe('ended');
    expect(stakeVoteExclusion(position({ stakedWalId: 'j', state: 'joined' }), proposal)?.kind).toBe('ended');
  });
});

describe('stakeVoters', () => {
  it('weighs only the eligible positions, lists the live excluded ones, and leaves ended ones out', () => {
    const positions = [
      position({ stakedWalId: 'active' }, 100n),
      position({ stakedWalId: 'withdrawing', state: 'withdrawing' }, 30n),
      position({ stakedWalId: 'changed', changedEpoch: 10 }, 20n),
      position(
        { stakedWalId: 'pending', state: 'pending', createdEpoch: 10, changedEpoch: 10, activationEpoch: 11 },
        7n,
      ),
      position({ stakedWalId: 'old', changedEpoch: 2 }, 5n),
      position({ stakedWalId: 'withdrawn', state: 'withdrawn' }, 1000n),
      position({ stakedWalId: 'joined', state: 'joined' }, 0n),
    ];
    const voters = stakeVoters(positions, proposal);
    expect(voters.eligible.map((p) => p.stakedWalId)).toEqual(['active', 'old']);
    expect(voters.weight).toBe(105n * WAL);
    expect(voters.excluded.map(({ position, exclusion }) => [position.stakedWalId, exclusion.kind])).toEqual([
      ['withdrawing', 'withdrawing'],
      ['changed', 'changedDuringProposal'],
      ['pending', 'notActiveAtOpen'],
    ]);
  });

  it('has no voter and no weight when every position is withdrawing', () => {
    const voters = stakeVoters([position({ stakedWalId: 'w', state: 'withdrawing' })], proposal);
    expect(voters.eligible).toEqual([]);
    expect(voters.weight).toBe(0n);
    expect(voters.excluded).toHaveLength(1);
  });
});
