/**
 * Batch writes for pipelines. Rows go in as
 * `INSERT INTO t (...) SELECT * FROM unnest($1::type[], ...) ON CONFLICT ...`:
 * one bind parameter per column whatever the number of rows (measured here
 * 3-4x faster than multi-row VALUES). Tables with array columns, which unnest
 * would flatten, fall back to multi-row VALUES in chunks that keep
 * rows x columns under PostgreSQL's 65,535 bind parameters.
 *
 * `append` is for rows that cannot exist yet (event logs: the watermark check
 * in the same transaction guarantees a batch is written once): they go in with
 * binary COPY on node-postgres (fastPaths/: copyRows.ts) when every column has a
 * binary encoder (binaryFieldEncoder.ts), a plain INSERT elsewhere (PGlite,
 * array columns); a duplicate fails the batch rather than vanish.
 *
 * On conflict with the primary key:
 * - `ignore`: the row is already there.
 * - `replace`: the new row wins (state the pipeline merged in memory).
 * - `add`: the listed counter columns are added to the stored ones, the rest replaced.
 * A batch must not contain two rows with the same key (merge them first).
 *
 * State a pipeline loaded, changed and writes back goes through `updateRows`
 * instead (an `UPDATE ... FROM unnest(...)` by primary key), and the state it
 * created in the batch through `append`: cheaper for PostgreSQL than an upsert
 * of both, which probes the key for every row before updating it.
 */
import { getTableColumns, sql, type SQL } from 'drizzle-orm';
import { getTableConfig, type PgColumn, type PgTable } from 'drizzle-orm/pg-core';
import { arrayLiteral, columnLiteral, type DriverValue } from './pgArrayLiteral.ts';
import type { BinaryCopyColumn } from './fastPaths/binaryCopy.ts';
import { binaryFieldEncoder, type FieldEncoder } from './fastPaths/binaryFieldEncoder.ts';
import { copyRows, pgClientOf } from './fastPaths/copyRows.ts';
import type { Tx } from './tx.ts';

export type Conflict<T extends PgTable> =
  | { kind: 'append' }
  | { kind: 'ignore' }
  | { kind: 'replace' }
  | { kind: 'add'; columns: readonly (keyof T['$inferInsert'] & string)[] };

/** Most bind parameters PostgreSQL accepts in one statement. */
export const MAX_BIND_PARAMETERS = 65_535;
/** Rows per unnest statement: bounds the size of each array literal. */
const UNNEST_ROWS_PER_STATEMENT = 50_000;

interface TableShape {
  name: string;
  /**
   * `toDriver` is drizzle's mapping, kept only for columns whose JS values are not already driver values;
   * `copy` the column's binary COPY encoder, for the types that have one.
   */
  columns: {
    key: string;
    column: PgColumn;
    toDriver?: (value: unknown) => DriverValue;
    copy?: FieldEncoder;
  }[];
  primaryKey: PgColumn[];
  hasArrayColumn: boolean;
}

const shapes = new WeakMap<PgTable, TableShape>();

function shapeOf(table: PgTable): TableShape {
  let shape = shapes.get(table);
  if (!shape) {
    const config = getTableConfig(table);
    const columns = Object.entries(getTableColumns(table)).map(([key, column]) => ({
      key,
      column: column as PgColumn,
      toDriver: needsDriverMapping(column as PgColumn)
        ? (v: unknown) => (column as PgColumn).mapToDriverValue(v) as DriverValue
        : undefined,
      copy: binaryFieldEncoder((column as PgColumn).getSQLType()),
    }));
    const primaryKey = config.primaryKeys[0]?.columns ?? columns.filter((c) => c.column.primary).map((c) => c.column);
    if (primaryKey.length === 0) throw new Error(`table ${config.name} has no primary key to resolve conflicts on`);
    const hasArrayColumn = columns.some((c) => c.column.getSQLType().endsWith('[]'));
    shape = { name: config.name, columns, primaryKey, hasArrayColumn };
    shapes.set(table, shape);
  }
  return shape;
}

/**
 * Our column types take JS values the literal builder formats itself (bigint,
 * number, boolean, string, Date, Uint8Array); drizzle's per-value mapping is
 * skipped for them because it costs more than the write. Any other type (json,
 * a future custom type) keeps drizzle's mapping.
 */
function needsDriverMapping(column: PgColumn): boolean {
  const type = column.getSQLType();
  return !/^(numeric\(\d+, ?0\)|text|bigint|integer|smallint|boolean|bytea|double precision|timestamp with time zone|timestamp)$/.test(
    type,
  );
}

/** How `writeRows` wrote a batch: binary COPY (fastPaths/), or an INSERT statement. */
export type WritePath = 'copy' | 'insert';

