import { describe, expect, it } from 'vitest';
import { positionTotals } from './positionTotals.ts';

describe('positionTotals', () => {
  it('sums live stake by state, and rewards of withdrawn stake apart, from bigints or API strings alike', () => {
    const positions = [
      { state: 'pending' as const, principal: 10n, value: 10n, rewards: 0n },
      { state: 'active' as const, principal: '100', value: '104', rewards: '4' },
      { state: 'withdrawing' as const, principal: 50n, value: 52n, rewards: 2n },
      { state: 'withdrawable' as const, principal: 20n, value: 21n, rewards: 1n },
      { state: 'withdrawn' as const, principal: 30n, value: 33n, rewards: 3n },
      { state: 'joined' as const, principal: 5n, value: 5n, rewards: 0n },
    ];
    expect(positionTotals(positions)).toEqual({
      staked: 180n,
      value: 187n,
      rewards: 7n,
      pending: 10n,
      withdrawing: 52n,
      withdrawable: 21n,
      withdrawnRewards: 3n,
    });
    // What My stake shows once the active position has been transferred away.
    expect(positionTotals(positions.filter((p) => p.state !== 'active')).staked).toBe(80n);
  });
});
