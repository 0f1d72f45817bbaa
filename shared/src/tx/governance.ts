/**
 * Governance builders: vote (as a node with its `StorageNodeCap`, or as a
 * delegator with `StakedWal` positions, which overrides the node's vote for
 * that stake), propose (parameter change, package upgrade, text) with a WAL
 * deposit, and finalize a proposal whose voting window has closed.
 */
import { Transaction } from '@mysten/sui/transactions';
import { fromHex, toHex } from '@mysten/sui/utils';
import { formatWal } from '../format.ts';
import { GOVERNED_PARAMETER_RANGES } from '../protocol.ts';
import {
  objectIdOf,
  ownedObject,
  requireAddress,
  requireU64,
  sharedObject,
  startTransaction,
  tuskTarget,
  TxInputError,
  walPayment,
  type ObjectInput,
  type TxContext,
  type WalCoin,
} from './inputs.ts';
import type { BuiltTx, FinalizeIntent, ProposeIntent, VoteIntent } from './intent.ts';

/** Vote options as the Move code numbers them. */
export const VOTE_OPTIONS = { yes: 0, no: 1, abstain: 2, noWithVeto: 3 } as const;
export type VoteOption = keyof typeof VOTE_OPTIONS;
export const VOTE_OPTION_LABELS: Record<VoteOption, string> = {
  yes: 'Yes',
  no: 'No',
  abstain: 'Abstain',
  noWithVeto: 'No with veto',
};
/** The option name for a Move option number (0..3), or undefined. */
export function voteOptionName(option: number): VoteOption | undefined {
  return (Object.keys(VOTE_OPTIONS) as VoteOption[]).find((name) => VOTE_OPTIONS[name] === option);
}

function optionCode(option: VoteOption): number {
  const code = VOTE_OPTIONS[option];
  if (code === undefined)
    throw new TxInputError(`vote must be one of ${Object.keys(VOTE_OPTIONS).join(', ')} (got "${String(option)}")`);
  return code;
}

export interface NodeVoteInput extends TxContext {
  cap: ObjectInput;
  proposalId: string;
  option: VoteOption;
}

/** A node votes on a proposal with its pool's whole stake. */
export function buildVoteAsNode(input: NodeVoteInput, tx = new Transaction()): BuiltTx<VoteIntent> {
  const sender = startTransaction(tx, input);
  const proposalId = requireAddress(input.proposalId, 'proposal ID');
  const capId = objectIdOf(input.cap, 'StorageNodeCap ID');
  tx.moveCall({
    target: tuskTarget(input.deployment, 'governance', 'vote_as_node'),
    arguments: [
      sharedObject(tx, input.deployment.objects.governance, true),
      sharedObject(tx, input.deployment.objects.staking, false),
      ownedObject(tx, input.cap, 'StorageNodeCap ID'),
      tx.pure.id(proposalId),
      tx.pure.u8(optionCode(input.option)),
    ],
  });
  return { transaction: tx, intent: { kind: 'voteAsNode', sender, proposalId, option: input.option, capId } };
}

export interface StakeVoteInput extends TxContext {
  /** Every position to vote with (one call each, one transaction). */
  stakedWals: ObjectInput[];
  proposalId: string;
  option: VoteOption;
}

/** A delegator votes with its positions, overriding their nodes' votes for that stake. */
export function buildVoteWithStake(input: StakeVoteInput, tx = new Transaction()): BuiltTx<VoteIntent> {
  const sender = startTransaction(tx, input);
  if (input.stakedWals.length === 0) throw new TxInputError('voting with stake needs at least one active position');
  const proposalId = requireAddress(input.proposalId, 'proposal ID');
  const option = optionCode(input.option);
  const stakedWalIds = input.stakedWals.map((stakedWal) => objectIdOf(stakedWal, 'StakedWal ID'));
  if (new Set(stakedWalIds).size !== stakedWalIds.length)
    throw new TxInputError('each position can vote only once in a transaction');
  const governance = sharedObject(tx, input.deployment.objects.governance, true);
  const staking = sharedObject(tx, input.deployment.objects.staking, false);
  for (const stakedWal of input.stakedWals) {
    tx.moveCall({
      target: tuskTarget(input.deployment, 'governance', 'vote_with_stake'),
      arguments: [
        governance,
        staking,
        ownedObject(tx, stakedWal, 'StakedWal ID'),
        tx.pure.id(proposalId),
        tx.pure.u8(option),
      ],
    });
  }
  return {
    transaction: tx,
    intent: { kind: 'voteWithStake', sender, proposalId, option: input.option, stakedWalIds },
  };
}

interface ProposeBase extends TxContext {
  /** FROST put down as the deposit (returned unless the proposal is vetoed). */
  deposit: bigint;
  /** The minimum deposit in force, when known, to fail early with a clear message. */
  minDeposit?: bigint;
  walCoins: WalCoin[];
}

function depositCoin(tx: Transaction, input: ProposeBase): ReturnType<typeof walPayment> {
  requireU64(input.deposit, 'deposit');
  if (input.deposit <= 0n) throw new TxInputError('deposit must be more than 0 WAL');
  if (input.minDeposit !== undefined && input.deposit < input.minDeposit) {
    throw new TxInputError(
      `deposit must be at least ${formatWal(input.minDeposit, { exact: true })} (got ${formatWal(input.deposit, { exact: true, unit: false })})`,
    );
  }
  return walPayment(tx, input.walCoins, input.deposit, 'deposit');
}

