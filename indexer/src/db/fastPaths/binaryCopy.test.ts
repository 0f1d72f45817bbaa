import { createHash } from 'node:crypto';
import { asc, getTableColumns, sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  doublePrecision,
  integer,
  pgTable,
  text,
  timestamp,
  getTableConfig,
  type PgColumn,
  type PgTable,
} from 'drizzle-orm/pg-core';
import copyStreams from 'pg-copy-streams';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '@tusk/shared/db/database';
import { bytea, u256, uint } from '@tusk/shared/db/schema';
import { testDatabaseKinds } from '@tusk/shared/db/testing';
import { binaryCopy, type BinaryCopyColumn } from './binaryCopy.ts';
import { binaryFieldEncoder } from './binaryFieldEncoder.ts';
import { COPY_CHUNK_BYTES, CopyBuffer } from './copyBuffer.ts';
import { rowsOf } from '../tx.ts';
import { writeRows } from '../writeRows.ts';

/** Every column type of our schema, each nullable, keyed by `n`. */
const columnsOf = (name: string) =>
  pgTable(name, {
    n: integer('n').primaryKey(),
    label: text('label'),
    count: integer('count'),
    epoch: bigint('epoch', { mode: 'number' }),
    checkpoint: bigint('checkpoint', { mode: 'bigint' }),
    flag: boolean('flag'),
    raw: bytea('raw'),
    at: timestamp('at', { withTimezone: true, mode: 'date' }),
    ratio: doublePrecision('ratio'),
    amount: uint('amount'),
    blobId: u256('blob_id'),
  });
const createTable = (name: string) => `CREATE TABLE ${name} (n integer PRIMARY KEY, label text, count integer,
  epoch bigint, checkpoint bigint, flag boolean, raw bytea, at timestamp with time zone,
  ratio double precision, amount numeric(39, 0), blob_id numeric(78, 0))`;
type Row = ReturnType<typeof columnsOf>['$inferInsert'];

const U64_MAX = (1n << 64n) - 1n;
const U128_MAX = (1n << 128n) - 1n;
const U256_MAX = (1n << 256n) - 1n;
const powersOfTen = (upTo: number) => Array.from({ length: upTo + 1 }, (_, k) => 10n ** BigInt(k));

/** Edge values per column; row i takes value i modulo the list's length, so every value lands in some row. */
const edges: { [K in Exclude<keyof Row, 'n'>]: Row[K][] } = {
  label: [
    `0x${'ab'.repeat(32)}`,
    '',
    'NULL',
    '\\N',
    'tab\there',
    'new\nline\r\n',
    'back\\slash',
    'ünï 🐘 象',
    ' ',
    null,
  ],
  count: [0, 1, -1, 2_147_483_647, -2_147_483_648, null],
  epoch: [0, 4_294_967_295, -1, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, null],
  checkpoint: [0n, 1n, -1n, 2n ** 63n - 1n, -(2n ** 63n), 2n ** 53n + 1n, null],
  flag: [true, false, null],
  raw: [
    new Uint8Array(),
    new Uint8Array([0, 1, 92, 9, 10, 255]),
    new Uint8Array([7, 7, 1, 2, 3, 7]).subarray(2, 5),
    null,
  ],
  at: [
    new Date('2026-01-02T03:04:05.678Z'),
    new Date(0),
    new Date('2000-01-01T00:00:00.000Z'),
    new Date('1999-12-31T23:59:59.999Z'),
    // More than 2^53 µs from 2000: past the range where microseconds are exact as a double.
    new Date('1600-02-29T12:00:00.001Z'),
    new Date('2400-12-31T23:59:59.999Z'),
    null,
  ],
  ratio: [0, 1.5, -1e-300, Number.MAX_VALUE, Number.MIN_VALUE, Infinity, -Infinity, Number.NaN, null],
  amount: [
    ...powersOfTen(38),
    ...powersOfTen(39).map((p) => p - 1n),
    10_001n,
    2n ** 53n - 1n,
    2n ** 53n,
    2n ** 53n + 1n,
    U64_MAX,
    U128_MAX,
    -1n,
    -U64_MAX,
    -(10n ** 38n),
    null,
  ],
  blobId: [0n, U256_MAX, 10n ** 77n, -U256_MAX, 1n, null],
};

function edgeRows(): Row[] {
  const count = Math.max(...Object.values(edges).map((values) => values.length));
  return Array.from({ length: count }, (_, n) => {
    const row: Record<string, unknown> = { n };
    for (const [key, values] of Object.entries(edges)) row[key] = values[n % values.length];
    return row as Row;
  });
}

