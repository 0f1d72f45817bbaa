/**
 * Where the indexer's time goes, stage by stage, on the benchmark's chain
 * (`test/bench/benchChain.ts`, generated and cached on first use) without the
 * network: the checkpoints are turned into the indexer's `Checkpoint`s up
 * front, then timed through
 *
 *   decode   decodeCheckpoint (BCS) for every checkpoint
 *   process  every pipeline's `process` over the decoded checkpoints
 *   commit   runIndexer end to end (decode, process, commit) into a fresh
 *            database on DATABASE_URL, with each pipeline's commit time;
 *            then the bench's baseline: a raw COPY of the same final rows
 *
 * Each stage prints wall time, events/s and CPU µs per event (process CPU:
 * main thread plus libuv/GC threads); the commit stage adds the CPU of the
 * PostgreSQL backends that served it (read from /proc: server on this machine,
 * backends still connected at the end).
 *
 *   DATABASE_URL=postgres://tusk@127.0.0.1:54329/tusk \
 *     npx tsx indexer/scripts/perf.ts [--checkpoints 20000] [--stages decode,process,commit] [--repeat 1]
 *       [--pipelines staking,storage] [--max-checkpoints 2000] [--max-rows 20000] [--statements]
 *
 * The source side (gRPC, protobuf) is measured by `npm run bench`, not here.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { GrpcTypes } from '@mysten/sui/grpc';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import type { OpenDatabase } from '@tusk/shared/db/database';
import { openFreshPostgres } from '@tusk/shared/db/testing';
import { loadBenchChain, BENCH_SCENARIO } from '../../test/bench/benchChain.ts';
import { checkpoint, copyBaseline } from '../../test/bench/copyBaseline.ts';
import { decodeCheckpoint, type DecodedCheckpoint } from '../src/decode/decodeCheckpoint.ts';
import { EventTypeFilter } from '../src/decode/eventType.ts';
import { runIndexer } from '../src/indexer.ts';
import { allPipelines } from '../src/pipelines/index.ts';
import type { Checkpoint } from '../src/source/checkpoint.ts';
import { checkpointFromProto } from '../src/source/fromProto.ts';
import { PackageFilter } from '../src/source/packageFilter.ts';

const { values: args } = parseArgs({
  options: {
    checkpoints: { type: 'string', default: '20000' },
    stages: { type: 'string', default: 'decode,process,commit' },
    repeat: { type: 'string', default: '1' },
    /** Batch limits for the commit stage (the indexer's defaults otherwise). */
    'max-checkpoints': { type: 'string' },
    'max-rows': { type: 'string' },
    /** Only these pipelines in the commit stage (comma-separated names); all by default. */
    pipelines: { type: 'string' },
    /** Also print the time spent in each kind of SQL statement (wall, summed over connections). */
    statements: { type: 'boolean', default: false },
  },
});
const stages = new Set(args.stages.split(','));
const packageId = BENCH_SCENARIO.packageId;
const pipelines = args.pipelines
  ? allPipelines.filter((p) => args.pipelines!.split(',').includes(p.name))
  : allPipelines;

const log = (line: string) => console.error(line);
const chain = loadBenchChain(BENCH_SCENARIO, log);
const count = Math.min(Number(args.checkpoints), chain.checkpoints.length);
const sourceFilter = new PackageFilter([packageId]);
const checkpoints: Checkpoint[] = [];
for (let i = 0; i < count; i++) {
  checkpoints.push(checkpointFromProto(GrpcTypes.Checkpoint.fromBinary(chain.checkpoints[i]!), sourceFilter));
}
const events = checkpoints.reduce((sum, c) => sum + c.events.length, 0);
log(`${count} checkpoints, ${events} events`);

/** CPU seconds the PostgreSQL backends serving `db`'s database have used so far (same machine, /proc). */
async function serverCpuSeconds(db: OpenDatabase['db']): Promise<number> {
  const { rows } = (await db.execute(
    sql`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`,
  )) as unknown as { rows: { pid: number }[] };
  let ticks = 0;
  for (const { pid } of rows) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      ticks += Number(fields[11]) + Number(fields[12]); // utime + stime
    } catch {
      // The backend exited meanwhile.
    }
  }
  return ticks / 100;
}

