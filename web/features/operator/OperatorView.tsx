'use client';
/**
 * The operator console: nodes whose StorageNodeCap the wallet holds (or that
 * an address registered), with commission to collect, the scheduled rate,
 * slash votes, and alerts when the node risks leaving the committee or a slash.
 */
import Link from 'next/link';
import type { ApiParams } from '../data/endpoints.ts';
import { useEndpoint } from '../data/live.ts';
import { Bps, Wal } from '../ui/Amount.tsx';
import { NodeStatusBadge } from '../ui/Badge.tsx';
import { DataTable } from '../ui/DataTable.tsx';
import { CopyableId, NodeLink } from '../ui/Ids.tsx';
import { NodeName } from '../ui/NodeName.tsx';
import { Notice, Stat } from '../ui/Stat.tsx';
import { useOwnedCaps } from '../wallet/chainReads.ts';
import { useViewedAddress } from '../wallet/useAddress.ts';
import { OperatorActionButton } from './OperatorDialogs.tsx';

export function OperatorView() {
  const viewed = useViewedAddress();
  const caps = useOwnedCaps(viewed.connected);
  if (viewed.invalid) return <Notice tone="error">“{viewed.invalid.slice(0, 80)}” is not a Sui address.</Notice>;
  if (!viewed.ready) return <p className="muted">Loading…</p>;
  if (!viewed.address)
    return (
      <Notice title="Connect the wallet">
        that holds your node’s StorageNodeCap to manage it, or add ?address=0x… to look at an operator.
      </Notice>
    );
  const capList = viewed.watching ? [] : (caps.data ?? []);
  return (
    <OperatorNodes
      params={{ nodeIds: capList.map((cap) => cap.nodeId), operator: viewed.address }}
      caps={capList}
      loadingCaps={!viewed.watching && caps.isLoading}
      canAct={!viewed.watching}
    />
  );
}

