/**
 * RPC faults lose nothing: the indexer backfills and then follows the live
 * chain through a node that fails a share of its calls in every way it can
 * (HTTP 5xx, gRPC errors, dropped connections, truncated frames, delays,
 * listings and subscriptions reset mid-stream), and ends with exactly the
 * tables of a clean run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { GrpcStatusCode } from '@mysten/sui/grpc';
import { openDatabase, type OpenDatabase } from '@tusk/shared/db/database';
import { openFreshPostgres } from '@tusk/shared/db/testing';
import { MemoryCheckpointStore } from '../../devnet/fakenode/checkpointStore.ts';
import { startFakeNode, type FakeNode } from '../../devnet/fakenode/fakeNode.ts';
import { combineFaults, onlyMethod, randomFaults, resetEveryStream } from '../../devnet/fakenode/faults.ts';
import { tableHashes } from './contentHash.ts';
import { FAULT_PACKAGE, referenceHashes, scenarioChain } from './scenarioChain.ts';
import { runService } from './serviceRun.ts';

const serverUrl = process.env.DATABASE_URL?.trim();
let node: FakeNode<MemoryCheckpointStore> | undefined;
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  await node?.close();
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function freshDatabase(): Promise<{ args: string[]; open: () => Promise<OpenDatabase> }> {
  if (serverUrl) {
    const db = await openFreshPostgres(serverUrl);
    cleanups.push(() => db.close());
    const url = (db.target as { url: string }).url;
    return { args: ['--database-url', url], open: async () => db };
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'tusk-rpc-faults-'));
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  return { args: ['--data-dir', dataDir], open: () => openDatabase({ kind: 'pglite', dataDir }) };
}

it('backfills and follows the chain through every kind of RPC fault with nothing lost or doubled', async () => {
  const chain = scenarioChain();
  // The node starts with part of the chain; the rest is executed while the indexer follows it live.
  const store = new MemoryCheckpointStore();
  const initial = 900n;
  for (let n = 0n; n < initial; n++) store.append(chain.store.get(n)!);
  const faults = combineFaults(
    randomFaults({
      seed: 11,
      rate: 0.2,
      faults: [
        { kind: 'httpError', status: 503 },
        { kind: 'httpError', status: 500 },
        { kind: 'grpcError', code: GrpcStatusCode.UNAVAILABLE, message: 'overloaded' },
        { kind: 'grpcError', code: GrpcStatusCode.DEADLINE_EXCEEDED },
        { kind: 'drop' },
        { kind: 'truncate' },
        { kind: 'delay', ms: 50 },
        { kind: 'resetStream', afterMessages: 7, ending: 'destroy' },
        { kind: 'resetStream', afterMessages: 3, ending: 'truncate' },
      ],
    }),
    onlyMethod('SubscribeCheckpoints', resetEveryStream({ afterMessages: 60, afterMs: 400, ending: 'status' })),
  );
  node = await startFakeNode({ store, faults });
  const growth = setInterval(() => {
    const next = (store.highest() ?? -1n) + 1n;
    if (next <= chain.last) store.append(chain.store.get(next)!);
  }, 2);
  cleanups.push(() => clearInterval(growth));

  const database = await freshDatabase();
  const outcome = await runService([
    '--rpc-url',
    node.url,
    '--package',
    FAULT_PACKAGE,
    '--end-checkpoint',
    String(chain.last),
    '--list-chunk',
    '50',
    '--batch-checkpoints',
    '100',
    ...database.args,
  ]);
  expect(outcome.stoppedBy).toBe('end');
  expect(node.server.callCounts.get('sui.rpc.v2.SubscriptionService/SubscribeCheckpoints')).toBeGreaterThan(1);

  const reference = serverUrl ? await openFreshPostgres(serverUrl) : await openDatabase({ kind: 'pglite' });
  const indexed = await database.open();
  try {
    expect(await tableHashes(indexed.db)).toEqual(await referenceHashes(reference.db));
  } finally {
    if (!serverUrl) await indexed.close();
    await reference.close();
  }
}, 150_000);
