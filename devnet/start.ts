/**
 * `npm start`: the whole Tusk stack on one machine with no configuration —
 * the devnet (a simulated Sui network running Tusk, seeded with epochs of
 * history, then live), the indexer following it into embedded PostgreSQL
 * (PGlite, in `.data/`), and the dashboard on http://localhost:3000 — in one
 * process, sharing one database. Prints what it started and its progress;
 * Ctrl-C stops everything cleanly. Data persists across runs unless
 * `--fresh`.
 *
 *   npm start                          # or: npm start -- --fresh
 *   npm start -- --help
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { openDatabase, targetFromEnv, type OpenDatabase } from '@tusk/shared/db/database';
import { serializeDeployment } from '@tusk/shared/deployment';
import { resumeCheckpoint, runIndexer } from '@tusk/indexer/indexer';
import { allPipelines } from '@tusk/indexer/pipelines/index';
import { CheckpointSource } from '@tusk/indexer/source/checkpointSource';
import { SourceConfig } from '@tusk/indexer/source/sourceConfig';
import { startDevnet, type DevnetHandle } from './startDevnet.ts';

const HELP = `Usage: npm start -- [options]

Runs the Tusk stack locally: a devnet (simulated Sui network with Tusk, seeded
with history, then live), the indexer and the dashboard, on embedded PGlite.

  --fresh                 forget .data/ (devnet history and database) and start over
  --port <n>              dashboard port (default: TUSK_WEB_PORT, PORT, else 3000)
  --rpc-port <n>          devnet full node port (default 9000)
  --faucet-port <n>       faucet port (default 9123)
  --epoch-minutes <n>     length of a devnet epoch (default 10)
  --history-epochs <n>    epochs of history made on first start (default 30)
  --nodes <n>             storage nodes (default 50)
  --delegators <n>        delegators (default 5000)
  --seed <text>           seed of the devnet's population and activity (default tusk-devnet)
  --no-web                do not start the dashboard
  -h, --help              show this help

Set DATABASE_URL to use a PostgreSQL server instead of PGlite.`;

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DATA = join(ROOT, '.data');

const { values: args } = parseArgs({
  options: {
    fresh: { type: 'boolean', default: false },
    port: { type: 'string' },
    'rpc-port': { type: 'string', default: '9000' },
    'faucet-port': { type: 'string', default: '9123' },
    'epoch-minutes': { type: 'string', default: '10' },
    'history-epochs': { type: 'string', default: '30' },
    nodes: { type: 'string', default: '50' },
    delegators: { type: 'string', default: '5000' },
    seed: { type: 'string', default: 'tusk-devnet' },
    'no-web': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (args.help) {
  console.log(HELP);
  process.exit(0);
}

function whole(name: string, value: string | undefined, min: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) {
    console.error(`--${name} must be a whole number of at least ${min} (got "${value}")`);
    process.exit(2);
  }
  return n;
}

const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)}s`;
const say = (message: string) => console.log(`[${elapsed().padStart(6)}] ${message}`);

const webPort = whole('port', args.port ?? process.env.TUSK_WEB_PORT ?? process.env.PORT ?? '3000', 1);
const rpcPort = whole('rpc-port', args['rpc-port'], 0);
const faucetPort = whole('faucet-port', args['faucet-port'], 0);
const devnetDir = join(DATA, 'devnet');
const deploymentFile = join(DATA, 'deployment.json');
const target = targetFromEnv();

// A new devnet history makes a new chain: a database indexed from another chain must go too.
const newChain = args.fresh || !existsSync(join(devnetDir, 'devnet.log'));
if (args.fresh) rmSync(devnetDir, { recursive: true, force: true });
if (newChain && target.kind === 'pglite' && target.dataDir) {
  rmSync(resolve(ROOT, target.dataDir), { recursive: true, force: true });
}
if (newChain && target.kind === 'postgres') {
  say(
    'warning: starting a new devnet chain; the PostgreSQL database at DATABASE_URL may hold another chain’s data (use a fresh database)',
  );
}

let database: OpenDatabase | undefined;
let devnet: DevnetHandle | undefined;
let web: { server: Server; close(): Promise<void> } | undefined;
const shutdown = new AbortController();
let indexerDone: Promise<void> | undefined;

async function main(): Promise<void> {
  say(newChain ? 'starting a new devnet (first run or --fresh)' : 'resuming the devnet and database in .data/');
  database = await openDatabase(target);
  say(
    target.kind === 'pglite'
      ? `database: embedded PGlite in ${target.dataDir ?? 'memory'} (migrations applied)`
      : `database: PostgreSQL at ${new URL(target.url).host} (migrations applied)`,
  );

  devnet = await startDevnet({
    dataDir: devnetDir,
    port: rpcPort,
    faucetPort,
    seed: args.seed,
    nodes: whole('nodes', args.nodes, 1),
    delegators: whole('delegators', args.delegators, 0),
    historyEpochs: whole('history-epochs', args['history-epochs'], 0),
    epochDurationMs: BigInt(whole('epoch-minutes', args['epoch-minutes'], 1)) * 60_000n,
    onProgress: say,
  });
  mkdirSync(DATA, { recursive: true });
  writeFileSync(deploymentFile, `${JSON.stringify(serializeDeployment(devnet.deployment), null, 2)}\n`);
  say(`deployment: ${deploymentFile} (tusk package ${devnet.deployment.packages.tuskOriginal})`);

  indexerDone = runIndexerLoop();
  if (!args['no-web']) web = await startWeb();
  await devnet.ready;
  say('devnet: history ready; epochs now change on the wall clock');
  printSummary();
}

/** The indexer, in this process, over the devnet's node; restarted after a failure. */
async function runIndexerLoop(): Promise<void> {
  const { db } = database!;
  const source = new CheckpointSource({
    config: SourceConfig.parse({
      url: devnet!.url,
      network: 'localnet',
      packageIds: [devnet!.deployment.packages.tuskOriginal],
      format: 'binary',
    }),
  });
  let lastReport = 0;
  while (!shutdown.signal.aborted) {
    try {
      const from = await resumeCheckpoint(db, allPipelines);
      say(`indexer: following the devnet from checkpoint ${from}`);
      await runIndexer(source.checkpoints(from, shutdown.signal), {
        db,
        packageIds: [devnet!.deployment.packages.tuskOriginal],
        pipelines: allPipelines,
        signal: shutdown.signal,
        observer: {
          onBatchCommitted: (batch) => {
            if (Date.now() - lastReport < 5_000) return;
            lastReport = Date.now();
            const tip = devnet!.devnet.latestCheckpoint.sequenceNumber;
            say(`indexer: checkpoint ${batch.lastCheckpoint} of ${tip}`);
          },
        },
      });
    } catch (error) {
      if (shutdown.signal.aborted) return;
      say(`indexer: ${(error as Error).message}; restarting in 2 s`);
      await new Promise((r) => setTimeout(r, 2_000));
    }
  }
}

