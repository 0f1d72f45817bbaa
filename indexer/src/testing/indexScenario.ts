/**
 * Test helpers: run the indexer over checkpoints into a database with small
 * batches (so batch boundaries are exercised), and wrap pipelines to fail on
 * purpose (a crash mid-run).
 */
import type { Database } from '@tusk/shared/db/database';
import { runIndexer, type IndexerOptions, type IndexerSummary } from '../indexer.ts';
import type { Pipeline } from '../pipelines/pipeline.ts';
import type { Checkpoint } from '../source/checkpoint.ts';

export const TEST_PACKAGE_ID = '0x' + '7a'.repeat(32);

export async function* streamOf(checkpoints: Iterable<Checkpoint>): AsyncGenerator<Checkpoint> {
  for (const checkpoint of checkpoints) yield checkpoint;
}

export function indexCheckpoints(
  db: Database,
  checkpoints: Iterable<Checkpoint> | AsyncIterable<Checkpoint>,
  options: Partial<IndexerOptions> = {},
): Promise<IndexerSummary> {
  const stream = Symbol.asyncIterator in checkpoints ? checkpoints : streamOf(checkpoints);
  return runIndexer(stream, {
    db,
    packageIds: [TEST_PACKAGE_ID],
    batch: { maxCheckpoints: 7, maxRows: 50, flushIntervalMs: 60_000 },
    retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 },
    ...options,
  });
}

/** `pipeline`, except that its commit number `failAt` (1-based) throws after writing its rows. */
export function failingOnCommit<Row>(pipeline: Pipeline<Row>, failAt: number): Pipeline<Row> {
  let commits = 0;
  return {
    ...pipeline,
    async commit(tx, rows) {
      await pipeline.commit(tx, rows);
      if (++commits === failAt) throw new Error(`injected crash in ${pipeline.name} at commit ${failAt}`);
    },
  };
}
