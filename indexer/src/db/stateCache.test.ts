import { describe, expect, it } from 'vitest';
import { blobs, stakePositions } from '@tusk/shared/db/schema';
import { StateCache } from './stateCache.ts';

const position = (id: string, principal: bigint) =>
  ({ stakedWalId: id, principal }) as typeof stakePositions.$inferSelect;

describe('StateCache', () => {
  it('keeps rows per table and key, the last one remembered winning', () => {
    const cache = new StateCache();
    cache.remember(stakePositions, '0x1', position('0x1', 1n));
    cache.remember(stakePositions, '0x1', position('0x1', 2n));
    expect(cache.get(stakePositions, '0x1')?.principal).toBe(2n);
    // Same key, another table: not the same row.
    expect(cache.get(blobs, '0x1')).toBeUndefined();
    cache.forget(stakePositions, '0x1');
    expect(cache.get(stakePositions, '0x1')).toBeUndefined();
  });

  it('drops the least recently written row of a table past its limit, and everything on clear', () => {
    const cache = new StateCache(2);
    cache.remember(stakePositions, 'a', position('a', 1n));
    cache.remember(stakePositions, 'b', position('b', 1n));
    cache.remember(stakePositions, 'a', position('a', 2n)); // written again: now the most recent
    cache.remember(stakePositions, 'c', position('c', 1n));
    expect(['a', 'b', 'c'].map((k) => cache.get(stakePositions, k)?.principal)).toEqual([2n, undefined, 1n]);
    cache.clear();
    expect(cache.get(stakePositions, 'a')).toBeUndefined();
  });
});
