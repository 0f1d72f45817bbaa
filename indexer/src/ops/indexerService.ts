/**
 * The indexer as a long-running service: opens the database, starts the
 * ops endpoint and the progress display, and runs the core over the
 * checkpoint source from the watermarks. When the database goes away mid-run
 * (the core gives up on a commit, or the connection dies), it waits with
 * backoff and starts again from the watermarks, so nothing is lost or
 * written twice. Stops cleanly when `signal` aborts: the batch in flight is
 * committed or abandoned whole, then everything is closed.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import { acquireLocks, type HeldLocks } from '@tusk/shared/db/advisoryLocks';
import { openDatabase, type OpenDatabase } from '@tusk/shared/db/database';
import { isTransientDbError } from '../db/transientErrors.ts';
import { readWatermarks } from '../db/watermarks.ts';
import { resumeCheckpoint, runIndexer, type IndexerSummary } from '../indexer.ts';
import { allPipelines } from '../pipelines/index.ts';
import { CheckpointSource } from '../source/checkpointSource.ts';
import type { IndexerCliConfig } from './cliOptions.ts';
import { describeError } from './describeError.ts';
import { checkIndexedSource } from './indexedSource.ts';
import { missingPackages } from './packageCheck.ts';
import type { Logger } from './logger.ts';
import { IndexerMetrics } from './metrics.ts';
import { startOpsServer, type OpsServer } from './opsServer.ts';
import { endPool, guardPool } from './poolGuard.ts';
import { IndexingProgress } from './progress.ts';
import { startProgressReporter } from './progressReporter.ts';
import { backoffDelay, DEFAULT_BACKOFF, retry, type BackoffPolicy } from './retry.ts';

export interface IndexerServiceOptions {
  config: IndexerCliConfig;
  logger: Logger;
  signal: AbortSignal;
  /** Backoff between restarts and DB reconnects. */
  backoff?: BackoffPolicy;
  /** Told the ops endpoint's URL once it listens. */
  onOpsServer?: (url: string) => void;
}

export type ServiceOutcome = { stoppedBy: 'end' | 'abort'; summary?: IndexerSummary };

