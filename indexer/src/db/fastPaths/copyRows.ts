/**
 * `COPY ... FROM STDIN (FORMAT binary)` inside the current transaction, for
 * rows that are new by construction (event logs: the watermark check
 * guarantees a batch is written once). COPY is PostgreSQL's fastest way in,
 * about twice the rate of `INSERT ... SELECT unnest(...)` for our log tables,
 * and its binary format the cheapest for both sides (see binaryCopy.ts). It
 * needs the node-postgres connection under the drizzle transaction, so on
 * PGlite (or any other driver) callers fall back to an INSERT.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import copyStreams from 'pg-copy-streams';
import { binaryCopy, type BinaryCopyColumn } from './binaryCopy.ts';
import type { Tx } from '../tx.ts';

/** The node-postgres client running `tx`, if it is one. */
export function pgClientOf(tx: Tx): pg.ClientBase | undefined {
  // drizzle keeps the connection of a node-postgres transaction as `session.client`.
  const client = (tx as unknown as { session?: { client?: unknown } }).session?.client;
  return client instanceof pg.Client ? client : undefined;
}

/**
 * Streams `rows` into `columns` of `table` with binary COPY over `client`. A
 * value of the wrong type aborts the COPY (and so the transaction) with an
 * error naming table, column and value.
 */
export async function copyRows(
  client: pg.ClientBase,
  table: string,
  columns: readonly BinaryCopyColumn[],
  rows: readonly Record<string, unknown>[],
): Promise<void> {
  const names = columns.map((c) => `"${c.name}"`).join(', ');
  const sink = client.query(copyStreams.from(`COPY "${table}" (${names}) FROM STDIN (FORMAT binary)`));
  await pipeline(Readable.from(binaryCopy(table, columns, rows)), sink);
}
