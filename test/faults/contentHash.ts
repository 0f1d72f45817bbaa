/**
 * A content hash of every table the indexer writes, to compare a faulty run
 * with a clean one: per table, the md5 of its rows as text in sorted order.
 * Columns that legitimately differ between runs are left out: serial ids
 * (a retried insert consumes sequence values) and `now()` timestamps.
 * Computed in SQL, so PGlite and PostgreSQL give the same hash.
 */
import { sql } from 'drizzle-orm';
import type { Database } from '@tusk/shared/db/database';

export type TableHashes = Record<string, { rows: number; md5: string }>;

const VOLATILE_COLUMNS = new Set(['updated_at', 'created_at']);
/** What the indexer service records about its start (the chain and packages), not data it indexes. */
const NOT_INDEXED_TABLES = new Set(['indexed_source']);

export async function tableHashes(db: Database): Promise<TableHashes> {
  const columns = rowsOf<{ table_name: string; column_name: string; column_default: string | null }>(
    await db.execute(sql`
      SELECT table_name, column_name, column_default FROM information_schema.columns
      WHERE table_schema = 'public' ORDER BY table_name, ordinal_position`),
  );
  const byTable = new Map<string, string[]>();
  for (const c of columns) {
    if (NOT_INDEXED_TABLES.has(c.table_name)) continue;
    if (VOLATILE_COLUMNS.has(c.column_name) || c.column_default?.startsWith('nextval(')) continue;
    byTable.set(c.table_name, [...(byTable.get(c.table_name) ?? []), c.column_name]);
  }
  const hashes: TableHashes = {};
  for (const [table, cols] of [...byTable].sort(([a], [b]) => a.localeCompare(b))) {
    const list = sql.raw(cols.map((c) => `"${c}"`).join(', '));
    const [row] = rowsOf<{ rows: string | number; md5: string | null }>(
      await db.execute(sql`
        SELECT count(*) AS rows, md5(coalesce(string_agg(line, E'\\n' ORDER BY line), '')) AS md5
        FROM (SELECT ROW(${list})::text AS line FROM ${sql.identifier(table)}) t`),
    );
    hashes[table] = { rows: Number(row!.rows), md5: row!.md5 ?? '' };
  }
  return hashes;
}

/** Rows of `db.execute` on either driver (node-postgres returns `{ rows }`, PGlite too). */
function rowsOf<T>(result: unknown): T[] {
  return ((result as { rows?: T[] }).rows ?? (result as T[])) as T[];
}