/** The dashboard: Next.js in this process, sharing the open database. */
async function startWeb(): Promise<{ server: Server; close(): Promise<void> }> {
  process.env.TUSK_DEPLOYMENT = deploymentFile;
  process.env.TUSK_RPC_URL = devnet!.url;
  process.env.TUSK_PUBLIC_RPC_URL = devnet!.url;
  if (devnet!.faucetUrl) process.env.TUSK_FAUCET_URL = devnet!.faucetUrl;
  process.env.NEXT_TELEMETRY_DISABLED ??= '1';
  // web/server/db.ts keeps its connection on globalThis: hand it ours, so the
  // indexer and the dashboard share one PGlite instance (which allows one opener).
  (globalThis as { __tuskDatabase?: Promise<OpenDatabase> }).__tuskDatabase = Promise.resolve(database!);
  const { default: next } = await import('next');
  const app = next({ dev: true, dir: join(ROOT, 'web'), hostname: 'localhost', port: webPort });
  say('dashboard: starting Next.js (pages compile on first visit)');
  await app.prepare();
  const handle = app.getRequestHandler();
  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(webPort, () => resolveListen());
  });
  say(`dashboard: http://localhost:${webPort}  (API: http://localhost:${webPort}/api/v1/nodes)`);
  // Compile the API route and the overview page now, so the first visitor does not wait for them.
  void (async () => {
    for (const path of ['/api/v1/nodes', '/']) {
      const res = await fetch(`http://localhost:${webPort}${path}`).catch(() => undefined);
      if (res) say(`dashboard: ${path} answers ${res.status}`);
    }
  })();
  return {
    server,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await app.close?.();
    },
  };
}

function printSummary(): void {
  const lines = [
    '',
    'Tusk is running:',
    `  dashboard   http://localhost:${webPort}${web ? '' : ' (not started: --no-web)'}`,
    `  API         http://localhost:${webPort}/api/v1/nodes`,
    `  full node   ${devnet!.url}   (gRPC-web; chain ${devnet!.devnet.chainId})`,
    `  faucet      ${devnet!.faucetUrl ?? '-'}   (POST {"address":"0x..."}, or: npm run faucet -- 0x...)`,
    `  deployment  ${deploymentFile}`,
    `  data        ${DATA} (keep across runs; npm start -- --fresh starts over)`,
    'Press Ctrl-C to stop.',
    '',
  ];
  console.log(lines.join('\n'));
}

setInterval(() => {
  if (!database || !devnet) return;
  const chain = devnet.devnet;
  database.db
    .execute(sql`select (select count(*) from nodes) as nodes, (select max(checkpoint) from watermarks) as indexed`)
    .then((result) => {
      const row = (result as unknown as { rows: { nodes: string | number; indexed: string | number | null }[] })
        .rows[0];
      say(
        `status: epoch ${chain.state.staking.epoch}, checkpoint ${chain.latestCheckpoint.sequenceNumber}, indexed ${row?.indexed ?? '-'}, nodes in the database ${row?.nodes ?? 0}`,
      );
    })
    .catch(() => {});
}, 30_000).unref();

let stoppingSince = 0;
async function stop(signal: string): Promise<void> {
  if (stoppingSince) {
    // Ctrl-C reaches both npm's and this process: only a second press, later, forces the exit.
    if (Date.now() - stoppingSince < 3_000) return;
    console.log('second signal: exiting now');
    process.exit(130);
  }
  stoppingSince = Date.now();
  say(`${signal}: stopping`);
  shutdown.abort(new Error(signal));
  await web?.close().catch(() => {});
  await indexerDone?.catch(() => {});
  await devnet?.close().catch(() => {});
  await database?.close().catch(() => {});
  say('stopped');
  process.exit(process.exitCode ?? 0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));

main().catch(async (error: unknown) => {
  console.error(`npm start failed: ${(error as Error).stack ?? String(error)}`);
  process.exitCode = 1;
  await stop('error');
});
