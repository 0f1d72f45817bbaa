import { describe, expect, it } from 'vitest';
import {
  annualizedReturn,
  apportionShards,
  assignShardIndices,
  exchangeRate,
  FLAT_RATE,
  rewardsByShards,
  selectCommittee,
  shardCap,
  sharesForWal,
  slashAmount,
  splitCommission,
  splitFees,
  valueAt,
  walForShares,
  weightedQuantile,
  YEAR_MS,
} from './index.ts';

describe('exchange rate', () => {
  it('converts 1:1 in an empty pool', () => {
    expect(sharesForWal(123n, FLAT_RATE)).toBe(123n);
    expect(sharesForWal(123n, exchangeRate(0n, 0n))).toBe(123n);
    expect(walForShares(77n, exchangeRate(0n, 5n))).toBe(77n);
  });

  it('rounds both conversions down, in the pool’s favour', () => {
    const rate = exchangeRate(1_100n, 1_000n); // 1.1 WAL per share
    expect(sharesForWal(100n, rate)).toBe(90n); // 90.9 -> 90
    expect(walForShares(90n, rate)).toBe(99n); // 99.0
    expect(walForShares(91n, rate)).toBe(100n); // 100.1 -> 100
  });

  it('values a stake by the shares it bought: rewards raise it, a slash lowers it', () => {
    const atActivation = exchangeRate(1_000n, 1_000n);
    expect(valueAt(500n, atActivation, exchangeRate(1_200n, 1_000n))).toBe(600n);
    expect(valueAt(500n, atActivation, exchangeRate(990n, 1_000n))).toBe(495n);
  });

  it('annualizes a rate change over the time it took', () => {
    const apy = annualizedReturn(exchangeRate(100n, 100n), exchangeRate(101n, 100n), YEAR_MS / 12)!;
    expect(apy).toBeCloseTo(1.01 ** 12 - 1, 10);
    expect(annualizedReturn(FLAT_RATE, FLAT_RATE, 0)).toBeUndefined();
  });
});

describe('fees, rewards and commission', () => {
  it('burns burn_bps of the fees and pays the rest, losing nothing', () => {
    expect(splitFees(1_000_001n, 300)).toEqual({ burned: 30_000n, rewards: 970_001n });
  });

  it('splits rewards by shards, rounding down, and reports the dust', () => {
    const { perMember, dust } = rewardsByShards(1_000n, [1, 1, 1]);
    expect(perMember).toEqual([333n, 333n, 333n]);
    expect(dust).toBe(1n);
  });

  it('gives a member without shards nothing and all rewards to dust when nobody has shards', () => {
    expect(rewardsByShards(10n, [0, 2, 3]).perMember).toEqual([0n, 4n, 6n]);
    expect(rewardsByShards(10n, []).dust).toBe(10n);
  });

  it('takes commission out of a pool’s rewards, rounding down', () => {
    expect(splitCommission(999n, 1_000)).toEqual({ commission: 99n, toPool: 900n });
    expect(splitCommission(999n, 10_000)).toEqual({ commission: 999n, toPool: 0n });
  });

  it('slashes slash_bps of the stake', () => {
    expect(slashAmount(1_000_000n, 100)).toBe(10_000n);
  });
});

describe('stake-weighted quantile', () => {
  const votes = [
    { value: 10n, weight: 1n },
    { value: 30n, weight: 1n },
    { value: 20n, weight: 1n },
  ];

  it('takes the first value where 2/3 of the weight is reached, ascending for prices', () => {
    expect(weightedQuantile(votes, 2n, 3n, 'ascending')).toBe(20n);
  });

  it('descending for capacity: 2/3 of the weight offers at least that much', () => {
    expect(weightedQuantile(votes, 2n, 3n, 'descending')).toBe(20n);
  });

  it('is decided by weight, not by the number of voters', () => {
    expect(
      weightedQuantile(
        [
          { value: 1n, weight: 1n },
          { value: 99n, weight: 10n },
        ],
        2n,
        3n,
      ),
    ).toBe(99n);
  });

  it('is exact at the boundary and ignores zero weights', () => {
    expect(
      weightedQuantile(
        [
          { value: 1n, weight: 2n },
          { value: 2n, weight: 1n },
        ],
        2n,
        3n,
      ),
    ).toBe(1n);
    expect(weightedQuantile([{ value: 1n, weight: 0n }], 2n, 3n)).toBeUndefined();
  });
});

describe('committee', () => {
  it('selects the top pools by stake, ties in registration order, skipping pools without stake', () => {
    const candidates = [
      { id: 'a', stake: 5n },
      { id: 'b', stake: 9n },
      { id: 'c', stake: 5n },
      { id: 'd', stake: 0n },
    ];
    expect(selectCommittee(candidates, 10).map((c) => c.id)).toEqual(['b', 'a', 'c']);
    expect(selectCommittee(candidates, 2).map((c) => c.id)).toEqual(['b', 'a']);
  });

  it('apportions every shard by D’Hondt in proportion to stake', () => {
    const shards = apportionShards([600n, 300n, 100n], 10, 10);
    expect(shards).toEqual([6, 3, 1]);
  });

  it('caps a member at 10% of shards when the others have the stake to take the rest', () => {
    expect(shardCap(1000, 50, 1000)).toBe(100);
    expect(shardCap(1000, 4, 1000)).toBe(250);
    const shards = apportionShards([10_000n, ...Array.from({ length: 19 }, () => 600n)], 1000, 100);
    expect(shards[0]).toBe(100);
    expect(shards.reduce((a, b) => a + b, 0)).toBe(1000);
    // Nobody gets more than twice its proportional share (600 of 21,400 stake: 56 of 1000).
    expect(Math.max(...shards.slice(1))).toBeLessThanOrEqual(56);
  });

  it('never hands the capped excess to members staking next to nothing (a 7 WAL committee takeover)', () => {
    const honest = 1_000_000n * 1_000_000_000n;
    const shards = apportionShards(
      [honest, honest, honest, ...Array.from({ length: 7 }, () => 1_000_000_000n)],
      100,
      10,
    );
    expect(shards).toEqual([34, 33, 33, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('keeps shards on their current node where possible', () => {
    const previous = new Map([
      ['a', [0, 1, 2, 3]],
      ['b', [4, 5]],
    ]);
    const next = assignShardIndices(
      new Map([
        ['a', 2],
        ['b', 3],
        ['c', 1],
      ]),
      previous,
      6,
    );
    expect(next.get('a')).toEqual([0, 1]);
    expect(next.get('b')).toEqual([2, 4, 5]);
    expect(next.get('c')).toEqual([3]);
  });
});
