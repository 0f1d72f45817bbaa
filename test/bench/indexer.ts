/**
 * Indexer benchmark: end-to-end ingest of at least 1,000,000 events in at
 * least 100,000 checkpoints, from the fake full node (its own thread) through
 * an unmodified `SuiGrpcClient`, the checkpoint source, the decoder and the
 * pipelines into the real PostgreSQL; then, in the same run, a raw COPY of the
 * same final rows into fresh tables as the baseline (the median of three loads).
 *
 * Prints: BENCH indexer events_per_s=<n> copy_rows_per_s=<m> ratio=<n/m>
 * Needs DATABASE_URL (a fresh database is created on that server and dropped).
 * Standalone: `npx tsx test/bench/indexer.ts`; BENCH_INDEXER_EPOCHS shrinks the chain for a quick look;
 * BENCH_INDEXER_BATCH_CHECKPOINTS / BENCH_INDEXER_BATCH_ROWS try other batch sizes than the core's defaults.
 */
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { openFreshPostgres } from '@tusk/shared/db/testing';
import { runIndexer } from '../../indexer/src/indexer.ts';
import { CheckpointSource } from '../../indexer/src/source/checkpointSource.ts';
import { SourceConfig } from '../../indexer/src/source/sourceConfig.ts';
import type { ScenarioParams } from '../scenario/scenario.ts';
import { BENCH_SCENARIO } from './benchChain.ts';
import { checkpoint, copyBaseline } from './copyBaseline.ts';
import { backendPids, cpuSeconds } from './postgresCpu.ts';
import type { FakeNodeReady } from './fakeNodeWorker.ts';

export interface IndexerBenchResult {
  events: number;
  checkpoints: number;
  seconds: number;
  eventsPerSecond: number;
  copyRowsPerSecond: number;
  copyRows: number;
  ratio: number;
}

export async function runIndexerBench(
  options: { params?: ScenarioParams; log?: (line: string) => void } = {},
): Promise<IndexerBenchResult> {
  const log = options.log ?? ((line: string) => console.error(line));
  const params = options.params ?? BENCH_SCENARIO;
  const serverUrl = process.env.DATABASE_URL?.trim();
  if (!serverUrl)
    throw new Error('the indexer benchmark needs a real PostgreSQL: set DATABASE_URL (start one with .ci/postgres.sh)');

  // The worker is TypeScript too: it registers tsx in its own thread, then loads the module.
  const workerModule = new URL('./fakeNodeWorker.ts', import.meta.url).href;
  const worker = new Worker(
    `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(workerModule)}); })`,
    { eval: true, workerData: { params } },
  );
  const node = await new Promise<FakeNodeReady>((resolve, reject) => {
    worker.on('message', (message: { log?: string; ready?: FakeNodeReady }) => {
      if (message.log) log(message.log);
      if (message.ready) resolve(message.ready);
    });
    worker.once('error', reject);
  });
  const database = await openFreshPostgres(serverUrl);
  try {
    log(`chain: ${node.checkpoints} checkpoints, ${node.events} events; fake node at ${node.url}`);
    const source = new CheckpointSource({
      config: SourceConfig.parse({
        url: node.url,
        packageIds: [params.packageId],
        endCheckpoint: node.checkpoints - 1,
        backfillMethod: 'list',
        listChunkSize: 1_000,
      }),
    });
    await checkpoint((database.target as { url: string }).url, log);
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    let lastReport = started;
    const batch = {
      ...(process.env.BENCH_INDEXER_BATCH_CHECKPOINTS
        ? { maxCheckpoints: Number(process.env.BENCH_INDEXER_BATCH_CHECKPOINTS) }
        : {}),
      ...(process.env.BENCH_INDEXER_BATCH_ROWS ? { maxRows: Number(process.env.BENCH_INDEXER_BATCH_ROWS) } : {}),
    };
    const summary = await runIndexer(source.checkpoints(0n), {
      db: database.db,
      packageIds: [params.packageId],
      batch,
      observer: {
        onBatchCommitted: (batch) => {
          const now = performance.now();
          if (batch.pipeline === 'staking' && now - lastReport > 5_000) {
            lastReport = now;
            log(
              `  committed through checkpoint ${batch.lastCheckpoint} after ${((now - started) / 1000).toFixed(1)} s`,
            );
          }
        },
      },
    });
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const indexerCpu = (cpu.user + cpu.system) / 1e6;
    // The pool keeps its connections for the whole run, so these backends did the ingest's database work.
    const postgresCpu = cpuSeconds(await backendPids((database.target as { url: string }).url));
    if (summary.events !== node.events) throw new Error(`indexed ${summary.events} events of ${node.events}`);
    log(
      `ingest: ${summary.events} events, ${summary.checkpoints} checkpoints in ${seconds.toFixed(1)} s; rows ${JSON.stringify(summary.rows)}`,
    );
    log(
      `ingest CPU: indexer process ${indexerCpu.toFixed(1)} s (${((indexerCpu / summary.events) * 1e6).toFixed(0)} µs/event, fake node thread included), ` +
        `PostgreSQL backends ${postgresCpu.toFixed(1)} s (${((postgresCpu / summary.events) * 1e6).toFixed(0)} µs/event)`,
    );

    const copy = await copyBaseline((database.target as { url: string }).url, { exclude: ['watermarks'] });
    log(
      `copy: ${copy.rows} rows in ${copy.seconds.toFixed(2)} s (median of ${copy.runSeconds.map((s) => s.toFixed(2)).join(', ')} s); PostgreSQL backend CPU ${copy.postgresCpuSeconds.toFixed(1)} s (${((copy.postgresCpuSeconds / copy.rows) * 1e6).toFixed(0)} µs/row)`,
    );
    const eventsPerSecond = summary.events / seconds;
    const result: IndexerBenchResult = {
      events: summary.events,
      checkpoints: summary.checkpoints,
      seconds,
      eventsPerSecond,
      copyRowsPerSecond: copy.rowsPerSecond,
      copyRows: copy.rows,
      ratio: eventsPerSecond / copy.rowsPerSecond,
    };
    console.log(
      `BENCH indexer events_per_s=${Math.round(result.eventsPerSecond)} copy_rows_per_s=${Math.round(result.copyRowsPerSecond)} ratio=${result.ratio.toFixed(2)}`,
    );
    return result;
  } finally {
    worker.postMessage('close');
    await database.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const epochs = process.env.BENCH_INDEXER_EPOCHS;
  await runIndexerBench(epochs ? { params: { ...BENCH_SCENARIO, epochs: Number(epochs) } } : {});
}
