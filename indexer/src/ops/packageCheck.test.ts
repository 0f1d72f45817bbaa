import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SuiGrpcClient } from '@mysten/sui/grpc';
import { startDevnet, type DevnetHandle } from '../../../devnet/startDevnet.ts';
import { startFakeNode } from '../../../devnet/fakenode/fakeNode.ts';
import { MemoryCheckpointStore } from '../../../devnet/fakenode/checkpointStore.ts';
import { missingPackages } from './packageCheck.ts';

let devnet: DevnetHandle;
beforeAll(async () => {
  devnet = await startDevnet({
    seed: 'package-check',
    nodes: 4,
    delegators: 5,
    historyEpochs: 1,
    epochDurationMs: 60_000n,
    port: 0,
    dataDir: mkdtempSync(join(tmpdir(), 'tusk-package-check-')),
    live: false,
  });
  await devnet.ready;
}, 120_000);
afterAll(() => devnet?.close());

describe('missingPackages', () => {
  it('names a package ID the chain does not have, and not the deployed one', async () => {
    const client = new SuiGrpcClient({ network: 'localnet', baseUrl: devnet.url });
    const wrong = `0x${'e7'.repeat(32)}`;
    const deployed = devnet.deployment.packages.tuskOriginal;
    expect(await missingPackages(client, [deployed, wrong])).toEqual([wrong]);
  });

  it('takes a node that cannot look objects up at its word: nothing missing', async () => {
    const node = await startFakeNode({ store: new MemoryCheckpointStore() });
    try {
      const client = new SuiGrpcClient({ network: 'localnet', baseUrl: node.url });
      expect(await missingPackages(client, [`0x${'e7'.repeat(32)}`])).toEqual([]);
    } finally {
      await node.close();
    }
  });
});
