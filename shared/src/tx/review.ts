/**
 * The review a person reads before signing: built from the transaction's
 * intent (what the builder was asked to do, argument by argument) and checked
 * against its simulation (what it would actually do).
 *
 * - Every amount is exact to the FROST/MIST ("1.005 WAL", never "1.01 WAL").
 * - Every node is shown by name (made safe to print, `nodeNames.ts`) and by ID,
 *   with the warning of a duplicate or look-alike name.
 * - Every object the transaction creates, deletes, wraps or moves out of the
 *   sender's hands is listed with its ID and type.
 * - `mismatches` lists where the simulation disagrees with the intent (a
 *   different amount or node in the emitted event, WAL leaving the wallet
 *   unasked, an object given away): the dashboard refuses to sign while there
 *   is any.
 *
 * Plain data, no React: the dashboard renders it, tests read it.
 */
import { bcs } from '@mysten/sui/bcs';
import { normalizeStructTag, normalizeSuiAddress, toHex } from '@mysten/sui/utils';
import { deploymentTypes, type Deployment } from '../deployment.ts';
import { formatBps, formatBytes, formatCount, formatWal } from '../format.ts';
import { describeNameWarning, displayNodeName, type NameWarning } from '../nodeNames.ts';
import { VOTE_OPTION_LABELS, VOTE_OPTIONS } from './governance.ts';
import type { TxIntent } from './intent.ts';
import { eventsNamed, type ObjectChange, type SimulatedEffects } from './simulation.ts';

/** A node as the review names it: its name and, if flagged, why the name needs a second look. */
export interface ReviewNode {
  name: string;
  nameWarning?: NameWarning | null;
  similarNodeIds?: string[];
}

/** A position as the review describes it: principal (FROST, decimal string or bigint) and node. */
export interface ReviewPosition {
  principal: bigint | string;
  nodeId: string;
}

/** Names the dashboard already knows for the IDs an intent holds. */
export interface ReviewContext {
  /** Nodes by ID. */
  nodes?: Readonly<Record<string, ReviewNode>>;
  /** Positions by `StakedWal` ID. */
  positions?: Readonly<Record<string, ReviewPosition>>;
  /** Proposal titles by proposal ID. */
  proposals?: Readonly<Record<string, string>>;
  /** The node each `StorageNodeCap` (by cap ID) operates. */
  caps?: Readonly<Record<string, string>>;
  /** Current values of governed parameters, by name. */
  parameters?: Readonly<Record<string, string>>;
}

export interface ReviewRow {
  /** Stable key for the page and tests: 'amount', 'node', 'positions'. */
  key: string;
  /** What the value is: "Amount", "Node". */
  label: string;
  /** The value, exact. */
  value: string;
  /** Full IDs the value refers to (the page shortens them and offers a copy). */
  ids?: string[];
  /** Something to check before signing, e.g. a look-alike node name. */
  warning?: string;
}

export interface TxReview {
  /** One line: "Stake 1.005 WAL with aurora-1". */
  title: string;
  /** The transaction's arguments, from the intent. */
  action: ReviewRow[];
  /** What only the simulation knows: weights, epochs, the amount received. */
  outcome: ReviewRow[];
  /** Gas in MIST: computation + storage − rebate (negative when storage freed pays more than it costs). */
  fee: { computation: bigint; storage: bigint; rebate: bigint; total: bigint };
  /** The sender's balance changes, exact, by coin. */
  balanceChanges: { coinType: string; symbol: string; amount: bigint; text: string }[];
  created: ObjectChange[];
  /** Deleted and wrapped objects: they stop existing as objects of their own. */
  removed: ObjectChange[];
  /** The sender's objects that leave its hands. */
  transferred: ObjectChange[];
  /** Where the simulation disagrees with the intent; signing is refused while any is listed. */
  mismatches: string[];
  /** What the review could not check, said plainly (signing stays allowed). */
  notes: string[];
}

const SUI_TYPE = normalizeStructTag('0x2::sui::SUI');
const SUI_COIN = normalizeStructTag('0x2::coin::Coin<0x2::sui::SUI>');

