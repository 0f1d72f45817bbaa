import { describe, expect, it } from 'vitest';
import { eventSchemas } from '@tusk/shared/events';
import { TuskCalls } from './calls.ts';
import { labelAddress } from './ids.ts';
import { tally } from './tusk/governance.ts';
import { HOUR, testWorld, WAL } from './testWorld.ts';

const user = labelAddress('rules-user');

function eventsOf(result: ReturnType<TuskCalls['run']>, name: keyof typeof eventSchemas) {
  return result.tx.events
    .filter((e) => e.name === name)
    .map((e) => eventSchemas[name].parse(e.bcs) as Record<string, unknown>);
}

describe('simulator rules', () => {
  it('activates a stake made after voting end two epochs later, and lets it out at once before then', () => {
    const w = testWorld({ nodes: 2 });
    w.calls.sendWal(w.devnet.faucetAddress, [user], [100n * WAL]);
    w.advance(HOUR / 2n);
    const result = w.calls.stake(user, w.nodes[0]!.nodeId, 10n * WAL);
    expect(eventsOf(result, 'StakeDeposited')[0]).toMatchObject({ epoch: 0, activation_epoch: 2 });
    const out = w.calls.withdraw(user, TuskCalls.createdOf(result, 'StakedWal'));
    expect(eventsOf(out, 'StakeWithdrawn')[0]).toMatchObject({
      principal: 10n * WAL,
      rewards: 0n,
      slashed: 0n,
    });
    expect(w.calls.walBalance(user)).toBe(100n * WAL);
  });

  it('reports the WAL a transaction moves as balance changes (coins are changed in place while it runs)', () => {
    const w = testWorld({ nodes: 1 });
    w.calls.sendWal(w.devnet.faucetAddress, [user], [100n * WAL]);
    const result = w.calls.stake(user, w.nodes[0]!.nodeId, 10n * WAL);
    expect(result.tx.balanceChanges).toEqual([
      { address: user, coinType: `${w.devnet.deployment.packages.wal}::wal::WAL`, amount: -10n * WAL },
    ]);
  });

  it('pays a withdrawal at its withdraw epoch’s rate: principal plus rewards net of commission', () => {
    const w = testWorld({ nodes: 1 });
    w.calls.sendWal(w.devnet.faucetAddress, [user], [1_000n * WAL]);
    const id = TuskCalls.createdOf(w.calls.stake(user, w.nodes[0]!.nodeId, 1_000n * WAL), 'StakedWal');
    w.nextEpoch();
    w.calls.addRewards(w.devnet.faucetAddress, 100n * WAL);
    w.nextEpoch();
    // 100 WAL of fees: 3% burned, the rest to the only member, 10% commission; the operator has no stake.
    w.calls.requestWithdraw(user, id);
    w.nextEpoch();
    const out = eventsOf(w.calls.withdraw(user, id), 'StakeWithdrawn')[0]!;
    expect(out.rewards).toBe((97n * WAL * 9n) / 10n);
    expect(out.slashed).toBe(0n);
  });

  it('applies a commission change two epochs after it is scheduled', () => {
    const w = testWorld({ nodes: 1 });
    const node = w.nodes[0]!;
    w.calls.stake(node.operator, node.nodeId, 10n * WAL);
    const scheduled = eventsOf(w.calls.setCommission(node.operator, node.capId, 5_000), 'CommissionScheduled')[0]!;
    expect(scheduled).toMatchObject({ epoch: 0, rate_bps: 5_000, effective_epoch: 2 });
    w.nextEpoch();
    expect(w.devnet.state.pools.get(node.nodeId)!.commissionRate).toBe(1_000);
    w.nextEpoch();
    expect(w.devnet.state.pools.get(node.nodeId)!.commissionRate).toBe(5_000);
  });

  it('slashes at a 2/3 quorum of shards: the rate falls and the delegator’s withdrawal reports the loss', () => {
    const w = testWorld({ nodes: 4 });
    w.calls.sendWal(w.devnet.faucetAddress, [user], [1_000n * WAL]);
    w.nodes.forEach((node) => w.calls.stake(node.operator, node.nodeId, 100n * WAL));
    const target = w.nodes[0]!;
    // 200 of 500 WAL: the other three nodes hold the 2/3 of shards a slash needs.
    const id = TuskCalls.createdOf(w.calls.stake(user, target.nodeId, 100n * WAL), 'StakedWal');
    w.nextEpoch();
    const before = w.devnet.state.pools.get(target.nodeId)!.wal;
    let total = 0n;
    for (const voter of w.nodes.slice(1)) {
      const cast = eventsOf(w.calls.voteForSlash(voter.operator, voter.capId, target.nodeId), 'SlashVoteCast')[0]!;
      total = cast.total_weight as bigint;
    }
    expect(3n * total).toBeGreaterThanOrEqual(2n * 100n);
    const slashed = eventsOf(w.calls.executeSlash(user, target.nodeId), 'NodeSlashed')[0]!;
    expect(slashed.stake_burned).toBe(before / 100n);
    w.calls.requestWithdraw(user, id);
    w.nextEpoch();
    const out = eventsOf(w.calls.withdraw(user, id), 'StakeWithdrawn')[0]!;
    expect(out.slashed).toBeGreaterThan(0n);
    w.calls.expectSuccess = false;
    const again = w.calls.executeSlash(user, target.nodeId);
    expect(!again.tx.status.success && again.tx.status.failure).toMatchObject({
      module: 'staking',
      constantName: 'ENoSlashQuorum',
    });
  });

  it('tallies a delegator’s vote as overriding its node’s for that stake', () => {
    const w = testWorld({ nodes: 2 });
    w.calls.sendWal(w.devnet.faucetAddress, [user], [1_000n * WAL]);
    const [a, b] = w.nodes as [(typeof w.nodes)[0], (typeof w.nodes)[0]];
    w.calls.stake(a.operator, a.nodeId, 300n * WAL);
    w.calls.stake(b.operator, b.nodeId, 100n * WAL);
    const position = TuskCalls.createdOf(w.calls.stake(user, a.nodeId, 200n * WAL), 'StakedWal');
    w.nextEpoch();
    w.nextEpoch();
    const created = w.calls.proposeText(user, 'hello', 10n * WAL);
    const proposalId = eventsOf(created, 'ProposalCreated')[0]!.proposal_id as string;
    w.calls.voteAsNode(a.operator, a.capId, proposalId, 0);
    w.calls.voteAsNode(b.operator, b.capId, proposalId, 1);
    w.calls.voteWithStake(user, [position], proposalId, 1);
    const [yes, no] = tally(w.devnet.state.proposals.get(proposalId)!, w.devnet.state.proposalVotes.get(proposalId)!);
    expect(yes).toBe(300n * WAL);
    expect(no).toBe(300n * WAL);
  });
});
