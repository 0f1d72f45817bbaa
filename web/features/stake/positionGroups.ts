/**
 * How "My stake" sorts an address's positions into its tables. The index
 * lists every position the address ever held; one that is still live in the
 * index but that the chain no longer lists under the address was given away
 * with a plain transfer (which emits no staking event), so it leaves the
 * state tables and the totals and is listed apart.
 */
import { normalizeSuiAddress } from '@mysten/sui/utils';
import { positionTotals, type PositionTotals } from '../../server/queries/positionTotals.ts';
import type { PositionJson, PositionsJson } from '../data/api.ts';

export interface PositionGroups {
  /** Live in the index, gone from the address on chain. */
  transferredAway: PositionJson[];
  pending: PositionJson[];
  active: PositionJson[];
  withdrawing: PositionJson[];
  withdrawable: PositionJson[];
  /** Withdrawn and merged positions (nothing disappears). */
  history: PositionJson[];
  /** Over the positions the address still holds. */
  totals: PositionsJson['totals'] | PositionTotals;
}

const isLive = (p: PositionJson) => p.state !== 'withdrawn' && p.state !== 'joined';

/** `owned`: the StakedWal IDs the chain lists under the address (normalized), once known. */
export function groupPositions(data: PositionsJson, owned: ReadonlySet<string> | undefined): PositionGroups {
  const transferredAway = data.positions.filter(
    (p) => isLive(p) && owned !== undefined && !owned.has(normalizeSuiAddress(p.stakedWalId)),
  );
  const held = data.positions.filter((p) => !transferredAway.includes(p));
  const inState = (state: PositionJson['state']) => held.filter((p) => p.state === state);
  return {
    transferredAway,
    pending: inState('pending'),
    active: inState('active'),
    withdrawing: inState('withdrawing'),
    withdrawable: inState('withdrawable'),
    history: data.positions.filter((p) => !isLive(p)),
    // The API's totals count every live position; recount only when some were given away.
    totals: transferredAway.length === 0 ? data.totals : positionTotals(held),
  };
}

/** The positions `position` can be merged with: same state, node, activation and withdraw epoch. */
export function mergeablePositions(all: readonly PositionJson[], position: PositionJson): PositionJson[] {
  return all.filter(
    (other) =>
      other.stakedWalId !== position.stakedWalId &&
      other.state === position.state &&
      other.nodeId === position.nodeId &&
      other.activationEpoch === position.activationEpoch &&
      other.withdrawEpoch === position.withdrawEpoch,
  );
}