/** Writes `rows` into `table` in as few statements as the limits allow; says which way. */
export async function writeRows<T extends PgTable>(
  tx: Tx,
  table: T,
  rows: readonly T['$inferInsert'][],
  conflict: Conflict<T>,
): Promise<WritePath> {
  if (conflict.kind === 'append' && rows.length > 0) {
    const shape = shapeOf(table);
    const client = pgClientOf(tx);
    const copyColumns = client ? copyColumnsOf(columnsGiven(shape, rows)) : undefined;
    if (client && copyColumns) {
      await copyRows(client, shape.name, copyColumns, rows as Record<string, unknown>[]);
      return 'copy';
    }
  }
  await insertRows(tx, table, rows, conflict);
  return 'insert';
}

/** Columns with defaults (serial ids, created_at) are left to the database unless the rows give them. */
function columnsGiven(shape: TableShape, rows: readonly object[]): TableShape['columns'] {
  const first = rows[0] as Record<string, unknown>;
  return shape.columns.filter((c) => !c.column.hasDefault || c.key in first);
}

/**
 * `writeRows` without binary COPY: `INSERT ... SELECT unnest(...)`, or
 * multi-row VALUES for tables with array columns. (The append benchmark
 * measures COPY against it.)
 */
export async function insertRows<T extends PgTable>(
  tx: Tx,
  table: T,
  rows: readonly T['$inferInsert'][],
  conflict: Conflict<T>,
): Promise<void> {
  if (rows.length === 0) return;
  const shape = shapeOf(table);
  const columns = columnsGiven(shape, rows);
  if (shape.hasArrayColumn) {
    await writeWithValues(tx, table, shape, columns, rows, conflict);
    return;
  }
  for (let start = 0; start < rows.length; start += UNNEST_ROWS_PER_STATEMENT) {
    const chunk = rows.slice(start, start + UNNEST_ROWS_PER_STATEMENT) as Record<string, unknown>[];
    const arrays = columns.map(
      ({ key, column, toDriver }) => sql`${columnLiteral(chunk, key, toDriver)}::${sql.raw(column.getSQLType())}[]`,
    );
    const names = sql.raw(columns.map((c) => `"${c.column.name}"`).join(', '));
    await tx.execute(
      sql`INSERT INTO ${sql.raw(`"${shape.name}"`)} (${names}) SELECT * FROM unnest(${sql.join(arrays, sql`, `)}) ${conflictClause(shape, columns, conflict)}`,
    );
  }
}

/** The columns as binary COPY writes them, if every one has an encoder. */
function copyColumnsOf(columns: TableShape['columns']): BinaryCopyColumn[] | undefined {
  const copyColumns: BinaryCopyColumn[] = [];
  for (const { key, column, copy } of columns) {
    if (!copy) return undefined;
    copyColumns.push({ key, name: column.name, sqlType: column.getSQLType(), encode: copy });
  }
  return copyColumns;
}

/** What `loadRows` read of each row it returned, for `updateRows` to see what changed. */
const asLoaded = new WeakMap<object, Record<string, unknown>>();

/**
 * The stored rows of `table` whose `column` is one of `values`, to be changed
 * in memory and written back with `updateRows`, which then sets only the
 * columns that changed (fewer values to send and parse than whole rows).
 */
export async function loadRows<T extends PgTable>(
  tx: Tx,
  table: T,
  column: PgColumn,
  values: readonly DriverValue[],
): Promise<T['$inferSelect'][]> {
  if (values.length === 0) return [];
  const rows = (await tx
    .select()
    .from(table as PgTable)
    .where(isAnyOf(column, values))) as T['$inferSelect'][];
  for (const row of rows) asLoaded.set(row, { ...row });
  return rows;
}

/**
 * Writes `rows` over the stored rows with their keys. For rows the pipeline
 * loaded in this transaction (a key that is not stored is left out, except on
 * tables with array columns, which take the upsert); a batch must not
 * contain a key twice. When every row came from `loadRows`, only the columns
 * some row changed since are set; otherwise every column the rows have.
 * A pipeline commit runs it with key lookups preferred (keyLookups.ts): one
 * index probe per row, not a hash of the whole table.
 */