function OperatorNodes({
  params,
  caps,
  loadingCaps,
  canAct,
}: {
  /** The nodes whose caps the wallet holds, and the address that may have registered others. */
  params: ApiParams<'operator'>;
  caps: { capId: string; nodeId: string }[];
  loadingCaps: boolean;
  canAct: boolean;
}) {
  const { data, error, isLoading } = useEndpoint('operator', params);
  if (isLoading && !data) return <p className="muted">Loading your nodes…</p>;
  if (error && !data) return <Notice tone="error">{error.message}</Notice>;
  if (!data) return null;
  if (data.nodes.length === 0) {
    return (
      <Notice>
        {loadingCaps
          ? 'Looking for StorageNodeCaps in your wallet…'
          : 'No node is operated from this address: the wallet holds no StorageNodeCap and registered no node.'}{' '}
        <Link href="/nodes">Browse nodes</Link>.
      </Notice>
    );
  }
  return (
    <div className="stack" data-testid="operator-nodes">
      {data.nodes.map((node) => {
        const cap = caps.find((c) => c.nodeId === node.nodeId) ?? null;
        const ref = {
          nodeId: node.nodeId,
          name: node.name,
          capId: canAct ? (cap?.capId ?? null) : null,
          commissionBps: node.commissionBps,
          commissionAccrued: node.commissionAccrued,
          commissionFrozen: node.commissionFrozen,
          votedStoragePrice: node.votedStoragePrice,
          votedWritePrice: node.votedWritePrice,
          votedCapacity: node.votedCapacity,
        };
        const against = BigInt(node.slashVotesAgainst.shards);
        return (
          <section key={node.nodeId} className="card stack" aria-labelledby={`op-${node.nodeId}`}>
            <div className="page-head" style={{ marginBottom: 0 }}>
              <div>
                <h2 id={`op-${node.nodeId}`} style={{ margin: 0 }}>
                  <NodeLink nodeId={node.nodeId} name={node.name} />
                </h2>
                <p className="hint" style={{ margin: 0 }}>
                  Node ID <CopyableId id={node.nodeId} label="node ID" />
                </p>
                <NodeStatusBadge
                  status={node.status}
                  slashCount={node.slashCount}
                  leaving={node.status === 'committee' && node.nextShards === 0}
                  idle={!node.inActiveSet}
                />
              </div>
              {canAct && !cap ? (
                <p className="hint">Your wallet does not hold this node’s StorageNodeCap: actions are off.</p>
              ) : null}
            </div>
            {node.alerts.map((alert, index) => (
              <Notice
                key={index}
                tone={alert.level === 'critical' ? 'critical' : alert.level === 'warning' ? 'warning' : 'info'}
                role={alert.level === 'critical' ? 'alert' : undefined}
              >
                {alert.message}
              </Notice>
            ))}
            <div className="grid">
              <Stat label="Commission to collect" testId="commission-accrued">
                <Wal frost={node.commissionAccrued} />
              </Stat>
              <Stat
                label="Commission rate"
                hint={
                  node.pendingCommissionBps !== null ? (
                    <>
                      → <Bps bps={node.pendingCommissionBps} /> from epoch {node.pendingCommissionEpoch}
                    </>
                  ) : (
                    'no change scheduled'
                  )
                }
              >
                <Bps bps={node.commissionBps} />
              </Stat>
              <Stat label="Stake" hint={`#${node.stakeRank} of ${data.maxCommitteeSize} committee seats`}>
                <Wal frost={node.stake} compact />
              </Stat>
              <Stat label="Shards" hint={node.nextShards !== null ? `next epoch: ${node.nextShards}` : undefined}>
                {node.shards}
              </Stat>
              <Stat
                label="Slash votes against"
                hint={
                  node.slashVotesAgainst.totalShards > 0
                    ? `of ${node.slashVotesAgainst.totalShards} shards; 2/3 slashes`
                    : undefined
                }
              >
                {against.toString()} shards
              </Stat>
            </div>
            <div className="button-row">
              <OperatorActionButton action="collect" node={ref} primary />
              <OperatorActionButton action="commission" node={ref} />
              <OperatorActionButton action="prices" node={ref} />
              {node.status === 'committee' ? <OperatorActionButton action="slash" node={ref} /> : null}
            </div>
            <DataTable
              caption="Your slash votes this epoch"
              rows={node.slashVotesCast}
              rowKey={(vote) => vote.targetNodeId}
              columns={[
                {
                  key: 'target',
                  header: 'Against',
                  cell: (vote) => <NodeName nodeId={vote.targetNodeId} name={vote.targetName} />,
                },
                { key: 'weight', header: 'Your shards', numeric: true, cell: (vote) => vote.weight },
                {
                  key: 'total',
                  header: 'All votes',
                  numeric: true,
                  cell: (vote) => `${vote.totalWeight} / ${node.slashVotesAgainst.totalShards}`,
                },
                {
                  key: 'execute',
                  header: <span className="visually-hidden">Actions</span>,
                  label: '',
                  cell: (vote) =>
                    BigInt(vote.totalWeight) * 3n >= BigInt(node.slashVotesAgainst.totalShards) * 2n &&
                    node.slashVotesAgainst.totalShards > 0 ? (
                      <OperatorActionButton
                        action="executeSlash"
                        node={ref}
                        targetNodeId={vote.targetNodeId}
                        targetName={vote.targetName}
                        label="Execute slash"
                      />
                    ) : (
                      <span className="muted">below quorum</span>
                    ),
                },
              ]}
              empty="No slash votes cast this epoch."
            />
            {node.slashVotesAgainst.voters.length > 0 ? (
              <DataTable
                caption="Votes to slash this node this epoch"
                rows={node.slashVotesAgainst.voters}
                rowKey={(vote) => vote.nodeId}
                columns={[
                  { key: 'voter', header: 'Voter', cell: (vote) => <NodeName nodeId={vote.nodeId} name={vote.name} /> },
                  { key: 'weight', header: 'Shards', numeric: true, cell: (vote) => vote.weight },
                ]}
              />
            ) : null}
          </section>
        );
      })}
    </div>
  );
}
