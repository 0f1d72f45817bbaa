/**
 * Operator builders, each authorized by the node's `StorageNodeCap`: collect
 * accrued commission, schedule a commission change (effective two epochs
 * later), vote on prices and capacity, and vote to slash another node. Also
 * `executeSlash`, which anyone may call once a slash has its quorum.
 */
import { Transaction } from '@mysten/sui/transactions';
import { BPS_DENOMINATOR } from '../protocol.ts';
import {
  objectIdOf,
  ownedObject,
  requireAddress,
  requireU64,
  sharedObject,
  startTransaction,
  tuskTarget,
  TxInputError,
  type ObjectInput,
  type TxContext,
} from './inputs.ts';
import type { BuiltTx, OperatorIntent } from './intent.ts';

type Intent<K extends OperatorIntent['kind']> = BuiltTx<Extract<OperatorIntent, { kind: K }>>;

export interface CapInput extends TxContext {
  cap: ObjectInput;
}

/** Collect the node's accrued commission; the coin goes to the sender. */
export function buildCollectCommission(input: CapInput, tx = new Transaction()): Intent<'collectCommission'> {
  const sender = startTransaction(tx, input);
  const capId = objectIdOf(input.cap, 'StorageNodeCap ID');
  const coin = tx.moveCall({
    target: tuskTarget(input.deployment, 'staking', 'collect_commission'),
    arguments: [
      sharedObject(tx, input.deployment.objects.staking, true),
      ownedObject(tx, input.cap, 'StorageNodeCap ID'),
    ],
  });
  tx.transferObjects([coin], sender);
  return { transaction: tx, intent: { kind: 'collectCommission', sender, capId } };
}

export interface ScheduleCommissionInput extends CapInput {
  /** The new rate in basis points (0..10,000). */
  rateBps: number;
}

export function buildScheduleCommission(
  input: ScheduleCommissionInput,
  tx = new Transaction(),
): Intent<'scheduleCommission'> {
  const sender = startTransaction(tx, input);
  const capId = objectIdOf(input.cap, 'StorageNodeCap ID');
  if (!Number.isInteger(input.rateBps) || input.rateBps < 0 || input.rateBps > Number(BPS_DENOMINATOR)) {
    throw new TxInputError(`commission must be between 0% and 100% (0 to 10,000 basis points; got ${input.rateBps})`);
  }
  tx.moveCall({
    target: tuskTarget(input.deployment, 'staking', 'set_commission'),
    arguments: [
      sharedObject(tx, input.deployment.objects.staking, true),
      ownedObject(tx, input.cap, 'StorageNodeCap ID'),
      tx.pure.u16(input.rateBps),
    ],
  });
  return { transaction: tx, intent: { kind: 'scheduleCommission', sender, capId, rateBps: input.rateBps } };
}

export interface PriceVoteInput extends CapInput {
  /** FROST per MiB per epoch. */
  storagePrice: bigint;
  /** FROST per MiB written. */
  writePrice: bigint;
  /** Bytes the node offers. */
  capacity: bigint;
}

export function buildVoteForPrices(input: PriceVoteInput, tx = new Transaction()): Intent<'voteForPrices'> {
  const sender = startTransaction(tx, input);
  const capId = objectIdOf(input.cap, 'StorageNodeCap ID');
  requireU64(input.storagePrice, 'storage price');
  requireU64(input.writePrice, 'write price');
  requireU64(input.capacity, 'capacity');
  tx.moveCall({
    target: tuskTarget(input.deployment, 'staking', 'vote_for_prices'),
    arguments: [
      sharedObject(tx, input.deployment.objects.staking, true),
      ownedObject(tx, input.cap, 'StorageNodeCap ID'),
      tx.pure.u64(input.storagePrice),
      tx.pure.u64(input.writePrice),
      tx.pure.u64(input.capacity),
    ],
  });
  const { storagePrice, writePrice, capacity } = input;
  return {
    transaction: tx,
    intent: { kind: 'voteForPrices', sender, capId, storagePrice, writePrice, capacity },
  };
}

export interface SlashVoteInput extends CapInput {
  /** The node the voter wants slashed (not itself). */
  targetNodeId: string;
  /** The voter's own node ID, when known, to refuse a self-slash early. */
  voterNodeId?: string;
}

export function buildSlashVote(input: SlashVoteInput, tx = new Transaction()): Intent<'slashVote'> {
  const sender = startTransaction(tx, input);
  const capId = objectIdOf(input.cap, 'StorageNodeCap ID');
  const target = requireAddress(input.targetNodeId, 'target node ID');
  const voterNodeId = input.voterNodeId === undefined ? null : requireAddress(input.voterNodeId, 'voter node ID');
  if (voterNodeId === target) throw new TxInputError('a node cannot vote to slash itself');
  tx.moveCall({
    target: tuskTarget(input.deployment, 'staking', 'vote_for_slash'),
    arguments: [
      sharedObject(tx, input.deployment.objects.staking, true),
      ownedObject(tx, input.cap, 'StorageNodeCap ID'),
      tx.pure.id(target),
    ],
  });
  return { transaction: tx, intent: { kind: 'slashVote', sender, capId, targetNodeId: target, voterNodeId } };
}

export interface ExecuteSlashInput extends TxContext {
  targetNodeId: string;
}

/** Carry out a slash that reached its 2/3-of-shards quorum this epoch. Anyone may call it. */
export function buildExecuteSlash(input: ExecuteSlashInput, tx = new Transaction()): Intent<'executeSlash'> {
  const sender = startTransaction(tx, input);
  const target = requireAddress(input.targetNodeId, 'target node ID');
  tx.moveCall({
    target: tuskTarget(input.deployment, 'staking', 'execute_slash'),
    arguments: [
      sharedObject(tx, input.deployment.objects.staking, true),
      sharedObject(tx, input.deployment.objects.walTreasury, true),
      tx.pure.id(target),
    ],
  });
  return { transaction: tx, intent: { kind: 'executeSlash', sender, targetNodeId: target } };
}