export async function updateRows<T extends PgTable>(
  tx: Tx,
  table: T,
  rows: readonly T['$inferInsert'][],
): Promise<void> {
  if (rows.length === 0) return;
  const shape = shapeOf(table);
  // unnest would flatten array columns: such tables take the upsert (same outcome for stored rows).
  if (shape.hasArrayColumn) return insertRows(tx, table, rows, { kind: 'replace' });
  const changed = changedKeys(rows as readonly Record<string, unknown>[]);
  const columns = shape.columns.filter((c) => changed.has(c.key) || shape.primaryKey.includes(c.column));
  if (columns.length === shape.primaryKey.length) return;
  const name = `"${shape.name}"`;
  const sets = columns
    .filter((c) => !shape.primaryKey.includes(c.column))
    .map((c) => `"${c.column.name}" = v."${c.column.name}"`)
    .join(', ');
  const match = shape.primaryKey.map((c) => `t."${c.name}" = v."${c.name}"`).join(' AND ');
  const names = columns.map((c) => `"${c.column.name}"`).join(', ');
  for (let start = 0; start < rows.length; start += UNNEST_ROWS_PER_STATEMENT) {
    const chunk = rows.slice(start, start + UNNEST_ROWS_PER_STATEMENT) as Record<string, unknown>[];
    const arrays = columns.map(
      ({ key, column, toDriver }) => sql`${columnLiteral(chunk, key, toDriver)}::${sql.raw(column.getSQLType())}[]`,
    );
    await tx.execute(
      sql`UPDATE ${sql.raw(name)} AS t SET ${sql.raw(sets)} FROM unnest(${sql.join(arrays, sql`, `)}) AS v(${sql.raw(names)}) WHERE ${sql.raw(match)}`,
    );
  }
}

/** The keys whose values differ from what `loadRows` read, in some row; every key of the first row if one was not loaded. */
function changedKeys(rows: readonly Record<string, unknown>[]): Set<string> {
  const keys = new Set<string>();
  for (const row of rows) {
    const loaded = asLoaded.get(row);
    if (!loaded) return new Set(Object.keys(rows[0]!));
    for (const key in row) {
      if (!keys.has(key) && !sameValue(row[key], loaded[key])) keys.add(key);
    }
  }
  return keys;
}

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || (a instanceof Date && b instanceof Date && a.getTime() === b.getTime());
}

function conflictClause<T extends PgTable>(
  shape: TableShape,
  columns: TableShape['columns'],
  conflict: Conflict<T>,
): SQL {
  if (conflict.kind === 'append') return sql``;
  if (conflict.kind === 'ignore') return sql`ON CONFLICT DO NOTHING`;
  const key = shape.primaryKey.map((c) => `"${c.name}"`).join(', ');
  const added = new Set<string>(conflict.kind === 'add' ? conflict.columns : []);
  const sets = columns
    .filter((c) => !shape.primaryKey.includes(c.column))
    .map(({ key: jsKey, column }) =>
      added.has(jsKey)
        ? `"${column.name}" = "${shape.name}"."${column.name}" + EXCLUDED."${column.name}"`
        : `"${column.name}" = EXCLUDED."${column.name}"`,
    );
  if (sets.length === 0) return sql.raw(`ON CONFLICT (${key}) DO NOTHING`);
  return sql.raw(`ON CONFLICT (${key}) DO UPDATE SET ${sets.join(', ')}`);
}

async function writeWithValues<T extends PgTable>(
  tx: Tx,
  table: T,
  shape: TableShape,
  columns: TableShape['columns'],
  rows: readonly T['$inferInsert'][],
  conflict: Conflict<T>,
): Promise<void> {
  const rowsPerStatement = Math.max(1, Math.floor(MAX_BIND_PARAMETERS / columns.length));
  for (let start = 0; start < rows.length; start += rowsPerStatement) {
    const chunk = rows.slice(start, start + rowsPerStatement);
    const insert = tx.insert(table).values(chunk as never);
    if (conflict.kind === 'append') {
      await insert;
      continue;
    }
    if (conflict.kind === 'ignore') {
      await insert.onConflictDoNothing();
      continue;
    }
    const added = new Set<string>(conflict.kind === 'add' ? conflict.columns : []);
    const set: Record<string, SQL> = {};
    for (const { key, column } of columns) {
      if (shape.primaryKey.includes(column)) continue;
      set[key] = added.has(key)
        ? sql.raw(`"${shape.name}"."${column.name}" + EXCLUDED."${column.name}"`)
        : sql.raw(`EXCLUDED."${column.name}"`);
    }
    await insert.onConflictDoUpdate({ target: shape.primaryKey, set: set as never });
  }
}

/** `column = ANY($1::type[])`: a set membership test with one bind parameter. */
export function isAnyOf(column: PgColumn, values: readonly DriverValue[]): SQL {
  return sql`${column} = ANY(${arrayLiteral(values.map((v) => (v === null || v === undefined ? v : (column.mapToDriverValue(v) as DriverValue))))}::${sql.raw(column.getSQLType())}[])`;
}
