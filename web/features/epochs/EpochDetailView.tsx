'use client';
/** One epoch: its timeline, committee, stake flows, fees, rewards, parameter changes, slashes and decided proposals. */
import Link from 'next/link';
import type { EpochDetailJson } from '../data/api.ts';
import { useEndpoint } from '../data/live.ts';
import { useClock } from '../data/useClock.ts';
import { Bytes, Percent, Price, Wal } from '../ui/Amount.tsx';
import { EpochStateBadge, ProposalBadge } from '../ui/Badge.tsx';
import { DataTable } from '../ui/DataTable.tsx';
import { NodeLink } from '../ui/Ids.tsx';
import { Stat } from '../ui/Stat.tsx';
import { DateTime } from '../ui/Time.tsx';

export function EpochDetailView({ initial }: { initial: EpochDetailJson }) {
  const epochNumber = initial.epoch.epoch;
  const { data = initial } = useEndpoint('epoch', { epoch: epochNumber }, { initial, intervalMs: 10_000 });
  const e = data.epoch;
  const clock = useClock();
  return (
    <div className="stack">
      <div className="page-head">
        <div>
          <p className="breadcrumb">
            <Link href="/epochs">Epochs</Link> / {e.epoch}
          </p>
          <h1>Epoch {e.epoch}</h1>
          <p>
            <EpochStateBadge state={e.state} current={clock ? clock.epoch === e.epoch : undefined} />
          </p>
        </div>
        <nav className="button-row" aria-label="Neighbouring epochs">
          {e.epoch > 0 ? (
            <Link className="button button--secondary button--small" href={`/epochs/${e.epoch - 1}`}>
              ← Epoch {e.epoch - 1}
            </Link>
          ) : null}
          <Link className="button button--secondary button--small" href={`/epochs/${e.epoch + 1}`}>
            Epoch {e.epoch + 1} →
          </Link>
        </nav>
      </div>

      <section className="card" aria-labelledby="timeline">
        <h2 id="timeline" style={{ marginTop: 0 }}>
          Timeline
        </h2>
        <dl className="kv">
          <dt>Committee selected</dt>
          <dd>at the previous epoch’s voting end</dd>
          <dt>Started (epoch change)</dt>
          <dd>
            <DateTime value={e.startedAt} />
            {e.startCheckpoint ? ` · checkpoint ${e.startCheckpoint}` : ''}
          </dd>
          <dt>{e.syncTimedOut ? 'Epoch change completed (sync timed out)' : 'Committee in sync'}</dt>
          <dd data-testid="epoch-sync">
            <DateTime value={e.doneAt} />
            {e.syncTimedOut ? (
              <div className="hint">
                Members holding 2/3 of the shards had not confirmed sync by half of the epoch, so the change completed
                without them. Did not sync:{' '}
                {e.unsyncedNodeIds.map((nodeId, i) => (
                  <span key={nodeId}>
                    {i > 0 ? ', ' : ''}
                    <NodeLink nodeId={nodeId} name={data.committee.find((m) => m.nodeId === nodeId)?.name ?? null} />
                  </span>
                ))}
                .
              </div>
            ) : null}
          </dd>
          <dt>Voting end (next committee chosen)</dt>
          <dd>{e.votingEndedAt ? <DateTime value={e.votingEndedAt} /> : <span className="muted">not yet</span>}</dd>
        </dl>
      </section>

      <div className="grid">
        <Stat label="Total stake">
          <Wal frost={e.totalStake} compact />
        </Stat>
        <Stat label="Committee" hint={`${e.committeeShards ?? '—'} shards`}>
          {e.committeeSize ?? '—'} nodes
        </Stat>
        <Stat
          label="Rewards distributed"
          hint={
            <>
              burned: <Wal frost={e.burned} />
            </>
          }
        >
          <Wal frost={e.rewards} />
        </Stat>
        <Stat label="APY" hint="stake-weighted, committee pools">
          <Percent ratio={e.apy} />
        </Stat>
        <Stat
          label="Stake activated"
          hint={
            <>
              withdrawn: <Wal frost={data.flows.withdrawn} />
            </>
          }
        >
          <Wal frost={data.flows.activated} />
        </Stat>
        <Stat label="Commission taken">
          <Wal frost={data.flows.commission} />
        </Stat>
        <Stat
          label="Fees paid"
          hint={
            data.fees ? `${data.fees.storageReservations} reservations, ${data.fees.blobsRegistered} blobs` : undefined
          }
        >
          <Wal frost={data.fees ? BigInt(data.fees.storagePaid) + BigInt(data.fees.writeFees) : null} />
        </Stat>
        <Stat
          label="Capacity"
          hint={
            <>
              storage <Price frost={e.storagePrice} per="/MiB/epoch" />
            </>
          }
        >
          <Bytes bytes={e.capacity} />
        </Stat>
      </div>

      <DataTable
        caption={`Committee (${data.committee.length} nodes)`}
        rows={data.committee}
        rowKey={(row) => row.nodeId}
        testId="epoch-committee"
        columns={[
          { key: 'node', header: 'Node', cell: (row) => <NodeLink nodeId={row.nodeId} name={row.name} /> },
          { key: 'shards', header: 'Shards', numeric: true, cell: (row) => row.shards },
          {
            key: 'received',
            header: 'Synced shards',
            numeric: true,
            cell: (row) =>
              row.receivedShards === null ? <span className="muted">not reported</span> : row.receivedShards,
          },
          { key: 'stake', header: 'Stake', numeric: true, cell: (row) => <Wal frost={row.stake} compact /> },
          { key: 'rewards', header: 'Rewards', numeric: true, cell: (row) => <Wal frost={row.rewards} /> },
          { key: 'commission', header: 'Commission', numeric: true, cell: (row) => <Wal frost={row.commission} /> },
          { key: 'apy', header: 'APY', numeric: true, cell: (row) => <Percent ratio={row.apy} /> },
        ]}
        empty="The committee of this epoch is not indexed."
      />

      <div className="grid grid--wide">
        <DataTable
          caption="Parameters changed"
          rows={data.parameters}
          rowKey={(row) => row.name}
          columns={[
            { key: 'name', header: 'Parameter', cell: (row) => <code>{row.name}</code> },
            { key: 'value', header: 'New value', numeric: true, cell: (row) => row.value },
          ]}
          empty="No governed parameter changed at this epoch."
        />
        <DataTable
          caption="Slashes"
          rows={data.slashes}
          rowKey={(row, index) => `${row.nodeId}-${index}`}
          columns={[
            { key: 'node', header: 'Node', cell: (row) => <NodeLink nodeId={row.nodeId} name={row.name} /> },
            { key: 'stake', header: 'Stake burned', numeric: true, cell: (row) => <Wal frost={row.stakeBurned} /> },
            {
              key: 'commission',
              header: 'Commission burned',
              numeric: true,
              cell: (row) => <Wal frost={row.commissionBurned} />,
            },
          ]}
          empty="No slash in this epoch."
        />
        <DataTable
          caption="Proposals decided"
          rows={data.proposalsEnded}
          rowKey={(row) => row.proposalId}
          columns={[
            {
              key: 'title',
              header: 'Proposal',
              cell: (row) => <Link href={`/governance/${row.proposalId}`}>{row.title}</Link>,
            },
            { key: 'status', header: 'Outcome', cell: (row) => <ProposalBadge status={row.status} /> },
          ]}
          empty="No proposal was decided in this epoch."
        />
      </div>
    </div>
  );
}