export async function runIndexerService(options: IndexerServiceOptions): Promise<ServiceOutcome> {
  const { config, logger, signal } = options;
  const backoff = options.backoff ?? { ...DEFAULT_BACKOFF, maxMs: 5_000 };
  const pipelines = allPipelines;
  const metrics = new IndexerMetrics();
  const progress = new IndexingProgress({ pipelines: pipelines.map((p) => p.name), end: config.source.endCheckpoint });

  const source = new CheckpointSource({
    config: config.source,
    backoff,
    observer: {
      onRetry: (operation, error, attempt, delayMs) => {
        metrics.rpcRetries.inc({ operation });
        logger.warn(
          { operation, attempt, delayMs, url: config.source.url, cause: describeError(error), err: error },
          'rpc call failed; retrying',
        );
      },
      onStreamReset: (error) => {
        metrics.streamResets.inc();
        logger.info({ err: error }, 'checkpoint subscription ended; reconnecting');
      },
      onChainTip: (tip) => {
        progress.noteChainTip(tip);
        metrics.chainTip.set(Number(tip));
      },
      onBackfillMethod: (method) =>
        logger.info(
          { method },
          `backfill reads checkpoints with ${method === 'list' ? 'ListCheckpoints' : 'GetCheckpoint'}`,
        ),
    },
  });

  const database = await openDatabaseWithRetry(config, logger, signal, backoff);
  if (!database) return { stoppedBy: 'abort' };
  try {
    const chainId = await fullNodeChain(source, config.source.url, config.originalPackageIds, logger, signal, backoff);
    if (chainId === undefined) {
      await database.close();
      return { stoppedBy: 'abort' };
    }
    await checkIndexedSource(database.db, {
      chainId,
      packageIds: config.originalPackageIds,
      startCheckpoint: config.source.startCheckpoint,
    });
  } catch (error) {
    await database.close();
    throw error;
  }
  if (database.pool) guardPool(database.pool, (error) => logger.warn({ err: error }, 'database connection lost'));
  let ops: OpsServer | undefined;
  let stopReporter: (() => void) | undefined;
  try {
    if (config.metrics) {
      ops = await startOpsServer({
        metrics,
        port: config.metrics.port,
        host: config.metrics.host,
        beforeScrape: () => {
          const lag = progress.snapshot().lag;
          if (lag !== undefined) metrics.lag.set(Number(lag));
        },
        health: {
          pingDatabase: async () => void (await database.db.execute(sql`select 1`)),
          pingRpc: async () => {
            const { response } = await source.client.grpc.ledgerService.getServiceInfo({}, { timeout: 2_000 });
            return response.checkpointHeight;
          },
          lag: () => progress.snapshot().lag,
          maxLag: config.maxLag,
        },
      });
      logger.info({ url: ops.url }, `serving ${ops.url}/metrics and ${ops.url}/health`);
      options.onOpsServer?.(ops.url);
    }
    stopReporter = startProgressReporter({ progress, logger, logIntervalMs: config.progressIntervalMs });

    for (let restarts = 0; ; restarts++) {
      let locks: HeldLocks | undefined;
      try {
        locks = await lockPipelines(config, pipelines, logger, signal);
        if (signal.aborted) return { stoppedBy: 'abort' };
        const marks = await readWatermarks(
          database.db,
          pipelines.map((p) => p.name),
        );
        progress.noteWatermarks(marks);
        const resume = maxBigint(config.source.startCheckpoint, await resumeCheckpoint(database.db, pipelines));
        if (config.source.endCheckpoint !== undefined && resume > config.source.endCheckpoint) {
          logger.info({ resume, end: config.source.endCheckpoint }, 'already indexed up to the end checkpoint');
          return { stoppedBy: 'end' };
        }
        logger.info(
          { from: resume, end: config.source.endCheckpoint },
          restarts === 0 ? 'indexing' : 'indexing again from the watermarks',
        );
        const summary = await runIndexer(source.checkpoints(resume, signal), {
          db: database.db,
          packageIds: config.originalPackageIds,
          upgradedPackageIds: config.upgradedPackageIds,
          pipelines,
          batch: config.batch,
          signal,
          observer: {
            onCheckpoint: (checkpoint) => {
              metrics.checkpoints.inc();
              metrics.events.inc(checkpoint.events.length);
              if (checkpoint.deadLetters.length > 0) {
                metrics.deadLetters.inc(checkpoint.deadLetters.length);
                logger.warn(
                  { checkpoint: checkpoint.sequenceNumber, count: checkpoint.deadLetters.length },
                  'events failed to decode; kept as dead letters',
                );
              }
              progress.noteProcessed(checkpoint.events.length);
            },
            onBatchCommitted: (batch) => {
              metrics.rows.inc({ pipeline: batch.pipeline }, batch.rows);
              metrics.batchSeconds.observe({ pipeline: batch.pipeline }, batch.durationMs / 1000);
              metrics.committed.set({ pipeline: batch.pipeline }, Number(batch.lastCheckpoint));
              progress.noteCommitted(batch.pipeline, batch.lastCheckpoint);
              logger.debug({ ...batch }, 'batch committed');
            },
            onRetry: ({ pipeline, attempt, delayMs, error }) => {
              metrics.dbRetries.inc({ pipeline });
              logger.warn({ pipeline, attempt, delayMs, err: error }, 'commit failed; retrying');
            },
          },
        });
        logger.info(
          {
            stoppedBy: summary.stoppedBy,
            checkpoints: summary.checkpoints,
            events: summary.events,
            deadLetters: summary.deadLetters,
            lastCheckpoint: summary.lastCheckpoint,
          },
          summary.stoppedBy === 'end' ? 'reached the end checkpoint' : 'stopped',
        );
        return { stoppedBy: summary.stoppedBy, summary };
      } catch (error) {
        if (signal.aborted) return { stoppedBy: 'abort' };
        if (!isTransientDbError(error)) throw error;
        metrics.restarts.inc();
        const delayMs = backoffDelay(Math.min(restarts, 10), backoff);
        logger.warn({ err: error, delayMs }, 'database unavailable; restarting from the watermarks');
        await sleep(delayMs, undefined, { signal }).catch(() => undefined);
        if (signal.aborted) return { stoppedBy: 'abort' };
      } finally {
        await locks?.release();
      }
    }
  } finally {
    stopReporter?.();
    await ops?.close();
    const closed = await endPool(database.close, 10_000).catch((error: unknown) => {
      logger.warn({ err: error }, 'closing the database failed');
      return true;
    });
    if (!closed) logger.warn('the database did not close within 10 s; leaving its connections behind');
  }
}

