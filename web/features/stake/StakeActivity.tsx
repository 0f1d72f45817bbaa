'use client';
/** The address's delegation events (stake, withdrawal request, withdrawal, split, merge), newest first, paged. */
import { useState } from 'react';
import { useEndpoint } from '../data/live.ts';
import { Wal } from '../ui/Amount.tsx';
import { DataTable } from '../ui/DataTable.tsx';
import { NodeLink } from '../ui/Ids.tsx';
import { DateTime } from '../ui/Time.tsx';

const PAGE_SIZE = 25;

export function StakeActivity({ address }: { address: string }) {
  const [page, setPage] = useState(0);
  const { data: events } = useEndpoint(
    'accountEvents',
    { address, limit: PAGE_SIZE, offset: page * PAGE_SIZE },
    { intervalMs: 15_000 },
  );
  return (
    <section aria-labelledby="activity">
      <h2 id="activity">Activity</h2>
      <DataTable
        caption="Delegation events"
        captionHidden
        rows={events?.rows ?? []}
        rowKey={(row, index) => `${row.txDigest}-${index}`}
        columns={[
          {
            key: 'when',
            header: 'When',
            cell: (row) => (
              <>
                <DateTime value={row.timestamp} />
                <div className="hint">epoch {row.epoch}</div>
              </>
            ),
          },
          {
            key: 'what',
            header: 'Event',
            cell: (row) => <EventLabel kind={row.kind} effectiveEpoch={row.effectiveEpoch} />,
          },
          {
            key: 'node',
            header: 'Node',
            cell: (row) => (row.nodeId ? <NodeLink nodeId={row.nodeId} name={row.nodeName} /> : '—'),
          },
          { key: 'amount', header: 'Amount', numeric: true, cell: (row) => <Wal frost={row.amount} /> },
          {
            key: 'tx',
            header: 'Transaction',
            cell: (row) => (
              <span className="mono" title={row.txDigest}>
                {row.txDigest.slice(0, 10)}…
              </span>
            ),
          },
        ]}
        empty="No activity yet."
      />
      {events && events.total > PAGE_SIZE ? (
        <nav className="pager" aria-label="Activity pages">
          <span>
            {page * PAGE_SIZE + 1}–{Math.min((page + 1) * PAGE_SIZE, events.total)} of {events.total}
          </span>
          <button
            type="button"
            className="button button--secondary button--small"
            disabled={page === 0}
            onClick={() => setPage((p) => p - 1)}
          >
            Newer
          </button>
          <button
            type="button"
            className="button button--secondary button--small"
            disabled={(page + 1) * PAGE_SIZE >= events.total}
            onClick={() => setPage((p) => p + 1)}
          >
            Older
          </button>
        </nav>
      ) : null}
    </section>
  );
}

function EventLabel({ kind, effectiveEpoch }: { kind: string; effectiveEpoch: number | null }) {
  switch (kind) {
    case 'deposited':
      return <>Staked{effectiveEpoch !== null ? ` (active from epoch ${effectiveEpoch})` : ''}</>;
    case 'withdraw_requested':
      return <>Requested withdrawal{effectiveEpoch !== null ? ` (from epoch ${effectiveEpoch})` : ''}</>;
    case 'withdrawn':
      return <>Withdrew</>;
    case 'split':
      return <>Split</>;
    case 'joined':
      return <>Merged</>;
    default:
      return <>{kind}</>;
  }
}
