/**
 * Stake WAL with a storage node: `staking::stake_with_pool` with a coin of
 * exactly `amount`, and the new `StakedWal` sent to the sender. It becomes
 * active at E+1 when staked before the epoch's voting end, else at E+2
 * (`epochTiming.stakeActivationEpoch`).
 */
import { Transaction } from '@mysten/sui/transactions';
import { MIN_STAKE_FROST } from '../protocol.ts';
import { formatWal } from '../format.ts';
import {
  requireAddress,
  requireU64,
  sharedObject,
  startTransaction,
  tuskTarget,
  TxInputError,
  walPayment,
  type TxContext,
  type WalCoin,
} from './inputs.ts';
import type { BuiltTx, StakeIntent } from './intent.ts';

export interface StakeInput extends TxContext {
  nodeId: string;
  /** FROST to stake (at least 1 WAL). */
  amount: bigint;
  /** The sender's WAL coins to pay from. */
  walCoins: WalCoin[];
}

export function buildStake(input: StakeInput, tx = new Transaction()): BuiltTx<StakeIntent> {
  const sender = startTransaction(tx, input);
  const nodeId = requireAddress(input.nodeId, 'node ID');
  requireU64(input.amount, 'stake');
  if (input.amount < MIN_STAKE_FROST) {
    throw new TxInputError(
      `stake must be at least ${formatWal(MIN_STAKE_FROST, { exact: true })} (got ${formatWal(input.amount, { exact: true, unit: false })})`,
    );
  }
  const { coin, coinIds } = walPayment(tx, input.walCoins, input.amount, 'stake');
  const stakedWal = tx.moveCall({
    target: tuskTarget(input.deployment, 'staking', 'stake_with_pool'),
    arguments: [sharedObject(tx, input.deployment.objects.staking, true), coin, tx.pure.id(nodeId)],
  });
  tx.transferObjects([stakedWal], sender);
  return { transaction: tx, intent: { kind: 'stake', sender, nodeId, amount: input.amount, coinIds } };
}
