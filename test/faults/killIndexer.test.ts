/**
 * kill -9 of the indexer process at random points of a backfill, again and
 * again, then a run to the end: the tables must equal a clean run's.
 *
 * Runs on the real PostgreSQL server when DATABASE_URL is set (CI), else on
 * PGlite in a data directory (PGlite has no write-ahead log of its own
 * outside the directory, so this also checks that a killed PGlite reopens).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type OpenDatabase } from '@tusk/shared/db/database';
import { openFreshPostgres } from '@tusk/shared/db/testing';
import { startFakeNode, type FakeNode } from '../../devnet/fakenode/fakeNode.ts';
import type { MemoryCheckpointStore } from '../../devnet/fakenode/checkpointStore.ts';
import { seededRandom } from '../../devnet/fakenode/faults.ts';
import { tableHashes } from './contentHash.ts';
import { IndexerProcess } from './indexerProcess.ts';
import { FAULT_PACKAGE, referenceHashes, scenarioChain, SMALL_SCENARIO, type ScenarioChain } from './scenarioChain.ts';

const KILLS = 10;
const serverUrl = process.env.DATABASE_URL?.trim();

describe(`indexer killed with SIGKILL during backfill (${serverUrl ? 'PostgreSQL' : 'PGlite data directory'})`, () => {
  let chain: ScenarioChain;
  let node: FakeNode<MemoryCheckpointStore>;
  let target: OpenDatabase | undefined;
  let dataDir: string | undefined;

  beforeAll(async () => {
    chain = scenarioChain({ ...SMALL_SCENARIO, epochs: 5 });
    // Slow the node down so a backfill spans many kills: small ranges, each served after 50 ms.
    node = await startFakeNode({
      store: chain.store,
      faults: (call) => (call.method === 'ListCheckpoints' ? { kind: 'delay', ms: 50 } : undefined),
    });
  });

  afterAll(async () => {
    await node?.close();
    await target?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('resumes after every kill and ends with exactly the tables of a clean run', async () => {
    let databaseArgs: string[];
    if (serverUrl) {
      target = await openFreshPostgres(serverUrl);
      const url = (target.target as { url: string }).url;
      databaseArgs = ['--database-url', url];
    } else {
      dataDir = mkdtempSync(join(tmpdir(), 'tusk-kill-'));
      databaseArgs = ['--data-dir', dataDir];
    }
    const args = [
      '--rpc-url',
      node.url,
      '--package',
      FAULT_PACKAGE,
      '--end-checkpoint',
      String(chain.last),
      '--list-chunk',
      '8',
      '--concurrency',
      '2',
      '--batch-checkpoints',
      '25',
      '--metrics-port',
      'off',
      ...databaseArgs,
    ];
    const env = { ...process.env, DATABASE_URL: '' };
    const random = seededRandom(2024);
    const progress: string[] = [];
    for (let kill = 0; kill < KILLS; kill++) {
      const indexer = new IndexerProcess(args, env);
      const started = await indexer.waitForLog(
        (l) => l.msg === 'indexing' || l.msg === 'already indexed up to the end checkpoint',
      );
      progress.push(String(started.from ?? 'done'));
      await new Promise((resolve) => setTimeout(resolve, 300 + random() * 1200));
      indexer.kill('SIGKILL');
      const exit = await indexer.exited;
      expect(exit.signal, `run ${kill} ended by itself before the kill: backfill too fast for ${KILLS} kills`).toBe(
        'SIGKILL',
      );
    }
    // Every restart resumed from its watermarks, which only moved forward, and the kills hit mid-backfill.
    const resumed = progress.map(Number);
    expect(resumed, `resumed from ${progress.join(', ')}`).toEqual([...resumed].sort((a, b) => a - b));
    expect(resumed.at(-1)!, `resumed from ${progress.join(', ')}`).toBeGreaterThan(0);
    expect(resumed.at(-1)!).toBeLessThan(Number(chain.last));

    // The last run goes to the end at full speed (the throttle only served to spread the kills).
    node.server.setFaults(undefined);
    const last = new IndexerProcess([...args, '--list-chunk', '200', '--batch-checkpoints', '500'], env);
    await last.waitForLog((l) => l.msg === 'indexer exited cleanly', 60_000);
    expect((await last.exited).code).toBe(0);
    const reference = serverUrl ? await openFreshPostgres(serverUrl) : await openDatabase({ kind: 'pglite' });
    const indexed = serverUrl
      ? await openDatabase({ kind: 'postgres', url: (target!.target as { url: string }).url })
      : await openDatabase({ kind: 'pglite', dataDir });
    try {
      const expected = await referenceHashes(reference.db, chain.params);
      const actual = await tableHashes(indexed.db);
      expect(actual).toEqual(expected);
      expect(Object.values(expected).reduce((sum, t) => sum + t.rows, 0)).toBeGreaterThan(chain.events / 2);
    } finally {
      await indexed.close();
      await reference.close();
    }
  }, 180_000);
});
