/**
 * Builders over a delegator's `StakedWal` positions: request a withdrawal
 * (whole, or part by splitting first), withdraw, split and join.
 */
import { Transaction, type TransactionObjectArgument } from '@mysten/sui/transactions';
import { MIN_STAKE_FROST } from '../protocol.ts';
import { formatWal } from '../format.ts';
import {
  objectIdOf,
  ownedObject,
  requireU64,
  sharedObject,
  startTransaction,
  tuskTarget,
  TxInputError,
  type ObjectInput,
  type TxContext,
} from './inputs.ts';
import type { BuiltTx, JoinIntent, PositionIntent, SplitIntent } from './intent.ts';

export interface PositionInput extends TxContext {
  stakedWal: ObjectInput;
}

export interface PartialPositionInput extends PositionInput {
  /** The position's principal in FROST. Required with `amount`, to check both parts stay at least 1 WAL. */
  principal?: bigint;
  /** FROST to act on; omit (or pass the whole principal) to act on the whole position. */
  amount?: bigint;
}

/**
 * Checks a split of `amount` out of a position of `principal`: both the part
 * split off and the part left must hold at least 1 WAL.
 */
export function checkSplit(principal: bigint, amount: bigint, action: string): void {
  requireU64(amount, action);
  if (amount <= 0n) throw new TxInputError(`${action} must be more than 0 WAL`);
  if (amount > principal) {
    throw new TxInputError(
      `${action} of ${formatWal(amount, { exact: true })} is more than the position's ${formatWal(principal, { exact: true })}`,
    );
  }
  if (amount < MIN_STAKE_FROST) {
    throw new TxInputError(
      `${action} must be at least ${formatWal(MIN_STAKE_FROST, { exact: true })} (got ${formatWal(amount, { exact: true, unit: false })})`,
    );
  }
  if (principal - amount < MIN_STAKE_FROST) {
    throw new TxInputError(
      `${action} would leave ${formatWal(principal - amount, { exact: true })} staked, less than the ${formatWal(MIN_STAKE_FROST, { exact: true })} minimum; ${action === 'split' ? 'choose a smaller amount' : 'withdraw the whole position instead'}`,
    );
  }
}

/** The position itself, or (partial) a new `StakedWal` of `amount` split out of it; and the intent of acting on it. */
function targetPosition(
  tx: Transaction,
  input: PartialPositionInput,
  kind: PositionIntent['kind'],
  sender: string,
): { position: TransactionObjectArgument; intent: PositionIntent } {
  const stakedWalId = objectIdOf(input.stakedWal, 'StakedWal ID');
  const position = ownedObject(tx, input.stakedWal, 'StakedWal ID');
  const principal = input.principal ?? null;
  if (principal !== null) requireU64(principal, 'principal');
  if (input.amount === undefined || (principal !== null && input.amount === principal)) {
    const intent: PositionIntent = { kind, sender, stakedWalId, amount: principal, principal, splitFirst: false };
    return { position, intent };
  }
  if (principal === null) throw new TxInputError("a partial withdrawal needs the position's principal");
  checkSplit(principal, input.amount, 'withdrawal');
  const part = tx.moveCall({
    target: tuskTarget(input.deployment, 'staking', 'split_staked_wal'),
    arguments: [sharedObject(tx, input.deployment.objects.staking, false), position, tx.pure.u64(input.amount)],
  });
  return {
    position: part,
    intent: { kind, sender, stakedWalId, amount: input.amount, principal, splitFirst: true },
  };
}

/**
 * Request to withdraw an active position (or `amount` of it): the stake stops
 * earning at the withdraw epoch and can be withdrawn from then on. A partial
 * request splits first; the requested part becomes its own `StakedWal`.
 */
export function buildRequestWithdraw(input: PartialPositionInput, tx = new Transaction()): BuiltTx<PositionIntent> {
  const sender = startTransaction(tx, input);
  const { position, intent } = targetPosition(tx, input, 'requestWithdraw', sender);
  tx.moveCall({
    target: tuskTarget(input.deployment, 'staking', 'request_withdraw_stake'),
    arguments: [sharedObject(tx, input.deployment.objects.staking, true), position],
  });
  if (intent.splitFirst) tx.transferObjects([position], sender);
  return { transaction: tx, intent };
}

/**
 * Withdraw a position whose withdraw epoch has come (principal plus rewards,
 * minus slashes), or one that is not active yet (principal only, at once). A
 * partial withdrawal of a not-yet-active position splits first.
 */
export function buildWithdraw(input: PartialPositionInput, tx = new Transaction()): BuiltTx<PositionIntent> {
  const sender = startTransaction(tx, input);
  const { position, intent } = targetPosition(tx, input, 'withdraw', sender);
  const coin = tx.moveCall({
    target: tuskTarget(input.deployment, 'staking', 'withdraw_stake'),
    arguments: [sharedObject(tx, input.deployment.objects.staking, true), position],
  });
  tx.transferObjects([coin], sender);
  return { transaction: tx, intent };
}

export interface SplitInput extends PositionInput {
  principal: bigint;
  /** FROST moved into the new position. */
  amount: bigint;
}

/** Split `amount` out of a position into a new `StakedWal` owned by the sender. */
export function buildSplit(input: SplitInput, tx = new Transaction()): BuiltTx<SplitIntent> {
  const sender = startTransaction(tx, input);
  checkSplit(input.principal, input.amount, 'split');
  const stakedWalId = objectIdOf(input.stakedWal, 'StakedWal ID');
  const part = tx.moveCall({
    target: tuskTarget(input.deployment, 'staking', 'split_staked_wal'),
    arguments: [
      sharedObject(tx, input.deployment.objects.staking, false),
      ownedObject(tx, input.stakedWal, 'StakedWal ID'),
      tx.pure.u64(input.amount),
    ],
  });
  tx.transferObjects([part], sender);
  return {
    transaction: tx,
    intent: { kind: 'split', sender, stakedWalId, principal: input.principal, amount: input.amount },
  };
}

export interface JoinInput extends TxContext {
  /** The position that remains. */
  into: ObjectInput;
  /** Positions merged into `into` (same node, same state and activation epoch). */
  from: ObjectInput[];
}

/** Join positions into one: each of `from` is merged into `into` and stops existing. */
export function buildJoin(input: JoinInput, tx = new Transaction()): BuiltTx<JoinIntent> {
  const sender = startTransaction(tx, input);
  if (input.from.length === 0) throw new TxInputError('join needs at least one other position to merge');
  const intoId = objectIdOf(input.into, 'StakedWal ID');
  const fromIds = input.from.map((from) => objectIdOf(from, 'StakedWal ID'));
  if (new Set([intoId, ...fromIds]).size !== input.from.length + 1)
    throw new TxInputError('a position cannot be joined with itself');
  const into = ownedObject(tx, input.into, 'StakedWal ID');
  const staking = sharedObject(tx, input.deployment.objects.staking, false);
  for (const from of input.from) {
    tx.moveCall({
      target: tuskTarget(input.deployment, 'staking', 'join_staked_wal'),
      arguments: [staking, into, ownedObject(tx, from, 'StakedWal ID')],
    });
  }
  return { transaction: tx, intent: { kind: 'join', sender, intoId, fromIds } };
}
