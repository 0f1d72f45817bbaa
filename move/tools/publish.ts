// `npm run publish:move -- --network <localnet|devnet|testnet|mainnet|URL> --key <file|ENV>`
//
// Publishes Tusk to a Sui network and writes the deployment file the indexer
// and the web app read:
//   1. build and publish `wal`;
//   2. rebuild `tusk` with wal's on-chain address and publish it;
//   3. call `tusk::init::initialize` with the AdminCap (and the UpgradeCap,
//      if the function takes it) to create the shared objects;
//   4. write the deployment (shared/src/deployment.ts schema) and, beside it,
//      the publish record (every ID, cap, digest and transaction).
// Each step is recorded as it lands, so a rerun resumes where it stopped.
//
// `--dry-run` builds and simulates without executing (`--offline` too: no
// network at all); `--upgrade` upgrades tusk to the current source, only if
// governance authorized its digest. See docs/operators/publish.md.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Ed25519Keypair } from '@mysten/sui/keypairs/ed25519';
import type { Keypair } from '@mysten/sui/cryptography';
import type { SuiGrpcClient } from '@mysten/sui/grpc';
import type { Transaction } from '@mysten/sui/transactions';
import { normalizeSuiAddress, toBase64, toHex } from '@mysten/sui/utils';
import { deploymentFileFromEnv } from '@tusk/shared/deploymentFile';
import { parseDeployment } from '@tusk/shared/deployment';
import { toolchain } from './builder.ts';
import { MOVE_ROOT } from './packages.ts';
import { buildPublishable, type PublishableBuild } from './publish/buildPublishable.ts';
import {
  connect,
  execute,
  fundFromFaucet,
  publishedPackage,
  simulate,
  waitForNode,
  type Outcome,
} from './publish/chain.ts';
import { runPublish } from './publish/deploy.ts';
import { readInitArguments, readInitParams } from './publish/initialize.ts';
import { resolveNetwork, type Network } from './publish/network.ts';
import { buildOffline, comparePublish, publishTransaction } from './publish/publishTransaction.ts';
import { readRecord, recordPathFor, writeJson, type PublishRecord } from './publish/record.ts';
import { loadKey } from './publish/signer.ts';
import {
  migrateTransaction,
  readGovernanceUpgrades,
  readMigrateFunctions,
  readUpgradeFunctions,
  requireAuthorized,
  upgradeTransaction,
} from './publish/upgrade.ts';

const USAGE = `usage: npm run publish:move -- [options]

  --network <name|URL>   localnet (default), devnet, testnet, mainnet, or a full node URL
  --network-name <name>  name to record for a --network URL (default: custom), e.g. localnet
  --key <file|ENV>       the publisher's key: a file, or the name of an environment variable,
                         holding suiprivkey1... (sui keytool export) or a sui.keystore array
  --address <0x...>      which key of a keystore to use (or, with --dry-run, who would send)
  --new-key <file>       localnet/devnet: create a key, save it to <file> (mode 600), fund it
                         from the faucet, and publish with it (it receives the 5B WAL)
  --faucet <URL>         faucet to fund the publisher from (default: the network's, if any)
  --params <file.json>   values for init::initialize's parameters, by name
  --out <file>           deployment file to write (default: $TUSK_DEPLOYMENT or .data/deployment.json)
  --public-rpc-url <URL> full node URL to record in the deployment for wallets and the
                         indexer (default: the --network URL)
  --wait <seconds>       wait this long for the full node to answer (default 0)
  --dry-run              build and simulate, execute nothing; with --offline, no network at all
  --tx-out <dir>         with --dry-run: write each transaction's bytes (base64) there
  --upgrade              upgrade tusk to the current source, if governance authorized its digest
  --fresh                ignore an existing publish record and publish a new deployment
`;

interface Options {
  network: Network;
  key?: string;
  address?: string;
  newKey?: string;
  params?: string;
  out: string;
  publicRpcUrl?: string;
  waitSeconds: number;
  dryRun: boolean;
  offline: boolean;
  txOut?: string;
  upgrade: boolean;
  fresh: boolean;
}

