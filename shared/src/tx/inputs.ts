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

/** The normalized ID of an owned-object input. */
export function objectIdOf(input: ObjectInput, what: string): string {
  return requireAddress(typeof input === 'string' ? input : input.objectId, what);
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
 * Most coins one `MergeCoins` command takes: Sui limits a command to 512
 * arguments, so longer lists are merged in several commands.
 */
export const MAX_COINS_PER_MERGE = 500;

/**
 * Most WAL coins one payment uses: every coin is an object input of about 75
 * bytes and a transaction may be 128 KiB at most, so a payment spread over
 * more coins has to be consolidated first (in several transactions).
 */
export const MAX_PAYMENT_COINS = 1_200;

/**
 * A `Coin<WAL>` worth exactly `amount`, taken from the sender's `coins`: they
 * are merged into the first (in commands of at most `MAX_COINS_PER_MERGE`),
 * and `amount` split off unless it is the whole sum (then the merged coin
 * itself is used, leaving no empty coin behind). `coinIds` are the coins
 * used, for the transaction's intent.
 */
export function walPayment(
  tx: Transaction,
  coins: WalCoin[],
  amount: bigint,
  label: string,
): { coin: TransactionObjectArgument; coinIds: string[] } {
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
  if (used.length > MAX_PAYMENT_COINS) {
    throw new TxInputError(
      `${label} of ${formatWal(amount, { exact: true })} needs ${used.length} of your WAL coins, more than one transaction can carry (${MAX_PAYMENT_COINS}); merge your coins first or use a smaller amount`,
    );
  }
  const coinIds = used.map((coin) => objectIdOf(coin.ref, 'WAL coin'));
  const [first, ...rest] = used.map((coin) => ownedObject(tx, coin.ref, 'WAL coin'));
  if (!first) throw new TxInputError(`${label} must be more than 0 WAL`);
  for (let at = 0; at < rest.length; at += MAX_COINS_PER_MERGE) {
    tx.mergeCoins(first, rest.slice(at, at + MAX_COINS_PER_MERGE));
  }
  if (covered === amount) return { coin: first, coinIds };
  const [part] = tx.splitCoins(first, [tx.pure.u64(amount)]);
  return { coin: part!, coinIds };
}

export function requireU64(value: bigint, what: string): bigint {
  if (typeof value !== 'bigint') throw new TxInputError(`${what} must be a whole number of FROST`);
  if (value < 0n) throw new TxInputError(`${what} must not be negative (got ${value})`);
  if (value >= 2n ** 64n) throw new TxInputError(`${what} is larger than a u64 (got ${value})`);
  return value;
}
