import { describe, expect, it } from 'vitest';
import { slashTargets } from './slashTargets.ts';

const node = (nodeId: string, status: 'committee' | 'candidate', shards: number) => ({ nodeId, status, shards });

describe('slashTargets', () => {
  const voter = node('0xvoter', 'committee', 300);
  const member = node('0xmember', 'committee', 400);
  const candidate = node('0xcandidate', 'candidate', 0);
  // Selected for the next epoch only: not in the current committee yet.
  const incoming = { ...node('0xincoming', 'candidate', 0), nextShards: 200 };

  it('offers only the other members of the current committee, as vote_for_slash accepts them', () => {
    expect(slashTargets([voter, member, candidate, incoming], voter.nodeId)).toEqual([member]);
  });

  it('leaves out a node marked committee without shards (a chain committee holds only members with shards)', () => {
    expect(slashTargets([voter, node('0xempty', 'committee', 0)], voter.nodeId)).toEqual([]);
  });

  it('keeps the order it was given (the API sorts by name)', () => {
    const other = node('0xother', 'committee', 100);
    expect(slashTargets([other, voter, member], voter.nodeId)).toEqual([other, member]);
  });
});
