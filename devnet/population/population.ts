/**
 * A seeded population for the devnet: storage nodes (operator address, BLS
 * keys with a proof of possession, a name, commission, price votes, capacity,
 * and how attractive they are to delegators) and delegators (address, WAL
 * budget, a taste for activity). Everything derives from the seed.
 */
import { FROST_PER_WAL } from '@tusk/shared/protocol';
import { labelAddress } from '../sim/ids.ts';
import { nodeKeys, type NodeKeys } from '../sim/nodeKeys.ts';
import { Random } from './random.ts';

const NAME_PARTS = [
  [
    'arctic',
    'tusk',
    'ivory',
    'blubber',
    'kelp',
    'floe',
    'narwhal',
    'orca',
    'polar',
    'tidal',
    'fjord',
    'glacier',
    'krill',
    'walrus',
    'sealion',
    'aurora',
  ],
  [
    'storage',
    'vault',
    'depot',
    'harbor',
    'reef',
    'cache',
    'den',
    'berg',
    'station',
    'works',
    'labs',
    'node',
    'keep',
    'store',
    'hold',
    'archive',
  ],
];

export interface NodePlan {
  index: number;
  operator: string;
  name: string;
  networkAddress: string;
  metadataUrl: string;
  keys: NodeKeys;
  commissionBps: number;
  storagePrice: bigint;
  writePrice: bigint;
  capacity: bigint;
  /** Relative weight with which delegators choose this node. */
  popularity: number;
}

export interface DelegatorPlan {
  index: number;
  address: string;
  /** WAL the faucet gives at the start (FROST). */
  budget: bigint;
  /** Chance to act in a given epoch. */
  activity: number;
}

export interface Population {
  seed: string;
  nodes: NodePlan[];
  delegators: DelegatorPlan[];
  /** Users who buy storage and register blobs. */
  storageUsers: string[];
  /** Sends the epoch keeper's transactions. */
  crank: string;
}

export function makePopulation(options: {
  seed: string;
  nodes: number;
  delegators: number;
  storageUsers?: number;
}): Population {
  const random = new Random(`${options.seed}:population`);
  const nodes = Array.from({ length: options.nodes }, (_, index): NodePlan => {
    const operator = labelAddress(`${options.seed}:operator:${index}`);
    const name = `${random.pick(NAME_PARTS[0]!)}-${random.pick(NAME_PARTS[1]!)}-${index}`;
    return {
      index,
      operator,
      name,
      networkAddress: `${name}.devnet.tusk.local:9185`,
      metadataUrl: `https://${name}.devnet.tusk.local/metadata.json`,
      keys: nodeKeys(`${options.seed}:node:${index}`, operator),
      commissionBps: random.pick([0, 200, 500, 500, 800, 1000, 1000, 1500, 2000]),
      storagePrice: BigInt(random.int(8, 14)) * 10_000n,
      writePrice: BigInt(random.int(15, 25)) * 1_000n,
      capacity: BigInt(random.int(2, 16)) << 40n,
      popularity: Math.pow(random.next(), 2) * 10 + 0.2,
    };
  });
  const delegators = Array.from({ length: options.delegators }, (_, index): DelegatorPlan => ({
    index,
    address: labelAddress(`${options.seed}:delegator:${index}`),
    budget: random.logUniform(20, 250_000, FROST_PER_WAL),
    activity: random.next() * 0.12,
  }));
  const storageUsers = Array.from({ length: options.storageUsers ?? 8 }, (_, i) =>
    labelAddress(`${options.seed}:storage-user:${i}`),
  );
  return { seed: options.seed, nodes, delegators, storageUsers, crank: labelAddress(`${options.seed}:crank`) };
}
