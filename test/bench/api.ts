/**
 * API benchmark: `/api/v1/nodes` (a page of the shuffled node list, as the
 * dashboard asks for it) and one node's history, at 1,000 nodes and 1,000,000
 * stake positions, with 50 concurrent clients — and the bare SQL of the same
 * rows in the same run, so the API's own cost shows as the ratio.
 *
 * The HTTP server is a plain `node:http` server dispatching to the same
 * endpoint functions the Next.js route handlers call (`web/server/api/
 * endpoints.ts`): validation, queries, snapshots, JSON. Next.js's router is
 * not in the path (building it here would take minutes per run). With
 * `DATABASE_URL` the data lives in a fresh database on that server (dropped
 * afterwards) and the API server runs in its own process, as in production;
 * without it, in-memory PGlite in this process (one connection: requests
 * queue behind each other).
 *
 * Prints: BENCH api p50_ms=<a> p95_ms=<b> sql_p95_ms=<c> ratio=<b/c>
 * Standalone: `npx tsx test/bench/api.ts` (env: BENCH_API_NODES, BENCH_API_POSITIONS,
 * BENCH_API_CLIENTS, BENCH_API_REQUESTS).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { openDatabase, type Database, type OpenDatabase } from '@tusk/shared/db/database';
import { endpoints } from '../../web/server/api/endpoints.ts';
import { errorResponse } from '../../web/server/api/respond.ts';
import { nodeHistoryQuery, nodeListQuery } from '../../web/server/queries/nodes.ts';

export interface ApiBenchOptions {
  nodes: number;
  positions: number;
  epochs: number;
  clients: number;
  /** Requests per phase (HTTP, then SQL), half node lists and half node histories. */
  requests: number;
  poolSize: number;
  log: (line: string) => void;
}

export interface ApiBenchResult {
  p50Ms: number;
  p95Ms: number;
  sqlP50Ms: number;
  sqlP95Ms: number;
  ratio: number;
  requests: number;
  errors: number;
  database: 'postgres' | 'pglite';
}

const DEFAULTS: ApiBenchOptions = {
  nodes: Number(process.env.BENCH_API_NODES ?? 1_000),
  positions: Number(process.env.BENCH_API_POSITIONS ?? 1_000_000),
  epochs: 90,
  clients: Number(process.env.BENCH_API_CLIENTS ?? 50),
  requests: Number(process.env.BENCH_API_REQUESTS ?? 4_000),
  poolSize: 20,
  log: (line) => console.error(line),
};

const hex = (n: string) => `'0x' || lpad(to_hex(${n}), 64, '0')`;
export const benchNodeId = (i: number) => `0x${i.toString(16).padStart(64, '0')}`;

