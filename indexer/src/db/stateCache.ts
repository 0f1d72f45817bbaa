/**
 * The state rows (stake positions, blobs, storage resources) a pipeline wrote
 * in the earlier batches of this run, by table and key. Most rows a batch
 * changes were written by an earlier batch, and reading them back was a
 * query per batch on the critical path; `loadRows` takes them from here and
 * reads only the others.
 *
 * Only committed state may be here. The core gives each pipeline its own
 * cache per run and clears it whenever a batch's transaction fails or is
 * skipped (a replay); a pipeline remembers the rows it wrote, after writing
 * them, and forgets the rows its own set-based SQL may change behind it.
 */
import type { PgTable } from 'drizzle-orm/pg-core';

/** Rows kept per table; the least recently written go first. */
const DEFAULT_MAX_ROWS_PER_TABLE = 250_000;

export class StateCache {
  readonly #tables = new Map<PgTable, Map<string, object>>();

  constructor(readonly maxRowsPerTable = DEFAULT_MAX_ROWS_PER_TABLE) {}

  /** The row of `table` with primary key `key` as last committed, if kept. Do not change it: copy it. */
  get<T extends PgTable>(table: T, key: string): Readonly<T['$inferSelect']> | undefined {
    return this.#tables.get(table)?.get(key) as T['$inferSelect'] | undefined;
  }

  /** Keeps `row` as the stored state of `key` (the caller must not change it afterwards). */
  remember<T extends PgTable>(table: T, key: string, row: T['$inferSelect']): void {
    let rows = this.#tables.get(table);
    if (!rows) this.#tables.set(table, (rows = new Map()));
    rows.delete(key);
    rows.set(key, row);
    if (rows.size > this.maxRowsPerTable) rows.delete(rows.keys().next().value!);
  }

  forget(table: PgTable, key: string): void {
    this.#tables.get(table)?.delete(key);
  }

  clear(): void {
    this.#tables.clear();
  }
}
