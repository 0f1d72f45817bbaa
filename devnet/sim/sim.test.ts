import { describe, expect, it } from 'vitest';
import { eventSchemas } from '@tusk/shared/events';
import { TuskCalls } from './calls.ts';
import { labelAddress } from './ids.ts';
import { pendingStake } from './tusk/stakingPool.ts';
import { HOUR, testWorld, WAL } from './testWorld.ts';

describe('devnet simulator', () => {
  it('emits ParametersApplied for epoch 0 at genesis, as init::initialize does', () => {
    const { devnet } = testWorld({ nodes: 0 });
    const init = devnet.checkpoints[1]!.transactions[0]!;
    expect(init.events.map((e) => e.name)).toEqual(['ParametersApplied']);
    const applied = eventSchemas.ParametersApplied.parse(init.events[0]!.bcs);
    expect(applied.changed.map((c) => c.name)).toEqual([
      'n_shards',
      'epoch_duration_ms',
      'max_committee_size',
      'min_stake',
      'burn_bps',
      'slash_bps',
      'min_proposal_deposit',
      'voting_epochs',
      'quorum_bps',
      'pass_bps',
      'veto_bps',
    ]);
  });

  it('activates stake at the next epoch, pays rewards by shards and compounds them', () => {
    const { devnet, calls, nodes, advance, nextEpoch } = testWorld();
    nodes.forEach((node, i) => calls.stake(node.operator, node.nodeId, BigInt(100 * (i + 1)) * WAL));
    expect(pendingStake(devnet.state.pools.get(nodes[0]!.nodeId)!, 1)).toBe(100n * WAL);
    advance(HOUR / 2n); // voting end: committee for epoch 1
    expect(devnet.state.staking.nextCommittee.nodeIds).toEqual(nodes.map((n) => n.nodeId).reverse());
    advance(HOUR / 2n); // epoch 1
    expect(devnet.state.staking.epoch).toBe(1);
    expect(devnet.state.staking.epochState.kind).toBe('done');
    expect(devnet.state.pools.get(nodes[0]!.nodeId)!.wal).toBe(100n * WAL);
    calls.addRewards(devnet.faucetAddress, 1_000n * WAL);
    nextEpoch(); // epoch 2: rewards of epoch 1 paid
    const pool = devnet.state.pools.get(nodes[3]!.nodeId)!;
    expect(pool.wal).toBeGreaterThan(400n * WAL);
    expect(pool.commission).toBeGreaterThan(0n);
  });

  it('aborts with the Move constant and changes nothing but gas', () => {
    const { devnet, calls, nodes } = testWorld({ nodes: 1 });
    calls.expectSuccess = false;
    const user = labelAddress('user');
    calls.expectSuccess = true;
    calls.sendWal(devnet.faucetAddress, [user], [10n * WAL]);
    calls.expectSuccess = false;
    const before = devnet.state.pools.get(nodes[0]!.nodeId)!.balance;
    const staked = TuskCalls.createdOf(calls.stake(user, nodes[0]!.nodeId, 5n * WAL), 'StakedWal');
    const result = calls.requestWithdraw(user, staked);
    expect(result.tx.status.success).toBe(false);
    expect(!result.tx.status.success && result.tx.status.failure).toMatchObject({
      $kind: 'MoveAbort',
      module: 'staking',
      constantName: 'ENotActive',
    });
    expect(devnet.state.pools.get(nodes[0]!.nodeId)!.balance).toBe(before + 5n * WAL);
  });

  it('is deterministic: the same calls give the same digests and event bytes', () => {
    const run = () => {
      const { devnet, calls, nodes, nextEpoch } = testWorld({ nodes: 3 });
      calls.stake(nodes[0]!.operator, nodes[1]!.nodeId, 5n * WAL);
      nextEpoch();
      nextEpoch();
      return devnet.checkpoints.flatMap((c) =>
        c.transactions.flatMap((t) => [t.digest, ...t.events.map((e) => Buffer.from(e.bcs).toString('hex'))]),
      );
    };
    expect(run()).toEqual(run());
  });
});
