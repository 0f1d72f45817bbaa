import { describe, expect, it } from 'vitest';
import { FROST_PER_WAL } from '@tusk/shared/protocol';
import { eventSchemas } from '@tusk/shared/events';
import { TuskCalls } from './calls.ts';
import { Devnet } from './devnet.ts';
import { labelAddress } from './ids.ts';
import { EpochKeeper } from './keeper.ts';

const WAL = FROST_PER_WAL;
const HOUR = 3_600_000n;

function setup(nodes = 4) {
  const devnet = new Devnet({ seed: 'test', genesisTimeMs: 1_700_000_000_000n, params: { epochDurationMs: HOUR, nShards: 100 } });
  const calls = new TuskCalls(devnet);
  calls.expectSuccess = true;
  const keeper = new EpochKeeper(calls, labelAddress('crank'));
  const operators = Array.from({ length: nodes }, (_, i) => labelAddress(`op${i}`));
  calls.sendWal(devnet.faucetAddress, operators, operators.map(() => 1_000_000n * WAL));
  const nodeIds = operators.map((operator, i) => {
    const result = calls.registerCandidate(operator, {
      name: `node-${i}`,
      networkAddress: `node${i}.tusk:9000`,
      metadataUrl: '',
      publicKey: new Uint8Array(48).fill(i + 1),
      networkPublicKey: new Uint8Array(32),
      proofOfPossession: new Uint8Array(96),
      commissionBps: 1000,
      storagePrice: 100_000n,
      writePrice: 20_000n,
      capacity: 1n << 40n,
    });
    const nodeId = result.tx.events[0] && (eventSchemas.NodeRegistered.parse(result.tx.events[0].bcs).node_id as string);
    keeper.operate({ nodeId: nodeId!, operator, capId: TuskCalls.createdOf(result, 'StorageNodeCap') });
    return nodeId!;
  });
  return { devnet, calls, keeper, operators, nodeIds };
}

function advance(devnet: Devnet, keeper: EpochKeeper, ms: bigint) {
  devnet.clockMs += ms;
  keeper.tick();
  devnet.seal();
}

describe('devnet simulator', () => {
  it('activates stake at the next epoch, pays rewards by shards and compounds them', () => {
    const { devnet, calls, keeper, operators, nodeIds } = setup();
    operators.forEach((op, i) => calls.stake(op, nodeIds[i]!, BigInt(100 * (i + 1)) * WAL));
    expect(devnet.state.pools.get(nodeIds[0]!)!.pendingStake.get(1)).toBe(100n * WAL);
    advance(devnet, keeper, HOUR / 2n); // voting end: committee for epoch 1
    expect(devnet.state.staking.nextCommittee!.map((m) => m.nodeId)).toEqual([...nodeIds].reverse());
    advance(devnet, keeper, HOUR / 2n); // epoch 1
    expect(devnet.state.staking.epoch).toBe(1);
    expect(devnet.state.staking.state.kind).toBe('done');
    expect(devnet.state.pools.get(nodeIds[0]!)!.wal).toBe(100n * WAL);
    calls.addRewards(devnet.faucetAddress, 1_000n * WAL);
    advance(devnet, keeper, HOUR / 2n);
    advance(devnet, keeper, HOUR / 2n); // epoch 2: rewards of epoch 1 paid
    const pool = devnet.state.pools.get(nodeIds[3]!)!;
    expect(pool.wal).toBeGreaterThan(400n * WAL);
    expect(pool.commission).toBeGreaterThan(0n);
  });

  it('is deterministic: the same calls give the same digests and event bytes', () => {
    const run = () => {
      const { devnet, calls, keeper, operators, nodeIds } = setup(3);
      calls.stake(operators[0]!, nodeIds[1]!, 5n * WAL);
      advance(devnet, keeper, HOUR);
      advance(devnet, keeper, HOUR);
      return devnet.checkpoints.flatMap((c) => c.transactions.flatMap((t) => [t.digest, ...t.events.map((e) => Buffer.from(e.bcs).toString('hex'))]));
    };
    expect(run()).toEqual(run());
  });
});