/**
 * Asks the full node which chain it serves, waiting while it cannot be
 * reached and saying which URL failed and why (a refused connection, a DNS
 * failure, a TLS error...), rather than only "fetch failed" later on; and
 * says loudly if a package to follow does not exist on that chain.
 * undefined when aborted first.
 */
async function fullNodeChain(
  source: CheckpointSource,
  url: string,
  packageIds: readonly string[],
  logger: Logger,
  signal: AbortSignal,
  backoff: BackoffPolicy,
): Promise<string | undefined> {
  try {
    const response = await retry(
      async () =>
        (await source.client.grpc.ledgerService.getServiceInfo({}, { timeout: 10_000, abort: signal })).response,
      {
        policy: backoff,
        signal,
        isRetryable: () => true,
        onRetry: (error, attempt, delayMs) =>
          logger.warn({ url, cause: describeError(error), attempt, delayMs }, `full node ${url} unreachable; retrying`),
      },
    );
    logger.info({ url, chainId: response.chainId, tip: response.checkpointHeight }, 'full node reachable');
    for (const packageId of await missingPackages(source.client.grpc, packageIds)) {
      logger.error(
        { url, chainId: response.chainId, package: packageId },
        `package ${packageId} does not exist on this chain: check --package (no event of it can ever be indexed)`,
      );
    }
    return response.chainId ?? '';
  } catch (error) {
    if (signal.aborted) return undefined;
    throw error;
  }
}

/**
 * On PostgreSQL, takes an advisory lock on each pipeline for this run, so a
 * second indexer on the same database waits (saying which indexer holds what)
 * instead of doing every batch again for nothing. PGlite is one process: no lock.
 */
async function lockPipelines(
  config: IndexerCliConfig,
  pipelines: readonly { name: string }[],
  logger: Logger,
  signal: AbortSignal,
): Promise<HeldLocks | undefined> {
  if (config.database.kind !== 'postgres') return undefined;
  let warned = 0;
  return acquireLocks(
    config.database.url,
    pipelines.map((p) => `pipeline:${p.name}` as const),
    {
      signal,
      applicationName: `tusk indexer pid ${process.pid}`,
      onBusy: (busy) => {
        // Once, then every minute of waiting.
        if (Date.now() - warned < 60_000) return;
        warned = Date.now();
        logger.warn(
          { held: busy.map((b) => ({ pipeline: b.name.slice('pipeline:'.length), by: b.application, pid: b.pid })) },
          'another indexer is indexing these pipelines on this database; waiting for it to stop',
        );
      },
    },
  ).catch((error: unknown) => {
    if (signal.aborted) return undefined;
    throw error;
  });
}

/** Opens (and migrates) the database, waiting for it while it is unreachable; undefined when aborted first. */
async function openDatabaseWithRetry(
  config: IndexerCliConfig,
  logger: Logger,
  signal: AbortSignal,
  backoff: BackoffPolicy,
): Promise<OpenDatabase | undefined> {
  try {
    const database = await retry(() => openDatabase(config.database), {
      policy: backoff,
      signal,
      isRetryable: isTransientDbError,
      onRetry: (error, attempt, delayMs) =>
        logger.warn({ err: error, cause: describeError(error), attempt, delayMs }, 'database unavailable; retrying'),
    });
    logger.info(
      {
        database:
          config.database.kind === 'postgres' ? redact(config.database.url) : (config.database.dataDir ?? 'memory'),
      },
      'database open',
    );
    return database;
  } catch (error) {
    if (signal.aborted) return undefined;
    throw error;
  }
}

function redact(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

function maxBigint(a: bigint, b: bigint): bigint {
  return a > b ? a : b;
}
