// Talking to the full node for the publish tool: wait until it answers,
// simulate, sign and execute, and read what a transaction created (packages,
// owned and shared objects, with their types) and in which checkpoint.
import type { Keypair } from '@mysten/sui/cryptography';
import { requestSuiFromFaucetV2 } from '@mysten/sui/faucet';
import { SuiGrpcClient } from '@mysten/sui/grpc';
import type { Transaction } from '@mysten/sui/transactions';
import { normalizeStructTag, normalizeSuiAddress } from '@mysten/sui/utils';
import type { Network } from './network.ts';

export function connect(network: Network): SuiGrpcClient {
  return new SuiGrpcClient({ network: network.name, baseUrl: network.url });
}

/** Asks for the chain identifier until the node answers or `waitSeconds` pass. */
export async function waitForNode(client: SuiGrpcClient, network: Network, waitSeconds: number): Promise<string> {
  const deadline = Date.now() + waitSeconds * 1000;
  for (let attempt = 1; ; attempt++) {
    try {
      return (await client.getChainIdentifier()).chainIdentifier;
    } catch (error) {
      if (Date.now() >= deadline) {
        throw new Error(
          `the full node at ${network.url} does not answer (${(error as Error).message})` +
            (waitSeconds > 0 ? ` after waiting ${waitSeconds}s` : '; pass --wait <seconds> to wait for it'),
          { cause: error },
        );
      }
      if (attempt === 1) console.log(`waiting for the full node at ${network.url}...`);
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
  }
}

/** Funds `address` from the network's faucet and waits until it holds SUI. */
export async function fundFromFaucet(client: SuiGrpcClient, faucet: string, address: string): Promise<void> {
  const response = await requestSuiFromFaucetV2({ host: faucet, recipient: address });
  if (response.status !== 'Success') {
    throw new Error(`the faucet at ${faucet} refused to fund ${address}: ${JSON.stringify(response.status)}`);
  }
  for (let i = 0; i < 30; i++) {
    const { balance } = await client.getBalance({ owner: address });
    if (BigInt(balance.balance) > 0n) return;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  throw new Error(`the faucet at ${faucet} answered, but ${address} still holds no SUI after 30s`);
}

/** An object a transaction created or changed, with its type and owner. */
export interface ChangedObject {
  objectId: string;
  /** Move type, or `package` for a published package. */
  type: string;
  created: boolean;
  /** Set for shared objects. */
  initialSharedVersion?: string;
  /** Set for address-owned objects. */
  owner?: string;
}

/** What we keep of an executed (or simulated) transaction. */
export interface Outcome {
  digest: string;
  /** Checkpoint holding it (null for a simulation). */
  checkpoint: string | null;
  objects: ChangedObject[];
  /** Net gas paid, in MIST. */
  gasMist: bigint;
}

interface EffectsLike {
  status: { success: boolean; error: unknown };
  gasUsed: { computationCost: string; storageCost: string; storageRebate: string };
  changedObjects: {
    objectId: string;
    outputState: string;
    idOperation: string;
    outputOwner: { $kind: string; AddressOwner?: string; Shared?: { initialSharedVersion: string } } | null;
  }[];
}

function outcome(
  label: string,
  tx: { digest: string; checkpoint: string | null; effects: EffectsLike; objectTypes: Record<string, string> },
): Outcome {
  const { effects } = tx;
  if (!effects.status.success) {
    throw new Error(`${label} failed on chain: ${JSON.stringify(effects.status.error, bigintJson)}`);
  }
  const gasMist =
    BigInt(effects.gasUsed.computationCost) +
    BigInt(effects.gasUsed.storageCost) -
    BigInt(effects.gasUsed.storageRebate);
  const objects = effects.changedObjects
    .filter((change) => change.outputState === 'ObjectWrite' || change.outputState === 'PackageWrite')
    .map((change): ChangedObject => {
      const owner = change.outputOwner;
      return {
        objectId: normalizeSuiAddress(change.objectId),
        type: change.outputState === 'PackageWrite' ? 'package' : normalizedType(tx.objectTypes[change.objectId]),
        created: change.idOperation === 'Created',
        initialSharedVersion: owner?.$kind === 'Shared' ? owner.Shared?.initialSharedVersion : undefined,
        owner: owner?.$kind === 'AddressOwner' ? owner.AddressOwner : undefined,
      };
    });
  return { digest: tx.digest, checkpoint: tx.checkpoint, objects, gasMist };
}

/** Simulates transaction bytes (nothing is executed) and returns what it would create. */
export async function simulate(client: SuiGrpcClient, label: string, bytes: Uint8Array): Promise<Outcome> {
  const result = await client.simulateTransaction({
    transaction: bytes,
    include: { effects: true, objectTypes: true },
  });
  const tx = result.Transaction ?? result.FailedTransaction;
  return outcome(`${label} (simulated)`, tx as Parameters<typeof outcome>[1]);
}

/**
 * Builds `tx` against the node (gas price from the network, gas budget by
 * simulation, gas coins of the sender), signs, executes, and waits until the
 * transaction is in a checkpoint.
 */
export async function execute(
  client: SuiGrpcClient,
  label: string,
  tx: Transaction,
  signer: Keypair,
): Promise<Outcome> {
  const bytes = await tx.build({ client });
  const { signature } = await signer.signTransaction(bytes);
  const executed = await client.executeTransaction({ transaction: bytes, signatures: [signature] });
  const digest = (executed.Transaction ?? executed.FailedTransaction).digest;
  for (let attempt = 0; ; attempt++) {
    const result = await client.waitForTransaction({
      digest,
      include: { effects: true, objectTypes: true },
      timeout: 60_000,
    });
    const done = result.Transaction ?? result.FailedTransaction;
    if (done.checkpoint !== null || attempt >= 30) return outcome(label, done as Parameters<typeof outcome>[1]);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

/** The one created object whose type satisfies `match`; throws naming `what` if there is none or several. */
export function createdObject(result: Outcome, what: string, match: (type: string) => boolean): ChangedObject {
  const found = result.objects.filter((object) => object.created && match(object.type));
  if (found.length !== 1) {
    const types = result.objects.map((object) => object.type).join(', ');
    throw new Error(
      `expected transaction ${result.digest} to create one ${what}, found ${found.length} (created: ${types})`,
    );
  }
  return found[0]!;
}

/** The package a publish created. */
export function publishedPackage(result: Outcome): string {
  return createdObject(result, 'package', (type) => type === 'package').objectId;
}

/** Struct tags with full-length addresses, so `0x2::package::UpgradeCap` compares equal however the node spells it. */
export function normalizedType(type: string | undefined): string {
  if (!type) return 'unknown';
  try {
    return normalizeStructTag(type);
  } catch {
    return type;
  }
}

/** Whether an object's type is `<address>::<module>::<name>` (no type arguments). */
export function isType(type: string, address: string, module: string, name: string): boolean {
  return type === normalizedType(`${address}::${module}::${name}`);
}

function bigintJson(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}