/** Fills the dashboard's tables with `nodes` nodes, `epochs` epochs of pool history and `positions` positions. */
export async function seedApiBench(
  db: Database,
  o: Pick<ApiBenchOptions, 'nodes' | 'positions' | 'epochs'>,
): Promise<void> {
  const committee = Math.min(100, o.nodes);
  await db.execute(
    sql.raw(`
    insert into epochs (epoch, state, start_checkpoint, started_at, done_at, voting_ended_at, total_stake, rewards, burned,
      committee_size, committee_shards, storage_price, write_price, capacity, updated_checkpoint)
    select e, 'done', e * 1000, now() - ((${o.epochs} - e) * interval '1 day'), now() - ((${o.epochs} - e) * interval '1 day'),
      null, 1000000000000000000, 1000000000000, 30000000000, ${committee}, 1000, 100000, 20000, 1099511627776, e * 1000
    from generate_series(0, ${o.epochs}) e`),
  );
  await db.execute(
    sql.raw(`
    insert into nodes (node_id, operator, name, network_address, public_key, commission_bps, stake, shares, rate_wal, rate_shares,
      last_pool_epoch, status, shards, next_shards, next_committee_epoch, slash_count, stake_slashed, commission_burned,
      commission_collected, registered_epoch, registered_checkpoint, registered_at, updated_checkpoint)
    select ${hex('i')}, ${hex('1000000 + i')}, 'Node ' || i, 'node' || i || '.tusk.example:9000', '\\x00'::bytea, (i % 20) * 100,
      (1000000 + (i * 7919) % 5000000)::numeric * 1000000000, (1000000 + (i * 7919) % 5000000)::numeric * 1000000000,
      1050000, 1000000, ${o.epochs}, case when i <= ${committee} then 'committee' else 'candidate' end,
      case when i <= ${committee} then 10 else 0 end, case when i <= ${committee} then 10 else 0 end, ${o.epochs + 1},
      case when i % 97 = 0 then 1 else 0 end, 0, 0, 0, 0, i, now(), ${o.epochs * 1000}
    from generate_series(1, ${o.nodes}) i`),
  );
  await db.execute(
    sql.raw(`
    insert into node_epochs (node_id, epoch, checkpoint, timestamp, stake, shares, rewards, commission, activated, withdrawn,
      rate_wal, rate_shares, shards, apy)
    select ${hex('n')}, e, e * 1000, now() - ((${o.epochs} - e) * interval '1 day'), 1000000000000000, 1000000000000000,
      1000000000000, 50000000000, 0, 0, 1000000 + e * 500, 1000000, case when n <= ${committee} then 10 else 0 end,
      case when e = 0 then null else 0.05 + (n % 10) / 1000.0 end
    from generate_series(1, ${o.nodes}) n cross join generate_series(0, ${o.epochs}) e`),
  );
  const chunk = 250_000;
  for (let start = 1; start <= o.positions; start += chunk) {
    const end = Math.min(o.positions, start + chunk - 1);
    await db.execute(
      sql.raw(`
      insert into stake_positions (staked_wal_id, owner, node_id, principal, state, activation_epoch, created_epoch,
        withdraw_epoch, created_checkpoint, updated_checkpoint)
      select ${hex('10000000 + i')}, ${hex('20000000 + i % 200000')}, ${hex(`1 + i % ${o.nodes}`)}, (1 + i % 1000)::numeric * 1000000000,
        (array['pending', 'active', 'active', 'active', 'active', 'active', 'withdrawing', 'withdrawn', 'withdrawn', 'joined'])[1 + i % 10],
        1 + i % ${o.epochs}, i % ${o.epochs}, case when i % 10 in (6, 7, 8) then 1 + i % ${o.epochs} + 1 else null end, i, i
      from generate_series(${start}, ${end}) i`),
    );
  }
  await db.execute(
    sql.raw(
      `insert into watermarks (pipeline, checkpoint) values ('nodes', ${o.epochs * 1000}), ('pools', ${o.epochs * 1000})`,
    ),
  );
  await db.execute(sql.raw('analyze'));
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function runClients(
  clients: number,
  requests: number,
  task: (client: number, index: number) => Promise<void>,
): Promise<{ latencies: number[]; byKind: [number[], number[]]; errors: number }> {
  const latencies: number[] = [];
  const byKind: [number[], number[]] = [[], []];
  let next = 0;
  let errors = 0;
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      while (next < requests) {
        const index = next++;
        const start = performance.now();
        try {
          await task(client, index);
          const ms = performance.now() - start;
          latencies.push(ms);
          byKind[index % 2]!.push(ms);
        } catch {
          errors += 1;
        }
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  for (const list of byKind) list.sort((a, b) => a - b);
  return { latencies, byKind, errors };
}

export function serveApi(db: Database, port = 0): Promise<Server> {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://bench.local');
    let response: Response;
    try {
      const history = /^\/api\/v1\/nodes\/([^/]+)\/history$/.exec(url.pathname);
      if (url.pathname === '/api/v1/nodes') response = await endpoints.nodes({ db, url, params: {} });
      else if (history) response = await endpoints.nodeHistory({ db, url, params: { nodeId: history[1]! } });
      else response = new Response('{"error":{"status":404,"message":"not in the bench"}}', { status: 404 });
    } catch (error) {
      response = errorResponse(error);
    }
    const body = Buffer.from(await response.arrayBuffer());
    const headers: Record<string, string> = {};
    response.headers.forEach((value, key) => (headers[key] = value));
    res.writeHead(response.status, headers);
    res.end(body);
  });
  server.keepAliveTimeout = 60_000;
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

/** Starts `apiServer.ts` in its own process on the database at `url`; resolves with its base URL. */
function startServerProcess(url: string, poolSize: number): Promise<{ base: string; child: ChildProcess }> {
  const file = fileURLToPath(new URL('./apiServer.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', file], {
    env: { ...process.env, BENCH_API_DATABASE_URL: url, BENCH_API_POOL: String(poolSize) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /LISTENING (\d+)/.exec(output);
      if (match) resolve({ base: `http://127.0.0.1:${match[1]}`, child });
    });
    child.on('exit', (code) => reject(new Error(`api bench server exited with ${code}`)));
  });
}

