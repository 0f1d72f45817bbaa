/**
 * What a pipeline is: one concern of the index (nodes, staking, storage, ...)
 * that owns its tables and its watermark. The core (`../indexer.ts`) feeds it
 * decoded checkpoints in order and commits its batches in order:
 *
 * - `process(checkpoint)` is pure and cheap: it picks the events it cares about
 *   and turns them into rows (or row changes). It may run ahead of commits.
 * - `commit(tx, rows)` writes one batch (rows of consecutive checkpoints, in
 *   order) inside the transaction that also moves the pipeline's watermark.
 *   It may read its own tables (read-modify-write of state such as a stake
 *   position), because it is their only writer and batches commit in order.
 *   It must give the same tables whatever the batch boundaries are.
 */
import type { PgTable } from 'drizzle-orm/pg-core';
import type { DecodedCheckpoint } from '../decode/decodeCheckpoint.ts';
import type { Tx } from '../db/tx.ts';

export interface Pipeline<Row = unknown> {
  /** Watermark key; stable forever (renaming re-indexes from scratch). */
  readonly name: string;
  /** Tables this pipeline writes; no other pipeline writes them. */
  readonly tables: readonly PgTable[];
  process(checkpoint: DecodedCheckpoint): Row[];
  commit(tx: Tx, rows: Row[]): Promise<void>;
}

/** Identity-preserving helper that checks a pipeline's row type once. */
export function definePipeline<Row>(pipeline: Pipeline<Row>): Pipeline<Row> {
  return pipeline;
}