/** The payload of a parameter-change proposal, as `governance::propose_parameter_change` encodes it. */
const ParameterChangePayload = bcs.struct('ParameterChangePayload', { name: bcs.string(), value: bcs.u64() });

/** FROST, exact: "1.005 WAL", "−3 WAL", "+0.000000001 WAL". */
export function formatWalExact(frost: bigint, signed = false): string {
  return formatWal(frost, { exact: true, signed });
}

/** MIST as SUI, exact to the MIST: "0.001234567 SUI". */
export function formatSuiExact(mist: bigint, signed = false): string {
  return `${formatWal(mist, { exact: true, signed, unit: false })} SUI`;
}

/** A position's principal from the context, as bigint. */
function principalOf(context: ReviewContext, stakedWalId: string): bigint | null {
  const position = context.positions?.[stakedWalId];
  return position ? BigInt(position.principal) : null;
}

function nodeRow(key: string, label: string, nodeId: string, context: ReviewContext): ReviewRow {
  const node = context.nodes?.[nodeId];
  const row: ReviewRow = {
    key,
    label,
    value: node ? displayNodeName(node.name) : 'a node not in the index',
    ids: [nodeId],
  };
  if (node?.nameWarning)
    row.warning = describeNameWarning({ warning: node.nameWarning, similarNodeIds: node.similarNodeIds ?? [] });
  return row;
}

function proposalRow(proposalId: string, context: ReviewContext): ReviewRow {
  return {
    key: 'proposal',
    label: 'Proposal',
    value: context.proposals?.[proposalId] ?? 'proposal',
    ids: [proposalId],
  };
}

function capRows(capId: string, context: ReviewContext): ReviewRow[] {
  const nodeId = context.caps?.[capId];
  const rows: ReviewRow[] = [];
  if (nodeId) rows.push(nodeRow('operator-node', 'As operator of', nodeId, context));
  rows.push({ key: 'cap', label: 'Authorized by', value: 'StorageNodeCap', ids: [capId] });
  return rows;
}

function coinsRow(coinIds: string[]): ReviewRow {
  return {
    key: 'coins',
    label: 'Paid from',
    value: `${coinIds.length} WAL coin${coinIds.length === 1 ? '' : 's'}`,
    ids: coinIds,
  };
}

function positionRow(key: string, label: string, stakedWalId: string, context: ReviewContext): ReviewRow {
  const principal = principalOf(context, stakedWalId);
  const nodeId = context.positions?.[stakedWalId]?.nodeId;
  const node = nodeId ? context.nodes?.[nodeId] : undefined;
  const parts = [principal !== null ? `${formatWalExact(principal)} principal` : 'StakedWal'];
  if (node) parts.push(`with ${displayNodeName(node.name)}`);
  return { key, label, value: parts.join(' '), ids: [stakedWalId] };
}

function partOf(amount: bigint | null, principal: bigint | null, splitFirst: boolean): string {
  if (amount === null) return 'the whole position';
  if (!splitFirst) return `${formatWalExact(amount)} (the whole position)`;
  return `${formatWalExact(amount)} of ${principal !== null ? formatWalExact(principal) : 'the position'}, split into a new position first; ${principal !== null ? `${formatWalExact(principal - amount)} stays` : 'the rest stays'} staked`;
}

const PROPOSAL_KINDS = { proposeParameter: 0, proposeUpgrade: 1, proposeText: 2 } as const;

