/**
 * The CLI as operators run it: a child process, help text, usage errors,
 * and a graceful stop on SIGTERM while following a live chain.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, it } from 'vitest';
import { startFakeNode, type FakeNode } from '../../../devnet/fakenode/fakeNode.ts';
import type { MemoryCheckpointStore } from '../../../devnet/fakenode/checkpointStore.ts';
import { IndexerProcess } from '../../../test/faults/indexerProcess.ts';
import { FAULT_PACKAGE, scenarioChain, SMALL_SCENARIO } from '../../../test/faults/scenarioChain.ts';

const CLI = fileURLToPath(new URL('../cli.ts', import.meta.url));
let node: FakeNode<MemoryCheckpointStore> | undefined;
afterEach(async () => {
  await node?.close();
  node = undefined;
});

it('prints help and exits 0', () => {
  const result = spawnSync(process.execPath, ['--import', 'tsx', CLI, '--help'], { encoding: 'utf8' });
  expect(result.status).toBe(0);
  expect(result.stdout).toContain('Usage: npm run indexer -- [options]');
  expect(result.stdout).toContain('--metrics-port');
});

it('exits 2 with a readable message on bad usage', () => {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', CLI, '--rpc-url', 'http://x', '--package', '0x1', '--format', 'json'],
    {
      encoding: 'utf8',
      env: { ...process.env, TUSK_DEPLOYMENT: '/nonexistent' },
    },
  );
  expect(result.status).toBe(2);
  expect(result.stderr).toContain('--format must be binary or text');
});

it('stops on SIGTERM while following the chain: finishes the batch, closes, exits 0', async () => {
  const chain = scenarioChain({ ...SMALL_SCENARIO, epochs: 1 });
  node = await startFakeNode({ store: chain.store });
  const indexer = new IndexerProcess(
    [
      '--rpc-url',
      node.url,
      '--package',
      FAULT_PACKAGE,
      '--data-dir',
      'memory',
      '--metrics-port',
      'off',
      '--log-level',
      'debug',
    ],
    { ...process.env, DATABASE_URL: '', TUSK_DEPLOYMENT: '/nonexistent' },
  );
  // Caught up: the last checkpoint is committed and the source waits on the live stream.
  await indexer.waitForLog(
    (l) => l.msg === 'batch committed' && l.pipeline === 'staking' && l.lastCheckpoint === String(chain.last),
    45_000,
  );
  indexer.kill('SIGTERM');
  expect(await indexer.exited).toEqual({ code: 0, signal: null });
  expect(indexer.logs.map((l) => l.msg)).toEqual(
    expect.arrayContaining(['shutting down: finishing the batch in flight', 'stopped', 'indexer exited cleanly']),
  );
}, 60_000);
