/**
 * The devnet the differential scenarios run on: test_scenario's transaction
 * hashes (so object IDs match the Move VM's), the publisher of the Move
 * tests as the faucet, small parameters, and helpers that act like the
 * scenarios' people (fund, register nodes with real BLS keys, stake, move
 * epochs through the keeper's transactions).
 */
import { FROST_PER_WAL } from '@tusk/shared/protocol';
import { TuskCalls, type CallResult } from '../sim/calls.ts';
import { Devnet } from '../sim/devnet.ts';
import { testScenarioTxHash } from '../sim/ids.ts';
import { EpochKeeper } from '../sim/keeper.ts';
import { certify, nodeKeys, type Certificate, type NodeKeys } from '../sim/nodeKeys.ts';
import type { GenesisParams } from '../sim/tusk/params.ts';
import type { BlsKeypair } from '../sim/tusk/bls.ts';

export const WAL = FROST_PER_WAL;
export const PUBLISHER = '0x00000000000000000000000000000000000000000000000000000000000a11ce';
export const GENESIS_MS = 1_000n;

export const PARAMS: GenesisParams = {
  epochDurationMs: 1_000_000n,
  nShards: 100,
  maxCommitteeSize: 20,
  minStake: 1_000_000_000n,
  burnBps: 300,
  slashBps: 100,
  minProposalDeposit: 10n * FROST_PER_WAL,
  votingEpochs: 2,
  quorumBps: 3_340,
  passBps: 5_000,
  vetoBps: 3_340,
  maxEpochsAhead: 10,
  storagePrice: 1_000n,
  writePrice: 2_000n,
  capacity: 1_000_000_000_000n,
};

/** `init::initialize`'s arguments after the caps, as Move literals. */
export const INITIALIZE_ARGS = [
  `${PARAMS.epochDurationMs}u64`,
  `${PARAMS.nShards}u16`,
  `${PARAMS.maxCommitteeSize}u16`,
  `${PARAMS.minStake}u64`,
  `${PARAMS.burnBps}u16`,
  `${PARAMS.slashBps}u16`,
  `${PARAMS.minProposalDeposit}u64`,
  `${PARAMS.votingEpochs}u32`,
  `${PARAMS.quorumBps}u16`,
  `${PARAMS.passBps}u16`,
  `${PARAMS.vetoBps}u16`,
  `${PARAMS.maxEpochsAhead}u32`,
  `${PARAMS.storagePrice}u64`,
  `${PARAMS.writePrice}u64`,
  `${PARAMS.capacity}u64`,
];

/** Addresses of the scenarios' people. */
export function person(n: number): string {
  return `0x${(0xb0b0 + n).toString(16).padStart(64, '0')}`;
}

export function operatorAddress(n: number): string {
  return `0x${(0x1000 + n).toString(16).padStart(64, '0')}`;
}

export interface Node {
  index: number;
  operator: string;
  nodeId: string;
  capId: string;
  keys: NodeKeys;
}

export class DiffWorld {
  readonly devnet: Devnet;
  readonly calls: TuskCalls;
  readonly keeper: EpochKeeper;
  readonly nodes: Node[] = [];
  readonly #keys = new Map<string, BlsKeypair>();

  constructor(params: Partial<GenesisParams> = {}) {
    this.devnet = new Devnet({
      seed: 'differential',
      genesisTimeMs: GENESIS_MS,
      faucetAddress: PUBLISHER,
      params: { ...PARAMS, ...params },
      digestOf: (index) => testScenarioTxHash(index + 1),
    });
    this.calls = new TuskCalls(this.devnet);
    this.keeper = new EpochKeeper(this.calls, PUBLISHER);
  }

  get genesisCoinId(): string {
    return this.devnet.objects.ownedBy(PUBLISHER, this.devnet.types.walCoin)[0]!.id;
  }

  /** Moves the clock forward by `ms`. */
  wait(ms: bigint): void {
    this.devnet.clockMs += ms;
  }

  fund(addresses: string[], amount: bigint): CallResult {
    return this.calls.sendWal(
      PUBLISHER,
      addresses,
      addresses.map(() => amount),
    );
  }

  /** Registers `count` nodes (funded with WAL, real BLS keys), operated by the keeper. */
  registerNodes(
    count: number,
    commissionBps = 1_000,
    votes?: (i: number) => { storagePrice: bigint; writePrice: bigint; capacity: bigint },
  ): Node[] {
    const start = this.nodes.length;
    const operators = Array.from({ length: count }, (_, i) => operatorAddress(start + i));
    // In chunks: the generated Move test keeps one local per coin a transaction splits (at most 255).
    for (let i = 0; i < count; i += 100) this.fund(operators.slice(i, i + 100), 1_000_000n * WAL);
    for (let i = 0; i < count; i++) {
      const index = start + i;
      const operator = operators[i]!;
      const keys = nodeKeys(`differential-${index}`, operator);
      this.#keys.set(Buffer.from(keys.bls.publicKey).toString('hex'), keys.bls);
      const vote = votes?.(index) ?? {
        storagePrice: PARAMS.storagePrice,
        writePrice: PARAMS.writePrice,
        capacity: PARAMS.capacity,
      };
      const result = this.calls.registerCandidate(operator, {
        name: `node-${index}`,
        networkAddress: `node${index}.tusk.test:9185`,
        metadataUrl: `https://node${index}.tusk.test/meta.json`,
        publicKey: keys.bls.publicKey,
        networkPublicKey: keys.networkPublicKey,
        proofOfPossession: keys.proofOfPossession,
        commissionBps,
        ...vote,
      });
      const event = result.tx.events.find((e) => e.name === 'NodeRegistered')!;
      const nodeId = `0x${Buffer.from(event.bcs.slice(4, 36)).toString('hex')}`;
      const node = { index, operator, nodeId, capId: TuskCalls.createdOf(result, 'StorageNodeCap'), keys };
      this.keeper.operate(node);
      this.nodes.push(node);
    }
    return this.nodes.slice(start);
  }

  /** Runs to the start of the next epoch: voting end, epoch change, every operated node's sync. */
  nextEpoch(): void {
    const staking = this.devnet.state.staking;
    const mid = staking.epochStartMs + staking.params.epochDurationMs / 2n;
    const end = staking.epochStartMs + staking.params.epochDurationMs;
    if (!staking.votingEnded && this.devnet.clockMs < mid) this.devnet.clockMs = mid;
    this.keeper.tick();
    if (this.devnet.clockMs < end) this.devnet.clockMs = end;
    this.keeper.tick();
  }

  /** Moves to mid-epoch and runs `voting_end`. */
  votingEnd(): void {
    const staking = this.devnet.state.staking;
    const mid = staking.epochStartMs + staking.params.epochDurationMs / 2n;
    if (this.devnet.clockMs < mid) this.devnet.clockMs = mid;
    this.keeper.tick();
  }

  /** A certificate over `message` by the current committee's first members holding more than `fraction` of the shards. */
  certificate(message: Uint8Array, threshold: 'quorum' | 'one-third' = 'quorum'): Certificate {
    const committee = this.devnet.state.system.committee;
    const signers: number[] = [];
    let weight = 0n;
    const enough = (w: bigint) =>
      threshold === 'quorum' ? 3n * w >= 2n * committee.nShards + 1n : 3n * w >= committee.nShards + 1n;
    for (let i = 0; i < committee.nodeIds.length && !enough(weight); i++) {
      signers.push(i);
      weight += BigInt(committee.shards[i]!);
    }
    return certify(committee, this.#keys, signers, message);
  }
}
