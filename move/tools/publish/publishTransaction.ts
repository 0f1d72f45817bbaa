// The publish transaction for one built package, and its inverse: reading the
// Publish command back out of signed-or-unsigned transaction bytes, so a test
// (and `--dry-run`) can prove the chain would receive exactly our modules.
import { bcs } from '@mysten/sui/bcs';
import { Transaction } from '@mysten/sui/transactions';
import { fromBase64, normalizeSuiAddress } from '@mysten/sui/utils';
import type { PublishableBuild } from './buildPublishable.ts';

/**
 * Publishes `build` and sends its `UpgradeCap` to `sender` (who may later hand
 * it to governance; see docs/operators/upgrades.md).
 */
export function publishTransaction(
  build: Pick<PublishableBuild, 'modules' | 'dependencies'>,
  sender: string,
): Transaction {
  const tx = new Transaction();
  tx.setSender(sender);
  const upgradeCap = tx.publish({ modules: build.modules, dependencies: build.dependencies });
  tx.transferObjects([upgradeCap], sender);
  return tx;
}

/** Gas settings for building transaction bytes without asking a network. */
export interface OfflineGas {
  price: bigint;
  budget: bigint;
}

/**
 * Serializes `tx` with fixed gas, no gas coins and no expiration, which needs
 * no network (`--dry-run --offline`, and tests). Such bytes show exactly what
 * would be published; a real network would want gas coins (or an expiration
 * for address-balance gas) before accepting them.
 */
export function buildOffline(tx: Transaction, gas: OfflineGas): Promise<Uint8Array> {
  tx.setGasPrice(gas.price);
  tx.setGasBudget(gas.budget);
  tx.setGasPayment([]);
  tx.setExpiration({ None: true });
  return tx.build();
}

/** What a Publish command carries. */
export interface DecodedPublish {
  sender: string;
  modules: Uint8Array[];
  dependencies: string[];
  gasBudget: bigint;
}

/**
 * Parses transaction bytes with `@mysten/sui`'s own BCS schema and returns its
 * single Publish command. Throws if the bytes hold no Publish or several.
 */
export function decodePublish(bytes: Uint8Array | string): DecodedPublish {
  const raw = typeof bytes === 'string' ? fromBase64(bytes) : bytes;
  const data = bcs.TransactionData.parse(raw);
  if (!data.V1) throw new Error('unsupported transaction data version');
  const kind = data.V1.kind;
  if (!kind.ProgrammableTransaction) throw new Error(`expected a programmable transaction, got ${kind.$kind}`);
  const publishes = kind.ProgrammableTransaction.commands.flatMap((command) =>
    command.Publish ? [command.Publish] : [],
  );
  if (publishes.length !== 1) throw new Error(`expected one Publish command, found ${publishes.length}`);
  const publish = publishes[0]!;
  // Cross-check with the higher-level decoder the SDK offers for the same bytes.
  const fromSdk = Transaction.from(raw)
    .getData()
    .commands.filter((command) => command.Publish);
  if (fromSdk.length !== 1) throw new Error('Transaction.from did not find the Publish command');
  return {
    sender: normalizeSuiAddress(data.V1.sender),
    modules: publish.modules.map((module) => fromBase64(module)),
    dependencies: publish.dependencies.map((id) => normalizeSuiAddress(id)),
    gasBudget: BigInt(data.V1.gasData.budget),
  };
}

/**
 * Checks that `bytes` publish exactly `build`: same modules byte for byte, in
 * order, and the same dependency IDs. Returns a list of differences (empty
 * when they match), each a sentence.
 */
export function comparePublish(
  bytes: Uint8Array | string,
  build: Pick<PublishableBuild, 'modules' | 'dependencies'>,
): string[] {
  const decoded = decodePublish(bytes);
  const problems: string[] = [];
  if (decoded.modules.length !== build.modules.length) {
    problems.push(
      `the transaction publishes ${decoded.modules.length} module(s), the build has ${build.modules.length}`,
    );
  }
  build.modules.forEach((module, index) => {
    const onChain = decoded.modules[index];
    if (!onChain || Buffer.compare(Buffer.from(onChain), Buffer.from(module, 'base64')) !== 0) {
      problems.push(`module ${index} differs from the build`);
    }
  });
  const expected = build.dependencies.map((id) => normalizeSuiAddress(id)).sort();
  const actual = [...decoded.dependencies].sort();
  if (expected.join() !== actual.join()) {
    problems.push(`dependencies are [${actual.join(', ')}], the build links [${expected.join(', ')}]`);
  }
  return problems;
}