function parseOptions(argv: string[]): Options {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      network: { type: 'string', default: 'localnet' },
      'network-name': { type: 'string' },
      key: { type: 'string' },
      address: { type: 'string' },
      'new-key': { type: 'string' },
      faucet: { type: 'string' },
      params: { type: 'string' },
      out: { type: 'string' },
      'public-rpc-url': { type: 'string' },
      wait: { type: 'string', default: '0' },
      'dry-run': { type: 'boolean', default: false },
      offline: { type: 'boolean', default: false },
      'tx-out': { type: 'string' },
      upgrade: { type: 'boolean', default: false },
      fresh: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  if (positionals.length > 0) throw new Error(`unexpected argument ${positionals[0]}\n${USAGE}`);
  const waitSeconds = Number(values.wait);
  if (!Number.isInteger(waitSeconds) || waitSeconds < 0)
    throw new Error(`--wait must be a whole number of seconds (got ${values.wait})`);
  if (values.offline && !values['dry-run']) throw new Error('--offline only works with --dry-run');
  if (values['tx-out'] && !values['dry-run']) throw new Error('--tx-out only works with --dry-run');
  if (values.key && values['new-key']) throw new Error('pass either --key or --new-key, not both');
  if (values['public-rpc-url'] && !/^https?:\/\//.test(values['public-rpc-url'])) {
    throw new Error(`--public-rpc-url must be an http(s) URL (got ${values['public-rpc-url']})`);
  }
  return {
    network: resolveNetwork(values.network, { faucet: values.faucet, name: values['network-name'] }),
    key: values.key,
    address: values.address,
    newKey: values['new-key'],
    params: values.params,
    out: resolve(values.out ?? deploymentFileFromEnv()),
    publicRpcUrl: values['public-rpc-url'],
    waitSeconds,
    dryRun: values['dry-run'],
    offline: values.offline,
    txOut: values['tx-out'],
    upgrade: values.upgrade,
    fresh: values.fresh,
  };
}

const WAL_DIR = join(MOVE_ROOT, 'wal');
const TUSK_DIR = join(MOVE_ROOT, 'tusk');
/** Gas for transactions built with --offline, or whose inputs are not on chain yet (not simulated). */
const UNSIMULATED_GAS = { price: 1000n, budget: 2_000_000_000n };

function sui(mist: bigint): string {
  return `${(Number(mist) / 1e9).toFixed(4)} SUI`;
}

function show(build: PublishableBuild): void {
  if (build.warnings) console.log(build.warnings);
  console.log(
    `built ${build.package}: ${build.modules.length} module(s), digest ${toHex(build.digest)}, ` +
      `dependencies ${build.dependencies.join(', ')}`,
  );
}

/** Fails unless the bytes publish exactly `build` (decoded with @mysten/sui's BCS). */
function checkBytes(label: string, bytes: Uint8Array, build: PublishableBuild): void {
  const problems = comparePublish(bytes, build);
  if (problems.length > 0)
    throw new Error(`${label}: the transaction does not match the build: ${problems.join('; ')}`);
  console.log(
    `${label}: transaction decodes back to the ${build.modules.length} built module(s) and their dependencies`,
  );
}

/**
 * Builds the bytes of one dry-run transaction. Online: against the network
 * (gas price, the sender's coins, gas budget by simulation), then simulated.
 * When the network cannot simulate it (a dependency not on chain yet, a node
 * that does not run Publish, a sender without gas), the bytes are still built
 * with a fixed budget so they can be decoded and reviewed.
 */
async function dryRunBytes(
  label: string,
  makeTx: () => Transaction,
  client: SuiGrpcClient | undefined,
  gas: { price: bigint; budget: bigint },
): Promise<{ bytes: Uint8Array; simulated?: Outcome }> {
  if (!client) return { bytes: await buildOffline(makeTx(), gas) };
  try {
    const bytes = await makeTx().build({ client });
    return { bytes, simulated: await simulate(client, label, bytes) };
  } catch (error) {
    console.log(`${label}: not simulated: ${(error as Error).message}`);
  }
  try {
    // The sender's SUI coins as gas, looked up here so nothing asks the node to simulate.
    const tx = makeTx();
    const sender = tx.getData().sender!;
    const { objects: coins } = await client.listCoins({ owner: sender });
    if (coins.length === 0) throw new Error(`${sender} holds no SUI to pay gas with`);
    tx.setGasPrice(gas.price);
    tx.setGasBudget(gas.budget);
    tx.setGasPayment(coins.slice(0, 256).map(({ objectId, version, digest }) => ({ objectId, version, digest })));
    const bytes = await tx.build();
    console.log(
      `${label}: built with ${coins.length > 256 ? 256 : coins.length} gas coin(s) of the sender and a fixed budget`,
    );
    return { bytes };
  } catch (error) {
    console.log(`${label}: built without the sender's gas coins (${(error as Error).message})`);
    return { bytes: await buildOffline(makeTx(), gas) };
  }
}

