import { describe, expect, it } from 'vitest';
import {
  canWithdrawAtOnce,
  commissionEffectiveEpoch,
  epochProgress,
  estimatedEpochStartMs,
  formatDuration,
  isPending,
  stakeActivationEpoch,
  withdrawEpochIfRequestedNow,
} from './epochTiming.ts';

describe('epoch timing', () => {
  it('activates stake at E+1 before voting end and E+2 after it', () => {
    expect(stakeActivationEpoch({ epoch: 5, votingEnded: false })).toBe(6);
    expect(stakeActivationEpoch({ epoch: 5, votingEnded: true })).toBe(7);
    expect(withdrawEpochIfRequestedNow({ epoch: 5, votingEnded: false })).toBe(6);
    expect(withdrawEpochIfRequestedNow({ epoch: 5, votingEnded: true })).toBe(7);
  });

  it('lets pending stake leave at once only until a committee selection counts it', () => {
    // Staked in epoch 5 before voting end: activates at 6, not counted yet.
    expect(canWithdrawAtOnce(6, { epoch: 5, votingEnded: false })).toBe(true);
    // Voting end of epoch 5 counted it in the committee of 6: a request is needed.
    expect(canWithdrawAtOnce(6, { epoch: 5, votingEnded: true })).toBe(false);
    // Staked after voting end: activates at 7, counted only at epoch 6's voting end.
    expect(canWithdrawAtOnce(7, { epoch: 5, votingEnded: true })).toBe(true);
    expect(canWithdrawAtOnce(5, { epoch: 5, votingEnded: false })).toBe(false);
  });

  it('puts commission changes two epochs ahead and knows pending stake', () => {
    expect(commissionEffectiveEpoch(9)).toBe(11);
    expect(isPending(6, 5)).toBe(true);
    expect(isPending(5, 5)).toBe(false);
  });

  it('projects epoch starts and progress through the epoch', () => {
    const clock = { epoch: 3, startMs: 1_000_000, durationMs: 100_000 };
    expect(estimatedEpochStartMs(5, clock)).toBe(1_200_000);
    expect(epochProgress(clock, 1_025_000)).toEqual({
      fraction: 0.25,
      toVotingEnd: 0.5,
      msToVotingEnd: 25_000,
      msToEnd: 75_000,
    });
    expect(epochProgress(clock, 2_000_000)).toMatchObject({
      fraction: 1,
      toVotingEnd: 1,
      msToVotingEnd: 0,
      msToEnd: 0,
    });
  });

  it('formats durations for people', () => {
    expect(formatDuration(90_061_000)).toBe('1d 1h');
    expect(formatDuration(3_720_000)).toBe('1h 2m');
    expect(formatDuration(61_000)).toBe('1m 1s');
    expect(formatDuration(-5)).toBe('now');
  });
});
