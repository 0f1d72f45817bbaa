/**
 * Every statement of a pipeline's commit touches the few rows a batch names
 * (by key, or by a narrow indexed range) in tables that only grow. Left to
 * itself, once a batch names more than a few thousand keys, the planner
 * prefers to read the whole table (a sequential scan, or a hash join over
 * it): each batch then costs in proportion to the table, not to the batch,
 * and a backfill slows down as it goes (measured on the bench chain: blob
 * and pool lookups at 20-85 ms a statement, rising with every batch).
 * Turning scans and hash/merge joins off for the transaction makes it look
 * each key up in an index; a statement with no index to use still scans.
 */
import { sql } from 'drizzle-orm';
import type { Tx } from '../tx.ts';

/** For the rest of `tx` (SET LOCAL: the settings end with it). */
export async function preferKeyLookups(tx: Tx): Promise<void> {
  await tx.execute(
    sql`SELECT set_config('enable_seqscan', 'off', true), set_config('enable_hashjoin', 'off', true), set_config('enable_mergejoin', 'off', true)`,
  );
}