/** The title and the argument rows of `intent`: what the person asks to sign, without the simulation. */
export function describeIntent(intent: TxIntent, context: ReviewContext = {}): { title: string; action: ReviewRow[] } {
  const nodeName = (nodeId: string) => {
    const node = context.nodes?.[nodeId];
    return node ? displayNodeName(node.name) : `node ${nodeId.slice(0, 10)}…`;
  };
  const signer: ReviewRow = { key: 'sender', label: 'Signed by', value: 'your address', ids: [intent.sender] };
  switch (intent.kind) {
    case 'stake':
      return {
        title: `Stake ${formatWalExact(intent.amount)} with ${nodeName(intent.nodeId)}`,
        action: [
          { key: 'amount', label: 'Amount', value: formatWalExact(intent.amount) },
          nodeRow('node', 'Node', intent.nodeId, context),
          coinsRow(intent.coinIds),
          signer,
        ],
      };
    case 'requestWithdraw':
    case 'withdraw': {
      const principal = intent.principal ?? principalOf(context, intent.stakedWalId);
      const verb = intent.kind === 'withdraw' ? 'Withdraw' : 'Request withdrawal of';
      const action: ReviewRow[] = [
        positionRow('position', 'Position', intent.stakedWalId, context),
        { key: 'amount', label: 'Amount', value: partOf(intent.amount, principal, intent.splitFirst) },
      ];
      const nodeId = context.positions?.[intent.stakedWalId]?.nodeId;
      if (nodeId) action.push(nodeRow('node', 'Node', nodeId, context));
      action.push(signer);
      return {
        title: `${verb} ${intent.amount === null || !intent.splitFirst ? 'a whole position' : formatWalExact(intent.amount)}`,
        action,
      };
    }
    case 'split':
      return {
        title: `Split ${formatWalExact(intent.amount)} off a position`,
        action: [
          positionRow('position', 'Position', intent.stakedWalId, context),
          { key: 'amount', label: 'Moved to a new position', value: formatWalExact(intent.amount) },
          { key: 'remaining', label: 'Stays in the position', value: formatWalExact(intent.principal - intent.amount) },
          signer,
        ],
      };
    case 'join':
      return {
        title: `Merge ${intent.fromIds.length} position${intent.fromIds.length === 1 ? '' : 's'} into one`,
        action: [
          positionRow('into', 'Kept position', intent.intoId, context),
          ...intent.fromIds.map((id, index) => positionRow(`from-${index}`, 'Merged in (deleted)', id, context)),
          signer,
        ],
      };
    case 'voteWithStake':
    case 'voteAsNode': {
      const option = VOTE_OPTION_LABELS[intent.option];
      const action: ReviewRow[] = [
        proposalRow(intent.proposalId, context),
        { key: 'option', label: 'Vote', value: option },
      ];
      if (intent.kind === 'voteWithStake') {
        const principals = intent.stakedWalIds.map((id) => principalOf(context, id));
        const known = principals.every((p) => p !== null);
        const total = principals.reduce<bigint>((sum, p) => sum + (p ?? 0n), 0n);
        action.push({
          key: 'positions',
          label: 'With positions',
          value: `${intent.stakedWalIds.length} position${intent.stakedWalIds.length === 1 ? '' : 's'}${known ? `, ${formatWalExact(total)} principal` : ''}`,
          ids: intent.stakedWalIds,
        });
      } else {
        action.push(...capRows(intent.capId, context));
      }
      action.push(signer);
      return {
        title: `Vote ${option} ${intent.kind === 'voteAsNode' ? 'as a node' : 'with your stake'}`,
        action,
      };
    }
    case 'proposeParameter':
    case 'proposeUpgrade':
    case 'proposeText': {
      const action: ReviewRow[] = [];
      let title: string;
      if (intent.kind === 'proposeParameter') {
        title = `Propose setting ${intent.name} to ${intent.value}`;
        action.push({ key: 'kind', label: 'Kind', value: 'Parameter change' });
        action.push({ key: 'parameter', label: 'Parameter', value: intent.name });
        action.push({ key: 'value', label: 'New value', value: intent.value.toString() });
        const current = context.parameters?.[intent.name];
        if (current !== undefined) action.push({ key: 'current', label: 'Current value', value: current });
      } else if (intent.kind === 'proposeUpgrade') {
        title = 'Propose a package upgrade';
        action.push({ key: 'kind', label: 'Kind', value: 'Package upgrade' });
        action.push({ key: 'digest', label: 'Package digest', value: intent.digest });
      } else {
        title = 'Propose a text';
        action.push({ key: 'kind', label: 'Kind', value: 'Text' });
        action.push({ key: 'text', label: 'Text', value: intent.text });
      }
      action.push({ key: 'deposit', label: 'Deposit', value: formatWalExact(intent.deposit) });
      action.push(coinsRow(intent.coinIds), signer);
      return { title, action };
    }
    case 'finalize':
      return { title: 'Finalize a proposal', action: [proposalRow(intent.proposalId, context), signer] };
    case 'collectCommission':
      return { title: 'Collect commission', action: [...capRows(intent.capId, context), signer] };
    case 'scheduleCommission':
      return {
        title: `Schedule a commission of ${formatBps(intent.rateBps)}`,
        action: [
          {
            key: 'rate',
            label: 'New commission',
            value: `${formatBps(intent.rateBps)} (${formatCount(intent.rateBps)} basis points)`,
          },
          ...capRows(intent.capId, context),
          signer,
        ],
      };
    case 'voteForPrices':
      return {
        title: 'Vote on prices and capacity',
        action: [
          {
            key: 'storage-price',
            label: 'Storage price',
            value: `${formatCount(intent.storagePrice)} FROST per MiB per epoch (${formatWalExact(intent.storagePrice)})`,
          },
          {
            key: 'write-price',
            label: 'Write price',
            value: `${formatCount(intent.writePrice)} FROST per MiB (${formatWalExact(intent.writePrice)})`,
          },
          {
            key: 'capacity',
            label: 'Capacity',
            value: `${formatCount(intent.capacity)} bytes (${formatBytes(intent.capacity)})`,
          },
          ...capRows(intent.capId, context),
          signer,
        ],
      };
    case 'slashVote': {
      const action = [nodeRow('target', 'Node to slash', intent.targetNodeId, context)];
      if (intent.voterNodeId) action.push(nodeRow('voter', 'Voting node', intent.voterNodeId, context));
      action.push({ key: 'cap', label: 'Authorized by', value: 'StorageNodeCap', ids: [intent.capId] }, signer);
      return { title: `Vote to slash ${nodeName(intent.targetNodeId)}`, action };
    }
    case 'executeSlash':
      return {
        title: `Execute the slash of ${nodeName(intent.targetNodeId)}`,
        action: [nodeRow('target', 'Node slashed', intent.targetNodeId, context), signer],
      };
  }
}

