/**
 * The totals My stake shows over a list of positions, in one place: the API
 * computes them for everything the index lists for an address, and the page
 * again for what the address still holds on chain (a position transferred
 * away drops out of them). Pure: no database, so client code may import it.
 */
import type { PositionState } from '@tusk/shared/staking/positionState';

/** What the totals read of a position; amounts as bigint or as the API's decimal strings. */
export interface TotalledPosition {
  state: PositionState;
  principal: bigint | string;
  value: bigint | string;
  rewards: bigint | string;
}

export interface PositionTotals {
  staked: bigint;
  value: bigint;
  rewards: bigint;
  pending: bigint;
  withdrawing: bigint;
  withdrawable: bigint;
  withdrawnRewards: bigint;
}

/** Live stake (pending, active, withdrawing, withdrawable), by state, and rewards to date. */
export function positionTotals(positions: readonly TotalledPosition[]): PositionTotals {
  const sum = (filter: (p: TotalledPosition) => boolean, pick: (p: TotalledPosition) => bigint | string) =>
    positions.filter(filter).reduce((total, p) => total + BigInt(pick(p)), 0n);
  const live = (p: TotalledPosition) =>
    p.state === 'pending' || p.state === 'active' || p.state === 'withdrawing' || p.state === 'withdrawable';
  return {
    staked: sum(live, (p) => p.principal),
    value: sum(live, (p) => p.value),
    rewards: sum(live, (p) => p.rewards),
    pending: sum(
      (p) => p.state === 'pending',
      (p) => p.principal,
    ),
    withdrawing: sum(
      (p) => p.state === 'withdrawing',
      (p) => p.value,
    ),
    withdrawable: sum(
      (p) => p.state === 'withdrawable',
      (p) => p.value,
    ),
    withdrawnRewards: sum(
      (p) => p.state === 'withdrawn',
      (p) => p.rewards,
    ),
  };
}