/** The table's columns as writeRows hands them to COPY. */
function copyColumns(table: PgTable): BinaryCopyColumn[] {
  return Object.entries(getTableColumns(table)).map(([key, column]) => {
    const sqlType = (column as PgColumn).getSQLType();
    return { key, name: column.name, sqlType, encode: binaryFieldEncoder(sqlType)! };
  });
}

function encodeOne(sqlType: string, value: unknown): string {
  const out = new CopyBuffer();
  binaryFieldEncoder(sqlType)!(out, value);
  return Buffer.concat(out.finish()).toString('hex');
}

describe('binary field encoders', () => {
  it('write numerics as base-10000 digits with weight and sign, trailing zero digits left out', () => {
    // int32 length, int16 ndigits, weight, sign, dscale, then the digits.
    expect(encodeOne('numeric(39, 0)', 0n)).toBe('00000008' + '0000' + '0000' + '0000' + '0000');
    expect(encodeOne('numeric(39, 0)', 10_000n)).toBe('0000000a' + '0001' + '0001' + '0000' + '0000' + '0001');
    expect(encodeOne('numeric(39, 0)', 10n ** 20n)).toBe('0000000a' + '0001' + '0005' + '0000' + '0000' + '0001');
    expect(encodeOne('numeric(39, 0)', -1n)).toBe('0000000a' + '0001' + '0000' + '4000' + '0000' + '0001');
    // 1844 6744 0737 0955 1615
    expect(encodeOne('numeric(39, 0)', U64_MAX)).toBe(
      '00000012' + '0005' + '0004' + '0000' + '0000' + '0734' + '1a58' + '02e1' + '03bb' + '064f',
    );
  });

  it('write timestamps as microseconds since 2000-01-01 UTC', () => {
    expect(encodeOne('timestamp with time zone', new Date('2000-01-01T00:00:00.001Z'))).toBe(
      '00000008' + '00000000000003e8',
    );
    expect(encodeOne('timestamp with time zone', new Date('1999-12-31T23:59:59.999Z'))).toBe(
      '00000008' + 'fffffffffffffc18',
    );
  });

  it('have no encoder for types we do not write by COPY', () => {
    for (const sqlType of ['integer[]', 'numeric(10, 2)', 'numeric', 'jsonb', 'serial']) {
      expect(binaryFieldEncoder(sqlType), sqlType).toBeUndefined();
    }
  });
});

