/**
 * CPU seconds the PostgreSQL backends serving one database have used, read
 * from /proc (Linux; the server runs on this machine in CI and here). With
 * wall time alone a benchmark on a shared 2-core machine says little; CPU
 * seconds per event say where the work goes.
 */
import { readFileSync } from 'node:fs';
import pg from 'pg';

const TICKS_PER_SECOND = 100;

/** Backend process ids connected to the database at `url` (excluding this query's own). */
export async function backendPids(url: string): Promise<number[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query<{ pid: number }>(
      'SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
    );
    return result.rows.map((r) => r.pid);
  } finally {
    await client.end();
  }
}

/** User + system CPU seconds of the given processes (0 for those gone or unreadable). */
export function cpuSeconds(pids: readonly number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      // Fields after the command name (which may hold spaces) start at index 2 = state; utime, stime are 14th, 15th.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // The process ended or /proc is not there.
    }
  }
  return ticks / TICKS_PER_SECOND;
}
