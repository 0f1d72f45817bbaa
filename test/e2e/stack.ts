/**
 * The stack e2e tests drive: a devnet (small, deterministic, not following the
 * wall clock, so epochs change only when a test says so), the indexer following
 * it, and the dashboard (Next.js) — in this process, sharing one database:
 * a fresh PostgreSQL database when `DATABASE_URL` is set (CI), else in-memory
 * PGlite.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { openDatabase, type OpenDatabase } from '@tusk/shared/db/database';
import { openFreshPostgres } from '@tusk/shared/db/testing';
import { serializeDeployment } from '@tusk/shared/deployment';
import { runIndexer } from '@tusk/indexer/indexer';
import { allPipelines } from '@tusk/indexer/pipelines/index';
import { CheckpointSource } from '@tusk/indexer/source/checkpointSource';
import { SourceConfig } from '@tusk/indexer/source/sourceConfig';
import { startDevnet, type DevnetHandle } from '../../devnet/startDevnet.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface Stack {
  devnet: DevnetHandle;
  database: OpenDatabase;
  /** The dashboard's base URL. */
  baseUrl: string;
  /** Resolves once every indexer pipeline has passed the devnet's latest checkpoint. */
  waitForIndexer(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startStack(log: (line: string) => void): Promise<Stack> {
  const serverUrl = process.env.DATABASE_URL?.trim();
  const database = serverUrl ? await openFreshPostgres(serverUrl) : await openDatabase({ kind: 'pglite' });
  log(`e2e: database ${serverUrl ? 'PostgreSQL (fresh database)' : 'PGlite (memory)'}`);

  const devnet = await startDevnet({
    seed: 'tusk-e2e',
    nodes: 8,
    delegators: 40,
    historyEpochs: 3,
    epochDurationMs: 6n * 60n * 60_000n,
    port: 0,
    live: false,
    liveActivity: false,
    onProgress: (line) => log(`e2e: ${line}`),
  });
  await devnet.ready;
  const dir = mkdtempSync(join(tmpdir(), 'tusk-e2e-'));
  const deploymentFile = join(dir, 'deployment.json');
  writeFileSync(deploymentFile, JSON.stringify(serializeDeployment(devnet.deployment), null, 2));
  log(`e2e: devnet at ${devnet.url}, epoch ${devnet.devnet.state.staking.epoch}`);

  const shutdown = new AbortController();
  const source = new CheckpointSource({
    config: SourceConfig.parse({
      url: devnet.url,
      network: 'localnet',
      packageIds: [devnet.deployment.packages.tuskOriginal],
      format: 'binary',
    }),
  });
  const indexer = runIndexer(source.checkpoints(0n, shutdown.signal), {
    db: database.db,
    packageIds: [devnet.deployment.packages.tuskOriginal],
    pipelines: allPipelines,
    signal: shutdown.signal,
  }).catch((error: unknown) => {
    if (!shutdown.signal.aborted) log(`e2e: indexer stopped: ${(error as Error).message}`);
  });

  const waitForIndexer = async (timeoutMs = 60_000) => {
    const target = devnet.devnet.latestCheckpoint.sequenceNumber;
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const result = await database.db.execute(
        sql`select min(checkpoint)::text as low, count(*)::int as n from watermarks`,
      );
      const row = ((result as unknown as { rows?: { low: string | null; n: number }[] }).rows ??
        (result as unknown as { low: string | null; n: number }[]))[0];
      if (row && row.low !== null && Number(row.n) >= allPipelines.length && BigInt(row.low) >= target) return;
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`the indexer did not reach checkpoint ${target} within ${timeoutMs} ms`);
  };
  await waitForIndexer(180_000);
  log('e2e: indexer caught up');

  process.env.TUSK_DEPLOYMENT = deploymentFile;
  process.env.NEXT_TELEMETRY_DISABLED = '1';
  // Its own build folder (inside .next/, ignored like it): e2e can run beside `npm start`.
  process.env.TUSK_NEXT_DIST_DIR ??= '.next/e2e';
  // web/server/db.ts keeps its connection on globalThis: hand it ours (one PGlite allows one opener).
  (globalThis as { __tuskDatabase?: Promise<OpenDatabase> }).__tuskDatabase = Promise.resolve(database);
  const { default: next } = await import('next');
  const production = process.env.E2E_NEXT_MODE === 'production';
  const app = next({ dev: !production, dir: join(ROOT, 'web'), hostname: '127.0.0.1', port: 0 });
  await app.prepare();
  const handle = app.getRequestHandler();
  const server: Server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', () => resolveListen()));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  log(`e2e: dashboard at ${baseUrl} (${production ? 'production build' : 'development server'})`);

  return {
    devnet,
    database,
    baseUrl,
    waitForIndexer,
    close: async () => {
      shutdown.abort(new Error('e2e done'));
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await (app as { close?: () => Promise<void> }).close?.();
      await indexer;
      await devnet.close();
      await database.close();
    },
  };
}
