'use client';
/**
 * One node: who runs it, its stake and rate history, rewards, commission
 * history, governance votes, slashes (for and against) and delegators. Every
 * chart is paired with its table.
 */
import { useState } from 'react';
import { frostToWalNumber } from '@tusk/shared/format';
import { rateValue } from '@tusk/shared/staking/exchangeRate';
import type { DelegatorsJson, NodeDetailJson, NodeHistoryJson } from '../data/api.ts';
import { useEndpoint } from '../data/live.ts';
import { DELEGATOR_PAGE_SIZE, HISTORY_EPOCHS } from './nodeQuery.ts';
import { Bps, Percent, Wal } from '../ui/Amount.tsx';
import { Badge, IDLE_NODE_EXPLANATION, NodeStatusBadge, ProposalBadge } from '../ui/Badge.tsx';
import { ChartPanel } from '../ui/ChartPanel.tsx';
import { DataTable } from '../ui/DataTable.tsx';
import { AddressLink, CopyableId, EpochLink, NodeLink, ShortId } from '../ui/Ids.tsx';
import { NameWarningBadge } from '../ui/NodeName.tsx';
import { Notice, Stat } from '../ui/Stat.tsx';
import { DateTime } from '../ui/Time.tsx';
import { StakeButton } from '../stake/StakeDialog.tsx';
import Link from 'next/link';

const OPTION_LABEL: Record<string, string> = { yes: 'Yes', no: 'No', abstain: 'Abstain', no_with_veto: 'No with veto' };

