/**
 * The real PostgreSQL made unavailable mid-run: every connection of the
 * indexer killed (twice), then the server stopped for a while and started
 * again. The indexer retries, restarts from its watermarks, and ends with
 * exactly the tables of a clean run. Uses a PostgreSQL server of its own so
 * the restart disturbs no other test.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase } from '@tusk/shared/db/database';
import { openFreshPostgres } from '@tusk/shared/db/testing';
import type { MemoryCheckpointStore } from '../../devnet/fakenode/checkpointStore.ts';
import { startFakeNode, type FakeNode } from '../../devnet/fakenode/fakeNode.ts';
import { tableHashes } from './contentHash.ts';
import { PostgresServer, postgresInstalled } from './postgresServer.ts';
import { FAULT_PACKAGE, referenceHashes, scenarioChain } from './scenarioChain.ts';
import { runService } from './serviceRun.ts';

let server: PostgresServer | undefined;
let node: FakeNode<MemoryCheckpointStore> | undefined;

beforeAll(async () => {
  if (postgresInstalled()) server = await PostgresServer.startFresh();
}, 60_000);

afterAll(async () => {
  await node?.close();
  server?.remove();
});

it.skipIf(!postgresInstalled())(
  'survives its connections being killed and the server restarting, with nothing lost or doubled',
  async () => {
    const chain = scenarioChain();
    // Throttled so the run spans the outages: 80 chunks x 200 ms over 2 streams is at least 8 s, well past the
    // restart at 3.5 s however fast the indexer itself gets.
    node = await startFakeNode({
      store: chain.store,
      faults: (call) => (call.method === 'ListCheckpoints' ? { kind: 'delay', ms: 200 } : undefined),
    });
    const target = await openFreshPostgres(server!.url);
    const url = (target.target as { url: string }).url;
    const database = new URL(url).pathname.slice(1);
    await target.pool!.end();

    const run = runService(
      [
        '--rpc-url',
        node.url,
        '--package',
        FAULT_PACKAGE,
        '--end-checkpoint',
        String(chain.last),
        '--list-chunk',
        '20',
        '--concurrency',
        '2',
        '--batch-checkpoints',
        '40',
        '--database-url',
        url,
      ],
      { logLevel: (process.env.TUSK_FAULT_LOG_LEVEL as 'info' | undefined) ?? 'silent' },
    );
    let finished = false;
    void run.finally(() => (finished = true));
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

    await sleep(1_500);
    const firstKill = await server!.terminateConnections(database);
    await sleep(1_000);
    await server!.terminateConnections(database);
    await sleep(1_000);
    expect(finished, 'the run ended before the server restart: make it longer').toBe(false);
    await server!.restart(1_500);

    const outcome = await run;
    expect(outcome.stoppedBy).toBe('end');
    expect(firstKill).toBeGreaterThan(0);

    const reference = await openFreshPostgres(server!.url);
    const indexed = await openDatabase({ kind: 'postgres', url });
    try {
      expect(await tableHashes(indexed.db)).toEqual(await referenceHashes(reference.db));
    } finally {
      await indexed.close();
      await reference.close();
    }
  },
  150_000,
);
