/**
 * The benchmark's fake full node, in a worker thread so that serving does
 * not share the indexer's event loop. It loads (or generates) the bench chain
 * and serves it pre-encoded; it posts `{ url, checkpoints, events }` when
 * listening and closes on the message 'close'.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { CHECKPOINT_READ_MASK } from '../../indexer/src/source/readMask.ts';
import { EncodedCheckpointStore } from '../../devnet/fakenode/checkpointStore.ts';
import { startFakeNode } from '../../devnet/fakenode/fakeNode.ts';
import type { ScenarioParams } from '../scenario/scenario.ts';
import { loadBenchChain } from './benchChain.ts';

export interface FakeNodeReady {
  url: string;
  checkpoints: number;
  events: number;
}

const { params } = workerData as { params: ScenarioParams };
const chain = loadBenchChain(params, (line) => parentPort!.postMessage({ log: line }));
const store = new EncodedCheckpointStore(CHECKPOINT_READ_MASK);
for (const checkpoint of chain.checkpoints) store.append(checkpoint);
const node = await startFakeNode({ store, ledger: { maxListLimit: 10_000 } });
parentPort!.postMessage({
  ready: { url: node.url, checkpoints: chain.checkpoints.length, events: chain.events } satisfies FakeNodeReady,
});
parentPort!.on('message', (message) => {
  if (message === 'close') void node.close().then(() => process.exit(0));
});