async function dryRun(options: Options): Promise<void> {
  const sender = options.key
    ? loadKey(options.key, { address: options.address }).keypair.toSuiAddress()
    : normalizeSuiAddress(options.address ?? '0x0');
  let client: SuiGrpcClient | undefined;
  let gas = UNSIMULATED_GAS;
  if (!options.offline) {
    client = connect(options.network);
    const chainId = await waitForNode(client, options.network, options.waitSeconds);
    gas = { ...gas, price: BigInt((await client.getReferenceGasPrice()).referenceGasPrice) };
    console.log(`dry run against ${options.network.url} (chain ${chainId}) as ${sender}`);
  } else {
    console.log(`dry run offline as ${sender}: transactions are built, not simulated`);
  }
  const save = (name: string, bytes: Uint8Array) => {
    if (!options.txOut) return;
    mkdirSync(options.txOut, { recursive: true });
    writeFileSync(join(options.txOut, `${name}.tx`), `${toBase64(bytes)}\n`);
    console.log(`  saved ${join(options.txOut, `${name}.tx`)}`);
  };

  const wal = await buildPublishable(WAL_DIR, { network: options.network.name, publications: {}, intent: 'publish' });
  show(wal);
  const walRun = await dryRunBytes('wal publish', () => publishTransaction(wal, sender), client, gas);
  checkBytes('wal publish', walRun.bytes, wal);
  save('wal-publish', walRun.bytes);
  // Where wal would land: from the simulation, else a placeholder.
  let walId = normalizeSuiAddress('0x1a1');
  if (walRun.simulated) {
    walId = publishedPackage(walRun.simulated);
    console.log(`wal publish simulated: package ${walId}, gas ${sui(walRun.simulated.gasMist)}`);
    for (const object of walRun.simulated.objects) console.log(`  creates ${object.type} ${object.objectId}`);
  } else {
    console.log(`wal publish: linking tusk against the placeholder ${walId}`);
  }

  const tusk = await buildPublishable(TUSK_DIR, {
    network: options.network.name,
    publications: { wal: { publishedAt: walId, originalId: walId, version: 1 } },
    intent: 'publish',
  });
  show(tusk);
  // tusk links wal, which is not on chain in a dry run: never simulated, built with a fixed budget.
  const tuskRun = await dryRunBytes('tusk publish', () => publishTransaction(tusk, sender), undefined, gas);
  checkBytes('tusk publish', tuskRun.bytes, tusk);
  save('tusk-publish', tuskRun.bytes);
  try {
    readInitArguments(TUSK_DIR);
    console.log('initialize: signature read from move/tusk/sources/init.move; runs after tusk is published');
  } catch (error) {
    console.log(`initialize: cannot run yet: ${(error as Error).message}`);
  }
  console.log('dry run done: nothing was executed');
}

async function signerFor(options: Options, client: SuiGrpcClient): Promise<Keypair> {
  if (options.newKey) {
    if (!options.network.faucet)
      throw new Error(`--new-key needs a faucet, and ${options.network.name} has none: pass --faucet <URL>`);
    let keypair: Keypair;
    if (existsSync(options.newKey)) {
      keypair = loadKey(options.newKey).keypair;
      console.log(`reusing the key in ${options.newKey} (${keypair.toSuiAddress()})`);
    } else {
      keypair = new Ed25519Keypair();
      mkdirSync(resolve(options.newKey, '..'), { recursive: true });
      writeFileSync(options.newKey, `${keypair.getSecretKey()}\n`, { mode: 0o600 });
      console.log(`created a publisher key for ${keypair.toSuiAddress()} in ${options.newKey}`);
    }
    const { balance } = await client.getBalance({ owner: keypair.toSuiAddress() });
    if (BigInt(balance.balance) === 0n) {
      console.log(`funding ${keypair.toSuiAddress()} from ${options.network.faucet}`);
      await fundFromFaucet(client, options.network.faucet, keypair.toSuiAddress());
    }
    return keypair;
  }
  if (!options.key) throw new Error(`--key is required to publish (or --new-key on a network with a faucet)\n${USAGE}`);
  const { keypair, source } = loadKey(options.key, { address: options.address });
  console.log(`publisher ${keypair.toSuiAddress()} (key from ${source})`);
  return keypair;
}

function stepInfo(result: Outcome): { txDigest: string; checkpoint: string | null } {
  return { txDigest: result.digest, checkpoint: result.checkpoint };
}

async function publish(options: Options): Promise<void> {
  const client = connect(options.network);
  const chainId = await waitForNode(client, options.network, options.waitSeconds);
  const signer = await signerFor(options, client);
  await runPublish({
    chain: { chainId, execute: (label, tx) => execute(client, label, tx, signer) },
    sender: signer.toSuiAddress(),
    network: options.network.name,
    out: options.out,
    rpcUrl: options.publicRpcUrl ?? options.network.url,
    params: readInitParams(options.params),
    fresh: options.fresh,
    build: async (dir, publications) => {
      const build = await buildPublishable(dir, { network: options.network.name, publications, intent: 'publish' });
      show(build);
      return build;
    },
  });
}