/** Wraps node-postgres' `Client#query` to sum the time of each kind of statement (its first words). */
function timeStatements(): Map<string, { count: number; ms: number }> {
  const totals = new Map<string, { count: number; ms: number }>();
  const add = (text: string, started: number) => {
    const key = text.replace(/\s+/g, ' ').trim().slice(0, 70);
    const entry = totals.get(key) ?? { count: 0, ms: 0 };
    entry.count++;
    entry.ms += performance.now() - started;
    totals.set(key, entry);
  };
  const query = pg.Client.prototype.query as (this: pg.Client, ...args: unknown[]) => unknown;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const started = performance.now();
    const first = args[0] as string | { text?: string; on?: (e: string, f: () => void) => void; submit?: unknown };
    const result = query.apply(this, args);
    if (typeof first === 'object' && typeof first.submit === 'function' && typeof first.on === 'function') {
      // A COPY stream (pg-copy-streams): done when it finishes.
      first.on('finish', () => add(first.text ?? 'COPY', started));
    } else if (result instanceof Promise) {
      const text = typeof first === 'string' ? first : (first?.text ?? '?');
      void result.then(
        () => add(text, started),
        () => add(text, started),
      );
    }
    return result;
  } as typeof pg.Client.prototype.query;
  return totals;
}

function report(stage: string, started: number, cpu: NodeJS.CpuUsage, extra = ''): void {
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const cpuUs = (used.user + used.system) / events;
  console.log(
    `${stage.padEnd(8)} ${seconds.toFixed(2).padStart(7)} s  ${Math.round(events / seconds)
      .toString()
      .padStart(7)} events/s  ${cpuUs.toFixed(1).padStart(6)} µs CPU/event${extra}`,
  );
}

function measureDecodeAndProcess(): void {
  const filter = new EventTypeFilter([packageId]);
  let started = performance.now();
  let cpu = process.cpuUsage();
  const decoded: DecodedCheckpoint[] = checkpoints.map((c) => decodeCheckpoint(c, filter));
  report('decode', started, cpu);
  if (!stages.has('process')) return;
  started = performance.now();
  cpu = process.cpuUsage();
  let rows = 0;
  for (const c of decoded) for (const p of allPipelines) rows += p.process(c).length;
  report('process', started, cpu, `  (${rows} rows)`);
}

for (let round = 0; round < Number(args.repeat); round++) {
  if (stages.has('decode') || stages.has('process')) measureDecodeAndProcess();
  if (stages.has('commit')) {
    const url = process.env.DATABASE_URL?.trim();
    if (!url) throw new Error('the commit stage needs DATABASE_URL');
    const database = await openFreshPostgres(url);
    try {
      const statements = args.statements ? timeStatements() : undefined;
      const busy = new Map<string, number>();
      await checkpoint(url, log);
      const started = performance.now();
      const cpu = process.cpuUsage();
      await runIndexer(
        (async function* () {
          yield* checkpoints;
        })(),
        {
          db: database.db,
          packageIds: [packageId],
          pipelines,
          batch: {
            ...(args['max-checkpoints'] ? { maxCheckpoints: Number(args['max-checkpoints']) } : {}),
            ...(args['max-rows'] ? { maxRows: Number(args['max-rows']) } : {}),
          },
          observer: {
            onBatchCommitted: (b) => busy.set(b.pipeline, (busy.get(b.pipeline) ?? 0) + b.durationMs),
          },
        },
      );
      const top = [...busy]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 4)
        .map(([name, ms]) => `${name} ${(ms / 1000).toFixed(1)}s`)
        .join(', ');
      const serverUs = ((await serverCpuSeconds(database.db)) * 1e6) / events;
      report('commit', started, cpu, `  + ${serverUs.toFixed(1)} µs server CPU/event (commit time: ${top})`);
      for (const [text, { count, ms }] of [...(statements ?? [])].sort((a, b) => b[1].ms - a[1].ms).slice(0, 25)) {
        console.log(`  ${(ms / 1000).toFixed(2).padStart(7)} s ${String(count).padStart(6)}x  ${text}`);
      }
      const seconds = (performance.now() - started) / 1000;
      const copy = await copyBaseline((database.target as { url: string }).url, { exclude: ['watermarks'] });
      console.log(
        `copy     ${copy.seconds.toFixed(2).padStart(7)} s  ${Math.round(copy.rowsPerSecond).toString().padStart(7)} rows/s    (${copy.rows} rows; ratio ${(events / seconds / copy.rowsPerSecond).toFixed(2)})`,
      );
    } finally {
      await database.close();
    }
  }
}
