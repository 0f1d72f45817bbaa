/**
 * What a transaction is meant to do, typed: every builder returns its
 * `Transaction` together with a `TxIntent` made from the same checked inputs
 * (IDs normalized, amounts in FROST). The review before signing is built from
 * the intent (`review.ts`) and checked against the simulation's effects, so a
 * person signs what they were shown, argument by argument.
 */
import type { Transaction } from '@mysten/sui/transactions';
import type { VoteOption } from './governance.ts';

/** A transaction and the description of what it does, from one builder call. */
export interface BuiltTx<I extends TxIntent = TxIntent> {
  transaction: Transaction;
  intent: I;
}

/** Delegation: stake, and actions on `StakedWal` positions. */
export type StakeIntent = {
  kind: 'stake';
  sender: string;
  nodeId: string;
  /** FROST staked: the coin handed to `stake_with_pool` holds exactly this. */
  amount: bigint;
  /** The WAL coins paid from (merged, then split unless used whole). */
  coinIds: string[];
};

/** Request a withdrawal, or withdraw; `amount` null acts on the whole position whatever it holds. */
export type PositionIntent = {
  kind: 'requestWithdraw' | 'withdraw';
  sender: string;
  stakedWalId: string;
  /** FROST acted on, or null for the whole position. */
  amount: bigint | null;
  /** The position's principal when the caller knew it. */
  principal: bigint | null;
  /** A part is split into a new position first, which is then acted on. */
  splitFirst: boolean;
};

export type SplitIntent = {
  kind: 'split';
  sender: string;
  stakedWalId: string;
  principal: bigint;
  /** FROST moved into the new position. */
  amount: bigint;
};

export type JoinIntent = {
  kind: 'join';
  sender: string;
  /** The position that remains. */
  intoId: string;
  /** Positions merged into `intoId`: they stop existing. */
  fromIds: string[];
};

/** Governance. */
export type VoteIntent =
  | { kind: 'voteWithStake'; sender: string; proposalId: string; option: VoteOption; stakedWalIds: string[] }
  | { kind: 'voteAsNode'; sender: string; proposalId: string; option: VoteOption; capId: string };

interface DepositPart {
  /** FROST put down as the deposit. */
  deposit: bigint;
  coinIds: string[];
}

export type ProposeIntent =
  | ({ kind: 'proposeParameter'; sender: string; name: string; value: bigint } & DepositPart)
  | ({ kind: 'proposeUpgrade'; sender: string; /** 0x + 64 hex digits. */ digest: string } & DepositPart)
  | ({ kind: 'proposeText'; sender: string; text: string } & DepositPart);

export type FinalizeIntent = { kind: 'finalize'; sender: string; proposalId: string };

/** Operator actions, authorized by a `StorageNodeCap`. */
export type OperatorIntent =
  | { kind: 'collectCommission'; sender: string; capId: string }
  | { kind: 'scheduleCommission'; sender: string; capId: string; rateBps: number }
  | {
      kind: 'voteForPrices';
      sender: string;
      capId: string;
      storagePrice: bigint;
      writePrice: bigint;
      capacity: bigint;
    }
  | { kind: 'slashVote'; sender: string; capId: string; targetNodeId: string; voterNodeId: string | null }
  | { kind: 'executeSlash'; sender: string; targetNodeId: string };

export type TxIntent =
  | StakeIntent
  | PositionIntent
  | SplitIntent
  | JoinIntent
  | VoteIntent
  | ProposeIntent
  | FinalizeIntent
  | OperatorIntent;

export type TxKind = TxIntent['kind'];

/**
 * Whether two intents describe the same transaction: the review is made from
 * one build and the wallet signs a fresh one (current object versions), so the
 * flow checks that nothing a person saw changed in between.
 */
export function sameIntent(a: TxIntent, b: TxIntent): boolean {
  return intentKey(a) === intentKey(b);
}

/** A stable text form of an intent (bigints as decimal strings). */
export function intentKey(intent: TxIntent): string {
  return JSON.stringify(intent, (_key, value: unknown) => (typeof value === 'bigint' ? `${value}n` : value));
}