const PROPOSAL_STATUS: Record<number, string> = {
  1: 'passed',
  2: 'rejected',
  3: 'vetoed',
  4: 'failed quorum',
};

/**
 * What the simulation says the transaction did, beyond its arguments, and
 * every way it disagrees with `intent`. `mayDelete`: the objects the intent
 * consumes (its coins, a withdrawn or merged position). `walChange` is null
 * when the node reported no WAL balance change for the sender.
 */
function outcomeOf(
  intent: TxIntent,
  effects: SimulatedEffects,
  context: ReviewContext,
  walChange: bigint | null,
): { outcome: ReviewRow[]; mismatches: string[]; notes: string[]; mayDelete: Set<string> } {
  const outcome: ReviewRow[] = [];
  const mismatches: string[] = [];
  const notes: string[] = [];
  const mayDelete = new Set<string>();
  const sender = intent.sender;
  const expectWal = (expected: bigint, what: string) => {
    if (walChange === null) {
      // Nothing reported is a change of zero; a node that leaves out a change the events show
      // cannot be checked against, which the review says rather than hides.
      if (expected !== 0n)
        notes.push(
          `The node reported no WAL balance change; the ${formatWalExact(expected, true)} is checked against the transaction's event only.`,
        );
      return;
    }
    if (walChange !== expected)
      mismatches.push(
        `${what} should change your WAL by ${formatWalExact(expected, true)}, but the simulation changes it by ${formatWalExact(walChange, true)}.`,
      );
  };
  const missing = (event: string, what: string) =>
    mismatches.push(`The simulation emits no ${event} event: the transaction would not ${what}.`);

  switch (intent.kind) {
    case 'stake': {
      intent.coinIds.forEach((id) => mayDelete.add(id));
      const [deposit, ...more] = eventsNamed(effects, 'StakeDeposited');
      if (!deposit || more.length > 0) {
        if (!deposit) missing('StakeDeposited', 'stake');
        else mismatches.push(`The simulation stakes ${1 + more.length} times; one stake was asked for.`);
        break;
      }
      if (deposit.node_id !== intent.nodeId)
        mismatches.push(`The simulation stakes with node ${deposit.node_id}, not the chosen ${intent.nodeId}.`);
      if (deposit.amount !== intent.amount)
        mismatches.push(
          `The simulation stakes ${formatWalExact(deposit.amount)}, not the ${formatWalExact(intent.amount)} asked for.`,
        );
      if (deposit.owner !== sender) mismatches.push(`The new position would belong to ${deposit.owner}, not to you.`);
      expectWal(-intent.amount, 'Staking');
      outcome.push({ key: 'new-position', label: 'New position', value: 'StakedWal', ids: [deposit.staked_wal_id] });
      outcome.push({ key: 'activation', label: 'Active from', value: `epoch ${deposit.activation_epoch}` });
      break;
    }
    case 'requestWithdraw':
    case 'withdraw': {
      let target = intent.stakedWalId;
      if (intent.splitFirst) {
        const split = eventsNamed(effects, 'StakedWalSplit').find((e) => e.from_id === intent.stakedWalId);
        if (!split) {
          missing('StakedWalSplit', 'split the position first');
          break;
        }
        if (split.amount !== intent.amount)
          mismatches.push(
            `The simulation splits ${formatWalExact(split.amount)} off the position, not ${formatWalExact(intent.amount ?? 0n)}.`,
          );
        target = split.new_id;
      } else {
        mayDelete.add(intent.stakedWalId);
      }
      if (intent.kind === 'requestWithdraw') {
        const request = eventsNamed(effects, 'WithdrawRequested').find((e) => e.staked_wal_id === target);
        if (!request) {
          missing('WithdrawRequested', 'request the withdrawal');
          break;
        }
        if (intent.amount !== null && request.principal !== intent.amount)
          mismatches.push(
            `The simulation requests ${formatWalExact(request.principal)}, not ${formatWalExact(intent.amount)}.`,
          );
        expectWal(0n, 'Requesting a withdrawal');
        outcome.push({
          key: 'requested',
          label: 'Requested',
          value: formatWalExact(request.principal),
          ids: [target],
        });
        outcome.push({ key: 'withdrawable', label: 'Withdrawable from', value: `epoch ${request.withdraw_epoch}` });
      } else {
        const withdrawn = eventsNamed(effects, 'StakeWithdrawn').find((e) => e.staked_wal_id === target);
        if (!withdrawn) {
          missing('StakeWithdrawn', 'withdraw');
          break;
        }
        const principal = withdrawn.principal;
        const received = principal + withdrawn.rewards - withdrawn.slashed;
        if (intent.amount !== null && principal !== intent.amount)
          mismatches.push(
            `The simulation withdraws ${formatWalExact(principal)} of principal, not ${formatWalExact(intent.amount)}.`,
          );
        if (withdrawn.owner !== sender)
          mismatches.push(`The withdrawn WAL would go to ${withdrawn.owner}, not to you.`);
        expectWal(received, 'Withdrawing');
        outcome.push({
          key: 'received',
          label: 'You receive',
          value: `${formatWalExact(received)} (principal ${formatWalExact(principal)} + rewards ${formatWalExact(withdrawn.rewards)} − slashed ${formatWalExact(withdrawn.slashed)})`,
        });
      }
      break;
    }
    case 'split': {
      const split = eventsNamed(effects, 'StakedWalSplit').find((e) => e.from_id === intent.stakedWalId);
      if (!split) {
        missing('StakedWalSplit', 'split the position');
        break;
      }
      if (split.amount !== intent.amount)
        mismatches.push(`The simulation moves ${formatWalExact(split.amount)}, not ${formatWalExact(intent.amount)}.`);
      expectWal(0n, 'Splitting');
      outcome.push({ key: 'new-position', label: 'New position', value: 'StakedWal', ids: [split.new_id] });
      break;
    }
    case 'join': {
      const joined = eventsNamed(effects, 'StakedWalJoined');
      for (const from of intent.fromIds) {
        mayDelete.add(from);
        if (!joined.some((e) => e.from_id === from && e.into_id === intent.intoId))
          mismatches.push(`The simulation does not merge position ${from} into ${intent.intoId}.`);
        if (!effects.objects.some((o) => o.objectId === from && (o.fate === 'deleted' || o.fate === 'wrapped')))
          mismatches.push(`Position ${from} would still exist after the merge.`);
      }
      expectWal(0n, 'Merging');
      break;
    }
    case 'voteWithStake':
    case 'voteAsNode': {
      const code = VOTE_OPTIONS[intent.option];
      const votes = eventsNamed(effects, 'VoteCast');
      for (const vote of votes) {
        if (vote.proposal_id !== intent.proposalId)
          mismatches.push(`The simulation votes on proposal ${vote.proposal_id}, not ${intent.proposalId}.`);
        if (vote.option !== code)
          mismatches.push(`The simulation votes option ${vote.option}, not ${VOTE_OPTION_LABELS[intent.option]}.`);
      }
      if (intent.kind === 'voteWithStake') {
        let total = 0n;
        for (const id of intent.stakedWalIds) {
          const vote = votes.find((v) => v.voter === id && !v.is_node);
          if (!vote) mismatches.push(`The simulation casts no vote for position ${id}.`);
          else total += vote.weight;
        }
        if (votes.length !== intent.stakedWalIds.length)
          mismatches.push(`The simulation casts ${votes.length} votes for ${intent.stakedWalIds.length} positions.`);
        outcome.push({ key: 'weight', label: 'Voting weight', value: formatWalExact(total) });
      } else {
        const vote = votes.find((v) => v.is_node);
        if (!vote || votes.length !== 1) {
          if (!vote) missing('VoteCast', 'vote');
          else mismatches.push(`The simulation casts ${votes.length} votes; one was asked for.`);
          break;
        }
        outcome.push(nodeRow('voting-node', 'Votes as node', vote.voter, context));
        outcome.push({ key: 'weight', label: 'Voting weight', value: formatWalExact(vote.weight) });
      }
      expectWal(0n, 'Voting');
      break;
    }
    case 'proposeParameter':
    case 'proposeUpgrade':
    case 'proposeText': {
      intent.coinIds.forEach((id) => mayDelete.add(id));
      const [created, ...more] = eventsNamed(effects, 'ProposalCreated');
      if (!created || more.length > 0) {
        if (!created) missing('ProposalCreated', 'open a proposal');
        else mismatches.push(`The simulation opens ${1 + more.length} proposals; one was asked for.`);
        break;
      }
      if (created.kind !== PROPOSAL_KINDS[intent.kind])
        mismatches.push(`The simulation opens a proposal of kind ${created.kind}, not the one asked for.`);
      if (!payloadMatches(intent, Uint8Array.from(created.payload)))
        mismatches.push('The proposal the simulation opens does not say what you wrote.');
      if (created.deposit !== intent.deposit)
        mismatches.push(
          `The simulation deposits ${formatWalExact(created.deposit)}, not ${formatWalExact(intent.deposit)}.`,
        );
      if (created.proposer !== sender)
        mismatches.push(`The proposal would be made by ${created.proposer}, not by you.`);
      expectWal(-intent.deposit, 'Proposing');
      outcome.push({ key: 'new-proposal', label: 'New proposal', value: 'proposal', ids: [created.proposal_id] });
      outcome.push({ key: 'voting-ends', label: 'Voting ends', value: `epoch ${created.end_epoch}` });
      break;
    }
    case 'finalize': {
      const finalized = eventsNamed(effects, 'ProposalFinalized').find((e) => e.proposal_id === intent.proposalId);
      if (!finalized) {
        missing('ProposalFinalized', 'finalize the proposal');
        break;
      }
      // The proposer's deposit may come back to the sender; nothing may leave.
      if (walChange !== null && walChange < 0n) expectWal(0n, 'Finalizing');
      outcome.push({
        key: 'result',
        label: 'Result',
        value: PROPOSAL_STATUS[finalized.status] ?? `status ${finalized.status}`,
      });
      break;
    }
    case 'collectCommission': {
      const [collected] = eventsNamed(effects, 'CommissionCollected');
      if (!collected) {
        missing('CommissionCollected', 'collect commission');
        break;
      }
      if (collected.receiver !== sender)
        mismatches.push(`The commission would go to ${collected.receiver}, not to you.`);
      expectWal(collected.amount, 'Collecting commission');
      outcome.push(nodeRow('node', 'Node', collected.node_id, context));
      outcome.push({ key: 'collected', label: 'You receive', value: formatWalExact(collected.amount) });
      break;
    }
    case 'scheduleCommission': {
      const [scheduled] = eventsNamed(effects, 'CommissionScheduled');
      if (!scheduled) {
        missing('CommissionScheduled', 'schedule the commission');
        break;
      }
      if (scheduled.rate_bps !== intent.rateBps)
        mismatches.push(
          `The simulation schedules ${formatBps(scheduled.rate_bps)}, not the ${formatBps(intent.rateBps)} asked for.`,
        );
      expectWal(0n, 'Scheduling a commission');
      outcome.push(nodeRow('node', 'Node', scheduled.node_id, context));
      outcome.push({ key: 'effective', label: 'Takes effect', value: `epoch ${scheduled.effective_epoch}` });
      break;
    }
    case 'voteForPrices': {
      const [voted] = eventsNamed(effects, 'NodeVoted');
      if (!voted) {
        missing('NodeVoted', 'vote');
        break;
      }
      if (
        voted.storage_price !== intent.storagePrice ||
        voted.write_price !== intent.writePrice ||
        voted.capacity !== intent.capacity
      )
        mismatches.push('The simulation votes other prices or capacity than the ones entered.');
      expectWal(0n, 'Voting');
      outcome.push(nodeRow('node', 'Node', voted.node_id, context));
      break;
    }
    case 'slashVote': {
      const [vote] = eventsNamed(effects, 'SlashVoteCast');
      if (!vote) {
        missing('SlashVoteCast', 'vote to slash');
        break;
      }
      if (vote.target_node_id !== intent.targetNodeId)
        mismatches.push(`The simulation votes to slash ${vote.target_node_id}, not the chosen ${intent.targetNodeId}.`);
      if (intent.voterNodeId && vote.voter_node_id !== intent.voterNodeId)
        mismatches.push(`The simulation votes as node ${vote.voter_node_id}, not ${intent.voterNodeId}.`);
      expectWal(0n, 'A slash vote');
      if (!intent.voterNodeId) outcome.push(nodeRow('voter', 'Voting node', vote.voter_node_id, context));
      outcome.push({
        key: 'weight',
        label: 'Your weight',
        value: `${formatCount(vote.weight)} shards (${formatCount(vote.total_weight)} shards voting for this slash so far)`,
      });
      break;
    }
    case 'executeSlash': {
      const slashed = eventsNamed(effects, 'NodeSlashed').find((e) => e.node_id === intent.targetNodeId);
      if (!slashed) {
        missing('NodeSlashed', 'slash the node');
        break;
      }
      expectWal(0n, 'Executing a slash');
      outcome.push({
        key: 'burned',
        label: 'Burned',
        value: `${formatWalExact(slashed.stake_burned)} of stake and ${formatWalExact(slashed.commission_burned)} of commission`,
      });
      break;
    }
  }
  return { outcome, mismatches, notes, mayDelete };
}

