'use client';
/** Stake with any node: pick one (in random order, like the node list), then the stake form. */
import { useState } from 'react';
import { formatBps, formatPercent, formatWalCompact } from '@tusk/shared/format';
import { useEndpoint } from '../data/live.ts';
import { TxDialog } from '../tx/TxDialog.tsx';
import { IDLE_NODE_EXPLANATION } from '../ui/Badge.tsx';
import { FormField } from '../ui/FormField.tsx';
import { nodeOptionLabel } from '../ui/NodeName.tsx';
import { StakeForm } from './StakeDialog.tsx';

export function NewStakeButton() {
  const [open, setOpen] = useState(false);
  const [seed] = useState(() => Math.random().toString(36).slice(2, 10));
  const [nodeId, setNodeId] = useState('');
  const { data } = useEndpoint('nodes', open ? { sort: 'shuffle', seed, limit: 1000 } : null, { intervalMs: 30_000 });
  const chosen = data?.rows.find((node) => node.nodeId === nodeId);
  return (
    <>
      <button type="button" className="button" onClick={() => setOpen(true)} data-testid="new-stake-open">
        Stake WAL
      </button>
      <TxDialog title="Stake WAL" open={open} onClose={() => setOpen(false)}>
        <FormField
          id="stake-node"
          label="Node"
          hint={
            <>
              Each node is listed with the start and end of its node ID: names are chosen by operators and can look
              alike. Compare nodes on the Nodes page. Candidates outside the committee earn nothing until they are
              selected. Idle nodes: {IDLE_NODE_EXPLANATION}
            </>
          }
        >
          {(control) => (
            <select
              {...control}
              value={nodeId}
              onChange={(event) => setNodeId(event.target.value)}
              data-testid="stake-node"
            >
              <option value="">Choose a node (listed in random order)…</option>
              {data?.rows.map((node) => (
                <option key={node.nodeId} value={node.nodeId} data-node-id={node.nodeId}>
                  {nodeOptionLabel(node)} — {node.status === 'committee' ? 'committee' : 'candidate'},{' '}
                  {node.inActiveSet ? '' : 'idle, '}
                  {formatWalCompact(BigInt(node.stake))}, commission {formatBps(node.commissionBps)}, APY{' '}
                  {formatPercent(node.apy)}
                  {node.slashCount > 0 ? `, slashed ×${node.slashCount}` : ''}
                </option>
              ))}
            </select>
          )}
        </FormField>
        {chosen ? <StakeForm key={chosen.nodeId} node={chosen} /> : null}
      </TxDialog>
    </>
  );
}
