import { normalizeSuiAddress } from '@mysten/sui/utils';
import { describe, expect, it } from 'vitest';
import { toJson } from '../data/json.ts';
import type { PositionJson, PositionsJson } from '../data/api.ts';
import { positionTotals } from '../../server/queries/positionTotals.ts';
import { groupPositions, mergeablePositions } from './positionGroups.ts';

const WAL = 1_000_000_000n;

/** A position as the API serves it: `id` and state given, the rest plain defaults. */
function position(id: number, state: PositionJson['state'], overrides: Partial<PositionJson> = {}): PositionJson {
  return {
    ...toJson({
      stakedWalId: normalizeSuiAddress(`0x${id.toString(16)}`),
      nodeId: normalizeSuiAddress('0xa'),
      nodeName: 'Node A',
      nodeStatus: 'committee' as const,
      nodeSlashCount: 0,
      state,
      principal: 10n * WAL,
      value: 11n * WAL,
      rewards: 1n * WAL,
      slashed: 0n,
      valued: true,
      activationEpoch: 2,
      activatesAt: null,
      createdEpoch: 1,
      changedEpoch: 1,
      withdrawRequestedEpoch: null,
      withdrawEpoch: null,
      withdrawableAt: null,
      withdrawnEpoch: null,
      splitFrom: null,
      joinedInto: null,
    }),
    ...overrides,
  };
}

function account(positions: PositionJson[]): PositionsJson {
  return { owner: '0x1', clock: null, positions, totals: toJson(positionTotals(positions)) };
}

describe('groupPositions', () => {
  const positions = [
    position(1, 'pending'),
    position(2, 'active'),
    position(3, 'active'),
    position(4, 'withdrawing'),
    position(5, 'withdrawable'),
    position(6, 'withdrawn'),
    position(7, 'joined'),
  ];

  it('sorts positions into one table per state, withdrawn and merged ones into the history', () => {
    const groups = groupPositions(account(positions), undefined);
    expect(groups.pending.map((p) => p.stakedWalId)).toEqual([positions[0]!.stakedWalId]);
    expect(groups.active).toHaveLength(2);
    expect(groups.withdrawing).toHaveLength(1);
    expect(groups.withdrawable).toHaveLength(1);
    expect(groups.history.map((p) => p.state)).toEqual(['withdrawn', 'joined']);
    expect(groups.transferredAway).toEqual([]);
  });

  it('moves a live position the chain no longer lists under the address out of the tables and the totals', () => {
    const held = new Set(positions.filter((p) => p !== positions[2]).map((p) => p.stakedWalId));
    const groups = groupPositions(account(positions), held);
    expect(groups.transferredAway).toEqual([positions[2]]);
    expect(groups.active).toEqual([positions[1]]);
    expect(BigInt(groups.totals.staked)).toBe(40n * WAL);
  });
});

describe('mergeablePositions', () => {
  it('offers only positions with the same state, node, activation and withdraw epoch', () => {
    const target = position(1, 'active');
    const twin = position(2, 'active');
    const otherNode = position(3, 'active', { nodeId: normalizeSuiAddress('0xb') });
    const later = position(4, 'active', { activationEpoch: 3 });
    const pending = position(5, 'pending');
    expect(mergeablePositions([target, twin, otherNode, later, pending], target)).toEqual([twin]);
  });
});