/** Whether a ProposalCreated payload says what the intent asked. */
function payloadMatches(
  intent: Extract<TxIntent, { kind: 'proposeParameter' | 'proposeUpgrade' | 'proposeText' }>,
  payload: Uint8Array,
): boolean {
  switch (intent.kind) {
    case 'proposeParameter':
      return (
        toHex(ParameterChangePayload.serialize({ name: intent.name, value: intent.value }).toBytes()) === toHex(payload)
      );
    case 'proposeUpgrade':
      return `0x${toHex(payload)}` === intent.digest;
    case 'proposeText':
      return new TextDecoder().decode(payload) === intent.text;
  }
}

function coinSymbol(coinType: string, deployment: Deployment): string {
  if (coinType === SUI_TYPE) return 'SUI';
  if (coinType === normalizeStructTag(deploymentTypes(deployment).wal)) return 'WAL';
  return coinType;
}

/**
 * The review of `intent` as simulated: its arguments, what the simulation
 * shows it does, the fee and balance changes exact, the objects it creates,
 * removes or gives away, and every mismatch between the two.
 */
export function reviewTransaction(
  intent: TxIntent,
  effects: SimulatedEffects,
  deployment: Deployment,
  context: ReviewContext = {},
): TxReview {
  const sender = normalizeSuiAddress(intent.sender);
  const { title, action } = describeIntent(intent, context);
  const mine = effects.balanceChanges.filter((change) => change.address === sender);
  const walType = normalizeStructTag(deploymentTypes(deployment).wal);
  const walChanges = mine.filter((c) => c.coinType === walType);
  const walChange = walChanges.length === 0 ? null : walChanges.reduce((sum, c) => sum + c.amount, 0n);
  const { outcome, mismatches, notes, mayDelete } = outcomeOf(intent, effects, context, walChange);

  const fee = {
    computation: effects.gas.computationCost,
    storage: effects.gas.storageCost,
    rebate: effects.gas.storageRebate,
    total: effects.gas.computationCost + effects.gas.storageCost - effects.gas.storageRebate,
  };
  const suiChange = mine.filter((c) => c.coinType === SUI_TYPE).reduce((sum, c) => sum + c.amount, 0n);
  if (suiChange < -fee.total)
    mismatches.push(
      `The simulation takes ${formatSuiExact(-suiChange)} of SUI from you, more than the ${formatSuiExact(fee.total)} fee.`,
    );
  for (const change of mine) {
    const symbol = coinSymbol(change.coinType, deployment);
    if (symbol !== 'SUI' && symbol !== 'WAL' && change.amount < 0n)
      mismatches.push(`The simulation takes ${change.amount} of ${change.coinType} from you.`);
  }

  const created = effects.objects.filter((o) => o.fate === 'created');
  const removed = effects.objects.filter((o) => o.fate === 'deleted' || o.fate === 'wrapped');
  const transferred = effects.objects.filter((o) => o.fate === 'transferred');
  for (const object of removed) {
    // Gas coins merged into the one that pays are deleted; any other removal must be one the intent implies.
    if (object.type === SUI_COIN || mayDelete.has(object.objectId)) continue;
    mismatches.push(
      `The simulation ${object.fate === 'wrapped' ? 'wraps' : 'deletes'} ${object.type ?? 'an object'} ${object.objectId}, which this action should not touch.`,
    );
  }
  for (const object of transferred)
    mismatches.push(`The simulation gives your ${object.type ?? 'object'} ${object.objectId} to ${object.newOwner}.`);
  if (effects.unreadableEvents.length > 0)
    mismatches.push(
      `The simulation emits Tusk events this dashboard cannot read (${effects.unreadableEvents.join(', ')}); it may be out of date.`,
    );

  return {
    title,
    action,
    outcome,
    fee,
    balanceChanges: mine.map((change) => {
      const symbol = coinSymbol(change.coinType, deployment);
      return {
        coinType: change.coinType,
        symbol,
        amount: change.amount,
        text:
          symbol === 'WAL'
            ? formatWalExact(change.amount, true)
            : symbol === 'SUI'
              ? formatSuiExact(change.amount, true)
              : `${change.amount > 0n ? '+' : ''}${change.amount}`,
      };
    }),
    created,
    removed,
    transferred,
    mismatches,
    notes,
  };
}
