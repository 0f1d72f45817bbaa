/**
 * Append benchmark: the indexer's event-log write, binary COPY
 * (indexer/src/db/fastPaths) against the INSERT it falls back to
 * (`INSERT ... SELECT unnest(...)`), side by side on the same PostgreSQL:
 * the same 200,000 `stake_events` rows, loaded alternately into a fresh
 * table by each path, three times; medians compared.
 *
 * Prints: BENCH append copy_rows_per_s=<c> insert_rows_per_s=<i> ratio=<c/i>
 * Needs DATABASE_URL (a fresh database is created on that server and dropped).
 * Standalone: `npx tsx test/bench/append.ts`.
 */
import { pathToFileURL } from 'node:url';
import { sql } from 'drizzle-orm';
import { stakeEvents } from '@tusk/shared/db/schema';
import { openFreshPostgres } from '@tusk/shared/db/testing';
import { insertRows, writeRows } from '../../indexer/src/db/writeRows.ts';

const ROWS = 200_000;
const ROUNDS = 3;

export interface AppendBenchResult {
  copyRowsPerSecond: number;
  insertRowsPerSecond: number;
  ratio: number;
}

/** Rows like the staking pipeline's: distinct keys, IDs as 0x-hex, u64 amounts. */
function stakeRows(): (typeof stakeEvents.$inferInsert)[] {
  const hex = (n: number) => `0x${n.toString(16).padStart(64, '0')}`;
  return Array.from({ length: ROWS }, (_, i) => ({
    checkpoint: BigInt(1_000_000 + Math.floor(i / 10)),
    txDigest: `digest${i}`,
    eventIndex: i % 10,
    timestamp: new Date(1_700_000_000_000 + i),
    epoch: 10 + Math.floor(i / 50_000),
    kind: 'deposited' as const,
    stakedWalId: hex(i),
    nodeId: hex(i % 97),
    owner: hex(i % 4_099),
    amount: BigInt(i) * 1_000_000_007n,
    rewards: null,
    slashed: null,
    relatedId: null,
    effectiveEpoch: 11 + Math.floor(i / 50_000),
  }));
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export async function runAppendBench(log: (line: string) => void = (line) => console.error(line)) {
  const serverUrl = process.env.DATABASE_URL?.trim();
  if (!serverUrl)
    throw new Error('the append benchmark needs a real PostgreSQL: set DATABASE_URL (start one with .ci/postgres.sh)');
  const database = await openFreshPostgres(serverUrl);
  try {
    const rows = stakeRows();
    const times = { copy: [] as number[], insert: [] as number[] };
    for (let round = 0; round < ROUNDS; round++) {
      for (const path of ['copy', 'insert'] as const) {
        await database.db.execute(sql`TRUNCATE stake_events`);
        const start = performance.now();
        await database.db.transaction(async (tx) => {
          if (path === 'copy') {
            if ((await writeRows(tx, stakeEvents, rows, { kind: 'append' })) !== 'copy')
              throw new Error('the append did not take the COPY path on PostgreSQL');
          } else await insertRows(tx, stakeEvents, rows, { kind: 'append' });
        });
        times[path].push((performance.now() - start) / 1000);
        log(`append round ${round + 1}: ${path} ${ROWS} rows in ${times[path].at(-1)!.toFixed(2)} s`);
      }
    }
    const copyRowsPerSecond = ROWS / median(times.copy);
    const insertRowsPerSecond = ROWS / median(times.insert);
    const result: AppendBenchResult = {
      copyRowsPerSecond,
      insertRowsPerSecond,
      ratio: copyRowsPerSecond / insertRowsPerSecond,
    };
    console.log(
      `BENCH append copy_rows_per_s=${Math.round(copyRowsPerSecond)} insert_rows_per_s=${Math.round(insertRowsPerSecond)} ratio=${result.ratio.toFixed(2)}`,
    );
    return result;
  } finally {
    await database.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runAppendBench();
}
