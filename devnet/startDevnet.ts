/**
 * `startDevnet(options)`: a running devnet — the simulator behind the Sui
 * wire protocol on a local port, seeded with a population and epochs of
 * history, then living on the wall clock (epochs change on time, the network
 * keeps acting), with a faucet. Used by `npm start` (devnet/start.ts)
 * and by e2e tests, which can also move to the next epoch on demand.
 *
 * Persistence: with a `dataDir`, every input the devnet takes (transaction
 * bytes with their signatures and clock, checkpoint seals) is appended to
 * `devnet.log` there; the next start replays it and continues, so the chain,
 * and what the indexer stored from it, survive restarts.
 */
import { createReadStream, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeSync, closeSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { isValidSuiAddress, normalizeSuiAddress } from '@mysten/sui/utils';
import type { Deployment } from '@tusk/shared/deployment';
import { FROST_PER_WAL } from '@tusk/shared/protocol';
import { z } from 'zod';
import { devnetDeployment } from './node/deployment.ts';
import { startDevnetNode, type DevnetNode } from './node/devnetNode.ts';
import { DEMO_ACTIVITY, Network, type ActivityLevel } from './population/network.ts';
import { makePopulation } from './population/population.ts';
import { Devnet } from './sim/devnet.ts';
import { MIST_PER_SUI } from './sim/gas.ts';
import { trustSignatures } from './sim/tusk/bls.ts';

export interface StartDevnetOptions {
  seed?: string;
  nodes?: number;
  delegators?: number;
  /** Epochs of history made before going live. */
  historyEpochs?: number;
  epochDurationMs?: bigint;
  /** Interface and port of the full node (0: a free port). */
  host?: string;
  port?: number;
  /** Port of the faucet's HTTP endpoint (0: a free port; undefined: no faucet server). */
  faucetPort?: number;
  /** Where to keep the devnet's log (undefined: in memory only). */
  dataDir?: string;
  /** Forget what `dataDir` holds and start over. */
  fresh?: boolean;
  /** Follow the wall clock: change epochs on time and keep the network active (default true). */
  live?: boolean;
  /** Random network activity while live (default true). */
  liveActivity?: boolean;
  activity?: ActivityLevel;
  onProgress?: (message: string) => void;
}

export interface FaucetGift {
  digest: string;
  wal: bigint;
  sui: bigint;
}

export interface DevnetHandle {
  devnet: Devnet;
  network: Network;
  node: DevnetNode;
  /** Base URL of the full node (gRPC-web). */
  url: string;
  /** POST {address} here for WAL and SUI (when a faucet port was given). */
  faucetUrl: string | undefined;
  deployment: Deployment;
  /** Resolves when the history is made (or replayed) and the devnet is live. */
  ready: Promise<void>;
  /** Moves the clock to the end of the current epoch and runs the epoch change. */
  advanceEpoch(): Promise<void>;
  faucet(address: string, amounts?: { wal?: bigint; sui?: bigint }): Promise<FaucetGift>;
  close(): Promise<void>;
}

const LOG_VERSION = 1;

const Header = z.object({
  v: z.literal(LOG_VERSION),
  seed: z.string(),
  nodes: z.number(),
  delegators: z.number(),
  historyEpochs: z.number(),
  epochDurationMs: z.string(),
  genesisTimeMs: z.string(),
});
type Header = z.infer<typeof Header>;

type LogLine = { t: 'tx'; b: string; s: string[]; c: string; ok: boolean } | { t: 'seal'; c: string };

/**
 * What the faucet gives: ten times the devnet's minimum proposal deposit
 * (1,000 WAL), so a newcomer can stake and still propose.
 */
export const DEFAULT_FAUCET_WAL = 10_000n * FROST_PER_WAL;
export const DEFAULT_FAUCET_SUI = 10n * MIST_PER_SUI;

export async function startDevnet(options: StartDevnetOptions = {}): Promise<DevnetHandle> {
  const progress = options.onProgress ?? (() => {});
  const logFile = options.dataDir ? join(options.dataDir, 'devnet.log') : undefined;
  if (options.fresh && options.dataDir) rmSync(options.dataDir, { recursive: true, force: true });
  let header = logFile && existsSync(logFile) ? readHeader(logFile) : undefined;
  const wanted = {
    seed: options.seed ?? 'tusk-devnet',
    nodes: options.nodes ?? 50,
    delegators: options.delegators ?? 5_000,
    historyEpochs: options.historyEpochs ?? 30,
    epochDurationMs: options.epochDurationMs ?? 10n * 60_000n,
  };
  if (
    header &&
    (header.seed !== wanted.seed || header.nodes !== wanted.nodes || header.delegators !== wanted.delegators)
  ) {
    progress(
      `devnet: ${logFile} was made with other settings (seed ${header.seed}, ${header.nodes} nodes, ${header.delegators} delegators); starting over`,
    );
    rmSync(logFile!, { force: true });
    header = undefined;
  }
  const replaying = header !== undefined;
  const epochDurationMs = header ? BigInt(header.epochDurationMs) : wanted.epochDurationMs;
  const historyEpochs = header?.historyEpochs ?? wanted.historyEpochs;
  // History ends about now: genesis lies that many epochs (plus the bootstrap's half epoch) in the past.
  const genesisTimeMs = header
    ? BigInt(header.genesisTimeMs)
    : BigInt(Date.now()) - BigInt(historyEpochs) * epochDurationMs - epochDurationMs / 2n;
  header ??= {
    v: LOG_VERSION,
    ...wanted,
    historyEpochs,
    epochDurationMs: String(epochDurationMs),
    genesisTimeMs: String(genesisTimeMs),
  };

  const devnet = new Devnet({
    seed: header.seed,
    genesisTimeMs,
    params: {
      epochDurationMs,
      capacity: 0n,
      storagePrice: 100_000n,
      writePrice: 20_000n,
      minProposalDeposit: 1_000n * FROST_PER_WAL,
    },
  });
  progress(`devnet: making ${header.nodes} node keys and ${header.delegators} delegators`);
  const population = makePopulation({ seed: header.seed, nodes: header.nodes, delegators: header.delegators });
  const network = new Network(devnet, population, options.activity ?? DEMO_ACTIVITY);

  let log: number | undefined;
  if (logFile) {
    mkdirSync(options.dataDir!, { recursive: true });
    const fresh = !existsSync(logFile);
    log = openSync(logFile, 'a');
    if (fresh) writeSync(log, `${JSON.stringify(header)}\n`);
  }
  const write = (line: LogLine) => {
    if (log !== undefined) writeSync(log, `${JSON.stringify(line)}\n`);
  };

  let stopped = false;
  const afterUserTx = () => {
    devnet.seal();
  };
  let liveReady = false;
  const node = await startDevnetNode(devnet, {
    host: options.host,
    port: options.port,
    afterExecute: afterUserTx,
    unavailable: () =>
      liveReady ? undefined : 'the devnet is still making or replaying its history; try again in a moment',
  });
  const deployment = devnetDeployment(devnet, node.url);
  progress(`devnet: full node at ${node.url} (chain ${devnet.chainId})`);

  let clockOffsetMs = 0n;
  const wallClock = () => BigInt(Date.now()) + clockOffsetMs;

  const ready = (async () => {
    if (replaying) {
      const replayed = await replay(logFile!, devnet, progress, () => stopped);
      devnet.skipNonces(replayed);
      network.resume();
    } else {
      devnet.recorder = {
        executed: (r) =>
          write({
            t: 'tx',
            b: Buffer.from(r.bytes).toString('base64'),
            s: r.signatures.map((s) => Buffer.from(s).toString('base64')),
            c: String(r.clockMs),
            ok: r.success,
          }),
        sealed: (r) => write({ t: 'seal', c: String(r.clockMs) }),
      };
      // The genesis checkpoints were sealed before the recorder was attached; they are rebuilt from the seed.
      progress('devnet: registering nodes and funding delegators');
      network.bootstrap();
      await yieldToEventLoop();
      for (let epoch = 0; epoch < historyEpochs && !stopped; epoch++) {
        network.runEpoch();
        progress(
          `devnet: history epoch ${devnet.state.staking.epoch} of ${historyEpochs} (${devnet.transactionCount} transactions, checkpoint ${devnet.latestCheckpoint.sequenceNumber})`,
        );
        await yieldToEventLoop();
      }
    }
    devnet.recorder = {
      executed: (r) =>
        write({
          t: 'tx',
          b: Buffer.from(r.bytes).toString('base64'),
          s: r.signatures.map((s) => Buffer.from(s).toString('base64')),
          c: String(r.clockMs),
          ok: r.success,
        }),
      sealed: (r) => write({ t: 'seal', c: String(r.clockMs) }),
    };
    // The history may end a little in the future (the bootstrap's half epoch): live time starts there.
    if (devnet.clockMs > wallClock()) clockOffsetMs = devnet.clockMs - BigInt(Date.now());
    progress(
      `devnet: live at epoch ${devnet.state.staking.epoch}, checkpoint ${devnet.latestCheckpoint.sequenceNumber}`,
    );
  })();

  // --- Live: the clock follows the wall clock, epochs change on time, the network acts ---
  let lastSeal = Date.now();
  let ticking = false;
  const live = options.live ?? true;
  void ready.then(() => (liveReady = true)).catch(() => {});
  const tick = () => {
    if (!liveReady || ticking || stopped) return;
    ticking = true;
    try {
      const now = wallClock();
      if (now > devnet.clockMs) devnet.clockMs = now;
      network.crank();
      if ((options.liveActivity ?? true) && network.random.chance(0.25)) network.actSome(network.random.int(1, 3));
      if (devnet.pendingTransactions > 0 || Date.now() - lastSeal > 2_000) {
        devnet.seal();
        lastSeal = Date.now();
      }
    } catch (error) {
      progress(`devnet: live step failed: ${(error as Error).message}`);
    } finally {
      ticking = false;
    }
  };
  const timer = live ? setInterval(tick, 500) : undefined;
  timer?.unref();

  const faucet = async (address: string, amounts: { wal?: bigint; sui?: bigint } = {}): Promise<FaucetGift> => {
    await ready;
    const recipient = normalizeSuiAddress(address);
    const wal = amounts.wal ?? DEFAULT_FAUCET_WAL;
    const sui = amounts.sui ?? DEFAULT_FAUCET_SUI;
    if (!live || stopped) devnet.clockMs = devnet.clockMs > wallClock() ? devnet.clockMs : wallClock();
    const walTx = network.calls.sendWal(devnet.faucetAddress, [recipient], [wal]);
    const suiTx = network.calls.sendSui(devnet.faucetAddress, [recipient], [sui]);
    devnet.seal();
    if (!walTx.tx.status.success || !suiTx.tx.status.success) throw new Error('the faucet transaction failed');
    return { digest: walTx.tx.digest, wal, sui };
  };

  let faucetServer: Server | undefined;
  let faucetUrl: string | undefined;
  if (options.faucetPort !== undefined) {
    faucetServer = createFaucetServer(faucet, () => ({
      deployment,
      epoch: devnet.state.staking.epoch,
      checkpoint: devnet.latestCheckpoint.sequenceNumber,
    }));
    await new Promise<void>((resolve, reject) => {
      faucetServer!.once('error', reject);
      faucetServer!.listen(options.faucetPort, options.host ?? '127.0.0.1', () => resolve());
    });
    const address = faucetServer.address() as AddressInfo;
    faucetUrl = `http://${options.host ?? '127.0.0.1'}:${address.port}/faucet`;
  }

  return {
    devnet,
    network,
    node,
    url: node.url,
    faucetUrl,
    deployment,
    ready,
    advanceEpoch: async () => {
      await ready;
      const staking = devnet.state.staking;
      const target = staking.epoch + 1;
      const end = staking.epochStartMs + staking.params.epochDurationMs;
      if (end > wallClock()) clockOffsetMs += end - wallClock();
      devnet.clockMs = devnet.clockMs > end ? devnet.clockMs : end;
      for (let i = 0; i < 3 && devnet.state.staking.epoch < target; i++) network.crank();
      devnet.seal();
      if (devnet.state.staking.epoch < target) throw new Error(`the devnet did not reach epoch ${target}`);
    },
    faucet,
    close: async () => {
      stopped = true;
      if (timer) clearInterval(timer);
      await ready.catch(() => {});
      await new Promise<void>((resolve) => (faucetServer ? faucetServer.close(() => resolve()) : resolve()));
      faucetServer?.closeAllConnections?.();
      await node.close();
      if (log !== undefined) closeSync(log);
    },
  };
}

function readHeader(file: string): Header | undefined {
  const first = readFileSync(file, 'utf8').split('\n', 1)[0];
  try {
    return Header.parse(JSON.parse(first ?? ''));
  } catch {
    return undefined;
  }
}

async function replay(
  file: string,
  devnet: Devnet,
  progress: (message: string) => void,
  stopped: () => boolean,
): Promise<number> {
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  let count = 0;
  let first = true;
  for await (const text of lines) {
    if (first) {
      first = false;
      continue;
    }
    if (!text.trim() || stopped()) continue;
    let line: LogLine;
    try {
      line = JSON.parse(text) as LogLine;
    } catch {
      progress(`devnet: ignoring a damaged line in ${file} (the process may have been killed while writing it)`);
      continue;
    }
    devnet.clockMs = BigInt(line.c);
    if (line.t === 'seal') {
      devnet.seal();
      continue;
    }
    trustSignatures(line.ok);
    try {
      devnet.execute(Buffer.from(line.b, 'base64'), { signatures: line.s.map((s) => Buffer.from(s, 'base64')) });
    } finally {
      trustSignatures(false);
    }
    if (++count % 2_000 === 0) {
      progress(`devnet: replayed ${count} transactions (epoch ${devnet.state.staking.epoch})`);
      await yieldToEventLoop();
    }
  }
  if (devnet.pendingTransactions > 0) devnet.seal();
  progress(`devnet: replayed ${count} transactions from ${file}`);
  return count;
}

const FaucetRequest = z.object({
  address: z
    .string()
    .refine(
      (value) => /^0x[0-9a-fA-F]{1,64}$/.test(value) && isValidSuiAddress(normalizeSuiAddress(value)),
      'address must be a Sui address (0x and up to 64 hex digits)',
    ),
});

function createFaucetServer(
  faucet: DevnetHandle['faucet'],
  status: () => { deployment: Deployment; epoch: number; checkpoint: bigint },
): Server {
  const headers = {
    'content-type': 'application/json',
    'access-control-allow-origin': '*',
    'access-control-allow-headers': 'content-type',
    'access-control-allow-methods': 'GET, POST, OPTIONS',
  };
  const reply = (res: import('node:http').ServerResponse, code: number, body: unknown) => {
    res.writeHead(code, headers);
    res.end(JSON.stringify(body, (_key, value) => (typeof value === 'bigint' ? value.toString() : value)));
  };
  return createServer((req, res) => {
    if (req.method === 'OPTIONS') return void reply(res, 204, {});
    if (req.method === 'GET' && req.url === '/status') return void reply(res, 200, status());
    if (req.method !== 'POST' || !req.url?.startsWith('/faucet'))
      return void reply(res, 404, { error: 'POST /faucet {"address": "0x..."} or GET /status' });
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      let address: string;
      try {
        address = FaucetRequest.parse(JSON.parse(body || '{}')).address;
      } catch (error) {
        return void reply(res, 400, {
          error:
            error instanceof z.ZodError
              ? error.issues.map((i) => i.message).join('; ')
              : 'the body must be JSON like {"address": "0x..."}',
        });
      }
      faucet(address).then(
        (gift) =>
          reply(res, 200, { address: normalizeSuiAddress(address), digest: gift.digest, wal: gift.wal, sui: gift.sui }),
        (error: Error) => reply(res, 500, { error: error.message }),
      );
    });
  });
}