describe.each(testDatabaseKinds())('binary COPY on $name', (kind) => {
  let open: OpenDatabase;
  beforeAll(async () => {
    open = await kind.open();
  });
  afterAll(() => open?.close());

  let tables = 0;
  /** A new empty table of every column type. */
  async function freshTable() {
    const name = `copied_${tables++}`;
    await open.db.execute(sql.raw(createTable(name)));
    return columnsOf(name);
  }
  /**
   * Loads batches of rows in one transaction with our binary COPY encoding:
   * on PostgreSQL through writeRows (its COPY path, as the pipelines do);
   * PGlite's driver has no COPY stream, so there the same bytes go in
   * through its /dev/blob device.
   */
  async function copyIn(table: ReturnType<typeof columnsOf>, ...batches: Row[][]): Promise<void> {
    if (open.pglite) {
      const name = getTableConfig(table).name;
      await open.pglite.transaction(async (tx) => {
        for (const rows of batches) {
          // Node's Buffers are views of plain ArrayBuffers; the typings allow shared ones too.
          const blob = new Blob([...binaryCopy(name, copyColumns(table), rows)] as Uint8Array<ArrayBuffer>[]);
          await tx.query(`COPY ${name} FROM '/dev/blob' (FORMAT binary)`, [], { blob });
        }
      });
      return;
    }
    await open.db.transaction(async (tx) => {
      // The COPY path itself, not the INSERT fallback: it finds the connection in drizzle's private `session.client`.
      for (const rows of batches) expect(await writeRows(tx, table, rows, { kind: 'append' })).toBe('copy');
    });
  }
  /** The server's own binary COPY of the table's rows, in key order. */
  async function copyOut(table: PgTable): Promise<Buffer> {
    const query = `COPY (SELECT * FROM ${getTableConfig(table).name} ORDER BY n) TO`;
    if (open.pglite) {
      const { blob } = await open.pglite.query(`${query} '/dev/blob' (FORMAT binary)`);
      return Buffer.from(await blob!.arrayBuffer());
    }
    const client = await open.pool!.connect();
    try {
      const exported: Buffer[] = [];
      for await (const chunk of client.query(copyStreams.to(`${query} STDOUT (FORMAT binary)`))) {
        exported.push(chunk as Buffer);
      }
      return Buffer.concat(exported);
    } finally {
      client.release();
    }
  }

  it('round-trips every column type, NULLs, empty and escape-like text, empty bytes and numeric edges', async () => {
    const table = await freshTable();
    const rows = edgeRows();
    await copyIn(table, rows);
    const stored = await open.db.select().from(table).orderBy(asc(table.n));
    // Bytes as Buffers on both sides: node-postgres returns Buffers, PGlite Uint8Arrays.
    const asBuffers = (all: Row[]) => all.map((row) => ({ ...row, raw: row.raw && Buffer.from(row.raw) }));
    expect(asBuffers(stored)).toEqual(asBuffers(rows));
  });

  it('sends exactly the bytes the server itself writes in a binary COPY of the stored rows', async () => {
    const table = await freshTable();
    await copyIn(table, edgeRows());
    const ours = Buffer.concat([...binaryCopy(getTableConfig(table).name, copyColumns(table), edgeRows())]);
    expect(ours.toString('hex')).toBe((await copyOut(table)).toString('hex'));
  });

  it('is how pipelines append on PostgreSQL; PGlite, without a COPY stream, falls back to INSERT', async () => {
    const table = await freshTable();
    const path = await open.db.transaction((tx) => writeRows(tx, table, edgeRows(), { kind: 'append' }));
    expect(path).toBe(open.pglite ? 'insert' : 'copy');
    expect(await open.db.select().from(table)).toHaveLength(edgeRows().length);
  });

  it('stores what the INSERT path stores for the same rows', async () => {
    const [copied, inserted] = [await freshTable(), await freshTable()];
    await copyIn(copied, edgeRows());
    await open.db.transaction((tx) => writeRows(tx, inserted, edgeRows(), { kind: 'ignore' }));
    const differing = await open.db.execute(
      sql`SELECT n FROM ${copied} c FULL JOIN ${inserted} i USING (n) WHERE c::text IS DISTINCT FROM i::text`,
    );
    expect(rowsOf(differing)).toEqual([]);
    expect(rowsOf(await open.db.execute(sql`SELECT count(*)::int AS n FROM ${inserted}`))).toEqual([
      { n: edgeRows().length },
    ]);
  });

  it.each([
    ['amount', 5, '.amount (numeric(39, 0)) of row 1: expected a bigint, got number 5'],
    ['count', 1.5, '.count (integer) of row 1: expected an integer number in int4 range, got number 1.5'],
    ['count', 2 ** 31, '.count (integer) of row 1: expected an integer number in int4 range, got number 2147483648'],
    ['checkpoint', 2n ** 63n, '.checkpoint (bigint) of row 1: expected an integer in int8 range (number or bigint)'],
    ['at', '2026-01-01', '.at (timestamp with time zone) of row 1: expected a Date, got string "2026-01-01"'],
    ['at', new Date(Number.NaN), '.at (timestamp with time zone) of row 1: expected a valid Date'],
    ['raw', [1, 2], '.raw (bytea) of row 1: expected a Uint8Array, got object Array'],
    ['label', 7n, '.label (text) of row 1: expected a string, got bigint 7n'],
  ])(
    'fails the batch on %s = %o with table, column, row and value named, and rolls it back',
    async (key, value, message) => {
      const table = await freshTable();
      const good = (n: number): Row => ({ n, label: 'kept?', count: 1, amount: 1n });
      const write = copyIn(table, [good(0)], [good(1), { ...good(2), [key]: value } as Row]);
      await expect(write).rejects.toThrow(`cannot COPY ${getTableConfig(table).name}${message}`);
      expect(await open.db.select().from(table)).toEqual([]);
    },
  );

  it('streams a batch of many chunks, with a value larger than a chunk among them', async () => {
    const table = await freshTable();
    const big = new Uint8Array(3 * COPY_CHUNK_BYTES).map((_, i) => i * 7);
    const rows: Row[] = Array.from({ length: 20_000 }, (_, n) => ({
      n,
      label: `0x${n.toString(16).padStart(64, '0')}`,
      amount: BigInt(n) * U64_MAX,
      raw: n === 7_000 ? big : null,
    }));
    const chunks = [...binaryCopy('t', copyColumns(table), rows)];
    expect(chunks.length).toBeGreaterThan(3);
    expect(chunks.filter((c) => c.length > COPY_CHUNK_BYTES).map((c) => c.length)).toEqual([big.length]);

    await copyIn(table, rows);
    const [summary] = rowsOf(
      await open.db.execute(
        sql`SELECT count(*)::int AS count, sum(amount)::text AS amounts, md5(string_agg(raw, ''::bytea)) AS md5 FROM ${table}`,
      ),
    );
    expect(summary).toEqual({
      count: rows.length,
      amounts: (((BigInt(rows.length) * BigInt(rows.length - 1)) / 2n) * U64_MAX).toString(),
      md5: createHash('md5').update(big).digest('hex'),
    });
  });
});
