/**
 * The pieces every Tusk transaction builder shares: how an object is passed in
 * (an ID the client resolves, or a full reference for offline building), the
 * shared objects of a deployment, paying WAL out of the sender's coins, and the
 * error a builder throws when its input cannot make a valid transaction.
 */
import type { Transaction, TransactionObjectArgument } from '@mysten/sui/transactions';
import { isValidSuiAddress, normalizeSuiAddress } from '@mysten/sui/utils';
import type { Deployment, SharedObject } from '../deployment.ts';
import { formatWal } from '../format.ts';

/**
 * An owned object: its ID (the client looks up version and digest when the
 * transaction is built) or its full reference (no lookup; used by tests and by
 * callers that already hold it).
 */
export type ObjectInput = string | { objectId: string; version: string | number; digest: string };

/** A WAL coin the sender owns, with its balance in FROST. */
export interface WalCoin {
  ref: ObjectInput;
  balance: bigint;
}

/** What every builder needs: where Tusk lives and who signs. */
export interface TxContext {
  deployment: Deployment;
  /** The signing address; results (new StakedWal, withdrawn coins) are sent here. */
  sender: string;
}

/** A builder's input cannot make a valid transaction; `message` says why, for a person. */
export class TxInputError extends Error {
  override name = 'TxInputError';
}

export function requireAddress(value: string, what: string): string {
  if (
    typeof value !== 'string' ||
    !/^0x[0-9a-fA-F]{1,64}$/.test(value.trim()) ||
    !isValidSuiAddress(normalizeSuiAddress(value.trim()))
  ) {
    throw new TxInputError(
      `${what} must be a Sui ID: 0x followed by up to 64 hex digits (got "${String(value).slice(0, 70)}")`,
    );
  }
  return normalizeSuiAddress(value.trim());
}

export function ownedObject(tx: Transaction, input: ObjectInput, what: string): TransactionObjectArgument {
  if (typeof input === 'string') return tx.object(requireAddress(input, what));
  return tx.objectRef({ objectId: requireAddress(input.objectId, what), version: input.version, digest: input.digest });
}

/**
 * A shared object of the deployment, by reference when its initial shared
 * version is known (offline build) and by ID otherwise (the client resolves it).
 * `mutable` must match how the Move function takes it (`&mut` vs `&`).
 */
export function sharedObject(tx: Transaction, object: SharedObject, mutable: boolean): TransactionObjectArgument {
  if (object.initialSharedVersion === undefined) return tx.object(object.objectId);
  return tx.sharedObjectRef({ objectId: object.objectId, initialSharedVersion: object.initialSharedVersion, mutable });
}

/** `<package>::<module>::<function>` on the current `tusk` package. */
export function tuskTarget(deployment: Deployment, module: string, fn: string): `${string}::${string}::${string}` {
  return `${deployment.packages.tuskCurrent}::${module}::${fn}`;
}

export function startTransaction(tx: Transaction, context: TxContext): string {
  const sender = requireAddress(context.sender, 'sender');
  tx.setSenderIfNotSet(sender);
  return sender;
}

/**
 * A `Coin<WAL>` worth exactly `amount`, taken from the sender's `coins`: they
 * are merged into the first, and `amount` split off unless it is the whole sum
 * (then the merged coin itself is used, leaving no empty coin behind).
 */
export function walPayment(
  tx: Transaction,
  coins: WalCoin[],
  amount: bigint,
  label: string,
): TransactionObjectArgument {
  if (coins.length === 0) throw new TxInputError(`${label} needs WAL, and this address holds no WAL coins`);
  const total = coins.reduce((sum, coin) => sum + coin.balance, 0n);
  if (amount > total) {
    throw new TxInputError(
      `${label} of ${formatWal(amount, { exact: true })} is more than your WAL balance of ${formatWal(total, { exact: true })}`,
    );
  }
  // Use as few coins as cover the amount, largest first, so unrelated coins stay untouched.
  const sorted = [...coins].sort((a, b) => (b.balance > a.balance ? 1 : b.balance < a.balance ? -1 : 0));
  const used: WalCoin[] = [];
  let covered = 0n;
  for (const coin of sorted) {
    if (covered >= amount) break;
    used.push(coin);
    covered += coin.balance;
  }
  const [first, ...rest] = used.map((coin) => ownedObject(tx, coin.ref, 'WAL coin'));
  if (!first) throw new TxInputError(`${label} must be more than 0 WAL`);
  if (rest.length > 0) tx.mergeCoins(first, rest);
  if (covered === amount) return first;
  const [part] = tx.splitCoins(first, [tx.pure.u64(amount)]);
  return part!;
}

export function requireU64(value: bigint, what: string): bigint {
  if (typeof value !== 'bigint') throw new TxInputError(`${what} must be a whole number of FROST`);
  if (value < 0n) throw new TxInputError(`${what} must not be negative (got ${value})`);
  if (value >= 2n ** 64n) throw new TxInputError(`${what} is larger than a u64 (got ${value})`);
  return value;
}
