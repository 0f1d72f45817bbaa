/**
 * Pipeline watermarks: the last checkpoint whose rows a pipeline committed.
 * The core reads them on start to resume at watermark + 1, and each batch's
 * transaction locks its pipeline's watermark, checks the batch is new, and
 * moves it forward together with the rows.
 */
import { eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '@tusk/shared/db/database';
import { watermarks } from '@tusk/shared/db/schema';
import { rowsOf, type Tx } from './tx.ts';

/** Watermarks of `pipelines` (absent: never committed). */
export async function readWatermarks(db: Database, pipelines: readonly string[]): Promise<Map<string, bigint>> {
  if (pipelines.length === 0) return new Map();
  const rows = await db
    .select()
    .from(watermarks)
    .where(inArray(watermarks.pipeline, [...pipelines]));
  return new Map(rows.filter((r) => r.checkpoint >= 0n).map((r) => [r.pipeline, r.checkpoint]));
}

/**
 * Locks `pipeline`'s watermark row for the rest of the transaction and returns
 * it (-1 when nothing was committed yet). A second writer of the same pipeline
 * waits here, then sees the first one's progress.
 */
export async function lockWatermark(tx: Tx, pipeline: string): Promise<bigint> {
  // One round trip: the upsert creates a missing row, and its no-op update
  // takes the row lock (waiting for another writer's commit, then returning
  // the value that one committed).
  const [row] = rowsOf<{ checkpoint: string | number | bigint }>(
    await tx.execute(
      sql`INSERT INTO watermarks (pipeline, checkpoint) VALUES (${pipeline}, -1)
          ON CONFLICT (pipeline) DO UPDATE SET checkpoint = watermarks.checkpoint RETURNING checkpoint`,
    ),
  );
  return BigInt(row!.checkpoint);
}

export async function setWatermark(tx: Tx, pipeline: string, checkpoint: bigint): Promise<void> {
  await tx
    .update(watermarks)
    .set({ checkpoint, updatedAt: sql`now()` })
    .where(eq(watermarks.pipeline, pipeline));
}
