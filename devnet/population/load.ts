/**
 * A large devnet history for load tests: many nodes (every pool advances
 * every epoch, one PoolAdvanced each), delegators acting every epoch, epochs
 * until at least `--events` events exist. Prints progress and one line
 *
 *   BENCH devnet events=<n> transactions=<n> checkpoints=<n> seconds=<s> events_per_s=<n>
 *
 *   npx tsx devnet/population/load.ts --events 1000000 [--nodes 1000] [--delegators 2000]
 *
 * `makeLoadDevnet` is the same as a function, for benchmarks that index the
 * result through the devnet's node.
 */
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { Devnet } from '../sim/devnet.ts';
import { Network } from './network.ts';
import { makePopulation } from './population.ts';

export interface LoadOptions {
  events: number;
  nodes?: number;
  delegators?: number;
  seed?: string;
  onProgress?: (message: string) => void;
}

export function makeLoadDevnet(options: LoadOptions): { devnet: Devnet; events: number; seconds: number } {
  const started = performance.now();
  const nodes = options.nodes ?? 1_000;
  const devnet = new Devnet({
    seed: options.seed ?? 'load',
    genesisTimeMs: 1_700_000_000_000n,
    params: { epochDurationMs: 60_000n, nShards: 1_000, maxCommitteeSize: 100, capacity: 0n },
  });
  const population = makePopulation({
    seed: options.seed ?? 'load',
    nodes,
    delegators: options.delegators ?? 2_000,
    storageUsers: 1,
  });
  const network = new Network(
    devnet,
    population,
    { delegators: 0.5, blobs: 0, proposalEvery: 0, slashEpochs: [], subsidyApy: 0.08 },
    100,
  );
  let events = 0;
  for (const checkpoint of devnet.checkpoints) for (const tx of checkpoint.transactions) events += tx.events.length;
  devnet.onCheckpoint((checkpoint) => {
    for (const tx of checkpoint.transactions) events += tx.events.length;
  });
  network.bootstrap();
  while (events < options.events) {
    const before = devnet.transactionCount;
    network.runEpoch();
    if (devnet.state.staking.epoch % 10 === 0) {
      options.onProgress?.(
        `epoch ${devnet.state.staking.epoch}: ${events} events, ${devnet.transactionCount} transactions (+${devnet.transactionCount - before}), ${Math.round((performance.now() - started) / 1000)} s`,
      );
    }
  }
  return { devnet, events, seconds: (performance.now() - started) / 1000 };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      events: { type: 'string', default: '1000000' },
      nodes: { type: 'string' },
      delegators: { type: 'string' },
    },
  });
  const { devnet, events, seconds } = makeLoadDevnet({
    events: Number(values.events),
    nodes: values.nodes ? Number(values.nodes) : undefined,
    delegators: values.delegators ? Number(values.delegators) : undefined,
    onProgress: (m) => console.error(m),
  });
  console.log(
    `BENCH devnet events=${events} transactions=${devnet.transactionCount} checkpoints=${devnet.checkpoints.length} seconds=${seconds.toFixed(1)} events_per_s=${Math.round(events / seconds)}`,
  );
}
