/**
 * A small devnet for tests: short epochs, few shards, `n` registered nodes
 * (real BLS keys and proofs of possession) operated by the epoch keeper, and
 * helpers to move time.
 */
import { eventSchemas } from '@tusk/shared/events';
import { FROST_PER_WAL } from '@tusk/shared/protocol';
import { TuskCalls } from './calls.ts';
import { Devnet, type DevnetOptions } from './devnet.ts';
import { labelAddress } from './ids.ts';
import { EpochKeeper } from './keeper.ts';
import { nodeKeys, type NodeKeys } from './nodeKeys.ts';

export const WAL = FROST_PER_WAL;
export const HOUR = 3_600_000n;

export interface TestNode {
  nodeId: string;
  operator: string;
  capId: string;
  keys: NodeKeys;
}

export interface TestWorld {
  devnet: Devnet;
  calls: TuskCalls;
  keeper: EpochKeeper;
  nodes: TestNode[];
  crank: string;
  /** Moves the clock by `ms`, runs due epoch steps, seals a checkpoint. */
  advance(ms: bigint): void;
  /** Runs to the start of the next epoch (voting end, then the change and its sync). */
  nextEpoch(): void;
}

export function testWorld(
  options: { nodes?: number; seed?: string; params?: DevnetOptions['params']; operatorWal?: bigint } = {},
): TestWorld {
  const devnet = new Devnet({
    seed: options.seed ?? 'test',
    genesisTimeMs: 1_700_000_000_000n,
    params: {
      epochDurationMs: HOUR,
      nShards: 100,
      capacity: 1n << 40n,
      storagePrice: 1_000n,
      writePrice: 500n,
      minProposalDeposit: 10n * WAL,
      ...options.params,
    },
  });
  const calls = new TuskCalls(devnet);
  calls.expectSuccess = true;
  const crank = labelAddress('crank');
  const keeper = new EpochKeeper(calls, crank);
  const count = options.nodes ?? 4;
  const operators = Array.from({ length: count }, (_, i) => labelAddress(`operator-${i}`));
  if (count > 0)
    calls.sendWal(
      devnet.faucetAddress,
      operators,
      operators.map(() => options.operatorWal ?? 1_000_000n * WAL),
    );
  const nodes = operators.map((operator, i): TestNode => {
    const keys = nodeKeys(`node-${i}`, operator);
    const result = calls.registerCandidate(operator, {
      name: `node-${i}`,
      networkAddress: `node${i}.tusk.test:9000`,
      metadataUrl: `https://node${i}.tusk.test/meta.json`,
      publicKey: keys.bls.publicKey,
      networkPublicKey: keys.networkPublicKey,
      proofOfPossession: keys.proofOfPossession,
      commissionBps: 1000,
      storagePrice: 1_000n,
      writePrice: 500n,
      capacity: 1n << 40n,
    });
    const registered = result.tx.events.find((e) => e.name === 'NodeRegistered')!;
    const nodeId = eventSchemas.NodeRegistered.parse(registered.bcs).node_id;
    const node = { nodeId, operator, capId: TuskCalls.createdOf(result, 'StorageNodeCap'), keys };
    keeper.operate(node);
    return node;
  });
  const advance = (ms: bigint) => {
    devnet.clockMs += ms;
    keeper.tick();
    devnet.seal();
  };
  const nextEpoch = () => {
    const staking = devnet.state.staking;
    const end = staking.epochStartMs + staking.params.epochDurationMs;
    if (!staking.votingEnded)
      advance(
        staking.epochStartMs + staking.params.epochDurationMs / 2n - devnet.clockMs > 0n
          ? staking.epochStartMs + staking.params.epochDurationMs / 2n - devnet.clockMs
          : 0n,
      );
    advance(end - devnet.clockMs > 0n ? end - devnet.clockMs : 0n);
  };
  return { devnet, calls, keeper, nodes, crank, advance, nextEpoch };
}