export interface ParameterChangeInput extends ProposeBase {
  /** A governed protocol parameter's name, e.g. `slash_bps`. */
  name: string;
  value: bigint;
}

export function buildProposeParameterChange(
  input: ParameterChangeInput,
  tx = new Transaction(),
): BuiltTx<ProposeIntent> {
  const sender = startTransaction(tx, input);
  const name = input.name.trim();
  if (!/^[a-z][a-z0-9_]{0,63}$/.test(name)) {
    throw new TxInputError(`parameter name must be lower_snake_case like slash_bps (got "${input.name.slice(0, 70)}")`);
  }
  requireU64(input.value, 'parameter value');
  const range = (GOVERNED_PARAMETER_RANGES as Record<string, { min: bigint; max: bigint }>)[name];
  if (!range) {
    throw new TxInputError(
      `"${name}" is not a governed parameter (one of ${Object.keys(GOVERNED_PARAMETER_RANGES).join(', ')})`,
    );
  }
  if (input.value < range.min || input.value > range.max) {
    throw new TxInputError(
      `${name} must be between ${range.min} and ${range.max}, its safe range (got ${input.value}); the chain refuses anything else`,
    );
  }
  const { coin, coinIds } = depositCoin(tx, input);
  tx.moveCall({
    target: tuskTarget(input.deployment, 'governance', 'propose_parameter_change'),
    arguments: [
      sharedObject(tx, input.deployment.objects.governance, true),
      sharedObject(tx, input.deployment.objects.staking, false),
      tx.pure.string(name),
      tx.pure.u64(input.value),
      coin,
    ],
  });
  return {
    transaction: tx,
    intent: { kind: 'proposeParameter', sender, name, value: input.value, deposit: input.deposit, coinIds },
  };
}

export interface UpgradeInput extends ProposeBase {
  /** The 32-byte digest of the package to authorize, as bytes or hex (with or without 0x). */
  digest: Uint8Array | string;
}

export function parseDigest(digest: Uint8Array | string): Uint8Array {
  if (digest instanceof Uint8Array) {
    if (digest.length !== 32) throw new TxInputError(`package digest must be 32 bytes (got ${digest.length})`);
    return digest;
  }
  const hex = digest.trim().replace(/^0x/i, '');
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) {
    throw new TxInputError(`package digest must be 64 hex digits (32 bytes) (got "${digest.trim().slice(0, 70)}")`);
  }
  return fromHex(hex);
}

export function buildProposeUpgrade(input: UpgradeInput, tx = new Transaction()): BuiltTx<ProposeIntent> {
  const sender = startTransaction(tx, input);
  const digest = parseDigest(input.digest);
  const { coin, coinIds } = depositCoin(tx, input);
  tx.moveCall({
    target: tuskTarget(input.deployment, 'governance', 'propose_upgrade'),
    arguments: [
      sharedObject(tx, input.deployment.objects.governance, true),
      sharedObject(tx, input.deployment.objects.staking, false),
      tx.pure.vector('u8', digest),
      coin,
    ],
  });
  return {
    transaction: tx,
    intent: { kind: 'proposeUpgrade', sender, digest: `0x${toHex(digest)}`, deposit: input.deposit, coinIds },
  };
}

/** Longest text proposal accepted here (bytes of UTF-8), to keep transactions small. */
export const MAX_PROPOSAL_TEXT_BYTES = 4096;

export interface TextProposalInput extends ProposeBase {
  text: string;
}

export function buildProposeText(input: TextProposalInput, tx = new Transaction()): BuiltTx<ProposeIntent> {
  const sender = startTransaction(tx, input);
  const text = input.text.trim();
  if (text === '') throw new TxInputError('proposal text is required');
  const bytes = new TextEncoder().encode(text).length;
  if (bytes > MAX_PROPOSAL_TEXT_BYTES) {
    throw new TxInputError(`proposal text must be at most ${MAX_PROPOSAL_TEXT_BYTES} bytes (got ${bytes})`);
  }
  const { coin, coinIds } = depositCoin(tx, input);
  tx.moveCall({
    target: tuskTarget(input.deployment, 'governance', 'propose_text'),
    arguments: [
      sharedObject(tx, input.deployment.objects.governance, true),
      sharedObject(tx, input.deployment.objects.staking, false),
      tx.pure.string(text),
      coin,
    ],
  });
  return { transaction: tx, intent: { kind: 'proposeText', sender, text, deposit: input.deposit, coinIds } };
}

export interface FinalizeInput extends TxContext {
  proposalId: string;
}

/** Close a proposal whose voting window ended: tally, return or burn the deposit. Anyone may call it. */
export function buildFinalizeProposal(input: FinalizeInput, tx = new Transaction()): BuiltTx<FinalizeIntent> {
  const sender = startTransaction(tx, input);
  const proposalId = requireAddress(input.proposalId, 'proposal ID');
  tx.moveCall({
    target: tuskTarget(input.deployment, 'governance', 'finalize'),
    arguments: [
      sharedObject(tx, input.deployment.objects.governance, true),
      // `&mut Staking`: a passed parameter change is recorded there.
      sharedObject(tx, input.deployment.objects.staking, true),
      sharedObject(tx, input.deployment.objects.walTreasury, true),
      tx.pure.id(proposalId),
    ],
  });
  return { transaction: tx, intent: { kind: 'finalize', sender, proposalId } };
}
