/**
 * The benchmark's baseline: how fast PostgreSQL takes the same final rows by
 * raw COPY. Every table the indexer filled is exported (COPY TO, binary) and
 * loaded into a fresh copy of it (same columns, keys and indexes) with COPY
 * FROM; the load is timed. It is loaded several times, each into fresh
 * tables, and the median load reported: on a shared machine two loads a
 * minute apart can differ by 15% (14.3 and 16.5 s in one run), and a ratio
 * should not hang on one draw.
 */
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { cpuSeconds } from './postgresCpu.ts';

export interface CopyBaseline {
  rows: number;
  /** The median load's time. */
  seconds: number;
  rowsPerSecond: number;
  /** CPU seconds of the PostgreSQL backend during the median load. */
  postgresCpuSeconds: number;
  /** Every load's time, in the order run. */
  runSeconds: number[];
}

/**
 * Writes every dirty buffer out (CHECKPOINT), so that a timed phase does not
 * pay for the one before it: the server flushes what the ingest left dirty
 * then, not in the middle of the baseline. Needs a superuser or the
 * pg_checkpoint role; without, the run goes on and says so.
 */
export async function checkpoint(url: string, log: (line: string) => void = console.error): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('CHECKPOINT');
  } catch (error) {
    log(`CHECKPOINT refused (${(error as Error).message}); timings may include flushing an earlier phase's writes`);
  } finally {
    await client.end();
  }
}

export async function copyBaseline(
  url: string,
  options: { exclude?: readonly string[]; runs?: number } = {},
): Promise<CopyBaseline> {
  const runs = options.runs ?? 3;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables = (
      await client.query<{ table_name: string }>(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name",
      )
    ).rows
      .map((r) => r.table_name)
      .filter((t) => !(options.exclude ?? []).includes(t));
    const exports: { table: string; rows: number; data: Buffer[] }[] = [];
    for (const table of tables) {
      const rows = Number((await client.query(`SELECT count(*) AS n FROM public."${table}"`)).rows[0].n);
      if (rows === 0) continue;
      const data: Buffer[] = [];
      const out = client.query(copyTo(`COPY public."${table}" TO STDOUT (FORMAT binary)`));
      for await (const chunk of out) data.push(chunk as Buffer);
      exports.push({ table, rows, data });
    }
    const backend = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
    const loads: { seconds: number; postgresCpuSeconds: number }[] = [];
    for (let run = 0; run < runs; run++) {
      await client.query('DROP SCHEMA IF EXISTS copy_baseline CASCADE; CREATE SCHEMA copy_baseline');
      for (const { table } of exports) {
        await client.query(`CREATE TABLE copy_baseline."${table}" (LIKE public."${table}" INCLUDING ALL)`);
      }
      await checkpoint(url);
      const cpuBefore = cpuSeconds([backend]);
      const started = performance.now();
      for (const { table, data } of exports) {
        await pipeline(
          Readable.from(data),
          client.query(copyFrom(`COPY copy_baseline."${table}" FROM STDIN (FORMAT binary)`)),
        );
      }
      loads.push({
        seconds: (performance.now() - started) / 1000,
        postgresCpuSeconds: cpuSeconds([backend]) - cpuBefore,
      });
    }
    await client.query('DROP SCHEMA copy_baseline CASCADE');
    const median = [...loads].sort((a, b) => a.seconds - b.seconds)[Math.floor(loads.length / 2)]!;
    const rows = exports.reduce((sum, e) => sum + e.rows, 0);
    return {
      rows,
      seconds: median.seconds,
      rowsPerSecond: rows / median.seconds,
      postgresCpuSeconds: median.postgresCpuSeconds,
      runSeconds: loads.map((l) => l.seconds),
    };
  } finally {
    await client.end();
  }
}