async function upgrade(options: Options): Promise<void> {
  const record = readRecord(recordPathFor(options.out));
  if (!record?.tusk || !record.wal || !record.initialize) {
    throw new Error(`--upgrade needs a complete publish record at ${recordPathFor(options.out)}; publish first`);
  }
  const deployment = parseDeployment(JSON.parse(readFileSync(options.out, 'utf8')), options.out);
  const client = connect(options.network);
  const chainId = await waitForNode(client, options.network, options.waitSeconds);
  if (chainId !== record.chainId) throw new Error(`${options.out} belongs to chain ${record.chainId}, not ${chainId}`);
  const build = await buildPublishable(TUSK_DIR, {
    network: options.network.name,
    publications: {
      wal: { publishedAt: record.wal.packageId, originalId: record.wal.packageId, version: 1, chainId },
      tusk: {
        publishedAt: record.tusk.currentId,
        originalId: record.tusk.originalId,
        version: record.tusk.version,
        upgradeCap: record.tusk.upgradeCap,
        chainId,
      },
    },
    intent: 'upgrade',
  });
  show(build);
  const governance = await readGovernanceUpgrades(client, deployment);
  if (governance.currentPackage && governance.currentPackage !== deployment.packages.tuskCurrent) {
    throw new Error(
      `governance's UpgradeCap says the current tusk package is ${governance.currentPackage}, but ${options.out} ` +
        `says ${deployment.packages.tuskCurrent}: the deployment file is stale (an upgrade it did not record?)`,
    );
  }
  const proposal = requireAuthorized(build.digest, governance.authorized);
  console.log(
    `digest ${toHex(build.digest)} is authorized by proposal ${proposal.proposalId} (read from the ${governance.source})`,
  );
  const functions = readUpgradeFunctions(TUSK_DIR);
  const migrations = readMigrateFunctions(TUSK_DIR);
  if (options.dryRun) {
    const sender = options.key
      ? loadKey(options.key, { address: options.address }).keypair.toSuiAddress()
      : options.address;
    if (!sender) throw new Error('--upgrade --dry-run simulates as a sender with gas: pass --key or --address');
    const tx = upgradeTransaction(build, deployment, proposal.proposalId, functions, normalizeSuiAddress(sender));
    const bytes = await tx.build({ client });
    const simulated = await simulate(client, 'upgrade', bytes);
    console.log(
      `upgrade simulated: new package ${publishedPackage(simulated)}, gas ${sui(simulated.gasMist)}; nothing executed`,
    );
    console.log(
      `then: ${migrations.map((m) => `${m.module}::migrate`).join(', ') || 'no migrate function'} through the new package`,
    );
    return;
  }
  const signer = await signerFor(options, client);
  const tx = upgradeTransaction(build, deployment, proposal.proposalId, functions, signer.toSuiAddress());
  const result = await execute(client, 'upgrade', tx, signer);
  const packageId = publishedPackage(result);
  const version = record.tusk.version + 1;
  const next: PublishRecord = {
    ...record,
    tusk: { ...record.tusk, currentId: packageId, version, digest: toHex(build.digest) },
    upgrades: [
      ...record.upgrades,
      { version, packageId, digest: toHex(build.digest), proposalId: proposal.proposalId, ...stepInfo(result) },
    ],
  };
  writeJson(recordPathFor(options.out), next);
  const upgraded = { ...deployment, packages: { ...deployment.packages, tuskCurrent: packageId } };
  writeJson(options.out, { ...upgraded, startCheckpoint: upgraded.startCheckpoint.toString() });
  console.log(`upgraded tusk to ${packageId} (version ${version}) in ${result.digest}; wrote ${options.out}`);

  // Move the shared objects to the new version (emits PackageUpgraded). An upgrade that kept
  // every VERSION constant needs no migration: its migrate aborts, which the simulation shows.
  if (migrations.length === 0) return;
  const migrate = () => migrateTransaction(packageId, upgraded, migrations, signer.toSuiAddress());
  try {
    await simulate(client, 'migrate', await migrate().build({ client }));
  } catch (error) {
    console.log(
      `migrate not run: ${(error as Error).message}. If this upgrade bumped a VERSION, call ` +
        `${migrations.map((m) => `${packageId}::${m.module}::migrate`).join(' and ')} yourself.`,
    );
    return;
  }
  const migrated = await execute(client, 'migrate', migrate(), signer);
  console.log(`migrated ${migrations.map((m) => m.module).join(', ')} to version ${version} in ${migrated.digest}`);
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const { suiVersion, framework } = await toolchain();
  console.log(
    `network ${options.network.name} (${options.network.url}); compiler Sui ${suiVersion}, framework ${framework.origin}`,
  );
  if (options.upgrade) return upgrade(options);
  if (options.dryRun) return dryRun(options);
  return publish(options);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
