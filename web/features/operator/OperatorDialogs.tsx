'use client';
/** Operator actions with the node's cap: collect commission, schedule a commission change, vote to slash, vote prices. */
import { useState } from 'react';
import { useCurrentAccount } from '@mysten/dapp-kit-react';
import { formatBps, formatWal, parsePercentToBps } from '@tusk/shared/format';
import { commissionEffectiveEpoch } from '@tusk/shared/epochTiming';
import {
  buildCollectCommission,
  buildExecuteSlash,
  buildScheduleCommission,
  buildSlashVote,
  buildVoteForPrices,
} from '@tusk/shared/tx/operator';
import type { BuiltTx } from '@tusk/shared/tx/intent';
import type { ReviewContext, ReviewNode } from '@tusk/shared/tx/review';
import { useDeployment } from '../app/DeploymentContext.tsx';
import { useEndpoint } from '../data/live.ts';
import { epochDate, useClock } from '../data/useClock.ts';
import { TxDialog } from '../tx/TxDialog.tsx';
import { TxFormFooter } from '../tx/TxFormFooter.tsx';
import { useTxFlow } from '../tx/useTxFlow.ts';
import { FormField, TextField } from '../ui/FormField.tsx';
import { NodeName, nodeOptionLabel } from '../ui/NodeName.tsx';
import { formatDate } from '../ui/Time.tsx';
import { slashTargets } from './slashTargets.ts';

export type OperatorAction = 'collect' | 'commission' | 'slash' | 'prices' | 'executeSlash';

const TITLES: Record<OperatorAction, string> = {
  collect: 'Collect commission',
  commission: 'Schedule a commission change',
  slash: 'Vote to slash a node',
  prices: 'Vote on prices and capacity',
  executeSlash: 'Execute slash',
};

export interface OperatorNodeRef {
  nodeId: string;
  name: string;
  capId: string | null;
  commissionBps: number;
  commissionAccrued: string;
  /** Collecting is refused while a vote to slash the node is open this epoch. */
  commissionFrozen: boolean;
  votedStoragePrice: string | null;
  votedWritePrice: string | null;
  votedCapacity: string | null;
}

export function OperatorActionButton({
  action,
  node,
  primary,
  targetNodeId,
  targetName,
  label,
}: {
  action: OperatorAction;
  node: OperatorNodeRef;
  primary?: boolean;
  targetNodeId?: string;
  /** The target's name as the API gives it (execute slash), for the review. */
  targetName?: string | null;
  label?: string;
}) {
  const [open, setOpen] = useState(false);
  const noCap = action !== 'executeSlash' && !node.capId;
  const frozen = action === 'collect' && node.commissionFrozen;
  return (
    <>
      <button
        type="button"
        className={`button button--small${primary ? '' : ' button--secondary'}`}
        onClick={() => setOpen(true)}
        disabled={noCap || frozen}
        title={
          noCap
            ? 'Your wallet does not hold this node’s StorageNodeCap'
            : frozen
              ? 'Frozen while a vote to slash this node is open this epoch'
              : undefined
        }
        data-testid={`operator-${action}`}
      >
        {label ?? TITLES[action]}
      </button>
      <TxDialog title={`${TITLES[action]} — ${node.name}`} open={open} onClose={() => setOpen(false)}>
        <OperatorForm action={action} node={node} targetNodeId={targetNodeId} targetName={targetName} />
      </TxDialog>
    </>
  );
}

