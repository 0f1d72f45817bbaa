/**
 * A content hash of the indexed tables: equal hashes mean equal tables, row for
 * row, whatever order rows were written in. Crash, replay and resume tests
 * compare it with a clean run's. Columns that legitimately differ between runs
 * are left out: serial ids (a rolled-back transaction still uses up sequence
 * values) and wall-clock bookkeeping times (`created_at`, `updated_at`).
 */
import { getTableColumns, sql } from 'drizzle-orm';
import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import type { Database } from '@tusk/shared/db/database';
import { allPipelines } from '../pipelines/index.ts';
import { rowsOf } from './tx.ts';

const runDependent = new Set(['id', 'created_at', 'updated_at']);

/** Every table the pipelines write. */
export function indexedTables(): PgTable[] {
  return [...new Set(allPipelines.flatMap((p) => p.tables))];
}

/** md5 per table of its sorted rows (run-dependent columns excluded). */
export async function tableHashes(
  db: Database,
  tables: readonly PgTable[] = indexedTables(),
): Promise<Record<string, string>> {
  const hashes: Record<string, string> = {};
  for (const table of tables) {
    const name = getTableConfig(table).name;
    const columns = Object.values(getTableColumns(table))
      .map((c) => c.name)
      .filter((c) => !runDependent.has(c))
      .map((c) => `"${c}"`)
      .join(', ');
    const [row] = rowsOf<{ hash: string; rows: string | number }>(
      await db.execute(
        sql.raw(
          `SELECT md5(coalesce(string_agg(r, E'\\n' ORDER BY r), '')) AS hash, count(*) AS rows FROM (SELECT ROW(${columns})::text AS r FROM "${name}") t`,
        ),
      ),
    );
    hashes[name] = `${row!.hash}:${row!.rows}`;
  }
  return hashes;
}