export function NodeDetailView({
  nodeId,
  initial,
  initialHistory,
  initialDelegators,
}: {
  nodeId: string;
  initial: NodeDetailJson;
  initialHistory: NodeHistoryJson;
  initialDelegators: DelegatorsJson;
}) {
  const { data = initial, error } = useEndpoint('node', { nodeId }, { initial });
  const { data: history = initialHistory } = useEndpoint(
    'nodeHistory',
    { nodeId, limit: HISTORY_EPOCHS },
    { initial: initialHistory },
  );
  const [delegatorPage, setDelegatorPage] = useState(0);
  const { data: delegators = initialDelegators } = useEndpoint(
    'nodeDelegators',
    { nodeId, limit: DELEGATOR_PAGE_SIZE, offset: delegatorPage * DELEGATOR_PAGE_SIZE },
    { initial: delegatorPage === 0 ? initialDelegators : undefined, intervalMs: 15_000 },
  );
  const node = data.node;
  const rows = history.rows;
  const chronological = [...rows].reverse();
  const chartData = chronological.map((row) => ({
    epoch: row.epoch,
    stake: frostToWalNumber(BigInt(row.stake)),
    activated: frostToWalNumber(BigInt(row.activated)),
    withdrawn: frostToWalNumber(BigInt(row.withdrawn)),
    rate: rateValue({ wal: BigInt(row.rateWal), shares: BigInt(row.rateShares) }),
    apy: row.apy,
    rewards: frostToWalNumber(BigInt(row.rewards)),
    commission: frostToWalNumber(BigInt(row.commission)),
  }));
  const leaving = node.status === 'committee' && node.nextShards === 0;

  return (
    <div className="stack">
      <div className="page-head">
        <div>
          <p className="breadcrumb">
            <Link href="/nodes">Nodes</Link> / {node.name}
          </p>
          <h1>{node.name}</h1>
          <p>
            Node ID <CopyableId id={node.nodeId} label="node ID" />{' '}
            <NodeStatusBadge
              status={node.status}
              slashCount={node.slashCount}
              leaving={leaving}
              idle={!node.inActiveSet}
            />
            {node.nameWarning ? (
              <>
                {' '}
                <NameWarningBadge warning={node.nameWarning} similarNodeIds={node.similarNodeIds} />
              </>
            ) : null}
          </p>
        </div>
        <StakeButton node={node} />
      </div>
      {error ? <Notice tone="warning">Live updates paused: {error.message}</Notice> : null}
      {!node.inActiveSet ? (
        <Notice tone="warning" title="Idle.">
          {IDLE_NODE_EXPLANATION}
          {node.activeSetJoinedEpoch !== null
            ? ` It was last in the active set from epoch ${node.activeSetJoinedEpoch}, until another node took its place.`
            : ''}
        </Notice>
      ) : null}
      {leaving ? (
        <Notice tone="warning" title="Leaving the committee.">
          This node was not selected for epoch {node.nextCommitteeEpoch}. Its stake stops earning storage rewards from
          then unless it is selected again.
        </Notice>
      ) : null}

      <div className="grid" data-testid="node-stats">
        <Stat label="Stake" hint={`#${node.stakeRank} by stake`}>
          <Wal frost={node.stake} compact />
        </Stat>
        <Stat label="Voting power" hint="share of all staked WAL">
          <Percent ratio={node.votingPower} />
        </Stat>
        <Stat label="Shards" hint={node.nextShards !== null ? `next epoch: ${node.nextShards}` : undefined}>
          {node.shards}
        </Stat>
        <Stat
          label="Commission"
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
        <Stat label="APY" hint="last epoch, annualized, after commission">
          <Percent ratio={node.apy} />
        </Stat>
        <Stat
          label="Rewards to the pool"
          hint={
            <>
              commission taken:{' '}
              <Wal
                frost={
                  BigInt(node.commissionCollected) + BigInt(node.commissionAccrued) + BigInt(node.commissionBurned)
                }
              />
            </>
          }
        >
          <Wal frost={node.totalRewards} />
        </Stat>
        <Stat
          label="Slashed"
          hint={
            node.slashCount > 0 ? (
              <>
                stake burned: <Wal frost={node.stakeSlashed} />
              </>
            ) : (
              'never'
            )
          }
        >
          {node.slashCount}
        </Stat>
      </div>

      <section className="card" aria-labelledby="node-info">
        <h2 id="node-info" style={{ marginTop: 0 }}>
          Identity
        </h2>
        <dl className="kv">
          <dt>Node ID (pool)</dt>
          <dd className="mono">{node.nodeId}</dd>
          <dt>Operator</dt>
          <dd>
            <ShortId id={node.operator} />
          </dd>
          <dt>Network address</dt>
          <dd className="mono">{node.networkAddress}</dd>
          <dt>Metadata</dt>
          <dd>
            {node.metadataUrl ? <span className="mono">{node.metadataUrl}</span> : <span className="muted">none</span>}
          </dd>
          <dt>Registered</dt>
          <dd>
            <DateTime value={node.registeredAt} /> (epoch {node.registeredEpoch})
          </dd>
          <dt>Price vote</dt>
          <dd>
            {node.votedStoragePrice !== null ? (
              <>
                storage {node.votedStoragePrice} FROST/MiB/epoch, write {node.votedWritePrice} FROST/MiB, capacity{' '}
                {node.votedCapacity} bytes
              </>
            ) : (
              <span className="muted">no vote yet</span>
            )}
          </dd>
        </dl>
      </section>

      <div className="grid grid--wide">
        <ChartPanel
          title="Stake by epoch"
          chart={{
            data: chartData,
            x: 'epoch',
            xPrefix: 'Epoch ',
            unit: 'wal',
            rightUnit: 'wal',
            ariaLabel: `Stake of ${node.name} by epoch, with stake activated and withdrawn; the table below has the figures.`,
            series: [
              { key: 'stake', label: 'Stake', kind: 'area', color: 1 },
              { key: 'activated', label: 'Activated', kind: 'bar', color: 3, axis: 'right' },
              { key: 'withdrawn', label: 'Withdrawn', kind: 'bar', color: 2, axis: 'right' },
            ],
          }}
          table={
            <DataTable
              scroll
              caption="Stake by epoch"
              captionHidden
              rows={rows}
              rowKey={(row) => String(row.epoch)}
              columns={[
                { key: 'epoch', header: 'Epoch', cell: (row) => <EpochLink epoch={row.epoch} /> },
                { key: 'stake', header: 'Stake', numeric: true, cell: (row) => <Wal frost={row.stake} /> },
                { key: 'activated', header: 'Activated', numeric: true, cell: (row) => <Wal frost={row.activated} /> },
                { key: 'withdrawn', header: 'Withdrawn', numeric: true, cell: (row) => <Wal frost={row.withdrawn} /> },
                { key: 'shards', header: 'Shards', numeric: true, cell: (row) => row.shards },
              ]}
              empty="No epochs recorded for this pool yet."
            />
          }
        />
        <ChartPanel
          title="Exchange rate and APY"
          note="The rate is WAL per pool share: it rises with rewards and falls with a slash. Delegators' stake is worth shares × rate."
          chart={{
            data: chartData,
            x: 'epoch',
            xPrefix: 'Epoch ',
            unit: 'rate',
            rightUnit: 'percent',
            ariaLabel: `Exchange rate and APY of ${node.name} by epoch; the table below has the figures.`,
            series: [
              { key: 'rate', label: 'WAL per share', kind: 'line', color: 1 },
              { key: 'apy', label: 'APY', kind: 'line', color: 3, axis: 'right' },
            ],
          }}
          table={
            <DataTable
              scroll
              caption="Exchange rate and APY by epoch"
              captionHidden
              rows={rows}
              rowKey={(row) => String(row.epoch)}
              columns={[
                { key: 'epoch', header: 'Epoch', cell: (row) => <EpochLink epoch={row.epoch} /> },
                {
                  key: 'rate',
                  header: 'WAL per share',
                  numeric: true,
                  cell: (row) => rateValue({ wal: BigInt(row.rateWal), shares: BigInt(row.rateShares) }).toFixed(9),
                },
                { key: 'apy', header: 'APY', numeric: true, cell: (row) => <Percent ratio={row.apy} /> },
              ]}
              empty="No epochs recorded for this pool yet."
            />
          }
        />
        <ChartPanel
          title="Rewards and commission by epoch"
          chart={{
            data: chartData,
            x: 'epoch',
            xPrefix: 'Epoch ',
            unit: 'wal',
            ariaLabel: `Rewards and commission of ${node.name} by epoch; the table below has the figures.`,
            series: [
              { key: 'rewards', label: 'Rewards', kind: 'bar', color: 1 },
              { key: 'commission', label: 'Commission', kind: 'bar', color: 2 },
            ],
          }}
          table={
            <DataTable
              scroll
              caption="Rewards and commission by epoch"
              captionHidden
              rows={rows}
              rowKey={(row) => String(row.epoch)}
              columns={[
                { key: 'epoch', header: 'Epoch', cell: (row) => <EpochLink epoch={row.epoch} /> },
                { key: 'rewards', header: 'Rewards', numeric: true, cell: (row) => <Wal frost={row.rewards} /> },
                {
                  key: 'commission',
                  header: 'Commission',
                  numeric: true,
                  cell: (row) => <Wal frost={row.commission} />,
                },
              ]}
              empty="No rewards yet."
            />
          }
        />
      </div>

      <h2>Commission</h2>
      <div className="grid grid--wide">
        <DataTable
          caption="Scheduled changes"
          rows={data.commissionChanges}
          rowKey={(row, index) => `${row.txDigest}-${index}`}
          columns={[
            {
              key: 'when',
              header: 'Scheduled',
              cell: (row) => (
                <>
                  epoch {row.epoch} · <DateTime value={row.timestamp} />
                </>
              ),
            },
            { key: 'rate', header: 'New rate', numeric: true, cell: (row) => <Bps bps={row.rateBps} /> },
            { key: 'effective', header: 'Effective', cell: (row) => <EpochLink epoch={row.effectiveEpoch} /> },
          ]}
          empty="The commission has never been changed."
        />
        <DataTable
          caption={
            <>
              Collected (to collect now: <Wal frost={node.commissionAccrued} />)
            </>
          }
          rows={data.commissionCollections}
          rowKey={(row, index) => `${row.txDigest}-${index}`}
          columns={[
            {
              key: 'when',
              header: 'When',
              cell: (row) => (
                <>
                  epoch {row.epoch} · <DateTime value={row.timestamp} />
                </>
              ),
            },
            { key: 'amount', header: 'Amount', numeric: true, cell: (row) => <Wal frost={row.amount} /> },
            { key: 'to', header: 'To', cell: (row) => <ShortId id={row.receiver} /> },
          ]}
          empty="No commission collected yet."
        />
      </div>

      <h2>Slashing</h2>
      {data.slashes.length > 0 ? (
        <Notice tone="critical" title={`Slashed ${data.slashes.length} time${data.slashes.length === 1 ? '' : 's'}.`}>
          Each slash burned part of the pool’s stake, lowering its exchange rate: delegators bore the loss in proportion
          to their stake.
        </Notice>
      ) : null}
      <div className="grid grid--wide">
        <DataTable
          caption="Slashes executed"
          rows={data.slashes}
          rowKey={(row, index) => `${row.txDigest}-${index}`}
          columns={[
            { key: 'epoch', header: 'Epoch', cell: (row) => <EpochLink epoch={row.epoch} /> },
            { key: 'stake', header: 'Stake burned', numeric: true, cell: (row) => <Wal frost={row.stakeBurned} /> },
            {
              key: 'commission',
              header: 'Commission burned',
              numeric: true,
              cell: (row) => <Wal frost={row.commissionBurned} />,
            },
          ]}
          empty="Never slashed."
        />
        <DataTable
          caption="Votes to slash this node"
          rows={data.slashVotesAgainst}
          rowKey={(row, index) => `${row.voterNodeId}-${row.epoch}-${index}`}
          columns={[
            { key: 'epoch', header: 'Epoch', cell: (row) => <EpochLink epoch={row.epoch} /> },
            {
              key: 'voter',
              header: 'Voter',
              cell: (row) => <NodeLink nodeId={row.voterNodeId} name={row.voterName} />,
            },
            {
              key: 'weight',
              header: 'Shards',
              numeric: true,
              cell: (row) => `${row.weight} (total ${row.totalWeight})`,
            },
          ]}
          empty="No votes against this node."
        />
        <DataTable
          caption="Slash votes cast by this node"
          rows={data.slashVotesCast}
          rowKey={(row, index) => `${row.targetNodeId}-${row.epoch}-${index}`}
          columns={[
            { key: 'epoch', header: 'Epoch', cell: (row) => <EpochLink epoch={row.epoch} /> },
            {
              key: 'target',
              header: 'Against',
              cell: (row) => <NodeLink nodeId={row.targetNodeId} name={row.targetName} />,
            },
            {
              key: 'weight',
              header: 'Shards',
              numeric: true,
              cell: (row) => `${row.weight} (total ${row.totalWeight})`,
            },
          ]}
          empty="This node has not voted to slash anyone."
        />
      </div>

      <h2>Governance votes</h2>
      <DataTable
        caption="Votes cast with the pool's stake"
        captionHidden
        rows={data.governanceVotes}
        rowKey={(row) => row.proposalId}
        columns={[
          {
            key: 'proposal',
            header: 'Proposal',
            cell: (row) => <Link href={`/governance/${row.proposalId}`}>{row.title}</Link>,
          },
          {
            key: 'vote',
            header: 'Vote',
            cell: (row) => <Badge tone="accent">{OPTION_LABEL[row.option] ?? row.option}</Badge>,
          },
          { key: 'weight', header: 'Weight', numeric: true, cell: (row) => <Wal frost={row.weight} compact /> },
          { key: 'status', header: 'Outcome', cell: (row) => <ProposalBadge status={row.status} /> },
        ]}
        empty="This node has not voted on any proposal."
      />

      <h2>Delegators</h2>
      <DataTable
        caption={`${delegators.total} address${delegators.total === 1 ? '' : 'es'} with live stake`}
        rows={delegators.rows}
        rowKey={(row) => row.owner}
        columns={[
          {
            key: 'owner',
            header: 'Address',
            cell: (row) =>
              row.owner === 'unknown' ? (
                <span className="muted">unknown (split before indexing)</span>
              ) : (
                <AddressLink address={row.owner} />
              ),
          },
          { key: 'principal', header: 'Staked', numeric: true, cell: (row) => <Wal frost={row.principal} /> },
          { key: 'pending', header: 'Of which pending', numeric: true, cell: (row) => <Wal frost={row.pending} /> },
          {
            key: 'withdrawing',
            header: 'Of which withdrawing',
            numeric: true,
            cell: (row) => <Wal frost={row.withdrawing} />,
          },
          { key: 'positions', header: 'Positions', numeric: true, cell: (row) => row.positions },
        ]}
        empty="Nobody stakes with this node yet."
      />
      {delegators.total > DELEGATOR_PAGE_SIZE ? (
        <nav className="pager" aria-label="Delegator pages">
          <span>
            {delegatorPage * DELEGATOR_PAGE_SIZE + 1}–
            {Math.min((delegatorPage + 1) * DELEGATOR_PAGE_SIZE, delegators.total)} of {delegators.total}
          </span>
          <button
            type="button"
            className="button button--secondary button--small"
            disabled={delegatorPage === 0}
            onClick={() => setDelegatorPage((p) => p - 1)}
          >
            Previous
          </button>
          <button
            type="button"
            className="button button--secondary button--small"
            disabled={(delegatorPage + 1) * DELEGATOR_PAGE_SIZE >= delegators.total}
            onClick={() => setDelegatorPage((p) => p + 1)}
          >
            Next
          </button>
        </nav>
      ) : null}
    </div>
  );
}
