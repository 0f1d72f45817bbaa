/**
 * What appending event-log rows by COPY costs, client and server, in CPU µs
 * per row: `writeRows(..., { kind: 'append' })` of stake_events-shaped rows
 * (66-char hex IDs, u64 amounts, a checkpoint's rows sharing one Date) into a
 * fresh database, repeated. Client CPU is this process (`process.cpuUsage()`:
 * encoding plus socket writes); server CPU is the backend that ran the COPY
 * (read from /proc, so the server must run on this machine). Wall time on a
 * shared 2-core machine says little; CPU says where the work goes.
 *
 *   DATABASE_URL=postgres://tusk@127.0.0.1:54329/tusk \
 *     npx tsx indexer/scripts/copyCost.ts [--rows 300000] [--repeat 3]
 */
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { stakeEvents } from '@tusk/shared/db/schema';
import { openFreshPostgres } from '@tusk/shared/db/testing';
import { cpuSeconds } from '../../test/bench/postgresCpu.ts';
import { rowsOf } from '../src/db/tx.ts';
import { writeRows } from '../src/db/writeRows.ts';

const { values: args } = parseArgs({
  options: { rows: { type: 'string', default: '300000' }, repeat: { type: 'string', default: '3' } },
});
const url = process.env.DATABASE_URL?.trim();
if (!url) throw new Error('DATABASE_URL must point at a PostgreSQL server on this machine');

const rows = stakeEventRows(Number(args.rows));
const open = await openFreshPostgres(url);
try {
  for (let run = 0; run < Number(args.repeat); run++) {
    await open.db.execute(sql`TRUNCATE stake_events`);
    let client = 0;
    let server = 0;
    const started = performance.now();
    await open.db.transaction(async (tx) => {
      const [{ pid }] = rowsOf<{ pid: number }>(await tx.execute(sql`SELECT pg_backend_pid() AS pid`)) as [
        { pid: number },
      ];
      const serverBefore = cpuSeconds([pid]);
      const clientBefore = process.cpuUsage();
      await writeRows(tx, stakeEvents, rows, { kind: 'append' });
      const used = process.cpuUsage(clientBefore);
      client = (used.user + used.system) / 1e6;
      server = cpuSeconds([pid]) - serverBefore;
    });
    const seconds = (performance.now() - started) / 1000;
    const perRow = (s: number) => ((s * 1e6) / rows.length).toFixed(2);
    console.log(
      `run ${run + 1}: ${rows.length} rows in ${seconds.toFixed(2)} s wall; client ${client.toFixed(2)} s CPU (${perRow(client)} µs/row), server ${server.toFixed(2)} s CPU (${perRow(server)} µs/row)`,
    );
  }
} finally {
  await open.close();
}

/** Rows like the staking pipeline's: 20 events per checkpoint, most deposits, some with rewards. */
function stakeEventRows(count: number): (typeof stakeEvents.$inferInsert)[] {
  const hex = (n: number) => `0x${n.toString(16).padStart(64, '0')}`;
  const out: (typeof stakeEvents.$inferInsert)[] = [];
  let timestamp = new Date(0);
  for (let i = 0; i < count; i++) {
    if (i % 20 === 0) timestamp = new Date(1_700_000_000_000 + i * 25);
    const withdrawn = i % 5 === 0;
    out.push({
      checkpoint: BigInt(10_000_000 + Math.floor(i / 20)),
      txDigest: `${(i * 2_654_435_761).toString(36).padStart(44, 'D')}`,
      eventIndex: i % 20,
      timestamp,
      epoch: 100 + Math.floor(i / 100_000),
      kind: withdrawn ? 'withdrawn' : 'deposited',
      stakedWalId: hex(i * 7919),
      nodeId: hex(i % 100),
      owner: hex(i % 5000),
      amount: BigInt(i) * 1_000_000_007n + 1_000_000_000n,
      rewards: withdrawn ? BigInt(i) * 31n : null,
      slashed: null,
      relatedId: i % 50 === 0 ? hex(i) : null,
      effectiveEpoch: 101 + Math.floor(i / 100_000),
    });
  }
  return out;
}