function OperatorForm({
  action,
  node,
  targetNodeId,
  targetName,
}: {
  action: OperatorAction;
  node: OperatorNodeRef;
  targetNodeId?: string;
  targetName?: string | null;
}) {
  const deployment = useDeployment();
  const sender = useCurrentAccount()?.address ?? null;
  const flow = useTxFlow(sender);
  const clock = useClock();
  const [rate, setRate] = useState(String(node.commissionBps / 100));
  const [target, setTarget] = useState(targetNodeId ?? '');
  const [storagePrice, setStoragePrice] = useState(node.votedStoragePrice ?? '');
  const [writePrice, setWritePrice] = useState(node.votedWritePrice ?? '');
  const [capacity, setCapacity] = useState(node.votedCapacity ?? '');
  const [error, setError] = useState<string | null>(null);
  const { data: committee } = useEndpoint(
    'nodes',
    action === 'slash' ? { status: 'committee', sort: 'name', order: 'asc', limit: 1000 } : null,
    { intervalMs: 30_000 },
  );
  // The contract refuses a target outside the current committee: only its other members are offered.
  const targets = committee ? slashTargets(committee.rows, node.nodeId) : undefined;

  if (!deployment) return <p>Unavailable: no deployment is configured.</p>;
  if (!sender) return <p>Connect the wallet holding this node’s StorageNodeCap.</p>;
  const cap = node.capId ?? '';

  const effectiveEpoch = clock ? commissionEffectiveEpoch(clock.epoch) : null;
  const effectiveDate = clock && effectiveEpoch !== null ? epochDate(clock, effectiveEpoch) : null;
  let effect: string | undefined;
  let explain = '';
  let submitLabel = 'Sign';
  switch (action) {
    case 'collect':
      explain = `Sends the node’s accrued commission (about ${formatWal(BigInt(node.commissionAccrued))}) to your wallet. A slash burns uncollected commission, so collecting regularly protects it.`;
      effect = 'Immediately.';
      submitLabel = 'Sign and collect';
      break;
    case 'commission':
      explain = `The current rate is ${formatBps(node.commissionBps)}. Delegators see the change as soon as it is scheduled.`;
      effect =
        effectiveEpoch !== null
          ? `From epoch ${effectiveEpoch}${effectiveDate ? ` (≈ ${formatDate(effectiveDate)})` : ''}`
          : 'Two epochs from now.';
      submitLabel = 'Sign and schedule';
      break;
    case 'slash':
      explain = `Only another member of the current committee${clock ? ` (epoch ${clock.epoch})` : ''} can be voted against: the contract refuses any other node. Committee members vote with their shards. Once nodes holding 2/3 of the shards have voted against a node in one epoch, anyone can execute the slash: its uncollected commission and part of its pool’s stake are burned.`;
      effect = 'Counts toward this epoch’s slash quorum.';
      submitLabel = 'Sign and vote';
      break;
    case 'prices':
      explain = 'The network takes the stake-weighted 2/3 quantile of node votes at each epoch change.';
      effect = 'Counted at the next voting end.';
      submitLabel = 'Sign and vote';
      break;
    case 'executeSlash':
      explain =
        'The slash has reached its quorum this epoch. Executing it burns the target’s uncollected commission and part of its pool’s stake.';
      effect = 'Immediately.';
      submitLabel = 'Sign and execute';
      break;
  }

  function build(): (() => BuiltTx) | null {
    const base = { deployment: deployment!, sender: sender!, cap };
    switch (action) {
      case 'collect':
        return () => buildCollectCommission(base);
      case 'commission': {
        const parsed = parsePercentToBps(rate, 'commission');
        if (!parsed.ok) {
          setError(parsed.error);
          return null;
        }
        return () => buildScheduleCommission({ ...base, rateBps: parsed.value });
      }
      case 'slash':
        if (!target) {
          setError('choose the node to slash');
          return null;
        }
        // The list refreshes: a target chosen before an epoch change may have left the committee since.
        if (targets && !targets.some((row) => row.nodeId === target)) {
          setError('that node is no longer a member of the current committee: the contract would refuse the vote');
          return null;
        }
        return () => buildSlashVote({ ...base, targetNodeId: target, voterNodeId: node.nodeId });
      case 'prices': {
        const values = [storagePrice, writePrice, capacity];
        if (values.some((v) => !/^\d{1,20}$/.test(v.trim()))) {
          setError('prices and capacity must be whole numbers (FROST per MiB, bytes)');
          return null;
        }
        return () =>
          buildVoteForPrices({
            ...base,
            storagePrice: BigInt(storagePrice.trim()),
            writePrice: BigInt(writePrice.trim()),
            capacity: BigInt(capacity.trim()),
          });
      }
      case 'executeSlash':
        return () =>
          buildExecuteSlash({ deployment: deployment!, sender: sender!, targetNodeId: targetNodeId ?? node.nodeId });
    }
  }

  /** The names the review shows: this node, its cap, the committee (slash targets), the executed target. */
  function reviewContext(): ReviewContext {
    const nodes: Record<string, ReviewNode> = {};
    for (const row of committee?.rows ?? []) nodes[row.nodeId] = row;
    if (targetNodeId && targetName && !nodes[targetNodeId]) nodes[targetNodeId] = { name: targetName };
    nodes[node.nodeId] ??= { name: node.name };
    return { nodes, caps: node.capId ? { [node.capId]: node.nodeId } : {} };
  }

  const chosenTarget = targets?.find((row) => row.nodeId === target);
  const { editable } = flow;
  return (
    <div>
      <p>{explain}</p>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setError(null);
          const builder = build();
          if (builder) void flow.review(builder, reviewContext());
        }}
      >
        {action === 'commission' ? (
          <TextField
            id="commission-rate"
            label="New commission (%)"
            hint="0 to 100, at most two decimals."
            inputMode="decimal"
            value={rate}
            disabled={!editable}
            onChange={setRate}
          />
        ) : null}
        {action === 'slash' ? (
          <FormField
            id="slash-target"
            label="Node to slash"
            hint={
              chosenTarget ? (
                <span data-testid="slash-target-chosen">
                  You vote to slash{' '}
                  <NodeName
                    nodeId={chosenTarget.nodeId}
                    name={chosenTarget.name}
                    nameWarning={chosenTarget.nameWarning}
                    similarNodeIds={chosenTarget.similarNodeIds}
                  />{' '}
                  — check the node ID: names are chosen by operators and can look alike.
                </span>
              ) : targets?.length === 0 ? (
                'The current committee has no other member to vote against.'
              ) : (
                'Only members of the current committee are listed, each with the start and end of its node ID.'
              )
            }
          >
            {(control) => (
              <select
                {...control}
                value={target}
                disabled={!editable}
                onChange={(event) => setTarget(event.target.value)}
              >
                <option value="">Choose a member of the current committee…</option>
                {targets?.map((row) => (
                  <option key={row.nodeId} value={row.nodeId} data-node-id={row.nodeId}>
                    {nodeOptionLabel(row)} — {row.shards} shards
                  </option>
                ))}
              </select>
            )}
          </FormField>
        ) : null}
        {action === 'prices' ? (
          <>
            <TextField
              inputMode="numeric"
              id="vote-storage"
              label="Storage price (FROST per MiB per epoch)"
              value={storagePrice}
              disabled={!editable}
              onChange={setStoragePrice}
            />
            <TextField
              inputMode="numeric"
              id="vote-write"
              label="Write price (FROST per MiB)"
              value={writePrice}
              disabled={!editable}
              onChange={setWritePrice}
            />
            <TextField
              inputMode="numeric"
              id="vote-capacity"
              label="Capacity (bytes)"
              value={capacity}
              disabled={!editable}
              onChange={setCapacity}
            />
          </>
        ) : null}
        <TxFormFooter
          flow={flow}
          reviewTestId="operator-review"
          error={error}
          submitLabel={submitLabel}
          effect={effect}
        />
      </form>
    </div>
  );
}