async function openBenchDatabase(poolSize: number): Promise<{
  open: OpenDatabase;
  url?: string;
  bare: (text: string, params: unknown[]) => Promise<unknown>;
  cleanup: () => Promise<void>;
}> {
  const serverUrl = process.env.DATABASE_URL?.trim();
  if (!serverUrl) {
    const open = await openDatabase({ kind: 'pglite' });
    return { open, bare: (text, params) => open.pglite!.query(text, params as unknown[]), cleanup: () => open.close() };
  }
  const name = `tusk_bench_api_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const open = await openDatabase({ kind: 'postgres', url: url.toString(), maxConnections: poolSize });
  const pool = new pg.Pool({ connectionString: url.toString(), max: poolSize });
  pool.on('error', () => {});
  return {
    open,
    url: url.toString(),
    bare: (text, params) => pool.query(text, params as unknown[]),
    cleanup: async () => {
      await pool.end();
      await open.close();
      const drop = new pg.Client({ connectionString: serverUrl });
      await drop.connect();
      await drop.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await drop.end();
    },
  };
}

export async function runApiBench(overrides: Partial<ApiBenchOptions> = {}): Promise<ApiBenchResult> {
  const o = { ...DEFAULTS, ...overrides };
  const { open, url, bare, cleanup } = await openBenchDatabase(o.poolSize);
  const database = open.target.kind;
  let server: Server | undefined;
  let child: ChildProcess | undefined;
  try {
    const seedStart = performance.now();
    await seedApiBench(open.db, o);
    o.log(
      `api bench: seeded ${o.nodes} nodes, ${o.positions} positions, ${o.epochs} epochs of history on ${database} in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`,
    );

    let base: string;
    if (url) {
      const started = await startServerProcess(url, o.poolSize);
      child = started.child;
      base = started.base;
    } else {
      server = await serveApi(open.db);
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    }
    const agent = new (await import('node:http')).Agent({ keepAlive: true, maxSockets: o.clients });
    const seeds = Array.from({ length: o.clients }, (_, i) => `client${i}`);
    const nodeFor = (index: number) => benchNodeId(1 + ((index * 7919) % o.nodes));
    const path = (client: number, index: number) =>
      index % 2 === 0
        ? `/api/v1/nodes?sort=shuffle&seed=${seeds[client]}&limit=100`
        : `/api/v1/nodes/${nodeFor(index)}/history?limit=90`;

    const get = (target: string) =>
      new Promise<void>((resolve, reject) => {
        import('node:http').then(({ get: httpGet }) => {
          const request = httpGet(`${base}${target}`, { agent }, (response) => {
            response.resume();
            response.on('end', () =>
              response.statusCode === 200 ? resolve() : reject(new Error(`HTTP ${response.statusCode} for ${target}`)),
            );
          });
          request.on('error', reject);
        }, reject);
      });

    // Warm up connections, query plans and the JIT.
    await runClients(o.clients, Math.min(400, o.requests), (client, index) => get(path(client, index)));
    const http = await runClients(o.clients, o.requests, (client, index) => get(path(client, index)));

    // The same rows by bare SQL: the statements the endpoints run, straight through the driver.
    const statement = (client: number, index: number) =>
      index % 2 === 0
        ? nodeListQuery(open.db, {
            sort: 'shuffle',
            order: 'desc',
            status: 'all',
            seed: seeds[client]!,
            limit: 100,
            offset: 0,
          }).toSQL()
        : nodeHistoryQuery(open.db, nodeFor(index), 90).toSQL();
    await runClients(o.clients, Math.min(400, o.requests), async (client, index) => {
      const { sql: text, params } = statement(client, index);
      await bare(text, params);
    });
    const bareSql = await runClients(o.clients, o.requests, async (client, index) => {
      const { sql: text, params } = statement(client, index);
      await bare(text, params);
    });
    agent.destroy();

    const result: ApiBenchResult = {
      p50Ms: percentile(http.latencies, 50),
      p95Ms: percentile(http.latencies, 95),
      sqlP50Ms: percentile(bareSql.latencies, 50),
      sqlP95Ms: percentile(bareSql.latencies, 95),
      ratio: percentile(http.latencies, 95) / percentile(bareSql.latencies, 95),
      requests: http.latencies.length,
      errors: http.errors + bareSql.errors,
      database,
    };
    o.log(
      `api bench: ${o.clients} clients, ${result.requests} requests on ${database}; HTTP p50 ${result.p50Ms.toFixed(1)} ms p95 ${result.p95Ms.toFixed(1)} ms; SQL p50 ${result.sqlP50Ms.toFixed(1)} ms p95 ${result.sqlP95Ms.toFixed(1)} ms; ${result.errors} errors; target p95 < 50 ms`,
    );
    o.log(
      `api bench: p95 by endpoint — /nodes HTTP ${percentile(http.byKind[0], 95).toFixed(1)} ms vs SQL ${percentile(bareSql.byKind[0], 95).toFixed(1)} ms; /nodes/{id}/history HTTP ${percentile(http.byKind[1], 95).toFixed(1)} ms vs SQL ${percentile(bareSql.byKind[1], 95).toFixed(1)} ms`,
    );
    console.log(
      `BENCH api p50_ms=${result.p50Ms.toFixed(2)} p95_ms=${result.p95Ms.toFixed(2)} sql_p95_ms=${result.sqlP95Ms.toFixed(2)} ratio=${result.ratio.toFixed(2)}`,
    );
    return result;
  } finally {
    if (child && child.exitCode === null) {
      child.removeAllListeners('exit');
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await cleanup();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await runApiBench();
}
