// The publish itself, step by step, against any `PublishChain` (the real one
// signs and executes through SuiGrpcClient; tests script one): publish wal,
// publish tusk linked to it, initialize, write the deployment. Each step is
// saved to the publish record as it lands, so a rerun continues after the
// last step that landed and never publishes twice.
import { join } from 'node:path';
import type { Transaction } from '@mysten/sui/transactions';
import { toHex } from '@mysten/sui/utils';
import type { Deployment } from '@tusk/shared/deployment';
import { MOVE_ROOT } from '../packages.ts';
import type { PublishableBuild, Publications } from './buildPublishable.ts';
import { createdObject, isType, publishedPackage, type Outcome } from './chain.ts';
import { initializeTransaction, readInitArguments, type InitParams } from './initialize.ts';
import { publishTransaction } from './publishTransaction.ts';
import { deploymentFromRecord, readRecord, recordPathFor, writeJson, type PublishRecord } from './record.ts';

/** What the publish needs from the network. */
export interface PublishChain {
  chainId: string;
  /** Signs, executes and waits for `tx` to be checkpointed; throws if it failed. */
  execute(label: string, tx: Transaction): Promise<Outcome>;
}

export interface PublishPlan {
  chain: PublishChain;
  /** The signer's address. */
  sender: string;
  /** Network name recorded in the deployment (`localnet`, `testnet`, ...). */
  network: string;
  /** Deployment file to write; the record goes beside it. */
  out: string;
  /** Full node URL to record in the deployment for wallets and the indexer. */
  rpcUrl: string;
  /** Values of `initialize`'s plain parameters. */
  params: InitParams;
  /** Ignore an existing record. */
  fresh?: boolean;
  /** Compiles a package (buildPublishable with the network's environment). */
  build(dir: string, publications: Publications): Promise<PublishableBuild>;
  /** Where wal and tusk live (default move/). */
  moveRoot?: string;
  log?: (line: string) => void;
}

function step(result: Outcome): { txDigest: string; checkpoint: string | null } {
  return { txDigest: result.digest, checkpoint: result.checkpoint };
}

function sharedRef(object: { objectId: string; initialSharedVersion?: string }): {
  objectId: string;
  initialSharedVersion: string;
} {
  if (!object.initialSharedVersion) throw new Error(`${object.objectId} is not a shared object`);
  return { objectId: object.objectId, initialSharedVersion: object.initialSharedVersion };
}

function gas(result: Outcome): string {
  return `${(Number(result.gasMist) / 1e9).toFixed(4)} SUI`;
}

/** Runs (or resumes) the publish and writes the deployment file; returns the deployment. */
export async function runPublish(plan: PublishPlan): Promise<Deployment> {
  const log = plan.log ?? console.log;
  const root = plan.moveRoot ?? MOVE_ROOT;
  const { chain, sender } = plan;
  const recordPath = recordPathFor(plan.out);

  let record: PublishRecord | undefined = plan.fresh ? undefined : readRecord(recordPath);
  if (record && record.chainId !== chain.chainId) {
    throw new Error(
      `${recordPath} is a publish on chain ${record.chainId}, but the network is chain ${chain.chainId} ` +
        `(a localnet started with a new genesis is a new chain): pass --fresh to publish a new deployment`,
    );
  }
  if (record && record.publisher !== sender) {
    throw new Error(
      `${recordPath} was started by ${record.publisher}, which holds its caps; resume with that key, or pass --fresh`,
    );
  }
  if (record?.initialize) log(`${recordPath} records a complete publish on this chain: rewriting the deployment only`);
  record ??= { network: plan.network, chainId: chain.chainId, rpcUrl: plan.rpcUrl, publisher: sender, upgrades: [] };
  const save = (next: PublishRecord): PublishRecord => {
    writeJson(recordPath, next);
    return next;
  };

  if (!record.wal) {
    const wal = await plan.build(join(root, 'wal'), {});
    const result = await chain.execute('wal publish', publishTransaction(wal, sender));
    const packageId = publishedPackage(result);
    const walTreasury = createdObject(result, 'WalTreasury', (type) => isType(type, packageId, 'wal', 'WalTreasury'));
    const upgradeCap = createdObject(result, 'UpgradeCap', (type) => isType(type, '0x2', 'package', 'UpgradeCap'));
    record = save({
      ...record,
      wal: {
        packageId,
        upgradeCap: upgradeCap.objectId,
        digest: toHex(wal.digest),
        walTreasury: sharedRef(walTreasury),
        ...step(result),
      },
    });
    log(`published wal ${packageId} in ${result.digest} (checkpoint ${result.checkpoint}, gas ${gas(result)})`);
  } else {
    log(`wal already published: ${record.wal.packageId}`);
  }
  const wal = record.wal!;

  if (!record.tusk) {
    const tusk = await plan.build(join(root, 'tusk'), {
      wal: { publishedAt: wal.packageId, originalId: wal.packageId, version: 1, chainId: chain.chainId },
    });
    const result = await chain.execute('tusk publish', publishTransaction(tusk, sender));
    const packageId = publishedPackage(result);
    const upgradeCap = createdObject(result, 'UpgradeCap', (type) => isType(type, '0x2', 'package', 'UpgradeCap'));
    const adminCap = createdObject(result, 'AdminCap', (type) => isType(type, packageId, 'init', 'AdminCap'));
    record = save({
      ...record,
      tusk: {
        originalId: packageId,
        currentId: packageId,
        version: 1,
        upgradeCap: upgradeCap.objectId,
        adminCap: adminCap.objectId,
        digest: toHex(tusk.digest),
        ...step(result),
      },
    });
    log(`published tusk ${packageId} in ${result.digest} (checkpoint ${result.checkpoint}, gas ${gas(result)})`);
  } else {
    log(`tusk already published: ${record.tusk.currentId}`);
  }
  const tusk = record.tusk!;

  if (!record.initialize) {
    const tx = initializeTransaction(
      readInitArguments(join(root, 'tusk')),
      plan.params,
      {
        tuskPackage: tusk.currentId,
        adminCap: tusk.adminCap,
        upgradeCap: tusk.upgradeCap,
        walTreasury: wal.walTreasury,
      },
      sender,
    );
    const result = await chain.execute('initialize', tx);
    const shared = (module: string, name: string) =>
      sharedRef(createdObject(result, name, (type) => isType(type, tusk.originalId, module, name)));
    record = save({
      ...record,
      initialize: {
        staking: shared('staking', 'Staking'),
        governance: shared('governance', 'Governance'),
        system: shared('system', 'System'),
        ...step(result),
      },
    });
    log(`initialized in ${result.digest} (gas ${gas(result)})`);
  }

  const deployment = deploymentFromRecord(record, plan.rpcUrl);
  writeJson(plan.out, { ...deployment, startCheckpoint: deployment.startCheckpoint.toString() });
  log(
    `wrote ${plan.out}: wal ${deployment.packages.wal}, tusk ${deployment.packages.tuskOriginal}, start checkpoint ${deployment.startCheckpoint}`,
  );
  log(`publish record: ${recordPath}`);
  return deployment;
}
